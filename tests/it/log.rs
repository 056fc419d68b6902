//! `lpath log`: the undo journal, newest first, with the change `undo` reverts next marked.

use crate::common::Lpath;

fn three_changes() -> Lpath {
    let lp = Lpath::new();
    lp.run_at("2026-03-01T09:00:00Z", &["done", "bert", "roberta"])
        .success();
    lp.run_at("2026-03-01T10:00:00Z", &["note", "bert", "good"])
        .success();
    lp.run_at(
        "2026-03-02T08:15:00Z",
        &["skip", "a3c", "--on", "yesterday"],
    )
    .success();
    lp
}

#[test]
fn log_lists_time_command_and_entries_newest_first_marking_the_next_undo() {
    let lp = three_changes();
    let run = lp.run(&["log"]).success();
    assert_eq!(
        run.stdout,
        "▸ 2026-03-02 08:15  skip a3c --on yesterday  (a3c)\n\
         \x20 2026-03-01 10:00  note bert  (bert)\n\
         \x20 2026-03-01 09:00  done bert, roberta  (bert, roberta)\n\
         3 changes can be undone; `lpath undo` reverts the one marked ▸ first.\n"
    );
}

#[test]
fn log_after_undo_marks_the_next_change_and_undo_says_how_many_remain() {
    let lp = three_changes();
    lp.run(&["undo"])
        .success()
        .stdout_has("2 earlier changes can still be undone.");
    let run = lp.run(&["log"]).success();
    assert!(
        run.stdout
            .starts_with("▸ 2026-03-01 10:00  note bert  (bert)\n"),
        "{}",
        run.stdout
    );
    run.stdout_has("2 changes can be undone");
}

#[test]
fn log_n_limits_the_lines_and_says_how_many_are_left_out() {
    let lp = three_changes();
    let run = lp.run(&["log", "-n", "1"]).success();
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    run.stdout_has("2 older not shown; `lpath log -n 3` shows all.");
}

#[test]
fn log_json_has_every_field_and_the_next_undo() {
    let lp = three_changes();
    let json = lp.run(&["log", "--json", "-n", "2"]).success().json();
    assert_eq!(
        json,
        serde_json::json!([
            {"at": "2026-03-02T08:15:00Z", "command": "skip a3c --on yesterday",
             "entries": ["a3c"], "next_undo": true},
            {"at": "2026-03-01T10:00:00Z", "command": "note bert",
             "entries": ["bert"], "next_undo": false},
        ])
    );
}

#[test]
fn an_empty_journal_says_what_log_will_show_and_writes_nothing() {
    let lp = Lpath::new();
    lp.run(&["log"]).success().stdout_has("No changes yet");
    assert_eq!(
        lp.run(&["log", "--json"]).success().json(),
        serde_json::json!([])
    );
    assert!(!lp.config_dir().exists());
}

#[test]
fn log_works_while_a_catalog_is_broken_and_never_prints_control_characters() {
    let lp = three_changes();
    lp.write_catalog("broken.toml", "format = 1\n[[entry]]\nid = 3\n");
    let history = lp.history().unwrap().replace(
        "description = \"note bert\"",
        "description = \"note \\u001b[2Jbert\"",
    );
    std::fs::write(lp.history_path(), history).unwrap();
    let run = lp.run(&["log"]).success();
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    run.stdout_has("note \\u{1b}[2Jbert");
}

#[test]
fn log_is_in_chinese_too() {
    let lp = three_changes();
    lp.run(&["--lang", "zh", "log"])
        .success()
        .stdout_has("可撤销 3 项改动");
}
