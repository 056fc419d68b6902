//! A learner's progress: the model, its file format, the store with its lock and undo journal, merging and timestamps.

pub mod backdate;
pub mod history;
pub mod incoming;
pub mod merge;
pub mod model;
pub mod stamp;
pub mod store;
pub mod text;
