//! `lpath export`: the reading log, the papers, the progress or a roadmap page, to stdout or a file.

use std::collections::BTreeMap;

use jiff::Timestamp;

use crate::catalog::resolve;
use crate::cli::args::{ExportArgs, ExportFormat};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::export::bibtex;
use crate::export::exchange;
use crate::export::markdown;
use crate::export::roadmap;
use crate::fs::files::write_output;
use crate::plan;
use crate::progress::model::{Record, Status};
use crate::progress::store::Store;

/// Whether `args` ask for anything the catalog decides: every format but an unfiltered JSON
/// export of the progress, which is the backup that must work whatever state the catalogs are in.
pub fn needs_catalog(args: &ExportArgs) -> bool {
    args.format != ExportFormat::Json || !args.status.is_empty() || !args.track.is_empty()
}

/// The whole progress as JSON, ids no catalog knows included, without reading any catalog.
pub fn progress(store: &Store, now: Timestamp, args: &ExportArgs) -> Result<String> {
    let progress = store.load()?;
    write(exchange::to_json(&progress.entries, now), args)
}

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<String> {
    let catalog = &ctx.catalog;
    let tracks = resolve::tracks(catalog, &args.track)?;
    let statuses: Vec<Status> = args.status.iter().map(|&s| s.into()).collect();
    let progress = ctx.store().load()?;
    let selected: Vec<usize> = catalog
        .path()
        .iter()
        .copied()
        .filter(|&i| tracks.is_empty() || tracks.contains(&catalog.entries[i].track))
        .filter(|&i| statuses.is_empty() || statuses.contains(&plan::status(catalog, &progress, i)))
        .collect();

    // An empty export is not an error, but it should say why it is empty.
    if selected.is_empty() && !(tracks.is_empty() && statuses.is_empty()) {
        crate::output::stderr::print(t!("export.nothing_matches"));
    }
    let text = match args.format {
        ExportFormat::Markdown => markdown::log(catalog, &progress, &selected, ctx.now),
        ExportFormat::Bibtex => {
            let text = bibtex::bibliography(catalog, &selected, args.notes.then_some(&progress));
            if text.is_empty() && !selected.is_empty() {
                crate::output::stderr::print(t!("export.no_papers", count = selected.len()));
            }
            text
        }
        ExportFormat::Json => {
            let records: BTreeMap<String, Record> = if tracks.is_empty() && statuses.is_empty() {
                // Everything, ids no catalog knows included: this is what another machine imports.
                progress.entries.clone()
            } else {
                selected
                    .iter()
                    .filter_map(|&i| {
                        let entry = &catalog.entries[i];
                        let key = progress.key_for(entry)?;
                        Some((key.to_string(), progress.entries.get(key)?.clone()))
                    })
                    .collect()
            };
            exchange::to_json(&records, ctx.now)
        }
        ExportFormat::Html => {
            let tz = ctx.time_zone();
            let options = roadmap::Options {
                notes: args.notes,
                now: ctx.now,
                tz: &tz,
            };
            roadmap::page(catalog, &progress, &selected, &tracks, &options)
        }
        ExportFormat::Anki => {
            let deck = crate::commands::review::load(ctx)?;
            let cards = deck.cards(ctx);
            if cards.is_empty() {
                crate::output::stderr::print(t!("review.export_none"));
            }
            crate::export::anki::deck(catalog, &cards, &selected)
        }
    };

    write(text, args)
}

/// `text` to stdout, or to `-o FILE` atomically with a one-line confirmation. Written into a
/// FIFO or a device instead (`-o /dev/stdout`), the text is the output: nothing is added to it.
fn write(text: String, args: &ExportArgs) -> Result<String> {
    let Some(path) = &args.output else {
        return Ok(text);
    };
    write_output(path, text.as_bytes()).map_err(|err| {
        let hint = if path.is_dir() {
            t!(
                "export.write_dir_hint",
                path = crate::text::sanitize::path(path)
            )
        } else {
            t!("export.write_hint")
        };
        Error::io("write", path, &err).with_hint(hint)
    })?;
    if !std::fs::metadata(path).is_ok_and(|meta| meta.is_file()) {
        return Ok(String::new());
    }
    Ok(t!("export.wrote", path = crate::text::sanitize::path(path)).into_owned() + "\n")
}
