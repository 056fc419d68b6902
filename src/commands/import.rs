//! `lpath import`: merge another machine's progress (an export or a progress.toml) into this one.

use std::fmt::Write;
use std::io::Read;
use std::path::Path;

use crate::catalog::Catalog;
use crate::cli::ImportArgs;
use crate::context::Context;
use crate::error::{Error, Result, describe_io};
use crate::exchange;
use crate::merge::{self, Change};
use crate::progress::{ParseError, Progress, Record};
use crate::render;

pub fn run(ctx: &Context, args: &ImportArgs) -> Result<String> {
    let (name, text) = read(&args.file)?;
    let incoming = exchange::parse(&text).map_err(|err| match err {
        ParseError::Newer(format) => Error::failure(format!(
            "{name} has format {format}, newer than this lpath understands"
        ))
        .with_hint("upgrade lpath on this machine, then import again; nothing was changed"),
        ParseError::Invalid(reason) => Error::failure(format!("cannot read {name}: {reason}"))
            .with_hint(
                "give an `lpath export --format json` file or a progress.toml; nothing was changed",
            ),
    })?;
    // Through the store, like every change: under the lock, saved atomically, and journalled
    // wherever the store journals.
    let description = format!("import {}", args.file.display());
    let changes = ctx.store().update(&description, |progress| {
        let incoming = keyed_as_here(&ctx.catalog, progress, incoming);
        Ok(merge::merge(&mut progress.entries, incoming))
    })?;

    if changes.is_empty() {
        return Ok(format!(
            "nothing to import: {name} has nothing newer than this machine\n"
        ));
    }
    let mut out = String::new();
    let width = changes.iter().map(|c| c.id.len()).max().unwrap_or(0);
    for change in &changes {
        let _ = writeln!(out, "  {:<width$}  {}", change.id, describe(change, ctx));
    }
    let _ = writeln!(
        out,
        "imported {} from {name}; `lpath undo` reverts it",
        plural(changes.len(), "entry", "entries")
    );
    Ok(out)
}

/// The file's text and how to name it in messages; `-` is stdin.
fn read(path: &Path) -> Result<(String, String)> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|err| {
            Error::failure(format!("cannot read stdin: {}", describe_io(&err)))
                .with_hint("pipe in an `lpath export --format json` file")
        })?;
        return Ok(("stdin".into(), text));
    }
    let name = format!("`{}`", path.display());
    let bytes = std::fs::read(path).map_err(|err| {
        Error::io("read", path, &err).with_hint("check the path; nothing was changed")
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::failure(format!("cannot read {name}: it is not UTF-8 text"))
            .with_hint("give an `lpath export --format json` file or a progress.toml")
    })?;
    Ok((name, text))
}

/// Incoming records under the keys this machine uses: an old alias or a new id of the same entry
/// lands on this machine's record for it. Ids no catalog knows keep their key.
fn keyed_as_here(catalog: &Catalog, here: &Progress, incoming: Progress) -> Vec<(String, Record)> {
    incoming
        .entries
        .into_iter()
        .map(|(key, record)| match catalog.get(&key) {
            Some(index) => {
                let entry = &catalog.entries[index];
                let key = here.key_for(entry).unwrap_or(&entry.id).to_string();
                (key, record)
            }
            None => (key, record),
        })
        .collect()
}

fn describe(change: &Change, ctx: &Context) -> String {
    let lang = ctx.style.lang;
    let mut parts = Vec::new();
    if change.from != change.to {
        parts.push(format!(
            "{} → {}",
            render::status_word(change.from, lang),
            render::painted_status(change.to, ctx.style)
        ));
    } else if change.dates {
        parts.push(format!(
            "{}, dates from the other side",
            render::painted_status(change.to, ctx.style)
        ));
    }
    if change.notes_added > 0 {
        parts.push(format!("+{}", plural(change.notes_added, "note", "notes")));
    }
    parts.join(", ")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
