//! `lpath next`: what to read now, with the gentler companions that lead into it.

use std::fmt::Write;

use serde::Serialize;

use crate::catalog::resolve;
use crate::cli::args::NextArgs;
use crate::context::Context;
use crate::error::Result;
use crate::output::render::{self, EntryJson};
use crate::plan::{self, Tally};
use crate::progress::model::Progress;
use crate::progress::model::Status;
use crate::text::width::wrap;

#[derive(Serialize)]
struct StepJson<'a> {
    #[serde(flatten)]
    entry: EntryJson<'a>,
    companions: Vec<EntryJson<'a>>,
}

/// How many waiting entries `next -t` names before it says how many more there are.
const WAITING_SHOWN: usize = 3;

/// `` `instructgpt` waits for `ppo` (RLHF background) ``: the entries of `tracks`, in path order,
/// that wait for an unread one in another track, and which; empty when none does.
fn waiting(
    ctx: &Context,
    progress: &crate::progress::model::Progress,
    tracks: &[String],
) -> String {
    let catalog = &ctx.catalog;
    let statuses = plan::statuses(catalog, progress);
    let mut waits = Vec::new();
    for &entry in catalog.path() {
        let track = &catalog.entries[entry].track;
        if !tracks.contains(track) || statuses[entry].is_covered() {
            continue;
        }
        let outside: Vec<String> = plan::unread(catalog, &statuses, entry)
            .into_iter()
            .filter(|&r| !tracks.contains(&catalog.entries[r].track))
            .map(|r| {
                let other = &catalog.entries[r];
                let title = render::track_title(catalog, &other.track);
                t!("next.in_track", id = other.id, track = title).into_owned()
            })
            .collect();
        if !outside.is_empty() {
            waits.push(t!(
                "next.waits_for",
                id = catalog.entries[entry].id,
                ids = outside.join(&t!("common.list_separator"))
            ));
        }
    }
    let more = waits.len().saturating_sub(WAITING_SHOWN);
    waits.truncate(WAITING_SHOWN);
    let mut text = waits.join(&t!("next.waits_separator"));
    if more > 0 {
        text.push_str(&t!("log.more", count = more));
    }
    text
}

/// Where an entry's details start, under its row number.
const INDENT: &str = "      ";
/// Where a companion's details start, under its marker.
const COMPANION_INDENT: &str = "          ";

pub fn run(ctx: &Context, args: &NextArgs) -> Result<String> {
    let progress = ctx.store().load()?;
    let mut out = plan_text(ctx, args, &progress)?;
    if !args.json
        && let Some(line) = crate::commands::review::due_line(ctx, &progress)
    {
        let _ = writeln!(out, "\n{line}");
    }
    Ok(out)
}

fn plan_text(ctx: &Context, args: &NextArgs, progress: &Progress) -> Result<String> {
    let catalog = &ctx.catalog;
    let tracks = resolve::tracks(catalog, &args.track)?;
    let steps = plan::next(catalog, progress, args.count, &tracks);
    if args.json {
        let json: Vec<StepJson> = steps
            .iter()
            .map(|step| StepJson {
                entry: EntryJson::new(catalog, progress, step.entry),
                companions: step
                    .companions
                    .iter()
                    .map(|&c| EntryJson::new(catalog, progress, c))
                    .collect(),
            })
            .collect();
        return Ok(render::to_json(&json) + "\n");
    }

    let glyphs = ctx.style.glyphs();
    let columns = ctx.style.width.map(usize::from);
    let mut out = String::new();
    if catalog.is_empty() {
        return Ok(render::empty(catalog));
    }
    if plan::finished(catalog, progress) {
        let tally = Tally::of(catalog, progress, catalog.path().iter().copied());
        let _ = writeln!(
            out,
            "{}\n{}",
            crate::i18n::text("next.finished"),
            ctx.style.glyphs().dots(&render::footer(&tally))
        );
        return Ok(out);
    }
    if steps.is_empty() {
        let waits = waiting(ctx, progress, &tracks);
        let text = if args.count == 0 {
            crate::i18n::text("next.none_asked")
        } else if !waits.is_empty() {
            t!("next.none_waiting", tracks = ticked(&tracks), waits = waits).into_owned()
        } else {
            t!("next.none_in_tracks", tracks = ticked(&tracks)).into_owned()
        };
        for line in wrap(&text, "", "", columns) {
            let _ = writeln!(out, "{line}");
        }
        return Ok(out);
    }
    let _ = writeln!(out, "{}\n", crate::i18n::text("next.heading"));
    let lines = |out: &mut String, first: &str, rest: &str, text: &str| {
        for line in wrap(text, first, rest, columns) {
            let _ = writeln!(out, "{line}");
        }
    };
    for step in &steps {
        let entry = &catalog.entries[step.entry];
        let reading = progress.status(entry) == Status::Reading;
        let row = format!("{:>4}  ", catalog.row_of(step.entry));
        let mut title = entry.title.clone();
        let word = render::status_word(Status::Reading);
        if reading {
            title.push_str(&t!("next.status", status = &word));
        }
        // Wrapped as plain text, then the status painted: escapes have no width.
        let mut title_lines = wrap(&title, &row, INDENT, columns);
        if let Some(last) = title_lines.last_mut().filter(|_| reading)
            && let Some(at) = last.rfind(word.as_str())
        {
            let painted = render::painted_status(Status::Reading, ctx.style);
            last.replace_range(at..at + word.len(), &painted);
        }
        for line in title_lines {
            let _ = writeln!(out, "{line}");
        }
        let mut facts = vec![entry.id.clone(), render::kind_word(entry.kind)];
        facts.extend(entry.year.map(|y| y.to_string()));
        facts.extend(render::short_authors(&entry.authors));
        facts.extend(entry.minutes.map(render::minutes));
        lines(
            &mut out,
            INDENT,
            INDENT,
            &facts.join(&format!(" {} ", glyphs.dot)),
        );
        // A URL stays whole on its line, so the terminal can still open it.
        let _ = writeln!(out, "{INDENT}{}", entry.url);
        if let Some(summary) = render::summary(entry) {
            lines(&mut out, INDENT, INDENT, summary);
        }
        if !step.unread.is_empty() {
            let ids: Vec<String> = step
                .unread
                .iter()
                .map(|&r| catalog.entries[r].id.clone())
                .collect();
            lines(
                &mut out,
                INDENT,
                INDENT,
                &t!("next.unread", ids = ticked(&ids)),
            );
        }
        if !step.companions.is_empty() {
            lines(&mut out, INDENT, INDENT, &crate::i18n::text("next.gentler"));
            for &c in &step.companions {
                let companion = &catalog.entries[c];
                let mut facts = vec![companion.id.clone()];
                facts.extend(render::label(companion));
                facts.extend(companion.lang.as_deref().map(render::language_name));
                facts.extend(companion.minutes.map(render::minutes));
                let first = format!("{INDENT}  {} ", glyphs.companion);
                lines(
                    &mut out,
                    &first,
                    COMPANION_INDENT,
                    &facts.join(&format!(" {} ", glyphs.dot)),
                );
                let _ = writeln!(out, "{COMPANION_INDENT}{}", companion.url);
            }
        }
        out.push('\n');
    }
    let ready = plan::candidates(catalog, &plan::statuses(catalog, progress), &tracks).len();
    lines(&mut out, "", "", &footer(args.count, ready));
    Ok(out)
}

/// `` `a`, `b` ``: ids or track names as a message lists them.
pub fn ticked(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(&crate::i18n::text("common.list_separator"))
}

/// What to do next; `-n` is suggested only when more entries are ready than were shown, with a
/// count above the one just asked for.
fn footer(shown: usize, ready: usize) -> String {
    if ready <= shown {
        return t!("next.footer").into_owned();
    }
    let more = shown.saturating_mul(2).max(10).min(ready);
    t!("next.footer_more", more = more).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_suggests_more_only_when_more_are_ready_and_asks_for_more_than_shown() {
        crate::i18n::set_lang(crate::i18n::Lang::En);
        let more = |shown, ready| footer(shown, ready);
        assert!(more(3, 13).ends_with("`lpath next -n 10` shows more."));
        assert!(more(10, 13).ends_with("`lpath next -n 13` shows more."));
        assert!(more(20, 100).ends_with("`lpath next -n 40` shows more."));
        assert_eq!(more(3, 3), "Mark one read with `lpath done <id>`.");
        assert_eq!(more(10, 4), "Mark one read with `lpath done <id>`.");
    }
}
