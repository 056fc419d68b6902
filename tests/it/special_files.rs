//! Attacks 5, 6, 8 and 9: what is not a regular file is refused, never waited on; saves keep the
//! mode of what they replace; each file's writer has temporary files of its own; and leftovers
//! in every directory lpath writes are reported by `doctor` and removed by `doctor --fix`.
#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Lpath, Run};

/// Runs `args`, killing it (and failing the test) if it has not finished in ten seconds: a
/// command that blocks on a FIFO would otherwise hang the whole test run.
fn run_within(lp: &Lpath, vars: &[(&str, &str)], args: &[&str]) -> Run {
    let mut child = lp
        .command(args)
        .envs(vars.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`lpath {}` hung", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Makes a FIFO at `path`; where that cannot be done, fails the test in CI and elsewhere says
/// so on the terminal and returns `false`, for the test to skip.
#[track_caller]
fn mkfifo(path: &Path) -> bool {
    if !crate::common::need("mkfifo", "to make a FIFO") {
        return false;
    }
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    made || crate::common::missing(&format!("`mkfifo {}` failed", path.display()))
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_fifo_as_progress_or_history_is_refused_by_every_command_and_moved_aside_by_doctor_fix() {
    for file in ["progress.toml", "history.toml"] {
        let lp = Lpath::new();
        lp.run(&["done", "bert"]).success();
        let path = lp.config_dir().join(file);
        std::fs::remove_file(&path).unwrap();
        if !mkfifo(&path) {
            return;
        }
        // `list` never reads the journal: it only must not hang.
        let list = run_within(&lp, &[], &["list"]);
        assert_eq!(list.code, if file == "progress.toml" { 1 } else { 0 });
        for args in [&["done", "roberta"][..], &["undo"], &["doctor"]] {
            let run = run_within(&lp, &[], args);
            assert_eq!(run.code, 1, "{args:?}: {run:#?}");
            assert!(
                run.stdout.contains("FIFO") || run.stderr.contains("FIFO"),
                "{run:#?}"
            );
        }
        let fixed = run_within(&lp, &[], &["doctor", "--fix"]);
        assert!(fixed.stdout.contains("Moved the unreadable"), "{fixed:#?}");
        run_within(&lp, &[], &["done", "roberta"]).success();
    }
}

#[test]
fn a_progress_file_linked_to_dev_zero_is_refused_not_read_until_memory_runs_out() {
    let lp = Lpath::new();
    std::fs::create_dir_all(lp.config_dir()).unwrap();
    symlink("/dev/zero", lp.progress_path()).unwrap();
    let run = run_within(&lp, &[], &["list"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("it is a device, not a regular file"),
        "{run:#?}"
    );
    let run = run_within(&lp, &[], &["doctor"]);
    assert!(run.stdout.contains("it is a device"), "{run:#?}");
}

#[test]
fn saves_keep_the_private_mode_of_progress_and_history() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    for path in [lp.progress_path(), lp.history_path()] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    lp.run(&["done", "roberta"]).success();
    lp.run(&["note", "roberta", "private thoughts"]).success();
    lp.run(&["undo"]).success();
    assert_eq!(mode(&lp.progress_path()), 0o600);
    assert_eq!(mode(&lp.history_path()), 0o600);
}

#[test]
fn export_onto_a_symlink_writes_its_target_and_keeps_the_link() {
    let lp = Lpath::new();
    let target = lp.root().join("real.md");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = lp.root().join("link.md");
    symlink(&target, &link).unwrap();
    lp.run(&["export", "-o", link.to_str().unwrap()]).success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Reading log")
    );
    assert_eq!(mode(&target), 0o640);
}

#[test]
fn export_onto_a_fifo_writes_into_it_and_leaves_it_a_fifo() {
    let lp = Lpath::new();
    let fifo = lp.root().join("out.md");
    if !mkfifo(&fifo) {
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    run_within(&lp, &[], &["export", "-o", fifo.to_str().unwrap()]).success();
    assert!(reader.join().unwrap().starts_with("# Reading log"));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn export_onto_a_dangling_symlink_creates_its_target_and_keeps_the_link() {
    let lp = Lpath::new();
    let dir = lp.root().join("notes");
    std::fs::create_dir(&dir).unwrap();
    let link = lp.root().join("log.md");
    std::os::unix::fs::symlink("notes/log.md", &link).unwrap();
    lp.run(&["export", "-o", link.to_str().unwrap()]).success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(dir.join("log.md")).unwrap();
    assert!(written.starts_with("# Reading log"), "{written}");
    // A loop of links is an error, not a hang.
    let (a, b) = (lp.root().join("a.md"), lp.root().join("b.md"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    lp.run(&["export", "-o", a.to_str().unwrap()])
        .failure(1)
        .stderr_has("too many levels of symbolic links");
    lp.run(&["--lang", "zh", "export", "-o", a.to_str().unwrap()])
        .failure(1)
        .stderr_has("符号链接层数过多");
}

#[test]
fn export_onto_dev_stdout_is_the_export_with_nothing_added() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    if !Path::new("/dev/stdout").exists() {
        crate::common::missing("there is no /dev/stdout here");
        return;
    }
    let run = run_within(
        &lp,
        &[],
        &["export", "--format", "json", "-o", "/dev/stdout"],
    )
    .success();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("only the JSON");
    assert_eq!(json["entries"]["bert"]["status"], "done");
}

/// A temporary file name as the atomic writer makes them, for `file`, by process `pid`.
fn temp_name(file: &str, pid: u32) -> String {
    format!(".{file}.{pid}.0123456789abcdef.tmp")
}

/// No process has this id on Linux, whose pid_max is at most 2^22.
const GONE: u32 = u32::MAX;

#[test]
fn a_save_removes_only_its_own_files_leftovers_never_a_running_writers_or_another_files() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let running = temp_name("progress.toml", std::process::id());
    let other = temp_name("log.md", GONE);
    let gone = temp_name("progress.toml", GONE);
    for name in [&running, &other, &gone] {
        std::fs::write(lp.config_dir().join(name), "x").unwrap();
    }
    lp.run(&["done", "roberta"]).success();
    let left = lp.temp_files();
    assert!(left.contains(&running), "{left:?}");
    assert!(left.contains(&other), "{left:?}");
    assert!(!left.contains(&gone), "{left:?}");
}

#[test]
fn doctor_and_export_into_the_config_dir_find_nothing_but_a_held_lock_while_saves_run() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let ids = ["roberta", "gpt-2", "gpt-1", "bert"];
    let config = lp.config_dir().to_path_buf();
    const SAVES: usize = 60;
    // How many saves have finished; the checks below run while it is strictly between 0 and
    // SAVES, so each of them overlaps the saves.
    let saved = Arc::new(AtomicUsize::new(0));
    let saver = {
        let commands: Vec<Command> = (0..SAVES)
            .map(|i| {
                lp.command(&[
                    if i % 2 == 0 { "done" } else { "reset" },
                    ids[i % ids.len()],
                ])
            })
            .collect();
        let saved = saved.clone();
        std::thread::spawn(move || {
            for mut cmd in commands {
                let out = cmd.output().unwrap();
                assert!(out.status.success(), "a save failed: {out:?}");
                saved.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    while saved.load(Ordering::SeqCst) == 0 && !saver.is_finished() {
        std::thread::yield_now();
    }
    let out = config.join("log.md");
    let mut overlapped = 0;
    while saved.load(Ordering::SeqCst) < SAVES && !saver.is_finished() {
        // Every check passes but, when a save holds it right then, the lock's.
        let doctor = lp.run(&["doctor"]);
        let failed: Vec<&str> = doctor
            .stdout
            .lines()
            .filter(|l| l.starts_with('✗'))
            .collect();
        let held = format!(
            "✗ lock           `{}` is held by",
            config.join("progress.lock").display()
        );
        match doctor.code {
            0 => assert!(doctor.stdout.contains("No problems found."), "{doctor:#?}"),
            1 => {
                assert!(
                    failed.len() == 1 && failed[0].starts_with(&held),
                    "{doctor:#?}"
                );
                assert!(
                    doctor
                        .stderr
                        .starts_with("lpath: error: doctor found a problem with the lock\n")
                );
            }
            _ => panic!("{doctor:#?}"),
        }
        assert!(
            doctor.stdout.contains(&format!(
                "✓ config dir     `{}`, writable\n",
                config.display()
            )),
            "{doctor:#?}"
        );
        lp.run(&["export", "-o", out.to_str().unwrap()]).success();
        if saved.load(Ordering::SeqCst) < SAVES {
            overlapped += 1;
        }
    }
    saver.join().unwrap();
    assert!(
        overlapped >= 3,
        "only {overlapped} checks ran while saves did"
    );
}

#[test]
fn doctor_reports_leftovers_in_every_directory_lpath_writes_and_fix_removes_them() {
    let lp = Lpath::new();
    let cache = lp.root().join("cache");
    let vars = [("LPATH_CACHE_DIR", cache.to_str().unwrap())];
    lp.run_with(
        &vars,
        &[
            "add",
            "mine",
            "--title",
            "Mine",
            "--url",
            "https://example.org/m",
            "--kind",
            "blog",
        ],
    )
    .success();
    lp.run_with(&vars, &["done", "bert"]).success();
    let leftovers = [
        lp.config_dir().join(temp_name("progress.toml", GONE)),
        lp.config_dir().join(temp_name("history.toml", GONE)),
        lp.catalog_dir().join(temp_name("local.toml", GONE)),
        cache.join(temp_name("catalog.bin", GONE)),
    ];
    for path in &leftovers {
        std::fs::write(path, "x").unwrap();
    }
    let run = lp.run_with(&vars, &["doctor"]).success();
    run.stdout_has("4 temporary files left by interrupted saves");
    for path in &leftovers {
        run.stdout_has(&path.display().to_string());
    }
    let fixed = lp.run_with(&vars, &["doctor", "--fix"]).success();
    fixed.stdout_has("--fix: removed 4 temporary files");
    assert!(leftovers.iter().all(|p| !p.exists()));
    assert!(
        !lp.run_with(&vars, &["doctor"])
            .success()
            .stdout
            .contains("temporary file")
    );
}
