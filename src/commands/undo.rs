//! `lpath undo`: revert the most recent change to the progress, and say what it was.

use std::fmt::Write;

use crate::error::Result;
use crate::progress::{Record, Status};
use crate::render;
use crate::store::Store;

/// Needs no catalog: the journal holds ids, and undo works whatever state the catalogs are in.
pub fn run(store: &Store) -> Result<String> {
    let Some(undone) = store.undo()? else {
        return Ok("Nothing left to undo.\n".to_string());
    };
    let mut out = String::new();
    let at = render::local_time(undone.change.at, &jiff::tz::TimeZone::system());
    if undone.before == undone.after {
        // Nothing was restored (the progress file was replaced since, say): say so, not "undid".
        let _ = writeln!(
            out,
            "{}",
            t!(
                "undo_unchanged.nothing",
                change = undone.change.description,
                at = at
            )
        );
    } else {
        let _ = writeln!(out, "undid `{}` (from {at})", undone.change.description);
    }
    for before in &undone.change.entries {
        let (was, now) = (
            undone.before.entries.get(&before.id),
            undone.after.entries.get(&before.id),
        );
        if was == now {
            continue;
        }
        let _ = writeln!(out, "  `{}`: {}", before.id, what_changed(was, now));
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
