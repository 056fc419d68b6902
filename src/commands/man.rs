//! `lpath man`: one manual page, in roff, made from the same definitions as `--help`.

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::error::{Error, Result};

/// What `--help` cannot say: the environment, the files, the exit codes. The same facts as the
/// README's Environment table, which tests/man.rs holds it to.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "LPATH_CONFIG_DIR",
        "The config dir, an absolute path; otherwise the platform config dir (see FILES).",
    ),
    (
        "XDG_CONFIG_HOME",
        "On Linux, the config dir is $XDG_CONFIG_HOME/lpath when LPATH_CONFIG_DIR is unset.",
    ),
    (
        "LPATH_CACHE_DIR",
        "The catalog cache's dir, an absolute path; otherwise the platform cache dir. Never the config dir.",
    ),
    (
        "XDG_CACHE_HOME",
        "On Linux, the cache dir is $XDG_CACHE_HOME/lpath when LPATH_CACHE_DIR is unset.",
    ),
    (
        "LPATH_BROWSER",
        "The browser `lpath open` runs with the URL; `none` opens nothing (for tests and machines without a display).",
    ),
    (
        "LPATH_NOW",
        "An RFC 3339 timestamp that replaces the clock, for tests and reproducible examples.",
    ),
    (
        "TZ",
        "The time zone dates are shown in, and `--on` dates are read in.",
    ),
    (
        "COLUMNS",
        "A positive number: the width tables and wrapped lines fit, instead of the terminal's (in a pipe too).",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour unless `--color always`.",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "The first one set chooses the language: `zh...` means Chinese.",
    ),
    (
        "LC_ALL, LC_CTYPE, LANG",
        "When the first one set names UTF-8, tables, headings, bars and trees are drawn with Unicode box and block characters; otherwise with ASCII.",
    ),
    (
        "LPATH_ARXIV_API",
        "Where `add --arxiv` asks arXiv (default https://export.arxiv.org/api/query).",
    ),
    (
        "LPATH_DOI_RESOLVER",
        "Where `add --doi` resolves DOIs (default https://doi.org).",
    ),
    (
        "LPATH_HTTP_TIMEOUT",
        "Seconds `add --arxiv/--doi` waits for an answer (default 10; fractions allowed).",
    ),
    (
        "HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY",
        "The proxy `add --arxiv/--doi` goes through.",
    ),
];

/// The files lpath reads and writes; the config dir is the one ENVIRONMENT describes.
const FILES: &[(&str, &str)] = &[
    (
        "CONFIG/progress.toml",
        "Your progress, one record per entry, safe to keep in git. CONFIG is $LPATH_CONFIG_DIR, else $XDG_CONFIG_HOME/lpath or ~/.config/lpath on Linux, ~/Library/Application Support/lpath on macOS, %APPDATA%\\lpath\\config on Windows.",
    ),
    (
        "CONFIG/progress.lock",
        "Taken while a command changes progress.toml or history.toml.",
    ),
    (
        "CONFIG/history.toml",
        "The undo journal: what `lpath undo` reverts and `lpath log` lists, the latest 200 changes.",
    ),
    (
        "CONFIG/config.toml",
        "Your settings, written by you and only read by lpath: `prefer = \"zh\"` has `next` (and `open --companion`) offer Chinese companions first.",
    ),
    (
        "CONFIG/catalog.d/",
        "Your own catalog files (*.toml), read after the bundled catalog in name order; `lpath add` writes catalog.d/local.toml.",
    ),
    (
        "CACHE/catalog.bin",
        "The catalog cache, only a shortcut: rebuilt when a catalog file changes, safe to delete. CACHE is $LPATH_CACHE_DIR, else $XDG_CACHE_HOME/lpath or ~/.cache/lpath on Linux, ~/Library/Caches/lpath on macOS, %LOCALAPPDATA%\\lpath\\cache on Windows.",
    ),
];

/// A few sessions, as the README shows them.
const EXAMPLES: &[(&str, &str)] = &[
    ("lpath", "What to read next (the same as `lpath next`)."),
    (
        "lpath done attention-is-all-you-need",
        "Mark an entry read, and see what became ready.",
    ),
    (
        "lpath list -s done,reading",
        "What you have read and are reading.",
    ),
    (
        "lpath export --format bibtex --status done -o read.bib",
        "What you read, as a bibliography.",
    ),
    (
        "lpath catalog check",
        "Check your catalog files, each problem at its file:line:column.",
    ),
    (
        "lpath undo",
        "Revert the latest change; `lpath log` shows what that is.",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Success, including \"already done\" and \"nothing to import\".",
    ),
    (
        "1",
        "Something went wrong that is not the caller's fault: an unreadable file, an I/O error.",
    ),
    ("2", "Usage: bad arguments, an unknown or ambiguous id."),
];

pub fn run() -> Result<String> {
    let mut command = crate::cli::help::command();
    command.build();
    let globals: Vec<String> = command
        .get_arguments()
        .filter(|arg| arg.is_global_set())
        .map(|arg| arg.get_id().to_string())
        .collect();
    let man = Man::new(command.clone());
    let mut out = Vec::new();
    let rendered = (|| {
        man.render_title(&mut out)?;
        man.render_name_section(&mut out)?;
        man.render_synopsis_section(&mut out)?;
        man.render_description_section(&mut out)?;
        man.render_options_section(&mut out)?;
        out.extend_from_slice(Roff::new().control("SH", ["COMMANDS"]).to_roff().as_bytes());
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            render_command(&mut out, sub, &globals)?;
            // `catalog check` and `catalog path` get headings of their own, like the others.
            for nested in sub.get_subcommands().filter(|s| s.get_name() != "help") {
                render_command(&mut out, nested, &globals)?;
            }
        }
        out.extend_from_slice(table("ENVIRONMENT", ENVIRONMENT).as_bytes());
        out.extend_from_slice(table("FILES", FILES).as_bytes());
        out.extend_from_slice(table("EXIT STATUS", EXIT_STATUS).as_bytes());
        out.extend_from_slice(table("EXAMPLES", EXAMPLES).as_bytes());
        man.render_version_section(&mut out)
    })();
    rendered.map_err(|err| {
        Error::failure(t!(
            "man.cannot_render",
            why = crate::error::describe_io(&err)
        ))
        .with_hint(t!("hints.bug"))
    })?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// One command's heading (its usage), what it does, and its own options.
fn render_command(
    out: &mut Vec<u8>,
    sub: &clap::Command,
    globals: &[String],
) -> std::io::Result<()> {
    let mut sub = sub.clone();
    let usage = sub.render_usage().to_string();
    // A command with subcommands has a usage line for each way; its subcommands get their own
    // headings, so the first line is enough (and a heading is one line).
    let usage = usage.trim().trim_start_matches("Usage: ");
    let usage = usage.lines().next().unwrap_or_default().trim().to_string();
    let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
    out.extend_from_slice(
        Roff::new()
            .control("SS", [usage.as_str()])
            .text([roman(about)])
            .to_roff()
            .as_bytes(),
    );
    // The global options are described once, at the top.
    for id in globals.iter().map(String::as_str).chain(["help"]) {
        if sub.get_arguments().any(|arg| arg.get_id() == id) {
            sub = sub.mut_arg(id, |arg| arg.hide(true));
        }
    }
    let mut options = Vec::new();
    Man::new(sub).render_options_section(&mut options)?;
    let options = String::from_utf8_lossy(&options);
    // Drop its `.SH OPTIONS`: these options belong under the command's heading.
    out.extend(
        options
            .lines()
            .filter(|line| !line.starts_with(".SH"))
            .flat_map(|line| line.bytes().chain([b'\n'])),
    );
    Ok(())
}

fn table(heading: &str, rows: &[(&str, &str)]) -> String {
    let mut roff = Roff::new();
    roff.control("SH", [heading]);
    for (name, text) in rows {
        roff.control("TP", [])
            .text([bold(*name)])
            .text([roman(*text)]);
    }
    roff.to_roff()
}
