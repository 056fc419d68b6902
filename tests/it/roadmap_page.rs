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
fn each_card_shows_its_status_by_word_shape_and_class() {
    let lp = learner();
    let html = page(&lp, &[]);
    let doc = parse(&html);
    for (id, status) in [
        ("attention-is-all-you-need", "done"),
        ("bert", "reading"),
        ("gopher", "skipped"),
        ("roberta", "todo"),
    ] {
        let card = card(&doc, id);
        assert!(has_class(card, status), "`{id}` is {status}");
        let badge = card
            .children()
            .find(|n| has_class(*n, "status"))
            .expect("a status line");
        assert!(
            text_of(badge).starts_with(status),
            "`{id}`: {}",
            text_of(badge)
        );
        let icon = badge
            .children()
            .find(|n| n.has_tag_name("svg"))
            .expect("a status shape");
        assert_eq!(
            icon.attribute("aria-hidden"),
            Some("true"),
            "the word is read out"
        );
    }
    // Each status has its own shape, so the page reads in greyscale.
    let shapes: std::collections::HashSet<String> =
        ["attention-is-all-you-need", "bert", "gopher", "roberta"]
            .iter()
            .map(|id| {
                let svg = card(&doc, id)
                    .descendants()
                    .find(|n| n.has_tag_name("svg"))
                    .unwrap();
                html[svg.range()].to_string()
            })
            .collect();
    assert_eq!(shapes.len(), 4, "four different shapes");
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
    assert!(text.contains("Requires bahdanau-attention"), "{text}");
    assert!(text.contains("Unlocks"), "{text}");
    let summary = attention
        .children()
        .find(|n| has_class(*n, "summary"))
        .expect("a summary");
    assert!(!text_of(summary).is_empty());
    // The prerequisite links to its card on the page.
    let required = attention
        .descendants()
        .find(|n| n.has_tag_name("a") && has_class(*n, "ref"))
        .unwrap();
    assert_eq!(required.attribute("href"), Some("#e-bahdanau-attention"));
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
    assert!(html.contains("由 lpath 生成于 2026-03-05"), "{html}");
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
    let heading = doc.descendants().find(|n| n.has_tag_name("h2")).unwrap();
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
