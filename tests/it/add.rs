//! `lpath add`: a new entry in catalog.d/local.toml, validated with the whole path first.

use crate::common::{Lpath, ids};

// Textbooks Are All You Need (arXiv 2306.11644, Suriya Gunasekar et al., 2023) is not on the bundled
// path, which has Mistral 7B since its third edition; confirmed at thelatestinai.com/paper/2306.11644.
#[test]
fn add_creates_local_toml_with_a_header_and_the_local_track() {
    let lp = Lpath::new();
    let run = lp
        .run(&[
            "add",
            "phi-1",
            "--title",
            "Textbooks Are All You Need",
            "--arxiv",
            "2306.11644",
            "--author",
            "Suriya Gunasekar",
            "--author",
            "others",
            "--year",
            "2023",
            "--requires",
            "llama-2",
            "--minutes",
            "45",
            "--summary",
            "A small code model trained on textbook-quality data.",
        ])
        .success();
    assert!(
        run.stdout
            .starts_with("added `phi-1` to catalog.d/local.toml, in track `local` (new), row "),
        "{}",
        run.stdout
    );
    let text = lp.local_catalog().unwrap();
    assert!(
        text.starts_with("# My additions to the lpath reading path."),
        "{text}"
    );
    assert!(
        text.contains(
            "[[track]]\nid = \"local\"\ntitle = \"My additions\"\ntitle_zh = \"我的补充\"\n"
        ),
        "{text}"
    );

    let entry = lp.entry_json("phi-1");
    assert_eq!(entry["kind"], "paper");
    assert_eq!(entry["track"], "local");
    assert_eq!(entry["url"], "https://arxiv.org/abs/2306.11644");
    assert_eq!(entry["arxiv"], "2306.11644");
    assert_eq!(
        entry["authors"],
        serde_json::json!(["Suriya Gunasekar", "others"])
    );
    assert_eq!(entry["year"], 2023);
    assert_eq!(entry["requires"], serde_json::json!(["llama-2"]));
    assert_eq!(entry["minutes"], 45);
    assert_eq!(
        entry["summary"],
        "A small code model trained on textbook-quality data."
    );
    lp.run(&["catalog", "check"]).success();
}

#[test]
fn a_second_add_reuses_the_local_track() {
    let lp = Lpath::new();
    lp.add("one", &[]).success();
    let run = lp.add("two", &["--kind", "blog"]).success();
    assert!(!run.stdout.contains("(new)"), "{}", run.stdout);
    let text = lp.local_catalog().unwrap();
    assert_eq!(text.matches("[[track]]").count(), 1, "{text}");
    let all = ids(&lp.run(&["list", "--json"]).success().json());
    assert_eq!(&all[all.len() - 2..], ["one", "two"]);
    assert_eq!(lp.entry_json("two")["kind"], "blog");
}

#[test]
fn add_with_url_and_arxiv_keeps_the_url_and_the_arxiv_id() {
    let lp = Lpath::new();
    lp.run(&[
        "add",
        "phi-1",
        "--title",
        "Textbooks Are All You Need",
        "--url",
        "https://arxiv.org/pdf/2306.11644",
        "--arxiv",
        "arXiv:2306.11644",
    ])
    .success();
    let entry = lp.entry_json("phi-1");
    assert_eq!(entry["url"], "https://arxiv.org/pdf/2306.11644");
    assert_eq!(entry["arxiv"], "2306.11644");
}

#[test]
fn add_to_a_bundled_track_creates_no_track() {
    let lp = Lpath::new();
    lp.add("my-scaling-notes", &["--track", "scaling"])
        .success();
    assert!(!lp.local_catalog().unwrap().contains("[[track]]"));
    assert_eq!(lp.entry_json("my-scaling-notes")["track"], "scaling");
}

#[test]
fn add_round_trip_keeps_the_users_comments_and_layout() {
    let lp = Lpath::new();
    let mine = "\
# Papers Ana sent me.
format = 1   # the only format so far

[[track]]
id   = \"ana\"       # aligned, on purpose
title = \"From Ana\"

# Read this one first!
[[entry]]
id = \"ana-first\"
kind = \"blog\"
title = \"First\"
track = \"ana\"
url = \"https://example.org/first\"
";
    lp.write_catalog("local.toml", mine);
    lp.add("ana-second", &["--track", "ana", "--requires", "ana-first"])
        .success();
    let text = lp.local_catalog().unwrap();
    assert!(
        text.starts_with(mine),
        "the user's text must be kept:\n{text}"
    );
    assert_eq!(
        &text[mine.len()..],
        "\n[[entry]]\nid = \"ana-second\"\nkind = \"blog\"\ntitle = \"ana-second\"\ntrack = \"ana\"\nurl = \"https://example.org/ana-second\"\nrequires = [\"ana-first\"]\n"
    );
    assert_eq!(
        lp.entry_json("ana-second")["requires"],
        serde_json::json!(["ana-first"])
    );
}

#[test]
fn add_with_a_bad_requires_writes_nothing() {
    let lp = Lpath::new();
    let run = lp.add("mine", &["--requires", "bret"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: `requires` names `bret`, which no catalog defines; did you mean `bert`?\nhint: nothing was written; fix the value and run the command again\n"
    );
    assert!(
        !lp.config_dir().exists(),
        "not even the config dir is created"
    );

    lp.add("first", &[]).success();
    let before = lp.local_catalog().unwrap();
    lp.add("second", &["--requires", "nope"]).failure(2);
    assert_eq!(lp.local_catalog().unwrap(), before);
}

#[test]
fn add_rejects_what_validation_rejects_and_writes_nothing() {
    let ok_url = "https://example.org/";
    // (id, title, url, more flags, what the error says)
    let cases: [(&str, &str, &str, &[&str], &str); 6] = [
        (
            "Bad_Id",
            "T",
            ok_url,
            &[],
            "entry id `Bad_Id` is not kebab-case",
        ),
        (
            "x",
            "T",
            "javascript:alert(1)",
            &[],
            "is not an http(s) address",
        ),
        (
            "x",
            "T\u{1b}[2J",
            ok_url,
            &[],
            "`title` contains a control character",
        ),
        (
            "x",
            "T",
            ok_url,
            &["--track", "rl"],
            "unknown track `rl` (known: start, foundations, scaling, rlhf, alignment, frontier)",
        ),
        (
            "x",
            "T",
            ok_url,
            &["--companion-of", "nope"],
            "`companion_of` names `nope`",
        ),
        ("x", " ", ok_url, &[], "title is empty"),
    ];
    for (id, title, url, more, message) in cases {
        let lp = Lpath::new();
        let mut args = vec!["add", id, "--title", title, "--url", url, "--kind", "blog"];
        args.extend_from_slice(more);
        let run = lp.run(&args).failure(2);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains('\u{1b}'),
            "never echo an escape: {}",
            run.stderr
        );
        assert!(!lp.config_dir().exists(), "{args:?} wrote something");
    }
}

#[test]
fn add_of_an_id_already_defined_names_the_defining_file() {
    let lp = Lpath::new();
    let run = lp.add("bert", &[]).failure(2);
    assert!(
        run.stderr.starts_with(
            "lpath: error: `bert` is already defined by entry `bert` in the bundled catalog"
        ),
        "{}",
        run.stderr
    );
    let run = lp.add("transformer", &[]).failure(2);
    assert!(
        run.stderr.contains("by entry `attention-is-all-you-need`"),
        "an alias counts too: {}",
        run.stderr
    );
}

#[test]
fn add_needs_a_real_arxiv_id_and_a_link() {
    let lp = Lpath::new();
    let run = lp
        .run(&["add", "x", "--title", "T", "--arxiv", "2307.0928x"])
        .failure(2);
    assert!(
        run.stderr.contains("`2307.0928x` is not an arXiv id"),
        "{}",
        run.stderr
    );
    let run = lp.run(&["add", "x", "--title", "T"]).failure(2);
    assert!(run.stderr.contains("--url"), "{}", run.stderr);
    let run = lp.add("x", &["--kind", "podcast"]).failure(2);
    assert!(run.stderr.contains("podcast"), "{}", run.stderr);
    assert!(!lp.config_dir().exists());
}

#[test]
fn add_refuses_while_another_catalog_is_broken() {
    let lp = Lpath::new();
    lp.write_catalog("mine.toml", "format = ");
    let run = lp.add("x", &[]).failure(1);
    assert!(
        run.stderr
            .starts_with("lpath: error: catalog.d/mine.toml:1:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was changed"), "{}", run.stderr);
    assert_eq!(lp.local_catalog(), None);
}

#[test]
fn an_added_entry_is_read_like_any_other() {
    let lp = Lpath::new();
    lp.add("mine", &["--requires", "bahdanau-attention"])
        .success();
    let run = lp.run(&["done", "bahdanau-attention"]).success();
    assert!(run.stdout.contains("mine"), "unlocked: {}", run.stdout);
    lp.run(&["done", "mine"]).success();
    assert_eq!(lp.entry_json("mine")["status"], "done");
}

#[test]
fn ten_adds_started_together_all_land() {
    let lp = Lpath::new();
    let ids: Vec<String> = (0..10).map(|i| format!("paper-{i}")).collect();
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            let url = format!("https://example.org/{id}");
            lp.command(&["add", id, "--title", id, "--url", &url, "--kind", "blog"])
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let text = lp.local_catalog().unwrap();
    for id in &ids {
        assert!(
            text.contains(&format!("id = \"{id}\"")),
            "{id} was lost:\n{text}"
        );
    }
    assert_eq!(text.matches("[[track]]").count(), 1, "{text}");
    lp.run(&["catalog", "check"]).success();
}

#[test]
fn add_says_what_is_wrong_with_a_url() {
    for (url, reason) in [
        ("https://a b", "contains a space; encode spaces as %20"),
        ("https://", "has no host"),
        ("example.org/page", "is not an http(s) address"),
    ] {
        let lp = Lpath::new();
        let run = lp
            .run(&["add", "y", "--title", "T", "--url", url])
            .failure(2);
        assert!(
            run.stderr
                .starts_with(&format!("lpath: error: url `{url}` {reason}")),
            "{url}: {}",
            run.stderr
        );
        assert!(!lp.config_dir().exists());
    }
}

#[test]
fn add_names_every_problem_with_the_entry() {
    let lp = Lpath::new();
    let run = lp
        .run(&[
            "add",
            "Y Z",
            "--title",
            "T",
            "--url",
            "https://a b",
            "--minutes",
            "20000",
        ])
        .failure(2);
    let first = run.stderr.lines().next().unwrap();
    assert!(
        first.starts_with("lpath: error: 3 problems: (1) entry id `Y Z` is not kebab-case"),
        "{first}"
    );
    assert!(
        first.contains(" (2) url `https://a b` contains a space"),
        "{first}"
    );
    assert!(
        first.contains(" (3) minutes must be between 1 and 10000"),
        "{first}"
    );
    assert!(!first.contains("more problem"), "{first}");
    assert!(!lp.config_dir().exists());
}

#[test]
fn add_and_remove_keep_a_hand_written_files_byte_order_mark_and_crlf_line_ends() {
    let lp = Lpath::new();
    let mine = "\u{feff}format = 1\r\n# my own papers\r\n\r\n[[track]]\r\nid = \"local\"\r\ntitle = \"Mine\"\r\n";
    lp.write_catalog("local.toml", mine);
    lp.add("my-paper", &[]).success();
    let text = lp.local_catalog().unwrap();
    assert!(text.starts_with(mine), "{text:?}");
    assert!(text.contains("id = \"my-paper\"\r\n"), "{text:?}");
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "every line ends in CRLF: {text:?}"
    );
    lp.run(&["remove", "my-paper"]).success();
    assert_eq!(
        lp.local_catalog().unwrap(),
        mine,
        "byte for byte as written"
    );
}

#[test]
fn add_refuses_a_paper_the_path_has_by_arxiv_id_doi_or_url_naming_it_unless_forced() {
    let lp = Lpath::new();
    for (source, shown) in [
        (&["--arxiv", "2104.09864v2"][..], "arXiv 2104.09864"),
        (
            &["--doi", "https://doi.org/10.1162/NECO.1992.4.1.131"][..],
            "DOI 10.1162/neco.1992.4.1.131",
        ),
        (
            &["--url", "http://arxiv.org/abs/2104.09864/"][..],
            "arXiv 2104.09864",
        ),
    ] {
        let mut args = vec!["add", "again", "--title", "Again"];
        args.extend_from_slice(source);
        let run = lp.run(&args).failure(2);
        let named = ["`roformer`", "`fast-weight-memories`"]
            .iter()
            .any(|id| run.stderr.contains(id));
        assert!(
            named && run.stderr.contains(shown),
            "{source:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("--force"), "{}", run.stderr);
        assert_eq!(lp.local_catalog(), None, "nothing written for {source:?}");
    }
    lp.run(&[
        "add",
        "again",
        "--title",
        "RoFormer again",
        "--arxiv",
        "2104.09864",
        "--force",
    ])
    .success();
    assert_eq!(lp.entry_json("again")["arxiv"], "2104.09864");
    // An entry of one's own is a source like any other.
    lp.add("mine", &[]).success();
    lp.run(&[
        "add",
        "mine-2",
        "--title",
        "T",
        "--url",
        "https://www.example.org/mine/",
        "--kind",
        "blog",
    ])
    .failure(2)
    .stderr_has("`mine`");
}

#[test]
fn add_infers_the_kind_from_the_source_and_asks_for_it_otherwise() {
    let lp = Lpath::new();
    for (id, url, kind) in [
        ("repo", "https://github.com/someone/something", "code"),
        ("lab", "https://gitlab.com/group/project", "code"),
        ("talk", "https://www.youtube.com/watch?v=abc", "video"),
        ("short", "https://youtu.be/abc", "video"),
        (
            "bili",
            "https://www.bilibili.com/video/BV1xx411c7mD/",
            "video",
        ),
    ] {
        lp.run(&["add", id, "--title", id, "--url", url]).success();
        assert_eq!(lp.entry_json(id)["kind"], kind, "{url}");
    }
    lp.run(&["add", "by-doi", "--title", "T", "--doi", "10.1000/xyz123"])
        .success();
    assert_eq!(lp.entry_json("by-doi")["kind"], "paper");
    let post = [
        "add",
        "post",
        "--title",
        "A post",
        "--url",
        "https://example.org/post",
    ];
    lp.run(&post)
        .failure(2)
        .stderr_has("`https://example.org/post`")
        .stderr_has("--kind");
    assert!(lp.run(&["show", "post"]).code != 0);
    lp.run(&[&post[..], &["--kind", "blog"]].concat()).success();
}

#[test]
fn add_without_a_source_says_in_words_what_to_give() {
    let lp = Lpath::new();
    for lang in ["en", "zh"] {
        let run = lp
            .run(&["--lang", lang, "add", "x", "--title", "X"])
            .failure(2);
        assert!(!run.stderr.contains("<--url"), "{}", run.stderr);
        assert!(!run.stderr.contains("<U>"), "{}", run.stderr);
        let words = if lang == "en" {
            "a web address, an arXiv id or a DOI"
        } else {
            "网址、arXiv 编号或 DOI"
        };
        run.stderr_has(words).stderr_has("--url https://");
    }
}

#[test]
fn add_help_names_each_value_and_lists_the_source_first() {
    let lp = Lpath::new();
    let help = lp.run(&["add", "--help"]).success().stdout;
    for short in ["<T>", "<U>", "<Y>", "<A>", "<M>", "<S>", "<L>", "<K>"] {
        assert!(!help.contains(short), "{short} in\n{help}");
    }
    for named in [
        "--title <TITLE>",
        "--url <URL>",
        "--year <YEAR>",
        "--author <NAME>",
        "--minutes <MINUTES>",
    ] {
        assert!(help.contains(named), "{named} in\n{help}");
    }
    let order = [
        "--url",
        "--arxiv",
        "--doi",
        "--title",
        "--kind",
        "--author",
        "--year",
        "--minutes",
        "--summary",
        "--track ",
        "--requires",
        "--companion-of",
        "--offline",
        "--force",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|o| {
            help.find(&format!("      {o}"))
                .unwrap_or_else(|| panic!("{o} in\n{help}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?} in\n{help}");
    let usage = help.lines().find(|l| l.starts_with("Usage:")).unwrap();
    assert_eq!(usage, "Usage: lpath add [OPTIONS] [NEW_ID]");
}
