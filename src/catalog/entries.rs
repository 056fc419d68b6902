//! The catalog's entries: a plain list when parsed from TOML, or read one by one out of the catalog cache when a command first looks at them.
//!
//! `next` or `done` on a path of 100,000 entries shows a handful of them, yet turning every cached
//! entry back into its dozen strings would take most of their time and memory. So entries from
//! the cache keep the cache's bytes, with what commands need of every entry (its id, whether it
//! is a companion, its aliases) taken out once, and decode the rest of an entry when it is first
//! indexed. Those parts are read and checked when the cache is; an entry's body (its serde form,
//! in postcard) is covered by the cache's checksum and decoded on first use.

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
    /// The cache file; entry `i`'s body is `bytes[bodies[i]]`.
    bytes: Vec<u8>,
    bodies: Vec<Range<usize>>,
    /// By entry: the source it came from (its body leaves it out).
    sources: Vec<usize>,
    /// Every id, one after the other; entry `i`'s ends at `id_ends[i]`.
    ids: String,
    id_ends: Vec<usize>,
    companion: Vec<bool>,
    /// By entry: where in its body its review questions begin. They are the body's last field,
    /// so cards read them (and `next` learns whether any card exists) without decoding entries.
    questions: Vec<usize>,
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
            Inner::Encoded(encoded) => encoded.bodies.len(),
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
                None if index < encoded.bodies.len() => Some(f(&encoded.decode(index))),
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

    /// Whether entry `index` has review questions, without decoding the entry.
    pub fn has_questions(&self, index: usize) -> bool {
        match &self.inner {
            Inner::Decoded(entries) => entries.get(index).is_some_and(|e| !e.questions.is_empty()),
            // A question list's encoding starts with its length, a varint: 0 is empty.
            Inner::Encoded(encoded) => encoded.questions_bytes(index).is_some_and(|b| b[0] != 0),
        }
    }

    /// Entry `index`'s review questions, their words borrowed as UTF-8 bytes: from the cache's
    /// bytes without decoding the entry, or from the entry. Each is checked as text only when a
    /// card reads it ([`words`]): of a question's two languages, a card shows one. Empty past
    /// the end.
    pub fn questions(&self, index: usize) -> Vec<Question<&[u8]>> {
        match &self.inner {
            Inner::Decoded(entries) => entries.get(index).map_or_else(Vec::new, |e| {
                e.questions.iter().map(Question::as_bytes).collect()
            }),
            Inner::Encoded(encoded) => match encoded.decoded.get(index).and_then(OnceCell::get) {
                Some(entry) => entry.questions.iter().map(Question::as_bytes).collect(),
                // postcard writes a string as its length and its bytes, and reads bytes so.
                None => encoded
                    .questions_bytes(index)
                    .and_then(|bytes| postcard::from_bytes(bytes).ok())
                    .unwrap_or_default(),
            },
        }
    }

    /// Entry `index`'s title, borrowed, without decoding the entry; empty past the end.
    pub fn title(&self, index: usize) -> &str {
        match &self.inner {
            Inner::Decoded(entries) => entries.get(index).map_or("", |e| e.title.as_str()),
            Inner::Encoded(encoded) => match encoded.decoded.get(index).and_then(OnceCell::get) {
                Some(entry) => &entry.title,
                None => encoded
                    .body(index)
                    .and_then(|body| postcard::take_from_bytes::<Lead>(body).ok())
                    .map_or_else(|| encoded.id(index), |(lead, _)| lead.title),
            },
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
        let mut bodies = Vec::with_capacity(n);
        let mut ids = String::new();
        let mut id_ends = Vec::with_capacity(n);
        let mut companion = Vec::with_capacity(n);
        let mut questions = Vec::with_capacity(n);
        let mut aliases = Vec::new();
        let mut sources = Vec::with_capacity(n);
        for index in 0..n {
            let head = read_head(&mut r)?;
            ids.push_str(head.id);
            id_ends.push(ids.len());
            companion.push(head.companion);
            questions.push(head.questions);
            aliases.extend(head.aliases.iter().map(|a| (a.to_string(), index)));
            sources.push(head.source);
            bodies.push(head.body);
        }
        if !r.is_at_end() {
            return None;
        }
        Some(Entries {
            inner: Inner::Encoded(Box::new(Encoded {
                bytes,
                bodies,
                sources,
                ids,
                id_ends,
                companion,
                questions,
                aliases,
                decoded: (0..n).map(|_| OnceCell::new()).collect(),
            })),
        })
    }
}

impl Encoded {
    fn body(&self, index: usize) -> Option<&[u8]> {
        self.bodies
            .get(index)
            .and_then(|body| self.bytes.get(body.clone()))
    }

    /// The encoded question list at the end of entry `index`'s body; never empty.
    fn questions_bytes(&self, index: usize) -> Option<&[u8]> {
        let body = self.body(index)?;
        body.get(*self.questions.get(index)?..)
            .filter(|bytes| !bytes.is_empty())
    }

    fn id(&self, index: usize) -> &str {
        let start = match index {
            0 => 0,
            _ => self.id_ends.get(index - 1).copied().unwrap_or(0),
        };
        let end = self.id_ends.get(index).copied().unwrap_or(0);
        self.ids.get(start..end).unwrap_or("")
    }

    fn decode(&self, index: usize) -> Entry {
        self.body(index)
            .and_then(|body| postcard::from_bytes::<Entry>(body).ok())
            .map(|mut entry| {
                entry.source = self.sources.get(index).copied().unwrap_or(0);
                entry
            })
            // The cache's checksum covers every body, so only a cache made by hand to match it
            // gets here: its entry is shown by id, never a panic.
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

/// The part of an entry that commands need of every entry, written by hand before its body so
/// that reading the cache need not decode any body.
fn encode_entry(w: &mut Writer, entry: &Entry) {
    // The body, from the serde derive the JSON and local.toml use too: no field list here.
    let body = postcard::to_stdvec(entry).unwrap_or_default();
    // The questions are the body's last field (`source` is left out of it): they start where
    // their own encoding, at the end, does.
    let questions = postcard::to_stdvec(&entry.questions).unwrap_or_default();
    w.str(&entry.id);
    w.bool(entry.is_companion());
    w.usize(body.len().saturating_sub(questions.len()));
    w.strings(&entry.aliases);
    w.usize(entry.source);
    w.bytes(&body);
}

/// A question's words as text, from [`Entries::questions`]: empty if they are not UTF-8, which
/// only a cache forged to match its checksum could hold.
pub fn words(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or("")
}

/// The first fields of an entry's serde form, borrowed: enough to read its title without
/// decoding the rest. A test keeps them in step with [`Entry`].
#[derive(serde::Deserialize)]
struct Lead<'a> {
    #[allow(dead_code)]
    id: &'a str,
    #[allow(dead_code)]
    kind: Kind,
    title: &'a str,
}

/// An encoded entry's head, and where its body is.
struct Head<'a> {
    id: &'a str,
    companion: bool,
    /// Where, in the body, the questions begin.
    questions: usize,
    aliases: Vec<&'a str>,
    source: usize,
    body: Range<usize>,
}

fn read_head<'a>(r: &mut Reader<'a>) -> Option<Head<'a>> {
    let id = r.str()?;
    let companion = r.bool()?;
    let questions = r.usize()?;
    let aliases = (0..r.count()?)
        .map(|_| r.str())
        .collect::<Option<Vec<_>>>()?;
    let source = r.usize()?;
    let len = r.count()?;
    let start = r.position();
    r.raw(len)?;
    if questions >= len {
        return None;
    }
    Some(Head {
        id,
        companion,
        questions,
        aliases,
        source,
        body: start..start + len,
    })
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
        companion.questions.clear();
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
        assert_eq!(
            (
                entries.has_questions(0),
                entries.has_questions(1),
                entries.has_questions(2)
            ),
            (true, false, false)
        );
        assert_eq!(entries[1], plain[1]);
        assert_eq!(entries, Entries::from(plain));
        assert!(entries.get(2).is_none());
    }

    #[test]
    fn questions_and_titles_read_out_of_the_cache_without_decoding_any_entry() {
        let plain = vec![entry("a"), Entry::new("b", Kind::Paper, "B", "t", "u")];
        let entries = Entries::decode(encoded(&plain), 7).unwrap();
        let borrowed: Vec<Question<&[u8]>> =
            plain[0].questions.iter().map(Question::as_bytes).collect();
        assert_eq!(entries.questions(0), borrowed);
        assert_eq!(entries.questions(1), []);
        assert_eq!(entries.questions(2), []);
        assert_eq!(
            (entries.title(0), entries.title(1), entries.title(2)),
            ("Title 中文", "B", "")
        );
        let Inner::Encoded(encoded) = &entries.inner else {
            panic!("read from bytes, the entries are encoded");
        };
        assert!(encoded.decoded.iter().all(|cell| cell.get().is_none()));
        // Once decoded, the same answers come from the entry.
        assert_eq!(entries[0].title, "Title 中文");
        assert_eq!(entries.questions(0), borrowed);
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
