//! A paper's metadata from arXiv and doi.org: the one network edge of `add`.

pub mod fetch;
pub mod metadata;
