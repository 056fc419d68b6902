//! The path as a self-contained web page: tracks with progress bars, entries as cards, companions
//! and prerequisites on each card. Inline CSS and SVG only: nothing is fetched, no script runs.

use std::fmt::Write;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::catalog::entry::Entry;
use crate::catalog::model::Catalog;
use crate::export::markup::{escape, href};
use crate::export::svg::status_shape;
use crate::i18n::Lang;
use crate::output::render;
use crate::plan;
use crate::progress::model::{Progress, Status};
use crate::stats::{self, Figures};

/// What the page shows besides the entries.
pub struct Options<'a> {
    pub lang: Lang,
    /// The learner's notes, which are private, so off unless asked for.
    pub notes: bool,
    pub now: Timestamp,
    pub tz: &'a TimeZone,
}

const STYLE: &str = include_str!("assets/roadmap.css");

/// The page for `selected` (entry indices in path order). `tracks` are the tracks asked for
/// (none: all); their figures are the tracks' own, as `stats` computes them, whatever the status
/// filter left out of the cards.
pub fn page(
    catalog: &Catalog,
    progress: &Progress,
    selected: &[usize],
    tracks: &[String],
    options: &Options,
) -> String {
    let lang = options.lang;
    let locale = lang.code();
    let statuses = plan::statuses(catalog, progress);
    let status = |i: usize| statuses.get(i).copied().unwrap_or_default();
    let in_track = |i: usize, track: &str| catalog.entries[i].track == track;
    let shown_tracks: Vec<&str> = catalog
        .tracks
        .iter()
        .map(|t| t.id.as_str())
        .filter(|t| tracks.is_empty() || tracks.iter().any(|x| x == t))
        .collect();
    let figures_of = |entries: Vec<usize>| {
        stats::figures(catalog, progress, &entries, options.now, options.tz, None)
    };
    let overall = figures_of(
        catalog
            .path()
            .iter()
            .copied()
            .filter(|&i| shown_tracks.iter().any(|t| in_track(i, t)))
            .collect(),
    );

    let title = t!("export_html.title", locale = locale);
    let made = t!(
        "export_html.made_on",
        locale = locale,
        date = render::local_date(options.now)
    );
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="{html_lang}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="color-scheme" content="light dark"/>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/>
<meta name="generator" content="lpath"/>
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<header class="top">
<h1>{title}</h1>
<p class="made"><time datetime="{iso}">{made}</time></p>
"#,
        html_lang = if lang == Lang::Zh { "zh-Hans" } else { "en" },
        title = escape(&title),
        iso = escape(&render::local_date(options.now)),
        made = escape(&made),
    );
    let _ = writeln!(
        out,
        r#"<section class="overall" aria-label="{}">"#,
        escape(&t!("export_html.overall", locale = locale))
    );
    out.push_str(&progress_block(&overall, lang));
    out.push_str("</section>\n");
    out.push_str(&legend(lang));
    out.push_str("</header>\n<main>\n");

    let mut shown = vec![false; catalog.entries.len()];
    for &i in selected {
        shown[i] = true;
    }
    let on_page = |i: usize| shown.get(i).copied().unwrap_or(false);
    // What each entry unlocks, found once for the whole page rather than once a card.
    let mut unlocks: Vec<Vec<usize>> = vec![Vec::new(); catalog.entries.len()];
    for &i in catalog.path() {
        for &r in catalog.requires(i) {
            unlocks[r].push(i);
        }
    }
    let mut any = false;
    for track in &shown_tracks {
        let cards: Vec<usize> = selected
            .iter()
            .copied()
            .filter(|&i| in_track(i, track))
            // A companion goes on its entry's card when that card is on the page.
            .filter(|&i| {
                !catalog.is_companion(i)
                    || catalog.entries[i]
                        .companion_of
                        .as_deref()
                        .and_then(|p| catalog.get(p))
                        .is_none_or(|p| !on_page(p))
            })
            .collect();
        if cards.is_empty() {
            continue;
        }
        any = true;
        let track_entries: Vec<usize> = catalog
            .path()
            .iter()
            .copied()
            .filter(|&i| in_track(i, track))
            .collect();
        let figures = figures_of(track_entries);
        let _ = writeln!(
            out,
            r#"<section class="track" id="track-{id}" aria-labelledby="h-{id}">
<h2 id="h-{id}">{title}</h2>"#,
            id = escape(track),
            title = escape(&render::track_title(catalog, track, lang))
        );
        out.push_str(&progress_block(&figures, lang));
        out.push_str("<ol class=\"cards\">\n");
        for &i in &cards {
            let page = Page {
                status: &status,
                on_page: &on_page,
                unlocks: &unlocks[i],
            };
            out.push_str(&card(catalog, progress, i, &page, options));
        }
        out.push_str("</ol>\n</section>\n");
    }
    if !any {
        let nothing = if catalog.is_empty() {
            render::empty_path(lang)
        } else {
            t!("export_html.nothing", locale = locale).into_owned()
        };
        let _ = writeln!(out, r#"<p class="nothing">{}</p>"#, escape(&nothing));
    }
    let _ = write!(
        out,
        "</main>\n<footer><p>{}</p></footer>\n</body>\n</html>\n",
        escape(&made)
    );
    out
}

/// A bar in two parts (read, then skipped) and the figures under it, in words as well.
fn progress_block(f: &Figures, lang: Lang) -> String {
    let locale = lang.code();
    let percent = |n: usize| {
        if f.tally.total == 0 {
            0.0
        } else {
            n as f64 * 100.0 / f.tally.total as f64
        }
    };
    let footer = render::footer(&f.tally, lang);
    let left = t!(
        "export_html.minutes_left",
        locale = locale,
        minutes = render::minutes_total(f.minutes_left, lang)
    );
    format!(
        r#"<div class="bar" role="img" aria-label="{label}"><span class="fill done" style="width:{done:.2}%"></span><span class="fill skipped" style="width:{skipped:.2}%"></span></div>
<p class="figures">{figures}</p>
"#,
        label = escape(&footer),
        done = percent(f.tally.done),
        skipped = percent(f.tally.skipped),
        // Each figure on one line: a narrow screen breaks between figures, not inside one.
        figures = footer
            .split(" · ")
            .chain([left.as_ref()])
            .map(|part| format!(r#"<span class="fig">{}</span>"#, escape(part)))
            .collect::<Vec<_>>()
            .join(" · "),
    )
}

/// Each status's shape and word, so the page can be read without its colours.
fn legend(lang: Lang) -> String {
    let mut out = format!(
        r#"<ul class="legend" aria-label="{}">"#,
        escape(&t!("export_html.legend", locale = lang.code()))
    );
    for status in Status::ALL {
        let _ = write!(
            out,
            r#"<li class="{status}">{}{}</li>"#,
            icon(status),
            escape(&render::status_word(status, lang))
        );
    }
    out.push_str("</ul>\n");
    out
}

/// The status shape as an inline SVG icon; the word next to it is what a screen reader says.
fn icon(status: Status) -> String {
    format!(
        r#"<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">{}</svg>"#,
        status_shape(status)
    )
}

/// The title as a link where the URL is a web address, else as text.
fn linked_title(entry: &Entry) -> String {
    match href(&entry.url) {
        Some(link) => format!(
            r#"<a href="{link}" rel="noopener noreferrer">{}</a>"#,
            escape(&entry.title)
        ),
        None => escape(&entry.title),
    }
}

/// Other entries named on a card by id (short, and what `lpath` commands take), with the title
/// as a tooltip: a link to their card when it is on the page.
fn names(catalog: &Catalog, entries: &[usize], on_page: &dyn Fn(usize) -> bool) -> String {
    entries
        .iter()
        .map(|&i| {
            let entry = &catalog.entries[i];
            let (id, title) = (escape(&entry.id), escape(&entry.title));
            if on_page(i) {
                format!(r##"<a class="ref" href="#e-{id}" title="{title}">{id}</a>"##)
            } else {
                format!(r#"<span class="ref" title="{title}">{id}</span>"#)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a card needs to know about the rest of the page.
struct Page<'a> {
    status: &'a dyn Fn(usize) -> Status,
    on_page: &'a dyn Fn(usize) -> bool,
    /// What this card's entry unlocks, in path order.
    unlocks: &'a [usize],
}

fn card(
    catalog: &Catalog,
    progress: &Progress,
    index: usize,
    page: &Page,
    options: &Options,
) -> String {
    let (status, on_page) = (page.status, page.on_page);
    let lang = options.lang;
    let locale = lang.code();
    let entry = &catalog.entries[index];
    let s = status(index);
    let mut out = format!(
        r#"<li class="card {s}" id="e-{id}">
<p class="status {s}">{icon}<span>{word}</span><code class="id">{id}</code></p>
<h3>{title}</h3>
"#,
        id = escape(&entry.id),
        icon = icon(s),
        word = escape(&render::status_word(s, lang)),
        title = linked_title(entry),
    );
    let mut facts = vec![render::kind_word(entry.kind, lang)];
    facts.extend(entry.year.map(|y| y.to_string()));
    facts.extend(render::short_authors(&entry.authors, lang));
    facts.extend(entry.minutes.map(|m| render::minutes(m, lang)));
    if let Some(label) = render::label(entry, lang).filter(|_| entry.is_companion()) {
        facts.push(label);
    }
    let _ = writeln!(out, r#"<p class="meta">{}</p>"#, escape(&facts.join(" · ")));
    if let Some(summary) = render::summary(entry, lang) {
        let _ = writeln!(out, r#"<p class="summary">{}</p>"#, escape(summary));
    }
    for (class, linked) in [
        ("requires", catalog.requires(index)),
        ("unlocks", page.unlocks),
    ] {
        if !linked.is_empty() {
            let key = format!("export_html.{class}");
            let _ = writeln!(
                out,
                r#"<p class="links {class}"><span class="what">{}</span> {}</p>"#,
                escape(&t!(&key, locale = locale)),
                names(catalog, linked, on_page)
            );
        }
    }
    let companions: Vec<usize> = catalog
        .companions(index)
        .iter()
        .copied()
        .filter(|&c| on_page(c))
        .collect();
    if !companions.is_empty() {
        let _ = writeln!(
            out,
            r#"<ul class="companions" aria-label="{}">"#,
            escape(&t!("export_html.companions", locale = locale))
        );
        for c in companions {
            let companion = &catalog.entries[c];
            let cs = status(c);
            let label = render::label(companion, lang)
                .map(|l| format!(r#"<span class="label">{}</span> "#, escape(&l)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                r#"<li class="companion {cs}" id="e-{id}">{icon}<span class="word">{word}</span> {label}{title}"#,
                id = escape(&companion.id),
                icon = icon(cs),
                word = escape(&render::status_word(cs, lang)),
                title = linked_title(companion),
            );
            if options.notes {
                out.push_str(&notes(progress, companion, options));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    if options.notes {
        out.push_str(&notes(progress, entry, options));
    }
    out.push_str("</li>\n");
    out
}

/// The learner's notes on `entry`, dated, as they wrote them.
fn notes(progress: &Progress, entry: &Entry, options: &Options) -> String {
    let notes = progress.record(entry).map_or(&[][..], |r| &r.notes[..]);
    if notes.is_empty() {
        return String::new();
    }
    let mut out = format!(
        r#"<ul class="notes" aria-label="{}">"#,
        escape(&t!("export_html.notes", locale = options.lang.code()))
    );
    for note in notes {
        let date = note.at.to_zoned_datetime(options.tz.clone()).date();
        let _ = write!(
            out,
            r#"<li><time datetime="{date}">{date}</time> {}</li>"#,
            escape(&note.text)
        );
    }
    out.push_str("</ul>\n");
    out
}
