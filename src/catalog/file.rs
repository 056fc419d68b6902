//! One catalog file's TOML read into tracks and entries as far as it goes: a mistake in one key,
//! entry or track is a problem at that key or value, and never stops the rest being read.
//!
//! Only a file that is not TOML at all stops at its first syntax error. Everything else (an
//! unknown key, an unknown kind, a value of the wrong type, a missing field) is reported where it
//! is, and the entry is kept with what could be read, so the checks that follow (ids, URLs,
//! `requires`, cycles) still see it.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::catalog::entry::{CatalogError, Kind};

pub(crate) type Text = Spanned<String>;

pub(crate) struct RawCatalog {
    pub format: Option<Spanned<i64>>,
    pub tracks: Vec<RawTrack>,
    pub entries: Vec<RawEntry>,
}

pub(crate) struct RawTrack {
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub title_zh: Option<Text>,
}

/// An entry as far as it could be read: a field that is missing or of the wrong type is `None`
/// (and already reported).
pub(crate) struct RawEntry {
    pub id: Option<Text>,
    pub kind: Option<Kind>,
    pub title: Option<Text>,
    pub authors: Vec<Text>,
    pub year: Option<Spanned<i64>>,
    pub track: Option<Text>,
    pub url: Option<Text>,
    pub arxiv: Option<Text>,
    pub minutes: Option<Spanned<i64>>,
    pub requires: Vec<Text>,
    pub companion_of: Option<Text>,
    pub label: Option<Text>,
    pub label_en: Option<Text>,
    pub lang: Option<Text>,
    pub summary: Option<Text>,
    pub summary_zh: Option<Text>,
    pub aliases: Vec<Text>,
    pub questions: Vec<RawQuestion>,
}

/// One `[[entry.question]]` as far as it could be read.
pub(crate) struct RawQuestion {
    /// Where the table is, for problems with it as a whole.
    pub span: Range<usize>,
    pub q: Option<Text>,
    pub a: Option<Text>,
    pub q_zh: Option<Text>,
    pub a_zh: Option<Text>,
    pub source: Option<Text>,
}

const TOP_KEYS: &[&str] = &["format", "track", "entry"];
const TRACK_KEYS: &[&str] = &["id", "title", "title_zh"];
const ENTRY_KEYS: &[&str] = &[
    "id",
    "kind",
    "title",
    "authors",
    "year",
    "track",
    "url",
    "arxiv",
    "minutes",
    "requires",
    "companion_of",
    "label",
    "label_en",
    "lang",
    "summary",
    "summary_zh",
    "aliases",
    "question",
];
const QUESTION_KEYS: &[&str] = &["q", "a", "q_zh", "a_zh", "source"];

/// Reads `text` (source number `source`), adding every problem found to `problems`. `None` only
/// when the text is not TOML.
pub(crate) fn read(
    source: usize,
    text: &str,
    problems: &mut Vec<CatalogError>,
) -> Option<RawCatalog> {
    let mut reader = Reader { source, problems };
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(err) => {
            reader.report(
                err.span(),
                crate::text::toml_message::describe(err.message()),
            );
            return None;
        }
    };
    let span = root.span();
    let root = root.into_inner();
    let table = Table {
        table: &root,
        span: span.start..span.start,
        what: "",
    };
    reader.unknown_keys(&table, TOP_KEYS);
    let format = reader.integer(&table, "format");
    if table.get("format").is_none() {
        reader.report(
            Some(0..0),
            t!(
                "catalog_file.no_format",
                format = crate::catalog::entry::FORMAT
            ),
        );
    }
    let tracks = reader
        .tables(&table, "track")
        .into_iter()
        .map(|track| reader.track(&track))
        .collect();
    let entries = reader
        .tables(&table, "entry")
        .into_iter()
        .map(|entry| reader.entry(&entry))
        .collect();
    Some(RawCatalog {
        format,
        tracks,
        entries,
    })
}

/// A TOML message on one line, safe for a terminal.
/// A table being read, and how to name it in messages (`track`, `entry`; "" for the file).
struct Table<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    what: &'static str,
}

impl<'a, 'i> Table<'a, 'i> {
    fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }
}

struct Reader<'p> {
    source: usize,
    problems: &'p mut Vec<CatalogError>,
}

impl Reader<'_> {
    fn report(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        self.problems.push(CatalogError {
            source: self.source,
            span,
            message: message.into(),
        });
    }

    fn unknown_keys(&mut self, table: &Table, known: &[&str]) {
        for (key, _) in table.table.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let fix = match crate::text::suggest::closest(name, known.iter().copied()) {
                Some(best) => t!("catalog_file.did_you_mean", key = best),
                None => t!("catalog_file.remove_it", keys = known.join(", ")),
            };
            let message = match table.what {
                "" => t!(
                    "catalog_file.unknown_top_key",
                    key = crate::text::sanitize::visible(name),
                    fix = fix
                ),
                what => t!(
                    "catalog_file.unknown_key",
                    key = crate::text::sanitize::visible(name),
                    table = what,
                    fix = fix
                ),
            };
            self.report(Some(key.span()), message);
        }
    }

    /// `[[name]]` tables; anything else under that key is reported and skipped.
    fn tables<'a, 'i>(&mut self, table: &Table<'a, 'i>, name: &'static str) -> Vec<Table<'a, 'i>> {
        let Some(value) = table.get(name) else {
            return Vec::new();
        };
        let items: Vec<&'a Spanned<DeValue<'i>>> = match value.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            _ => vec![value],
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::Table(inner) => out.push(Table {
                    table: inner,
                    span: item.span(),
                    what: name,
                }),
                other => self.report(
                    Some(item.span()),
                    t!(
                        "catalog_file.not_a_table",
                        key = name,
                        found = type_name(other)
                    ),
                ),
            }
        }
        out
    }

    fn track(&mut self, table: &Table) -> RawTrack {
        self.unknown_keys(table, TRACK_KEYS);
        RawTrack {
            id: self.required_text(table, "id"),
            title: self.required_text(table, "title"),
            title_zh: self.text(table, "title_zh"),
        }
    }

    fn entry(&mut self, table: &Table) -> RawEntry {
        self.unknown_keys(table, ENTRY_KEYS);
        let kind = self.required_text(table, "kind").and_then(|kind| {
            let found = Kind::ALL.into_iter().find(|k| k.as_str() == kind.get_ref());
            if found.is_none() {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                self.report(
                    Some(kind.span()),
                    t!(
                        "catalog_file.unknown_kind",
                        kind = crate::text::sanitize::visible(kind.get_ref()),
                        known = known.join(", ")
                    ),
                );
            }
            found
        });
        RawEntry {
            id: self.required_text(table, "id"),
            kind,
            title: self.required_text(table, "title"),
            authors: self.texts(table, "authors"),
            year: self.integer(table, "year"),
            track: self.required_text(table, "track"),
            url: self.required_text(table, "url"),
            arxiv: self.text(table, "arxiv"),
            minutes: self.integer(table, "minutes"),
            requires: self.texts(table, "requires"),
            companion_of: self.text(table, "companion_of"),
            label: self.text(table, "label"),
            label_en: self.text(table, "label_en"),
            lang: self.text(table, "lang"),
            summary: self.text(table, "summary"),
            summary_zh: self.text(table, "summary_zh"),
            aliases: self.texts(table, "aliases"),
            questions: self
                .tables(table, "question")
                .into_iter()
                .map(|question| self.question(&question))
                .collect(),
        }
    }

    fn question(&mut self, table: &Table) -> RawQuestion {
        self.unknown_keys(table, QUESTION_KEYS);
        RawQuestion {
            span: table.span.clone(),
            q: self.required_text(table, "q"),
            a: self.required_text(table, "a"),
            q_zh: self.text(table, "q_zh"),
            a_zh: self.text(table, "a_zh"),
            source: self.text(table, "source"),
        }
    }

    fn wrong_type(&mut self, key: &str, value: &Spanned<DeValue>, wanted: &str) {
        let key_of_type = format!("catalog_file.type.{wanted}");
        let wanted = t!(&key_of_type);
        self.report(
            Some(value.span()),
            t!(
                "catalog_file.wrong_type",
                key = key,
                wanted = wanted,
                found = type_name(value.get_ref())
            ),
        );
    }

    fn text(&mut self, table: &Table, key: &str) -> Option<Text> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(text) => Some(Spanned::new(value.span(), text.to_string())),
            _ => {
                self.wrong_type(key, value, "string");
                None
            }
        }
    }

    fn required_text(&mut self, table: &Table, key: &str) -> Option<Text> {
        if table.get(key).is_none() {
            self.report(
                Some(table.span.clone()),
                t!("catalog_file.missing", table = table.what, key = key),
            );
        }
        self.text(table, key)
    }

    fn texts(&mut self, table: &Table, key: &str) -> Vec<Text> {
        let Some(value) = table.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value, "strings");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) => out.push(Spanned::new(item.span(), text.to_string())),
                _ => self.wrong_type(key, item, "string"),
            }
        }
        out
    }

    fn integer(&mut self, table: &Table, key: &str) -> Option<Spanned<i64>> {
        let value = table.get(key)?;
        let DeValue::Integer(number) = value.get_ref() else {
            self.wrong_type(key, value, "integer");
            return None;
        };
        match i64::from_str_radix(number.as_str(), number.radix()) {
            Ok(n) => Some(Spanned::new(value.span(), n)),
            Err(_) => {
                self.report(Some(value.span()), t!("catalog_file.too_large", key = key));
                None
            }
        }
    }
}

/// The name of a TOML value's type, in the learner's language.
fn type_name(value: &DeValue) -> String {
    let key = format!("catalog_file.type.{}", value.type_str());
    t!(&key).into_owned()
}
