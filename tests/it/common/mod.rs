//! A small harness: a temporary config dir, the real binary, and what it printed and wrote.
#![allow(dead_code)]

pub mod saved;
pub mod stub;

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
            self.stderr.starts_with("lpath: error: ") || self.stderr.starts_with("lpath: 错误："),
            "error should start with `lpath: error: ` (`lpath: 错误：` in Chinese): {self:#?}"
        );
        assert!(!self.stderr.contains("panicked"), "{self:#?}");
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, text: &str) -> &Run {
        assert!(
            self.stdout.contains(text),
            "stdout lacks `{text}`:\n{}",
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, text: &str) -> &Run {
        assert!(
            self.stderr.contains(text),
            "stderr lacks `{text}`:\n{}",
            self.stderr
        );
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

    /// The catalog cache's dir (`LPATH_CACHE_DIR`), beside the config dir, never in it.
    pub fn cache_dir(&self) -> PathBuf {
        self.dir.path().join("cache")
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

    pub fn catalog_dir(&self) -> PathBuf {
        self.config.join("catalog.d")
    }

    /// Writes a catalog file into catalog.d, and returns its path.
    pub fn write_catalog(&self, name: &str, text: &str) -> PathBuf {
        std::fs::create_dir_all(self.catalog_dir()).unwrap();
        let path = self.catalog_dir().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// catalog.d/local.toml's text, if there is one.
    pub fn local_catalog(&self) -> Option<String> {
        std::fs::read_to_string(self.catalog_dir().join("local.toml")).ok()
    }

    /// Runs `lpath add ID --title ID --url https://example.org/ID` with `extra` flags, and
    /// `--kind blog` unless they give a kind (nothing in such a URL says what it is).
    pub fn add(&self, id: &str, extra: &[&str]) -> Run {
        let url = format!("https://example.org/{id}");
        let mut args = vec!["add", id, "--title", id, "--url", &url];
        if !extra.contains(&"--kind") {
            args.extend(["--kind", "blog"]);
        }
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// The `list --json` object of the entry `id`.
    pub fn entry_json(&self, id: &str) -> serde_json::Value {
        let json = self.run(&["list", "--json"]).success().json();
        json.as_array()
            .expect("a JSON array")
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("`{id}` is not on the path"))
            .clone()
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
            .env("LPATH_CACHE_DIR", self.cache_dir())
            .env_remove("XDG_CACHE_HOME")
            .env_remove("XDG_CONFIG_HOME")
            // A width from the shell running the tests would wrap their tables.
            .env_remove("COLUMNS")
            // Tests never start a browser, and print dates in one time zone.
            .env("LPATH_BROWSER", "none")
            .env("TZ", "UTC")
            // No test goes online: fetches go to a port where nothing listens, unless a test
            // points them at its stub server, and never through a proxy.
            .env("LPATH_ARXIV_API", "http://127.0.0.1:9/api/query")
            .env("LPATH_DOI_RESOLVER", "http://127.0.0.1:9")
            .env_remove("LPATH_HTTP_TIMEOUT")
            .env_remove("HTTP_PROXY")
            .env_remove("HTTPS_PROXY")
            .env_remove("ALL_PROXY")
            .env_remove("http_proxy")
            .env_remove("https_proxy")
            .env_remove("all_proxy")
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

    /// Runs at a fixed time in a fixed time zone (`TZ`: a name or a POSIX rule like `<+08>-8`).
    pub fn run_in(&self, tz: &str, now: &str, args: &[&str]) -> Run {
        let mut cmd = self.command(args);
        cmd.env("LPATH_NOW", now).env("TZ", tz);
        run(cmd)
    }

    /// The catalog cache file.
    pub fn cache_file(&self) -> PathBuf {
        self.cache_dir().join("catalog.bin")
    }

    pub fn history_path(&self) -> PathBuf {
        self.config.join("history.toml")
    }

    /// The undo journal's text, if there is one.
    pub fn history(&self) -> Option<String> {
        std::fs::read_to_string(self.history_path()).ok()
    }

    /// Temporary files that saves left in the config dir: `.<file>.<pid>.<random>.tmp`, or
    /// `.progress.toml.tmp-<pid>-<time>` as older versions named them.
    pub fn temp_files(&self) -> Vec<String> {
        self.files()
            .into_iter()
            .filter(|f| f.starts_with('.') && (f.ends_with(".tmp") || f.contains(".tmp-")))
            .collect()
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

impl Lpath {
    /// What `lpath ARGS` prints to a real terminal `columns` wide (a pty made by `script`), with
    /// `\r\n` turned back into `\n`; `None`, after saying why, where `script` is missing.
    pub fn in_terminal(&self, columns: u16, args: &[&str]) -> Option<String> {
        if !need("script", "util-linux, for a pseudo-terminal") {
            return None;
        }
        let quote = |arg: &str| format!("'{}'", arg.replace('\'', r"'\''"));
        let mut line = format!(
            "stty cols {columns}; exec {}",
            quote(env!("CARGO_BIN_EXE_lpath"))
        );
        for arg in args {
            line.push(' ');
            line.push_str(&quote(arg));
        }
        let lpath = self.command(args);
        let mut cmd = Command::new("script");
        cmd.args(["-qec", &line, "/dev/null"]).stdin(Stdio::null());
        for (key, value) in lpath.get_envs() {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            };
        }
        let run = run(cmd);
        assert_eq!(run.code, 0, "{run:#?}");
        Some(run.stdout.replace("\r\n", "\n"))
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

/// The object with this `id` in a JSON array (entries from `list --json`, tracks from `stats --json`).
pub fn by_id<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json.as_array()
        .expect("a JSON array")
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no `{id}` in {json}"))
}

/// `line:column` (1-based, in characters) where `needle` first occurs in `text`: where an error
/// about that value should point.
pub fn position_of(text: &str, needle: &str) -> String {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in {text}"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    format!("{line}:{column}")
}

/// A catalog file with one track and the given entries, each `(id, extra lines)`.
pub fn catalog(track: &str, entries: &[(&str, &str)]) -> String {
    let mut text =
        format!("format = 1\n\n[[track]]\nid = \"{track}\"\ntitle = \"Track {track}\"\n");
    for (id, extra) in entries {
        text.push_str(&entry(id, track, extra));
    }
    text
}

/// One `[[entry]]` table in `track`, with `extra` lines added.
pub fn entry(id: &str, track: &str, extra: &str) -> String {
    format!(
        "\n[[entry]]\nid = \"{id}\"\nkind = \"blog\"\ntitle = \"Title of {id}\"\ntrack = \"{track}\"\nurl = \"https://example.org/{id}\"\n{extra}"
    )
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

/// Runs `lpath ARGS` on a pseudo-terminal (util-linux `script`) set up by `stty SETTINGS`, with
/// `env` set (or, for `None`, removed), and returns what it printed. `None` where there is no
/// util-linux `script`: the caller skips.
pub fn on_a_terminal(
    lp: &Lpath,
    stty: &str,
    args: &str,
    env: &[(&str, Option<&str>)],
) -> Option<String> {
    if !cfg!(target_os = "linux") || !need("script", "util-linux, for a pseudo-terminal") {
        return None;
    }
    let mut cmd = Command::new("script");
    cmd.args([
        "-qec",
        &format!("stty {stty}; '{}' {args}", env!("CARGO_BIN_EXE_lpath")),
        "/dev/null",
    ])
    .env("LPATH_CONFIG_DIR", lp.config_dir())
    .env("LPATH_CACHE_DIR", lp.cache_dir())
    .env("LANG", "C.UTF-8")
    .env_remove("LC_ALL")
    .env_remove("LC_MESSAGES")
    .env_remove("COLUMNS");
    for (name, value) in env {
        match value {
            Some(value) => cmd.env(name, value),
            None => cmd.env_remove(name),
        };
    }
    let out = cmd.output().expect("run script");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
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

/// A progress file with `count` done records for ids no catalog knows: `kept-00000`, ...
pub fn records_no_catalog_knows(count: usize) -> String {
    let mut text = String::from("format = 1\n");
    for i in 0..count {
        text.push_str(&format!(
            "\n[entry.kept-{i:05}]\nstatus = \"done\"\nchanged = \"2025-01-01T00:00:00Z\"\nfinished = \"2025-01-01T00:00:00Z\"\n"
        ));
    }
    text
}

/// A learner part-way along the bundled path: two papers read (one with a note), one being read,
/// one skipped. The roadmap page tests show it.
pub const LEARNER: &str = r#"format = 1

[entry.bahdanau-attention]
status = "done"
changed = "2026-03-01T10:00:00Z"
finished = "2026-03-01T10:00:00Z"

[entry.attention-is-all-you-need]
status = "done"
changed = "2026-03-02T10:00:00Z"
finished = "2026-03-02T10:00:00Z"

[[entry.attention-is-all-you-need.notes]]
at = "2026-03-02T10:05:00Z"
text = "Multi-head attention finally clicked."

[entry.bert]
status = "reading"
changed = "2026-03-03T08:00:00Z"
started = "2026-03-03T08:00:00Z"

[entry.gopher]
status = "skipped"
changed = "2026-03-04T08:00:00Z"
"#;

/// The lines of `text` wider than `columns` (a Chinese character takes two), each named with
/// `what` printed it, for one assertion over many screens.
pub fn too_wide(text: &str, columns: usize, what: &str) -> Vec<String> {
    text.lines()
        .filter(|line| display_width(line) > columns)
        // A URL stays whole on its own line, so the terminal can open it.
        .filter(|line| !line.trim_start().starts_with("https://"))
        .map(|line| format!("{columns} {what}: {line}"))
        .collect()
}

#[track_caller]
pub fn assert_none_too_wide(wide: &[String]) {
    assert!(
        wide.is_empty(),
        "{} lines too wide:\n{}",
        wide.len(),
        wide.join("\n")
    );
}

/// Columns `text` takes on a terminal, measured with the `unicode-width` crate itself (a Chinese
/// character takes two, a combining mark or control none), never with lpath's own measure.
pub fn display_width(text: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Every command and subcommand, as the binary's own `--help` lists them (`["list"]`,
/// `["catalog", "check"]`, ...; clap's `help` left out), and every alias it names.
pub struct Commands {
    pub paths: Vec<Vec<String>>,
    pub aliases: Vec<String>,
}

pub fn commands() -> &'static Commands {
    static COMMANDS: std::sync::OnceLock<Commands> = std::sync::OnceLock::new();
    COMMANDS.get_or_init(|| {
        let lp = Lpath::new();
        let mut found = Commands {
            paths: Vec::new(),
            aliases: Vec::new(),
        };
        let mut queue = vec![Vec::<String>::new()];
        while let Some(path) = queue.pop() {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push("--help");
            let help = lp
                .run_with(&[("COLUMNS", "400"), ("LANG", "C.UTF-8")], &args)
                .success()
                .stdout;
            let section: Vec<&str> = help
                .lines()
                .skip_while(|line| *line != "Commands:")
                .skip(1)
                .take_while(|line| !line.trim().is_empty())
                .collect();
            for line in section {
                let name = line.split_whitespace().next().unwrap_or_default();
                if !line.starts_with("  ") || line.starts_with("   ") || name == "help" {
                    continue;
                }
                for (open, _) in line.match_indices("[alias") {
                    let list = &line[open..];
                    let list = &list[list.find(": ").unwrap() + 2..list.find(']').unwrap()];
                    found.aliases.extend(list.split(", ").map(str::to_string));
                }
                let mut sub = path.clone();
                sub.push(name.to_string());
                queue.push(sub);
            }
            if !path.is_empty() {
                found.paths.push(path);
            }
        }
        found.paths.sort();
        assert!(
            found.paths.len() > 20,
            "`lpath --help` lists too few commands: {:?}",
            found.paths
        );
        found
    })
}

/// Whether the tests run in CI (`CI=true`, which CI services set), where every outside tool a
/// test needs is installed by `.ci/run`, so a missing one is a failure and not a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// Says that a test skips, and why, where a person sees it: the test harness captures a passing
/// test's stderr (so `eprintln!` alone is never seen), so this writes to the terminal itself
/// (`/dev/tty`) when there is one, and to stderr as well, for `--nocapture` and logs.
pub fn say_skipped(reason: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let line = format!("skipped {test}: {reason}\n");
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        use std::io::Write;
        let _ = tty.write_all(line.as_bytes());
    }
    eprint!("{line}");
}

/// Whether `program` is here for the test that needs it. Missing, it fails the test in CI (a
/// whole family of tests must never go green unrun) and elsewhere says so on the terminal and
/// returns `false`, for the caller to return.
#[track_caller]
pub fn need(program: &str, why: &str) -> bool {
    if have(program) {
        return true;
    }
    missing(&format!("`{program}` is not installed ({why})"))
}

/// A tool the test needs is missing: a failure in CI, a skip said on the terminal elsewhere.
#[track_caller]
pub fn missing(reason: &str) -> bool {
    if in_ci() {
        panic!("{reason}: in CI (CI=true) this fails rather than skips; .ci/run installs it");
    }
    say_skipped(reason);
    false
}
