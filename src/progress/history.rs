//! The undo journal: each change to the progress, as what it changed (status, dates, the notes
//! it replaced), kept as text so that adding or taking off one change never parses the others.
//!
//! A change is one `[[change]]` block whose entries are one inline table a line; no string in it
//! holds a raw new line, so a line `[[change]]` always starts a block. Format 1 journals (whole
//! records before each change) are read and rewritten as format 2 on the next change.

use jiff::Timestamp;
use serde::Deserialize;

use crate::progress::model::{Note, ParseError, Progress, Record, Status, parse_versioned};

/// The history file format this build writes; format 1 is read too.
pub const FORMAT: i64 = 2;

/// How many changes are kept; older ones drop off and can no longer be undone.
pub const KEEP: usize = 200;

const HEADER: &str =
    "# lpath history: the changes `lpath undo` can revert, oldest first. Written by lpath.\n";

/// The line that starts each change.
const BLOCK: &str = "[[change]]\n";

/// One change to the progress: what it was, and how to take it back.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    #[serde(with = "crate::progress::stamp")]
    pub at: Timestamp,
    /// What the learner asked for, as a command line: `done bert, roberta`.
    pub description: String,
    /// The progress file did not exist before this change, so undoing it removes the file again.
    #[serde(default)]
    pub created: bool,
    #[serde(default, rename = "entry")]
    pub entries: Vec<Before>,
}

/// What a change did to one record: its status and dates before, and the notes it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Before {
    pub id: String,
    /// The status before; `None`: the progress had no record under this id.
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default, with = "crate::progress::stamp::option")]
    pub changed: Option<Timestamp>,
    #[serde(default, with = "crate::progress::stamp::option")]
    pub started: Option<Timestamp>,
    #[serde(default, with = "crate::progress::stamp::option")]
    pub finished: Option<Timestamp>,
    /// The change replaced `notes_removed` at position `notes_at` with `notes_added` notes.
    #[serde(default)]
    pub notes_at: usize,
    #[serde(default)]
    pub notes_removed: Vec<Note>,
    /// `None` (from a format 1 journal): the change replaced all the notes.
    #[serde(default)]
    pub notes_added: Option<usize>,
}

impl Before {
    /// What turned `was` into `now` for the record `id`.
    fn of(id: &str, was: Option<&Record>, now: Option<&Record>) -> Before {
        let old: &[Note] = was.map_or(&[], |r| &r.notes);
        let new: &[Note] = now.map_or(&[], |r| &r.notes);
        // Only the notes between the common start and the common end changed: adding a note
        // journals nothing of the notes already there.
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let suffix = old[prefix..]
            .iter()
            .rev()
            .zip(new[prefix..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        Before {
            id: id.to_string(),
            status: was.map(|r| r.status),
            changed: was.map(|r| r.changed),
            started: was.and_then(|r| r.started),
            finished: was.and_then(|r| r.finished),
            notes_at: prefix,
            notes_removed: old[prefix..old.len() - suffix].to_vec(),
            notes_added: Some(new.len() - suffix - prefix),
        }
    }

    /// A format 1 entry: the whole record as it was.
    fn whole(id: String, record: Option<Record>) -> Before {
        Before {
            id,
            status: record.as_ref().map(|r| r.status),
            changed: record.as_ref().map(|r| r.changed),
            started: record.as_ref().and_then(|r| r.started),
            finished: record.as_ref().and_then(|r| r.finished),
            notes_at: 0,
            notes_removed: record.map(|r| r.notes).unwrap_or_default(),
            notes_added: None,
        }
    }

    /// Puts this record back as it was before the change, in `progress` as it is now.
    fn revert(&self, progress: &mut Progress) {
        let Some(status) = self.status else {
            progress.entries.remove(&self.id);
            return;
        };
        let now = self.changed.unwrap_or(Timestamp::UNIX_EPOCH);
        let record = progress
            .entries
            .entry(self.id.clone())
            .or_insert_with(|| Record {
                status,
                changed: now,
                started: None,
                finished: None,
                notes: Vec::new(),
            });
        record.status = status;
        record.changed = self.changed.unwrap_or(record.changed);
        record.started = self.started;
        record.finished = self.finished;
        let len = record.notes.len();
        let start = self.notes_at.min(len);
        let end = self
            .notes_added
            .map_or(len, |added| start.saturating_add(added).min(len));
        record
            .notes
            .splice(start..end, self.notes_removed.iter().cloned());
    }

    /// One line of the journal: an inline table.
    fn write(&self, out: &mut String) {
        out.push_str("  { id = ");
        quote(out, &self.id);
        if let Some(status) = self.status {
            out.push_str(", status = ");
            quote(out, status.as_str());
        }
        for (key, at) in [
            ("changed", self.changed),
            ("started", self.started),
            ("finished", self.finished),
        ] {
            if let Some(at) = at {
                out.push_str(&format!(", {key} = "));
                quote(out, &at.to_string());
            }
        }
        if self.notes_at > 0 {
            out.push_str(&format!(", notes_at = {}", self.notes_at));
        }
        if !self.notes_removed.is_empty() {
            out.push_str(", notes_removed = [");
            for (k, note) in self.notes_removed.iter().enumerate() {
                out.push_str(if k == 0 { "{ at = " } else { ", { at = " });
                quote(out, &note.at.to_string());
                out.push_str(", text = ");
                quote(out, &note.text);
                out.push_str(" }");
            }
            out.push(']');
        }
        if let Some(added) = self.notes_added.filter(|&n| n > 0) {
            out.push_str(&format!(", notes_added = {added}"));
        } else if self.notes_added.is_some() {
            out.push_str(", notes_added = 0");
        }
        out.push_str(" },\n");
    }
}

/// `text` as a TOML basic string on one line.
fn quote(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c < ' ' || c == '\u{7f}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

impl Change {
    /// What turned `before` into `after`, or `None` when they are the same.
    pub fn between(
        before: &Progress,
        after: &Progress,
        description: &str,
        at: Timestamp,
        created: bool,
    ) -> Option<Change> {
        // Both maps are sorted by id: one walk over the two side by side finds every id whose
        // record differs, in order, without looking each id up in the other map.
        let mut entries: Vec<Before> = Vec::new();
        let mut old = before.entries.iter().peekable();
        let mut new = after.entries.iter().peekable();
        loop {
            match (old.peek(), new.peek()) {
                (None, None) => break,
                (Some(&(id, was)), None) => {
                    entries.push(Before::of(id, Some(was), None));
                    old.next();
                }
                (None, Some(&(id, now))) => {
                    entries.push(Before::of(id, None, Some(now)));
                    new.next();
                }
                (Some(&(a, was)), Some(&(b, now))) => match a.cmp(b) {
                    std::cmp::Ordering::Less => {
                        entries.push(Before::of(a, Some(was), None));
                        old.next();
                    }
                    std::cmp::Ordering::Greater => {
                        entries.push(Before::of(b, None, Some(now)));
                        new.next();
                    }
                    std::cmp::Ordering::Equal => {
                        if was != now {
                            entries.push(Before::of(a, Some(was), Some(now)));
                        }
                        old.next();
                        new.next();
                    }
                },
            }
        }
        if entries.is_empty() {
            return None;
        }
        Some(Change {
            at,
            description: description.to_string(),
            created,
            entries,
        })
    }

    /// Puts every record this change touched back as it was.
    pub fn revert(&self, progress: &mut Progress) {
        for before in self.entries.iter().rev() {
            before.revert(progress);
        }
    }

    /// The change as one block of the journal.
    fn block(&self) -> String {
        let mut out = String::from(BLOCK);
        out.push_str("at = ");
        quote(&mut out, &self.at.to_string());
        out.push_str("\ndescription = ");
        quote(&mut out, &self.description);
        out.push('\n');
        if self.created {
            out.push_str("created = true\n");
        }
        out.push_str("entry = [\n");
        for before in &self.entries {
            before.write(&mut out);
        }
        out.push_str("]\n");
        out
    }
}

/// The journal, parsed: changes oldest first, at most [`KEEP`] of them. For `log` and `doctor`;
/// a change to the progress goes through [`Journal`] instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub changes: Vec<Change>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV2 {
    format: i64,
    #[serde(default, rename = "change")]
    changes: Vec<Change>,
}

/// A format 1 journal: whole records.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
    format: i64,
    #[serde(default, rename = "change")]
    changes: Vec<ChangeV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeV1 {
    #[serde(with = "crate::progress::stamp")]
    at: Timestamp,
    description: String,
    #[serde(default)]
    created: bool,
    #[serde(default, rename = "entry")]
    entries: Vec<BeforeV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BeforeV1 {
    id: String,
    #[serde(default)]
    record: Option<Record>,
}

#[derive(Deserialize)]
struct FormatOnly {
    format: Option<toml::Value>,
}

impl History {
    pub fn parse(text: &str) -> Result<History, ParseError> {
        if format_of(text) == Some(1) {
            return parse_v1(text);
        }
        parse_versioned(text, FORMAT, |file: &FileV2| file.format).map(|file| History {
            changes: file.changes,
        })
    }
}

fn parse_v1(text: &str) -> Result<History, ParseError> {
    parse_versioned(text, 1, |file: &FileV1| file.format).map(|file| History {
        changes: file
            .changes
            .into_iter()
            .map(|c| Change {
                at: c.at,
                description: c.description,
                created: c.created,
                entries: c
                    .entries
                    .into_iter()
                    .map(|b| Before::whole(b.id, b.record))
                    .collect(),
            })
            .collect(),
    })
}

/// The `format` a journal's text declares before its first change, when it says one.
fn format_of(text: &str) -> Option<i64> {
    let head = &text[..first_block(text).unwrap_or(text.len())];
    match toml::from_str::<FormatOnly>(head) {
        Ok(FormatOnly {
            format: Some(toml::Value::Integer(n)),
        }) => Some(n),
        _ => None,
    }
}

fn first_block(text: &str) -> Option<usize> {
    if text.starts_with(BLOCK) {
        return Some(0);
    }
    text.find(&format!("\n{BLOCK}")).map(|at| at + 1)
}

/// The journal as text: where each change's block starts, and nothing parsed but the header.
/// `push` and `pop` cost what the change they add or take off costs, plus copying the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    text: String,
    /// Byte offsets of each block's `[[change]]` line, oldest first.
    starts: Vec<usize>,
}

impl Default for Journal {
    fn default() -> Self {
        Journal {
            text: format!("{HEADER}format = {FORMAT}\n"),
            starts: Vec::new(),
        }
    }
}

impl Journal {
    /// Reads a journal's text: only the header is parsed (an unknown or newer format is an
    /// error); a format 1 journal is parsed whole and turned into format 2.
    pub fn read(text: String) -> Result<Journal, ParseError> {
        match format_of(&text) {
            Some(FORMAT) => {}
            Some(1) => {
                let mut journal = Journal::default();
                for change in &parse_v1(&text)?.changes {
                    journal.push(change);
                }
                return Ok(journal);
            }
            // Let the full parse say what is wrong, or that the format is newer.
            _ => {
                History::parse(&text)?;
                return Err(ParseError::Invalid(t!("parse.no_format_line").into_owned()));
            }
        }
        let mut starts = Vec::new();
        let mut from = first_block(&text);
        while let Some(at) = from {
            starts.push(at);
            from = text[at + BLOCK.len()..]
                .find(&format!("\n{BLOCK}"))
                .map(|k| at + BLOCK.len() + k + 1);
        }
        Ok(Journal { text, starts })
    }

    /// How many changes can be undone.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// Adds the newest change, forgetting the oldest beyond [`KEEP`].
    pub fn push(&mut self, change: &Change) {
        if !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        let excess = (self.starts.len() + 1).saturating_sub(KEEP);
        if excess > 0 {
            let (head_end, kept_from) = (self.starts[0], self.starts[excess]);
            self.text.replace_range(head_end..kept_from, "");
            let removed = kept_from - head_end;
            self.starts.drain(..excess);
            for start in &mut self.starts {
                *start -= removed;
            }
        }
        self.starts.push(self.text.len());
        self.text.push_str(&change.block());
    }

    /// Takes off the newest change, parsing only its block.
    pub fn pop(&mut self) -> Result<Option<Change>, ParseError> {
        let Some(&start) = self.starts.last() else {
            return Ok(None);
        };
        let block = &self.text[start..];
        let change = parse_versioned(
            &format!("format = {FORMAT}\n{block}"),
            FORMAT,
            |file: &FileV2| file.format,
        )?
        .changes
        .pop()
        .ok_or_else(|| ParseError::Invalid(t!("parse.empty_change").into_owned()))?;
        self.text.truncate(start);
        self.starts.pop();
        Ok(Some(change))
    }

    /// Every change, parsed.
    #[cfg(test)]
    pub fn history(&self) -> Result<History, ParseError> {
        History::parse(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(second).unwrap()
    }

    fn note(second: i64, text: &str) -> Note {
        Note {
            at: at(second),
            text: text.into(),
        }
    }

    fn record(status: Status, second: i64) -> Record {
        Record {
            status,
            changed: at(second),
            started: (status == Status::Reading).then(|| at(second)),
            finished: (status == Status::Done).then(|| at(second)),
            notes: Vec::new(),
        }
    }

    /// `change` survives the journal's text, and reverting it turns `after` back into `before`.
    #[track_caller]
    fn reverts_through_the_journal(before: &Progress, after: &Progress) -> Change {
        let change = Change::between(before, after, "test", at(9), false).unwrap();
        let mut journal = Journal::default();
        journal.push(&change);
        let mut journal =
            Journal::read(String::from_utf8(journal.as_bytes().to_vec()).unwrap()).unwrap();
        let read = journal.pop().unwrap().unwrap();
        assert_eq!(read, change);
        let mut undone = after.clone();
        read.revert(&mut undone);
        assert_eq!(&undone, before);
        change
    }

    #[test]
    fn between_keeps_only_touched_records_and_reverting_restores_them() {
        let before = Progress::of(&[
            ("a", record(Status::Done, 1)),
            ("b", record(Status::Reading, 1)),
            ("gone", record(Status::Skipped, 1)),
        ]);
        let after = Progress::of(&[
            ("a", record(Status::Done, 1)),
            ("b", record(Status::Done, 2)),
            ("new", record(Status::Reading, 2)),
        ]);
        let change = reverts_through_the_journal(&before, &after);
        let touched: Vec<(&str, Option<Status>)> = change
            .entries
            .iter()
            .map(|b| (b.id.as_str(), b.status))
            .collect();
        assert_eq!(
            touched,
            [
                ("b", Some(Status::Reading)),
                ("gone", Some(Status::Skipped)),
                ("new", None)
            ]
        );
    }

    #[test]
    fn a_new_note_journals_none_of_the_notes_already_there() {
        let mut with_many = record(Status::Reading, 1);
        with_many.notes = (0..1000).map(|n| note(n, "an old note")).collect();
        let before = Progress::of(&[("bert", with_many.clone())]);
        with_many.notes.push(note(2000, "a new one"));
        let after = Progress::of(&[("bert", with_many)]);
        let change = reverts_through_the_journal(&before, &after);
        let mut journal = Journal::default();
        journal.push(&change);
        assert!(journal.as_bytes().len() < 400, "{}", journal.text);
    }

    #[test]
    fn edited_deleted_and_merged_notes_revert_exactly() {
        let mut old = record(Status::Done, 1);
        old.notes = vec![
            note(1, "a"),
            note(2, "b\nwith \"quotes\" \\ and \u{7f}"),
            note(3, "c"),
        ];
        let mut edited = old.clone();
        edited.notes[1].text = "B".into();
        let mut deleted = old.clone();
        deleted.notes.remove(0);
        let mut merged = old.clone();
        merged.notes.insert(1, note(1, "from the other side"));
        merged.notes.push(note(4, "later"));
        for new in [edited, deleted, merged] {
            reverts_through_the_journal(
                &Progress::of(&[("x", old.clone())]),
                &Progress::of(&[("x", new)]),
            );
        }
        reverts_through_the_journal(&Progress::of(&[("x", old)]), &Progress::default());
    }

    #[test]
    fn no_difference_is_no_change() {
        let same = Progress::of(&[("a", record(Status::Done, 1))]);
        assert_eq!(Change::between(&same, &same, "done a", at(2), false), None);
    }

    #[test]
    fn the_journal_keeps_the_newest_changes_only_and_pops_them_newest_first() {
        let mut journal = Journal::default();
        for n in 0..(KEEP as i64 + 5) {
            journal.push(&Change {
                at: at(n),
                description: format!("change {n}"),
                created: false,
                entries: vec![],
            });
        }
        assert_eq!(journal.len(), KEEP);
        let history = journal.history().unwrap();
        assert_eq!(history.changes[0].description, "change 5");
        assert_eq!(
            journal.pop().unwrap().unwrap().description,
            format!("change {}", KEEP + 4)
        );
        assert_eq!(journal.len(), KEEP - 1);
        let reread = Journal::read(journal.text.clone()).unwrap();
        assert_eq!(reread, journal);
    }

    #[test]
    fn a_format_1_journal_is_read_and_its_whole_records_revert() {
        let v1 = "format = 1\n\n[[change]]\nat = \"2026-01-01T00:00:00Z\"\ndescription = \"done a\"\ncreated = true\n\n[[change.entry]]\nid = \"a\"\n\n[[change.entry]]\nid = \"b\"\n\n[change.entry.record]\nstatus = \"reading\"\nchanged = \"2025-12-01T00:00:00Z\"\nstarted = \"2025-12-01T00:00:00Z\"\n\n[[change.entry.record.notes]]\nat = \"2025-12-02T00:00:00Z\"\ntext = \"kept\"\n";
        let mut journal = Journal::read(v1.to_string()).unwrap();
        assert!(journal.text.contains("format = 2"), "{}", journal.text);
        let change = journal.pop().unwrap().unwrap();
        let mut after = Progress::of(&[
            ("a", record(Status::Done, 5)),
            ("b", record(Status::Done, 5)),
        ]);
        after.entries.get_mut("b").unwrap().notes = vec![note(7, "x"), note(8, "y")];
        change.revert(&mut after);
        assert!(!after.entries.contains_key("a"));
        assert_eq!(after.entries["b"].status, Status::Reading);
        assert_eq!(after.entries["b"].notes, vec![note(1764633600, "kept")]);
        assert_eq!(History::parse(v1).unwrap().changes.len(), 1);
    }

    #[test]
    fn a_newer_history_says_upgrade() {
        assert_eq!(
            History::parse("format = 9\n[[change]]\nwhat = 1\n"),
            Err(ParseError::Newer(9))
        );
        assert_eq!(
            Journal::read("format = 9\n[[change]]\nwhat = 1\n".into()),
            Err(ParseError::Newer(9))
        );
    }
}
