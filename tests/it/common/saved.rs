//! The files lpath saves, read with the `toml` crate into the tests' own types: an oracle that
//! shares no code with lpath's own reader.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Todo,
    Reading,
    Done,
    Skipped,
}

/// progress.toml: `format = 1` and a table per entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub format: u32,
    #[serde(default)]
    pub entry: BTreeMap<String, Record>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub status: Status,
    pub changed: Timestamp,
    pub started: Option<Timestamp>,
    pub finished: Option<Timestamp>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub at: Timestamp,
    pub text: String,
}

/// history.toml, the undo journal: `format` and the changes, oldest first.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct History {
    pub format: u32,
    #[serde(default)]
    pub change: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Change {
    pub at: Timestamp,
    pub description: String,
}

/// `text` read as a progress file.
pub fn progress(text: &str) -> Result<Progress, toml::de::Error> {
    toml::from_str(text)
}

/// `text` read as an undo journal.
pub fn history(text: &str) -> Result<History, toml::de::Error> {
    toml::from_str(text)
}
