//! lpath: a reading-path tracker. The binary is a thin shell over these modules.

pub mod bibtex;
pub mod catalog;
pub mod cli;
pub mod color;
pub mod commands;
pub mod context;
pub mod error;
pub mod exchange;
pub mod graph;
pub mod markdown;
pub mod merge;
pub mod paths;
pub mod plan;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod store;
