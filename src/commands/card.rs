//! `lpath card add`, `edit` and `delete`: review cards of the learner's own, kept as notes in the `Q: … / A: …` shape.
//!
//! A card of one's own is a note, so it is changed as a note is: under the store's lock, in the
//! undo journal. A card is named by its id (`bert.n1a2b3c`); catalog questions (`bert.q1`) are
//! the catalog's, not edited here.

use crate::catalog::entry::Entry;
use crate::catalog::resolve;
use crate::cli::args::{CardAddArgs, CardCommand, CardDeleteArgs, CardEditArgs};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::progress::model::Progress;
use crate::review::cards;
use crate::text::sanitize::visible;

pub fn run(ctx: &Context, command: &CardCommand) -> Result<String> {
    match command {
        CardCommand::Add(args) => add(ctx, args),
        CardCommand::Edit(args) => edit(ctx, args),
        CardCommand::Delete(args) => delete(ctx, args),
    }
}

fn add(ctx: &Context, args: &CardAddArgs) -> Result<String> {
    let index = resolve::entry(&ctx.catalog, &args.id)?;
    let entry = &ctx.catalog.entries[index];
    let text = cards::note_text(&args.question, &args.answer);
    let Some((question, _)) = cards::note_card(&text) else {
        return Err(empty());
    };
    ctx.store()
        .update(&format!("card add {}", entry.id), |progress| {
            progress.add_note(entry, &text, ctx.now);
            Ok(())
        })?;
    let id = cards::note_card_id(&entry.id, question);
    say(ctx, &t!("review.card_added", card = id, id = entry.id))
}

fn edit(ctx: &Context, args: &CardEditArgs) -> Result<String> {
    let entry = entry_of(ctx, &args.card)?;
    let new_id = ctx
        .store()
        .update(&format!("card edit {}", args.card), |progress| {
            let numbers = notes_of(progress, entry, &args.card)?;
            let number = numbers[0];
            let record = progress.record(entry).map(|r| &r.notes[number - 1].text);
            let (question, answer) = record
                .and_then(|text| cards::note_card(text))
                .map(|(q, a)| (q.to_string(), a.to_string()))
                .unwrap_or_default();
            let text = cards::note_text(
                args.question.as_deref().unwrap_or(&question),
                args.answer.as_deref().unwrap_or(&answer),
            );
            let Some((question, _)) = cards::note_card(&text) else {
                return Err(empty());
            };
            let new_id = cards::note_card_id(&entry.id, question);
            progress.edit_note(entry, number, &text);
            Ok(new_id)
        })?;
    let line = if new_id == args.card {
        t!("card.edited", card = args.card)
    } else {
        t!("card.edited_new", card = args.card, new = new_id)
    };
    say(ctx, &line)
}

fn delete(ctx: &Context, args: &CardDeleteArgs) -> Result<String> {
    let entry = entry_of(ctx, &args.card)?;
    ctx.store()
        .update(&format!("card delete {}", args.card), |progress| {
            // The same question noted twice is one card: every note that makes it goes.
            for number in notes_of(progress, entry, &args.card)?.into_iter().rev() {
                progress.delete_note(entry, number);
            }
            Ok(())
        })?;
    say(ctx, &t!("card.deleted", card = args.card, id = entry.id))
}

/// The entry a card id of the learner's own names (`bert` in `bert.n1a2b3c`), or a usage error
/// that says what such an id looks like.
fn entry_of<'a>(ctx: &'a Context, card: &str) -> Result<&'a Entry> {
    let Some((entry, suffix)) = card.rsplit_once('.') else {
        return Err(not_a_card(card));
    };
    if suffix.len() > 1
        && suffix.starts_with('q')
        && suffix[1..].bytes().all(|b| b.is_ascii_digit())
    {
        return Err(Error::usage(t!("card.from_catalog", card = visible(card)))
            .with_hint(t!("card.from_catalog_hint")));
    }
    if !suffix.starts_with('n') {
        return Err(not_a_card(card));
    }
    let index = resolve::entry(&ctx.catalog, entry).map_err(|_| not_a_card(card))?;
    Ok(&ctx.catalog.entries[index])
}

/// The numbers (from 1) of the notes of `entry` that make the card `card`, or a usage error.
fn notes_of(progress: &Progress, entry: &Entry, card: &str) -> Result<Vec<usize>> {
    let notes = progress.record(entry).map_or(&[][..], |r| &r.notes);
    let numbers: Vec<usize> = notes
        .iter()
        .enumerate()
        .filter(|(_, note)| {
            cards::note_card(&note.text)
                .is_some_and(|(q, _)| cards::note_card_id(&entry.id, q) == card)
        })
        .map(|(n, _)| n + 1)
        .collect();
    if numbers.is_empty() {
        return Err(Error::usage(t!("card.no_such", card = visible(card)))
            .with_hint(t!("card.no_such_hint", id = entry.id)));
    }
    Ok(numbers)
}

fn not_a_card(card: &str) -> Error {
    Error::usage(t!("card.no_such", card = visible(card))).with_hint(t!("card.not_a_card_hint"))
}

fn empty() -> Error {
    Error::usage(t!("review.card_empty")).with_hint(t!("review.card_empty_hint"))
}

fn say(ctx: &Context, line: &str) -> Result<String> {
    Ok(crate::commands::review::wrapped(
        line,
        ctx.style.width.map(usize::from),
    ))
}
