//! `lpath card add`: a review card of the learner's own, kept as a note in the `Q: … / A: …` shape.

use crate::catalog::resolve;
use crate::cli::args::{CardAddArgs, CardCommand};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::review::cards;

pub fn run(ctx: &Context, command: &CardCommand) -> Result<String> {
    let CardCommand::Add(args) = command;
    add(ctx, args)
}

fn add(ctx: &Context, args: &CardAddArgs) -> Result<String> {
    let index = resolve::entry(&ctx.catalog, &args.id)?;
    let entry = &ctx.catalog.entries[index];
    let text = cards::note_text(&args.question, &args.answer);
    let Some((question, _)) = cards::note_card(&text) else {
        return Err(Error::usage(t!("review.card_empty")).with_hint(t!("review.card_empty_hint")));
    };
    ctx.store()
        .update(&format!("card add {}", entry.id), |progress| {
            progress.add_note(entry, &text, ctx.now);
            Ok(())
        })?;
    let id = cards::note_card_id(&entry.id, &question);
    Ok(crate::commands::review::wrapped(
        &t!("review.card_added", card = id, id = entry.id),
        ctx.style.width.map(usize::from),
    ))
}
