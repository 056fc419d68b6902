//! The command line: clap's types and the help, usage errors and suggestions in the learner's language.

pub mod args;
pub mod help;
