//! Which review cards a learner has: the questions of every entry marked done and the notes written as `Q: … / A: …`, and when each is due (pure).
//!
//! A card's id is its entry's id, a dot, and `qN` for the entry's Nth catalog question or `n`
//! and six hex digits (a hash of the question) for a note: a note card keeps its history while
//! other notes come and go, and a question rewritten is a new card. A skipped, reset or unread
//! entry gives no cards; its cards' history stays in the review file for when it is done again.

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::catalog::entries::words;
use crate::catalog::model::Catalog;
use crate::i18n::Lang;
use crate::progress::model::{Progress, Record, Status};
use crate::review::model::Reviews;
use crate::review::schedule::CardState;

/// One card as the learner sees it: its words borrowed from the catalog or the note they are in.
#[derive(Debug, Clone, PartialEq)]
pub struct Card<'a> {
    pub id: String,
    /// The entry's index in the catalog.
    pub entry: usize,
    pub question: &'a str,
    /// The answer and where it is, as the catalog cache holds them: read as text by
    /// [`Card::answer`] and [`Card::source`] only where shown (a list of questions never is).
    answer: &'a [u8],
    source: Option<&'a [u8]>,
    /// The question or answer is in the other language, for want of one in the learner's.
    pub other_language: bool,
    pub due: Timestamp,
    /// Whether it has been reviewed before.
    pub reviewed: bool,
}

impl<'a> Card<'a> {
    pub fn answer(&self) -> &'a str {
        words(self.answer)
    }

    /// Where the answer is, from the catalog.
    pub fn source(&self) -> Option<&'a str> {
        self.source.map(words)
    }
}

/// A note's question and answer, when it is written as a card: it starts `Q:`, and a later `A:`
/// begins a line, or a capital `A:` follows a space or a `/` (`Q: Why? / A: Because.`); a
/// full-width colon works too, and so do lowercase letters at a line's start. Each part may run over several lines.
pub fn note_card(text: &str) -> Option<(&str, &str)> {
    let rest = strip_label(text.trim_start(), 'Q')?;
    let mut from = 0;
    while let Some(found) = rest[from..].find(['A', 'a']) {
        let at = from + found;
        let before = rest[..at].trim_end_matches([' ', '\t']);
        let line_start = before.ends_with('\n');
        // Mid-line, only a capital `A:` after a space or `/`: `a:b` is not an answer.
        let mid_line = rest[at..].starts_with('A')
            && (before.ends_with('/') || before.len() < rest[..at].len());
        let starts_part = line_start || mid_line;
        if starts_part && let Some(answer) = strip_label(&rest[at..], 'A') {
            let question = before.trim_end_matches('/').trim();
            let answer = answer.trim();
            return (!question.is_empty() && !answer.is_empty()).then_some((question, answer));
        }
        from = at + 1;
    }
    None
}

fn strip_label(text: &str, letter: char) -> Option<&str> {
    let rest = text
        .strip_prefix(letter)
        .or_else(|| text.strip_prefix(letter.to_ascii_lowercase()))?;
    rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))
}

/// A note's text for a card: what `lpath card add` writes, and [`note_card`] reads back.
pub fn note_text(question: &str, answer: &str) -> String {
    format!("Q: {}\nA: {}", question.trim(), answer.trim())
}

/// The id of the card a note with this question makes.
pub fn note_card_id(entry: &str, question: &str) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(question.as_bytes());
    format!("{entry}.n{:06x}", hash >> 40)
}

/// When a paper's cards are first due: the start of the day after it was read, in `tz`.
pub fn first_due(finished: Timestamp, tz: &TimeZone) -> Timestamp {
    let day = finished.to_zoned_datetime(tz.clone()).date();
    day.tomorrow()
        .ok()
        .and_then(|next| {
            next.to_datetime(jiff::civil::Time::midnight())
                .to_zoned_datetime(tz.clone())
                .ok()
        })
        .map_or(finished, |z| z.timestamp())
}

/// The entries that give cards (done), as catalog indices in path order, each with its record
/// (kept under the entry's id, or else under an alias it had).
fn done_entries<'a>(catalog: &Catalog, progress: &'a Progress) -> Vec<(usize, &'a Record)> {
    let mut done: Vec<(usize, bool, &Record)> = progress
        .entries
        .iter()
        .filter(|(_, r)| r.status == Status::Done)
        .filter_map(|(id, r)| {
            let index = catalog.get(id)?;
            Some((index, id != catalog.entries.id(index), r))
        })
        .collect();
    done.sort_by_key(|&(index, alias, _)| (catalog.row_of(index), alias));
    done.dedup_by_key(|(index, _, _)| *index);
    done.into_iter().map(|(index, _, r)| (index, r)).collect()
}

/// Dates each card that has a state (from [`Reviews::state`] or `States::get`) as it says.
pub fn schedule<'r>(cards: &mut [Card<'_>], state_of: impl Fn(&str) -> Option<&'r CardState>) {
    for card in cards {
        if let Some(state) = state_of(&card.id) {
            card.due = state.due;
            card.reviewed = true;
        }
    }
}

/// Whether the learner has any card at all: read before the review file, so a learner without
/// cards never pays for reading it.
pub fn any(catalog: &Catalog, progress: &Progress) -> bool {
    // No entry is decoded: a path of 100,000 entries, half of them read, pays nothing here.
    progress
        .entries
        .iter()
        .filter(|(_, r)| r.status == Status::Done)
        .any(|(id, r)| {
            catalog.get(id).is_some_and(|index| {
                catalog.entries.has_questions(index)
                    || r.notes.iter().any(|n| note_card(&n.text).is_some())
            })
        })
}

/// Every card the learner has, in path order (each entry's questions, then its note cards), due
/// as `reviews` says or, never reviewed, the day after the entry was read. Its words are borrowed
/// from the catalog and the progress, not copied, and no entry is decoded for them: `review
/// --list` builds every card to show the few that are due.
pub fn all<'a>(
    catalog: &'a Catalog,
    progress: &'a Progress,
    reviews: &Reviews,
    lang: Lang,
    tz: &TimeZone,
) -> Vec<Card<'a>> {
    let mut cards = unreviewed(catalog, progress, lang, tz);
    schedule(&mut cards, |id| reviews.state(id));
    cards
}

/// The cards as [`all`] gives them, before `reviews` dates them: each due the day after its
/// entry was read, none reviewed. `review --list` builds them while the review file is read.
pub fn unreviewed<'a>(
    catalog: &'a Catalog,
    progress: &'a Progress,
    lang: Lang,
    tz: &TimeZone,
) -> Vec<Card<'a>> {
    let done = done_entries(catalog, progress);
    let mut cards = Vec::with_capacity(done.len() * 4);
    let mut id = String::new();
    for (index, record) in done {
        let entry_id = catalog.entries.id(index);
        let new_due = first_due(record.finished.unwrap_or(record.changed), tz);
        let mut push = |id: String, question, answer, other, source| {
            cards.push(Card {
                due: new_due,
                reviewed: false,
                id,
                entry: index,
                question,
                answer,
                other_language: other,
                source,
            });
        };
        for (n, q) in catalog.entries.questions(index).into_iter().enumerate() {
            let (question, answer, other) = match (lang, q.q_zh, q.a_zh) {
                (Lang::En, _, _) => (q.q, q.a, false),
                (Lang::Zh, Some(qz), Some(az)) => (qz, az, false),
                (Lang::Zh, _, _) => (q.q, q.a, true),
            };
            id.clear();
            let _ = write!(id, "{entry_id}.q{}", n + 1);
            push(id.clone(), words(question), answer, other, q.source);
        }
        let mut seen = Vec::new();
        for note in &record.notes {
            let Some((question, answer)) = note_card(&note.text) else {
                continue;
            };
            let id = note_card_id(entry_id, question);
            // The same question noted twice is one card.
            if seen.contains(&id) {
                continue;
            }
            seen.push(id.clone());
            push(id, question, answer.as_bytes(), false, None);
        }
    }
    cards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_shaped_as_q_and_a_are_cards() {
        assert_eq!(
            note_card("Q: Why?\nA: Because."),
            Some(("Why?", "Because."))
        );
        assert_eq!(
            note_card("q：为什么？\n要点\na：因为。\n还有"),
            Some(("为什么？\n要点", "因为。\n还有"))
        );
        assert_eq!(note_card("Q: no answer"), None);
        assert_eq!(
            note_card("Q: Why scale? / A: Softmax saturates."),
            Some(("Why scale?", "Softmax saturates."))
        );
        assert_eq!(
            note_card("Q: What is BART? A: A denoiser."),
            Some(("What is BART?", "A denoiser."))
        );
        assert_eq!(note_card("Q: Is a:b a ratio?"), None);
        assert_eq!(note_card("Quite a note\nA: no"), None);
        assert_eq!(note_card("Q:\nA: empty question"), None);
        let text = note_text(" Why? ", "Because. ");
        assert_eq!(note_card(&text), Some(("Why?", "Because.")));
    }

    #[test]
    fn note_card_ids_are_stable_and_short() {
        let id = note_card_id("bert", "Why?");
        assert_eq!(id, note_card_id("bert", "Why?"));
        assert_ne!(id, note_card_id("bert", "Why not?"));
        assert!(crate::review::text::is_card_id(&id), "{id}");
    }

    #[test]
    fn a_paper_read_today_is_due_from_the_start_of_tomorrow() {
        let tz = TimeZone::UTC;
        let read: Timestamp = "2026-03-02T22:30:00Z".parse().unwrap();
        assert_eq!(
            first_due(read, &tz),
            "2026-03-03T00:00:00Z".parse::<Timestamp>().unwrap()
        );
    }
}
