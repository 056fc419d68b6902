//! Catalogs change under a learner's feet: entries are renamed, dropped and brought back.
//! Their progress follows a rename through `aliases`, and is never dropped with an entry.

use crate::common::Lpath;
use jiff::Timestamp;
use lpath::catalog::model::{Catalog, Entry, Source};
use lpath::progress::model::{Progress, Record, Status};
use proptest::prelude::*;

/// A catalog of one track holding the given entries, each `(id, aliases)`.
fn catalog(entries: &[(&str, &[&str])]) -> Catalog {
    let mut text = String::from("format = 1\n\n[[track]]\nid = \"t\"\ntitle = \"Track\"\n");
    for (id, aliases) in entries {
        let aliases: Vec<String> = aliases.iter().map(|a| format!("\"{a}\"")).collect();
        text.push_str(&format!(
            "\n[[entry]]\nid = \"{id}\"\nkind = \"paper\"\ntitle = \"Title of {id}\"\ntrack = \"t\"\nurl = \"https://example.org/{id}\"\naliases = [{}]\n",
            aliases.join(", ")
        ));
    }
    Catalog::build(&[Source {
        name: "test.toml".into(),
        text,
    }])
    .unwrap_or_else(|problems| panic!("the test catalog is invalid: {problems:?}"))
}

fn entry<'a>(catalog: &'a Catalog, id: &str) -> &'a Entry {
    let index = catalog.get(id).unwrap_or_else(|| panic!("no `{id}`"));
    &catalog.entries[index]
}

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_780_000_000 + seconds).unwrap()
}

/// Progress with one entry of `catalog` set to `status`, saved and loaded again.
fn saved_with(catalog: &Catalog, id: &str, status: Status) -> Progress {
    let mut progress = Progress::default();
    progress.mark(entry(catalog, id), status, at(1));
    saved(&progress)
}

/// Saves and loads again, as the next run of lpath would.
fn saved(progress: &Progress) -> Progress {
    Progress::parse(&progress.to_toml()).expect("what lpath writes, it reads")
}

#[test]
fn an_entry_renamed_with_its_old_id_as_an_alias_keeps_its_record() {
    let before = catalog(&[("attention", &[])]);
    let progress = saved_with(&before, "attention", Status::Done);

    let after = catalog(&[("attention-is-all-you-need", &["attention"])]);
    let renamed = entry(&after, "attention-is-all-you-need");
    assert_eq!(progress.status(renamed), Status::Done);
    assert_eq!(progress.record(renamed).unwrap().finished, Some(at(1)));
}

#[test]
fn a_renamed_entrys_record_moves_to_the_new_id_on_its_next_change_with_its_history() {
    let before = catalog(&[("attention", &[])]);
    let mut progress = saved_with(&before, "attention", Status::Reading);

    let after = catalog(&[("attention-is-all-you-need", &["attention"])]);
    let renamed = entry(&after, "attention-is-all-you-need");
    assert!(progress.mark(renamed, Status::Done, at(2)));
    let progress = saved(&progress);
    assert_eq!(
        progress.entries.keys().collect::<Vec<_>>(),
        ["attention-is-all-you-need"]
    );
    let record = progress.record(renamed).unwrap();
    assert_eq!(record.status, Status::Done);
    assert_eq!(record.started, Some(at(1)), "the start survives the move");
    assert_eq!(record.finished, Some(at(2)));
}

#[test]
fn a_record_follows_an_entry_renamed_twice() {
    let first = catalog(&[("attention", &[])]);
    let progress = saved_with(&first, "attention", Status::Done);

    let third = catalog(&[(
        "transformer-paper",
        &["attention-is-all-you-need", "attention"],
    )]);
    assert_eq!(
        progress.status(entry(&third, "transformer-paper")),
        Status::Done
    );
}

#[test]
fn a_record_for_an_entry_the_catalog_dropped_survives_saves_and_comes_back_with_it() {
    let full = catalog(&[("kept", &[]), ("dropped", &[]), ("later", &[])]);
    let mut progress = Progress::default();
    progress.mark(entry(&full, "dropped"), Status::Done, at(1));
    progress.add_note(
        entry(&full, "dropped"),
        "read twice; section 3 is the key",
        at(2),
    );
    let original: Record = progress.entries["dropped"].clone();

    // Several runs with a catalog that no longer lists it, each changing something else.
    let without = catalog(&[("kept", &[]), ("later", &[])]);
    let mut progress = saved(&progress);
    for (step, (id, status)) in [
        ("kept", Status::Reading),
        ("later", Status::Done),
        ("kept", Status::Done),
        ("later", Status::Todo),
    ]
    .into_iter()
    .enumerate()
    {
        assert!(progress.mark(entry(&without, id), status, at(10 + step as i64)));
        progress = saved(&progress);
        assert_eq!(
            progress.entries.get("dropped"),
            Some(&original),
            "step {step}"
        );
    }

    let back = catalog(&[("kept", &[]), ("dropped", &[]), ("later", &[])]);
    let returned = entry(&back, "dropped");
    assert_eq!(progress.status(returned), Status::Done);
    assert_eq!(progress.record(returned), Some(&original));
}

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever a learner does to the entries a catalog knows, the records it does not know
    /// come through every save exactly as they were.
    #[test]
    fn records_no_catalog_knows_survive_any_sequence_of_changes(
        steps in prop::collection::vec((0usize..4, 0usize..4, any::<bool>()), 0..24),
    ) {
        let known = ["alpha", "beta", "gamma", "delta"];
        let catalog = catalog(&known.map(|id| (id, &[][..])));
        let mut progress = Progress::default();
        let foreign = catalog_from_elsewhere();
        progress.entries.extend(foreign.entries.clone());
        for (step, (which, status, note)) in steps.into_iter().enumerate() {
            let entry = entry(&catalog, known[which]);
            if note {
                progress.add_note(entry, &format!("note {step}"), at(step as i64));
            } else {
                progress.mark(entry, Status::ALL[status], at(step as i64));
            }
            progress = saved(&progress);
            for (id, record) in &foreign.entries {
                prop_assert_eq!(progress.entries.get(id), Some(record));
            }
        }
    }
}

/// Records written by another catalog: ids this one has never heard of.
fn catalog_from_elsewhere() -> Progress {
    Progress::parse(
        "format = 1\n\n[entry.a-paper-from-elsewhere]\nstatus = \"done\"\nchanged = \"2025-01-01T00:00:00Z\"\nfinished = \"2025-01-01T00:00:00Z\"\n\n[entry.retired-blog]\nstatus = \"reading\"\nchanged = \"2025-02-01T00:00:00Z\"\nstarted = \"2025-02-01T00:00:00Z\"\n\n[[entry.retired-blog.notes]]\nat = \"2025-02-02T00:00:00Z\"\ntext = \"good diagrams\"\n",
    )
    .unwrap()
}
