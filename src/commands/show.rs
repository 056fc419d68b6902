//! `lpath show`: everything about one entry, with the status of what surrounds it.

use std::fmt::Write;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::cli::ShowArgs;
use crate::color;
use crate::context::Context;
use crate::error::Result;
use crate::layout::wrap;
use crate::progress::{Note, Progress, Status};
use crate::render::{self, EntryJson, Lang, Style};
use crate::resolve;

/// Where a field's value starts, past its name.
const FIELD_INDENT: &str = "            ";

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    entry: EntryJson<'a>,
    prerequisites: Vec<EntryJson<'a>>,
    unlocks: Vec<EntryJson<'a>>,
    companions: Vec<EntryJson<'a>>,
    notes: &'a [Note],
}

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<String> {
    let catalog = &ctx.catalog;
    let index = resolve::entry(catalog, &args.id)?;
    let progress = ctx.store().load()?;
    let entry = &catalog.entries[index];
    let record = progress.record(entry);
    let notes = record.map_or(&[][..], |r| &r.notes);
    let unlocks = catalog.unlocks(index);
    if args.json {
        let entries = |indices: &[usize]| -> Vec<EntryJson> {
            indices
                .iter()
                .map(|&i| EntryJson::new(catalog, &progress, i))
                .collect()
        };
        let json = ShowJson {
            entry: EntryJson::new(catalog, &progress, index),
            prerequisites: entries(catalog.requires(index)),
            unlocks: entries(&unlocks),
            companions: entries(catalog.companions(index)),
            notes,
        };
        return Ok(render::to_json(&json) + "\n");
    }

    let lang = ctx.style.lang;
    let tz = ctx.time_zone();
    let mut out = String::new();
    let columns = ctx.style.width.map(usize::from);
    for line in wrap(&entry.title, "", "", columns) {
        let _ = writeln!(out, "{line}");
    }
    // A value too long for the terminal goes on under itself.
    let mut field = |en: &'static str, zh: &'static str, value: String| {
        let first = format!("  {} ", render::pad(render::say(lang, en, zh), 9));
        for line in wrap(&value, &first, FIELD_INDENT, columns) {
            let _ = writeln!(out, "{line}");
        }
    };
    let row = catalog.row_of(index);
    field(
        "id",
        "编号",
        match lang {
            Lang::En => format!("{} (row {row})", entry.id),
            Lang::Zh => format!("{}（第 {row} 行）", entry.id),
        },
    );
    if !entry.aliases.is_empty() {
        field("aliases", "别名", entry.aliases.join(", "));
    }
    if !entry.authors.is_empty() {
        field("authors", "作者", entry.authors.join(", "));
    }
    if let Some(year) = entry.year {
        field("year", "年份", year.to_string());
    }
    let mut kind = vec![entry.kind.to_string()];
    kind.extend(render::label(entry));
    kind.extend(entry.lang.clone());
    field("kind", "类型", kind.join(" · "));
    field(
        "track",
        "路线",
        format!(
            "{} ({})",
            render::track_title(catalog, &entry.track, lang),
            entry.track
        ),
    );
    field("url", "链接", entry.url.clone());
    if let Some(arxiv) = &entry.arxiv {
        field("arxiv", "arXiv", arxiv.clone());
    }
    if let Some(minutes) = entry.minutes {
        field("minutes", "时长", render::minutes(minutes, lang));
    }
    let mut status = vec![render::painted_status(progress.status(entry), ctx.style)];
    if let Some(record) = record {
        if let Some(started) = record.started {
            status.push(format!(
                "{} {}",
                render::say(lang, "started", "开始于"),
                render::local_time(started, &tz)
            ));
        }
        if let Some(finished) = record.finished {
            status.push(format!(
                "{} {}",
                render::say(lang, "finished", "读完于"),
                render::local_time(finished, &tz)
            ));
        }
        if record.status == Status::Skipped {
            status.push(format!(
                "{} {}",
                render::say(lang, "skipped", "跳过于"),
                render::local_time(record.changed, &tz)
            ));
        }
    }
    field("status", "状态", status.join(" · "));
    if let Some(summary) = render::summary(entry, lang) {
        out.push('\n');
        for line in wrap(summary, "  ", "  ", columns) {
            let _ = writeln!(out, "{line}");
        }
    }

    let sections: [(&str, Vec<usize>, bool); 4] = [
        (
            render::say(lang, "Requires", "前置"),
            catalog.requires(index).to_vec(),
            true,
        ),
        (render::say(lang, "Unlocks", "解锁"), unlocks, true),
        (
            render::say(lang, "Companions", "辅助材料"),
            catalog.companions(index).to_vec(),
            false,
        ),
        (
            render::say(lang, "Explains", "解读对象"),
            entry
                .companion_of
                .as_deref()
                .and_then(|id| catalog.get(id))
                .into_iter()
                .collect(),
            false,
        ),
    ];
    for (title, indices, always) in sections {
        if indices.is_empty() {
            if always {
                let _ = writeln!(
                    out,
                    "\n{title}{}{}",
                    render::say(lang, ": ", "："),
                    render::say(lang, "nothing", "无")
                );
            }
            continue;
        }
        let _ = writeln!(out, "\n{title}{}", render::say(lang, ":", "："));
        out.push_str(&related(catalog, &progress, &indices, ctx.style));
    }
    if notes.is_empty() {
        let _ = match lang {
            Lang::En => writeln!(
                out,
                "\nNotes: none; add one with `lpath note {} <text>`",
                entry.id
            ),
            Lang::Zh => writeln!(out, "\n笔记：无；用 `lpath note {} <内容>` 添加", entry.id),
        };
    } else {
        let _ = writeln!(
            out,
            "\n{}{}\n{}",
            render::say(lang, "Notes", "笔记"),
            render::say(lang, ":", "："),
            render::notes(notes, &tz).trim_end()
        );
    }
    Ok(out)
}

/// One line per related entry: its status, row, id and title, a long title going on under the id.
fn related(catalog: &Catalog, progress: &Progress, indices: &[usize], style: Style) -> String {
    let mut out = String::new();
    for &i in indices {
        let entry = &catalog.entries[i];
        let status = progress.status(entry);
        let word = render::pad(render::status_word(status, style.lang), 8);
        let first = format!("  {word} {:>3}  ", catalog.row_of(i));
        let text = format!("{}  {}", entry.id, entry.title);
        let rest = " ".repeat(render::display_width(&first));
        for (k, line) in wrap(&text, &first, &rest, style.width.map(usize::from))
            .into_iter()
            .enumerate()
        {
            // Wrapped as plain text; the status painted after, as escapes have no width.
            let line = if k == 0 {
                line.replacen(
                    word.trim_end(),
                    &color::paint(word.trim_end(), color::status(status), style.color),
                    1,
                )
            } else {
                line
            };
            let _ = writeln!(out, "{line}");
        }
    }
    out
}
