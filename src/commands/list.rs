//! `lpath list`: the whole path, with what the learner has read.

use crate::cli::ListArgs;
use crate::context::Context;
use crate::error::Result;
use crate::plan::Tally;
use crate::render::{self, EntryJson};

pub fn run(ctx: &Context, args: &ListArgs) -> Result<String> {
    let progress = ctx.store().load()?;
    let rows: Vec<usize> = ctx.catalog.path().to_vec();
    if args.json {
        let json: Vec<EntryJson> = rows
            .iter()
            .map(|&i| EntryJson::new(&ctx.catalog, &progress, i))
            .collect();
        return Ok(render::to_json(&json) + "\n");
    }
    if rows.is_empty() {
        return Ok(render::empty_path(ctx.style.lang).to_string());
    }
    let table = render::list_table(&ctx.catalog, &progress, &rows, ctx.style);
    let tally = Tally::of(&ctx.catalog, &progress, rows.iter().copied());
    Ok(format!(
        "{table}\n{}\n",
        render::footer(&tally, ctx.style.lang)
    ))
}
