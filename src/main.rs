//! Parse, dispatch, and turn any error into one `lpath: error: ...` line, a hint and an exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use lpath::cli::{Cli, Command, NextArgs};
use lpath::commands;
use lpath::context::{self, Context};
use lpath::error::{Error, exit};
use lpath::paths::Paths;
use lpath::progress::Status;
use lpath::render::{Lang, Style};
use lpath::sources::Selection;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return clap_exit(err),
    };
    match run(cli) {
        Ok(text) => print(&text),
        Err(err) => {
            let _ = print(&err.output);
            eprintln!("{err}");
            ExitCode::from(err.code)
        }
    }
}

fn run(cli: Cli) -> Result<String, Error> {
    let paths = Paths::from_env()?;
    let selection = Selection {
        bundled: !cli.catalogs.no_bundled,
        extra: cli.catalogs.catalog,
    };
    let command = cli.command.unwrap_or(Command::Next(NextArgs {
        count: 3,
        json: false,
    }));
    match command {
        // These read and check the catalogs themselves, and work while one is broken.
        Command::Add(args) => commands::add::run(&paths, &selection, &args),
        Command::Remove(args) => commands::remove::run(&paths, &selection, &args),
        Command::Catalog(command) => commands::catalog::run(&paths, &selection, &command),
        Command::Doctor(args) => commands::doctor::run(&paths, &selection, &args),
        Command::List(args) => commands::list::run(&context(paths, &selection)?, &args),
        Command::Done(args) => {
            commands::mark::run(&context(paths, &selection)?, &args.ids, Status::Done)
        }
        Command::Next(args) => commands::next::run(&context(paths, &selection)?, &args),
        Command::Start(args) => {
            commands::mark::run(&context(paths, &selection)?, &args.ids, Status::Reading)
        }
        Command::Skip(args) => {
            commands::mark::run(&context(paths, &selection)?, &args.ids, Status::Skipped)
        }
        Command::Reset(args) => commands::reset::run(&context(paths, &selection)?, &args),
        Command::Undo => commands::undo::run(&context(paths, &selection)?),
        Command::Note(args) => commands::note::run(&context(paths, &selection)?, &args),
        Command::Show(args) => commands::show::run(&context(paths, &selection)?, &args),
        Command::Stats(args) => commands::stats::run(&context(paths, &selection)?, &args),
    }
}

fn context(paths: Paths, selection: &Selection) -> Result<Context, Error> {
    Ok(Context {
        catalog: context::load_catalog(&paths, selection)?,
        paths,
        style: Style {
            color: std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            unicode: std::io::stdout().is_terminal()
                && lpath::bar::utf8_locale(|var| std::env::var(var).ok()),
            lang: Lang::from_locale(|var| std::env::var(var).ok()),
        },
        now: context::now()?,
    })
}

/// Writes to stdout; a closed pipe (`lpath list | head`) is not an error.
fn print(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "{}",
                Error::failure(format!(
                    "cannot write output: {}",
                    lpath::error::describe_io(&err)
                ))
            );
            ExitCode::from(exit::FAILURE)
        }
    }
}

/// Help and version go to stdout with exit 0; a usage mistake becomes our one-line error and a hint.
fn clap_exit(err: clap::Error) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            return print(&err.render().to_string());
        }
        _ => {}
    }
    let rendered = err.render().to_string();
    let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("invalid arguments");
    let mut message = first.strip_prefix("error: ").unwrap_or(first).to_string();
    // "the following required arguments were not provided:" names them on the next line.
    if message.ends_with(':') {
        let what: Vec<&str> = lines
            .by_ref()
            .take_while(|l| !l.starts_with("Usage:"))
            .collect();
        message = format!("{message} {}", what.join(", "));
    }
    let tip = lines.find_map(|l| l.strip_prefix("tip: "));
    let choices = match err.get(ContextKind::ValidValue) {
        Some(ContextValue::Strings(values)) if !values.is_empty() => {
            Some(format!("possible values: {}", values.join(", ")))
        }
        _ => None,
    };
    let hint = match (tip, choices) {
        (Some(tip), Some(choices)) => format!("{tip}; {choices}"),
        (None, Some(choices)) => choices,
        (Some(tip), None) => format!("{tip}; see `lpath --help`"),
        (None, None) => "see `lpath --help` for what lpath accepts".to_string(),
    };
    eprintln!("{}", Error::usage(message).with_hint(hint));
    ExitCode::from(exit::USAGE)
}
