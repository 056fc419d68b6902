//! The progress exchange format: what `export --format json` writes and `import` reads back.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::progress::model::{Note, ParseError, Progress, Record, Status};

/// The export format this build writes and reads.
pub const FORMAT: i64 = 1;

/// `{"format": 1, "exported": "...", "entries": {"<id>": {...}}}`; field names are documented in
/// the README and stable.
#[derive(Serialize, Deserialize)]
struct ExportJson {
    format: i64,
    #[serde(default, with = "crate::progress::stamp::option")]
    exported: Option<Timestamp>,
    #[serde(default, deserialize_with = "unique_entries")]
    entries: BTreeMap<String, RecordJson>,
}

/// The `entries` object, refusing an id given twice: JSON allows it, and keeping the last one
/// silently would drop the other's record.
fn unique_entries<'de, D>(deserializer: D) -> Result<BTreeMap<String, RecordJson>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Unique;
    impl<'de> serde::de::Visitor<'de> for Unique {
        type Value = BTreeMap<String, RecordJson>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(&t!("parse.records_by_id"))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((id, record)) = map.next_entry::<String, RecordJson>()? {
                if out.contains_key(&id) {
                    return Err(serde::de::Error::custom(t!("parse.id_twice", id = id)));
                }
                out.insert(id, record);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Unique)
}

/// A record with every field present (`null` when absent), as `--json` prints everywhere.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordJson {
    status: Status,
    #[serde(with = "crate::progress::stamp")]
    changed: Timestamp,
    #[serde(default, with = "crate::progress::stamp::option")]
    started: Option<Timestamp>,
    #[serde(default, with = "crate::progress::stamp::option")]
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
    crate::output::render::to_json(&export) + "\n"
}

/// An export (JSON, starting with `{`) or a progress file (TOML), as progress.
pub fn parse(text: &str) -> Result<Progress, ParseError> {
    // An editor may have saved the export with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.trim_start().chars().next();
    if first == Some('@') {
        // `@article{...`: a bibliography lists papers, and holds no progress to merge.
        return Err(ParseError::Invalid(t!("import.bibtex").into_owned()));
    }
    // A progress file starts with `format = 1` (TOML puts top-level keys before any `[table]`),
    // so a `[` is either JSON or a progress file without its format: `["a"]` is both, and JSON.
    let json = match first {
        Some('{') => true,
        Some('[') => {
            serde_json::from_str::<serde_json::Value>(text).is_ok()
                || toml::from_str::<toml::Table>(text).is_err()
        }
        _ => false,
    };
    if !json {
        return Progress::parse(text);
    }
    let not_an_export = |why: String| {
        let what = if serde_json::from_str::<serde_json::Value>(text).is_ok() {
            t!("parse.json_not_export", why = why)
        } else {
            t!("parse.not_json", why = why)
        };
        ParseError::Invalid(what.into_owned())
    };
    if serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| !v.is_object()) {
        // serde would read a list as the struct's fields in order: say what an export is instead.
        return Err(not_an_export(t!("parse.export_shape").into_owned()));
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
        Ok(export) => Err(not_an_export(
            t!("parse.unknown_export_format", format = export.format).into_owned(),
        )),
        Err(err) => {
            if let Ok(FormatOnly {
                format: Some(serde_json::Value::Number(n)),
            }) = serde_json::from_str::<FormatOnly>(text)
                && n.as_i64().is_some_and(|n| n > FORMAT)
            {
                return Err(ParseError::Newer(n.as_i64().unwrap_or_default()));
            }
            let message =
                crate::text::sanitize::visible(without_position(&err.to_string())).into_owned();
            Err(not_an_export(
                t!(
                    "parse.at",
                    line = err.line(),
                    column = err.column(),
                    message = message
                )
                .into_owned(),
            ))
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
            Err(ParseError::Invalid(why)) => assert!(
                why.starts_with("it looks like JSON, but is not valid JSON: line 3"),
                "{why}"
            ),
            other => panic!("{other:?}"),
        }
    }

    fn invalid(text: &str) -> String {
        match parse(text) {
            Err(ParseError::Invalid(why)) => why,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn json_that_is_no_export_is_called_json_not_a_broken_toml_file() {
        for text in [
            "[1, 2]",
            " [\"bert\"]",
            "[{\"id\": \"bert\"}]",
            "{\"id\": \"bert\"}",
        ] {
            let why = invalid(text);
            assert!(
                why.starts_with("it is JSON, but not an lpath export: "),
                "{text}: {why}"
            );
        }
        for text in ["[1, 2", "{\"format\": 1,"] {
            let why = invalid(text);
            assert!(
                why.starts_with("it looks like JSON, but is not valid JSON: "),
                "{text}: {why}"
            );
        }
        // A progress file that lost its `format` line is still read, and refused, as TOML.
        let why = invalid("[entry.bert]\nstatus = \"done\"\n");
        assert!(!why.contains("JSON"), "{why}");
    }
}
