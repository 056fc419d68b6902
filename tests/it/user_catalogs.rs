//! Your own catalogs: catalog.d and `--catalog` files extend the bundled path, in order, and a
//! broken one stops every command with its file, line and column.

use crate::common::{Lpath, catalog, entry, ids, position_of};

fn list_ids(lp: &Lpath, flags: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "--json"];
    args.extend_from_slice(flags);
    ids(&lp.run(&args).success().json())
}

#[test]
fn catalogs_are_read_bundled_then_catalog_d_by_file_name_then_catalog_flags() {
    let lp = Lpath::new();
    lp.write_catalog("b.toml", &catalog("bee", &[("from-b", "")]));
    lp.write_catalog("a.toml", &catalog("ay", &[("from-a", "")]));
    let extra = lp.root().join("extra.toml");
    std::fs::write(&extra, catalog("ex", &[("from-extra", "")])).unwrap();

    let all = list_ids(&lp, &["--catalog", extra.to_str().unwrap()]);
    let at = |id: &str| all.iter().position(|i| i == id).unwrap();
    assert_eq!(
        at("illustrated-transformer"),
        0,
        "the bundled path comes first"
    );
    assert!(at("summarize-human-feedback") < at("from-a"));
    assert!(at("from-a") < at("from-b"));
    assert!(at("from-b") < at("from-extra"));
    assert_eq!(at("from-extra"), all.len() - 1);
}

#[test]
fn no_bundled_follows_only_your_own_catalogs() {
    let lp = Lpath::new();
    lp.write_catalog("mine.toml", &catalog("mine", &[("one", ""), ("two", "")]));
    assert_eq!(list_ids(&lp, &["--no-bundled"]), ["one", "two"]);
    // The flags are global: accepted before the command too.
    let run = lp.run(&["--no-bundled", "next"]).success();
    assert!(run.stdout.contains("Title of one"), "{}", run.stdout);
    assert!(!run.stdout.contains("bahdanau"), "{}", run.stdout);
}

#[test]
fn with_nothing_on_the_path_commands_say_how_to_add_something() {
    let lp = Lpath::new();
    for args in [&["--no-bundled", "list"][..], &["--no-bundled", "next"]] {
        let run = lp.run(args).success();
        assert!(
            run.stdout.contains("nothing on your path") && run.stdout.contains("lpath add"),
            "{args:?}: {}",
            run.stdout
        );
    }
    assert_eq!(
        lp.run(&["--no-bundled", "list", "--json"]).success().stdout,
        "[]\n"
    );
    let run = lp.run(&["--no-bundled", "done", "1"]).failure(2);
    assert!(run.stderr.contains("the path is empty"), "{}", run.stderr);
}

#[test]
fn user_entries_may_require_and_accompany_bundled_entries() {
    let lp = Lpath::new();
    lp.write_catalog(
        "mine.toml",
        &catalog(
            "mine",
            &[
                ("after-bert", "requires = [\"bert\"]\n"),
                ("bert-in-pictures", "companion_of = \"bert\"\n"),
            ],
        ),
    );
    let all = list_ids(&lp, &[]);
    let at = |id: &str| all.iter().position(|i| i == id).unwrap();
    assert_eq!(
        at("bert-in-pictures"),
        at("bert") + 4,
        "under bert, after its three bundled companions"
    );

    lp.run(&["done", "bahdanau-attention", "transformer"])
        .success();
    let next = lp.run(&["next", "-n", "20"]).success().stdout;
    assert!(next.contains("bert-in-pictures"), "{next}");
    assert!(!next.contains("Title of after-bert"), "{next}");
    let run = lp.run(&["done", "bert"]).success();
    assert!(run.stdout.contains("after-bert"), "{}", run.stdout);
}

#[test]
fn an_id_defined_by_the_bundled_catalog_is_an_error_naming_both_files() {
    let lp = Lpath::new();
    let text = catalog("mine", &[("bert", "")]);
    lp.write_catalog("mine.toml", &text);
    let run = lp.run(&["catalog", "check"]).failure(1);
    let at = position_of(&text, "\"bert\"");
    assert!(
        run.stdout.starts_with(&format!(
            "catalog.d/mine.toml:{at}: `bert` is already defined by entry `bert` in the bundled catalog"
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn an_id_or_alias_defined_in_two_user_files_is_an_error_naming_both() {
    let lp = Lpath::new();
    lp.write_catalog("a.toml", &catalog("ay", &[("shared", "")]));
    let b = catalog("bee", &[("other", "aliases = [\"shared\"]\n")]);
    lp.write_catalog("b.toml", &b);
    let run = lp.run(&["catalog", "check"]).failure(1);
    let at = position_of(&b, "\"shared\"");
    assert!(
        run.stdout.starts_with(&format!(
            "catalog.d/b.toml:{at}: `shared` is already defined by entry `shared` in catalog.d/a.toml"
        )),
        "{}",
        run.stdout
    );
    // A track too: nothing is silently replaced.
    lp.write_catalog("b.toml", &catalog("ay", &[("other", "")]));
    let run = lp.run(&["catalog", "check"]).failure(1);
    assert!(
        run.stdout
            .contains("track `ay` is already defined in catalog.d/a.toml"),
        "{}",
        run.stdout
    );
}

#[test]
fn each_kind_of_mistake_is_reported_at_its_value_with_what_to_change() {
    let bad_track = entry("x", "rl", "");
    let cases: Vec<(String, &str, &str)> = vec![
        (
            bad_track.clone(),
            "\"rl\"",
            "unknown track `rl` (known: start, foundations, scaling, rlhf, alignment, frontier, mine)",
        ),
        (
            entry("x", "mine", "requires = [\"bret\"]\n"),
            "\"bret\"",
            "`requires` names `bret`, which no catalog defines; did you mean `bert`?",
        ),
        (
            entry("x", "mine", "companion_of = \"nope-nope\"\n"),
            "\"nope-nope\"",
            "`companion_of` names `nope-nope`",
        ),
        (
            entry("Not_Kebab", "mine", ""),
            "\"Not_Kebab\"",
            "entry id `Not_Kebab` is not kebab-case",
        ),
        (
            entry("x", "mine", "year = 23\n"),
            "23",
            "year must have four digits",
        ),
        (
            entry("x", "mine", "arxiv = \"17.06\"\n"),
            "\"17.06\"",
            "arxiv `17.06` is not an arXiv id; write it like `1706.03762`",
        ),
        (
            entry("x", "mine", "colour = \"red\"\n"),
            "colour",
            "unknown key `colour` in a [[entry]]; remove it",
        ),
        (
            entry("x", "mine", "").replace("\"blog\"", "\"podcast\""),
            "\"podcast\"",
            "unknown kind `podcast`; use one of paper, blog, code, video, book, course",
        ),
        (
            entry("x", "mine", "title = \"again\"\n"),
            "title = \"again\"",
            "duplicate key",
        ),
    ];
    for (body, value, message) in cases {
        let lp = Lpath::new();
        let text = format!("{}{body}", catalog("mine", &[]));
        lp.write_catalog("mine.toml", &text);
        let run = lp.run(&["catalog", "check"]).failure(1);
        let expected = format!(
            "catalog.d/mine.toml:{}: {message}",
            position_of(&text, value)
        );
        assert!(
            run.stdout.starts_with(&expected),
            "expected\n{expected}\ngot\n{}",
            run.stdout
        );
    }
}

#[test]
fn a_cycle_is_reported_at_the_requires_value_that_closes_it() {
    let lp = Lpath::new();
    let text = catalog(
        "mine",
        &[
            ("a", "requires = [\"c\"]\n"),
            ("b", "requires = [\"a\"]\n"),
            ("c", "requires = [\"b\"]\n"),
        ],
    );
    lp.write_catalog("mine.toml", &text);
    let run = lp.run(&["catalog", "check"]).failure(1);
    // The path a → c → b → a closes at b's `requires = ["a"]`.
    let at = position_of(&text, "\"a\"]");
    assert!(
        run.stdout.starts_with(&format!(
            "catalog.d/mine.toml:{at}: `requires` forms a cycle: a → c → b → a"
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn a_catalog_flag_file_is_named_as_given_and_a_missing_one_is_a_usage_error() {
    let lp = Lpath::new();
    let path = lp.root().join("shared.toml");
    std::fs::write(&path, catalog("rl", &[("x", "minutes = 0\n")])).unwrap();
    let given = path.to_str().unwrap();
    let run = lp.run(&["list", "--catalog", given]).success();
    assert_eq!(
        run.stderr,
        format!(
            "lpath: warning: left out {given}, which has 1 problem; `lpath catalog check` shows it\n"
        )
    );
    let run = lp.run(&["catalog", "check", given]).failure(1);
    assert!(
        run.stdout.starts_with(&format!("{given}:")),
        "{}",
        run.stdout
    );

    let run = lp.run(&["list", "--catalog", "no-such.toml"]).failure(2);
    assert!(
        run.stderr
            .contains("catalog file `no-such.toml` does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn hidden_and_non_toml_files_in_catalog_d_are_not_read() {
    let lp = Lpath::new();
    // Valid catalogs under names that are not read: read, they would add their entries.
    lp.write_catalog(".mine.toml", &catalog("hidden", &[("from-hidden", "")]));
    lp.write_catalog("mine.toml.bak", &catalog("backup", &[("from-backup", "")]));
    lp.write_catalog("README.md", &catalog("readme", &[("from-readme", "")]));
    lp.write_catalog(".broken.toml", "this is not toml");
    let run = lp.run(&["list", "--json"]).success();
    assert_eq!(run.stderr, "", "no file was read, so none was left out");
    let ids = list_ids(&lp, &[]);
    for id in ["from-hidden", "from-backup", "from-readme"] {
        assert!(!ids.iter().any(|i| i == id), "`{id}` was read: {ids:?}");
    }
    let path = lp.run(&["catalog", "path"]).success();
    assert_eq!(
        path.stdout,
        format!(
            "bundled\ncatalog.d: {} (exists)\n",
            lp.catalog_dir().display()
        )
    );
    lp.run(&["catalog", "check"]).success();
}

#[test]
fn catalog_path_lists_where_catalogs_are_read_from_in_order() {
    let lp = Lpath::new();
    let run = lp.run(&["catalog", "path"]).success();
    let dir = lp.catalog_dir();
    assert_eq!(
        run.stdout,
        format!("bundled\ncatalog.d: {} (missing)\n", dir.display())
    );

    lp.write_catalog("b.toml", &catalog("bee", &[]));
    lp.write_catalog("a.toml", &catalog("ay", &[]));
    let run = lp
        .run(&["catalog", "path", "--catalog", "extra.toml", "--no-bundled"])
        .success();
    assert_eq!(
        run.stdout,
        format!(
            "{a} (exists)\n{b} (exists)\nextra.toml (missing)\ncatalog.d: {dir} (exists)\n",
            a = dir.join("a.toml").display(),
            b = dir.join("b.toml").display(),
            dir = dir.display()
        )
    );
}

#[test]
fn catalog_path_works_while_a_catalog_is_broken() {
    let lp = Lpath::new();
    let mine = lp.write_catalog("mine.toml", "format = ");
    let run = lp.run(&["catalog", "path"]).success();
    assert_eq!(
        run.stdout,
        format!(
            "bundled\n{} (exists)\ncatalog.d: {} (exists)\n",
            mine.display(),
            lp.catalog_dir().display()
        )
    );
}

#[test]
fn the_guide_example_user_catalog_is_valid_and_extends_the_path() {
    let guide = include_str!("../../docs/GUIDE.md");
    let start = guide
        .find("# catalog.d/open-models.toml")
        .expect("the guide's example user catalog");
    let end = start + guide[start..].find("```").unwrap();
    let lp = Lpath::new();
    lp.write_catalog("open-models.toml", &guide[start..end]);
    lp.run(&["catalog", "check"]).success();

    let all = list_ids(&lp, &[]);
    let at = |id: &str| all.iter().position(|i| i == id).unwrap();
    assert_eq!(
        at("llama-2-reference-code"),
        at("llama-2") + 3,
        "under the bundled entry it explains, after its two bundled companions"
    );
    assert_eq!(
        at("phi-1-5"),
        at("mamba-code") + 1,
        "at the end of the frontier track, after its last bundled entry"
    );
    let frontier = list_ids(&lp, &["--track", "frontier"]);
    assert_eq!(frontier.last().map(String::as_str), Some("phi-1-5"));
    assert!(at("phi-1") > at("phi-1-5"), "a new track comes last");
}

#[test]
fn a_directory_given_as_a_catalog_is_named_as_a_directory() {
    let lp = Lpath::new();
    let dir = lp.root().to_str().unwrap().to_string();
    for args in [
        vec!["--catalog", dir.as_str(), "list"],
        vec!["catalog", "check", dir.as_str()],
    ] {
        let run = lp.run(&args).failure(2);
        assert!(
            run.stderr.starts_with(&format!(
                "lpath: error: catalog file `{dir}` is a directory\n"
            )),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("catalog check"), "{}", run.stderr);
    }
}

#[cfg(unix)]
#[test]
fn a_catalog_file_whose_name_is_not_utf8_is_read_and_named_with_a_replacement_character() {
    use std::os::unix::ffi::OsStrExt;
    let lp = Lpath::new();
    std::fs::create_dir_all(lp.catalog_dir()).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.toml");
    std::fs::write(
        lp.catalog_dir().join(name),
        crate::common::catalog("mine", &[("latin-named", "")]),
    )
    .unwrap();
    lp.run(&["show", "latin-named"]).success();
    let path = lp.run(&["catalog", "path"]).success();
    path.stdout_has("catalog.d/caf\u{fffd}.toml");
}
