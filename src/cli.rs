//! The command line, as clap derive types. Nothing else in lpath sees these types' parsing.

use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
Progress is kept in progress.toml in the config dir: $LPATH_CONFIG_DIR when set (an absolute
path), otherwise the platform config dir (on Linux $XDG_CONFIG_HOME/lpath or ~/.config/lpath).

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
    /// Show what to read now, and what helps you in
    Next(NextArgs),
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
