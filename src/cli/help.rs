//! The command line in the learner's language: every about, help and after-help of clap's tree
//! from the message files, clap's own words in help and its usage errors reworded.
//!
//! The help of a command lives under `<command>.help` (`lpath.help` for the top level,
//! `catalog.help.check` for `catalog check`): `about`, an optional `after_help`, and one key per
//! argument named by its id. `tests/locales.rs` checks that every one is in both files.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, CommandFactory, FromArgMatches};

use crate::cli::args::Cli;
use crate::error::Error;
use crate::i18n::{text, try_text};

/// The options every command accepts, declared once on `lpath`.
const GLOBAL: [&str; 4] = ["catalog", "no_bundled", "lang", "color"];

/// What the command line asks for, once parsed.
#[derive(Debug)]
pub enum Parsed {
    /// A command to run.
    Run(Box<Cli>),
    /// `--help`, `help` or `--version`: print this on stdout and exit 0.
    Print(String),
}

/// Parses `args` (the program name first) against the localized command line; a usage mistake
/// is an [`Error`] with exit code 2.
pub fn parse<I, T>(args: I, width: Option<u16>) -> Result<Parsed, Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let matches = command_at(width)
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match matches {
        Ok(cli) => Ok(Parsed::Run(Box::new(cli))),
        Err(err) => stopped(&err, &args, width),
    }
}

/// The whole command tree, with its words from the message files of the current language.
pub fn command() -> Command {
    command_at(None)
}

/// [`command`], for help to be fitted to `width` columns (the width every other screen uses:
/// `COLUMNS`, else the terminal's own) by [`fit`], which wraps Chinese as well: clap then
/// leaves every line whole. Set before building, which hands it to every subcommand.
fn command_at(width: Option<u16>) -> Command {
    let mut cmd = localize(Cli::command(), &[]);
    if width.is_some() {
        cmd = cmd.term_width(0);
    }
    // The global options, under a heading of their own in every command's help (building copies
    // them, heading and all, into each subcommand), after the command's own.
    let heading = text("help.global_options");
    for id in GLOBAL {
        cmd = cmd.mut_arg(id, |arg| arg.help_heading(heading.clone()));
    }
    // Building adds clap's own `--help`, `--version` and `help`, and copies the global options
    // (already in the learner's language) into every subcommand.
    cmd.build();
    clap_own(cmd)
}

/// The key prefix of a command's help: `lpath.help`, `list.help`, `catalog.help.check`.
pub fn help_key(path: &[&str]) -> String {
    match path.split_first() {
        None => "lpath.help".to_string(),
        Some((first, rest)) => {
            let mut key = format!("{first}.help");
            for name in rest {
                key.push('.');
                key.push_str(name);
            }
            key
        }
    }
}

fn localize(mut cmd: Command, path: &[&str]) -> Command {
    let key = help_key(path);
    cmd = cmd.about(text(&format!("{key}.about")));
    // Examples close both helps; the top level's --help goes on with how lpath finds its files.
    let examples = try_text(&examples_key(path))
        .map(|examples| format!("{}\n{}", text("help.examples_heading"), examples.trim_end()));
    let after = try_text(&format!("{key}.after_help"));
    if let Some(examples) = &examples {
        cmd = cmd.after_help(examples.clone());
    }
    match (examples, after) {
        (Some(examples), Some(after)) => {
            cmd = cmd.after_long_help(format!("{examples}\n\n{after}"));
        }
        (None, Some(after)) => cmd = cmd.after_help(after),
        _ => {}
    }
    let args: Vec<String> = cmd
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in args {
        let help = text(&format!("{key}.{id}"));
        // A long help on every option gives every command's --help the fuller layout, and -h
        // the compact one, alike.
        cmd = cmd.mut_arg(&id, |arg| arg.help(help.clone()).long_help(help));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in subs {
        let mut sub_path = path.to_vec();
        sub_path.push(&name);
        cmd = cmd.mut_subcommand(&name, |sub| localize(sub, &sub_path));
    }
    cmd
}

/// The key of a command's examples: `help.examples.list`, `help.examples.catalog_check`, and
/// `help.examples.lpath` for the top level.
pub fn examples_key(path: &[&str]) -> String {
    match path {
        [] => "help.examples.lpath".to_string(),
        _ => format!("help.examples.{}", path.join("_")),
    }
}

/// The hint for an entry typed where a command was expected: `lpath bert`.
pub fn id_not_command(id: &str) -> String {
    t!("help.id_not_command", id = id).into_owned()
}

/// When the first word is an entry rather than a command (`lpath bert`), what to type instead.
fn entry_not_command(word: &str) -> Option<String> {
    let paths = crate::fs::paths::Paths::from_env().ok()?;
    let selection = crate::catalog::sources::Selection::default();
    let catalog = crate::context::load_catalog(&paths, &selection).ok()?;
    let index = crate::catalog::resolve::entry(&catalog, word).ok()?;
    Some(id_not_command(&catalog.entries[index].id))
}

/// clap's own `--help`, `--version` and `help` command, in every command of a built tree.
fn clap_own(mut cmd: Command) -> Command {
    for (id, key) in [("help", "clap.help_flag"), ("version", "clap.version_flag")] {
        if cmd.get_arguments().any(|arg| arg.get_id() == id) {
            let help = text(key);
            cmd = cmd.mut_arg(id, |arg| arg.help(help).long_help(None::<&'static str>));
        }
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(&name, |sub| {
            let sub = if name == "help" && sub.get_about().is_some_and(is_clap_help_about) {
                sub.about(text("clap.help_command"))
            } else {
                sub
            };
            clap_own(sub)
        });
    }
    cmd
}

/// clap's `help` subcommand (and the `help` inside it) describes itself in English.
fn is_clap_help_about(about: &clap::builder::StyledStr) -> bool {
    about.to_string().starts_with("Print this message")
}

/// Where clap stopped short of a command: help to print, or a usage mistake.
fn stopped(
    err: &clap::Error,
    args: &[std::ffi::OsString],
    width: Option<u16>,
) -> Result<Parsed, Error> {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // clap indents the blank lines of its long layout; no line of lpath's ends in a space.
            let text: String = clap_words(&err.render().to_string())
                .lines()
                .flat_map(|line| fit(line.trim_end(), width.map(usize::from)))
                .map(|line| line + "\n")
                .collect();
            Ok(Parsed::Print(text))
        }
        _ => Err(usage_error(err, args)),
    }
}

/// A line of help as it fits `columns`: clap wraps only at spaces, so Chinese, which has none,
/// and a few lines clap leaves whole (`[possible values: …]`) are wrapped here, going on under
/// the description's column (after an option's name and the gap behind it) or the line's indent.
fn fit(line: &str, columns: Option<usize>) -> Vec<String> {
    if columns.is_none_or(|columns| crate::text::width::width(line) <= columns) {
        return vec![line.to_string()];
    }
    let indent = line.len() - line.trim_start().len();
    // `  -s, --status <STATUS>  Only entries …`: the description starts after the first gap of
    // two spaces or more past the indent.
    let description = line[indent..]
        .find("  ")
        .map(|gap| {
            let from = indent + gap;
            from + line[from..].len() - line[from..].trim_start().len()
        })
        .filter(|&at| at < line.len() && crate::text::width::width(&line[..at]) <= 40)
        .unwrap_or(indent);
    let (head, body) = line.split_at(description);
    let hang = " ".repeat(crate::text::width::width(head));
    crate::text::width::wrap(body, head, &hang, columns)
}

/// The words clap writes into help itself (`Usage:`, `Options:`, `[default: …]`) in the
/// learner's language.
pub fn clap_words(help: &str) -> String {
    let mut out = String::with_capacity(help.len() + 64);
    for line in help.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let heading = match body {
            "Commands:" => Some("clap.commands"),
            "Arguments:" => Some("clap.arguments"),
            "Options:" => Some("clap.options"),
            _ => None,
        };
        let global_options = format!("{}:", text("help.global_options"));
        if let Some(key) = heading {
            out.push_str(&text(key));
        } else if body == global_options {
            // Our own heading, with clap's colon: the learner's language's colon instead.
            out.push_str(&text("help.global_options_heading"));
        } else if let Some(usage) = body.strip_prefix("Usage: ") {
            let usage = usage.replace("[OPTIONS]", &text("clap.options_placeholder"));
            out.push_str(&t!("clap.usage", usage = usage));
        } else if let Some(rest) = body.trim_start().strip_prefix("Possible values:") {
            let indent = &body[..body.len() - body.trim_start().len()];
            out.push_str(indent);
            out.push_str(&text("clap.possible_values_heading"));
            out.push_str(rest);
        } else {
            out.push_str(body);
        }
        out.push_str(end);
    }
    let out = bracketed(&out, "[default:", "clap.default");
    let out = bracketed(&out, "[possible values:", "clap.possible_values");
    let out = bracketed(&out, "[aliases:", "clap.aliases");
    bracketed(&out, "[alias:", "clap.alias")
}

/// Each `[<opening> value]` in `text` as message `key` with `value`.
fn bracketed(text: &str, opening: &str, key: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(opening) {
        let after = &rest[at + opening.len()..];
        let Some(close) = after.find(']') else { break };
        out.push_str(&rest[..at]);
        out.push_str(&t!(key, value = after[..close].trim()));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A usage mistake as one line and a hint that says what to type, in the learner's language.
fn usage_error(err: &clap::Error, args: &[std::ffi::OsString]) -> Error {
    let rendered = err.render().to_string();
    let command = command_path(&rendered, args);
    let string = |kind| match err.get(kind) {
        Some(ContextValue::String(value)) => Some(value.as_str()),
        Some(ContextValue::Strings(values)) => values.first().map(String::as_str),
        _ => None,
    };
    let arg = string(ContextKind::InvalidArg).unwrap_or_default();
    let value = string(ContextKind::InvalidValue).unwrap_or_default();
    let message = match err.kind() {
        ErrorKind::UnknownArgument => t!("clap.unknown_argument", arg = arg),
        ErrorKind::InvalidSubcommand => t!(
            "clap.unknown_command",
            name = string(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => t!("clap.missing_value", arg = arg),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            t!("clap.invalid_value", value = value, arg = arg)
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = match err.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(values)) => values.join(&text("common.list_separator")),
                _ => arg.to_string(),
            };
            t!("clap.missing_argument", args = missing)
        }
        ErrorKind::ArgumentConflict => match string(ContextKind::PriorArg) {
            Some(other) if other != arg => t!("clap.conflict", arg = arg, other = other),
            _ => t!("clap.used_twice", arg = arg),
        },
        ErrorKind::TooManyValues => t!("clap.too_many_values", value = value, arg = arg),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            t!("clap.missing_command", command = command)
        }
        ErrorKind::InvalidUtf8 => t!("clap.invalid_utf8"),
        _ => t!("clap.invalid_arguments"),
    };
    if err.kind() == ErrorKind::InvalidSubcommand
        && let Some(hint) = string(ContextKind::InvalidSubcommand).and_then(entry_not_command)
    {
        return Error::usage(message).with_hint(hint);
    }
    // clap lists its suggestions from the least to the most likely: take the last.
    let best = |kind| match err.get(kind) {
        Some(ContextValue::String(value)) => Some(value.as_str()),
        Some(ContextValue::Strings(values)) => values.last().map(String::as_str),
        _ => None,
    };
    let tip = match (
        best(ContextKind::SuggestedValue),
        best(ContextKind::SuggestedArg),
        best(ContextKind::SuggestedSubcommand),
    ) {
        (Some(value), _, _) => Some(t!("clap.similar_value", value = value)),
        (None, Some(arg), _) => Some(t!("clap.similar_argument", arg = arg)),
        (None, None, Some(name)) => Some(t!("clap.similar_command", name = name)),
        _ => None,
    };
    let choices = match err.get(ContextKind::ValidValue) {
        Some(ContextValue::Strings(values)) if !values.is_empty() => {
            let values: Vec<String> = values
                .iter()
                .map(|value| t!("clap.choice", value = value).into_owned())
                .collect();
            Some(t!(
                "clap.choices",
                values = values.join(&text("common.list_separator"))
            ))
        }
        _ => None,
    };
    let unknown_option = match err.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => Some(arg),
        _ => None,
    };
    let hint = match (tip, choices, unknown_option) {
        (Some(tip), Some(choices), _) => t!("clap.tip_and_choices", tip = tip, choices = choices),
        (None, Some(choices), _) => choices,
        (Some(tip), None, _) => t!("clap.tip_and_help", tip = tip, command = command),
        (None, None, Some(option)) => options_hint(&command, option).into(),
        (None, None, None) => t!("clap.see_help", command = command),
    };
    Error::usage(message).with_hint(hint)
}

/// The command a usage error is about, `lpath note` or `lpath` for the top level: from clap's
/// `Usage: lpath note <ID> [TEXT]...` line, or, for errors printed without one, from the words
/// on the command line that name subcommands.
fn command_path(rendered: &str, args: &[std::ffi::OsString]) -> String {
    if let Some(usage) = rendered
        .lines()
        .find_map(|l| l.trim().strip_prefix("Usage: "))
    {
        let words: Vec<&str> = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect();
        if !words.is_empty() {
            return words.join(" ");
        }
    }
    let mut cmd = Cli::command();
    let mut path = vec!["lpath".to_string()];
    for arg in args.iter().skip(1) {
        // Words that name no subcommand here are options and their values, or ids.
        let Some(sub) = arg
            .to_str()
            .and_then(|arg| cmd.find_subcommand(arg))
            .cloned()
        else {
            continue;
        };
        path.push(sub.get_name().to_string());
        cmd = sub;
    }
    path.join(" ")
}

/// For an option `command` does not take: the options it does take, and where they are explained.
fn options_hint(command: &str, option: &str) -> String {
    let mut cmd = Cli::command();
    for name in command.split_whitespace().skip(1) {
        match cmd.find_subcommand(name) {
            Some(sub) => cmd = sub.clone(),
            None => break,
        }
    }
    // The top level's own options are the global ones; a subcommand's are listed apart from them.
    let top = command == "lpath";
    let own: Vec<String> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && (top || !a.is_global_set()))
        .filter_map(|a| a.get_long())
        .filter(|long| !["help", "version"].contains(long))
        .map(|long| format!("`--{long}`"))
        .collect();
    let takes = match (own.is_empty(), top) {
        (true, _) => t!("clap.takes_global"),
        (false, true) => t!(
            "clap.takes",
            options = own.join(&text("common.list_separator"))
        ),
        (false, false) => t!(
            "clap.takes_and_global",
            options = own.join(&text("common.list_separator"))
        ),
    };
    t!(
        "clap.no_such_option",
        command = command,
        option = option,
        takes = takes
    )
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command with its path of names from the top (`[]`, `["catalog"]`, `["catalog",
    /// "check"]`), as declared (before clap adds its own `help`), parents first.
    fn commands(cmd: &Command) -> Vec<(Vec<&str>, &Command)> {
        let mut out = vec![(Vec::new(), cmd)];
        let mut next = 0;
        while let Some((path, cmd)) = out.get(next).cloned() {
            for sub in cmd.get_subcommands() {
                let mut sub_path = path.clone();
                sub_path.push(sub.get_name());
                out.push((sub_path, sub));
            }
            next += 1;
        }
        out
    }

    /// Every key the help needs: `about` of each command and one per argument, as declared (before
    /// clap adds its own `--help`).
    fn keys() -> Vec<String> {
        let top = Cli::command();
        let mut out = Vec::new();
        for (path, cmd) in commands(&top) {
            let key = help_key(&path);
            out.push(format!("{key}.about"));
            for arg in cmd.get_arguments() {
                out.push(format!("{key}.{}", arg.get_id()));
            }
        }
        out
    }

    /// Every command's examples key, for the test that each command has examples in both languages.
    fn example_keys() -> Vec<String> {
        let top = Cli::command();
        commands(&top)
            .iter()
            .map(|(path, _)| examples_key(path))
            .collect()
    }

    /// A message as the file for `lang` holds it, found by its dotted key.
    fn message(lang: &str, key: &str) -> Option<String> {
        let path = format!("{}/locales/{lang}.toml", env!("CARGO_MANIFEST_DIR"));
        let table: toml::Table = std::fs::read_to_string(&path).ok()?.parse().ok()?;
        let mut value = &toml::Value::Table(table);
        for part in key.split('.') {
            value = value.get(part)?;
        }
        value.as_str().map(str::to_string)
    }

    #[test]
    fn every_command_has_one_to_three_examples_in_each_language() {
        for lang in ["en", "zh"] {
            for key in example_keys() {
                let text = message(lang, &key).unwrap_or_else(|| panic!("{lang}: no `{key}`"));
                let count = text.lines().filter(|l| l.starts_with("  lpath")).count();
                assert!((1..=3).contains(&count), "{lang} `{key}`: {count} examples");
            }
        }
    }

    /// Every dotted key of a message file whose value is a message.
    fn flatten(prefix: &str, table: &toml::Table, out: &mut std::collections::BTreeSet<String>) {
        for (key, value) in table {
            let key = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                toml::Value::Table(inner) => flatten(&key, inner, out),
                toml::Value::String(_) => {
                    out.insert(key);
                }
                _ => {}
            }
        }
    }

    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        let keys = keys();
        assert!(keys.contains(&"list.help.json".to_string()), "{keys:?}");
        let mut missing = Vec::new();
        for lang in ["en", "zh"] {
            let path = format!("{}/locales/{lang}.toml", env!("CARGO_MANIFEST_DIR"));
            let table: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
            let mut messages = std::collections::BTreeSet::new();
            flatten("", &table, &mut messages);
            missing.extend(
                keys.iter()
                    .filter(|key| !messages.contains(*key))
                    .map(|key| format!("{lang}: {key}")),
            );
        }
        assert!(
            missing.is_empty(),
            "help missing from the message files: {missing:#?}"
        );
    }
}
