//! Turning entries into what a person or a script reads: tables, plain text and JSON.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::catalog::entry::{Entry, Kind};
use crate::catalog::model::Catalog;
use crate::i18n::{Lang, current};
use crate::output::color;
use crate::output::glyphs::Glyphs;
use crate::plan::{State, Tally};
use crate::progress::model::{Note, Progress, Record, Status};
use crate::text::sanitize;

/// How output should look: colour, block characters and width (the language is the message
/// files' locale, [`crate::i18n::current`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// Block characters and other non-ASCII drawing: when the locale is UTF-8 (see [`crate::output::glyphs`]).
    pub unicode: bool,
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

/// The columns of the terminal `stream` writes to, when it is one. A pty that reports its
/// columns and no rows (`script` after `stty cols 80`) still has a width.
#[cfg(unix)]
pub fn terminal_width(stream: impl std::os::fd::AsFd) -> Option<u16> {
    rustix::termios::tcgetwinsize(stream)
        .ok()
        .map(|size| size.ws_col)
}

#[cfg(not(unix))]
pub fn terminal_width<S>(_stream: S) -> Option<u16> {
    terminal_size::terminal_size().map(|(width, _)| width.0)
}

impl Style {
    /// The characters to draw with.
    pub fn glyphs(&self) -> Glyphs {
        Glyphs::new(self.unicode)
    }
}

/// A resource's language code (`zh`) as the learner reads it: 中文 in Chinese; a code the
/// message files do not name stays as the catalog gives it.
pub fn language_name(code: &str) -> String {
    crate::i18n::try_text(&format!("common.language.{code}"))
        .map(|_| crate::i18n::text(&format!("common.language.{code}")))
        .unwrap_or_else(|| code.to_string())
}

/// A kind (`paper`) as the learner reads it; JSON and TOML keep `Kind::as_str`.
pub fn kind_word(kind: Kind) -> String {
    crate::i18n::text(&format!("common.kind.{}", kind.as_str()))
}

/// The entry's summary in the learner's language, else in the other one.
pub fn summary(entry: &Entry) -> Option<&str> {
    let (first, second) = match current() {
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
        ([a, b], false) => Some(
            t!(
                "common.authors.two",
                first = surname(a),
                second = surname(b)
            )
            .into_owned(),
        ),
        ([first, ..], _) => Some(t!("common.authors.many", first = surname(first)).into_owned()),
    }
}

/// An estimate: `~1 h 30 min`, or `约 1 小时 30 分钟` in Chinese.
pub fn minutes(m: u32) -> String {
    let (hours, rest) = (m / 60, m % 60);
    let text = match (hours, rest) {
        (0, _) => t!("common.duration.minutes", minutes = m),
        (_, 0) => t!("common.duration.hours", hours = hours),
        _ => t!(
            "common.duration.hours_minutes",
            hours = hours,
            minutes = rest
        ),
    };
    text.into_owned()
}

/// The companion's label in the learner's language: `label_en` is for English, `label` (the
/// catalog's own, 论文解读 say) for Chinese; either stands in for the other.
pub fn label(entry: &Entry) -> Option<String> {
    let (first, second) = match current() {
        Lang::En => (&entry.label_en, &entry.label),
        Lang::Zh => (&entry.label, &entry.label_en),
    };
    first.as_ref().or(second.as_ref()).cloned()
}

// ---- JSON -------------------------------------------------------------------------------------

/// One entry as `list --json` prints it: its row, the entry's own fields (its serde form), then
/// its progress. Field names are documented in the guide and stable.
#[derive(Debug, Serialize)]
pub struct EntryJson<'a> {
    pub row: usize,
    #[serde(flatten)]
    pub entry: &'a Entry,
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
            entry,
            status: record.map_or(Status::Todo, |r| r.status),
            changed: record.map(|r| r.changed.to_string()),
            started: record.and_then(|r| r.started).map(|t| t.to_string()),
            finished: record.and_then(|r| r.finished).map(|t| t.to_string()),
        }
    }
}

/// `text` with each character that `replace` names swapped for its replacement, and any hidden
/// character (see [`sanitize`]) shown as `\u{..}`, itself escaped by `replace`: the core of
/// every output format's escaping.
pub fn escape_chars(text: &str, replace: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    let push = |out: &mut String, c: char| match replace(c) {
        Some(replacement) => out.push_str(replacement),
        None => out.push(c),
    };
    for c in text.chars() {
        if sanitize::is_hidden(c) && replace(c).is_none() {
            let mut escaped = String::new();
            sanitize::push_escaped(&mut escaped, c);
            for e in escaped.chars() {
                push(&mut out, e);
            }
        } else {
            push(&mut out, c);
        }
    }
    out
}

pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    match write_json(&mut out, value) {
        Ok(()) => String::from_utf8(out).unwrap_or_else(|_| "null".to_string()),
        Err(_) => "null".to_string(),
    }
}

/// Pretty JSON in which every hidden character (see [`sanitize`]) is written as a `\uXXXX`
/// escape: the same string to any JSON reader, and nothing a terminal acts on.
pub fn write_json<W: std::io::Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(writer, SafeJson::default());
    value.serialize(&mut serializer)
}

#[derive(Default)]
struct SafeJson(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(sanitize::is_hidden) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or(' ');
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

// ---- tables -----------------------------------------------------------------------------------

/// The status word in the learner's language, coloured when colour is on.
pub fn painted_status(status: Status, style: Style) -> String {
    color::paint(&status_word(status), color::status(status), style.color)
}

/// The calendar date of a timestamp in the local time zone: `2026-03-01`.
pub fn local_date(at: Timestamp) -> String {
    at.to_zoned_datetime(TimeZone::system()).date().to_string()
}

/// A status (`done`) as the learner reads it; JSON and TOML keep `Status::as_str`.
pub fn status_word(status: Status) -> String {
    crate::i18n::text(&format!("common.status.{}", status.as_str()))
}

/// A state as the roadmap page says it: a status's own word, or for an entry not started,
/// whether it is ready or waits.
pub fn state_word(state: State) -> String {
    match state {
        State::Ready | State::Waiting => {
            crate::i18n::text(&format!("roadmap_page.state.{}", state.as_str()))
        }
        _ => status_word(state.status()),
    }
}

pub fn track_title(catalog: &Catalog, track: &str) -> String {
    match catalog.track(track) {
        Some(t) => match (current(), &t.title_zh) {
            (Lang::Zh, Some(zh)) => zh.clone(),
            _ => t.title.clone(),
        },
        None => track.to_string(),
    }
}

/// What `list`, `next` and `graph` say when the path has no entry: why, when every catalog in use
/// is left out for its problems; else how to add to it.
pub fn empty(catalog: &crate::catalog::model::Catalog) -> String {
    if catalog.left_out.is_empty() {
        return empty_path();
    }
    let files: Vec<&str> = catalog.left_out.iter().map(|l| l.file.as_str()).collect();
    format!("{}\n", t!("left_out.empty_path", files = files.join(", ")))
}

/// What `list` and `next` say when no catalog defines a single entry (`--no-bundled` and no files).
pub fn empty_path() -> String {
    crate::i18n::text("common.empty_path")
}

/// `3/27 read · 2 skipped · 18% covered`. Read and skipped always apart: a skipped entry
/// covers what requires it but is never counted as read.
pub fn footer(tally: &Tally) -> String {
    t!(
        "common.footer",
        done = tally.done,
        total = tally.total,
        skipped = tally.skipped,
        percent = tally.percent_covered()
    )
    .into_owned()
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

/// Notes numbered from 1 (the numbers `note --edit` and `--delete` take), each with its local
/// time; the lines of a note written on several lines line up under its first.
/// On a terminal `columns` wide, a long line of a note goes on under the note's text.
pub fn notes(notes: &[Note], tz: &TimeZone, columns: Option<usize>) -> String {
    let width = notes.len().to_string().len();
    let mut out = String::new();
    for (k, note) in notes.iter().enumerate() {
        let head = format!("  {:>width$}  {}  ", k + 1, local_time(note.at, tz));
        let indent = " ".repeat(head.chars().count());
        for (i, line) in note.text.trim_end().split('\n').enumerate() {
            let lead = if i == 0 {
                head.as_str()
            } else {
                indent.as_str()
            };
            for part in crate::text::width::wrap(&sanitize::visible(line), lead, &indent, columns) {
                out.push_str(&part);
                out.push('\n');
            }
        }
    }
    out
}

/// `~1 h 30 min`, or `0 min` when nothing is estimated.
pub fn minutes_total(m: u64) -> String {
    match u32::try_from(m) {
        Ok(0) => crate::i18n::text("common.duration.none"),
        Ok(m) => minutes(m),
        Err(_) => t!("common.duration.hours", hours = m / 60).into_owned(),
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
        let catalog = crate::catalog::model::from_toml(text);
        let entry = |id: &str| &catalog.entries[catalog.get(id).unwrap()];
        // Unit tests run in English; tests/it/language.rs checks the Chinese side.
        assert_eq!(summary(entry("en-only")), Some("English"));
        assert_eq!(summary(entry("zh-only")), Some("中文"));
        assert_eq!(track_title(&catalog, "t"), "Track");
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
    fn durations_read_naturally() {
        // Chinese durations: tests/it/lang_and_color.rs.
        assert_eq!(minutes(45), "~45 min");
        assert_eq!(minutes(120), "~2 h");
        assert_eq!(minutes(90), "~1 h 30 min");
        assert_eq!(minutes_total(0), "0 min");
        assert!(minutes_total(u64::MAX).starts_with('~'));
    }
}
