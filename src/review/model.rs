//! The review file's model: per card, the reviews it had (a bounded log) and the FSRS state they give; grading, undoing and merging (pure).
//!
//! A card's state is always what replaying its log from its `base` gives, so two machines'
//! reviews merge by uniting the logs and replaying them, in time order, whichever side is taken
//! first. A log longer than [`MAX_LOG`] folds its oldest reviews into the base.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;

use crate::review::schedule::{self, CardState, Grade};

/// The review file format this build reads and writes.
pub const FORMAT: i64 = 1;

/// The most reviews a card keeps in its log; older ones live on in its base state.
pub const MAX_LOG: usize = 64;

/// One review: when, and the grade given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Review {
    pub at: Timestamp,
    pub grade: Grade,
}

/// One card's reviews and the state they give.
#[derive(Debug, Clone, PartialEq)]
pub struct CardLog {
    /// The state before the first review in `log`: `None` for a card whose whole history is
    /// there, as most cards' is (so it is boxed: 10,000 cards read for `review --list` are
    /// smaller by half a megabyte).
    pub base: Option<Box<CardState>>,
    /// Reviews after the base, oldest first.
    pub log: Vec<Review>,
    /// The state after every review: `None` only while there is none.
    pub state: Option<CardState>,
}

impl CardLog {
    /// The state replaying `log` from `base` gives.
    pub fn replay(base: Option<CardState>, log: &[Review]) -> Option<CardState> {
        log.iter().fold(base, |state, review| {
            Some(schedule::review(state.as_ref(), review.at, review.grade))
        })
    }

    /// A card as a file holds it: `None` when it has no review at all. A state that lpath wrote
    /// beside a log it could have written (sorted, bounded, not empty) is taken as written rather
    /// than replayed: reading 10,000 cards for `review --list` should not rerun every review.
    /// Grading, taking back and merging replay the log again, so a state is never carried past
    /// a change.
    pub fn from_file(
        base: Option<CardState>,
        log: Vec<Review>,
        state: Option<CardState>,
    ) -> Option<CardLog> {
        if base.is_none() && log.is_empty() {
            return None;
        }
        let sorted = log.windows(2).all(|w| w[0] < w[1]);
        Some(match state {
            Some(state) if sorted && !log.is_empty() && log.len() <= MAX_LOG => CardLog {
                base: base.map(Box::new),
                log,
                state: Some(state),
            },
            _ => CardLog::new(base, log),
        })
    }

    /// The state before the first review in `log`.
    pub fn base(&self) -> Option<CardState> {
        self.base.as_deref().copied()
    }

    fn new(base: Option<CardState>, mut log: Vec<Review>) -> CardLog {
        log.sort();
        log.dedup();
        let mut base = base;
        if log.len() > MAX_LOG {
            let old = log.len() - MAX_LOG;
            base = CardLog::replay(base, &log[..old]);
            log.drain(..old);
        }
        let state = CardLog::replay(base, &log);
        CardLog {
            base: base.map(Box::new),
            log,
            state,
        }
    }
}

/// Every card's reviews, by card id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reviews {
    pub cards: BTreeMap<String, CardLog>,
}

impl Reviews {
    pub fn state(&self, card: &str) -> Option<&CardState> {
        self.cards.get(card).and_then(|c| c.state.as_ref())
    }

    /// Grades `card` at `at`, and returns its new state.
    pub fn grade(&mut self, card: &str, at: Timestamp, grade: Grade) -> CardState {
        let (base, mut log) = match self.cards.remove(card) {
            Some(c) => (c.base(), c.log),
            None => (None, Vec::new()),
        };
        // A review is never older than the last one: a clock set back grades "now" as "then".
        let at = log.last().map_or(at, |last| at.max(last.at));
        log.push(Review { at, grade });
        let log = CardLog::new(base, log);
        let state = log
            .state
            .unwrap_or_else(|| schedule::review(None, at, grade));
        self.cards.insert(card.to_string(), log);
        state
    }

    /// The most recent review of any card, and which card had it.
    pub fn latest(&self) -> Option<(&str, Review)> {
        self.cards
            .iter()
            .filter_map(|(id, c)| c.log.last().map(|r| (id.as_str(), *r)))
            .max_by_key(|(id, r)| (r.at, std::cmp::Reverse(*id)))
    }

    /// Takes back the most recent review of `card`; the card is as it was before it.
    pub fn take_back(&mut self, card: &str) -> Option<Review> {
        let entry = self.cards.get_mut(card)?;
        let review = entry.log.pop()?;
        if entry.log.is_empty() && entry.base.is_none() {
            self.cards.remove(card);
        } else {
            entry.state = CardLog::replay(entry.base(), &entry.log);
        }
        Some(review)
    }

    /// Every review of every card, newest first, up to `count`.
    pub fn recent(&self, count: usize) -> Vec<(&str, Review)> {
        let mut all: Vec<(&str, Review)> = self
            .cards
            .iter()
            .flat_map(|(id, c)| c.log.iter().map(move |r| (id.as_str(), *r)))
            .collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        all.truncate(count);
        all
    }

    /// The cards a file holds, by id: any order; an id given twice keeps the last.
    pub fn from_cards(cards: Vec<(String, CardLog)>) -> Reviews {
        Reviews {
            cards: BTreeMap::from_iter(cards),
        }
    }

    /// Both machines' reviews: every card of either, each card's reviews united and replayed in
    /// time order. The same whichever is `self`.
    pub fn merge(&self, other: &Reviews) -> Reviews {
        let mut out = Reviews::default();
        let ids: std::collections::BTreeSet<&String> =
            self.cards.keys().chain(other.cards.keys()).collect();
        for id in ids {
            let (card, theirs) = match (self.cards.get(id), other.cards.get(id)) {
                (Some(a), Some(b)) => (a, b),
                (Some(only), None) | (None, Some(only)) => {
                    out.cards.insert(id.clone(), only.clone());
                    continue;
                }
                (None, None) => continue,
            };
            let base = later_base(card.base(), theirs.base());
            // What the chosen base already holds is not replayed again.
            let after = base.map(|b| b.last);
            let log: Vec<Review> = card
                .log
                .iter()
                .chain(&theirs.log)
                .copied()
                .filter(|r| after.is_none_or(|t| r.at > t))
                .collect();
            out.cards.insert(id.clone(), CardLog::new(base, log));
        }
        out
    }
}

/// Only each reviewed card's state, by card id: what `review --list` needs of the review file
/// (see `text::parse_states`), a fraction of [`Reviews`]' memory at ten thousand cards. Hashed,
/// as it is built on the thread that reads the file, so that finding ten thousand cards' states
/// costs the command little.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct States {
    by_id: HashMap<String, CardState>,
}

impl FromIterator<(String, CardState)> for States {
    fn from_iter<I: IntoIterator<Item = (String, CardState)>>(states: I) -> States {
        States {
            by_id: HashMap::from_iter(states),
        }
    }
}

impl States {
    pub fn of(reviews: &Reviews) -> States {
        reviews
            .cards
            .iter()
            .filter_map(|(id, c)| Some((id.clone(), c.state?)))
            .collect()
    }

    pub fn get(&self, card: &str) -> Option<&CardState> {
        self.by_id.get(card)
    }
}

/// Of two bases, the one that has seen more (more reviews, then the later one, then the larger
/// values): a choice that does not depend on which side is which.
fn later_base(a: Option<CardState>, b: Option<CardState>) -> Option<CardState> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => {
            let key = |s: &CardState| {
                (
                    s.reps,
                    s.last,
                    s.due,
                    s.stability.to_bits(),
                    s.difficulty.to_bits(),
                    s.lapses,
                )
            };
            Some(if key(&a) >= key(&b) { a } else { b })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: i64) -> Timestamp {
        Timestamp::from_second(1_770_000_000 + day * 86_400).unwrap()
    }

    #[test]
    fn taking_back_a_grade_restores_the_card_exactly() {
        let mut reviews = Reviews::default();
        reviews.grade("a.q1", at(1), Grade::Good);
        let before = reviews.clone();
        reviews.grade("a.q1", at(4), Grade::Hard);
        assert_ne!(reviews, before);
        assert_eq!(reviews.latest().map(|(id, _)| id), Some("a.q1"));
        reviews.take_back("a.q1");
        assert_eq!(reviews, before);
        reviews.take_back("a.q1");
        assert_eq!(reviews, Reviews::default());
    }

    #[test]
    fn a_long_log_folds_into_its_base_and_keeps_the_same_state() {
        let mut reviews = Reviews::default();
        let mut full = Vec::new();
        for day in 0..(MAX_LOG as i64 + 10) {
            reviews.grade("a.q1", at(day), Grade::Good);
            full.push(Review {
                at: at(day),
                grade: Grade::Good,
            });
        }
        let card = &reviews.cards["a.q1"];
        assert_eq!(card.log.len(), MAX_LOG);
        assert!(card.base.is_some());
        assert_eq!(card.state, CardLog::replay(None, &full));
    }

    #[test]
    fn states_hold_each_reviewed_cards_state_and_find_it_by_id() {
        let mut reviews = Reviews::default();
        for (n, id) in ["b.q1", "a.q2", "c.q1", "a.q1"].iter().enumerate() {
            reviews.grade(id, at(n as i64), Grade::Good);
        }
        let states = States::of(&reviews);
        for id in ["a.q1", "a.q2", "b.q1", "c.q1"] {
            assert_eq!(states.get(id), reviews.state(id), "{id}");
            assert!(states.get(id).is_some(), "{id}");
        }
        assert_eq!(states.get("a.q3"), None);
        assert_eq!(states.get(""), None);
    }

    #[test]
    fn merging_unites_both_sides_reviews_in_time_order() {
        let mut here = Reviews::default();
        here.grade("a.q1", at(1), Grade::Good);
        let mut there = here.clone();
        here.grade("a.q1", at(5), Grade::Easy);
        there.grade("a.q1", at(3), Grade::Again);
        there.grade("b.q1", at(2), Grade::Hard);
        let merged = here.merge(&there);
        assert_eq!(merged, there.merge(&here));
        assert_eq!(merged.cards["a.q1"].log.len(), 3);
        assert_eq!(merged.cards.len(), 2);
        let grades: Vec<Grade> = merged.cards["a.q1"].log.iter().map(|r| r.grade).collect();
        assert_eq!(grades, [Grade::Good, Grade::Again, Grade::Easy]);
        assert_eq!(merged.merge(&merged), merged);
    }
}
