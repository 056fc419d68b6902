//! The command line, as clap derive types. Nothing else in lpath sees these types' parsing.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::progress::Status;

const AFTER_HELP: &str = "\
Progress is kept in progress.toml in the config dir: $LPATH_CONFIG_DIR when set (an absolute
path), otherwise the platform config dir (on Linux $XDG_CONFIG_HOME/lpath or ~/.config/lpath).

An ID may be an entry id, an alias, a unique prefix of one, or the row number `lpath list` shows.
With no command, lpath runs `lpath next`.";

/// The hidden command the completion scripts call for entry ids. It is read before clap parses,
/// not declared as a subcommand, because clap_complete offers hidden subcommands too.
pub const IDS_COMMAND: &str = "__ids";

#[derive(Debug, Parser)]
#[command(
    name = "lpath",
    version,
    about = "Follow a reading path through large language models, and keep track of what you have read",
    after_help = AFTER_HELP,
    max_term_width = 100
)]
pub struct Cli {
    /// Language of summaries, track titles and words [default: zh when LC_ALL, LC_MESSAGES or
    /// LANG starts with `zh`, else en]
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
    /// When to colour statuses: auto means on a terminal and NO_COLOR unset
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorWhen::Auto
    )]
    pub color: ColorWhen,
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
    /// Show what to read now, and what helps you in
    Next(NextArgs),
    /// Open an entry's URL in your browser, and print it
    Open(OpenArgs),
    /// Write your reading log (Markdown), the papers (BibTeX) or your progress (JSON)
    Export(ExportArgs),
    /// Merge progress from another machine: an `lpath export --format json` file or a progress.toml
    Import(ImportArgs),
    /// Show which entries must be read before which
    Graph(GraphArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Zh,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

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
pub struct ListArgs {
    /// Print a JSON array, one object per entry
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

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Entry id, alias, unique prefix or row number
    #[arg(value_name = "ID")]
    pub id: String,
    /// Open the entry's first unread companion instead
    #[arg(long)]
    pub companion: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A reading log by track, with statuses, dates and notes
    Markdown,
    /// The papers, as a bibliography
    Bibtex,
    /// Your progress, as `lpath import` reads it
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
    /// Write to FILE instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only entries with these statuses (comma-separated or repeated)
    #[arg(long, value_enum, value_name = "STATUS", value_delimiter = ',')]
    pub status: Vec<StatusArg>,
    /// Only entries in these tracks (comma-separated or repeated)
    #[arg(long, value_name = "TRACK", value_delimiter = ',')]
    pub track: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to merge in, or `-` for stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// A tree in the terminal, with statuses
    Text,
    /// Graphviz, for `dot -Tsvg`
    Dot,
    /// Mermaid, which GitHub renders in Markdown
    Mermaid,
    /// Nodes and edges as JSON
    Json,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// How to draw it
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = GraphFormat::Text)]
    pub format: GraphFormat,
    /// The same as `--format json`
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Only entries in these tracks, with what they require from other tracks
    #[arg(long, value_name = "TRACK", value_delimiter = ',')]
    pub track: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
