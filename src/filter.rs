//! Which entries `list` shows: by status, track, kind and search text, all combined; pure.

use crate::catalog::{Catalog, Kind};
use crate::error::Error;
use crate::progress::{Progress, Status};
use crate::resolve;

/// Every condition an entry must meet; an absent one lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: Option<Status>,
    pub track: Option<String>,
    pub kind: Option<Kind>,
    /// Lowercased.
    pub search: Option<String>,
}

impl Filter {
    /// A filter whose track and kind are checked against the catalog, so a typo is an error that
    /// names the known values rather than an empty list.
    pub fn new(
        catalog: &Catalog,
        status: Option<Status>,
        track: Option<&str>,
        kind: Option<&str>,
        search: Option<&str>,
    ) -> Result<Filter, Error> {
        let tracks: Vec<&str> = catalog.tracks.iter().map(|t| t.id.as_str()).collect();
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        let track = track
            .map(|t| resolve::one_of("track", t, &tracks).map(str::to_string))
            .transpose()?;
        let kind = kind
            .map(|k| {
                let name = resolve::one_of("kind", k, &kinds)?;
                Ok::<_, Error>(Kind::ALL.into_iter().find(|kind| kind.as_str() == name))
            })
            .transpose()?
            .flatten();
        Ok(Filter {
            status,
            track,
            kind,
            search: search.map(str::to_lowercase),
        })
    }

    pub fn is_empty(&self) -> bool {
        self == &Filter::default()
    }

    pub fn matches(&self, catalog: &Catalog, progress: &Progress, index: usize) -> bool {
        // No filter: every entry, without decoding one from the catalog cache to find out.
        if self.is_empty() {
            return true;
        }
        let entry = &catalog.entries[index];
        self.status.is_none_or(|s| progress.status(entry) == s)
            && self.track.as_ref().is_none_or(|t| &entry.track == t)
            && self.kind.is_none_or(|k| entry.kind == k)
            && self.search.as_ref().is_none_or(|text| {
                let notes = progress.record(entry).map_or(&[][..], |r| &r.notes);
                [&entry.id, &entry.title]
                    .into_iter()
                    .chain(&entry.aliases)
                    .chain(&entry.authors)
                    .chain(&entry.summary)
                    .chain(&entry.summary_zh)
                    .chain(notes.iter().map(|n| &n.text))
                    .any(|field| field.to_lowercase().contains(text.as_str()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let text = r#"format = 1
[[track]]
id = "basics"
title = "Basics"
[[track]]
id = "later"
title = "Later"
[[entry]]
id = "attention"
kind = "paper"
title = "Attention Is All You Need"
authors = ["Ashish Vaswani"]
track = "basics"
url = "https://example.org/a"
[[entry]]
id = "attention-blog"
kind = "blog"
title = "The Illustrated Transformer"
track = "basics"
url = "https://example.org/b"
companion_of = "attention"
summary_zh = "图解注意力"
[[entry]]
id = "scaling"
kind = "paper"
title = "Scaling Laws"
authors = ["Jared Kaplan"]
track = "later"
url = "https://example.org/c"
"#;
        crate::catalog::from_toml(text)
    }

    fn shown(catalog: &Catalog, progress: &Progress, filter: &Filter) -> Vec<String> {
        catalog
            .path()
            .iter()
            .filter(|&&i| filter.matches(catalog, progress, i))
            .map(|&i| catalog.entries[i].id.clone())
            .collect()
    }

    #[test]
    fn filters_combine() {
        let c = catalog();
        let mut progress = Progress::default();
        let now = jiff::Timestamp::UNIX_EPOCH;
        progress.mark(&c.entries[2], Status::Done, now);
        progress.add_note(&c.entries[1], "Read with COFFEE", now);
        let check = |status, track, kind, search, expected: &[&str]| {
            let filter = Filter::new(&c, status, track, kind, search).unwrap();
            assert_eq!(
                shown(&c, &progress, &filter),
                expected,
                "{status:?} {track:?} {kind:?} {search:?}"
            );
        };
        check(
            None,
            None,
            None,
            None,
            &["attention", "attention-blog", "scaling"],
        );
        check(
            Some(Status::Todo),
            None,
            None,
            None,
            &["attention", "attention-blog"],
        );
        check(
            Some(Status::Todo),
            None,
            Some("paper"),
            None,
            &["attention"],
        );
        check(
            None,
            Some("BASICS"),
            Some("blog"),
            None,
            &["attention-blog"],
        );
        check(None, None, None, Some("kaplan"), &["scaling"]);
        check(None, None, None, Some("coffee"), &["attention-blog"]);
        check(None, None, None, Some("注意力"), &["attention-blog"]);
        check(None, None, None, Some("TRANSFORMER"), &["attention-blog"]);
        check(Some(Status::Done), Some("basics"), None, None, &[]);
    }

    #[test]
    fn an_unknown_track_or_kind_names_the_known_ones() {
        let c = catalog();
        let err = Filter::new(&c, None, Some("basic"), None, None).unwrap_err();
        assert_eq!(err.message, "unknown track `basic` for `--track`");
        assert_eq!(
            err.hint.as_deref(),
            Some("did you mean `basics`? known tracks: basics, later")
        );
        let err = Filter::new(&c, None, None, Some("podcast"), None).unwrap_err();
        assert_eq!(
            err.hint.as_deref(),
            Some("known kinds: paper, blog, code, video, book, course")
        );
    }
}
