//! A small harness: a temporary config dir, the real binary, and what it printed and wrote.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Lpath {
    dir: tempfile::TempDir,
    config: PathBuf,
}

/// What one run printed, and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn success(self) -> Run {
        assert_eq!(self.code, 0, "expected success, got {self:#?}");
        self
    }

    #[track_caller]
    pub fn failure(self, code: i32) -> Run {
        assert_eq!(self.code, code, "expected exit {code}, got {self:#?}");
        assert!(
            self.stderr.starts_with("lpath: error: "),
            "error should start with `lpath: error: `: {self:#?}"
        );
        assert!(!self.stderr.contains("panicked"), "{self:#?}");
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

impl Lpath {
    /// A fresh, empty config dir.
    pub fn new() -> Lpath {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("config");
        Lpath { dir, config }
    }

    pub fn config_dir(&self) -> &Path {
        &self.config
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn progress_path(&self) -> PathBuf {
        self.config.join("progress.toml")
    }

    /// The progress file's text, if there is one.
    pub fn progress(&self) -> Option<String> {
        std::fs::read_to_string(self.progress_path()).ok()
    }

    pub fn write_progress(&self, text: &str) {
        std::fs::create_dir_all(&self.config).unwrap();
        std::fs::write(self.progress_path(), text).unwrap();
    }

    /// The binary with a clean, predictable environment pointed at this config dir.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lpath"));
        cmd.args(args)
            .env("LPATH_CONFIG_DIR", &self.config)
            .env("NO_COLOR", "1")
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LPATH_NOW")
            .env_remove("XDG_CONFIG_HOME")
            // Tests never start a browser, and print dates in one time zone.
            .env("LPATH_BROWSER", "none")
            .env("TZ", "UTC")
            .stdin(Stdio::null());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run(self.command(args))
    }

    /// Runs with extra environment variables.
    pub fn run_with(&self, vars: &[(&str, &str)], args: &[&str]) -> Run {
        let mut cmd = self.command(args);
        cmd.envs(vars.iter().copied());
        run(cmd)
    }

    /// Runs at a fixed time, for reproducible dates.
    pub fn run_at(&self, now: &str, args: &[&str]) -> Run {
        let mut cmd = self.command(args);
        cmd.env("LPATH_NOW", now);
        run(cmd)
    }

    /// Every file in the config dir, so a test can check that nothing was written.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.config)
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

pub fn run(mut cmd: Command) -> Run {
    let out = cmd.output().expect("run lpath");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The ids of a `list --json` or `next --json` array, in order.
pub fn ids(json: &serde_json::Value) -> Vec<String> {
    json.as_array()
        .expect("a JSON array")
        .iter()
        .map(|e| e["id"].as_str().expect("an id").to_string())
        .collect()
}

/// Whether `program` is installed, for tests that use an outside tool when there is one.
pub fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs `cmd` with `input` on its stdin, and returns what it printed.
pub fn feed(mut cmd: Command, input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the command");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait for the command")
}
