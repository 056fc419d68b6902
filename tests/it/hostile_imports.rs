//! Attacks 2, 3 and 12: an import file built to break `import` neither panics, nor loses notes,
//! nor prints nonsense.

use crate::common::Lpath;

fn import_json(lp: &Lpath, json: &serde_json::Value) -> crate::common::Run {
    let file = lp.root().join("in.json");
    std::fs::write(&file, json.to_string()).unwrap();
    lp.run_at("2026-03-05T12:00:00Z", &["import", file.to_str().unwrap()])
}

#[test]
fn an_id_of_65536_characters_is_imported_without_a_panic() {
    let lp = Lpath::new();
    let id = "a".repeat(65_536);
    let json = serde_json::json!({"format": 1, "entries": {
        id.clone(): {"status": "done", "changed": "2026-03-02T10:00:00Z"},
        "bert": {"status": "done", "changed": "2026-03-02T10:00:00Z"}}});
    let run = import_json(&lp, &json).success();
    run.stdout_has("imported 2 entries");
    assert!(
        run.stdout.len() < 70_000,
        "no line padded to the longest id"
    );
    lp.run(&["undo"]).success();
}

#[test]
fn two_equal_notes_in_the_same_second_survive_importing_your_own_export() {
    let lp = Lpath::new();
    lp.write_progress(
        "format = 1\n\n[entry.bert]\nstatus = \"reading\"\nchanged = \"2026-03-02T10:00:00Z\"\n\n\
         [[entry.bert.notes]]\nat = \"2026-03-02T10:05:00Z\"\ntext = \"again\"\n\n\
         [[entry.bert.notes]]\nat = \"2026-03-02T10:05:00Z\"\ntext = \"again\"\n",
    );
    let before = lp.progress().unwrap();
    let export = lp.run(&["export", "--format", "json"]).success().stdout;
    let file = lp.root().join("mine.json");
    std::fs::write(&file, export).unwrap();
    lp.run(&["import", file.to_str().unwrap()])
        .success()
        .stdout_has("nothing to import");
    assert_eq!(lp.progress().unwrap(), before);
}

#[test]
fn the_same_note_on_both_machines_is_kept_once_and_local_duplicates_stay() {
    let lp = Lpath::new();
    lp.run_at("2026-03-02T10:00:00Z", &["note", "bert", "same"])
        .success();
    lp.run_at("2026-03-02T10:00:00Z", &["note", "bert", "same"])
        .success();
    let json = serde_json::json!({"format": 1, "entries": {"bert": {"status": "todo",
        "changed": "2026-03-02T10:00:00Z",
        "notes": [{"at": "2026-03-02T10:00:00Z", "text": "same"},
                  {"at": "2026-03-03T10:00:00Z", "text": "theirs"}]}}});
    import_json(&lp, &json).success().stdout_has("+1 note");
    let notes = lp.run(&["show", "bert", "--json"]).success().json()["notes"].clone();
    let texts: Vec<&str> = notes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["same", "same", "theirs"]);
}

#[test]
fn a_todo_record_without_notes_is_described_not_an_empty_line() {
    let lp = Lpath::new();
    let json = serde_json::json!({"format": 1, "entries": {
        "bert": {"status": "todo", "changed": "2026-03-02T10:00:00Z"}}});
    let run = import_json(&lp, &json).success();
    let line = run.stdout.lines().next().unwrap();
    assert_eq!(line.trim(), "bert  todo, recorded from the other side");
}

#[test]
fn a_json_import_that_gives_an_id_twice_is_refused_and_changes_nothing() {
    let lp = Lpath::new();
    let file = lp.root().join("twice.json");
    let record = r#"{"status": "done", "changed": "2026-03-02T10:00:00Z"}"#;
    std::fs::write(
        &file,
        format!(r#"{{"format": 1, "entries": {{"bert": {record}, "bert": {record}}}}}"#),
    )
    .unwrap();
    lp.run_at("2026-03-05T12:00:00Z", &["import", file.to_str().unwrap()])
        .failure(1)
        .stderr_has("the id `bert` is given twice");
    assert_eq!(lp.progress(), None);
}

#[test]
fn a_json_export_saved_with_a_byte_order_mark_is_imported() {
    let lp = Lpath::new();
    let file = lp.root().join("bom.json");
    let json = serde_json::json!({"format": 1, "entries": {
        "bert": {"status": "done", "changed": "2026-03-02T10:00:00Z"}}});
    std::fs::write(&file, format!("\u{feff}{json}")).unwrap();
    lp.run_at("2026-03-05T12:00:00Z", &["import", file.to_str().unwrap()])
        .success();
    assert_eq!(lp.entry_json("bert")["status"], "done");
}

#[test]
fn a_leap_second_in_an_import_is_refused_not_read_as_59() {
    let lp = Lpath::new();
    let run = import_json(
        &lp,
        &serde_json::json!({"format": 1, "entries": {
            "bert": {"status": "done", "changed": "2016-12-31T23:59:60Z"}}}),
    );
    run.failure(1).stderr_has("a leap second (`:60`)");
    assert_eq!(lp.progress(), None);
}
