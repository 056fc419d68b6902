//! The progress file: where it lives, what it keeps, and how it is written. Broken files are in
//! corruption.rs, concurrent runs in concurrency.rs.

use crate::common::Lpath;

#[test]
fn ids_the_catalog_does_not_know_are_kept() {
    let lp = Lpath::new();
    lp.write_progress(
        "format = 1\n\n[entry.a-paper-from-elsewhere]\nstatus = \"done\"\nchanged = \"2025-01-01T00:00:00Z\"\n",
    );
    lp.run(&["done", "bert"]).success();
    let progress = lp.progress().unwrap();
    assert!(
        progress.contains("[entry.a-paper-from-elsewhere]"),
        "{progress}"
    );
    assert!(progress.contains("[entry.bert]"), "{progress}");
}

#[test]
fn xdg_config_home_is_honoured_when_lpath_config_dir_is_unset() {
    let lp = Lpath::new();
    let xdg = lp.root().join("xdg");
    let mut cmd = lp.command(&["done", "bert"]);
    cmd.env_remove("LPATH_CONFIG_DIR")
        .env("XDG_CONFIG_HOME", &xdg)
        .env("HOME", lp.root());
    crate::common::run(cmd).success();
    let saved = std::fs::read_to_string(xdg.join("lpath").join("progress.toml")).unwrap();
    assert!(saved.contains("[entry.bert]"));
}

#[test]
fn relative_lpath_config_dir_is_a_clear_error() {
    let lp = Lpath::new();
    let mut cmd = lp.command(&["list"]);
    cmd.env("LPATH_CONFIG_DIR", "relative/dir");
    let run = crate::common::run(cmd).failure(2);
    run.stderr_has("LPATH_CONFIG_DIR must be an absolute path");
}

#[test]
fn no_temporary_files_are_left_behind() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    assert_eq!(
        lp.files(),
        vec!["history.toml", "progress.lock", "progress.toml"]
    );
}

#[test]
fn a_change_that_changes_nothing_writes_nothing_not_even_a_reformat() {
    let lp = Lpath::new();
    // Hand-edited: a comment, odd spacing, keys out of order. A rewrite would tidy all of it.
    let hand_edited = "# my reading, synced with git\nformat = 1\n\n[entry.roberta]\nchanged   = \"2026-01-02T00:00:00Z\"\nstatus    = \"done\"\n\n[entry.bert]\nstatus = \"done\"\nchanged = \"2026-01-01T00:00:00Z\"\n";
    lp.write_progress(hand_edited);
    let before = std::fs::metadata(lp.progress_path()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let run = lp.run(&["done", "bert", "roberta"]).success();
    run.stdout_has("`bert` is already done");
    assert_eq!(lp.progress().unwrap(), hand_edited);
    assert_eq!(lp.history(), None, "nothing changed, so nothing to undo");
    let after = std::fs::metadata(lp.progress_path()).unwrap();
    assert_eq!(before.modified().unwrap(), after.modified().unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(before.ino(), after.ino(), "the file was replaced");
    }
}

#[test]
fn the_same_progress_reached_in_a_different_order_is_the_same_bytes() {
    let ids = ["roberta", "bahdanau-attention", "gpt-1", "bert"];
    let forwards = Lpath::new();
    let backwards = Lpath::new();
    for id in ids {
        forwards
            .run_at("2026-01-01T00:00:00Z", &["done", id])
            .success();
    }
    for id in ids.iter().rev() {
        backwards
            .run_at("2026-01-01T00:00:00Z", &["done", id])
            .success();
    }
    let text = forwards.progress().unwrap();
    assert_eq!(Some(&text), backwards.progress().as_ref());
    let order: Vec<usize> = ["bahdanau-attention", "bert", "gpt-1", "roberta"]
        .iter()
        .map(|id| text.find(&format!("[entry.{id}]")).unwrap())
        .collect();
    assert!(order.is_sorted(), "entries are sorted by id:\n{text}");
}

#[test]
fn a_change_that_changes_nothing_creates_no_config_dir_and_no_lock_file() {
    let lp = Lpath::new();
    let run = lp
        .run(&["--no-bundled", "reset", "--all", "--yes"])
        .success();
    assert!(run.stdout.starts_with("Nothing to reset"), "{}", run.stdout);
    lp.run(&["reset", "--all", "--yes"]).success();
    lp.run(&["reset", "bert"]).success();
    lp.run(&["undo"]).success();
    let empty = lp.root().join("empty.json");
    std::fs::write(&empty, "{\"format\": 1, \"entries\": {}}").unwrap();
    lp.run(&["import", empty.to_str().unwrap()]).success();
    assert!(!lp.config_dir().exists(), "created {:?}", lp.files());

    lp.run(&["done", "bert"]).success();
    assert!(lp.progress().unwrap().contains("[entry.bert]"));
}

#[test]
fn an_unquoted_toml_date_time_is_read_as_the_moment_it_names() {
    // TOML has date-times of its own; a hand edit may leave one unquoted, with any offset.
    let lp = Lpath::new();
    lp.write_progress(
        "format = 1\n\n[entry.bert]\nstatus = \"done\"\nchanged = 2026-01-01T09:00:00+08:00\n\
         finished = 2026-01-01 01:00:00Z\n\n[[entry.bert.notes]]\nat = 2026-01-01T01:00:00.5Z\n\
         text = \"read it\"\n",
    );
    let bert = lp.run(&["show", "bert", "--json"]).success().json();
    assert_eq!(bert["status"], "done");
    assert_eq!(bert["changed"], "2026-01-01T01:00:00Z");
    assert_eq!(bert["finished"], "2026-01-01T01:00:00Z");
    assert_eq!(bert["notes"][0]["at"], "2026-01-01T01:00:00.5Z");
    // The next save writes them as lpath writes every timestamp.
    lp.run_at("2026-03-01T00:00:00Z", &["done", "roberta"])
        .success();
    let saved = lp.progress().unwrap();
    assert!(
        saved.contains("changed = \"2026-01-01T01:00:00Z\"\nfinished = \"2026-01-01T01:00:00Z\""),
        "{saved}"
    );
}

#[test]
fn notes_with_quotes_backslashes_and_new_lines_come_back_as_they_were_saved() {
    let lp = Lpath::new();
    let notes = [
        "he said \"read it twice\"",
        r"C:\papers\bert.pdf",
        "it's \"the\" one",
    ];
    for note in notes {
        lp.run_at("2026-03-01T00:00:00Z", &["note", "bert", note])
            .success();
    }
    let lines = crate::common::feed(
        lp.command(&["note", "bert", "-"]),
        "line one\nline \"two\"\n",
    );
    assert!(lines.status.success(), "{lines:?}");
    lp.run_at("2026-03-02T00:00:00Z", &["done", "roberta"])
        .success();
    let saved = lp.progress().unwrap();
    // Quoted as `toml` quotes them: the first one as a literal string, nothing escaped.
    assert!(
        saved.contains("text = 'he said \"read it twice\"'"),
        "{saved}"
    );
    let bert = lp.run(&["show", "bert", "--json"]).success().json();
    let texts: Vec<&str> = bert["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "he said \"read it twice\"",
            r"C:\papers\bert.pdf",
            "it's \"the\" one",
            "line one\nline \"two\""
        ]
    );
}
