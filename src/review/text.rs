//! The review file, `review.toml`, as text: read (checked and bounded, refused as a whole when any of it is wrong) and written deterministically.
//!
//! Each card is a `[card."ID"]` table: its log as `"TIME GRADE"` strings, oldest first, and, once
//! the log has been folded, a `base` state. `due`, `stability`, `difficulty`, `reps` and `lapses`
//! are the state the log gives, written for a person reading the file and so that reading need
//! not replay every log (a card without them, or with a log lpath would not write, is replayed).
//! The file in exactly the shape lpath writes is read line by line without a TOML parser, as
//! `progress::text` reads the progress file; anything else goes through `toml`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::progress::model::{ParseError, parse_versioned, to_versioned_toml};
use crate::review::model::{CardLog, FORMAT, MAX_LOG, Review, Reviews, States};
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

/// One card's values as a file holds them, before they are checked.
#[derive(Default)]
struct Fields<'a> {
    due: Option<&'a str>,
    stability: Option<f64>,
    difficulty: Option<f64>,
    reps: Option<u32>,
    lapses: Option<u32>,
    log: Option<Log<'a>>,
    base: Option<&'a str>,
}

/// A card's log as a file holds it: the strings `toml` read, or, on the quick path, the text
/// between the brackets of `log = [...]` (already seen to be plain strings) and how many.
#[derive(Clone, Copy)]
enum Log<'a> {
    Strings(&'a [String]),
    Inline(&'a str, usize),
}

impl<'a> Log<'a> {
    fn len(self) -> usize {
        match self {
            Log::Strings(lines) => lines.len(),
            Log::Inline(_, count) => count,
        }
    }

    fn lines(self) -> impl Iterator<Item = &'a str> {
        let (strings, inline) = match self {
            Log::Strings(lines) => (lines, ""),
            Log::Inline(text, _) => (&[][..], text),
        };
        // An inline log was seen whole to be `"…", "…"` with no quote inside a string: each
        // string runs from a quote to the next (found a byte at a time: they are short).
        let mut rest = inline;
        let inline = std::iter::from_fn(move || {
            let start = rest.bytes().position(|b| b == b'"')? + 1;
            let len = rest[start..].bytes().position(|b| b == b'"')?;
            let item = &rest[start..start + len];
            rest = &rest[start + len + 1..];
            Some(item)
        });
        strings.iter().map(String::as_str).chain(inline)
    }
}

/// How many strings the inside of an inline array holds when it is exactly `"…", "…"`, each
/// string plain (nothing escaped, no control character); `None` otherwise. One pass.
fn inline_count(inner: &str) -> Option<usize> {
    let bytes = inner.as_bytes();
    let mut count = 0;
    let mut at = 0;
    while at < bytes.len() {
        if count > 0 {
            (bytes.get(at..at + 2)? == b", ").then_some(())?;
            at += 2;
        }
        (bytes.get(at) == Some(&b'"')).then_some(())?;
        at += 1;
        let len = bytes.get(at..)?.iter().position(|&b| b == b'"')?;
        let plain = !bytes[at..at + len]
            .iter()
            .any(|&b| b <= 0x1f || b == 0x7f || b == b'\\');
        plain.then_some(())?;
        at += len + 1;
        count += 1;
    }
    Some(count)
}

impl CardFile {
    fn fields(&self) -> Fields<'_> {
        Fields {
            due: self.due.as_deref(),
            stability: self.stability,
            difficulty: self.difficulty,
            reps: self.reps,
            lapses: self.lapses,
            log: Some(Log::Strings(&self.log)),
            base: self.base.as_deref(),
        }
    }
}

/// The reviews a file holds; any card, review or value that is wrong refuses the whole file.
/// The shape lpath writes takes a quick path ([`read`]); anything else goes through `toml`,
/// with its error messages.
pub fn parse(text: &str) -> Result<Reviews, ParseError> {
    let text = crate::text::width::lf_line_ends(text);
    let mut cards = Vec::new();
    if let Some(read) = read(&text, |id, log| cards.push((id.to_string(), log))) {
        return read.map(|()| Reviews::from_cards(cards));
    }
    from_toml(&text)
}

/// Only each card's state, as [`parse`] reads it, checking every card as it does: for listing
/// what is due, without holding ten thousand review logs.
pub fn parse_states(text: &str) -> Result<States, ParseError> {
    let text = crate::text::width::lf_line_ends(text);
    let mut states = Vec::new();
    let read = read(&text, |id, log| {
        if let Some(state) = log.state {
            states.push((id.to_string(), state));
        }
    });
    match read {
        Some(read) => read.map(|()| States::from_iter(states)),
        None => from_toml(&text).map(|reviews| States::of(&reviews)),
    }
}

/// The reviews in `text` through the general TOML parser only: what the quick path must agree with.
fn from_toml(text: &str) -> Result<Reviews, ParseError> {
    let file: File = parse_versioned(text, FORMAT, |f: &File| f.format)?;
    build(
        file.card
            .iter()
            .map(|(id, card)| (id.as_str(), card.fields()))
            .collect(),
    )
}

/// The reviews of `cards`, each checked.
fn build(cards: Vec<(&str, Fields<'_>)>) -> Result<Reviews, ParseError> {
    let mut out = Vec::with_capacity(cards.len());
    for (id, fields) in cards {
        if let Some(card) = card(id, fields)? {
            out.push((id.to_string(), card));
        }
    }
    Ok(Reviews::from_cards(out))
}

fn card(id: &str, card: Fields<'_>) -> Result<Option<CardLog>, ParseError> {
    if !is_card_id(id) {
        let shown = crate::text::sanitize::visible(id);
        return Err(invalid(
            t!("review.file.bad_card", card = shown).into_owned(),
        ));
    }
    // Only ids `is_card_id` takes reach here: nothing in them to escape.
    let shown = id;
    let lines = card.log.unwrap_or(Log::Strings(&[]));
    if lines.len() > MAX_LOG {
        return Err(invalid(
            t!("review.file.long_log", card = shown, max = MAX_LOG).into_owned(),
        ));
    }
    let mut log = Vec::with_capacity(lines.len());
    for line in lines.lines() {
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
    let bad_base = || invalid(t!("review.file.bad_base", card = shown).into_owned());
    let base = match card.base {
        None => None,
        Some(text) => Some(parse_state(text).ok_or_else(bad_base)?),
    };
    let last = log.last().map(|r| r.at);
    let state = match (
        card.due,
        card.stability,
        card.difficulty,
        card.reps,
        card.lapses,
        last,
    ) {
        (Some(due), Some(stability), Some(difficulty), Some(reps), Some(lapses), Some(last))
            if stability.is_finite() && stability > 0.0 && difficulty.is_finite() =>
        {
            Some(CardState {
                due: crate::progress::stamp::parse(due).map_err(|_| bad_base())?,
                stability,
                difficulty,
                reps,
                lapses,
                last,
            })
        }
        _ => None,
    };
    Ok(CardLog::from_file(base, log, state))
}

/// The reviews in `text`, if it is in exactly the shape [`to_toml`] writes (cards sorted by id,
/// each value on its line as `toml` writes it; comment lines anywhere); `None` for anything
/// else, which `toml` then reads. Each card is checked by [`card`] as it ends, as on the `toml`
/// path, and the first that is wrong is the answer, once the whole text is seen to have the shape.
/// Each card read goes to `sink`, in id order; on `None`, what it was given is to be dropped.
fn read(text: &str, mut sink: impl FnMut(&str, CardLog)) -> Option<Result<(), ParseError>> {
    let format_line = format!("format = {FORMAT}");
    let mut wrong: Option<ParseError> = None;
    let mut current: Option<(&str, Fields)> = None;
    let mut last_id: Option<&str> = None;
    let mut seen_format = false;
    let mut seen_card_table = false;
    let mut finish = |current: Option<(&str, Fields)>, wrong: &mut Option<ParseError>| {
        if let Some((id, fields)) = current
            && wrong.is_none()
        {
            match card(id, fields) {
                Ok(Some(log)) => sink(id, log),
                Ok(None) => {}
                Err(err) => *wrong = Some(err),
            }
        }
    };
    for line in crate::text::width::lines(text) {
        if line.is_empty() || (line.starts_with('#') && crate::progress::text::is_comment(line)) {
            continue;
        }
        if let Some(rest) = line.strip_prefix("[card.\"") {
            let id = rest.strip_suffix("\"]")?;
            let plain = id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
            // Sorted, as lpath writes them: a card given twice is for `toml` to refuse.
            if !plain || !seen_format || last_id.is_some_and(|last| last >= id) {
                return None;
            }
            finish(current.take(), &mut wrong);
            last_id = Some(id);
            current = Some((id, Fields::default()));
        } else if line == "[card]" && seen_format && !seen_card_table && last_id.is_none() {
            seen_card_table = true;
        } else if line == format_line && !seen_format {
            seen_format = true;
        } else {
            let (_, fields) = current.as_mut()?;
            // A bare key ends at the first space (found a byte at a time: a searcher for " = "
            // costs more to set up than this line takes to scan).
            let space = line.bytes().position(|b| b == b' ')?;
            let value = line[space..].strip_prefix(" = ")?;
            fields.set(&line[..space], value)?;
        }
    }
    if !seen_format {
        return None;
    }
    finish(current.take(), &mut wrong);
    Some(match wrong {
        Some(err) => Err(err),
        None => Ok(()),
    })
}

impl<'a> Fields<'a> {
    /// Each key once, as TOML requires, with a value in the form `toml` writes it.
    fn set(&mut self, key: &str, value: &'a str) -> Option<()> {
        match key {
            "due" if self.due.is_none() => self.due = Some(plain_string(value)?),
            "base" if self.base.is_none() => self.base = Some(plain_string(value)?),
            "stability" if self.stability.is_none() => self.stability = Some(float(value)?),
            "difficulty" if self.difficulty.is_none() => self.difficulty = Some(float(value)?),
            "reps" if self.reps.is_none() => self.reps = Some(unsigned(value)?),
            "lapses" if self.lapses.is_none() => self.lapses = Some(unsigned(value)?),
            "log" if self.log.is_none() => {
                // `["…", "…"]`: plain strings, each after `[` or `, `.
                let inner = value.strip_prefix('[')?.strip_suffix(']')?;
                self.log = Some(Log::Inline(inner, inline_count(inner)?));
            }
            _ => return None,
        }
        Some(())
    }
}

/// A string between double quotes with nothing escaped in it.
fn plain_string(value: &str) -> Option<&str> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    (!inner
        .bytes()
        .any(|b| b <= 0x1f || b == 0x7f || b == b'"' || b == b'\\'))
    .then_some(inner)
}

/// A TOML integer without sign, underscores or leading zeros.
fn unsigned(value: &str) -> Option<u32> {
    let digits = value.bytes().all(|b| b.is_ascii_digit());
    (digits && !value.is_empty() && (value == "0" || !value.starts_with('0')))
        .then(|| value.parse().ok())?
}

/// A TOML float as `toml` writes one: a sign, an integer part without leading zeros, and a
/// fraction, an exponent or both; no underscores, no `inf` or `nan`.
fn float(value: &str) -> Option<f64> {
    let body = value.strip_prefix(['-', '+']).unwrap_or(value);
    let int_end = body
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(body.len());
    let (int, mut rest) = body.split_at(int_end);
    if int.is_empty() || (int.len() > 1 && int.starts_with('0')) {
        return None;
    }
    let mut float = false;
    if let Some(fraction) = rest.strip_prefix('.') {
        let end = fraction
            .bytes()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(fraction.len());
        if end == 0 {
            return None;
        }
        rest = &fraction[end..];
        float = true;
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let digits = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        rest = "";
        float = true;
    }
    (float && rest.is_empty()).then(|| value.parse().ok())?
}

fn parse_review(text: &str) -> Option<Review> {
    let space = text.bytes().position(|b| b == b' ')?;
    let (at, grade) = (&text[..space], &text[space + 1..]);
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
                        base: card.base().as_ref().map(state_text),
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
    use proptest::prelude::*;

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

    /// Reviews of a few cards at times with and without fractions of a second, some folded.
    fn reviews() -> impl Strategy<Value = Reviews> {
        let review = (
            prop::sample::select(vec!["a.q1", "a.q2", "bert.n0f3a2c", "b-c.q10"]),
            0i64..400,
            prop_oneof![Just(0i32), 0i32..1_000_000_000],
            prop::sample::select(Grade::ALL.to_vec()),
        );
        prop::collection::vec(review, 0..90).prop_map(|reviews| {
            let mut out = Reviews::default();
            for (card, day, nanos, grade) in reviews {
                let at = Timestamp::new(1_770_000_000 + day * 86_400, nanos).unwrap();
                out.grade(card, at, grade);
            }
            out
        })
    }

    /// Lines a hand edit may leave, each in a form `toml` reads differently from lpath's own.
    const EDITS: &[&str] = &[
        "stability = 5",
        "stability = 5.0e0",
        "stability = 1E2",
        "stability = +2.5",
        "stability = 05.0",
        "stability = 1_0.5",
        "stability = inf",
        "difficulty = -0.0",
        "reps = 01",
        "reps = -1",
        "reps = 4294967296",
        "reps = 3 # three",
        "lapses = 0",
        "log = []",
        "log = [ ]",
        "log = [\"2026-03-02T10:00:00Z good\",\"2026-03-03T10:00:00Z hard\"]",
        "log = [\"2026-03-02T10:00:00Z good\", \"2026-03-03T10:00:00+01:00 easy\"]",
        "log = ['2026-03-02T10:00:00Z good']",
        "log = [\"yesterday good\"]",
        "log = [\"2026-03-02T10:00:00Z great\"]",
        "due = \"soon\"",
        "base = \"1 2 3\"",
        "[card.\"Bad.q1\"]",
        "due = \"2026-03-02T10:00:00Z\" # soon",
        "due = \"2026-03-02T10:00:00\\u005A\"",
        "due = 2026-03-02T10:00:00Z",
        "base = \"2026-03-02T10:00:00Z 2.5 5.5 1 0 2026-03-01T10:00:00Z\"",
        "# a comment",
        "#\ta comment",
        "",
        "[card]",
        "[card.\"a.q1\"]",
        "[card.\"zz.q1\"]",
        "[card.'a.q3']",
        "[card.\"Bad Id\"]",
        "[ card.\"a.q9\" ]",
        "format = 1",
        "format = 2",
        "colour = 1",
    ];

    /// What the quick reader makes of `text`, whole; `None` where it leaves it to `toml`.
    fn quick(text: &str) -> Option<Result<Reviews, ParseError>> {
        let mut cards = Vec::new();
        let read = read(text, |id, log| cards.push((id.to_string(), log)))?;
        Some(read.map(|()| Reviews::from_cards(cards)))
    }

    proptest! {
        #[test]
        fn the_quick_reader_reads_what_lpath_writes(reviews in reviews()) {
            let text = to_toml(&reviews);
            prop_assert!(quick(&text).is_some(), "{}", text);
            prop_assert_eq!(parse(&text), Ok(reviews.clone()));
            prop_assert_eq!(parse_states(&text), Ok(States::of(&reviews)));
            prop_assert_eq!(from_toml(&text), Ok(reviews));
        }

        /// Whatever a hand edit leaves, the quick reader reads it as `toml` does, or leaves it to `toml`.
        #[test]
        fn the_quick_reader_agrees_with_toml_or_stands_aside(
            reviews in reviews(),
            edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(EDITS)), 1..3),
            replace in any::<bool>(),
        ) {
            let mut lines: Vec<String> = to_toml(&reviews).lines().map(str::to_string).collect();
            for (at, edit) in edits {
                let at = at.index(lines.len() + 1);
                if replace && at < lines.len() {
                    lines[at] = edit.to_string();
                } else {
                    lines.insert(at, edit.to_string());
                }
            }
            let text = lines.join("\n");
            if let Some(reviews) = quick(&text) {
                prop_assert_eq!(reviews, from_toml(&text), "{}", text);
            }
            // The states are what the whole read gives, whichever way it went.
            let states = parse(&text).map(|reviews| States::of(&reviews));
            prop_assert_eq!(parse_states(&text), states, "{}", text);
        }
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
            assert!(
                matches!(parse_states(bad), Err(ParseError::Invalid(_))),
                "{bad}"
            );
        }
        assert_eq!(parse("format = 9\n"), Err(ParseError::Newer(9)));
    }
}
