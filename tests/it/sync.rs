//! `lpath sync`: progress kept in step between machines through git. Real git, config dirs for a
//! "laptop" and a "desktop", and a bare repository on disk as the remote; nothing leaves the machine.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Lpath, Run};

/// Without git to run, fails the test in CI and elsewhere skips it, saying so on the terminal.
macro_rules! need_git {
    () => {
        if !crate::common::need("git", "the sync tests run real git") {
            return;
        }
    };
}

/// One machine: its own config dir, and the user's git identity set the way tests need it,
/// with nothing from the real user's git config.
pub(crate) struct Machine {
    pub(crate) lp: Lpath,
}

impl Machine {
    pub(crate) fn new() -> Machine {
        Machine { lp: Lpath::new() }
    }

    pub(crate) fn command(&self, now: Option<&str>, args: &[&str]) -> Command {
        let mut cmd = self.lp.command(args);
        git_env(&mut cmd, self.lp.root());
        if let Some(now) = now {
            cmd.env("LPATH_NOW", now);
        }
        cmd
    }

    pub(crate) fn run(&self, args: &[&str]) -> Run {
        crate::common::run(self.command(None, args))
    }

    pub(crate) fn run_at(&self, now: &str, args: &[&str]) -> Run {
        crate::common::run(self.command(Some(now), args))
    }

    pub(crate) fn sync(&self) -> Run {
        self.run(&["sync"])
    }

    pub(crate) fn progress(&self) -> String {
        self.lp.progress().unwrap_or_default()
    }

    pub(crate) fn dir(&self) -> &Path {
        self.lp.config_dir()
    }

    /// `git ARGS` in this machine's config dir; its stdout.
    pub(crate) fn git(&self, args: &[&str]) -> String {
        git(self.dir(), self.lp.root(), args)
    }

    pub(crate) fn status_of(&self, id: &str) -> String {
        self.lp.entry_json(id)["status"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

/// The identity and config a test's git runs with.
pub(crate) fn git_env(cmd: &mut Command, home: &Path) {
    cmd.env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Learner")
        .env("GIT_AUTHOR_EMAIL", "learner@example.org")
        .env("GIT_COMMITTER_NAME", "Learner")
        .env("GIT_COMMITTER_EMAIL", "learner@example.org");
}

pub(crate) fn git(dir: &Path, home: &Path, args: &[&str]) -> String {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).args(args);
    git_env(&mut cmd, home);
    let out = cmd.output().expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A bare repository on disk, as the remote both machines sync with.
pub(crate) fn bare_remote(owner: &Machine) -> PathBuf {
    let path = owner.lp.root().join("remote.git");
    git(
        owner.lp.root(),
        owner.lp.root(),
        &["init", "--quiet", "--bare", path.to_str().unwrap()],
    );
    path
}

/// A laptop with progress, set up with a remote, and a desktop that joined it.
pub(crate) fn two_machines() -> (Machine, Machine, String) {
    let laptop = Machine::new();
    let desktop = Machine::new();
    let remote = bare_remote(&laptop).display().to_string();
    laptop.run_at(T1, &["done", "bert"]).success();
    laptop.run(&["sync", "init", &remote]).success();
    desktop.run(&["sync", "init", &remote]).success();
    (laptop, desktop, remote)
}

pub(crate) const T1: &str = "2026-03-01T09:00:00Z";
pub(crate) const T2: &str = "2026-03-02T09:00:00Z";
pub(crate) const T3: &str = "2026-03-03T09:00:00Z";

pub(crate) fn assert_no_conflict_markers(text: &str) {
    for marker in ["<<<<<<<", "=======", ">>>>>>>"] {
        assert!(!text.contains(marker), "conflict marker in:\n{text}");
    }
}

#[test]
fn progress_made_on_each_side_arrives_on_the_other() {
    need_git!();
    let laptop = Machine::new();
    let desktop = Machine::new();
    let remote = bare_remote(&laptop).display().to_string();
    laptop.run_at(T1, &["done", "bert", "gpt-1"]).success();
    let init = laptop.run(&["sync", "init", &remote]).success();
    init.stdout_has("is now a git repository");
    init.stdout_has("2 entries to the remote: done bert, gpt-1");

    let joined = desktop.run(&["sync", "init", &remote]).success();
    joined.stdout_has("2 entries from the remote: done bert, gpt-1");
    assert_eq!(
        desktop.progress(),
        laptop.progress(),
        "a fresh machine takes the remote's progress"
    );

    desktop.run_at(T2, &["done", "lora"]).success();
    desktop
        .run_at(T2, &["note", "bert", "masked words"])
        .success();
    let sent = desktop.sync().success();
    sent.stdout_has("committed here: done lora; note on bert");
    sent.stdout_has("2 entries to the remote: done lora; note on bert");

    let came = laptop.sync().success();
    came.stdout_has("2 entries from the remote: done lora; note on bert");
    assert_eq!(laptop.status_of("lora"), "done");
    assert_eq!(laptop.progress(), desktop.progress());
    assert_eq!(
        laptop.git(&["log", "-1", "--format=%s"]).trim(),
        "done lora; note on bert",
        "the commit message says what changed"
    );
}

#[test]
fn nothing_to_sync_says_so_and_exits_zero() {
    need_git!();
    let (laptop, _desktop, remote) = two_machines();
    let run = laptop.sync().success();
    run.stdout_has(&format!(
        "nothing to sync: this machine and `{remote}` are in step"
    ));
}

#[test]
fn the_same_entry_changed_on_both_sides_resolves_to_the_later_change_on_both() {
    need_git!();
    let (laptop, desktop) = {
        let (l, d, _) = two_machines();
        (l, d)
    };
    // Between two syncs, each machine changes gpt-1 and lora; the later change of each wins.
    laptop.run_at(T2, &["start", "gpt-1"]).success();
    desktop.run_at(T3, &["done", "gpt-1"]).success();
    laptop.run_at(T3, &["skip", "lora"]).success();
    desktop.run_at(T2, &["start", "lora"]).success();
    laptop.run_at(T2, &["note", "lora", "kept"]).success();
    laptop.sync().success();
    desktop.sync().success();
    laptop.sync().success();
    for machine in [&laptop, &desktop] {
        assert_eq!(machine.status_of("gpt-1"), "done");
        assert_eq!(machine.status_of("lora"), "skipped");
        assert_no_conflict_markers(&machine.progress());
    }
    assert_eq!(laptop.progress(), desktop.progress(), "byte for byte");
    assert!(desktop.progress().contains("kept"));
}

#[test]
fn a_reset_on_one_side_stays_reset_unless_the_other_side_changed_the_entry() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    laptop.run_at(T1, &["done", "gpt-1"]).success();
    laptop.sync().success();
    desktop.sync().success();
    // The desktop resets both; meanwhile the laptop left gpt-1 alone but added a note to bert.
    desktop.run_at(T3, &["reset", "bert", "gpt-1"]).success();
    laptop.run_at(T2, &["note", "bert", "a thought"]).success();
    desktop.sync().success();
    laptop.sync().success();
    desktop.sync().success();
    for machine in [&laptop, &desktop] {
        assert_eq!(machine.status_of("gpt-1"), "todo");
        // Nothing is lost: a reset that would drop the other side's note keeps the record.
        assert_eq!(machine.status_of("bert"), "done");
        assert!(machine.progress().contains("a thought"));
    }
    assert_eq!(laptop.progress(), desktop.progress());
}

#[test]
fn notes_from_both_sides_are_all_there_exactly_once() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    laptop
        .run_at(T2, &["note", "bert", "from the laptop"])
        .success();
    desktop
        .run_at(T3, &["note", "bert", "from the desktop"])
        .success();
    desktop
        .run_at(T3, &["note", "gpt-1", "only here"])
        .success();
    for machine in [&laptop, &desktop, &laptop, &desktop] {
        machine.sync().success();
    }
    for machine in [&laptop, &desktop] {
        let text = machine.progress();
        for note in ["from the laptop", "from the desktop", "only here"] {
            assert_eq!(text.matches(note).count(), 1, "`{note}` in:\n{text}");
        }
    }
    assert_eq!(laptop.progress(), desktop.progress());
}

#[test]
fn a_third_machine_joining_gets_everything() {
    need_git!();
    let (laptop, desktop, remote) = two_machines();
    desktop.run_at(T2, &["done", "lora"]).success();
    desktop.sync().success();
    laptop.sync().success();
    let third = Machine::new();
    third.run(&["sync", "init", &remote]).success();
    assert_eq!(third.progress(), laptop.progress());
    assert_eq!(third.status_of("lora"), "done");
    assert_eq!(third.status_of("bert"), "done");
}

#[test]
fn a_machine_with_progress_of_its_own_merges_both_when_it_joins() {
    need_git!();
    let laptop = Machine::new();
    let desktop = Machine::new();
    let remote = bare_remote(&laptop).display().to_string();
    laptop.run_at(T1, &["done", "bert"]).success();
    laptop.run(&["sync", "init", &remote]).success();
    desktop.run_at(T2, &["done", "lora"]).success();
    let joined = desktop.run(&["sync", "init", &remote]).success();
    joined.stdout_has("1 entry from the remote: done bert");
    joined.stdout_has("1 entry to the remote: done lora");
    laptop.sync().success();
    assert_eq!(laptop.progress(), desktop.progress());
    assert_eq!(laptop.status_of("lora"), "done");
}

#[test]
fn init_writes_what_stays_per_machine_and_registers_lpaths_merge_driver() {
    need_git!();
    let (laptop, _, _) = two_machines();
    let ignore = std::fs::read_to_string(laptop.dir().join(".gitignore")).unwrap();
    for line in ["progress.lock", "catalog.lock", "history.toml"] {
        assert!(ignore.lines().any(|l| l == line), "{line} in {ignore}");
    }
    let attributes = std::fs::read_to_string(laptop.dir().join(".gitattributes")).unwrap();
    assert!(
        attributes.contains("progress.toml merge=lpath"),
        "{attributes}"
    );
    let driver = laptop.git(&["config", "merge.lpath.driver"]);
    let binary = std::fs::canonicalize(env!("CARGO_BIN_EXE_lpath")).unwrap();
    assert!(
        driver.starts_with(&binary.display().to_string()),
        "the absolute path of the running binary: {driver}"
    );
    let tracked = laptop.git(&["ls-files"]);
    assert!(!tracked.contains("history.toml"), "{tracked}");
    assert!(!tracked.contains(".lock"), "{tracked}");
    assert!(tracked.contains("progress.toml"), "{tracked}");
}

#[test]
fn a_conflict_in_a_user_catalog_aborts_cleanly_and_names_the_file() {
    need_git!();
    let (laptop, desktop, remote) = two_machines();
    let catalog = crate::common::catalog("mine", &[("mine-a", "")]);
    laptop.lp.write_catalog("mine.toml", &catalog);
    laptop.sync().success();
    desktop.sync().success();
    laptop.lp.write_catalog(
        "mine.toml",
        &catalog.replace("Title of mine-a", "Laptop title"),
    );
    let desktop_text = catalog.replace("Title of mine-a", "Desktop title");
    desktop.lp.write_catalog("mine.toml", &desktop_text);
    desktop.run_at(T2, &["done", "lora"]).success();
    laptop.sync().success();
    let remote_head = git(Path::new(&remote), laptop.lp.root(), &["rev-parse", "HEAD"]);
    let head_before_merge = {
        // The desktop's own changes are committed before the merge is tried.
        let run = desktop.sync().failure(1);
        run.stderr_has("`catalog.d/mine.toml` changed on both sides");
        run.stderr_has("the merge was undone");
        run.stderr_has("hint: merge by hand: `git -C");
        desktop.git(&["rev-parse", "HEAD"])
    };
    assert_eq!(
        std::fs::read_to_string(desktop.lp.catalog_dir().join("mine.toml")).unwrap(),
        desktop_text
    );
    assert_eq!(
        desktop.git(&["status", "--porcelain"]),
        "",
        "no merge left half done"
    );
    assert!(!desktop.dir().join(".git/MERGE_HEAD").exists());
    assert_eq!(desktop.status_of("lora"), "done");
    assert!(
        desktop
            .git(&["log", "-1", "--format=%s"])
            .contains("done lora")
    );
    assert_eq!(desktop.git(&["rev-parse", "HEAD"]), head_before_merge);
    assert_eq!(
        git(Path::new(&remote), laptop.lp.root(), &["rev-parse", "HEAD"]),
        remote_head,
        "the remote is as it was"
    );
}

#[test]
fn an_unreachable_remote_is_a_clear_error_and_progress_stays_committed() {
    need_git!();
    let (laptop, _, remote) = two_machines();
    let away = format!("{remote}.away");
    std::fs::rename(&remote, &away).unwrap();
    laptop.run_at(T2, &["done", "lora"]).success();
    let before = laptop.progress();
    let run = laptop.sync().failure(1);
    run.stderr_has(&format!("cannot reach the remote `{remote}`"));
    run.stderr_has("fetch origin`");
    assert_eq!(laptop.progress(), before);
    assert_eq!(
        laptop.git(&["log", "-1", "--format=%s"]).trim(),
        "done lora"
    );

    // The next sync picks up where this one stopped.
    std::fs::rename(&away, &remote).unwrap();
    laptop
        .sync()
        .success()
        .stdout_has("1 entry to the remote: done lora");

    let nowhere = Machine::new();
    nowhere.run_at(T1, &["done", "bert"]).success();
    let missing = nowhere.lp.root().join("no-such-remote.git");
    let run = nowhere
        .run(&["sync", "init", missing.to_str().unwrap()])
        .failure(1);
    run.stderr_has("cannot reach the remote");
    assert!(
        nowhere
            .git(&["log", "-1", "--format=%s"])
            .contains("done bert")
    );
}

#[test]
fn a_missing_git_is_a_clear_error_and_nothing_changes() {
    need_git!();
    let (laptop, _, _) = two_machines();
    laptop.run_at(T2, &["done", "lora"]).success();
    let before = laptop.progress();
    let empty = laptop.lp.root().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    for args in [&["sync"][..], &["sync", "init"]] {
        let mut cmd = laptop.command(None, args);
        cmd.env("PATH", &empty);
        let run = crate::common::run(cmd).failure(1);
        run.stderr_has("git is not on PATH");
        run.stderr_has("`git --version`");
    }
    assert_eq!(laptop.progress(), before);
    laptop.sync().success().stdout_has("done lora");
}

#[test]
fn a_rejected_push_is_a_clear_error_and_the_next_sync_resumes() {
    need_git!();
    let (laptop, _, remote) = two_machines();
    let hook = Path::new(&remote).join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'no pushes today' >&2\nexit 1\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    laptop.run_at(T2, &["done", "lora"]).success();
    let run = laptop.sync().failure(1);
    run.stderr_has("the remote refused the push");
    run.stderr_has("push origin");
    assert_eq!(
        laptop.git(&["log", "-1", "--format=%s"]).trim(),
        "done lora"
    );
    std::fs::remove_file(&hook).unwrap();
    laptop
        .sync()
        .success()
        .stdout_has("1 entry to the remote: done lora");
}

#[test]
fn a_repository_mid_merge_or_on_a_detached_head_is_refused_with_the_way_out() {
    need_git!();
    let (laptop, _, _) = two_machines();
    let head = laptop.git(&["rev-parse", "HEAD"]);
    std::fs::write(laptop.dir().join(".git/MERGE_HEAD"), &head).unwrap();
    let run = laptop.sync().failure(1);
    run.stderr_has("in the middle of a merge");
    run.stderr_has("status`");
    std::fs::remove_file(laptop.dir().join(".git/MERGE_HEAD")).unwrap();

    laptop.git(&["checkout", "--quiet", "--detach"]);
    laptop.run_at(T2, &["done", "lora"]).success();
    let run = laptop.sync().failure(1);
    run.stderr_has("on no branch (a detached HEAD)");
    run.stderr_has("switch -`");
    laptop.git(&["checkout", "--quiet", "-"]);
    laptop.sync().success().stdout_has("done lora");
}

#[test]
fn sync_before_init_says_how_to_set_it_up() {
    need_git!();
    let lp = Machine::new();
    lp.run(&["done", "bert"]).success();
    let run = lp.sync().failure(1);
    run.stderr_has("is not set up for sync");
    run.stderr_has("lpath sync init REMOTE");
}

#[test]
fn sync_works_for_a_user_with_no_git_identity() {
    need_git!();
    let laptop = Machine::new();
    let remote = bare_remote(&laptop).display().to_string();
    laptop.run(&["done", "bert"]).success();
    let mut cmd = laptop.command(None, &["sync", "init", &remote]);
    for var in [
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ] {
        cmd.env_remove(var);
    }
    crate::common::run(cmd).success();
    assert_eq!(
        laptop.git(&["log", "-1", "--format=%an <%ae>"]).trim(),
        "lpath <lpath@localhost>"
    );
}

#[test]
fn twenty_done_racing_a_sync_lose_nothing() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    let ids: Vec<String> = crate::common::ids(&laptop.lp.run(&["list", "--json"]).success().json())
        .into_iter()
        .filter(|id| id != "bert")
        .take(20)
        .collect();
    let sync = laptop.command(None, &["sync"]).spawn().unwrap();
    let dones: Vec<_> = ids
        .iter()
        .map(|id| {
            laptop
                .command(None, &["done", id])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in dones {
        assert!(child.wait().unwrap().success());
    }
    let mut sync = sync;
    assert!(sync.wait().unwrap().success());
    laptop.sync().success();
    desktop.sync().success();
    for machine in [&laptop, &desktop] {
        for id in &ids {
            assert_eq!(machine.status_of(id), "done", "{id}");
        }
    }
    assert_eq!(laptop.git(&["status", "--porcelain"]), "");
}

#[test]
fn doctor_reports_the_remote_the_last_sync_and_commits_not_pushed() {
    need_git!();
    let (laptop, _, remote) = two_machines();
    let run = laptop.run(&["doctor"]).success();
    run.stdout_has("✓ sync");
    run.stdout_has(&format!("remote `{remote}`"));
    run.stdout_has("last sync 20");
    run.stdout_has("every commit pushed");
    laptop.run(&["done", "lora"]).success();
    laptop.git(&["commit", "--quiet", "-am", "by hand"]);
    laptop
        .run(&["doctor"])
        .success()
        .stdout_has("1 commit not pushed");

    let plain = Machine::new();
    plain
        .run(&["doctor"])
        .success()
        .stdout_has("✓ sync           not set up");
}

#[test]
fn a_remote_progress_file_this_lpath_cannot_read_is_refused_and_nothing_is_merged() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    laptop.lp.write_progress("format = 1\n[entry.bert\n");
    laptop.git(&["commit", "--quiet", "-am", "broken by hand"]);
    laptop.git(&["push", "--quiet", "origin", "HEAD"]);
    desktop.run_at(T2, &["done", "lora"]).success();
    let before = desktop.progress();
    let run = desktop.sync().failure(1);
    run.stderr_has("the remote's progress.toml cannot be read: line 2");
    run.stderr_has("nothing was merged");
    assert_eq!(desktop.progress(), before);
    assert_eq!(
        desktop.git(&["log", "-1", "--format=%s"]).trim(),
        "done lora"
    );
}

#[test]
fn the_merge_driver_merges_into_our_file_and_leaves_it_untouched_when_a_side_is_unreadable() {
    let lp = Lpath::new();
    let dir = lp.root();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let record = |id: &str, status: &str, day: u8| {
        format!(
            "format = 1\n\n[entry.{id}]\nstatus = \"{status}\"\nchanged = \"2026-03-0{day}T09:00:00Z\"\n"
        )
    };
    let base = write("base", &record("bert", "reading", 1));
    let ours = write("ours", &record("bert", "reading", 2));
    let theirs = write("theirs", &record("bert", "done", 3));
    lp.run(&["__merge-driver", &base, &ours, &theirs]).success();
    let merged = std::fs::read_to_string(&ours).unwrap();
    assert!(merged.contains("status = \"done\""), "{merged}");
    assert_no_conflict_markers(&merged);

    let broken = write("broken", "format = 1\n[entry.bert\n");
    let before = std::fs::read_to_string(&ours).unwrap();
    let run = lp
        .run(&["__merge-driver", &base, &ours, &broken])
        .failure(1);
    run.stderr_has("the other machine's file cannot be read");
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), before);
    lp.run(&["__merge-driver", &base]).failure(2);
}

#[test]
fn a_repository_made_by_hand_gets_lpaths_files_on_the_first_sync() {
    need_git!();
    let lp = Machine::new();
    lp.run(&["done", "bert"]).success();
    lp.git(&["init", "--quiet"]);
    let run = lp.sync().success();
    run.stdout_has("committed here: done bert");
    run.stdout_has("no remote to sync with; `lpath sync init REMOTE` adds one");
    let tracked = lp.git(&["ls-files"]);
    assert!(tracked.contains(".gitattributes"), "{tracked}");
    assert!(!tracked.contains("history.toml"), "{tracked}");
}

#[test]
fn init_adopts_a_repository_that_is_there_and_keeps_its_history() {
    need_git!();
    let lp = Machine::new();
    lp.run(&["done", "bert"]).success();
    lp.git(&["init", "--quiet"]);
    lp.git(&["add", "progress.toml"]);
    lp.git(&["commit", "--quiet", "-m", "my own commit"]);
    let run = lp.run(&["sync", "init"]).success();
    run.stdout_has("set up sync in the git repository");
    let log = lp.git(&["log", "--format=%s"]);
    assert!(log.ends_with("my own commit\n"), "{log}");
    assert!(lp.dir().join(".gitattributes").exists());
}

#[test]
fn undo_after_a_sync_reverts_the_sync_first_never_a_record_from_before_it() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    desktop
        .run_at(T2, &["note", "lora", "from the desktop"])
        .success();
    desktop.sync().success();
    laptop.sync().success();
    laptop.run_at(T3, &["done", "lora"]).success();
    laptop
        .run_at(T3, &["note", "lora", "from the laptop"])
        .success();
    laptop.sync().success();
    desktop.sync().success();
    assert_eq!(desktop.status_of("lora"), "done");
    let log = desktop.run(&["log"]).success();
    assert!(
        log.stdout
            .lines()
            .any(|line| line.contains("  sync  (lora)")),
        "{}",
        log.stdout
    );
    // The desktop's last change is the sync: undo takes back what it brought, nothing older,
    // and says that syncing takes the undo to the other machines too.
    desktop
        .run(&["undo"])
        .success()
        .stdout_has("undid `sync`")
        .stdout_has("the next `lpath sync` takes this undo to your other machines");
    assert_eq!(desktop.status_of("lora"), "todo");
    let text = desktop.progress();
    assert!(text.contains("from the desktop"), "{text}");
    assert!(!text.contains("from the laptop"), "{text}");
    // The next undo is the desktop's own note, and only that.
    desktop
        .run(&["undo"])
        .success()
        .stdout_has("undid `note lora");
    assert!(!desktop.progress().contains("from the desktop"));
}

#[test]
fn files_left_by_an_interrupted_save_stay_on_this_machine() {
    need_git!();
    let (laptop, _, _) = two_machines();
    let dir = laptop.dir();
    std::fs::create_dir_all(dir.join("catalog.d")).unwrap();
    for name in [
        ".progress.toml.4000000.0123456789abcdef.tmp",
        ".history.toml.4000001.0123456789abcdef.tmp",
        "catalog.d/.local.toml.4000002.0123456789abcdef.tmp",
    ] {
        std::fs::write(dir.join(name), "left by a save cut short").unwrap();
    }
    laptop.run_at(T2, &["done", "gpt-1"]).success();
    laptop.sync().success();
    let tracked = laptop.git(&["ls-files"]);
    assert!(!tracked.contains(".tmp"), "{tracked}");
    assert!(tracked.contains("progress.toml"), "{tracked}");
}

#[test]
fn a_remote_record_that_import_would_refuse_is_refused_and_nothing_is_merged() {
    need_git!();
    for record in [
        // An id that is not kebab-case, with a terminal escape in it.
        "[entry.\"evil\\u001b[2Jid\"]\nstatus = \"done\"\nchanged = \"2026-03-01T09:00:00Z\"\n",
        // A note with a bidi override.
        "[entry.lora]\nstatus = \"done\"\nchanged = \"2026-03-01T09:00:00Z\"\n\n[[entry.lora.notes]]\nat = \"2026-03-01T09:00:00Z\"\ntext = \"txt\\u202eexe\"\n",
        // A change dated years ahead, which would win every merge after it.
        "[entry.lora]\nstatus = \"done\"\nchanged = \"2099-01-01T00:00:00Z\"\n",
    ] {
        let (laptop, desktop, _) = two_machines();
        let text = format!("{}\n{record}", laptop.progress());
        laptop.lp.write_progress(&text);
        laptop.git(&["commit", "--quiet", "-am", "edited by hand"]);
        laptop.git(&["push", "--quiet", "origin", "HEAD"]);
        desktop.run_at(T2, &["done", "gpt-1"]).success();
        let before = desktop.progress();
        let run = desktop.sync().failure(1);
        run.stderr_has("the remote's progress.toml holds a record lpath does not merge");
        run.stderr_has("nothing was merged");
        assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
        assert_eq!(desktop.progress(), before);
    }
}

#[test]
fn sync_init_with_an_empty_remote_is_a_usage_error_that_changes_nothing() {
    need_git!();
    let machine = Machine::new();
    let run = machine.run(&["sync", "init", ""]).failure(2);
    run.stderr_has("the remote is empty");
    assert!(
        run.stderr
            .lines()
            .nth(1)
            .unwrap_or("")
            .starts_with("hint: ")
    );
    assert!(!machine.dir().join(".git").exists());
    // The merge driver, run by hand, says what it is for.
    machine
        .run(&["__merge-driver"])
        .failure(2)
        .stderr_has("hint: git runs this for progress.toml");
}

#[test]
fn a_progress_file_moved_aside_by_doctor_fix_comes_back_from_the_last_sync_not_as_a_reset_everywhere()
 {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    desktop.lp.write_progress("not toml at all [");
    desktop.run(&["doctor", "--fix"]);
    assert!(desktop.lp.progress().is_none(), "moved aside");
    desktop
        .sync()
        .success()
        .stdout_has("progress.toml was missing: brought back the copy last synced");
    assert_eq!(desktop.status_of("bert"), "done");
    laptop.sync().success();
    assert_eq!(laptop.status_of("bert"), "done");
}

#[test]
fn a_record_from_a_clock_far_ahead_stops_only_the_machines_it_is_news_to_and_its_fix_gets_through()
{
    need_git!();
    let (laptop, desktop, _) = two_machines();
    laptop
        .run_at("2099-01-01T00:00:00Z", &["done", "lora"])
        .success();
    laptop.sync().success();
    // The laptop has the record already: nothing new comes from the remote, so nothing stops it.
    laptop.sync().success();
    desktop
        .sync()
        .failure(1)
        .stderr_has("holds a record lpath does not merge");
    // Fixed where it was made, the fix reaches the remote, and the desktop takes it.
    laptop.run(&["reset", "lora"]).success();
    laptop.sync().success();
    desktop.sync().success();
    assert_eq!(desktop.status_of("lora"), "todo");
    assert_eq!(desktop.status_of("bert"), "done");
}

#[test]
fn what_a_sync_did_fits_the_terminal_in_both_languages() {
    need_git!();
    let (laptop, desktop, _) = two_machines();
    let many = [
        "done",
        "attention-is-all-you-need",
        "bahdanau-attention",
        "illustrated-transformer",
        "gpt-1",
        "roberta",
        "layer-norm-transformer",
    ];
    laptop.run(&many).success();
    laptop.run(&["note", "roberta", "robustly"]).success();
    laptop.sync().success();
    // The terminal runs lpath without the tests' git environment: the identity is the repository's.
    for (key, value) in [
        ("user.name", "Learner"),
        ("user.email", "learner@example.org"),
    ] {
        desktop.git(&["config", key, value]);
    }
    let mut wide = Vec::new();
    for (round, (columns, lang)) in [(60u16, "en"), (80, "zh"), (120, "en"), (60, "zh")]
        .into_iter()
        .enumerate()
    {
        desktop.run(&["start", "chinchilla"]).success();
        let Some(text) = desktop.lp.in_terminal(columns, &["--lang", lang, "sync"]) else {
            return;
        };
        assert!(
            round > 0 || text.contains("layer-norm-transformer"),
            "{text}"
        );
        let what = format!("sync --lang {lang}");
        wide.extend(crate::common::too_wide(&text, usize::from(columns), &what));
        wide.extend(
            text.lines()
                .filter(|l| l.ends_with(' '))
                .map(|l| format!("`{l}`")),
        );
        desktop.run(&["reset", "chinchilla"]).success();
        laptop.run(&["note", "roberta", lang]).success();
        laptop.sync().success();
    }
    crate::common::assert_none_too_wide(&wide);
}

/// The review file of `machine`, read by the toml crate: the test's own reader.
fn review_file(machine: &Machine) -> toml::Table {
    crate::review::review_file_in(machine.dir())
}

/// Two machines that both grade `bert.q1` (and one other card each) between syncs, then sync,
/// the laptop first or the desktop first; the review file they both end with.
fn reviews_synced(laptop_first: bool) -> String {
    let (laptop, desktop, _) = two_machines();
    laptop
        .run_at(T2, &["review", "grade", "bert.q1", "good"])
        .success();
    laptop
        .run_at(T3, &["review", "grade", "bert.q2", "hard"])
        .success();
    desktop
        .run_at(
            "2026-03-02T18:00:00Z",
            &["review", "grade", "bert.q1", "again"],
        )
        .success();
    desktop
        .run_at(T3, &["review", "grade", "bert.q3", "easy"])
        .success();
    let (first, second) = if laptop_first {
        (&laptop, &desktop)
    } else {
        (&desktop, &laptop)
    };
    first.sync().success();
    second.sync().success();
    first.sync().success();
    let text = |m: &Machine| std::fs::read_to_string(m.dir().join("review.toml")).unwrap();
    assert_eq!(
        text(&laptop),
        text(&desktop),
        "both machines hold the same reviews"
    );
    assert_no_conflict_markers(&text(&laptop));
    let file = review_file(&laptop);
    assert_eq!(
        crate::review::log_of(&file, "bert.q1"),
        ["2026-03-02T09:00:00Z good", "2026-03-02T18:00:00Z again"],
        "both machines' reviews of the card count, in time order"
    );
    for card in ["bert.q2", "bert.q3"] {
        assert!(file["card"].get(card).is_some(), "{card} is kept");
    }
    // The card is as one machine that gave both grades in turn would have it.
    let alone = Machine::new();
    alone.run_at(T1, &["done", "bert"]).success();
    alone
        .run_at(T2, &["review", "grade", "bert.q1", "good"])
        .success();
    alone
        .run_at(
            "2026-03-02T18:00:00Z",
            &["review", "grade", "bert.q1", "again"],
        )
        .success();
    assert_eq!(
        file["card"]["bert.q1"],
        review_file(&alone)["card"]["bert.q1"],
        "the merged state is the replay of both reviews"
    );
    text(&laptop)
}

#[test]
fn sync_merges_both_machines_reviews_of_a_card_in_time_order_whichever_syncs_first() {
    need_git!();
    assert_eq!(reviews_synced(true), reviews_synced(false));
}
