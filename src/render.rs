//! Turning entries into what a person or a script reads: tables, plain text and JSON.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::catalog::{Catalog, Entry};
use crate::color;
use crate::glyphs::Glyphs;
use crate::plan::Tally;
use crate::progress::{Note, Progress, Record, Status};

/// How output should look: colour, block characters, and the learner's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// Block characters and other non-ASCII drawing: when the locale is UTF-8 (see [`crate::glyphs`]).
    pub unicode: bool,
    pub lang: Lang,
    /// The columns tables must fit in; `None` is no limit (see `table_width`).
    pub width: Option<u16>,
}

/// The width tables fit: `COLUMNS` when it is a positive number, whether or not stdout is a
/// terminal (as `ls` does), else the terminal's own width. A terminal that reports 0 columns
/// (a serial console, some CI runners) or none at all means no limit: squeezing the table into
/// 0 columns would print every column one character wide.
pub fn table_width(columns_var: Option<&str>, terminal: Option<u16>) -> Option<u16> {
    let set = columns_var.and_then(|v| v.trim().parse::<u16>().ok());
    set.filter(|&w| w > 0)
        .or_else(|| terminal.filter(|&w| w > 0))
}

impl Style {
    /// The characters to draw with.
    pub fn glyphs(&self) -> Glyphs {
        Glyphs::new(self.unicode)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// `zh*` in LC_ALL, LC_MESSAGES or LANG (the first one set) means Chinese.
    pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(value) = get(var).filter(|v| !v.is_empty()) {
                return if value.to_ascii_lowercase().starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }
}

/// Columns a string takes in a terminal: East Asian wide characters take two.
pub fn display_width(text: &str) -> usize {
    crate::layout::width(text)
}

/// `text` padded with spaces to `columns` terminal columns.
pub fn pad(text: &str, columns: usize) -> String {
    crate::layout::pad(text, columns)
}

/// The word for the learner's language: `say(lang, "Notes", "笔记")`.
pub fn say(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The entry's summary in the learner's language, else in the other one.
pub fn summary(entry: &Entry, lang: Lang) -> Option<&str> {
    let (first, second) = match lang {
        Lang::En => (&entry.summary, &entry.summary_zh),
        Lang::Zh => (&entry.summary_zh, &entry.summary),
    };
    first.as_deref().or(second.as_deref())
}

/// "Vaswani et al." style short author line; "others" at the end marks an incomplete list.
pub fn short_authors(authors: &[String]) -> Option<String> {
    let named: Vec<&String> = authors.iter().filter(|a| a.as_str() != "others").collect();
    let incomplete = named.len() < authors.len();
    let surname = |name: &str| name.rsplit(' ').next().unwrap_or(name).to_string();
    match (named.as_slice(), incomplete) {
        ([], _) => None,
        ([one], false) => Some(one.to_string()),
        ([a, b], false) => Some(format!("{} and {}", surname(a), surname(b))),
        ([first, ..], _) => Some(format!("{} et al.", surname(first))),
    }
}

/// An estimate: `~1 h 30 min`, or `约 1 小时 30 分钟` in Chinese.
pub fn minutes(m: u32, lang: Lang) -> String {
    let (about, h, min) = match lang {
        Lang::En => ("~", " h", " min"),
        Lang::Zh => ("约 ", " 小时", " 分钟"),
    };
    let (hours, rest) = (m / 60, m % 60);
    match (hours, rest) {
        (0, _) => format!("{about}{m}{min}"),
        (_, 0) => format!("{about}{hours}{h}"),
        _ => format!("{about}{hours}{h} {rest}{min}"),
    }
}

/// The companion's label as the catalog gives it, with its English gloss.
pub fn label(entry: &Entry) -> Option<String> {
    match (&entry.label, &entry.label_en) {
        (Some(l), Some(en)) => Some(format!("{l} ({en})")),
        (Some(l), None) => Some(l.clone()),
        (None, Some(en)) => Some(en.clone()),
        (None, None) => None,
    }
}

// ---- JSON -------------------------------------------------------------------------------------

/// One entry as `list --json` prints it. Field names are documented in the README and stable.
#[derive(Debug, Serialize)]
pub struct EntryJson<'a> {
    pub row: usize,
    pub id: &'a str,
    pub title: &'a str,
    pub kind: &'a str,
    pub year: Option<i32>,
    pub authors: &'a [String],
    pub url: &'a str,
    pub arxiv: Option<&'a str>,
    pub track: &'a str,
    pub requires: &'a [String],
    pub companion_of: Option<&'a str>,
    pub label: Option<&'a str>,
    pub label_en: Option<&'a str>,
    pub lang: Option<&'a str>,
    pub minutes: Option<u32>,
    pub summary: Option<&'a str>,
    pub summary_zh: Option<&'a str>,
    pub aliases: &'a [String],
    pub status: Status,
    pub changed: Option<String>,
    pub started: Option<String>,
    pub finished: Option<String>,
}

impl<'a> EntryJson<'a> {
    pub fn new(catalog: &'a Catalog, progress: &'a Progress, index: usize) -> Self {
        Self::of(catalog, progress, index, &catalog.entries[index])
    }

    /// The object for `entry`, which is entry `index` of `catalog`, however the caller holds it.
    pub fn of(catalog: &Catalog, progress: &'a Progress, index: usize, entry: &'a Entry) -> Self {
        let record: Option<&Record> = progress.record(entry);
        EntryJson {
            row: catalog.row_of(index),
            id: &entry.id,
            title: &entry.title,
            kind: entry.kind.as_str(),
            year: entry.year,
            authors: &entry.authors,
            url: &entry.url,
            arxiv: entry.arxiv.as_deref(),
            track: &entry.track,
            requires: &entry.requires,
            companion_of: entry.companion_of.as_deref(),
            label: entry.label.as_deref(),
            label_en: entry.label_en.as_deref(),
            lang: entry.lang.as_deref(),
            minutes: entry.minutes,
            summary: entry.summary.as_deref(),
            summary_zh: entry.summary_zh.as_deref(),
            aliases: &entry.aliases,
            status: record.map_or(Status::Todo, |r| r.status),
            changed: record.map(|r| r.changed.to_string()),
            started: record.and_then(|r| r.started).map(|t| t.to_string()),
            finished: record.and_then(|r| r.finished).map(|t| t.to_string()),
        }
    }
}

/// `text` with each character that `replace` names swapped for its replacement, and any other
/// control character for a space: the core of every output format's escaping.
pub fn escape_chars(text: &str, replace: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match replace(c) {
            Some(replacement) => out.push_str(replacement),
            None if c.is_control() => out.push(' '),
            None => out.push(c),
        }
    }
    out
}

pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_string())
}

// ---- tables -----------------------------------------------------------------------------------

/// The status word in the learner's language, coloured when colour is on.
pub fn painted_status(status: Status, style: Style) -> String {
    color::paint(
        status_word(status, style.lang),
        color::status(status),
        style.color,
    )
}

/// The calendar date of a timestamp in the local time zone: `2026-03-01`.
pub fn local_date(at: Timestamp) -> String {
    at.to_zoned_datetime(TimeZone::system()).date().to_string()
}

pub fn status_word(status: Status, lang: Lang) -> &'static str {
    match (lang, status) {
        (Lang::En, s) => s.as_str(),
        (Lang::Zh, Status::Todo) => "未读",
        (Lang::Zh, Status::Reading) => "在读",
        (Lang::Zh, Status::Done) => "已读",
        (Lang::Zh, Status::Skipped) => "跳过",
    }
}

pub fn track_title(catalog: &Catalog, track: &str, lang: Lang) -> String {
    match catalog.track(track) {
        Some(t) => match (lang, &t.title_zh) {
            (Lang::Zh, Some(zh)) => zh.clone(),
            _ => t.title.clone(),
        },
        None => track.to_string(),
    }
}

/// What `list` and `next` say when no catalog defines a single entry (`--no-bundled` and no files).
pub fn empty_path(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "There is nothing on your path yet.\nAdd an entry with `lpath add <id> --title T --url U`, or put a catalog file in catalog.d (`lpath catalog path` shows where).\n"
        }
        Lang::Zh => {
            "路径上还没有任何条目。\n用 `lpath add <id> --title T --url U` 添加一条，或把目录文件放进 catalog.d（`lpath catalog path` 显示位置）。\n"
        }
    }
}

/// `3/27 read · 2 skipped · 18% covered`. Read and skipped always apart: a skipped entry
/// covers what requires it but is never counted as read.
pub fn footer(tally: &Tally, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{}/{} read · {} skipped · {}% covered",
            tally.done,
            tally.total,
            tally.skipped,
            tally.percent_covered()
        ),
        Lang::Zh => format!(
            "已读 {}/{} · 跳过 {} · 已覆盖 {}%",
            tally.done,
            tally.total,
            tally.skipped,
            tally.percent_covered()
        ),
    }
}

// ---- time -------------------------------------------------------------------------------------

/// `2026-03-01 18:30` in the given (local) time zone.
pub fn local_time(at: Timestamp, tz: &TimeZone) -> String {
    let dt = at.to_zoned_datetime(tz.clone()).datetime();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute()
    )
}

/// One line per note, `  2026-03-01 18:30  text`, oldest first as they were written.
pub fn notes(notes: &[Note], tz: &TimeZone) -> String {
    notes
        .iter()
        .map(|note| format!("  {}  {}\n", local_time(note.at, tz), safe(&note.text)))
        .collect()
}

/// Text from the progress file, which a person may have edited, with control characters escaped
/// so that it cannot drive the terminal.
pub fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `~1 h 30 min`, or `0 min` when nothing is estimated.
pub fn minutes_total(m: u64, lang: Lang) -> String {
    match u32::try_from(m) {
        Ok(0) => say(lang, "0 min", "0 分钟").to_string(),
        Ok(m) => minutes(m, lang),
        Err(_) => match lang {
            Lang::En => format!("~{} h", m / 60),
            Lang::Zh => format!("约 {} 小时", m / 60),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_and_track_title_fall_back_to_the_other_language() {
        let text = r#"format = 1
[[track]]
id = "t"
title = "Track"
[[entry]]
id = "en-only"
kind = "paper"
title = "E"
track = "t"
url = "https://example.org/e"
summary = "English"
[[entry]]
id = "zh-only"
kind = "paper"
title = "Z"
track = "t"
url = "https://example.org/z"
summary_zh = "中文"
"#;
        let catalog = crate::catalog::from_toml(text);
        let entry = |id: &str| &catalog.entries[catalog.get(id).unwrap()];
        assert_eq!(summary(entry("en-only"), Lang::Zh), Some("English"));
        assert_eq!(summary(entry("zh-only"), Lang::En), Some("中文"));
        assert_eq!(summary(entry("zh-only"), Lang::Zh), Some("中文"));
        assert_eq!(track_title(&catalog, "t", Lang::Zh), "Track");
    }

    #[test]
    fn tables_fit_columns_else_the_terminal_and_a_zero_width_is_no_limit() {
        assert_eq!(table_width(Some("100"), Some(80)), Some(100));
        assert_eq!(table_width(Some(" 100 "), None), Some(100));
        assert_eq!(table_width(None, Some(80)), Some(80));
        assert_eq!(table_width(Some("0"), Some(80)), Some(80));
        assert_eq!(table_width(Some("wide"), Some(80)), Some(80));
        assert_eq!(table_width(Some("-5"), None), None);
        assert_eq!(table_width(Some("999999"), None), None);
        assert_eq!(table_width(None, Some(0)), None);
        assert_eq!(table_width(Some(""), None), None);
    }

    #[test]
    fn durations_read_naturally_in_either_language() {
        assert_eq!(minutes(45, Lang::En), "~45 min");
        assert_eq!(minutes(120, Lang::En), "~2 h");
        assert_eq!(minutes(90, Lang::En), "~1 h 30 min");
        assert_eq!(minutes(45, Lang::Zh), "约 45 分钟");
        assert_eq!(minutes(120, Lang::Zh), "约 2 小时");
        assert_eq!(minutes(90, Lang::Zh), "约 1 小时 30 分钟");
        assert_eq!(minutes_total(0, Lang::En), "0 min");
        assert_eq!(minutes_total(0, Lang::Zh), "0 分钟");
        assert_eq!(
            minutes_total(u64::MAX, Lang::Zh).split(' ').next(),
            Some("约")
        );
    }

    #[test]
    fn the_first_locale_variable_set_decides_the_language() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    }
}
