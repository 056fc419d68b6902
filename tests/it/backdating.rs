//! `done`, `start` and `skip --on DATE`: what happened on an earlier day counts on that day.

use crate::common::{Lpath, by_id};

const NOW: &str = "2026-03-10T09:00:00Z";
const UTC8: &str = "<+08>-8";

fn record(lp: &Lpath, id: &str) -> serde_json::Value {
    lp.run_at(NOW, &["show", id, "--json"]).success().json()
}

#[test]
fn done_on_a_date_records_midday_that_day_and_a_date_time_as_given() {
    let lp = Lpath::new();
    lp.run_at(NOW, &["done", "a3c", "--on", "2026-03-08"])
        .success()
        .stdout_has("done: `a3c`");
    lp.run_at(NOW, &["start", "ppo", "--on", "2026-03-07 18:30"])
        .success();
    let progress = lp.progress().unwrap();
    assert!(
        progress.contains(
            "[entry.a3c]\nstatus = \"done\"\nchanged = \"2026-03-08T12:00:00Z\"\nfinished = \"2026-03-08T12:00:00Z\""
        ),
        "{progress}"
    );
    assert!(
        progress.contains("started = \"2026-03-07T18:30:00Z\""),
        "{progress}"
    );
}

#[test]
fn yesterday_is_the_local_yesterday() {
    let lp = Lpath::new();
    // 2026-03-09T17:00Z is already the 10th at UTC+8: yesterday there is the 9th.
    lp.run_in(
        UTC8,
        "2026-03-09T17:00:00Z",
        &["done", "bert", "--on", "yesterday"],
    )
    .success();
    assert!(
        lp.progress()
            .unwrap()
            .contains("finished = \"2026-03-09T04:00:00Z\""),
        "midday on the 9th at UTC+8: {}",
        lp.progress().unwrap()
    );
}

#[test]
fn stats_streak_and_pace_count_the_backdated_days() {
    let lp = Lpath::new();
    lp.run_at(
        NOW,
        &[
            "skip",
            "fine-tuning-human-preferences",
            "--on",
            "2026-03-07 18:00",
        ],
    )
    .success();
    lp.run_at(NOW, &["done", "a3c", "--on", "2026-03-08"])
        .success();
    lp.run_at(NOW, &["done", "ppo", "--on", "yesterday"])
        .success();
    lp.run_at(
        NOW,
        &["start", "summarize-human-feedback", "--on", "2026-03-08"],
    )
    .success();
    let stats = lp.run_at(NOW, &["stats", "--json"]).success().json();
    let rlhf = by_id(&stats["tracks"], "rlhf");
    assert_eq!(rlhf["done"], 2);
    assert_eq!(rlhf["skipped"], 1);
    assert_eq!(rlhf["reading"], 1);
    assert_eq!(rlhf["first_activity"], "2026-03-07T18:00:00Z");
    assert_eq!(rlhf["latest_activity"], "2026-03-09T12:00:00Z");
    // Skipped on the 7th, read on the 8th and the 9th, nothing yet on the 10th: the streak ends
    // yesterday, 3 days.
    assert_eq!(rlhf["streak_days"], 3);
    // Two read over the 7th..10th, four local days: half a day.
    assert_eq!(rlhf["pace_per_day"], 0.5);
    // a3c (60 min) and ppo (45) over four days: 26.25 minutes a day. Left: summarize (75),
    // deep-rl (60) and the five companions (120, 30, 10, 30, 30): 355 minutes, 13.5 days from
    // 09:00 on the 10th.
    assert_eq!(rlhf["minutes_per_day"], 26.3);
    assert_eq!(rlhf["estimated_finish"], "2026-03-23");
}

#[test]
fn done_on_an_entry_already_done_moves_its_finish_date_and_undo_moves_it_back() {
    let lp = Lpath::new();
    lp.run_at(NOW, &["done", "bert"]).success();
    let run = lp
        .run_at(NOW, &["done", "bert", "--on", "2026-03-01"])
        .success();
    assert_eq!(
        run.stdout,
        "`bert` was already done; it now counts as read on 2026-03-01\n"
    );
    assert_eq!(record(&lp, "bert")["finished"], "2026-03-01T12:00:00Z");
    lp.run_at(NOW, &["undo"])
        .success()
        .stdout_has("undid `done bert --on 2026-03-01`");
    assert_eq!(record(&lp, "bert")["finished"], "2026-03-10T09:00:00Z");
}

#[test]
fn a_date_in_the_future_is_a_usage_error_and_changes_nothing() {
    let lp = Lpath::new();
    let run = lp
        .run_at(NOW, &["done", "bert", "--on", "2026-03-11"])
        .failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: `--on 2026-03-11` is in the future\n\
         hint: give the day it happened; without `--on` it is now\n"
    );
    lp.run_at(NOW, &["start", "bert", "--on", "2026-03-10 18:00"])
        .failure(2)
        .stderr_has("in the future");
    assert_eq!(lp.progress(), None);
}

#[test]
fn an_unreadable_date_says_what_it_accepts_without_echoing_control_characters() {
    let lp = Lpath::new();
    let run = lp
        .run_at(NOW, &["skip", "bert", "--on", "last \u{1b}[2J week"])
        .failure(2);
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    run.stderr_has("is not a date lpath reads")
        .stderr_has("`yesterday`");
    assert_eq!(lp.progress(), None);
}

#[test]
fn backdated_messages_are_in_chinese_too() {
    let lp = Lpath::new();
    lp.run_at(NOW, &["--lang", "zh", "done", "bert", "--on", "2099-01-01"])
        .failure(2)
        .stderr_has("是将来的时间");
}

#[test]
fn a_leap_second_is_refused_with_its_reason_not_moved_to_59() {
    let lp = Lpath::new();
    for on in ["2016-12-31 23:59:60", "2016-12-31T23:59:60Z"] {
        lp.run_at(NOW, &["done", "bert", "--on", on])
            .failure(2)
            .stderr_has("is not a date lpath reads")
            .stderr_has("a leap second (`:60`)");
    }
    assert_eq!(lp.progress(), None);
}

#[test]
fn done_on_a_day_before_the_recorded_start_drops_the_start_and_undo_brings_it_back() {
    // `start` today, then "I read it last week": the start today was not when reading began.
    let lp = Lpath::new();
    lp.run_at(NOW, &["start", "bert"]).success();
    lp.run_at(NOW, &["done", "bert", "--on", "2026-03-01"])
        .success();
    let bert = record(&lp, "bert");
    assert_eq!(bert["finished"], "2026-03-01T12:00:00Z");
    assert_eq!(bert["started"], serde_json::Value::Null);
    lp.run_at(NOW, &["undo"]).success();
    assert_eq!(record(&lp, "bert")["started"], NOW);
}

#[test]
fn on_reads_what_a_person_types() {
    // NOW is Tuesday 2026-03-10, 09:00 UTC; a day is midday.
    let lp = Lpath::new();
    for (on, id, finished) in [
        ("3 days ago", "bert", "2026-03-07T12:00:00Z"),
        ("last monday", "gpt-1", "2026-03-09T12:00:00Z"),
        ("last tuesday", "roberta", "2026-03-03T12:00:00Z"),
        ("friday", "a3c", "2026-03-06T12:00:00Z"),
        ("Sunday", "ppo", "2026-03-08T12:00:00Z"),
        ("2026-03-01 9:30", "t5", "2026-03-01T09:30:00Z"),
        ("昨天", "gpt-2", "2026-03-09T12:00:00Z"),
        ("2 weeks ago", "bart", "2026-02-24T12:00:00Z"),
    ] {
        lp.run_at(NOW, &["done", id, "--on", on]).success();
        assert_eq!(
            record(&lp, id)["finished"].as_str(),
            Some(finished),
            "`--on {on}`"
        );
    }
}

#[test]
fn on_says_what_is_wrong_with_a_day_it_cannot_take() {
    let lp = Lpath::new();
    for (lang, on, says) in [
        ("en", "tomorrow", "`--on tomorrow` is in the future"),
        ("en", "in 3 days", "is in the future"),
        ("en", "2026-13-01", "the month 13 is out of range"),
        (
            "en",
            "2026-02-30",
            "the day 30 is out of range; that month has 28 days",
        ),
        ("zh", "tomorrow", "是将来的时间"),
        ("zh", "2026-13-01", "月份 13 超出范围"),
        ("en", "the other day", "is not a date lpath reads"),
    ] {
        let run = lp
            .run_at(NOW, &["--lang", lang, "done", "bert", "--on", on])
            .failure(2);
        run.stderr_has(says);
        assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    }
    assert_eq!(lp.progress(), None);
}
