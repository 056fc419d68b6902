//! lpath: a reading-path tracker. The binary is a thin shell over these modules.

pub mod bar;
pub mod cache;
pub mod catalog;
pub mod cli;
pub mod codec;
pub mod commands;
pub mod context;
pub mod entries;
pub mod error;
pub mod filter;
pub mod history;
pub mod local;
pub mod paths;
pub mod plan;
pub mod progress;
pub mod progress_text;
pub mod render;
pub mod resolve;
pub mod sources;
pub mod stats;
pub mod store;
