//! What changed between two progress values, in words: `done bert, gpt-1; note on bert`. Used
//! for sync's commit messages and for what it says came in and went out.

use std::collections::BTreeMap;

use crate::progress::model::{Progress, Record, Status};

/// What happened to entries, grouped by what happened, each group's ids sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// `(kind of change, ids)`, in the order the kinds are listed in [`Kind`].
    groups: BTreeMap<Kind, Vec<String>>,
    /// How many entries changed at all.
    pub entries: usize,
}

/// The kinds of change, in the order they are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Done,
    Started,
    Skipped,
    Reset,
    Note,
    /// Dates only, or a note edited or removed by hand.
    Updated,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Done => "sync.change.done",
            Kind::Started => "sync.change.started",
            Kind::Skipped => "sync.change.skipped",
            Kind::Reset => "sync.change.reset",
            Kind::Note => "sync.change.note",
            Kind::Updated => "sync.change.updated",
        }
    }
}

impl Summary {
    /// What turned `before` into `after`.
    pub fn between(before: &Progress, after: &Progress) -> Summary {
        let mut summary = Summary::default();
        let ids = before.entries.keys().chain(after.entries.keys());
        let mut seen: Vec<&String> = ids.collect();
        seen.sort();
        seen.dedup();
        for id in seen {
            let (was, now) = (before.entries.get(id), after.entries.get(id));
            if was == now {
                continue;
            }
            summary.entries += 1;
            for kind in kinds(was, now) {
                // Ids come from another machine's file: shown, and committed, escaped.
                let shown = crate::text::sanitize::visible(id).into_owned();
                summary.groups.entry(kind).or_default().push(shown);
            }
        }
        summary
    }

    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// `done bert, gpt-1; note on bert` in the language `locale` names: the first
    /// [`Summary::SHOWN`] ids, then how many more, so a sync of thousands of entries is told in a
    /// line (and committed with a message git takes).
    pub fn words(&self, locale: &str) -> String {
        let separator = t!("sync.change.separator", locale = locale);
        let ids_separator = t!("sync.change.ids_separator", locale = locale);
        let mut room = Self::SHOWN;
        let mut left = 0;
        let mut told = Vec::new();
        for (kind, ids) in &self.groups {
            let shown = ids.len().min(room);
            room -= shown;
            left += ids.len() - shown;
            if shown > 0 {
                let ids = ids[..shown].join(&ids_separator);
                told.push(t!(kind.key(), locale = locale, ids = ids).into_owned());
            }
        }
        let mut words = told.join(&separator);
        if left > 0 {
            words.push_str(&t!(
                "sync.change.more",
                locale = locale,
                count = grouped(left)
            ));
        }
        words
    }

    /// How many ids [`Summary::words`] names before it counts the rest.
    pub const SHOWN: usize = 20;
}

/// `5980` as `5,980`.
fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The notes edited differently on both sides, each kept in both versions by the merge: for
/// each, its number in the common ancestor's record (from 1) and the entry's id, escaped.
pub fn united(base: &Progress, ours: &Progress, theirs: &Progress) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (id, was) in &base.entries {
        let (Some(a), Some(b)) = (ours.entries.get(id), theirs.entries.get(id)) else {
            continue;
        };
        let new_in = |side: &Record| side.notes.iter().any(|n| !was.notes.contains(n));
        if !new_in(a) || !new_in(b) || a.notes == b.notes {
            continue;
        }
        for (number, note) in was.notes.iter().enumerate() {
            if !a.notes.contains(note) && !b.notes.contains(note) {
                found.push((number + 1, crate::text::sanitize::visible(id).into_owned()));
            }
        }
    }
    found
}

/// The kinds of change from one record to the other (`None`: no record, which is todo).
fn kinds(was: Option<&Record>, now: Option<&Record>) -> Vec<Kind> {
    let status = |r: Option<&Record>| r.map_or(Status::Todo, |r| r.status);
    fn notes(r: Option<&Record>) -> &[crate::progress::model::Note] {
        r.map_or(&[], |r| r.notes.as_slice())
    }
    let mut kinds = Vec::new();
    if status(was) != status(now) {
        kinds.push(match status(now) {
            Status::Done => Kind::Done,
            Status::Reading => Kind::Started,
            Status::Skipped => Kind::Skipped,
            Status::Todo => Kind::Reset,
        });
    }
    // A note added, edited or deleted is told the same on the machine that made the change and
    // on the one it reaches, whatever the merge did with the other side's notes.
    if notes(now) != notes(was) {
        kinds.push(Kind::Note);
    }
    if kinds.is_empty() {
        kinds.push(Kind::Updated);
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::model::Note;

    fn record(status: Status, notes: usize) -> Record {
        let at = "2026-03-01T09:00:00Z".parse().unwrap();
        Record {
            status,
            changed: at,
            started: None,
            finished: None,
            notes: (0..notes)
                .map(|i| Note {
                    at,
                    text: format!("note {i}"),
                })
                .collect(),
        }
    }

    #[test]
    fn an_id_is_told_with_its_control_characters_escaped() {
        let after = Progress::of(&[("evil\u{1b}[2J\u{202e}", record(Status::Done, 0))]);
        let words = Summary::between(&Progress::default(), &after).words("en");
        assert_eq!(words, "done evil\\u{1b}[2J\\u{202e}");
    }

    #[test]
    fn changes_are_told_grouped_by_what_happened() {
        let before = Progress::of(&[
            ("bert", record(Status::Reading, 0)),
            ("lora", record(Status::Done, 0)),
        ]);
        let after = Progress::of(&[
            ("bert", record(Status::Done, 1)),
            ("gpt-1", record(Status::Done, 0)),
            ("ppo", record(Status::Todo, 1)),
        ]);
        let summary = Summary::between(&before, &after);
        assert_eq!(summary.entries, 4);
        assert_eq!(
            summary.words("en"),
            "done bert, gpt-1; reset lora; note on bert, ppo"
        );
        assert_eq!(
            summary.words("zh"),
            "读完 bert、gpt-1；重置 lora；笔记 bert、ppo"
        );
    }

    #[test]
    fn past_twenty_ids_the_rest_are_counted() {
        let after = Progress {
            entries: (0..6000)
                .map(|i| (format!("e-{i:04}"), record(Status::Done, 0)))
                .collect(),
        };
        let words = Summary::between(&Progress::default(), &after).words("en");
        assert!(words.starts_with("done e-0000, e-0001"), "{words}");
        assert!(words.ends_with("e-0019 and 5,980 more"), "{words}");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(grouped(12), "12");
    }

    #[test]
    fn no_change_is_an_empty_summary() {
        let same = Progress::of(&[("bert", record(Status::Done, 0))]);
        assert!(Summary::between(&same, &same).is_empty());
        assert_eq!(Summary::between(&same, &same).words("en"), "");
    }
}
