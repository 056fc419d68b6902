//! `lpath done`, `start`, `skip` and `reset <id>`: set statuses under the lock, say what it unlocked.

use std::fmt::Write;

use crate::catalog::model::Catalog;
use crate::catalog::resolve;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::render::{self, Style};
use crate::output::table::Columns;
use crate::plan;
use crate::progress::backdate::{self, DateError};
use crate::progress::model::Status;
use crate::text::width::{cut, width, wrap};

/// Sets every named entry to `status`, as of `on` (`--on DATE`) or now. Resolves all ids and
/// the date first, so a bad one writes nothing.
pub fn run(ctx: &Context, ids: &[String], status: Status, on: Option<&str>) -> Result<String> {
    let catalog = &ctx.catalog;
    let targets = resolve::entries(catalog, ids)?;
    let when = match on {
        Some(text) => when(text, ctx)?,
        None => ctx.now,
    };
    let mut description = format!(
        "{} {}",
        command(status),
        targets
            .iter()
            .map(|&i| catalog.entries[i].id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(text) = on {
        description.push_str(&format!(" --on {}", shell_word(text.trim())));
    }
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
            let entry = &catalog.entries[index];
            // `done --on` on an entry already done corrects the day it was read.
            if on.is_some() && status == Status::Done && progress.status(entry) == Status::Done {
                progress.refinish(entry, when);
            } else {
                progress.mark(entry, status, when);
            }
        }
        Ok((before, plan::statuses(catalog, progress), finished))
    })?;

    let mut out = String::new();
    let columns = ctx.style.width.map(usize::from);
    for (k, &index) in targets.iter().enumerate() {
        let entry = &catalog.entries[index];
        let was = before[index];
        if was == status && status == Status::Done && on.is_some() {
            let line = t!(
                "mark.refinished",
                id = entry.id,
                date = render::local_date(when)
            );
            say(&mut out, &line, "", columns);
        } else if was == status {
            // "is already reading" reads wrong: being read is said in words of its own.
            let line = if status == Status::Reading {
                t!("mark.already_reading", id = entry.id)
            } else {
                t!(
                    "mark.already",
                    id = entry.id,
                    status = render::status_word(status)
                )
            };
            say(&mut out, &line, "", columns);
        } else if !was.can_become(status) {
            let was = render::status_word(was);
            // Skipping what is read changes nothing either, and says so rather than "read it again".
            let key = match status {
                Status::Skipped => "mark.skip_instead",
                _ => "mark.read_again",
            };
            let line = match finished[k] {
                Some(at) => t!(
                    &format!("{key}_finished"),
                    id = entry.id,
                    status = was,
                    date = render::local_date(at)
                ),
                None => t!(key, id = entry.id, status = was),
            };
            say(&mut out, &line, "", columns);
        } else {
            let verb = format!("mark.verb.{}", status.as_str());
            let _ = writeln!(
                out,
                "{}",
                changed(&verb, &entry.id, &entry.title, ctx.style)
            );
            let unread: Vec<String> = catalog
                .requires(index)
                .iter()
                .filter(|&&r| !after[r].is_covered())
                .map(|&r| catalog.entries[r].id.clone())
                .collect();
            if status != Status::Skipped && !unread.is_empty() {
                let ids = super::next::ticked(&unread);
                say(&mut out, &t!("mark.unread", ids = ids), "  ", columns);
            }
        }
    }
    let unlocked = plan::unlocked(catalog, &before, &after);
    if !unlocked.is_empty() {
        let _ = writeln!(out, "\n{}", t!("mark.now_ready"));
        let _ = writeln!(out, "{}", ready_table(catalog, &unlocked, ctx.style));
    }
    Ok(out)
}

/// A line of the confirmation, wrapped to the terminal under `indent` and two more columns.
fn say(out: &mut String, line: &str, indent: &str, columns: Option<usize>) {
    for part in wrap(line, indent, &format!("{indent}  "), columns) {
        let _ = writeln!(out, "{part}");
    }
}

/// `done: `bert`  BERT: Pre-training…`: one line an entry, the id whole and the title cut to fit
/// the terminal, as in the "Now ready to read" list below it.
fn changed(key: &str, id: &str, title: &str, style: Style) -> String {
    let line = t!(key, id = id, title = title).into_owned();
    let Some(limit) = style.width.map(usize::from).filter(|&w| width(&line) > w) else {
        return line;
    };
    let bare = width(&t!(key, id = id, title = ""));
    let title = cut(
        title,
        limit.saturating_sub(bare).max(8),
        style.glyphs().ellipsis,
    );
    t!(key, id = id, title = title).trim_end().to_string()
}

/// Entries now ready to read, one line each (`  12  bert  BERT: Pre-training…`), indented under
/// what says so: the row number and the id whole, the title cut to fit the terminal.
fn ready_table(catalog: &Catalog, entries: &[usize], style: Style) -> String {
    const INDENT: &str = "  ";
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|&index| {
            let entry = &catalog.entries[index];
            vec![
                catalog.row_of(index).to_string(),
                entry.id.clone(),
                entry.title.clone(),
            ]
        })
        .collect();
    let longest = |column: usize| rows.iter().map(|r| width(&r[column])).max().unwrap_or(0);
    let (number, id, title) = (longest(0).max(3), longest(1), longest(2));
    // What is left of the terminal after the indent, the number, the id and their gaps; a title
    // keeps a few columns however long the id.
    let title = match style.width {
        Some(limit) => title.min(usize::from(limit).saturating_sub(number + id + 6).max(8)),
        None => title,
    };
    let columns = Columns::new(vec![Some(number), Some(id), Some(title)]).right(0);
    columns
        .draw(rows, style.width.is_some(), style.glyphs().ellipsis)
        .iter()
        .map(|line| format!("{INDENT}{line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The moment `--on` names, or a usage error that says what it accepts.
pub(crate) fn when(text: &str, ctx: &Context) -> Result<jiff::Timestamp> {
    let value = crate::text::sanitize::visible(text);
    backdate::parse(text, ctx.now, &ctx.time_zone()).map_err(|bad| match bad {
        DateError::Unreadable => Error::usage(t!("mark.on_unreadable", value = value))
            .with_hint(t!("mark.on_unreadable_hint")),
        DateError::Future => {
            Error::usage(t!("mark.on_future", value = value)).with_hint(t!("mark.on_future_hint"))
        }
        DateError::LeapSecond => {
            Error::usage(t!("mark.on_unreadable", value = value)).with_hint(t!("stamp.leap_second"))
        }
        DateError::Month(month) => Error::usage(t!("mark.on_month", value = value, month = month))
            .with_hint(t!("mark.on_unreadable_hint")),
        DateError::Day { day, days } => {
            Error::usage(t!("mark.on_day", value = value, day = day, days = days))
                .with_hint(t!("mark.on_unreadable_hint"))
        }
    })
}

/// `value` as a shell reads it back: as it is when it holds nothing a shell treats specially,
/// else in single quotes (`'2026-12-05 22:30'`), so a line of `lpath log` can be pasted again.
fn shell_word(value: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_:./+,=@%".contains(c);
    if !value.is_empty() && value.chars().all(plain) {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
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
