//! `lpath __ids [tracks|kinds|dates] [--for COMMAND] [--word WORD] [--catalog FILE]...
//! [--no-bundled]`: what the completion scripts offer, one a line: entry ids then aliases, track
//! ids, kinds or dates. The catalog flags are the ones on the command line being completed, so
//! ids from `--catalog FILE` complete too. `--for` names the command whose id is completed, so
//! that what it can act on comes first: `done` offers what is not done yet, `reset` what is not
//! todo, `edit` and `remove` only entries of one's own.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::catalog::entry::Kind;
use crate::catalog::sources::{self, Selection};
use crate::context::Context;
use crate::progress::model::Status;

/// What the script asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    Ids,
    Tracks,
    Kinds,
    Dates,
}

/// What the script asked, from the words after `__ids`.
#[derive(Debug, Default)]
pub struct Request {
    pub wanted: Option<Wanted>,
    pub selection: Selection,
    /// The command whose argument is being completed.
    command: Option<String>,
    /// The word typed so far.
    word: String,
}

impl Request {
    pub fn wanted(&self) -> Wanted {
        self.wanted.unwrap_or(Wanted::Ids)
    }
}

/// The request, from the words after `__ids`; anything else is ignored, as a script has
/// nowhere to show an error.
pub fn parse(args: &[OsString]) -> Request {
    let mut request = Request::default();
    let mut words = args.iter();
    let value = |words: &mut std::slice::Iter<OsString>| {
        words
            .next()
            .and_then(|w| w.to_str())
            .map(String::from)
            .unwrap_or_default()
    };
    while let Some(word) = words.next() {
        match word.to_str() {
            Some("tracks") => request.wanted = Some(Wanted::Tracks),
            Some("kinds") => request.wanted = Some(Wanted::Kinds),
            Some("dates") => request.wanted = Some(Wanted::Dates),
            Some("--no-bundled") => request.selection.bundled = false,
            Some("--catalog") => request
                .selection
                .extra
                .extend(words.next().map(PathBuf::from)),
            Some("--for") => request.command = Some(value(&mut words)),
            Some("--word") => request.word = value(&mut words),
            Some(other) => {
                if let Some(file) = other.strip_prefix("--catalog=") {
                    request.selection.extra.push(PathBuf::from(file));
                }
            }
            None => {}
        }
    }
    request
}

/// What needs no catalog: kinds, and the dates `--on` reads without a number in them.
pub fn without_catalog(wanted: Wanted) -> Option<String> {
    let words: Vec<&str> = match wanted {
        Wanted::Kinds => Kind::ALL.iter().map(|k| k.as_str()).collect(),
        Wanted::Dates => vec!["today", "yesterday"],
        Wanted::Ids | Wanted::Tracks => return None,
    };
    Some(words.iter().map(|w| format!("{w}\n")).collect())
}

/// Which entries `command` can act on, when it cannot act on every one.
enum Acts {
    /// Those whose status can become this one.
    Becoming(Status),
    /// Those in the user's own catalog.d/local.toml, which `lpath add` writes.
    Own,
    Any,
}

fn acts(command: Option<&str>) -> Acts {
    match command {
        Some("done") => Acts::Becoming(Status::Done),
        Some("start") => Acts::Becoming(Status::Reading),
        Some("skip") => Acts::Becoming(Status::Skipped),
        Some("reset") => Acts::Becoming(Status::Todo),
        Some("edit" | "remove") => Acts::Own,
        _ => Acts::Any,
    }
}

pub fn run(ctx: &Context, request: &Request) -> String {
    let catalog = &ctx.catalog;
    let mut out = String::new();
    if request.wanted() == Wanted::Tracks {
        for track in &catalog.tracks {
            out.push_str(&track.id);
            out.push('\n');
        }
        return out;
    }
    let path = catalog.path();
    let chosen: Vec<usize> = match acts(request.command.as_deref()) {
        Acts::Any => path.to_vec(),
        Acts::Own => {
            let local = ctx.paths.local_catalog();
            let locations = sources::locations(&ctx.paths, &request.selection).unwrap_or_default();
            path.iter()
                .copied()
                .filter(|&i| {
                    locations
                        .get(catalog.entries[i].source)
                        .is_some_and(|l| l.path.as_deref() == Some(local.as_path()))
                })
                .collect()
        }
        Acts::Becoming(status) => match ctx.store().load() {
            Ok(progress) => {
                let can: Vec<usize> = path
                    .iter()
                    .copied()
                    .filter(|&i| progress.status(&catalog.entries[i]).can_become(status))
                    .collect();
                // The rest when nothing the command can act on starts as typed: the word may
                // name an entry to say again (`done --on` corrects a day).
                let matches = |i: &usize| {
                    let entry = &catalog.entries[*i];
                    std::iter::once(&entry.id)
                        .chain(&entry.aliases)
                        .any(|name| name.starts_with(&request.word))
                };
                if can.iter().any(matches) {
                    can
                } else {
                    path.to_vec()
                }
            }
            Err(_) => path.to_vec(),
        },
    };
    let ids = chosen.iter().map(|&i| &catalog.entries[i].id);
    let aliases = chosen.iter().flat_map(|&i| &catalog.entries[i].aliases);
    for name in ids.chain(aliases) {
        out.push_str(name);
        out.push('\n');
    }
    out
}
