//! `lpath undo`: revert the most recent change to the progress, and say what it was.

use std::fmt::Write;

use crate::error::Result;
use crate::output::glyphs::Glyphs;
use crate::output::render;
use crate::progress::model::{Record, Status};
use crate::progress::store::Store;

/// Needs no catalog: the journal holds ids, and undo works whatever state the catalogs are in.
pub fn run(store: &Store, glyphs: Glyphs) -> Result<String> {
    if let Some(text) = take_back_grade(store)? {
        return Ok(text);
    }
    let Some(undone) = store.undo()? else {
        return Ok(t!("undo.nothing").into_owned() + "\n");
    };
    let mut out = String::new();
    let at = render::local_time(undone.change.at, &jiff::tz::TimeZone::system());
    // Nothing was restored (the progress file was replaced since, say): say so, not "undid".
    let key = if undone.before == undone.after {
        "undo_unchanged.nothing"
    } else {
        "undo.undid"
    };
    let change = crate::text::sanitize::visible(&undone.change.description);
    let _ = writeln!(out, "{}", t!(key, change = change, at = at));
    for before in &undone.change.entries {
        let (was, now) = (
            undone.before.entries.get(&before.id),
            undone.after.entries.get(&before.id),
        );
        if was == now {
            continue;
        }
        let id = crate::text::sanitize::visible(&before.id);
        let what = what_changed(was, now, glyphs);
        let _ = writeln!(out, "  {}", t!("undo.entry", id = id, what = what));
    }
    if undone.change.description == crate::sync::JOURNAL_DESCRIPTION
        && undone.before != undone.after
    {
        let _ = writeln!(out, "{}", t!("undo.sync_spreads"));
    }
    let remaining = match undone.remaining {
        0 => crate::i18n::text("undo.oldest"),
        n => crate::i18n::counted("undo.remaining", n as u64),
    };
    let _ = writeln!(out, "{remaining}");
    Ok(out)
}

/// How a record went from `was` to `now`, in a few words.
fn what_changed(was: Option<&Record>, now: Option<&Record>, glyphs: Glyphs) -> String {
    let status = |r: Option<&Record>| r.map_or(Status::Todo, |r| r.status);
    let notes = |r: Option<&Record>| r.map_or(0, |r| r.notes.len());
    let word = |status| render::status_word(status);
    if status(was) != status(now) {
        format!(
            "{} {} {}",
            word(status(was)),
            glyphs.arrow,
            word(status(now))
        )
    } else if notes(was) > notes(now) {
        crate::i18n::counted("undo.notes_removed", (notes(was) - notes(now)) as u64)
    } else if notes(was) < notes(now) {
        crate::i18n::text("undo.notes_restored")
    } else {
        crate::i18n::text("undo.restored")
    }
}

/// Takes back the latest review grade when it is newer than the latest journaled change (a
/// grade needs its paper done first, so at the same second the grade is the later). A review
/// file that cannot be read leaves undo to the progress.
fn take_back_grade(store: &Store) -> Result<Option<String>> {
    let Ok(reviews) = store.load_reviews() else {
        return Ok(None);
    };
    let Some((card, review)) = reviews.latest() else {
        return Ok(None);
    };
    let journaled = store
        .load_history()
        .ok()
        .and_then(|h| h.changes.last().map(|c| c.at));
    if journaled.is_some_and(|at| at > review.at) {
        return Ok(None);
    }
    let card = card.to_string();
    let taken = store.update_reviews(|_, reviews| Ok(reviews.take_back(&card)))?;
    Ok(taken.map(|review| {
        let at = render::local_time(review.at, &jiff::tz::TimeZone::system());
        t!(
            "review.undone",
            card = card,
            grade = review.grade.word(),
            at = at
        )
        .into_owned()
            + "\n"
    }))
}
