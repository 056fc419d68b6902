//! Records from another machine (an import, a sync's remote): what lpath takes in, and what it
//! refuses before anything is merged (pure).

use jiff::{SignedDuration, Timestamp};

use crate::error::{Error, Result};
use crate::progress::model::Progress;
use crate::text::kebab::is_kebab;
use crate::{output::render, text::sanitize};

/// Refuses records no lpath writes: an id that is not kebab-case, an empty note (`lpath note`
/// refuses one), a note with a control, bidi or invisible character, or a time more than a day past this machine's clock. A record from
/// the future would win every later merge, since a merge keeps the later change; a day of slack
/// allows for time zones and a clock a little off.
pub fn check_records(incoming: &Progress, now: Timestamp) -> Result<()> {
    let latest = now
        .checked_add(SignedDuration::from_hours(24))
        .unwrap_or(Timestamp::MAX);
    for (id, record) in &incoming.entries {
        if !is_kebab(id) {
            return Err(Error::failure(t!(
                "import.not_kebab",
                id = crate::text::sanitize::visible(id)
            ))
            .with_hint(t!("import.not_kebab_hint")));
        }
        if record.notes.iter().any(|n| n.text.trim().is_empty()) {
            return Err(Error::failure(t!(
                "import.refused.empty_note",
                id = crate::text::sanitize::visible(id)
            ))
            .with_hint(t!("import.refused.empty_note_hint")));
        }
        if record
            .notes
            .iter()
            .any(|n| n.text.split('\n').any(sanitize::has_hidden))
        {
            return Err(Error::failure(t!(
                "import.refused.hidden_note",
                id = crate::text::sanitize::visible(id)
            ))
            .with_hint(t!("import.refused.hidden_note_hint")));
        }
        let times = [
            ("import.future.changed", Some(record.changed)),
            ("import.future.started", record.started),
            ("import.future.finished", record.finished),
        ]
        .into_iter()
        .filter_map(|(what, at)| at.map(|at| (what, at)))
        .chain(record.notes.iter().map(|n| ("import.future.note", n.at)));
        for (key, at) in times {
            if at > latest {
                let date = render::local_date(at);
                return Err(Error::failure(t!(key, id = id, date = date))
                    .with_hint(t!("import.future_hint")));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::model::{Note, Record, Status};

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn one(id: &str, record: Record) -> Progress {
        Progress {
            entries: [(id.to_string(), record)].into(),
        }
    }

    fn done(when: &str) -> Record {
        Record {
            status: Status::Done,
            changed: at(when),
            started: None,
            finished: Some(at(when)),
            notes: Vec::new(),
        }
    }

    const NOW: &str = "2026-03-01T12:00:00Z";

    #[test]
    fn a_record_with_an_empty_note_is_refused_as_note_refuses_one() {
        let mut record = done(NOW);
        record.notes.push(Note {
            at: at(NOW),
            text: " \n ".into(),
        });
        let err = check_records(&one("bert", record), at(NOW)).unwrap_err();
        assert_eq!(err.message, "record `bert` has an empty note");
    }

    #[test]
    fn records_with_an_id_that_is_not_kebab_case_are_refused() {
        let err = check_records(&one("Bad Id", done(NOW)), at(NOW)).unwrap_err();
        assert_eq!(
            err.message,
            "record `Bad Id` has an id that is not kebab-case"
        );
        assert!(check_records(&one("bert-2", done(NOW)), at(NOW)).is_ok());
    }

    #[test]
    fn records_more_than_a_day_ahead_are_refused_naming_the_time() {
        let now = at(NOW);
        assert!(check_records(&one("bert", done("2026-03-02T11:59:00Z")), now).is_ok());
        let err = check_records(&one("x", done("2030-01-01T12:00:00Z")), now).unwrap_err();
        assert_eq!(
            err.message,
            "record `x` changed 2030-01-01, in the future; check that machine's clock"
        );
        let mut record = done(NOW);
        record.started = Some(at("2030-01-01T12:00:00Z"));
        let err = check_records(&one("x", record.clone()), now).unwrap_err();
        assert!(
            err.message.contains("`x` started 2030-01-01"),
            "{}",
            err.message
        );
        record.started = None;
        record.notes.push(Note {
            at: at("2031-05-05T12:00:00Z"),
            text: "from the future".into(),
        });
        let err = check_records(&one("x", record), now).unwrap_err();
        assert!(
            err.message.contains("`x` has a note from 2031-05-05"),
            "{}",
            err.message
        );
    }
}
