//! `lpath note`: add a timestamped note to an entry, or print its notes.

use crate::cli::NoteArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::render;
use crate::resolve;

pub fn run(ctx: &Context, args: &NoteArgs) -> Result<String> {
    let index = resolve::entry(&ctx.catalog, &args.id)?;
    let entry = &ctx.catalog.entries[index];
    if args.text.is_empty() {
        let progress = ctx.store().load()?;
        let notes = progress.record(entry).map_or(&[][..], |r| &r.notes);
        if notes.is_empty() {
            return Ok(format!(
                "No notes on `{0}` yet; add one with `lpath note {0} <text>`.\n",
                entry.id
            ));
        }
        return Ok(format!(
            "Notes on `{}` ({}):\n{}",
            entry.id,
            entry.title,
            render::notes(notes, &ctx.time_zone())
        ));
    }
    let text = args.text.join(" ");
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::usage("a note needs some text").with_hint(format!(
            "write it after the id: `lpath note {} \"what to remember\"`",
            entry.id
        )));
    }
    if crate::sanitize::has_hidden(text) {
        return Err(Error::usage(
            "a note cannot hold control characters (new lines, tabs, escapes)",
        )
        .with_hint("write it on one line; add a second note for a second thought"));
    }
    let count = ctx
        .store()
        .update(&format!("note {}", entry.id), |progress| {
            progress.add_note(entry, text, ctx.now);
            Ok(progress.record(entry).map_or(0, |r| r.notes.len()))
        })?;
    Ok(format!(
        "noted on `{0}` ({count} {1}); `lpath note {0}` shows them.\n",
        entry.id,
        if count == 1 { "note" } else { "notes" }
    ))
}
