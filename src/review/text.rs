//! The review file, `review.toml`, as text: read (checked and bounded, refused as a whole when any of it is wrong) and written deterministically.
//!
//! Each card is a `[card."ID"]` table: its log as `"TIME GRADE"` strings, oldest first, and, once
//! the log has been folded, a `base` state. `due`, `stability`, `difficulty`, `reps` and `lapses`
//! are written for a person reading the file; reading replays the log instead, so the state is
//! always what the reviews give.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::progress::model::{ParseError, parse_versioned, to_versioned_toml};
use crate::review::model::{FORMAT, MAX_LOG, Review, Reviews};
use crate::review::schedule::{CardState, Grade};

const HEADER: &str = "# lpath reviews: each card's review log and when it is due next. Written by lpath; safe to keep in git.\n";

/// The longest card id a file may hold: an entry id, a dot and a short suffix.
pub const MAX_CARD_ID: usize = 200;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: i64,
    #[serde(default)]
    card: BTreeMap<String, CardFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CardFile {
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stability: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    difficulty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reps: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lapses: Option<u32>,
    #[serde(default)]
    log: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<String>,
}

fn invalid(message: String) -> ParseError {
    ParseError::Invalid(message)
}

/// Whether `id` is a card id lpath makes: an entry id, a dot, a suffix of letters and digits.
pub fn is_card_id(id: &str) -> bool {
    let Some((entry, suffix)) = id.rsplit_once('.') else {
        return false;
    };
    id.len() <= MAX_CARD_ID
        && crate::text::kebab::is_kebab(entry)
        && !suffix.is_empty()
        && suffix
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The reviews a file holds; any card, review or value that is wrong refuses the whole file.
pub fn parse(text: &str) -> Result<Reviews, ParseError> {
    let file: File = parse_versioned(text, FORMAT, |f: &File| f.format)?;
    let mut reviews = Reviews::default();
    for (id, card) in file.card {
        let shown = crate::text::sanitize::visible(&id).into_owned();
        if !is_card_id(&id) {
            return Err(invalid(
                t!("review.file.bad_card", card = shown).into_owned(),
            ));
        }
        if card.log.len() > MAX_LOG {
            return Err(invalid(
                t!("review.file.long_log", card = shown, max = MAX_LOG).into_owned(),
            ));
        }
        let mut log = Vec::with_capacity(card.log.len());
        for line in &card.log {
            let review = parse_review(line).ok_or_else(|| {
                invalid(
                    t!(
                        "review.file.bad_review",
                        card = shown,
                        review = crate::text::sanitize::visible(line)
                    )
                    .into_owned(),
                )
            })?;
            log.push(review);
        }
        let base =
            match &card.base {
                None => None,
                Some(text) => Some(parse_state(text).ok_or_else(|| {
                    invalid(t!("review.file.bad_base", card = shown).into_owned())
                })?),
            };
        let last = log.last().map(|r| r.at);
        match (
            card.due.as_deref(),
            card.stability,
            card.difficulty,
            card.reps,
            card.lapses,
            last,
        ) {
            (
                Some(due),
                Some(stability),
                Some(difficulty),
                Some(reps),
                Some(lapses),
                Some(last),
            ) if stability.is_finite() && stability > 0.0 && difficulty.is_finite() => {
                let due = crate::progress::stamp::parse(due)
                    .map_err(|_| invalid(t!("review.file.bad_base", card = shown).into_owned()))?;
                let state = CardState {
                    due,
                    stability,
                    difficulty,
                    reps,
                    lapses,
                    last,
                };
                reviews.insert_written(id, base, log, state);
            }
            _ => reviews.insert(id, base, log),
        }
    }
    Ok(reviews)
}

fn parse_review(text: &str) -> Option<Review> {
    let (at, grade) = text.split_once(' ')?;
    Some(Review {
        at: crate::progress::stamp::parse(at).ok()?,
        grade: Grade::parse(grade)?,
    })
}

fn parse_state(text: &str) -> Option<CardState> {
    let mut parts = text.split(' ');
    let mut next = || parts.next();
    let state = CardState {
        due: crate::progress::stamp::parse(next()?).ok()?,
        stability: next()?
            .parse()
            .ok()
            .filter(|s: &f64| s.is_finite() && *s > 0.0)?,
        difficulty: next()?.parse().ok().filter(|d: &f64| d.is_finite())?,
        reps: next()?.parse().ok()?,
        lapses: next()?.parse().ok()?,
        last: crate::progress::stamp::parse(next()?).ok()?,
    };
    next().is_none().then_some(state)
}

fn state_text(s: &CardState) -> String {
    format!(
        "{} {:?} {:?} {} {} {}",
        s.due, s.stability, s.difficulty, s.reps, s.lapses, s.last
    )
}

/// The file's text: every card in id order, deterministic, so it diffs and merges in git.
pub fn to_toml(reviews: &Reviews) -> String {
    let file = File {
        format: FORMAT,
        card: reviews
            .cards
            .iter()
            .map(|(id, card)| {
                let state = card.state;
                (
                    id.clone(),
                    CardFile {
                        due: state.map(|s| s.due.to_string()),
                        stability: state.map(|s| s.stability),
                        difficulty: state.map(|s| s.difficulty),
                        reps: state.map(|s| s.reps),
                        lapses: state.map(|s| s.lapses),
                        log: card
                            .log
                            .iter()
                            .map(|r| format!("{} {}", r.at, r.grade.as_str()))
                            .collect(),
                        base: card.base.as_ref().map(state_text),
                    },
                )
            })
            .collect(),
    };
    to_versioned_toml(HEADER, FORMAT, &file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    #[test]
    fn a_file_reads_back_as_it_was_written() {
        let mut reviews = Reviews::default();
        let day = |n: i64| Timestamp::from_second(1_770_000_000 + n * 86_400).unwrap();
        for n in 0..(MAX_LOG as i64 + 3) {
            reviews.grade("bert.q1", day(n), Grade::Good);
        }
        reviews.grade("gpt-2.n3fa2c1", day(2), Grade::Again);
        let text = to_toml(&reviews);
        assert_eq!(parse(&text).unwrap(), reviews, "{text}");
    }

    #[test]
    fn anything_wrong_refuses_the_whole_file() {
        for bad in [
            "format = 1\n[card.\"Bad Id\"]\nlog = []\n",
            "format = 1\n[card.\"a.q1\"]\nlog = [\"2026-03-02T10:00:00Z great\"]\n",
            "format = 1\n[card.\"a.q1\"]\nlog = [\"yesterday good\"]\n",
            "format = 1\n[card.\"a.q1\"]\nbase = \"1 2 3\"\n",
            "format = 1\n[card.\"a.q1\"]\ncolour = 1\n",
            "",
            "format = 0\n",
        ] {
            assert!(matches!(parse(bad), Err(ParseError::Invalid(_))), "{bad}");
        }
        assert_eq!(parse("format = 9\n"), Err(ParseError::Newer(9)));
    }
}
