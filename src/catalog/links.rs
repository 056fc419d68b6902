//! What an entry's arXiv id and address say: which entries point at the same work, and what kind
//! of thing an address is (pure).

use crate::catalog::entry::{Entry, Kind};

/// What two entries share, as messages name it: `arXiv 2104.09864`, `DOI 10.1162/...`, a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Arxiv(String),
    Doi(String),
    Url(String),
}

impl Source {
    /// How messages show it: `arXiv 2104.09864`, `DOI 10.1162/neco.1992.4.1.131`, or `url`, the
    /// address as an entry gives it.
    pub fn shown(&self, url: &str) -> String {
        match self {
            Source::Arxiv(id) => format!("arXiv {id}"),
            Source::Doi(doi) => format!("DOI {doi}"),
            Source::Url(_) => url.to_string(),
        }
    }
}

/// Every name `entry` goes by: its arXiv id, and its URL as an arXiv id, a DOI or an address
/// compared without scheme, `www.`, case of the host or a trailing slash.
pub fn sources(arxiv: Option<&str>, url: &str) -> Vec<Source> {
    let mut out = Vec::new();
    if let Some(id) = arxiv {
        out.push(Source::Arxiv(unversioned(id).to_string()));
    }
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.split('#').next().unwrap_or(rest).trim_end_matches('/');
    let from_url = if let Some(id) = rest
        .strip_prefix("arxiv.org/abs/")
        .or_else(|| rest.strip_prefix("arxiv.org/pdf/"))
    {
        Source::Arxiv(unversioned(id.trim_end_matches(".pdf")).to_string())
    } else if let Some(doi) = rest
        .strip_prefix("doi.org/")
        .or_else(|| rest.strip_prefix("dx.doi.org/"))
    {
        Source::Doi(doi.to_string())
    } else {
        Source::Url(rest.to_string())
    };
    if !out.contains(&from_url) {
        out.push(from_url);
    }
    out
}

/// `2104.09864v2` and `2104.09864` are one paper.
fn unversioned(id: &str) -> &str {
    match id.rsplit_once('v') {
        Some((base, version))
            if !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()) =>
        {
            base
        }
        _ => id,
    }
}

/// What `a` and `b` share, if they point at the same work. Companions of different entries may
/// share a page (one video that covers three papers): each is its own way into its paper.
pub fn same_work(a: &Entry, b: &Entry) -> Option<Source> {
    if a.companion_of.is_some() && b.companion_of.is_some() && a.companion_of != b.companion_of {
        return None;
    }
    let wanted = sources(a.arxiv.as_deref(), &a.url);
    sources(b.arxiv.as_deref(), &b.url)
        .into_iter()
        .find(|source| wanted.contains(source))
}

/// The position in `entries` of the first that points at the same work as `entry`, and what
/// they share.
pub fn find<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    entry: &Entry,
) -> Option<(usize, Source)> {
    entries
        .into_iter()
        .enumerate()
        .find_map(|(at, other)| same_work(entry, other).map(|source| (at, source)))
}

/// Each entry that points at the same work as an earlier one: its position, the earlier one's,
/// and what they share.
pub fn all(entries: &[&Entry]) -> Vec<(usize, usize, Source)> {
    (0..entries.len())
        .filter_map(|later| {
            find(entries[..later].iter().copied(), entries[later])
                .map(|(earlier, source)| (later, earlier, source))
        })
        .collect()
}

/// The kind an address says: a GitHub or GitLab repository is code, a YouTube or bilibili page a
/// video, an arXiv or DOI page a paper; `None` where the address does not say.
pub fn kind_of_url(url: &str) -> Option<Kind> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let segments = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .split('/')
        .filter(|s| !s.is_empty())
        .count();
    match host {
        "arxiv.org" | "doi.org" | "dx.doi.org" => Some(Kind::Paper),
        "github.com" | "gitlab.com" if segments >= 2 => Some(Kind::Code),
        "youtube.com" | "youtu.be" | "bilibili.com" | "b23.tv" => Some(Kind::Video),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_paper_by_any_of_its_names() {
        let by_id = sources(Some("2104.09864v3"), "https://example.org/roformer");
        let by_url = sources(None, "http://arxiv.org/abs/2104.09864");
        assert!(by_id.iter().any(|s| by_url.contains(s)));
        assert_eq!(
            sources(None, "https://www.Example.org/a/"),
            sources(None, "http://example.org/a")
        );
        assert_eq!(
            sources(None, "https://doi.org/10.1162/NECO.1992.4.1.131"),
            [Source::Doi("10.1162/neco.1992.4.1.131".into())]
        );
    }

    #[test]
    fn kinds_from_addresses() {
        assert_eq!(
            kind_of_url("https://github.com/karpathy/nanoGPT"),
            Some(Kind::Code)
        );
        assert_eq!(kind_of_url("https://github.com/karpathy"), None);
        assert_eq!(kind_of_url("https://youtu.be/abc"), Some(Kind::Video));
        assert_eq!(
            kind_of_url("https://www.bilibili.com/video/BV1"),
            Some(Kind::Video)
        );
        assert_eq!(kind_of_url("https://example.org/post"), None);
    }
}
