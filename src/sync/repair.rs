//! What a sync killed half way leaves, cleared by the next one: git's index lock with no git
//! running, and a merge that lpath began and never finished. Nothing is lost either way: this
//! machine's changes were committed before any merge began.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::fs::paths::Paths;
use crate::progress::model::Progress;
use crate::sync::git::Git;
use crate::sync::{git_error, git_path, git_paths};

/// The message lpath's merges began with, in `.git/MERGE_MSG`: a merge that says it is lpath's.
pub const MERGE_PREFIX: &str = "lpath sync: merge ";

/// Clears what an interrupted sync left; says what, one line each, for the report.
pub fn resume(paths: &Paths, git: &Git) -> Result<Vec<String>> {
    let mut done = Vec::new();
    if let Some(lock) = stale_index_lock(git)?
        && fs::remove_file(&lock).is_ok()
    {
        done.push(crate::i18n::text("sync.repaired.lock"));
    }
    if lpaths_merge(git)? {
        abort_merge(paths, git)?;
        done.push(crate::i18n::text("sync.repaired.merge"));
    }
    Ok(done)
}

/// `.git/index.lock` when no git runs in this repository: a git killed (with the lpath that ran
/// it) between taking the lock and letting it go. The caller holds lpath's sync lock, so no other
/// lpath runs git here.
pub fn stale_index_lock(git: &Git) -> Result<Option<PathBuf>> {
    let lock = git_path(git, "index.lock")?;
    if fs::symlink_metadata(&lock).is_err() {
        return Ok(None);
    }
    Ok((!git_running_in(git.dir(), &lock)).then_some(lock))
}

/// Whether some git process works in `dir`: its working directory is there, or its command
/// line names it. Where processes cannot be looked at (no `/proc`), a lock younger than ten
/// minutes counts as held.
fn git_running_in(dir: &Path, lock: &Path) -> bool {
    let proc = Path::new("/proc");
    let Ok(entries) = fs::read_dir(proc) else {
        const HELD: std::time::Duration = std::time::Duration::from_secs(600);
        return fs::metadata(lock)
            .and_then(|m| m.modified())
            .is_ok_and(|at| at.elapsed().is_ok_and(|age| age < HELD));
    };
    let dir = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let needle = dir.to_string_lossy().into_owned();
    for entry in entries.flatten() {
        let pid = entry.file_name();
        if !pid.to_string_lossy().bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let base = entry.path();
        let comm = fs::read_to_string(base.join("comm")).unwrap_or_default();
        if !comm.trim().starts_with("git") {
            continue;
        }
        if fs::read_link(base.join("cwd")).is_ok_and(|cwd| cwd.starts_with(&dir)) {
            return true;
        }
        let cmdline = fs::read(base.join("cmdline")).unwrap_or_default();
        if String::from_utf8_lossy(&cmdline).contains(&needle) {
            return true;
        }
    }
    false
}

/// Whether the repository is in the middle of a merge that lpath began (`MERGE_HEAD`, with
/// lpath's message): one a person began is theirs to finish.
pub fn lpaths_merge(git: &Git) -> Result<bool> {
    let paths = git_paths(git, &["MERGE_HEAD", "MERGE_MSG"])?;
    let [head, message] = &paths[..] else {
        return Ok(false);
    };
    if !head.exists() {
        return Ok(false);
    }
    let message = crate::fs::files::read_bounded(message, 64 * 1024).unwrap_or_default();
    Ok(message.starts_with(MERGE_PREFIX.as_bytes()))
}

/// Undoes lpath's half-done merge, keeping the progress file as it stands if it reads: it holds
/// this machine's progress (merged or not) and whatever was done since; the next merge redoes
/// the rest.
fn abort_merge(paths: &Paths, git: &Git) -> Result<()> {
    let path = paths.progress();
    let kept = crate::fs::files::read_bounded(&path, crate::fs::files::MAX_STATE_BYTES)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .filter(|text| Progress::parse(text).is_ok());
    let out = git.run(["merge", "--abort"])?;
    if !out.ok {
        git.ok(["reset", "--quiet", "--merge"], |reason| {
            git_error(git, &reason, "status")
        })?;
    }
    if let Some(text) = kept {
        let now = crate::fs::files::read_bounded(&path, crate::fs::files::MAX_STATE_BYTES)
            .ok()
            .unwrap_or_default();
        if now != text.as_bytes() {
            crate::fs::files::write_atomic(&path, text.as_bytes()).map_err(|err| {
                crate::error::Error::io("write", &path, &err)
                    .with_hint(t!("store.save_progress_hint"))
            })?;
        }
    }
    Ok(())
}
