//! The kinds of resource an entry can be: `docs`, `repo` and `data` beside the first six, each
//! read from a catalog, given to `add`, filtered on and worded in both languages (issue 25).

use crate::common::{Lpath, by_id, catalog, ids};

/// The row of `id` in a `list` table.
fn row<'a>(table: &'a str, id: &str) -> &'a str {
    table
        .lines()
        .find(|line| line.split_whitespace().nth(1) == Some(id))
        .unwrap_or_else(|| panic!("no row for {id}:\n{table}"))
}

#[test]
fn docs_repo_and_data_are_kinds_that_add_list_and_json_know_in_both_languages() {
    let lp = Lpath::new();
    for (id, kind) in [
        ("my-docs", "docs"),
        ("my-repo", "repo"),
        ("my-data", "data"),
    ] {
        lp.add(id, &["--kind", kind]).success();
        assert_eq!(lp.entry_json(id)["kind"], kind, "{id}");
    }
    let english = lp.run(&["list", "--no-bundled"]).success().stdout;
    let chinese = lp
        .run(&["list", "--no-bundled", "--lang", "zh"])
        .success()
        .stdout;
    for (id, en, zh) in [
        ("my-docs", "docs", "文档"),
        ("my-repo", "repo", "仓库"),
        ("my-data", "data", "数据"),
    ] {
        assert!(row(&english, id).contains(&format!(" {en} ")), "{english}");
        assert!(row(&chinese, id).contains(zh), "{chinese}");
    }
    let docs = ids(&lp.run(&["list", "--json", "-k", "docs"]).success().json());
    assert!(docs.contains(&"my-docs".to_string()), "{docs:?}");
    assert!(docs.contains(&"peft-library-docs".to_string()), "{docs:?}");
    assert!(!docs.contains(&"my-repo".to_string()), "{docs:?}");
    let both = ids(&lp
        .run(&["list", "--json", "--no-bundled", "-k", "repo,data"])
        .success()
        .json());
    assert_eq!(both, ["my-repo", "my-data"]);
}

#[test]
fn a_catalog_file_may_use_the_new_kinds_and_an_unknown_kind_names_them() {
    let lp = Lpath::new();
    lp.write_catalog(
        "mine.toml",
        &catalog("mine", &[("prompts", "")]).replace("kind = \"blog\"", "kind = \"data\""),
    );
    let json = lp.run(&["list", "--json", "--no-bundled"]).success().json();
    assert_eq!(by_id(&json, "prompts")["kind"], "data");

    let err = lp.run(&["list", "-k", "article"]).failure(2);
    for kind in ["docs", "repo", "data"] {
        assert!(err.stderr.contains(kind), "{}", err.stderr);
    }
    let kinds = lp.run(&["__ids", "kinds"]).success().stdout;
    let kinds: Vec<&str> = kinds.lines().collect();
    assert_eq!(
        kinds,
        [
            "paper", "blog", "code", "video", "book", "course", "docs", "repo", "data"
        ]
    );
}
