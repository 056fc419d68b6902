//! `lpath stats`: progress bars and figures, overall and per track.

use std::fmt::Write;

use serde::Serialize;

use crate::bar::bar;
use crate::cli::StatsArgs;
use crate::context::Context;
use crate::error::Result;
use crate::render::{self, Lang, Style};
use crate::stats::{self, Figures};

const BAR_WIDTH: usize = 30;

/// Field names are documented in the README and stable.
#[derive(Serialize)]
struct FiguresJson {
    total: usize,
    todo: usize,
    reading: usize,
    done: usize,
    skipped: usize,
    percent_covered: usize,
    minutes_read: u64,
    minutes_left: u64,
    first_activity: Option<String>,
    latest_activity: Option<String>,
    streak_days: u64,
    pace_per_day: Option<f64>,
    estimated_finish: Option<String>,
}

impl FiguresJson {
    fn new(f: &Figures) -> Self {
        FiguresJson {
            total: f.tally.total,
            todo: f.tally.todo,
            reading: f.tally.reading,
            done: f.tally.done,
            skipped: f.tally.skipped,
            percent_covered: f.tally.percent_covered(),
            minutes_read: f.minutes_read,
            minutes_left: f.minutes_left,
            first_activity: f.first_activity.map(|t| t.to_string()),
            latest_activity: f.latest_activity.map(|t| t.to_string()),
            streak_days: f.streak_days,
            pace_per_day: f.pace,
            estimated_finish: f.estimated_finish.map(|d| d.to_string()),
        }
    }
}

#[derive(Serialize)]
struct TrackJson<'a> {
    id: &'a str,
    title: String,
    #[serde(flatten)]
    figures: FiguresJson,
}

#[derive(Serialize)]
struct StatsJson<'a> {
    overall: FiguresJson,
    tracks: Vec<TrackJson<'a>>,
}

pub fn run(ctx: &Context, args: &StatsArgs) -> Result<String> {
    let catalog = &ctx.catalog;
    let progress = ctx.store().load()?;
    let tz = ctx.time_zone();
    let stats = stats::compute(catalog, &progress, ctx.now, &tz);
    let lang = ctx.style.lang;
    if args.json {
        let json = StatsJson {
            overall: FiguresJson::new(&stats.overall),
            tracks: stats
                .tracks
                .iter()
                .map(|(id, figures)| TrackJson {
                    id,
                    title: render::track_title(catalog, id, lang),
                    figures: FiguresJson::new(figures),
                })
                .collect(),
        };
        return Ok(render::to_json(&json) + "\n");
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}", render::say(lang, "Overall", "总体"));
    out.push_str(&block(&stats.overall, ctx.style, &tz));
    for (id, figures) in &stats.tracks {
        let _ = writeln!(
            out,
            "\n{} {} ({id})",
            ctx.style.glyphs().heading,
            render::track_title(catalog, id, lang)
        );
        out.push_str(&block(figures, ctx.style, &tz));
    }
    Ok(out)
}

/// The lines under one heading: bar, counts, minutes, activity, streak, pace and finish.
fn block(f: &Figures, style: Style, tz: &jiff::tz::TimeZone) -> String {
    let covered = f.tally.done + f.tally.skipped;
    let fraction = if f.tally.total == 0 {
        0.0
    } else {
        covered as f64 / f.tally.total as f64
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  [{}]  {}",
        bar(fraction, BAR_WIDTH, style.unicode),
        render::footer(&f.tally, style.lang)
    );
    let (read, left) = (
        render::minutes_total(f.minutes_read, style.lang),
        render::minutes_total(f.minutes_left, style.lang),
    );
    let (reading, todo) = (f.tally.reading, f.tally.todo);
    let _ = match style.lang {
        Lang::En => writeln!(
            out,
            "  {reading} reading · {todo} todo · {read} read · {left} left"
        ),
        Lang::Zh => writeln!(
            out,
            "  在读 {reading} · 未读 {todo} · 已读时长 {read} · 剩余 {left}"
        ),
    };
    let activity = (f.first_activity, f.latest_activity);
    let _ = match (style.lang, activity) {
        (Lang::En, (Some(first), Some(latest))) => writeln!(
            out,
            "  first activity {} · latest {}",
            render::local_time(first, tz),
            render::local_time(latest, tz)
        ),
        (Lang::Zh, (Some(first), Some(latest))) => writeln!(
            out,
            "  首次活动 {} · 最近 {}",
            render::local_time(first, tz),
            render::local_time(latest, tz)
        ),
        (lang, _) => writeln!(
            out,
            "  {}",
            render::say(lang, "no activity yet", "还没有活动")
        ),
    };
    let _ = writeln!(out, "  {}", outlook(f, style.lang));
    out
}

/// Streak, pace and estimated finish, in words.
fn outlook(f: &Figures, lang: Lang) -> String {
    let streak = f.streak_days;
    match lang {
        Lang::En => {
            let days = if streak == 1 { "day" } else { "days" };
            let rest = match (f.pace, f.estimated_finish) {
                (None, _) => "no pace yet: finish an entry to get an estimate".to_string(),
                (Some(pace), Some(date)) => {
                    format!("pace {} · estimated finish {date}", pace_text(pace))
                }
                (Some(pace), None) => format!("pace {} · nothing left to read", pace_text(pace)),
            };
            format!("streak {streak} {days} · {rest}")
        }
        Lang::Zh => {
            let rest = match (f.pace, f.estimated_finish) {
                (None, _) => "还没有进度：读完一篇即可估算".to_string(),
                (Some(pace), Some(date)) => {
                    format!("速度 每天 {} 篇 · 预计完成 {date}", short(pace))
                }
                (Some(pace), None) => format!("速度 每天 {} 篇 · 已全部读完", short(pace)),
            };
            format!("连续 {streak} 天 · {rest}")
        }
    }
}

/// `1.5`, `3` (no `.0`), to one decimal.
fn short(x: f64) -> String {
    let text = format!("{x:.1}");
    text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
}

/// `1.5 a day`, or for a slower pace `one every 2.5 days`.
fn pace_text(pace: f64) -> String {
    if pace >= 1.0 {
        format!("{} a day", short(pace))
    } else {
        format!("one every {} days", short(1.0 / pace))
    }
}

#[cfg(test)]
mod tests {
    use super::pace_text;

    #[test]
    fn pace_reads_naturally_fast_or_slow() {
        assert_eq!(pace_text(3.0), "3 a day");
        assert_eq!(pace_text(1.5), "1.5 a day");
        assert_eq!(pace_text(0.25), "one every 4 days");
        assert_eq!(pace_text(0.4), "one every 2.5 days");
    }
}
