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
        "▸ 2026-03-02 08:15  skip a3c --on yesterday\n\
         \x20 2026-03-01 10:00  note bert\n\
         \x20 2026-03-01 09:00  done bert, roberta\n\
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
        run.stdout.starts_with("▸ 2026-03-01 10:00  note bert\n"),
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

#[test]
fn log_names_each_entry_once_and_lists_those_a_command_does_not_name() {
    let lp = three_changes();
    let file = lp.root().join("other.json");
    let other = Lpath::new();
    other.run(&["done", "gpt-1"]).success();
    let export = other.run(&["export", "--format", "json"]).success();
    std::fs::write(&file, &export.stdout).unwrap();
    lp.run(&["import", file.to_str().unwrap()]).success();
    let log = lp.run(&["log"]).success().stdout;
    for line in log.lines() {
        for id in ["bert", "roberta", "a3c", "gpt-1"] {
            let named = line
                .split([' ', ',', '(', ')'])
                .filter(|word| *word == id)
                .count();
            assert!(named <= 1, "`{id}` named {named} times: {line}");
        }
    }
    // An import's line does not name the entries in its command, so it lists them.
    let import = log.lines().next().unwrap();
    assert!(
        import.contains("import ") && import.ends_with("(gpt-1)"),
        "{log}"
    );
}

#[test]
fn an_on_value_with_a_space_is_quoted_so_the_line_pastes_back_into_a_shell() {
    let lp = Lpath::new();
    lp.run_at(
        "2026-03-02T08:15:00Z",
        &["done", "bert", "--on", "2026-03-01 22:30"],
    )
    .success();
    let finished = lp.entry_json("bert")["finished"].clone();
    assert!(
        finished.as_str().unwrap().starts_with("2026-03-01"),
        "{finished}"
    );
    let log = lp.run(&["log"]).success().stdout;
    let line = log.lines().next().unwrap();
    assert!(line.ends_with("done bert --on '2026-03-01 22:30'"), "{log}");
    // The command as a shell splits it (single quotes keep a space), run again after an undo.
    let command = line.split("  ").nth(1).unwrap();
    let mut words: Vec<String> = Vec::new();
    let mut quoted = false;
    let mut word = String::new();
    for c in command.chars() {
        match c {
            '\'' => quoted = !quoted,
            ' ' if !quoted => words.push(std::mem::take(&mut word)),
            _ => word.push(c),
        }
    }
    words.push(word);
    assert_eq!(words, ["done", "bert", "--on", "2026-03-01 22:30"]);
    lp.run(&["undo"]).success();
    let args: Vec<&str> = words.iter().map(String::as_str).collect();
    lp.run_at("2026-03-02T08:15:00Z", &args).success();
    assert_eq!(lp.entry_json("bert")["finished"], finished);
}

#[test]
fn log_n_0_shows_no_line_and_points_at_no_marker() {
    let lp = three_changes();
    for (lang, marker) in [("en", "marked"), ("zh", "标有")] {
        let run = lp.run(&["--lang", lang, "log", "-n", "0"]).success();
        assert!(!run.stdout.contains(marker), "{}", run.stdout);
        assert!(!run.stdout.contains('▸'), "{}", run.stdout);
        assert!(run.stdout.contains('3'), "{}", run.stdout);
    }
}
