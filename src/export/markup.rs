//! Untrusted text made safe for HTML and SVG: the one escaping function, and the one link check.
//!
//! Titles, summaries, labels, notes and URLs come from user catalogs and the learner. Everything
//! the roadmap page and the SVG graph show goes through `escape`, and every `href` through `href`.

use crate::catalog::model;
use crate::text::sanitize;

/// `text` as HTML/XML character data or a quoted attribute value: first through the one
/// sanitiser (control, bidi and invisible characters shown as `\u{..}`, which also keeps out
/// what XML forbids), then `& < > " '` as entities.
pub fn escape(text: &str) -> String {
    let text = sanitize::visible_lines(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An escaped `href` value for `url`, only when it is an http(s) address: a `javascript:` or
/// `data:` URL never becomes a live link. Catalogs are checked on load too; this is the last gate.
pub fn href(url: &str) -> Option<String> {
    model::is_web_url(url).then(|| escape(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            escape("a\u{1b}[31mb\u{202E}c\u{0}"),
            r"a\u{1b}[31mb\u{202e}c\u{0}"
        );
        assert_eq!(escape("大语言模型"), "大语言模型");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            href("https://x.org/?a=1&b=\"2\"").as_deref(),
            Some("https://x.org/?a=1&amp;b=&quot;2&quot;")
        );
        assert_eq!(href("HTTP://x.org/").as_deref(), Some("HTTP://x.org/"));
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "vbscript:x",
            "//x.org/",
            "x.org",
            "",
        ] {
            assert_eq!(href(bad), None, "{bad}");
        }
    }
}
