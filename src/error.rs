//! Errors a person can act on: one message, an optional hint, and the exit code. A module whose
//! callers tell its failures apart has its own `<Module>Error` enum, turned into this one by the
//! command, in the learner's words.

use std::fmt;
use std::path::Path;

/// Exit codes, documented in the README.
pub mod exit {
    /// Anything that is not the caller's fault: unreadable progress, I/O, a broken catalog file.
    pub const FAILURE: u8 = 1;
    /// Bad arguments: unknown or ambiguous id, bad flag, bad `LPATH_CONFIG_DIR`.
    pub const USAGE: u8 = 2;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub hint: Option<String>,
    pub code: u8,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The caller asked for something that cannot be: exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
            code: exit::USAGE,
        }
    }

    /// Something went wrong that the caller did not ask for: exit 1.
    pub fn failure(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
            code: exit::FAILURE,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// An I/O failure on `path`, worded for a person: `action` names message `io.<action>`
    /// (spaces as underscores), "cannot read `%{path}`: %{reason}".
    pub fn io(action: &str, path: &Path, err: &std::io::Error) -> Self {
        let key = format!("io.{}", action.replace(' ', "_"));
        Self::failure(t!(
            &key,
            path = crate::text::sanitize::path(path),
            reason = describe_io(err)
        ))
    }
}

/// `std::io::Error`'s text without the "(os error N)" tail, lowercased like our own messages;
/// in another language, the kinds a person meets in the message files' words, and the error
/// number for the rest (the system's text is English).
pub fn describe_io(err: &std::io::Error) -> String {
    if rust_i18n::locale().to_string() != "en" {
        return translated_io(err);
    }
    let text = err.to_string();
    let text = match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    lowercase_first(&text)
}

fn translated_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    // lpath's own reason (`files.never_replaced`), already in the learner's language.
    if err.raw_os_error().is_none() && err.get_ref().is_some() {
        return err.to_string();
    }
    let kind = match err.kind() {
        K::NotFound => "not_found",
        K::PermissionDenied => "permission_denied",
        K::AlreadyExists => "already_exists",
        K::IsADirectory => "is_a_directory",
        K::NotADirectory => "not_a_directory",
        K::ReadOnlyFilesystem => "read_only",
        K::StorageFull => "storage_full",
        K::QuotaExceeded => "quota_exceeded",
        K::InvalidData => "invalid_data",
        K::UnexpectedEof => "unexpected_eof",
        K::BrokenPipe => "broken_pipe",
        K::TimedOut => "timed_out",
        K::DirectoryNotEmpty => "directory_not_empty",
        K::FileTooLarge => "file_too_large",
        K::Interrupted => "interrupted",
        _ => "other",
    };
    let text = crate::i18n::text(&format!("io.kind.{kind}"));
    match (kind, err.raw_os_error()) {
        // `ErrorKind::FilesystemLoop` is not stable yet: a loop of symlinks by its number.
        #[cfg(unix)]
        ("other", Some(code)) if code == rustix::io::Errno::LOOP.raw_os_error() => {
            crate::i18n::text("io.kind.filesystem_loop")
        }
        ("other", Some(code)) => t!("io.kind.os_error", code = code).into_owned(),
        _ => text,
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The last word on what reaches the terminal: an argument, a path or a variable's value
        // quoted in a message is shown with its control characters escaped.
        let message = crate::text::sanitize::visible_lines(&self.message);
        write!(f, "{}", t!("common.error", message = message))?;
        if let Some(hint) = &self.hint {
            let hint = crate::text::sanitize::visible_lines(hint);
            write!(f, "\n{}", t!("common.hint", hint = hint))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
