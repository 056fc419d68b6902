//! One review graded: the card's next FSRS state, from the rs-fsrs crate's long-term scheduler (pure).
//!
//! Papers are reviewed on the scale of days, so the scheduler runs without same-day learning
//! steps and without fuzz (two machines replaying the same reviews must agree to the bit): `hard`,
//! `good` and `easy` each put a card on a later day, as FSRS says; `again` keeps FSRS's new
//! stability and difficulty, but brings the card back at once, within the same day.

use jiff::Timestamp;
use rs_fsrs::{Card, FSRS, Parameters, Rating, State};

/// A grade, as the learner gives it: 1 again, 2 hard, 3 good, 4 easy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    /// The grade in the learner's language, as screens show it: `review grade` takes the
    /// English word (`as_str`) and the Chinese one.
    pub fn word(self) -> String {
        crate::i18n::text(&format!("review.grade_word.{}", self.as_str()))
    }

    pub fn parse(text: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.as_str() == text)
    }

    /// The grade a key gives on the review screen: `1` to `4`.
    pub fn from_key(key: char) -> Option<Grade> {
        let digit = key.to_digit(10)? as usize;
        Grade::ALL.get(digit.checked_sub(1)?).copied()
    }

    fn rating(self) -> Rating {
        match self {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
            Grade::Easy => Rating::Easy,
        }
    }
}

/// What FSRS knows of a card after its reviews so far.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardState {
    pub due: Timestamp,
    pub stability: f64,
    pub difficulty: f64,
    pub reps: u32,
    pub lapses: u32,
    /// When it was last reviewed.
    pub last: Timestamp,
}

/// The scheduler lpath uses: FSRS's default weights and 90% retention, long-term, no fuzz.
pub fn scheduler() -> FSRS {
    FSRS::new(Parameters {
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    })
}

fn chrono_time(time: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(time.as_second(), time.subsec_nanosecond().max(0) as u32)
        .unwrap_or_default()
}

fn jiff_time(time: chrono::DateTime<chrono::Utc>) -> Timestamp {
    Timestamp::new(time.timestamp(), time.timestamp_subsec_nanos() as i32)
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The state after a review at `at` with `grade` of a card in `state` (`None`: never reviewed).
pub fn review(state: Option<&CardState>, at: Timestamp, grade: Grade) -> CardState {
    // A review dated before the last one (a hand-edited or merged file can hold one) counts as
    // given at the last one: FSRS on a negative interval gives NaN, which no file may hold.
    let at = match state {
        Some(s) if at < s.last => s.last,
        _ => at,
    };
    let card = match state {
        None => Card {
            due: chrono_time(at),
            last_review: chrono_time(at),
            ..Card::default()
        },
        Some(s) => Card {
            due: chrono_time(s.due),
            stability: s.stability,
            difficulty: s.difficulty,
            elapsed_days: 0,
            scheduled_days: 0,
            reps: i32::try_from(s.reps).unwrap_or(i32::MAX),
            lapses: i32::try_from(s.lapses).unwrap_or(i32::MAX),
            state: State::Review,
            last_review: chrono_time(s.last),
        },
    };
    let next = scheduler().next(card, chrono_time(at), grade.rating()).card;
    CardState {
        due: match grade {
            Grade::Again => at,
            _ => jiff_time(next.due),
        },
        stability: next.stability,
        difficulty: next.difficulty,
        reps: u32::try_from(next.reps).unwrap_or_default(),
        lapses: u32::try_from(next.lapses).unwrap_or_default(),
        last: at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn a_review_dated_before_the_last_one_counts_as_given_then_and_never_gives_nan() {
        let first = review(None, at("2026-03-01T10:00:00Z"), Grade::Good);
        for grade in [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy] {
            let early = review(Some(&first), at("2026-02-02T02:40:00Z"), grade);
            assert!(
                early.stability.is_finite() && early.difficulty.is_finite(),
                "{early:?}"
            );
            assert_eq!(early, review(Some(&first), first.last, grade));
        }
    }

    #[test]
    fn hard_good_easy_land_on_later_and_later_days_and_again_comes_back_at_once() {
        let now = at("2026-03-02T10:00:00Z");
        let dues: Vec<Timestamp> = Grade::ALL
            .iter()
            .map(|&g| review(None, now, g).due)
            .collect();
        assert_eq!(dues[0], now);
        assert!(dues[1] >= now + jiff::SignedDuration::from_hours(24));
        assert!(dues[1] < dues[2] && dues[2] < dues[3], "{dues:?}");
        let first = review(None, now, Grade::Good);
        let later = first.due;
        let second = review(Some(&first), later, Grade::Good);
        assert!(second.due > later + (later - now), "intervals grow");
        assert_eq!((second.reps, second.lapses), (2, 0));
        let lapse = review(Some(&second), second.due, Grade::Again);
        assert_eq!((lapse.due, lapse.lapses), (second.due, 1));
        assert!(lapse.stability < second.stability);
    }

    #[test]
    fn keys_and_names_give_grades() {
        assert_eq!(Grade::from_key('1'), Some(Grade::Again));
        assert_eq!(Grade::from_key('4'), Some(Grade::Easy));
        assert_eq!(Grade::from_key('0'), None);
        assert_eq!(Grade::from_key('5'), None);
        assert_eq!(Grade::parse("hard"), Some(Grade::Hard));
        assert_eq!(Grade::parse("Hard"), None);
    }
}
