//! What the TOML reader says about a file it cannot read, on one line and in the learner's language.
//!
//! The reader's messages are English phrases (`unclosed table, expected `]``). The common ones are
//! said again from the message files; any other keeps the reader's words as a detail after a
//! sentence in the learner's language, so nothing is lost and nothing is left untranslated.

use crate::i18n::Lang;

/// The reader's phrases lpath knows, longest first where one begins another, and the message-file
/// key that says each (`toml.what.<key>`, with `%{rest}` for what follows the phrase).
const PHRASES: [(&str, &str); 19] = [
    ("unclosed array table", "unclosed_array_table"),
    ("unclosed array", "unclosed_array"),
    ("unclosed table", "unclosed_table"),
    ("unknown field", "unknown_field"),
    ("unknown variant", "unknown_variant"),
    ("missing field", "missing_field"),
    ("duplicate key", "duplicate_key"),
    ("invalid type:", "invalid_type"),
    ("invalid value:", "invalid_value"),
    ("key with no value", "key_with_no_value"),
    ("unexpected content", "unexpected_content"),
    ("invalid basic string", "invalid_string"),
    ("invalid literal string", "invalid_string"),
    ("invalid string", "invalid_string"),
    ("invalid unquoted key", "invalid_key"),
    ("invalid escape sequence", "invalid_escape"),
    ("missing escaped value", "invalid_escape"),
    ("wanted", "wanted"),
    ("extra", "extra"),
];

/// The reader's type names, as `invalid type: integer `3`, expected a string` gives them, and the
/// message-file key that says each (`toml.type.<key>`).
const TYPES: [(&str, &str); 11] = [
    ("string", "string"),
    ("integer", "integer"),
    ("i64", "integer"),
    ("u32", "integer"),
    ("float", "float"),
    ("boolean", "boolean"),
    ("bool", "boolean"),
    ("sequence", "array"),
    ("array", "array"),
    ("map", "table"),
    ("table", "table"),
];

/// `message`, from the TOML reader, as one line of visible text in the current language.
pub fn describe(message: &str) -> String {
    let one = crate::text::sanitize::visible(&message.trim().replace('\n', "; ")).into_owned();
    if crate::i18n::current() == Lang::En {
        return one;
    }
    said_again(&one)
        .map(|said| tidy(&said))
        .unwrap_or_else(|| t!("toml.other", detail = one).into_owned())
}

/// `message` in the message files' words, or `None` when some of it is not a phrase lpath knows.
fn said_again(message: &str) -> Option<String> {
    let (what, expected) = match message.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (message, None),
    };
    let (phrase, key) = PHRASES.iter().find(|(p, _)| what.starts_with(p))?;
    let rest = types(what[phrase.len()..].trim())?;
    let what = t!(&format!("toml.what.{key}"), rest = rest)
        .trim()
        .to_string();
    match expected {
        None => Some(what),
        Some("nothing") => Some(t!("toml.expected_nothing", what = what).into_owned()),
        Some(expected) => {
            let expected = types(expected.strip_prefix("one of ").unwrap_or(expected))?;
            Some(t!("toml.expected", what = what, expected = expected).into_owned())
        }
    }
}

/// `text` with the reader's type names and `or` said in the message files' words, what is quoted
/// (in backticks or double quotes) kept as it is; `None` when any other word is left.
fn types(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| -> Option<()> {
        if word.is_empty() {
            return Some(());
        }
        let said = match word.as_str() {
            "a" | "an" => String::new(),
            "or" => t!("toml.or").trim().to_string(),
            w => match TYPES.iter().find(|(name, _)| *name == w) {
                Some((_, key)) => crate::i18n::text(&format!("toml.type.{key}")),
                None if w.chars().any(|c| c.is_ascii_alphabetic()) => return None,
                None => w.to_string(),
            },
        };
        out.push_str(&said);
        word.clear();
        Some(())
    };
    for c in text.chars() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '`' || c == '"' => {
                flush(&mut word, &mut out)?;
                out.push(c);
                quote = Some(c);
            }
            None if c.is_alphanumeric() || c == '_' => word.push(c),
            None if c == ',' => {
                flush(&mut word, &mut out)?;
                out.push_str(&t!("toml.comma"));
            }
            None => {
                flush(&mut word, &mut out)?;
                out.push(c);
            }
        }
    }
    flush(&mut word, &mut out)?;
    Some(tidy(&out))
}

/// Spaces as the language wants them: none doubled or leading (dropped articles leave them), and
/// none between two characters that are not ASCII (Chinese puts no space between words).
fn tidy(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = String::new();
    for (at, word) in words.iter().enumerate() {
        let before = out.chars().last();
        let joined = before.is_some_and(|c| "、，：".contains(c))
            || (before.is_some_and(|c| !c.is_ascii())
                && word.chars().next().is_some_and(|c| !c.is_ascii()));
        if at > 0 && !joined {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
