//! The command line, as clap derive types. Nothing else in lpath sees these types' parsing.

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use crate::catalog::Kind;
use crate::progress::Status;

const AFTER_HELP: &str = "\
Progress is kept in progress.toml in the config dir: $LPATH_CONFIG_DIR when set (an absolute
path), otherwise the platform config dir (on Linux $XDG_CONFIG_HOME/lpath or ~/.config/lpath);
what `lpath undo` can revert is kept beside it in history.toml.

Catalogs are read in this order: the bundled path (unless --no-bundled), every *.toml file in
catalog.d/ in the config dir by file name, then each --catalog FILE. `lpath catalog path` lists them.

An ID may be an entry id, an alias, a prefix of one made of whole words (`attention-is`), or the
row number `lpath list` shows.
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
    #[command(flatten)]
    pub catalogs: CatalogFlags,
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
    /// Show what to read now, and what helps you in
    Next(NextArgs),
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
    /// Open an entry's URL in your browser, and print it
    Open(OpenArgs),
    /// Show which entries must be read before which
    Graph(GraphArgs),
    /// Write your reading log (Markdown), the papers (BibTeX) or your progress (JSON)
    Export(ExportArgs),
    /// Merge progress from another machine: an `lpath export --format json` file or a progress.toml
    Import(ImportArgs),
    /// Keep your progress in step with your other machines, through a git remote
    Sync(SyncArgs),
    /// Add an entry of your own to catalog.d/local.toml
    Add(Box<AddArgs>),
    /// Remove an entry that `lpath add` made; your progress on it is kept
    Remove(RemoveArgs),
    /// Check catalog files, or show where catalogs are read from
    #[command(subcommand, arg_required_else_help = false)]
    Catalog(CatalogCommand),
    /// Check the config dir, progress file, undo history, lock and catalogs
    Doctor(DoctorArgs),
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

/// Which catalogs make up the path; accepted before or after the command.
#[derive(Debug, Args)]
pub struct CatalogFlags {
    /// Also read this catalog file, after the bundled one and catalog.d (repeatable)
    #[arg(long = "catalog", value_name = "FILE", global = true)]
    pub catalog: Vec<PathBuf>,
    /// Leave the bundled path out, to follow only your own catalogs
    #[arg(long, global = true)]
    pub no_bundled: bool,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("link").required(true).multiple(true).args(["url", "arxiv"])))]
pub struct AddArgs {
    /// The new entry's id: kebab-case, like `llama-2`
    #[arg(value_name = "NEW_ID")]
    pub id: String,
    /// Its title
    #[arg(long, value_name = "T")]
    pub title: String,
    /// Where to read it: an http or https address
    #[arg(long, value_name = "U")]
    pub url: Option<String>,
    /// Its arXiv id, like 2307.09288; the URL is then its abstract page, unless --url is given
    #[arg(long, value_name = "ID")]
    pub arxiv: Option<String>,
    /// What it is
    #[arg(long, value_name = "K", default_value = "paper", value_parser = PossibleValuesParser::new(Kind::ALL.map(Kind::as_str)))]
    pub kind: String,
    /// The track to file it under [default: local, created on first use]
    #[arg(long, value_name = "T")]
    pub track: Option<String>,
    /// The year it appeared
    #[arg(long, value_name = "Y")]
    pub year: Option<i32>,
    /// An author (repeatable, in order)
    #[arg(long = "author", value_name = "A")]
    pub authors: Vec<String>,
    /// An entry to read first (repeatable)
    #[arg(long = "requires", value_name = "ID")]
    pub requires: Vec<String>,
    /// The entry this one is a gentler way into
    #[arg(long, value_name = "ID")]
    pub companion_of: Option<String>,
    /// Estimated reading time in minutes (1 to 10000)
    #[arg(long, value_name = "M")]
    pub minutes: Option<u32>,
    /// Why read it, in a sentence or two
    #[arg(long, value_name = "S")]
    pub summary: Option<String>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Make the config dir a git repository (or use the one there), and with REMOTE sync with it
    Init(SyncInitArgs),
}

#[derive(Debug, Args)]
pub struct SyncInitArgs {
    /// A git remote, added as `origin`: a URL (`git@host:me/reading.git`) or a path to a bare repository
    #[arg(value_name = "REMOTE")]
    pub remote: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The id of an entry in catalog.d/local.toml
    #[arg(value_name = "ID")]
    pub id: String,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Validate catalog files together with the bundled one; report every problem, change nothing
    Check(CheckArgs),
    /// Print where catalogs are read from, in order, and which exist
    Path,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to check [default: every catalog in use]
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only entries with these statuses (comma-separated or repeated)
    #[arg(short, long, value_enum, value_name = "STATUS", value_delimiter = ',')]
    pub status: Vec<StatusArg>,
    /// Only entries in these tracks, by id as `lpath stats` shows them (comma-separated or repeated)
    #[arg(short, long, value_name = "TRACK", value_delimiter = ',')]
    pub track: Vec<String>,
    /// Only entries of these kinds: paper, blog, code, video, book or course (comma-separated or
    /// repeated)
    #[arg(short, long, value_name = "KIND", value_delimiter = ',')]
    pub kind: Vec<String>,
    /// Only entries whose id, title, authors, summaries or notes contain TEXT (any case)
    #[arg(short = 'S', long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Show whole titles, going on over further lines, rather than cutting them to fit the terminal
    #[arg(short, long)]
    pub wrap: bool,
    /// Print a JSON array, one object per entry
    #[arg(long)]
    pub json: bool,
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
    /// Entry ids, aliases, whole-word prefixes or row numbers
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
    /// Entry id, alias, whole-word prefix or row number
    #[arg(value_name = "ID")]
    pub id: String,
    /// The note; the words are joined with spaces. Without it, print the entry's notes
    #[arg(value_name = "TEXT", trailing_var_arg = true)]
    pub text: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Entry id, alias, whole-word prefix or row number
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
    /// Entry ids, aliases, whole-word prefixes or row numbers
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
}

#[derive(Debug, Args)]
pub struct NextArgs {
    /// How many entries to show
    #[arg(short = 'n', long = "count", value_name = "N", default_value_t = 3)]
    pub count: usize,
    /// Only entries in these tracks (comma-separated or repeated)
    #[arg(short, long, value_name = "TRACK", value_delimiter = ',')]
    pub track: Vec<String>,
    /// Print a JSON array of the entries, each with its unread companions
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Entry id, alias, whole-word prefix or row number
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
    #[arg(short, long, value_enum, value_name = "STATUS", value_delimiter = ',')]
    pub status: Vec<StatusArg>,
    /// Only entries in these tracks (comma-separated or repeated)
    #[arg(short, long, value_name = "TRACK", value_delimiter = ',')]
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
    /// Only entries in these tracks, with what they require from other tracks (comma-separated or
    /// repeated)
    #[arg(short, long, value_name = "TRACK", value_delimiter = ',')]
    pub track: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Move an unreadable progress file aside to progress.toml.broken-<time> and start afresh;
    /// never deletes anything
    #[arg(long)]
    pub fix: bool,
}
