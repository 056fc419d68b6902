//! Attack 4: catalogs under the size limit built to be slow: thousands of papers sharing a
//! citation key, and a chain of prerequisites thousands deep. What lpath writes for them grows
//! linearly with their size (pinned here, in bytes); time and memory are measured in bench/ (see
//! BENCHMARKS.md), never asserted in tests.

use crate::common::Lpath;

/// `count` papers titled "Same" by the same author in the same year: one citation key base.
fn same_papers(count: usize) -> String {
    let mut text = String::from("format = 1\n\n[[track]]\nid = \"same\"\ntitle = \"Same\"\n");
    for n in 0..count {
        text.push_str(&format!(
            "\n[[entry]]\nid = \"same-{n}\"\nkind = \"paper\"\ntitle = \"Same\"\nauthors = [\"A Smith\"]\nyear = 2020\ntrack = \"same\"\nurl = \"https://example.org/{n}\"\n"
        ));
    }
    text
}

/// A chain of `depth` entries, each requiring the one before.
fn chain(depth: usize) -> String {
    let mut text = String::from("format = 1\n\n[[track]]\nid = \"deep\"\ntitle = \"Deep\"\n");
    for n in 0..depth {
        let requires = if n == 0 {
            String::new()
        } else {
            format!("requires = [\"link-{}\"]\n", n - 1)
        };
        text.push_str(&format!(
            "\n[[entry]]\nid = \"link-{n}\"\nkind = \"blog\"\ntitle = \"Link {n}\"\ntrack = \"deep\"\nurl = \"https://example.org/{n}\"\n{requires}"
        ));
    }
    text
}

#[test]
fn thousands_of_papers_sharing_a_citation_key_get_unique_keys_in_order() {
    let lp = Lpath::new();
    lp.write_catalog("same.toml", &same_papers(3_000));
    let bib = lp
        .run(&["--no-bundled", "export", "--format", "bibtex"])
        .success()
        .stdout;
    let keys: Vec<&str> = bib
        .lines()
        .filter_map(|l| l.strip_prefix("@misc{"))
        .map(|l| l.trim_end_matches(','))
        .collect();
    assert_eq!(keys.len(), 3_000);
    assert_eq!(keys[0], "smith2020samea");
    assert_eq!(keys[25], "smith2020samez");
    assert_eq!(keys[26], "smith2020sameaa");
    let unique: std::collections::HashSet<&&str> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len());
}

#[test]
fn a_chain_thousands_deep_is_drawn_with_bounded_indentation() {
    let lp = Lpath::new();
    lp.write_catalog("deep.toml", &chain(3_000));
    let tree = lp.run(&["--no-bundled", "graph"]).success().stdout;
    let lines: Vec<&str> = tree.lines().collect();
    assert_eq!(lines.len(), 3_000, "one line per entry");
    let widest = lines.iter().map(|l| l.chars().count()).max().unwrap();
    assert!(widest < 120, "a line {widest} characters wide");
    assert!(
        tree.contains("[2999] link-2999"),
        "the depth is written out"
    );
    assert!(
        lines[5].starts_with("                └── link-5"),
        "{}",
        lines[5]
    );
}

/// Bytes written for a catalog of `size` and of twice that: what grows faster than the input
/// (indentation as deep as the chain, keys as long as the count) shows as more than double.
fn doubled(make: fn(usize) -> String, size: usize, args: &[&str]) -> (usize, usize) {
    let bytes = |size: usize| {
        let lp = Lpath::new();
        lp.write_catalog("hostile.toml", &make(size));
        lp.run(args).success().stdout.len()
    };
    (bytes(size), bytes(size * 2))
}

#[test]
fn doubling_either_hostile_catalog_at_most_doubles_what_is_written() {
    for (what, make, args) in [
        (
            "chain graph",
            chain as fn(usize) -> String,
            &["--no-bundled", "graph"][..],
        ),
        (
            "same bibtex",
            same_papers,
            &["--no-bundled", "export", "--format", "bibtex"],
        ),
        ("chain list", chain, &["--no-bundled", "list"]),
    ] {
        let (once, twice) = doubled(make, 1_500, args);
        assert!(
            twice * 100 <= once * 205,
            "{what}: {once} bytes for 1,500 entries, {twice} for 3,000"
        );
    }
}
