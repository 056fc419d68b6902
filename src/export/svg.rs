//! The prerequisite graph as a standalone SVG: columns from what needs nothing first to what
//! needs most, statuses as shape, word and colour, each node a link to its entry.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use jiff::Timestamp;

use crate::catalog::model::Catalog;
use crate::export::graph::Graph;
use crate::export::layout::{self, Slot};
use crate::export::markup::{escape, href};
use crate::export::palette;
use crate::output::render;
use crate::plan::{self, State};
use crate::progress::model::{Progress, Status};
use crate::text::width;

const NODE_W: usize = 280;
const NODE_H: usize = 66;
const GAP_X: usize = 56;
const GAP_Y: usize = 14;
/// The height of a lane, through which edges pass between the boxes of a column.
const LANE_H: usize = 18;
const MARGIN: usize = 20;
/// Room above the graph for its heading and the legend.
const HEAD: usize = 96;
/// Terminal columns of title that fit in a node in bold 13 px (a CJK character counts two),
/// measured on screenshots with wide Latin letters.
const TITLE_COLUMNS: usize = 28;

/// A status drawn in a 16 x 16 box in `currentColor`, so it reads without colour: an empty
/// ring (todo), a half-filled one (reading), a filled disc with a tick (done), a ring with a bar
/// across (skipped). The roadmap page uses the same shapes.
pub fn status_shape(status: Status) -> &'static str {
    match status {
        Status::Todo => {
            r#"<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/>"#
        }
        Status::Reading => {
            r#"<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/><path d="M8 2a6 6 0 0 0 0 12z" fill="currentColor"/>"#
        }
        Status::Done => {
            r##"<circle cx="8" cy="8" r="7.5" fill="currentColor"/><path d="M4.5 8.3l2.4 2.4 4.6-5" fill="none" stroke="#fff" stroke-width="2"/>"##
        }
        Status::Skipped => {
            r#"<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/><path d="M3.8 12.2l8.4-8.4" stroke="currentColor" stroke-width="2"/>"#
        }
    }
}

/// A state drawn as [`status_shape`] draws its status, except for an entry not started: ready
/// is the todo ring with an arrow in it, waiting a dashed ring.
pub fn state_shape(state: State) -> &'static str {
    match state {
        State::Ready => concat!(
            r#"<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/>"#,
            r#"<path d="M6.5 5l4 3-4 3z" fill="currentColor"/>"#
        ),
        State::Waiting => {
            r#"<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="2.4 2.3"/>"#
        }
        _ => status_shape(state.status()),
    }
}

/// `text` in at most `lines` lines of `columns` terminal columns, the last line cut with `…`.
pub fn wrap(text: &str, columns: usize, lines: usize) -> Vec<String> {
    width::wrap_cut(text, columns, lines, "…")
}

/// `text` cut to `columns` terminal columns, with `…` where it was cut.
pub fn clip(text: &str, columns: usize) -> String {
    width::cut(text, columns, "…")
}

/// The standalone SVG's own style; the statuses' colours follow, from [`palette`].
const STYLE: &str = "
text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;fill:#1f2328}
.bg{fill:#ffffff}
.head{font-size:18px;font-weight:600}
.hint,.sub{font-size:12px;fill:#57606a}
.title{font-size:13px;font-weight:600}
.node rect{fill:#ffffff;stroke:#8c959f;stroke-width:1.2}
.node.outside rect{stroke-dasharray:5 3}
.node:hover rect{stroke-width:2.4}
.edge{fill:none;stroke:#8c959f;stroke-width:1.4}
.edge.long{stroke-dasharray:6 4;opacity:.75}
.node.reading rect{stroke-width:2}
.node.skipped .title{text-decoration:line-through}
@media (prefers-color-scheme:dark){
.bg{fill:#0d1117}
text{fill:#e6edf3}
.hint,.sub{fill:#9198a1}
.node rect{fill:#161b22;stroke:#656c76}
.edge{stroke:#656c76}
}
";

/// Where the graph is drawn, which decides its frame and where a node leads.
pub enum Frame<'a> {
    /// An SVG document of its own: a heading, a legend and its own style; a node links to the
    /// entry's URL.
    Standalone { now: Timestamp },
    /// Inside the roadmap page, which gives the heading, legend and style: the drawing only, each
    /// node in its state as the cards show it (`states`, by entry index), and a link to its card
    /// where `has_card` says the card is on the page.
    InPage {
        has_card: &'a dyn Fn(usize) -> bool,
        states: &'a [State],
    },
}

/// The least a graph in the page is shrunk to fit the page's width, as a fraction of its size:
/// smaller than that, its titles could not be read, and it scrolls sideways instead.
const SHRINK_AT_MOST: usize = 2;

/// The whole graph as an SVG document.
pub fn graph(catalog: &Catalog, progress: &Progress, graph: &Graph, now: Timestamp) -> String {
    draw(catalog, progress, graph, &Frame::Standalone { now })
}

/// The graph drawn as `frame` says.
pub fn draw(catalog: &Catalog, progress: &Progress, graph: &Graph, frame: &Frame) -> String {
    let head = match frame {
        Frame::Standalone { .. } => HEAD,
        Frame::InPage { .. } => MARGIN,
    };
    let layers = layout::layered(&graph.nodes, &graph.edges);
    let tall = |slot: &Slot| match slot {
        Slot::Node(_) => NODE_H + GAP_Y,
        Slot::Lane(_) => LANE_H,
    };
    let tallest = layers
        .iter()
        .map(|column| column.iter().map(tall).sum::<usize>())
        .max()
        .unwrap_or(0);
    let width = (2 * MARGIN + layers.len() * (NODE_W + GAP_X))
        .saturating_sub(GAP_X)
        .max(620);
    let height = head + MARGIN + tallest;
    // Where each node's box starts, and where each lane runs (its middle); a short column is
    // centred on the tallest.
    let mut at: Vec<(usize, usize, usize)> = Vec::new();
    let mut lanes: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    let mut column_of: HashMap<usize, usize> = HashMap::new();
    for (column, slots) in layers.iter().enumerate() {
        let x = MARGIN + column * (NODE_W + GAP_X);
        let mut y = head + (tallest - slots.iter().map(tall).sum::<usize>()) / 2;
        for slot in slots {
            match *slot {
                Slot::Node(node) => {
                    at.push((node, x, y));
                    column_of.insert(node, column);
                }
                Slot::Lane(source) => {
                    lanes.insert((source, column), (x, y + LANE_H / 2));
                }
            }
            y += tall(slot);
        }
    }
    let places: HashMap<usize, (usize, usize)> = at.iter().map(|&(n, x, y)| (n, (x, y))).collect();
    let place = |node: usize| places.get(&node).copied();
    let outside: HashSet<usize> = graph.outside.iter().copied().collect();

    let mut out = String::new();
    let heading = t!("graph_svg.title");
    match frame {
        Frame::Standalone { now } => {
            let _ = writeln!(
                out,
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-labelledby="graph-title" lang="{lang}">"#,
                lang = crate::i18n::current().code()
            );
            let _ = writeln!(
                out,
                "<title id=\"graph-title\">{}</title>\n<style>{STYLE}{}</style>",
                escape(&heading),
                palette::svg_rules()
            );
            let _ = writeln!(
                out,
                r#"<rect class="bg" width="{width}" height="{height}"/>"#
            );
            head_and_legend(&mut out, &heading, *now);
        }
        // The page's CSS sizes it: as wide as the page, down to a readable size, then scrolled.
        Frame::InPage { .. } => {
            let _ = writeln!(
                out,
                r#"<svg xmlns="http://www.w3.org/2000/svg" class="graph-drawing" width="{width}" height="{height}" viewBox="0 0 {width} {height}" style="max-width:{width}px;min-width:{least}px" aria-labelledby="graph-title">"#,
                least = width / SHRINK_AT_MOST,
            );
            let _ = writeln!(
                out,
                "<title id=\"graph-title\">{}</title>\n<rect class=\"bg\" width=\"{width}\" height=\"{height}\"/>",
                escape(&heading)
            );
        }
    }

    // Edges first, so that nodes are drawn over them. An edge that skips columns runs along its
    // source's lane through each column between, so it passes between boxes, never behind one;
    // dashed, it reads as going further than the next column.
    for &(from, to) in &graph.edges {
        let (Some((x1, y1)), Some((x2, y2))) = (place(from), place(to)) else {
            continue;
        };
        let mut d = String::new();
        let (mut x, mut y) = (x1 + NODE_W, y1 + NODE_H / 2);
        let _ = write!(d, "M{x} {y}");
        let curve = |d: &mut String, (x, y): (usize, usize), (tx, ty): (usize, usize)| {
            let bend = tx.saturating_sub(x) / 2;
            let _ = write!(d, "C{} {y} {} {ty} {tx} {ty}", x + bend, tx - bend);
        };
        let (first, last) = (column_of[&from] + 1, column_of[&to]);
        for column in first..last {
            if let Some(&(lx, ly)) = lanes.get(&(from, column)) {
                curve(&mut d, (x, y), (lx, ly));
                let _ = write!(d, "L{} {ly}", lx + NODE_W);
                (x, y) = (lx + NODE_W, ly);
            }
        }
        curve(&mut d, (x, y), (x2 - 1, y2 + NODE_H / 2));
        let long = if last > first { " long" } else { "" };
        let _ = writeln!(
            out,
            r#"<path class="edge{long}" data-from="{}" data-to="{}" d="{d}" marker-end="url(#arrow)"/>"#,
            escape(catalog.id(from)),
            escape(catalog.id(to)),
        );
    }
    out.push_str(
        r##"<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L8 4L0 8z" fill="#8c959f"/></marker></defs>
"##,
    );

    let statuses = plan::statuses(catalog, progress);
    for &(node, x, y) in &at {
        let entry = &catalog.entries[node];
        let (status, shape, word) = match frame {
            Frame::Standalone { .. } => (
                statuses[node].as_str(),
                status_shape(statuses[node]),
                render::status_word(statuses[node]),
            ),
            Frame::InPage { states, .. } => (
                states[node].as_str(),
                state_shape(states[node]),
                render::state_word(states[node]),
            ),
        };
        let outside = if outside.contains(&node) {
            " outside"
        } else {
            ""
        };
        // The status word is never cut; a long id gives way instead.
        let room = (TITLE_COLUMNS + 10).saturating_sub(width::width(&word) + 3);
        let sub = format!("{} · {word}", clip(&entry.id, room));
        let mut tooltip = format!("{} ({word})", entry.title);
        if !outside.is_empty() {
            let track = render::track_title(catalog, &entry.track);
            tooltip = format!("{tooltip} · {track}");
        }
        let lines = wrap(&entry.title, TITLE_COLUMNS, 2);
        let body = format!(
            r#"<title>{title}</title><rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="8"/><g class="{status}" transform="translate({sx} {sy})">{shape}</g><text class="title" x="{tx}" y="{ty}">{short}</text><text class="sub" x="{tx}" y="{uy}">{sub}</text>"#,
            title = escape(&tooltip),
            sx = x + 10,
            sy = if lines.len() > 1 { y + 10 } else { y + 16 },
            tx = x + 34,
            ty = if lines.len() > 1 { y + 22 } else { y + 28 },
            uy = if lines.len() > 1 { y + 56 } else { y + 48 },
            short = lines
                .iter()
                .enumerate()
                .map(|(i, line)| format!(
                    r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                    x + 34,
                    if i == 0 { 0 } else { 16 },
                    escape(line)
                ))
                .collect::<String>(),
            sub = escape(&sub),
        );
        let id = escape(&entry.id);
        let link = match frame {
            Frame::Standalone { .. } => {
                href(&entry.url).map(|link| format!(r#"href="{link}" target="_top""#))
            }
            Frame::InPage { has_card, .. } => {
                has_card(node).then(|| format!(r##"href="#e-{id}""##))
            }
        };
        let _ = match link {
            Some(link) => writeln!(
                out,
                r#"<a class="node {status}{outside}" id="n-{id}" {link}>{body}</a>"#
            ),
            None => writeln!(
                out,
                r#"<g class="node {status}{outside}" id="n-{id}">{body}</g>"#
            ),
        };
    }
    out.push_str("</svg>\n");
    out
}

/// The standalone graph's heading, hint and legend: each status's shape and word.
fn head_and_legend(out: &mut String, heading: &str, now: Timestamp) {
    let _ = writeln!(
        out,
        r#"<text class="head" x="{MARGIN}" y="{}">{}</text>"#,
        MARGIN + 14,
        escape(heading)
    );
    let made = t!("graph_svg.made_on", date = render::local_date(now));
    let _ = writeln!(
        out,
        r#"<text class="hint" x="{MARGIN}" y="{}">{} · {}</text>"#,
        MARGIN + 34,
        escape(&t!("graph_svg.hint")),
        escape(&made)
    );
    let mut x = MARGIN;
    for status in Status::ALL {
        let word = render::status_word(status);
        let _ = writeln!(
            out,
            r#"<g class="{status}" transform="translate({x} {})">{}</g><text class="sub" x="{}" y="{}">{}</text>"#,
            MARGIN + 42,
            status_shape(status),
            x + 20,
            MARGIN + 54,
            escape(&word)
        );
        x += 28 + 8 * width::width(&word);
    }
}

#[cfg(test)]
mod tests {
    use super::{clip, wrap};

    #[test]
    fn long_titles_are_clipped_by_display_width() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("a long title here", 10), "a long ti…");
        assert_eq!(clip("理解大语言模型的架构", 9), "理解大语…");
    }

    #[test]
    fn titles_wrap_between_words_onto_two_lines() {
        assert_eq!(
            wrap("Attention Is All You Need", 30, 2),
            ["Attention Is All You Need"]
        );
        assert_eq!(
            wrap(
                "Neural Machine Translation by Jointly Learning to Align and Translate",
                30,
                2
            ),
            [
                "Neural Machine Translation by",
                "Jointly Learning to Align and…"
            ]
        );
        assert_eq!(
            wrap("系统学习大模型的20篇论文", 10, 2),
            ["系统学习大", "模型的20…"]
        );
        assert_eq!(wrap("", 10, 2), Vec::<String>::new());
    }
}
