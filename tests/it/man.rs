//! `lpath man`: one roff manual page that names every command, and renders.

use std::process::Command;

use crate::common::{Lpath, have};

fn page() -> String {
    let run = Lpath::new().run(&["man"]).success();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

#[test]
fn man_page_is_roff_with_the_usual_sections() {
    let page = page();
    assert!(page.contains(".TH lpath 1"), "{page}");
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "ENVIRONMENT",
        "FILES",
        "\"EXIT STATUS\"",
        "EXAMPLES",
    ] {
        assert!(
            page.lines().any(|l| l == format!(".SH {section}")),
            "no {section} section"
        );
    }
}

#[test]
fn man_page_describes_every_command_and_its_options() {
    let page = page();
    for command in [
        "list",
        "done",
        "next",
        "open",
        "export",
        "import",
        "graph",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!(".SS \"lpath {command}")),
            "no heading for `{command}`"
        );
    }
    for option in [
        r"\-\-companion",
        r"\-\-format",
        r"\-\-track",
        r"\-\-lang",
        r"\-\-color",
    ] {
        assert!(page.contains(option), "no {option}");
    }
    for variable in ["LPATH_CONFIG_DIR", "LPATH_BROWSER", "NO_COLOR"] {
        assert!(page.contains(variable), "no {variable}");
    }
}

#[test]
fn man_page_renders_with_groff_when_it_is_installed() {
    if !have("groff") {
        // An extra check where the tool happens to be installed; CI does not require it.
        crate::common::say_skipped("`groff` is not installed");
        return;
    }
    let mut groff = Command::new("groff");
    groff.args(["-man", "-Tutf8", "-ww"]);
    let out = crate::common::feed(groff, &page());
    let text = String::from_utf8_lossy(&out.stdout);
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && warnings.is_empty(), "{warnings}");
    assert!(text.contains("lpath open"), "{text}");
}

#[test]
fn man_page_has_a_heading_for_each_catalog_subcommand() {
    let page = page();
    for command in ["catalog check", "catalog path", "sync init"] {
        assert!(
            page.contains(&format!(".SS \"lpath {command}")),
            "no heading for `{command}`"
        );
    }
    // A heading is one line: a command with several usages shows its first.
    for heading in page.lines().filter(|l| l.starts_with(".SS")) {
        assert!(heading.ends_with('"'), "heading cut over lines: {heading}");
    }
}

#[test]
fn man_page_names_every_variable_the_guide_documents() {
    let page = page();
    let guide = include_str!("../../docs/GUIDE.md");
    let table = &guide[guide
        .find("## Environment")
        .expect("docs/GUIDE.md has an Environment section")..];
    let table = &table[..table[3..].find("\n## ").map_or(table.len(), |end| end + 3)];
    let variables: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| l.split('|').nth(1).unwrap_or_default().split(','))
        .map(|v| v.trim().trim_matches('`'))
        .collect();
    assert!(variables.len() >= 15, "{variables:?}");
    let environment = &page[page.find(".SH ENVIRONMENT").expect("ENVIRONMENT")..];
    for variable in variables {
        assert!(
            environment.contains(variable),
            "the man page's ENVIRONMENT lacks {variable}"
        );
    }
}

#[test]
fn man_page_lists_the_files_and_examples() {
    let page = page();
    let files = &page[page.find(".SH FILES").expect("FILES")..];
    for file in [
        "progress.toml",
        "history.toml",
        "catalog.d/",
        "catalog.bin",
        "LPATH_CACHE_DIR",
    ] {
        assert!(files.contains(file), "FILES lacks {file}");
    }
    let examples = &page[page.find(".SH EXAMPLES").expect("EXAMPLES")..];
    assert!(examples.contains("lpath done attention"), "{examples}");
    assert!(examples.contains(r"lpath catalog check"), "{examples}");
}
