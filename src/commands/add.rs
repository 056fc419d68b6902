//! `lpath add`: a new entry in catalog.d/local.toml, checked with the whole path before it is written.

use crate::catalog::{Entry, Kind, is_arxiv_id, printable};
use crate::cli::AddArgs;
use crate::error::{Error, Result};
use crate::local;
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
        let new_track = args.track.is_none() && current.catalog.track(local::TRACK).is_none();
        let text = local::append(current.text, &entry, new_track).map_err(|why| {
            Error::failure(format!("cannot edit `catalog.d/local.toml`: {why}"))
                .with_hint("fix it by hand; `lpath catalog check` shows where the problem is")
        })?;
        Ok((text, new_track))
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
    let arxiv = match &args.arxiv {
        Some(given) => {
            let trimmed = given.trim();
            // People paste `arXiv:2307.09288` as often as the bare id.
            let id = trimmed
                .get(..6)
                .filter(|p| p.eq_ignore_ascii_case("arxiv:"))
                .and_then(|_| trimmed.get(6..))
                .unwrap_or(trimmed);
            if !is_arxiv_id(id) {
                return Err(
                    Error::usage(format!("`{}` is not an arXiv id", printable(given)))
                        .with_hint("write it like `--arxiv 2307.09288`"),
                );
            }
            Some(id.to_string())
        }
        None => None,
    };
    let url = match (&args.url, &arxiv) {
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
    let track = args.track.as_deref().unwrap_or(local::TRACK);
    Ok(Entry {
        authors: args.authors.clone(),
        year: args.year,
        arxiv,
        minutes: args.minutes,
        requires: args.requires.clone(),
        companion_of: args.companion_of.clone(),
        summary: args.summary.clone(),
        ..Entry::new(&args.id, kind, &args.title, track, &url)
    })
}
