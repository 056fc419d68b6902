//! What a catalog file holds: its format version, tracks and entries, and the problems found in it.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The catalog format this build reads.
pub const FORMAT: i64 = 1;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Deserialize, Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Paper,
    Blog,
    Code,
    Video,
    Book,
    Course,
    /// Documentation of a library or tool.
    Docs,
    /// A repository to browse rather than run: curated lists, notes, collected links.
    Repo,
    /// Prompts, samples, evaluations or a data set.
    Data,
}

impl Kind {
    /// Every kind, in the order help and messages list them. New kinds go at the end: the
    /// catalog cache stores a kind as its position here.
    pub const ALL: [Kind; 9] = [
        Kind::Paper,
        Kind::Blog,
        Kind::Code,
        Kind::Video,
        Kind::Book,
        Kind::Course,
        Kind::Docs,
        Kind::Repo,
        Kind::Data,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Paper => "paper",
            Kind::Blog => "blog",
            Kind::Code => "code",
            Kind::Video => "video",
            Kind::Book => "book",
            Kind::Course => "course",
            Kind::Docs => "docs",
            Kind::Repo => "repo",
            Kind::Data => "data",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    pub id: String,
    pub title: String,
    pub title_zh: Option<String>,
}

/// An entry of the path. Its serde form is the one list of its fields that the catalog cache
/// (postcard), `list --json` and `lpath add`'s table in local.toml share; the catalog file's reader
/// (`file.rs`, which keeps every value's place for error messages) and the options of `add` and
/// `edit` are the other two.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    pub authors: Vec<String>,
    pub year: Option<i32>,
    pub track: String,
    pub url: String,
    pub arxiv: Option<String>,
    pub minutes: Option<u32>,
    pub requires: Vec<String>,
    pub companion_of: Option<String>,
    pub label: Option<String>,
    pub label_en: Option<String>,
    pub lang: Option<String>,
    pub summary: Option<String>,
    pub summary_zh: Option<String>,
    pub aliases: Vec<String>,
    /// Review questions about the entry, in file order (`[[entry.question]]`).
    pub questions: Vec<Question>,
    /// Index into the sources the catalog was built from: not part of the entry's serde form
    /// (the cache keeps it beside the entry; JSON and TOML leave it out).
    #[serde(skip)]
    pub source: usize,
}

impl Entry {
    /// An entry with only the fields every entry has, not yet read from any file: what `lpath add`
    /// starts from.
    pub fn new(id: &str, kind: Kind, title: &str, track: &str, url: &str) -> Entry {
        Entry {
            id: id.to_string(),
            kind,
            title: title.to_string(),
            track: track.to_string(),
            url: url.to_string(),
            ..Entry::default()
        }
    }

    pub fn is_companion(&self) -> bool {
        self.companion_of.is_some()
    }
}

/// A review question about an entry, with its short answer: English, and Chinese when given, and
/// where in the resource the answer is. Its words are owned (`String`), or borrowed as bytes
/// (`&[u8]`) straight out of the catalog cache, where cards read the questions of thousands of
/// entries without decoding the entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question<S = String> {
    pub q: S,
    pub a: S,
    pub q_zh: Option<S>,
    pub a_zh: Option<S>,
    pub source: Option<S>,
}

impl Question {
    /// The question with its words borrowed, as UTF-8 bytes.
    pub fn as_bytes(&self) -> Question<&[u8]> {
        Question {
            q: self.q.as_bytes(),
            a: self.a.as_bytes(),
            q_zh: self.q_zh.as_deref().map(str::as_bytes),
            a_zh: self.a_zh.as_deref().map(str::as_bytes),
            source: self.source.as_deref().map(str::as_bytes),
        }
    }
}

/// The most questions one entry may have, and the longest question or answer, in characters:
/// a card is read on a screen, not a page.
pub const MAX_QUESTIONS: usize = 20;
pub const MAX_QUESTION_CHARS: usize = 600;

/// A problem in a catalog file, located at a byte range of that file where one is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    pub source: usize,
    pub span: Option<Range<usize>>,
    pub message: String,
}
