//! lpath: a reading-path tracker. The binary is a thin shell over these modules.

pub mod bar;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod context;
pub mod error;
pub mod filter;
pub mod history;
pub mod local;
pub mod paths;
pub mod plan;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod sources;
pub mod stats;
pub mod store;
