//! A broken catalog file never stands between a learner and their progress: `catalog check`
//! reports every problem at once, and every other command goes on without that file.

use crate::common::{Lpath, Run, by_id, catalog, entry, ids, position_of};

/// A half-edited catalog with six different mistakes, one of each kind.
fn half_edited() -> String {
    let mut text = catalog("mine", &[]);
    text.push_str(&entry("mine-a", "mine", "colour = \"red\"\n"));
    text.push_str(&entry("mine-b", "mine", "").replace("\"blog\"", "\"article\""));
    text.push_str(&entry("mine-c", "mine", "year = \"2023\"\n"));
    text.push_str(
        &entry("mine-d", "mine", "").replace("https://example.org/mine-d", "ftp://x.org/d"),
    );
    text.push_str(&entry("mine-e", "mine", "requires = [\"bret\"]\n"));
    text.push_str(&entry("bert", "mine", ""));
    text
}

const WARNING: &str = "lpath: warning: left out catalog.d/mine.toml, which has 6 problems; `lpath catalog check` shows them\n";

fn with_half_edited_catalog() -> (Lpath, String) {
    let lp = Lpath::new();
    let text = half_edited();
    lp.write_catalog("mine.toml", &text);
    (lp, text)
}

#[test]
fn six_different_problems_in_one_file_are_reported_in_one_run_with_their_positions() {
    let (lp, text) = with_half_edited_catalog();
    let run = lp.run(&["catalog", "check"]).failure(1);
    let at = |needle: &str| format!("catalog.d/mine.toml:{}: ", position_of(&text, needle));
    let expected = [
        format!("{}unknown key `colour` in a [[entry]]", at("colour")),
        format!(
            "{}unknown kind `article`; use one of paper, blog",
            at("\"article\"")
        ),
        format!("{}`year` must be an integer, not a string", at("\"2023\"")),
        format!(
            "{}url `ftp://x.org/d` is not an http(s) address",
            at("\"ftp:")
        ),
        format!(
            "{}`requires` names `bret`, which no catalog defines; did you mean `bert`?",
            at("\"bret\"")
        ),
        format!(
            "{}`bert` is already defined by entry `bert` in the bundled catalog",
            at("\"bert\"")
        ),
    ];
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{}", run.stdout);
    for (line, expected) in lines.iter().zip(&expected) {
        assert!(
            line.starts_with(expected.as_str()),
            "expected {expected}\ngot {line}"
        );
    }
    // The summary counts exactly the lines printed.
    run.stderr_has("lpath: error: 6 problems in 1 file; nothing was changed");
}

#[test]
fn only_a_file_that_is_not_toml_stops_at_its_first_syntax_error() {
    let lp = Lpath::new();
    lp.write_catalog("mine.toml", "format = 1\n[[entry]\nid = = 2\n");
    lp.write_catalog(
        "other.toml",
        &catalog("other", &[("x", "minutes = 0\n"), ("y", "colour = 1\n")]),
    );
    let run = lp.run(&["catalog", "check"]).failure(1);
    assert_eq!(
        run.stdout.matches("catalog.d/mine.toml:").count(),
        1,
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("catalog.d/other.toml:").count(),
        2,
        "{}",
        run.stdout
    );
    run.stderr_has("3 problems in 2 files");
}

#[test]
fn with_a_broken_file_every_command_works_and_warns_once() {
    let (lp, _) = with_half_edited_catalog();
    let warned = |run: Run| {
        assert_eq!(run.code, 0, "{run:#?}");
        assert_eq!(run.stderr, WARNING);
        run
    };
    warned(lp.run(&["done", "bert"])).stdout_has("done: `bert`");
    let list = warned(lp.run(&["list", "--json"])).json();
    assert_eq!(crate::common::by_id(&list, "bert")["status"], "done");
    warned(lp.run(&["next"])).stdout_has("Next on your path");
    warned(lp.run(&["stats"])).stdout_has("1/140 read");
    // What needs no catalog reads none, so it has nothing to warn about.
    let export = lp.run(&["export", "--format", "json"]).success();
    assert_eq!(export.stderr, "");
    assert_eq!(export.json()["entries"]["bert"]["status"], "done");
    let undo = lp.run(&["undo"]).success();
    assert_eq!(undo.stderr, "");
    undo.stdout_has("undid `done bert`")
        .stdout_has("`bert`: done → todo");
    let file = lp.root().join("export.json");
    std::fs::write(&file, &export.stdout).unwrap();
    warned(lp.run(&["import", file.to_str().unwrap()])).stdout_has("imported 1 entry");
    assert_eq!(lp.entry_json("bert")["status"], "done");
}

#[test]
fn row_numbers_are_refused_while_a_file_is_left_out_and_ids_aliases_and_prefixes_work() {
    let (lp, _) = with_half_edited_catalog();
    let row = ids(&lp.run(&["list", "--json"]).json())
        .iter()
        .position(|id| id == "bert")
        .unwrap()
        + 1;
    let run = lp.run(&["done", &row.to_string()]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "{WARNING}lpath: error: row numbers are not taken while catalog.d/mine.toml is left out: the rows would shift once it is back\n\
             hint: use the id instead: row {row} is `bert` in `lpath list` now\n"
        )
    );
    assert_eq!(lp.progress(), None, "a refused row changes nothing");
    for name in ["bert", "transformer", "flash"] {
        lp.run(&["done", name]).success();
    }
    assert_eq!(lp.entry_json("flash-attention")["status"], "done");
    assert_eq!(lp.entry_json("attention-is-all-you-need")["status"], "done");
}

#[test]
fn progress_for_a_left_out_files_ids_survives_a_done_on_another_entry_byte_for_byte() {
    let lp = Lpath::new();
    let good = catalog("mine", &[("mine-a", ""), ("mine-b", "")]);
    let path = lp.write_catalog("mine.toml", &good);
    lp.run_at("2026-03-01T09:00:00Z", &["done", "mine-a"])
        .success();
    lp.run_at(
        "2026-03-01T09:05:00Z",
        &["note", "mine-a", "kept", "as", "is"],
    )
    .success();
    lp.run_at("2026-03-01T09:10:00Z", &["start", "mine-b"])
        .success();
    let section = |text: &str| {
        let start = text.find("[entry.mine-a]").expect("mine-a's record");
        text[start..].to_string()
    };
    let before = section(&lp.progress().unwrap());

    std::fs::write(&path, good.replace("kind = \"blog\"", "kind = \"article\"")).unwrap();
    lp.run_at("2026-03-02T09:00:00Z", &["done", "bert"])
        .success();
    let after = lp.progress().unwrap();
    assert_eq!(section(&after), before, "{after}");
    assert!(after.contains("[entry.bert]"), "{after}");

    std::fs::write(&path, &good).unwrap();
    assert_eq!(lp.entry_json("mine-a")["status"], "done");
    assert_eq!(lp.entry_json("mine-b")["status"], "reading");
}

#[test]
fn no_bundled_with_only_broken_files_says_the_path_is_empty() {
    let (lp, _) = with_half_edited_catalog();
    for command in ["list", "next"] {
        let run = lp.run(&[command, "--no-bundled"]).success();
        assert_eq!(
            run.stderr,
            "lpath: warning: left out catalog.d/mine.toml, which has 5 problems; `lpath catalog check` shows them\n"
        );
        assert!(
            run.stdout.starts_with(
                "The path is empty: catalog.d/mine.toml is left out for its problems.\n"
            ),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn doctor_reports_the_left_out_file_and_fix_leaves_it_alone() {
    let (lp, text) = with_half_edited_catalog();
    let run = lp.run(&["doctor", "--fix"]).failure(1);
    run.stdout_has(
        "✗ catalog        left out of the path for its problems: catalog.d/mine.toml (6 problems)",
    );
    assert_eq!(run.stderr.matches("warning").count(), 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(lp.catalog_dir().join("mine.toml")).unwrap(),
        text
    );
}

/// What `undo` says about each id, against what `list --json` shows afterwards.
fn statuses(lp: &Lpath, wanted: &[&str]) -> Vec<String> {
    let json = lp.run(&["list", "--json"]).success().json();
    wanted
        .iter()
        .map(|id| by_id(&json, id)["status"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn doctor_fix_then_undo_never_claims_to_restore_the_file_it_moved_aside() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    lp.run(&["start", "ppo"]).success();
    // No record reads (`doctor --fix` keeps those that do, and the history with them).
    let mut broken = lp
        .progress()
        .unwrap()
        .replace("status = \"", "status = \"zz-");
    broken.push_str("this is not toml\n");
    lp.write_progress(&broken);

    let fix = lp.run(&["doctor", "--fix"]).success();
    fix.stdout_has("Moved the unreadable progress file to")
        .stdout_has("Moved the undo history with it, to");
    assert_eq!(lp.progress(), None);
    let undo = lp.run(&["undo"]).success();
    assert_eq!(undo.stdout, "Nothing left to undo.\n");
    assert_eq!(statuses(&lp, &["bert", "ppo"]), ["todo", "todo"]);
    assert!(
        lp.files()
            .iter()
            .any(|f| f.starts_with("history.toml.broken-")),
        "the journal is kept beside the file it belongs to: {:?}",
        lp.files()
    );

    // A new history starts with the next change, and undo says what list then shows.
    lp.run(&["done", "lora"]).success();
    let undo = lp.run(&["undo"]).success();
    undo.stdout_has("`lora`: done → todo");
    assert_eq!(statuses(&lp, &["lora"]), ["todo"]);
}

#[test]
fn undo_never_says_it_restored_what_was_already_gone() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    lp.run(&["start", "ppo"]).success();
    // The progress file replaced by hand: the journal's last change has nothing left to take back.
    lp.write_progress("format = 1\n");
    let undo = lp.run(&["undo"]).success();
    assert!(
        undo.stdout.starts_with("took back `start ppo` (from "),
        "{}",
        undo.stdout
    );
    undo.stdout_has("nothing needed restoring");
    assert!(
        !undo.stdout.contains("restored as it was"),
        "{}",
        undo.stdout
    );
    assert!(!undo.stdout.contains("`ppo`"), "{}", undo.stdout);
    assert_eq!(statuses(&lp, &["bert", "ppo"]), ["todo", "todo"]);
}
