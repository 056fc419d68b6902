//! A scripted run of the view, for tests and benchmarks: keys pressed one after another on a test
//! backend, and the last frame printed as text.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::text::width::width;
use crate::tui::app::App;
use crate::tui::view;

/// One step of a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Key(KeyEvent),
    Mouse(MouseEvent),
}

/// The steps `script` names: each character is a key, and `<Name>` a named one: `<Up>`, `<Down>`,
/// `<Left>`, `<Right>`, `<Enter>`, `<Esc>`, `<PgUp>`, `<PgDn>`, `<Home>`, `<End>`, `<BS>`,
/// `<C-c>`, `<lt>` (a `<`), `<Click:COLUMN,ROW>`, `<WheelUp>`, `<WheelDown>`. An unknown name is
/// typed as it is.
pub fn keys(script: &str) -> Vec<Step> {
    let key = |code| Step::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let mouse = |kind, column, row| {
        Step::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let mut steps = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let name = rest
            .strip_prefix('<')
            .and_then(|after| after.split_once('>'))
            .map(|(name, _)| name);
        let named = name.and_then(|name| {
            Some(match name {
                "Up" => key(KeyCode::Up),
                "Down" => key(KeyCode::Down),
                "Left" => key(KeyCode::Left),
                "Right" => key(KeyCode::Right),
                "Enter" => key(KeyCode::Enter),
                "Esc" => key(KeyCode::Esc),
                "PgUp" => key(KeyCode::PageUp),
                "PgDn" => key(KeyCode::PageDown),
                "Home" => key(KeyCode::Home),
                "End" => key(KeyCode::End),
                "BS" => key(KeyCode::Backspace),
                "lt" => key(KeyCode::Char('<')),
                "C-c" => Step::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
                "WheelUp" => mouse(MouseEventKind::ScrollUp, 0, 0),
                "WheelDown" => mouse(MouseEventKind::ScrollDown, 0, 0),
                _ => {
                    let (column, row) = name.strip_prefix("Click:")?.split_once(',')?;
                    let (column, row) = (column.parse().ok()?, row.parse().ok()?);
                    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
                }
            })
        });
        match (named, name) {
            (Some(step), Some(name)) => {
                steps.push(step);
                rest = &rest[name.len() + 2..];
            }
            _ => {
                steps.push(key(KeyCode::Char(c)));
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    steps
}

/// `COLUMNSxROWS`, or 80 by 24.
fn size(text: &str) -> (u16, u16) {
    text.split_once('x')
        .and_then(|(w, h)| Some((w.trim().parse().ok()?, h.trim().parse().ok()?)))
        .unwrap_or((80, 24))
}

/// Draws a frame, then each step and a frame after it, and returns the last frame as text.
pub fn run(mut app: App, script: &str, size_: &str) -> String {
    let (width, height) = size(size_);
    let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
    let _ = terminal.draw(|frame| view::draw(frame, &mut app));
    for step in keys(script) {
        if app.quit {
            break;
        }
        match step {
            Step::Key(key) => app.key(key),
            Step::Mouse(mouse) => app.mouse(mouse),
        }
        let _ = terminal.draw(|frame| view::draw(frame, &mut app));
    }
    // The frame as the view made it: the test backend's own copy keeps what a wide character
    // hid in the cell after it, which a real terminal wipes.
    let Ok(last) = terminal.draw(|frame| view::draw(frame, &mut app));
    text(last.buffer)
}

/// A buffer as lines of text, the second half of a wide character left out and the spaces at
/// the end of a line dropped.
pub fn text(buffer: &Buffer) -> String {
    let mut out = String::new();
    let columns = usize::from(buffer.area.width);
    for row in buffer.content.chunks(columns.max(1)) {
        let mut line = String::new();
        let mut skip = 0;
        for cell in row {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = cell.symbol();
            line.push_str(symbol);
            skip = width(symbol).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
