//! `lpath show`: everything about one entry, as text and as JSON.

use crate::common::{Lpath, by_id, ids};

#[test]
fn show_prints_the_entry_its_neighbours_status_dates_and_notes() {
    let lp = Lpath::new();
    lp.run_at("2026-03-01T01:00:00Z", &["skip", "transformer"])
        .success();
    lp.run_at("2026-03-01T02:00:00Z", &["start", "bert"])
        .success();
    lp.run_at("2026-03-01T15:30:00Z", &["done", "bert"])
        .success();
    lp.run_at(
        "2026-03-01T15:45:00Z",
        &["note", "bert", "read the appendix"],
    )
    .success();
    let out = lp
        .run_in("<+08>-8", "2026-03-02T00:00:00Z", &["show", "bert"])
        .success()
        .stdout;
    for expected in [
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding\n",
        "  id        bert (row ",
        "  authors   Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova\n",
        "  year      2018\n",
        "  kind      paper\n",
        "  track     Architecture and tasks (foundations)\n",
        "  url       https://arxiv.org/abs/1810.04805\n",
        "  arxiv     1810.04805\n",
        "  minutes   ~1 h\n",
        "  status    done · started 2026-03-01 10:00 · finished 2026-03-01 23:30\n",
        "Requires:\n  skipped ",
        "  attention-is-all-you-need  Attention Is All You Need\n",
        "Unlocks:\n  todo    ",
        "  roberta  RoBERTa",
        "Companions:\n  todo    ",
        "  bert-pytorch  ",
        "Notes:\n  1  2026-03-01 23:45  read the appendix\n",
    ] {
        assert!(out.contains(expected), "`{expected}` missing from:\n{out}");
    }
    assert!(out.contains("masked"), "the summary: {out}");
}

#[test]
fn show_of_a_companion_names_the_entry_it_explains() {
    let lp = Lpath::new();
    let out = lp.run(&["show", "bert-pytorch"]).success().stdout;
    assert!(out.contains("Explains:\n  todo    "), "{out}");
    assert!(out.contains("  bert  BERT"), "{out}");
    assert!(out.contains("Requires: nothing"), "{out}");
    assert!(out.contains("Notes: none; add one with `lpath note bert-pytorch <text>`"));
}

#[test]
fn show_json_has_the_entry_fields_its_neighbours_and_notes() {
    let lp = Lpath::new();
    lp.run_at("2026-03-01T00:00:00Z", &["done", "transformer"])
        .success();
    lp.run_at("2026-03-01T01:00:00Z", &["note", "bert", "soon"])
        .success();
    let json = lp.run(&["show", "bert", "--json"]).success().json();
    let listed = lp.run(&["list", "--json"]).success().json();
    let from_list = by_id(&listed, "bert");
    for (key, value) in from_list.as_object().unwrap() {
        assert_eq!(&json[key], value, "field `{key}` differs from list --json");
    }
    assert_eq!(ids(&json["prerequisites"]), ["attention-is-all-you-need"]);
    assert_eq!(json["prerequisites"][0]["status"], "done");
    assert!(ids(&json["unlocks"]).contains(&"roberta".to_string()));
    assert_eq!(
        ids(&json["companions"]),
        ["bert-pytorch", "illustrated-bert", "bert-mli-video"]
    );
    assert_eq!(
        json["notes"],
        serde_json::json!([{"at": "2026-03-01T01:00:00Z", "text": "soon"}])
    );
}

#[test]
fn show_needs_exactly_one_id() {
    let lp = Lpath::new();
    lp.run(&["show"]).failure(2);
    lp.run(&["show", "bert", "roberta"]).failure(2);
}

#[test]
fn show_wraps_long_lines_at_the_terminal_width_with_a_hanging_indent() {
    let lp = Lpath::new();
    let Some(text) = lp.in_terminal(60, &["show", "bert"]) else {
        return;
    };
    for line in text.lines() {
        assert!(line.chars().count() <= 60, "`{line}` is too wide");
        assert_eq!(line.trim_end(), line, "`{line}` ends in a space");
    }
    assert!(
        text.contains("  authors   Jacob Devlin, Ming-Wei Chang, Kenton Lee,\n            Kristina Toutanova\n"),
        "{text}"
    );
    let piped = lp.run(&["show", "bert"]).success().stdout;
    assert!(
        piped.contains("Kenton Lee, Kristina Toutanova\n"),
        "{piped}"
    );
}

#[test]
fn every_line_of_a_multi_line_summary_is_indented_like_the_first() {
    let lp = Lpath::new();
    lp.write_catalog(
        "mine.toml",
        &crate::common::catalog(
            "mine",
            &[("mine-a", "summary = \"\"\"line one\nline two\"\"\"\n")],
        ),
    );
    let run = lp.run(&["show", "mine-a"]).success();
    run.stdout_has("\n  line one\n  line two\n");
    if let Some(screen) = lp.in_terminal(80, &["show", "mine-a"]) {
        assert!(screen.contains("\n  line one\n  line two\n"), "{screen}");
    }
}
