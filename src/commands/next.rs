//! `lpath next`: what to read now, with the gentler companions that lead into it.

use std::fmt::Write;

use serde::Serialize;

use crate::cli::NextArgs;
use crate::context::Context;
use crate::error::Result;
use crate::plan::{self, Tally};
use crate::progress::Status;
use crate::render::{self, EntryJson, Lang};

#[derive(Serialize)]
struct StepJson<'a> {
    #[serde(flatten)]
    entry: EntryJson<'a>,
    companions: Vec<EntryJson<'a>>,
}

pub fn run(ctx: &Context, args: &NextArgs) -> Result<String> {
    let catalog = &ctx.catalog;
    let progress = ctx.store().load()?;
    let steps = plan::next(catalog, &progress, args.count);
    if args.json {
        let json: Vec<StepJson> = steps
            .iter()
            .map(|step| StepJson {
                entry: EntryJson::new(catalog, &progress, step.entry),
                companions: step
                    .companions
                    .iter()
                    .map(|&c| EntryJson::new(catalog, &progress, c))
                    .collect(),
            })
            .collect();
        return Ok(render::to_json(&json) + "\n");
    }

    let lang = ctx.style.lang;
    let mut out = String::new();
    if catalog.is_empty() {
        return Ok(render::empty(catalog, lang));
    }
    if plan::finished(catalog, &progress) {
        let tally = Tally::of(catalog, &progress, catalog.path().iter().copied());
        let _ = writeln!(
            out,
            "{}\n{}",
            render::say(lang, "next.finished"),
            render::footer(&tally, lang)
        );
        return Ok(out);
    }
    if steps.is_empty() {
        let _ = writeln!(out, "{}", render::say(lang, "next.none_asked"));
        return Ok(out);
    }
    let _ = writeln!(out, "{}\n", render::say(lang, "next.heading"));
    for step in &steps {
        let entry = &catalog.entries[step.entry];
        let reading = progress.status(entry) == Status::Reading;
        let _ = writeln!(
            out,
            "{:>4}  {}{}",
            catalog.row_of(step.entry),
            entry.title,
            if reading {
                let word = render::painted_status(Status::Reading, ctx.style);
                t!("next.status", locale = lang.code(), status = word).into_owned()
            } else {
                String::new()
            }
        );
        let mut facts = vec![entry.id.clone(), render::kind_word(entry.kind, lang)];
        facts.extend(entry.year.map(|y| y.to_string()));
        facts.extend(render::short_authors(&entry.authors, lang));
        facts.extend(entry.minutes.map(|m| render::minutes(m, lang)));
        let _ = writeln!(out, "      {}", facts.join(" · "));
        let _ = writeln!(out, "      {}", entry.url);
        if let Some(summary) = render::summary(entry, lang) {
            let _ = writeln!(out, "      {summary}");
        }
        if !step.companions.is_empty() {
            let _ = writeln!(out, "      {}", render::say(lang, "next.gentler"));
            for &c in &step.companions {
                let companion = &catalog.entries[c];
                let mut facts = vec![companion.id.clone()];
                facts.extend(render::label(companion, lang));
                facts.extend(
                    companion
                        .lang
                        .as_deref()
                        .map(|code| render::language_name(code, lang)),
                );
                facts.extend(companion.minutes.map(|m| render::minutes(m, lang)));
                let _ = writeln!(out, "        ↳ {}", facts.join(" · "));
                let _ = writeln!(out, "          {}", companion.url);
            }
        }
        let _ = writeln!(out);
    }
    let ready = plan::ready(catalog, &progress).len();
    let _ = writeln!(out, "{}", footer(args.count, ready, lang));
    Ok(out)
}

/// What to do next; `-n` is suggested only when more entries are ready than were shown, with a
/// count above the one just asked for.
fn footer(shown: usize, ready: usize, lang: Lang) -> String {
    if ready <= shown {
        return render::say(lang, "next.footer");
    }
    let more = shown.saturating_mul(2).max(10).min(ready);
    t!("next.footer_more", locale = lang.code(), more = more).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_suggests_more_only_when_more_are_ready_and_asks_for_more_than_shown() {
        let more = |shown, ready| footer(shown, ready, Lang::En);
        assert!(more(3, 13).ends_with("`lpath next -n 10` shows more."));
        assert!(more(10, 13).ends_with("`lpath next -n 13` shows more."));
        assert!(more(20, 100).ends_with("`lpath next -n 40` shows more."));
        assert_eq!(more(3, 3), "Mark one read with `lpath done <id>`.");
        assert_eq!(more(10, 4), "Mark one read with `lpath done <id>`.");
        assert_eq!(footer(10, 4, Lang::Zh), "读完后运行 `lpath done <id>`。");
    }
}
