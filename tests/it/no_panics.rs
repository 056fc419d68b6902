//! No input, however bad, makes lpath panic: arbitrary progress files, ids, note texts and
//! argument lists all end in a result or one clean error.

use crate::common::Lpath;
use jiff::Timestamp;
use lpath::catalog::model::Catalog;
use lpath::fs::paths::Paths;
use lpath::progress::model::{Note, Progress, Record, Status};
use lpath::progress::store::Store;
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

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (
        Timestamp::MIN.as_second()..=Timestamp::MAX.as_second(),
        0..1_000_000_000i32,
    )
        .prop_filter_map("in range", |(s, n)| Timestamp::new(s, n).ok())
}

fn record() -> impl Strategy<Value = Record> {
    (
        0..4usize,
        timestamp(),
        proptest::option::of(timestamp()),
        proptest::option::of(timestamp()),
        prop::collection::vec((timestamp(), any::<String>()), 0..3),
    )
        .prop_map(|(status, changed, started, finished, notes)| Record {
            status: Status::ALL[status],
            changed,
            started,
            finished,
            notes: notes
                .into_iter()
                .map(|(at, text)| Note { at, text })
                .collect(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_as_the_progress_file_load_or_fail_cleanly_and_are_never_rewritten(
        bytes in progress_bytes(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(Paths::at(dir.path()));
        let path = store.paths().progress();
        std::fs::write(&path, &bytes).unwrap();
        match store.load() {
            Ok(_) => {}
            Err(err) => {
                prop_assert_eq!(err.code, 1);
                let shown = format!("`{}`", path.display());
                prop_assert!(err.message.contains(&shown), "{}", err.message);
                prop_assert!(err.hint.is_some());
                prop_assert!(!err.message.chars().any(char::is_control), "{:?}", err.message);
                let update = store.update("clear", |progress| {
                    progress.entries.clear();
                    Ok(())
                });
                prop_assert!(update.is_err());
                prop_assert_eq!(std::fs::read(&path).unwrap(), bytes);
            }
        }
    }

    #[test]
    fn any_text_parses_or_fails_cleanly_and_what_parses_saves_back_the_same(text in any::<String>()) {
        if let Ok(progress) = Progress::parse(&text) {
            let saved = progress.to_toml();
            prop_assert_eq!(Progress::parse(&saved), Ok(progress));
        }
    }

    #[test]
    fn any_ids_and_note_texts_save_and_load_back_exactly_and_always_to_the_same_bytes(
        entries in prop::collection::btree_map(any::<String>(), record(), 0..6),
    ) {
        let progress = Progress { entries };
        let text = progress.to_toml();
        let loaded = Progress::parse(&text);
        prop_assert_eq!(loaded.as_ref(), Ok(&progress), "{}", text);
        prop_assert_eq!(loaded.unwrap().to_toml(), text);
    }

    #[test]
    fn any_ids_typed_on_the_command_line_resolve_or_fail_cleanly(
        ids in prop::collection::vec(any::<String>(), 0..4),
    ) {
        let catalog = Catalog::bundled().unwrap();
        if let Err(err) = lpath::catalog::resolve::entries(&catalog, &ids) {
            prop_assert_eq!(err.code, 2);
            prop_assert!(!err.message.chars().any(char::is_control), "{:?}", err.message);
        }
    }

    #[test]
    fn any_note_text_on_any_entry_is_kept_word_for_word(
        index in 0..38usize,
        text in any::<String>(),
        at in timestamp(),
    ) {
        let catalog = Catalog::bundled().unwrap();
        let entry = &catalog.entries[index % catalog.len()];
        let mut progress = Progress::default();
        progress.add_note(entry, &text, at);
        let loaded = Progress::parse(&progress.to_toml()).unwrap();
        prop_assert_eq!(&loaded.record(entry).unwrap().notes[0].text, &text);
    }
}

/// Commands, flags and ids lpath knows, and near misses.
const WORDS: &[&str] = &[
    "list",
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
    "add",
    "remove",
    "catalog",
    "check",
    "path",
    "doctor",
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
        let mut cmd = lp.command(&args);
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
