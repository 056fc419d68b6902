//! Review cards: their FSRS schedule, the review file's model and text, merging, and which cards a learner has.

pub mod cards;
pub mod model;
pub mod schedule;
pub mod text;
