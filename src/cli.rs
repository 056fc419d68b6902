//! The command line, as clap derive types. Nothing else in lpath sees these types' parsing.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::progress::Status;

const AFTER_HELP: &str = "\
Progress is kept in progress.toml in the config dir: $LPATH_CONFIG_DIR when set (an absolute
path), otherwise the platform config dir (on Linux $XDG_CONFIG_HOME/lpath or ~/.config/lpath);
what `lpath undo` can revert is kept beside it in history.toml.

An ID may be an entry id, an alias, a unique prefix of one, or the row number `lpath list` shows.
With no command, lpath runs `lpath next`.";

#[derive(Debug, Parser)]
#[command(
    name = "lpath",
    version,
    about = "Follow a reading path through large language models, and keep track of what you have read",
    after_help = AFTER_HELP,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the whole path, with what you have read
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Mark entries as read
    Done(IdsArgs),
    /// Mark entries as being read; `next` shows them first
    Start(IdsArgs),
    /// Skip entries you already know: they count as covered, never as read
    Skip(IdsArgs),
    /// Put entries back to todo
    Reset(ResetArgs),
    /// Revert the most recent change to your progress; repeat to go further back
    Undo,
    /// Add a note to an entry, or print its notes
    Note(NoteArgs),
    /// Show everything about one entry
    Show(ShowArgs),
    /// Show how far you have come: overall and per track
    Stats(StatsArgs),
    /// Show what to read now, and what helps you in
    Next(NextArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print a JSON array, one object per entry
    #[arg(long)]
    pub json: bool,
    /// Only entries with this status
    #[arg(long, value_enum, value_name = "STATUS")]
    pub status: Option<StatusArg>,
    /// Only entries in this track (its id, as `lpath stats` shows it)
    #[arg(long, value_name = "TRACK")]
    pub track: Option<String>,
    /// Only entries of this kind: paper, blog, code, video, book or course
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Only entries whose id, title, authors, summaries or notes contain TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
}

/// A status as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Todo,
    Reading,
    Done,
    Skipped,
}

impl From<StatusArg> for Status {
    fn from(arg: StatusArg) -> Status {
        match arg {
            StatusArg::Todo => Status::Todo,
            StatusArg::Reading => Status::Reading,
            StatusArg::Done => Status::Done,
            StatusArg::Skipped => Status::Skipped,
        }
    }
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Entry ids, aliases, unique prefixes or row numbers
    #[arg(
        value_name = "ID",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub ids: Vec<String>,
    /// Reset every entry (notes are kept); asks first on a terminal
    #[arg(long)]
    pub all: bool,
    /// Do not ask for confirmation (only `--all` asks; it needs this when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// Entry id, alias, unique prefix or row number
    #[arg(value_name = "ID")]
    pub id: String,
    /// The note; the words are joined with spaces. Without it, print the entry's notes
    #[arg(value_name = "TEXT", trailing_var_arg = true)]
    pub text: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Entry id, alias, unique prefix or row number
    #[arg(value_name = "ID")]
    pub id: String,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IdsArgs {
    /// Entry ids, aliases, unique prefixes or row numbers
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
}

#[derive(Debug, Args)]
pub struct NextArgs {
    /// How many entries to show
    #[arg(short = 'n', long = "count", value_name = "N", default_value_t = 3)]
    pub count: usize,
    /// Print a JSON array of the entries, each with its unread companions
    #[arg(long)]
    pub json: bool,
}
