//! The command line, as clap derive types. Nothing else in lpath sees these types' parsing.
//!
//! What each command and option is for lives in the message files (`<command>.help`), set by
//! `help::command`, so the help is in the learner's language.

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::catalog::entry::Kind;
use crate::i18n::{Lang, text};
use crate::progress::model::Status;

/// The hidden command the completion scripts call for entry ids. It is read before clap parses,
/// not declared as a subcommand, because clap_complete offers hidden subcommands too.
pub const IDS_COMMAND: &str = "__ids";

#[derive(Debug, Parser)]
#[command(name = "lpath", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub catalogs: CatalogFlags,
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
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
    #[command(visible_alias = "ls")]
    List(ListArgs),
    Next(NextArgs),
    Done(MarkArgs),
    Start(MarkArgs),
    Skip(MarkArgs),
    Reset(ResetArgs),
    Undo,
    Log(LogArgs),
    Note(NoteArgs),
    Show(ShowArgs),
    Stats(StatsArgs),
    Open(OpenArgs),
    Tui,
    Graph(GraphArgs),
    Export(ExportArgs),
    Import(ImportArgs),
    Sync(SyncArgs),
    Add(Box<AddArgs>),
    Edit(Box<EditArgs>),
    Remove(RemoveArgs),
    #[command(subcommand, arg_required_else_help = false)]
    Catalog(CatalogCommand),
    Doctor(DoctorArgs),
    Completions(CompletionsArgs),
    Man,
    Review(ReviewArgs),
    #[command(subcommand)]
    Card(CardCommand),
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
    #[arg(long = "catalog", value_name = "FILE", global = true)]
    pub catalog: Vec<PathBuf>,
    #[arg(long, global = true)]
    pub no_bundled: bool,
}

/// `add`'s options, shown in `add -h` in the order a person gives them: where to read it, what
/// it is, where it goes on the path, then the rest. Where to read it is checked by `add` itself,
/// so that its absence is said in words.
#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(value_name = "NEW_ID")]
    pub id: Option<String>,
    #[arg(long, value_name = "TITLE", display_order = 4)]
    pub title: Option<String>,
    #[arg(long, value_name = "DOI", display_order = 3)]
    pub doi: Option<String>,
    #[arg(long, display_order = 30)]
    pub offline: bool,
    #[arg(long, display_order = 31)]
    pub force: bool,
    #[arg(long, value_name = "KIND", display_order = 5, value_parser = PossibleValuesParser::new(Kind::ALL.map(Kind::as_str)))]
    pub kind: Option<String>,
    #[command(flatten)]
    pub fields: EntryFields,
}

/// What `add` sets on a new entry and `edit` changes on one of yours.
#[derive(Debug, Args)]
pub struct EntryFields {
    #[arg(long, value_name = "URL", display_order = 1)]
    pub url: Option<String>,
    // Not `ID`: that value name makes completion offer entry ids.
    #[arg(long, value_name = "ARXIV_ID", display_order = 2)]
    pub arxiv: Option<String>,
    #[arg(long, value_name = "TRACK", display_order = 10)]
    pub track: Option<String>,
    #[arg(long, value_name = "TITLE", requires = "track", display_order = 11)]
    pub track_title: Option<String>,
    #[arg(long, value_name = "YEAR", display_order = 7)]
    pub year: Option<i32>,
    #[arg(long = "author", value_name = "NAME", display_order = 6)]
    pub authors: Vec<String>,
    #[arg(long = "requires", value_name = "ID", display_order = 12)]
    pub requires: Vec<String>,
    #[arg(long, value_name = "ID", display_order = 13)]
    pub companion_of: Option<String>,
    #[arg(long, value_name = "MINUTES", display_order = 8)]
    pub minutes: Option<u32>,
    #[arg(long, value_name = "TEXT", display_order = 9)]
    pub summary: Option<String>,
    #[arg(long = "alias", value_name = "NEW_ID", display_order = 16)]
    pub aliases: Vec<String>,
    #[arg(long, value_name = "LABEL", display_order = 14)]
    pub label: Option<String>,
    #[arg(long, value_name = "LANG", display_order = 15)]
    pub resource_lang: Option<String>,
    #[arg(long = "question", value_name = "QUESTION", requires = "answers")]
    pub questions: Vec<String>,
    #[arg(long = "answer", value_name = "ANSWER", requires = "questions")]
    pub answers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(long, value_name = "TITLE", display_order = 4)]
    pub title: Option<String>,
    #[arg(long, value_name = "KIND", display_order = 5, value_parser = PossibleValuesParser::new(Kind::ALL.map(Kind::as_str)))]
    pub kind: Option<String>,
    #[command(flatten)]
    pub fields: EntryFields,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
    #[arg(long, conflicts_with = "keep_local")]
    pub accept_remote: bool,
    #[arg(long)]
    pub keep_local: bool,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    Init(SyncInitArgs),
}

#[derive(Debug, Args)]
pub struct SyncInitArgs {
    #[arg(value_name = "REMOTE")]
    pub remote: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    Check(CheckArgs),
    Path,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(short, long, value_enum, value_name = "STATUS", value_delimiter = ',')]
    pub status: Vec<StatusArg>,
    #[arg(short, long, value_name = "TRACK", value_delimiter = ',')]
    pub track: Vec<String>,
    #[arg(short, long, value_name = "KIND", value_delimiter = ',')]
    pub kind: Vec<String>,
    #[arg(short = 'S', long, value_name = "TEXT")]
    pub search: Option<String>,
    #[arg(short, long)]
    pub wrap: bool,
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
    #[arg(
        value_name = "ID",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub ids: Vec<String>,
    #[arg(long)]
    pub all: bool,
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(value_name = "TEXT", trailing_var_arg = true)]
    pub text: Vec<String>,
    #[arg(long, value_name = "N", conflicts_with_all = ["text", "edit"])]
    pub delete: Option<usize>,
    #[arg(long, value_name = "N", requires = "text")]
    pub edit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    #[arg(short = 'n', long = "count", value_name = "N", default_value_t = 10)]
    pub count: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

#[derive(Debug, Args)]
pub struct NextArgs {
    #[arg(short = 'n', long = "count", value_name = "N", default_value_t = crate::plan::NEXT_COUNT)]
    pub count: usize,
    #[arg(short, long, value_name = "TRACK", value_delimiter = ',')]
    pub track: Vec<String>,
    #[arg(long)]
    pub json: bool,
    #[arg(long, value_name = "LANG")]
    pub prefer: Option<String>,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(long)]
    pub companion: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    #[value(help = text("export.help.format_markdown"))]
    Markdown,
    #[value(help = text("export.help.format_bibtex"))]
    Bibtex,
    #[value(help = text("export.help.format_json"))]
    Json,
    #[value(help = text("export.help.format_html"))]
    Html,
    #[value(help = text("review.export_help"))]
    Anki,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(short, long, value_enum, value_name = "STATUS", value_delimiter = ',')]
    pub status: Vec<StatusArg>,
    #[arg(short, long, value_name = "TRACK", value_delimiter = ',')]
    pub track: Vec<String>,
    #[arg(long)]
    pub notes: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    #[value(help = text("graph.help.format_text"))]
    Text,
    #[value(help = text("graph.help.format_dot"))]
    Dot,
    #[value(help = text("graph.help.format_mermaid"))]
    Mermaid,
    #[value(help = text("graph.help.format_json"))]
    Json,
    #[value(help = text("graph.help.format_svg"))]
    Svg,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = GraphFormat::Text)]
    pub format: GraphFormat,
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    #[arg(short, long, value_name = "TRACK", value_delimiter = ',')]
    pub track: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    #[arg(long)]
    pub fix: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReviewArgs {
    #[command(subcommand)]
    pub command: Option<ReviewCommand>,
    #[arg(long)]
    pub list: bool,
    #[arg(long, requires = "list")]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    Grade(GradeArgs),
}

#[derive(Debug, Args)]
pub struct GradeArgs {
    #[arg(value_name = "CARD")]
    pub card: String,
    #[arg(value_enum, value_name = "GRADE")]
    pub grade: GradeArg,
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

/// A grade as typed on the command line: the English word, or the Chinese one the review screen
/// shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GradeArg {
    #[value(alias = "忘了")]
    Again,
    #[value(alias = "困难")]
    Hard,
    #[value(alias = "良好")]
    Good,
    #[value(alias = "简单")]
    Easy,
}

#[derive(Debug, Subcommand)]
pub enum CardCommand {
    Add(CardAddArgs),
    Edit(CardEditArgs),
    Delete(CardDeleteArgs),
}

#[derive(Debug, Args)]
pub struct CardAddArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(long, value_name = "QUESTION")]
    pub question: String,
    #[arg(long, value_name = "ANSWER")]
    pub answer: String,
}

#[derive(Debug, Args)]
pub struct CardEditArgs {
    #[arg(value_name = "CARD")]
    pub card: String,
    #[arg(long, value_name = "QUESTION", required_unless_present = "answer")]
    pub question: Option<String>,
    #[arg(long, value_name = "ANSWER")]
    pub answer: Option<String>,
}

#[derive(Debug, Args)]
pub struct CardDeleteArgs {
    #[arg(value_name = "CARD")]
    pub card: String,
}
