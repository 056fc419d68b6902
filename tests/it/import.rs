//! `lpath import`: another machine's progress merged in, the later change winning, notes united.

use crate::common::Lpath;

/// This machine: read BERT on the 3rd, started GPT on the 4th, a note on attention.
const LAPTOP: &str = r#"format = 1

[entry.attention-is-all-you-need]
status = "done"
changed = "2026-03-01T10:00:00Z"
finished = "2026-03-01T10:00:00Z"

[[entry.attention-is-all-you-need.notes]]
at = "2026-03-01T10:05:00Z"
text = "read on the train"

[entry.bert]
status = "done"
changed = "2026-03-03T10:00:00Z"
finished = "2026-03-03T10:00:00Z"

[entry.gpt-1]
status = "reading"
changed = "2026-03-04T10:00:00Z"
started = "2026-03-04T10:00:00Z"
"#;

/// The other machine: BERT started before the laptop finished it, GPT finished after the laptop
/// started it, LoRA read only here, another note on attention.
const DESKTOP: &str = r#"format = 1

[entry.attention-is-all-you-need]
status = "done"
changed = "2026-03-01T10:00:00Z"
finished = "2026-03-01T10:00:00Z"

[[entry.attention-is-all-you-need.notes]]
at = "2026-03-02T21:00:00Z"
text = "reread section 3.2"

[entry.bert]
status = "reading"
changed = "2026-03-02T10:00:00Z"
started = "2026-03-02T10:00:00Z"

[entry.gpt-1]
status = "done"
changed = "2026-03-05T10:00:00Z"
started = "2026-03-04T18:00:00Z"
finished = "2026-03-05T10:00:00Z"

[entry.lora]
status = "done"
changed = "2026-03-06T10:00:00Z"
finished = "2026-03-06T10:00:00Z"
"#;

fn machine(progress: &str) -> Lpath {
    let lp = Lpath::new();
    lp.write_progress(progress);
    lp
}

/// Exports `from` to a JSON file and returns its path as a string.
fn export(from: &Lpath) -> String {
    let file = from.root().join("export.json");
    from.run(&["export", "--format", "json", "-o", file.to_str().unwrap()])
        .success();
    file.to_str().unwrap().to_string()
}

#[test]
fn import_merges_the_later_change_and_unites_notes() {
    let laptop = machine(LAPTOP);
    let desktop = machine(DESKTOP);
    let run = laptop.run(&["import", &export(&desktop)]).success();
    assert_eq!(
        run.stdout,
        format!(
            "  attention-is-all-you-need  +1 note\n  gpt-1                      reading → done\n  lora                       todo → done\nimported 3 entries from `{}`; `lpath undo` reverts it\n",
            desktop.root().join("export.json").display()
        )
    );
    let json = laptop.run(&["export", "--format", "json"]).success().json();
    let entries = &json["entries"];
    assert_eq!(
        entries["bert"]["status"], "done",
        "the laptop's later change stays"
    );
    assert_eq!(entries["gpt-1"]["status"], "done");
    assert_eq!(entries["gpt-1"]["started"], "2026-03-04T18:00:00Z");
    assert_eq!(entries["lora"]["status"], "done");
    let notes: Vec<&str> = entries["attention-is-all-you-need"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(notes, ["read on the train", "reread section 3.2"]);
}

#[test]
fn importing_each_way_leaves_both_machines_the_same() {
    let laptop = machine(LAPTOP);
    let desktop = machine(DESKTOP);
    let laptop_export = export(&laptop);
    laptop.run(&["import", &export(&desktop)]).success();
    desktop.run(&["import", &laptop_export]).success();
    assert_eq!(laptop.progress().unwrap(), desktop.progress().unwrap());
}

#[test]
fn importing_again_has_nothing_to_import_and_writes_nothing() {
    let laptop = machine(LAPTOP);
    let desktop = machine(DESKTOP);
    let file = export(&desktop);
    laptop.run(&["import", &file]).success();
    let before = laptop.progress().unwrap();
    let run = laptop.run(&["import", &file]).success();
    assert!(
        run.stdout.starts_with("nothing to import"),
        "{}",
        run.stdout
    );
    assert_eq!(laptop.progress().unwrap(), before);
}

#[test]
fn import_reads_another_machines_progress_toml() {
    let laptop = machine(LAPTOP);
    let desktop = machine(DESKTOP);
    let run = laptop
        .run(&["import", desktop.progress_path().to_str().unwrap()])
        .success();
    assert!(run.stdout.contains("lora"), "{}", run.stdout);
    assert!(laptop.progress().unwrap().contains("[entry.lora]"));
}

#[test]
fn import_reads_stdin_given_a_dash() {
    let laptop = machine(LAPTOP);
    let out = crate::common::feed(laptop.command(&["import", "-"]), DESKTOP);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.ends_with("imported 3 entries from stdin; `lpath undo` reverts it\n"),
        "{stdout}"
    );
}

#[test]
fn import_into_an_empty_machine_takes_everything() {
    let fresh = Lpath::new();
    let desktop = machine(DESKTOP);
    fresh.run(&["import", &export(&desktop)]).success();
    let json = fresh.run(&["export", "--format", "json"]).success().json();
    let original = desktop
        .run(&["export", "--format", "json"])
        .success()
        .json();
    assert_eq!(json["entries"], original["entries"]);
}

#[test]
fn an_old_alias_lands_on_the_entry_and_unknown_ids_are_kept() {
    let laptop = machine(LAPTOP);
    let file = laptop.root().join("old.toml");
    std::fs::write(
        &file,
        "format = 1\n[entry.transformer]\nstatus = \"skipped\"\nchanged = \"2026-04-01T00:00:00Z\"\n\
         [entry.retired-paper]\nstatus = \"done\"\nchanged = \"2025-01-01T00:00:00Z\"\n",
    )
    .unwrap();
    let run = laptop.run(&["import", file.to_str().unwrap()]).success();
    assert!(
        run.stdout
            .contains("attention-is-all-you-need  done → skipped"),
        "{}",
        run.stdout
    );
    let progress = laptop.progress().unwrap();
    assert!(!progress.contains("[entry.transformer]"), "{progress}");
    assert!(progress.contains("[entry.retired-paper]"), "{progress}");
}

#[test]
fn a_file_that_is_not_progress_is_refused_and_changes_nothing() {
    let laptop = machine(LAPTOP);
    let file = laptop.root().join("notes.json");
    std::fs::write(
        &file,
        "{\"format\": 1, \"entries\": {\"bert\": {\"status\": \"finished\"}}}",
    )
    .unwrap();
    let run = laptop.run(&["import", file.to_str().unwrap()]).failure(1);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was changed"), "{}", run.stderr);
    assert_eq!(laptop.progress().unwrap(), LAPTOP);
}

#[test]
fn a_newer_export_asks_for_an_upgrade() {
    let laptop = machine(LAPTOP);
    let file = laptop.root().join("future.json");
    std::fs::write(&file, "{\"format\": 7, \"entries\": {}}").unwrap();
    let run = laptop.run(&["import", file.to_str().unwrap()]).failure(1);
    assert!(
        run.stderr.contains("newer than this lpath"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("upgrade lpath"), "{}", run.stderr);
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let laptop = machine(LAPTOP);
    // A usage mistake, as a missing `--catalog` file is.
    let run = laptop.run(&["import", "/no/such/export.json"]).failure(2);
    assert!(
        run.stderr.contains("/no/such/export.json"),
        "{}",
        run.stderr
    );
    assert_eq!(laptop.progress().unwrap(), LAPTOP);
}

#[test]
fn an_import_is_undone_by_undo_byte_for_byte() {
    let laptop = machine(LAPTOP);
    let desktop = machine(DESKTOP);
    // A change and its undo leave the file in lpath's own deterministic layout.
    laptop.run(&["start", "lora"]).success();
    laptop.run(&["undo"]).success();
    let before = laptop.progress().unwrap();

    let file = export(&desktop);
    laptop.run(&["import", &file]).success();
    assert_ne!(laptop.progress().unwrap(), before);
    let run = laptop.run(&["undo"]).success();
    assert!(
        run.stdout.starts_with(&format!("undid `import {file}`")),
        "{}",
        run.stdout
    );
    assert_eq!(laptop.progress().unwrap(), before);
}

#[test]
fn json_that_is_not_an_export_is_called_json() {
    let laptop = machine(LAPTOP);
    let file = laptop.root().join("list.json");
    std::fs::write(&file, "[{\"id\": \"bert\", \"status\": \"done\"}]").unwrap();
    let run = laptop.run(&["import", file.to_str().unwrap()]).failure(1);
    run.stderr_has("it is JSON, but not an lpath export");
    assert!(
        !run.stderr.contains("line 1, column 1: invalid"),
        "{}",
        run.stderr
    );
    assert_eq!(laptop.progress().unwrap(), LAPTOP);
}

#[test]
fn records_with_a_bad_id_or_from_the_future_are_refused_and_change_nothing() {
    let laptop = machine(LAPTOP);
    let history = laptop.history();
    let cases = [
        (
            "[entry.\"Not Kebab\"]\nstatus = \"done\"\nchanged = \"2026-03-01T00:00:00Z\"\n",
            "lpath: error: record `Not Kebab` has an id that is not kebab-case\n",
        ),
        (
            "[entry.x]\nstatus = \"done\"\nchanged = \"2030-01-01T00:00:00Z\"\n",
            "lpath: error: record `x` changed 2030-01-01, in the future; check that machine's clock\n",
        ),
        (
            "[entry.x]\nstatus = \"done\"\nchanged = \"2026-03-01T00:00:00Z\"\nfinished = \"2026-04-01T00:00:00Z\"\n",
            "lpath: error: record `x` finished 2026-04-01, in the future; check that machine's clock\n",
        ),
        (
            "[entry.x]\nstatus = \"todo\"\nchanged = \"2026-03-01T00:00:00Z\"\n[[entry.x.notes]]\nat = \"2027-01-01T00:00:00Z\"\ntext = \"hi\"\n",
            "lpath: error: record `x` has a note from 2027-01-01, in the future; check that machine's clock\n",
        ),
    ];
    for (records, error) in cases {
        let file = laptop.root().join("other.toml");
        std::fs::write(&file, format!("format = 1\n{records}")).unwrap();
        let run = laptop
            .run_at("2026-03-10T00:00:00Z", &["import", file.to_str().unwrap()])
            .failure(1);
        assert!(run.stderr.starts_with(error), "{}", run.stderr);
        run.stderr_has("nothing was changed");
        assert_eq!(laptop.progress().unwrap(), LAPTOP);
        assert_eq!(laptop.history(), history);
    }
}

#[test]
fn a_bibtex_file_is_named_as_one_not_as_broken_toml() {
    let lp = Lpath::new();
    let file = lp.root().join("papers.bib");
    std::fs::write(
        &file,
        "@article{vaswani2017,\n  title = {Attention Is All You Need},\n}\n",
    )
    .unwrap();
    let run = lp.run(&["import", file.to_str().unwrap()]).failure(1);
    run.stderr_has("it looks like BibTeX");
    assert!(!run.stderr.contains("TOML"), "{}", run.stderr);
    assert_eq!(lp.progress(), None);
}

#[test]
fn a_progress_file_saved_with_crlf_line_ends_imports_its_multi_line_note() {
    // As a file comes back from Windows, or from a checkout with git's `autocrlf`.
    let lp = Lpath::new();
    let file = lp.root().join("crlf.toml");
    let text = "format = 1\n\n[entry.bert]\nstatus = \"done\"\nchanged = \"2026-03-01T10:00:00Z\"\n\n[[entry.bert.notes]]\nat = \"2026-03-01T10:00:00Z\"\ntext = \"\"\"one\ntwo\"\"\"\n";
    std::fs::write(&file, text.replace('\n', "\r\n")).unwrap();
    lp.run_at("2026-03-05T12:00:00Z", &["import", file.to_str().unwrap()])
        .success();
    let bert = lp.run(&["show", "bert", "--json"]).success().json();
    assert_eq!(bert["notes"][0]["text"], "one\ntwo");
    // And the progress file itself, hand-saved the same way.
    let lp = Lpath::new();
    lp.write_progress(&text.replace('\n', "\r\n"));
    let bert = lp.run(&["show", "bert", "--json"]).success().json();
    assert_eq!(bert["notes"][0]["text"], "one\ntwo");
}

#[test]
fn every_time_up_to_a_day_ahead_is_taken_and_a_second_more_is_refused() {
    // At 2026-03-10T00:00:00Z a record may be up to 24 hours ahead (time zones, a clock a little
    // off), and not a second more: that is what keeps a wrong clock from winning every merge.
    let records = [
        ("changed", "status = \"done\"\nchanged = \"{t}\"\n"),
        (
            "started",
            "status = \"reading\"\nchanged = \"2026-03-01T00:00:00Z\"\nstarted = \"{t}\"\n",
        ),
        (
            "finished",
            "status = \"done\"\nchanged = \"2026-03-01T00:00:00Z\"\nfinished = \"{t}\"\n",
        ),
        (
            "has a note from",
            "status = \"todo\"\nchanged = \"2026-03-01T00:00:00Z\"\n[[entry.x.notes]]\nat = \"{t}\"\ntext = \"hi\"\n",
        ),
    ];
    for (what, record) in records {
        for (at, taken) in [
            ("2026-03-10T23:59:59Z", true),
            ("2026-03-11T00:00:00Z", true),
            ("2026-03-11T00:00:01Z", false),
        ] {
            let laptop = machine(LAPTOP);
            let file = laptop.root().join("other.toml");
            let text = format!("format = 1\n[entry.x]\n{}", record.replace("{t}", at));
            std::fs::write(&file, &text).unwrap();
            let run = laptop.run_at("2026-03-10T00:00:00Z", &["import", file.to_str().unwrap()]);
            if taken {
                assert_eq!(run.code, 0, "{what} {at}: {run:#?}");
                let saved = laptop.progress().unwrap();
                assert!(saved.contains(at), "{what} {at}:\n{saved}");
            } else {
                let run = run.failure(1);
                assert!(
                    run.stderr.starts_with(&format!(
                        "lpath: error: record `x` {what} 2026-03-11, in the future"
                    )),
                    "{what} {at}: {}",
                    run.stderr
                );
                assert_eq!(laptop.progress().unwrap(), LAPTOP);
            }
        }
    }
}

#[test]
fn a_missing_file_is_a_usage_error_whether_imported_or_a_catalog() {
    let lp = Lpath::new();
    let missing = lp.root().join("missing.json");
    let missing = missing.to_str().unwrap();
    let import = lp.run(&["import", missing]).failure(2);
    let catalog = lp.run(&["--catalog", missing, "list"]).failure(2);
    let check = lp.run(&["catalog", "check", missing]).failure(2);
    for run in [import, catalog, check] {
        assert!(run.stderr.starts_with("lpath: error: "), "{}", run.stderr);
    }
    // README's exit codes say so, in one rule.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("an `import` file, a `--catalog` file or a `catalog check` file"));
}
