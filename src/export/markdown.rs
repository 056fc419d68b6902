//! The reading log as Markdown: by track, with statuses, dates and notes, to paste anywhere.

use std::fmt::Write;

use jiff::Timestamp;

use crate::catalog::model::Catalog;
use crate::output::render;
use crate::plan::Tally;
use crate::progress::model::{Progress, Record, Status};
use crate::text::sanitize;

/// `entries` (in path order) under a heading per track; a companion sits under its entry when
/// that is in the log too. Done entries are ticked task-list items.
pub fn log(catalog: &Catalog, progress: &Progress, entries: &[usize], now: Timestamp) -> String {
    let mut out = String::new();
    let tally = Tally::of(catalog, progress, entries.iter().copied());
    let _ = writeln!(
        out,
        "# {}\n\n{} · {}\n",
        crate::i18n::text("export.markdown.title"),
        render::footer(&tally),
        t!("export.markdown.exported", date = render::local_date(now))
    );
    let mut track: Option<&str> = None;
    for &index in entries {
        let entry = &catalog.entries[index];
        let nested = entry
            .companion_of
            .as_deref()
            .and_then(|parent| catalog.get(parent))
            .is_some_and(|parent| entries.contains(&parent));
        if !nested && track != Some(entry.track.as_str()) {
            if track.is_some() {
                out.push('\n');
            }
            track = Some(&entry.track);
            let _ = writeln!(
                out,
                "## {}\n",
                inline(&render::track_title(catalog, &entry.track))
            );
        }
        let indent = if nested { "  " } else { "" };
        let record = progress.record(entry);
        let status = record.map_or(Status::Todo, |r| r.status);
        let mut facts: Vec<String> = Vec::new();
        facts.extend(entry.year.map(|y| y.to_string()));
        facts.extend(render::short_authors(&entry.authors));
        let mut facts = if facts.is_empty() {
            String::new()
        } else {
            let facts = facts.join(&crate::i18n::text("common.list_separator"));
            t!("export.markdown.facts", facts = inline(&facts)).into_owned()
        };
        if let Some(label) = render::label(entry).filter(|_| entry.is_companion()) {
            facts = format!("{facts} · {}", inline(&label));
        }
        let _ = writeln!(
            out,
            "{indent}- [{}] [{}]({}){facts} · {}",
            if status == Status::Done { "x" } else { " " },
            inline(&entry.title),
            link(&entry.url),
            when(status, record),
        );
        for note in record.map_or(&[][..], |r| &r.notes[..]) {
            let mut lines = note.text.lines();
            let first = sanitize::visible(lines.next().unwrap_or(""));
            let _ = writeln!(
                out,
                "{indent}  - *{}:* {first}",
                render::local_date(note.at)
            );
            for line in lines {
                let _ = writeln!(out, "{indent}    {}", sanitize::visible(line));
            }
        }
    }
    out
}

/// `done 2026-03-01`, `reading since 2026-02-27`, `skipped 2026-03-02`, `todo`.
fn when(status: Status, record: Option<&Record>) -> String {
    let word = render::status_word(status);
    let date = |at: Option<Timestamp>| at.map(render::local_date);
    let Some(record) = record else {
        return word;
    };
    let (key, at) = match status {
        Status::Reading => ("export.markdown.since", record.started),
        Status::Done => (
            "export.markdown.on",
            record.finished.or(Some(record.changed)),
        ),
        Status::Skipped => ("export.markdown.on", Some(record.changed)),
        Status::Todo => return word,
    };
    match date(at) {
        Some(d) => t!(key, status = word, date = d).into_owned(),
        None => word,
    }
}

/// Text that Markdown shows as written: its punctuation escaped, on one line.
fn inline(text: &str) -> String {
    render::escape_chars(text, |c| match c {
        '\\' => Some("\\\\"),
        '`' => Some("\\`"),
        '*' => Some("\\*"),
        '_' => Some("\\_"),
        '[' => Some("\\["),
        ']' => Some("\\]"),
        '<' => Some("\\<"),
        '>' => Some("\\>"),
        '#' => Some("\\#"),
        '|' => Some("\\|"),
        _ => None,
    })
}

/// A link target that cannot end the link early.
fn link(url: &str) -> String {
    url.replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_cannot_break_the_markdown() {
        assert_eq!(inline("[a] *b* _c_"), r"\[a\] \*b\* \_c\_");
        assert_eq!(link("https://x.org/a_(b)"), "https://x.org/a_%28b%29");
    }
}
