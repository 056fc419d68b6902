//! Which entries `list` shows: by status, track, kind and search text, all combined; pure.

use crate::catalog::entry::Kind;
use crate::catalog::model::Catalog;
use crate::catalog::resolve;
use crate::error::Error;
use crate::progress::model::{Progress, Status};

/// Every condition an entry must meet; an empty one lets everything through, and one with
/// several values lets through an entry that has any of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: Vec<Status>,
    pub track: Vec<String>,
    pub kind: Vec<Kind>,
    /// Lowercased.
    pub search: Option<String>,
}

impl Filter {
    /// A filter whose tracks and kinds are checked against the catalog, so a typo is an error
    /// that names the known values rather than an empty list.
    pub fn new(
        catalog: &Catalog,
        status: &[Status],
        track: &[String],
        kind: &[String],
        search: Option<&str>,
    ) -> Result<Filter, Error> {
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        let mut wanted_kinds = Vec::new();
        for name in kind {
            let name = resolve::one_of("kind", name, &kinds)?;
            wanted_kinds.extend(Kind::ALL.into_iter().find(|kind| kind.as_str() == name));
        }
        Ok(Filter {
            status: status.to_vec(),
            track: resolve::tracks(catalog, track)?,
            kind: wanted_kinds,
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
        (self.status.is_empty() || self.status.contains(&progress.status(entry)))
            && (self.track.is_empty() || self.track.contains(&entry.track))
            && (self.kind.is_empty() || self.kind.contains(&entry.kind))
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
        crate::catalog::model::from_toml(text)
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
        let strings = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let check =
            |status: &[Status], track: &[&str], kind: &[&str], search, expected: &[&str]| {
                let filter =
                    Filter::new(&c, status, &strings(track), &strings(kind), search).unwrap();
                assert_eq!(
                    shown(&c, &progress, &filter),
                    expected,
                    "{status:?} {track:?} {kind:?} {search:?}"
                );
            };
        let all = ["attention", "attention-blog", "scaling"];
        check(&[], &[], &[], None, &all);
        check(
            &[Status::Todo],
            &[],
            &[],
            None,
            &["attention", "attention-blog"],
        );
        check(&[Status::Todo], &[], &["paper"], None, &["attention"]);
        check(&[], &["BASICS"], &["blog"], None, &["attention-blog"]);
        check(&[], &[], &[], Some("kaplan"), &["scaling"]);
        check(&[], &[], &[], Some("coffee"), &["attention-blog"]);
        check(&[], &[], &[], Some("注意力"), &["attention-blog"]);
        check(&[], &[], &[], Some("TRANSFORMER"), &["attention-blog"]);
        check(&[Status::Done], &["basics"], &[], None, &[]);
    }

    #[test]
    fn several_values_of_one_filter_let_through_an_entry_with_any_of_them() {
        let c = catalog();
        let mut progress = Progress::default();
        progress.mark(&c.entries[2], Status::Done, jiff::Timestamp::UNIX_EPOCH);
        let both = Filter::new(&c, &[Status::Done, Status::Todo], &[], &[], None).unwrap();
        assert_eq!(shown(&c, &progress, &both).len(), 3);
        let tracks = ["basics".to_string(), "later".to_string()];
        let kinds = ["blog".to_string(), "paper".to_string()];
        let filter = Filter::new(&c, &[], &tracks, &kinds, None).unwrap();
        assert_eq!(shown(&c, &progress, &filter).len(), 3);
        let filter = Filter::new(&c, &[], &tracks[1..], &kinds, None).unwrap();
        assert_eq!(shown(&c, &progress, &filter), ["scaling"]);
    }

    #[test]
    fn an_unknown_track_or_kind_names_the_known_ones() {
        let c = catalog();
        let err = Filter::new(&c, &[], &["basic".to_string()], &[], None).unwrap_err();
        assert_eq!(err.message, "unknown track `basic` for `--track`");
        assert_eq!(
            err.hint.as_deref(),
            Some("did you mean `basics`? known tracks: basics, later")
        );
        let err = Filter::new(&c, &[], &[], &["podcast".to_string()], None).unwrap_err();
        assert_eq!(
            err.hint.as_deref(),
            Some("known kinds: paper, blog, code, video, book, course, docs, repo, data")
        );
    }
}
