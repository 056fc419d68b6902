//! lpath: a reading-path tracker. The binary is a thin shell over these modules.

#[macro_use]
extern crate rust_i18n;

// The message files, compiled in; English is the fallback for a key a language lacks.
i18n!("locales", fallback = "en");

pub mod catalog;
pub mod cli;
pub mod commands;
pub mod context;
pub mod error;
pub mod export;
pub mod filter;
pub mod fs;
pub mod i18n;
pub mod lookup;
pub mod output;
pub mod plan;
pub mod progress;
pub mod review;
pub mod stats;
pub mod sync;
pub mod text;
