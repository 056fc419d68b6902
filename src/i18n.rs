//! Every word lpath says, from the message files `locales/<lang>.toml`, in the learner's language.
//!
//! Look a message up with `t!("section.key", name = value)` anywhere in the library; the binary
//! (`main.rs`) calls library functions instead, since `t!` resolves its tables through the crate
//! that declared them. `set_lang` runs once, before anything is printed.

use crate::render::Lang;

/// The locale code `t!` looks messages up in.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

/// Makes `lang` the language of every message from now on.
pub fn set_lang(lang: Lang) {
    rust_i18n::set_locale(code(lang));
}

/// The plural form English needs for `count`: a message `x` with a number has `x.one` and
/// `x.other` in every message file (Chinese has one form; its files repeat it).
pub fn plural(count: u64) -> &'static str {
    if count == 1 { "one" } else { "other" }
}

/// A message with a count in it, in the right plural form: `counted("common.entries", 3)`
/// is "3 entries". Any further placeholders are filled by `t!` on the key it returns.
pub fn counted(key: &str, count: u64) -> String {
    let key = format!("{key}.{}", plural(count));
    t!(&key, count = count).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_plural_form_english_needs() {
        assert_eq!(
            t!("common.entries.one", locale = "en", count = 1),
            "1 entry"
        );
        assert_eq!(plural(0), "other");
        assert_eq!(plural(1), "one");
        assert_eq!(plural(2), "other");
    }

    #[test]
    fn chinese_messages_come_from_the_chinese_file() {
        assert_eq!(
            t!("common.entries.other", locale = "zh", count = 3),
            "3 个条目"
        );
    }
}
