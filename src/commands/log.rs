//! `lpath log`: the changes the undo journal remembers, newest first, and which `undo` reverts next.

use std::fmt::Write;

use serde::Serialize;

use crate::cli::args::LogArgs;
use crate::error::Result;
use crate::output::render::{self, Style};
use crate::output::table::Columns;
use crate::progress::history::Change;
use crate::progress::store::Store;
use crate::text::width::{width, wrap};

/// How many entry ids a line names before it says how many more there are.
const IDS_SHOWN: usize = 3;

#[derive(Serialize)]
struct Row<'a> {
    at: jiff::Timestamp,
    command: &'a str,
    entries: Vec<&'a str>,
    /// The change `lpath undo` reverts next: the newest.
    next_undo: bool,
}

pub fn run(store: &Store, style: Style, args: &LogArgs) -> Result<String> {
    store.paths().check_config_dir()?;
    let history = store.load_history()?;
    let total = history.changes.len();
    let shown: Vec<&Change> = history.changes.iter().rev().take(args.count).collect();
    if args.json {
        let rows: Vec<Row> = shown
            .iter()
            .enumerate()
            .map(|(k, change)| Row {
                at: change.at,
                command: &change.description,
                entries: ids(change),
                next_undo: k == 0,
            })
            .collect();
        return Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
        ));
    }
    if total == 0 {
        return Ok(format!(
            "{}\n{}",
            t!("log.empty"),
            reviews(store, args.count)
        ));
    }
    let tz = jiff::tz::TimeZone::system();
    let marker = style.glyphs().heading;
    let columns = style.width.map(usize::from);
    let mut out = String::new();
    // A table of two columns, when and what: what goes on over further lines in its column.
    let mut rows = Vec::with_capacity(shown.len());
    for (k, change) in shown.iter().enumerate() {
        let ids = ids(change);
        let mut named = ids
            .iter()
            .take(IDS_SHOWN)
            .map(|id| crate::text::sanitize::visible(id))
            .collect::<Vec<_>>()
            .join(", ");
        if ids.len() > IDS_SHOWN {
            named.push_str(&t!("log.more", count = ids.len() - IDS_SHOWN));
        }
        let when = format!(
            "{} {}",
            if k == 0 { marker } else { " " },
            render::local_time(change.at, &tz)
        );
        let description = crate::text::sanitize::visible(&change.description);
        // `done bert, roberta` names its entries already; `import progress.json` does not.
        let words: Vec<&str> = change
            .description
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .collect();
        let text = if ids.iter().all(|id| words.contains(id)) {
            description.into_owned()
        } else {
            format!("{description}  ({named})")
        };
        rows.push(vec![when, text]);
    }
    let when = rows.iter().map(|r| width(&r[0])).max().unwrap_or(0);
    let room = columns.map(|c| c.saturating_sub(when + 2));
    let what = rows
        .iter_mut()
        .map(|row| {
            row[1] = wrap(&row[1], "", "", room).join("\n");
            row[1].lines().map(width).max().unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
    for row in Columns::new(vec![Some(when), Some(what)]).draw(rows, false, "") {
        let _ = writeln!(out, "{row}");
    }
    // On a terminal, a line too long for it goes on under its text.
    let mut line = |head: &str, text: &str| {
        let rest = " ".repeat(width(head));
        for part in wrap(text, head, &rest, columns) {
            let _ = writeln!(out, "{part}");
        }
    };
    // With no line shown (`-n 0`) there is no marked one to point at.
    let footer = if shown.is_empty() {
        "log.footer_unshown"
    } else {
        "log.footer"
    };
    line(
        "",
        &t!(
            &format!("{footer}.{}", crate::i18n::plural(total as u64)),
            count = total,
            marker = marker
        ),
    );
    if total > shown.len() {
        line(
            "",
            &t!("log.older", count = total - shown.len(), all = total),
        );
    }
    out.push_str(&reviews(store, args.count));
    Ok(out)
}

/// The latest review grades, newest first, under a heading of their own: nothing when there
/// are none, or when the review file cannot be read (`review` and `doctor` say why).
fn reviews(store: &Store, count: usize) -> String {
    let Ok(reviews) = store.load_reviews() else {
        return String::new();
    };
    let recent = reviews.recent(count);
    if recent.is_empty() {
        return String::new();
    }
    let tz = jiff::tz::TimeZone::system();
    let mut out = format!("\n{}\n", t!("review.log_heading"));
    for (card, review) in recent {
        let _ = writeln!(
            out,
            "  {}  {card}  {}",
            render::local_time(review.at, &tz),
            review.grade.word()
        );
    }
    out
}

/// The entries a change touched, by id.
fn ids(change: &Change) -> Vec<&str> {
    change.entries.iter().map(|b| b.id.as_str()).collect()
}
