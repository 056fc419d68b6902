//! Timestamps as lpath's files hold them: one reader for every file and flag (pure).
//!
//! A timestamp is RFC 3339 text with an offset, `2026-01-31T09:00:00Z`, read as jiff reads it, or
//! an unquoted TOML offset date-time (`changed = 2026-01-31T09:00:00Z`), which a hand edit may
//! leave. Two things jiff would let through are refused here, each with its reason: a leap second
//! (`23:59:60`, which jiff quietly reads as `:59`, so it would come back changed) and, for
//! TOML's own date-times, one without an offset (a local time names no moment). The progress
//! file's serde path and its fast reader (`progress_text`) both call [`parse`], so they cannot
//! disagree.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use toml::value::{Datetime, Offset as TomlOffset};

/// Why a timestamp was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StampError {
    /// `23:59:60`: jiff has no leap seconds and would read it as `:59`.
    LeapSecond,
    /// A TOML local date-time, date or time: no offset, so no moment.
    NoOffset,
    /// Well formed, but outside the years jiff keeps (-9999 to 9999 in UTC).
    OutOfRange,
    /// Not a timestamp jiff reads; its reason.
    Unreadable(String),
}

impl fmt::Display for StampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StampError::LeapSecond => f.write_str(&t!("stamp.leap_second")),
            StampError::NoOffset => f.write_str(&t!("stamp.no_offset")),
            StampError::OutOfRange => f.write_str(&t!("stamp.out_of_range")),
            StampError::Unreadable(reason) => f.write_str(reason),
        }
    }
}

/// The moment `text` names, as jiff reads it, unless it is a leap second.
pub fn parse(text: &str) -> Result<Timestamp, StampError> {
    if let Some(quick) = utc_seconds(text) {
        return Ok(quick);
    }
    let time = text.parse::<Timestamp>().map_err(|err| {
        // Written as a time with an offset, yet not one jiff can hold: too early or too late.
        match jiff::fmt::temporal::Pieces::parse(text) {
            Ok(pieces) if pieces.offset().is_some() => StampError::OutOfRange,
            _ => StampError::Unreadable(err.to_string()),
        }
    })?;
    if is_leap_second(text) {
        return Err(StampError::LeapSecond);
    }
    Ok(time)
}

/// Whether the time of day in `text` (a date, a `T`, `t` or space, then `HH:MM:SS` or `HHMMSS`)
/// has 60 seconds. Only meaningful for text jiff has read as a date-time.
pub fn is_leap_second(text: &str) -> bool {
    let Some(separator) = text.find(['T', 't', ' ']) else {
        return false;
    };
    let digits: Vec<u8> = text.as_bytes()[separator + 1..]
        .iter()
        .copied()
        .take_while(|b| b.is_ascii_digit() || *b == b':')
        .filter(u8::is_ascii_digit)
        .collect();
    digits.get(4..6) == Some(b"60".as_slice())
}

/// The moment an unquoted TOML date-time names; it must have a date, a time and an offset.
pub fn from_toml(datetime: &Datetime) -> Result<Timestamp, StampError> {
    let (Some(date), Some(time), Some(offset)) = (datetime.date, datetime.time, datetime.offset)
    else {
        return Err(StampError::NoOffset);
    };
    let second = time.second.unwrap_or(0);
    if second == 60 {
        return Err(StampError::LeapSecond);
    }
    let unreadable = |err: jiff::Error| StampError::Unreadable(err.to_string());
    let civil = DateTime::new(
        i16::try_from(date.year).map_err(|_| StampError::Unreadable(datetime.to_string()))?,
        date.month as i8,
        date.day as i8,
        time.hour as i8,
        time.minute as i8,
        second as i8,
        time.nanosecond.unwrap_or(0) as i32,
    )
    .map_err(unreadable)?;
    let minutes = match offset {
        TomlOffset::Z => 0,
        TomlOffset::Custom { minutes } => i32::from(minutes),
    };
    let offset = Offset::from_seconds(minutes * 60).map_err(unreadable)?;
    // A valid date and time that no timestamp holds once its offset is applied: out of range.
    civil
        .to_zoned_datetime(TimeZone::fixed(offset))
        .map(|zoned| zoned.timestamp())
        .map_err(|_| StampError::OutOfRange)
}

/// A whole-second UTC time in exactly the shape `YYYY-MM-DDTHH:MM:SSZ`, the shape lpath writes,
/// read without the general parser; `None` for anything else (a leap second included), which
/// [`parse`] then hands to jiff.
fn utc_seconds(text: &str) -> Option<Timestamp> {
    let b: &[u8; 20] = text.as_bytes().try_into().ok()?;
    let number = |from: usize, to: usize| -> Option<i64> {
        b[from..to].iter().try_fold(0i64, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
        })
    };
    if [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ]
    .iter()
    .any(|&(at, c)| b[at] != c)
    {
        return None;
    }
    let small = |from: usize, to: usize| number(from, to).and_then(|n| i8::try_from(n).ok());
    let year = i16::try_from(number(0, 4)?).ok()?;
    // jiff refuses a day the month does not have (2026-02-29) and a leap second.
    let date = jiff::civil::Date::new(year, small(5, 7)?, small(8, 10)?).ok()?;
    let time = jiff::civil::Time::new(small(11, 13)?, small(14, 16)?, small(17, 19)?, 0).ok()?;
    jiff::tz::Offset::UTC
        .to_timestamp(jiff::civil::DateTime::from_parts(date, time))
        .ok()
}

/// A timestamp field read with [`parse`] or [`from_toml`]: `#[serde(with = "crate::progress::stamp")]`.
struct Stamp(Timestamp);

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StampVisitor)
    }
}

struct StampVisitor;

impl<'de> serde::de::Visitor<'de> for StampVisitor {
    type Value = Stamp;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&t!("stamp.expecting"))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Stamp, E> {
        parse(text).map(Stamp).map_err(E::custom)
    }

    /// How the `toml` crate hands over an unquoted date-time.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Stamp, A::Error> {
        let datetime = Datetime::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        from_toml(&datetime)
            .map(Stamp)
            .map_err(serde::de::Error::custom)
    }
}

pub fn serialize<S: Serializer>(time: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
    time.serialize(serializer)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
    Stamp::deserialize(deserializer).map(|stamp| stamp.0)
}

/// The same for an optional field: `#[serde(default, with = "crate::progress::stamp::option")]`.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(
        time: &Option<Timestamp>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        time.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        Option::<Stamp>::deserialize(deserializer).map(|stamp| stamp.map(|s| s.0))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_leap_second_is_refused_not_rewritten() {
        for text in [
            "2016-12-31T23:59:60Z",
            "2016-12-31t23:59:60z",
            "2016-12-31 23:59:60Z",
            "2016-12-31T23:59:60.5Z",
            "2017-01-01T00:59:60+01:00",
            "20161231T235960Z",
        ] {
            assert!(text.parse::<Timestamp>().is_ok(), "jiff reads {text}");
            assert_eq!(parse(text), Err(StampError::LeapSecond), "{text}");
        }
        assert!(parse("2016-12-31T23:59:59Z").is_ok());
        assert_eq!(
            parse("9999-12-31T23:59:59-05:00"),
            Err(StampError::OutOfRange)
        );
        assert_eq!(
            parse("-009999-01-01T00:00:00+05:00"),
            Err(StampError::OutOfRange)
        );
        assert!(parse("2016-12-31T23:60:00Z").is_err());
    }

    #[test]
    fn an_unquoted_toml_datetime_needs_an_offset() {
        let read = |text: &str| from_toml(&text.parse::<Datetime>().unwrap());
        assert_eq!(read("2026-01-31T09:00:00Z"), parse("2026-01-31T09:00:00Z"));
        assert_eq!(
            read("2026-01-31T10:00:00+01:00"),
            parse("2026-01-31T09:00:00Z")
        );
        assert_eq!(
            read("2026-01-31 09:00:00.25Z"),
            parse("2026-01-31T09:00:00.25Z")
        );
        assert_eq!(read("2026-01-31T09:00:00"), Err(StampError::NoOffset));
        assert_eq!(read("2026-01-31"), Err(StampError::NoOffset));
        assert_eq!(read("09:00:00"), Err(StampError::NoOffset));
        assert_eq!(read("2016-12-31T23:59:60Z"), Err(StampError::LeapSecond));
        assert_eq!(
            read("9999-12-31T23:59:59-05:00"),
            Err(StampError::OutOfRange)
        );
    }

    proptest! {
        #[test]
        // Through the quick reader (`Z`, no fraction) and through jiff alike.
        fn parse_reads_what_jiff_reads_except_a_leap_second(
            parts in (0i64..10_000, 0i64..14, 0i64..33, 0i64..25, 0i64..61, 0i64..62),
            sep in prop::sample::select(vec!['T', 't', ' ', 'Z']),
            fraction in prop::sample::select(vec!["", ".5", ".000000001"]),
            zone in prop::sample::select(vec!["Z", "z", "+01:00", "-23:59", ""]),
        ) {
            let (y, mo, d, h, mi, s) = parts;
            let text = format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{fraction}{zone}");
            let jiff = text.parse::<Timestamp>().ok();
            match parse(&text) {
                Ok(time) => {
                    prop_assert_eq!(Some(time), jiff, "{}", text);
                    prop_assert!(s < 60, "{}", text);
                }
                Err(StampError::LeapSecond) => prop_assert!(s == 60 && jiff.is_some(), "{}", text),
                Err(_) => prop_assert_eq!(jiff, None, "{}", text),
            }
        }

        #[test]
        fn a_toml_datetime_names_the_moment_its_text_names(
            parts in (0i64..10_000, 1i64..13, 1i64..29, 0i64..24, 0i64..60, 0i64..61),
            zone in prop::sample::select(vec!["Z", "+01:00", "-23:59", "+05:30"]),
        ) {
            let (y, mo, d, h, mi, s) = parts;
            let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{zone}");
            let datetime: Datetime = text.parse().unwrap();
            let (toml, jiff) = (from_toml(&datetime), parse(&text));
            prop_assert_eq!(toml.as_ref().ok(), jiff.as_ref().ok(), "{}", text);
            prop_assert_eq!(toml == Err(StampError::LeapSecond), s == 60, "{}", text);
            prop_assert_eq!(jiff == Err(StampError::LeapSecond), s == 60, "{}", text);
        }
    }
}
