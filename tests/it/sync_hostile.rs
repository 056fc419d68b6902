//! `lpath sync` against a hostile or broken remote, a missing git identity and a sync killed half
//! way (issue 22): real git, bare repositories on disk, a "laptop" that pushes what a broken or
//! hostile machine would, and a "desktop" that must come out with its progress readable and whole.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::Run;
use crate::sync::{Machine, T1, T2, T3, bare_remote, git, two_machines};

macro_rules! need_git {
    () => {
        if !crate::common::have("git") {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("git is not installed");
            }
            eprintln!("git is not installed; skipped");
            return;
        }
    };
}

/// What the laptop pushes by hand: `change` edits its config dir, then all is committed with
/// git's `add -f` (as a hostile machine would, past `.gitignore`) and pushed.
fn push_by_hand(laptop: &Machine, message: &str, change: impl FnOnce(&Path)) {
    change(laptop.dir());
    laptop.git(&["add", "-A", "-f", "."]);
    laptop.git(&["commit", "--quiet", "--no-verify", "-m", message]);
    laptop.git(&["push", "--quiet", "origin", "HEAD"]);
}

/// The progress reads, and holds every id in `ids` with a status that is not todo.
#[track_caller]
fn readable_with(machine: &Machine, ids: &[&str]) {
    machine.run(&["list"]).success();
    for id in ids {
        assert_ne!(machine.status_of(id), "todo", "{id}");
    }
}

/// Runs `cmd`, killing it after `limit`: a sync that hangs or reads without end fails the test
/// instead of stopping the suite.
fn run_within(mut cmd: Command, limit: Duration) -> Run {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {limit:?}: it hangs or reads without end");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

// 1
#[test]
fn a_remote_gitattributes_line_cannot_switch_off_lpaths_merge_or_convert_its_files() {
    need_git!();
    for line in [
        "progress.toml merge=union",
        "progress.toml merge=text",
        "progress.toml -merge",
        "* working-tree-encoding=UTF-16",
    ] {
        let (laptop, desktop, _) = two_machines();
        push_by_hand(&laptop, "attributes", |dir| {
            std::fs::write(dir.join(".gitattributes"), format!("{line}\n")).unwrap();
        });
        laptop.run_at(T2, &["done", "lora"]).success();
        laptop.sync().success();
        desktop.run_at(T3, &["done", "gpt-1"]).success();
        desktop.sync().success();
        laptop.sync().success();
        for machine in [&laptop, &desktop] {
            readable_with(machine, &["bert", "lora", "gpt-1"]);
        }
        assert_eq!(laptop.progress(), desktop.progress(), "{line}");
        assert!(
            !desktop.progress().contains('\0'),
            "{line}: progress.toml converted on checkout"
        );
        let own = std::fs::read_to_string(desktop.dir().join(".git/info/attributes")).unwrap();
        assert!(own.contains("progress.toml merge=lpath"), "{own}");
    }
}

// 2
#[test]
fn a_remote_progress_file_with_a_byte_that_is_not_utf8_is_refused_and_nothing_is_merged() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    push_by_hand(&laptop, "a stray byte", |dir| {
        let mut bytes = std::fs::read(dir.join("progress.toml")).unwrap();
        bytes.extend_from_slice(
            b"\n[entry.lora]\nstatus = \"done\"\nchanged = \"2026-03-01T09:00:00Z\"\n\n[[entry.lora.notes]]\nat = \"2026-03-01T09:00:00Z\"\ntext = \"caf\xff\"\n",
        );
        std::fs::write(dir.join("progress.toml"), bytes).unwrap();
    });
    desktop.run_at(T2, &["done", "gpt-1"]).success();
    let before = desktop.progress();
    let run = desktop.sync().failure(1);
    run.stderr_has("the remote's progress.toml cannot be read: it is not UTF-8 text");
    run.stderr_has("nothing was merged");
    assert_eq!(desktop.progress(), before);
    readable_with(&desktop, &["bert", "gpt-1"]);
    // And the next sync says the same, rather than looping through `doctor --fix`.
    desktop.sync().failure(1);
}

// 3
#[test]
fn a_remote_progress_file_over_the_limit_is_refused_by_its_size_before_a_byte_is_read() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    push_by_hand(&laptop, "a huge file", |dir| {
        use std::io::Write;
        let path = dir.join("progress.toml");
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push('\n');
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        out.write_all(text.as_bytes()).unwrap();
        // 257 MiB of comment: valid TOML, one MiB past what lpath reads.
        let line = format!("#{}\n", "x".repeat(1023));
        for _ in 0..257 * 1024 {
            out.write_all(line.as_bytes()).unwrap();
        }
        out.flush().unwrap();
    });
    desktop.run_at(T2, &["done", "gpt-1"]).success();
    let before = desktop.progress();
    let run = desktop.sync().failure(1);
    run.stderr_has("progress.toml` cannot be read: it is 26");
    run.stderr_has("over the 256 MiB lpath reads");
    run.stderr_has("nothing was merged");
    assert_eq!(desktop.progress(), before);
    readable_with(&desktop, &["bert", "gpt-1"]);
}

// 4
#[test]
fn a_remote_that_tracks_the_undo_journal_never_replaces_this_machines() {
    need_git!();
    let (laptop, desktop, remote) = two_machines();
    laptop.run_at(T2, &["done", "gpt-1"]).success();
    push_by_hand(&laptop, "journal too", |_| {});
    assert!(laptop.git(&["ls-files"]).contains("history.toml"));
    desktop.run_at(T2, &["done", "lora"]).success();
    let journal = desktop.lp.history().unwrap();
    let run = desktop.sync().success();
    run.stdout_has("the remote tracks catalog.lock, history.toml, progress.lock, sync.lock");
    run.stdout_has("which stay on each machine: kept this machine's as they were");
    let after = desktop.lp.history().unwrap();
    assert!(
        after.starts_with(&journal),
        "the journal kept, the sync's own change added:\n{after}"
    );
    let log = desktop.run(&["log"]).success();
    assert!(log.stdout.contains("done lora"), "{}", log.stdout);
    assert!(!desktop.git(&["ls-files"]).contains("history.toml"));
    let branch = desktop.git(&["symbolic-ref", "--short", "HEAD"]);
    let tracked = git(
        Path::new(&remote),
        laptop.lp.root(),
        &["ls-tree", "-r", branch.trim()],
    );
    assert!(
        !tracked.contains("history.toml"),
        "untracked on the remote too: {tracked}"
    );
    readable_with(&desktop, &["bert", "lora", "gpt-1"]);
}

fn without_identity(cmd: &mut Command) {
    for var in [
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ] {
        cmd.env_remove(var);
    }
}

// 5
#[test]
fn sync_init_with_no_git_identity_on_a_machine_with_progress_merges_both() {
    need_git!();
    let laptop = Machine::new();
    let desktop = Machine::new();
    let remote = bare_remote(&laptop).display().to_string();
    laptop.run_at(T1, &["done", "bert"]).success();
    laptop.run(&["sync", "init", &remote]).success();
    desktop.run_at(T2, &["done", "lora"]).success();
    let mut cmd = desktop.command(None, &["sync", "init", &remote]);
    without_identity(&mut cmd);
    crate::common::run(cmd)
        .success()
        .stdout_has("1 entry from the remote: done bert");
    readable_with(&desktop, &["bert", "lora"]);
    let mut cmd = desktop.command(None, &["sync"]);
    without_identity(&mut cmd);
    crate::common::run(cmd).success();
    let authors = desktop.git(&["log", "--format=%an <%ae>", "-3"]);
    assert!(authors.contains("lpath <lpath@localhost>"), "{authors}");
    laptop.sync().success();
    readable_with(&laptop, &["bert", "lora"]);
}

#[test]
fn a_sync_init_that_stopped_half_way_is_completed_by_the_next_sync() {
    need_git!();
    let laptop = Machine::new();
    let desktop = Machine::new();
    let remote = bare_remote(&laptop);
    laptop.run_at(T1, &["done", "bert"]).success();
    laptop
        .run(&["sync", "init", remote.to_str().unwrap()])
        .success();
    // The desktop's init cannot reach the remote: it commits its own progress and stops.
    let away = remote.with_extension("away");
    std::fs::rename(&remote, &away).unwrap();
    desktop.run_at(T2, &["done", "lora"]).success();
    desktop
        .run(&["sync", "init", remote.to_str().unwrap()])
        .failure(1);
    desktop
        .run(&["doctor"])
        .failure(1)
        .stdout_has("`lpath sync init` stopped before its first sync was done");
    std::fs::rename(&away, &remote).unwrap();
    // Two unrelated histories: the next sync merges them, as the init would have.
    desktop
        .sync()
        .success()
        .stdout_has("1 entry from the remote: done bert");
    readable_with(&desktop, &["bert", "lora"]);
    laptop.sync().success();
    readable_with(&laptop, &["bert", "lora"]);
    desktop.run(&["doctor"]).success();
}

// 6
#[test]
fn thousands_of_changed_entries_are_committed_with_a_summarised_message() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    let mut text = laptop.progress();
    for i in 0..5000 {
        text.push_str(&format!(
            "\n[entry.an-entry-with-a-rather-long-id-to-fill-the-message-{i:05}]\nstatus = \"done\"\nchanged = \"2026-03-01T09:00:00Z\"\nfinished = \"2026-03-01T09:00:00Z\"\n"
        ));
    }
    laptop.lp.write_progress(&text);
    let run = laptop.sync().success();
    run.stdout_has("and 4,980 more");
    let message = laptop.git(&["log", "-1", "--format=%B"]);
    assert!(message.len() < 4096, "{} bytes", message.len());
    assert!(message.trim_end().ends_with("and 4,980 more"), "{message}");
    desktop
        .sync()
        .success()
        .stdout_has("5000 entries from the remote");
}

// 7 and 13
#[test]
fn entries_added_on_two_machines_and_while_syncing_all_arrive() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    laptop.lp.add("from-the-laptop", &[]).success();
    desktop.lp.add("from-the-desktop", &[]).success();
    laptop.sync().success();
    desktop
        .sync()
        .success()
        .stdout_has("united catalog.d/local.toml");
    // Adds racing a sync that brings local.toml changes from the remote.
    for i in 0..3 {
        desktop.lp.add(&format!("desktop-more-{i}"), &[]).success();
    }
    desktop.sync().success();
    let sync = laptop.command(None, &["sync"]).spawn().unwrap();
    let added: Vec<String> = (0..12).map(|i| format!("raced-{i}")).collect();
    for id in &added {
        laptop.lp.add(id, &[]).success();
    }
    let mut sync = sync;
    assert!(sync.wait().unwrap().success());
    laptop.sync().success();
    desktop.sync().success();
    let mut all: Vec<String> = vec!["from-the-laptop".into(), "from-the-desktop".into()];
    all.extend((0..3).map(|i| format!("desktop-more-{i}")));
    all.extend(added);
    for machine in [&laptop, &desktop] {
        let ids = crate::common::ids(&machine.run(&["list", "--json"]).success().json());
        for id in &all {
            assert!(ids.contains(id), "{id} is missing");
        }
    }
}

// 8
#[test]
fn a_repository_file_linked_to_a_device_or_a_fifo_neither_hangs_nor_grows() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    push_by_hand(&laptop, "linked", |dir| {
        std::fs::remove_file(dir.join(".gitattributes")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.join(".gitattributes")).unwrap();
    });
    desktop.run_at(T2, &["done", "lora"]).success();
    let run = run_within(desktop.command(None, &["sync"]), Duration::from_secs(60)).failure(1);
    run.stderr_has("the remote holds `.gitattributes` as a symbolic link");
    assert!(
        !std::fs::symlink_metadata(desktop.dir().join(".gitattributes"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A FIFO where `.gitignore` is (no remote can make one; a broken machine can).
    if crate::common::have("mkfifo") {
        let ignore = desktop.dir().join(".gitignore");
        std::fs::remove_file(&ignore).unwrap();
        let made = Command::new("mkfifo").arg(&ignore).status().unwrap();
        assert!(made.success());
        let run = run_within(desktop.command(None, &["sync"]), Duration::from_secs(60)).failure(1);
        run.stderr_has("cannot read `");
        run.stderr_has("a FIFO");
    }
    readable_with(&desktop, &["bert", "lora"]);
}

// 9
#[test]
fn a_remote_that_deleted_progress_is_refused_until_the_learner_says_which_to_keep() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    desktop.run_at(T2, &["note", "bert", "keep me"]).success();
    desktop.sync().success();
    laptop.sync().success();
    push_by_hand(&laptop, "gone", |dir| {
        std::fs::remove_file(dir.join("progress.toml")).unwrap();
    });
    let before = desktop.progress();
    let run = desktop.sync().failure(1);
    run.stderr_has("the remote deleted progress.toml");
    run.stderr_has("--accept-remote");
    assert_eq!(desktop.progress(), before);
    desktop.run(&["sync", "--keep-local"]).success();
    assert_eq!(desktop.progress(), before);
    laptop.sync().success();
    readable_with(&laptop, &["bert"]);
    assert!(laptop.progress().contains("keep me"));
}

#[test]
fn a_remote_that_reset_every_entry_at_once_is_refused_unless_accepted() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    laptop.run_at(T1, &["done", "gpt-1", "lora"]).success();
    laptop.sync().success();
    desktop.sync().success();
    desktop
        .run_at(T2, &["reset", "bert", "gpt-1", "lora"])
        .success();
    desktop.sync().success();
    let before = laptop.progress();
    let run = laptop.sync().failure(1);
    run.stderr_has("the remote reset all 3 entries with progress at once");
    assert_eq!(laptop.progress(), before);
    laptop.run(&["sync", "--accept-remote"]).success();
    for id in ["bert", "gpt-1", "lora"] {
        assert_eq!(laptop.status_of(id), "todo");
    }
}

// 10
#[test]
fn sync_init_refuses_a_linked_progress_file_and_says_why() {
    need_git!();
    let machine = Machine::new();
    let remote = bare_remote(&machine).display().to_string();
    machine.run_at(T1, &["done", "bert"]).success();
    let elsewhere = machine.lp.root().join("Dropbox");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let target = elsewhere.join("progress.toml");
    std::fs::rename(machine.lp.progress_path(), &target).unwrap();
    std::os::unix::fs::symlink(&target, machine.lp.progress_path()).unwrap();
    let run = machine.run(&["sync", "init", &remote]).failure(1);
    run.stderr_has("progress.toml is a symbolic link");
    run.stderr_has("cp --remove-destination");
    assert!(!machine.dir().join(".git").exists(), "nothing was changed");
    let branches = git(Path::new(&remote), machine.lp.root(), &["branch"]);
    assert_eq!(branches, "", "the remote got nothing");
    readable_with(&machine, &["bert"]);
}

// 11
#[test]
fn a_stale_index_lock_and_a_merge_left_half_done_are_cleared_by_the_next_sync() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    laptop.run_at(T2, &["done", "lora"]).success();
    std::fs::write(laptop.dir().join(".git/index.lock"), "").unwrap();
    laptop.run(&["doctor"]).failure(1).stdout_has("git's lock");
    laptop
        .sync()
        .success()
        .stdout_has("removed git's lock that an interrupted sync left");
    assert!(!laptop.dir().join(".git/index.lock").exists());

    // The desktop was killed in the middle of lpath's merge.
    desktop.run_at(T3, &["done", "gpt-1"]).success();
    desktop.git(&["commit", "--quiet", "-am", "done gpt-1"]);
    desktop.git(&["fetch", "--quiet", "origin"]);
    let branch = desktop.git(&["symbolic-ref", "--short", "HEAD"]);
    let upstream = format!("origin/{}", branch.trim());
    desktop.git(&[
        "merge",
        "--quiet",
        "--no-ff",
        "--no-commit",
        "-m",
        &format!("lpath sync: merge {upstream}"),
        &upstream,
    ]);
    assert!(desktop.dir().join(".git/MERGE_HEAD").exists());
    desktop
        .run(&["doctor"])
        .failure(1)
        .stdout_has("a sync was interrupted in the middle of a merge");
    desktop
        .sync()
        .success()
        .stdout_has("undid the merge an interrupted sync left half done");
    assert!(!desktop.dir().join(".git/MERGE_HEAD").exists());
    readable_with(&desktop, &["bert", "lora", "gpt-1"]);
    laptop.sync().success();
    readable_with(&laptop, &["bert", "lora", "gpt-1"]);
}

// 12
#[test]
fn a_branch_name_made_to_run_code_is_quoted_in_every_hint() {
    need_git!();
    let laptop = Machine::new();
    let desktop = Machine::new();
    let remote = bare_remote(&laptop).display().to_string();
    laptop.run_at(T1, &["done", "bert"]).success();
    laptop.run(&["sync", "init"]).success();
    let evil = "x;touch${IFS}PWNED;#";
    laptop.git(&["branch", "-M", evil]);
    laptop.run(&["sync", "init", &remote]).success();
    desktop.run(&["sync", "init", &remote]).success();
    assert_eq!(
        desktop.git(&["symbolic-ref", "--short", "HEAD"]).trim(),
        evil
    );
    let catalog = crate::common::catalog("mine", &[("mine-a", "")]);
    laptop
        .lp
        .write_catalog("mine.toml", &catalog.replace("Title of mine-a", "L"));
    desktop
        .lp
        .write_catalog("mine.toml", &catalog.replace("Title of mine-a", "D"));
    laptop.sync().success();
    let run = desktop.sync().failure(1);
    run.stderr_has("'origin/x;touch${IFS}PWNED;#'");
    // Pasted into a shell as it is printed, the hint runs git and nothing else.
    let hint = run
        .stderr
        .lines()
        .find(|l| l.starts_with("hint: "))
        .unwrap();
    let command = hint.split('`').nth(1).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let _ = Command::new("sh")
        .args(["-c", command])
        .current_dir(scratch.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(
        !scratch.path().join("PWNED").exists(),
        "`{command}` ran code"
    );
}

// 14
#[test]
fn a_remote_that_links_catalog_d_out_of_the_config_dir_is_refused() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    laptop.lp.add("mine-here", &[]).success();
    laptop.sync().success();
    desktop.sync().success();
    let outside = laptop.lp.root().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    push_by_hand(&laptop, "linked catalog.d", |dir| {
        std::fs::remove_dir_all(dir.join("catalog.d")).unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("catalog.d")).unwrap();
    });
    let run = desktop.sync().failure(1);
    run.stderr_has("the remote holds `catalog.d` as a symbolic link");
    let meta = std::fs::symlink_metadata(desktop.lp.catalog_dir()).unwrap();
    assert!(
        meta.is_dir(),
        "catalog.d is still this machine's own folder"
    );
    desktop.lp.add("mine-there", &[]).success();
    assert!(desktop.lp.local_catalog().unwrap().contains("mine-there"));
    assert!(std::fs::read_dir(&outside).unwrap().next().is_none());
}

// Also seen: a note edited on both sides is told, in the same words on both.
#[test]
fn a_note_edited_differently_on_both_sides_is_told_as_kept_both_ways_in_the_same_words() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    laptop
        .run_at(T2, &["note", "bert", "the original"])
        .success();
    laptop.sync().success();
    desktop.sync().success();
    laptop
        .run_at(T3, &["note", "bert", "--edit", "1", "the laptop's"])
        .success();
    desktop
        .run_at(T3, &["note", "bert", "--edit", "1", "the desktop's"])
        .success();
    laptop
        .sync()
        .success()
        .stdout_has("committed here: note on bert");
    let run = desktop.sync().success();
    run.stdout_has("committed here: note on bert");
    run.stdout_has("1 entry from the remote: note on bert");
    run.stdout_has("kept both versions of note 1 on bert");
    laptop.sync().success();
    for machine in [&laptop, &desktop] {
        let text = machine.progress();
        assert!(
            text.contains("the laptop's") && text.contains("the desktop's"),
            "{text}"
        );
    }
}

#[test]
fn doctor_reports_a_sync_that_keeps_failing() {
    need_git!();
    let (laptop, _, remote) = two_machines();
    let hook = Path::new(&remote).join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\nexit 1\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    laptop.run_at(T2, &["done", "lora"]).success();
    laptop.sync().failure(1);
    let run = laptop.run(&["doctor"]).failure(1);
    run.stdout_has("the last sync failed: the remote refused the push");
    std::fs::remove_file(&hook).unwrap();
    laptop.sync().success();
    laptop.run(&["doctor"]).success();
}
