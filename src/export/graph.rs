//! The prerequisite graph: which entries come before which, as a text tree, DOT or Mermaid.

use std::fmt::Write;

use serde::Serialize;

use crate::catalog::model::Catalog;
use crate::export::palette;
use crate::output::color;
use crate::output::render::{self, EntryJson, Style};
use crate::plan;
use crate::progress::model::{Progress, Status};
use crate::text::width::width;

/// Entries (not companions, unless something requires one) and their `requires` edges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graph {
    /// In path order.
    pub nodes: Vec<usize>,
    /// Nodes from other tracks, there because a chosen entry requires them.
    pub outside: Vec<usize>,
    /// `(prerequisite, entry)`: read the first before the second.
    pub edges: Vec<(usize, usize)>,
}

impl Graph {
    /// The whole path's graph, or only `tracks` (ids) with what they require from elsewhere.
    pub fn build(catalog: &Catalog, tracks: &[String]) -> Graph {
        let chosen = |i: usize| tracks.is_empty() || tracks.contains(&catalog.entries[i].track);
        let mut nodes: Vec<usize> = catalog
            .path()
            .iter()
            .copied()
            .filter(|&i| !catalog.entries[i].is_companion() && chosen(i))
            .collect();
        let edges: Vec<(usize, usize)> = nodes
            .iter()
            .flat_map(|&n| catalog.requires(n).iter().map(move |&r| (r, n)))
            .collect();
        let mut outside = Vec::new();
        let mut in_graph = vec![false; catalog.len()];
        for &n in &nodes {
            in_graph[n] = true;
        }
        for &(required, _) in &edges {
            if !std::mem::replace(&mut in_graph[required], true) {
                nodes.push(required);
                if !chosen(required) {
                    outside.push(required);
                }
            }
        }
        nodes.sort_by_key(|&i| catalog.row_of(i));
        outside.sort_by_key(|&i| catalog.row_of(i));
        Graph {
            nodes,
            outside,
            edges,
        }
    }

    /// Each node's children in edge order, and whether it has a parent: looked up once, so that
    /// drawing is linear in the graph's size.
    fn adjacency(&self, len: usize) -> (Vec<Vec<usize>>, Vec<bool>) {
        let mut children = vec![Vec::new(); len];
        let mut has_parent = vec![false; len];
        for &(from, to) in &self.edges {
            children[from].push(to);
            has_parent[to] = true;
        }
        (children, has_parent)
    }
}

/// How many levels the text tree indents; deeper levels are drawn at this indentation with their
/// depth written out, so a chain of 100,000 entries is 100,000 short lines, not gigabytes of
/// indentation.
pub const MAX_INDENT: usize = 16;

/// A forest in the terminal: what needs nothing first at the left, what each one opens up below
/// it. An entry that several others lead to is drawn in full once, then marked as seen.
pub fn text(catalog: &Catalog, progress: &Progress, graph: &Graph, style: Style) -> String {
    let glyphs = style.glyphs();
    let mut out = String::new();
    let (children_of, has_parent) = graph.adjacency(catalog.len());
    let mut drawn = vec![false; catalog.len()];
    let outside: std::collections::HashSet<usize> = graph.outside.iter().copied().collect();
    // (node, prefix for its children, connector before it, depth), depth first without recursion.
    let mut stack: Vec<(usize, String, &str, usize)> = graph
        .nodes
        .iter()
        .rev()
        .filter(|&&n| !has_parent[n])
        .map(|&n| (n, String::new(), "", 0))
        .collect();
    // On a terminal the tree indents no further than leaves room for an id.
    let max_indent = match style.width {
        Some(columns) => MAX_INDENT.min(usize::from(columns).saturating_sub(28) / 4),
        None => MAX_INDENT,
    };
    while let Some((node, prefix, connector, depth)) = stack.pop() {
        let entry = &catalog.entries[node];
        let seen = drawn[node];
        let children = &children_of[node];
        let deep = if depth > max_indent {
            format!("[{depth}] ")
        } else {
            String::new()
        };
        let head = format!("{prefix}{connector}{deep}{}", entry.id);
        // What follows the id, each part as measured and as painted.
        let status = plan::status(catalog, progress, node);
        let mut parts = vec![(
            format!("  {}", render::status_word(status)),
            format!("  {}", render::painted_status(status, style)),
        )];
        if outside.contains(&node) {
            let from = render::track_title(catalog, &entry.track);
            let from = t!("graph.from_track", track = from);
            parts.push((
                from.to_string(),
                color::paint(&from, color::FAINT, style.color),
            ));
        }
        if seen && !children.is_empty() {
            let see = crate::i18n::text("graph.see_above");
            parts.push((see.clone(), see));
        }
        let whole = width(&head) + parts.iter().map(|(plain, _)| width(plain)).sum::<usize>();
        let mut line = head;
        match style
            .width
            .map(usize::from)
            .filter(|&columns| whole > columns)
        {
            // Too wide for the terminal: the status and the rest go on under the id, in parts
            // that fit, beside the line that leads to the entry's children.
            Some(columns) => {
                let below = if connector == glyphs.branch {
                    format!("{prefix}{}  ", glyphs.trunk)
                } else {
                    format!("{prefix}      ")
                };
                let mut used = usize::MAX;
                for (plain, painted) in &parts {
                    let (plain, painted) = (plain.trim_start(), painted.trim_start());
                    if used != usize::MAX && used + 2 + width(plain) <= columns {
                        line.push_str("  ");
                        used += 2;
                    } else {
                        line.push('\n');
                        line.push_str(&below);
                        used = width(&below);
                    }
                    line.push_str(painted);
                    used += width(plain);
                }
            }
            None => {
                for (_, painted) in &parts {
                    line.push_str(painted);
                }
            }
        }
        let _ = writeln!(out, "{line}");
        if seen {
            continue;
        }
        drawn[node] = true;
        let child_prefix = if connector.is_empty() || depth >= max_indent {
            prefix.clone()
        } else if connector == glyphs.branch {
            format!("{prefix}{}", glyphs.trunk)
        } else {
            format!("{prefix}    ")
        };
        let last = children.len().saturating_sub(1);
        for (i, &child) in children.iter().enumerate().rev() {
            let connector = if i == last {
                glyphs.last_branch
            } else {
                glyphs.branch
            };
            stack.push((child, child_prefix.clone(), connector, depth + 1));
        }
    }
    out
}

/// Tracks in catalog order, each with its nodes, for the formats that draw tracks as boxes.
fn by_track<'a>(catalog: &'a Catalog, graph: &Graph) -> Vec<(&'a str, Vec<usize>)> {
    catalog
        .tracks
        .iter()
        .map(|t| {
            let nodes: Vec<usize> = graph
                .nodes
                .iter()
                .copied()
                .filter(|&n| catalog.entries[n].track == t.id)
                .collect();
            (t.id.as_str(), nodes)
        })
        .filter(|(_, nodes)| !nodes.is_empty())
        .collect()
}

/// Graphviz: `lpath graph --format dot | dot -Tsvg > path.svg`.
pub fn dot(catalog: &Catalog, progress: &Progress, graph: &Graph) -> String {
    let quote = |text: &str| {
        let inner = render::escape_chars(text, |c| match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            _ => None,
        });
        format!("\"{inner}\"")
    };
    let mut out = String::from("digraph lpath {\n");
    out.push_str("  rankdir=LR;\n");
    out.push_str("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
    for (track, nodes) in by_track(catalog, graph) {
        let _ = writeln!(out, "  subgraph {} {{", quote(&format!("cluster_{track}")));
        let _ = writeln!(
            out,
            "    label={};",
            quote(&render::track_title(catalog, track))
        );
        for node in nodes {
            let entry = &catalog.entries[node];
            let status = plan::status(catalog, progress, node);
            let style = if graph.outside.contains(&node) {
                ", style=\"rounded,filled,dashed\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "    {} [label={}, tooltip={}, fillcolor=\"{}\", color=\"{}\"{style}];",
                quote(&entry.id),
                quote(&format!("{}\n{}", entry.id, render::status_word(status)))
                    .replace('\n', "\\n"),
                quote(&entry.title),
                palette::status(status).fill,
                palette::status(status).line
            );
        }
        out.push_str("  }\n");
    }
    for &(from, to) in &graph.edges {
        let _ = writeln!(
            out,
            "  {} -> {};",
            quote(&catalog.entries[from].id),
            quote(&catalog.entries[to].id)
        );
    }
    out.push_str("}\n");
    out
}

/// Mermaid, which GitHub draws inside a ```mermaid block. Node ids are `n<row>`, since ids with
/// hyphens are not safe everywhere in Mermaid; the entry id is the label.
pub fn mermaid(catalog: &Catalog, progress: &Progress, graph: &Graph) -> String {
    let label = |text: &str| {
        // Mermaid decodes `#name;` entity codes in labels: a `#` of the text's own is one too.
        let inner = render::escape_chars(text, |c| match c {
            '#' => Some("#35;"),
            '"' => Some("#quot;"),
            '<' => Some("#lt;"),
            '>' => Some("#gt;"),
            _ => None,
        });
        format!("\"{inner}\"")
    };
    let node_id = |index: usize| format!("n{}", catalog.row_of(index));
    let mut out = String::from("graph TD\n");
    for (number, (track, nodes)) in by_track(catalog, graph).into_iter().enumerate() {
        let _ = writeln!(
            out,
            "  subgraph t{}[{}]",
            number + 1,
            label(&render::track_title(catalog, track))
        );
        for node in nodes {
            let entry = &catalog.entries[node];
            let status = plan::status(catalog, progress, node);
            let _ = writeln!(
                out,
                "    {}[{}]",
                node_id(node),
                label(&format!("{} · {}", entry.id, render::status_word(status)))
            );
        }
        out.push_str("  end\n");
    }
    for &(from, to) in &graph.edges {
        let _ = writeln!(out, "  {} --> {}", node_id(from), node_id(to));
    }
    for &node in &graph.nodes {
        if let Some(url) = mermaid_url(&catalog.entries[node].url) {
            let _ = writeln!(out, "  click {} href \"{url}\" _blank", node_id(node));
        }
    }
    for status in Status::ALL {
        let members: Vec<String> = graph
            .nodes
            .iter()
            .copied()
            .filter(|&n| plan::status(catalog, progress, n) == status)
            .map(node_id)
            .collect();
        if members.is_empty() {
            continue;
        }
        let paint = palette::status(status);
        let _ = writeln!(
            out,
            "  classDef {status} fill:{},stroke:{}",
            paint.fill, paint.line
        );
        let _ = writeln!(out, "  class {} {status}", members.join(","));
    }
    out
}

/// What a Mermaid `click` string cannot hold raw: everything but ASCII letters, digits and the
/// characters a URL uses for its parts (`%` too, so an address already encoded stays as it is).
const MERMAID_URL_ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'#')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b'%');

/// A web address as a Mermaid `click` line quotes it, or none for anything but http(s). A
/// Mermaid string has no escapes and ends at the first `"`, so that and every other character
/// a URL does not need raw (spaces, controls, quotes, angle brackets, backslashes, non-ASCII) is
/// percent-encoded, which a browser reads back as the same address.
fn mermaid_url(url: &str) -> Option<String> {
    if !crate::catalog::model::is_web_url(url) {
        return None;
    }
    Some(percent_encoding::utf8_percent_encode(url, MERMAID_URL_ESCAPED).to_string())
}

#[derive(Serialize)]
struct GraphJson<'a> {
    nodes: Vec<EntryJson<'a>>,
    edges: Vec<EdgeJson<'a>>,
}

#[derive(Serialize)]
struct EdgeJson<'a> {
    from: &'a str,
    to: &'a str,
}

/// `{"nodes": [entry objects as in list --json], "edges": [{"from": id, "to": id}]}`.
pub fn json(catalog: &Catalog, progress: &Progress, graph: &Graph) -> String {
    let value = GraphJson {
        nodes: graph
            .nodes
            .iter()
            .map(|&n| EntryJson::new(catalog, progress, n))
            .collect(),
        edges: graph
            .edges
            .iter()
            .map(|&(from, to)| EdgeJson {
                from: &catalog.entries[from].id,
                to: &catalog.entries[to].id,
            })
            .collect(),
    };
    render::to_json(&value) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// t1: a -> b -> c, and a -> c; t2: d requires b.
    fn catalog() -> Catalog {
        let entry = |id: &str, track: &str, extra: &str| {
            format!(
                "[[entry]]\nid = \"{id}\"\nkind = \"paper\"\ntitle = \"{id}\"\ntrack = \"{track}\"\nurl = \"https://example.org/{id}\"\n{extra}\n"
            )
        };
        let text = format!(
            "format = 1\n[[track]]\nid = \"t1\"\ntitle = \"One\"\n[[track]]\nid = \"t2\"\ntitle = \"Two\"\n{}{}{}{}",
            entry("a", "t1", ""),
            entry("b", "t1", "requires = [\"a\"]"),
            entry("c", "t1", "requires = [\"a\", \"b\"]"),
            entry("d", "t2", "requires = [\"b\"]"),
        );
        crate::catalog::model::from_toml(&text)
    }

    fn ids(catalog: &Catalog, nodes: &[usize]) -> Vec<String> {
        nodes
            .iter()
            .map(|&n| catalog.entries[n].id.clone())
            .collect()
    }

    #[test]
    fn quotes_and_angle_brackets_cannot_break_dot_or_mermaid() {
        let text = r#"format = 1
[[track]]
id = "t"
title = "Say \"hi\" <b> #lt;i#gt;"
[[entry]]
id = "a"
kind = "paper"
title = "A \"quoted\" \\ title"
track = "t"
url = "https://example.org/a"
"#;
        let c = crate::catalog::model::from_toml(text);
        let graph = Graph::build(&c, &[]);
        let dot = dot(&c, &Progress::default(), &graph);
        assert!(
            dot.contains(r#"label="Say \"hi\" <b> #lt;i#gt;";"#),
            "{dot}"
        );
        assert!(dot.contains(r#"tooltip="A \"quoted\" \\ title""#), "{dot}");
        let mermaid = mermaid(&c, &Progress::default(), &graph);
        assert!(
            mermaid.contains(r#"t1["Say #quot;hi#quot; #lt;b#gt; #35;lt;i#35;gt;"]"#),
            "{mermaid}"
        );
    }

    #[test]
    fn a_mermaid_link_cannot_leave_its_string() {
        assert_eq!(
            mermaid_url("https://x.org/a\"b'<d>\\é`{}#f").as_deref(),
            Some("https://x.org/a%22b%27%3Cd%3E%5C%C3%A9%60%7B%7D#f")
        );
        assert_eq!(mermaid_url("https://x.org/a b"), None);
        assert_eq!(mermaid_url("javascript:alert(1)"), None);
    }

    #[test]
    fn a_track_brings_in_what_it_requires_from_other_tracks() {
        let c = catalog();
        let graph = Graph::build(&c, &["t2".into()]);
        assert_eq!(ids(&c, &graph.nodes), ["b", "d"]);
        assert_eq!(ids(&c, &graph.outside), ["b"]);
        assert_eq!(graph.edges.len(), 1);
    }

    #[test]
    fn the_text_tree_draws_a_shared_entry_once_in_full() {
        let c = catalog();
        let graph = Graph::build(&c, &[]);
        let style = Style {
            color: false,
            unicode: true,
            width: None,
        };
        let tree = text(&c, &Progress::default(), &graph, style);
        assert_eq!(
            tree,
            "a  todo\n├── b  todo\n│   ├── c  todo\n│   └── d  todo\n└── c  todo\n"
        );
        let ascii = Style {
            unicode: false,
            ..style
        };
        let tree = text(&c, &Progress::default(), &graph, ascii);
        assert_eq!(
            tree,
            "a  todo\n|-- b  todo\n|   |-- c  todo\n|   `-- d  todo\n`-- c  todo\n"
        );
    }
}
