//! One file per command; each takes the context and its arguments and returns what to print.

pub mod completions;
pub mod export;
pub mod graph;
pub mod ids;
pub mod import;
pub mod list;
pub mod man;
pub mod mark;
pub mod next;
pub mod open;
