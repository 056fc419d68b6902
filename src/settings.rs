//! The learner's settings, `config.toml` in the config dir: read bounded and checked, never
//! written by lpath (the learner writes it once, by hand).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fs::files::{self, ReadError};
use crate::fs::paths::Paths;
use crate::text::sanitize;

/// A settings file is a few lines; anything larger is not one.
const MAX_BYTES: u64 = 64 * 1024;

/// The keys `config.toml` may hold.
const KEYS: &[&str] = &["prefer"];

/// What the learner said once, for every command that asks.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The language whose companions `next` offers first (`zh`), when the learner named one.
    pub prefer: Option<String>,
}

/// A language code as the catalog's `lang` writes it: `zh`, `en`, `zh-hant`.
pub fn is_language_code(code: &str) -> bool {
    (2..=16).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Settings {
    /// The settings in `paths`' config dir; none when there is no `config.toml`. A file that
    /// cannot be read, is not TOML, holds a key lpath does not know or a value it cannot use,
    /// or is a symlink to a place outside the config dir is an error naming it.
    pub fn load(paths: &Paths) -> Result<Settings> {
        let path = paths.settings();
        if !within_config_dir(&path, &paths.config_dir) {
            return Err(
                Error::failure(t!("settings.outside", path = sanitize::path(&path)))
                    .with_hint(t!("settings.hint")),
            );
        }
        let bytes = match files::read_bounded(&path, MAX_BYTES) {
            Ok(bytes) => bytes,
            Err(ReadError::Missing) => return Ok(Settings::default()),
            Err(ReadError::TooBig(len)) => {
                return Err(unreadable(
                    &path,
                    &t!("settings.too_big", bytes = len, limit = MAX_BYTES),
                ));
            }
            Err(err) => return Err(unreadable(&path, &err.reason())),
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| unreadable(&path, &crate::i18n::text("store.not_utf8")))?;
        parse(&text).map_err(|reason| unreadable(&path, &reason))
    }
}

/// Whether `path` is in `dir`, once symlinks are followed; a path that does not exist yet is.
fn within_config_dir(path: &Path, dir: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return true;
    }
    let target: Option<PathBuf> = std::fs::canonicalize(path).ok();
    let dir = std::fs::canonicalize(dir).ok();
    matches!((target, dir), (Some(target), Some(dir)) if target.starts_with(&dir))
}

fn unreadable(path: &Path, reason: &str) -> Error {
    Error::failure(t!(
        "settings.unreadable",
        path = sanitize::path(path),
        reason = reason
    ))
    .with_hint(t!("settings.hint"))
}

/// The settings `text` holds, or why it holds none lpath can use, in the learner's words.
fn parse(text: &str) -> std::result::Result<Settings, String> {
    let table: toml::Table = text.parse().map_err(|err: toml::de::Error| {
        let (line, column) = err
            .span()
            .map(|s| crate::text::position::line_column(text, s.start))
            .unwrap_or((1, 1));
        let message = crate::text::toml_message::describe(err.message());
        t!("parse.at", line = line, column = column, message = message).into_owned()
    })?;
    let mut settings = Settings::default();
    for (key, value) in &table {
        match (key.as_str(), value) {
            ("prefer", toml::Value::String(code)) if is_language_code(code) => {
                settings.prefer = Some(code.clone());
            }
            ("prefer", other) => {
                return Err(t!(
                    "settings.bad_prefer",
                    value = sanitize::visible(&other.to_string())
                )
                .into_owned());
            }
            (key, _) => {
                return Err(t!(
                    "settings.unknown_key",
                    key = sanitize::visible(key),
                    keys = KEYS.join(", ")
                )
                .into_owned());
            }
        }
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_code_is_short_lowercase_ascii() {
        for good in ["zh", "en", "zh-hant", "yue"] {
            assert!(is_language_code(good), "{good}");
        }
        for bad in ["", "z", "ZH", "中文", "zh_CN", "-zh", &"a".repeat(17)] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }

    #[test]
    fn prefer_is_read_and_anything_else_is_refused() {
        crate::i18n::set_lang(crate::i18n::Lang::En);
        assert_eq!(parse("").unwrap(), Settings::default());
        assert_eq!(
            parse("prefer = \"zh\"\n").unwrap().prefer.as_deref(),
            Some("zh")
        );
        assert!(parse("prefer = 3").unwrap_err().contains("3"));
        assert!(parse("prefer = \"Chinese\"").is_err());
        assert!(parse("colour = \"red\"").unwrap_err().contains("colour"));
        assert!(parse("prefer = ").is_err());
    }
}
