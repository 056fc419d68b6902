//! The command line as clap shows it in help: each command's own options first, the global ones
//! under a heading of their own, and examples, all worded from the message files.

use clap::{Command, CommandFactory};

use crate::cli::Cli;

/// The options every command accepts, declared once on `lpath` and shown apart in each help.
const GLOBAL: [&str; 4] = ["catalog", "no_bundled", "lang", "color"];

/// `lpath`'s clap command with help headings and examples in the learner's language: what both
/// parsing and `--help` use, so that they never differ.
pub fn command() -> Command {
    let mut command = Cli::command();
    let heading = t!("help.global_options").into_owned();
    for id in GLOBAL {
        command = command.mut_arg(id, |arg| arg.help_heading(heading.clone()));
    }
    with_examples(command, "lpath")
}

/// `command` and its subcommands, each with its examples after the help and every option's long
/// help set, so that `--help` always has the fuller layout and `-h` the compact one.
fn with_examples(mut command: Command, path: &str) -> Command {
    let name = match path.strip_prefix("lpath ") {
        Some(sub) => sub.replace(' ', "_"),
        None => "lpath".to_string(),
    };
    let key = format!("help.examples.{name}");
    let examples = t!(&key);
    // A key missing from the message files comes back as itself.
    if !examples.ends_with(&key) {
        let text = format!("{}\n{}", t!("help.examples_heading"), examples.trim_end());
        let long = match command.get_after_long_help().or(command.get_after_help()) {
            Some(more) if path == "lpath" => format!("{text}\n\n{more}"),
            _ => text.clone(),
        };
        command = command.after_help(text).after_long_help(long);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .filter(|arg| arg.get_long_help().is_none())
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        command = command.mut_arg(id, |arg| {
            let help = arg.get_help().cloned();
            match help {
                Some(help) => arg.long_help(help),
                None => arg,
            }
        });
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = format!("{path} {name}");
        command = command.mut_subcommand(&name, |sub| with_examples(sub, &sub_path));
    }
    command
}

/// The hint for an entry typed where a command was expected: `lpath bert`.
pub fn id_not_command(id: &str) -> String {
    t!("help.id_not_command", id = id).into_owned()
}
