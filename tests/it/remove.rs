//! `lpath remove`: takes out what `lpath add` wrote, only that, and never the progress.

use crate::common::{Lpath, catalog, ids};

fn on_path(lp: &Lpath, id: &str) -> bool {
    ids(&lp.run(&["list", "--json"]).success().json()).contains(&id.to_string())
}

#[test]
fn remove_takes_out_an_added_entry_and_keeps_its_progress() {
    let lp = Lpath::new();
    lp.add("mine", &[]).success();
    lp.run_at("2026-02-01T10:00:00Z", &["done", "mine"])
        .success();
    let progress = lp.progress().unwrap();

    let run = lp.run(&["remove", "mine"]).success();
    assert!(
        run.stdout
            .starts_with("removed `mine` from catalog.d/local.toml\n"),
        "{}",
        run.stdout
    );
    assert!(!on_path(&lp, "mine"));
    assert!(!lp.local_catalog().unwrap().contains("\"mine\""));
    assert_eq!(lp.progress().unwrap(), progress, "progress is untouched");

    lp.add("mine", &[]).success();
    let entry = lp.entry_json("mine");
    assert_eq!(entry["status"], "done", "added again, its progress is back");
    assert_eq!(entry["finished"], "2026-02-01T10:00:00Z");
}

#[test]
fn remove_keeps_the_rest_of_local_toml_as_it_was() {
    let lp = Lpath::new();
    lp.add("keep", &[]).success();
    let with_one = lp.local_catalog().unwrap();
    lp.add("drop", &[]).success();
    lp.run(&["remove", "drop"]).success();
    assert_eq!(lp.local_catalog().unwrap(), with_one);
    assert!(on_path(&lp, "keep"));
}

#[test]
fn remove_refuses_entries_defined_anywhere_but_local_toml() {
    let lp = Lpath::new();
    let run = lp.run(&["remove", "bert"]).failure(2);
    assert!(
        run.stderr.starts_with(
            "lpath: error: `bert` is defined in the bundled catalog; `lpath remove` only removes what `lpath add` wrote"
        ),
        "{}",
        run.stderr
    );

    let mine = catalog("mine", &[("shared-paper", "")]);
    lp.write_catalog("mine.toml", &mine);
    let run = lp.run(&["remove", "shared-paper"]).failure(2);
    assert!(
        run.stderr
            .contains("`shared-paper` is defined in catalog.d/mine.toml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: edit catalog.d/mine.toml by hand"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(lp.catalog_dir().join("mine.toml")).unwrap(),
        mine
    );
}

#[test]
fn remove_refuses_an_entry_that_others_still_name() {
    let lp = Lpath::new();
    lp.add("base", &[]).success();
    lp.add("builds-on-it", &["--requires", "base"]).success();
    lp.add("explains-it", &["--companion-of", "base", "--kind", "blog"])
        .success();
    let before = lp.local_catalog().unwrap();
    let run = lp.run(&["remove", "base"]).failure(2);
    assert!(
        run.stderr
            .starts_with("lpath: error: `base` is required by `builds-on-it`, and has companions that explain it: `explains-it`\n"),
        "{}",
        run.stderr
    );
    assert_eq!(lp.local_catalog().unwrap(), before);

    lp.run(&["remove", "builds-on-it"]).success();
    lp.run(&["remove", "explains-it"]).success();
    lp.run(&["remove", "base"]).success();
}

#[test]
fn remove_of_an_unknown_id_suggests_the_closest_and_writes_nothing() {
    let lp = Lpath::new();
    lp.add("my-paper", &[]).success();
    let before = lp.local_catalog().unwrap();
    let run = lp.run(&["remove", "my-papr"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: no entry `my-papr`\nhint: did you mean `my-paper`?\n"
    );
    // A prefix is not enough to take something away.
    lp.run(&["remove", "my"]).failure(2);
    assert_eq!(lp.local_catalog().unwrap(), before);
}

#[test]
fn remove_says_which_entries_require_the_one_it_refuses() {
    let lp = Lpath::new();
    lp.add("base", &[]).success();
    lp.add("builds-on-it", &["--requires", "base"]).success();
    let run = lp.run(&["remove", "base"]).failure(2);
    assert!(
        run.stderr
            .starts_with("lpath: error: `base` is required by `builds-on-it`\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn remove_takes_the_row_number_list_shows() {
    let lp = Lpath::new();
    lp.add("my-paper", &[]).success();
    let row = lp.entry_json("my-paper")["row"].as_u64().expect("a row");
    lp.run(&["remove", &row.to_string()])
        .success()
        .stdout_has("removed `my-paper`");
    // A row that names a bundled entry is refused like its id.
    lp.run(&["remove", "1"])
        .failure(2)
        .stderr_has("is defined in the bundled catalog");
}

#[test]
fn remove_takes_several_ids_and_removes_all_or_none() {
    let lp = Lpath::new();
    for id in ["one", "two", "three"] {
        lp.add(id, &[]).success();
    }
    // `bert` is bundled: nothing goes, not even the entries named before it.
    let before = lp.local_catalog().unwrap();
    lp.run(&["remove", "one", "bert"]).failure(2);
    assert_eq!(lp.local_catalog().unwrap(), before);
    let run = lp.run(&["remove", "one", "three"]).success();
    run.stdout_has("removed `one` from catalog.d/local.toml\n");
    run.stdout_has("removed `three` from catalog.d/local.toml\n");
    assert!(!on_path(&lp, "one") && !on_path(&lp, "three"));
    assert!(on_path(&lp, "two"));
}

#[test]
fn remove_takes_an_entry_with_what_requires_it_in_one_go() {
    let lp = Lpath::new();
    lp.add("base", &[]).success();
    lp.add("built", &["--requires", "base"]).success();
    lp.run(&["remove", "base"]).failure(2);
    lp.run(&["remove", "base", "built"]).success();
    assert!(!on_path(&lp, "base") && !on_path(&lp, "built"));
}
