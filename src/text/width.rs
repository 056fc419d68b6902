//! Text measured in terminal columns: display width, titles cut with an ellipsis, paragraphs
//! wrapped with a hanging indent; and the line ends of a TOML file as it is read.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// `text` with each CRLF line end read as LF, as TOML allows a parser to read the new lines in a
/// multi-line string: a file saved on Windows (or checked out with git's `autocrlf`) holds the
/// same notes and summaries as the one it came from. A lone `\r` stays, for the checks to refuse.
pub fn lf_line_ends(text: &str) -> Cow<'_, str> {
    if text.contains("\r\n") {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Columns `text` takes in a terminal: an East Asian wide character takes two, a combining mark none.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// `text` cut to at most `columns` columns at a character boundary, ending in `ellipsis` when
/// anything was cut; as it is when it fits.
pub fn cut(text: &str, columns: usize, ellipsis: &str) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let room = columns.saturating_sub(width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    if columns >= width(ellipsis) {
        out.push_str(ellipsis);
    }
    out
}

/// `text` padded with spaces on the right to `columns` columns.
pub fn pad(text: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(width(text));
    format!("{text}{}", " ".repeat(fill))
}

/// `text` broken into lines of at most `columns` columns (a word longer than a line is broken
/// wherever it must), at spaces and between wide characters, which Chinese writes without spaces. The
/// first line starts with `first`, every further line with `rest`: a hanging indent. `None`
/// (no terminal) or a width too small to hold a word keeps each line of the text whole. A text of
/// several lines (a multi-line summary) is wrapped line by line, each starting with `rest`.
pub fn wrap(text: &str, first: &str, rest: &str, columns: Option<usize>) -> Vec<String> {
    if text.contains('\n') {
        // A multi-line TOML string usually ends in a new line, which is no line of its own.
        let text = text.strip_suffix('\n').unwrap_or(text);
        return text
            .split('\n')
            .enumerate()
            .flat_map(|(i, line)| wrap(line, if i == 0 { first } else { rest }, rest, columns))
            .collect();
    }
    let Some(columns) = columns.filter(|&c| c > width(rest) + 8) else {
        return vec![format!("{first}{text}").trim_end().to_string()];
    };
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut line_width = width(first);
    let mut fresh = true;
    // A word wider than a whole line is broken between its characters.
    let room = columns - width(rest);
    let pieces: Vec<&str> = pieces(text)
        .into_iter()
        .flat_map(|piece| {
            if width(piece) > room {
                piece
                    .char_indices()
                    .map(|(at, c)| &piece[at..at + c.len_utf8()])
                    .collect()
            } else {
                vec![piece]
            }
        })
        .collect();
    for piece in pieces {
        let piece_width = width(piece);
        if !fresh && line_width + piece_width > columns {
            lines.push(line.trim_end().to_string());
            line = rest.to_string();
            line_width = width(rest);
            fresh = true;
            if piece == " " {
                continue;
            }
        }
        if fresh && piece == " " {
            continue;
        }
        line.push_str(piece);
        line_width += piece_width;
        fresh = false;
    }
    lines.push(line.trim_end().to_string());
    lines
}

/// The units a line may break between: words, single spaces, and single wide characters; but
/// no line starts with closing punctuation (`，`, `）`, `：`) or ends with opening punctuation
/// (`（`, `「`), as Chinese is set.
fn pieces(text: &str) -> Vec<&str> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        if c == ' ' || char_width(c) == 2 {
            if start < at {
                spans.push((start, at));
            }
            spans.push((at, end));
            start = end;
        }
    }
    if start < text.len() {
        spans.push((start, text.len()));
    }
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (from, to) in spans {
        let joins_previous = text[from..to].starts_with(CLOSING)
            || out
                .last()
                .is_some_and(|&(f, t)| text[f..t].ends_with(OPENING));
        match out.last_mut() {
            Some(last) if joins_previous && &text[last.0..last.1] != " " => last.1 = to,
            _ => out.push((from, to)),
        }
    }
    out.into_iter().map(|(from, to)| &text[from..to]).collect()
}

/// Punctuation a line may not start with, and punctuation it may not end with.
const CLOSING: &[char] = &[
    '，', '。', '、', '：', '；', '！', '？', '）', '」', '』', '】', '》', '〉', '”', '’',
];
const OPENING: &[char] = &['（', '「', '『', '【', '《', '〈', '“', '‘'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_punctuation_stays_with_the_character_it_belongs_to() {
        // 10 columns: `日期（` would end one line and `：` start the next.
        let lines = wrap("默认日期：今天（现在）", "", "", Some(9));
        for line in &lines {
            assert!(!line.starts_with(CLOSING), "{lines:?}");
            assert!(!line.ends_with(OPENING), "{lines:?}");
        }
        assert_eq!(lines.concat(), "默认日期：今天（现在）");
    }

    #[test]
    fn each_line_of_a_multi_line_text_goes_on_with_the_hanging_indent() {
        let text = "line one\nline two";
        assert_eq!(wrap(text, "- ", "  ", None), ["- line one", "  line two"]);
        assert_eq!(
            wrap(text, "- ", "  ", Some(80)),
            ["- line one", "  line two"]
        );
        let ends_in_a_new_line = "line one\n\nline two\n";
        assert_eq!(
            wrap(ends_in_a_new_line, "- ", "  ", None),
            ["- line one", "", "  line two"]
        );
    }

    #[test]
    fn crlf_line_ends_read_as_lf_and_a_lone_cr_stays() {
        assert_eq!(lf_line_ends("a\r\nb\r\n"), "a\nb\n");
        assert_eq!(lf_line_ends("a\rb\n"), "a\rb\n");
        assert!(matches!(lf_line_ends("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("论文"), 4);
        assert_eq!(width("a·b"), 3);
    }

    #[test]
    fn a_cut_ends_in_the_ellipsis_at_a_character_boundary() {
        assert_eq!(
            cut("Attention Is All You Need", 40, "…"),
            "Attention Is All You Need"
        );
        assert_eq!(cut("Attention Is All You Need", 10, "…"), "Attention…");
        assert_eq!(cut("Attention Is All You Need", 13, "..."), "Attention...");
        // A wide character that would straddle the edge is left out whole.
        assert_eq!(cut("系统学习大模型", 6, "…"), "系统…");
        assert_eq!(width(&cut("系统学习大模型", 6, "…")), 5);
        assert_eq!(cut("abc", 0, "…"), "");
    }

    #[test]
    fn wrapping_hangs_further_lines_and_never_leaves_trailing_spaces() {
        let lines = wrap("one two three four five", "  - ", "    ", Some(14));
        assert_eq!(lines, ["  - one two", "    three four", "    five"]);
        for line in &lines {
            assert!(width(line) <= 14 && !line.ends_with(' '));
        }
        assert_eq!(wrap("one two", "- ", "  ", None), ["- one two"]);
    }

    #[test]
    fn chinese_wraps_between_characters() {
        let lines = wrap("一二三四五六七八九十", "", "  ", Some(12));
        assert_eq!(lines, ["一二三四五六", "  七八九十"]);
    }
}
