//! Every word lpath says, from the message files `locales/<lang>.toml`, in the learner's language.
//!
//! Look a message up with `t!("section.key", name = value)` anywhere in the library; the binary
//! (`main.rs`) calls library functions instead, since `t!` resolves its tables through the crate
//! that declared them. `set_lang` runs once, before anything is printed.

/// The language lpath speaks: `--lang`, else the locale. Read once, before the command line is
/// parsed, and kept as the message files' locale; clap's `--lang` only documents and checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// `zh*` in LC_ALL, LC_MESSAGES or LANG (the first one set) means Chinese.
    pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(value) = get(var).filter(|v| !v.is_empty()) {
                return if value.to_ascii_lowercase().starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }

    /// The locale code of its message file, for `t!("key", locale = lang.code())`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// The language messages are in now.
pub fn current() -> Lang {
    if &*rust_i18n::locale() == "zh" {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Makes `lang` the language of every message from now on.
pub fn set_lang(lang: Lang) {
    rust_i18n::set_locale(lang.code());
}

/// The language of this run, known before the command line is parsed so that help and usage
/// errors are in it too: `--lang` among `args` (before any `--`), else the locale.
pub fn lang_from_args<I, T>(args: I, locale: impl Fn(&str) -> Option<String>) -> Lang
where
    I: IntoIterator<Item = T>,
    T: AsRef<std::ffi::OsStr>,
{
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        let value = match arg.as_ref().to_str() {
            Some("--") => break,
            Some("--lang") => args
                .next()
                .and_then(|v| v.as_ref().to_str().map(str::to_string)),
            Some(other) => other.strip_prefix("--lang=").map(str::to_string),
            None => None,
        };
        match value.as_deref() {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_locale(locale)
}

/// The message `key` in the current language (English when the language lacks it).
pub fn text(key: &str) -> String {
    t!(key).into_owned()
}

/// The message `key`, or `None` when no message file has it: for optional texts.
pub fn try_text(key: &str) -> Option<String> {
    // `t!` answers a key that no message file has with the key itself (rust-i18n 3's `tr!`
    // expansion); no message is its own key.
    let text = t!(key).into_owned();
    (text != key).then_some(text)
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
    fn lang_on_the_command_line_wins_over_the_locale_and_stops_at_a_double_dash() {
        let zh_locale = |var: &str| (var == "LANG").then(|| "zh_CN.UTF-8".to_string());
        let none = |_: &str| None;
        assert_eq!(
            lang_from_args(["lpath", "--lang", "zh", "list"], none),
            Lang::Zh
        );
        assert_eq!(
            lang_from_args(["lpath", "list", "--lang=zh"], none),
            Lang::Zh
        );
        assert_eq!(
            lang_from_args(["lpath", "--lang", "en"], zh_locale),
            Lang::En
        );
        assert_eq!(lang_from_args(["lpath", "list"], zh_locale), Lang::Zh);
        assert_eq!(lang_from_args(["lpath", "--lang", "fr"], none), Lang::En);
        assert_eq!(
            lang_from_args(["lpath", "note", "x", "--", "--lang", "zh"], none),
            Lang::En
        );
    }

    #[test]
    fn an_optional_message_is_none_only_when_no_message_file_has_it() {
        assert_eq!(try_text("no.such.key.anywhere"), None);
        assert_eq!(
            try_text("stats.help.after_help").map(|t| t.is_empty()),
            Some(false)
        );
    }

    #[test]
    fn chinese_messages_come_from_the_chinese_file() {
        assert_eq!(
            t!("common.entries.other", locale = "zh", count = 3),
            "3 个条目"
        );
    }

    #[test]
    fn the_first_locale_variable_set_decides_the_language() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    }
}
