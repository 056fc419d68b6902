//! The git command line, run in the config dir: the engine under `lpath sync`. It brings the
//! user's SSH config, credential helpers and hosts; lpath has no network code of its own.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// lpath's own commits when the user has no git identity: git refuses to commit without one,
/// and a learner who never used git should still be able to sync.
pub const FALLBACK_NAME: &str = "lpath";
pub const FALLBACK_EMAIL: &str = "lpath@localhost";

/// git, run in one repository.
pub struct Git {
    dir: PathBuf,
    /// Set when the user has no identity git accepts: every git command lpath runs then has the
    /// fallback. `None` until looked at, which happens once, without the fallback in the way.
    fallback_identity: Option<bool>,
}

/// A blob read from the repository, its size looked at before a byte of it is read.
#[derive(Debug)]
pub enum Blob {
    /// No such object, or not a file (a tree, a link, a submodule).
    Missing,
    /// Larger than the limit: its size.
    TooBig(u64),
    Bytes(Vec<u8>),
}

/// What one git command printed, its stdout as bytes.
struct RawOutput {
    ok: bool,
    stdout: Vec<u8>,
    stderr: String,
}

/// What one git command printed.
#[derive(Debug)]
pub struct Output {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// git's own reason, one line without control characters: its first `fatal:`/`error:` line
    /// (the later ones repeat it in general terms), else its last line.
    pub fn reason(&self) -> String {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        lines
            .iter()
            .find(|l| l.starts_with("fatal:") || l.starts_with("error:"))
            .or(lines.last())
            .map(|line| crate::text::sanitize::visible(line).into_owned())
            .unwrap_or_else(|| t!("sync.git_no_reason").into_owned())
    }
}

impl Git {
    /// git in `dir`, or an error when there is no git on PATH.
    pub fn new(dir: &Path) -> Result<Git> {
        let git = Git {
            dir: dir.to_path_buf(),
            fallback_identity: None,
        };
        git.run_in(None, ["--version"])?;
        Ok(git)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs `git ARGS` in the repository and returns what it printed, whether it succeeded or not.
    pub fn run<I, S>(&self, args: I) -> Result<Output>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run_in(Some(&self.dir), args)
    }

    /// Runs `git ARGS` and returns its stdout, or an error built by `fail` from git's reason.
    pub fn ok<I, S>(&self, args: I, fail: impl FnOnce(String) -> Error) -> Result<String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = self.run(args)?;
        if out.ok {
            Ok(out.stdout)
        } else {
            Err(fail(out.reason()))
        }
    }

    fn run_in<I, S>(&self, dir: Option<&Path>, args: I) -> Result<Output>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let raw = self.run_raw(dir, args, None, &[])?;
        Ok(Output {
            ok: raw.ok,
            stdout: String::from_utf8_lossy(&raw.stdout).into_owned(),
            stderr: raw.stderr,
        })
    }

    /// Runs `git ARGS` with `input` on its stdin (a commit message, a blob) and `env` set.
    pub fn run_with<I, S>(
        &self,
        args: I,
        input: Option<&[u8]>,
        env: &[(&str, &OsStr)],
    ) -> Result<Output>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let raw = self.run_raw(Some(&self.dir), args, input, env)?;
        Ok(Output {
            ok: raw.ok,
            stdout: String::from_utf8_lossy(&raw.stdout).into_owned(),
            stderr: raw.stderr,
        })
    }

    /// The blob `spec` names (`HEAD:progress.toml`, an object id), byte for byte, when it is a
    /// file of at most `limit` bytes: git says its type and size first, so nothing larger is read.
    pub fn blob(&self, spec: &str, limit: u64) -> Result<Blob> {
        let check = self.run_raw(
            Some(&self.dir),
            ["cat-file", "--batch-check=%(objecttype) %(objectsize)"],
            Some(format!("{spec}\n").as_bytes()),
            &[],
        )?;
        let line = String::from_utf8_lossy(&check.stdout);
        let mut words = line.split_whitespace();
        let (Some("blob"), Some(size)) = (words.next(), words.next()) else {
            return Ok(Blob::Missing);
        };
        let size: u64 = size.parse().unwrap_or(u64::MAX);
        if size > limit {
            return Ok(Blob::TooBig(size));
        }
        let out = self.run_raw(Some(&self.dir), ["cat-file", "blob", spec], None, &[])?;
        if !out.ok || out.stdout.len() as u64 > limit {
            return Ok(Blob::Missing);
        }
        Ok(Blob::Bytes(out.stdout))
    }

    fn run_raw<I, S>(
        &self,
        dir: Option<&Path>,
        args: I,
        input: Option<&[u8]>,
        env: &[(&str, &OsStr)],
    ) -> Result<RawOutput>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new("git");
        if let Some(dir) = dir {
            cmd.arg("-C").arg(dir);
        }
        cmd.args(args)
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Reading the state must not take git's index lock away from a git the user runs.
            .env("GIT_OPTIONAL_LOCKS", "0")
            // lpath's merges never open an editor, and git never asks for a password on a
            // terminal lpath's output hides.
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("GIT_TERMINAL_PROMPT", "0");
        // The config dir is the repository, even when lpath runs inside another git's hook.
        for var in [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_COMMON_DIR",
            "GIT_OBJECT_DIRECTORY",
            "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        ] {
            cmd.env_remove(var);
        }
        if self.fallback_identity == Some(true) {
            cmd.env("GIT_AUTHOR_NAME", FALLBACK_NAME)
                .env("GIT_AUTHOR_EMAIL", FALLBACK_EMAIL)
                .env("GIT_COMMITTER_NAME", FALLBACK_NAME)
                .env("GIT_COMMITTER_EMAIL", FALLBACK_EMAIL);
        }
        for (key, value) in env {
            cmd.env(key, value);
        }
        let started = cmd.spawn().map_err(|err| {
            if err.kind() == std::io::ErrorKind::NotFound {
                Error::failure(t!("sync.no_git")).with_hint(t!("sync.no_git_hint"))
            } else {
                Error::failure(t!(
                    "sync.git_failed_to_start",
                    reason = crate::error::describe_io(&err)
                ))
                .with_hint(t!("sync.no_git_hint"))
            }
        })?;
        let mut child = started;
        let stdin = child.stdin.take();
        let mut stdout = child.stdout.take();
        let mut stderr = child.stderr.take();
        // stdin is fed, and stderr drained, beside reading stdout, so that no pipe fills up
        // while git waits on another.
        let (out, err) = std::thread::scope(|scope| {
            if let (Some(mut stdin), Some(input)) = (stdin, input) {
                scope.spawn(move || {
                    let _ = stdin.write_all(input);
                });
            }
            let err = scope.spawn(move || {
                let mut bytes = Vec::new();
                if let Some(stderr) = stderr.as_mut() {
                    let _ = stderr.read_to_end(&mut bytes);
                }
                bytes
            });
            let mut out = Vec::new();
            if let Some(stdout) = stdout.as_mut() {
                let _ = stdout.read_to_end(&mut out);
            }
            (out, err.join().unwrap_or_default())
        });
        let status = child.wait().map_err(|err| {
            Error::failure(t!(
                "sync.git_failed_to_start",
                reason = crate::error::describe_io(&err)
            ))
            .with_hint(t!("sync.no_git_hint"))
        })?;
        Ok(RawOutput {
            ok: status.success(),
            stdout: out,
            stderr: String::from_utf8_lossy(&err).into_owned(),
        })
    }

    /// From now on, commit as lpath when git knows no identity for the user (`git var` is as
    /// strict as `git commit`).
    /// Asked once: asked again with the fallback in place, git would accept the fallback and
    /// lpath would switch it off.
    pub fn use_fallback_identity_if_needed(&mut self) -> Result<()> {
        if self.fallback_identity.is_some() {
            return Ok(());
        }
        let author = self.run(["var", "GIT_AUTHOR_IDENT"])?;
        let committer = self.run(["var", "GIT_COMMITTER_IDENT"])?;
        self.fallback_identity = Some(!(author.ok && committer.ok));
        Ok(())
    }

    /// The command a person types to look further: `git -C '<dir>' ARGS`.
    pub fn shown(&self, args: &str) -> String {
        format!("git -C {} {args}", shell_quote(&self.dir.to_string_lossy()))
    }
}

/// `text` quoted for a POSIX shell, when it needs to be.
pub fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@,=".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_they_need_it() {
        assert_eq!(
            shell_quote("/home/me/.config/lpath"),
            "/home/me/.config/lpath"
        );
        assert_eq!(shell_quote("/a b/it's"), "'/a b/it'\\''s'");
    }

    #[test]
    fn gits_reason_is_its_first_fatal_line() {
        let out = Output {
            ok: false,
            stdout: String::new(),
            stderr: "hint: x\nfatal: '/nowhere' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure\n".into(),
        };
        assert_eq!(
            out.reason(),
            "fatal: '/nowhere' does not appear to be a git repository"
        );
    }
}
