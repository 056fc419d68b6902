//! What every command needs: where files live, the catalog, the clock and how to print.

use jiff::Timestamp;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::paths::Paths;
use crate::render::Style;
use crate::sources::{self, Selection};
use crate::store::Store;

/// Overrides the clock, for tests and reproducible examples: an RFC 3339 timestamp.
pub const NOW_VAR: &str = "LPATH_NOW";

pub struct Context {
    pub paths: Paths,
    pub catalog: Catalog,
    pub style: Style,
    pub now: Timestamp,
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
        Ok(text) if !text.is_empty() => text.parse::<Timestamp>().map_err(|_| {
            Error::usage(format!("{NOW_VAR} is not a timestamp: `{text}`")).with_hint(format!(
                "write it like {NOW_VAR}=2026-01-31T09:00:00Z, or unset it"
            ))
        }),
        _ => Ok(Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_else(|_| Timestamp::now())),
    }
}

/// The path: the bundled catalog and the user's, or an error naming the first problem.
pub fn load_catalog(paths: &Paths, selection: &Selection) -> Result<Catalog> {
    let loaded = sources::load(&sources::locations(paths, selection)?)?;
    loaded
        .catalog()
        .map_err(|problems| sources::broken(&problems))
}
