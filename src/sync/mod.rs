//! `lpath sync`: the config dir as a git repository, merged with a remote through the git
//! command line, progress.toml by lpath's own merge driver.

pub mod git;
pub mod merge;
pub mod repair;
pub mod summary;
pub mod tree;

use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::error::{Error, Result};
use crate::fs::paths::Paths;
use crate::progress::model::Progress;
use crate::progress::store::{Lock, Store};
use git::{Blob, Git, shell_quote};
pub use merge::Loss;
use summary::Summary;

/// The remote `sync init REMOTE` adds and `sync` syncs with.
pub const REMOTE: &str = "origin";

/// The merge driver's name in `.gitattributes` and the repository's config.
const DRIVER: &str = "lpath";

/// The hidden command git runs to merge progress.toml: `lpath __merge-driver %O %A %B`. Read
/// before clap parses, like the completion scripts' command, so no completion offers it.
pub const MERGE_DRIVER_COMMAND: &str = "__merge-driver";

/// What stays on each machine: locks, the undo journal (it reverts this machine's changes),
/// files a save or `doctor --fix` left, and the catalog cache older versions kept here.
const IGNORED: &[&str] = &[
    "progress.lock",
    "catalog.lock",
    SYNC_LOCK,
    "history.toml",
    ".progress.toml.tmp-*",
    // What the atomic writer leaves if a save is cut short, in any directory.
    ".*.tmp",
    "*.broken-*",
    "/cache/",
];

const ATTRIBUTES: &[&str] = &["progress.toml merge=lpath"];

/// lpath's own attributes, in `.git/info/attributes`, which come before any `.gitattributes` and
/// which no remote can change: no remote line can switch off the merge driver, make git convert
/// the files on checkout (line ends, an encoding, a filter) or merge them another way.
const OWN_ATTRIBUTES: &[&str] = &[
    "* -text -eol -working-tree-encoding -filter -ident merge=text",
    "progress.toml merge=lpath",
];

/// Inside `.git`: set by `sync init REMOTE` until its first sync is done, so that the next
/// `lpath sync` completes an init that stopped half way (it may merge unrelated histories).
const INIT_PENDING_FILE: &str = "lpath-init-pending";

/// Inside `.git`: why the last sync failed, until one succeeds, for `doctor`.
const FAILED_FILE: &str = "lpath-sync-failed";

/// The most lpath reads of `.gitignore` or `.gitattributes`.
const MAX_REPO_FILE_BYTES: u64 = 1024 * 1024;
const SYNC_LOCK: &str = "sync.lock";

/// Where `sync` notes when it last finished, inside `.git`: per machine, never committed.
const LAST_SYNC_FILE: &str = "lpath-last-sync";

/// What one sync did.
#[derive(Debug, Default)]
pub struct Report {
    /// The message of the commit made of this machine's changes, if there were any.
    pub committed: Option<String>,
    /// `None` when the repository has no remote yet.
    pub remote: Option<String>,
    pub incoming: Summary,
    pub incoming_files: Vec<String>,
    pub outgoing: Summary,
    pub outgoing_files: Vec<String>,
    /// How many commits went to the remote.
    pub pushed: usize,
    /// progress.toml was missing and the copy last committed was brought back.
    pub restored: bool,
    /// What an interrupted sync left that this one cleared (a stale lock, a merge half done).
    pub repaired: Vec<String>,
    /// Files the remote tracks that stay on each machine: this machine's were kept.
    pub per_machine: Vec<String>,
    /// `(note number, id)`: notes edited differently on both sides, both versions kept.
    pub united: Vec<(usize, String)>,
    /// local.toml's entries from both sides were united by id.
    pub catalog_united: bool,
}

impl Report {
    pub fn did_nothing(&self) -> bool {
        self.committed.is_none()
            && !self.restored
            && self.repaired.is_empty()
            && self.incoming.is_empty()
            && self.incoming_files.is_empty()
            && self.pushed == 0
    }
}

/// What `sync init` found and did.
#[derive(Debug)]
pub struct Init {
    pub dir: PathBuf,
    /// The config dir was a git repository already.
    pub adopted: bool,
    pub sync: Report,
}

/// `lpath sync init [REMOTE]`; `now` is the context's clock, for the journal and the checks.
pub fn init(paths: &Paths, remote: Option<&str>, loss: Loss, now: Timestamp) -> Result<Init> {
    if remote.is_some_and(|remote| remote.trim().is_empty()) {
        return Err(Error::usage(t!("sync.empty_remote")).with_hint(t!("sync.empty_remote_hint")));
    }
    let dir = paths.config_dir().to_path_buf();
    paths.check_config_dir()?;
    let mut git = Git::new(&dir)?;
    check_linked_progress(paths, &git)?;
    fs::create_dir_all(&dir).map_err(|err| {
        Error::io("create config dir", &dir, &err).with_hint(t!("hints.config_dir_permissions"))
    })?;
    let adopted = dir.join(".git").exists();
    if !adopted {
        // A new repository's branch is `main`, whatever git's default, as the README says.
        let made = git.run(["init", "--quiet", "--initial-branch=main"])?;
        if !made.ok {
            git.ok(["init", "--quiet"], |reason| {
                Error::failure(t!("sync.init_failed", reason = reason))
                    .with_hint(t!("sync.look_hint", command = git.shown("status")))
            })?;
        }
    }
    let _one_sync = Lock::acquire(&sync_lock(paths))?;
    let mut repaired = if adopted {
        repair::resume(paths, &git)?
    } else {
        Vec::new()
    };
    check_state(&git, adopted)?;
    register_driver(&git)?;
    git.use_fallback_identity_if_needed()?;
    let Some(remote) = remote else {
        let committed = {
            let _locks = lock_all(paths)?;
            write_repo_files(&git)?;
            commit_local(paths, &git, "lpath sync init")?
        };
        return Ok(Init {
            dir,
            adopted,
            sync: Report {
                committed,
                remote: remote_url(&git)?,
                repaired,
                ..Report::default()
            },
        });
    };
    set_remote(&git, remote)?;
    // Until its first sync is done, the next `lpath sync` completes this init.
    mark(&git, INIT_PENDING_FILE, "")?;
    let fetched = fetch(&git);
    let locks = lock_all(paths)?;
    if let Err(err) = fetched {
        // Nothing is lost: what is here is committed, and `lpath sync` tries the remote again.
        write_repo_files(&git)?;
        commit_local(paths, &git, "lpath sync init")?;
        return Err(err);
    }
    let took_remote = adopt_remote_branch(paths, &git, loss, now)?;
    write_repo_files(&git)?;
    let initial = commit_local(paths, &git, "lpath sync init")?;
    drop(locks);
    let mut sync = sync_with(paths, &mut git, loss, now)?;
    sync.committed = sync.committed.or(initial);
    repaired.append(&mut sync.repaired);
    sync.repaired = repaired;
    if took_remote {
        sync.incoming = Summary::between(&Progress::default(), &progress_at(&git, "HEAD"));
        sync.incoming_files = tracked_files(&git)?;
    }
    Ok(Init { dir, adopted, sync })
}

/// Follows the remote's branch: an unborn branch takes its name (and, on a machine with nothing
/// of its own, its commit, checked as any merge is); a branch of another name is renamed to it.
/// Whether this machine took the remote's commit as it is.
fn adopt_remote_branch(paths: &Paths, git: &Git, loss: Loss, now: Timestamp) -> Result<bool> {
    let Some(branch) = remote_branch(git)? else {
        return Ok(false);
    };
    let unborn = rev(git, "HEAD")?.is_none();
    if unborn {
        git.ok(
            ["symbolic-ref", "HEAD", &format!("refs/heads/{branch}")],
            |reason| git_error(git, &reason, "status"),
        )?;
        if is_fresh(paths) {
            let Some(remote_head) = rev(git, &format!("refs/remotes/{REMOTE}/{branch}"))? else {
                return Ok(false);
            };
            let merged = merge::merge(git, None, &remote_head, &branch, true, loss, now)?;
            if let Some(target) = merged.target {
                git.ok(["reset", "--quiet", "--hard", &target], |reason| {
                    git_error(git, &reason, "status")
                })?;
                return Ok(true);
            }
        }
    } else if current_branch(git)? != branch && rev(git, &format!("refs/heads/{branch}"))?.is_none()
    {
        git.ok(["branch", "-M", &branch], |reason| {
            git_error(git, &reason, "branch")
        })?;
    }
    Ok(false)
}

/// The progress lock and the catalog lock, in the order `add` and `done` take theirs: a sync
/// commits and merges both files, so neither is written under its feet.
fn lock_all(paths: &Paths) -> Result<(Lock, Lock)> {
    let catalog = Lock::acquire(&paths.catalog_lock())?;
    let progress = Lock::acquire(&paths.lock())?;
    Ok((catalog, progress))
}

/// How the undo history names what a sync's merge changed.
pub const JOURNAL_DESCRIPTION: &str = "sync";

/// `lpath sync`; `now` is the context's clock, for the journal and the checks.
pub fn sync(paths: &Paths, loss: Loss, now: Timestamp) -> Result<Report> {
    paths.check_config_dir()?;
    let dir = paths.config_dir();
    if !dir.join(".git").exists() {
        return Err(Error::failure(t!("sync.not_set_up", dir = shown(dir)))
            .with_hint(t!("sync.not_set_up_hint")));
    }
    let mut git = Git::new(dir)?;
    let _one_sync = Lock::acquire(&sync_lock(paths))?;
    let repaired = repair::resume(paths, &git)?;
    let mut report = sync_with(paths, &mut git, loss, now)?;
    report.repaired.splice(0..0, repaired);
    Ok(report)
}

/// Held for a whole sync or init, so that two at once do not run git over each other. Taken
/// once per process: a second lock on the same file would wait for the first.
fn sync_lock(paths: &Paths) -> PathBuf {
    paths.config_dir().join(SYNC_LOCK)
}

fn sync_with(paths: &Paths, git: &mut Git, loss: Loss, now: Timestamp) -> Result<Report> {
    let result = sync_steps(paths, git, loss, now);
    // `doctor` tells a sync that keeps failing from one that never ran.
    match &result {
        Ok(_) => {
            if let Ok(path) = git_path(git, FAILED_FILE) {
                let _ = fs::remove_file(path);
            }
        }
        Err(err) => {
            let _ = mark(git, FAILED_FILE, &err.message);
        }
    }
    result
}

fn sync_steps(paths: &Paths, git: &mut Git, loss: Loss, now: Timestamp) -> Result<Report> {
    check_state(git, true)?;
    check_linked_progress(paths, git)?;
    let branch = current_branch(git)?;
    // The binary may have moved since `sync init`: git must find the driver that runs now.
    register_driver(git)?;
    git.use_fallback_identity_if_needed()?;
    let mut report = Report::default();
    {
        let _locks = lock_all(paths)?;
        // A repository made by hand, or by an older lpath, gets lpath's lines too.
        write_repo_files(git)?;
        report.restored = restore_progress(paths, git)?;
        report.committed = commit_local(paths, git, "")?;
    }
    report.remote = remote_url(git)?;
    if report.remote.is_none() {
        return Ok(report);
    }
    fetch(git)?;
    // An init that stopped half way is completed: its branch, and the unrelated merge it began.
    let init_pending = git_path(git, INIT_PENDING_FILE)?.exists();
    if init_pending {
        let _locks = lock_all(paths)?;
        adopt_remote_branch(paths, git, loss, now)?;
    }
    let branch = if init_pending {
        current_branch(git)?
    } else {
        branch
    };
    let remote_ref = format!("refs/remotes/{REMOTE}/{branch}");
    let remote_head = rev(git, &remote_ref)?;
    let remote_before = match &remote_head {
        Some(head) => progress_at(git, head),
        None => Progress::default(),
    };
    {
        // Held while the merge is checked out: a `done` or an `add` now waits, rather than
        // writing under git's feet.
        let _locks = lock_all(paths)?;
        // A change made while fetching is committed too.
        if let Some(more) = commit_local(paths, git, "")? {
            report.committed = Some(match report.committed.take() {
                Some(first) => format!("{first}; {more}"),
                None => more,
            });
        }
        let local_head = rev(git, "HEAD")?;
        let local_before = progress_at(git, local_head.as_deref().unwrap_or_default());
        if let Some(remote_head) = &remote_head {
            let store = Store::new(paths.clone()).at(now);
            store.check_journal()?;
            let merged = merge::merge(
                git,
                local_head.as_deref(),
                remote_head,
                &branch,
                init_pending,
                loss,
                now,
            )?;
            if let Some(target) = &merged.target {
                check_out(git, target)?;
                let after = progress_at(git, "HEAD");
                // What the merge brought in is a change like any other: `undo` reverts it first.
                store.journal(&local_before, &after, JOURNAL_DESCRIPTION)?;
                report.incoming = Summary::between(&local_before, &after);
                report.incoming_files =
                    changed_files(git, local_head.as_deref().unwrap_or_default(), "HEAD")?;
            }
            report.per_machine = merged.per_machine;
            report.united = merged.united;
            report.catalog_united = merged.catalog_united;
        }
    }
    let ahead = match &remote_head {
        Some(head) => count(git, &format!("{head}..HEAD"))?,
        None => count(git, "HEAD")?,
    };
    if ahead > 0 {
        push(git, &branch)?;
        report.pushed = ahead;
        report.outgoing = Summary::between(&remote_before, &progress_at(git, "HEAD"));
        if let Some(head) = &remote_head {
            report.outgoing_files = changed_files(git, head, "HEAD")?;
        } else {
            report.outgoing_files = tracked_files(git)?;
        }
    }
    if init_pending && let Ok(path) = git_path(git, INIT_PENDING_FILE) {
        let _ = fs::remove_file(path);
    }
    let _ = mark(
        git,
        LAST_SYNC_FILE,
        &Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_else(|_| Timestamp::now())
            .to_string(),
    );
    Ok(report)
}

/// Moves this branch to the merged commit, which has this one as parent (or is the remote's,
/// this one's descendant): git checks out only what changed, and refuses to overwrite a file it
/// does not know.
fn check_out(git: &Git, target: &str) -> Result<()> {
    let head = rev(git, "HEAD")?;
    if head.is_none() {
        git.ok(["reset", "--quiet", "--hard", target], |reason| {
            git_error(git, &reason, "status")
        })?;
        return Ok(());
    }
    let out = git.run(["merge", "--quiet", "--ff-only", "--no-verify", target])?;
    if out.ok {
        return Ok(());
    }
    Err(
        Error::failure(t!("sync.merge_failed", reason = out.reason()))
            .with_hint(t!("sync.look_hint", command = git.shown("status"))),
    )
}

/// Writes a small file of lpath's inside `.git` (per machine, never committed).
fn mark(git: &Git, name: &str, text: &str) -> Result<()> {
    let path = git_path(git, name)?;
    crate::fs::files::write_atomic_own(&path, format!("{text}\n").as_bytes())
        .map_err(|err| Error::io("write", &path, &err).with_hint(t!("hints.config_writable")))
}

/// Refuses a progress.toml that is a symbolic link: git would commit the link, not the
/// progress, and every other machine would get a path to a file it does not have.
fn check_linked_progress(paths: &Paths, git: &Git) -> Result<()> {
    let path = paths.progress();
    let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    let target = fs::read_link(&path).unwrap_or_default();
    let resolved = fs::canonicalize(&path).unwrap_or_else(|_| target.clone());
    let _ = git;
    Err(Error::failure(t!(
        "sync.linked_progress",
        path = shown(&path),
        target = shown(&target)
    ))
    .with_hint(t!(
        "sync.linked_progress_hint",
        command = format!(
            "cp --remove-destination {} {}",
            shell_quote(&resolved.to_string_lossy()),
            shell_quote(&path.to_string_lossy())
        )
    )))
}

/// Refuses a repository git is in the middle of something in, or on no branch: lpath would
/// otherwise commit into the user's half-done merge or onto a detached HEAD.
fn check_state(git: &Git, has_repo: bool) -> Result<()> {
    if !has_repo {
        return Ok(());
    }
    let busy = [
        "MERGE_HEAD",
        "rebase-merge",
        "rebase-apply",
        "CHERRY_PICK_HEAD",
    ];
    if git_paths(git, &busy)?.iter().any(|path| path.exists()) {
        return Err(Error::failure(t!("sync.mid_merge", dir = shown(git.dir())))
            .with_hint(t!("sync.mid_merge_hint", command = git.shown("status"))));
    }
    if rev(git, "HEAD")?.is_some() && !git.run(["symbolic-ref", "-q", "HEAD"])?.ok {
        return Err(Error::failure(t!("sync.detached", dir = shown(git.dir())))
            .with_hint(t!("sync.detached_hint", command = git.shown("switch -"))));
    }
    Ok(())
}

fn current_branch(git: &Git) -> Result<String> {
    let out = git.ok(["symbolic-ref", "--short", "HEAD"], |reason| {
        git_error(git, &reason, "status")
    })?;
    Ok(out.trim().to_string())
}

/// The commit `name` points to, or `None` when it points nowhere (an unborn branch, no remote
/// branch yet).
fn rev(git: &Git, name: &str) -> Result<Option<String>> {
    let out = git.run(["rev-parse", "-q", "--verify", &format!("{name}^{{commit}}")])?;
    Ok(out.ok.then(|| out.stdout.trim().to_string()))
}

fn count(git: &Git, range: &str) -> Result<usize> {
    let out = git.ok(["rev-list", "--count", range], |reason| {
        git_error(git, &reason, "log")
    })?;
    Ok(out.trim().parse().unwrap_or(0))
}

/// A path inside `.git`, as git resolves it.
pub(crate) fn git_path(git: &Git, name: &str) -> Result<PathBuf> {
    let mut paths = git_paths(git, &[name])?;
    Ok(paths
        .pop()
        .unwrap_or_else(|| git.dir().join(".git").join(name)))
}

/// Paths inside `.git`, from one run of git.
fn git_paths(git: &Git, names: &[&str]) -> Result<Vec<PathBuf>> {
    let mut args = vec!["rev-parse"];
    for name in names {
        args.extend(["--git-path", name]);
    }
    let out = git.ok(&args, |reason| git_error(git, &reason, "status"))?;
    Ok(out
        .lines()
        .map(|line| {
            let path = PathBuf::from(line);
            if path.is_absolute() {
                path
            } else {
                git.dir().join(path)
            }
        })
        .collect())
}

fn remote_url(git: &Git) -> Result<Option<String>> {
    let out = git.run(["remote", "get-url", REMOTE])?;
    Ok(out.ok.then(|| out.stdout.trim().to_string()))
}

/// Adds `remote` as origin; one that is there already must be the same.
fn set_remote(git: &Git, remote: &str) -> Result<()> {
    match remote_url(git)? {
        Some(url) if url == remote => Ok(()),
        Some(url) => Err(Error::usage(t!(
            "sync.other_remote",
            url = crate::text::sanitize::visible(&url)
        ))
        .with_hint(t!(
            "sync.other_remote_hint",
            command = git.shown(&format!("remote set-url {REMOTE} {}", shell_quote(remote)))
        ))),
        None => {
            git.ok(["remote", "add", REMOTE, remote], |reason| {
                git_error(git, &reason, "remote -v")
            })?;
            Ok(())
        }
    }
}

/// Gives progress.toml lpath's merge driver, run by the absolute path of this binary.
fn register_driver(git: &Git) -> Result<()> {
    let exe = std::env::current_exe()
        .and_then(fs::canonicalize)
        .map_err(|err| {
            Error::failure(t!("sync.no_exe", reason = crate::error::describe_io(&err)))
        })?;
    let command = format!(
        "{} {MERGE_DRIVER_COMMAND} %O %A %B",
        shell_quote(&exe.to_string_lossy())
    );
    for (key, value) in [
        (
            format!("merge.{DRIVER}.name"),
            "lpath progress, entry by entry",
        ),
        (format!("merge.{DRIVER}.driver"), command.as_str()),
    ] {
        git.ok(["config", &key, value], |reason| {
            git_error(git, &reason, "config --list --local")
        })?;
    }
    Ok(())
}

/// Makes sure `.gitignore` and `.gitattributes` hold lpath's lines, keeping the user's own, and
/// that lpath's attributes are where no remote can change them.
fn write_repo_files(git: &Git) -> Result<()> {
    let dir = git.dir();
    let info = git_path(git, "info/attributes")?;
    if let Some(parent) = info.parent() {
        fs::create_dir_all(parent).map_err(|err| {
            Error::io("create", parent, &err).with_hint(t!("hints.config_writable"))
        })?;
    }
    ensure_lines(
        &info,
        OWN_ATTRIBUTES,
        "# lpath's own, before any .gitattributes: how its files are merged (lpath sync)",
    )?;
    ensure_lines(
        &dir.join(".gitignore"),
        IGNORED,
        "# Kept on each machine, not synced (lpath sync)",
    )?;
    ensure_lines(
        &dir.join(".gitattributes"),
        ATTRIBUTES,
        "# progress.toml is merged entry by entry by lpath (lpath sync)",
    )
}

/// A repository file's text, read as the progress file is: never through a link, never a FIFO
/// or a device, at most [`MAX_REPO_FILE_BYTES`]. `None` when there is none.
fn read_repo_file(path: &Path) -> Result<Option<String>> {
    let unreadable = |reason: String| {
        Error::failure(t!(
            "sync.repo_file_unreadable",
            path = shown(path),
            reason = reason
        ))
        .with_hint(t!(
            "sync.repo_file_unreadable_hint",
            path = shell_quote(&path.to_string_lossy())
        ))
    };
    match fs::symlink_metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(unreadable(crate::error::describe_io(&err))),
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(unreadable(crate::i18n::text("sync.a_link")));
        }
        Ok(_) => {}
    }
    match crate::fs::files::read_bounded(path, MAX_REPO_FILE_BYTES) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| unreadable(crate::i18n::text("store.not_utf8"))),
        Err(crate::fs::files::ReadError::Missing) => Ok(None),
        Err(crate::fs::files::ReadError::TooBig(size)) => Err(unreadable(
            t!(
                "sync.repo_file_too_big",
                bytes = size,
                limit = MAX_REPO_FILE_BYTES
            )
            .into_owned(),
        )),
        Err(err) => Err(unreadable(err.reason())),
    }
}

fn ensure_lines(path: &Path, lines: &[&str], header: &str) -> Result<()> {
    let text = read_repo_file(path)?.unwrap_or_default();
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| !text.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut new = text;
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str(header);
    new.push('\n');
    for line in missing {
        new.push_str(line);
        new.push('\n');
    }
    crate::fs::files::write_atomic(path, new.as_bytes())
        .map_err(|err| Error::io("write", path, &err).with_hint(t!("hints.config_writable")))
}

/// Brings back the progress file as last committed when it is gone from the config dir (moved
/// aside by `doctor --fix`, deleted by hand): committed, its absence would read as every entry
/// reset, and the next sync would take that to every machine. Whether it did.
fn restore_progress(paths: &Paths, git: &Git) -> Result<bool> {
    let committed = git.run(["cat-file", "-e", "HEAD:progress.toml"])?.ok;
    if !committed || fs::symlink_metadata(paths.progress()).is_ok() {
        return Ok(false);
    }
    git.ok(
        ["checkout", "--quiet", "HEAD", "--", "progress.toml"],
        |reason| git_error(git, &reason, "status"),
    )?;
    Ok(true)
}

/// Commits everything that changed here, with a message that says what, under the caller's
/// locks. `fallback` is the message when only files other than progress changed and there is no
/// better word. Returns the message, or `None` when there was nothing to commit.
fn commit_local(paths: &Paths, git: &Git, fallback: &str) -> Result<Option<String>> {
    // An unreadable progress file is reported, never committed and spread to other machines.
    let now = Store::new(paths.clone()).load()?;
    // Per-machine files stay out whatever `.gitignore` says, and leave the index if an older
    // sync let them in (the files themselves stay as they are).
    let mut add = vec!["add", "--all", "--", "."];
    add.extend(tree::PER_MACHINE_PATHSPECS);
    git.ok(&add, |reason| git_error(git, &reason, "status"))?;
    let tracked = git.ok(["ls-files", "-s", "-z"], |reason| {
        git_error(git, &reason, "status")
    })?;
    let mut per_machine = Vec::new();
    for line in tracked.split('\0').filter(|l| !l.is_empty()) {
        let Some((meta, path)) = line.split_once('\t') else {
            continue;
        };
        if tree::is_per_machine(path) {
            per_machine.push(path.to_string());
        } else if !meta.starts_with("100") {
            // A link or a submodule: git would commit a path, not the file.
            let _ = git.run(["reset", "--quiet", "--", path]);
            return Err(Error::failure(t!(
                "sync.local_link",
                path = crate::text::sanitize::visible(path)
            ))
            .with_hint(t!("sync.local_link_hint")));
        }
    }
    if !per_machine.is_empty() {
        let list: Vec<u8> = per_machine
            .iter()
            .flat_map(|p| [p.as_bytes(), b"\0"].concat())
            .collect();
        let out = git.run_with(
            [
                "rm",
                "--cached",
                "--quiet",
                "--ignore-unmatch",
                "--pathspec-from-file=-",
                "--pathspec-file-nul",
            ],
            Some(&list),
            &[],
        )?;
        if !out.ok {
            return Err(git_error(git, &out.reason(), "status"));
        }
    }
    let staged = git.ok(
        ["diff", "--cached", "--name-only", "-z", "--no-renames"],
        |reason| git_error(git, &reason, "status"),
    )?;
    let files: Vec<&str> = staged.split('\0').filter(|f| !f.is_empty()).collect();
    if files.is_empty() {
        return Ok(None);
    }
    let before = progress_at(git, "HEAD");
    let mut parts = Vec::new();
    let progress = Summary::between(&before, &now);
    if !progress.is_empty() {
        parts.push(progress.words("en"));
    }
    let others: Vec<String> = files
        .iter()
        .copied()
        .filter(|f| *f != "progress.toml")
        .map(|s| crate::text::sanitize::visible(s).into_owned())
        .collect();
    let shown_files = |files: &[String]| {
        let mut list = files
            .iter()
            .take(Summary::SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if files.len() > Summary::SHOWN {
            list.push_str(&t!(
                "sync.change.more",
                locale = "en",
                count = files.len() - Summary::SHOWN
            ));
        }
        list
    };
    if !others.is_empty() && fallback.is_empty() {
        parts.push(format!("update {}", shown_files(&others)));
    } else if !others.is_empty() {
        parts.insert(0, fallback.to_string());
    }
    if parts.is_empty() {
        parts.push("update progress.toml".into());
    }
    let message = parts.join("; ");
    // On stdin: a message of any length reaches git, where an argument stops at the system's
    // limit.
    let out = git.run_with(
        ["commit", "--quiet", "--no-verify", "-F", "-"],
        Some(message.as_bytes()),
        &[],
    )?;
    if !out.ok {
        return Err(git_error(git, &out.reason(), "status"));
    }
    Ok(Some(message))
}

fn fetch(git: &Git) -> Result<()> {
    let url = remote_url(git)?.unwrap_or_default();
    git.ok(["fetch", "--quiet", REMOTE], |reason| {
        Error::failure(t!(
            "sync.unreachable",
            url = crate::text::sanitize::visible(&url),
            reason = reason
        ))
        .with_hint(t!(
            "sync.unreachable_hint",
            command = git.shown(&format!("fetch {REMOTE}"))
        ))
    })?;
    Ok(())
}

/// The remote branch to follow: the one named like this branch, else `main`, `master`, or the
/// first there is.
fn remote_branch(git: &Git) -> Result<Option<String>> {
    let out = git.ok(
        [
            "for-each-ref",
            "--format=%(refname:strip=3)",
            &format!("refs/remotes/{REMOTE}/"),
        ],
        |reason| git_error(git, &reason, "branch -r"),
    )?;
    let branches: Vec<&str> = out.lines().filter(|b| *b != "HEAD").collect();
    let here = git.run(["symbolic-ref", "--short", "HEAD"])?;
    let here = here.stdout.trim();
    let pick = [here, "main", "master"]
        .into_iter()
        .find(|b| branches.contains(b))
        .or(branches.first().copied());
    Ok(pick.map(String::from))
}

/// Whether this machine has nothing of its own to merge: no progress and no catalogs.
fn is_fresh(paths: &Paths) -> bool {
    let empty_dir = |dir: PathBuf| fs::read_dir(dir).map_or(true, |mut d| d.next().is_none());
    !paths.progress().exists() && empty_dir(paths.catalog_dir())
}

fn push(git: &Git, branch: &str) -> Result<()> {
    let out = git.run(["push", "--quiet", "--set-upstream", REMOTE, branch])?;
    if out.ok {
        return Ok(());
    }
    let look = t!(
        "sync.push_hint",
        command = git.shown(&format!("push {REMOTE} {}", shell_quote(branch)))
    );
    let rejected = out.stderr.contains("[rejected]") || out.stderr.contains("[remote rejected]");
    let message = if rejected {
        t!("sync.push_rejected", reason = out.reason())
    } else {
        t!("sync.push_failed", reason = out.reason())
    };
    Err(Error::failure(message).with_hint(look))
}

/// The progress recorded in commit `rev`; empty when it has none or it cannot be read (a merge
/// refuses one that cannot). Read byte for byte, and never more than lpath reads.
fn progress_at(git: &Git, rev: &str) -> Progress {
    if rev.is_empty() {
        return Progress::default();
    }
    match git.blob(
        &format!("{rev}:progress.toml"),
        crate::fs::files::MAX_STATE_BYTES,
    ) {
        Ok(Blob::Bytes(bytes)) => String::from_utf8(bytes)
            .ok()
            .and_then(|text| Progress::parse(&text).ok())
            .unwrap_or_default(),
        _ => Progress::default(),
    }
}

/// Files other than progress.toml that differ between two commits.
fn changed_files(git: &Git, from: &str, to: &str) -> Result<Vec<String>> {
    if from.is_empty() {
        return tracked_files(git);
    }
    let out = git.ok(
        ["diff", "--name-only", "-z", "--no-renames", from, to],
        |reason| git_error(git, &reason, "log"),
    )?;
    Ok(other_files(&out))
}

fn tracked_files(git: &Git) -> Result<Vec<String>> {
    let out = git.ok(["ls-files", "-z"], |reason| {
        git_error(git, &reason, "status")
    })?;
    Ok(other_files(&out))
}

/// The user's files in a `-z` list: not progress.toml (told entry by entry) nor lpath's own.
fn other_files(list: &str) -> Vec<String> {
    list.split('\0')
        .filter(|f| !f.is_empty() && !["progress.toml", ".gitignore", ".gitattributes"].contains(f))
        // Per-machine files a remote once tracked are told apart, as kept here.
        .filter(|f| !tree::is_per_machine(f))
        .map(|s| crate::text::sanitize::visible(s).into_owned())
        .collect()
}

pub(crate) fn git_error(git: &Git, reason: &str, look: &str) -> Error {
    Error::failure(t!("sync.git_error", reason = reason))
        .with_hint(t!("sync.look_hint", command = git.shown(look)))
}

fn shown(dir: &Path) -> String {
    crate::text::sanitize::path(dir)
}

/// The sync state `lpath doctor` reports; `None` when the config dir is not a git repository.
#[derive(Debug)]
pub struct State {
    pub remote: Option<String>,
    pub branch: Option<String>,
    pub last_sync: Option<String>,
    /// Commits here that the remote has not got, as far as the last fetch knows.
    pub unpushed: Option<usize>,
    /// What stops the next sync, if anything: git missing, a merge half done, a detached HEAD.
    pub problem: Option<Error>,
}

/// What stops the next sync, for `doctor`: what [`check_state`] refuses, a progress file that is a
/// link, and what an interrupted sync left (which the next sync clears, so the hint says to run it).
fn stuck(paths: &Paths, git: &Git) -> Result<()> {
    if repair::lpaths_merge(git)? {
        return Err(Error::failure(t!("sync.stuck.merge")).with_hint(t!("sync.stuck.resume_hint")));
    }
    if let Some(lock) = git_path(git, "index.lock").ok().filter(|l| l.exists()) {
        let hint = if repair::stale_index_lock(git)?.is_some() {
            t!("sync.stuck.resume_hint")
        } else {
            t!("sync.stuck.lock_held_hint")
        };
        return Err(Error::failure(t!("sync.stuck.lock", path = shown(&lock))).with_hint(hint));
    }
    check_state(git, true)?;
    check_linked_progress(paths, git)
}

pub fn state(paths: &Paths) -> Option<State> {
    let dir = paths.config_dir();
    if !dir.join(".git").exists() {
        return None;
    }
    let mut state = State {
        remote: None,
        branch: None,
        last_sync: None,
        unpushed: None,
        problem: None,
    };
    let git = match Git::new(dir) {
        Ok(git) => git,
        Err(err) => {
            state.problem = Some(err);
            return Some(state);
        }
    };
    state.problem = stuck(paths, &git).err();
    state.remote = remote_url(&git).ok().flatten();
    state.branch = current_branch(&git).ok();
    state.last_sync = git_path(&git, LAST_SYNC_FILE)
        .ok()
        .and_then(|path| fs::read_to_string(path).ok())
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty());
    let init_pending = git_path(&git, INIT_PENDING_FILE).is_ok_and(|path| path.exists());
    if state.problem.is_none() && init_pending {
        state.problem =
            Some(Error::failure(t!("sync.stuck.init")).with_hint(t!("sync.stuck.resume_hint")));
    }
    if state.problem.is_none()
        && let Some(failure) = git_path(&git, FAILED_FILE)
            .ok()
            .and_then(|path| crate::fs::files::read_bounded(&path, 64 * 1024).ok())
    {
        let failure =
            crate::text::sanitize::visible(String::from_utf8_lossy(&failure).trim()).into_owned();
        state.problem = Some(
            Error::failure(t!("sync.stuck.failed", reason = failure))
                .with_hint(t!("sync.stuck.failed_hint")),
        );
    }
    if let Some(branch) = &state.branch {
        let remote_ref = format!("refs/remotes/{REMOTE}/{branch}");
        state.unpushed = match rev(&git, &remote_ref).ok().flatten() {
            Some(head) => count(&git, &format!("{head}..HEAD")).ok(),
            None => count(&git, "HEAD").ok(),
        };
    }
    Some(state)
}
