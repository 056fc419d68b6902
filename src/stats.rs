//! How far a learner has come: counts, minutes, activity, streak, pace and finishing date; pure.

use std::collections::BTreeSet;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::catalog::model::Catalog;
use crate::plan::Tally;
use crate::progress::model::Status;

const SECONDS_PER_DAY: i64 = 86_400;

/// The figures for one set of entries: the whole path, or one track.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub tally: Tally,
    /// Estimated minutes of the entries read (skipped ones are not read).
    pub minutes_read: u64,
    /// Estimated minutes of the entries still to read or being read.
    pub minutes_left: u64,
    /// The earliest and latest time anything was recorded: a status change, a start, a finish, a note.
    pub first_activity: Option<Timestamp>,
    pub latest_activity: Option<Timestamp>,
    /// Consecutive local days, ending today (or yesterday when nothing is finished yet today), with
    /// at least one entry finished.
    pub streak_days: u64,
    /// Entries read per day, counting every local day from the first activity to today; `None`
    /// before anything is read.
    pub pace: Option<f64>,
    /// The local date when everything left is read at that pace; `None` without a pace or when
    /// nothing is left.
    pub estimated_finish: Option<Date>,
}

/// The whole path, then each track in catalog order.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub overall: Figures,
    pub tracks: Vec<(String, Figures)>,
}

pub fn compute(
    catalog: &Catalog,
    progress: &crate::progress::model::Progress,
    now: Timestamp,
    tz: &TimeZone,
) -> Stats {
    let of = |entries: &[usize]| figures(catalog, progress, entries, now, tz);
    Stats {
        overall: of(catalog.path()),
        tracks: catalog
            .tracks
            .iter()
            .map(|track| {
                let entries: Vec<usize> = catalog
                    .path()
                    .iter()
                    .copied()
                    .filter(|&i| catalog.entries[i].track == track.id)
                    .collect();
                (track.id.clone(), of(&entries))
            })
            .collect(),
    }
}

pub fn figures(
    catalog: &Catalog,
    progress: &crate::progress::model::Progress,
    entries: &[usize],
    now: Timestamp,
    tz: &TimeZone,
) -> Figures {
    let tally = Tally::of(catalog, progress, entries.iter().copied());
    let mut minutes_read = 0;
    let mut minutes_left = 0;
    let mut activity: Vec<Timestamp> = Vec::new();
    let mut finish_days = BTreeSet::new();
    for &index in entries {
        let entry = &catalog.entries[index];
        let record = progress.record(entry);
        let status = record.map_or(Status::Todo, |r| r.status);
        let minutes = u64::from(entry.minutes.unwrap_or(0));
        match status {
            Status::Done => minutes_read += minutes,
            Status::Todo | Status::Reading => minutes_left += minutes,
            Status::Skipped => {}
        }
        let Some(record) = record else { continue };
        activity.push(record.changed);
        activity.extend(record.started);
        activity.extend(record.finished);
        activity.extend(record.notes.iter().map(|n| n.at));
        if status == Status::Done
            && let Some(finished) = record.finished
        {
            finish_days.insert(local_date(finished, tz));
        }
    }
    let first_activity = activity.iter().min().copied();
    let today = local_date(now, tz);
    let days = first_activity.map_or(1, |first| days_counted(local_date(first, tz), today));
    let remaining = (tally.todo + tally.reading) as u64;
    let done = tally.done as u64;
    Figures {
        tally,
        minutes_read,
        minutes_left,
        first_activity,
        latest_activity: activity.iter().max().copied(),
        streak_days: streak(&finish_days, today),
        pace: (done > 0).then(|| done as f64 / days as f64),
        estimated_finish: estimated_finish(done, days, remaining, now, tz),
    }
}

fn local_date(at: Timestamp, tz: &TimeZone) -> Date {
    at.to_zoned_datetime(tz.clone()).date()
}

/// Local days from `first` to `today`, both included: a single day of activity counts as one.
fn days_counted(first: Date, today: Date) -> u64 {
    let seconds = first.duration_until(today).as_secs();
    (seconds / SECONDS_PER_DAY).max(0).unsigned_abs() + 1
}

/// Consecutive days in `days` ending today, or ending yesterday when today has none yet.
pub fn streak(days: &BTreeSet<Date>, today: Date) -> u64 {
    let mut day = if days.contains(&today) {
        today
    } else {
        match today.yesterday() {
            Ok(yesterday) => yesterday,
            Err(_) => return 0,
        }
    };
    let mut count = 0;
    while days.contains(&day) {
        count += 1;
        match day.yesterday() {
            Ok(before) => day = before,
            Err(_) => break,
        }
    }
    count
}

/// `now` plus `remaining / (done / days)` days, computed in whole seconds so it is exact.
fn estimated_finish(
    done: u64,
    days: u64,
    remaining: u64,
    now: Timestamp,
    tz: &TimeZone,
) -> Option<Date> {
    if done == 0 || remaining == 0 {
        return None;
    }
    let seconds =
        u128::from(remaining) * u128::from(days) * SECONDS_PER_DAY as u128 / u128::from(done);
    let seconds = i64::try_from(seconds).ok()?;
    let finish = now.checked_add(SignedDuration::from_secs(seconds)).ok()?;
    Some(local_date(finish, tz))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::model::Progress;

    /// Two tracks: a (30 min), b (60 min) in one; c (no estimate), d (15 min) in the other.
    fn catalog() -> Catalog {
        let entry = |id: &str, track: &str, minutes: &str| {
            format!(
                "[[entry]]\nid = \"{id}\"\nkind = \"paper\"\ntitle = \"{id}\"\ntrack = \"{track}\"\nurl = \"https://example.org/{id}\"\n{minutes}\n"
            )
        };
        let text = format!(
            "format = 1\n[[track]]\nid = \"one\"\ntitle = \"One\"\n[[track]]\nid = \"two\"\ntitle = \"Two\"\n{}{}{}{}",
            entry("a", "one", "minutes = 30"),
            entry("b", "one", "minutes = 60"),
            entry("c", "two", ""),
            entry("d", "two", "minutes = 15"),
        );
        crate::catalog::model::from_toml(&text)
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn tz(offset_hours: i8) -> TimeZone {
        TimeZone::fixed(jiff::tz::offset(offset_hours))
    }

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn progress(c: &Catalog, marks: &[(&str, Status, &str)]) -> Progress {
        let mut progress = Progress::default();
        for &(id, status, when) in marks {
            progress.mark(&c.entries[c.get(id).unwrap()], status, at(when));
        }
        progress
    }

    #[test]
    fn nothing_recorded_has_no_activity_pace_or_finish() {
        let c = catalog();
        let stats = compute(&c, &Progress::default(), at("2026-03-01T12:00:00Z"), &tz(0));
        let o = &stats.overall;
        assert_eq!((o.tally.total, o.tally.todo), (4, 4));
        assert_eq!((o.minutes_read, o.minutes_left), (0, 105));
        assert_eq!((o.first_activity, o.latest_activity), (None, None));
        assert_eq!((o.streak_days, o.pace, o.estimated_finish), (0, None, None));
        assert_eq!(
            stats
                .tracks
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>(),
            ["one", "two"]
        );
    }

    #[test]
    fn minutes_count_read_entries_and_leave_skipped_ones_out() {
        let c = catalog();
        let p = progress(
            &c,
            &[
                ("a", Status::Done, "2026-03-01T10:00:00Z"),
                ("b", Status::Skipped, "2026-03-01T10:00:00Z"),
                ("d", Status::Reading, "2026-03-01T10:00:00Z"),
            ],
        );
        let stats = compute(&c, &p, at("2026-03-01T12:00:00Z"), &tz(0));
        assert_eq!(
            (stats.overall.minutes_read, stats.overall.minutes_left),
            (30, 15)
        );
        let (_, one) = &stats.tracks[0];
        assert_eq!(
            (one.tally.done, one.tally.skipped, one.minutes_left),
            (1, 1, 0)
        );
        assert_eq!(one.estimated_finish, None, "nothing left in track one");
    }

    #[test]
    fn pace_with_a_single_day_of_activity_counts_one_day() {
        let c = catalog();
        let p = progress(
            &c,
            &[
                ("a", Status::Done, "2026-03-01T09:00:00Z"),
                ("b", Status::Done, "2026-03-01T11:00:00Z"),
            ],
        );
        let o = compute(&c, &p, at("2026-03-01T12:00:00Z"), &tz(0)).overall;
        assert_eq!(o.pace, Some(2.0));
        // Two left at two a day: one more day, 2026-03-02 12:00.
        assert_eq!(o.estimated_finish, Some(date("2026-03-02")));
        assert_eq!(o.first_activity, Some(at("2026-03-01T09:00:00Z")));
        assert_eq!(o.latest_activity, Some(at("2026-03-01T11:00:00Z")));
    }

    #[test]
    fn pace_counts_every_day_since_the_first_activity() {
        let c = catalog();
        let p = progress(
            &c,
            &[
                ("a", Status::Reading, "2026-03-01T09:00:00Z"),
                ("a", Status::Done, "2026-03-04T09:00:00Z"),
            ],
        );
        // Started on the 1st, so the 1st to the 4th is four days, one read: a quarter a day.
        let o = compute(&c, &p, at("2026-03-04T12:00:00Z"), &tz(0)).overall;
        assert_eq!(o.pace, Some(0.25));
        // Three left at a quarter a day: twelve days.
        assert_eq!(o.estimated_finish, Some(date("2026-03-16")));
    }

    #[test]
    fn the_streak_follows_local_days_across_midnight() {
        let c = catalog();
        // 23:30 and 00:30 in UTC+8: two local days, though one day in UTC.
        let p = progress(
            &c,
            &[
                ("a", Status::Done, "2026-03-01T15:30:00Z"),
                ("b", Status::Done, "2026-03-01T16:30:00Z"),
            ],
        );
        let now = at("2026-03-02T04:00:00Z");
        assert_eq!(compute(&c, &p, now, &tz(8)).overall.streak_days, 2);
        assert_eq!(compute(&c, &p, now, &tz(0)).overall.streak_days, 1);
    }

    #[test]
    fn the_streak_ends_yesterday_until_something_is_read_today_and_breaks_on_a_gap() {
        let days: BTreeSet<Date> = ["2026-03-01", "2026-03-03", "2026-03-04"]
            .iter()
            .map(|d| date(d))
            .collect();
        assert_eq!(streak(&days, date("2026-03-04")), 2);
        assert_eq!(streak(&days, date("2026-03-05")), 2);
        assert_eq!(streak(&days, date("2026-03-06")), 0);
        assert_eq!(streak(&days, date("2026-03-02")), 1);
        assert_eq!(streak(&BTreeSet::new(), date("2026-03-02")), 0);
    }

    #[test]
    fn notes_count_as_activity() {
        let c = catalog();
        let mut p = Progress::default();
        p.add_note(&c.entries[0], "later", at("2026-02-01T00:00:00Z"));
        let o = compute(&c, &p, at("2026-03-01T00:00:00Z"), &tz(0)).overall;
        assert_eq!(o.first_activity, Some(at("2026-02-01T00:00:00Z")));
        assert_eq!(o.pace, None);
    }
}
