//! The real terminal: raw mode, the alternate screen and the mouse taken and always given back
//! (on quit, on a panic, on SIGTERM, SIGINT and SIGHUP, around Ctrl-Z), keys and the progress
//! file watched, a frame drawn after each.

use std::io::{Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use crate::error::{Error, Result};
use crate::tui::app::App;
use crate::tui::view;

/// How often the progress file is looked at (its size and time, not its text) while no key comes.
const TICK: Duration = Duration::from_millis(200);

pub fn run(mut app: App) -> Result<()> {
    let signal = Arc::new(AtomicUsize::new(0));
    for number in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register_usize(number, Arc::clone(&signal), number as usize)
            .map_err(|err| terminal_error(&err))?;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        give_back();
        previous(info);
    }));
    take().map_err(|err| {
        give_back();
        terminal_error(&err)
    })?;
    let result = event_loop(&mut app, &signal);
    give_back();
    let number = signal.load(Ordering::SeqCst);
    if number != 0 {
        // Ends as the signal would have, now that the terminal is back as it was.
        let _ = signal_hook::low_level::emulate_default_handler(number as i32);
    }
    result
}

fn event_loop(app: &mut App, signal: &AtomicUsize) -> Result<()> {
    let mut terminal = new_terminal()?;
    let progress = app.ctx.paths.progress();
    let mut seen = signature(&progress);
    let panic_after_first_frame = std::env::var_os(super::PANIC_VAR).is_some();
    while !app.quit && signal.load(Ordering::SeqCst) == 0 {
        terminal
            .draw(|frame| view::draw(frame, app))
            .map_err(|e| terminal_error(&e))?;
        if panic_after_first_frame {
            panic!("{}", super::PANIC_VAR);
        }
        if event::poll(TICK).map_err(|e| terminal_error(&e))? {
            match event::read().map_err(|e| terminal_error(&e))? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if key.code == KeyCode::Char('z') && key.modifiers == KeyModifiers::CONTROL {
                        suspend()?;
                        // A new one draws every cell again, on the screen `take` cleared.
                        terminal = new_terminal()?;
                    } else {
                        app.key(key);
                    }
                }
                Event::Mouse(mouse) => app.mouse(mouse),
                _ => {}
            }
        }
        let now = signature(&progress);
        if now != seen {
            seen = now;
            app.reload();
        }
    }
    Ok(())
}

/// The progress file's size and time of change: cheap to ask, and different after any write.
fn signature(path: &std::path::Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Raw mode, the alternate screen, the mouse, no cursor.
fn take() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide,
        Clear(ClearType::All)
    )
}

/// The terminal as it was: safe to call twice, and from the panic hook.
fn give_back() {
    let _ = disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

/// Ctrl-Z: the terminal given back, the process stopped as the shell expects; on `fg`, taken
/// again.
fn suspend() -> Result<()> {
    give_back();
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    take().map_err(|e| terminal_error(&e))
}

fn new_terminal() -> Result<Terminal<CrosstermBackend<Stdout>>> {
    Terminal::new(CrosstermBackend::new(std::io::stdout())).map_err(|e| terminal_error(&e))
}

fn terminal_error(err: &std::io::Error) -> Error {
    Error::failure(t!(
        "tui.terminal_failed",
        reason = crate::error::describe_io(err)
    ))
}
