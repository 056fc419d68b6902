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
    /// No connection, why in the learner's words, and the library's own words as a detail.
    Unreachable(Cause, String),
    /// The timeout variable is not a number of seconds.
    BadTimeout(String),
}

/// Why no connection was made, as a learner would say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// No network: the machine is offline, or no route leads there.
    NoNetwork,
    /// The host's name does not resolve.
    NameNotFound,
    /// Something answered, and refused the connection.
    Refused,
    /// Anything else: TLS, a proxy, a broken connection.
    Other,
}

impl Cause {
    /// The message-file key for this cause, under `add.cause.`.
    pub fn key(self) -> &'static str {
        match self {
            Cause::NoNetwork => "add.cause.no_network",
            Cause::NameNotFound => "add.cause.name_not_found",
            Cause::Refused => "add.cause.refused",
            Cause::Other => "add.cause.other",
        }
    }

    /// What an I/O error from connecting means. Name lookups fail with errors that carry no kind,
    /// only the resolver's words: "Temporary failure" is an unreachable DNS server (offline).
    fn of_io(err: &std::io::Error) -> Cause {
        use std::io::ErrorKind;
        let words = err.to_string().to_ascii_lowercase();
        match err.kind() {
            ErrorKind::ConnectionRefused => Cause::Refused,
            ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable | ErrorKind::NetworkDown => {
                Cause::NoNetwork
            }
            _ if words.contains("temporary failure in name resolution") => Cause::NoNetwork,
            _ if [
                "lookup address",
                "name or service not known",
                "nodename nor servname",
                "no such host",
            ]
            .iter()
            .any(|w| words.contains(w)) =>
            {
                Cause::NameNotFound
            }
            _ => Cause::Other,
        }
    }
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
            let cause = match &other {
                ureq::Error::HostNotFound => Cause::NameNotFound,
                ureq::Error::Io(io) => Cause::of_io(io),
                _ => Cause::Other,
            };
            let detail = crate::text::sanitize::visible(&other.to_string()).into_owned();
            FetchError::Unreachable(cause, detail)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    #[test]
    fn causes_in_a_learners_words() {
        let cause = |kind, words: &str| Cause::of_io(&Error::new(kind, words.to_string()));
        assert_eq!(
            cause(ErrorKind::ConnectionRefused, "refused"),
            Cause::Refused
        );
        assert_eq!(cause(ErrorKind::NetworkUnreachable, "x"), Cause::NoNetwork);
        assert_eq!(
            cause(
                ErrorKind::Other,
                "failed to lookup address information: Name or service not known"
            ),
            Cause::NameNotFound
        );
        assert_eq!(
            cause(
                ErrorKind::Other,
                "failed to lookup address information: Temporary failure in name resolution"
            ),
            Cause::NoNetwork
        );
        assert_eq!(cause(ErrorKind::Other, "tls"), Cause::Other);
    }
}
