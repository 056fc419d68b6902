//! `lpath graph --format svg`: a standalone picture of the prerequisite graph, read back as XML:
//! every node linked and placed after what it requires, statuses shown, catalog text escaped.

use std::collections::HashMap;

use crate::common::Lpath;
use roxmltree::{Document, Node};

fn svg(lp: &Lpath, extra: &[&str]) -> String {
    let mut args = vec!["graph", "--format", "svg"];
    args.extend_from_slice(extra);
    lp.run(&args).success().stdout
}

fn parse(text: &str) -> Document<'_> {
    Document::parse(text).unwrap_or_else(|e| panic!("the SVG is not well-formed: {e}"))
}

fn class_has(node: Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

/// Each node by entry id: its element (a link, or a group without a URL).
fn nodes<'a>(doc: &'a Document) -> HashMap<String, Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| class_has(*n, "node"))
        .map(|n| {
            let id = n.attribute("id").unwrap().strip_prefix("n-").unwrap();
            (id.to_string(), n)
        })
        .collect()
}

/// Where a node's box is: (x, y).
fn place(node: Node) -> (f64, f64) {
    let rect = node.children().find(|n| n.has_tag_name("rect")).unwrap();
    let num = |name| rect.attribute(name).unwrap().parse::<f64>().unwrap();
    (num("x"), num("y"))
}

fn text_of(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn the_svg_is_standalone_with_a_linked_node_per_graph_node() {
    let lp = Lpath::new();
    let text = svg(&lp, &[]);
    let doc = parse(&text);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let json = lp.run(&["graph", "--json"]).success().json();
    let nodes = nodes(&doc);
    assert_eq!(nodes.len(), json["nodes"].as_array().unwrap().len());
    for node in json["nodes"].as_array().unwrap() {
        let id = node["id"].as_str().unwrap();
        let drawn = nodes
            .get(id)
            .unwrap_or_else(|| panic!("`{id}` is not drawn"));
        assert!(drawn.has_tag_name("a"), "`{id}` is a link");
        assert_eq!(drawn.attribute("href"), node["url"].as_str(), "{id}");
    }
    assert!(
        !doc.descendants()
            .any(|n| ["script", "image", "foreignObject"].contains(&n.tag_name().name())),
        "nothing to run or fetch"
    );
}

#[test]
fn prerequisites_are_left_of_what_they_unlock() {
    let lp = Lpath::new();
    let text = svg(&lp, &[]);
    let doc = parse(&text);
    let nodes = nodes(&doc);
    let json = lp.run(&["graph", "--json"]).success().json();
    let edges = json["edges"].as_array().unwrap();
    assert!(edges.len() > 10);
    let drawn = doc.descendants().filter(|n| class_has(*n, "edge")).count();
    assert_eq!(drawn, edges.len(), "one arrow per edge");
    for edge in edges {
        let (from, to) = (edge["from"].as_str().unwrap(), edge["to"].as_str().unwrap());
        let (x1, _) = place(nodes[from]);
        let (x2, _) = place(nodes[to]);
        assert!(x1 < x2, "`{from}` ({x1}) is left of `{to}` ({x2})");
    }
    // No two boxes overlap.
    let boxes: Vec<(f64, f64)> = nodes.values().map(|n| place(*n)).collect();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(a != b, "two nodes at {a:?}");
        }
    }
}

#[test]
fn statuses_are_shown_by_class_shape_and_word() {
    let lp = Lpath::new();
    lp.run(&["done", "bahdanau-attention"]).success();
    lp.run(&["start", "attention-is-all-you-need"]).success();
    lp.run(&["skip", "gopher"]).success();
    let text = svg(&lp, &[]);
    let doc = parse(&text);
    let nodes = nodes(&doc);
    for (id, status) in [
        ("bahdanau-attention", "done"),
        ("attention-is-all-you-need", "reading"),
        ("gopher", "skipped"),
        ("bert", "todo"),
    ] {
        let node = nodes[id];
        assert!(class_has(node, status), "`{id}` is {status}");
        let sub = node
            .children()
            .find(|n| class_has(*n, "sub"))
            .expect("a line under the title");
        assert!(
            text_of(sub).ends_with(&format!(" · {status}")),
            "the status word is never cut: {}",
            text_of(sub)
        );
        let shape = node
            .children()
            .find(|n| n.has_tag_name("g"))
            .expect("a status shape");
        assert!(class_has(shape, status));
    }
    // A legend names every status.
    let legend: String = text_of(doc.root_element());
    for word in ["todo", "reading", "done", "skipped"] {
        assert!(legend.contains(word));
    }
}

#[test]
fn a_track_brings_in_its_prerequisites_dashed() {
    let lp = Lpath::new();
    let text = svg(&lp, &["--track", "alignment"]);
    let doc = parse(&text);
    let nodes = nodes(&doc);
    let instructgpt = nodes.get("instructgpt").expect("alignment's own node");
    assert!(!class_has(*instructgpt, "outside"));
    let gpt3 = nodes
        .get("gpt-3")
        .expect("what it requires from another track");
    assert!(class_has(*gpt3, "outside"));
}

#[test]
fn chinese_words_in_the_chinese_graph() {
    let lp = Lpath::new();
    let text = svg(&lp, &["--lang", "zh"]);
    let doc = parse(&text);
    assert!(text_of(doc.root_element()).contains("先修关系图"));
    assert!(text_of(nodes(&doc)["bert"]).contains("bert · 未读"));
}

#[test]
fn catalog_text_is_escaped_in_the_svg() {
    let lp = Lpath::new();
    lp.write_catalog(
        "evil.toml",
        r#"format = 1
[[track]]
id = "evil"
title = "Evil"
[[entry]]
id = "evil-a"
kind = "blog"
title = "<script>alert(1)</script> & </text>"
track = "evil"
url = "https://example.org/\"><script>alert(2)</script>"
[[entry]]
id = "evil-b"
kind = "blog"
title = "B"
track = "evil"
url = "https://example.org/b"
requires = ["evil-a"]
"#,
    );
    let text = svg(&lp, &["--track", "evil"]);
    let doc = parse(&text);
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    let node = nodes(&doc)["evil-a"];
    assert_eq!(
        node.attribute("href"),
        Some("https://example.org/\"><script>alert(2)</script>")
    );
    let tooltip = node.children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(
        text_of(tooltip),
        "<script>alert(1)</script> & </text> (todo)"
    );
}

/// A box: left, top, right, bottom.
type Rect = (f64, f64, f64, f64);

/// An edge: from, to, and the points it passes through.
type Polyline = (String, String, Vec<(f64, f64)>);

/// Every edge of the SVG as (from, to, the polyline it follows): `M`, `L` and `C` commands, each
/// cubic curve sampled finely enough that a box it passes behind is met by a sampled segment.
fn edge_polylines(doc: &Document) -> Vec<Polyline> {
    doc.descendants()
        .filter(|n| class_has(*n, "edge"))
        .map(|edge| {
            let d = edge.attribute("d").unwrap();
            let mut numbers: Vec<f64> = Vec::new();
            let mut commands: Vec<(char, Vec<f64>)> = Vec::new();
            let mut number = String::new();
            let flush = |number: &mut String, numbers: &mut Vec<f64>| {
                if !number.is_empty() {
                    numbers.push(number.parse().unwrap());
                    number.clear();
                }
            };
            for c in d.chars().chain(std::iter::once('Z')) {
                if c.is_ascii_alphabetic() {
                    flush(&mut number, &mut numbers);
                    if let Some((_, args)) = commands.last_mut() {
                        args.append(&mut numbers);
                    }
                    commands.push((c, Vec::new()));
                } else if c == ' ' || c == ',' {
                    flush(&mut number, &mut numbers);
                } else {
                    number.push(c);
                }
            }
            let mut points: Vec<(f64, f64)> = Vec::new();
            for (command, args) in commands {
                match command {
                    'M' | 'L' => points.push((args[0], args[1])),
                    'C' => {
                        let p0 = *points.last().unwrap();
                        let [x1, y1, x2, y2, x3, y3] = args[..] else {
                            panic!("C takes 6 numbers: {d}");
                        };
                        for step in 1..=200 {
                            let t = f64::from(step) / 200.0;
                            let u = 1.0 - t;
                            let x = u * u * u * p0.0
                                + 3.0 * u * u * t * x1
                                + 3.0 * u * t * t * x2
                                + t * t * t * x3;
                            let y = u * u * u * p0.1
                                + 3.0 * u * u * t * y1
                                + 3.0 * u * t * t * y2
                                + t * t * t * y3;
                            points.push((x, y));
                        }
                    }
                    'Z' => {}
                    other => panic!("unexpected path command {other} in {d}"),
                }
            }
            let from = edge.attribute("data-from").unwrap().to_string();
            let to = edge.attribute("data-to").unwrap().to_string();
            (from, to, points)
        })
        .collect()
}

/// Whether the segment from `a` to `b` enters the inside of `rect` (Liang–Barsky clipping).
fn crosses(a: (f64, f64), b: (f64, f64), rect: Rect) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - rect.0),
        (dx, rect.2 - a.0),
        (-dy, a.1 - rect.1),
        (dy, rect.3 - a.1),
    ] {
        if p == 0.0 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

/// Each edge of `text` that passes behind a box other than its own two ends, as words.
fn edges_behind_boxes(text: &str) -> Vec<String> {
    let doc = parse(text);
    // Boxes a little smaller than drawn, so that an edge leaving or reaching a box's side is
    // not counted as entering it.
    let boxes: Vec<(String, Rect)> = nodes(&doc)
        .into_iter()
        .map(|(id, node)| {
            let rect = node.children().find(|n| n.has_tag_name("rect")).unwrap();
            let num = |name| rect.attribute(name).unwrap().parse::<f64>().unwrap();
            let (x, y, w, h) = (num("x"), num("y"), num("width"), num("height"));
            (id, (x + 0.5, y + 0.5, x + w - 0.5, y + h - 0.5))
        })
        .collect();
    let mut found = Vec::new();
    for (from, to, points) in edge_polylines(&doc) {
        for (id, rect) in &boxes {
            if *id == from || *id == to {
                continue;
            }
            if points.windows(2).any(|w| crosses(w[0], w[1], *rect)) {
                found.push(format!("{from} -> {to} passes behind {id}"));
            }
        }
    }
    found
}

#[test]
fn no_edge_passes_behind_a_node_in_the_bundled_graph() {
    let lp = Lpath::new();
    let text = svg(&lp, &[]);
    assert!(
        text.contains("edge long"),
        "the bundled graph has edges that skip columns"
    );
    assert_eq!(edges_behind_boxes(&text), Vec::<String>::new());
}

#[test]
fn no_edge_passes_behind_a_node_in_a_generated_graph() {
    let lp = Lpath::new();
    // 80 entries, each requiring up to three earlier ones picked by a fixed pseudo-random
    // sequence: many edges skip columns, from many entries.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |below: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % below as u64) as usize
    };
    let ids: Vec<String> = (0..80).map(|i| format!("gen-{i}")).collect();
    let extras: Vec<String> = (0..80)
        .map(|i| {
            if i == 0 {
                return String::new();
            }
            let mut requires: Vec<String> =
                (0..3).map(|_| format!("\"{}\"", ids[next(i)])).collect();
            requires.sort();
            requires.dedup();
            format!("requires = [{}]\n", requires.join(", "))
        })
        .collect();
    let entries: Vec<(&str, &str)> = ids
        .iter()
        .zip(&extras)
        .map(|(id, extra)| (id.as_str(), extra.as_str()))
        .collect();
    lp.write_catalog("gen.toml", &crate::common::catalog("gen", &entries));
    let text = svg(&lp, &["--no-bundled"]);
    assert!(
        text.contains("edge long"),
        "the generated graph has edges that skip columns"
    );
    assert_eq!(edges_behind_boxes(&text), Vec::<String>::new());
    let doc = parse(&text);
    assert_eq!(nodes(&doc).len(), 80);
}
