//! `lpath show`: everything about one entry, with the status of what surrounds it.

use std::fmt::Write;

use serde::Serialize;

use crate::catalog::model::Catalog;
use crate::catalog::resolve;
use crate::cli::args::ShowArgs;
use crate::context::Context;
use crate::error::Result;
use crate::output::color;
use crate::output::render::{self, EntryJson, Style};
use crate::progress::model::{Note, Progress, Status};
use crate::text::width::{pad, width, wrap};

/// Where a field's value starts, past its name.
const FIELD_INDENT: &str = "            ";

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    entry: EntryJson<'a>,
    prerequisites: Vec<EntryJson<'a>>,
    unlocks: Vec<EntryJson<'a>>,
    companions: Vec<EntryJson<'a>>,
    notes: &'a [Note],
}

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<String> {
    let catalog = &ctx.catalog;
    let index = resolve::entry(catalog, &args.id)?;
    let progress = ctx.store().load()?;
    let entry = &catalog.entries[index];
    let record = progress.record(entry);
    let notes = record.map_or(&[][..], |r| &r.notes);
    let unlocks = catalog.unlocks(index);
    if args.json {
        let entries = |indices: &[usize]| -> Vec<EntryJson> {
            indices
                .iter()
                .map(|&i| EntryJson::new(catalog, &progress, i))
                .collect()
        };
        let json = ShowJson {
            entry: EntryJson::new(catalog, &progress, index),
            prerequisites: entries(catalog.requires(index)),
            unlocks: entries(&unlocks),
            companions: entries(catalog.companions(index)),
            notes,
        };
        return Ok(render::to_json(&json) + "\n");
    }

    Ok(details(catalog, &progress, index, ctx.style))
}

/// What `show` says about entry `index`, fitted to `style.width`: also the details pane of
/// `lpath tui`.
pub fn details(catalog: &Catalog, progress: &Progress, index: usize, style: Style) -> String {
    let entry = &catalog.entries[index];
    let record = progress.record(entry);
    let notes = record.map_or(&[][..], |r| &r.notes);
    let unlocks = catalog.unlocks(index);
    let tz = jiff::tz::TimeZone::system();
    let mut out = String::new();
    let columns = style.width.map(usize::from);
    for line in wrap(&entry.title, "", "", columns) {
        let _ = writeln!(out, "{line}");
    }
    // A value too long for the terminal goes on under itself.
    let mut field = |name: &str, value: String| {
        let label = crate::i18n::text(&format!("show.field.{name}"));
        let first = format!("  {} ", pad(&label, 9));
        for line in wrap(&value, &first, FIELD_INDENT, columns) {
            let _ = writeln!(out, "{line}");
        }
    };
    let row = catalog.row_of(index);
    field("id", t!("show.id", id = entry.id, row = row).into_owned());
    let list_separator = crate::i18n::text("common.list_separator");
    if !entry.aliases.is_empty() {
        field("aliases", entry.aliases.join(&list_separator));
    }
    if !entry.authors.is_empty() {
        // `others` ends a list the source cut short: said as `next` says it.
        let others = t!("common.authors.others").into_owned();
        let authors: Vec<&str> = entry
            .authors
            .iter()
            .map(|a| {
                if a == "others" {
                    others.as_str()
                } else {
                    a.as_str()
                }
            })
            .collect();
        field("authors", authors.join(&list_separator));
    }
    if let Some(year) = entry.year {
        field("year", year.to_string());
    }
    let mut kind = vec![render::kind_word(entry.kind)];
    kind.extend(render::label(entry));
    kind.extend(entry.lang.as_deref().map(render::language_name));
    field("kind", kind.join(" · "));
    field(
        "track",
        t!(
            "show.track",
            title = render::track_title(catalog, &entry.track),
            id = entry.track
        )
        .into_owned(),
    );
    field("url", entry.url.clone());
    if let Some(arxiv) = &entry.arxiv {
        field("arxiv", arxiv.clone());
    }
    if let Some(minutes) = entry.minutes {
        field("minutes", render::minutes(minutes));
    }
    let mut status = vec![render::painted_status(progress.status(entry), style)];
    if let Some(record) = record {
        if let Some(started) = record.started {
            status.push(format!(
                "{} {}",
                crate::i18n::text("show.started"),
                render::local_time(started, &tz)
            ));
        }
        if let Some(finished) = record.finished {
            status.push(format!(
                "{} {}",
                crate::i18n::text("show.finished"),
                render::local_time(finished, &tz)
            ));
        }
        if record.status == Status::Skipped {
            status.push(format!(
                "{} {}",
                crate::i18n::text("show.skipped"),
                render::local_time(record.changed, &tz)
            ));
        }
    }
    field("status", status.join(" · "));
    if let Some(summary) = render::summary(entry) {
        out.push('\n');
        for line in wrap(summary, "  ", "  ", columns) {
            let _ = writeln!(out, "{line}");
        }
    }

    let sections: [(String, Vec<usize>, bool); 4] = [
        (
            crate::i18n::text("show.requires"),
            catalog.requires(index).to_vec(),
            true,
        ),
        (crate::i18n::text("show.unlocks"), unlocks, true),
        (
            crate::i18n::text("show.companions"),
            catalog.companions(index).to_vec(),
            false,
        ),
        (
            crate::i18n::text("show.explains"),
            entry
                .companion_of
                .as_deref()
                .and_then(|id| catalog.get(id))
                .into_iter()
                .collect(),
            false,
        ),
    ];
    for (title, indices, always) in sections {
        if indices.is_empty() {
            if always {
                let _ = writeln!(out, "\n{}", t!("show.heading_none", title = title));
            }
            continue;
        }
        let _ = writeln!(out, "\n{}", t!("show.heading", title = title));
        out.push_str(&related(catalog, progress, &indices, style));
    }
    if notes.is_empty() {
        let none = t!("show.no_notes", id = entry.id);
        out.push('\n');
        for line in wrap(&none, "", "  ", columns) {
            let _ = writeln!(out, "{line}");
        }
    } else {
        let _ = writeln!(
            out,
            "\n{}\n{}",
            t!("show.heading", title = crate::i18n::text("show.notes")),
            render::notes(notes, &tz, columns).trim_end()
        );
    }
    out
}

/// One line per related entry: its status, row, id and title, a long title going on under the id.
fn related(catalog: &Catalog, progress: &Progress, indices: &[usize], style: Style) -> String {
    let mut out = String::new();
    for &i in indices {
        let entry = &catalog.entries[i];
        let status = progress.status(entry);
        let word = pad(&render::status_word(status), 8);
        let first = format!("  {word} {:>3}  ", catalog.row_of(i));
        let text = format!("{}  {}", entry.id, entry.title);
        let rest = " ".repeat(width(&first));
        for (k, line) in wrap(&text, &first, &rest, style.width.map(usize::from))
            .into_iter()
            .enumerate()
        {
            // Wrapped as plain text; the status painted after, as escapes have no width.
            let line = if k == 0 {
                line.replacen(
                    word.trim_end(),
                    &color::paint(word.trim_end(), color::status(status), style.color),
                    1,
                )
            } else {
                line
            };
            let _ = writeln!(out, "{line}");
        }
    }
    out
}
