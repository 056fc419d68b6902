//! A run killed at any moment during a save leaves the old progress file (and undo history) or
//! the new one, never half of either, and a journal that covers the file (undoing everything
//! returns to where the run started); what it leaves behind is cleaned up by the next save and
//! never read. A kill "while holding the lock" lands only once the lock is seen held, and the
//! order that makes a save durable (the temporary file synced before it is renamed into place)
//! is checked with strace.
#![cfg(unix)]

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::Lpath;
use crate::common::saved;

/// Records for ids no catalog knows, one with a long note, so that a save has a fair amount to
/// write and sync.
fn large_progress() -> String {
    let mut text = crate::common::records_no_catalog_knows(600);
    let long_note = "a long note, kept word for word. ".repeat(10_000);
    text.push_str(&format!(
        "\n[entry.noted]\nstatus = \"reading\"\nchanged = \"2025-01-01T00:00:00Z\"\n\n[[entry.noted.notes]]\nat = \"2025-01-01T00:00:00Z\"\ntext = \"{long_note}\"\n"
    ));
    text
}

/// The ids in the progress file, which must parse; parsed again only when the bytes changed.
struct Saved {
    text: String,
    ids: BTreeSet<String>,
}

impl Saved {
    fn read(lp: &Lpath, last: Option<Saved>) -> Saved {
        let text = lp.progress().expect("a progress file");
        if let Some(last) = last.filter(|last| last.text == text) {
            return last;
        }
        match saved::progress(&text) {
            Ok(progress) => Saved {
                ids: progress.entry.into_keys().collect(),
                text,
            },
            Err(err) => panic!("progress.toml does not parse after a kill ({err:?}):\n{text}"),
        }
    }
}

/// Temporary files made by the run with this process id.
fn temp_files_of(lp: &Lpath, pid: u32) -> usize {
    let prefix = format!(".progress.toml.{pid}.");
    lp.temp_files()
        .iter()
        .filter(|f| f.starts_with(&prefix))
        .count()
}

fn quiet(mut cmd: Command) -> Command {
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

/// A small, seedable source of delays: no need for a random crate.
fn xorshift(seed: u64) -> u64 {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for _ in 0..3 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    x
}

/// Waits until `child` has created its temporary file (or has exited).
fn until_it_writes(lp: &Lpath, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while temp_files_of(lp, child.id()) == 0
        && matches!(child.try_wait(), Ok(None))
        && Instant::now() < deadline
    {
        std::hint::spin_loop();
    }
}

#[test]
fn sigkill_at_random_moments_during_saves_never_leaves_a_broken_progress_file() {
    const KILLS: u64 = 240;
    let lp = Lpath::new();
    let catalog_ids = crate::common::ids(&lp.run(&["list", "--json"]).success().json());
    let baseline = large_progress();
    lp.write_progress(&baseline);

    // The length of one uninterrupted run, to spread "any moment" kills over all its phases:
    // start-up, waiting for the lock, reading, writing the temporary file, syncing, renaming.
    let whole_run = (0..3)
        .map(|i| {
            let started = Instant::now();
            lp.run(&["done", &catalog_ids[i]]).success();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
        .as_micros()
        .clamp(1_000, 200_000) as u64;

    let start = saved::progress(&baseline).unwrap();
    let mut saved = None;
    let (mut finished, mut killed_mid_save, mut undone) = (0, 0, 0);
    for i in 0..KILLS {
        let id = &catalog_ids[i as usize % catalog_ids.len()];
        // Each kill starts from the same state, with an empty journal: whatever the kill left,
        // undoing everything must lead back here.
        lp.write_progress(&baseline);
        let _ = std::fs::remove_file(lp.history_path());
        let before = Saved::read(&lp, saved.take());
        let mut child = quiet(lp.command(&["done", id])).spawn().expect("spawn");
        let delay = xorshift(i);
        if i.is_multiple_of(2) {
            std::thread::sleep(Duration::from_micros(delay % (whole_run * 5 / 4)));
        } else {
            // Half the kills aim at the save itself: once the temporary file exists, within
            // the next two milliseconds, often at once.
            until_it_writes(&lp, &mut child);
            if i % 4 == 3 {
                std::thread::sleep(Duration::from_micros(delay % 2_000));
            }
        }
        let _ = child.kill();
        let succeeded = child.wait().unwrap().success();
        if temp_files_of(&lp, child.id()) > 0 {
            killed_mid_save += 1;
        }
        let after = Saved::read(&lp, None);
        if let Some(journal) = lp.history()
            && let Err(err) = saved::history(&journal)
        {
            panic!("history.toml does not parse after kill {i} ({err:?}):\n{journal}");
        }
        assert!(
            after.ids.is_superset(&before.ids),
            "kill {i} lost {:?}",
            before.ids.difference(&after.ids).collect::<Vec<_>>()
        );
        if succeeded {
            finished += 1;
            assert!(after.ids.contains(id), "a run that succeeded did not save");
        }
        // The journal covers the file: undoing all it holds returns to the start.
        if after.text != baseline || lp.history().is_some() {
            undone += 1;
            undo_everything(&lp);
            let back = saved::progress(&lp.progress().unwrap()).unwrap();
            assert!(
                back == start,
                "after kill {i} ({id}), undoing everything did not return to the start: {:?}",
                back.entry
                    .keys()
                    .filter(|k| !start.entry.contains_key(*k))
                    .collect::<Vec<_>>()
            );
        }
        saved = Some(after);
    }
    eprintln!(
        "{KILLS} kills, runs of ~{whole_run} µs: {killed_mid_save} mid-save, {finished} after the run finished, {undone} undone to the start"
    );
    assert!(
        undone > 0,
        "no kill left a change to undo, so the journal went unchecked"
    );
    assert!(
        killed_mid_save > 0,
        "no kill landed while a temporary file existed, so the test proved nothing"
    );

    let before = Saved::read(&lp, saved);
    let undone = catalog_ids
        .iter()
        .find(|id| !before.ids.contains(*id))
        .expect("an entry not yet done");
    lp.run(&["done", undone]).success();
    assert_eq!(lp.temp_files(), Vec::<String>::new());
    let after = Saved::read(&lp, None);
    assert!(after.ids.is_superset(&before.ids) && after.ids.contains(undone));
}

#[test]
fn a_stray_temporary_file_is_never_read_as_progress_and_the_next_save_removes_it() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let stray = lp
        .config_dir()
        .join(".progress.toml.tmp-4242-1764342960000000000");
    std::fs::write(
        &stray,
        "format = 1\n\n[entry.roberta]\nstatus = \"done\"\nchanged = \"2026-01-01T00:00:00Z\"\n",
    )
    .unwrap();
    let list = lp.run(&["list", "--json"]).success().json();
    let status = |id: &str| crate::common::by_id(&list, id)["status"].clone();
    assert_eq!(status("bert"), "done");
    assert_eq!(status("roberta"), "todo");
    assert!(stray.exists(), "reading never removes anything");

    lp.run(&["done", "gpt-1"]).success();
    assert!(!stray.exists());
    let text = lp.progress().unwrap();
    assert!(!text.contains("roberta"), "{text}");
}

/// Runs `undo` until nothing is left to undo.
fn undo_everything(lp: &Lpath) {
    for _ in 0..10 {
        let run = lp.run(&["undo"]).success();
        if run.stdout.contains("Nothing left to undo.") {
            return;
        }
    }
    panic!("undo never ran out of changes");
}

/// Whether the process `pid` holds a lock on `lock` now. On Linux read from /proc/locks (the
/// lock's holder and inode), which takes no lock itself; elsewhere, a `try_lock` that is refused.
fn holds_lock(pid: u32, lock: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(inode) = std::fs::metadata(lock).map(|m| m.ino()) else {
        return false;
    };
    if let Ok(locks) = std::fs::read_to_string("/proc/locks") {
        return locks.lines().any(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            // `1: FLOCK  ADVISORY  WRITE 4242 08:01:1234 0 EOF`
            fields.len() >= 6
                && fields[4] == pid.to_string()
                && fields[5].rsplit(':').next() == Some(&inode.to_string())
        });
    }
    let Ok(file) = std::fs::File::open(lock) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => {
            let _ = file.unlock();
            false
        }
        Err(_) => true,
    }
}

#[test]
fn a_run_killed_while_holding_the_lock_does_not_block_the_next_one() {
    let lp = Lpath::new();
    lp.write_progress(&large_progress());
    let lock = lp.config_dir().join("progress.lock");
    let mut killed_holding = 0;
    for attempt in 0..20 {
        let id = ["bert", "gpt-1", "gpt-2", "roberta"][attempt % 4];
        let mut child = quiet(lp.command(&["done", id])).spawn().expect("spawn");
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut held = false;
        while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
            if holds_lock(child.id(), &lock) {
                held = true;
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        if !held {
            continue;
        }
        killed_holding += 1;
        // Its lock died with it: the next run neither waits nor fails.
        let next = lp.run(&["done", "ppo"]).success();
        assert!(!next.stderr.contains("waiting"), "{next:#?}");
        assert!(lp.progress().unwrap().contains("[entry.ppo]"));
        lp.run(&["reset", "ppo"]).success();
        if killed_holding == 3 {
            break;
        }
    }
    assert!(
        killed_holding > 0,
        "the lock was never seen held, so no kill landed while it was"
    );
}

/// The syscalls `lpath ARGS` made that sync or rename a file, as strace writes them (`-y` names
/// each descriptor's file); `None` where strace cannot run (a failure in CI).
fn traced(lp: &Lpath, args: &[&str]) -> Option<Vec<String>> {
    if !crate::common::need("strace", "to check that a save syncs before it renames") {
        return None;
    }
    let log = lp.root().join(format!("strace-{}.log", args.join("-")));
    let lpath = lp.command(args);
    let mut cmd = Command::new("strace");
    cmd.args([
        "-f",
        "-y",
        "-qq",
        "-e",
        "trace=fsync,fdatasync,rename,renameat,renameat2",
        "-o",
    ])
    .arg(&log)
    .arg(lpath.get_program())
    .args(lpath.get_args());
    for (key, value) in lpath.get_envs() {
        match value {
            Some(value) => cmd.env(key, value),
            None => cmd.env_remove(key),
        };
    }
    let out = cmd.output().expect("run strace");
    if !out.status.success() {
        crate::common::missing(&format!(
            "strace cannot trace here: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
        return None;
    }
    Some(
        std::fs::read_to_string(&log)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn every_save_syncs_its_temporary_file_before_renaming_it_into_place() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    for args in [
        &["done", "gpt-1"][..],
        &["note", "gpt-1", "a note"],
        &["undo"],
    ] {
        let Some(calls) = traced(&lp, args) else {
            return;
        };
        let mut synced: Vec<String> = Vec::new();
        let mut renamed = Vec::new();
        for call in &calls {
            // `1234  fsync(3</tmp/.../config/.progress.toml.1234.x.tmp>) = 0`
            let call = call
                .split_once(' ')
                .map_or("", |(_, rest)| rest.trim_start());
            if call.starts_with("fsync(") || call.starts_with("fdatasync(") {
                let Some(path) = call
                    .split_once('<')
                    .and_then(|(_, rest)| rest.split_once('>'))
                else {
                    continue;
                };
                if call.ends_with("= 0") {
                    synced.push(path.0.to_string());
                }
            } else if call.starts_with("rename") && call.ends_with("= 0") {
                // rename("old", "new") or renameat(AT_FDCWD, "old", AT_FDCWD, "new"): the quoted
                // paths, in order.
                let quoted: Vec<&str> = call.split('"').skip(1).step_by(2).collect();
                let [from, to] = quoted[..] else {
                    panic!("a rename without two paths: {call}")
                };
                assert!(
                    synced.iter().any(|s| s == from),
                    "`lpath {}` renamed {from} over {to} before syncing it:\n{}",
                    args.join(" "),
                    calls.join("\n")
                );
                renamed.push(to.to_string());
            }
        }
        for file in ["progress.toml", "history.toml"] {
            let path = lp.config_dir().join(file);
            assert!(
                renamed.iter().any(|r| std::path::Path::new(r) == path),
                "`lpath {}` did not rename into {file}:\n{}",
                args.join(" "),
                calls.join("\n")
            );
        }
    }
}
