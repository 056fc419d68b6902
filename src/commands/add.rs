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
            return Err(Error::usage(t!(
                "add.taken",
                id = entry.id,
                by = current.catalog.entries[existing].id,
                file = current.file_of(existing)
            ))
            .with_hint(t!("add.taken_hint")));
        }
        let new_track =
            entry_fields::new_track(&args.fields, current.catalog, Some(NewTrack::local()))?;
        let text = local::append(current.text, &entry, new_track.as_ref()).map_err(|why| {
            Error::failure(t!("add.cannot_edit", reason = why))
                .with_hint(t!("add.cannot_edit_hint"))
        })?;
        Ok((text, new_track.is_some()))
    })?;
    let key = match created_track {
        true => "add.added_new_track",
        false => "add.added",
    };
    let mut out = t!(key, id = entry.id, track = entry.track).into_owned();
    if let Some(index) = catalog.get(&entry.id) {
        out.push_str(&t!("add.row", row = catalog.row_of(index)));
    }
    out.push('\n');
    out.push_str(&t!("add.next_steps", id = entry.id));
    out.push('\n');
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
            return Err(Error::usage(t!("add.no_link")).with_hint(t!("add.no_link_hint")));
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
