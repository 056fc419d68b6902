//! `--on DATE`: when a `done`, `start` or `skip` happened, read in the learner's time zone (pure).

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, ToSpan};

/// Why an `--on` value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not a form lpath reads.
    Unreadable,
    /// After `now`: nothing can have happened then yet.
    Future,
    /// `23:59:60`: a leap second, which jiff would read as `:59` (see `stamp`).
    LeapSecond,
    /// `2026-13-01`: a month that is not 1 to 12.
    Month(i64),
    /// `2026-02-30`: a day the month does not have (it has `days`).
    Day { day: i64, days: i8 },
}

/// The moment `text` names, as a person writes it: `today`, `yesterday` (`今天`, `昨天`, `前天`), a
/// weekday (`monday`, `mon`, `周一`: the latest one, today included; `last monday`: the latest
/// before today; `上周一`: Monday of last week), a time ago in jiff's friendly form (`3 days ago`, `2 weeks ago`, `1h ago`,
/// `3 天前`; `last week` is a week ago), a date (`2026-03-01`), a local date-time
/// (`2026-03-01 14:30`, `2026-03-01 9:30` or `2026-03-01T14:30`), or an RFC 3339 time with an
/// offset. A day means midday that day (or now, for today), so the day stays the same when the
/// time zone shifts by a few hours later on. `tomorrow` and `in 3 days` are read, and refused as
/// the future.
pub fn parse(text: &str, now: Timestamp, tz: &TimeZone) -> Result<Timestamp, DateError> {
    let text = text.trim();
    let today = now.to_zoned_datetime(tz.clone()).date();
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let back = |days: i64| {
        today
            .checked_sub(days.days())
            .map_err(|_| DateError::Unreadable)
    };
    let at = match words.as_slice() {
        ["today"] | ["今天"] => day(today, now, tz)?,
        ["yesterday"] | ["昨天"] => day(back(1)?, now, tz)?,
        ["前天"] => day(back(2)?, now, tz)?,
        ["tomorrow"] | ["明天"] => return Err(DateError::Future),
        ["last", "week"] | ["上周"] => day(back(7)?, now, tz)?,
        [name] if weekday(name).is_some() => {
            let (weekday, last_week) = weekday(name).unwrap_or((Weekday::Monday, false));
            let date = if last_week {
                // `上周二`: Tuesday of the calendar week before this one (weeks start on Monday).
                let monday = back(i64::from(today.weekday().to_monday_zero_offset()) + 7)?;
                monday
                    .checked_add(i64::from(weekday.to_monday_zero_offset()).days())
                    .map_err(|_| DateError::Unreadable)?
            } else {
                latest(today, weekday, false)?
            };
            day(date, now, tz)?
        }
        ["last", name] if weekday(name).is_some_and(|(_, before)| !before) => {
            let (weekday, _) = weekday(name).unwrap_or((Weekday::Monday, false));
            day(latest(today, weekday, true)?, now, tz)?
        }
        _ if lower.ends_with("ago") || lower.ends_with('前') || lower.starts_with("in ") => {
            ago(&lower, now, today, tz)?
        }
        _ => exact(text, now, tz)?,
    };
    if at > now {
        return Err(DateError::Future);
    }
    Ok(at)
}

/// A date, a local date-time or an RFC 3339 time; a month or day out of range said as such.
fn exact(text: &str, now: Timestamp, tz: &TimeZone) -> Result<Timestamp, DateError> {
    // jiff reads a date out of a date-time too: only a bare date is a day.
    let bare_date = !text.contains(['T', 't', ' ']);
    let text = &one_digit_hour(text);
    if crate::progress::stamp::is_leap_second(text) && !bare_date {
        // Checked before jiff reads it: jiff reads `:60` as `:59`.
        let readable = text.parse::<Timestamp>().is_ok() || text.parse::<DateTime>().is_ok();
        return Err(if readable {
            DateError::LeapSecond
        } else {
            DateError::Unreadable
        });
    }
    if let Ok(time) = text.parse::<Timestamp>() {
        Ok(time)
    } else if bare_date && let Ok(date) = text.parse::<Date>() {
        day(date, now, tz)
    } else if !bare_date && let Ok(local) = text.parse::<DateTime>() {
        Ok(local
            .to_zoned_datetime(tz.clone())
            .map_err(|_| DateError::Unreadable)?
            .timestamp())
    } else {
        Err(out_of_range(text).unwrap_or(DateError::Unreadable))
    }
}

/// `2026-12-01 9:30` as jiff reads it: `2026-12-01 09:30`.
fn one_digit_hour(text: &str) -> String {
    match text.split_once(' ') {
        Some((date, time))
            if time.len() >= 4
                && time.as_bytes()[0].is_ascii_digit()
                && time.as_bytes()[1] == b':' =>
        {
            format!("{date} 0{time}")
        }
        _ => text.to_string(),
    }
}

/// Why a `YYYY-MM-DD…` that jiff refused is no date: its month, or its day, out of range.
fn out_of_range(text: &str) -> Option<DateError> {
    let date = text.get(..10)?;
    let mut parts = date.split('-');
    let year: i16 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) {
        return Some(DateError::Month(month));
    }
    let days = Date::new(year, i8::try_from(month).ok()?, 1)
        .ok()?
        .days_in_month();
    (day < 1 || day > i64::from(days)).then_some(DateError::Day { day, days })
}

/// `3 days ago`, `2h ago`, `3 天前` (jiff's friendly span, less its `ago`): that long before now,
/// or, in days, weeks, months or years, midday that many days back. `in 3 days` is the future.
fn ago(text: &str, now: Timestamp, today: Date, tz: &TimeZone) -> Result<Timestamp, DateError> {
    let span = text
        .strip_suffix('前')
        .map(|span| span.replace('天', " days").replace("周", " weeks"))
        .unwrap_or_else(|| text.strip_prefix("in ").unwrap_or(text).to_string());
    let span: Span = span.trim().parse().map_err(|_| DateError::Unreadable)?;
    let span = if text.starts_with("in ") || span.is_negative() {
        span
    } else {
        span.negate()
    };
    if span.is_positive() {
        return Err(DateError::Future);
    }
    let clock = span.get_hours() != 0
        || span.get_minutes() != 0
        || span.get_seconds() != 0
        || span.get_milliseconds() != 0;
    if clock {
        let zoned = now.to_zoned_datetime(tz.clone());
        return zoned
            .checked_add(span)
            .map(|z| z.timestamp())
            .map_err(|_| DateError::Unreadable);
    }
    let date = today.checked_add(span).map_err(|_| DateError::Unreadable)?;
    day(date, now, tz)
}

/// `monday`, `mon`, `周一`, `星期一` as a weekday; `上周一` as one in the week before this (`true`).
fn weekday(name: &str) -> Option<(Weekday, bool)> {
    let (name, before) = match name
        .strip_prefix("上周")
        .or_else(|| name.strip_prefix("上星期"))
    {
        Some(rest) => (rest.to_string(), true),
        None => (
            name.trim_start_matches("星期")
                .trim_start_matches('周')
                .to_string(),
            false,
        ),
    };
    let days = [
        (Weekday::Monday, "monday", "一"),
        (Weekday::Tuesday, "tuesday", "二"),
        (Weekday::Wednesday, "wednesday", "三"),
        (Weekday::Thursday, "thursday", "四"),
        (Weekday::Friday, "friday", "五"),
        (Weekday::Saturday, "saturday", "六"),
        (Weekday::Sunday, "sunday", "日"),
    ];
    days.iter()
        .find(|(_, english, chinese)| {
            name == *chinese
                || name == "天" && *chinese == "日"
                || name == *english
                || (name.len() == 3 && english.starts_with(name.as_str()))
        })
        .map(|&(day, _, _)| (day, before))
}

/// The latest `weekday` on or before `today`, or strictly before it when `before`.
fn latest(today: Date, weekday: Weekday, before: bool) -> Result<Date, DateError> {
    if !before && today.weekday() == weekday {
        return Ok(today);
    }
    today
        .nth_weekday(-1, weekday)
        .map_err(|_| DateError::Unreadable)
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
        assert_eq!(at("tomorrow"), Err(DateError::Future));
        assert_eq!(at("in 3 days"), Err(DateError::Future));
        assert_eq!(at("2026-13-01"), Err(DateError::Month(13)));
        assert_eq!(at("2026-02-30"), Err(DateError::Day { day: 30, days: 28 }));
        assert_eq!(at("last year's"), Err(DateError::Unreadable));
        assert_eq!(at(""), Err(DateError::Unreadable));
    }

    #[test]
    fn what_a_person_types_is_read() {
        // 2026-03-10 is a Tuesday; 17:00 at +08.
        assert_eq!(at("3 days ago").unwrap(), "2026-03-07T04:00:00Z");
        assert_eq!(at("2 weeks ago").unwrap(), "2026-02-24T04:00:00Z");
        assert_eq!(at("2h ago").unwrap(), "2026-03-10T07:00:00Z");
        assert_eq!(at("last week").unwrap(), "2026-03-03T04:00:00Z");
        assert_eq!(at("tuesday").unwrap(), "2026-03-10T04:00:00Z");
        assert_eq!(at("last tuesday").unwrap(), "2026-03-03T04:00:00Z");
        assert_eq!(at("Monday").unwrap(), "2026-03-09T04:00:00Z");
        assert_eq!(at("last monday").unwrap(), "2026-03-09T04:00:00Z");
        assert_eq!(at("fri").unwrap(), "2026-03-06T04:00:00Z");
        assert_eq!(at("2026-03-01 9:30").unwrap(), "2026-03-01T01:30:00Z");
        assert_eq!(at("前天").unwrap(), "2026-03-08T04:00:00Z");
        assert_eq!(at("周一").unwrap(), "2026-03-09T04:00:00Z");
        assert_eq!(at("上周二").unwrap(), "2026-03-03T04:00:00Z");
        assert_eq!(at("上周日").unwrap(), "2026-03-08T04:00:00Z");
        assert_eq!(at("3天前").unwrap(), "2026-03-07T04:00:00Z");
    }

    #[test]
    fn a_leap_second_is_refused_not_moved_to_59() {
        assert_eq!(at("2016-12-31T23:59:60Z"), Err(DateError::LeapSecond));
        assert_eq!(at("2016-12-31 23:59:60"), Err(DateError::LeapSecond));
        assert_eq!(at("2016-12-31 23:59:59").unwrap(), "2016-12-31T15:59:59Z");
        assert_eq!(at("2016-12-31 25:59:60"), Err(DateError::Unreadable));
    }
}
