//! lpath: a reading-path tracker. The binary is a thin shell over these modules.

pub mod bar;
pub mod bibtex;
pub mod catalog;
pub mod cli;
pub mod color;
pub mod commands;
pub mod context;
pub mod error;
pub mod exchange;
pub mod filter;
pub mod graph;
pub mod history;
pub mod local;
pub mod markdown;
pub mod merge;
pub mod paths;
pub mod plan;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod sources;
pub mod stats;
pub mod store;
