//! `lpath export --format html`: the roadmap page, read back as XML: well-formed, every entry on
//! it with the right status, figures as `stats` counts them, nothing fetched, nothing injected.

use crate::common::Lpath;
use roxmltree::{Document, Node};

const NOW: &str = "2026-03-05T12:00:00Z";

fn learner() -> Lpath {
    let lp = Lpath::new();
    lp.write_progress(crate::common::LEARNER);
    lp
}

fn page(lp: &Lpath, extra: &[&str]) -> String {
    let mut args = vec!["export", "--format", "html"];
    args.extend_from_slice(extra);
    lp.run_at(NOW, &args).success().stdout
}

/// The page as XML: it is written as XHTML-compatible HTML, so an XML parser reads it strictly.
fn parse(html: &str) -> Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    Document::parse_with_options(html, options)
        .unwrap_or_else(|e| panic!("the page is not well-formed: {e}"))
}

fn has_class(node: Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

fn text_of(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// The card (or companion line) of entry `id`.
fn card<'a>(doc: &'a Document, id: &str) -> Node<'a, 'a> {
    let wanted = format!("e-{id}");
    doc.descendants()
        .find(|n| n.attribute("id") == Some(wanted.as_str()))
        .unwrap_or_else(|| panic!("no card for `{id}`"))
}

/// The ids of every card and companion line, in page order.
fn entry_ids(doc: &Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("li") && (has_class(*n, "card") || has_class(*n, "companion")))
        .filter_map(|n| n.attribute("id")?.strip_prefix("e-").map(str::to_string))
        .collect()
}

fn figures_text(section: Node) -> String {
    let p = section
        .children()
        .find(|n| has_class(*n, "figures"))
        .expect("figures under the bar");
    text_of(p)
}

#[test]
fn the_page_is_well_formed_and_shows_every_entry_of_the_path() {
    let lp = learner();
    let html = page(&lp, &[]);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{html}"
    );
    let doc = parse(&html);
    let mut shown = entry_ids(&doc);
    let mut listed = crate::common::ids(&lp.run(&["list", "--json"]).success().json());
    assert_eq!(shown.len(), listed.len(), "every entry once: {shown:?}");
    shown.sort();
    listed.sort();
    assert_eq!(shown, listed);
}

#[test]
fn nothing_on_the_page_is_fetched_and_no_script_runs() {
    let lp = learner();
    let html = page(&lp, &["--notes"]);
    let doc = parse(&html);
    assert!(
        html.contains("class=\"graph-drawing\""),
        "the graph is on the page too"
    );
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name();
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "image", "use"
            ]
            .contains(&tag),
            "<{tag}> on the page"
        );
        for attr in node.attributes() {
            assert!(!attr.name().starts_with("on"), "event handler {attr:?}");
            assert_ne!(attr.name(), "src", "{attr:?}");
            // The graph's arrows point within the page; nothing else refers anywhere.
            if let Some(at) = attr.value().find("url(") {
                assert!(attr.value()[at..].starts_with("url(#"), "{attr:?}");
            }
            if attr.name() == "href" {
                let value = attr.value();
                let web = value.starts_with("https://") || value.starts_with("http://");
                assert!(value.starts_with('#') || (web && tag == "a"), "{attr:?}");
            }
        }
    }
    let style = doc
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .and_then(|n| n.text())
        .expect("inline CSS");
    assert!(
        !style.contains("url(") && !style.contains("@import"),
        "{style}"
    );
    assert!(
        html.contains(r#"content="default-src 'none'; style-src 'unsafe-inline'""#),
        "the page tells the browser to fetch nothing"
    );
}

#[test]
fn each_card_shows_its_state_by_word_shape_and_class() {
    let lp = learner();
    let html = page(&lp, &[]);
    let doc = parse(&html);
    let cards = [
        ("attention-is-all-you-need", "done"),
        ("bert", "reading"),
        ("gopher", "skipped"),
        ("illustrated-transformer", "ready"),
        ("roberta", "waiting"),
    ];
    for (id, state) in cards {
        let card = card(&doc, id);
        assert!(has_class(card, state), "`{id}` is {state}");
        let badge = card
            .children()
            .find(|n| has_class(*n, "status"))
            .expect("a status line");
        assert!(
            text_of(badge).starts_with(state),
            "`{id}`: {}",
            text_of(badge)
        );
        let icon = badge
            .children()
            .find(|n| n.has_tag_name("svg"))
            .expect("a state shape");
        assert_eq!(
            icon.attribute("aria-hidden"),
            Some("true"),
            "the word is read out"
        );
    }
    // Each state has its own shape, so the page reads in greyscale.
    let shapes: std::collections::HashSet<String> = cards
        .iter()
        .map(|(id, _)| {
            let svg = card(&doc, id)
                .descendants()
                .find(|n| n.has_tag_name("svg"))
                .unwrap();
            html[svg.range()].to_string()
        })
        .collect();
    assert_eq!(shapes.len(), 5, "five different shapes");
    // And its own border, which print keeps.
    for state in ["ready", "waiting", "reading", "done", "skipped"] {
        assert!(
            html.contains(&format!(".card.{state}{{")),
            "a style for {state}"
        );
    }
}

#[test]
fn cards_carry_title_link_facts_summary_companions_and_prerequisites() {
    let lp = learner();
    let html = page(&lp, &[]);
    let doc = parse(&html);
    let attention = card(&doc, "attention-is-all-you-need");
    let link = attention
        .descendants()
        .find(|n| n.has_tag_name("a") && n.parent().is_some_and(|p| p.has_tag_name("h3")))
        .expect("a linked title");
    assert_eq!(
        link.attribute("href"),
        Some("https://arxiv.org/abs/1706.03762")
    );
    assert_eq!(text_of(link), "Attention Is All You Need");
    let text = text_of(attention);
    for fact in ["paper", "2017", "Vaswani et al.", "~1 h 30 min"] {
        assert!(text.contains(fact), "`{fact}` on the card: {text}");
    }
    assert!(
        text.contains(
            "Requires Neural Machine Translation by Jointly Learning to Align and Translate"
        ),
        "{text}"
    );
    assert!(text.contains("Unlocks"), "{text}");
    let summary = attention
        .children()
        .find(|n| has_class(*n, "summary"))
        .expect("a summary");
    assert!(!text_of(summary).is_empty());
    // The prerequisite links to its card on the page, its id in the tooltip.
    let required = attention
        .descendants()
        .find(|n| n.has_tag_name("a") && has_class(*n, "ref"))
        .unwrap();
    assert_eq!(required.attribute("href"), Some("#e-bahdanau-attention"));
    assert_eq!(required.attribute("title"), Some("bahdanau-attention"));
    // Companions sit on the card of the entry they explain, with their label.
    let companions = attention
        .children()
        .find(|n| has_class(*n, "companions"))
        .expect("companions on the card");
    let lines: Vec<String> = companions
        .children()
        .filter(|n| n.is_element())
        .map(text_of)
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("paper walkthrough") && l.contains("Zhihu")),
        "{lines:?}"
    );
}

#[test]
fn track_and_overall_figures_are_the_ones_stats_computes() {
    let lp = learner();
    let html = page(&lp, &[]);
    let doc = parse(&html);
    let stats = lp.run_at(NOW, &["stats", "--json"]).success().json();
    let expected = |f: &serde_json::Value| {
        format!(
            "{}/{} read · {} skipped · {}% covered",
            f["done"], f["total"], f["skipped"], f["percent_covered"]
        )
    };
    let overall = doc
        .descendants()
        .find(|n| has_class(*n, "overall"))
        .expect("an overall bar on top");
    assert!(
        figures_text(overall).starts_with(&expected(&stats["overall"])),
        "{}",
        figures_text(overall)
    );
    for track in stats["tracks"].as_array().unwrap() {
        let id = format!("track-{}", track["id"].as_str().unwrap());
        let section = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(id.as_str()))
            .unwrap_or_else(|| panic!("no section {id}"));
        let heading = section.children().find(|n| n.has_tag_name("h2")).unwrap();
        assert_eq!(text_of(heading), track["title"].as_str().unwrap());
        assert!(
            figures_text(section).starts_with(&expected(track)),
            "{id}: {}",
            figures_text(section)
        );
    }
    // Tracks in path order, as `stats` lists them.
    let order: Vec<&str> = doc
        .descendants()
        .filter(|n| has_class(*n, "track"))
        .filter_map(|n| n.attribute("id")?.strip_prefix("track-"))
        .collect();
    let expected: Vec<&str> = stats["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(order, expected);
}

#[test]
fn filters_choose_the_cards_as_in_the_other_exports() {
    let lp = learner();
    let html = page(&lp, &["--status", "done,reading"]);
    let doc = parse(&html);
    assert_eq!(
        entry_ids(&doc),
        ["bahdanau-attention", "attention-is-all-you-need", "bert"]
    );
    let html = page(&lp, &["--track", "scaling", "--status", "skipped"]);
    let doc = parse(&html);
    assert_eq!(entry_ids(&doc), ["gopher"]);
    let sections: Vec<_> = doc
        .descendants()
        .filter(|n| has_class(*n, "track"))
        .collect();
    assert_eq!(sections.len(), 1);
    lp.run(&["export", "--format", "html", "--track", "nope"])
        .failure(2);
}

#[test]
fn notes_are_left_out_unless_asked_for() {
    let lp = learner();
    assert!(!page(&lp, &[]).contains("finally clicked"));
    let html = page(&lp, &["--notes"]);
    let doc = parse(&html);
    let notes = card(&doc, "attention-is-all-you-need")
        .children()
        .find(|n| has_class(*n, "notes"))
        .expect("notes on the card");
    assert_eq!(
        text_of(notes),
        "2026-03-02 Multi-head attention finally clicked."
    );
}

#[test]
fn the_page_says_when_it_was_made() {
    let lp = learner();
    assert!(page(&lp, &[]).contains("Made on 2026-03-05 with lpath"));
}

#[test]
fn chinese_page_has_chinese_titles_words_and_summaries() {
    let lp = learner();
    let html = page(&lp, &["--lang", "zh"]);
    let doc = parse(&html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hans\">"));
    assert!(html.contains("由 lpath 生成于 2026年3月5日"), "{html}");
    let section = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("track-foundations"))
        .unwrap();
    assert_eq!(
        text_of(section.children().find(|n| n.has_tag_name("h2")).unwrap()),
        "理解大语言模型的主要架构和任务"
    );
    let attention = text_of(card(&doc, "attention-is-all-you-need"));
    assert!(
        attention.contains("已读") && attention.contains("论文"),
        "{attention}"
    );
    assert!(attention.contains("前置"), "{attention}");
    assert!(
        attention.contains("论文解读"),
        "a companion's label: {attention}"
    );
    // The fonts are the system's: a font-family stack, nothing bundled or fetched.
    assert!(html.contains("\"Noto Sans CJK SC\"") && !html.contains("@font-face"));
}

#[test]
fn written_to_a_file_with_dash_o() {
    let lp = learner();
    let path = lp.root().join("path.html");
    lp.run_at(
        NOW,
        &["export", "--format", "html", "-o", path.to_str().unwrap()],
    )
    .success()
    .stdout_has("wrote");
    let html = std::fs::read_to_string(&path).unwrap();
    parse(&html);
    assert_eq!(html, page(&lp, &[]));
}

const HOSTILE: &str = r#"format = 1

[[track]]
id = "evil"
title = "<i>Track</i> & co"

[[entry]]
id = "evil-title"
kind = "blog"
title = "<script>alert(1)</script>"
track = "evil"
url = "https://example.org/\"><script>alert(2)</script>"
summary = "</p><img src=x onerror=alert(3)>"
authors = ["<b>Mallory</b>"]

[[entry]]
id = "evil-companion"
kind = "blog"
title = "Companion ' \" &amp;"
track = "evil"
url = "https://example.org/c?a=1&b=2"
companion_of = "evil-title"
label = "<u>label</u>"
"#;

#[test]
fn untrusted_text_is_escaped_and_never_becomes_markup() {
    let lp = Lpath::new();
    lp.write_catalog("evil.toml", HOSTILE);
    lp.run(&["note", "evil-title", "<script>alert(4)</script>"])
        .success();
    let html = page(&lp, &["--track", "evil", "--notes"]);
    let doc = parse(&html);
    assert!(
        doc.descendants()
            .filter(|n| n.is_element())
            .all(|n| !["script", "img", "b", "i", "u"].contains(&n.tag_name().name())),
        "no element came from catalog text:\n{html}"
    );
    let card = card(&doc, "evil-title");
    let title = card.descendants().find(|n| n.has_tag_name("h3")).unwrap();
    assert_eq!(text_of(title), "<script>alert(1)</script>");
    let link = title.children().find(|n| n.has_tag_name("a")).unwrap();
    assert_eq!(
        link.attribute("href"),
        Some("https://example.org/\"><script>alert(2)</script>")
    );
    assert!(text_of(card).contains("</p><img src=x onerror=alert(3)>"));
    assert!(text_of(card).contains("<script>alert(4)</script>"));
    assert!(text_of(card).contains("<u>label</u>"));
    assert!(text_of(card).contains("Companion ' \" &amp;"));
    let heading = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("h-evil"))
        .unwrap();
    assert_eq!(text_of(heading), "<i>Track</i> & co");
    // Every live link is a web address or a jump within the page.
    for a in doc.descendants().filter(|n| n.has_tag_name("a")) {
        let href = a.attribute("href").unwrap_or("");
        assert!(
            href.starts_with("https://") || href.starts_with("http://") || href.starts_with('#'),
            "{href}"
        );
    }
}

#[test]
fn a_javascript_url_never_reaches_the_page() {
    let lp = Lpath::new();
    lp.write_catalog(
        "evil.toml",
        &crate::common::catalog("evil", &[("x", "")])
            .replace("https://example.org/x", "javascript:alert(1)"),
    );
    // The file is refused whole: left out of the page, with a warning.
    let run = lp.run(&["export", "--format", "html"]).success();
    run.stderr_has("left out catalog.d/evil.toml");
    assert!(!run.stdout.contains("javascript:"), "{}", run.stdout);
    parse(&run.stdout);
}

/// The block of CSS that opens with `head` (up to its matching brace), without `head`.
fn css_block<'a>(html: &'a str, head: &str) -> &'a str {
    let start = html
        .find(head)
        .unwrap_or_else(|| panic!("no `{head}` on the page"))
        + head.len();
    let mut depth = 1;
    for (at, c) in html[start..].char_indices() {
        depth += match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        };
        if depth == 0 {
            return &html[start..start + at];
        }
    }
    panic!("`{head}` is never closed");
}

/// The custom properties a block sets, `--name` to value.
fn colours(css: &str) -> std::collections::BTreeMap<&str, &str> {
    css.split(['{', ';', '}'])
        .filter_map(|part| part.trim().split_once(':'))
        .filter(|(name, _)| name.starts_with("--"))
        .map(|(name, value)| (name, value.trim()))
        .collect()
}

#[test]
fn in_the_dark_every_colour_changes_in_print_the_page_is_ink_on_white_and_it_fits_a_phone() {
    let lp = learner();
    let html = page(&lp, &[]);
    let light = colours(css_block(&html, ":root{"));
    let dark = colours(css_block(&html, "@media (prefers-color-scheme:dark){"));
    assert!(light.len() >= 10, "{light:?}");
    assert_eq!(
        light.keys().collect::<Vec<_>>(),
        dark.keys().collect::<Vec<_>>(),
        "the dark scheme sets every colour"
    );
    for (name, value) in &light {
        assert_ne!(dark[name], *value, "`{name}` is the same in the dark");
    }
    let print = colours(css_block(&html, "@media print{"));
    assert_eq!(print.get("--bg"), Some(&"#fff"));
    assert_eq!(print.get("--card"), Some(&"#fff"));
    assert_eq!(print.get("--ink"), Some(&"#000"));
    // A phone lays the page out at its own width (the viewport), cards one to a row; the
    // page's width at 360 px is measured in a browser by roadmap_browser.rs.
    assert!(html.contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\""));
    assert!(html.contains("minmax(min(100%,300px),1fr)"));
}

#[test]
fn an_empty_page_says_why() {
    let lp = learner();
    let html = page(&lp, &["--status", "reading", "--track", "start"]);
    let doc = parse(&html);
    assert!(entry_ids(&doc).is_empty());
    assert!(html.contains("No entry matches these filters."));
    let html = page(&lp, &["--no-bundled"]);
    assert!(
        html.contains("There is nothing on your path yet."),
        "{html}"
    );
}

/// Each entry's state as the page should show it, worked out here from `list --json`: a todo
/// entry is ready when everything it requires is done or skipped, else it waits.
fn expected_states(list: &serde_json::Value) -> std::collections::BTreeMap<String, String> {
    let entries = list.as_array().unwrap();
    let status = |id: &str| {
        entries
            .iter()
            .find(|e| e["id"] == id)
            .map_or("todo", |e| e["status"].as_str().unwrap())
    };
    entries
        .iter()
        .map(|e| {
            let state = match e["status"].as_str().unwrap() {
                "todo" => {
                    let covered = e["requires"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|r| matches!(status(r.as_str().unwrap()), "done" | "skipped"));
                    if covered { "ready" } else { "waiting" }
                }
                other => other,
            };
            (e["id"].as_str().unwrap().to_string(), state.to_string())
        })
        .collect()
}

/// The direct `.word` child text of a card's status line or a companion line.
fn state_word(node: Node) -> String {
    let holder = node
        .children()
        .find(|n| has_class(*n, "status"))
        .unwrap_or(node);
    holder
        .children()
        .find(|n| has_class(*n, "word"))
        .map(text_of)
        .unwrap_or_default()
}

/// The ids the chips of a `p.links.{what}` line name (their tooltips), in order.
fn chip_ids(node: Node, what: &str) -> Vec<String> {
    node.children()
        .find(|n| has_class(*n, "links") && has_class(*n, what))
        .map(|line| {
            line.children()
                .filter(|n| has_class(*n, "ref"))
                .map(|n| n.attribute("title").unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_card_state_class_and_word_agree_with_list_json() {
    let lp = learner();
    for lang in ["en", "zh"] {
        let html = page(&lp, &["--lang", lang]);
        let doc = parse(&html);
        let list = lp.run(&["list", "--json"]).success().json();
        let expected = expected_states(&list);
        let words: std::collections::BTreeMap<&str, &str> = if lang == "en" {
            [
                ("ready", "ready"),
                ("waiting", "waiting"),
                ("reading", "reading"),
                ("done", "done"),
                ("skipped", "skipped"),
            ]
            .into()
        } else {
            [
                ("ready", "可以读"),
                ("waiting", "等待前置"),
                ("reading", "在读"),
                ("done", "已读"),
                ("skipped", "跳过"),
            ]
            .into()
        };
        let mut seen = 0;
        for node in doc.descendants().filter(|n| {
            n.has_tag_name("li") && (has_class(*n, "card") || has_class(*n, "companion"))
        }) {
            let id = node.attribute("id").unwrap().strip_prefix("e-").unwrap();
            let state = &expected[id];
            assert!(
                has_class(node, state),
                "`{id}` is {state}: {:?}",
                node.attribute("class")
            );
            for other in words.keys().filter(|s| **s != state) {
                assert!(!has_class(node, other), "`{id}` is {state}, not {other}");
            }
            assert_eq!(state_word(node), words[state.as_str()], "`{id}`");
            seen += 1;
        }
        assert_eq!(seen, expected.len(), "every entry has a card or a line");
        // The graph's nodes show the same states.
        let nodes: Vec<Node> = doc
            .descendants()
            .filter(|n| has_class(*n, "node"))
            .collect();
        assert!(nodes.len() > 50);
        for node in nodes {
            let id = node.attribute("id").unwrap().strip_prefix("n-").unwrap();
            assert!(
                has_class(node, &expected[id]),
                "node `{id}` is {}",
                expected[id]
            );
        }
    }
}

#[test]
fn a_waiting_card_names_what_it_waits_for_by_title() {
    let lp = learner();
    let html = page(&lp, &[]);
    let doc = parse(&html);
    let list = lp.run(&["list", "--json"]).success().json();
    let expected = expected_states(&list);
    let mut waiting = 0;
    for e in list.as_array().unwrap() {
        let id = e["id"].as_str().unwrap();
        let node = card(&doc, id);
        let unread: Vec<String> = e["requires"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .filter(|r| !matches!(expected[r].as_str(), "done" | "skipped"))
            .collect();
        if expected[id] == "waiting" {
            waiting += 1;
            assert!(!unread.is_empty());
            assert_eq!(chip_ids(node, "waiting_for"), unread, "`{id}`");
            // "Requires" then lists the rest: each prerequisite is named once.
            let rest: Vec<String> = e["requires"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap().to_string())
                .filter(|r| !unread.contains(r))
                .collect();
            assert_eq!(chip_ids(node, "requires"), rest, "`{id}`");
            // By title: each chip says the title of the entry it names.
            let line = node
                .children()
                .find(|n| has_class(*n, "waiting_for"))
                .unwrap();
            for chip in line.children().filter(|n| has_class(*n, "ref")) {
                let named = crate::common::by_id(&list, chip.attribute("title").unwrap());
                assert_eq!(text_of(chip), named["title"].as_str().unwrap());
            }
        } else {
            assert!(
                chip_ids(node, "waiting_for").is_empty(),
                "`{id}` waits for nothing"
            );
        }
    }
    assert!(waiting > 10, "the learner has entries that wait: {waiting}");
}

/// The ids of the "up next" list, in order, each with the ids of its way in.
fn up_next(doc: &Document) -> Vec<(String, Vec<String>)> {
    let section = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("next"))
        .expect("an up-next section");
    section
        .descendants()
        .filter(|n| has_class(*n, "step"))
        .map(|n| {
            (
                n.attribute("data-entry").unwrap().to_string(),
                chip_ids(n, "way_in"),
            )
        })
        .collect()
}

fn next_json(lp: &Lpath, extra: &[&str]) -> Vec<(String, Vec<String>)> {
    let mut args = vec!["next", "--json"];
    args.extend_from_slice(extra);
    lp.run(&args)
        .success()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                crate::common::ids(&s["companions"]),
            )
        })
        .collect()
}

#[test]
fn up_next_is_what_next_suggests_in_its_order_with_the_way_in() {
    let lp = Lpath::new();
    // A new learner, then the learner of the other tests, then one further along.
    for progress in [None, Some(crate::common::LEARNER)] {
        if let Some(text) = progress {
            lp.write_progress(text);
        }
        let doc_html = page(&lp, &[]);
        let doc = parse(&doc_html);
        let expected = next_json(&lp, &[]);
        assert!(!expected.is_empty());
        assert_eq!(up_next(&doc), expected);
        let html = page(&lp, &["--track", "scaling"]);
        assert_eq!(
            up_next(&parse(&html)),
            next_json(&lp, &["--track", "scaling"])
        );
    }
    lp.run(&["done", "illustrated-transformer", "csdn-20-papers"])
        .success();
    lp.run(&["start", "gpt-2"]).success();
    let html = page(&lp, &[]);
    let steps = up_next(&parse(&html));
    assert_eq!(steps, next_json(&lp, &[]));
    assert_eq!(steps[0].0, "bert", "what is being read comes first");
}

#[test]
fn every_link_within_the_page_lands_on_an_anchor_and_graph_and_cards_link_both_ways() {
    let lp = learner();
    for extra in [
        &[][..],
        &["--status", "todo,reading"],
        &["--track", "scaling"],
    ] {
        let html = page(&lp, extra);
        let doc = parse(&html);
        let anchors: std::collections::HashSet<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("id"))
            .collect();
        let mut links = 0;
        for a in doc.descendants().filter(|n| n.has_tag_name("a")) {
            let href = a.attribute("href").unwrap_or("");
            if let Some(target) = href.strip_prefix('#') {
                assert!(
                    anchors.contains(target),
                    "{extra:?}: `{href}` lands nowhere"
                );
                links += 1;
            }
        }
        assert!(links > 20, "{extra:?}: {links}");
        // Each graph node links to its card, and that card back to it.
        let nodes: Vec<Node> = doc
            .descendants()
            .filter(|n| has_class(*n, "node"))
            .collect();
        assert!(!nodes.is_empty(), "{extra:?}: the graph is in the page");
        let mut linked = 0;
        for node in &nodes {
            let id = node.attribute("id").unwrap().strip_prefix("n-").unwrap();
            let card = doc
                .descendants()
                .find(|n| n.attribute("id") == Some(format!("e-{id}").as_str()));
            match card {
                Some(card) => {
                    linked += 1;
                    assert_eq!(node.attribute("href"), Some(format!("#e-{id}").as_str()));
                    let back = card
                        .descendants()
                        .filter(|n| n.has_tag_name("a"))
                        .any(|a| a.attribute("href") == Some(format!("#n-{id}").as_str()));
                    assert!(back, "{extra:?}: the card of `{id}` links to its node");
                }
                // Its card is filtered out: the node is no link.
                None => assert!(node.has_tag_name("g"), "{extra:?}: `{id}`"),
            }
        }
        assert!(linked > 0);
        // Chips say titles, with the id they link to in the tooltip.
        let list = lp.run(&["list", "--json"]).success().json();
        for chip in doc.descendants().filter(|n| has_class(*n, "ref")) {
            let id = chip.attribute("title").unwrap();
            assert_eq!(
                text_of(chip),
                crate::common::by_id(&list, id)["title"].as_str().unwrap()
            );
            if chip.has_tag_name("a") {
                assert_eq!(chip.attribute("href"), Some(format!("#e-{id}").as_str()));
            }
        }
    }
}

#[test]
fn the_tracks_are_listed_on_top_with_their_bars_and_each_heading_links_back() {
    let lp = learner();
    let html = page(&lp, &[]);
    let doc = parse(&html);
    let stats = lp.run_at(NOW, &["stats", "--json"]).success().json();
    let toc = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("toc"))
        .expect("a table of contents");
    let items: Vec<Node> = toc.descendants().filter(|n| n.has_tag_name("li")).collect();
    let tracks = stats["tracks"].as_array().unwrap();
    assert_eq!(items.len(), tracks.len());
    for (item, track) in items.iter().zip(tracks) {
        let id = track["id"].as_str().unwrap();
        let link = item.children().find(|n| n.has_tag_name("a")).unwrap();
        assert_eq!(
            link.attribute("href"),
            Some(format!("#track-{id}").as_str())
        );
        assert_eq!(text_of(link), track["title"].as_str().unwrap());
        assert!(item.children().any(|n| has_class(n, "bar")), "{id}: a bar");
        let figures = figures_text(*item);
        let wanted = format!("{}/{} read", track["done"], track["total"]);
        assert!(figures.starts_with(&wanted), "{id}: {figures}");
        let section = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(format!("track-{id}").as_str()))
            .unwrap();
        let up = section
            .children()
            .find(|n| has_class(*n, "up"))
            .expect("a link back up");
        assert_eq!(up.attribute("href"), Some("#toc"));
    }
}

#[test]
fn the_hide_done_control_is_a_checkbox_and_css_with_no_script() {
    let lp = learner();
    let html = page(&lp, &[]);
    let doc = parse(&html);
    let input = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("hide-done"))
        .expect("the control");
    assert_eq!(input.attribute("type"), Some("checkbox"));
    // CSS reaches what follows it: the cards are in a later sibling.
    assert!(
        input.next_siblings().any(|n| n.has_tag_name("main")),
        "the control comes before <main>"
    );
    let label = doc
        .descendants()
        .find(|n| n.has_tag_name("label"))
        .expect("a label");
    assert_eq!(label.attribute("for"), Some("hide-done"));
    assert_eq!(text_of(label), "Hide what is done or skipped");
    assert!(html.contains(
        "#hide-done:checked~main .card.done,#hide-done:checked~main .card.skipped{display:none}"
    ));
    assert!(html.contains(r#"content="default-src 'none'; style-src 'unsafe-inline'""#));
}

#[test]
fn the_page_says_notes_were_left_out_and_how_to_put_them_in() {
    let lp = learner();
    let html = page(&lp, &[]);
    assert!(html.contains("Your notes are left out"), "{html}");
    assert!(html.contains("`lpath export --format html --notes`"));
    assert!(!page(&lp, &["--notes"]).contains("class=\"notes-left-out\""));
    assert!(page(&lp, &["--lang", "zh"]).contains("没有放入你的笔记"));
}

/// Every message of the page in English, from the message file itself.
fn english_messages() -> Vec<String> {
    let path = format!("{}/locales/en.toml", env!("CARGO_MANIFEST_DIR"));
    let table: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
    let mut out = Vec::new();
    for section in ["export_html", "roadmap_page", "graph_svg"] {
        fn strings(value: &toml::Value, out: &mut Vec<String>) {
            match value {
                toml::Value::String(s) => out.push(s.clone()),
                toml::Value::Table(t) => t.values().for_each(|v| strings(v, out)),
                _ => {}
            }
        }
        strings(&table[section], &mut out);
    }
    out
}

#[test]
fn the_chinese_page_has_no_english_of_its_own() {
    let lp = learner();
    let html = page(&lp, &["--lang", "zh", "--notes"]);
    let doc = parse(&html);
    assert_eq!(doc.root_element().attribute("lang"), Some("zh-Hans"));
    // The page's own words (not catalog text): no English message, or part of one, is on it.
    for message in english_messages() {
        let fixed = message.split("%{").next().unwrap().trim();
        if fixed.len() < 4 || fixed.starts_with('%') {
            continue;
        }
        assert!(
            !html.contains(&format!(">{fixed}")),
            "English `{fixed}` on the Chinese page"
        );
    }
    for heading in ["接下来读", "路线", "先修关系图"] {
        assert!(
            doc.descendants()
                .filter(|n| n.has_tag_name("h2"))
                .any(|h| text_of(h) == heading),
            "{heading}"
        );
    }
    let legend = doc.descendants().find(|n| has_class(*n, "legend")).unwrap();
    assert_eq!(text_of(legend), "可以读等待前置在读已读跳过");
    assert!(
        html.contains("<time datetime=\"2026-03-02\">2026年3月2日</time>"),
        "a note's date"
    );
}

/// A path of `n` entries in one user catalog, each requiring up to two earlier ones.
fn big_catalog(n: usize) -> String {
    let mut text = String::from("format = 1\n\n[[track]]\nid = \"big\"\ntitle = \"Big\"\n");
    for i in 0..n {
        let requires = match i {
            0 => String::new(),
            1 => "requires = [\"e0\"]\n".to_string(),
            _ => format!("requires = [\"e{}\", \"e{}\"]\n", i - 1, i / 2),
        };
        text.push_str(&format!(
            "\n[[entry]]\nid = \"e{i}\"\nkind = \"paper\"\ntitle = \"A synthetic paper number {i} about attention\"\ntrack = \"big\"\nurl = \"https://example.org/{i}\"\nminutes = 40\nsummary = \"Summary of paper {i}, long enough to look like a real one.\"\n{requires}"
        ));
    }
    text
}

#[test]
fn past_its_size_the_graph_is_left_out_and_the_page_says_where_to_get_it() {
    let lp = Lpath::new();
    lp.write_catalog("big.toml", &big_catalog(401));
    let html = page(&lp, &["--no-bundled"]);
    let doc = parse(&html);
    assert!(!doc.descendants().any(|n| has_class(n, "node")), "no graph");
    assert!(!html.contains("href=\"#n-"), "no card links to a node");
    let said = doc
        .descendants()
        .find(|n| has_class(*n, "left-out"))
        .expect("it says so");
    assert!(text_of(said).contains("401 entries"), "{}", text_of(said));
    assert!(text_of(said).contains("`lpath graph --format svg -o graph.svg`"));
    lp.write_catalog("big.toml", &big_catalog(400));
    let html = page(&lp, &["--no-bundled"]);
    assert_eq!(html.matches("class=\"node ").count(), 400, "400 are drawn");
}

#[test]
fn at_10000_entries_the_page_stays_under_15_mb() {
    let lp = Lpath::new();
    lp.write_catalog("big.toml", &big_catalog(10_000));
    let done: String = (0..10_000)
        .step_by(2)
        .map(|i| format!("[entry.e{i}]\nstatus = \"done\"\nchanged = \"2026-01-01T00:00:00Z\"\n"))
        .collect();
    lp.write_progress(&format!("format = 1\n{done}"));
    let html = page(&lp, &["--no-bundled"]);
    assert!(html.len() < 15_000_000, "{} bytes", html.len());
    assert!(html.contains("class=\"left-out\""));
    assert_eq!(html.matches("<li class=\"card ").count(), 10_000);
}
