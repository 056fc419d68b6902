//! Parse, dispatch, and turn any error into one `lpath: error: ...` line, a hint and an exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use lpath::cli::{Cli, Command, IDS_COMMAND, LangArg, NextArgs};
use lpath::color;
use lpath::commands;
use lpath::context::{self, Context};
use lpath::error::{Error, exit};
use lpath::paths::Paths;
use lpath::progress::Status;
use lpath::render::{Lang, Style};

fn main() -> ExitCode {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == IDS_COMMAND)
    {
        // A completion script has nowhere to show an error: print what can be printed.
        let style = Style {
            color: false,
            lang: Lang::En,
        };
        return match context(style) {
            Ok(ctx) => print(&commands::ids::run(&ctx), false),
            Err(err) => ExitCode::from(err.code),
        };
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return clap_exit(err),
    };
    let style = Style {
        color: color::enabled(
            cli.color,
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        ),
        lang: match cli.lang {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Zh) => Lang::Zh,
            None => Lang::from_locale(|var| std::env::var(var).ok()),
        },
    };
    match run(cli, style) {
        Ok(text) => print(&text, style.color),
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(err.code)
        }
    }
}

fn run(cli: Cli, style: Style) -> Result<String, Error> {
    // Built only for the commands that read the catalog or progress, so that `completions` and
    // `man` work whatever the config dir holds.
    let ctx = || context(style);
    match cli.command {
        None => commands::next::run(
            &ctx()?,
            &NextArgs {
                count: 3,
                json: false,
            },
        ),
        Some(Command::List(args)) => commands::list::run(&ctx()?, &args),
        Some(Command::Done(args)) => commands::mark::run(&ctx()?, &args.ids, Status::Done),
        Some(Command::Next(args)) => commands::next::run(&ctx()?, &args),
        Some(Command::Open(args)) => commands::open::run(&ctx()?, &args),
        Some(Command::Export(args)) => commands::export::run(&ctx()?, &args),
        Some(Command::Import(args)) => commands::import::run(&ctx()?, &args),
        Some(Command::Graph(args)) => commands::graph::run(&ctx()?, &args),
        Some(Command::Completions(args)) => Ok(commands::completions::run(args.shell)),
        Some(Command::Man) => commands::man::run(),
    }
}

fn context(style: Style) -> Result<Context, Error> {
    Ok(Context {
        paths: Paths::from_env()?,
        catalog: context::load_catalog()?,
        style,
        now: context::now()?,
    })
}

/// Writes to stdout; a closed pipe (`lpath list | head`) is not an error. With colour off, any
/// escape sequence is stripped on the way out, whatever produced it.
fn print(text: &str, color: bool) -> ExitCode {
    let mut stdout = anstream::AutoStream::new(std::io::stdout().lock(), color::choice(color));
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
            return print(&err.render().to_string(), false);
        }
        _ => {}
    }
    let rendered = err.render().to_string();
    let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("invalid arguments");
    let message = first.strip_prefix("error: ").unwrap_or(first);
    let hint = lines
        .find_map(|l| l.strip_prefix("tip: "))
        .map(|tip| format!("{tip}; see `lpath --help`"))
        .unwrap_or_else(|| "see `lpath --help` for what lpath accepts".to_string());
    eprintln!("{}", Error::usage(message).with_hint(hint));
    ExitCode::from(exit::USAGE)
}
