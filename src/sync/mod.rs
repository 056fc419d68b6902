//! `lpath sync`: the config dir as a git repository, merged with a remote through the git
//! command line, progress.toml by lpath's own merge driver.

pub mod git;
pub mod summary;

use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::error::{Error, Result};
use crate::fs::paths::Paths;
use crate::progress::model::Progress;
use crate::progress::store::{Lock, Store};
use git::{Git, shell_quote};
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
}

impl Report {
    pub fn did_nothing(&self) -> bool {
        self.committed.is_none()
            && !self.restored
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
    /// This machine had no progress and took the remote's.
    pub took_remote: bool,
    pub sync: Report,
}

/// `lpath sync init [REMOTE]`.
/// `lpath sync init [REMOTE]`; `now` is the context's clock, for the journal and the checks.
pub fn init(paths: &Paths, remote: Option<&str>, now: Timestamp) -> Result<Init> {
    if remote.is_some_and(|remote| remote.trim().is_empty()) {
        return Err(Error::usage(t!("sync.empty_remote")).with_hint(t!("sync.empty_remote_hint")));
    }
    let dir = paths.config_dir().to_path_buf();
    paths.check_config_dir()?;
    let mut git = Git::new(&dir)?;
    fs::create_dir_all(&dir).map_err(|err| {
        Error::io("create config dir", &dir, &err).with_hint(t!("hints.config_dir_permissions"))
    })?;
    let adopted = dir.join(".git").exists();
    if !adopted {
        git.ok(["init", "--quiet"], |reason| {
            Error::failure(t!("sync.init_failed", reason = reason))
                .with_hint(t!("sync.look_hint", command = git.shown("status")))
        })?;
    }
    check_state(&git, adopted)?;
    let _one_sync = Lock::acquire(&sync_lock(paths))?;
    register_driver(&git)?;
    git.use_fallback_identity_if_needed()?;
    let Some(remote) = remote else {
        let committed = {
            let _lock = Lock::acquire(&paths.lock())?;
            write_repo_files(&dir)?;
            commit_local(paths, &git, "lpath sync init")?
        };
        return Ok(Init {
            dir,
            adopted,
            took_remote: false,
            sync: Report {
                committed,
                remote: remote_url(&git)?,
                ..Report::default()
            },
        });
    };
    set_remote(&git, remote)?;
    let mut took_remote = false;
    let fetched = fetch(&git);
    let _lock = Lock::acquire(&paths.lock())?;
    if let Err(err) = fetched {
        // Nothing is lost: what is here is committed, and `lpath sync` tries the remote again.
        write_repo_files(&dir)?;
        commit_local(paths, &git, "lpath sync init")?;
        return Err(err);
    }
    let unborn = rev(&git, "HEAD")?.is_none();
    if let Some(branch) = remote_branch(&git)? {
        if unborn {
            git.ok(
                ["symbolic-ref", "HEAD", &format!("refs/heads/{branch}")],
                |reason| git_error(&git, &reason, "status"),
            )?;
            if is_fresh(paths) {
                let target = format!("{REMOTE}/{branch}");
                git.ok(["reset", "--quiet", "--hard", &target], |reason| {
                    git_error(&git, &reason, "status")
                })?;
                took_remote = true;
            }
        } else if current_branch(&git)? != branch
            && rev(&git, &format!("refs/heads/{branch}"))?.is_none()
        {
            git.ok(["branch", "-M", &branch], |reason| {
                git_error(&git, &reason, "branch")
            })?;
        }
    }
    write_repo_files(&dir)?;
    let initial = commit_local(paths, &git, "lpath sync init")?;
    drop(_lock);
    let mut sync = sync_with(paths, &mut git, true, now)?;
    sync.committed = sync.committed.or(initial);
    if took_remote {
        sync.incoming = Summary::between(&Progress::default(), &progress_at(&git, "HEAD"));
        sync.incoming_files = tracked_files(&git)?;
    }
    Ok(Init {
        dir,
        adopted,
        took_remote,
        sync,
    })
}

/// How the undo history names what a sync's merge changed.
pub const JOURNAL_DESCRIPTION: &str = "sync";

/// `lpath sync`; `now` is the context's clock, for the journal and the checks.
pub fn sync(paths: &Paths, now: Timestamp) -> Result<Report> {
    paths.check_config_dir()?;
    let dir = paths.config_dir();
    if !dir.join(".git").exists() {
        return Err(Error::failure(t!("sync.not_set_up", dir = shown(dir)))
            .with_hint(t!("sync.not_set_up_hint")));
    }
    let mut git = Git::new(dir)?;
    let _one_sync = Lock::acquire(&sync_lock(paths))?;
    sync_with(paths, &mut git, false, now)
}

/// Held for a whole sync or init, so that two at once do not run git over each other. Taken
/// once per process: a second lock on the same file would wait for the first.
fn sync_lock(paths: &Paths) -> PathBuf {
    paths.config_dir().join(SYNC_LOCK)
}

fn sync_with(
    paths: &Paths,
    git: &mut Git,
    allow_unrelated: bool,
    now: Timestamp,
) -> Result<Report> {
    check_state(git, true)?;
    let branch = current_branch(git)?;
    // The binary may have moved since `sync init`: git must find the driver that runs now.
    register_driver(git)?;
    git.use_fallback_identity_if_needed()?;
    let mut report = Report::default();
    {
        let _lock = Lock::acquire(&paths.lock())?;
        // A repository made by hand, or by an older lpath, gets lpath's lines too.
        write_repo_files(git.dir())?;
        report.restored = restore_progress(paths, git)?;
        report.committed = commit_local(paths, git, "")?;
    }
    report.remote = remote_url(git)?;
    if report.remote.is_none() {
        return Ok(report);
    }
    fetch(git)?;
    let remote_ref = format!("refs/remotes/{REMOTE}/{branch}");
    let remote_head = rev(git, &remote_ref)?;
    if let Some(head) = &remote_head {
        check_remote_progress(git, head, now)?;
    }
    let remote_before = match &remote_head {
        Some(head) => progress_at(git, head),
        None => Progress::default(),
    };
    {
        // Held while git merges: a `done` now waits, rather than writing under git's feet.
        let _lock = Lock::acquire(&paths.lock())?;
        // A change made while fetching is committed too.
        if let Some(more) = commit_local(paths, git, "")? {
            report.committed = Some(match report.committed.take() {
                Some(first) => format!("{first}; {more}"),
                None => more,
            });
        }
        let local_head = rev(git, "HEAD")?.unwrap_or_default();
        let local_before = progress_at(git, &local_head);
        if let Some(remote_head) = &remote_head {
            let store = Store::new(paths.clone()).at(now);
            store.check_journal()?;
            merge(git, remote_head, &branch, allow_unrelated)?;
            let merged = progress_at(git, "HEAD");
            // What the merge brought in is a change like any other: `undo` reverts it first.
            store.journal(&local_before, &merged, JOURNAL_DESCRIPTION)?;
            report.incoming = Summary::between(&local_before, &merged);
            report.incoming_files = changed_files(git, &local_head, "HEAD")?;
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
    let _ = fs::write(
        git_path(git, LAST_SYNC_FILE)?,
        format!(
            "{}\n",
            Timestamp::now()
                .round(jiff::Unit::Second)
                .unwrap_or_else(|_| Timestamp::now())
        ),
    );
    Ok(report)
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
fn git_path(git: &Git, name: &str) -> Result<PathBuf> {
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
            url = crate::catalog::model::printable(&url)
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

/// Makes sure `.gitignore` and `.gitattributes` hold lpath's lines, keeping the user's own.
fn write_repo_files(dir: &Path) -> Result<()> {
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

fn ensure_lines(path: &Path, lines: &[&str], header: &str) -> Result<()> {
    let text = fs::read_to_string(path).unwrap_or_default();
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
/// lock. `fallback` is the message when only files other than progress changed and there is no
/// better word. Returns the message, or `None` when there was nothing to commit.
fn commit_local(paths: &Paths, git: &Git, fallback: &str) -> Result<Option<String>> {
    // An unreadable progress file is reported, never committed and spread to other machines.
    let now = Store::new(paths.clone()).load()?;
    git.ok(["add", "--all"], |reason| git_error(git, &reason, "status"))?;
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
    let others: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| *f != "progress.toml")
        .collect();
    if !others.is_empty() && fallback.is_empty() {
        parts.push(format!("update {}", others.join(", ")));
    } else if !others.is_empty() {
        parts.insert(0, fallback.to_string());
    }
    if parts.is_empty() {
        parts.push("update progress.toml".into());
    }
    let message = parts.join("; ");
    git.ok(
        ["commit", "--quiet", "--no-verify", "-m", &message],
        |reason| git_error(git, &reason, "status"),
    )?;
    Ok(Some(message))
}

fn fetch(git: &Git) -> Result<()> {
    let url = remote_url(git)?.unwrap_or_default();
    git.ok(["fetch", "--quiet", REMOTE], |reason| {
        Error::failure(t!(
            "sync.unreachable",
            url = crate::catalog::model::printable(&url),
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

/// Merges the fetched remote head; on a conflict, undoes the merge and names the files.
fn merge(git: &Git, remote_head: &str, branch: &str, allow_unrelated: bool) -> Result<()> {
    let message = format!("lpath sync: merge {REMOTE}/{branch}");
    let mut args = vec!["merge", "--quiet", "--no-edit", "-m", &message];
    if allow_unrelated {
        args.push("--allow-unrelated-histories");
    }
    args.push(remote_head);
    let out = git.run(&args)?;
    if out.ok {
        return Ok(());
    }
    let conflicts = git.run(["diff", "--name-only", "--diff-filter=U", "-z"])?;
    let files: Vec<String> = conflicts
        .stdout
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(|f| format!("`{}`", crate::catalog::model::printable(f)))
        .collect();
    if git_path(git, "MERGE_HEAD")?.exists() {
        git.ok(["merge", "--abort"], |reason| {
            git_error(git, &reason, "status")
        })?;
    }
    // The merge driver's own error, when it could not read a side, says more than git's.
    let driver_error = out
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("lpath: error: "));
    if let Some(message) = driver_error {
        return Err(
            Error::failure(crate::catalog::model::without_controls(message))
                .with_hint(t!("sync.driver_unreadable_hint")),
        );
    }
    if files.is_empty() {
        return Err(
            Error::failure(t!("sync.merge_failed", reason = out.reason()))
                .with_hint(t!("sync.look_hint", command = git.shown("status"))),
        );
    }
    Err(Error::failure(t!(
        "sync.conflict",
        files = files.join(", "),
        remote = format!("{REMOTE}/{branch}")
    ))
    .with_hint(t!(
        "sync.conflict_hint",
        merge = git.shown(&format!("merge {REMOTE}/{branch}")),
        commit = git.shown("commit -a")
    )))
}

fn push(git: &Git, branch: &str) -> Result<()> {
    let out = git.run(["push", "--quiet", "--set-upstream", REMOTE, branch])?;
    if out.ok {
        return Ok(());
    }
    let look = t!(
        "sync.push_hint",
        command = git.shown(&format!("push {REMOTE} {branch}"))
    );
    let rejected = out.stderr.contains("[rejected]") || out.stderr.contains("[remote rejected]");
    let message = if rejected {
        t!("sync.push_rejected", reason = out.reason())
    } else {
        t!("sync.push_failed", reason = out.reason())
    };
    Err(Error::failure(message).with_hint(look))
}

/// The progress recorded in commit `rev`; empty when it has none or it cannot be read (the merge
/// driver reports an unreadable one).
fn progress_at(git: &Git, rev: &str) -> Progress {
    if rev.is_empty() {
        return Progress::default();
    }
    git.run(["show", &format!("{rev}:progress.toml")])
        .ok()
        .filter(|out| out.ok)
        .and_then(|out| Progress::parse(&out.stdout).ok())
        .unwrap_or_default()
}

/// Refuses to merge a remote whose progress.toml this lpath cannot read: git would take it as it
/// is whenever this machine has not changed its own, and the progress here would become unreadable.
fn check_remote_progress(git: &Git, head: &str, now: Timestamp) -> Result<()> {
    let out = git.run(["show", &format!("{head}:progress.toml")])?;
    if !out.ok {
        return Ok(());
    }
    let reason = match Progress::parse(&out.stdout) {
        // Records `import` would refuse (an id that is not kebab-case, a note with control
        // characters, a time in the future) are refused here too, before they are merged; but
        // only those the remote changed since the common ancestor. One this machine has already
        // is no news, and refusing it would stop every sync, the one that pushes its fix too.
        Ok(remote) => {
            match crate::progress::incoming::check_records(&news(git, head, remote)?, now) {
                Ok(()) => return Ok(()),
                Err(refused) => {
                    return Err(Error::failure(t!(
                        "sync.remote_refused",
                        reason = refused.message
                    ))
                    .with_hint(t!(
                        "sync.remote_unreadable_hint",
                        command = git.shown(&format!("log -p -1 {REMOTE} -- progress.toml"))
                    )));
                }
            }
        }
        Err(crate::progress::model::ParseError::Newer(format)) => {
            t!("sync.remote_newer", format = format).into_owned()
        }
        Err(crate::progress::model::ParseError::Invalid(reason)) => reason,
    };
    Err(
        Error::failure(t!("sync.remote_unreadable", reason = reason)).with_hint(t!(
            "sync.remote_unreadable_hint",
            command = git.shown(&format!("log -p -1 {REMOTE} -- progress.toml"))
        )),
    )
}

/// The records of `remote` (the progress at `head`) that differ from the common ancestor's.
fn news(git: &Git, head: &str, mut remote: Progress) -> Result<Progress> {
    let base = git.run(["merge-base", "HEAD", head])?;
    if base.ok {
        let base = progress_at(git, base.stdout.trim());
        remote
            .entries
            .retain(|id, record| base.entries.get(id) != Some(&*record));
    }
    Ok(remote)
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
        .map(crate::catalog::model::printable)
        .collect()
}

fn git_error(git: &Git, reason: &str, look: &str) -> Error {
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
    state.problem = check_state(&git, true).err();
    state.remote = remote_url(&git).ok().flatten();
    state.branch = current_branch(&git).ok();
    state.last_sync = git_path(&git, LAST_SYNC_FILE)
        .ok()
        .and_then(|path| fs::read_to_string(path).ok())
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty());
    if let Some(branch) = &state.branch {
        let remote_ref = format!("refs/remotes/{REMOTE}/{branch}");
        state.unpushed = match rev(&git, &remote_ref).ok().flatten() {
            Some(head) => count(&git, &format!("{head}..HEAD")).ok(),
            None => count(&git, "HEAD").ok(),
        };
    }
    Some(state)
}
