//! `lpath __ids [tracks|kinds] [--catalog FILE]... [--no-bundled]`: what the completion scripts
//! offer, one a line: entry ids then aliases, track ids, or kinds. The catalog flags are the ones
//! on the command line being completed, so ids from `--catalog FILE` complete too.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::catalog::entry::Kind;
use crate::catalog::model::Catalog;
use crate::catalog::sources::Selection;

/// What the script asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    Ids,
    Tracks,
    Kinds,
}

/// The list and the catalogs asked for, from the words after `__ids`; anything else is ignored,
/// as a script has nowhere to show an error.
pub fn parse(args: &[OsString]) -> (Wanted, Selection) {
    let mut wanted = Wanted::Ids;
    let mut selection = Selection::default();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        match word.to_str() {
            Some("tracks") => wanted = Wanted::Tracks,
            Some("kinds") => wanted = Wanted::Kinds,
            Some("--no-bundled") => selection.bundled = false,
            Some("--catalog") => selection.extra.extend(words.next().map(PathBuf::from)),
            Some(other) => {
                if let Some(file) = other.strip_prefix("--catalog=") {
                    selection.extra.push(PathBuf::from(file));
                }
            }
            None => {}
        }
    }
    (wanted, selection)
}

/// Kinds need no catalog.
pub fn kinds() -> String {
    Kind::ALL
        .iter()
        .map(|k| format!("{}\n", k.as_str()))
        .collect()
}

pub fn run(catalog: &Catalog, wanted: Wanted) -> String {
    let mut out = String::new();
    match wanted {
        Wanted::Kinds => return kinds(),
        Wanted::Tracks => {
            for track in &catalog.tracks {
                out.push_str(&track.id);
                out.push('\n');
            }
        }
        Wanted::Ids => {
            let ids = catalog.path().iter().map(|&i| &catalog.entries[i].id);
            let aliases = catalog
                .path()
                .iter()
                .flat_map(|&i| &catalog.entries[i].aliases);
            for name in ids.chain(aliases) {
                out.push_str(name);
                out.push('\n');
            }
        }
    }
    out
}
