//! Writing to stderr: errors, hints, warnings and questions, each line wrapped to the terminal
//! when stderr is one, and left one line each when it is not, for scripts.

use std::io::{IsTerminal, Write};

use crate::output::render;
use crate::text::width::fit;

/// Writes `text` to stderr, each line wrapped to the terminal and ending in a new line.
pub fn print(text: impl std::fmt::Display) {
    let fitted = fit(&text.to_string(), columns());
    // Nowhere is left to say that stderr is gone.
    let _ = std::io::stderr().lock().write_all(fitted.as_bytes());
}

/// Asks `question` on stderr, wrapped as [`print`] wraps, and leaves the cursor a space after it.
pub fn ask(question: &str) {
    // One column is kept for the space before the answer.
    let fitted = fit(question, columns().map(|c| c.saturating_sub(1)));
    let mut stderr = std::io::stderr().lock();
    let _ = write!(stderr, "{} ", fitted.trim_end_matches('\n'));
    let _ = stderr.flush();
}

/// Ends the line a question left open, when the answer did not (end of input at the prompt).
pub fn end_line() {
    let _ = writeln!(std::io::stderr().lock());
}

/// The columns stderr's lines fit in: `COLUMNS`, else the terminal's own, when stderr is a
/// terminal; `None` when it is not.
fn columns() -> Option<usize> {
    let stderr = std::io::stderr();
    if !stderr.is_terminal() {
        return None;
    }
    render::table_width(
        std::env::var("COLUMNS").ok().as_deref(),
        render::terminal_width(&stderr),
    )
    .map(usize::from)
}
