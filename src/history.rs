//! The undo journal: each change to the progress, with the records it touched as they were before.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::progress::{ParseError, Progress, Record, parse_versioned, to_versioned_toml};

/// The history file format this build reads and writes.
pub const FORMAT: i64 = 1;

/// How many changes are kept; older ones drop off and can no longer be undone.
pub const KEEP: usize = 200;

const HEADER: &str =
    "# lpath history: the changes `lpath undo` can revert, oldest first. Written by lpath.\n";

/// One change to the progress: what it was, and how to take it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub at: Timestamp,
    /// What the learner asked for, as a command line: `done bert, roberta`.
    pub description: String,
    /// The progress file did not exist before this change, so undoing it removes the file again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub created: bool,
    #[serde(default, rename = "entry")]
    pub entries: Vec<Before>,
}

/// One record a change touched, as it was before the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Before {
    pub id: String,
    /// `None`: the progress had no record under this id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Record>,
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
        let mut ids: Vec<&String> = Vec::new();
        let mut old = before.entries.iter().peekable();
        let mut new = after.entries.iter().peekable();
        loop {
            match (old.peek(), new.peek()) {
                (None, None) => break,
                (Some(&(id, _)), None) => {
                    ids.push(id);
                    old.next();
                }
                (None, Some(&(id, _))) => {
                    ids.push(id);
                    new.next();
                }
                (Some(&(a, was)), Some(&(b, now))) => match a.cmp(b) {
                    std::cmp::Ordering::Less => {
                        ids.push(a);
                        old.next();
                    }
                    std::cmp::Ordering::Greater => {
                        ids.push(b);
                        new.next();
                    }
                    std::cmp::Ordering::Equal => {
                        if was != now {
                            ids.push(a);
                        }
                        old.next();
                        new.next();
                    }
                },
            }
        }
        if ids.is_empty() {
            return None;
        }
        Some(Change {
            at,
            description: description.to_string(),
            created,
            entries: ids
                .into_iter()
                .map(|id| Before {
                    id: id.clone(),
                    record: before.entries.get(id).cloned(),
                })
                .collect(),
        })
    }

    /// Puts every record this change touched back as it was.
    pub fn revert(&self, progress: &mut Progress) {
        for before in &self.entries {
            match &before.record {
                Some(record) => {
                    progress.entries.insert(before.id.clone(), record.clone());
                }
                None => {
                    progress.entries.remove(&before.id);
                }
            }
        }
    }
}

/// The journal: changes oldest first, at most [`KEEP`] of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub changes: Vec<Change>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
    format: i64,
    #[serde(default, rename = "change")]
    changes: Vec<Change>,
}

impl History {
    pub fn parse(text: &str) -> Result<History, ParseError> {
        parse_versioned(text, FORMAT, |file: &FileV1| file.format).map(|file| History {
            changes: file.changes,
        })
    }

    pub fn to_toml(&self) -> String {
        let file = FileV1 {
            format: FORMAT,
            changes: self.changes.clone(),
        };
        to_versioned_toml(HEADER, FORMAT, &file)
    }

    /// Adds the newest change, forgetting the oldest beyond [`KEEP`].
    pub fn push(&mut self, change: Change) {
        self.changes.push(change);
        let excess = self.changes.len().saturating_sub(KEEP);
        self.changes.drain(..excess);
    }

    pub fn pop(&mut self) -> Option<Change> {
        self.changes.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Status;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(second).unwrap()
    }

    fn record(status: Status, second: i64) -> Record {
        let text = format!(
            "format = 1\n[entry.x]\nstatus = \"{status}\"\nchanged = \"{}\"\n",
            at(second)
        );
        Progress::parse(&text).unwrap().entries["x"].clone()
    }

    fn progress(records: &[(&str, Record)]) -> Progress {
        Progress {
            entries: records
                .iter()
                .map(|(id, r)| (id.to_string(), r.clone()))
                .collect(),
        }
    }

    #[test]
    fn between_keeps_only_touched_records_as_they_were() {
        let before = progress(&[
            ("a", record(Status::Done, 1)),
            ("b", record(Status::Reading, 1)),
            ("gone", record(Status::Skipped, 1)),
        ]);
        let after = progress(&[
            ("a", record(Status::Done, 1)),
            ("b", record(Status::Done, 2)),
            ("new", record(Status::Reading, 2)),
        ]);
        let change = Change::between(&before, &after, "done b", at(2), false).unwrap();
        let touched: Vec<(&str, Option<Status>)> = change
            .entries
            .iter()
            .map(|b| (b.id.as_str(), b.record.as_ref().map(|r| r.status)))
            .collect();
        assert_eq!(
            touched,
            [
                ("b", Some(Status::Reading)),
                ("gone", Some(Status::Skipped)),
                ("new", None)
            ]
        );
        let mut undone = after.clone();
        change.revert(&mut undone);
        assert_eq!(undone, before);
    }

    #[test]
    fn no_difference_is_no_change() {
        let same = progress(&[("a", record(Status::Done, 1))]);
        assert_eq!(Change::between(&same, &same, "done a", at(2), false), None);
    }

    #[test]
    fn push_keeps_the_newest_changes_only() {
        let mut history = History::default();
        for n in 0..(KEEP as i64 + 5) {
            history.push(Change {
                at: at(n),
                description: format!("change {n}"),
                created: false,
                entries: vec![],
            });
        }
        assert_eq!(history.changes.len(), KEEP);
        assert_eq!(history.changes[0].description, "change 5");
        assert_eq!(
            history.pop().unwrap().description,
            format!("change {}", KEEP + 4)
        );
    }

    #[test]
    fn the_file_round_trips_including_absent_records() {
        let mut history = History::default();
        history.push(Change {
            at: at(7),
            description: "done a, b".into(),
            created: true,
            entries: vec![
                Before {
                    id: "a".into(),
                    record: Some(record(Status::Reading, 3)),
                },
                Before {
                    id: "b".into(),
                    record: None,
                },
            ],
        });
        let text = history.to_toml();
        assert!(text.starts_with(HEADER), "{text}");
        assert_eq!(History::parse(&text).unwrap(), history);
    }

    #[test]
    fn a_newer_history_says_upgrade() {
        assert_eq!(
            History::parse("format = 9\n[[change]]\nwhat = 1\n"),
            Err(ParseError::Newer(9))
        );
    }
}
