//! The reading path: catalog files found, read as untrusted input, validated into one `Catalog`, cached, edited and named.

pub mod cache;
pub mod codec;
pub mod entries;
pub mod entry;
pub mod file;
pub mod links;
pub mod local;
pub mod model;
pub mod resolve;
pub mod sources;
