//! `lpath undo`: revert the most recent change to the progress, and say what it was.

use std::fmt::Write;

use crate::context::Context;
use crate::error::Result;
use crate::progress::{Record, Status};
use crate::render;

pub fn run(ctx: &Context) -> Result<String> {
    let Some(undone) = ctx.store().undo()? else {
        return Ok("Nothing left to undo.\n".to_string());
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "undid `{}` (from {})",
        undone.change.description,
        render::local_time(undone.change.at, &ctx.time_zone())
    );
    for before in &undone.change.entries {
        let id = &before.id;
        let _ = writeln!(
            out,
            "  `{id}`: {}",
            what_changed(undone.before.entries.get(id), undone.after.entries.get(id))
        );
    }
    let _ = match undone.remaining {
        0 => writeln!(out, "That was the oldest change lpath remembers."),
        1 => writeln!(out, "1 earlier change can still be undone."),
        n => writeln!(out, "{n} earlier changes can still be undone."),
    };
    Ok(out)
}

/// How a record went from `was` to `now`, in a few words.
fn what_changed(was: Option<&Record>, now: Option<&Record>) -> String {
    let status = |r: Option<&Record>| r.map_or(Status::Todo, |r| r.status);
    let notes = |r: Option<&Record>| r.map_or(0, |r| r.notes.len());
    if status(was) != status(now) {
        format!("{} → {}", status(was), status(now))
    } else if notes(was) > notes(now) {
        match notes(was) - notes(now) {
            1 => "note removed".to_string(),
            n => format!("{n} notes removed"),
        }
    } else if notes(was) < notes(now) {
        "notes restored".to_string()
    } else {
        "restored as it was".to_string()
    }
}
