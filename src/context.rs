//! What every command needs: where files live, the catalog, the clock and how to print.

use jiff::Timestamp;

use crate::catalog::cache::Cache;
use crate::catalog::model::Catalog;
use crate::catalog::sources::{self, Selection};
use crate::error::{Error, Result};
use crate::fs::paths::Paths;
use crate::output::render::Style;
use crate::progress::store::Store;

/// Overrides the clock, for tests and reproducible examples: an RFC 3339 timestamp.
pub const NOW_VAR: &str = "LPATH_NOW";

pub struct Context {
    pub paths: Paths,
    pub catalog: Catalog,
    pub style: Style,
    pub now: Timestamp,
}

impl Drop for Context {
    /// A context lives as long as the command, and the process ends right after: freeing a large
    /// catalog (after `list`, every entry's strings, one allocation at a time) would only delay
    /// the exit, as the system takes the memory back at once. Measured: 15% of `next` at 10,000
    /// entries.
    fn drop(&mut self) {
        std::mem::forget(std::mem::take(&mut self.catalog));
    }
}

impl Context {
    /// The learner's time zone (`TZ`, else the system's), for showing stored UTC times.
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::system()
    }

    pub fn store(&self) -> Store {
        Store::new(self.paths.clone()).at(self.now)
    }
}

/// The current time to the second, or `LPATH_NOW` when set.
pub fn now() -> Result<Timestamp> {
    match std::env::var(NOW_VAR) {
        Ok(text) if !text.is_empty() => parse_now(&text),
        _ => Ok(Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_else(|_| Timestamp::now())),
    }
}

/// `LPATH_NOW`'s value as a timestamp, or a usage error that says why not (`stamp` words it: a
/// leap second, a time out of range, or jiff's reason).
fn parse_now(text: &str) -> Result<Timestamp> {
    crate::progress::stamp::parse(text).map_err(|err| {
        Error::usage(t!(
            "context.bad_now",
            var = NOW_VAR,
            value = crate::text::sanitize::visible(text),
            reason = crate::text::sanitize::visible(&err.to_string())
        ))
        .with_hint(t!("context.bad_now_hint", var = NOW_VAR))
    })
}

/// The path: the bundled catalog and the user's, each user file with problems left out (and
/// named in `left_out`, for the caller to warn about). Served
/// from the catalog cache while no catalog file has changed; parsed, checked and cached otherwise.
pub fn load_catalog(paths: &Paths, selection: &Selection) -> Result<Catalog> {
    let locations = sources::locations(paths, selection)?;
    let cache = Cache::from_env()?;
    if let Some(catalog) = cache.as_ref().and_then(|cache| cache.read(&locations)) {
        return Ok(catalog);
    }
    let loaded = sources::load(&locations)?;
    let catalog = loaded
        .usable_catalog()
        .map_err(|problems| sources::broken(&problems))?;
    // Only a whole path is cached: a file left out is parsed again until it is fixed.
    if let Some(cache) = cache
        && catalog.left_out.is_empty()
    {
        cache.write(&loaded, &catalog);
    }
    Ok(catalog)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_out_of_range_now_is_not_a_timestamp_lpath_can_use_and_says_why() {
        let err = parse_now("9999-12-31T23:59:59Z").unwrap_err();
        assert!(
            err.message.starts_with(
                "LPATH_NOW is not a timestamp lpath can use: `9999-12-31T23:59:59Z` ("
            ),
            "{}",
            err.message
        );
        assert!(err.message.contains("range"), "{}", err.message);
        assert_eq!(err.code, crate::error::exit::USAGE);
        assert!(parse_now("2026-01-31T09:00:00Z").is_ok());
    }
}
