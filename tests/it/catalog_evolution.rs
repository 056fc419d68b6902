//! Catalogs change under a learner's feet: entries are renamed, dropped and brought back.
//! Their progress follows a rename through `aliases`, and is never dropped with an entry.
//! (How one record moves is pinned by the unit tests in src/progress/model.rs; these run the binary.)

use crate::common::Lpath;

#[test]
fn a_record_under_a_bundled_alias_counts_as_done_and_is_never_dropped() {
    let lp = Lpath::new();
    let record = "[entry.transformer]\nstatus = \"done\"\nchanged = \"2025-01-01T00:00:00Z\"\nfinished = \"2025-01-01T00:00:00Z\"\n";
    lp.write_progress(&format!("format = 1\n\n{record}"));
    let list = lp.run(&["list", "--json"]).success().json();
    let paper = crate::common::by_id(&list, "attention-is-all-you-need");
    assert_eq!(paper["status"], "done");
    assert_eq!(paper["finished"], "2025-01-01T00:00:00Z");
    let run = lp.run(&["done", "attention-is-all-you-need"]).success();
    run.stdout_has("already done");
    lp.run(&["done", "bert"]).success();
    assert!(lp.progress().unwrap().contains(record));
}

#[test]
fn an_entry_renamed_in_a_users_catalog_keeps_its_record_through_its_old_id_as_an_alias() {
    let lp = Lpath::new();
    lp.write_catalog(
        "mine.toml",
        &crate::common::catalog("mine", &[("old-name", "")]),
    );
    lp.run_at("2026-01-02T03:04:05Z", &["done", "old-name"])
        .success();
    let record = lp.progress().unwrap();
    assert!(record.contains("[entry.old-name]"), "{record}");
    lp.write_catalog(
        "mine.toml",
        &crate::common::catalog("mine", &[("new-name", "aliases = [\"old-name\"]\n")]),
    );
    let list = lp.run(&["list", "--json"]).success().json();
    let renamed = crate::common::by_id(&list, "new-name");
    assert_eq!(renamed["status"], "done");
    assert_eq!(renamed["finished"], "2026-01-02T03:04:05Z");
    // Dropped from every catalog, the record is still kept through other saves.
    lp.write_catalog(
        "mine.toml",
        &crate::common::catalog("mine", &[("other", "")]),
    );
    lp.run(&["done", "other"]).success();
    assert!(lp.progress().unwrap().contains("[entry.old-name]"));
}
