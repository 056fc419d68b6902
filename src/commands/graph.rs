//! `lpath graph`: the prerequisite graph, as a tree, Graphviz, Mermaid, JSON or an SVG picture.

use crate::catalog::resolve;
use crate::cli::args::{GraphArgs, GraphFormat};
use crate::context::Context;
use crate::error::Result;
use crate::export::graph::{self, Graph};
use crate::export::svg;
use crate::output::render;

pub fn run(ctx: &Context, args: &GraphArgs) -> Result<String> {
    let catalog = &ctx.catalog;
    let tracks = resolve::tracks(catalog, &args.track)?;
    let progress = ctx.store().load()?;
    let graph = Graph::build(catalog, &tracks);
    let format = if args.json {
        GraphFormat::Json
    } else {
        args.format
    };
    Ok(match format {
        GraphFormat::Text if catalog.is_empty() => render::empty(catalog),
        GraphFormat::Text => graph::text(catalog, &progress, &graph, ctx.style),
        GraphFormat::Dot => graph::dot(catalog, &progress, &graph),
        GraphFormat::Mermaid => graph::mermaid(catalog, &progress, &graph),
        GraphFormat::Json => graph::json(catalog, &progress, &graph),
        GraphFormat::Svg => svg::graph(catalog, &progress, &graph, ctx.now),
    })
}
