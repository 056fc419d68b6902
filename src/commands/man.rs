//! `lpath man`: one manual page, in roff, made from the same definitions as `--help`.

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::error::{Error, Result};

/// What `--help` cannot say: the environment, the files, the exit codes.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "LPATH_CONFIG_DIR",
        "The config dir, an absolute path; otherwise the platform config dir.",
    ),
    (
        "LPATH_BROWSER",
        "The browser `lpath open` runs with the URL; `none` opens nothing (for tests and machines without a display).",
    ),
    (
        "LPATH_NOW",
        "An RFC 3339 timestamp that replaces the clock.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour unless `--color always`.",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "The first one set chooses the language: `zh...` means Chinese.",
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
    let mut command = crate::help::command();
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
            let mut sub = sub.clone();
            let usage = sub.render_usage().to_string();
            let usage = usage.trim().trim_start_matches("Usage: ").to_string();
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
        }
        out.extend_from_slice(table("ENVIRONMENT", ENVIRONMENT).as_bytes());
        out.extend_from_slice(
            Roff::new()
                .control("SH", ["FILES"])
                .text([
                    bold("progress.toml"),
                    roman(" in the config dir: your progress, one record per entry, safe to keep in git. "),
                    bold("progress.lock"),
                    roman(" beside it is taken while a command changes it."),
                ])
                .to_roff()
                .as_bytes(),
        );
        out.extend_from_slice(table("EXIT STATUS", EXIT_STATUS).as_bytes());
        man.render_version_section(&mut out)
    })();
    rendered.map_err(|err| {
        Error::failure(format!(
            "cannot render the manual page: {}",
            crate::error::describe_io(&err)
        ))
        .with_hint("this is a bug in lpath; please report it")
    })?;
    Ok(String::from_utf8_lossy(&out).into_owned())
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
