//! The network edge of `add --arxiv/--doi`: one GET with a timeout, proxies from the environment,
//! a User-Agent naming lpath, and a bound on what is read. Nothing else in lpath goes online.

use std::time::Duration;

/// Overrides the 10 s timeout: seconds, fractions allowed (`0.5`).
pub const TIMEOUT_VAR: &str = "LPATH_HTTP_TIMEOUT";
/// Where arXiv's API is; lpath appends `?id_list=<id>`.
pub const ARXIV_VAR: &str = "LPATH_ARXIV_API";
/// Where DOIs resolve; lpath requests `<resolver>/<doi>`.
pub const DOI_VAR: &str = "LPATH_DOI_RESOLVER";

pub const ARXIV_DEFAULT: &str = "https://export.arxiv.org/api/query";
pub const DOI_DEFAULT: &str = "https://doi.org";

const TIMEOUT: Duration = Duration::from_secs(10);

/// The most an answer may hold: a paper's metadata is a few kilobytes; more is not metadata.
pub const BODY_LIMIT: u64 = 2 * 1024 * 1024;

/// Why a request got no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// No answer in time.
    Timeout(Duration),
    /// An answer with this HTTP status (not 2xx).
    Status(u16),
    /// More than [`BODY_LIMIT`] bytes.
    TooLarge,
    /// No connection: offline, a name that does not resolve, a refused connection, bad TLS.
    Unreachable(String),
    /// The timeout variable is not a number of seconds.
    BadTimeout(String),
}

/// The endpoint `var` names, or `default`.
pub fn endpoint(var: &str, default: &str) -> String {
    match std::env::var(var) {
        Ok(value) if !value.trim().is_empty() => value.trim().trim_end_matches('/').to_string(),
        _ => default.to_string(),
    }
}

/// The timeout [`TIMEOUT_VAR`] sets, or 10 s.
pub fn timeout() -> Result<Duration, FetchError> {
    match std::env::var(TIMEOUT_VAR) {
        Ok(text) if !text.trim().is_empty() => text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s > 0.0 && *s <= 3600.0)
            .map(Duration::from_secs_f64)
            .ok_or(FetchError::BadTimeout(text)),
        _ => Ok(TIMEOUT),
    }
}

/// GETs `url` asking for `accept`, and returns the body's bytes.
pub fn get(url: &str, accept: &str) -> Result<Vec<u8>, FetchError> {
    let timeout = timeout()?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .user_agent(format!("lpath/{}", env!("CARGO_PKG_VERSION")))
        .proxy(ureq::Proxy::try_from_env())
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(url)
        .header("Accept", accept)
        .call()
        .map_err(|err| failure(err, timeout))?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(FetchError::Status(status));
    }
    response
        .body_mut()
        .with_config()
        .limit(BODY_LIMIT)
        .read_to_vec()
        .map_err(|err| failure(err, timeout))
}

fn failure(err: ureq::Error, timeout: Duration) -> FetchError {
    match err {
        ureq::Error::Timeout(_) => FetchError::Timeout(timeout),
        ureq::Error::StatusCode(code) => FetchError::Status(code),
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            FetchError::Timeout(timeout)
        }
        other => {
            FetchError::Unreachable(crate::text::sanitize::visible(&other.to_string()).into_owned())
        }
    }
}
