//! The colours of the statuses (and of the page's ready and waiting), in one place for every
//! format that paints them: DOT, Mermaid, the SVG graph and the roadmap page; pure.

use std::fmt::Write;

use crate::progress::model::Status;

/// How one status (or state) is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    /// Its word and shape.
    pub ink: &'static str,
    /// The background of its node or card.
    pub fill: &'static str,
    /// The outline of its node.
    pub line: &'static str,
}

/// The two schemes a page or an SVG follows: the light one is the default, and the only one
/// DOT and Mermaid (which know no dark mode) use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

/// What is painted: the four statuses, and the two states the page tells a todo entry apart by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Painted {
    Status(Status),
    Ready,
    Waiting,
}

impl Painted {
    const ALL: [Painted; 6] = [
        Painted::Status(Status::Todo),
        Painted::Status(Status::Reading),
        Painted::Status(Status::Done),
        Painted::Status(Status::Skipped),
        Painted::Ready,
        Painted::Waiting,
    ];

    /// The CSS class and variable name: `done`, `ready`.
    fn name(self) -> &'static str {
        match self {
            Painted::Status(status) => status.as_str(),
            Painted::Ready => "ready",
            Painted::Waiting => "waiting",
        }
    }
}

const fn paint(ink: &'static str, fill: &'static str, line: &'static str) -> Paint {
    Paint { ink, fill, line }
}

/// Every colour lpath paints with.
pub fn of(painted: Painted, scheme: Scheme) -> Paint {
    use Painted::{Ready, Status as S, Waiting};
    match (scheme, painted) {
        (Scheme::Light, S(Status::Todo)) => paint("#57606a", "#ffffff", "#8c959f"),
        (Scheme::Light, S(Status::Reading)) => paint("#9a6700", "#fff8c5", "#9a6700"),
        (Scheme::Light, S(Status::Done)) => paint("#1a7f37", "#dafbe1", "#1a7f37"),
        (Scheme::Light, S(Status::Skipped)) => paint("#8250df", "#f6f8fa", "#8250df"),
        (Scheme::Light, Ready) => paint("#0969da", "#f3f8ff", "#0969da"),
        (Scheme::Light, Waiting) => paint("#6e7781", "#ffffff", "#8c959f"),
        (Scheme::Dark, S(Status::Todo)) => paint("#9198a1", "#161b22", "#656c76"),
        (Scheme::Dark, S(Status::Reading)) => paint("#d29922", "#272115", "#d29922"),
        (Scheme::Dark, S(Status::Done)) => paint("#3fb950", "#12261e", "#3fb950"),
        (Scheme::Dark, S(Status::Skipped)) => paint("#a371f7", "#1c1f26", "#a371f7"),
        (Scheme::Dark, Ready) => paint("#58a6ff", "#121d2f", "#58a6ff"),
        (Scheme::Dark, Waiting) => paint("#8b949e", "#161b22", "#656c76"),
    }
}

/// A status in the light scheme, for DOT and Mermaid.
pub fn status(status: Status) -> Paint {
    of(Painted::Status(status), Scheme::Light)
}

/// The roadmap page's colour variables: `--done` (ink), `--done-bg` (fill), `--done-line`
/// (outline) for each status and state, light, then dark where the reader prefers it.
pub fn css_variables() -> String {
    let block = |scheme| {
        let mut out = String::new();
        for painted in Painted::ALL {
            let paint = of(painted, scheme);
            let name = painted.name();
            let _ = write!(
                out,
                "--{name}:{};--{name}-bg:{};--{name}-line:{};",
                paint.ink, paint.fill, paint.line
            );
        }
        out
    };
    format!(
        ":root{{{}}}\n@media (prefers-color-scheme:dark){{:root{{{}}}}}\n",
        block(Scheme::Light),
        block(Scheme::Dark)
    )
}

/// The standalone SVG's status rules, with the colours written out (an SVG viewer need not
/// know CSS variables): each status's ink, and its node's fill and outline.
pub fn svg_rules() -> String {
    let rules = |scheme| {
        let mut out = String::new();
        for status in Status::ALL {
            let paint = of(Painted::Status(status), scheme);
            let _ = writeln!(
                out,
                ".{status}{{color:{}}}\n.node.{status} rect{{fill:{};stroke:{}}}",
                paint.ink, paint.fill, paint.line
            );
        }
        out
    };
    format!(
        "{}@media (prefers-color-scheme:dark){{\n{}}}\n",
        rules(Scheme::Light),
        rules(Scheme::Dark)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_colour_is_a_six_digit_hex() {
        for scheme in [Scheme::Light, Scheme::Dark] {
            for painted in Painted::ALL {
                let paint = of(painted, scheme);
                for colour in [paint.ink, paint.fill, paint.line] {
                    assert!(
                        colour.len() == 7
                            && colour.starts_with('#')
                            && colour[1..].bytes().all(|b| b.is_ascii_hexdigit()),
                        "{colour}"
                    );
                }
            }
        }
    }
}
