//! `lpath undo`: every change to the progress can be reverted, newest first, byte for byte.

use crate::common::Lpath;

/// A learner with some history: read, reading, skipped, and a note.
fn learner() -> Lpath {
    let lp = Lpath::new();
    lp.run_at(
        "2026-03-01T09:00:00Z",
        &["done", "bahdanau-attention", "ulmfit"],
    )
    .success();
    lp.run_at("2026-03-01T10:00:00Z", &["start", "bert"])
        .success();
    lp.run_at("2026-03-01T11:00:00Z", &["skip", "a3c"])
        .success();
    lp.run_at("2026-03-01T12:00:00Z", &["note", "bert", "masks!"])
        .success();
    lp
}

#[test]
fn undo_after_each_kind_of_change_restores_the_previous_file() {
    let changes: &[&[&str]] = &[
        &["done", "bert", "roberta"],
        &["start", "roberta"],
        &["start", "a3c"],
        &["skip", "bert"],
        &["reset", "bert"],
        &["reset", "ulmfit", "a3c"],
        &["reset", "--all", "--yes"],
        &["note", "bert", "a second note"],
        &["note", "gpt-1", "a note on an entry with no record yet"],
        &["note", "transformer", "via an alias"],
    ];
    for change in changes {
        let lp = learner();
        let before = lp.progress().unwrap();
        lp.run_at("2026-03-02T09:00:00Z", change).success();
        assert_ne!(lp.progress().unwrap(), before, "{change:?} changed nothing");
        let run = lp.run(&["undo"]).success();
        assert!(
            run.stdout.starts_with(&format!("undid `{}", change[0])),
            "{change:?}: {}",
            run.stdout
        );
        assert_eq!(lp.progress().unwrap(), before, "after undoing {change:?}");
    }
}

#[test]
fn undo_says_what_it_reverted() {
    let lp = learner();
    lp.run_in(
        "<+08>-8",
        "2026-03-02T09:00:00Z",
        &["done", "bert", "roberta"],
    )
    .success();
    let run = lp.run_in("<+08>-8", "2026-03-02T10:00:00Z", &["undo"]);
    assert_eq!(
        run.success().stdout,
        "undid `done bert, roberta` (from 2026-03-02 17:00)\n  \
         `bert`: done → reading\n  \
         `roberta`: done → todo\n\
         4 earlier changes can still be undone.\n"
    );
}

#[test]
fn undoing_the_first_change_leaves_no_progress_file() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    lp.run(&["undo"]).success();
    assert_eq!(lp.progress(), None);
    assert_eq!(
        lp.run(&["list", "--json"]).success().json()[0]["status"],
        "todo"
    );
}

#[test]
fn a_hundred_changes_can_be_undone_in_order() {
    let lp = Lpath::new();
    let ids = ["bert", "roberta", "gpt-1", "bart", "ulmfit"];
    let mut snapshots = vec![lp.progress()];
    for n in 0..100 {
        // Each entry in turn goes through every kind of change, so each one changes something.
        let id = ids[(n / 5) % ids.len()];
        let now = format!("2026-03-01T{:02}:{:02}:00Z", n / 60, n % 60);
        let args: Vec<&str> = match n % 5 {
            0 => vec!["start", id],
            1 => vec!["note", id, "a thought"],
            // Skip before done: a done entry is not skipped again without a reset.
            2 => vec!["skip", id],
            3 => vec!["done", id],
            _ => vec!["reset", id],
        };
        lp.run_at(&now, &args).success();
        let now_text = lp.progress();
        assert_ne!(
            snapshots.last(),
            Some(&now_text),
            "change {n} changed nothing"
        );
        snapshots.push(now_text);
    }
    snapshots.pop();
    while let Some(expected) = snapshots.pop() {
        lp.run(&["undo"]).success();
        assert_eq!(lp.progress(), expected, "{} undos left", snapshots.len());
    }
    let run = lp.run(&["undo"]).success();
    assert_eq!(run.stdout, "Nothing left to undo.\n");
}

#[test]
fn undo_is_not_a_change_itself_so_repeated_undo_walks_back() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let one = lp.progress();
    lp.run(&["done", "roberta"]).success();
    lp.run(&["undo"]).success();
    assert_eq!(lp.progress(), one);
    lp.run(&["undo"]).success();
    assert_eq!(lp.progress(), None);
    assert_eq!(
        lp.run(&["undo"]).success().stdout,
        "Nothing left to undo.\n"
    );
}

#[test]
fn nothing_to_undo_says_so_and_writes_nothing() {
    let lp = Lpath::new();
    let run = lp.run(&["undo"]).success();
    assert_eq!(run.stdout, "Nothing left to undo.\n");
    assert!(!lp.config_dir().exists());
}

#[test]
fn a_change_that_changes_nothing_is_not_journaled() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let history = lp.history().unwrap();
    lp.run(&["done", "bert"]).success();
    lp.run(&["reset", "roberta"]).success();
    lp.run(&["reset", "--all", "--yes"]).success();
    lp.run(&["reset", "--all", "--yes"]).success();
    assert_eq!(lp.history().unwrap().matches("[[change]]").count(), 2);
    lp.run(&["undo"]).success();
    assert_eq!(lp.history().unwrap(), history);
}

#[test]
fn an_unreadable_history_is_reported_and_never_overwritten() {
    let lp = learner();
    let progress = lp.progress().unwrap();
    let garbage = "format = 1\n[[change]\n";
    std::fs::write(lp.history_path(), garbage).unwrap();
    for args in [&["done", "roberta"][..], &["undo"], &["note", "bert", "x"]] {
        let run = lp.run(args).failure(1);
        assert!(
            run.stderr.contains(&format!(
                "cannot read history file `{}`",
                lp.history_path().display()
            )),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("hint: lpath will not overwrite it"),
            "{}",
            run.stderr
        );
        assert_eq!(lp.history().unwrap(), garbage);
        assert_eq!(lp.progress().unwrap(), progress);
    }
}

#[test]
fn a_newer_history_says_upgrade() {
    let lp = learner();
    std::fs::write(lp.history_path(), "format = 3\n").unwrap();
    let run = lp.run(&["undo"]).failure(1);
    assert!(run.stderr.contains("upgrade lpath"), "{}", run.stderr);
    assert_eq!(lp.history().unwrap(), "format = 3\n");
}

#[test]
fn undo_restores_entries_no_catalog_knows() {
    let lp = Lpath::new();
    let original = "# lpath progress: what you have read. Written by lpath; safe to keep in git.\n\
                    format = 1\n\n\
                    [entry.a-paper-from-elsewhere]\n\
                    status = \"done\"\n\
                    changed = \"2025-01-01T00:00:00Z\"\n";
    lp.write_progress(original);
    lp.run(&["reset", "--all", "--yes"]).success();
    assert!(!lp.progress().unwrap().contains("a-paper-from-elsewhere"));
    lp.run(&["undo"]).success();
    assert_eq!(lp.progress().unwrap(), original);
}
