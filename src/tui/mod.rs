//! `lpath tui`, the live full-screen view: its state and keys, drawing, and the terminal; it
//! imports the pure core (catalog, plan, filter, output, text, i18n) and the commands it acts through.

pub mod app;
pub mod script;
pub mod terminal;
pub mod view;

use std::io::IsTerminal;

use crate::context::Context;
use crate::error::{Error, Result};

/// A scripted run for tests and benchmarks: the keys to press (see [`script::keys`]); the last
/// frame is printed instead of drawn on a terminal.
pub const SCRIPT_VAR: &str = "LPATH_TUI_SCRIPT";
/// The scripted run's screen size, `COLUMNSxROWS` (80x24 when unset).
pub const SIZE_VAR: &str = "LPATH_TUI_SIZE";
/// Test-only: panics after the first frame, to show that the terminal is given back.
pub const PANIC_VAR: &str = "LPATH_TUI_PANIC";

pub fn run(ctx: Context) -> Result<String> {
    let app = app::App::new(ctx);
    if let Ok(keys) = std::env::var(SCRIPT_VAR) {
        let size = std::env::var(SIZE_VAR).unwrap_or_default();
        return Ok(script::run(app, &keys, &size));
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::usage(t!("tui.not_a_terminal")).with_hint(t!("tui.not_a_terminal_hint")));
    }
    terminal::run(app)?;
    Ok(String::new())
}
