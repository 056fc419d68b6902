//! `lpath list`: the whole path, as a table and as JSON.

use crate::common::{Lpath, ids};

#[test]
fn list_on_a_fresh_store_writes_nothing() {
    let lp = Lpath::new();
    lp.run(&["list"]).success();
    lp.run(&["list", "--json"]).success();
    lp.run(&["next"]).success();
    lp.run(&[]).success();
    assert!(
        !lp.config_dir().exists(),
        "read-only commands must not create the config dir"
    );
}

#[test]
fn list_shows_every_entry_in_path_order_with_a_footer() {
    let lp = Lpath::new();
    let run = lp.run(&["list"]).success();
    let json = lp.run(&["list", "--json"]).success().json();
    let total = json.as_array().unwrap().len();
    for id in ids(&json) {
        assert!(run.stdout.contains(&id), "`{id}` missing from the table");
    }
    assert!(
        run.stdout
            .contains(&format!("0/{total} read · 0 skipped · 0% covered")),
        "{}",
        run.stdout
    );
    let bahdanau = run.stdout.find("bahdanau-attention ").unwrap();
    let transformer = run.stdout.find("attention-is-all-you-need").unwrap();
    let bert = run.stdout.find("bert ").unwrap();
    assert!(bahdanau < transformer && transformer < bert);
}

#[test]
fn done_then_list_shows_done() {
    let lp = Lpath::new();
    lp.run(&["done", "attention-is-all-you-need"]).success();
    let json = lp.run(&["list", "--json"]).success().json();
    let entry = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "attention-is-all-you-need")
        .unwrap();
    assert_eq!(entry["status"], "done");
    let table = lp.run(&["list"]).success().stdout;
    let line = table
        .lines()
        .find(|l| l.contains("attention-is-all-you-need"))
        .unwrap();
    assert!(line.trim_end().ends_with("done"), "{line}");
    assert!(table.contains(&format!("1/{} read", json.as_array().unwrap().len())));
}

#[test]
fn list_json_has_the_documented_fields() {
    let lp = Lpath::new();
    let json = lp.run(&["list", "--json"]).success().json();
    let entries = json.as_array().unwrap();
    for field in [
        "row",
        "id",
        "title",
        "kind",
        "year",
        "authors",
        "url",
        "arxiv",
        "track",
        "requires",
        "companion_of",
        "label",
        "minutes",
        "status",
    ] {
        assert!(
            entries.iter().all(|e| e.get(field).is_some()),
            "field `{field}` missing"
        );
    }
    let transformer = entries
        .iter()
        .find(|e| e["id"] == "attention-is-all-you-need")
        .unwrap();
    assert_eq!(transformer["arxiv"], "1706.03762");
    assert_eq!(transformer["url"], "https://arxiv.org/abs/1706.03762");
    assert_eq!(
        transformer["requires"],
        serde_json::json!(["bahdanau-attention"])
    );
    assert_eq!(transformer["status"], "todo");
    let rows: Vec<u64> = entries.iter().map(|e| e["row"].as_u64().unwrap()).collect();
    assert_eq!(rows, (1..=entries.len() as u64).collect::<Vec<_>>());
}

#[test]
fn companions_are_listed_under_the_entry_they_explain() {
    let lp = Lpath::new();
    let json = lp.run(&["list", "--json"]).success().json();
    let entries = json.as_array().unwrap();
    let ids = ids(&json);
    for (at, entry) in entries.iter().enumerate() {
        if let Some(paper) = entry["companion_of"].as_str() {
            let paper_at = ids.iter().position(|id| id == paper).unwrap();
            assert!(paper_at < at, "`{}` is listed before its paper", ids[at]);
            assert!(
                entries[paper_at + 1..at]
                    .iter()
                    .all(|e| e["companion_of"].as_str() == Some(paper)),
                "`{}` is not right under `{paper}`",
                ids[at]
            );
        }
    }
    let table = lp.run(&["list"]).success().stdout;
    assert!(table.contains("↳ bahdanau-attention-zhihu"), "{table}");
}

/// Terminal columns a line takes: the Chinese characters in the catalog take two, and the
/// carriage return a pseudo-terminal ends lines with none.
fn width(line: &str) -> usize {
    line.chars()
        .filter(|&c| c != '\r')
        .map(|c| {
            if ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn chinese_titles_stay_aligned_in_the_table() {
    let lp = Lpath::new();
    let table = lp.run(&["list"]).success().stdout;
    let chinese = table
        .lines()
        .find(|l| l.contains("系统学习大模型"))
        .expect("a row with Chinese text");
    let plain = table.lines().find(|l| l.contains("ahead-of-ai")).unwrap();
    let status_column = |line: &str| width(&line[..line.rfind("todo").unwrap()]);
    assert_eq!(
        status_column(chinese),
        status_column(plain),
        "\n{chinese}\n{plain}"
    );
}

#[test]
fn list_has_no_colour_when_not_a_terminal() {
    let lp = Lpath::new();
    lp.run(&["done", "bert-pytorch"]).success();
    let mut cmd = lp.command(&["list"]);
    cmd.env_remove("NO_COLOR");
    let run = crate::common::run(cmd);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "escape codes in piped output"
    );
}

#[test]
fn list_filters_combine_and_apply_to_json() {
    let lp = Lpath::new();
    lp.run(&["done", "bert", "bahdanau-attention"]).success();
    lp.run(&["start", "roberta"]).success();
    lp.run(&["note", "gpt-1", "Compare with BERT's masking"])
        .success();
    let json_ids = |args: &[&str]| {
        let mut all = vec!["list", "--json"];
        all.extend(args);
        ids(&lp.run(&all).success().json())
    };
    assert_eq!(
        json_ids(&["--status", "done"]),
        ["bahdanau-attention", "bert"]
    );
    assert_eq!(
        json_ids(&[
            "--status",
            "done",
            "--track",
            "foundations",
            "--kind",
            "paper"
        ]),
        ["bahdanau-attention", "bert"]
    );
    assert_eq!(json_ids(&["--status", "reading"]), ["roberta"]);
    assert!(json_ids(&["--track", "rlhf", "--status", "done"]).is_empty());
    assert_eq!(
        json_ids(&["--track", "rlhf", "--kind", "paper"]),
        [
            "a3c",
            "ppo",
            "deep-rl-human-preferences",
            "fine-tuning-human-preferences",
            "summarize-human-feedback"
        ]
    );
    let code = json_ids(&["--kind", "code"]);
    assert!(code.contains(&"bert-pytorch".to_string()), "{code:?}");
    assert!(code.contains(&"nanogpt".to_string()), "{code:?}");
    // Search: any case, in id, title, authors, summaries and notes.
    assert!(json_ids(&["--search", "DEVLIN"]).contains(&"bert".to_string()));
    assert!(json_ids(&["--search", "robustly"]).contains(&"roberta".to_string()));
    assert!(json_ids(&["--search", "bert's masking"]).contains(&"gpt-1".to_string()));
    let combined = json_ids(&["--search", "bert", "--status", "todo", "--kind", "paper"]);
    assert!(
        combined.contains(&"gpt-1".to_string()),
        "by its note: {combined:?}"
    );
    assert!(combined.contains(&"cramming".to_string()), "{combined:?}");
    for excluded in ["bert", "roberta", "bert-pytorch", "a3c"] {
        assert!(!combined.contains(&excluded.to_string()), "{combined:?}");
    }
}

#[test]
fn a_filtered_table_says_how_many_entries_match() {
    let lp = Lpath::new();
    lp.run(&["done", "a3c"]).success();
    let total = ids(&lp.run(&["list", "--json"]).success().json()).len();
    let out = lp.run(&["list", "--track", "rlhf"]).success().stdout;
    assert!(out.contains("a3c") && !out.contains("bert"), "{out}");
    assert!(
        out.contains(&format!(
            "1/10 read · 0 skipped · 10% covered  (10 of {total} entries match)"
        )),
        "{out}"
    );
    let out = lp
        .run(&["list", "--search", "no such words"])
        .success()
        .stdout;
    assert!(out.starts_with("No entry matches these filters"), "{out}");
    assert_eq!(
        lp.run(&["list", "--json", "--search", "no such words"])
            .success()
            .json(),
        serde_json::json!([])
    );
}

#[test]
fn unknown_filter_values_are_usage_errors_that_list_the_choices() {
    let lp = Lpath::new();
    let run = lp.run(&["list", "--status", "doen"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: invalid value `doen` for `--status <STATUS>`\n\
         hint: a similar value exists: `done`; possible values: todo, reading, done, skipped\n"
    );
    let run = lp.run(&["list", "--track", "fundations"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: unknown track `fundations` for `--track`\n\
         hint: did you mean `foundations`? known tracks: start, foundations, scaling, rlhf, alignment, frontier\n"
    );
    let run = lp.run(&["list", "--kind", "papers"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: unknown kind `papers` for `--kind`\n\
         hint: did you mean `paper`? known kinds: paper, blog, code, video, book, course, docs, repo, data\n"
    );
}

#[test]
fn an_unknown_track_is_worded_the_same_by_list_export_and_graph() {
    let lp = Lpath::new();
    let expected = "lpath: error: unknown track `fundations` for `--track`\n\
         hint: did you mean `foundations`? known tracks: start, foundations, scaling, rlhf, alignment, frontier\n";
    for command in ["list", "export", "graph"] {
        let run = lp.run(&[command, "--track", "fundations"]).failure(2);
        assert_eq!(run.stderr, expected, "{command}");
    }
}

/// Every id of the path, each whole on one line of `table` (indented companions included).
#[track_caller]
fn every_id_is_whole(lp: &Lpath, table: &str) {
    for id in ids(&lp.run(&["list", "--json"]).success().json()) {
        assert!(
            table
                .lines()
                .any(|line| line.split_whitespace().any(|word| word == id)),
            "`{id}` is not whole on any line:\n{table}"
        );
    }
}

#[test]
fn columns_sets_the_table_width_and_titles_are_cut_to_fit() {
    let lp = Lpath::new();
    let table = lp
        .run_with(&[("COLUMNS", "80")], &["list"])
        .success()
        .stdout;
    assert!(table.lines().all(|l| width(l) <= 80), "{table}");
    every_id_is_whole(&lp, &table);
    let row = table
        .lines()
        .find(|l| l.contains("bahdanau-attention "))
        .unwrap();
    // The title column takes what the id, kind and status leave of 80 columns (29 columns).
    assert!(row.contains("Neural Machine Translation b…"), "{table}");
}

#[test]
fn in_a_very_narrow_width_ids_and_statuses_still_never_wrap() {
    let lp = Lpath::new();
    for columns in ["40", "20", "1"] {
        let table = lp
            .run_with(&[("COLUMNS", columns)], &["list"])
            .success()
            .stdout;
        every_id_is_whole(&lp, &table);
        assert!(
            table.lines().next().unwrap().ends_with(" status"),
            "{table}"
        );
    }
}

#[test]
fn a_columns_that_is_not_a_positive_number_sets_no_limit() {
    let lp = Lpath::new();
    for columns in ["0", "", "wide", "-80"] {
        let table = lp
            .run_with(&[("COLUMNS", columns)], &["list"])
            .success()
            .stdout;
        assert!(
            table.contains("Attention Is All You Need"),
            "COLUMNS={columns}: {table}"
        );
        assert!(
            table.lines().any(|l| width(l) > 120),
            "COLUMNS={columns}: {table}"
        );
    }
}

#[test]
fn a_terminal_that_reports_no_width_gets_the_whole_table() {
    let lp = Lpath::new();
    let Some(table) =
        crate::common::on_a_terminal(&lp, "cols 0", "list", &[("NO_COLOR", Some("1"))])
    else {
        return;
    };
    assert!(table.contains("Attention Is All You Need"), "{table}");
    assert!(table.lines().next().unwrap().contains("title"), "{table}");
    every_id_is_whole(&lp, &table);
}

#[test]
fn columns_overrides_the_width_the_terminal_reports() {
    let lp = Lpath::new();
    let Some(narrow) =
        crate::common::on_a_terminal(&lp, "cols 70", "list", &[("NO_COLOR", Some("1"))])
    else {
        return;
    };
    assert!(narrow.lines().all(|l| width(l) <= 70), "{narrow}");
    every_id_is_whole(&lp, &narrow);
    let wide = crate::common::on_a_terminal(
        &lp,
        "cols 70",
        "list",
        &[("NO_COLOR", Some("1")), ("COLUMNS", Some("120"))],
    )
    .unwrap();
    assert!(wide.lines().any(|l| width(l) > 70), "{wide}");
    assert!(wide.lines().all(|l| width(l) <= 120), "{wide}");
}
