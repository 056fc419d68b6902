//! `lpath done`, `start`, `skip` and `reset <id>`: set statuses under the lock, say what it unlocked.

use std::fmt::Write;

use crate::context::Context;
use crate::error::Result;
use crate::plan;
use crate::progress::Status;
use crate::render;
use crate::resolve;

/// Sets every named entry to `status`. Resolves all ids first, so a bad one writes nothing.
pub fn run(ctx: &Context, ids: &[String], status: Status) -> Result<String> {
    let catalog = &ctx.catalog;
    let targets = resolve::entries(catalog, ids)?;
    let description = format!(
        "{} {}",
        command(status),
        targets
            .iter()
            .map(|&i| catalog.entries[i].id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    // Statuses before and after rather than two copies of the whole progress.
    let (before, after, finished) = ctx.store().update(&description, |progress| {
        let before = plan::statuses(catalog, progress);
        // When each target was finished, to say so when a done entry is left alone.
        let finished: Vec<Option<jiff::Timestamp>> = targets
            .iter()
            .map(|&i| {
                progress
                    .record(&catalog.entries[i])
                    .and_then(|r| r.finished)
            })
            .collect();
        for &index in &targets {
            progress.mark(&catalog.entries[index], status, ctx.now);
        }
        Ok((before, plan::statuses(catalog, progress), finished))
    })?;

    let mut out = String::new();
    for (k, &index) in targets.iter().enumerate() {
        let entry = &catalog.entries[index];
        let was = before[index];
        if was == status {
            let _ = writeln!(out, "`{}` is already {}; nothing changed", entry.id, status);
        } else if !was.can_become(status) {
            let finished = finished[k]
                .map(|at| format!(" (finished {})", render::local_date(at)))
                .unwrap_or_default();
            let key = if status == Status::Skipped {
                "mark.already_covered_skip"
            } else {
                "mark.already_covered_read"
            };
            let _ = writeln!(
                out,
                "{}",
                t!(key, id = entry.id, status = was, finished = finished)
            );
        } else {
            let _ = writeln!(out, "{} `{}`  {}", verb(status), entry.id, entry.title);
            let unread: Vec<String> = catalog
                .requires(index)
                .iter()
                .filter(|&&r| !after[r].is_covered())
                .map(|&r| catalog.entries[r].id.clone())
                .collect();
            if status != Status::Skipped && !unread.is_empty() {
                let ids = super::next::ticked(&unread);
                let _ = writeln!(out, "  {}", t!("mark.unread", ids = ids));
            }
        }
    }
    let unlocked = plan::unlocked_between(catalog, &before, &after);
    if !unlocked.is_empty() {
        let _ = writeln!(out, "\n{}", t!("mark.now_ready"));
        let id_width = unlocked
            .iter()
            .map(|&i| render::display_width(&catalog.entries[i].id))
            .max()
            .unwrap_or(0);
        for index in unlocked {
            let entry = &catalog.entries[index];
            let _ = writeln!(
                out,
                "  {:>3}  {}  {}",
                catalog.row_of(index),
                render::pad(&entry.id, id_width),
                entry.title
            );
        }
    }
    Ok(out)
}

/// The command that sets `status`, as the journal names the change.
fn command(status: Status) -> &'static str {
    match status {
        Status::Done => "done",
        Status::Reading => "start",
        Status::Skipped => "skip",
        Status::Todo => "reset",
    }
}

fn verb(status: Status) -> &'static str {
    match status {
        Status::Done => "done:",
        Status::Reading => "started:",
        Status::Skipped => "skipped:",
        Status::Todo => "reset:",
    }
}
