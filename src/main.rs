//! Parse, dispatch, and turn any error into one `lpath: error: ...` line, a hint and an exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::FromArgMatches;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use lpath::cli::{Cli, Command, IDS_COMMAND, LangArg, NextArgs};
use lpath::color;
use lpath::commands;
use lpath::context::{self, Context};
use lpath::error::{Error, exit};
use lpath::paths::Paths;
use lpath::progress::Status;
use lpath::render::{Lang, Style};
use lpath::sources::Selection;
use lpath::store::Store;

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
        let ctx = Paths::from_env().and_then(|paths| context(paths, &Selection::default(), style));
        return match ctx {
            Ok(ctx) => print(&commands::ids::run(&ctx), false),
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
    // Help is worded in the learner's language, which `--lang` may set: look for it first.
    lpath::i18n::set_lang(early_lang());
    let parsed = lpath::help::command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => return clap_exit(err),
    };
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let style = Style {
        color: color::enabled(
            cli.color,
            stdout_is_terminal,
            std::env::var_os("NO_COLOR").as_deref(),
        ),
        unicode: lpath::glyphs::utf8_locale(|var| std::env::var(var).ok()),
        lang: match cli.lang {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Zh) => Lang::Zh,
            None => Lang::from_locale(|var| std::env::var(var).ok()),
        },
        width: lpath::render::table_width(
            std::env::var("COLUMNS").ok().as_deref(),
            terminal_width(),
        ),
    };
    lpath::i18n::set_lang(style.lang);
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

/// The language `--lang` asks for, before the command line is parsed, else the locale's.
fn early_lang() -> Lang {
    // Arguments that are not UTF-8 are clap's to refuse, not a reason to stop here.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let named = args
        .iter()
        .enumerate()
        .find_map(|(i, arg)| match arg.as_str() {
            "--lang" => args.get(i + 1).map(String::as_str),
            _ => arg.strip_prefix("--lang="),
        });
    match named {
        Some("zh") => Lang::Zh,
        Some("en") => Lang::En,
        _ => Lang::from_locale(|var| std::env::var(var).ok()),
    }
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
                eprintln!("{}", lpath::sources::left_out_warning(left));
            }
        })
    };
    match command {
        // These read and check the catalogs themselves, and work while one is broken.
        Command::Add(args) => commands::add::run(&paths, &selection, &args),
        Command::Remove(args) => commands::remove::run(&paths, &selection, &args),
        Command::Catalog(command) => commands::catalog::run(&paths, &selection, &command),
        Command::Doctor(args) => commands::doctor::run(&paths, &selection, &args),
        Command::Sync(args) => commands::sync::run(&paths, &args),
        Command::List(args) => commands::list::run(&ctx(paths)?, &args),
        Command::Next(args) => commands::next::run(&ctx(paths)?, &args),
        Command::Done(args) => commands::mark::run(&ctx(paths)?, &args.ids, Status::Done),
        Command::Start(args) => commands::mark::run(&ctx(paths)?, &args.ids, Status::Reading),
        Command::Skip(args) => commands::mark::run(&ctx(paths)?, &args.ids, Status::Skipped),
        Command::Reset(args) => commands::reset::run(&ctx(paths)?, &args),
        // These need no catalog, so they work whatever state the catalogs are in.
        Command::Undo => commands::undo::run(&store(paths)?),
        Command::Export(args) if !commands::export::needs_catalog(&args) => {
            commands::export::progress(&store(paths)?, context::now()?, &args)
        }
        Command::Note(args) => commands::note::run(&ctx(paths)?, &args),
        Command::Show(args) => commands::show::run(&ctx(paths)?, &args),
        Command::Stats(args) => commands::stats::run(&ctx(paths)?, &args),
        Command::Open(args) => commands::open::run(&ctx(paths)?, &args),
        Command::Export(args) => commands::export::run(&ctx(paths)?, &args),
        Command::Import(args) => commands::import::run(&ctx(paths)?, &args),
        Command::Graph(args) => commands::graph::run(&ctx(paths)?, &args),
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
            // clap indents the blank lines of its long layout; no line of lpath's ends in a space.
            let text: String = err
                .render()
                .to_string()
                .lines()
                .map(|line| format!("{}\n", line.trim_end()))
                .collect();
            return print(&text, false);
        }
        ErrorKind::InvalidSubcommand => {
            if let Some(hint) = entry_not_command(&err) {
                let word = invalid_subcommand(&err).unwrap_or_default();
                let message = format!("unrecognized subcommand `{word}`");
                eprintln!("{}", Error::usage(message).with_hint(hint));
                return ExitCode::from(exit::USAGE);
            }
        }
        _ => {}
    }
    let rendered = backticks(&err.render().to_string());
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
    let command = command_path(&rendered);
    // "to pass '--json' as a value, use '-- --json'" misleads: `--json` was meant as an option.
    let tip = lines
        .find_map(|l| l.strip_prefix("tip: "))
        .filter(|tip| !tip.starts_with("to pass "));
    let choices = match err.get(ContextKind::ValidValue) {
        Some(ContextValue::Strings(values)) if !values.is_empty() => {
            Some(format!("possible values: {}", values.join(", ")))
        }
        _ => None,
    };
    let unknown_option = match (err.kind(), err.get(ContextKind::InvalidArg)) {
        (ErrorKind::UnknownArgument, Some(ContextValue::String(arg))) if arg.starts_with('-') => {
            Some(arg.as_str())
        }
        _ => None,
    };
    let hint = match (tip, choices, unknown_option) {
        (Some(tip), Some(choices), _) => format!("{tip}; {choices}"),
        (None, Some(choices), _) => choices,
        (Some(tip), None, _) => format!("{tip}; see `{command} --help`"),
        (None, None, Some(option)) => options_hint(&command, option),
        (None, None, None) => format!("see `{command} --help` for what it accepts"),
    };
    eprintln!("{}", Error::usage(message).with_hint(hint));
    ExitCode::from(exit::USAGE)
}

/// The word clap took for a subcommand and found none by that name.
fn invalid_subcommand(err: &clap::Error) -> Option<String> {
    match err.get(ContextKind::InvalidSubcommand) {
        Some(ContextValue::String(word)) => Some(word.clone()),
        _ => None,
    }
}

/// When the first word is an entry rather than a command (`lpath bert`), what to type instead.
fn entry_not_command(err: &clap::Error) -> Option<String> {
    let word = invalid_subcommand(err)?;
    let catalog = Paths::from_env()
        .and_then(|paths| context::load_catalog(&paths, &Selection::default()))
        .ok()?;
    let index = lpath::resolve::entry(&catalog, &word).ok()?;
    Some(lpath::help::id_not_command(&catalog.entries[index].id))
}

/// clap's message with its 'quotes' made lpath's `backticks`, so that every error quotes alike.
/// Only a quote that opens after a space, colon or bracket and closes before one is changed: an
/// apostrophe in a word (`doesn't`) is left alone.
fn backticks(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let opens =
            chars[i] == '\'' && (i == 0 || matches!(chars[i - 1], ' ' | '(' | '[' | ':' | '\n'));
        let close = opens
            .then(|| (i + 1..chars.len()).find(|&j| chars[j] == '\'' || chars[j] == '\n'))
            .flatten()
            .filter(|&j| {
                chars[j] == '\''
                    && j > i + 1
                    && chars.get(j + 1).is_none_or(|c| {
                        c.is_whitespace() || matches!(c, ')' | ']' | ',' | ';' | '.' | ':')
                    })
            });
        match close {
            Some(j) => {
                out.push('`');
                out.extend(&chars[i + 1..j]);
                out.push('`');
                i = j + 1;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// The command a usage error is about, `lpath note` or `lpath` for the top level: from clap's
/// `Usage: lpath note <ID> [TEXT]...` line, or, for errors printed without one, from the words
/// on the command line that name subcommands.
fn command_path(rendered: &str) -> String {
    use clap::CommandFactory;
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
    for arg in std::env::args().skip(1) {
        // Words that name no subcommand here are options and their values, or ids.
        let Some(sub) = cmd.find_subcommand(&arg).cloned() else {
            continue;
        };
        path.push(sub.get_name().to_string());
        cmd = sub;
    }
    path.join(" ")
}

/// For an option `command` does not take: the options it does take, and where they are explained.
fn options_hint(command: &str, option: &str) -> String {
    use clap::CommandFactory;
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
        (true, _) => "it takes only the global options".to_string(),
        (false, true) => format!("it takes {}", own.join(", ")),
        (false, false) => format!("it takes {} and the global options", own.join(", ")),
    };
    format!("`{command}` has no `{option}` option; {takes} (see `{command} --help`)")
}
