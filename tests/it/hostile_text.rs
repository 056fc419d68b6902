//! Attack 1: text from outside (notes, imports, catalogs) never reaches a terminal or an exported
//! file with a raw control, bidi or invisible character in it.

use crate::common::{Lpath, catalog};

/// Clears the screen, retitles the terminal, returns to the line start, a one-byte CSI, an OSC 8
/// link, a bidi override and isolate, and a zero-width space.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\rX\u{9b}31m\u{1b}]8;;https://evil\u{1b}\\ok\u{202e}txt.exe\u{2066}\u{200b}";

fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// A progress file a person (or a sync tool) wrote, with the hostile text as a note.
fn hand_edited() -> Lpath {
    let lp = Lpath::new();
    lp.write_progress(&format!(
        "format = 1\n\n[entry.bert]\nstatus = \"done\"\nchanged = \"2026-03-02T10:00:00Z\"\n\n[[entry.bert.notes]]\nat = \"2026-03-02T10:05:00Z\"\ntext = {}\n",
        toml_string(&format!("first line\n{HOSTILE}"))
    ));
    lp
}

/// The test's own table of characters that must never be printed raw: every C0 and C1 control
/// and DEL (U+009B is a one-byte CSI), the bidi marks, embeddings, overrides and isolates, and
/// the zero-width and invisible formatting characters. Kept apart from lpath's sanitiser, so a
/// hole in that one cannot blind this test.
fn hidden(c: char) -> bool {
    let code = c as u32;
    code < 0x20
        || (0x7f..=0x9f).contains(&code)
        || matches!(code, 0x00ad | 0x061c | 0x180e | 0x2028 | 0x2029 | 0xfeff)
        || (0x200b..=0x200f).contains(&code)
        || (0x202a..=0x202e).contains(&code)
        || (0x2060..=0x2069).contains(&code)
        || (0xfff9..=0xfffb).contains(&code)
        || (0xe0000..=0xe007f).contains(&code)
}

#[test]
fn the_hostile_text_is_hidden_by_the_tests_own_table() {
    let seen: Vec<char> = HOSTILE.chars().filter(|&c| hidden(c)).collect();
    assert_eq!(
        seen,
        [
            '\u{1b}', '\u{7}', '\u{1b}', '\r', '\u{9b}', '\u{1b}', '\u{1b}', '\u{202e}',
            '\u{2066}', '\u{200b}'
        ],
    );
}

#[track_caller]
fn assert_nothing_hidden(what: &str, text: &str) {
    let raw: Vec<String> = text
        .chars()
        .filter(|&c| hidden(c) && c != '\n')
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(raw.is_empty(), "{what} prints {raw:?} raw:\n{text}");
}

#[test]
fn every_export_format_and_show_escape_a_hostile_note() {
    let lp = hand_edited();
    for args in [
        &["export"][..],
        &["export", "--format", "json"],
        &["export", "--format", "bibtex"],
        &["show", "bert"],
        &["show", "bert", "--json"],
        &["note", "bert"],
        &["list", "--json"],
    ] {
        let run = lp
            .run_with(&[("LPATH_NOW", "2026-03-05T12:00:00Z")], args)
            .success();
        assert_nothing_hidden(&args.join(" "), &run.stdout);
    }
    let markdown = lp.run(&["export"]).success().stdout;
    assert!(
        markdown.contains(r"\u{1b}]0;pwned\u{7}\u{1b}[2J\u{d}X\u{9b}31m"),
        "{markdown}"
    );
    assert!(
        markdown.contains(r"ok\u{202e}txt.exe\u{2066}\u{200b}"),
        "{markdown}"
    );
}

#[test]
fn a_markdown_file_written_with_output_holds_no_raw_escape() {
    let lp = hand_edited();
    let out = lp.root().join("log.md");
    lp.run(&["export", "-o", out.to_str().unwrap()]).success();
    assert_nothing_hidden("export -o", &std::fs::read_to_string(out).unwrap());
}

#[test]
fn the_json_export_escapes_hidden_characters_and_keeps_the_text() {
    let lp = hand_edited();
    let run = lp.run(&["export", "--format", "json"]).success();
    assert!(
        run.stdout.contains(r"\u001b]0;pwned\u0007"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(r"\u009b31m"), "{}", run.stdout);
    assert!(
        run.stdout.contains(r"\u202etxt.exe\u2066\u200b"),
        "{}",
        run.stdout
    );
    let note = &run.json()["entries"]["bert"]["notes"][0]["text"];
    assert_eq!(note.as_str().unwrap(), format!("first line\n{HOSTILE}"));
}

#[test]
fn import_refuses_a_note_with_control_characters_like_note_does() {
    let lp = Lpath::new();
    let file = lp.root().join("in.json");
    let export = serde_json::json!({
        "format": 1,
        "entries": {"bert": {"status": "done", "changed": "2026-03-02T10:00:00Z",
            "notes": [{"at": "2026-03-02T10:05:00Z", "text": HOSTILE}]}}
    });
    std::fs::write(&file, export.to_string()).unwrap();
    let run = lp.run(&["import", file.to_str().unwrap()]).failure(1);
    run.stderr_has("record `bert` has a note with a control or invisible character");
    assert_nothing_hidden("import's error", &run.stderr);
    assert_eq!(lp.progress(), None, "nothing was changed");
    lp.run(&["note", "bert", "a\u{202e}b"]).failure(2);
}

#[test]
fn a_catalog_title_with_a_bidi_override_or_invisible_character_is_refused() {
    for hidden in ["\u{202e}", "\u{2066}", "\u{200b}", "\u{9b}"] {
        let lp = Lpath::new();
        lp.write_catalog(
            "mine.toml",
            &catalog(
                "mine",
                &[("evil", &format!("authors = [\"A{hidden}B\"]\n"))],
            ),
        );
        // The file is left out of the path (a broken catalog is not fatal), and `catalog check`
        // names the character.
        let run = lp.run(&["list"]).success();
        run.stderr_has("left out catalog.d/mine.toml");
        assert!(!run.stdout.contains("evil"), "{run:#?}");
        assert_nothing_hidden("list's warning", &run.stderr);
        assert_nothing_hidden("list", &run.stdout);
        let check = lp.run(&["catalog", "check"]);
        assert_eq!(check.code, 1, "{check:#?}");
        let said = format!("{}{}", check.stdout, check.stderr);
        assert!(
            said.contains("an invisible one") || said.contains("a control character"),
            "{check:#?}"
        );
        assert_nothing_hidden("catalog check", &said);
    }
}

#[test]
fn text_from_the_command_line_and_the_environment_is_escaped_in_errors() {
    let lp = Lpath::new();
    let missing = format!("/nonexistent/{HOSTILE}.json");
    let out = format!("/nonexistent/{HOSTILE}.md");
    for args in [
        &[HOSTILE][..],
        &["list", &format!("--{HOSTILE}")],
        &["list", "--status", HOSTILE],
        &["--lang", HOSTILE, "list"],
        &["--color", HOSTILE, "list"],
        &["completions", HOSTILE],
        &["done", HOSTILE],
        &["import", &missing],
        &["export", "-o", &out],
    ] {
        let run = lp.run(args);
        assert_ne!(run.code, 0, "{args:?}");
        assert_nothing_hidden(&format!("{args:?}"), &run.stderr);
    }
    let relative = format!("relative{HOSTILE}");
    let run = lp.run_with(&[("LPATH_CONFIG_DIR", &relative)], &["list"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_nothing_hidden("a relative LPATH_CONFIG_DIR", &run.stderr);
}

#[test]
fn a_file_name_is_escaped_wherever_it_is_shown() {
    let lp = Lpath::new();
    let name = HOSTILE.replace('/', "");
    // An import file, then undoing the import: both name the file.
    let file = lp.root().join(format!("evil{name}.json"));
    std::fs::write(
        &file,
        r#"{"format": 1, "entries": {"bert": {"status": "done", "changed": "2026-03-02T10:00:00Z"}}}"#,
    )
    .unwrap();
    let import = lp.run(&["import", file.to_str().unwrap()]).success();
    assert_nothing_hidden("import", &import.stdout);
    let undo = lp.run(&["undo"]).success();
    assert_nothing_hidden("undo", &undo.stdout);
    assert!(undo.stdout.contains("\\u{1b}]0;pwned"), "{}", undo.stdout);
    // A catalog file in catalog.d: `catalog path`, `catalog check` and `doctor` name it.
    lp.write_catalog(&format!("{name}.toml"), &catalog("mine", &[("mine-a", "")]));
    for args in [&["catalog", "path"][..], &["catalog", "check"], &["doctor"]] {
        let run = lp.run(args);
        assert_nothing_hidden(&format!("{args:?}"), &run.stdout);
        assert_nothing_hidden(&format!("{args:?}"), &run.stderr);
    }
}

#[test]
fn a_hand_edited_undo_history_is_escaped_by_undo() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let history = lp.history().unwrap();
    let description = toml_string(&format!("done {HOSTILE}"));
    let edited = history.replace("\"done bert\"", &description);
    assert_ne!(edited, history, "{history}");
    std::fs::write(lp.history_path(), edited).unwrap();
    let undo = lp.run(&["undo"]).success();
    assert_nothing_hidden("undo", &undo.stdout);
}
