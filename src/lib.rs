//! lpath: a reading-path tracker. Its modules are private, so rustc reports what nothing uses;
//! the one way in is [`main`], the whole program, which the binary calls.

#[macro_use]
extern crate rust_i18n;

// The message files, compiled in; English is the fallback for a key a language lacks.
i18n!("locales", fallback = "en");

mod catalog;
mod cli;
mod commands;
mod context;
mod error;
mod export;
mod filter;
mod fs;
mod i18n;
mod lookup;
mod output;
mod plan;
mod progress;
mod review;
mod settings;
mod stats;
mod sync;
mod text;
mod tui;

pub use commands::main;
