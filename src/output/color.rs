//! Whether output is coloured, and the one palette of styles every command paints with.

use std::ffi::OsStr;

use anstyle::{AnsiColor, Style as Paint};

use crate::cli::args::ColorWhen;
use crate::progress::model::Status;

/// The single decision: `always` and `never` win; `auto` colours a terminal unless `NO_COLOR` is
/// set to anything but the empty string (<https://no-color.org>).
pub fn enabled(when: ColorWhen, stdout_is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => stdout_is_terminal && no_color.is_none_or(OsStr::is_empty),
    }
}

/// How anstream should treat what lpath prints: colour kept, or every escape stripped.
pub fn choice(on: bool) -> anstream::ColorChoice {
    if on {
        anstream::ColorChoice::Always
    } else {
        anstream::ColorChoice::Never
    }
}

pub const HEADING: Paint = Paint::new().bold();
pub const FAINT: Paint = Paint::new().dimmed();

pub fn status(status: Status) -> Paint {
    match status {
        Status::Done => AnsiColor::Green.on_default(),
        Status::Reading => AnsiColor::Yellow.on_default().bold(),
        Status::Skipped => AnsiColor::BrightBlack.on_default(),
        Status::Todo => Paint::new(),
    }
}

/// `text` wrapped in the style's escapes when colour is on, else as it is.
pub fn paint(text: &str, style: Paint, on: bool) -> String {
    if on && style != Paint::new() {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_flag_then_the_terminal_then_no_color() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        let table = [
            (ColorWhen::Always, false, set, true),
            (ColorWhen::Never, true, None, false),
            (ColorWhen::Auto, true, None, true),
            (ColorWhen::Auto, true, empty, true),
            (ColorWhen::Auto, true, set, false),
            (ColorWhen::Auto, false, None, false),
        ];
        for (when, terminal, no_color, expected) in table {
            assert_eq!(
                enabled(when, terminal, no_color),
                expected,
                "{when:?}, terminal {terminal}, NO_COLOR {no_color:?}"
            );
        }
    }

    #[test]
    fn paint_adds_escapes_only_when_on_and_styled() {
        let done = status(Status::Done);
        assert_eq!(paint("done", done, false), "done");
        assert_eq!(paint("todo", status(Status::Todo), true), "todo");
        let painted = paint("done", done, true);
        assert!(
            painted.starts_with('\u{1b}') && painted.contains("done"),
            "{painted:?}"
        );
    }
}
