//! The drawing characters: Unicode when the locale is UTF-8, ASCII otherwise, the same for every
//! table, heading, bar and tree, on a terminal or not.

use crate::progress::model::Status;

/// The characters lpath draws with, chosen once from the locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    /// The line under a table's header.
    pub rule: char,
    /// Before a track's heading.
    pub heading: &'static str,
    /// Before a companion, under its entry.
    pub companion: &'static str,
    /// Between facts on one line.
    pub dot: &'static str,
    /// Where a title was cut.
    pub ellipsis: &'static str,
    /// From one state to the next, or from an entry to what it needs.
    pub arrow: &'static str,
    /// A tree's branches: a child, the last child, and the line past a child to its siblings.
    pub branch: &'static str,
    pub last_branch: &'static str,
    pub trunk: &'static str,
    /// Before an entry in `lpath tui`: done, reading, skipped, ready, waiting.
    pub marks: [&'static str; 5],
}

pub const UNICODE: Glyphs = Glyphs {
    rule: '─',
    heading: "▸",
    companion: "↳",
    dot: "·",
    ellipsis: "…",
    arrow: "→",
    branch: "├── ",
    last_branch: "└── ",
    trunk: "│   ",
    marks: ["✓", "»", "–", "○", "·"],
};

pub const ASCII: Glyphs = Glyphs {
    rule: '-',
    heading: ">",
    companion: "+",
    dot: "-",
    ellipsis: "...",
    arrow: "->",
    branch: "|-- ",
    last_branch: "`-- ",
    trunk: "|   ",
    marks: ["x", ">", "-", "o", "."],
};

impl Glyphs {
    pub fn new(unicode: bool) -> Glyphs {
        if unicode { UNICODE } else { ASCII }
    }

    /// An entry's mark in `lpath tui`: its status; for one not yet read, whether it is ready.
    pub fn mark(&self, status: Status, ready: bool) -> &'static str {
        match status {
            Status::Done => self.marks[0],
            Status::Reading => self.marks[1],
            Status::Skipped => self.marks[2],
            Status::Todo if ready => self.marks[3],
            Status::Todo => self.marks[4],
        }
    }

    /// `text`, a message whose facts the message files join with ` · `, with this locale's dot.
    pub fn dots(&self, text: &str) -> String {
        text.replace(" · ", &format!(" {} ", self.dot))
    }
}

/// Whether the locale asks for UTF-8: the first of LC_ALL, LC_CTYPE and LANG that is set decides.
pub fn utf8_locale(get: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|var| get(var).filter(|v| !v.is_empty()))
        .is_some_and(|value| {
            let value = value.to_ascii_lowercase();
            value.contains("utf-8") || value.contains("utf8")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_read_from_the_first_locale_variable_set() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |var: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == var)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(utf8_locale(env(&[("LANG", "en_US.UTF-8")])));
        assert!(utf8_locale(env(&[("LC_CTYPE", "zh_CN.utf8")])));
        assert!(!utf8_locale(env(&[
            ("LC_ALL", "C"),
            ("LANG", "en_US.UTF-8")
        ])));
        assert!(utf8_locale(env(&[("LC_ALL", ""), ("LANG", "C.UTF-8")])));
        assert!(!utf8_locale(env(&[])));
    }
}
