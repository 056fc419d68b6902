//! `lpath doctor`: a checklist of the config dir, progress file, lock and catalog, and `--fix`,
//! which moves an unreadable progress file aside and never deletes anything.

use crate::common::Lpath;

const NOW: &str = "2026-11-28T15:16:00Z";
const ASIDE: &str = "progress.toml.broken-20261128T151600Z";
const BROKEN: &str = "format = 1\n[entry.bert\nstatus = \"done\"\n";

fn doctor_fix(lp: &Lpath) -> crate::common::Run {
    lp.run_at(NOW, &["doctor", "--fix"])
}

#[test]
fn doctor_on_a_fresh_machine_is_healthy_and_creates_nothing() {
    let lp = Lpath::new();
    let run = lp.run(&["doctor"]).success();
    for line in [
        "✓ config dir",
        "✓ progress file",
        "✓ lock",
        "✓ catalog",
        "✓ unknown ids",
    ] {
        run.stdout_has(line);
    }
    assert!(!run.stdout.contains('✗'), "{}", run.stdout);
    run.stdout_has("No problems found.");
    assert!(!lp.config_dir().exists());
}

#[test]
fn doctor_on_healthy_progress_counts_it_and_leaves_the_config_dir_as_it_was() {
    let lp = Lpath::new();
    lp.run(&["done", "bert", "roberta"]).success();
    let before = lp.progress().unwrap();
    let run = lp.run(&["doctor"]).success();
    run.stdout_has("2 entries (2 done)");
    let config = lp.config_dir().display();
    run.stdout_has(&format!("✓ config dir     `{config}`, writable\n"));
    run.stdout_has(&format!(
        "✓ lock           `{config}/progress.lock`, free\n"
    ));
    assert_eq!(lp.progress().unwrap(), before);
    assert_eq!(
        lp.files(),
        vec!["history.toml", "progress.lock", "progress.toml"]
    );
}

#[test]
fn doctor_lists_ids_the_catalog_no_longer_knows_and_keeps_them() {
    let lp = Lpath::new();
    let text = "format = 1\n\n[entry.a-retired-paper]\nstatus = \"done\"\nchanged = \"2025-01-01T00:00:00Z\"\n\n[entry.bert]\nstatus = \"reading\"\nchanged = \"2025-01-01T00:00:00Z\"\n";
    lp.write_progress(text);
    let run = lp.run(&["doctor"]).success();
    run.stdout_has("1 id not in the catalog, kept");
    run.stdout_has("a-retired-paper  done");
    assert!(!run.stdout.contains("bert  reading"), "{}", run.stdout);
    lp.run(&["doctor", "--fix"]).success();
    assert_eq!(lp.progress().unwrap(), text);
}

#[test]
fn doctor_says_when_a_record_is_kept_under_an_entrys_old_name() {
    let lp = Lpath::new();
    lp.write_progress(
        "format = 1\n\n[entry.transformer]\nstatus = \"done\"\nchanged = \"2025-01-01T00:00:00Z\"\n",
    );
    let run = lp.run(&["doctor"]).success();
    run.stdout_has("`transformer` is now `attention-is-all-you-need`");
    run.stdout_has("none: the catalog knows every entry");
}

#[test]
fn doctor_reports_an_unreadable_progress_file_names_the_fix_and_changes_nothing() {
    let lp = Lpath::new();
    lp.write_progress(BROKEN);
    let run = lp.run(&["doctor"]).failure(1);
    run.stdout_has("✗ progress file");
    run.stdout_has(&lp.progress_path().display().to_string());
    run.stderr_has("hint: run `lpath doctor --fix`");
    assert_eq!(lp.progress().unwrap(), BROKEN);
    assert_eq!(lp.files(), vec!["progress.toml"]);
}

#[test]
fn doctor_fix_moves_an_unreadable_file_aside_with_a_utc_timestamp_and_starts_afresh() {
    let lp = Lpath::new();
    lp.write_progress(BROKEN);
    let run = doctor_fix(&lp).success();
    let aside = lp.config_dir().join(ASIDE);
    run.stdout_has(&aside.display().to_string());
    run.stdout_has("nothing was deleted");
    run.stdout_has("No problems found.");
    assert_eq!(std::fs::read_to_string(&aside).unwrap(), BROKEN);
    assert_eq!(lp.progress(), None);
    lp.run(&["done", "bert"]).success();
    lp.run(&["doctor"]).success();
}

#[test]
fn doctor_fix_twice_in_the_same_second_never_overwrites_the_first_copy() {
    let lp = Lpath::new();
    lp.write_progress(BROKEN);
    doctor_fix(&lp).success();
    lp.write_progress("\u{0}\u{1}");
    let run = doctor_fix(&lp).success();
    run.stdout_has(&format!("{ASIDE}-2"));
    let dir = lp.config_dir();
    assert_eq!(std::fs::read_to_string(dir.join(ASIDE)).unwrap(), BROKEN);
    assert_eq!(
        std::fs::read_to_string(dir.join(format!("{ASIDE}-2"))).unwrap(),
        "\u{0}\u{1}"
    );
}

#[test]
fn doctor_fix_leaves_a_newer_format_alone_and_says_upgrade() {
    let lp = Lpath::new();
    let newer = "format = 2\n[shelf.main]\nentries = []\n";
    lp.write_progress(newer);
    let run = doctor_fix(&lp).failure(1);
    run.stdout_has("left the progress file alone");
    run.stderr_has("upgrade lpath");
    assert_eq!(lp.progress().unwrap(), newer);
    assert_eq!(lp.files(), vec!["progress.toml"]);
}

#[test]
fn doctor_fix_on_a_readable_file_changes_nothing() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let before = lp.progress().unwrap();
    let run = doctor_fix(&lp).success();
    run.stdout_has("nothing to fix");
    assert_eq!(lp.progress().unwrap(), before);
    assert_eq!(
        lp.files(),
        vec!["history.toml", "progress.lock", "progress.toml"]
    );
}

#[test]
fn doctor_fix_moves_a_directory_in_the_progress_files_place_aside_with_its_contents() {
    let lp = Lpath::new();
    std::fs::create_dir_all(lp.progress_path()).unwrap();
    std::fs::write(lp.progress_path().join("keep.txt"), "mine").unwrap();
    lp.run(&["doctor"]).failure(1);
    doctor_fix(&lp).success();
    let moved = lp.config_dir().join(ASIDE).join("keep.txt");
    assert_eq!(std::fs::read_to_string(moved).unwrap(), "mine");
}

#[cfg(unix)]
#[test]
fn doctor_fix_moves_a_dangling_symlink_aside_and_leaves_where_it_pointed() {
    let lp = Lpath::new();
    let target = lp.root().join("synced").join("progress.toml");
    std::fs::create_dir_all(lp.config_dir()).unwrap();
    std::os::unix::fs::symlink(&target, lp.progress_path()).unwrap();
    let run = doctor_fix(&lp).success();
    run.stdout_has("It was a symlink to");
    let aside = lp.config_dir().join(ASIDE);
    assert_eq!(std::fs::read_link(aside).unwrap(), target);
}

#[test]
fn doctor_reports_a_config_dir_that_is_a_file() {
    let lp = Lpath::new();
    std::fs::write(lp.config_dir(), "not a dir").unwrap();
    let run = lp.run(&["doctor", "--fix"]).failure(1);
    run.stdout_has("✗ config dir").stdout_has("is a file");
    for name in ["progress file", "undo history", "lock", "unknown ids"] {
        run.stdout_has(&format!(
            "– {name:<14} not checked: the config dir is not a directory\n"
        ));
    }
    assert!(!run.stdout.contains("✓ progress file"), "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(lp.config_dir()).unwrap(),
        "not a dir"
    );
}

#[test]
fn doctor_reports_a_lock_held_by_a_running_lpath() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let lock = std::fs::File::open(lp.config_dir().join("progress.lock")).unwrap();
    lock.lock().unwrap();
    let run = lp.run(&["doctor"]).failure(1);
    run.stdout_has("✗ lock").stdout_has("held by an lpath");
    lock.unlock().unwrap();
    lp.run(&["doctor"]).success();
}

#[test]
fn doctor_mentions_temporary_files_left_by_interrupted_saves() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    std::fs::write(lp.config_dir().join(".progress.toml.tmp-99-1"), "format =").unwrap();
    let run = lp.run(&["doctor"]).success();
    run.stdout_has("1 temporary file left by interrupted saves");
    lp.run(&["done", "roberta"]).success();
    assert_eq!(
        lp.files(),
        vec!["history.toml", "progress.lock", "progress.toml"]
    );
}

#[test]
fn every_command_that_meets_an_unreadable_file_names_doctor_fix() {
    let lp = Lpath::new();
    lp.write_progress(BROKEN);
    for args in [&["list"][..], &["next"], &["done", "bert"]] {
        lp.run(args).failure(1).stderr_has("`lpath doctor --fix`");
    }
}

#[test]
fn doctor_fix_moves_an_unreadable_undo_history_aside_and_keeps_the_progress() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let progress = lp.progress().unwrap();
    std::fs::write(lp.history_path(), BROKEN).unwrap();
    lp.run(&["done", "roberta"])
        .failure(1)
        .stderr_has("`lpath doctor --fix`");
    lp.run(&["doctor"])
        .failure(1)
        .stdout_has("✗ undo history")
        .stderr_has("start a new undo history");

    let aside = lp.config_dir().join("history.toml.broken-20261128T151600Z");
    doctor_fix(&lp)
        .success()
        .stdout_has(&aside.display().to_string())
        .stdout_has("Your progress is not in it");
    assert_eq!(std::fs::read_to_string(aside).unwrap(), BROKEN);
    assert_eq!(lp.progress().unwrap(), progress);
    lp.run(&["done", "roberta"]).success();
    lp.run(&["undo"]).success();
    assert_eq!(lp.progress().unwrap(), progress);
}

#[test]
fn doctor_fix_moves_both_files_aside_when_both_are_unreadable() {
    let lp = Lpath::new();
    lp.write_progress(BROKEN);
    std::fs::write(lp.history_path(), "\u{0}").unwrap();
    let run = doctor_fix(&lp).success();
    run.stdout_has(ASIDE)
        .stdout_has("history.toml.broken-20261128T151600Z");
    assert_eq!(lp.progress(), None);
    assert_eq!(lp.history(), None);
}

#[test]
fn doctor_reports_a_broken_user_catalog_and_still_checks_everything_else() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    lp.write_catalog("mine.toml", "format = 1\n[[entry]]\nid = \"Not Kebab\"\n");
    let run = lp.run(&["doctor"]).failure(1);
    run.stdout_has("✗ catalog        left out of the path for its problems: catalog.d/mine.toml (")
        .stdout_has("✓ progress file")
        .stdout_has("✓ lock")
        .stdout_has("✓ unknown ids    none: the catalog knows every entry in your progress\n")
        .stderr_has("lpath catalog check");
}

#[cfg(unix)]
#[test]
fn doctor_names_a_config_dir_that_is_a_dangling_symlink_and_runs_no_check_inside_it() {
    let lp = Lpath::new();
    let target = lp.root().join("gone");
    std::os::unix::fs::symlink(&target, lp.config_dir()).unwrap();
    let run = lp.run(&["doctor"]).failure(1);
    run.stdout_has(&format!(
        "✗ config dir     `{}` is a symlink to `{}`, which does not exist\n",
        lp.config_dir().display(),
        target.display()
    ))
    .stdout_has("– progress file  not checked: the config dir is a symlink to nothing\n")
    .stdout_has("– lock           not checked: the config dir is a symlink to nothing\n")
    .stderr_has("doctor found a problem with the config dir");
    assert!(!run.stdout.contains("✓ lock"), "{}", run.stdout);
}

#[test]
fn doctor_fix_keeps_every_record_that_still_reads_and_the_undo_history() {
    let lp = Lpath::new();
    lp.run(&["done", "bert", "gpt-1"]).success();
    lp.run(&["note", "bert", "masked LM"]).success();
    lp.run(&["start", "roberta"]).success();
    let good = lp.progress().unwrap();
    // One garbage line appended: every record before it still reads.
    std::fs::write(lp.progress_path(), format!("{good}garbage = = line\n")).unwrap();
    let run = doctor_fix(&lp).success();
    run.stdout_has("nothing was deleted");
    for id in ["`bert`", "`gpt-1`", "`roberta`"] {
        run.stdout_has(id);
    }
    run.stdout_has("dropped the 1 line");
    run.stdout_has("Kept the undo history");
    assert_eq!(lp.progress().unwrap(), good, "the records as they were");
    // The copy moved aside keeps the original, garbage and all.
    let aside: Vec<String> = lp
        .files()
        .into_iter()
        .filter(|f| f.starts_with("progress.toml.broken-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let original = std::fs::read_to_string(lp.config_dir().join(&aside[0])).unwrap();
    assert!(original.ends_with("garbage = = line\n"));
    // Undo still works from the history.
    lp.run(&["undo"]).success().stdout_has("start roberta");
    assert_eq!(lp.entry_json("roberta")["status"], "todo");
    lp.run(&["note", "bert"]).success().stdout_has("masked LM");
}

#[test]
fn doctor_fix_drops_only_the_record_that_does_not_read_and_says_so_in_chinese_too() {
    let lp = Lpath::new();
    lp.run(&["done", "bert", "gpt-1"]).success();
    let good = lp.progress().unwrap();
    let broken = good.replace(
        "[entry.gpt-1]\nstatus = \"done\"",
        "[entry.gpt-1]\nstatus = \"finished-ish\"",
    );
    assert_ne!(broken, good);
    std::fs::write(lp.progress_path(), &broken).unwrap();
    let run = lp
        .run_at(NOW, &["--lang", "zh", "doctor", "--fix"])
        .success();
    run.stdout_has("保留了仍能读取的 1 个条目的记录（`bert`）");
    assert_eq!(lp.entry_json("bert")["status"], "done");
    assert_eq!(lp.entry_json("gpt-1")["status"], "todo");
}
