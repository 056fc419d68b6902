//! One palette: DOT, Mermaid, the SVG graph and the roadmap page paint each status alike.

use std::collections::HashMap;

use crate::common::Lpath;

const PROGRESS: &str = r#"format = 1

[entry.attention-is-all-you-need]
status = "done"
changed = "2026-03-02T10:00:00Z"

[entry.bert]
status = "reading"
changed = "2026-03-03T08:00:00Z"

[entry.gopher]
status = "skipped"
changed = "2026-03-04T08:00:00Z"
"#;

const STATUSES: [&str; 4] = ["todo", "reading", "done", "skipped"];

/// (fill, outline) by status.
type Paints = HashMap<String, (String, String)>;

/// The top-level rules of a style sheet, as (selector, declarations by property); `@media`
/// blocks (the dark scheme, print) are left out, as the light scheme is what every format shares.
fn css_rules(css: &str) -> Vec<(String, HashMap<String, String>)> {
    let mut css = css.to_string();
    while let Some(start) = css.find("/*") {
        let end = css[start..].find("*/").map_or(css.len(), |e| start + e + 2);
        css.replace_range(start..end, "");
    }
    let mut rules = Vec::new();
    let mut rest = css.as_str();
    while let Some(open) = rest.find('{') {
        let selector = rest[..open].trim().to_string();
        // The block's end, braces counted.
        let mut depth = 0;
        let mut close = open;
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        if !selector.starts_with('@') {
            let declarations = rest[open + 1..close]
                .split(';')
                .filter_map(|d| d.split_once(':'))
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect();
            rules.push((selector, declarations));
        }
        rest = &rest[close + 1..];
    }
    rules
}

/// `property` of the first rule whose selector list holds `selector`, with `var(--x)` looked up
/// in `:root`.
fn css_value(
    rules: &[(String, HashMap<String, String>)],
    selector: &str,
    property: &str,
) -> String {
    let find = |selector: &str, property: &str| {
        rules
            .iter()
            .filter(|(s, _)| s.split(',').any(|s| s.trim() == selector))
            .find_map(|(_, d)| d.get(property).cloned())
            .unwrap_or_else(|| panic!("no `{selector} {{{property}}}`"))
    };
    let value = find(selector, property);
    match value.strip_prefix("var(").and_then(|v| v.strip_suffix(')')) {
        Some(variable) => find(":root", variable),
        None => value,
    }
}

fn style_of(text: &str) -> &str {
    let start = text.find("<style>").unwrap() + "<style>".len();
    let end = text.find("</style>").unwrap();
    &text[start..end]
}

fn learner() -> Lpath {
    let lp = Lpath::new();
    lp.write_progress(PROGRESS);
    lp
}

fn dot(lp: &Lpath) -> Paints {
    let text = lp.run(&["graph", "--format", "dot"]).success().stdout;
    let mut paints = Paints::new();
    for line in text.lines().filter(|l| l.contains("fillcolor=")) {
        let attribute = |name: &str| {
            let start = [format!("[{name}=\""), format!(" {name}=\"")]
                .iter()
                .find_map(|at| line.find(at.as_str()))
                .unwrap_or_else(|| panic!("no {name} in {line}"))
                + name.len()
                + 3;
            line[start..].split('"').next().unwrap().to_string()
        };
        // The label is `"id\nstatus"`.
        let label = attribute("label");
        let status = label.rsplit("\\n").next().unwrap().to_string();
        let paint = (attribute("fillcolor"), attribute("color"));
        let known = paints
            .entry(status.clone())
            .or_insert_with(|| paint.clone());
        assert_eq!(*known, paint, "DOT paints `{status}` two ways");
    }
    paints
}

fn mermaid(lp: &Lpath) -> Paints {
    let text = lp.run(&["graph", "--format", "mermaid"]).success().stdout;
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("classDef "))
        .map(|l| {
            let (status, style) = l.split_once(' ').unwrap();
            let style: HashMap<&str, &str> =
                style.split(',').filter_map(|p| p.split_once(':')).collect();
            (
                status.to_string(),
                (style["fill"].to_string(), style["stroke"].to_string()),
            )
        })
        .collect()
}

/// (fill, outline) of each status's node and the colour of its word and shape.
fn from_css(css: &str, prefix: &str) -> (Paints, HashMap<String, String>) {
    let rules = css_rules(css);
    let mut paints = Paints::new();
    let mut inks = HashMap::new();
    for status in STATUSES {
        let node = format!("{prefix}.node.{status} rect");
        paints.insert(
            status.to_string(),
            (
                css_value(&rules, &node, "fill"),
                css_value(&rules, &node, "stroke"),
            ),
        );
        inks.insert(
            status.to_string(),
            css_value(&rules, &format!(".{status}"), "color"),
        );
    }
    (paints, inks)
}

#[test]
fn dot_mermaid_svg_and_the_page_paint_each_status_alike() {
    let lp = learner();
    let dot = dot(&lp);
    let mermaid = mermaid(&lp);
    let svg = lp.run(&["graph", "--format", "svg"]).success().stdout;
    let (svg_paints, svg_inks) = from_css(style_of(&svg), "");
    let page = lp.run(&["export", "--format", "html"]).success().stdout;
    let (page_paints, page_inks) = from_css(style_of(&page), ".graph-drawing ");
    for status in STATUSES {
        let dot = &dot[status];
        assert_eq!(dot, &mermaid[status], "`{status}`: DOT and Mermaid differ");
        assert_eq!(
            dot, &svg_paints[status],
            "`{status}`: DOT and the SVG differ"
        );
        assert_eq!(
            dot, &page_paints[status],
            "`{status}`: DOT and the page differ"
        );
        assert_eq!(
            svg_inks[status], page_inks[status],
            "`{status}`: the SVG's and the page's word colours differ"
        );
        assert_ne!(dot.0, dot.1, "`{status}`: a fill and an outline apart");
    }
    // Skipped is one colour everywhere, and not the grey of todo.
    assert_ne!(dot["skipped"].1, dot["todo"].1);
    assert_eq!(svg_inks["skipped"], dot["skipped"].1);
}
