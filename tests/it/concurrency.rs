//! Many lpath runs at once: every change lands, none is applied twice, and the file on disk
//! parses at every moment in between.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::common::Lpath;
use crate::common::saved::{self, Progress, Status};

/// The first `n` ids of the bundled path.
fn path_ids(n: usize) -> Vec<String> {
    let ids = crate::common::ids(&Lpath::new().run(&["list", "--json"]).success().json());
    assert!(ids.len() >= n, "the bundled path has {} entries", ids.len());
    ids.into_iter().take(n).collect()
}

fn saved(lp: &Lpath) -> Progress {
    saved::progress(&lp.progress().expect("a progress file")).expect("it parses")
}

/// Reads the progress file and the undo journal over and over until stopped, parsing every
/// version it sees. Returns how many reads it made; panics on the first that does not parse.
fn watch(lp: &Lpath, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<usize> {
    let (progress, history) = (lp.progress_path(), lp.history_path());
    std::thread::spawn(move || {
        let mut reads = 0;
        while !stop.load(Ordering::Relaxed) {
            if let Ok(text) = std::fs::read_to_string(&progress) {
                if let Err(err) = saved::progress(&text) {
                    panic!("a reader saw a progress file that does not parse ({err:?}):\n{text}");
                }
                reads += 1;
            }
            if let Ok(text) = std::fs::read_to_string(&history) {
                if let Err(err) = saved::history(&text) {
                    panic!("a reader saw a journal that does not parse ({err:?}):\n{text}");
                }
                reads += 1;
            }
        }
        reads
    })
}

/// Every record is one `done` run's: status, change time and finish time agree.
#[track_caller]
fn history_is_consistent(progress: &Progress) {
    for (id, record) in &progress.entry {
        assert_eq!(record.status, Status::Done, "{id}");
        assert_eq!(record.finished, Some(record.changed), "{id}: {record:?}");
    }
}

#[test]
fn twenty_done_processes_started_together_each_marking_a_different_entry_all_land() {
    let lp = Lpath::new();
    let ids = path_ids(20);
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            let mut cmd = lp.command(&["done", id]);
            cmd.stdout(std::process::Stdio::null());
            cmd.spawn().expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let progress = saved(&lp);
    let landed: BTreeSet<&str> = progress.entry.keys().map(String::as_str).collect();
    let wanted: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(landed, wanted);
    history_is_consistent(&progress);
    assert_eq!(
        lp.files(),
        vec!["history.toml", "progress.lock", "progress.toml"]
    );
}

#[test]
fn twenty_processes_marking_the_same_entry_all_succeed_and_exactly_one_marks_it() {
    let lp = Lpath::new();
    let children: Vec<_> = (0..20)
        .map(|i| {
            let mut cmd = lp.command(&["done", "bert"]);
            cmd.env("LPATH_NOW", format!("2026-01-01T00:00:{i:02}Z"))
                .stdout(std::process::Stdio::piped());
            cmd.spawn().expect("spawn")
        })
        .collect();
    let mut marked = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let stdout = String::from_utf8_lossy(&out.stdout);
        if stdout.starts_with("done: `bert`") {
            marked += 1;
        } else {
            assert!(stdout.contains("already done"), "{stdout}");
        }
    }
    assert_eq!(
        marked, 1,
        "the lock makes exactly one run see bert as not yet done"
    );
    let progress = saved(&lp);
    assert_eq!(progress.entry.len(), 1);
    history_is_consistent(&progress);
}

#[test]
fn overlapping_concurrent_runs_all_land_and_every_version_on_disk_parses() {
    let lp = Lpath::new();
    let ids = path_ids(24);
    // Run i marks ids i..i+5: each id is named by up to five runs at once.
    let windows: Vec<Vec<&str>> = (0..20)
        .map(|i| ids[i..i + 5].iter().map(String::as_str).collect())
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = watch(&lp, stop.clone());
    let children: Vec<_> = windows
        .iter()
        .map(|window| {
            let mut args = vec!["done"];
            args.extend(window);
            let mut cmd = lp.command(&args);
            cmd.stdout(std::process::Stdio::piped());
            cmd.spawn().expect("spawn")
        })
        .collect();
    let mut outputs = String::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        outputs.push_str(&String::from_utf8_lossy(&out.stdout));
        // After each run ends, the file as it stands parses too.
        saved(&lp);
    }
    stop.store(true, Ordering::Relaxed);
    assert!(watcher.join().expect("the reader saw only whole files") > 0);

    let progress = saved(&lp);
    assert_eq!(progress.entry.len(), ids.len());
    history_is_consistent(&progress);
    for id in &ids {
        let marked = outputs.matches(&format!("done: `{id}`")).count();
        assert_eq!(marked, 1, "`{id}` was marked {marked} times:\n{outputs}");
    }
}

#[test]
fn mixed_concurrent_done_start_and_undo_leave_files_that_parse_and_a_journal_that_undoes_to_nothing()
 {
    let lp = Lpath::new();
    let ids = path_ids(8);
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = watch(&lp, stop.clone());
    let children: Vec<_> = (0..24)
        .map(|i| {
            let args = match i % 3 {
                0 => vec!["done", ids[i % 8].as_str(), ids[(i + 1) % 8].as_str()],
                1 => vec!["start", ids[(i + 3) % 8].as_str()],
                _ => vec!["undo"],
            };
            let mut cmd = lp.command(&args);
            cmd.stdout(std::process::Stdio::null());
            cmd.spawn().expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
        if let Some(text) = lp.progress() {
            saved::progress(&text).expect("the progress file parses after each run");
        }
    }
    stop.store(true, Ordering::Relaxed);
    assert!(watcher.join().expect("the reader saw only whole files") > 0);

    // Every record says one coherent thing about its entry.
    if let Some(text) = lp.progress() {
        for (id, record) in saved::progress(&text).unwrap().entry {
            match record.status {
                Status::Done => assert!(record.finished.is_some(), "{id}: {record:?}"),
                Status::Reading => assert!(
                    record.started.is_some() && record.finished.is_none(),
                    "{id}: {record:?}"
                ),
                other => panic!("{id} is {other:?}, which no run asked for"),
            }
        }
    }
    // Every change that landed is in the journal, in order: undoing them all, one by one,
    // leads back to no progress at all.
    let journaled = saved::history(&lp.history().expect("a journal"))
        .unwrap()
        .change
        .len();
    for _ in 0..journaled {
        lp.run(&["undo"]).success();
    }
    lp.run(&["undo"])
        .success()
        .stdout_has("Nothing left to undo.");
    let left = lp.progress().map(|text| saved::progress(&text).unwrap());
    assert!(
        left.is_none_or(|p| p.entry.is_empty()),
        "undoing every change left {:?}",
        lp.progress()
    );
}

/// Holds `lock` in this process, starts `args`, waits until lpath says it is waiting, releases
/// the lock, and returns what the run printed.
fn run_while_locked(lp: &Lpath, lock: &std::path::Path, args: &[&str]) -> crate::common::Run {
    use std::io::{BufRead, BufReader, Read};
    std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
    let held = std::fs::File::create(lock).unwrap();
    held.lock().unwrap();
    let mut child = lp
        .command(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (first_line, first) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut stderr = BufReader::new(stderr);
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        first_line.send(line.clone()).unwrap();
        let mut rest = String::new();
        stderr.read_to_string(&mut rest).unwrap();
        line + &rest
    });
    // Released whatever happens, so a run that waits without a word fails rather than hangs.
    let said = first.recv_timeout(std::time::Duration::from_secs(30));
    held.unlock().unwrap();
    assert_eq!(
        said.as_deref(),
        Ok("lpath: waiting for another lpath to finish…\n")
    );
    let out = child.wait_with_output().unwrap();
    crate::common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: reader.join().unwrap(),
    }
}

#[test]
fn a_run_that_waits_for_the_lock_says_so_once_and_its_change_lands() {
    let lp = Lpath::new();
    let run = run_while_locked(
        &lp,
        &lp.config_dir().join("progress.lock"),
        &["done", "bert"],
    )
    .success();
    assert_eq!(run.stderr.matches("waiting for another lpath").count(), 1);
    assert_eq!(saved(&lp).entry["bert"].status, Status::Done);
}

#[test]
fn an_add_that_waits_for_the_catalog_lock_says_so_and_lands() {
    let lp = Lpath::new();
    run_while_locked(
        &lp,
        &lp.config_dir().join("catalog.lock"),
        &[
            "add",
            "mine",
            "--title",
            "Mine",
            "--url",
            "https://example.org/mine",
            "--kind",
            "blog",
        ],
    )
    .success();
    assert!(lp.local_catalog().unwrap().contains("id = \"mine\""));
}
