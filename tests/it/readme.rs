//! Every ```console example in the docs (README.md, README.zh.md, docs/GUIDE.md) runs, and prints
//! what the doc says it prints; and the README stays a short front door.
//!
//! Each block runs in a fresh config dir (and a home at `/home/me` under a temp root, which is cut
//! from the output, so paths read as `/home/me/.config/lpath`). Before a block, HTML comments set it
//! up; they stay visible in the doc's source:
//!
//! - `<!-- readme-test: skip REASON -->`: the block is not run (it needs the network, a browser, ...);
//! - `<!-- readme-test: now 2026-03-01T09:00:00Z -->`: the clock for the commands that follow; each
//!   command moves it on by five minutes;
//! - `<!-- readme-test: run lpath ARGS -->`: a set-up command, run first, its output not shown.
//!
//! In the expected output a line `...` or `…` matches any number of lines. A command ending in
//! `> FILE` writes its output there, and one piped (`| dot ...`) into another tool has its output
//! dropped: both show nothing but warnings and errors. `LPATH_README_BLESS=1 cargo test --test it
//! readme::` rewrites every output that does not match from what the program prints.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};

use jiff::{SignedDuration, Timestamp};

const START: &str = "2026-03-01T09:00:00Z";

enum Step {
    Now(String),
    Run(String),
}

struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    skip: Option<String>,
    /// `now` and `run` directives, in order.
    setup: Vec<Step>,
    /// (command, 0-based index of its line in the doc, expected output lines).
    commands: Vec<(String, usize, Vec<String>)>,
    /// 0-based index of the closing fence.
    end: usize,
}

fn blocks(doc: &str, lines: &[&str]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut directives: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if let Some(d) = line
            .strip_prefix("<!-- readme-test:")
            .and_then(|d| d.strip_suffix("-->"))
        {
            directives.push(d.trim().to_string());
            i += 1;
            continue;
        }
        if line != "```console" {
            if !line.is_empty() {
                directives.clear();
            }
            i += 1;
            continue;
        }
        let mut block = Block {
            line: i + 1,
            skip: None,
            setup: Vec::new(),
            commands: Vec::new(),
            end: 0,
        };
        for d in directives.drain(..) {
            if let Some(reason) = d.strip_prefix("skip") {
                block.skip = Some(reason.trim().to_string());
            } else if let Some(now) = d.strip_prefix("now") {
                block.setup.push(Step::Now(now.trim().to_string()));
            } else if let Some(cmd) = d.strip_prefix("run") {
                block.setup.push(Step::Run(cmd.trim().to_string()));
            } else {
                panic!("{doc}:{}: unknown readme-test directive `{d}`", i + 1);
            }
        }
        i += 1;
        while i < lines.len() && !lines[i].starts_with("```") {
            if let Some(cmd) = lines[i].strip_prefix("$ ") {
                let at = i;
                let mut cmd = cmd.to_string();
                while cmd.ends_with('\\') && i + 1 < lines.len() {
                    cmd.pop();
                    i += 1;
                    cmd.push(' ');
                    cmd.push_str(lines[i].trim());
                }
                block.commands.push((cmd, at, Vec::new()));
            } else if let Some(last) = block.commands.last_mut() {
                last.2.push(lines[i].to_string());
            }
            i += 1;
        }
        block.end = i;
        // A blank line between one command's output and the next `$` line only separates them.
        for (_, _, expected) in &mut block.commands {
            while expected.last().is_some_and(|l| l.trim().is_empty()) {
                expected.pop();
            }
        }
        out.push(block);
        i += 1;
    }
    out
}

fn is_ellipsis(line: &str) -> bool {
    matches!(line.trim(), "..." | "…")
}

/// Whether `actual` matches `expected`, where an ellipsis line in `expected` matches any lines.
fn matches(expected: &[String], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if is_ellipsis(e) => {
            (0..=actual.len()).any(|k| matches(rest, &actual[k..]))
        }
        Some((e, rest)) => {
            actual.first().is_some_and(|a| a.trim_end() == e.trim_end())
                && matches(rest, &actual[1..])
        }
    }
}

struct Sandbox {
    root: tempfile::TempDir,
    now: Timestamp,
}

impl Sandbox {
    fn new(now: &str) -> Sandbox {
        let root = tempfile::tempdir().expect("temp dir");
        for dir in ["home/me/.config/lpath", "home/me/.cache/lpath", "work"] {
            std::fs::create_dir_all(root.path().join(dir)).expect("sandbox dirs");
        }
        let mut sandbox = Sandbox {
            root,
            now: Timestamp::UNIX_EPOCH,
        };
        sandbox.set_now(now);
        sandbox
    }

    fn set_now(&mut self, now: &str) {
        self.now = now
            .parse()
            .expect("readme-test: now takes an RFC 3339 time");
    }

    fn home(&self) -> std::path::PathBuf {
        self.root.path().join("home/me")
    }

    /// Runs one `lpath ...` line; its stdout and stderr, interleaved, as lines.
    fn run(&mut self, line: &str) -> Result<Vec<String>, String> {
        let mut words = shlex::split(line).ok_or_else(|| format!("cannot split `{line}`"))?;
        let home = self.home();
        for w in &mut words {
            if let Some(rest) = w.strip_prefix("~/") {
                *w = home.join(rest).display().to_string();
            }
        }
        let work = self.root.path().join("work");
        let mut redirect = None;
        if let Some(pos) = words.iter().position(|w| w == "|") {
            // What is piped into another tool is not shown; only lpath runs.
            redirect = Some(work.join("piped"));
            words.truncate(pos);
        } else if let Some(pos) = words.iter().position(|w| w == ">") {
            redirect = Some(work.join(words.get(pos + 1).ok_or("`>` names no file")?));
            words.truncate(pos);
        }
        if words.first().map(String::as_str) != Some("lpath") {
            return Err(format!("`{line}` is not an lpath command"));
        }
        let out_path = self.root.path().join("output");
        let out = File::create(&out_path).map_err(|e| e.to_string())?;
        let stdout = match &redirect {
            Some(file) => File::create(file).map_err(|e| e.to_string())?,
            None => out.try_clone().map_err(|e| e.to_string())?,
        };
        Command::new(env!("CARGO_BIN_EXE_lpath"))
            .args(&words[1..])
            .current_dir(&work)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("LPATH_CONFIG_DIR", home.join(".config/lpath"))
            .env("LPATH_CACHE_DIR", home.join(".cache/lpath"))
            .env("LPATH_NOW", self.now.to_string())
            .env("TZ", "UTC")
            .env("COLUMNS", "80")
            .env("LANG", "C.UTF-8")
            .env("NO_COLOR", "1")
            // `open` starts a "browser" that does nothing and succeeds.
            .env("LPATH_BROWSER", "true")
            .env("LPATH_ARXIV_API", "http://127.0.0.1:9/api/query")
            .env("LPATH_DOI_RESOLVER", "http://127.0.0.1:9")
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(out)
            .status()
            .map_err(|e| format!("cannot run lpath: {e}"))?;
        self.now += SignedDuration::from_mins(5);
        let text = std::fs::read_to_string(&out_path).map_err(|e| e.to_string())?;
        let root = self.root.path().display().to_string();
        Ok(text
            .replace(&root, "")
            .lines()
            .map(str::to_string)
            .collect())
    }
}

fn diff(doc: &str, expected: &[String], actual: &[String]) -> String {
    let mut s = format!("--- {doc}\n");
    for l in expected {
        s += &format!("  {l}\n");
    }
    s += "+++ lpath printed\n";
    for l in actual {
        s += &format!("  {l}\n");
    }
    s
}

/// Runs every example of `doc` (a path from the crate root); with `LPATH_README_BLESS=1`, rewrites
/// the outputs that drifted instead of failing.
fn check_examples(doc: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{doc}: {e}"));
    let lines: Vec<&str> = text.lines().collect();
    let bless = std::env::var_os("LPATH_README_BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    let mut ran = 0;
    // Replacements for bless: (first line, one past the last, new lines), in the doc's order.
    let mut rewrites: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for block in blocks(doc, &lines) {
        if let Some(reason) = &block.skip {
            eprintln!("{doc}:{}: skipped: {reason}", block.line);
            continue;
        }
        ran += 1;
        let mut sandbox = Sandbox::new(START);
        for step in &block.setup {
            match step {
                Step::Now(now) => sandbox.set_now(now),
                Step::Run(cmd) => {
                    if let Err(e) = sandbox.run(cmd) {
                        failures.push(format!("{doc}:{}: set-up `{cmd}`: {e}", block.line));
                    }
                }
            }
        }
        for (cmd, at, expected) in &block.commands {
            let actual = match sandbox.run(cmd) {
                Ok(actual) => actual,
                Err(e) => {
                    failures.push(format!("{doc}:{}: {e}", at + 1));
                    continue;
                }
            };
            if matches(expected, &actual) {
                continue;
            }
            failures.push(format!(
                "{doc}:{} (block at line {}): `$ {cmd}` printed something else\n{}",
                at + 1,
                block.line,
                diff(doc, expected, &actual)
            ));
            let first = at + 1 + cmd_continuations(&lines, *at);
            let last = first + expected.len();
            rewrites.push((first, last, actual));
        }
    }
    // A doc whose examples were all moved away, or all skipped, would pass without checking anything.
    assert!(ran > 0, "{doc} has no console example that runs");
    if bless && !rewrites.is_empty() {
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        for (first, last, new) in &rewrites {
            out.extend(lines[i..*first].iter().map(|l| l.to_string()));
            out.extend(new.iter().cloned());
            i = *last;
        }
        out.extend(lines[i..].iter().map(|l| l.to_string()));
        std::fs::write(&path, out.join("\n") + "\n")
            .unwrap_or_else(|e| panic!("rewrite {doc}: {e}"));
        eprintln!("rewrote {} outputs in {doc}", rewrites.len());
        return;
    }
    assert!(
        failures.is_empty(),
        "{doc}: examples drifted (LPATH_README_BLESS=1 cargo test --test it readme:: rewrites them):\n\n{}",
        failures.join("\n")
    );
}

/// The docs whose examples run, as paths from the crate root.
const DOCS: [&str; 3] = ["README.md", "README.zh.md", "docs/GUIDE.md"];

#[test]
fn every_doc_with_console_examples_has_them_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [".", "docs"] {
        let entries = std::fs::read_dir(root.join(dir)).unwrap_or_else(|e| panic!("{dir}: {e}"));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_none_or(|ext| ext != "md") {
                continue;
            }
            let doc = path.strip_prefix(root).expect("under the crate root");
            let doc = doc.to_string_lossy().trim_start_matches("./").to_string();
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{doc}: {e}"));
            if text.lines().any(|l| l.trim() == "```console") {
                assert!(
                    DOCS.contains(&doc.as_str()),
                    "{doc} has ```console examples that no test runs: add it to DOCS in tests/it/readme.rs"
                );
            }
        }
    }
}

#[test]
fn every_console_example_in_the_readme_prints_what_it_shows() {
    check_examples("README.md");
}

#[test]
fn every_console_example_in_the_chinese_readme_prints_what_it_shows() {
    check_examples("README.zh.md");
}

#[test]
fn every_console_example_in_the_guide_prints_what_it_shows() {
    check_examples("docs/GUIDE.md");
}

/// The README is the front door: what lpath is, the two commands, a first session, the command
/// table, where files live. The rest belongs in docs/GUIDE.md.
#[test]
fn the_readmes_stay_short_front_doors() {
    for doc in ["README.md", "README.zh.md"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{doc}: {e}"));
        let lines = text.lines().count();
        assert!(
            lines < 260,
            "{doc} has {lines} lines; keep it under 260 and move the details to docs/GUIDE.md"
        );
    }
}

/// How many continuation lines (after a trailing `\`) a command at `at` has.
fn cmd_continuations(lines: &[&str], at: usize) -> usize {
    let mut n = 0;
    while lines[at + n].ends_with('\\') {
        n += 1;
    }
    n
}
