//! `lpath stats`: progress bars and figures, overall and per track.

use std::fmt::Write;

use serde::Serialize;

use crate::cli::args::StatsArgs;
use crate::context::Context;
use crate::error::Result;
use crate::output::bar::bar;
use crate::output::render::{self, Style};
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
    minutes_per_day: Option<f64>,
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
            minutes_per_day: f.minutes_per_day.map(|m| (m * 10.0).round() / 10.0),
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
    cards_due: usize,
}

pub fn run(ctx: &Context, args: &StatsArgs) -> Result<String> {
    let catalog = &ctx.catalog;
    let progress = ctx.store().load()?;
    let tz = ctx.time_zone();
    let stats = stats::compute(catalog, &progress, ctx.now, &tz);
    if args.json {
        let json = StatsJson {
            overall: FiguresJson::new(&stats.overall),
            tracks: stats
                .tracks
                .iter()
                .map(|(id, figures)| TrackJson {
                    id,
                    title: render::track_title(catalog, id),
                    figures: FiguresJson::new(figures),
                })
                .collect(),
            cards_due: crate::commands::review::due_count(ctx, &progress),
        };
        return Ok(render::to_json(&json) + "\n");
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}", crate::i18n::text("stats.overall"));
    out.push_str(&block(&stats.overall, ctx.style, &tz, true));
    for (id, figures) in &stats.tracks {
        let title = render::track_title(catalog, id);
        let heading = format!(
            "{} {}",
            ctx.style.glyphs().heading,
            t!("stats.track", title = title, id = id)
        );
        // A heading is cut to the terminal, as `list` cuts its own.
        let heading = match ctx.style.width {
            Some(columns) => {
                crate::text::width::cut(&heading, usize::from(columns), ctx.style.glyphs().ellipsis)
            }
            None => heading,
        };
        let _ = writeln!(out, "\n{heading}");
        out.push_str(&block(figures, ctx.style, &tz, false));
    }
    if let Some(line) = crate::commands::review::due_line(ctx, &progress) {
        let _ = writeln!(out, "\n{line}");
    }
    Ok(out)
}

/// The lines under one heading: bar, counts, minutes, activity, streak, pace (the whole path's
/// only: a track is read at the learner's one pace) and finish.
fn block(f: &Figures, style: Style, tz: &jiff::tz::TimeZone, overall: bool) -> String {
    let covered = f.tally.done + f.tally.skipped;
    let fraction = if f.tally.total == 0 {
        0.0
    } else {
        covered as f64 / f.tally.total as f64
    };
    let mut out = String::new();
    let (read, left) = (
        render::minutes_total(f.minutes_read),
        render::minutes_total(f.minutes_left),
    );
    let mut line = |text: &str| {
        for part in figure_lines(text, style.width.map(usize::from)) {
            let _ = writeln!(out, "{}", style.glyphs().dots(&part));
        }
    };
    line(&format!(
        "[{}]  {}",
        bar(fraction, BAR_WIDTH, style.unicode),
        render::footer(&f.tally)
    ));
    line(&t!(
        "stats.counts",
        reading = f.tally.reading,
        todo = f.tally.todo,
        read = read,
        left = left
    ));
    let activity = match (f.first_activity, f.latest_activity) {
        (Some(first), Some(latest)) => t!(
            "stats.activity",
            first = render::local_time(first, tz),
            latest = render::local_time(latest, tz)
        )
        .into_owned(),
        _ => crate::i18n::text("stats.no_activity"),
    };
    line(&activity);
    line(&outlook(f, overall));
    out
}

/// A line of figures (`a · b · c`) indented under its heading. On a terminal too narrow for it,
/// it goes on under itself, indented further, broken between figures and never inside one
/// (`78 h 30 min` stays whole).
fn figure_lines(text: &str, columns: Option<usize>) -> Vec<String> {
    const SEPARATOR: &str = " · ";
    let Some(columns) = columns else {
        return vec![format!("  {text}")];
    };
    let mut lines = Vec::new();
    let mut line = String::from("  ");
    for (i, figure) in text.split(SEPARATOR).enumerate() {
        let joined = if i == 0 {
            format!("{line}{figure}")
        } else {
            format!("{line}{SEPARATOR}{figure}")
        };
        if i == 0 || crate::text::width::width(&joined) <= columns {
            line = joined;
        } else {
            lines.push(std::mem::replace(&mut line, format!("    {figure}")));
        }
    }
    lines.push(line);
    lines
}

/// Streak, pace and estimated finish, in words.
fn outlook(f: &Figures, overall: bool) -> String {
    let mut parts = vec![
        t!(
            &format!("stats.streak.{}", crate::i18n::plural(f.streak_days)),
            count = f.streak_days
        )
        .into_owned(),
    ];
    let Some(pace) = f.minutes_per_day.filter(|&m| m > 0.0) else {
        parts.push(crate::i18n::text("stats.no_pace"));
        return parts.join(" · ");
    };
    if overall {
        // Whole minutes, and never `none` for a pace under one minute a day.
        let minutes = render::minutes_total((pace.round() as u64).max(1));
        parts.push(t!("stats.pace", minutes = minutes).into_owned());
    }
    parts.push(match f.estimated_finish {
        Some(date) => t!("stats.finish", date = date).into_owned(),
        None if f.minutes_left == 0 => crate::i18n::text("stats.nothing_left"),
        // Minutes are left, but at this pace not before the calendar ends (year 9999).
        None => crate::i18n::text("stats.beyond"),
    });
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::figure_lines;

    #[test]
    fn figures_go_on_under_themselves_between_figures_never_inside_one() {
        let text = "0 reading · 81 todo · ~1 h read · ~78 h 30 min left";
        assert_eq!(figure_lines(text, None), [format!("  {text}")]);
        assert_eq!(figure_lines(text, Some(80)), [format!("  {text}")]);
        assert_eq!(
            figure_lines(text, Some(40)),
            ["  0 reading · 81 todo · ~1 h read", "    ~78 h 30 min left"]
        );
        let zh = "在读 0 · 未读 81 · 已读时长 约 1 小时 · 剩余 约 78 小时 30 分钟";
        assert_eq!(
            figure_lines(zh, Some(60)),
            [
                "  在读 0 · 未读 81 · 已读时长 约 1 小时",
                "    剩余 约 78 小时 30 分钟"
            ]
        );
    }
}
