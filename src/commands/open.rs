//! `lpath open`: an entry's URL in the default browser, always printed too, never via a shell.

use crate::catalog::model::is_web_url;
use crate::catalog::resolve;
use crate::cli::args::OpenArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::plan;

/// Chooses the browser: `none` opens nothing (tests, machines without a display); any other
/// value is a program to run with the URL; unset or empty means the desktop's default.
pub const BROWSER_VAR: &str = "LPATH_BROWSER";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Browser {
    Default,
    /// `LPATH_BROWSER=none`: asked to start nothing, so nothing is missing either.
    None,
    Program(String),
    /// Nothing to open with, and why.
    Unavailable(String),
}

impl Browser {
    /// The browser `get` (an environment lookup) asks for.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Browser {
        match get(BROWSER_VAR).as_deref().map(str::trim) {
            Some("none") => Browser::None,
            Some(program) if !program.is_empty() => Browser::Program(program.to_string()),
            _ if needs_display() && !has_display(&get) => {
                Browser::Unavailable(t!("open.no_display").into())
            }
            _ => Browser::Default,
        }
    }

    /// Starts the browser detached, so lpath returns at once; the URL is one argument to a
    /// program, never a line for a shell to parse. Returns why nothing could be opened.
    fn launch(&self, url: &str) -> Result<(), String> {
        let launched = match self {
            Browser::None => return Ok(()),
            Browser::Unavailable(reason) => return Err(reason.clone()),
            Browser::Default => open::that_detached(url),
            Browser::Program(program) => open::with_detached(url, program),
        };
        launched.map_err(|err| crate::error::describe_io(&err))
    }
}

pub fn run(ctx: &Context, args: &OpenArgs) -> Result<String> {
    let catalog = &ctx.catalog;
    let mut target = resolve::entry(catalog, &args.id)?;
    if args.companion {
        let entry = target;
        target = first_unread_companion(ctx, entry)?;
        // stdout stays the URL alone, for scripts; which companion it is goes to stderr.
        let companion = &catalog.entries[target];
        let said = t!(
            "open.companion",
            id = companion.id,
            of = catalog.entries[entry].id,
            title = companion.title
        );
        crate::output::stderr::print(said);
    }
    let url = &catalog.entries[target].url;
    if !is_web_url(url) {
        return Err(Error::failure(t!(
            "open.not_web",
            url = crate::text::sanitize::visible(url)
        ))
        .with_hint(t!("open.not_web_hint")));
    }
    if let Err(reason) = launch(url) {
        // Not an error: the URL is printed, and copying it is all that is left to do.
        let message = t!("open.no_browser", reason = reason);
        crate::output::stderr::print(t!("common.warning", message = message));
    }
    Ok(format!("{url}\n"))
}

/// Opens `url` in the browser `LPATH_BROWSER` names (see [`Browser::from_env`]), or says why not.
pub fn launch(url: &str) -> Result<(), String> {
    Browser::from_env(|var| std::env::var(var).ok()).launch(url)
}

/// Whether the default opener needs an X11 or Wayland display: on Linux and the BSDs, without
/// one `xdg-open` falls back to a text browser that would fight lpath's terminal.
fn needs_display() -> bool {
    cfg!(all(
        unix,
        not(target_os = "macos"),
        not(target_os = "ios"),
        not(target_os = "android")
    ))
}

fn has_display(get: &impl Fn(&str) -> Option<String>) -> bool {
    // WSL opens the Windows browser with no display of its own.
    ["DISPLAY", "WAYLAND_DISPLAY", "WSL_DISTRO_NAME"]
        .iter()
        .any(|var| get(var).is_some_and(|v| !v.is_empty()))
}

fn first_unread_companion(ctx: &Context, entry: usize) -> Result<usize> {
    let catalog = &ctx.catalog;
    let id = &catalog.entries[entry].id;
    if catalog.entries[entry].is_companion() {
        return Err(Error::usage(t!("open.is_companion", id = id))
            .with_hint(t!("open.is_companion_hint", id = id)));
    }
    let companions = catalog.companions(entry);
    if companions.is_empty() {
        return Err(Error::usage(t!("open.no_companions", id = id))
            .with_hint(t!("open.entry_itself", id = id)));
    }
    let progress = ctx.store().load()?;
    // The learner's language first, when config.toml names one, as `next` lists them.
    let mut companions = companions.to_vec();
    if let Some(language) = crate::settings::Settings::load(&ctx.paths)?.prefer {
        plan::language_first(catalog, &mut companions, &language);
    }
    companions
        .iter()
        .copied()
        .find(|&c| !plan::status(catalog, &progress, c).is_covered())
        .ok_or_else(|| {
            Error::usage(t!("open.companions_covered", id = id))
                .with_hint(t!("open.entry_itself", id = id))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn browser_comes_from_the_environment() {
        let display = ("DISPLAY", ":0");
        assert_eq!(Browser::from_env(env(&[display])), Browser::Default);
        assert_eq!(
            Browser::from_env(env(&[display, (BROWSER_VAR, "")])),
            Browser::Default
        );
        assert_eq!(
            Browser::from_env(env(&[display, (BROWSER_VAR, "none")])),
            Browser::None
        );
        assert_eq!(Browser::None.launch("https://example.org"), Ok(()));
        assert_eq!(
            Browser::from_env(env(&[(BROWSER_VAR, "firefox")])),
            Browser::Program("firefox".into())
        );
    }

    #[test]
    fn without_a_display_the_default_browser_is_unavailable_on_linux() {
        let browser = Browser::from_env(env(&[]));
        if needs_display() {
            assert!(matches!(browser, Browser::Unavailable(ref why) if why.contains("DISPLAY")));
        } else {
            assert_eq!(browser, Browser::Default);
        }
        assert_eq!(
            Browser::from_env(env(&[("WAYLAND_DISPLAY", "wayland-0")])),
            Browser::Default
        );
    }

    #[test]
    fn no_browser_says_why_and_starts_nothing() {
        let reason = Browser::Unavailable("because".into())
            .launch("https://example.org")
            .unwrap_err();
        assert_eq!(reason, "because");
    }
}
