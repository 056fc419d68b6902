//! `lpath note`: add a timestamped note to an entry, print its notes, or fix or delete one.

use std::io::Read;

use crate::catalog::entry::Entry;
use crate::catalog::resolve;
use crate::cli::args::NoteArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::render;

/// The most a note read from stdin may hold: a page of thoughts, not a pasted paper.
const STDIN_LIMIT: u64 = 64 * 1024;

pub fn run(ctx: &Context, args: &NoteArgs) -> Result<String> {
    let index = resolve::entry(&ctx.catalog, &args.id)?;
    let entry = &ctx.catalog.entries[index];
    if let Some(number) = args.delete {
        return delete(ctx, entry, number);
    }
    if args.text.is_empty() {
        return list(ctx, entry);
    }
    let text = text(entry, &args.text)?;
    if let Some(number) = args.edit {
        return edit(ctx, entry, number, &text);
    }
    let count = ctx
        .store()
        .update(&format!("note {}", entry.id), |progress| {
            progress.add_note(entry, &text, ctx.now);
            Ok(progress.record(entry).map_or(0, |r| r.notes.len()))
        })?;
    let key = format!("note.noted.{}", crate::i18n::plural(count as u64));
    Ok(t!(&key, id = entry.id, count = count).into_owned() + "\n")
}

fn list(ctx: &Context, entry: &Entry) -> Result<String> {
    let progress = ctx.store().load()?;
    let notes = progress.record(entry).map_or(&[][..], |r| &r.notes);
    if notes.is_empty() {
        return Ok(t!("note.none_yet", id = entry.id).into_owned() + "\n");
    }
    let columns = ctx.style.width.map(usize::from);
    let heading = t!("note.heading", id = entry.id, title = entry.title);
    let heading = match columns {
        Some(columns) => crate::text::width::cut(&heading, columns, ctx.style.glyphs().ellipsis),
        None => heading.into_owned(),
    };
    Ok(format!(
        "{heading}\n{}",
        render::notes(notes, &ctx.time_zone(), columns)
    ))
}

fn delete(ctx: &Context, entry: &Entry, number: usize) -> Result<String> {
    let deleted = ctx.store().update(
        &format!("note {} --delete {number}", entry.id),
        |progress| {
            let count = progress.record(entry).map_or(0, |r| r.notes.len());
            progress
                .delete_note(entry, number)
                .ok_or_else(|| no_such_note(entry, number, count))
        },
    )?;
    Ok(format!(
        "{}\n",
        t!(
            "note.deleted",
            number = number,
            id = entry.id,
            text = crate::text::sanitize::visible(first_line(&deleted.text))
        )
    ))
}

fn edit(ctx: &Context, entry: &Entry, number: usize, text: &str) -> Result<String> {
    ctx.store()
        .update(&format!("note {} --edit {number}", entry.id), |progress| {
            let count = progress.record(entry).map_or(0, |r| r.notes.len());
            if progress.edit_note(entry, number, text) {
                Ok(())
            } else {
                Err(no_such_note(entry, number, count))
            }
        })?;
    Ok(format!(
        "{}\n",
        t!("note.edited", number = number, id = entry.id)
    ))
}

fn no_such_note(entry: &Entry, number: usize, count: usize) -> Error {
    let message = match count {
        0 => t!("note.none_to_change", id = entry.id),
        _ => t!(
            &format!("note.no_such.{}", crate::i18n::plural(count as u64)),
            id = entry.id,
            count = count,
            number = number
        ),
    };
    Error::usage(message).with_hint(t!("note.no_such_hint", id = entry.id))
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// The note's text: the words joined with spaces, on one line; or, for `-`, what stdin holds,
/// which may run over several lines.
fn text(entry: &Entry, words: &[String]) -> Result<String> {
    if let [dash] = words
        && dash == "-"
    {
        return multi_line(entry, &read_stdin()?);
    }
    let text = words.join(" ");
    let text = text.trim();
    if text.is_empty() {
        return Err(empty(entry));
    }
    if crate::text::sanitize::has_hidden(text) {
        return Err(
            Error::usage(t!("note.controls")).with_hint(t!("note.one_line_hint", id = entry.id))
        );
    }
    Ok(text.to_string())
}

/// A note from stdin: line ends made `\n`, trailing spaces and blank lines around it dropped;
/// any other control character is refused.
fn multi_line(entry: &Entry, raw: &str) -> Result<String> {
    let lines: Vec<&str> = raw
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line).trim_end())
        .collect();
    let text = lines.join("\n");
    let text = text.trim_matches('\n');
    if text.trim().is_empty() {
        return Err(empty(entry));
    }
    if text.split('\n').any(crate::text::sanitize::has_hidden) {
        return Err(
            Error::usage(t!("note.stdin_controls")).with_hint(t!("note.stdin_controls_hint"))
        );
    }
    Ok(text.to_string())
}

fn empty(entry: &Entry) -> Error {
    Error::usage(t!("note.empty")).with_hint(t!("note.empty_hint", id = entry.id))
}

fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(STDIN_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| {
            Error::failure(t!(
                "note.stdin_unreadable",
                reason = crate::error::describe_io(&err)
            ))
        })?;
    if bytes.len() as u64 > STDIN_LIMIT {
        return Err(Error::usage(t!("note.stdin_too_long", limit = "64 KiB"))
            .with_hint(t!("note.stdin_too_long_hint")));
    }
    String::from_utf8(bytes).map_err(|_| {
        Error::usage(t!("note.stdin_not_utf8")).with_hint(t!("note.stdin_controls_hint"))
    })
}
