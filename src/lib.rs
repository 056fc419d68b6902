//! lpath: a reading-path tracker. The binary is a thin shell over these modules.

#[macro_use]
extern crate rust_i18n;

// The message files, compiled in; English is the fallback for a key a language lacks.
i18n!("locales", fallback = "en");

pub mod backdate;
pub mod bar;
pub mod bibtex;
pub mod cache;
pub mod catalog;
pub mod catalog_file;
pub mod cli;
pub mod codec;
pub mod color;
pub mod commands;
pub mod context;
pub mod entries;
pub mod error;
pub mod exchange;
pub mod fetch;
pub mod files;
pub mod filter;
pub mod glyphs;
pub mod graph;
pub mod help;
pub mod history;
pub mod i18n;
pub mod incoming;
pub mod layout;
pub mod list_table;
pub mod local;
pub mod markdown;
pub mod markup;
pub mod merge;
pub mod metadata;
pub mod paths;
pub mod plan;
pub mod progress;
pub mod progress_text;
pub mod render;
pub mod resolve;
pub mod roadmap;
pub mod sanitize;
pub mod sources;
pub mod stamp;
pub mod stats;
pub mod store;
pub mod svg;
pub mod sync;
pub mod text;
