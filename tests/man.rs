//! `lpath man`: one roff manual page that names every command, and renders.

mod common;
use std::process::Command;

use common::{Lpath, have};

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
        eprintln!("groff is not installed; skipped");
        return;
    }
    let mut groff = Command::new("groff");
    groff.args(["-man", "-Tutf8", "-ww"]);
    let out = common::feed(groff, &page());
    let text = String::from_utf8_lossy(&out.stdout);
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && warnings.is_empty(), "{warnings}");
    assert!(text.contains("lpath open"), "{text}");
}
