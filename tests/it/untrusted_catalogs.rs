//! A catalog from someone else is untrusted input: only web links, no terminal escapes, no file
//! too big to read, no value deep or huge enough to bring lpath down.

use crate::common::{Lpath, catalog, entry, position_of};

#[test]
fn only_http_and_https_links_are_accepted() {
    for url in [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "file:///etc/passwd",
        "data:text/html;base64,PHNjcmlwdD4=",
        "ftp://example.org/paper.pdf",
        "https:example.org",
        "//example.org/paper",
    ] {
        let lp = Lpath::new();
        let text = catalog("mine", &[("x", "")]).replace("https://example.org/x", url);
        lp.write_catalog("mine.toml", &text);
        let run = lp.run(&["catalog", "check"]).failure(1);
        let expected = format!(
            "catalog.d/mine.toml:{}: url `{url}` is not an http(s) address",
            position_of(&text, &format!("\"{url}\""))
        );
        assert!(run.stdout.starts_with(&expected), "{url}: {}", run.stdout);
    }
    let lp = Lpath::new();
    lp.write_catalog(
        "mine.toml",
        &catalog("mine", &[("x", "")]).replace("https://example.org/x", "http://example.org/x"),
    );
    let run = lp.run(&["list", "--json"]).success();
    assert_eq!(run.stderr, "", "the file is not left out");
    assert_eq!(lp.entry_json("x")["url"], "http://example.org/x");
    lp.run(&["catalog", "check"])
        .success()
        .stdout_has("catalog.d/mine.toml: ok");
}

#[test]
fn terminal_escapes_are_rejected_and_never_echoed() {
    let lp = Lpath::new();
    let text = format!(
        "{}{}{}",
        catalog(
            "mine",
            &[
                (
                    "a",
                    "label = \"blog\\u001b]8;;https://evil.example\\u0007\"\n"
                ),
                ("b", "summary = \"fine\\u001b[2Jcleared\"\n"),
            ]
        )
        .replace("Title of a", "Title \\u001b[31mred"),
        entry("c\\u001b[1m", "mine", ""),
        "[[track]]\nid = \"t\"\ntitle = \"\\u009b31m\"\n",
    );
    lp.write_catalog("mine.toml", &text);
    // A key that is a terminal escape, in a file of its own.
    lp.write_catalog(
        "other.toml",
        &catalog("other", &[("d", "\"\\u001b[5mkey\" = 1\n")]),
    );
    let run = lp.run(&["catalog", "check"]).failure(1);
    for expected in [
        "`title` contains a control character",
        "`label` contains a control character",
        "`summary` contains a control character",
        "entry id `c\\u{1b}[1m` is not kebab-case",
        "unknown key `\\u{1b}[5mkey`",
    ] {
        assert!(run.stdout.contains(expected), "{expected}: {}", run.stdout);
    }
    // Entries a and c (whose id is in its title), and the track's title with a C1 control (CSI).
    assert_eq!(
        run.stdout
            .matches("`title` contains a control character")
            .count(),
        3,
        "{}",
        run.stdout
    );
    for output in [&run.stdout, &run.stderr] {
        assert!(
            !output.chars().any(|c| c.is_control() && c != '\n'),
            "a control character reached the terminal: {output:?}"
        );
    }
}

#[test]
fn an_escape_in_a_file_name_is_not_echoed_either() {
    let lp = Lpath::new();
    lp.write_catalog("evil\u{1b}[2J.toml", "format = ");
    let run = lp.run(&["list"]).success();
    run.stderr_has("lpath: warning: left out catalog.d/evil\\u{1b}[2J.toml, which has 1 problem");
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    let run = lp.run(&["catalog", "check"]).failure(1);
    run.stdout_has("catalog.d/evil\\u{1b}[2J.toml:1:");
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
}

#[test]
fn a_file_over_16_mib_is_refused_before_it_is_read() {
    let lp = Lpath::new();
    let path = lp.write_catalog("huge.toml", "");
    // Sparse: 16 MiB + 1 byte of size, no bytes on disk; reading it whole would also fail to parse.
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(16 * 1024 * 1024 + 1)
        .unwrap();
    let run = lp.run(&["list"]).success();
    assert_eq!(
        run.stderr,
        "lpath: warning: left out catalog.d/huge.toml, which has 1 problem; `lpath catalog check` shows it\n"
    );
    let run = lp.run(&["catalog", "check"]).failure(1);
    assert!(
        run.stdout.contains("catalog.d/huge.toml: refused"),
        "{}",
        run.stdout
    );

    let given = lp.root().join("shared.toml");
    std::fs::rename(&path, &given).unwrap();
    let run = lp
        .run(&["list", "--catalog", given.to_str().unwrap()])
        .success();
    run.stderr_has("lpath: warning: left out ");
    let run = lp
        .run(&["catalog", "check", given.to_str().unwrap()])
        .failure(1);
    run.stdout_has("refused: it is 16777217 bytes, over the 16 MiB limit");
}

#[test]
fn deeply_nested_arrays_and_tables_are_a_clean_error() {
    let depth = 100_000;
    let arrays = format!("{}\"bert\"{}", "[".repeat(depth), "]".repeat(depth));
    let tables = format!("{}1{}", "{ a = ".repeat(depth), " }".repeat(depth));
    for (what, value) in [("arrays", arrays), ("inline tables", tables)] {
        let lp = Lpath::new();
        let text = catalog("mine", &[("x", &format!("requires = {value}\n"))]);
        lp.write_catalog("mine.toml", &text);
        let run = lp.run(&["catalog", "check"]).failure(1);
        assert!(
            run.stdout.starts_with("catalog.d/mine.toml:"),
            "{what}: {}",
            &run.stdout[..run.stdout.len().min(300)]
        );
        assert!(run.stdout.contains("recursion"), "{what}: {}", run.stdout);
        assert!(
            run.stdout.lines().count() < 10,
            "{what}: one problem, not one per level"
        );
    }
}

#[test]
fn a_huge_string_within_the_limit_is_read_cleanly() {
    let lp = Lpath::new();
    let summary = "many words ".repeat(1_000_000); // 11 MB
    let text = catalog(
        "mine",
        &[("long-read", &format!("summary = \"{summary}\"\n"))],
    );
    lp.write_catalog("mine.toml", &text);
    let run = lp.run(&["catalog", "check"]).success();
    assert!(
        run.stdout.contains("catalog.d/mine.toml: ok"),
        "{}",
        run.stdout
    );
    let list = lp.run(&["list", "--json"]).success();
    assert_eq!(list.stderr, "", "the file is read, not left out");
    let entry = crate::common::by_id(&list.json(), "long-read").clone();
    assert_eq!(entry["summary"].as_str().map(str::len), Some(summary.len()));
}

#[test]
fn a_file_that_is_not_utf8_is_a_clear_error_with_its_position() {
    let lp = Lpath::new();
    std::fs::create_dir_all(lp.catalog_dir()).unwrap();
    std::fs::write(
        lp.catalog_dir().join("latin1.toml"),
        b"format = 1\n\n[[track]]\nid = \"t\"\ntitle = \"Caf\xe9\"\n",
    )
    .unwrap();
    let run = lp.run(&["catalog", "check"]).failure(1);
    assert!(
        run.stdout
            .starts_with("catalog.d/latin1.toml:5:13: not UTF-8 text here; save the file as UTF-8"),
        "{}",
        run.stdout
    );
    lp.run(&["next"])
        .success()
        .stderr_has("left out catalog.d/latin1.toml");
}
