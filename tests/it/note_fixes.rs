//! `lpath note <ID> --edit N` and `--delete N`, both undoable, and notes of several lines from stdin.

use crate::common::{Lpath, Run, feed};

const NOW: &str = "2026-03-01T10:00:00Z";

fn with_two_notes() -> Lpath {
    let lp = Lpath::new();
    lp.run_at("2026-03-01T09:00:00Z", &["note", "bert", "masked LM"])
        .success();
    lp.run_at("2026-03-01T09:30:00Z", &["note", "bert", "next sentnce"])
        .success();
    lp
}

fn notes(lp: &Lpath) -> String {
    lp.run_at(NOW, &["note", "bert"]).success().stdout
}

fn stdin_note(lp: &Lpath, args: &[&str], input: &str) -> Run {
    let mut cmd = lp.command(args);
    cmd.env("LPATH_NOW", NOW);
    let out = feed(cmd, input);
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn notes_are_listed_with_the_numbers_edit_and_delete_take() {
    let lp = with_two_notes();
    assert!(
        notes(&lp)
            .ends_with("  1  2026-03-01 09:00  masked LM\n  2  2026-03-01 09:30  next sentnce\n"),
        "{}",
        notes(&lp)
    );
}

#[test]
fn edit_replaces_the_text_keeps_the_time_and_undo_puts_it_back() {
    let lp = with_two_notes();
    let run = lp
        .run_at(NOW, &["note", "bert", "--edit", "2", "next", "sentence"])
        .success();
    assert_eq!(
        run.stdout,
        "changed note 2 on `bert`; `lpath note bert` shows it\n"
    );
    assert!(
        notes(&lp).ends_with("  2  2026-03-01 09:30  next sentence\n"),
        "{}",
        notes(&lp)
    );
    lp.run_at(NOW, &["undo"])
        .success()
        .stdout_has("undid `note bert --edit 2`");
    assert!(notes(&lp).ends_with("  2  2026-03-01 09:30  next sentnce\n"));
}

#[test]
fn delete_takes_out_one_note_and_undo_brings_it_back() {
    let lp = with_two_notes();
    let run = lp.run_at(NOW, &["note", "bert", "--delete", "1"]).success();
    assert_eq!(run.stdout, "deleted note 1 on `bert`: masked LM\n");
    assert!(
        notes(&lp).ends_with(":\n  1  2026-03-01 09:30  next sentnce\n"),
        "{}",
        notes(&lp)
    );
    lp.run_at(NOW, &["undo"])
        .success()
        .stdout_has("undid `note bert --delete 1`");
    assert!(notes(&lp).contains("  1  2026-03-01 09:00  masked LM\n"));
    assert!(notes(&lp).contains("  2  2026-03-01 09:30  next sentnce\n"));
}

#[test]
fn deleting_the_last_note_of_an_unread_entry_leaves_no_record() {
    let lp = Lpath::new();
    lp.run_at(NOW, &["note", "bert", "only"]).success();
    lp.run_at(NOW, &["note", "bert", "--delete", "1"]).success();
    assert!(!lp.progress().unwrap().contains("[entry.bert]"));
}

#[test]
fn a_note_number_out_of_range_is_a_usage_error_that_changes_nothing() {
    let lp = with_two_notes();
    let before = lp.progress();
    for args in [
        &["note", "bert", "--delete", "3"][..],
        &["note", "bert", "--delete", "0"],
        &["note", "bert", "--edit", "5", "text"],
    ] {
        lp.run_at(NOW, args)
            .failure(2)
            .stderr_has("`bert` has 2 notes; there is no note")
            .stderr_has("hint: `lpath note bert` lists them, numbered from 1");
    }
    assert_eq!(lp.progress(), before);
    let fresh = Lpath::new();
    fresh
        .run_at(NOW, &["note", "bert", "--delete", "1"])
        .failure(2)
        .stderr_has("`bert` has no notes to change");
    assert_eq!(fresh.progress(), None);
}

#[test]
fn edit_needs_text_and_delete_takes_none() {
    let lp = with_two_notes();
    lp.run_at(NOW, &["note", "bert", "--edit", "1"]).failure(2);
    lp.run_at(NOW, &["note", "bert", "--delete", "1", "extra"])
        .failure(2);
}

#[test]
fn a_dash_reads_a_note_of_several_lines_from_stdin() {
    let lp = Lpath::new();
    stdin_note(
        &lp,
        &["note", "bert", "-"],
        "\nFirst thought.  \r\nSecond line,\n  indented.\n\n",
    )
    .success()
    .stdout_has("noted on `bert` (1 note)");
    assert!(
        lp.progress()
            .unwrap()
            .contains("text = \"\"\"\nFirst thought.\nSecond line,\n  indented.\"\"\""),
        "{}",
        lp.progress().unwrap()
    );
    assert!(
        notes(&lp).ends_with(
            "  1  2026-03-01 10:00  First thought.\n                       Second line,\n                         indented.\n"
        ),
        "{}",
        notes(&lp)
    );
    let md = lp.run_at(NOW, &["export"]).success().stdout;
    assert!(md.contains("First thought.\n"), "{md}");
    // Edited from stdin too.
    stdin_note(&lp, &["note", "bert", "--edit", "1", "-"], "one\ntwo\n").success();
    assert!(notes(&lp).contains("10:00  one\n"), "{}", notes(&lp));
}

#[test]
fn stdin_notes_refuse_escapes_emptiness_and_more_than_64_kib() {
    let lp = Lpath::new();
    stdin_note(&lp, &["note", "bert", "-"], "red \u{1b}[31m\n")
        .failure(2)
        .stderr_has("control characters");
    stdin_note(&lp, &["note", "bert", "-"], " \n\n")
        .failure(2)
        .stderr_has("a note needs some text");
    stdin_note(&lp, &["note", "bert", "-"], &"x".repeat(65 * 1024))
        .failure(2)
        .stderr_has("at most 64 KiB");
    assert_eq!(lp.progress(), None);
}

#[test]
fn a_note_of_one_line_from_arguments_still_refuses_a_new_line_and_says_how() {
    let lp = Lpath::new();
    lp.run(&["note", "bert", "two\nlines"])
        .failure(2)
        .stderr_has("`lpath note bert -`");
}
