//! `lpath stats`: progress bars and figures, checked against a hand-built progress file.

use crate::common::{Lpath, by_id};

/// Four of the RLHF track's papers (a3c 60 min, ppo 45, fine-tuning-human-preferences 60,
/// summarize-human-feedback 75) at 23:00, 23:30 and 00:30 in UTC+8, across local midnight. Its
/// fifth paper (deep-rl-human-preferences, 60 min) and its five companions (120, 30, 10, 30 and
/// 30 min) stay `todo`.
const ACROSS_MIDNIGHT: &str = r#"format = 1

[entry.a3c]
status = "done"
changed = "2026-03-01T15:30:00Z"
finished = "2026-03-01T15:30:00Z"

[entry.fine-tuning-human-preferences]
status = "skipped"
changed = "2026-03-01T15:10:00Z"

[entry.ppo]
status = "done"
changed = "2026-03-01T16:30:00Z"
finished = "2026-03-01T16:30:00Z"

[entry.summarize-human-feedback]
status = "reading"
changed = "2026-03-01T15:00:00Z"
started = "2026-03-01T15:00:00Z"
"#;

const UTC8: &str = "<+08>-8";

fn rlhf(stats: &serde_json::Value) -> &serde_json::Value {
    by_id(&stats["tracks"], "rlhf")
}

#[test]
fn stats_figures_match_a_hand_count() {
    let lp = Lpath::new();
    lp.write_progress(ACROSS_MIDNIGHT);
    // Noon on 2 March, local time.
    let stats = lp
        .run_in(UTC8, "2026-03-02T04:00:00Z", &["stats", "--json"])
        .success()
        .json();
    let track = rlhf(&stats);
    assert_eq!(track["title"], "RLHF background");
    let counts = [
        "total",
        "todo",
        "reading",
        "done",
        "skipped",
        "percent_covered",
    ]
    .map(|k| track[k].as_u64().unwrap());
    assert_eq!(counts, [10, 6, 1, 2, 1, 30]);
    assert_eq!(track["minutes_read"], 60 + 45);
    assert_eq!(track["minutes_left"], 75 + 60 + 120 + 30 + 10 + 30 + 30);
    assert_eq!(track["first_activity"], "2026-03-01T15:00:00Z");
    assert_eq!(track["latest_activity"], "2026-03-01T16:30:00Z");
    // 1 and 2 March, local: two days with something read.
    assert_eq!(track["streak_days"], 2);
    // Two read over two local days (1 and 2 March): one a day.
    assert_eq!(track["pace_per_day"], 1.0);
    // 105 minutes over those two days: 52.5 a day; 355 minutes left: 6.8 days from now.
    assert_eq!(track["minutes_per_day"], 52.5);
    assert_eq!(track["estimated_finish"], "2026-03-09");

    let overall = &stats["overall"];
    assert_eq!(overall["done"], 2);
    assert_eq!(overall["skipped"], 1);
    assert_eq!(overall["streak_days"], 2);
    let scaling = by_id(&stats["tracks"], "scaling");
    assert_eq!(scaling["first_activity"], serde_json::Value::Null);
    assert_eq!(scaling["pace_per_day"], serde_json::Value::Null);
    // Nothing read in the track, but it is read at the learner's pace, as every track is.
    assert_eq!(scaling["minutes_per_day"], 52.5);
    assert!(scaling["estimated_finish"].as_str() <= overall["estimated_finish"].as_str());
}

#[test]
fn the_streak_counts_local_days_across_midnight() {
    let lp = Lpath::new();
    lp.write_progress(ACROSS_MIDNIGHT);
    let streak = |tz: &str, now: &str| {
        rlhf(&lp.run_in(tz, now, &["stats", "--json"]).success().json())["streak_days"].clone()
    };
    // In UTC both finishes fall on 1 March: one day.
    assert_eq!(streak("UTC", "2026-03-01T20:00:00Z"), 1);
    // In UTC+8 they straddle midnight: 1 and 2 March.
    assert_eq!(streak(UTC8, "2026-03-02T04:00:00Z"), 2);
    // The next local day, nothing read yet today: the streak still ends yesterday.
    assert_eq!(streak(UTC8, "2026-03-03T04:00:00Z"), 2);
    // A day with nothing read breaks it.
    assert_eq!(streak(UTC8, "2026-03-04T04:00:00Z"), 0);
}

#[test]
fn pace_with_a_single_day_of_activity_counts_that_day() {
    let lp = Lpath::new();
    lp.run_at("2026-03-01T09:00:00Z", &["done", "a3c"])
        .success();
    lp.run_at("2026-03-01T10:00:00Z", &["done", "ppo"])
        .success();
    let stats = lp
        .run_at("2026-03-01T12:00:00Z", &["stats", "--json"])
        .success()
        .json();
    let track = rlhf(&stats);
    assert_eq!(track["pace_per_day"], 2.0);
    assert_eq!(track["minutes_per_day"], 105.0);
    // Eight left (three papers, five companions), 415 minutes at 105 a day: four days on.
    assert_eq!(track["estimated_finish"], "2026-03-05");
    assert_eq!(track["streak_days"], 1);
    assert_eq!(stats["overall"]["pace_per_day"], 2.0);
}

#[test]
fn stats_before_any_activity_has_no_pace_or_finish() {
    let lp = Lpath::new();
    let out = lp.run(&["stats"]).success().stdout;
    assert!(out.starts_with("Overall\n"), "{out}");
    assert!(out.contains("no activity yet"), "{out}");
    assert!(out.contains("no pace yet"), "{out}");
    assert!(!lp.config_dir().exists(), "stats writes nothing");
}

#[test]
fn stats_text_draws_ascii_bars_and_headings_when_the_locale_is_not_utf8() {
    let lp = Lpath::new();
    lp.write_progress(ACROSS_MIDNIGHT);
    let vars = [
        ("TZ", UTC8),
        ("LPATH_NOW", "2026-03-02T04:00:00Z"),
        ("LANG", "C"),
    ];
    let out = lp.run_with(&vars, &["stats"]).success().stdout;
    let rlhf = &out[out.find("> RLHF background (rlhf)\n").expect(&out)..];
    // 3/10 of 30 cells is 9.
    assert!(
        rlhf.contains(&format!(
            "  [{}{}]  2/10 read - 1 skipped - 30% covered\n",
            "#".repeat(9),
            "-".repeat(21)
        )),
        "{rlhf}"
    );
    assert!(rlhf.contains("  1 reading - 6 todo - ~1 h 45 min read - ~5 h 55 min left\n"));
    assert!(rlhf.contains("  first activity 2026-03-01 23:00 - latest 2026-03-02 00:30\n"));
    assert!(
        rlhf.contains("  streak 2 days - estimated finish 2026-03-09\n"),
        "{rlhf}"
    );
    assert!(
        out.contains("  streak 2 days - pace ~53 min a day - estimated finish "),
        "{out}"
    );
    assert!(!out.contains('█') && !out.contains('·'), "{out}");
}

#[test]
fn a_pace_too_slow_to_finish_before_the_year_9999_says_so_not_that_nothing_is_left() {
    let lp = Lpath::new();
    lp.run_at(
        "2026-03-10T09:00:00Z",
        &["done", "bert", "--on", "1900-01-01"],
    )
    .success();
    let run = lp.run_at("2026-03-10T09:00:00Z", &["stats"]).success();
    run.stdout_has("at this pace, not before the year 9999");
    assert!(!run.stdout.contains("nothing left"), "{}", run.stdout);
    let json = lp
        .run_at("2026-03-10T09:00:00Z", &["stats", "--json"])
        .success()
        .json();
    assert_eq!(json["overall"]["estimated_finish"], serde_json::Value::Null);
    assert!(json["overall"]["todo"].as_u64() > Some(0));
}

#[test]
fn on_a_narrow_terminal_every_figure_line_fits_in_english_and_chinese() {
    let lp = Lpath::new();
    lp.run(&["done", "bert", "--on", "1900-01-01"]).success();
    for lang in ["en", "zh"] {
        let Some(screen) = lp.in_terminal(60, &["--lang", lang, "stats"]) else {
            return;
        };
        for line in screen.lines() {
            let columns = crate::common::display_width(line);
            assert!(columns <= 60, "{columns} columns: {line:?}\n{screen}");
        }
    }
}

/// Every local day from the 1st to the 7th of December has some reading, though on the 4th
/// nothing was finished (BERT started and a note taken), on the 6th something skipped and on the
/// 7th only a note written.
fn a_week_of_reading() -> Lpath {
    let lp = Lpath::new();
    let days: [(&str, &[&str]); 8] = [
        ("2026-12-01T20:00:00Z", &["done", "illustrated-transformer"]),
        ("2026-12-02T20:00:00Z", &["done", "bahdanau-attention"]),
        (
            "2026-12-03T20:00:00Z",
            &["done", "attention-is-all-you-need"],
        ),
        ("2026-12-04T20:00:00Z", &["start", "bert"]),
        ("2026-12-04T21:00:00Z", &["note", "bert", "masked LM"]),
        ("2026-12-05T20:00:00Z", &["done", "bert"]),
        ("2026-12-06T20:00:00Z", &["skip", "transformer-family"]),
        ("2026-12-07T20:00:00Z", &["note", "bert", "next sentence"]),
    ];
    for (now, args) in days {
        lp.run_in("UTC", now, args).success();
    }
    lp
}

#[test]
fn the_streak_counts_every_day_with_some_reading_not_only_finishing() {
    let lp = a_week_of_reading();
    let stats = lp
        .run_in("UTC", "2026-12-07T21:00:00Z", &["stats", "--json"])
        .success()
        .json();
    assert_eq!(stats["overall"]["streak_days"], 7);
    lp.run_in("UTC", "2026-12-07T21:00:00Z", &["stats"])
        .success()
        .stdout_has("  streak 7 days · ");
}

#[test]
fn the_estimate_reads_the_minutes_left_at_the_minutes_read_a_day() {
    let lp = a_week_of_reading();
    let now = "2026-12-07T21:00:00Z";
    let stats = lp.run_in("UTC", now, &["stats", "--json"]).success().json();
    let list = lp.run_in("UTC", now, &["list", "--json"]).success().json();
    let minutes = |status: &[&str]| -> f64 {
        list.as_array()
            .unwrap()
            .iter()
            .filter(|e| status.contains(&e["status"].as_str().unwrap()))
            .map(|e| e["minutes"].as_f64().unwrap_or(0.0))
            .sum()
    };
    let (read, left) = (minutes(&["done"]), minutes(&["todo", "reading"]));
    // Seven days, the 1st to the 7th, both counted.
    let per_day = read / 7.0;
    let overall = &stats["overall"];
    assert_eq!(overall["minutes_read"].as_f64(), Some(read));
    assert!((overall["minutes_per_day"].as_f64().unwrap() - per_day).abs() < 0.06);
    // The finish, counted here in days from the 7th of December at noon-ish.
    let days = (left / per_day).ceil() as i64;
    let finish: jiff::civil::Date = overall["estimated_finish"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let from: jiff::civil::Date = "2026-12-07".parse().unwrap();
    let counted = (finish - from).get_days() as i64;
    assert!((counted - days).abs() <= 1, "{counted} days, not {days}");
}

#[test]
fn no_track_finishes_after_the_whole_path() {
    let lp = Lpath::new();
    // RLHF's first paper a month ago, then all of one track today: RLHF's own pace (one entry
    // in thirty days) would put it far after the whole path.
    lp.run_in(
        "UTC",
        "2026-12-07T12:00:00Z",
        &["done", "a3c", "--on", "30 days ago"],
    )
    .success();
    let list = lp
        .run(&["list", "--json", "-t", "foundations"])
        .success()
        .json();
    let mut args = vec!["done".to_string()];
    args.extend(crate::common::ids(&list));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    lp.run_in("UTC", "2026-12-07T12:00:00Z", &args).success();
    let stats = lp
        .run_in("UTC", "2026-12-07T12:00:00Z", &["stats", "--json"])
        .success()
        .json();
    let overall = stats["overall"]["estimated_finish"]
        .as_str()
        .unwrap()
        .to_string();
    for track in stats["tracks"].as_array().unwrap() {
        if let Some(finish) = track["estimated_finish"].as_str() {
            assert!(
                finish <= overall.as_str(),
                "{}: {finish} after {overall}",
                track["id"]
            );
        }
    }
}

#[test]
fn stats_help_says_how_each_figure_is_computed_in_both_languages() {
    let lp = Lpath::new();
    for (lang, words) in [
        (
            "en",
            [
                "streak:",
                "pace:",
                "estimated finish:",
                "minutes read and left:",
                "note",
            ],
        ),
        (
            "zh",
            [
                "连续天数：",
                "速度：",
                "预计完成：",
                "已读时长与剩余：",
                "笔记",
            ],
        ),
    ] {
        let help = lp
            .run(&["--lang", lang, "stats", "--help"])
            .success()
            .stdout;
        for word in words {
            assert!(help.contains(word), "{lang}: `{word}`:\n{help}");
        }
    }
}
