//! `lpath show`: everything about one entry, with the status of what surrounds it.

use std::fmt::Write;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::cli::ShowArgs;
use crate::context::Context;
use crate::error::Result;
use crate::progress::{Note, Progress, Status};
use crate::render::{self, EntryJson, Lang};
use crate::resolve;

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

    let lang = ctx.style.lang;
    let tz = ctx.time_zone();
    let mut out = String::new();
    let _ = writeln!(out, "{}", entry.title);
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "  {name:<9} {value}");
    };
    field(
        "id",
        format!("{} (row {})", entry.id, catalog.row_of(index)),
    );
    if !entry.aliases.is_empty() {
        field("aliases", entry.aliases.join(", "));
    }
    if !entry.authors.is_empty() {
        field("authors", entry.authors.join(", "));
    }
    if let Some(year) = entry.year {
        field("year", year.to_string());
    }
    let mut kind = vec![entry.kind.to_string()];
    kind.extend(render::label(entry));
    kind.extend(entry.lang.clone());
    field("kind", kind.join(" · "));
    field(
        "track",
        format!(
            "{} ({})",
            render::track_title(catalog, &entry.track, lang),
            entry.track
        ),
    );
    field("url", entry.url.clone());
    if let Some(arxiv) = &entry.arxiv {
        field("arxiv", arxiv.clone());
    }
    if let Some(minutes) = entry.minutes {
        field("minutes", render::minutes(minutes));
    }
    let mut status = vec![render::status_word(progress.status(entry), lang).to_string()];
    if let Some(record) = record {
        if let Some(started) = record.started {
            status.push(format!("started {}", render::local_time(started, &tz)));
        }
        if let Some(finished) = record.finished {
            status.push(format!("finished {}", render::local_time(finished, &tz)));
        }
        if record.status == Status::Skipped {
            status.push(format!(
                "skipped {}",
                render::local_time(record.changed, &tz)
            ));
        }
    }
    field("status", status.join(" · "));
    if let Some(summary) = render::summary(entry, lang) {
        let _ = writeln!(out, "\n  {summary}");
    }

    let sections: [(&str, Vec<usize>, bool); 4] = [
        ("Requires", catalog.requires(index).to_vec(), true),
        ("Unlocks", unlocks, true),
        ("Companions", catalog.companions(index).to_vec(), false),
        (
            "Explains",
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
                let _ = writeln!(out, "\n{title}: nothing");
            }
            continue;
        }
        let _ = writeln!(out, "\n{title}:");
        out.push_str(&related(catalog, &progress, &indices, lang));
    }
    if notes.is_empty() {
        let _ = writeln!(
            out,
            "\nNotes: none; add one with `lpath note {} <text>`",
            entry.id
        );
    } else {
        let _ = writeln!(out, "\nNotes:\n{}", render::notes(notes, &tz).trim_end());
    }
    Ok(out)
}

/// One line per related entry: its status, row, id and title.
fn related(catalog: &Catalog, progress: &Progress, indices: &[usize], lang: Lang) -> String {
    indices
        .iter()
        .map(|&i| {
            let entry = &catalog.entries[i];
            format!(
                "  {:<8} {:>3}  {}  {}\n",
                render::status_word(progress.status(entry), lang),
                catalog.row_of(i),
                entry.id,
                entry.title
            )
        })
        .collect()
}
