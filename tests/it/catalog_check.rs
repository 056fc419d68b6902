//! `lpath catalog check`: every problem in every catalog at once, nothing changed, exit 0 or 1.

use crate::common::{Lpath, catalog, position_of};

#[test]
fn check_reports_every_problem_in_every_file_then_a_summary() {
    let lp = Lpath::new();
    let mine = catalog(
        "mine",
        &[
            ("a", "minutes = 0\n"),
            ("b", "requires = [\"bret\"]\n"),
            ("c", "year = 23\n"),
        ],
    )
    .replace(
        "track = \"mine\"\nurl = \"https://example.org/c\"",
        "track = \"rl\"\nurl = \"https://example.org/c\"",
    );
    lp.write_catalog("mine.toml", &mine);
    let other = catalog("other", &[("a", "")]);
    lp.write_catalog("other.toml", &other);

    let run = lp.run(&["catalog", "check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let at = |text: &str, needle: &str| position_of(text, needle);
    let expected = [
        format!(
            "catalog.d/mine.toml:{}: minutes must be between 1 and 10000",
            at(&mine, "0\n")
        ),
        format!(
            "catalog.d/mine.toml:{}: `requires` names `bret`",
            at(&mine, "\"bret\"")
        ),
        format!(
            "catalog.d/mine.toml:{}: unknown track `rl`",
            at(&mine, "\"rl\"")
        ),
        format!(
            "catalog.d/mine.toml:{}: year must have four digits",
            at(&mine, "23")
        ),
        format!(
            "catalog.d/other.toml:{}: `a` is already defined by entry `a` in catalog.d/mine.toml",
            at(&other, "\"a\"")
        ),
    ];
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{}", run.stdout);
    for (line, expected) in lines.iter().zip(&expected) {
        assert!(
            line.starts_with(expected.as_str()),
            "expected {expected}\ngot {line}"
        );
    }
    assert_eq!(
        run.stderr,
        "lpath: error: 5 problems in 2 files; nothing was changed\nhint: fix each one at its file:line:column, then run `lpath catalog check` again\n"
    );
}

#[test]
fn check_passes_with_exit_0_and_says_what_it_read() {
    let lp = Lpath::new();
    lp.write_catalog(
        "mine.toml",
        &catalog("mine", &[("mine", "requires = [\"bert\"]\n")]),
    );
    let run = lp.run(&["catalog", "check"]).success();
    assert!(
        run.stdout.contains("the bundled catalog: ok"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("catalog.d/mine.toml: ok"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("2 catalog files, 7 tracks"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("entries: no problems\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_given_files_checks_those_with_the_bundled_catalog_only() {
    let lp = Lpath::new();
    lp.write_catalog("broken.toml", "format = ");
    let good = lp.root().join("good.toml");
    std::fs::write(
        &good,
        catalog("mine", &[("mine", "requires = [\"bert\"]\n")]),
    )
    .unwrap();
    let given = good.to_str().unwrap();

    let run = lp.run(&["catalog", "check", given]).success();
    assert!(
        run.stdout.contains(&format!("{given}: ok")),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("broken"), "{}", run.stdout);

    // Without the bundled path, `bert` is unknown.
    let run = lp
        .run(&["catalog", "check", "--no-bundled", given])
        .failure(1);
    assert!(
        run.stdout.contains("`requires` names `bert`"),
        "{}",
        run.stdout
    );

    // With no files given, every catalog in use is checked, the broken one too.
    let run = lp.run(&["catalog", "check"]).failure(1);
    assert!(
        run.stdout.starts_with("catalog.d/broken.toml:1:"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_changes_nothing() {
    let lp = Lpath::new();
    let text = catalog("mine", &[("a", "minutes = 0\n")]);
    lp.write_catalog("mine.toml", &text);
    lp.run(&["catalog", "check"]).failure(1);
    assert_eq!(lp.files(), ["catalog.d"]);
    assert_eq!(
        std::fs::read_to_string(lp.catalog_dir().join("mine.toml")).unwrap(),
        text
    );
    let fresh = Lpath::new();
    fresh.run(&["catalog", "check"]).success();
    assert!(!fresh.config_dir().exists());
}

#[test]
fn check_reports_an_unreadable_file_along_with_the_other_problems() {
    let lp = Lpath::new();
    std::fs::create_dir_all(lp.catalog_dir()).unwrap();
    std::fs::write(
        lp.catalog_dir().join("latin1.toml"),
        b"format = 1\n# caf\xe9\n",
    )
    .unwrap();
    lp.write_catalog("mine.toml", &catalog("mine", &[("a", "minutes = 0\n")]));
    let run = lp.run(&["catalog", "check"]).failure(1);
    assert!(
        run.stdout
            .contains("catalog.d/latin1.toml:2:6: not UTF-8 text here; save the file as UTF-8"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("minutes must be between 1 and 10000"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("2 problems in 2 files"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_of_a_file_that_does_not_exist_is_a_usage_error() {
    let lp = Lpath::new();
    let run = lp.run(&["catalog", "check", "nope.toml"]).failure(2);
    assert!(
        run.stderr.contains("`nope.toml` does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn catalog_without_a_subcommand_is_a_usage_error() {
    let run = Lpath::new().run(&["catalog"]).failure(2);
    assert!(
        run.stderr.contains("`lpath catalog` requires a subcommand"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_alias_that_repeats_the_entry_s_own_id_or_another_alias_is_a_problem_not_a_crash() {
    let lp = Lpath::new();
    let mine = catalog(
        "mine",
        &[
            ("a", "aliases = [\"a\"]\n"),
            ("b", "aliases = [\"old-b\", \"old-b\"]\n"),
        ],
    );
    lp.write_catalog("mine.toml", &mine);
    let run = lp.run(&["catalog", "check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    run.stdout_has(&format!(
        "catalog.d/mine.toml:{}: `a` is already this entry's id or one of its aliases",
        position_of(&mine, "\"a\"]")
    ));
    run.stdout_has(&format!(
        "catalog.d/mine.toml:{}: `old-b` is already this entry's id or one of its aliases",
        position_of(&mine, "\"old-b\"]")
    ));
    // Every other command goes on without the file, as for any problem in it.
    lp.run(&["done", "bert"])
        .success()
        .stderr_has("catalog.d/mine.toml");
}

#[test]
fn a_catalog_saved_with_crlf_line_ends_reads_its_multi_line_summary_with_new_lines() {
    let lp = Lpath::new();
    let mine =
        catalog("mine", &[("mine-a", "summary = \"\"\"one\ntwo\"\"\"\n")]).replace('\n', "\r\n");
    lp.write_catalog("mine.toml", &mine);
    lp.run(&["catalog", "check"])
        .success()
        .stdout_has("catalog.d/mine.toml: ok");
    let entry = lp.entry_json("mine-a");
    assert_eq!(entry["summary"], "one\ntwo");
}

#[test]
fn check_reports_an_entry_with_the_arxiv_id_or_url_of_another() {
    let lp = Lpath::new();
    let mine = catalog(
        "mine",
        &[("again", "arxiv = \"2104.09864\"\n"), ("b", ""), ("c", "")],
    )
    .replace("https://example.org/c", "https://example.org/b/");
    lp.write_catalog("mine.toml", &mine);
    let run = lp.run(&["catalog", "check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let again = format!(
        "catalog.d/mine.toml:{}: entry `again` has arXiv 2104.09864, as entry `roformer` in the bundled catalog has",
        position_of(&mine, "id = \"again\"")
    );
    let c = format!(
        "catalog.d/mine.toml:{}: entry `c` has https://example.org/b, as entry `b` in catalog.d/mine.toml has",
        position_of(&mine, "id = \"c\"")
    );
    for line in [again, c] {
        assert!(run.stdout.contains(&line), "{line}\n{}", run.stdout);
    }
    run.stderr_has("2 problems");
}

#[test]
fn check_lets_companions_of_different_papers_share_a_page() {
    let lp = Lpath::new();
    let mine = catalog(
        "mine",
        &[
            ("p1", ""),
            ("p2", ""),
            ("v1", "companion_of = \"p1\"\n"),
            ("v2", "companion_of = \"p2\"\n"),
        ],
    )
    .replace("https://example.org/v2", "https://example.org/v1");
    lp.write_catalog("mine.toml", &mine);
    lp.run(&["catalog", "check"]).success();
}
