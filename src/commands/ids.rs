//! `lpath __ids`: every entry id, then every alias, one a line, for the completion scripts.

use crate::context::Context;

pub fn run(ctx: &Context) -> String {
    let catalog = &ctx.catalog;
    let mut out = String::new();
    let ids = catalog.path().iter().map(|&i| &catalog.entries[i].id);
    let aliases = catalog
        .path()
        .iter()
        .flat_map(|&i| &catalog.entries[i].aliases);
    for name in ids.chain(aliases) {
        out.push_str(name);
        out.push('\n');
    }
    out
}
