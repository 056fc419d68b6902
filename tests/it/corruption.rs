//! A progress file lpath cannot read: every command says so in one message that names the path
//! and the fix, exits 1, and leaves the file exactly as it was.

use std::path::Path;

use crate::common::Lpath;

/// Everything a command could change about whatever sits at the progress file's path.
#[derive(Debug, PartialEq)]
enum Snapshot {
    File(Vec<u8>),
    Dir(Vec<String>),
    Link(std::path::PathBuf),
}

fn snapshot(path: &Path) -> Snapshot {
    let meta = std::fs::symlink_metadata(path).expect("something at the progress path");
    if meta.file_type().is_symlink() {
        Snapshot::Link(std::fs::read_link(path).unwrap())
    } else if meta.is_dir() {
        let mut names: Vec<String> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        Snapshot::Dir(names)
    } else {
        Snapshot::File(std::fs::read(path).unwrap())
    }
}

const COMMANDS: [&[&str]; 14] = [
    &[],
    &["list"],
    &["list", "--json"],
    &["next"],
    &["next", "--json"],
    &["show", "bert"],
    &["stats"],
    &["note", "bert"],
    &["done", "bert", "roberta"],
    &["start", "bert"],
    &["skip", "bert"],
    &["reset", "bert"],
    &["reset", "--all", "--yes"],
    &["note", "bert", "a", "thought"],
];

/// Runs every command against the progress file as it is, and checks each one's message.
#[track_caller]
fn every_command_refuses(lp: &Lpath, reason: &str, fix: &str) {
    let before = snapshot(&lp.progress_path());
    for args in COMMANDS {
        let run = lp.run(args).failure(1);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            2,
            "{args:?}: one error and one hint:\n{}",
            run.stderr
        );
        assert!(
            lines[0].contains(&format!("`{}`", lp.progress_path().display())),
            "{args:?}: names the path:\n{}",
            run.stderr
        );
        assert!(
            lines[0].contains(reason),
            "{args:?}: says `{reason}`:\n{}",
            run.stderr
        );
        assert!(lines[1].starts_with("hint: "), "{}", run.stderr);
        assert!(
            lines[1].contains(fix),
            "{args:?}: says `{fix}`:\n{}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert_eq!(snapshot(&lp.progress_path()), before, "{args:?} changed it");
        assert_eq!(lp.temp_files(), Vec::<String>::new());
    }
}

const FIX: &str = "lpath doctor --fix";

/// A real progress file, written by lpath.
fn saved_progress() -> String {
    let lp = Lpath::new();
    lp.run_at(
        "2026-01-01T00:00:00Z",
        &[
            "done",
            "bahdanau-attention",
            "attention-is-all-you-need",
            "bert",
        ],
    )
    .success();
    lp.progress().unwrap()
}

#[test]
fn a_truncated_file_is_refused_and_kept() {
    let full = saved_progress();
    let cut = full.rfind("2026-01").unwrap() + 4;
    let lp = Lpath::new();
    lp.write_progress(&full[..cut]);
    every_command_refuses(&lp, "line ", FIX);
}

#[test]
fn binary_garbage_is_refused_and_kept() {
    let lp = Lpath::new();
    std::fs::create_dir_all(lp.config_dir()).unwrap();
    let garbage: Vec<u8> = (0..=255u8).cycle().take(2000).collect();
    std::fs::write(lp.progress_path(), garbage).unwrap();
    every_command_refuses(&lp, "not UTF-8", FIX);
}

#[test]
fn text_garbage_with_control_characters_is_refused_without_echoing_them() {
    let lp = Lpath::new();
    lp.write_progress("\u{1b}[2J\u{7}\u{0}format = 1");
    every_command_refuses(&lp, "line 1", FIX);
    let run = lp.run(&["list"]);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
}

#[test]
fn valid_toml_of_the_wrong_shape_is_refused_and_kept() {
    for text in [
        "format = 1\nentry = [\"bert\"]\n",
        "format = 1\n[entry.bert]\nstatus = \"finished\"\nchanged = \"2026-01-01T00:00:00Z\"\n",
        "format = 1\n[entry.bert]\nstatus = \"done\"\nchanged = \"yesterday\"\n",
        "format = 1\n[entry.bert]\nstatus = \"done\"\nchanged = \"2026-01-01T00:00:00Z\"\nmood = \"happy\"\n",
        "[entry.bert]\nstatus = \"done\"\nchanged = \"2026-01-01T00:00:00Z\"\n",
        "format = \"1\"\n",
        "format = 0\n",
        "title = \"my reading list\"\n",
    ] {
        let lp = Lpath::new();
        lp.write_progress(text);
        every_command_refuses(&lp, "cannot read progress file", FIX);
    }
}

#[test]
fn a_leap_second_is_refused_with_its_reason_not_read_as_59() {
    // jiff reads `23:59:60` as `23:59:59`: saved back, the file would silently change.
    let lp = Lpath::new();
    lp.write_progress(&saved_progress().replacen("T00:00:00Z", "T23:59:60Z", 1));
    every_command_refuses(&lp, "a leap second (`:60`) cannot be kept exactly", FIX);
    let unquoted = saved_progress().replacen("\"2026-01-01T00:00:00Z\"", "2016-12-31T23:59:60Z", 1);
    lp.write_progress(&unquoted);
    every_command_refuses(&lp, "a leap second (`:60`) cannot be kept exactly", FIX);
}

#[test]
fn an_unquoted_date_time_without_an_offset_is_refused_with_its_reason() {
    let lp = Lpath::new();
    let local = saved_progress().replacen("\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00", 1);
    lp.write_progress(&local);
    every_command_refuses(&lp, "without an offset names no moment", FIX);
}

#[test]
fn an_empty_file_is_refused_and_kept() {
    let lp = Lpath::new();
    lp.write_progress("");
    every_command_refuses(&lp, "it is empty", FIX);
}

#[test]
fn a_newer_format_says_upgrade_lpath_and_is_kept() {
    for text in [
        "format = 2\n[entry.bert]\nstatus = \"done\"\nmood = \"happy\"\n",
        "format = 99\nshelves = [\"a\"]\n",
    ] {
        let lp = Lpath::new();
        lp.write_progress(text);
        every_command_refuses(
            &lp,
            "newer than this lpath understands",
            "hint: upgrade lpath (install a newer version); your file is untouched",
        );
    }
}

#[test]
fn a_directory_where_the_progress_file_belongs_is_refused_and_kept() {
    let lp = Lpath::new();
    std::fs::create_dir_all(lp.progress_path()).unwrap();
    std::fs::write(lp.progress_path().join("notes.txt"), "mine").unwrap();
    every_command_refuses(&lp, "it is a directory", FIX);
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_is_refused_and_kept() {
    let lp = Lpath::new();
    std::fs::create_dir_all(lp.config_dir()).unwrap();
    let target = lp
        .root()
        .join("unmounted-sync-folder")
        .join("progress.toml");
    std::os::unix::fs::symlink(&target, lp.progress_path()).unwrap();
    every_command_refuses(&lp, "which does not exist", FIX);
    assert!(!target.exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_good_file_is_followed_and_stays_a_symlink() {
    let lp = Lpath::new();
    let synced = lp.root().join("synced");
    std::fs::create_dir_all(&synced).unwrap();
    std::fs::create_dir_all(lp.config_dir()).unwrap();
    std::fs::write(synced.join("progress.toml"), saved_progress()).unwrap();
    std::os::unix::fs::symlink(synced.join("progress.toml"), lp.progress_path()).unwrap();
    lp.run(&["done", "roberta"]).success();
    assert!(
        std::fs::symlink_metadata(lp.progress_path())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(synced.join("progress.toml")).unwrap();
    assert!(
        text.contains("[entry.roberta]") && text.contains("[entry.bert]"),
        "{text}"
    );
}

#[test]
fn an_unreadable_undo_history_stops_every_change_but_not_reading_and_is_kept() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let progress = lp.progress().unwrap();
    let broken = "format = 1\n[[change]\n";
    std::fs::write(lp.history_path(), broken).unwrap();
    for args in [&["done", "roberta"][..], &["start", "gpt-1"], &["undo"]] {
        let run = lp.run(args).failure(1);
        run.stderr_has(&format!("`{}`", lp.history_path().display()))
            .stderr_has(FIX);
        assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    }
    lp.run(&["list"]).success();
    assert_eq!(lp.progress().unwrap(), progress);
    assert_eq!(lp.history().unwrap(), broken);
}
