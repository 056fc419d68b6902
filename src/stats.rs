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
    /// Consecutive local days, ending today (or yesterday when nothing is done yet today), with
    /// some reading: an entry started, finished or skipped, or a note written.
    pub streak_days: u64,
    /// Entries read per day, counting every local day from the first activity to today; `None`
    /// before anything is read.
    pub pace: Option<f64>,
    /// Estimated minutes read per day over the whole path, counting every local day from the
    /// learner's first activity to today: the one pace every estimate uses. `None` before
    /// anything with an estimate is read.
    pub minutes_per_day: Option<f64>,
    /// The local date when the minutes left here are read at `minutes_per_day`; `None` without
    /// a pace or when nothing is left. A track's is never after the whole path's, since it has
    /// no more minutes left.
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
    let overall = figures(catalog, progress, catalog.path(), now, tz, None);
    // Every track is read at the learner's one pace, that of the whole path.
    let pace = overall.minutes_per_day;
    Stats {
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
                let figures = figures(catalog, progress, &entries, now, tz, Some(pace));
                (track.id.clone(), figures)
            })
            .collect(),
        overall,
    }
}

/// The figures of `entries`, read at `pace` minutes a day when given (a track, at the whole
/// path's pace), else at their own.
pub fn figures(
    catalog: &Catalog,
    progress: &crate::progress::model::Progress,
    entries: &[usize],
    now: Timestamp,
    tz: &TimeZone,
    pace: Option<Option<f64>>,
) -> Figures {
    let tally = Tally::of(catalog, progress, entries.iter().copied());
    let mut minutes_read = 0;
    let mut minutes_left = 0;
    let mut activity: Vec<Timestamp> = Vec::new();
    let mut reading_days = BTreeSet::new();
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
        // A day of reading: something started, finished or skipped, or a note written; a reset
        // is no reading.
        let skipped = (status == Status::Skipped).then_some(record.changed);
        let read = record
            .started
            .into_iter()
            .chain(record.finished)
            .chain(skipped);
        for at in read.chain(record.notes.iter().map(|n| n.at)) {
            reading_days.insert(local_date(at, tz));
        }
    }
    let first_activity = activity.iter().min().copied();
    let today = local_date(now, tz);
    let days = first_activity.map_or(1, |first| days_counted(local_date(first, tz), today));
    let done = tally.done as u64;
    let minutes_per_day =
        pace.unwrap_or_else(|| (minutes_read > 0).then(|| minutes_read as f64 / days as f64));
    Figures {
        tally,
        minutes_read,
        minutes_left,
        first_activity,
        latest_activity: activity.iter().max().copied(),
        streak_days: streak(&reading_days, today),
        pace: (done > 0).then(|| done as f64 / days as f64),
        minutes_per_day,
        estimated_finish: estimated_finish(minutes_per_day, minutes_left, now, tz),
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

/// `now` plus `minutes_left / minutes_per_day` days, in whole seconds.
fn estimated_finish(
    minutes_per_day: Option<f64>,
    minutes_left: u64,
    now: Timestamp,
    tz: &TimeZone,
) -> Option<Date> {
    let pace = minutes_per_day.filter(|&pace| pace > 0.0)?;
    if minutes_left == 0 {
        return None;
    }
    let seconds = (minutes_left as f64 / pace * SECONDS_PER_DAY as f64).ceil();
    // Past jiff's last day (9999-12-31) there is no date to give.
    if seconds.is_nan() || seconds >= 1e12 {
        return None;
    }
    let finish = now
        .checked_add(SignedDuration::from_secs(seconds as i64))
        .ok()?;
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
        assert_eq!(o.minutes_per_day, Some(90.0));
        // 15 minutes left at 90 a day: four hours on, 16:00 the same day.
        assert_eq!(o.estimated_finish, Some(date("2026-03-01")));
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
        // 30 minutes over four days, 7.5 a day; 75 minutes left (c has no estimate): ten days.
        assert_eq!(o.minutes_per_day, Some(7.5));
        assert_eq!(o.estimated_finish, Some(date("2026-03-14")));
    }

    #[test]
    fn a_track_is_read_at_the_whole_paths_pace_and_never_finishes_after_it() {
        let c = catalog();
        // Track two's d long ago, track one's a today: two's own pace would be one in 30 days.
        let p = progress(
            &c,
            &[
                ("d", Status::Done, "2026-02-01T09:00:00Z"),
                ("a", Status::Done, "2026-03-02T09:00:00Z"),
            ],
        );
        let stats = compute(&c, &p, at("2026-03-02T12:00:00Z"), &tz(0));
        let overall = stats.overall.estimated_finish.unwrap();
        for (track, figures) in &stats.tracks {
            assert_eq!(
                figures.minutes_per_day, stats.overall.minutes_per_day,
                "{track}"
            );
            assert!(
                figures.estimated_finish.is_none_or(|d| d <= overall),
                "{track}"
            );
        }
    }

    #[test]
    fn the_streak_counts_a_day_of_starting_skipping_or_noting_not_only_finishing() {
        let c = catalog();
        let mut p = progress(
            &c,
            &[
                ("a", Status::Done, "2026-03-01T09:00:00Z"),
                ("b", Status::Reading, "2026-03-02T09:00:00Z"),
                ("d", Status::Skipped, "2026-03-04T09:00:00Z"),
            ],
        );
        p.add_note(&c.entries[2], "later", at("2026-03-03T09:00:00Z"));
        let o = compute(&c, &p, at("2026-03-04T12:00:00Z"), &tz(0)).overall;
        assert_eq!(o.streak_days, 4);
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
