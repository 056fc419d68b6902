//! Text measured in terminal columns: display width, titles cut with an ellipsis, paragraphs
//! wrapped with a hanging indent; and the line ends of a TOML file as it is read.

use std::borrow::Cow;

use textwrap::WordSeparator;
use textwrap::core::Word;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::UnicodeWidthChar;

/// `text` with each CRLF line end read as LF, as TOML allows a parser to read the new lines in a
/// multi-line string: a file saved on Windows (or checked out with git's `autocrlf`) holds the
/// same notes and summaries as the one it came from. A lone `\r` stays, for the checks to refuse.
pub fn lf_line_ends(text: &str) -> Cow<'_, str> {
    if memchr::memmem::find(text.as_bytes(), b"\r\n").is_some() {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The lines of `text`, split at each `\n` as `str::split` would, but found with SIMD: the
/// progress and review files are read a line at a time, and can run to megabytes.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let end = ends.next().unwrap_or_else(|| {
            done = true;
            text.len()
        });
        let line = text.get(start..end);
        start = end + 1;
        line
    })
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

/// `text` broken into lines of at most `columns` columns by textwrap, at the places Unicode's line
/// breaking rules allow: at spaces and between wide characters (which Chinese writes without
/// spaces), never before closing punctuation (`，`, `）`) nor after opening punctuation (`（`). A
/// URL is never broken, even when wider than a line (a terminal can still open it), and one too
/// wide for what is left of the first line starts the next, alone; a number stays with the word
/// after it (`~3 h`, `45 min`, `约 45 分钟`); a `code span` that fits a line (a command to copy)
/// stays whole; any other word wider than a line is broken wherever it must. The first line starts with `first`, every further line with `rest`: a hanging
/// indent. `None` (no terminal) or a width too small to hold a word keeps each line of the text
/// whole. A text of several lines (a multi-line summary) is wrapped line by line, each starting
/// with `rest`.
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
    let room = columns - width(rest);
    let pieces: Vec<Word> = words(text, room)
        .into_iter()
        .flat_map(|word| {
            if word.width > room && !is_url(word.word) {
                word.break_apart(room).collect()
            } else {
                vec![word]
            }
        })
        .collect();
    let first_room = columns.saturating_sub(width(first));
    let url_overflows = pieces
        .first()
        .is_some_and(|w| is_url(w.word) && w.width > first_room);
    if url_overflows && !first.trim().is_empty() && rest.trim().is_empty() {
        // `url  https://…` would run past the edge: the label alone, the address under it.
        let mut lines = vec![first.trim_end().to_string()];
        lines.extend(wrap(text.trim_start(), rest, rest, Some(columns)));
        return lines;
    }
    let rooms = [first_room as f64, room as f64];
    let mut lines: Vec<String> = wrap_first_fit(&pieces, &rooms)
        .into_iter()
        .enumerate()
        .map(|(i, words)| {
            let mut line = String::from(if i == 0 { first } else { rest });
            for (k, word) in words.iter().enumerate() {
                line.push_str(word.word);
                if k + 1 < words.len() {
                    line.push_str(word.whitespace);
                }
            }
            line.trim_end().to_string()
        })
        .collect();
    if lines.is_empty() {
        lines.push(first.trim_end().to_string());
    }
    lines
}

/// `text` line by line, each line of it wider than `columns` wrapped (see [`wrap`]) with its
/// further lines two columns further in than it starts; every line ends in a new line. `None` (no
/// terminal) leaves every line whole, for scripts. For messages: a table is fitted as it is drawn.
pub fn fit(text: &str, columns: Option<usize>) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    for line in text.lines() {
        if columns.is_some_and(|c| width(line) > c) {
            let body = line.trim_start();
            let indent = &line[..line.len() - body.len()];
            for part in wrap(body, indent, &format!("{indent}  "), columns) {
                out.push_str(&part);
                out.push('\n');
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `text` in at most `lines` lines of `columns` columns (see [`wrap`]), the last line cut with
/// `ellipsis` when the text goes on past it.
pub fn wrap_cut(text: &str, columns: usize, lines: usize, ellipsis: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let mut out = wrap(text, "", "", Some(columns));
    if out.len() > lines && lines > 0 {
        // Each line is a piece of `text` in order: the last one shown goes on to the end.
        let mut at = 0;
        for line in &out[..lines - 1] {
            at += text[at..].find(line.as_str()).unwrap_or(0) + line.len();
        }
        let last = text[at..].trim_start();
        out.truncate(lines - 1);
        out.push(cut(last, columns, ellipsis));
    }
    out
}

/// The words of one line where a line may break: Unicode's line-breaking opportunities, less
/// those inside a URL, inside a `code span` no wider than `room`, and those after a number with
/// the word it counts.
fn words(line: &str, room: usize) -> Vec<Word<'_>> {
    let urls: Vec<(usize, usize)> = line
        .match_indices("http")
        .filter(|&(at, _)| is_url(&line[at..]))
        // An address ends where a space or a character no address is written with (Chinese
        // punctuation, say) begins.
        .map(|(at, _)| {
            let end = line[at..].find(|c: char| c == ' ' || !c.is_ascii_graphic());
            (at, end.map_or(line.len(), |end| at + end))
        })
        .collect();
    let ticks: Vec<usize> = line.match_indices('`').map(|(at, _)| at).collect();
    let spans: Vec<(usize, usize)> = ticks
        .chunks_exact(2)
        .map(|pair| (pair[0], pair[1]))
        .filter(|&(from, to)| width(&line[from..=to]) <= room)
        .collect();
    let kept = |at: usize| {
        let before = &line[..at];
        let inside_whole = urls
            .iter()
            .chain(&spans)
            .any(|&(from, to)| from < at && at < to);
        // Between two narrow characters a line breaks only at a space, as Latin text is set: a
        // path (`/tmp/lpath/progress.toml`) or a `code span` is not broken at its slashes.
        let narrow = |c: Option<char>| c.is_some_and(|c| c != ' ' && char_width(c) == 1);
        let inside_word = narrow(before.chars().next_back()) && narrow(line[at..].chars().next());
        let after_number = before.ends_with(' ')
            && before
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit() || c == '~' || c == '约');
        inside_whole || inside_word || after_number
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for word in WordSeparator::UnicodeBreakProperties.find_words(line) {
        offset += word.word.len() + word.whitespace.len();
        if offset < line.len() && kept(offset) {
            continue;
        }
        let piece = Word::from(&line[start..offset.min(line.len())]);
        if !piece.word.is_empty() {
            out.push(piece);
        }
        start = offset;
    }
    out
}

/// A word that is a web address.
fn is_url(word: &str) -> bool {
    word.starts_with("https://") || word.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Punctuation a line may not start with, and punctuation it may not end with.
    const CLOSING: &[char] = &[
        '，', '。', '、', '：', '；', '！', '？', '）', '」', '』', '】', '》',
    ];
    const OPENING: &[char] = &['（', '「', '『', '【', '《'];

    #[test]
    fn lines_are_what_splitting_at_each_new_line_gives() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "\na",
            "a\nb\n\nc",
            "中\n文\r\n",
            "\n\n",
        ] {
            let ours: Vec<&str> = lines(text).collect();
            let std: Vec<&str> = text.split('\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

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
    fn a_url_is_never_broken_and_a_number_stays_with_its_unit() {
        let url = "https://example.org/a/very/long/path/that/goes/on-and-on";
        let lines = wrap(&format!("read it at {url} today"), "", "  ", Some(20));
        assert!(lines.iter().any(|l| l.trim_start() == url), "{lines:?}");
        for text in ["one two · ~3 h", "one two · ~45 min", "一二三 · 约 45 分钟"] {
            let lines = wrap(text, "", "", Some(12));
            let unit = text.rsplit(" · ").next().unwrap_or_default();
            assert!(lines.iter().any(|l| l.ends_with(unit)), "{lines:?}");
        }
        // Any other word wider than a line is broken to fit.
        let lines = wrap(&"x".repeat(30), "", "", Some(12));
        assert!(lines.iter().all(|l| width(l) <= 12), "{lines:?}");
    }

    #[test]
    fn wrap_cut_ends_its_last_line_with_the_ellipsis_when_more_follows() {
        let lines = wrap_cut("one two three four five six", 10, 2, "…");
        assert_eq!(lines, ["one two", "three fou…"]);
        assert_eq!(wrap_cut("one two", 10, 2, "…"), ["one two"]);
    }

    #[test]
    fn a_code_span_that_fits_a_line_stays_whole() {
        let text = "hint: run `lpath sync init REMOTE` with a git remote";
        let lines = wrap(text, "", "  ", Some(30));
        assert!(
            lines.iter().any(|l| l.trim() == "`lpath sync init REMOTE`"),
            "{lines:?}"
        );
        // One wider than a line breaks at its spaces, as other words do.
        let lines = wrap("`one two three four five six`", "", "", Some(12));
        assert!(lines.iter().all(|l| width(l) <= 12), "{lines:?}");
    }

    #[test]
    fn a_url_too_wide_for_the_first_line_goes_alone_under_its_label() {
        let url = "https://example.org/a/very/long/path/that/goes/on";
        let lines = wrap(url, "  url       ", "            ", Some(40));
        assert_eq!(lines, ["  url".to_string(), format!("            {url}")]);
        assert_eq!(wrap(url, "", "", Some(40)), [url]);
    }

    #[test]
    fn a_url_ends_where_chinese_text_begins() {
        let text = "无法连接 https://example.org/api?id=1：找不到服务器的域名（可能没有联网）";
        let lines = wrap(text, "", "  ", Some(40));
        assert!(lines.iter().all(|l| width(l) <= 40), "{lines:?}");
        assert!(
            lines
                .iter()
                .any(|l| l.contains("https://example.org/api?id=1")),
            "{lines:?}"
        );
    }

    #[test]
    fn fit_wraps_only_the_lines_too_wide_and_hangs_them_under_their_indent() {
        let text = "short\n  one two three four five six\n";
        assert_eq!(
            fit(text, Some(14)),
            "short\n  one two\n    three four\n    five six\n"
        );
        assert_eq!(fit(text, None), text);
        assert_eq!(fit("no new line", Some(80)), "no new line\n");
    }

    #[test]
    fn chinese_wraps_between_characters() {
        let lines = wrap("一二三四五六七八九十", "", "  ", Some(12));
        assert_eq!(lines, ["一二三四五六", "  七八九十"]);
    }
}
