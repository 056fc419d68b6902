//! No input, however bad, makes lpath panic: arbitrary progress files, ids, note texts and
//! argument lists all end in a result or one clean error.

use crate::common::Lpath;
use proptest::prelude::*;

/// A progress file lpath wrote, to mutate into near misses.
const SAVED: &str = "# lpath progress: what you have read. Written by lpath; safe to keep in git.\nformat = 1\n\n[entry.attention-is-all-you-need]\nstatus = \"done\"\nchanged = \"2026-11-28T15:16:46Z\"\nfinished = \"2026-11-28T15:16:46Z\"\n\n[entry.bert]\nstatus = \"reading\"\nchanged = \"2026-11-28T15:17:00Z\"\nstarted = \"2026-11-28T15:17:00Z\"\n\n[[entry.bert.notes]]\nat = \"2026-11-28T15:18:00Z\"\ntext = \"masked LM, next sentence\"\n";

/// Bytes that are often almost a progress file: cut short, with a byte changed, or with
/// something inserted; and sometimes anything at all.
fn progress_bytes() -> impl Strategy<Value = Vec<u8>> {
    let saved = SAVED.as_bytes().to_vec();
    let len = saved.len();
    prop_oneof![
        any::<Vec<u8>>(),
        (0..=len).prop_map({
            let saved = saved.clone();
            move |cut| saved[..cut].to_vec()
        }),
        (0..len, any::<u8>()).prop_map({
            let saved = saved.clone();
            move |(at, byte)| {
                let mut bytes = saved.clone();
                bytes[at] = byte;
                bytes
            }
        }),
        (0..=len, any::<String>()).prop_map(move |(at, text)| {
            let mut bytes = saved.clone();
            bytes.splice(at..at, text.into_bytes());
            bytes
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The binary reads the file and either works or says, in one error naming the file and a
    /// hint, that it cannot; a file it cannot read is never rewritten, by a change either.
    #[test]
    fn any_bytes_as_the_progress_file_load_or_fail_cleanly_and_are_never_rewritten(
        bytes in progress_bytes(),
    ) {
        let lp = Lpath::new();
        std::fs::create_dir_all(lp.config_dir()).unwrap();
        std::fs::write(lp.progress_path(), &bytes).unwrap();
        let list = lp.run(&["list", "--json"]);
        prop_assert!(!list.stderr.contains("panicked"), "{:?}", list);
        match list.code {
            0 => {}
            1 => {
                let shown = format!("`{}`", lp.progress_path().display());
                prop_assert!(list.stderr.starts_with("lpath: error: "), "{}", list.stderr);
                prop_assert!(list.stderr.contains(&shown), "{}", list.stderr);
                prop_assert!(list.stderr.lines().count() >= 2, "no hint: {}", list.stderr);
                prop_assert!(
                    !list.stderr.chars().any(|c| c.is_control() && c != '\n'),
                    "{:?}",
                    list.stderr
                );
                let done = lp.run(&["done", "gpt-1"]);
                prop_assert_eq!(done.code, 1, "{:?}", done);
                prop_assert_eq!(std::fs::read(lp.progress_path()).unwrap(), bytes);
            }
            _ => prop_assert!(false, "exit {}: {:?}", list.code, list),
        }
    }
}

/// Commands, flags and ids lpath knows, and near misses.
const WORDS: &[&str] = &[
    "list",
    "review",
    "card",
    "grade",
    "delete",
    "ls",
    "next",
    "done",
    "start",
    "skip",
    "reset",
    "undo",
    "note",
    "show",
    "stats",
    "tui",
    "add",
    "remove",
    "catalog",
    "check",
    "path",
    "doctor",
    "log",
    "open",
    "graph",
    "export",
    "import",
    "sync",
    "init",
    "status",
    "edit",
    "completions",
    "bash",
    "man",
    "--format",
    "json",
    "html",
    "bibtex",
    "dot",
    "-o",
    "--fix",
    "--json",
    "--all",
    "--yes",
    "--status",
    "--track",
    "--kind",
    "--title",
    "--url",
    "--arxiv",
    "--catalog",
    "--no-bundled",
    "-n",
    "--count",
    "--count=",
    "--help",
    "-h",
    "--version",
    "-V",
    "--",
    "-",
    "",
    " ",
    "bert",
    "transformer",
    "attention-is",
    "BERT",
    "0",
    "1",
    "38",
    "39",
    "-1",
    "18446744073709551615",
    "99999999999999999999999",
    "help",
    "/dev/null",
    "https://example.org",
];

/// Words lpath knows, near misses, and anything at all.
fn argument() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(WORDS).prop_map(str::to_string),
        "[a-z0-9-]{0,12}",
        any::<String>().prop_filter("no NUL in an argument", |s| !s.contains('\0')),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_binary_never_panics_on_any_argument_list(
        args in prop::collection::vec(argument(), 0..5),
        now in proptest::option::of(prop_oneof![
            Just("2026-01-01T00:00:00Z".to_string()),
            any::<String>().prop_filter("no NUL", |s| !s.contains('\0')),
        ]),
    ) {
        let lp = Lpath::new();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut cmd = offline(lp.command(&args));
        if let Some(now) = &now {
            cmd.env("LPATH_NOW", now);
        }
        let run = crate::common::run(cmd);
        prop_assert!(!run.stderr.contains("panicked"), "{:?}: {}", args, run.stderr);
        prop_assert!([0, 1, 2].contains(&run.code), "{:?}: {:?}", args, run);
        if run.code != 0 {
            prop_assert!(run.stderr.starts_with("lpath: error: "), "{:?}: {}", args, run.stderr);
        }
    }
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_a_usage_error_not_a_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let lp = Lpath::new();
    let bad = OsStr::from_bytes(b"bert\xff\xfe");
    for args in [
        vec![OsStr::new("done"), bad],
        vec![bad],
        vec![OsStr::new("next"), OsStr::new("-n"), bad],
    ] {
        let mut cmd = lp.command(&[]);
        cmd.args(&args);
        let run = crate::common::run(cmd).failure(2);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    assert!(!lp.config_dir().exists());
}

/// `cmd` kept on this machine even where the arguments name a remote (`sync init URL`): git
/// may use local paths only, and never asks for a password.
fn offline(mut cmd: std::process::Command) -> std::process::Command {
    cmd.env("GIT_ALLOW_PROTOCOL", "file")
        .env("GIT_TERMINAL_PROMPT", "0");
    cmd
}

#[test]
fn the_argument_lists_above_can_name_every_command() {
    for path in &crate::common::commands().paths {
        for word in path {
            assert!(WORDS.contains(&word.as_str()), "WORDS lacks `{word}`");
        }
    }
}

#[test]
fn every_command_with_odd_arguments_never_panics() {
    let tails: &[&[&str]] = &[
        &[],
        &["bert"],
        &["bert", "bert"],
        &["--json"],
        &[""],
        &["\u{1b}[2J\u{202e}"],
        &["-1"],
        &["99999999999999999999999"],
        &["/dev/null"],
        &["--help"],
    ];
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let mut ran = 0;
    for path in &crate::common::commands().paths {
        for tail in tails {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.extend_from_slice(tail);
            let mut cmd = offline(lp.command(&args));
            cmd.env("LPATH_NOW", "2026-06-01T00:00:00Z");
            let run = crate::common::run(cmd);
            assert!(!run.stderr.contains("panicked"), "{args:?}: {run:#?}");
            assert!([0, 1, 2].contains(&run.code), "{args:?}: {run:#?}");
            if run.code != 0 {
                assert!(
                    run.stderr.starts_with("lpath: error: "),
                    "{args:?}: {run:#?}"
                );
            }
            ran += 1;
        }
    }
    assert!(ran >= 23 * tails.len(), "{ran} runs");
}
