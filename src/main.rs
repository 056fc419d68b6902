//! Parse, dispatch, and turn any error into one `lpath: error: ...` line, a hint and an exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

use lpath::catalog::sources::Selection;
use lpath::cli::args::{Cli, Command, IDS_COMMAND, NextArgs};
use lpath::cli::help::{self, Stop};
use lpath::commands;
use lpath::context::{self, Context};
use lpath::error::{Error, exit};
use lpath::fs::paths::Paths;
use lpath::i18n::Lang;
use lpath::output::render::Style;
use lpath::output::{color, stdout};
use lpath::progress::model::Status;
use lpath::progress::store::Store;

fn main() -> ExitCode {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == IDS_COMMAND)
    {
        // A completion script has nowhere to show an error: print what can be printed.
        let style = Style {
            color: false,
            unicode: false,
            lang: Lang::En,
            width: None,
        };
        let args: Vec<std::ffi::OsString> = std::env::args_os().skip(2).collect();
        let (wanted, selection) = commands::ids::parse(&args);
        if wanted == commands::ids::Wanted::Kinds {
            return print(&commands::ids::kinds(), false);
        }
        let ctx = Paths::from_env().and_then(|paths| context(paths, &selection, style));
        return match ctx {
            Ok(ctx) => print(&commands::ids::run(&ctx.catalog, wanted), false),
            Err(err) => ExitCode::from(err.code),
        };
    }
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == lpath::sync::MERGE_DRIVER_COMMAND)
    {
        // Run by git, which shows what it prints and treats a failure as a conflict.
        let args: Vec<std::ffi::OsString> = std::env::args_os().skip(2).collect();
        return match commands::merge_driver::run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("{err}");
                ExitCode::from(err.code)
            }
        };
    }
    // Known before clap parses, so that help and usage errors are in the learner's language.
    let lang = lpath::i18n::lang_from_args(std::env::args_os(), |var| std::env::var(var).ok());
    lpath::i18n::set_lang(lang);
    let width = lpath::output::render::table_width(
        std::env::var("COLUMNS").ok().as_deref(),
        terminal_width(),
    );
    let cli = match help::parse(std::env::args_os(), width) {
        Ok(cli) => cli,
        Err(Stop::Print(text)) => return print(&text, false),
        Err(Stop::Usage(err)) => {
            eprintln!("{err}");
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
        unicode: lpath::output::glyphs::utf8_locale(|var| std::env::var(var).ok()),
        lang,
        width,
    };
    match run(cli, style) {
        Ok(text) => print(&text, style.color),
        Err(err) => {
            let _ = print(&err.output, style.color);
            eprintln!("{err}");
            ExitCode::from(err.code)
        }
    }
}

/// Stdout's terminal width in columns, when it is a terminal. A pty that reports its columns and
/// no rows (`script` after `stty cols 80`) still has a width.
#[cfg(unix)]
fn terminal_width() -> Option<u16> {
    rustix::termios::tcgetwinsize(std::io::stdout())
        .ok()
        .map(|size| size.ws_col)
}

#[cfg(not(unix))]
fn terminal_width() -> Option<u16> {
    terminal_size::terminal_size().map(|(width, _)| width.0)
}

fn run(cli: Cli, style: Style) -> Result<String, Error> {
    // `completions` and `man` work whatever the config dir holds.
    match &cli.command {
        Some(Command::Completions(args)) => return Ok(commands::completions::run(args.shell)),
        Some(Command::Man) => return commands::man::run(),
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
    }));
    // The context (and so the catalog) is built only for the commands that need it. A catalog
    // file left out for its problems is named once on stderr, and the command goes on without it.
    let ctx = |paths: Paths| {
        context(paths, &selection, style).inspect(|ctx| {
            for left in &ctx.catalog.left_out {
                eprintln!("{}", lpath::catalog::sources::left_out_warning(left));
            }
        })
    };
    match command {
        // These read and check the catalogs themselves, and work while one is broken.
        Command::Add(args) => commands::add::run(&paths, &selection, &args, style.width),
        Command::Edit(args) => commands::edit::run(&paths, &selection, &args),
        Command::Remove(args) => commands::remove::run(&paths, &selection, &args),
        Command::Catalog(command) => commands::catalog::run(&paths, &selection, &command),
        Command::Doctor(args) => commands::doctor::run(&paths, &selection, &args, style.width),
        Command::Sync(args) => commands::sync::run(&paths, &args, context::now()?),
        Command::List(args) => commands::list::run(&ctx(paths)?, &args),
        Command::Next(args) => commands::next::run(&ctx(paths)?, &args),
        Command::Done(args) => {
            commands::mark::run(&ctx(paths)?, &args.ids, Status::Done, args.on.as_deref())
        }
        Command::Start(args) => {
            commands::mark::run(&ctx(paths)?, &args.ids, Status::Reading, args.on.as_deref())
        }
        Command::Skip(args) => {
            commands::mark::run(&ctx(paths)?, &args.ids, Status::Skipped, args.on.as_deref())
        }
        Command::Reset(args) => commands::reset::run(&ctx(paths)?, &args),
        // These need no catalog, so they work whatever state the catalogs are in.
        Command::Undo => commands::undo::run(&store(paths)?),
        Command::Export(args) if !commands::export::needs_catalog(&args) => {
            commands::export::progress(&store(paths)?, context::now()?, &args)
        }
        // The journal alone: it works while a catalog is broken.
        Command::Log(args) => commands::log::run(&store(paths)?, style, &args),
        Command::Note(args) => commands::note::run(&ctx(paths)?, &args),
        Command::Show(args) => commands::show::run(&ctx(paths)?, &args),
        Command::Stats(args) => commands::stats::run(&ctx(paths)?, &args),
        Command::Open(args) => commands::open::run(&ctx(paths)?, &args),
        Command::Export(args) => commands::export::run(&ctx(paths)?, &args),
        Command::Import(args) => commands::import::run(&ctx(paths)?, &args),
        Command::Graph(args) => commands::graph::run(&ctx(paths)?, &args),
        Command::Review(args) => commands::review::run(&ctx(paths)?, &args),
        Command::Card(command) => commands::card::run(&ctx(paths)?, &command),
        Command::Completions(args) => Ok(commands::completions::run(args.shell)),
        Command::Man => commands::man::run(),
    }
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
            eprintln!("{err}");
            ExitCode::from(exit::FAILURE)
        }
    }
}
