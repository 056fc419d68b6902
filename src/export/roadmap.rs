//! The path as a self-contained web page: what to read next, the tracks with their bars, the
//! prerequisite graph, and a card for each entry with its state (ready, waiting and for what,
//! reading, done, skipped), companions and prerequisites. Inline CSS and SVG only: nothing is
//! fetched, no script runs.

use std::fmt::Write;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::catalog::entry::Entry;
use crate::catalog::model::Catalog;
use crate::export::graph::Graph;
use crate::export::markup::{escape, href};
use crate::export::svg::{self, Frame, state_shape};
use crate::i18n::Lang;
use crate::output::render;
use crate::plan::{self, State};
use crate::progress::model::{Progress, Status};
use crate::stats::{self, Figures};

/// What the page shows besides the entries.
pub struct Options<'a> {
    /// The learner's notes, which are private, so off unless asked for.
    pub notes: bool,
    pub now: Timestamp,
    pub tz: &'a TimeZone,
}

const STYLE: &str = include_str!("assets/roadmap.css");

/// The most entries the graph in the page draws. Past that a drawing is too large to read in a
/// page (and to carry: about 1 kB an entry); `graph --format svg` still draws it on its own.
pub const GRAPH_MAX_NODES: usize = 400;

/// What the parts of the page share: the catalog, every entry's state, which cards and graph
/// nodes are on the page.
struct Page<'a> {
    catalog: &'a Catalog,
    progress: &'a Progress,
    options: &'a Options<'a>,
    statuses: Vec<Status>,
    states: Vec<State>,
    /// By entry index: whether it has a card (or a companion line) on the page.
    shown: Vec<bool>,
    /// By entry index: whether it is a node of the graph on the page.
    in_graph: Vec<bool>,
    /// By entry index: what it unlocks, in path order.
    unlocks: Vec<Vec<usize>>,
}

impl Page<'_> {
    fn on_page(&self, i: usize) -> bool {
        self.shown.get(i).copied().unwrap_or(false)
    }
}

/// The page for `selected` (entry indices in path order). `tracks` are the tracks asked for
/// (none: all); their figures are the tracks' own, as `stats` computes them, whatever the status
/// filter left out of the cards; "up next" is what `lpath next --track` suggests for them.
pub fn page(
    catalog: &Catalog,
    progress: &Progress,
    selected: &[usize],
    tracks: &[String],
    options: &Options,
) -> String {
    let statuses = plan::statuses(catalog, progress);
    let states = plan::states(catalog, &statuses);
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
    let mut shown = vec![false; catalog.len()];
    for &i in selected {
        shown[i] = true;
    }
    // What each entry unlocks, found once for the whole page rather than once a card.
    let mut unlocks: Vec<Vec<usize>> = vec![Vec::new(); catalog.len()];
    for &i in catalog.path() {
        for &r in catalog.requires(i) {
            unlocks[r].push(i);
        }
    }
    let graph = Graph::build(catalog, tracks);
    let drawn = graph.nodes.len() <= GRAPH_MAX_NODES && !graph.nodes.is_empty();
    let mut in_graph = vec![false; catalog.len()];
    if drawn {
        for &n in &graph.nodes {
            in_graph[n] = true;
        }
    }
    let page = Page {
        catalog,
        progress,
        options,
        statuses,
        states,
        shown,
        in_graph,
        unlocks,
    };

    let title = t!("export_html.title");
    let made = t!("export_html.made_on", date = date(options.now, options));
    let mut out = String::new();
    // The hide-done switch comes first in the body: CSS can only reach what follows it.
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
<style>{palette}{STYLE}</style>
</head>
<body>
<input type="checkbox" id="hide-done" class="switch"/>
<header class="top" id="top">
<h1>{title}</h1>
<p class="made"><time datetime="{iso}">{made}</time></p>
"#,
        html_lang = if crate::i18n::current() == Lang::Zh {
            "zh-Hans"
        } else {
            "en"
        },
        palette = crate::export::palette::css_variables(),
        title = escape(&title),
        iso = escape(
            &options
                .now
                .to_zoned_datetime(options.tz.clone())
                .date()
                .to_string()
        ),
        made = escape(&made),
    );
    let _ = writeln!(
        out,
        r#"<section class="overall" aria-label="{}">"#,
        escape(&t!("export_html.overall"))
    );
    out.push_str(&progress_block(&overall));
    out.push_str("</section>\n");
    out.push_str(&legend());
    let _ = writeln!(
        out,
        r#"<p class="controls"><label for="hide-done">{}</label></p>"#,
        escape(&crate::i18n::text("roadmap_page.hide_done"))
    );
    if !options.notes {
        let _ = writeln!(
            out,
            r#"<p class="notes-left-out">{}</p>"#,
            escape(&crate::i18n::text("roadmap_page.notes_left_out"))
        );
    }
    out.push_str("</header>\n<main>\n");
    out.push_str(&up_next(&page, tracks));

    let mut sections = String::new();
    let mut contents = Vec::new();
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
                        .is_none_or(|p| !page.on_page(p))
            })
            .collect();
        if cards.is_empty() {
            continue;
        }
        let track_entries: Vec<usize> = catalog
            .path()
            .iter()
            .copied()
            .filter(|&i| in_track(i, track))
            .collect();
        let figures = progress_block(&figures_of(track_entries));
        let name = render::track_title(catalog, track);
        let _ = writeln!(
            sections,
            r##"<section class="track" id="track-{id}" aria-labelledby="h-{id}">
<h2 id="h-{id}">{title}</h2>
<a class="up" href="#toc">{up}</a>"##,
            id = escape(track),
            title = escape(&name),
            up = escape(&crate::i18n::text("roadmap_page.back_up")),
        );
        sections.push_str(&figures);
        sections.push_str("<ol class=\"cards\">\n");
        for &i in &cards {
            sections.push_str(&card(&page, i));
        }
        sections.push_str("</ol>\n</section>\n");
        contents.push((track.to_string(), name, figures));
    }
    if !contents.is_empty() {
        let _ = writeln!(
            out,
            r#"<nav class="toc" id="toc" aria-labelledby="h-toc">
<h2 id="h-toc">{}</h2>
<ol>"#,
            escape(&crate::i18n::text("roadmap_page.tracks"))
        );
        for (id, name, figures) in &contents {
            let _ = writeln!(
                out,
                r##"<li><a href="#track-{}">{}</a>
{figures}</li>"##,
                escape(id),
                escape(name)
            );
        }
        out.push_str("</ol>\n</nav>\n");
    }
    out.push_str(&graph_section(&page, &graph, drawn));
    out.push_str(&sections);
    if contents.is_empty() {
        let nothing = if catalog.is_empty() {
            render::empty_path()
        } else {
            t!("export_html.nothing").into_owned()
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

/// A date as the page's language writes it.
fn date(at: Timestamp, options: &Options) -> String {
    let format = t!("roadmap_page.date_format");
    at.to_zoned_datetime(options.tz.clone())
        .strftime(format.as_ref())
        .to_string()
}

/// What `lpath next` suggests, in its order, each with its way in (the companions not yet read)
/// and, for an entry being read early, what it still requires.
fn up_next(page: &Page, tracks: &[String]) -> String {
    let catalog = page.catalog;
    let steps = plan::next_in(catalog, &page.statuses, plan::NEXT_COUNT, tracks);
    let mut out = format!(
        r#"<section class="up-next" id="next" aria-labelledby="h-next">
<h2 id="h-next">{}</h2>
<p class="hint">{}</p>
"#,
        escape(&crate::i18n::text("roadmap_page.up_next")),
        escape(&crate::i18n::text("roadmap_page.up_next_hint"))
    );
    if steps.is_empty() {
        let key = if plan::finished(catalog, page.progress) {
            "roadmap_page.finished"
        } else {
            "roadmap_page.nothing_next"
        };
        let _ = writeln!(
            out,
            r#"<p class="nothing">{}</p>"#,
            escape(&crate::i18n::text(key))
        );
        out.push_str("</section>\n");
        return out;
    }
    out.push_str("<ol class=\"steps\">\n");
    for step in &steps {
        let entry = &catalog.entries[step.entry];
        let state = page.states[step.entry];
        let name = if page.on_page(step.entry) {
            format!(
                r##"<a href="#e-{}">{}</a>"##,
                escape(&entry.id),
                escape(&entry.title)
            )
        } else {
            escape(&entry.title)
        };
        let mut facts = vec![render::kind_word(entry.kind)];
        facts.extend(entry.minutes.map(render::minutes));
        let _ = writeln!(
            out,
            r#"<li class="step {state}" data-entry="{id}"><p class="step-head">{icon}<span class="word">{word}</span> <strong>{name}</strong> <span class="meta">{facts}</span></p>"#,
            state = state.as_str(),
            id = escape(&entry.id),
            icon = icon(state),
            word = escape(&render::state_word(state)),
            facts = escape(&facts.join(" · ")),
        );
        if !step.unread.is_empty() {
            out.push_str(&chips(page, "still_requires", &step.unread));
        }
        if !step.companions.is_empty() {
            out.push_str(&chips(page, "way_in", &step.companions));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
    out
}

/// The prerequisite graph, drawn in the page with its nodes linked to the cards; or, when it
/// is too large to draw, where to get it.
fn graph_section(page: &Page, graph: &Graph, drawn: bool) -> String {
    if graph.nodes.is_empty() {
        return String::new();
    }
    let mut out = format!(
        r#"<section class="graph" id="graph" aria-labelledby="h-graph">
<h2 id="h-graph">{}</h2>
"#,
        escape(&crate::i18n::text("graph_svg.title"))
    );
    if drawn {
        let _ = writeln!(
            out,
            r#"<p class="hint">{}</p>
<div class="graph-scroll">"#,
            escape(&crate::i18n::text("graph_svg.hint"))
        );
        let has_card = |i: usize| page.on_page(i);
        out.push_str(&svg::draw(
            page.catalog,
            page.progress,
            graph,
            &Frame::InPage {
                has_card: &has_card,
                states: &page.states,
            },
        ));
        out.push_str("</div>\n");
    } else {
        let _ = writeln!(
            out,
            r#"<p class="left-out">{}</p>"#,
            escape(&t!(
                "roadmap_page.graph_left_out",
                count = graph.nodes.len(),
                most = GRAPH_MAX_NODES
            ))
        );
    }
    out.push_str("</section>\n");
    out
}

/// A line of chips under the heading `what` (a message under `roadmap_page.` or
/// `export_html.`): other entries by title, each a link to its card where it is on the page.
fn chips(page: &Page, what: &str, entries: &[usize]) -> String {
    let key = match what {
        "requires" | "unlocks" => format!("export_html.{what}"),
        _ => format!("roadmap_page.{what}"),
    };
    format!(
        "<p class=\"links {what}\"><span class=\"what\">{}</span> {}</p>\n",
        escape(&crate::i18n::text(&key)),
        names(page, entries)
    )
}

/// A bar in two parts (read, then skipped) and the figures under it, in words as well.
fn progress_block(f: &Figures) -> String {
    let percent = |n: usize| {
        if f.tally.total == 0 {
            0.0
        } else {
            n as f64 * 100.0 / f.tally.total as f64
        }
    };
    let footer = render::footer(&f.tally);
    let left = t!(
        "export_html.minutes_left",
        minutes = render::minutes_total(f.minutes_left)
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

/// Each state's shape and word, so the page can be read without its colours.
fn legend() -> String {
    let mut out = format!(
        r#"<ul class="legend" aria-label="{}">"#,
        escape(&t!("export_html.legend"))
    );
    for state in State::ALL {
        let _ = write!(
            out,
            r#"<li class="{}">{}{}</li>"#,
            state.as_str(),
            icon(state),
            escape(&render::state_word(state))
        );
    }
    out.push_str("</ul>\n");
    out
}

/// The state's shape as an inline SVG icon; the word next to it is what a screen reader says.
fn icon(state: State) -> String {
    format!(
        r#"<svg class="icon" viewBox="0 0 16 16" aria-hidden="true">{}</svg>"#,
        state_shape(state)
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

/// Other entries named by title (what a reader knows them by), with the id (what `lpath`
/// commands take) as a tooltip: a link to their card when it is on the page.
fn names(page: &Page, entries: &[usize]) -> String {
    entries
        .iter()
        .map(|&i| {
            let entry = &page.catalog.entries[i];
            let (id, title) = (escape(&entry.id), escape(&entry.title));
            if page.on_page(i) {
                format!(r##"<a class="ref" href="#e-{id}" title="{id}">{title}</a>"##)
            } else {
                format!(r#"<span class="ref" title="{id}">{title}</span>"#)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn card(page: &Page, index: usize) -> String {
    let (catalog, options) = (page.catalog, page.options);
    let entry = &catalog.entries[index];
    let state = page.states[index];
    let s = state.as_str();
    let id = escape(&entry.id);
    // The status's own class too, for a reader of the page who knows lpath's four statuses.
    let mut out = format!(
        r#"<li class="card {s} {status}" id="e-{id}">
<p class="status {s}">{icon}<span class="word">{word}</span><code class="id">{id}</code></p>
<h3>{title}</h3>
"#,
        status = state.status(),
        icon = icon(state),
        word = escape(&render::state_word(state)),
        title = linked_title(entry),
    );
    let mut facts = vec![render::kind_word(entry.kind)];
    facts.extend(entry.year.map(|y| y.to_string()));
    facts.extend(render::short_authors(&entry.authors));
    facts.extend(entry.minutes.map(render::minutes));
    if let Some(label) = render::label(entry).filter(|_| entry.is_companion()) {
        facts.push(label);
    }
    let _ = writeln!(out, r#"<p class="meta">{}</p>"#, escape(&facts.join(" · ")));
    // A waiting card names what it waits for, and under "requires" only the rest: a page of
    // 10,000 entries would otherwise carry each of those chips twice.
    let mut requires = catalog.requires(index).to_vec();
    if state == State::Waiting {
        let unread = plan::unread(catalog, &page.statuses, index);
        out.push_str(&chips(page, "waiting_for", &unread));
        requires.retain(|r| !unread.contains(r));
    }
    if let Some(summary) = render::summary(entry) {
        let _ = writeln!(out, r#"<p class="summary">{}</p>"#, escape(summary));
    }
    for (what, linked) in [
        ("requires", &requires[..]),
        ("unlocks", &page.unlocks[index][..]),
    ] {
        if !linked.is_empty() {
            out.push_str(&chips(page, what, linked));
        }
    }
    let companions: Vec<usize> = catalog
        .companions(index)
        .iter()
        .copied()
        .filter(|&c| page.on_page(c))
        .collect();
    if !companions.is_empty() {
        let _ = writeln!(
            out,
            r#"<ul class="companions" aria-label="{}">"#,
            escape(&crate::i18n::text("export_html.companions"))
        );
        for c in companions {
            let companion = &catalog.entries[c];
            let cs = page.states[c];
            let label = render::label(companion)
                .map(|l| format!(r#"<span class="label">{}</span> "#, escape(&l)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                r#"<li class="companion {state} {status}" id="e-{id}">{icon}<span class="word">{word}</span> {label}{title}"#,
                state = cs.as_str(),
                status = cs.status(),
                id = escape(&companion.id),
                icon = icon(cs),
                word = escape(&render::state_word(cs)),
                title = linked_title(companion),
            );
            if options.notes {
                out.push_str(&notes(page.progress, companion, options));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    if options.notes {
        out.push_str(&notes(page.progress, entry, options));
    }
    if page.in_graph[index] {
        let _ = writeln!(
            out,
            r##"<p class="to-graph"><a href="#n-{id}">{}</a></p>"##,
            escape(&crate::i18n::text("roadmap_page.in_graph"))
        );
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
        escape(&t!("export_html.notes"))
    );
    for note in notes {
        let day = note.at.to_zoned_datetime(options.tz.clone()).date();
        let _ = write!(
            out,
            r#"<li><time datetime="{day}">{}</time> {}</li>"#,
            escape(&date(note.at, options)),
            escape(&note.text)
        );
    }
    out.push_str("</ul>\n");
    out
}
