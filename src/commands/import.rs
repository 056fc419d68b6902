//! `lpath import`: merge another machine's progress (an export or a progress.toml) into this one.

use std::fmt::Write;
use std::io::Read;
use std::path::Path;

use crate::catalog::model::Catalog;
use crate::cli::args::ImportArgs;
use crate::context::Context;
use crate::error::{Error, Result, describe_io};
use crate::export::exchange;
use crate::fs::files::{self, ReadError};
use crate::output::render;
use crate::progress::incoming;
use crate::progress::merge::{self, Change};
use crate::progress::model::{ParseError, Progress, Record};
use crate::text::width::pad;

pub fn run(ctx: &Context, args: &ImportArgs) -> Result<String> {
    let (name, text) = read(&args.file)?;
    if text.contains("\n[card.") {
        return import_reviews(ctx, &name, &text);
    }
    let incoming = exchange::parse(&text).map_err(|err| match err {
        ParseError::Newer(format) => {
            Error::failure(t!("import.newer", name = name, format = format))
                .with_hint(t!("import.newer_hint"))
        }
        ParseError::Invalid(reason) => {
            Error::failure(t!("import.invalid", name = name, reason = reason))
                .with_hint(t!("import.invalid_hint"))
        }
    })?;
    incoming::check_records(&incoming, ctx.now)?;
    // Through the store, like every change: under the lock, saved atomically, and journalled
    // wherever the store journals.
    let description = format!("import {}", crate::text::sanitize::path(&args.file));
    let changes = ctx.store().update(&description, |progress| {
        let incoming = keyed_as_here(&ctx.catalog, progress, incoming.clone());
        Ok(merge::merge(&mut progress.entries, incoming))
    })?;

    if changes.is_empty() {
        return Ok(t!("import.nothing", name = name).into_owned() + "\n");
    }
    let mut out = String::new();
    // Ids line up, but a longer id is not padded to: a column as wide as the longest id a file
    // may hold would be megabytes of spaces (and beyond 65,535, a formatting panic).
    const ID_COLUMN: usize = 40;
    let width = changes
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(0)
        .min(ID_COLUMN);
    for change in &changes {
        let _ = writeln!(
            out,
            "  {}  {}",
            pad(&change.id, width),
            describe(change, ctx)
        );
    }
    let _ = writeln!(
        out,
        "{}",
        t!(
            "import.imported",
            entries = crate::i18n::counted("common.entries", changes.len() as u64),
            name = name
        )
    );
    Ok(out)
}

/// The file's text and how to name it in messages; `-` is stdin.
fn read(path: &Path) -> Result<(String, String)> {
    if path == Path::new("-") {
        let mut text = String::new();
        let limit = files::MAX_STATE_BYTES;
        let read = std::io::stdin().take(limit + 1).read_to_string(&mut text);
        if read.as_ref().is_ok_and(|&n| n as u64 > limit) {
            return Err(Error::failure(t!(
                "import.refused.too_big",
                name = "stdin",
                mib = limit / (1024 * 1024)
            ))
            .with_hint(t!("import.refused.too_big_hint")));
        }
        read.map_err(|err| {
            Error::failure(t!("import.stdin_unreadable", reason = describe_io(&err)))
                .with_hint(t!("import.stdin_hint"))
        })?;
        return Ok((crate::i18n::text("import.stdin"), text));
    }
    let name = format!("`{}`", crate::text::sanitize::path(path));
    let bytes = files::read_bounded(path, files::MAX_STATE_BYTES).map_err(|err| match err {
        // A file named on the command line that is not there is the caller's mistake, as a
        // missing `--catalog` file is: exit 2.
        ReadError::Io(err) => Error::io("read", path, &err).with_hint(t!("import.check_path")),
        // A file named on the command line that is not there is the caller's mistake, as a
        // missing `--catalog` file is: exit 2.
        ReadError::Missing => Error::usage(t!(
            "import.invalid",
            name = name,
            reason = ReadError::Missing.reason()
        ))
        .with_hint(t!("import.invalid_hint")),
        other => Error::failure(t!("import.invalid", name = name, reason = other.reason()))
            .with_hint(t!("import.invalid_hint")),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::failure(t!("import.not_utf8", name = name)).with_hint(t!("import.give_export"))
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
    let mut parts = Vec::new();
    if change.from != change.to {
        parts.push(format!(
            "{} → {}",
            render::status_word(change.from),
            render::painted_status(change.to, ctx.style)
        ));
    } else if change.dates {
        parts.push(
            t!(
                "import.dates",
                status = render::painted_status(change.to, ctx.style)
            )
            .into_owned(),
        );
    }
    if change.notes_added > 0 {
        parts.push(crate::i18n::counted(
            "import.notes_added",
            change.notes_added as u64,
        ));
    }
    if parts.is_empty() {
        // A record that changes neither status, dates nor notes: a `todo` this machine lacked.
        return t!(
            "import.change.recorded",
            status = render::status_word(change.to)
        )
        .into_owned();
    }
    parts.join(&crate::i18n::text("common.list_separator"))
}

/// Another machine's review.toml merged into this one: every review of each card counts, in
/// time order. A file with anything wrong in it is refused whole, and nothing changes.
fn import_reviews(ctx: &Context, name: &str, text: &str) -> Result<String> {
    let incoming = crate::review::text::parse(text).map_err(|err| match err {
        ParseError::Newer(format) => {
            Error::failure(t!("import.newer", name = name, format = format))
                .with_hint(t!("import.newer_hint"))
        }
        ParseError::Invalid(reason) => {
            Error::failure(t!("import.invalid", name = name, reason = reason))
                .with_hint(t!("import.invalid_hint"))
        }
    })?;
    let count = |reviews: &crate::review::model::Reviews| -> usize {
        reviews.cards.values().map(|c| c.log.len()).sum()
    };
    let added = ctx.store().update_reviews(|_, reviews| {
        let before = count(reviews);
        *reviews = reviews.merge(&incoming);
        Ok(count(reviews).saturating_sub(before))
    })?;
    let key = format!("review.imported.{}", crate::i18n::plural(added as u64));
    Ok(t!(&key, count = added, name = name).into_owned() + "\n")
}
