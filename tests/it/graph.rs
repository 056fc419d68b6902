//! `lpath graph`: the prerequisite graph as a tree, Graphviz DOT, Mermaid and JSON.

use std::collections::HashSet;
use std::process::Command;

use crate::common::{Lpath, have};

/// Every `requires` pair of the bundled catalog, as (prerequisite, entry).
fn requires_pairs(lp: &Lpath) -> HashSet<(String, String)> {
    let list = lp.run(&["list", "--json"]).success().json();
    list.as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            let id = e["id"].as_str().unwrap().to_string();
            e["requires"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |r| (r.as_str().unwrap().to_string(), id.clone()))
        })
        .collect()
}

/// `"a"` → `a`: the quoted strings of a DOT line, in order.
fn quoted(line: &str) -> Vec<String> {
    line.split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

#[test]
fn text_tree_shows_what_each_entry_leads_to_with_statuses() {
    let lp = Lpath::new();
    lp.run(&["done", "bahdanau-attention"]).success();
    let tree = lp.run(&["graph"]).success().stdout;
    assert!(
        tree.contains("bahdanau-attention  done\n└── attention-is-all-you-need  todo\n    ├── bert  todo\n    │   ├── raschka-book-ch16  todo\n"),
        "{tree}"
    );
    assert!(
        tree.contains(
            "a3c  todo\n├── ppo  todo\n│   ├── fine-tuning-human-preferences  todo  (see above)\n"
        ),
        "{tree}"
    );
    assert!(
        !tree.contains("bahdanau-attention-zhihu"),
        "companions are not prerequisites"
    );
}

#[test]
fn dot_is_well_formed_with_every_edge_between_declared_nodes() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let dot = lp.run(&["graph", "--format", "dot"]).success().stdout;
    assert!(
        dot.starts_with("digraph lpath {\n") && dot.ends_with("}\n"),
        "{dot}"
    );
    let outside_quotes: String = dot.split('"').step_by(2).collect();
    assert_eq!(
        outside_quotes.matches('{').count(),
        outside_quotes.matches('}').count(),
        "{dot}"
    );
    let mut declared = HashSet::new();
    let mut edges = HashSet::new();
    for line in dot.lines().map(str::trim) {
        if line.contains(" -> ") {
            let ids = quoted(line);
            assert_eq!(ids.len(), 2, "{line}");
            edges.insert((ids[0].clone(), ids[1].clone()));
        } else if line.contains("[label=") {
            declared.insert(quoted(line)[0].clone());
        }
    }
    for (from, to) in &edges {
        assert!(
            declared.contains(from) && declared.contains(to),
            "{from} -> {to}"
        );
    }
    assert_eq!(edges, requires_pairs(&lp));
    assert!(dot.contains("\"bert\" [label=\"bert\\ndone\""), "{dot}");
    assert!(dot.contains("subgraph \"cluster_foundations\""), "{dot}");
}

#[test]
fn dot_renders_with_graphviz_when_it_is_installed() {
    if !have("dot") {
        // An extra check where the tool happens to be installed; CI does not require it.
        crate::common::say_skipped("`dot` is not installed");
        return;
    }
    let lp = Lpath::new();
    let dot = lp
        .run(&["--lang", "zh", "graph", "--format", "dot"])
        .success()
        .stdout;
    let mut graphviz = Command::new("dot");
    graphviz.arg("-Tsvg");
    let out = crate::common::feed(graphviz, &dot);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
}

#[test]
fn mermaid_is_well_formed_with_safe_node_ids() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let mermaid = lp.run(&["graph", "--format", "mermaid"]).success().stdout;
    let mut lines = mermaid.lines().map(str::trim);
    assert_eq!(lines.next(), Some("graph TD"));
    let mut declared = HashSet::new();
    let mut open = 0;
    let mut edges = 0;
    let mut clicks = 0;
    for line in lines {
        if line.starts_with("subgraph ") {
            open += 1;
        } else if line == "end" {
            open -= 1;
        } else if let Some((from, to)) = line.split_once(" --> ") {
            assert!(declared.contains(from) && declared.contains(to), "{line}");
            edges += 1;
        } else if let Some(click) = line.strip_prefix("click ") {
            // `click n12 href "https://..." _blank`, after the node it names.
            let (id, rest) = click.split_once(' ').unwrap();
            assert!(declared.contains(id), "{line}");
            let url = rest
                .strip_prefix("href \"")
                .and_then(|r| r.strip_suffix("\" _blank"))
                .unwrap_or_else(|| panic!("{line}"));
            assert!(!url.contains('"') && url.starts_with("http"), "{line}");
            clicks += 1;
        } else if let Some((id, label)) = line.split_once('[') {
            assert!(
                id.starts_with('n') && id[1..].bytes().all(|b| b.is_ascii_digit()),
                "{line}"
            );
            assert!(label.starts_with('"') && label.ends_with("\"]"), "{line}");
            declared.insert(id.to_string());
        } else {
            assert!(
                line.starts_with("classDef ") || line.starts_with("class "),
                "{line}"
            );
        }
        assert!((0..=1).contains(&open), "{mermaid}");
    }
    assert_eq!(open, 0, "every subgraph ends");
    assert_eq!(edges, requires_pairs(&lp).len());
    assert_eq!(clicks, declared.len(), "every node links to its entry");
    assert!(mermaid.contains("[\"bert · done\"]"), "{mermaid}");
    assert!(
        mermaid.contains("class ") && mermaid.contains(" done\n"),
        "{mermaid}"
    );
}

#[test]
fn a_track_shows_its_entries_and_what_they_need_from_other_tracks() {
    let lp = Lpath::new();
    let json = lp
        .run(&["graph", "--track", "alignment", "--json"])
        .success()
        .json();
    let nodes = crate::common::ids(&json["nodes"]);
    assert!(nodes.contains(&"instructgpt".to_string()), "{nodes:?}");
    assert!(
        nodes.contains(&"gpt-3".to_string()),
        "a prerequisite from another track: {nodes:?}"
    );
    assert!(!nodes.contains(&"bert".to_string()), "{nodes:?}");
    for edge in json["edges"].as_array().unwrap() {
        for end in ["from", "to"] {
            assert!(
                nodes.contains(&edge[end].as_str().unwrap().to_string()),
                "{edge}"
            );
        }
    }
    let tree = lp.run(&["graph", "--track", "alignment"]).success().stdout;
    assert!(
        tree.contains("gpt-3  todo  (Architecture and tasks)"),
        "{tree}"
    );
}

#[test]
fn graph_speaks_chinese_with_lang_zh() {
    let lp = Lpath::new();
    lp.run(&["done", "bahdanau"]).success();
    let tree = lp.run(&["--lang", "zh", "graph"]).success().stdout;
    assert!(tree.contains("bahdanau-attention  已读"), "{tree}");
    let mermaid = lp
        .run(&["--lang", "zh", "graph", "--format", "mermaid"])
        .success()
        .stdout;
    assert!(
        mermaid.contains("[\"理解大语言模型的主要架构和任务\"]"),
        "{mermaid}"
    );
}

#[test]
fn an_unknown_track_is_a_usage_error() {
    let lp = Lpath::new();
    let run = lp.run(&["graph", "--track", "nope"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: unknown track `nope` for `--track`\n\
         hint: known tracks: start, foundations, scaling, rlhf, alignment, frontier\n"
    );
}

#[test]
fn the_graph_of_an_empty_path_says_the_path_is_empty() {
    let lp = Lpath::new();
    let run = lp.run(&["--no-bundled", "graph"]).success();
    assert!(
        run.stdout.starts_with("There is nothing on your path yet."),
        "{}",
        run.stdout
    );
    assert_eq!(
        lp.run(&["--no-bundled", "graph", "--json"])
            .success()
            .json()["nodes"],
        serde_json::json!([])
    );
}

#[test]
fn a_hostile_url_cannot_break_out_of_a_mermaid_click_link() {
    let lp = Lpath::new();
    let url = r#"https://evil.example/a"];click(n1)call(alert(1))%%<b>'`é{x}\y"#;
    let toml_url = url.replace('\\', "\\\\").replace('"', "\\\"");
    lp.write_catalog(
        "evil.toml",
        &crate::common::catalog("evil", &[("evil-link", &format!("url = \"{toml_url}\"\n"))])
            .replace("url = \"https://example.org/evil-link\"\n", ""),
    );
    let mermaid = lp
        .run(&["--no-bundled", "graph", "--format", "mermaid"])
        .success()
        .stdout;
    let clicks: Vec<&str> = mermaid
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("click "))
        .collect();
    assert_eq!(clicks.len(), 1, "{mermaid}");
    let line = clicks[0];
    assert_eq!(
        line.matches('"').count(),
        2,
        "one string, closed once: {line}"
    );
    let quoted = line.split('"').nth(1).unwrap();
    assert!(line.ends_with("\" _blank"), "{line}");
    // Percent-decoded, the link is the catalog's URL again.
    let mut bytes = Vec::new();
    let raw = quoted.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        if let (b'%', Some(byte)) = (raw[i], hex) {
            bytes.push(byte);
            i += 3;
            continue;
        }
        bytes.push(raw[i]);
        i += 1;
    }
    assert!(
        quoted
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"\"'<>`\\".contains(&b)),
        "{quoted}"
    );
    assert_eq!(String::from_utf8(bytes).unwrap(), url);
}
