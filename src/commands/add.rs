//! `lpath add`: a new entry in catalog.d/local.toml, checked with the whole path before it is written.

use crate::catalog::{Entry, Kind};
use crate::cli::AddArgs;
use crate::commands::entry_fields;
use crate::error::{Error, Result};
use crate::local::{self, NewTrack};
use crate::paths::Paths;
use crate::sources::Selection;

pub fn run(paths: &Paths, selection: &Selection, args: &AddArgs) -> Result<String> {
    let entry = new_entry(args)?;
    let (catalog, created_track) = local::update(paths, selection, |current| {
        if let Some(existing) = current.catalog.get(&entry.id) {
            return Err(Error::usage(format!(
                "`{}` is already defined by entry `{}` in {}",
                entry.id,
                current.catalog.entries[existing].id,
                current.file_of(existing)
            ))
            .with_hint("pick another id"));
        }
        let new_track =
            entry_fields::new_track(&args.fields, current.catalog, Some(NewTrack::local()))?;
        let text = local::append(current.text, &entry, new_track.as_ref()).map_err(|why| {
            Error::failure(format!("cannot edit `catalog.d/local.toml`: {why}"))
                .with_hint("fix it by hand; `lpath catalog check` shows where the problem is")
        })?;
        Ok((text, new_track.is_some()))
    })?;
    let mut out = format!(
        "added `{}` to catalog.d/local.toml, in track `{}`",
        entry.id, entry.track
    );
    if created_track {
        out.push_str(" (new)");
    }
    if let Some(index) = catalog.get(&entry.id) {
        out.push_str(&format!(", row {}", catalog.row_of(index)));
    }
    out.push_str(&format!(
        "\nMark it read with `lpath done {}`; `lpath remove {}` takes it out again.\n",
        entry.id, entry.id
    ));
    Ok(out)
}

/// The entry the flags describe. Everything else is checked with the rest of the path.
fn new_entry(args: &AddArgs) -> Result<Entry> {
    let fields = &args.fields;
    let arxiv = fields
        .arxiv
        .as_deref()
        .map(entry_fields::arxiv_id)
        .transpose()?;
    let url = match (&fields.url, &arxiv) {
        (Some(url), _) => url.clone(),
        (None, Some(id)) => format!("https://arxiv.org/abs/{id}"),
        (None, None) => {
            return Err(Error::usage("a new entry needs `--url` or `--arxiv`")
                .with_hint("say where to read it, e.g. `--url https://example.org/post`"));
        }
    };
    let kind = Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == args.kind)
        .unwrap_or(Kind::Paper);
    let track = fields.track.as_deref().unwrap_or(local::TRACK);
    Ok(Entry {
        authors: fields.authors.clone(),
        year: fields.year,
        arxiv,
        minutes: fields.minutes,
        requires: fields.requires.clone(),
        companion_of: fields.companion_of.clone(),
        summary: fields.summary.clone(),
        label: fields.label.clone(),
        lang: fields.resource_lang.clone(),
        aliases: fields.aliases.clone(),
        ..Entry::new(&args.id, kind, &args.title, track, &url)
    })
}
