//! Untrusted text (catalogs, notes, imports, fetched metadata) made safe to print or export.
//!
//! Every character that could drive a terminal or hide what a reader sees is shown as a visible
//! escape, `\u{1b}`, and nothing else changes: C0 controls (a bare `\r` included), DEL and C1
//! controls (U+009B is a one-character CSI on some terminals), bidi overrides and isolates
//! (U+202A-202E, U+2066-2069) and the invisible formatting characters (U+200B and friends).
//! There is one sanitiser: every output format calls [`visible`] or [`visible_lines`], and
//! every input check calls [`is_hidden`].

use std::borrow::Cow;

/// Whether `c` is a control, bidi or invisible character, which must never be printed raw.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'                  // soft hyphen
            | '\u{034F}'                // combining grapheme joiner
            | '\u{061C}'                // Arabic letter mark
            | '\u{115F}' | '\u{1160}'   // Hangul fillers
            | '\u{17B4}' | '\u{17B5}'   // Khmer inherent vowels
            | '\u{180B}'..='\u{180F}'   // Mongolian variation selectors and vowel separator
            | '\u{200B}'..='\u{200F}'   // zero-width space, joiners, LRM, RLM
            | '\u{2028}' | '\u{2029}'   // line and paragraph separators
            | '\u{202A}'..='\u{202E}'   // bidi embeddings and overrides
            | '\u{2060}'..='\u{206F}'   // word joiner, invisible operators, bidi isolates
            | '\u{3164}'                // Hangul filler
            | '\u{FE00}'..='\u{FE0F}'   // variation selectors
            | '\u{FEFF}'                // byte-order mark, zero-width no-break space
            | '\u{FFA0}'                // halfwidth Hangul filler
            | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotations
            | '\u{1D173}'..='\u{1D17A}' // musical formatting
            | '\u{E0000}'..='\u{E0FFF}' // tags and variation selectors supplement
        )
}

/// Whether `text` holds any character [`is_hidden`] names.
pub fn has_hidden(text: &str) -> bool {
    text.chars().any(is_hidden)
}

/// `text` on one line with every hidden character escaped as `\u{..}`; borrowed when clean.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, |_| false)
}

/// A path as [`visible`] shows text: lossy where it is not UTF-8, hidden characters escaped.
pub fn path(path: &std::path::Path) -> String {
    visible(&path.to_string_lossy()).into_owned()
}

/// [`visible`], but new lines (and tabs) are kept: for multi-line text such as summaries and
/// notes whose format puts each line on a line of its own. A `\r` is escaped, so a line cannot
/// be overwritten from its start.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    escape(text, |c| c == '\n' || c == '\t')
}

fn escape(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let hidden = |c: char| is_hidden(c) && !keep(c);
    // Printable ASCII hides nothing, and most text is that (a list of thousands of lines passes
    // every title through here): skipped 16 bytes at a time, each piece folded without a branch,
    // then a byte at a time. The first other byte starts a character; the search goes on there.
    let printable = |b: &u8| (0x20..0x7f).contains(b);
    let whole = text
        .as_bytes()
        .chunks_exact(16)
        .take_while(|chunk| chunk.iter().fold(true, |all, b| all & printable(b)))
        .count()
        * 16;
    let plain = whole
        + text.as_bytes()[whole..]
            .iter()
            .position(|b| !printable(b))
            .unwrap_or(text.len() - whole);
    let Some(first) = text[plain..].find(hidden).map(|at| plain + at) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if hidden(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `\u{1b}`: lowercase hex, as Rust writes it, so it reads as an escape and not as text.
pub fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write;
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_character_anywhere_in_long_plain_text_is_escaped() {
        for at in 0..70 {
            for hidden in ["\u{1b}", "\u{7f}", "\u{202e}", "\u{200b}"] {
                let text = format!("{}{hidden}{}", "a".repeat(at), "b".repeat(40));
                let shown = visible(&text);
                assert!(!shown.contains(hidden), "{at} {hidden:?}: {shown}");
                assert!(shown.starts_with(&"a".repeat(at)), "{at}");
            }
            let plain = format!("{}中文{}", "a".repeat(at), "b".repeat(40));
            assert!(matches!(visible(&plain), Cow::Borrowed(_)), "{at}");
        }
    }

    #[test]
    fn terminal_escapes_bidi_and_invisible_characters_are_shown_escaped() {
        assert_eq!(
            visible("\u{1b}]0;pwned\u{7}\u{1b}[2J\rX"),
            r"\u{1b}]0;pwned\u{7}\u{1b}[2J\u{d}X"
        );
        assert_eq!(visible("a\u{9b}31mb"), r"a\u{9b}31mb");
        assert_eq!(
            visible("\u{202e}evil\u{2066}x\u{2069}\u{200b}"),
            r"\u{202e}evil\u{2066}x\u{2069}\u{200b}"
        );
        assert_eq!(visible("tab\tnew\nline"), r"tab\u{9}new\u{a}line");
        assert_eq!(visible("\u{feff}bom"), r"\u{feff}bom");
    }

    #[test]
    fn clean_text_is_borrowed_and_unchanged_chinese_included() {
        let text = "Attention Is All You Need · 注意力就是一切（图解）";
        assert!(matches!(visible(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn multi_line_text_keeps_its_lines_but_not_a_carriage_return() {
        assert_eq!(
            visible_lines("one\ntwo\r\nthree\r"),
            "one\ntwo\\u{d}\nthree\\u{d}"
        );
    }

    #[test]
    fn every_c1_control_and_bidi_control_is_hidden() {
        for c in ('\u{80}'..='\u{9f}')
            .chain('\u{202a}'..='\u{202e}')
            .chain('\u{2066}'..='\u{2069}')
        {
            assert!(is_hidden(c), "{:x}", c as u32);
        }
        assert!(!is_hidden('a') && !is_hidden('注') && !is_hidden(' '));
    }
}
