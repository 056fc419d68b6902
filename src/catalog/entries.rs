//! The catalog's entries: a plain list when parsed from TOML, or read one by one out of the catalog cache when a command first looks at them.
//!
//! `next` or `done` on a path of 100,000 entries shows a handful of them, yet turning every cached
//! entry back into its dozen strings would take most of their time and memory. So entries from
//! the cache keep the cache's bytes, with what commands need of every entry (its id, whether it
//! is a companion, its aliases) taken out once, and decode the rest of an entry when it is first
//! indexed. Every entry is checked when the cache is read, so decoding it later cannot fail.

use std::cell::OnceCell;
use std::fmt;
use std::ops::{Index, Range};

use crate::catalog::codec::{Reader, Writer};
use crate::catalog::entry::{Entry, Kind, Question};

/// The entries of a catalog, in file order. Index it like a `Vec<Entry>`.
#[derive(Clone, Default)]
pub struct Entries {
    inner: Inner,
}

#[derive(Clone)]
enum Inner {
    Decoded(Vec<Entry>),
    Encoded(Box<Encoded>),
}

impl Default for Inner {
    fn default() -> Self {
        Inner::Decoded(Vec::new())
    }
}

#[derive(Clone)]
struct Encoded {
    /// The cache file; entry `i` is encoded at `starts[i]`.
    bytes: Vec<u8>,
    starts: Vec<usize>,
    /// Every id, one after the other; entry `i`'s ends at `id_ends[i]`.
    ids: String,
    id_ends: Vec<usize>,
    companion: Vec<bool>,
    aliases: Vec<(String, usize)>,
    decoded: Vec<OnceCell<Box<Entry>>>,
}

impl From<Vec<Entry>> for Entries {
    fn from(entries: Vec<Entry>) -> Self {
        Entries {
            inner: Inner::Decoded(entries),
        }
    }
}

impl Entries {
    pub fn len(&self) -> usize {
        match &self.inner {
            Inner::Decoded(entries) => entries.len(),
            Inner::Encoded(encoded) => encoded.starts.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Calls `f` with entry `index` without keeping it decoded afterwards, for a command that
    /// passes over every entry once (`list --json` of 100,000 entries need not hold them all).
    pub fn with<R>(&self, index: usize, f: impl FnOnce(&Entry) -> R) -> Option<R> {
        match &self.inner {
            Inner::Decoded(entries) => entries.get(index).map(f),
            Inner::Encoded(encoded) => match encoded.decoded.get(index)?.get() {
                Some(entry) => Some(f(entry)),
                None if index < encoded.starts.len() => Some(f(&encoded.decode(index))),
                None => None,
            },
        }
    }

    pub fn get(&self, index: usize) -> Option<&Entry> {
        match &self.inner {
            Inner::Decoded(entries) => entries.get(index),
            Inner::Encoded(encoded) => {
                let cell = encoded.decoded.get(index)?;
                Some(cell.get_or_init(|| Box::new(encoded.decode(index))))
            }
        }
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter {
            entries: self,
            range: 0..self.len(),
        }
    }

    /// Entry `index`'s id, without decoding the entry; empty past the end.
    pub fn id(&self, index: usize) -> &str {
        match &self.inner {
            Inner::Decoded(entries) => entries.get(index).map_or("", |e| e.id.as_str()),
            Inner::Encoded(encoded) => encoded.id(index),
        }
    }

    /// Whether entry `index` is a companion, without decoding the entry.
    pub fn is_companion(&self, index: usize) -> bool {
        match &self.inner {
            Inner::Decoded(entries) => entries.get(index).is_some_and(Entry::is_companion),
            Inner::Encoded(encoded) => encoded.companion.get(index).copied().unwrap_or(false),
        }
    }

    /// Every alias, with the entry it names, without decoding the entries.
    pub fn aliases(&self) -> Box<dyn Iterator<Item = (&str, usize)> + '_> {
        match &self.inner {
            Inner::Decoded(entries) => Box::new(
                entries
                    .iter()
                    .enumerate()
                    .flat_map(|(i, e)| e.aliases.iter().map(move |a| (a.as_str(), i))),
            ),
            Inner::Encoded(encoded) => {
                Box::new(encoded.aliases.iter().map(|(a, i)| (a.as_str(), *i)))
            }
        }
    }

    /// Appends the entries' binary form: their count, then each entry.
    pub fn encode(&self, w: &mut Writer) {
        w.usize(self.len());
        for entry in self {
            encode_entry(w, entry);
        }
    }

    /// The `count` entries encoded in `bytes` from `at` to the very end, each checked whole.
    /// `None` when they are not exactly that.
    pub fn decode(bytes: Vec<u8>, at: usize) -> Option<Entries> {
        let mut r = Reader::at(&bytes, at);
        let n = r.count()?;
        let mut starts = Vec::with_capacity(n);
        let mut ids = String::new();
        let mut id_ends = Vec::with_capacity(n);
        let mut companion = Vec::with_capacity(n);
        let mut aliases = Vec::new();
        for index in 0..n {
            starts.push(r.position());
            let entry = read_entry(&mut r)?;
            ids.push_str(entry.id);
            id_ends.push(ids.len());
            companion.push(entry.companion_of.is_some());
            aliases.extend(entry.aliases.iter().map(|a| (a.to_string(), index)));
        }
        if !r.is_at_end() {
            return None;
        }
        Some(Entries {
            inner: Inner::Encoded(Box::new(Encoded {
                bytes,
                starts,
                ids,
                id_ends,
                companion,
                aliases,
                decoded: (0..n).map(|_| OnceCell::new()).collect(),
            })),
        })
    }
}

impl Encoded {
    fn id(&self, index: usize) -> &str {
        let start = match index {
            0 => 0,
            _ => self.id_ends.get(index - 1).copied().unwrap_or(0),
        };
        let end = self.id_ends.get(index).copied().unwrap_or(0);
        self.ids.get(start..end).unwrap_or("")
    }

    fn decode(&self, index: usize) -> Entry {
        self.starts
            .get(index)
            .and_then(|&start| read_entry(&mut Reader::at(&self.bytes, start)))
            .map(|entry| entry.to_entry())
            // Every entry was read whole when the cache was, so this is never reached.
            .unwrap_or_else(|| Entry::new(self.id(index), Kind::Paper, self.id(index), "", ""))
    }
}

impl Index<usize> for Entries {
    type Output = Entry;

    fn index(&self, index: usize) -> &Entry {
        match self.get(index) {
            Some(entry) => entry,
            None => panic!(
                "entry index {index} is out of range for a catalog of {}",
                self.len()
            ),
        }
    }
}

impl PartialEq for Entries {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Entries {}

impl fmt::Debug for Entries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The entries in order.
pub struct Iter<'a> {
    entries: &'a Entries,
    range: Range<usize>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Entry;

    fn next(&mut self) -> Option<&'a Entry> {
        self.range.next().and_then(|i| self.entries.get(i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.range.next_back().and_then(|i| self.entries.get(i))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Entries {
    type Item = &'a Entry;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

// ---- one entry's binary form ------------------------------------------------------------------

fn encode_entry(w: &mut Writer, entry: &Entry) {
    // Destructured, so that a new field cannot be forgotten here (nor, then, in `read_entry`).
    let Entry {
        id,
        kind,
        title,
        authors,
        year,
        track,
        url,
        arxiv,
        minutes,
        requires,
        companion_of,
        label,
        label_en,
        lang,
        summary,
        summary_zh,
        aliases,
        questions,
        source,
    } = entry;
    w.str(id);
    w.usize(Kind::ALL.iter().position(|k| k == kind).unwrap_or(0));
    w.str(title);
    w.strings(authors);
    w.bool(year.is_some());
    w.u64(year.map_or(0, |y| u64::from(y as u32)));
    w.str(track);
    w.str(url);
    w.opt_str(arxiv.as_deref());
    w.bool(minutes.is_some());
    w.u64(minutes.map_or(0, u64::from));
    w.strings(requires);
    w.opt_str(companion_of.as_deref());
    w.opt_str(label.as_deref());
    w.opt_str(label_en.as_deref());
    w.opt_str(lang.as_deref());
    w.opt_str(summary.as_deref());
    w.opt_str(summary_zh.as_deref());
    w.strings(aliases);
    w.usize(questions.len());
    for Question {
        q,
        a,
        q_zh,
        a_zh,
        source,
    } in questions
    {
        w.str(q);
        w.str(a);
        w.opt_str(q_zh.as_deref());
        w.opt_str(a_zh.as_deref());
        w.opt_str(source.as_deref());
    }
    w.usize(*source);
}

/// An encoded entry, read and checked but not yet copied out of the bytes.
struct EntryRef<'a> {
    id: &'a str,
    kind: Kind,
    title: &'a str,
    authors: Strs<'a>,
    year: Option<i32>,
    track: &'a str,
    url: &'a str,
    arxiv: Option<&'a str>,
    minutes: Option<u32>,
    requires: Strs<'a>,
    companion_of: Option<&'a str>,
    label: Option<&'a str>,
    label_en: Option<&'a str>,
    lang: Option<&'a str>,
    summary: Option<&'a str>,
    summary_zh: Option<&'a str>,
    aliases: Strs<'a>,
    questions: Vec<QuestionRef<'a>>,
    source: usize,
}

struct QuestionRef<'a> {
    q: &'a str,
    a: &'a str,
    q_zh: Option<&'a str>,
    a_zh: Option<&'a str>,
    source: Option<&'a str>,
}

/// A list of strings already checked, read again when wanted.
struct Strs<'a> {
    count: usize,
    first: Reader<'a>,
}

impl<'a> Strs<'a> {
    fn read(r: &mut Reader<'a>) -> Option<Strs<'a>> {
        let count = r.count()?;
        let first = r.clone();
        for _ in 0..count {
            r.str()?;
        }
        Some(Strs { count, first })
    }

    fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let mut r = self.first.clone();
        (0..self.count).map_while(move |_| r.str())
    }

    fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

fn read_entry<'a>(r: &mut Reader<'a>) -> Option<EntryRef<'a>> {
    let optional = |r: &mut Reader| -> Option<Option<u32>> {
        let present = r.bool()?;
        let value = u32::try_from(r.u64()?).ok()?;
        Some(present.then_some(value))
    };
    Some(EntryRef {
        id: r.str()?,
        kind: *Kind::ALL.get(r.usize()?)?,
        title: r.str()?,
        authors: Strs::read(r)?,
        year: optional(r)?.map(|y| y as i32),
        track: r.str()?,
        url: r.str()?,
        arxiv: r.opt_str()?,
        minutes: optional(r)?,
        requires: Strs::read(r)?,
        companion_of: r.opt_str()?,
        label: r.opt_str()?,
        label_en: r.opt_str()?,
        lang: r.opt_str()?,
        summary: r.opt_str()?,
        summary_zh: r.opt_str()?,
        aliases: Strs::read(r)?,
        questions: {
            let count = r.count()?;
            let mut questions = Vec::new();
            for _ in 0..count {
                questions.push(QuestionRef {
                    q: r.str()?,
                    a: r.str()?,
                    q_zh: r.opt_str()?,
                    a_zh: r.opt_str()?,
                    source: r.opt_str()?,
                });
            }
            questions
        },
        source: r.usize()?,
    })
}

impl EntryRef<'_> {
    fn to_entry(&self) -> Entry {
        let owned = |s: Option<&str>| s.map(str::to_owned);
        Entry {
            id: self.id.to_owned(),
            kind: self.kind,
            title: self.title.to_owned(),
            authors: self.authors.to_vec(),
            year: self.year,
            track: self.track.to_owned(),
            url: self.url.to_owned(),
            arxiv: owned(self.arxiv),
            minutes: self.minutes,
            requires: self.requires.to_vec(),
            companion_of: owned(self.companion_of),
            label: owned(self.label),
            label_en: owned(self.label_en),
            lang: owned(self.lang),
            summary: owned(self.summary),
            summary_zh: owned(self.summary_zh),
            aliases: self.aliases.to_vec(),
            questions: self
                .questions
                .iter()
                .map(|q| Question {
                    q: q.q.to_owned(),
                    a: q.a.to_owned(),
                    q_zh: owned(q.q_zh),
                    a_zh: owned(q.a_zh),
                    source: owned(q.source),
                })
                .collect(),
            source: self.source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> Entry {
        let mut entry = Entry::new(id, Kind::Blog, "Title 中文", "t", "https://example.org");
        entry.authors = vec!["A".into(), "B".into()];
        entry.year = Some(2017);
        entry.minutes = Some(12);
        entry.requires = vec!["x".into()];
        entry.summary_zh = Some("摘要".into());
        entry.questions = vec![Question {
            q: "Why?".into(),
            a: "Because.".into(),
            q_zh: Some("为什么？".into()),
            a_zh: None,
            source: Some("Section 2".into()),
        }];
        entry.source = 3;
        entry
    }

    fn encoded(entries: &[Entry]) -> Vec<u8> {
        let mut w = Writer::new();
        w.str("header");
        Entries::from(entries.to_vec()).encode(&mut w);
        w.into_bytes()
    }

    #[test]
    fn encoded_entries_read_back_as_they_were_one_at_a_time() {
        let mut companion = entry("b");
        companion.companion_of = Some("a".into());
        companion.aliases = vec!["old-b".into()];
        let plain = vec![entry("a"), companion];
        let entries = Entries::decode(encoded(&plain), 7).unwrap();
        assert_eq!(entries.len(), 2);
        // What every command needs, before any entry is decoded.
        assert_eq!(
            (entries.id(0), entries.id(1), entries.id(2)),
            ("a", "b", "")
        );
        assert_eq!(
            (entries.is_companion(0), entries.is_companion(1)),
            (false, true)
        );
        assert_eq!(entries.aliases().collect::<Vec<_>>(), [("old-b", 1)]);
        assert_eq!(entries[1], plain[1]);
        assert_eq!(entries, Entries::from(plain));
        assert!(entries.get(2).is_none());
    }

    #[test]
    fn entries_that_are_not_exactly_the_rest_of_the_bytes_are_refused() {
        let bytes = encoded(&[entry("a"), entry("b")]);
        for len in 7..bytes.len() {
            assert!(Entries::decode(bytes[..len].to_vec(), 7).is_none(), "{len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Entries::decode(longer, 7).is_none());
    }
}
