//! `lpath tui`: the path in one live, full-screen view (drawn by `src/tui/`).

use crate::context::Context;
use crate::error::Result;

/// Runs the view until the learner leaves it; prints nothing after (or, for a scripted run, the
/// last frame).
pub fn run(ctx: Context) -> Result<String> {
    crate::tui::run(ctx)
}
