//! `lpath export`: a Markdown reading log, a BibTeX bibliography, and the JSON that `import` reads.

use std::collections::HashSet;
use std::process::Command;

use crate::common::{Lpath, have};

const PROGRESS: &str = r#"format = 1

[entry.attention-is-all-you-need]
status = "done"
changed = "2026-03-02T10:00:00Z"
started = "2026-03-01T09:00:00Z"
finished = "2026-03-02T10:00:00Z"

[[entry.attention-is-all-you-need.notes]]
at = "2026-03-02T10:05:00Z"
text = "Multi-head attention *finally* clicked.\nScaled by sqrt(d_k)."

[entry.bert]
status = "reading"
changed = "2026-03-03T08:00:00Z"
started = "2026-03-03T08:00:00Z"

[entry.gopher]
status = "skipped"
changed = "2026-03-04T08:00:00Z"
"#;

fn learner() -> Lpath {
    let lp = Lpath::new();
    lp.write_progress(PROGRESS);
    lp
}

#[test]
fn markdown_log_groups_by_track_with_statuses_dates_and_notes() {
    let lp = learner();
    let log = lp
        .run_at("2026-03-05T12:00:00Z", &["export"])
        .success()
        .stdout;
    assert!(
        log.starts_with("# Reading log\n\n1/140 read · 1 skipped"),
        "{log}"
    );
    assert!(log.contains("exported 2026-03-05"), "{log}");
    assert!(log.contains("\n## Architecture and tasks\n"), "{log}");
    assert!(log.contains("\n## Scaling laws and efficiency\n"), "{log}");
    assert!(
        log.contains("- [x] [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (2017, Vaswani et al.) · done 2026-03-02\n"),
        "{log}"
    );
    assert!(
        log.contains(
            "  - *2026-03-02:* Multi-head attention *finally* clicked.\n    Scaled by sqrt(d_k).\n"
        ),
        "notes are kept as the learner wrote them: {log}"
    );
    assert!(log.contains("· reading since 2026-03-03"), "{log}");
    assert!(log.contains("· skipped 2026-03-04"), "{log}");
    assert!(
        log.contains(
            "  - [ ] [BERT-pytorch (codertimo)](https://github.com/codertimo/BERT-pytorch)"
        ),
        "a companion sits under its entry: {log}"
    );
}

#[test]
fn markdown_log_filters_by_status_and_track() {
    let lp = learner();
    let log = lp
        .run(&[
            "export",
            "--status",
            "done,reading",
            "--track",
            "foundations",
        ])
        .success()
        .stdout;
    let items: Vec<&str> = log.lines().filter(|l| l.contains("- [")).collect();
    assert_eq!(items.len(), 2, "{log}");
    assert!(items[0].contains("Attention Is All You Need"), "{log}");
    assert!(items[1].contains("BERT: Pre-training"), "{log}");
    assert!(!log.contains("Scaling laws"), "{log}");
}

#[test]
fn markdown_log_speaks_chinese_with_lang_zh() {
    let lp = learner();
    let log = lp
        .run(&["--lang", "zh", "export", "--status", "done"])
        .success()
        .stdout;
    assert!(log.starts_with("# 阅读记录\n"), "{log}");
    assert!(log.contains("## 理解大语言模型的主要架构和任务"), "{log}");
    assert!(log.contains("· 已读 2026-03-02"), "{log}");
}

#[test]
fn an_unknown_track_is_a_usage_error_that_suggests() {
    let lp = learner();
    let run = lp.run(&["export", "--track", "foundation"]).failure(2);
    assert!(
        run.stderr
            .contains("unknown track `foundation` for `--track`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `foundations`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn export_to_a_file_writes_the_file() {
    let lp = learner();
    let file = lp.root().join("log.md");
    let run = lp.run(&["export", "-o", file.to_str().unwrap()]).success();
    assert!(run.stdout.contains("log.md"), "{}", run.stdout);
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, lp.run(&["export"]).success().stdout);
}

#[test]
fn export_to_a_missing_directory_fails_and_says_so() {
    let lp = learner();
    let file = lp.root().join("no/such/dir/log.md");
    let run = lp.run(&["export", "-o", file.to_str().unwrap()]).failure(1);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
}

/// Each `@type{key, ...}` of a bibliography, as (key, whole text).
fn bib_entries(bib: &str) -> Vec<(String, String)> {
    bib.split("\n@")
        .map(|chunk| chunk.trim_start_matches('@').trim().to_string())
        .filter(|chunk| !chunk.is_empty())
        .map(|chunk| {
            let key = chunk
                .split_once('{')
                .and_then(|(_, rest)| rest.split_once(','))
                .map(|(key, _)| key.to_string())
                .expect("a key");
            (key, chunk)
        })
        .collect()
}

fn papers(lp: &Lpath) -> Vec<serde_json::Value> {
    lp.run(&["list", "--json"])
        .success()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "paper")
        .cloned()
        .collect()
}

#[test]
fn bibtex_of_the_whole_catalog_has_unique_keys_and_balanced_braces() {
    let lp = Lpath::new();
    let bib = lp.run(&["export", "--format", "bibtex"]).success().stdout;
    let entries = bib_entries(&bib);
    assert_eq!(
        entries.len(),
        papers(&lp).len(),
        "one entry per paper, nothing else"
    );
    let keys: HashSet<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys.len(), entries.len(), "keys are unique");
    for (key, text) in &entries {
        assert!(
            key.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            "key `{key}` is plain ASCII"
        );
        let mut depth = 0i32;
        for c in text.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            assert!(
                depth >= 0,
                "`{key}` closes a brace it never opened:\n{text}"
            );
        }
        assert_eq!(depth, 0, "`{key}` leaves a brace open:\n{text}");
        assert!(text.starts_with("misc{"), "{text}");
    }
}

#[test]
fn bibtex_keys_and_fields_follow_the_conventions() {
    let lp = Lpath::new();
    let bib = lp.run(&["export", "--format", "bibtex"]).success().stdout;
    let entries = bib_entries(&bib);
    let find = |key: &str| {
        entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no `{key}` in:\n{bib}"))
    };
    let vaswani = find("vaswani2017attention");
    assert!(
        vaswani.contains("eprint        = {1706.03762}"),
        "{vaswani}"
    );
    assert!(vaswani.contains("archivePrefix = {arXiv}"), "{vaswani}");
    assert!(
        vaswani.contains("Łukasz Kaiser"),
        "UTF-8 names stay: {vaswani}"
    );
    assert!(!bib.contains("primaryClass"), "no guessed categories");
    assert!(find("rae2021scaling").contains("author        = {Jack W. Rae and others}"));
    assert!(
        find("rae2021scaling").contains("Methods, Analysis \\& Insights"),
        "& is escaped"
    );
    assert!(find("schmidhuber1992learning").contains("Jürgen Schmidhuber"));
    assert!(find("devlin2018bert").contains("title         = {{BERT: Pre-training"));
    let radford = find("radford2018improving");
    assert!(
        !radford.contains("eprint"),
        "no arXiv id, no eprint: {radford}"
    );
}

/// A field's value in one BibTeX entry: what is inside the braces after `name =`, braces
/// counted, so a value with braces of its own is read whole.
fn bib_field(entry: &str, name: &str) -> Option<String> {
    let line = entry
        .lines()
        .find(|l| l.split_whitespace().next() == Some(name))?;
    let value = line.split_once('=')?.1.trim_start().strip_prefix('{')?;
    let mut depth = 1;
    let mut out = String::new();
    for c in value.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return Some(out);
        }
        out.push(c);
    }
    None
}

#[test]
fn bibtex_gives_a_doi_paper_its_doi_and_an_arxiv_paper_its_eprint() {
    let lp = Lpath::new();
    let bib = lp.run(&["export", "--format", "bibtex"]).success().stdout;
    let entries = bib_entries(&bib);
    let find = |key: &str| entries.iter().find(|(k, _)| k == key).unwrap().1.clone();
    // The catalog links Schmidhuber's paper through doi.org and records no journal.
    let catalog = lp.entry_json("fast-weight-memories");
    let url = catalog["url"].as_str().unwrap();
    let expected = url.strip_prefix("https://doi.org/").unwrap();
    let schmidhuber = find("schmidhuber1992learning");
    assert_eq!(
        bib_field(&schmidhuber, "doi").as_deref(),
        Some(expected),
        "{schmidhuber}"
    );
    assert!(
        schmidhuber.starts_with("misc{"),
        "no journal known, so no @article: {schmidhuber}"
    );
    assert_eq!(bib_field(&schmidhuber, "journal"), None);
    assert_eq!(bib_field(&schmidhuber, "eprint"), None);
    let roformer = find("su2021roformer");
    assert_eq!(
        bib_field(&roformer, "eprint").as_deref(),
        Some("2104.09864"),
        "{roformer}"
    );
    assert_eq!(
        bib_field(&roformer, "archivePrefix").as_deref(),
        Some("arXiv")
    );
    assert_eq!(bib_field(&roformer, "doi"), None, "an arXiv link is no DOI");
    // Every DOI written is the one its entry links to.
    for (key, text) in &entries {
        if let Some(doi) = bib_field(text, "doi") {
            let url = bib_field(text, "url").unwrap();
            assert!(url.ends_with(&doi), "`{key}`: {doi} is not from {url}");
        }
    }
}

#[test]
fn bibtex_puts_notes_in_annote_only_with_notes_and_escaped() {
    let lp = learner();
    lp.run(&[
        "note",
        "attention-is-all-you-need",
        r"Braces {x} and \foo}{ and 100% & more",
    ])
    .success();
    let plain = lp
        .run(&["export", "--format", "bibtex", "--status", "done"])
        .success()
        .stdout;
    assert!(!plain.contains("annote"), "notes are private: {plain}");
    let bib = lp
        .run(&[
            "export", "--format", "bibtex", "--status", "done", "--notes",
        ])
        .success()
        .stdout;
    let entries = bib_entries(&bib);
    let vaswani = &entries[0].1;
    let annote = bib_field(vaswani, "annote").unwrap_or_else(|| panic!("{bib}"));
    assert!(
        annote.contains("Multi-head attention *finally* clicked."),
        "{annote}"
    );
    assert!(
        annote.contains(r"Braces \textbraceleft{}x\textbraceright{} and \textbackslash{}foo"),
        "{annote}"
    );
    assert!(annote.contains(r"100\% \& more"), "{annote}");
    // Braces balance, so BibTeX reads the entry to its end: the url after annote is still there.
    let opened = vaswani.matches('{').count();
    assert_eq!(opened, vaswani.matches('}').count(), "{vaswani}");
    assert!(!annote.contains('\n'), "one line: {annote:?}");
}

#[test]
fn bibtex_keys_do_not_change_with_filters() {
    let lp = learner();
    let bib = lp
        .run(&["export", "--format", "bibtex", "--status", "done"])
        .success()
        .stdout;
    let keys: Vec<String> = bib_entries(&bib).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["vaswani2017attention"]);
}

#[test]
fn bibtex_passes_bibtool_when_it_is_installed() {
    if !have("bibtool") {
        // An extra check where the tool happens to be installed; CI does not require it.
        crate::common::say_skipped("`bibtool` is not installed");
        return;
    }
    let lp = Lpath::new();
    let file = lp.root().join("path.bib");
    lp.run(&["export", "--format", "bibtex", "-o", file.to_str().unwrap()])
        .success();
    let out = Command::new("bibtool")
        .arg(&file)
        .args(["-o", lp.root().join("out.bib").to_str().unwrap()])
        .output()
        .unwrap();
    let errors = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !errors.contains("***"), "{errors}");
}

#[test]
fn json_export_is_the_whole_progress_with_nulls_for_absent_dates() {
    let lp = learner();
    let json = lp
        .run_at("2026-03-05T12:00:00Z", &["export", "--format", "json"])
        .success()
        .json();
    assert_eq!(json["format"], 1);
    assert_eq!(json["exported"], "2026-03-05T12:00:00Z");
    let entries = json["entries"].as_object().unwrap();
    let ids: Vec<&str> = entries.keys().map(String::as_str).collect();
    assert_eq!(ids, ["attention-is-all-you-need", "bert", "gopher"]);
    let done = &entries["attention-is-all-you-need"];
    assert_eq!(done["status"], "done");
    assert_eq!(done["started"], "2026-03-01T09:00:00Z");
    assert_eq!(done["notes"][0]["at"], "2026-03-02T10:05:00Z");
    assert!(entries["gopher"]["finished"].is_null());
    assert_eq!(entries["gopher"]["notes"], serde_json::json!([]));
}

#[test]
fn json_export_keeps_ids_no_catalog_knows_unless_filtered() {
    let lp = Lpath::new();
    lp.write_progress(&format!(
        "{PROGRESS}\n[entry.retired-paper]\nstatus = \"done\"\nchanged = \"2025-01-01T00:00:00Z\"\n"
    ));
    let all = lp.run(&["export", "--format", "json"]).success().json();
    assert!(all["entries"]["retired-paper"].is_object());
    let done = lp
        .run(&["export", "--format", "json", "--status", "done"])
        .success()
        .json();
    let ids: Vec<&String> = done["entries"].as_object().unwrap().keys().collect();
    assert_eq!(ids, ["attention-is-all-you-need"]);
}

#[test]
fn an_empty_bibliography_says_why_on_stderr() {
    let lp = Lpath::new();
    // The first track has blogs, code and a video, but no paper.
    let run = lp
        .run(&["export", "--format", "bibtex", "--track", "start"])
        .success();
    assert_eq!(run.stdout, "");
    run.stderr_has("a bibliography lists only papers");
    let run = lp
        .run(&["export", "--format", "bibtex", "--status", "done"])
        .success();
    assert_eq!(run.stdout, "");
    run.stderr_has("no entry matches these filters");
}
