//! One file per command; each takes the context and its arguments and returns what to print.

pub mod list;
pub mod mark;
pub mod next;
