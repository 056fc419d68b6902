//! `--on DATE`: when a `done`, `start` or `skip` happened, read in the learner's time zone (pure).

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// Why an `--on` value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not a form lpath reads.
    Unreadable,
    /// After `now`: nothing can have happened then yet.
    Future,
    /// `23:59:60`: a leap second, which jiff would read as `:59` (see `stamp`).
    LeapSecond,
}

/// The moment `text` names: `today`, `yesterday`, a date (`2026-03-01`), a local date-time
/// (`2026-03-01 14:30` or `2026-03-01T14:30`), or an RFC 3339 time with an offset. A bare date
/// means midday that day (or now, for today), so the day stays the same when the time zone
/// shifts by a few hours later on.
pub fn parse(text: &str, now: Timestamp, tz: &TimeZone) -> Result<Timestamp, DateError> {
    let text = text.trim();
    let today = now.to_zoned_datetime(tz.clone()).date();
    let at = match text.to_ascii_lowercase().as_str() {
        "today" => day(today, now, tz)?,
        "yesterday" => day(
            today
                .checked_sub(1.day())
                .map_err(|_| DateError::Unreadable)?,
            now,
            tz,
        )?,
        _ => {
            // jiff reads a date out of a date-time too: only a bare date is a day.
            let bare_date = !text.contains(['T', 't', ' ']);
            if crate::progress::stamp::is_leap_second(text) && !bare_date {
                // Checked before jiff reads it: jiff reads `:60` as `:59`.
                let readable =
                    text.parse::<Timestamp>().is_ok() || text.parse::<DateTime>().is_ok();
                return Err(if readable {
                    DateError::LeapSecond
                } else {
                    DateError::Unreadable
                });
            } else if let Ok(time) = text.parse::<Timestamp>() {
                time
            } else if bare_date && let Ok(date) = text.parse::<Date>() {
                day(date, now, tz)?
            } else if !bare_date && let Ok(local) = text.parse::<DateTime>() {
                local
                    .to_zoned_datetime(tz.clone())
                    .map_err(|_| DateError::Unreadable)?
                    .timestamp()
            } else {
                return Err(DateError::Unreadable);
            }
        }
    };
    if at > now {
        return Err(DateError::Future);
    }
    Ok(at)
}

/// Midday on `date`, or `now` when midday is still to come.
fn day(date: Date, now: Timestamp, tz: &TimeZone) -> Result<Timestamp, DateError> {
    let noon = date
        .to_datetime(Time::constant(12, 0, 0, 0))
        .to_zoned_datetime(tz.clone())
        .map_err(|_| DateError::Unreadable)?
        .timestamp();
    if noon > now && date == now.to_zoned_datetime(tz.clone()).date() {
        return Ok(now);
    }
    Ok(noon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-03-10T09:00:00Z".parse().unwrap()
    }

    fn at(text: &str) -> Result<String, DateError> {
        parse(text, now(), &TimeZone::fixed(jiff::tz::offset(8))).map(|t| t.to_string())
    }

    #[test]
    fn a_date_is_midday_in_the_local_zone() {
        assert_eq!(at("2026-03-01").unwrap(), "2026-03-01T04:00:00Z");
    }

    #[test]
    fn yesterday_and_today_are_local_days() {
        // 09:00 UTC is 17:00 at +08: today is the 10th, past midday.
        assert_eq!(at("yesterday").unwrap(), "2026-03-09T04:00:00Z");
        assert_eq!(at("Today").unwrap(), "2026-03-10T04:00:00Z");
        let early = parse(
            "today",
            now(),
            &TimeZone::fixed(jiff::tz::offset(-8)), // 01:00 local
        )
        .unwrap();
        assert_eq!(early, now(), "today before midday is now");
    }

    #[test]
    fn a_date_time_is_local_unless_it_has_an_offset() {
        assert_eq!(at("2026-03-01 14:30").unwrap(), "2026-03-01T06:30:00Z");
        assert_eq!(at("2026-03-01T14:30").unwrap(), "2026-03-01T06:30:00Z");
        assert_eq!(at("2026-03-01T14:30:00Z").unwrap(), "2026-03-01T14:30:00Z");
    }

    #[test]
    fn the_future_and_nonsense_are_refused() {
        assert_eq!(at("2026-03-11"), Err(DateError::Future));
        assert_eq!(at("2026-03-10T18:00"), Err(DateError::Future));
        assert_eq!(at("tomorrow"), Err(DateError::Unreadable));
        assert_eq!(at("2026-02-30"), Err(DateError::Unreadable));
        assert_eq!(at(""), Err(DateError::Unreadable));
    }

    #[test]
    fn a_leap_second_is_refused_not_moved_to_59() {
        assert_eq!(at("2016-12-31T23:59:60Z"), Err(DateError::LeapSecond));
        assert_eq!(at("2016-12-31 23:59:60"), Err(DateError::LeapSecond));
        assert_eq!(at("2016-12-31 23:59:59").unwrap(), "2016-12-31T15:59:59Z");
        assert_eq!(at("2016-12-31 25:59:60"), Err(DateError::Unreadable));
    }
}
