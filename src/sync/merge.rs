//! Merging the remote's commit into this machine's, away from the working tree: git merges the
//! two trees into objects only (`git merge-tree`), lpath merges progress.toml and local.toml
//! itself, drops what stays on each machine, and checks the result reads before any file here
//! changes. What does not read is never committed, never pushed, never checked out.

use std::ffi::OsStr;

use jiff::Timestamp;

use crate::error::{Error, Result};
use crate::fs::files::{MAX_STATE_BYTES, ReadError};
use crate::progress::model::{ParseError, Progress, Status};
use crate::sync::git::{Blob, Git, shell_quote};
use crate::sync::tree::{self, Item};
use crate::sync::{REMOTE, git_error, git_path};

const PROGRESS: &str = "progress.toml";
const LOCAL_CATALOG: &str = "catalog.d/local.toml";
const REVIEWS: &str = "review.toml";

/// What the learner said to do with a remote that lost progress (deleted progress.toml, reset
/// every entry at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Loss {
    /// Refuse it, saying what the remote did.
    #[default]
    Refuse,
    /// `--accept-remote`: take it, as any change.
    Accept,
    /// `--keep-local`: keep this machine's progress, and send it back to the remote.
    Keep,
}

/// What a merge came to.
#[derive(Debug, Default)]
pub struct Merged {
    /// The commit to move this branch to; `None` when the remote brings nothing new.
    pub target: Option<String>,
    /// Files the remote tracks that stay on each machine: this machine's are kept as they are.
    pub per_machine: Vec<String>,
    /// `(note number, id)` for each note edited differently on both sides, both versions kept.
    pub united: Vec<(usize, String)>,
    /// Entries added to local.toml on both sides, united by id.
    pub catalog_united: bool,
}

/// A progress file in a commit, read byte for byte.
struct Read {
    bytes: Vec<u8>,
    progress: Progress,
}

/// Merges `remote` into `local` (`None`: an unborn branch, which takes the remote's commit).
pub fn merge(
    git: &Git,
    local: Option<&str>,
    remote: &str,
    branch: &str,
    allow_unrelated: bool,
    loss: Loss,
    now: Timestamp,
) -> Result<Merged> {
    if let Some(local) = local
        && git.run(["merge-base", "--is-ancestor", remote, local])?.ok
    {
        return Ok(Merged::default());
    }
    let remote_items = tree::list(git, remote)?;
    tree::check_remote(git, &remote_items, &format!("{REMOTE}/{branch}"))?;
    let base = match local {
        Some(local) => {
            let out = git.run(["merge-base", local, remote])?;
            if !out.ok && !allow_unrelated {
                return Err(
                    Error::failure(t!("sync.unrelated", remote = remote_name(branch))).with_hint(
                        t!(
                            "sync.unrelated_hint",
                            command =
                                git.shown(&format!("log --oneline -3 {}", remote_arg(branch)))
                        ),
                    ),
                );
            }
            out.ok.then(|| out.stdout.trim().to_string())
        }
        None => None,
    };

    let theirs = read_progress(git, remote, Whose::Remote, branch)?;
    let ours = match local {
        Some(local) => read_progress(git, local, Whose::Local, branch)?,
        None => None,
    };
    let base_progress = match &base {
        Some(base) => read_progress(git, base, Whose::Local, branch)?,
        None => None,
    };
    let empty = Progress::default();
    let base_records = base_progress.as_ref().map_or(&empty, |r| &r.progress);
    if let Some(theirs) = &theirs {
        // Only what the remote changed since the common ancestor: a record this machine has
        // already is no news, and refusing it would stop the sync that pushes its fix.
        let mut news = theirs.progress.clone();
        news.entries
            .retain(|id, record| base_records.entries.get(id) != Some(&*record));
        crate::progress::incoming::check_records(&news, now).map_err(|refused| {
            Error::failure(t!("sync.remote_refused", reason = refused.message))
                .with_hint(unreadable_hint(git, branch))
        })?;
    }
    let lost = lost(base_progress.as_ref(), theirs.as_ref());
    if let (Some(lost), Loss::Refuse) = (&lost, loss) {
        return Err(Error::failure(lost.clone()).with_hint(t!(
            "sync.remote_lost_hint",
            command = git.shown(&format!("log --stat -3 {}", remote_arg(branch)))
        )));
    }

    // The merged progress: the side that did not change it gives way to the side that did.
    let progress: Option<Vec<u8>> = match (&ours, &theirs) {
        (Some(ours), _) if lost.is_some() && loss == Loss::Keep => Some(ours.bytes.clone()),
        (None, None) => None,
        (Some(ours), Some(theirs)) if ours.bytes == theirs.bytes => Some(ours.bytes.clone()),
        (ours, theirs) => {
            let same_as_base = |side: Option<&Read>| {
                side.map(|r| &r.bytes) == base_progress.as_ref().map(|r| &r.bytes)
            };
            if same_as_base(ours.as_ref()) && theirs.is_some() {
                theirs.as_ref().map(|r| r.bytes.clone())
            } else if same_as_base(theirs.as_ref()) && ours.is_some() {
                ours.as_ref().map(|r| r.bytes.clone())
            } else {
                let ours = ours.as_ref().map_or(&empty, |r| &r.progress);
                let theirs = theirs.as_ref().map_or(&empty, |r| &r.progress);
                let merged = crate::progress::merge::merge_three(base_records, ours, theirs);
                Some(merged.to_toml().into_bytes())
            }
        }
    };
    let united = match (&ours, &theirs) {
        (Some(ours), Some(theirs)) => {
            super::summary::united(base_records, &ours.progress, &theirs.progress)
        }
        _ => Vec::new(),
    };

    // git merges the rest into objects, touching no file here.
    let (merged_tree, conflicts) = match local {
        Some(local) => merge_tree(git, local, remote, allow_unrelated)?,
        None => (tree_of(git, remote)?, Vec::new()),
    };
    let mut overrides: Vec<(String, Vec<u8>)> = Vec::new();
    let mut removals: Vec<String> = Vec::new();
    match progress {
        Some(bytes) => overrides.push((PROGRESS.into(), bytes)),
        None => removals.push(PROGRESS.into()),
    }
    let mut unresolved = Vec::new();
    let mut catalog_united = false;
    let mut conflicted: Vec<&str> = conflicts.iter().map(|c| c.path.as_str()).collect();
    conflicted.dedup();
    for path in conflicted {
        if path == PROGRESS || tree::is_per_machine(path) {
            continue;
        }
        if path == LOCAL_CATALOG
            && let Some(text) = unite_local_catalog(git, &conflicts)?
        {
            overrides.push((path.to_string(), text.into_bytes()));
            catalog_united = true;
            continue;
        }
        if path == REVIEWS
            && let Some(text) = unite_reviews(git, &conflicts)?
        {
            overrides.push((path.to_string(), text.into_bytes()));
            continue;
        }
        unresolved.push(format!("`{}`", crate::text::sanitize::visible(path)));
    }
    if !unresolved.is_empty() {
        return Err(Error::failure(t!(
            "sync.conflict",
            files = unresolved.join(", "),
            remote = crate::text::sanitize::visible(&remote_name(branch))
        ))
        .with_hint(t!(
            "sync.conflict_hint",
            merge = git.shown(&format!("merge {}", remote_arg(branch))),
            commit = git.shown("commit -a")
        )));
    }
    let per_machine: Vec<String> = tree::list(git, &merged_tree)?
        .into_iter()
        .map(|item| item.path)
        .filter(|path| tree::is_per_machine(path))
        .collect();
    removals.extend(per_machine.iter().cloned());
    let final_tree = rewrite(git, &merged_tree, &overrides, &removals)?;

    // The result must read before it is committed: never a file lpath cannot read.
    let final_items = tree::list(git, &final_tree)?;
    tree::check_remote(git, &final_items, &format!("{REMOTE}/{branch}"))?;
    check_result(git, &final_items, branch)?;

    let remote_tree = tree_of(git, remote)?;
    let fast_forward = match local {
        None => true,
        Some(local) => git.run(["merge-base", "--is-ancestor", local, remote])?.ok,
    };
    let target = if fast_forward && final_tree == remote_tree {
        remote.to_string()
    } else {
        let message = format!("lpath sync: merge {}", remote_name(branch));
        let mut args = vec!["commit-tree", final_tree.as_str()];
        if let Some(local) = local {
            args.extend(["-p", local]);
        }
        args.extend(["-p", remote, "-F", "-"]);
        let out = git.run_with(&args, Some(message.as_bytes()), &[])?;
        if !out.ok {
            return Err(git_error(git, &out.reason(), "status"));
        }
        out.stdout.trim().to_string()
    };
    Ok(Merged {
        target: Some(target),
        per_machine: per_machine
            .iter()
            .map(|p| crate::text::sanitize::visible(p).into_owned())
            .collect(),
        united,
        catalog_united,
    })
}

/// `origin/<branch>` as messages name it.
fn remote_name(branch: &str) -> String {
    format!("{REMOTE}/{branch}")
}

/// `origin/<branch>` as a hint's command line gives it: quoted for the shell.
pub fn remote_arg(branch: &str) -> String {
    shell_quote(&remote_name(branch))
}

fn unreadable_hint(git: &Git, branch: &str) -> String {
    t!(
        "sync.remote_unreadable_hint",
        command = git.shown(&format!(
            "log -p -1 {} -- progress.toml",
            remote_arg(branch)
        ))
    )
    .into_owned()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Whose {
    Local,
    Remote,
}

/// progress.toml as committed in `rev`, byte for byte (checked as `lpath import` checks a file:
/// bounded, UTF-8, parsed), or `None` when the commit has none.
fn read_progress(git: &Git, rev: &str, whose: Whose, branch: &str) -> Result<Option<Read>> {
    read_progress_blob(git, &format!("{rev}:{PROGRESS}"), whose, branch)
}

/// [`read_progress`] of the blob `spec` names.
fn read_progress_blob(git: &Git, spec: &str, whose: Whose, branch: &str) -> Result<Option<Read>> {
    let reason = match git.blob(spec, MAX_STATE_BYTES)? {
        Blob::Missing => return Ok(None),
        Blob::TooBig(size) => ReadError::TooBig(size).reason(),
        Blob::Bytes(bytes) => match String::from_utf8(bytes) {
            Err(_) => crate::i18n::text("store.not_utf8"),
            Ok(text) => match Progress::parse(&text) {
                Ok(progress) => {
                    return Ok(Some(Read {
                        bytes: text.into_bytes(),
                        progress,
                    }));
                }
                Err(ParseError::Newer(format)) => {
                    t!("sync.remote_newer", format = format).into_owned()
                }
                Err(ParseError::Invalid(reason)) => reason,
            },
        },
    };
    let key = match whose {
        Whose::Remote => "sync.remote_unreadable",
        Whose::Local => "sync.committed_unreadable",
    };
    Err(Error::failure(t!(key, reason = reason)).with_hint(unreadable_hint(git, branch)))
}

/// What the remote did that would spread a loss, in words: deleted progress.toml, or reset every
/// entry at once (of three or more: one or two is a learner's `reset`).
fn lost(base: Option<&Read>, theirs: Option<&Read>) -> Option<String> {
    let base = base?;
    let Some(theirs) = theirs else {
        return Some(t!("sync.remote_deleted").into_owned());
    };
    let kept = |id: &String| {
        theirs
            .progress
            .entries
            .get(id)
            .is_some_and(|r| r.status != Status::Todo || !r.notes.is_empty())
    };
    let had: Vec<&String> = base
        .progress
        .entries
        .iter()
        .filter(|(_, r)| r.status != Status::Todo || !r.notes.is_empty())
        .map(|(id, _)| id)
        .collect();
    if had.len() >= 3 && !had.iter().any(|id| kept(id)) {
        return Some(t!("sync.remote_reset_all", count = had.len()).into_owned());
    }
    None
}

/// A conflicted file as `git merge-tree` lists it: one line a stage.
struct Conflict {
    oid: String,
    stage: u8,
    path: String,
}

/// The merged tree of two commits, and the conflicts in it.
fn merge_tree(
    git: &Git,
    local: &str,
    remote: &str,
    allow_unrelated: bool,
) -> Result<(String, Vec<Conflict>)> {
    let mut args = vec!["merge-tree", "--write-tree", "-z"];
    if allow_unrelated {
        args.push("--allow-unrelated-histories");
    }
    args.extend([local, remote]);
    let out = git.run(&args)?;
    let mut parts = out.stdout.split('\0');
    let tree = parts.next().unwrap_or_default().trim().to_string();
    // Exit 1 is a merge with conflicts; anything else, or no tree, is git failing.
    if tree.is_empty() || !(out.ok || out.stderr.trim().is_empty()) {
        return Err(
            Error::failure(t!("sync.merge_failed", reason = out.reason()))
                .with_hint(t!("sync.look_hint", command = git.shown("status"))),
        );
    }
    let mut conflicts = Vec::new();
    if !out.ok {
        for line in parts.by_ref() {
            if line.is_empty() {
                break;
            }
            let Some((meta, path)) = line.split_once('\t') else {
                continue;
            };
            let words: Vec<&str> = meta.split_whitespace().collect();
            if let [_mode, oid, stage] = words[..] {
                conflicts.push(Conflict {
                    oid: oid.to_string(),
                    stage: stage.parse().unwrap_or(0),
                    path: path.to_string(),
                });
            }
        }
    }
    Ok((tree, conflicts))
}

fn tree_of(git: &Git, rev: &str) -> Result<String> {
    let out = git.ok(["rev-parse", &format!("{rev}^{{tree}}")], |reason| {
        git_error(git, &reason, "status")
    })?;
    Ok(out.trim().to_string())
}

/// local.toml with both sides' entries united by id, from the stages git left: `None` when both
/// sides changed the same entry, or a side does not read.
fn unite_local_catalog(git: &Git, conflicts: &[Conflict]) -> Result<Option<String>> {
    let stage = |n: u8| -> Result<Option<String>> {
        let Some(conflict) = conflicts
            .iter()
            .find(|c| c.path == LOCAL_CATALOG && c.stage == n)
        else {
            return Ok(None);
        };
        Ok(match git.blob(&conflict.oid, MAX_STATE_BYTES)? {
            Blob::Bytes(bytes) => String::from_utf8(bytes).ok(),
            _ => None,
        })
    };
    let (Some(ours), Some(theirs)) = (stage(2)?, stage(3)?) else {
        return Ok(None);
    };
    let base = stage(1)?;
    Ok(crate::catalog::local::merge_three(base.as_deref(), &ours, &theirs).ok())
}

/// review.toml with both machines' reviews united (every review of each card, in time order),
/// from the stages git left: `None` when a side does not read.
fn unite_reviews(git: &Git, conflicts: &[Conflict]) -> Result<Option<String>> {
    let stage = |n: u8| -> Result<Option<crate::review::model::Reviews>> {
        let Some(conflict) = conflicts.iter().find(|c| c.path == REVIEWS && c.stage == n) else {
            return Ok(Some(crate::review::model::Reviews::default()));
        };
        Ok(match git.blob(&conflict.oid, MAX_STATE_BYTES)? {
            Blob::Bytes(bytes) => String::from_utf8(bytes)
                .ok()
                .and_then(|text| crate::review::text::parse(&text).ok()),
            _ => None,
        })
    };
    let (Some(ours), Some(theirs)) = (stage(2)?, stage(3)?) else {
        return Ok(None);
    };
    Ok(Some(crate::review::text::to_toml(&ours.merge(&theirs))))
}

/// `tree` with `overrides` written and `removals` taken out, through an index of lpath's own
/// (the real one is left alone): the id of the new tree.
fn rewrite(
    git: &Git,
    tree: &str,
    overrides: &[(String, Vec<u8>)],
    removals: &[String],
) -> Result<String> {
    let index = git_path(git, "lpath-merge.index")?;
    let _ = std::fs::remove_file(&index);
    let env = [("GIT_INDEX_FILE", index.as_os_str())];
    let result = (|| {
        let fail = |out: crate::sync::git::Output| git_error(git, &out.reason(), "status");
        let out = git.run_with(["read-tree", tree], None, &env)?;
        if !out.ok {
            return Err(fail(out));
        }
        for (path, bytes) in overrides {
            let out = git.run_with(["hash-object", "-w", "--stdin"], Some(bytes), &[])?;
            if !out.ok {
                return Err(fail(out));
            }
            let info = format!("100644,{},{path}", out.stdout.trim());
            let out = git.run_with(["update-index", "--add", "--cacheinfo", &info], None, &env)?;
            if !out.ok {
                return Err(fail(out));
            }
        }
        for path in removals {
            let out = git.run_with(
                [
                    OsStr::new("update-index"),
                    OsStr::new("--force-remove"),
                    OsStr::new("--"),
                    OsStr::new(path),
                ],
                None,
                &env,
            )?;
            if !out.ok {
                return Err(fail(out));
            }
        }
        let out = git.run_with(["write-tree"], None, &env)?;
        if !out.ok {
            return Err(fail(out));
        }
        Ok(out.stdout.trim().to_string())
    })();
    let _ = std::fs::remove_file(&index);
    result
}

/// The merged progress.toml and local.toml read as lpath reads them.
fn check_result(git: &Git, items: &[Item], branch: &str) -> Result<()> {
    for item in items {
        if item.path == PROGRESS {
            read_progress_blob(git, &item.oid, Whose::Remote, branch)?;
        }
        if item.path == REVIEWS {
            let readable = match git.blob(&item.oid, MAX_STATE_BYTES)? {
                Blob::Bytes(bytes) => String::from_utf8(bytes)
                    .ok()
                    .is_some_and(|text| crate::review::text::parse(&text).is_ok()),
                _ => false,
            };
            if !readable {
                return Err(Error::failure(t!("sync.merged_unreadable", path = REVIEWS))
                    .with_hint(t!(
                        "sync.look_hint",
                        command =
                            git.shown(&format!("log -p -1 {} -- {REVIEWS}", remote_arg(branch)))
                    )));
            }
        }
        if item.path == LOCAL_CATALOG {
            let text = match git.blob(&item.oid, MAX_STATE_BYTES)? {
                Blob::Bytes(bytes) => String::from_utf8(bytes).ok(),
                _ => None,
            };
            let readable = text.is_some_and(|text| text.parse::<toml_edit::DocumentMut>().is_ok());
            if !readable {
                return Err(
                    Error::failure(t!("sync.merged_unreadable", path = LOCAL_CATALOG)).with_hint(
                        t!(
                            "sync.look_hint",
                            command = git.shown(&format!(
                                "log -p -1 {} -- {LOCAL_CATALOG}",
                                remote_arg(branch)
                            ))
                        ),
                    ),
                );
            }
        }
    }
    Ok(())
}
