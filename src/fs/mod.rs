//! The file system edge: where lpath's files live, and the one reader and atomic writer they all go through.

pub mod files;
pub mod paths;
