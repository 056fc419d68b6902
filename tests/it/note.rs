//! `lpath note`: timestamped notes on an entry, kept by id.

use crate::common::Lpath;

#[test]
fn note_adds_a_timestamped_note_stored_in_utc_and_shown_in_local_time() {
    let lp = Lpath::new();
    let run = lp
        .run_at(
            "2026-03-01T15:30:00Z",
            &["note", "bert", "masked", "LM", "idea"],
        )
        .success();
    assert_eq!(
        run.stdout,
        "noted on `bert` (1 note); `lpath note bert` shows them.\n"
    );
    lp.run_at("2026-03-01T16:45:00Z", &["note", "bert", "second thought"])
        .success();
    let progress = lp.progress().unwrap();
    assert!(
        progress.contains("at = \"2026-03-01T15:30:00Z\"\ntext = \"masked LM idea\""),
        "{progress}"
    );
    let run = lp.run_in("<+08>-8", "2026-03-02T00:00:00Z", &["note", "bert"]);
    assert_eq!(
        run.success().stdout,
        "Notes on `bert` (BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding):\n\
         \x20 1  2026-03-01 23:30  masked LM idea\n\
         \x20 2  2026-03-02 00:45  second thought\n"
    );
}

#[test]
fn a_note_does_not_change_the_status() {
    let lp = Lpath::new();
    lp.run(&["note", "bert", "later"]).success();
    let json = lp.run(&["show", "bert", "--json"]).success().json();
    assert_eq!(json["status"], "todo");
    assert_eq!(json["notes"][0]["text"], "later");
}

#[test]
fn an_entry_without_notes_says_how_to_add_one() {
    let lp = Lpath::new();
    let run = lp.run(&["note", "bert"]).success();
    assert_eq!(
        run.stdout,
        "No notes on `bert` yet; add one with `lpath note bert <text>`.\n"
    );
    assert!(!lp.config_dir().exists(), "reading notes writes nothing");
}

#[test]
fn an_empty_note_or_one_with_control_characters_is_refused() {
    let lp = Lpath::new();
    let run = lp.run(&["note", "bert", "  "]).failure(2);
    assert!(
        run.stderr.contains("a note needs some text"),
        "{}",
        run.stderr
    );
    let run = lp.run(&["note", "bert", "two\nlines"]).failure(2);
    assert!(run.stderr.contains("control characters"), "{}", run.stderr);
    let run = lp.run(&["note", "bert", "\u{1b}[31mred"]).failure(2);
    assert!(run.stderr.contains("control characters"), "{}", run.stderr);
    assert_eq!(lp.progress(), None);
}

#[test]
fn notes_are_kept_by_id_so_they_survive_a_catalog_reorder_or_rename() {
    // A note added by row number is stored under the entry's id, never its position, so a catalog
    // that moves the entry still finds it (the reorder itself is pinned in progress.rs's tests).
    let by_row = Lpath::new();
    let row = by_row.run(&["show", "bert", "--json"]).success().json()["row"].to_string();
    by_row.run(&["note", &row, "by row"]).success();
    let progress = by_row.progress().unwrap();
    assert!(progress.contains("[entry.bert]"), "{progress}");
    assert_eq!(progress.matches("\n[entry.").count(), 1, "{progress}");

    // A renamed entry keeps its old id as an alias: `transformer` is the Transformer paper's.
    let lp = Lpath::new();
    lp.write_progress(
        "format = 1\n\n\
         [entry.bert]\nstatus = \"todo\"\nchanged = \"2025-01-01T00:00:00Z\"\n\n\
         [[entry.bert.notes]]\nat = \"2025-01-01T00:00:00Z\"\ntext = \"kept by id\"\n\n\
         [entry.transformer]\nstatus = \"done\"\nchanged = \"2025-01-01T00:00:00Z\"\n\n\
         [[entry.transformer.notes]]\nat = \"2025-01-02T00:00:00Z\"\ntext = \"kept by alias\"\n",
    );
    let bert = lp.run(&["note", "bert"]).success().stdout;
    assert!(bert.contains("kept by id"), "{bert}");
    let transformer = lp
        .run(&["note", "attention-is-all-you-need"])
        .success()
        .stdout;
    assert!(transformer.contains("kept by alias"), "{transformer}");
    // A new note moves the record to the current id, old notes and status with it.
    lp.run(&["note", "attention-is-all-you-need", "new"])
        .success();
    let progress = lp.progress().unwrap();
    assert!(!progress.contains("[entry.transformer]"), "{progress}");
    let json = lp
        .run(&["show", "attention-is-all-you-need", "--json"])
        .success()
        .json();
    assert_eq!(json["status"], "done");
    assert_eq!(json["notes"].as_array().unwrap().len(), 2);
}

#[test]
fn notes_from_a_hand_edited_file_cannot_drive_the_terminal() {
    let lp = Lpath::new();
    lp.write_progress(
        "format = 1\n[entry.bert]\nstatus = \"todo\"\nchanged = \"2025-01-01T00:00:00Z\"\n\
         [[entry.bert.notes]]\nat = \"2025-01-01T00:00:00Z\"\ntext = \"\\u001b[2Jgone\"\n",
    );
    for args in [&["note", "bert"][..], &["show", "bert"]] {
        let out = lp.run(args).success().stdout;
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(out.contains("\\u{1b}[2Jgone"), "{out}");
    }
}
