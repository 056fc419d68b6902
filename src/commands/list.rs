//! `lpath list`: the whole path, or the part of it the filters select, with what the learner has read.

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use crate::catalog::model::Catalog;
use crate::cli::args::ListArgs;
use crate::context::Context;
use crate::error::Result;
use crate::filter::Filter;
use crate::output::render::{self, EntryJson};
use crate::output::table::list_table;
use crate::plan::Tally;
use crate::progress::model::{Progress, Status};
use crate::text::width::width;

pub fn run(ctx: &Context, args: &ListArgs) -> Result<String> {
    let catalog = &ctx.catalog;
    let statuses: Vec<Status> = args.status.iter().map(|&s| s.into()).collect();
    let filter = Filter::new(
        catalog,
        &statuses,
        &args.track,
        &args.kind,
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
        return crate::output::stdout::stream_json(&JsonRows {
            catalog,
            progress: &progress,
            rows: &rows,
        })
        .map(|()| String::new());
    }
    if rows.is_empty() {
        if catalog.is_empty() {
            return Ok(render::empty(catalog));
        }
        let total = catalog.path().len();
        return Ok(t!("list.none_match", total = total).into_owned() + "\n");
    }
    let table = list_table(catalog, &progress, &rows, ctx.style, args.wrap);
    let tally = Tally::of(catalog, &progress, rows.iter().copied());
    let matched = if filter.is_empty() {
        String::new()
    } else {
        let (matched, total) = (rows.len(), catalog.path().len());
        t!("list.matched", matched = matched, total = total).into_owned()
    };
    let footer = ctx.style.glyphs().dots(&render::footer(&tally));
    // How many matched goes on a line of its own when the two do not fit the terminal together.
    let too_wide = |w: u16| width(&footer) + width(&matched) > usize::from(w);
    let footer = match ctx.style.width {
        Some(w) if !matched.is_empty() && too_wide(w) => format!("{footer}\n{}", matched.trim()),
        _ => footer + &matched,
    };
    Ok(format!("{table}\n{footer}\n"))
}

/// The rows as a JSON array, each object made as it is written, from an entry decoded for that
/// moment only: for a path of 100,000 entries, neither the text nor the entries are ever all in
/// memory at once.
struct JsonRows<'a> {
    catalog: &'a Catalog,
    progress: &'a Progress,
    rows: &'a [usize],
}

impl Serialize for JsonRows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.rows.len()))?;
        for &i in self.rows {
            self.catalog
                .entries
                .with(i, |entry| {
                    seq.serialize_element(&EntryJson::of(self.catalog, self.progress, i, entry))
                })
                .transpose()?;
        }
        seq.end()
    }
}
