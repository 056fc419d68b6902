//! What a commit holds, as git lists it, and what lpath refuses to take from another machine's
//! commit: links, submodules, files too large to read, and the files that stay on each machine.

use crate::error::{Error, Result};
use crate::fs::files::{MAX_STATE_BYTES, ReadError};
use crate::sync::git::{Git, shell_quote};

/// One file of a tree, as `git ls-tree -r -l` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub mode: String,
    pub oid: String,
    /// `None` for what has no size (a submodule).
    pub size: Option<u64>,
    pub path: String,
}

impl Item {
    pub fn is_link(&self) -> bool {
        self.mode == "120000"
    }

    /// A plain file: what lpath takes from a remote.
    pub fn is_file(&self) -> bool {
        self.mode == "100644" || self.mode == "100755"
    }
}

/// Every file of the tree of `rev` (a commit or a tree).
pub fn list(git: &Git, rev: &str) -> Result<Vec<Item>> {
    let out = git.ok(
        ["ls-tree", "-r", "-z", "-l", "--full-tree", rev],
        |reason| super::git_error(git, &reason, "status"),
    )?;
    Ok(out.split('\0').filter_map(parse_line).collect())
}

fn parse_line(line: &str) -> Option<Item> {
    let (meta, path) = line.split_once('\t')?;
    let mut words = meta.split_whitespace();
    let mode = words.next()?.to_string();
    let _kind = words.next()?;
    let oid = words.next()?.to_string();
    let size = words.next().and_then(|s| s.parse().ok());
    Some(Item {
        mode,
        oid,
        size,
        path: path.to_string(),
    })
}

/// The files that stay on each machine (the locks, the undo journal, what a save cut short or
/// `doctor --fix` left, the old catalog cache), wherever they are in the tree: never committed
/// here, never taken from a remote, whatever its `.gitignore` says.
pub fn is_per_machine(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    ["progress.lock", "catalog.lock", "sync.lock", "history.toml"].contains(&name)
        || name.starts_with(".progress.toml.tmp-")
        || (name.starts_with('.') && name.ends_with(".tmp"))
        || name.contains(".broken-")
        || path.starts_with("cache/")
}

/// The pathspecs that leave [`is_per_machine`]'s files out of `git add`.
pub const PER_MACHINE_PATHSPECS: &[&str] = &[
    ":(exclude,glob)**/progress.lock",
    ":(exclude,glob)**/catalog.lock",
    ":(exclude,glob)**/sync.lock",
    ":(exclude,glob)**/history.toml",
    ":(exclude,glob)**/.progress.toml.tmp-*",
    ":(exclude,glob)**/.*.tmp",
    ":(exclude,glob)**/*.broken-*",
    ":(exclude,glob)cache/**",
];

/// Refuses a tree from another machine that holds what lpath never takes: a symbolic link (it
/// could point out of the config dir, and lpath would read or write through it), a submodule,
/// or a file larger than lpath reads. `whose` is the commit's name in the hint.
pub fn check_remote(git: &Git, items: &[Item], whose: &str) -> Result<()> {
    let hint = || {
        t!(
            "sync.remote_refused_hint",
            command = git.shown(&format!("log --stat -1 {}", shell_quote(whose)))
        )
    };
    for item in items {
        let path = crate::text::sanitize::visible(&item.path);
        if item.is_link() {
            return Err(Error::failure(t!("sync.remote_link", path = path)).with_hint(hint()));
        }
        if !item.is_file() {
            return Err(Error::failure(t!("sync.remote_not_file", path = path)).with_hint(hint()));
        }
        if let Some(size) = item.size.filter(|size| *size > MAX_STATE_BYTES) {
            return Err(Error::failure(t!(
                "sync.remote_too_big",
                path = path,
                reason = ReadError::TooBig(size).reason()
            ))
            .with_hint(hint()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_machine_files_are_told_wherever_they_are() {
        for path in [
            "history.toml",
            "progress.lock",
            "catalog.d/.local.toml.4000.0123456789abcdef.tmp",
            "progress.toml.broken-2026",
            "cache/catalog.bin",
        ] {
            assert!(is_per_machine(path), "{path}");
        }
        for path in ["progress.toml", "catalog.d/local.toml", ".gitignore"] {
            assert!(!is_per_machine(path), "{path}");
        }
    }

    #[test]
    fn a_line_of_ls_tree_is_read_with_its_size() {
        let item = parse_line("100644 blob abc123     42\tcatalog.d/a b.toml").unwrap();
        assert_eq!(item.size, Some(42));
        assert_eq!(item.path, "catalog.d/a b.toml");
        let link = parse_line("120000 blob def      9\tcatalog.d").unwrap();
        assert!(link.is_link());
        let sub = parse_line("160000 commit 0123       -\tvendor").unwrap();
        assert_eq!(sub.size, None);
        assert!(!sub.is_file());
    }
}
