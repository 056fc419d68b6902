//! A run killed at any moment during a save leaves the old progress file (and undo history) or
//! the new one, never half of either; what it leaves behind is cleaned up by the next save and
//! never read.
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

    let mut saved = None;
    let (mut finished, mut killed_mid_save) = (0, 0);
    for i in 0..KILLS {
        let id = &catalog_ids[i as usize % catalog_ids.len()];
        if (i as usize).is_multiple_of(catalog_ids.len()) {
            // Start over, so that each run has a real change to save.
            Saved::read(&lp, saved.take());
            lp.write_progress(&baseline);
        }
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
        saved = Some(after);
    }
    eprintln!(
        "{KILLS} kills, runs of ~{whole_run} µs: {killed_mid_save} mid-save, {finished} after the run finished"
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

#[test]
fn a_run_killed_while_holding_the_lock_does_not_block_the_next_one() {
    let lp = Lpath::new();
    lp.write_progress(&large_progress());
    let mut child = quiet(lp.command(&["done", "bert"])).spawn().expect("spawn");
    std::thread::sleep(Duration::from_millis(5));
    let _ = child.kill();
    let _ = child.wait();
    lp.run(&["done", "roberta"]).success();
    assert!(lp.progress().unwrap().contains("[entry.roberta]"));
}
