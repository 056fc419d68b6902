//! One file per command: each takes its arguments (and the context, when it needs the catalog,
//! the clock or the style) and returns what to print.
//! `main` here is the whole program: it parses argv, picks the command, and turns any error into
//! one `lpath: error: ...` line, a hint and an exit code.

mod add;
mod card;
mod catalog;
mod completions;
mod doctor;
mod edit;
mod entry_fields;
mod export;
mod graph;
mod ids;
mod import;
mod list;
mod log;
mod man;
pub(crate) mod mark;
mod merge_driver;
mod next;
pub(crate) mod note;
pub(crate) mod open;
mod remove;
mod report;
mod reset;
mod review;
pub(crate) mod show;
mod stats;
mod sync;
mod tui;
pub(crate) mod undo;

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::catalog::sources::Selection;
use crate::cli::args::{Cli, Command, IDS_COMMAND, NextArgs};
use crate::cli::help::{self, Parsed};
use crate::context::{self, Context};
use crate::error::{Error, exit};
use crate::fs::paths::Paths;
use crate::output::render::Style;
use crate::output::{color, stderr, stdout};
use crate::progress::model::Status;
use crate::progress::store::Store;
use report::Report;

/// The whole program: parse argv, dispatch to a command, and turn any error into one
/// `lpath: error: ...` line, a hint and an exit code.
pub fn main() -> ExitCode {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == IDS_COMMAND)
    {
        // A completion script has nowhere to show an error: print what can be printed.
        let style = Style {
            color: false,
            unicode: false,
            width: None,
        };
        let args: Vec<std::ffi::OsString> = std::env::args_os().skip(2).collect();
        let request = self::ids::parse(&args);
        if let Some(list) = self::ids::without_catalog(request.wanted()) {
            return print(&list, false);
        }
        let ctx = Paths::from_env().and_then(|paths| context(paths, &request.selection, style));
        return match ctx {
            Ok(ctx) => print(&self::ids::run(&ctx, &request), false),
            Err(err) => ExitCode::from(err.code),
        };
    }
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == crate::sync::MERGE_DRIVER_COMMAND)
    {
        // Run by git, which shows what it prints and treats a failure as a conflict.
        let args: Vec<std::ffi::OsString> = std::env::args_os().skip(2).collect();
        return match self::merge_driver::run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                stderr::print(&err);
                ExitCode::from(err.code)
            }
        };
    }
    // Known before clap parses, so that help and usage errors are in the learner's language.
    let lang = crate::i18n::lang_from_args(std::env::args_os(), |var| std::env::var(var).ok());
    crate::i18n::set_lang(lang);
    let width = crate::output::render::table_width(
        std::env::var("COLUMNS").ok().as_deref(),
        crate::output::render::terminal_width(std::io::stdout()),
    );
    let cli = match help::parse(std::env::args_os(), width) {
        Ok(Parsed::Run(cli)) => *cli,
        Ok(Parsed::Print(text)) => return print(&text, false),
        Err(err) => {
            stderr::print(&err);
            return ExitCode::from(err.code);
        }
    };
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let style = Style {
        color: color::enabled(
            cli.color,
            stdout_is_terminal,
            std::env::var_os("NO_COLOR").as_deref(),
        ),
        unicode: crate::output::glyphs::utf8_locale(|var| std::env::var(var).ok()),
        width,
    };
    let report = run(cli, style).unwrap_or_else(Report::error);
    let printed = print(&report.text, style.color);
    match report.problem {
        None => printed,
        Some(err) => {
            stderr::print(&err);
            ExitCode::from(err.code)
        }
    }
}

fn run(cli: Cli, style: Style) -> Result<Report, Error> {
    // `completions` and `man` work whatever the config dir holds.
    match &cli.command {
        Some(Command::Completions(args)) => return Ok(self::completions::run(args.shell).into()),
        Some(Command::Man) => return self::man::run().map(Report::from),
        _ => {}
    }
    let paths = Paths::from_env()?;
    let selection = Selection {
        bundled: !cli.catalogs.no_bundled,
        extra: cli.catalogs.catalog,
    };
    let command = cli.command.unwrap_or(Command::Next(NextArgs {
        count: 3,
        track: Vec::new(),
        json: false,
        prefer: None,
    }));
    // The context (and so the catalog) is built only for the commands that need it. A catalog
    // file left out for its problems is named once on stderr, and the command goes on without it.
    let ctx = |paths: Paths| {
        context(paths, &selection, style).inspect(|ctx| {
            for left in &ctx.catalog.left_out {
                stderr::print(crate::catalog::sources::left_out_warning(left));
            }
        })
    };
    // What a command says in sentences, each line wrapped to the terminal (its tables and lists
    // are fitted as they are drawn).
    let fitted = |text: String| crate::text::width::fit(&text, style.width.map(usize::from));
    let text = match command {
        // These read and check the catalogs themselves, and work while one is broken.
        Command::Add(args) => self::add::run(&paths, &selection, &args, style.width),
        Command::Edit(args) => self::edit::run(&paths, &selection, &args),
        Command::Remove(args) => self::remove::run(&paths, &selection, &args),
        // Reports: every problem they find is printed before their error.
        Command::Catalog(command) => {
            return self::catalog::run(&paths, &selection, &command, style.width.map(usize::from));
        }
        Command::Doctor(args) => return self::doctor::run(&paths, &selection, &args, style.width),
        Command::Sync(args) => {
            self::sync::run(&paths, &args, context::now()?, style.width.map(usize::from))
        }
        Command::List(args) => self::list::run(&ctx(paths)?, &args),
        Command::Next(args) => self::next::run(&ctx(paths)?, &args),
        Command::Done(args) => {
            self::mark::run(&ctx(paths)?, &args.ids, Status::Done, args.on.as_deref())
        }
        Command::Start(args) => {
            self::mark::run(&ctx(paths)?, &args.ids, Status::Reading, args.on.as_deref())
        }
        Command::Skip(args) => {
            self::mark::run(&ctx(paths)?, &args.ids, Status::Skipped, args.on.as_deref())
        }
        Command::Reset(args) => self::reset::run(&ctx(paths)?, &args),
        // These need no catalog, so they work whatever state the catalogs are in.
        Command::Undo => self::undo::run(&store(paths)?, style.glyphs()).map(fitted),
        Command::Export(args) if !self::export::needs_catalog(&args) => {
            self::export::progress(&store(paths)?, context::now()?, &args)
        }
        // The journal alone: it works while a catalog is broken.
        Command::Log(args) => self::log::run(&store(paths)?, style, &args),
        Command::Note(args) => self::note::run(&ctx(paths)?, &args).map(fitted),
        Command::Show(args) => self::show::run(&ctx(paths)?, &args),
        Command::Stats(args) => self::stats::run(&ctx(paths)?, &args),
        Command::Open(args) => self::open::run(&ctx(paths)?, &args),
        Command::Tui => self::tui::run(ctx(paths)?),
        // `review --list` reads the review file on a thread of its own while the catalog loads:
        // ten thousand cards take about as long to read as the catalog. It is used only if a
        // card exists.
        Command::Review(args) if args.list && args.command.is_none() => {
            std::thread::scope(|scope| {
                let store = Store::new(paths.clone());
                let states = scope.spawn(move || store.load_review_states());
                let ctx = ctx(paths)?;
                let states = || {
                    states
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                };
                self::review::list(&ctx, states, args.json)
            })
        }
        Command::Review(args) => self::review::run(&ctx(paths)?, &args),
        Command::Card(command) => self::card::run(&ctx(paths)?, &command),
        Command::Export(args) => self::export::run(&ctx(paths)?, &args),
        Command::Import(args) => self::import::run(&ctx(paths)?, &args).map(fitted),
        Command::Graph(args) => self::graph::run(&ctx(paths)?, &args),
        Command::Completions(args) => Ok(self::completions::run(args.shell)),
        Command::Man => self::man::run(),
    };
    text.map(Report::from)
}

fn store(paths: Paths) -> Result<Store, Error> {
    Ok(Store::new(paths).at(context::now()?))
}

fn context(paths: Paths, selection: &Selection, style: Style) -> Result<Context, Error> {
    Ok(Context {
        catalog: context::load_catalog(&paths, selection)?,
        paths,
        style,
        now: context::now()?,
    })
}

/// Writes to stdout (see [`stdout::print`]); a failure is one error line and exit 1.
fn print(text: &str, color: bool) -> ExitCode {
    match stdout::print(text, color) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            stderr::print(&err);
            ExitCode::from(exit::FAILURE)
        }
    }
}
