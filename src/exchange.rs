//! The progress exchange format: what `export --format json` writes and `import` reads back.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::progress::{Note, ParseError, Progress, Record, Status};

/// The export format this build writes and reads.
pub const FORMAT: i64 = 1;

/// `{"format": 1, "exported": "...", "entries": {"<id>": {...}}}`; field names are documented in
/// the README and stable.
#[derive(Serialize, Deserialize)]
struct ExportJson {
    format: i64,
    #[serde(default)]
    exported: Option<Timestamp>,
    #[serde(default)]
    entries: BTreeMap<String, RecordJson>,
}

/// A record with every field present (`null` when absent), as `--json` prints everywhere.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordJson {
    status: Status,
    changed: Timestamp,
    #[serde(default)]
    started: Option<Timestamp>,
    #[serde(default)]
    finished: Option<Timestamp>,
    #[serde(default)]
    notes: Vec<Note>,
}

#[derive(Deserialize)]
struct FormatOnly {
    format: Option<serde_json::Value>,
}

/// The records as export JSON, stamped with when they were exported.
pub fn to_json(entries: &BTreeMap<String, Record>, exported: Timestamp) -> String {
    let export = ExportJson {
        format: FORMAT,
        exported: Some(exported),
        entries: entries
            .iter()
            .map(|(id, r)| {
                (
                    id.clone(),
                    RecordJson {
                        status: r.status,
                        changed: r.changed,
                        started: r.started,
                        finished: r.finished,
                        notes: r.notes.clone(),
                    },
                )
            })
            .collect(),
    };
    crate::render::to_json(&export) + "\n"
}

/// An export (JSON, starting with `{`) or a progress file (TOML), as progress.
pub fn parse(text: &str) -> Result<Progress, ParseError> {
    if !text.trim_start().starts_with('{') {
        return Progress::parse(text);
    }
    match serde_json::from_str::<ExportJson>(text) {
        Ok(export) if export.format == FORMAT => Ok(Progress {
            entries: export
                .entries
                .into_iter()
                .map(|(id, r)| {
                    (
                        id,
                        Record {
                            status: r.status,
                            changed: r.changed,
                            started: r.started,
                            finished: r.finished,
                            notes: r.notes,
                        },
                    )
                })
                .collect(),
        }),
        Ok(export) if export.format > FORMAT => Err(ParseError::Newer(export.format)),
        Ok(export) => Err(ParseError::Invalid(format!(
            "unknown export format {}",
            export.format
        ))),
        Err(err) => {
            if let Ok(FormatOnly {
                format: Some(serde_json::Value::Number(n)),
            }) = serde_json::from_str::<FormatOnly>(text)
                && n.as_i64().is_some_and(|n| n > FORMAT)
            {
                return Err(ParseError::Newer(n.as_i64().unwrap_or_default()));
            }
            Err(ParseError::Invalid(format!(
                "line {}, column {}: {}",
                err.line(),
                err.column(),
                without_position(&err.to_string())
            )))
        }
    }
}

/// serde_json's message without its " at line L column C" tail, which we put first.
fn without_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BTreeMap<String, Record> {
        let at: Timestamp = "2026-03-01T09:00:00Z".parse().unwrap();
        BTreeMap::from([(
            "bert".to_string(),
            Record {
                status: Status::Done,
                changed: at,
                started: None,
                finished: Some(at),
                notes: vec![Note {
                    at,
                    text: "masked words".into(),
                }],
            },
        )])
    }

    #[test]
    fn export_reads_back_as_the_same_progress() {
        let text = to_json(&sample(), Timestamp::UNIX_EPOCH);
        assert_eq!(parse(&text).unwrap().entries, sample());
    }

    #[test]
    fn absent_dates_are_null_in_the_export() {
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&sample(), Timestamp::UNIX_EPOCH)).unwrap();
        assert_eq!(json["format"], 1);
        assert!(json["entries"]["bert"]["started"].is_null());
        assert_eq!(json["entries"]["bert"]["finished"], "2026-03-01T09:00:00Z");
    }

    #[test]
    fn a_progress_file_is_read_as_toml() {
        let toml = Progress { entries: sample() }.to_toml();
        assert_eq!(parse(&toml).unwrap().entries, sample());
    }

    #[test]
    fn a_newer_export_asks_for_an_upgrade_and_bad_json_says_where() {
        assert_eq!(
            parse(r#"{"format": 2, "entries": {"x": 1}}"#),
            Err(ParseError::Newer(2))
        );
        match parse("{\n  \"format\": 1,\n  \"entries\": [\n}") {
            Err(ParseError::Invalid(why)) => assert!(why.starts_with("line 3"), "{why}"),
            other => panic!("{other:?}"),
        }
    }
}
