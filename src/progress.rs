//! A learner's progress: status, dates and notes per entry id, and its TOML file format.

use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::catalog::Entry;

/// The progress file format this build reads and writes.
pub const FORMAT: i64 = 1;

const HEADER: &str =
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
    pub at: Timestamp,
    pub text: String,
}

/// What the learner has done with one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub status: Status,
    /// When the status last changed.
    pub changed: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Record {
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

impl Progress {
    pub fn parse(text: &str) -> Result<Progress, ParseError> {
        match toml::from_str::<FileV1>(text) {
            Ok(file) if file.format == FORMAT => Ok(Progress {
                entries: file.entries,
            }),
            Ok(file) if file.format > FORMAT => Err(ParseError::Newer(file.format)),
            Ok(file) => Err(ParseError::Invalid(format!(
                "unknown format {}",
                file.format
            ))),
            Err(err) => {
                // A newer format may have a shape this build cannot read: say "upgrade", not "broken".
                if let Ok(FormatOnly {
                    format: Some(toml::Value::Integer(n)),
                }) = toml::from_str::<FormatOnly>(text)
                    && n > FORMAT
                {
                    return Err(ParseError::Newer(n));
                }
                let (line, column) = err
                    .span()
                    .map(|s| crate::catalog::line_column(text, s.start))
                    .unwrap_or((1, 1));
                Err(ParseError::Invalid(format!(
                    "line {line}, column {column}: {}",
                    err.message().trim().replace('\n', "; ")
                )))
            }
        }
    }

    /// The file's text: deterministic, entries sorted by id, so it diffs cleanly.
    pub fn to_toml(&self) -> String {
        let file = FileV1 {
            format: FORMAT,
            entries: self.entries.clone(),
        };
        let body = toml::to_string(&file).unwrap_or_else(|_| format!("format = {FORMAT}\n"));
        format!("{HEADER}{body}")
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

    /// Sets an entry's status. Returns false, changing nothing, when it already had that status.
    pub fn mark(&mut self, entry: &Entry, status: Status, now: Timestamp) -> bool {
        if self.status(entry) == status {
            return false;
        }
        let record = self.record_mut(entry, now);
        record.status = status;
        record.changed = now;
        match status {
            Status::Todo => {
                record.started = None;
                record.finished = None;
            }
            Status::Reading => {
                record.started = Some(now);
                record.finished = None;
            }
            Status::Done => {
                record.finished = Some(now);
            }
            Status::Skipped => {
                record.finished = None;
            }
        }
        if status == Status::Todo && record.notes.is_empty() {
            self.entries.remove(&entry.id);
        }
        true
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
