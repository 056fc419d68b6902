//! Attack 7: the undo journal stores what a change changed, not whole records, and a change
//! adds to it without parsing what is already there.

use crate::common::Lpath;

/// A progress file where `bert` has `count` notes.
fn many_notes(count: usize) -> String {
    let mut text = String::from(
        "format = 1\n\n[entry.bert]\nstatus = \"reading\"\nchanged = \"2026-01-01T00:00:00Z\"\n",
    );
    for n in 0..count {
        text.push_str(&format!(
            "\n[[entry.bert.notes]]\nat = \"2026-01-01T00:00:00Z\"\ntext = \"an old thought, number {n}\"\n"
        ));
    }
    text
}

#[test]
fn a_note_on_an_entry_with_thousands_of_notes_journals_only_the_new_note() {
    let lp = Lpath::new();
    lp.write_progress(&many_notes(5_000));
    for k in 0..10 {
        lp.run(&["note", "bert", &format!("new thought {k}")])
            .success();
    }
    let journal = lp.history().unwrap();
    assert!(
        journal.len() < 4_000,
        "10 notes made a journal of {} bytes",
        journal.len()
    );
    for k in (0..10).rev() {
        lp.run(&["undo"]).success();
        let progress = lp.progress().unwrap();
        assert!(!progress.contains(&format!("new thought {k}")));
    }
    assert_eq!(
        lp.progress().unwrap().matches("an old thought").count(),
        5_000
    );
}

#[test]
fn a_change_never_parses_the_older_changes_in_the_journal() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    lp.run(&["done", "roberta"]).success();
    // Spoil the older change only: a change reads the header and appends.
    let journal = lp.history().unwrap();
    let spoiled = journal.replacen("description = \"done bert\"", "description = 7", 1);
    assert_ne!(spoiled, journal);
    std::fs::write(lp.history_path(), &spoiled).unwrap();
    lp.run(&["done", "gpt-1"]).success();
    lp.run(&["undo"]).success().stdout_has("gpt-1");
    lp.run(&["undo"]).success().stdout_has("roberta");
    lp.run(&["undo"])
        .failure(1)
        .stderr_has("cannot read history file");
}

#[test]
fn reset_all_then_undo_restores_every_record_with_its_notes() {
    let lp = Lpath::new();
    lp.write_progress(&many_notes(50));
    lp.run(&["done", "roberta"]).success();
    let before = lp.progress().unwrap();
    lp.run(&["reset", "--all", "--yes"]).success();
    lp.run(&["undo"]).success();
    assert_eq!(lp.progress().unwrap(), before);
}
