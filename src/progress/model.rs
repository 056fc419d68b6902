//! A learner's progress: status, dates and notes per entry id, and its TOML file format.

use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::catalog::entry::Entry;

/// The progress file format this build reads and writes.
pub const FORMAT: i64 = 1;

pub(crate) const HEADER: &str =
    "# lpath progress: what you have read. Written by lpath; safe to keep in git.\n";

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Todo,
    Reading,
    Done,
    Skipped,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Todo, Status::Reading, Status::Done, Status::Skipped];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::Reading => "reading",
            Status::Done => "done",
            Status::Skipped => "skipped",
        }
    }

    /// Whether `mark` moves an entry from this status to `next`. Starting or skipping an entry
    /// already read would silently drop its finish date, so a done entry goes back only by `reset`.
    pub fn can_become(self, next: Status) -> bool {
        self != next && !(self == Status::Done && matches!(next, Status::Reading | Status::Skipped))
    }

    /// Done or skipped: enough for whatever requires it.
    pub fn is_covered(self) -> bool {
        matches!(self, Status::Done | Status::Skipped)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    #[serde(with = "crate::progress::stamp")]
    pub at: Timestamp,
    pub text: String,
}

/// What the learner has done with one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub status: Status,
    /// When the status last changed.
    #[serde(with = "crate::progress::stamp")]
    pub changed: Timestamp,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::progress::stamp::option"
    )]
    pub started: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::progress::stamp::option"
    )]
    pub finished: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Record {
    fn set_status(&mut self, status: Status, now: Timestamp) {
        self.status = status;
        self.changed = now;
        match status {
            Status::Todo => {
                self.started = None;
                self.finished = None;
            }
            Status::Reading => {
                self.started = Some(now);
                self.finished = None;
            }
            Status::Done => self.finish(now),
            Status::Skipped => self.finished = None,
        }
    }

    /// Finished at `at`. A start recorded after that (`start` today, then `done --on` an earlier
    /// day) cannot be when the reading began, so it is dropped rather than kept after the finish.
    fn finish(&mut self, at: Timestamp) {
        self.finished = Some(at);
        if self.started.is_some_and(|started| started > at) {
            self.started = None;
        }
    }

    fn new(now: Timestamp) -> Self {
        Record {
            status: Status::Todo,
            changed: now,
            started: None,
            finished: None,
            notes: Vec::new(),
        }
    }
}

/// Every record, keyed by entry id. Ids no catalog knows are kept as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub entries: BTreeMap<String, Record>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
    format: i64,
    #[serde(default, rename = "entry")]
    entries: BTreeMap<String, Record>,
}

#[derive(Deserialize)]
struct FormatOnly {
    format: Option<toml::Value>,
}

/// Why a progress file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Written by a newer lpath.
    Newer(i64),
    /// Not a progress file this build understands; the text says where and why.
    Invalid(String),
}

/// Parses a versioned lpath file (`format = N` at the top): `format_of` reads the version back out
/// of the parsed value, and a newer version says "upgrade" rather than "broken".
pub(crate) fn parse_versioned<F: serde::de::DeserializeOwned>(
    text: &str,
    known: i64,
    format_of: impl Fn(&F) -> i64,
) -> Result<F, ParseError> {
    // An empty file is what a crashed non-atomic writer (an editor, a sync tool) leaves: say so.
    if text.trim().is_empty() {
        return Err(ParseError::Invalid(t!("parse.empty").into_owned()));
    }
    match toml::from_str::<F>(text) {
        Ok(file) if format_of(&file) == known => Ok(file),
        Ok(file) if format_of(&file) > known => Err(ParseError::Newer(format_of(&file))),
        Ok(file) => Err(ParseError::Invalid(
            t!("parse.unknown_format", format = format_of(&file)).into_owned(),
        )),
        Err(err) => {
            // A newer format may have a shape this build cannot read: say "upgrade", not "broken".
            if let Ok(FormatOnly {
                format: Some(toml::Value::Integer(n)),
            }) = toml::from_str::<FormatOnly>(text)
                && n > known
            {
                return Err(ParseError::Newer(n));
            }
            let (line, column) = err
                .span()
                .map(|s| crate::text::position::line_column(text, s.start))
                .unwrap_or((1, 1));
            let message = crate::text::toml_message::describe(err.message());
            Err(ParseError::Invalid(
                t!("parse.at", line = line, column = column, message = message).into_owned(),
            ))
        }
    }
}

/// A versioned lpath file's text: a comment header, then `file` (which carries `format`), written
/// deterministically. Serialising these plain structs cannot fail; if it ever did, the header and
/// format still say what the file is.
pub(crate) fn to_versioned_toml<F: Serialize>(header: &str, format: i64, file: &F) -> String {
    let body = toml::to_string(file).unwrap_or_else(|_| format!("format = {format}\n"));
    format!("{header}{body}")
}

impl Progress {
    /// A progress holding `records`, for tests.
    #[cfg(test)]
    pub(crate) fn of(records: &[(&str, Record)]) -> Progress {
        Progress {
            entries: records
                .iter()
                .map(|(id, record)| (id.to_string(), record.clone()))
                .collect(),
        }
    }

    /// `parse` through the general TOML parser: what the fast path must agree with.
    pub(crate) fn parse_toml(text: &str) -> Result<Progress, ParseError> {
        parse_versioned(text, FORMAT, |file: &FileV1| file.format).map(|file| Progress {
            entries: file.entries,
        })
    }

    /// `to_toml` through the general TOML writer: what the fast path must agree with.
    pub(crate) fn write_toml(&self) -> String {
        let file = FileV1 {
            format: FORMAT,
            entries: self.entries.clone(),
        };
        to_versioned_toml(HEADER, FORMAT, &file)
    }

    /// The record for an entry, found by its id or, for a renamed entry, by one of its aliases.
    pub fn record(&self, entry: &Entry) -> Option<&Record> {
        self.key_for(entry).and_then(|key| self.entries.get(key))
    }

    pub fn status(&self, entry: &Entry) -> Status {
        self.record(entry).map_or(Status::Todo, |r| r.status)
    }

    /// The key the entry's record is kept under: its id, or an alias it had before a rename.
    pub fn key_for<'a>(&self, entry: &'a Entry) -> Option<&'a str> {
        std::iter::once(&entry.id)
            .chain(entry.aliases.iter())
            .find(|key| self.entries.contains_key(key.as_str()))
            .map(String::as_str)
    }

    /// The record to change for `entry`, moved to its current id if it was kept under an alias.
    fn record_mut(&mut self, entry: &Entry, now: Timestamp) -> &mut Record {
        if let Some(key) = self.key_for(entry)
            && key != entry.id
            && let Some(record) = self.entries.remove(key)
        {
            self.entries.insert(entry.id.clone(), record);
        }
        self.entries
            .entry(entry.id.clone())
            .or_insert_with(|| Record::new(now))
    }

    /// Sets an entry's status. Returns false, changing nothing, when it already had that status or
    /// is done and `status` is reading or skipped (see `Status::can_become`).
    pub fn mark(&mut self, entry: &Entry, status: Status, now: Timestamp) -> bool {
        if !self.status(entry).can_become(status) {
            return false;
        }
        let record = self.record_mut(entry, now);
        record.set_status(status, now);
        if status == Status::Todo && record.notes.is_empty() {
            self.entries.remove(&entry.id);
        }
        true
    }

    /// Moves a done entry's finish to `at` (`done --on` on an entry already done). Returns false,
    /// changing nothing, when the entry is not done.
    pub fn refinish(&mut self, entry: &Entry, at: Timestamp) -> bool {
        if self.status(entry) != Status::Done {
            return false;
        }
        let record = self.record_mut(entry, at);
        record.finish(at);
        record.changed = at;
        true
    }

    /// Puts every record back to `todo`, ids no catalog knows included; notes are kept. Returns
    /// how many records changed.
    pub fn reset_all(&mut self, now: Timestamp) -> usize {
        let mut changed = 0;
        self.entries.retain(|_, record| {
            if record.status == Status::Todo {
                return true;
            }
            record.set_status(Status::Todo, now);
            changed += 1;
            !record.notes.is_empty()
        });
        changed
    }

    /// Takes out an entry's `number`th note (from 1, as `lpath note <ID>` numbers them), or
    /// returns `None`, changing nothing, when it has no such note.
    pub fn delete_note(&mut self, entry: &Entry, number: usize) -> Option<Note> {
        let key = self.key_for(entry)?.to_string();
        let record = self.entries.get_mut(&key)?;
        let index = number.checked_sub(1).filter(|&i| i < record.notes.len())?;
        let note = record.notes.remove(index);
        // A todo record was kept only for its notes.
        if record.status == Status::Todo && record.notes.is_empty() {
            self.entries.remove(&key);
        }
        Some(note)
    }

    /// Replaces the text of an entry's `number`th note, keeping when it was written. Returns
    /// false, changing nothing, when it has no such note.
    pub fn edit_note(&mut self, entry: &Entry, number: usize, text: &str) -> bool {
        let Some(key) = self.key_for(entry).map(str::to_string) else {
            return false;
        };
        let Some(record) = self.entries.get_mut(&key) else {
            return false;
        };
        match number.checked_sub(1).and_then(|i| record.notes.get_mut(i)) {
            Some(note) => {
                note.text = text.to_string();
                true
            }
            None => false,
        }
    }

    /// Adds a note to an entry.
    pub fn add_note(&mut self, entry: &Entry, text: &str, now: Timestamp) {
        let record = self.record_mut(entry, now);
        record.notes.push(Note {
            at: now,
            text: text.to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::Catalog;

    fn catalog(ids: &[&str]) -> Catalog {
        let mut text = "format = 1\n[[track]]\nid = \"t\"\ntitle = \"T\"\n".to_string();
        for id in ids {
            text.push_str(&format!(
                "[[entry]]\nid = \"{id}\"\nkind = \"paper\"\ntitle = \"{id}\"\ntrack = \"t\"\nurl = \"https://example.org/{id}\"\n"
            ));
        }
        crate::catalog::model::from_toml(&text)
    }

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(second).unwrap()
    }

    #[test]
    fn notes_follow_the_entry_id_when_the_catalog_is_reordered() {
        let before = catalog(&["a", "b", "c"]);
        let mut progress = Progress::default();
        // Row 2 is `b` in this order.
        let b = before.path()[1];
        progress.add_note(&before.entries[b], "about b", at(1));
        let saved = Progress::parse(&progress.to_toml()).unwrap();

        let after = catalog(&["c", "b", "a", "d"]);
        let notes_of = |id: &str| {
            saved
                .record(&after.entries[after.get(id).unwrap()])
                .map(|r| r.notes.iter().map(|n| n.text.clone()).collect::<Vec<_>>())
        };
        assert_eq!(notes_of("b"), Some(vec!["about b".to_string()]));
        assert_eq!(notes_of("a"), None);
        assert_eq!(notes_of("c"), None);
    }

    #[test]
    fn reset_all_puts_every_status_back_and_keeps_notes() {
        let c = catalog(&["a", "b", "c"]);
        let mut progress = Progress::default();
        progress.mark(&c.entries[0], Status::Done, at(1));
        progress.mark(&c.entries[1], Status::Reading, at(1));
        progress.add_note(&c.entries[1], "keep me", at(2));
        progress.add_note(&c.entries[2], "todo with a note", at(2));
        assert_eq!(progress.reset_all(at(3)), 2);
        assert_eq!(progress.entries.keys().collect::<Vec<_>>(), ["b", "c"]);
        let b = &progress.entries["b"];
        assert_eq!(
            (b.status, b.started, b.changed),
            (Status::Todo, None, at(3))
        );
        assert_eq!(b.notes.len(), 1);
        assert_eq!(progress.reset_all(at(4)), 0);
    }

    #[test]
    fn a_finish_before_the_recorded_start_drops_the_start() {
        let c = catalog(&["a", "b"]);
        let (a, b) = (&c.entries[0], &c.entries[1]);
        let mut progress = Progress::default();
        progress.mark(a, Status::Reading, at(5));
        progress.mark(a, Status::Done, at(2));
        let record = progress.record(a).unwrap();
        assert_eq!((record.started, record.finished), (None, Some(at(2))));
        progress.mark(b, Status::Reading, at(1));
        progress.mark(b, Status::Done, at(4));
        progress.refinish(b, at(3));
        assert_eq!(progress.record(b).unwrap().started, Some(at(1)), "kept");
        progress.refinish(b, at(0));
        assert_eq!(progress.record(b).unwrap().started, None, "dropped");
    }

    #[test]
    fn mark_sets_started_and_finished() {
        let c = catalog(&["a"]);
        let a = &c.entries[0];
        let mut progress = Progress::default();
        progress.mark(a, Status::Reading, at(1));
        progress.mark(a, Status::Done, at(2));
        let record = progress.record(a).unwrap();
        assert_eq!(
            (record.started, record.finished),
            (Some(at(1)), Some(at(2)))
        );
        progress.mark(a, Status::Todo, at(3));
        progress.mark(a, Status::Skipped, at(3));
        assert_eq!(progress.record(a).unwrap().finished, None);
        assert!(progress.mark(a, Status::Todo, at(4)));
        assert_eq!(
            progress.record(a),
            None,
            "a todo without notes needs no record"
        );
    }

    #[test]
    fn start_or_skip_leaves_a_done_entry_and_its_finish_date_alone() {
        let c = catalog(&["a"]);
        let a = &c.entries[0];
        let mut progress = Progress::default();
        progress.mark(a, Status::Done, at(1));
        let done = progress.clone();
        assert!(!progress.mark(a, Status::Reading, at(2)));
        assert!(!progress.mark(a, Status::Skipped, at(3)));
        assert_eq!(progress, done);
        assert!(progress.mark(a, Status::Todo, at(4)), "reset still works");
        progress.mark(a, Status::Skipped, at(5));
        assert!(
            progress.mark(a, Status::Reading, at(6)),
            "a skipped entry can be started"
        );
    }

    #[test]
    fn notes_are_deleted_and_edited_by_their_number_from_one() {
        let c = catalog(&["a"]);
        let a = &c.entries[0];
        let mut progress = Progress::default();
        progress.add_note(a, "first", at(1));
        progress.add_note(a, "second", at(2));
        assert!(!progress.edit_note(a, 0, "x"));
        assert!(!progress.edit_note(a, 3, "x"));
        assert!(progress.edit_note(a, 2, "second, fixed"));
        assert_eq!(progress.delete_note(a, 3), None);
        assert_eq!(progress.delete_note(a, 1).unwrap().text, "first");
        let notes = &progress.record(a).unwrap().notes;
        assert_eq!(
            (notes.len(), notes[0].text.as_str(), notes[0].at),
            (1, "second, fixed", at(2))
        );
        progress.delete_note(a, 1);
        assert_eq!(
            progress.record(a),
            None,
            "a todo without notes needs no record"
        );
    }

    fn invalid(text: &str) -> String {
        match Progress::parse(text) {
            Err(ParseError::Invalid(reason)) => reason,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    fn record(status: Status) -> Record {
        Record {
            status,
            changed: "2026-01-01T00:00:00Z".parse().unwrap(),
            started: None,
            finished: None,
            notes: Vec::new(),
        }
    }

    #[test]
    fn an_empty_or_blank_file_is_invalid_and_says_it_is_empty() {
        assert_eq!(invalid(""), "it is empty");
        assert_eq!(invalid(" \n\t\n"), "it is empty");
    }

    #[test]
    fn a_message_about_a_broken_file_never_carries_raw_control_characters() {
        let reason = invalid("format = 1\n\"\\u001b[2J\" = 1\n");
        assert!(!reason.contains('\u{1b}'), "{reason:?}");
        assert!(reason.contains("\\u{1b}"), "{reason:?}");
    }

    #[test]
    fn a_newer_format_is_told_apart_from_a_broken_file_even_with_a_new_shape() {
        assert_eq!(
            Progress::parse("format = 2\n[entry.bert]\nmood = \"happy\"\n"),
            Err(ParseError::Newer(2))
        );
        assert_eq!(
            Progress::parse("format = 7\nshelves = []\n"),
            Err(ParseError::Newer(7))
        );
    }

    #[test]
    fn valid_toml_of_the_wrong_shape_is_invalid_with_a_position() {
        assert!(invalid("format = 1\nentry = 3\n").starts_with("line 2"));
        assert!(invalid("format = \"one\"\n").starts_with("line 1"));
        assert!(invalid("format = 1\n[entry.bert]\nstatus = \"finished\"\nchanged = \"2026-01-01T00:00:00Z\"\n").contains("finished"));
        assert_eq!(invalid("format = 0\n"), "unknown format 0");
    }

    #[test]
    fn the_same_progress_always_serialises_to_the_same_bytes_sorted_by_id() {
        let mut forwards = Progress::default();
        let mut backwards = Progress::default();
        let ids = ["zeta", "alpha", "mid-one", "beta"];
        for id in ids {
            forwards.entries.insert(id.into(), record(Status::Done));
        }
        for id in ids.iter().rev() {
            backwards.entries.insert((*id).into(), record(Status::Done));
        }
        let text = forwards.to_toml();
        assert_eq!(text, backwards.to_toml());
        let positions: Vec<usize> = ["alpha", "beta", "mid-one", "zeta"]
            .iter()
            .map(|id| text.find(&format!("[entry.{id}]")).unwrap())
            .collect();
        assert!(positions.is_sorted(), "{text}");
        assert_eq!(Progress::parse(&text).unwrap(), forwards);
        assert_eq!(Progress::parse(&text).unwrap().to_toml(), text);
    }
}

#[cfg(test)]
mod evolution_tests {
    //! Catalogs change under a learner's feet: entries are renamed, dropped and brought back.
    //! Their progress follows a rename through `aliases`, and is never dropped with an entry.
    //! Any text parses or fails cleanly, and what lpath writes, it reads back exactly.

    use super::*;
    use crate::catalog::model::{Catalog, Source};
    use proptest::prelude::*;

    /// A catalog of one track holding the given entries, each `(id, aliases)`.
    fn catalog(entries: &[(&str, &[&str])]) -> Catalog {
        let mut text = String::from("format = 1\n\n[[track]]\nid = \"t\"\ntitle = \"Track\"\n");
        for (id, aliases) in entries {
            let aliases: Vec<String> = aliases.iter().map(|a| format!("\"{a}\"")).collect();
            text.push_str(&format!(
                "\n[[entry]]\nid = \"{id}\"\nkind = \"paper\"\ntitle = \"Title of {id}\"\ntrack = \"t\"\nurl = \"https://example.org/{id}\"\naliases = [{}]\n",
                aliases.join(", ")
            ));
        }
        Catalog::build(&[Source {
            name: "test.toml".into(),
            text,
        }])
        .unwrap_or_else(|problems| panic!("the test catalog is invalid: {problems:?}"))
    }

    fn entry<'a>(catalog: &'a Catalog, id: &str) -> &'a Entry {
        let index = catalog.get(id).unwrap_or_else(|| panic!("no `{id}`"));
        &catalog.entries[index]
    }

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_780_000_000 + seconds).unwrap()
    }

    /// Progress with one entry of `catalog` set to `status`, saved and loaded again.
    fn saved_with(catalog: &Catalog, id: &str, status: Status) -> Progress {
        let mut progress = Progress::default();
        progress.mark(entry(catalog, id), status, at(1));
        saved(&progress)
    }

    /// Saves and loads again, as the next run of lpath would.
    fn saved(progress: &Progress) -> Progress {
        Progress::parse(&progress.to_toml()).expect("what lpath writes, it reads")
    }

    #[test]
    fn an_entry_renamed_with_its_old_id_as_an_alias_keeps_its_record() {
        let before = catalog(&[("attention", &[])]);
        let progress = saved_with(&before, "attention", Status::Done);

        let after = catalog(&[("attention-is-all-you-need", &["attention"])]);
        let renamed = entry(&after, "attention-is-all-you-need");
        assert_eq!(progress.status(renamed), Status::Done);
        assert_eq!(progress.record(renamed).unwrap().finished, Some(at(1)));
    }

    #[test]
    fn a_renamed_entrys_record_moves_to_the_new_id_on_its_next_change_with_its_history() {
        let before = catalog(&[("attention", &[])]);
        let mut progress = saved_with(&before, "attention", Status::Reading);

        let after = catalog(&[("attention-is-all-you-need", &["attention"])]);
        let renamed = entry(&after, "attention-is-all-you-need");
        assert!(progress.mark(renamed, Status::Done, at(2)));
        let progress = saved(&progress);
        assert_eq!(
            progress.entries.keys().collect::<Vec<_>>(),
            ["attention-is-all-you-need"]
        );
        let record = progress.record(renamed).unwrap();
        assert_eq!(record.status, Status::Done);
        assert_eq!(record.started, Some(at(1)), "the start survives the move");
        assert_eq!(record.finished, Some(at(2)));
    }

    #[test]
    fn a_record_follows_an_entry_renamed_twice() {
        let first = catalog(&[("attention", &[])]);
        let progress = saved_with(&first, "attention", Status::Done);

        let third = catalog(&[(
            "transformer-paper",
            &["attention-is-all-you-need", "attention"],
        )]);
        assert_eq!(
            progress.status(entry(&third, "transformer-paper")),
            Status::Done
        );
    }

    #[test]
    fn a_record_for_an_entry_the_catalog_dropped_survives_saves_and_comes_back_with_it() {
        let full = catalog(&[("kept", &[]), ("dropped", &[]), ("later", &[])]);
        let mut progress = Progress::default();
        progress.mark(entry(&full, "dropped"), Status::Done, at(1));
        progress.add_note(
            entry(&full, "dropped"),
            "read twice; section 3 is the key",
            at(2),
        );
        let original: Record = progress.entries["dropped"].clone();

        // Several runs with a catalog that no longer lists it, each changing something else.
        let without = catalog(&[("kept", &[]), ("later", &[])]);
        let mut progress = saved(&progress);
        for (step, (id, status)) in [
            ("kept", Status::Reading),
            ("later", Status::Done),
            ("kept", Status::Done),
            ("later", Status::Todo),
        ]
        .into_iter()
        .enumerate()
        {
            assert!(progress.mark(entry(&without, id), status, at(10 + step as i64)));
            progress = saved(&progress);
            assert_eq!(
                progress.entries.get("dropped"),
                Some(&original),
                "step {step}"
            );
        }

        let back = catalog(&[("kept", &[]), ("dropped", &[]), ("later", &[])]);
        let returned = entry(&back, "dropped");
        assert_eq!(progress.status(returned), Status::Done);
        assert_eq!(progress.record(returned), Some(&original));
    }

    /// Records written by another catalog: ids this one has never heard of.
    fn catalog_from_elsewhere() -> Progress {
        Progress::parse(
            "format = 1\n\n[entry.a-paper-from-elsewhere]\nstatus = \"done\"\nchanged = \"2025-01-01T00:00:00Z\"\nfinished = \"2025-01-01T00:00:00Z\"\n\n[entry.retired-blog]\nstatus = \"reading\"\nchanged = \"2025-02-01T00:00:00Z\"\nstarted = \"2025-02-01T00:00:00Z\"\n\n[[entry.retired-blog.notes]]\nat = \"2025-02-02T00:00:00Z\"\ntext = \"good diagrams\"\n",
        )
        .unwrap()
    }

    fn any_timestamp() -> impl Strategy<Value = Timestamp> {
        (
            Timestamp::MIN.as_second()..=Timestamp::MAX.as_second(),
            0..1_000_000_000i32,
        )
            .prop_filter_map("in range", |(s, n)| Timestamp::new(s, n).ok())
    }

    fn any_record() -> impl Strategy<Value = Record> {
        (
            0..4usize,
            any_timestamp(),
            proptest::option::of(any_timestamp()),
            proptest::option::of(any_timestamp()),
            prop::collection::vec((any_timestamp(), any::<String>()), 0..3),
        )
            .prop_map(|(status, changed, started, finished, notes)| Record {
                status: Status::ALL[status],
                changed,
                started,
                finished,
                notes: notes
                    .into_iter()
                    .map(|(at, text)| Note { at, text })
                    .collect(),
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever a learner does to the entries a catalog knows, the records it does not know
        /// come through every save exactly as they were.
        #[test]
        fn records_no_catalog_knows_survive_any_sequence_of_changes(
            steps in prop::collection::vec((0usize..4, 0usize..4, any::<bool>()), 0..24),
        ) {
            let known = ["alpha", "beta", "gamma", "delta"];
            let catalog = catalog(&known.map(|id| (id, &[][..])));
            let mut progress = Progress::default();
            let foreign = catalog_from_elsewhere();
            progress.entries.extend(foreign.entries.clone());
            for (step, (which, status, note)) in steps.into_iter().enumerate() {
                let entry = entry(&catalog, known[which]);
                if note {
                    progress.add_note(entry, &format!("note {step}"), at(step as i64));
                } else {
                    progress.mark(entry, Status::ALL[status], at(step as i64));
                }
                progress = saved(&progress);
                for (id, record) in &foreign.entries {
                    prop_assert_eq!(progress.entries.get(id), Some(record));
                }
            }
        }

        #[test]
        fn any_text_parses_or_fails_cleanly_and_what_parses_saves_back_the_same(
            text in any::<String>(),
        ) {
            if let Ok(progress) = Progress::parse(&text) {
                let saved = progress.to_toml();
                prop_assert_eq!(Progress::parse(&saved), Ok(progress));
            }
        }

        #[test]
        fn any_ids_and_note_texts_save_and_load_back_exactly_and_always_to_the_same_bytes(
            entries in prop::collection::btree_map(any::<String>(), any_record(), 0..6),
        ) {
            let progress = Progress { entries };
            let text = progress.to_toml();
            let loaded = Progress::parse(&text);
            prop_assert_eq!(loaded.as_ref(), Ok(&progress), "{}", text);
            prop_assert_eq!(loaded.unwrap().to_toml(), text);
        }

        #[test]
        fn any_note_text_on_any_entry_is_kept_word_for_word(
            index in 0..38usize,
            text in any::<String>(),
            at in any_timestamp(),
        ) {
            let catalog = Catalog::bundled().unwrap();
            let entry = &catalog.entries[index % catalog.len()];
            let mut progress = Progress::default();
            progress.add_note(entry, &text, at);
            let loaded = Progress::parse(&progress.to_toml()).unwrap();
            prop_assert_eq!(&loaded.record(entry).unwrap().notes[0].text, &text);
        }
    }
}
