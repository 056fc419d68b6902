//! The progress file in exactly the shape lpath writes it, read and written without a TOML parser.
//!
//! A learner with a large catalog has tens of thousands of records, and every command reads them
//! (and every change writes them). The general TOML parser spends most of its time on generality
//! this one file never uses. So: `write` produces the bytes `toml` would, and `read` accepts only
//! text in that shape. Anything else (a hand edit beyond comments, an id that needs quotes, a
//! newer format) gives `None`, and the caller goes through `toml` as before, with its error
//! messages. A note is written by `toml_writer`, as `toml` writes it, and read directly when it
//! is plain (nearly always) or by `toml_edit`'s value parser when it is quoted or escaped, so one
//! note with a `"` or a new line does not push the whole file off this path. The property tests
//! below hold both to the `toml` crate's output and parse.

use std::borrow::Cow;
use std::collections::BTreeMap;

use jiff::Timestamp;
use toml_writer::{ToTomlValue, TomlStringBuilder};

use crate::progress::model::{FORMAT, HEADER, Note, ParseError, Progress, Record, Status};

/// The file's text after `header`, as `toml::to_string` would write it, or `None` when some id
/// needs quoting (then `toml` decides how).
pub fn write(header: &str, format: i64, progress: &Progress) -> Option<String> {
    let mut out = String::with_capacity(header.len() + 16 + progress.entries.len() * 120);
    out.push_str(header);
    out.push_str(&format!("format = {format}\n"));
    if progress.entries.is_empty() {
        // `toml` writes the empty map as an empty table.
        out.push_str("\n[entry]\n");
    }
    for (id, record) in &progress.entries {
        if !is_bare_key(id) {
            return None;
        }
        out.push_str("\n[entry.");
        out.push_str(id);
        out.push_str("]\n");
        pair(&mut out, "status", record.status.as_str());
        timestamp(&mut out, "changed", Some(record.changed));
        timestamp(&mut out, "started", record.started);
        timestamp(&mut out, "finished", record.finished);
        for note in &record.notes {
            out.push_str("\n[[entry.");
            out.push_str(id);
            out.push_str(".notes]]\n");
            timestamp(&mut out, "at", Some(note.at));
            text(&mut out, "text", &note.text);
        }
    }
    Some(out)
}

fn pair(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = \"");
    out.push_str(value);
    out.push_str("\"\n");
}

/// `key = value` with `value` quoted as `toml` quotes it: plain text between double quotes, and
/// anything else (a quote, a backslash, a new line, a control character) as `toml_writer` writes
/// it, a literal, multi-line or escaped string.
fn text(out: &mut String, key: &str, value: &str) {
    if is_plain(value) {
        pair(out, key, value);
    } else {
        out.push_str(key);
        out.push_str(" = ");
        out.push_str(&TomlStringBuilder::new(value).as_default().to_toml_value());
        out.push('\n');
    }
}

fn timestamp(out: &mut String, key: &str, value: Option<Timestamp>) {
    if let Some(value) = value {
        out.push_str(key);
        out.push_str(" = \"");
        write_utc(out, value);
        out.push_str("\"\n");
    }
}

/// `time` as its `Display` writes it; whole seconds from year 0 on, the common case, without
/// going through the formatter.
fn write_utc(out: &mut String, time: Timestamp) {
    let seconds = time.as_second();
    if time.subsec_nanosecond() != 0 || !(YEAR_0..=YEAR_9999_END).contains(&seconds) {
        out.push_str(&time.to_string());
        return;
    }
    let civil = jiff::tz::Offset::UTC.to_datetime(time);
    let (year, month, day) = (
        i64::from(civil.year()),
        i64::from(civil.month()),
        i64::from(civil.day()),
    );
    let second = seconds.rem_euclid(86_400);
    let digits = |out: &mut String, n: i64, width: u32| {
        for place in (0..width).rev() {
            let digit = (n / 10i64.pow(place)) % 10;
            out.push(char::from(b'0' + digit as u8));
        }
    };
    digits(out, year, 4);
    out.push('-');
    digits(out, month, 2);
    out.push('-');
    digits(out, day, 2);
    out.push('T');
    digits(out, second / 3600, 2);
    out.push(':');
    digits(out, second % 3600 / 60, 2);
    out.push(':');
    digits(out, second % 60, 2);
    out.push('Z');
}

/// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in seconds since 1970.
const YEAR_0: i64 = -62_167_219_200;
const YEAR_9999_END: i64 = 253_402_300_799;

/// A key TOML writes without quotes: `paper-1`, `bert`.
fn is_bare_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Text TOML writes between plain double quotes, with nothing escaped.
fn is_plain(text: &str) -> bool {
    !text
        .bytes()
        .any(|b| b <= 0x1f || b == 0x7f || b == b'"' || b == b'\\')
}

/// The progress in `text`, if it is in exactly the shape `write` produces (records sorted by id;
/// comment lines anywhere); `None` for anything else.
pub fn read(text: &str, format: i64) -> Option<Progress> {
    let format_line = format!("format = {format}");
    // lpath writes records sorted by id; collected in that order, the map is built in one go.
    let mut entries: Vec<(String, Record)> = Vec::new();
    let mut seen_format = false;
    let mut seen_entry_table = false;
    // The record being read, and the note being read within it.
    let mut record: Option<(&str, Fields)> = None;
    let mut note: Option<NoteFields> = None;

    let mut lines = crate::text::width::lines(text);
    while let Some(line) = lines.next() {
        if line.is_empty() || (line.starts_with('#') && is_comment(line)) {
            continue;
        }
        if let Some(inner) = line.strip_prefix("[[entry.") {
            let id = inner.strip_suffix(".notes]]")?;
            let (current, fields) = record.as_mut()?;
            if *current != id {
                return None;
            }
            if let Some(done) = note.take() {
                fields.notes.push(done.finish()?);
            }
            note = Some(NoteFields::default());
        } else if let Some(inner) = line.strip_prefix("[entry.") {
            let id = inner.strip_suffix(']')?;
            let after = record
                .as_ref()
                .map(|(r, _)| *r)
                .or(entries.last().map(|(r, _)| r.as_str()));
            if !is_bare_key(id) || after.is_some_and(|last| last >= id) {
                return None;
            }
            close(&mut entries, record.take(), note.take())?;
            record = Some((id, Fields::default()));
        } else if line == "[entry]" && !seen_entry_table && record.is_none() {
            seen_entry_table = true;
        } else if line == format_line && !seen_format && !seen_entry_table && record.is_none() {
            seen_format = true;
        } else {
            let (key, value) = key_value(line, &mut lines)?;
            match (&mut note, &mut record) {
                (Some(note), _) => note.set(key, value)?,
                (None, Some((_, fields))) => fields.set(key, &value)?,
                (None, None) => return None,
            }
        }
    }
    close(&mut entries, record, note)?;
    seen_format.then(|| Progress {
        entries: BTreeMap::from_iter(entries),
    })
}

/// `key = "value"` with a bare key, and the string value it holds: plain text between double
/// quotes directly, anything else (escapes, single quotes, a multi-line string that goes on over
/// the `lines` after this one) as `toml_edit` reads a value. `None` when the value is not a
/// string.
fn key_value<'a>(
    line: &'a str,
    lines: &mut impl Iterator<Item = &'a str>,
) -> Option<(&'a str, Cow<'a, str>)> {
    // The first space ends a bare key; anything that is not one is not a key `read` knows.
    let space = line.bytes().position(|b| b == b' ')?;
    let (key, rest) = line.split_at(space);
    let value = rest.strip_prefix(" = ")?;
    if let Some(plain) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"'))
        && is_plain(plain)
    {
        return Some((key, Cow::Borrowed(plain)));
    }
    let decoded = match multi_line_delimiter(value) {
        Some(delimiter) if !value[3..].contains(delimiter) => {
            // The string goes on to the first line that holds its closing delimiter.
            let mut whole = value.to_string();
            loop {
                let next = lines.next()?;
                whole.push('\n');
                whole.push_str(next);
                if next.contains(delimiter) {
                    break;
                }
            }
            string_value(&whole)?
        }
        _ => string_value(value)?,
    };
    Some((key, Cow::Owned(decoded)))
}

/// `"""` or `'''` when `value` starts a multi-line string.
fn multi_line_delimiter(value: &str) -> Option<&'static str> {
    ["\"\"\"", "'''"]
        .into_iter()
        .find(|delimiter| value.starts_with(delimiter))
}

/// The string `value` holds (with any spaces or comment after it), read as `toml` reads the rest
/// of a `key = ` line; `None` for anything else.
fn string_value(value: &str) -> Option<String> {
    let line: toml_edit::DocumentMut = format!("v = {value}").parse().ok()?;
    if line.len() != 1 {
        return None;
    }
    line.get("v")?.as_str().map(str::to_string)
}

/// A comment line TOML accepts: no control characters but tab.
pub(crate) fn is_comment(line: &str) -> bool {
    !line.bytes().any(|b| (b <= 0x1f && b != b'\t') || b == 0x7f)
}

fn close(
    entries: &mut Vec<(String, Record)>,
    record: Option<(&str, Fields)>,
    note: Option<NoteFields>,
) -> Option<()> {
    let Some((id, mut fields)) = record else {
        return Some(());
    };
    if let Some(note) = note {
        fields.notes.push(note.finish()?);
    }
    entries.push((id.to_string(), fields.finish()?));
    Some(())
}

#[derive(Default)]
struct Fields {
    status: Option<Status>,
    changed: Option<Timestamp>,
    started: Option<Timestamp>,
    finished: Option<Timestamp>,
    notes: Vec<Note>,
}

impl Fields {
    /// Each key once, as TOML requires.
    fn set(&mut self, key: &str, value: &str) -> Option<()> {
        match key {
            "status" if self.status.is_none() => {
                self.status = Some(*Status::ALL.iter().find(|s| s.as_str() == value)?);
            }
            "changed" if self.changed.is_none() => self.changed = Some(timestamp_in(value)?),
            "started" if self.started.is_none() => self.started = Some(timestamp_in(value)?),
            "finished" if self.finished.is_none() => self.finished = Some(timestamp_in(value)?),
            _ => return None,
        }
        Some(())
    }

    fn finish(self) -> Option<Record> {
        Some(Record {
            status: self.status?,
            changed: self.changed?,
            started: self.started,
            finished: self.finished,
            notes: self.notes,
        })
    }
}

#[derive(Default)]
struct NoteFields {
    at: Option<Timestamp>,
    text: Option<String>,
}

impl NoteFields {
    fn set(&mut self, key: &str, value: Cow<'_, str>) -> Option<()> {
        match key {
            "at" if self.at.is_none() => self.at = Some(timestamp_in(&value)?),
            "text" if self.text.is_none() => self.text = Some(value.into_owned()),
            _ => return None,
        }
        Some(())
    }

    fn finish(self) -> Option<Note> {
        Some(Note {
            at: self.at?,
            text: self.text?,
        })
    }
}

/// A timestamp, read as its `Deserialize` reads it.
fn timestamp_in(text: &str) -> Option<Timestamp> {
    crate::progress::stamp::parse(text).ok()
}

// The file is read and written here, on the fast path when it has lpath's own shape; the model
// knows only the general TOML path, so the two files do not import each other.
impl Progress {
    /// Reads the file; the exact shape lpath writes takes a fast path, anything else `toml`.
    pub fn parse(text: &str) -> Result<Progress, ParseError> {
        let text = crate::text::width::lf_line_ends(text);
        match read(&text, FORMAT) {
            Some(progress) => Ok(progress),
            None => Progress::parse_toml(&text),
        }
    }

    /// The file's text: deterministic, entries sorted by id, so it diffs cleanly.
    pub fn to_toml(&self) -> String {
        write(HEADER, FORMAT, self).unwrap_or_else(|| self.write_toml())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::progress::model::{FORMAT, HEADER};

    fn timestamp() -> impl Strategy<Value = Timestamp> {
        (
            0i64..4_000_000_000,
            prop_oneof![Just(0i32), 0i32..1_000_000_000],
        )
            .prop_map(|(s, n)| Timestamp::new(s, n).unwrap_or(Timestamp::UNIX_EPOCH))
    }

    /// Mostly plain letters, with every character that decides how TOML must write a string.
    fn text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '"', '\\', '\'', '\t', '\n', '\r', '\u{7f}', '\u{85}', '\u{1b}', '中', '😀', '#', '=',
            '[', ']', '.', ' ', '-', '_',
        ]);
        prop::collection::vec(
            prop_oneof![6 => proptest::char::range('a', 'z'), 2 => special],
            0..10,
        )
        .prop_map(String::from_iter)
    }

    fn id() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => "[a-z0-9][a-z0-9-]{0,10}",
            1 => prop::sample::select(vec!["a".to_string(), "b".to_string()]),
            1 => text(),
        ]
    }

    fn record() -> impl Strategy<Value = Record> {
        let note = (timestamp(), text()).prop_map(|(at, text)| Note { at, text });
        (
            prop::sample::select(Status::ALL.to_vec()),
            timestamp(),
            prop::option::of(timestamp()),
            prop::option::of(timestamp()),
            prop::collection::vec(note, 0..3),
        )
            .prop_map(|(status, changed, started, finished, notes)| Record {
                status,
                changed,
                started,
                finished,
                notes,
            })
    }

    fn progress() -> impl Strategy<Value = Progress> {
        prop::collection::btree_map(id(), record(), 0..6).prop_map(|entries| Progress { entries })
    }

    /// A progress the fast path writes, to be edited: most edits of anything else stay slow.
    fn simple_progress() -> impl Strategy<Value = Progress> {
        progress().prop_filter("written by the fast path", is_simple)
    }

    /// Every id bare: the one thing that sends a file lpath writes through `toml`.
    fn is_simple(progress: &Progress) -> bool {
        progress.entries.keys().all(|id| is_bare_key(id))
    }

    /// Lines a hand edit (or a newer lpath) might leave, each one a reason to go through `toml`.
    const EDITS: &[&str] = &[
        "",
        "# a comment",
        "#\u{7f}",
        "format = 1",
        "format = 2",
        "format = \"1\"",
        "[entry]",
        "[entry.a]",
        "[entry.b]",
        "[entry.\"a\"]",
        "[entry.a] # why",
        "[[entry.a.notes]]",
        "[[entry.b.notes]]",
        "status = \"done\"",
        "status = \"DONE\"",
        "status=\"done\"",
        "  status = \"done\"",
        "changed = \"2026-01-01T00:00:00Z\"",
        "changed = 2026-01-01T00:00:00Z",
        "changed = \"2026-01-01T00:00:00+01:00\"",
        "started = \"2026-01-01T00:00:00.5Z\"",
        "finished = \"2026-01-01T00:00:00Z\"",
        "at = \"2026-01-01T00:00:00Z\"",
        "at = \"2016-12-31T23:59:60Z\"",
        "text = \"x\"",
        "text = 'x'",
        "text = \"\"\"x\"\"\"",
        "text = \"\"\"",
        "text = '''",
        "text = '''x",
        "\"\"\"",
        "'''",
        "x\"\"\"",
        "text = \"a\\\"b\"",
        "text = \"\\u0041\\t\"",
        "text = \"\\q\"",
        "text = 'a\"b'",
        "text = \"\"\"a\"b'c\"\"\"",
        "text = \"x\" # why",
        "text = \"x\"  ",
        "status = \"done\" # mine",
        "text = 'x' # why",
        "text = \"x\" x = 1",
        "text = \"x\"\r",
        "text = 1",
        "text = [\"x\"]",
        "other = \"x\"",
        "x.y = \"1\"",
        "\r",
    ];

    fn edit(text: &str, edits: &[(usize, usize, u8)]) -> String {
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        for &(at, what, how) in edits {
            let at = at % (lines.len() + 1);
            match how % 4 {
                0 if at < lines.len() => {
                    lines.remove(at);
                }
                1 if at < lines.len() => {
                    let line = lines[at].clone();
                    lines.insert(at, line);
                }
                2 if at < lines.len() => {
                    // One character inserted inside a line.
                    let line = &mut lines[at];
                    let chars = [
                        ' ', '"', '\\', '#', '\r', '=', '[', ']', '.', 'a', '0', '\'',
                    ];
                    let boundaries: Vec<usize> = (0..=line.len())
                        .filter(|&i| line.is_char_boundary(i))
                        .collect();
                    line.insert(
                        boundaries[what % boundaries.len()],
                        chars[what % chars.len()],
                    );
                }
                _ => lines.insert(at, EDITS[what % EDITS.len()].to_string()),
            }
        }
        lines.join("\n")
    }

    proptest! {
        #[test]
        fn write_gives_the_bytes_toml_writes_whenever_it_writes(progress in progress()) {
            let fast = write(HEADER, FORMAT, &progress);
            prop_assert_eq!(fast.is_some(), is_simple(&progress));
            if let Some(fast) = fast {
                prop_assert_eq!(fast, progress.write_toml());
            }
        }

        #[test]
        fn read_gives_what_toml_reads_from_any_file_lpath_writes(progress in progress()) {
            let text = progress.write_toml();
            prop_assert_eq!(Progress::parse_toml(&text), Ok(progress.clone()));
            let fast = read(&text, FORMAT);
            prop_assert_eq!(fast.is_some(), is_simple(&progress));
            if let Some(fast) = fast {
                prop_assert_eq!(fast, progress);
            }
        }

    }

    proptest! {
        // Only some edits keep the file in the fast path's shape; those are the ones that count.
        #![proptest_config(ProptestConfig::with_cases(1024))]
        #[test]
        fn read_of_an_edited_file_agrees_with_toml_or_leaves_it_to_toml(
            progress in simple_progress(),
            edits in prop::collection::vec((0usize..64, 0usize..1000, 0u8..4), 1..4),
        ) {
            let text = edit(&progress.write_toml(), &edits);
            if let Some(fast) = read(&text, FORMAT) {
                prop_assert_eq!(Progress::parse_toml(&text), Ok(fast), "{}", text);
            }
        }
    }

    proptest! {
        #[test]
        fn timestamps_are_written_as_display_writes_them(time in any_timestamp()) {
            let mut out = String::new();
            write_utc(&mut out, time);
            prop_assert_eq!(out, time.to_string());
        }

        #[test]
        fn timestamps_are_read_as_jiff_reads_them(time in any_timestamp()) {
            let text = time.to_string();
            prop_assert_eq!(timestamp_in(&text), Some(time));
        }
    }

    fn any_timestamp() -> impl Strategy<Value = Timestamp> {
        let min = Timestamp::MIN.as_second();
        let max = Timestamp::MAX.as_second() - 1;
        (
            prop_oneof![min..max, YEAR_0 - 10..YEAR_0 + 10, max - 10..max],
            prop_oneof![Just(0i32), 0i32..1_000_000_000],
        )
            .prop_map(|(s, n)| Timestamp::new(s, n).unwrap_or(Timestamp::UNIX_EPOCH))
    }

    #[test]
    fn the_files_lpath_writes_take_the_fast_path() {
        let text = "# lpath progress: what you have read. Written by lpath; safe to keep in git.\n\
            format = 1\n\n[entry.bert]\nstatus = \"done\"\nchanged = \"2026-01-01T00:00:00Z\"\n\
            finished = \"2026-01-01T00:00:00Z\"\n\n[[entry.bert.notes]]\nat = \"2026-01-01T00:00:00Z\"\n\
            text = \"read it twice, 中文 too\"\n";
        let progress = read(text, FORMAT).expect("the fast path");
        assert_eq!(
            progress.entries["bert"].notes[0].text,
            "read it twice, 中文 too"
        );
        assert_eq!(write(HEADER, FORMAT, &progress).as_deref(), Some(text));
        assert_eq!(read("format = 1\n", FORMAT), Some(Progress::default()));
        let empty = write(HEADER, FORMAT, &Progress::default()).unwrap();
        assert_eq!(read(&empty, FORMAT), Some(Progress::default()));
    }

    #[test]
    fn a_note_that_toml_quotes_or_escapes_keeps_the_file_on_the_fast_path() {
        let at = Timestamp::from_second(1_767_225_600).unwrap();
        let notes = [
            "he said \"read it\"",
            "C:\\papers",
            "it's \"the\" one",
            "line one\nline two \"\"\" and ''' both\n",
            "tab\there",
            "\u{1b}[2J",
        ];
        let mut progress = Progress::default();
        progress.entries.insert(
            "bert".to_string(),
            Record {
                status: Status::Reading,
                changed: at,
                started: Some(at),
                finished: None,
                notes: notes
                    .iter()
                    .map(|text| Note {
                        at,
                        text: text.to_string(),
                    })
                    .collect(),
            },
        );
        let text = write(HEADER, FORMAT, &progress).expect("the fast writer");
        assert_eq!(text, progress.write_toml());
        assert!(text.contains("text = 'he said \"read it\"'"), "{text}");
        assert_eq!(read(&text, FORMAT), Some(progress));
    }

    #[test]
    fn a_hand_edit_that_leaves_spaces_or_a_comment_after_a_value_stays_on_the_fast_path() {
        let text = "format = 1\n\n[entry.bert]\nstatus = \"done\"   # read twice\n\
            changed = \"2026-01-01T00:00:00Z\" \n";
        let progress = read(text, FORMAT).expect("the fast path");
        assert_eq!(Progress::parse_toml(text), Ok(progress));
    }

    #[test]
    fn anything_else_is_left_to_toml() {
        for text in [
            "",
            "format = 2\n",
            "format = 1\n[entry.a]\nstatus = \"done\"\n",
            "format = 1\r\n",
            "format = 1\n[entry.a]\nstatus = \"done\"\nchanged = \"2026-01-01T00:00:00Z\"\n[entry.a]\n",
            "format = 1\n[entry.a]\nstatus = \"done\"\nchanged = \"2026-01-01T00:00:00Z\"\nstatus = \"done\"\n",
        ] {
            assert_eq!(read(text, FORMAT), None, "{text:?}");
        }
    }
}
