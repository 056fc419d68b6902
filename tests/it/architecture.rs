//! The docs stay true to the tree: docs/ARCHITECTURE.md's module map names every file under src/,
//! every `src/...` or `tests/...` path the docs name exists, and every link between the docs lands
//! on a file and a heading that are there.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(doc: &str) -> String {
    std::fs::read_to_string(root().join(doc)).unwrap_or_else(|e| panic!("{doc}: {e}"))
}

/// Every regular file under `dir`, as a path from the crate root with `/` between components.
fn files_under(dir: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut pending = vec![root().join(dir)];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path: PathBuf = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(root()).expect("under the crate root");
                let names: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.insert(names.join("/"));
            }
        }
    }
    found
}

/// The paths starting with one of `prefixes` that `text` names: a run of path characters that
/// starts the text or follows something that cannot be part of a path (a backtick, a space, a
/// bracket), with a sentence's closing `.` or `,` taken off.
fn paths_named(text: &str, prefixes: &[&str]) -> BTreeSet<String> {
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || "_-./".contains(c);
    let mut named = BTreeSet::new();
    for prefix in prefixes {
        for (at, _) in text.match_indices(prefix) {
            if text[..at].chars().next_back().is_some_and(is_path_char) {
                continue;
            }
            let rest = &text[at..];
            let end = rest.find(|c: char| !is_path_char(c)).unwrap_or(rest.len());
            named.insert(rest[..end].trim_end_matches(['.', ',']).to_string());
        }
    }
    named
}

#[test]
fn every_file_under_src_is_in_the_module_map() {
    let named = paths_named(&read("docs/ARCHITECTURE.md"), &["src/"]);
    let missing: Vec<String> = files_under("src")
        .into_iter()
        .filter(|file| !named.contains(file))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/ARCHITECTURE.md does not name these files; add each to the module map with one line \
         on what it holds:\n  {}",
        missing.join("\n  ")
    );
}

/// The docs a reader moves between, as paths from the crate root.
const DOCS: [&str; 5] = [
    "README.md",
    "README.zh.md",
    "docs/GUIDE.md",
    "docs/ARCHITECTURE.md",
    "BENCHMARKS.md",
];

#[test]
fn every_path_the_docs_name_exists() {
    let mut gone = Vec::new();
    for doc in DOCS {
        for path in paths_named(&read(doc), &["src/", "tests/"]) {
            // `src/` alone, or a folder such as `tests/it/common/`, names a directory.
            let exists = if path.ends_with('/') {
                root().join(&path).is_dir()
            } else {
                root().join(&path).is_file()
            };
            if !exists {
                gone.push(format!("{doc}: `{path}`"));
            }
        }
    }
    assert!(
        gone.is_empty(),
        "the docs name files that do not exist; fix or remove each:\n  {}",
        gone.join("\n  ")
    );
}

#[test]
fn the_path_finder_reads_paths_as_the_docs_write_them() {
    let text =
        "`src/a.rs` and src/b/c.rs, then (src/d/) or src/e.css. Not xsrc/f.rs nor a/src/g.rs";
    let named: Vec<String> = paths_named(text, &["src/"]).into_iter().collect();
    assert_eq!(named, ["src/a.rs", "src/b/c.rs", "src/d/", "src/e.css"]);
}

/// The anchor GitHub gives a heading: lowercase, spaces as `-`, punctuation other than `-` and
/// `_` left out (`## Speed, and the catalog cache` is `#speed-and-the-catalog-cache`).
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of `text`'s headings, outside code blocks.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut in_code = false;
    let mut found = BTreeSet::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with('#') {
            found.insert(anchor(line.trim_start_matches('#')));
        }
    }
    found
}

#[test]
fn every_link_between_the_docs_lands_on_a_file_and_heading_that_exist() {
    let mut broken = Vec::new();
    for doc in DOCS {
        let text = read(doc);
        let dir = Path::new(doc).parent().unwrap_or(Path::new(""));
        for (at, _) in text.match_indices("](") {
            let rest = &text[at + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = &rest[..end];
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, heading) = target.split_once('#').unwrap_or((target, ""));
            let file = if file.is_empty() {
                root().join(doc)
            } else {
                root().join(dir).join(file)
            };
            if !file.exists() {
                broken.push(format!("{doc}: `{target}`: no such file"));
                continue;
            }
            if !heading.is_empty() {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                if !anchors(&text).contains(heading) {
                    broken.push(format!("{doc}: `{target}`: no such heading"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links in the docs lead nowhere:\n  {}",
        broken.join("\n  ")
    );
}

#[test]
fn anchors_are_made_as_github_makes_them() {
    assert_eq!(
        anchor(" Speed, and the catalog cache"),
        "speed-and-the-catalog-cache"
    );
    assert_eq!(anchor(" How `stats` counts"), "how-stats-counts");
    assert_eq!(anchor(" `lpath doctor`"), "lpath-doctor");
    assert_eq!(anchor(" 命令一览"), "命令一览");
}
