//! One file per command; each takes the context and its arguments and returns what to print.

pub mod add;
pub mod catalog;
pub mod doctor;
pub mod list;
pub mod mark;
pub mod next;
pub mod note;
pub mod remove;
pub mod reset;
pub mod show;
pub mod stats;
pub mod undo;
