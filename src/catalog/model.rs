//! The reading path: catalog files (bundled and the user's) parsed and validated into one `Catalog`.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use crate::catalog::file;
use toml::Spanned;

use crate::catalog::entries::Entries;
use crate::catalog::entry::{
    CatalogError, Entry, FORMAT, Kind, MAX_QUESTION_CHARS, MAX_QUESTIONS, Question, Track,
};
use crate::catalog::file::RawQuestion;

/// The bundled reading path, embedded in the binary.
pub const BUNDLED: &str = include_str!("../../data/catalog.toml");
/// How messages name the bundled catalog: "the bundled catalog", in the
/// learner's language (the language is set once, before anything compares names).
pub fn bundled_name() -> String {
    crate::i18n::text("catalog.bundled_name")
}

/// One catalog file's text and the name to show in messages.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    #[cfg(test)]
    pub fn bundled() -> Self {
        Self {
            name: bundled_name(),
            text: BUNDLED.to_string(),
        }
    }
}

/// A problem located for a person: `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "{}:{line}:{column}: {}", self.file, self.message)
            }
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Turns problems into `file:line:column` form, using the sources' texts.
pub fn locate(sources: &[Source], problems: &[CatalogError]) -> Vec<Located> {
    problems
        .iter()
        .map(|p| {
            let source = &sources[p.source];
            let (line, column) = match &p.span {
                Some(span) => {
                    let (l, c) = crate::text::position::line_column(&source.text, span.start);
                    (Some(l), Some(c))
                }
                None => (None, None),
            };
            Located {
                file: source.name.clone(),
                line,
                column,
                // One line each, never an escape: a message may quote an id no check has passed.
                message: crate::text::sanitize::visible(&p.message).into_owned(),
            }
        })
        .collect()
}

/// The validated reading path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    pub tracks: Vec<Track>,
    /// Catalog files with problems that this path was built without. While there are any,
    /// row numbers are refused: they would shift once the file is back.
    pub left_out: Vec<LeftOut>,
    /// Entries in file order (bundled first, then the user's files).
    pub entries: Entries,
    /// Entry indices in path order: by track, each entry followed by its companions.
    order: Vec<usize>,
    /// Entry index to its 1-based row in `order`.
    rows: Vec<usize>,
    /// Entry indices sorted by id: an id is found by binary search, without a copy of every id
    /// in a hash map (which, for a large catalog, costs more to build than the lookups save).
    by_id: Vec<usize>,
    /// Aliases to entry index.
    aliases: HashMap<String, usize>,
    requires: IndexLists,
    companions: IndexLists,
}

/// A catalog file left out of the path because it has problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// How messages name it: `catalog.d/mine.toml`, or a `--catalog` path as given.
    pub file: String,
    /// How many problems it has (`lpath catalog check` lists them).
    pub problems: usize,
}

/// A list of entry indices per entry, all in one allocation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexLists {
    items: Vec<usize>,
    ends: Vec<usize>,
}

impl IndexLists {
    pub fn with_capacity(lists: usize) -> IndexLists {
        IndexLists {
            items: Vec::with_capacity(lists),
            ends: Vec::with_capacity(lists),
        }
    }

    /// Adds the next entry's list.
    pub fn push(&mut self, list: impl IntoIterator<Item = usize>) {
        self.items.extend(list);
        self.ends.push(self.items.len());
    }

    /// Adds the next entry's list from items that may fail to read: `None`, adding nothing, when
    /// one does.
    pub fn try_push(&mut self, list: impl IntoIterator<Item = Option<usize>>) -> Option<()> {
        let start = self.items.len();
        for item in list {
            match item {
                Some(index) => self.items.push(index),
                None => {
                    self.items.truncate(start);
                    return None;
                }
            }
        }
        self.ends.push(self.items.len());
        Some(())
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Entry `index`'s list; empty past the end.
    pub fn get(&self, index: usize) -> &[usize] {
        let start = match index {
            0 => 0,
            _ => self.ends.get(index - 1).copied().unwrap_or(0),
        };
        let end = self.ends.get(index).copied().unwrap_or(0);
        self.items.get(start..end).unwrap_or(&[])
    }

    fn all_below(&self, n: usize) -> bool {
        self.items.iter().all(|&i| i < n)
    }
}

impl From<&[Vec<usize>]> for IndexLists {
    fn from(lists: &[Vec<usize>]) -> Self {
        let mut out = IndexLists::with_capacity(lists.len());
        for list in lists {
            out.push(list.iter().copied());
        }
        out
    }
}

// ---- parsing: see catalog_file.rs, which reads each file as far as it goes --------------------

// ---- validation -------------------------------------------------------------------------------

/// The longest reading estimate a catalog may give: about a week of full days, more than any
/// course; anything above is a typo (seconds, or a stray digit).
pub const MAX_MINUTES: u32 = 10_000;

/// Whether `url` is an absolute http(s) URL with a host and nothing a terminal could misread.
pub fn is_web_url(url: &str) -> bool {
    url_problem(url).is_none()
}

/// What keeps `url` from being a web address lpath accepts, worded to follow "url `...` ".
pub fn url_problem(url: &str) -> Option<String> {
    let problem = |key: &str| Some(crate::i18n::text(&format!("catalog.url.{key}")));
    if url.chars().any(crate::text::sanitize::is_hidden) {
        return problem("control");
    }
    if url.contains(' ') {
        return problem("space");
    }
    if url.chars().any(char::is_whitespace) {
        return problem("whitespace");
    }
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return problem("not_web");
    };
    if rest.split(['/', '?', '#']).next().unwrap_or("").is_empty() {
        return problem("no_host");
    }
    None
}

/// Whether `id` looks like an arXiv identifier: `1706.03762` (new style) or `cs/0112017` (old style).
pub fn is_arxiv_id(id: &str) -> bool {
    let new_style = |s: &str| {
        let mut parts = s.splitn(2, '.');
        let (Some(yymm), Some(num)) = (parts.next(), parts.next()) else {
            return false;
        };
        let num = num.split('v').next().unwrap_or("");
        yymm.len() == 4
            && yymm.bytes().all(|b| b.is_ascii_digit())
            && (4..=5).contains(&num.len())
            && num.bytes().all(|b| b.is_ascii_digit())
    };
    let old_style = |s: &str| match s.split_once('/') {
        Some((archive, num)) => {
            !archive.is_empty()
                && archive.bytes().all(|b| {
                    b.is_ascii_lowercase() || b == b'-' || b == b'.' || b.is_ascii_uppercase()
                })
                && num.len() == 7
                && num.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    };
    new_style(id) || old_style(id)
}

/// Control, bidi and invisible characters: a catalog may not hide text from its reader.
fn has_control(text: &str, allow_newlines: bool) -> bool {
    text.chars().any(|c| {
        crate::text::sanitize::is_hidden(c) && !(allow_newlines && (c == '\n' || c == '\t'))
    })
}

struct Checker {
    problems: Vec<CatalogError>,
}

impl Checker {
    fn report(&mut self, source: usize, span: Range<usize>, message: impl Into<String>) {
        self.problems.push(CatalogError {
            source,
            span: Some(span),
            message: message.into(),
        });
    }

    fn text(&mut self, source: usize, field: &str, value: &Spanned<String>, multiline: bool) {
        if has_control(value.get_ref(), multiline) {
            self.report(source, value.span(), t!("catalog.hidden", field = field));
        }
    }

    /// An entry's questions: each with a question and an answer that are not blank, not too
    /// long and not hiding text; no question twice; not too many; in the bundled catalog, each
    /// with the section its answer comes from.
    fn questions(&mut self, source: usize, questions: &[RawQuestion], bundled: bool) {
        if questions.len() > MAX_QUESTIONS {
            self.report(
                source,
                questions[MAX_QUESTIONS].span.clone(),
                t!("review.catalog.too_many", max = MAX_QUESTIONS),
            );
        }
        let mut seen: Vec<&str> = Vec::new();
        for question in questions {
            for (name, value) in [
                ("q", &question.q),
                ("a", &question.a),
                ("q_zh", &question.q_zh),
                ("a_zh", &question.a_zh),
                ("source", &question.source),
            ] {
                let Some(value) = value else { continue };
                self.text(source, name, value, true);
                if value.get_ref().trim().is_empty() {
                    self.report(
                        source,
                        value.span(),
                        t!("review.catalog.empty", field = name),
                    );
                } else if value.get_ref().chars().count() > MAX_QUESTION_CHARS {
                    self.report(
                        source,
                        value.span(),
                        t!(
                            "review.catalog.too_long",
                            field = name,
                            max = MAX_QUESTION_CHARS
                        ),
                    );
                }
            }
            if bundled && question.source.is_none() {
                self.report(
                    source,
                    question.span.clone(),
                    t!("review.catalog.no_source"),
                );
            }
            if let Some(q) = &question.q {
                let text = q.get_ref().trim();
                if seen.contains(&text) {
                    self.report(
                        source,
                        q.span(),
                        t!(
                            "review.catalog.repeated",
                            q = crate::text::sanitize::visible(text)
                        ),
                    );
                }
                seen.push(text);
            }
        }
    }

    fn id(&mut self, source: usize, what: &str, value: &Spanned<String>) -> bool {
        if crate::text::kebab::is_kebab(value.get_ref()) {
            return true;
        }
        self.report(
            source,
            value.span(),
            t!(
                "catalog.not_kebab",
                what = crate::i18n::text(&format!("catalog.what.{}", what.replace(' ', "_"))),
                id = crate::text::sanitize::visible(value.get_ref()),
                suggestion = kebab_suggestion(value.get_ref())
            ),
        );
        false
    }
}

fn kebab_suggestion(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "my-entry".into()
    } else {
        out
    }
}

impl Catalog {
    /// The bundled catalog alone.
    #[cfg(test)]
    pub fn bundled() -> Result<Catalog, Vec<Located>> {
        let sources = vec![Source::bundled()];
        Catalog::build(&sources).map_err(|problems| locate(&sources, &problems))
    }

    /// Parses and validates `sources` together, as one path, in order. Reports every problem found.
    pub fn build(sources: &[Source]) -> Result<Catalog, Vec<CatalogError>> {
        let mut raws = Vec::new();
        let mut check = Checker {
            problems: Vec::new(),
        };
        for (index, source) in sources.iter().enumerate() {
            if let Some(raw) = file::read(index, &source.text, &mut check.problems) {
                raws.push((index, raw));
            }
        }

        let mut tracks: Vec<Track> = Vec::new();
        let mut track_names: HashMap<String, usize> = HashMap::new(); // track id -> source
        let mut names: HashMap<String, (usize, usize)> = HashMap::new(); // id -> (entry, source)
        let mut entries: Vec<Entry> = Vec::new();
        // Spans kept for the cross-reference checks after every file is read.
        let mut spans: Vec<EntrySpans> = Vec::new();

        for (source, raw) in &raws {
            let source = *source;
            if let Some(format) = &raw.format
                && *format.get_ref() != FORMAT
            {
                let found = *format.get_ref();
                let message = if found > FORMAT {
                    t!("catalog.format_newer", found = found, known = FORMAT)
                } else {
                    t!("catalog.format_unknown", found = found, known = FORMAT)
                };
                check.report(source, format.span(), message);
                // A newer format may mean anything; an unknown older one is read as this one.
                if found > FORMAT {
                    continue;
                }
            }
            for track in &raw.tracks {
                if let Some(title) = &track.title {
                    check.text(source, "title", title, false);
                    if title.get_ref().trim().is_empty() {
                        check.report(source, title.span(), t!("catalog.track_title_empty"));
                    }
                }
                if let Some(t) = &track.title_zh {
                    check.text(source, "title_zh", t, false);
                }
                // A track without an id (reported already) cannot be named by any entry.
                let Some(track_id) = &track.id else {
                    continue;
                };
                check.id(source, "track id", track_id);
                let id = track_id.get_ref();
                if let Some(&first) = track_names.get(id) {
                    check.report(
                        source,
                        track_id.span(),
                        t!(
                            "catalog.track_taken",
                            id = crate::text::sanitize::visible(id),
                            file = sources[first].name
                        ),
                    );
                    continue;
                }
                track_names.insert(id.clone(), source);
                tracks.push(Track {
                    id: id.clone(),
                    title: track
                        .title
                        .as_ref()
                        .map(|t| t.get_ref().clone())
                        .unwrap_or_default(),
                    title_zh: track.title_zh.as_ref().map(|t| t.get_ref().clone()),
                });
            }
            for raw_entry in &raw.entries {
                let index = entries.len();
                if let Some(id) = &raw_entry.id {
                    check.id(source, "entry id", id);
                }
                for field in [
                    ("title", raw_entry.title.as_ref()),
                    ("label", raw_entry.label.as_ref()),
                    ("label_en", raw_entry.label_en.as_ref()),
                    ("lang", raw_entry.lang.as_ref()),
                    ("arxiv", raw_entry.arxiv.as_ref()),
                ] {
                    if let (name, Some(value)) = field {
                        check.text(source, name, value, false);
                    }
                }
                for author in &raw_entry.authors {
                    check.text(source, "authors", author, false);
                }
                for field in [
                    ("summary", raw_entry.summary.as_ref()),
                    ("summary_zh", raw_entry.summary_zh.as_ref()),
                ] {
                    if let (name, Some(value)) = field {
                        check.text(source, name, value, true);
                    }
                }
                check.questions(
                    source,
                    &raw_entry.questions,
                    sources[source].name == bundled_name(),
                );
                if let Some(title) = &raw_entry.title
                    && title.get_ref().trim().is_empty()
                {
                    check.report(source, title.span(), t!("catalog.title_empty"));
                }
                if let Some(url) = &raw_entry.url
                    && let Some(problem) = url_problem(url.get_ref())
                {
                    check.report(
                        source,
                        url.span(),
                        t!(
                            "catalog.url_problem",
                            url = crate::text::sanitize::visible(url.get_ref()),
                            problem = problem
                        ),
                    );
                }
                if let Some(arxiv) = &raw_entry.arxiv
                    && !is_arxiv_id(arxiv.get_ref())
                {
                    check.report(
                        source,
                        arxiv.span(),
                        t!(
                            "catalog.arxiv",
                            value = crate::text::sanitize::visible(arxiv.get_ref())
                        ),
                    );
                }
                if let Some(minutes) = &raw_entry.minutes
                    && !(1..=i64::from(MAX_MINUTES)).contains(minutes.get_ref())
                {
                    check.report(
                        source,
                        minutes.span(),
                        t!("catalog.minutes", max = MAX_MINUTES),
                    );
                }
                if let Some(year) = &raw_entry.year
                    && !(1000..=9999).contains(year.get_ref())
                {
                    check.report(source, year.span(), t!("catalog.year"));
                }
                if let Some(lang) = &raw_entry.lang
                    && !is_lang(lang.get_ref())
                {
                    check.report(
                        source,
                        lang.span(),
                        t!(
                            "catalog.lang",
                            value = crate::text::sanitize::visible(lang.get_ref())
                        ),
                    );
                }
                // An entry without an id (reported already) is checked, but no one can name it.
                let Some(entry_id) = &raw_entry.id else {
                    continue;
                };
                for name in std::iter::once(entry_id).chain(raw_entry.aliases.iter()) {
                    if name.get_ref() != entry_id.get_ref() {
                        check.id(source, "alias", name);
                    }
                    match names.get(name.get_ref()) {
                        // This entry's own id, or an alias it gives twice: it is not in
                        // `entries` yet.
                        Some(&(other, _)) if other == index => check.report(
                            source,
                            name.span(),
                            t!(
                                "catalog.alias_repeats",
                                id = crate::text::sanitize::visible(name.get_ref())
                            ),
                        ),
                        Some(&(other, other_source)) => check.report(
                            source,
                            name.span(),
                            t!(
                                "catalog.id_taken",
                                id = crate::text::sanitize::visible(name.get_ref()),
                                by = entries[other].id,
                                file = sources[other_source].name
                            ),
                        ),
                        None => {
                            names.insert(name.get_ref().clone(), (index, source));
                        }
                    }
                }
                spans.push(EntrySpans {
                    track: raw_entry.track.clone(),
                    requires: raw_entry.requires.clone(),
                    companion_of: raw_entry.companion_of.clone(),
                });
                // A field that could not be read is reported already, so the catalog will not
                // be used: a default stands in for it, for the checks between entries.
                let text = |value: &Option<Spanned<String>>| {
                    value
                        .as_ref()
                        .map(|v| v.get_ref().clone())
                        .unwrap_or_default()
                };
                entries.push(Entry {
                    id: entry_id.get_ref().clone(),
                    kind: raw_entry.kind.unwrap_or(Kind::Paper),
                    title: text(&raw_entry.title),
                    authors: raw_entry
                        .authors
                        .iter()
                        .map(|a| a.get_ref().clone())
                        .collect(),
                    year: raw_entry
                        .year
                        .as_ref()
                        .map(|y| i32::try_from(*y.get_ref()).unwrap_or_default()),
                    track: text(&raw_entry.track),
                    url: text(&raw_entry.url),
                    arxiv: raw_entry.arxiv.as_ref().map(|a| a.get_ref().clone()),
                    minutes: raw_entry
                        .minutes
                        .as_ref()
                        .map(|m| u32::try_from(*m.get_ref()).unwrap_or_default()),
                    requires: raw_entry
                        .requires
                        .iter()
                        .map(|r| r.get_ref().clone())
                        .collect(),
                    companion_of: raw_entry.companion_of.as_ref().map(|c| c.get_ref().clone()),
                    label: raw_entry.label.as_ref().map(|l| l.get_ref().clone()),
                    label_en: raw_entry.label_en.as_ref().map(|l| l.get_ref().clone()),
                    lang: raw_entry.lang.as_ref().map(|l| l.get_ref().clone()),
                    summary: raw_entry.summary.as_ref().map(|s| s.get_ref().clone()),
                    summary_zh: raw_entry.summary_zh.as_ref().map(|s| s.get_ref().clone()),
                    aliases: raw_entry
                        .aliases
                        .iter()
                        .map(|a| a.get_ref().clone())
                        .collect(),
                    questions: raw_entry
                        .questions
                        .iter()
                        .map(|q| {
                            let get = |v: &Option<Spanned<String>>| {
                                v.as_ref().map(|v| v.get_ref().clone())
                            };
                            Question {
                                q: text(&q.q),
                                a: text(&q.a),
                                q_zh: get(&q.q_zh),
                                a_zh: get(&q.a_zh),
                                source: get(&q.source),
                            }
                        })
                        .collect(),
                    source,
                });
            }
        }

        // Cross references, now that every file's ids are known.
        let known_tracks = tracks
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let mut requires = vec![Vec::new(); entries.len()];
        let mut companions = vec![Vec::new(); entries.len()];
        let mut companion_target = vec![None; entries.len()];
        for (index, (entry, span)) in entries.iter().zip(&spans).enumerate() {
            let source = entry.source;
            if let Some(track) = &span.track
                && !track_names.contains_key(&entry.track)
            {
                check.report(
                    source,
                    track.span(),
                    t!(
                        "catalog.unknown_track",
                        track = crate::text::sanitize::visible(&entry.track),
                        known = known_tracks
                    ),
                );
            }
            for req in &span.requires {
                match names.get(req.get_ref()) {
                    Some(&(target, _)) if target == index => check.report(
                        source,
                        req.span(),
                        t!("catalog.requires_itself", id = entry.id),
                    ),
                    Some(&(target, _)) => requires[index].push(target),
                    None => check.report(
                        source,
                        req.span(),
                        t!(
                            "catalog.requires_unknown",
                            id = crate::text::sanitize::visible(req.get_ref()),
                            suggestion = suggest_in(req.get_ref(), names.keys())
                        ),
                    ),
                }
            }
            if let Some(target) = &span.companion_of {
                match names.get(target.get_ref()) {
                    Some(&(t, _)) if t == index => check.report(
                        source,
                        target.span(),
                        t!("catalog.companion_of_itself", id = entry.id),
                    ),
                    Some(&(t, _)) => companion_target[index] = Some((t, target.span())),
                    None => check.report(
                        source,
                        target.span(),
                        t!(
                            "catalog.companion_unknown",
                            id = crate::text::sanitize::visible(target.get_ref()),
                            suggestion = suggest_in(target.get_ref(), names.keys())
                        ),
                    ),
                }
            }
        }
        for (index, target) in companion_target.iter().enumerate() {
            if let Some((t, span)) = target {
                if companion_target[*t].is_some() {
                    check.report(
                        entries[index].source,
                        span.clone(),
                        t!(
                            "catalog.companion_chain",
                            id = entries[*t].id,
                            explains = entries[*t].companion_of.as_deref().unwrap_or_default()
                        ),
                    );
                } else {
                    companions[*t].push(index);
                }
            }
        }
        if let Some(cycle) = find_cycle(&requires) {
            // Point at the `requires` value that closes the cycle.
            let from = cycle[cycle.len() - 2];
            let to = cycle[cycle.len() - 1];
            let span = spans[from]
                .requires
                .iter()
                .find(|r| names.get(r.get_ref()).map(|&(i, _)| i) == Some(to))
                .map(|r| r.span());
            let path = cycle
                .iter()
                .map(|&i| entries[i].id.as_str())
                .collect::<Vec<_>>()
                .join(" → ");
            check.problems.push(CatalogError {
                source: entries[from].source,
                span,
                message: t!("catalog.cycle", path = path).into_owned(),
            });
        }

        if !check.problems.is_empty() {
            check
                .problems
                .sort_by_key(|p| (p.source, p.span.as_ref().map(|s| s.start)));
            return Err(check.problems);
        }

        let order = path_order(&tracks, &entries, &companions);
        let mut by_id: Vec<usize> = (0..entries.len()).collect();
        by_id.sort_unstable_by(|&a, &b| entries[a].id.cmp(&entries[b].id));
        let entries = Entries::from(entries);
        let aliases = entries.aliases().map(|(a, i)| (a.to_string(), i)).collect();
        Ok(Catalog::assemble(
            tracks,
            entries,
            order,
            by_id,
            aliases,
            IndexLists::from(requires.as_slice()),
            IndexLists::from(companions.as_slice()),
        ))
    }

    /// A catalog from the parts of one that was built before (the catalog cache's contents), or
    /// `None` when the parts do not fit together. Checks what indexing needs (every index in
    /// range, the path order a permutation, ids in order, names unique): the parts come from a
    /// validated catalog, and are trusted no further than not to crash or mislead lpath.
    pub(crate) fn from_parts(
        tracks: Vec<Track>,
        entries: Entries,
        order: Vec<usize>,
        by_id: Vec<usize>,
        requires: IndexLists,
        companions: IndexLists,
    ) -> Option<Catalog> {
        let n = entries.len();
        if order.len() != n
            || requires.len() != n
            || companions.len() != n
            || !requires.all_below(n)
            || !companions.all_below(n)
        {
            return None;
        }
        let mut seen = vec![false; n];
        for &i in &order {
            if std::mem::replace(seen.get_mut(i)?, true) {
                return None;
            }
        }
        // Strictly increasing ids: every entry once (with `by_id.len() == n`), and no id twice.
        if by_id.len() != n
            || by_id.iter().any(|&i| i >= n)
            || !by_id
                .windows(2)
                .all(|w| entries.id(w[0]) < entries.id(w[1]))
        {
            return None;
        }
        let mut aliases = HashMap::new();
        for (alias, index) in entries.aliases() {
            let is_an_id = by_id
                .binary_search_by(|&i| entries.id(i).cmp(alias))
                .is_ok();
            if index >= n || is_an_id || aliases.insert(alias.to_string(), index).is_some() {
                return None;
            }
        }
        Some(Catalog::assemble(
            tracks, entries, order, by_id, aliases, requires, companions,
        ))
    }

    fn assemble(
        tracks: Vec<Track>,
        entries: Entries,
        order: Vec<usize>,
        by_id: Vec<usize>,
        aliases: HashMap<String, usize>,
        requires: IndexLists,
        companions: IndexLists,
    ) -> Catalog {
        let mut rows = vec![0; entries.len()];
        for (position, &index) in order.iter().enumerate() {
            if let Some(row) = rows.get_mut(index) {
                *row = position + 1;
            }
        }
        Catalog {
            tracks,
            left_out: Vec::new(),
            entries,
            order,
            rows,
            by_id,
            aliases,
            requires,
            companions,
        }
    }

    /// Entry indices in path order: tracks in order, each entry followed by its companions.
    pub fn path(&self) -> &[usize] {
        &self.order
    }

    /// The 1-based row number `list` shows for an entry.
    pub fn row_of(&self, entry: usize) -> usize {
        self.rows.get(entry).copied().unwrap_or(0)
    }

    pub fn requires(&self, entry: usize) -> &[usize] {
        self.requires.get(entry)
    }

    pub fn companions(&self, entry: usize) -> &[usize] {
        self.companions.get(entry)
    }

    /// Entry `index`'s id (what `entries[index].id` holds, without decoding a cached entry).
    pub fn id(&self, index: usize) -> &str {
        self.entries.id(index)
    }

    /// Whether entry `index` is a companion (without decoding a cached entry).
    pub fn is_companion(&self, index: usize) -> bool {
        self.entries.is_companion(index)
    }

    /// Entries that list `entry` in their `requires`, in path order.
    pub fn unlocks(&self, entry: usize) -> Vec<usize> {
        self.order
            .iter()
            .copied()
            .filter(|&i| self.requires(i).contains(&entry))
            .collect()
    }

    pub fn track(&self, id: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.id == id)
    }

    /// The entry an id or alias names, exactly.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.by_id
            .binary_search_by(|&i| self.id(i).cmp(name))
            .ok()
            .map(|at| self.by_id[at])
            .or_else(|| self.aliases.get(name).copied())
    }

    /// Entry indices in id order (the byte order `str` sorts by).
    pub fn by_id(&self) -> &[usize] {
        &self.by_id
    }

    /// Every id and alias, with the entry it names.
    pub fn names(&self) -> impl Iterator<Item = (&str, usize)> {
        self.by_id
            .iter()
            .map(|&i| (self.id(i), i))
            .chain(self.aliases.iter().map(|(k, &v)| (k.as_str(), v)))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

struct EntrySpans {
    /// `None` when the entry has no readable track (reported already).
    track: Option<Spanned<String>>,
    requires: Vec<Spanned<String>>,
    companion_of: Option<Spanned<String>>,
}

fn is_lang(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn suggest_in<'a>(name: &str, candidates: impl Iterator<Item = &'a String>) -> String {
    match crate::text::suggest::closest(name, candidates.map(String::as_str)) {
        Some(best) => t!("catalog.suggest", id = best).into_owned(),
        None => crate::i18n::text("catalog.suggest_none"),
    }
}

fn path_order(tracks: &[Track], entries: &[Entry], companions: &[Vec<usize>]) -> Vec<usize> {
    // One pass to sort entries into their tracks, rather than one pass over entries per track.
    let track_of: HashMap<&str, usize> = tracks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut by_track = vec![Vec::new(); tracks.len()];
    for (index, entry) in entries.iter().enumerate() {
        if entry.companion_of.is_none()
            && let Some(&t) = track_of.get(entry.track.as_str())
        {
            by_track[t].push(index);
        }
    }
    let mut order = Vec::with_capacity(entries.len());
    for index in by_track.into_iter().flatten() {
        order.push(index);
        order.extend(companions.get(index).into_iter().flatten());
    }
    order
}

/// A cycle in the `requires` graph, as a path whose first and last entries are the same.
fn find_cycle(requires: &[Vec<usize>]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; requires.len()];
    for start in 0..requires.len() {
        if marks[start] != Mark::New {
            continue;
        }
        // Iterative depth-first search, so a long chain cannot overflow the stack.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        marks[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&child) = requires[node].get(*next) {
                *next += 1;
                match marks[child] {
                    Mark::New => {
                        marks[child] = Mark::Open;
                        stack.push((child, 0));
                    }
                    Mark::Open => {
                        let from = stack.iter().position(|&(n, _)| n == child).unwrap_or(0);
                        let mut cycle: Vec<usize> = stack[from..].iter().map(|&(n, _)| n).collect();
                        cycle.push(child);
                        return Some(cycle);
                    }
                    Mark::Done => {}
                }
            } else {
                marks[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    None
}

/// A catalog from one TOML text, for unit tests elsewhere; panics on a problem, as a test should.
#[cfg(test)]
pub(crate) fn from_toml(text: &str) -> Catalog {
    let sources = [Source {
        name: "test.toml".into(),
        text: text.into(),
    }];
    Catalog::build(&sources).unwrap_or_else(|problems| panic!("{:?}", locate(&sources, &problems)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRACK: &str = "format = 1\n[[track]]\nid = \"t\"\ntitle = \"T\"\n";

    fn entry(id: &str, extra: &str) -> String {
        format!(
            "[[entry]]\nid = \"{id}\"\nkind = \"paper\"\ntitle = \"Title {id}\"\ntrack = \"t\"\nurl = \"https://example.org/{id}\"\n{extra}\n"
        )
    }

    fn build(text: &str) -> Result<Catalog, Vec<String>> {
        let sources = vec![Source {
            name: "mine.toml".into(),
            text: text.into(),
        }];
        Catalog::build(&sources).map_err(|p| {
            locate(&sources, &p)
                .iter()
                .map(ToString::to_string)
                .collect()
        })
    }

    #[track_caller]
    fn rejects(text: &str, expected: &str) {
        let errors = build(text).expect_err("should be rejected");
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "expected `{expected}` in {errors:#?}"
        );
    }

    #[test]
    fn bundled_catalog_is_valid() {
        let catalog = Catalog::bundled().unwrap_or_else(|e| panic!("{e:#?}"));
        for id in ["bahdanau-attention", "attention-is-all-you-need", "bert"] {
            assert!(catalog.get(id).is_some(), "{id}");
        }
        let bert = &catalog.entries[catalog.get("bert").unwrap()];
        assert_eq!(bert.arxiv.as_deref(), Some("1810.04805"));
        assert_eq!(bert.requires, ["attention-is-all-you-need"]);
    }

    #[test]
    fn a_valid_catalog_builds() {
        let text = format!(
            "{TRACK}{}{}",
            entry("a", ""),
            entry("b", "requires = [\"a\"]")
        );
        let catalog = build(&text).unwrap();
        assert_eq!(catalog.len(), 2);
        assert_eq!(catalog.requires(1), [0]);
        assert_eq!(catalog.unlocks(0), vec![1]);
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        rejects(
            &format!("{TRACK}{}{}", entry("a", ""), entry("a", "")),
            "`a` is already defined",
        );
    }

    #[test]
    fn an_alias_may_not_repeat_an_id() {
        rejects(
            &format!(
                "{TRACK}{}{}",
                entry("a", ""),
                entry("b", "aliases = [\"a\"]")
            ),
            "`a` is already defined",
        );
    }

    #[test]
    fn ids_must_be_kebab_case() {
        rejects(
            &format!("{TRACK}{}", entry("Not_Kebab", "")),
            "not kebab-case",
        );
        rejects(&format!("{TRACK}{}", entry("a--b", "")), "not kebab-case");
        rejects(&format!("{TRACK}{}", entry("-a", "")), "not kebab-case");
    }

    #[test]
    fn track_must_be_known() {
        let text = format!(
            "{TRACK}{}",
            entry("a", "").replace("track = \"t\"", "track = \"rl\"")
        );
        rejects(&text, "unknown track `rl` (known: t)");
    }

    #[test]
    fn requires_must_name_a_real_entry() {
        rejects(
            &format!(
                "{TRACK}{}{}",
                entry("alpha", ""),
                entry("b", "requires = [\"alpah\"]")
            ),
            "did you mean `alpha`?",
        );
    }

    #[test]
    fn companion_of_must_name_a_real_entry() {
        rejects(
            &format!("{TRACK}{}", entry("a", "companion_of = \"nope\"")),
            "`companion_of` names `nope`",
        );
    }

    #[test]
    fn companion_of_a_companion_is_rejected() {
        let text = format!(
            "{TRACK}{}{}{}",
            entry("a", ""),
            entry("b", "companion_of = \"a\""),
            entry("c", "companion_of = \"b\"")
        );
        rejects(&text, "is itself a companion");
    }

    #[test]
    fn cycles_through_requires_are_rejected_at_the_closing_value() {
        let text = format!(
            "{TRACK}{}{}{}",
            entry("a", "requires = [\"c\"]"),
            entry("b", "requires = [\"a\"]"),
            entry("c", "requires = [\"b\"]")
        );
        let errors = build(&text).unwrap_err();
        assert!(errors[0].contains("cycle"), "{errors:?}");
        // Points at a `requires` value, not at the top of the file.
        assert!(!errors[0].starts_with("mine.toml:1:"), "{errors:?}");
    }

    #[test]
    fn self_requirement_is_rejected() {
        rejects(
            &format!("{TRACK}{}", entry("a", "requires = [\"a\"]")),
            "requires itself",
        );
    }

    #[test]
    fn urls_must_be_http_or_https() {
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,hi",
            "ftp://x.org",
        ] {
            let text = format!(
                "{TRACK}{}",
                entry("a", "").replace("https://example.org/a", bad)
            );
            rejects(&text, "is not an http(s) address");
        }
    }

    #[test]
    fn a_url_problem_says_what_is_wrong_with_it() {
        let cases = [
            ("https://a b", "contains a space; encode spaces as %20"),
            ("https://a\tb", "contains a control character"),
            ("https://a\u{a0}b", "contains whitespace"),
            ("https://", "has no host"),
            ("https:///path", "has no host"),
            ("example.org/page", "is not an http(s) address"),
        ];
        for (url, reason) in cases {
            let problem = url_problem(url).unwrap_or_else(|| panic!("{url:?} accepted"));
            assert!(problem.starts_with(reason), "{url:?}: {problem}");
        }
        assert_eq!(url_problem("HTTPS://Example.org/a%20b?q#f"), None);
    }

    #[test]
    fn minutes_must_be_between_1_and_10000() {
        for bad in ["0", "10001", "4000000000"] {
            rejects(
                &format!("{TRACK}{}", entry("a", &format!("minutes = {bad}"))),
                "minutes must be between 1 and 10000",
            );
        }
        build(&format!("{TRACK}{}", entry("a", "minutes = 10000"))).unwrap();
    }

    #[test]
    fn titles_must_not_be_empty() {
        rejects(
            &format!("{TRACK}{}", entry("a", "").replace("Title a", "  ")),
            "title is empty",
        );
    }

    #[test]
    fn control_characters_are_rejected() {
        rejects(
            &format!(
                "{TRACK}{}",
                entry("a", "").replace("Title a", "Title \\u001b[31m")
            ),
            "control character",
        );
        rejects(
            &format!("{TRACK}{}", entry("a", "summary = \"x\\u0007\"")),
            "control character",
        );
    }

    #[test]
    fn arxiv_ids_must_look_like_arxiv_ids() {
        rejects(
            &format!("{TRACK}{}", entry("a", "arxiv = \"17.06\"")),
            "not an arXiv id",
        );
        assert!(
            is_arxiv_id("1706.03762") && is_arxiv_id("2304.01373") && is_arxiv_id("hep-th/9901001")
        );
    }

    #[test]
    fn unknown_fields_and_kinds_are_rejected_with_a_position() {
        rejects(
            &format!("{TRACK}{}", entry("a", "colour = \"red\"")),
            "mine.toml:",
        );
        rejects(
            &format!("{TRACK}{}", entry("a", "").replace("paper", "podcast")),
            "podcast",
        );
    }

    #[test]
    fn a_newer_format_says_upgrade() {
        rejects("format = 2\n", "upgrade lpath");
    }

    #[test]
    fn errors_carry_line_and_column_of_the_value() {
        let text = format!(
            "{TRACK}{}",
            entry("a", "").replace("track = \"t\"", "track = \"rl\"")
        );
        let errors = build(&text).unwrap_err();
        // Line 9 is the entry's `track = "rl"`; the value starts at column 9.
        assert!(
            errors[0].starts_with("mine.toml:9:9: unknown track"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_structural_mistake_in_one_entry_hides_nothing_else() {
        let text = format!(
            "{TRACK}{}{}{}{}",
            entry("a", "colour = \"red\"\nminutes = \"ten\""),
            entry("b", "").replace("paper", "podcast"),
            entry("c", "requires = [\"a\", \"zzz\"]"),
            "[[entry]]\nid = \"d\"\nrequires = [\"c\"]\n",
        );
        let errors = build(&text).unwrap_err();
        for expected in [
            "unknown key `colour` in a [[entry]]",
            "`minutes` must be an integer, not a string",
            "unknown kind `podcast`",
            "`requires` names `zzz`",
            "this [[entry]] has no `kind`",
            "this [[entry]] has no `title`",
            "this [[entry]] has no `track`",
            "this [[entry]] has no `url`",
        ] {
            assert!(
                errors.iter().any(|e| e.contains(expected)),
                "{expected}: {errors:#?}"
            );
        }
        // `a`, `b` and `d` could be named, so nothing else is said about them.
        assert_eq!(errors.len(), 8, "{errors:#?}");
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let text = format!(
            "{TRACK}{}{}",
            entry("Bad", ""),
            entry("b", "requires = [\"zzz\"]")
        );
        assert_eq!(build(&text).unwrap_err().len(), 2);
    }

    #[test]
    fn parts_that_do_not_fit_together_are_refused() {
        let c = build(&format!(
            "{TRACK}{}{}",
            entry("a", "aliases = [\"old-a\"]"),
            entry("b", "requires = [\"a\"]")
        ))
        .unwrap();
        let parts = |order: Vec<usize>, by_id: Vec<usize>, requires: &[Vec<usize>]| {
            Catalog::from_parts(
                c.tracks.clone(),
                c.entries.clone(),
                order,
                by_id,
                IndexLists::from(requires),
                IndexLists::from(&[vec![], vec![]][..]),
            )
        };
        let requires = [vec![], vec![0]];
        assert_eq!(parts(vec![0, 1], vec![0, 1], &requires), Some(c.clone()));
        // (path order, ids in order, requires, what is wrong)
        type Case<'a> = (&'a [usize], &'a [usize], &'a [Vec<usize>], &'a str);
        let table: &[Case] = &[
            (&[0, 1], &[0, 1], &[vec![], vec![2]], "index past the end"),
            (&[0, 1], &[0, 1], &[vec![]], "one list short"),
            (&[1, 0], &[1, 0], &requires, "ids out of order"),
            (&[0, 1], &[0, 0], &requires, "an id twice"),
            (&[0, 1], &[2, 1], &requires, "no such entry"),
            (&[0, 1], &[0], &requires, "an entry left out"),
            (&[0, 0], &[0, 1], &requires, "a row twice"),
            (&[0, 5], &[0, 1], &requires, "a row past the end"),
        ];
        for (order, by_id, requires, why) in table {
            assert!(
                parts(order.to_vec(), by_id.to_vec(), requires).is_none(),
                "{why}"
            );
        }
    }

    #[test]
    fn path_order_puts_companions_under_their_entry() {
        let text = format!(
            "{TRACK}{}{}{}",
            entry("a", ""),
            entry("b", ""),
            entry("a-blog", "companion_of = \"a\"")
        );
        let catalog = build(&text).unwrap();
        let ids: Vec<&str> = catalog
            .path()
            .iter()
            .map(|&i| catalog.entries[i].id.as_str())
            .collect();
        assert_eq!(ids, ["a", "a-blog", "b"]);
        assert_eq!(catalog.row_of(2), 2);
    }
}
