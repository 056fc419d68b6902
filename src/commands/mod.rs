//! One file per command: each takes its arguments (and the context, when it needs the catalog,
//! the clock or the style) and returns what to print.

pub mod add;
pub mod card;
pub mod catalog;
pub mod completions;
pub mod doctor;
pub mod edit;
pub mod entry_fields;
pub mod export;
pub mod graph;
pub mod ids;
pub mod import;
pub mod list;
pub mod log;
pub mod man;
pub mod mark;
pub mod merge_driver;
pub mod next;
pub mod note;
pub mod open;
pub mod remove;
pub mod reset;
pub mod review;
pub mod show;
pub mod stats;
pub mod sync;
pub mod undo;
