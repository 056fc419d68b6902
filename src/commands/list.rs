//! `lpath list`: the whole path, or the part of it the filters select, with what the learner has read.

use crate::cli::ListArgs;
use crate::context::Context;
use crate::error::Result;
use crate::filter::Filter;
use crate::plan::Tally;
use crate::render::{self, EntryJson};

pub fn run(ctx: &Context, args: &ListArgs) -> Result<String> {
    let catalog = &ctx.catalog;
    let filter = Filter::new(
        catalog,
        args.status.map(Into::into),
        args.track.as_deref(),
        args.kind.as_deref(),
        args.search.as_deref(),
    )?;
    let progress = ctx.store().load()?;
    let rows: Vec<usize> = catalog
        .path()
        .iter()
        .copied()
        .filter(|&i| filter.matches(catalog, &progress, i))
        .collect();
    if args.json {
        let json: Vec<EntryJson> = rows
            .iter()
            .map(|&i| EntryJson::new(catalog, &progress, i))
            .collect();
        return Ok(render::to_json(&json) + "\n");
    }
    if rows.is_empty() {
        if catalog.is_empty() {
            return Ok(render::empty_path(ctx.style.lang).to_string());
        }
        return Ok(format!(
            "No entry matches these filters (the path has {}).\n",
            catalog.path().len()
        ));
    }
    let table = render::list_table(catalog, &progress, &rows, ctx.style);
    let tally = Tally::of(catalog, &progress, rows.iter().copied());
    let matched = if filter.is_empty() {
        String::new()
    } else {
        format!(
            "  ({} of {} entries match)",
            rows.len(),
            catalog.path().len()
        )
    };
    Ok(format!(
        "{table}\n{}{matched}\n",
        render::footer(&tally, ctx.style.lang)
    ))
}
