//! `lpath review`: the due cards one at a time on a terminal, `--list [--json]`, and `review grade CARD GRADE`.

use std::fmt::Write as _;
use std::io::{IsTerminal, Read, Write};

use jiff::Timestamp;
use serde::Serialize;

use crate::cli::args::{GradeArg, GradeArgs, ReviewArgs, ReviewCommand};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::render;
use crate::progress::model::Progress;
use crate::review::cards::{self, Card};
use crate::review::model::{Reviews, States};
use crate::review::schedule::Grade;
use crate::text::sanitize::visible;
use crate::text::width;

pub fn run(ctx: &Context, args: &ReviewArgs) -> Result<String> {
    match &args.command {
        Some(ReviewCommand::Grade(grade_args)) => grade(ctx, grade_args),
        None if args.list => list(ctx, || ctx.store().load_review_states(), args.json),
        None => session(ctx),
    }
}

impl From<GradeArg> for Grade {
    fn from(arg: GradeArg) -> Grade {
        match arg {
            GradeArg::Again => Grade::Again,
            GradeArg::Hard => Grade::Hard,
            GradeArg::Good => Grade::Good,
            GradeArg::Easy => Grade::Easy,
        }
    }
}

/// The progress and reviews the learner's cards come from.
pub struct Deck {
    pub progress: Progress,
    pub reviews: Reviews,
    /// Whether any entry done has a card; without one, the review file was not read.
    has_cards: bool,
}

impl Deck {
    /// Every card, in path order, its words in the learner's language.
    pub fn cards<'a>(&'a self, ctx: &'a Context) -> Vec<Card<'a>> {
        if !self.has_cards {
            return Vec::new();
        }
        cards::all(
            &ctx.catalog,
            &self.progress,
            &self.reviews,
            crate::i18n::current(),
            &ctx.time_zone(),
        )
    }
}

/// The progress and the reviews. The review file is read only when there is a card.
pub fn load(ctx: &Context) -> Result<Deck> {
    let progress = ctx.store().load()?;
    let has_cards = cards::any(&ctx.catalog, &progress);
    let reviews = if has_cards {
        ctx.store().load_reviews()?
    } else {
        Reviews::default()
    };
    Ok(Deck {
        progress,
        reviews,
        has_cards,
    })
}

/// The cards due at `now`, soonest due first, then in path order.
pub fn due<'c, 'a>(all: &'c [Card<'a>], now: Timestamp) -> Vec<&'c Card<'a>> {
    let mut due: Vec<&Card> = all.iter().filter(|c| c.due <= now).collect();
    due.sort_by_key(|c| c.due);
    due
}

/// How many cards are due now, for `next` and `stats`: the review file is read only when there
/// are cards, and one that cannot be read counts none (`review` and `doctor` say why).
pub fn due_count(ctx: &Context, progress: &Progress) -> usize {
    if !cards::any(&ctx.catalog, progress) {
        return 0;
    }
    let Ok(reviews) = ctx.store().load_reviews() else {
        return 0;
    };
    let all = cards::all(
        &ctx.catalog,
        progress,
        &reviews,
        crate::i18n::current(),
        &ctx.time_zone(),
    );
    all.iter().filter(|c| c.due <= ctx.now).count()
}

/// The line `next` and `stats` end with when cards are due.
pub fn due_line(ctx: &Context, progress: &Progress) -> Option<String> {
    let count = due_count(ctx, progress);
    (count > 0).then(|| crate::i18n::counted("review.due_line", count as u64))
}

#[derive(Serialize)]
struct CardJson<'a> {
    id: &'a str,
    entry: &'a str,
    title: &'a str,
    question: &'a str,
    answer: &'a str,
    other_language: bool,
    source: Option<&'a str>,
    due: String,
    reviewed: bool,
}

/// `review --list`: `states` gives each card's state from the review file (`lpath review --list`
/// reads it on a thread of its own while the catalog loads), called only when a card exists.
pub fn list(ctx: &Context, states: impl FnOnce() -> Result<States>, json: bool) -> Result<String> {
    let progress = ctx.store().load()?;
    // The cards are built while the review file may still be read; its dates come after.
    let mut all = Vec::new();
    if cards::any(&ctx.catalog, &progress) {
        let lang = crate::i18n::current();
        all = cards::unreviewed(&ctx.catalog, &progress, lang, &ctx.time_zone());
        let states = states()?;
        cards::schedule(&mut all, |id| states.get(id));
    }
    let due = due(&all, ctx.now);
    if json {
        let rows: Vec<CardJson> = due
            .iter()
            .map(|c| {
                let entries = &ctx.catalog.entries;
                CardJson {
                    id: &c.id,
                    entry: entries.id(c.entry),
                    title: entries.title(c.entry),
                    question: c.question,
                    answer: c.answer(),
                    other_language: c.other_language,
                    source: c.source(),
                    due: c.due.to_string(),
                    reviewed: c.reviewed,
                }
            })
            .collect();
        return crate::output::stdout::stream_json(&rows).map(|()| String::new());
    }
    let columns = ctx.style.width.map(usize::from);
    if due.is_empty() {
        return Ok(wrapped(&nothing_due(ctx, &all), columns));
    }
    let ellipsis = ctx.style.glyphs().ellipsis;
    let entries = &ctx.catalog.entries;
    let id_width = due.iter().map(|c| width::width(&c.id)).max().unwrap_or(0);
    // `--list` may print thousands of lines: they go out a piece at a time, never held whole.
    const PIECE: usize = 1 << 16;
    let mut out = String::with_capacity(PIECE + 4096);
    let mut line = String::new();
    // An entry's cards share its title, made safe to show once.
    let mut titles = std::collections::HashMap::new();
    for card in &due {
        if out.len() >= PIECE {
            crate::output::stdout::print(&out, ctx.style.color)?;
            out.clear();
        }
        // `ID  QUESTION  (TITLE)`, built in place.
        line.clear();
        line.push_str(&card.id);
        let pad = id_width.saturating_sub(width::width(&card.id)) + 2;
        line.extend(std::iter::repeat_n(' ', pad));
        push_one_line(&mut line, card.question, card.other_language);
        line.push_str("  (");
        let title = titles
            .entry(card.entry)
            .or_insert_with(|| visible(entries.title(card.entry)));
        line.push_str(title);
        line.push(')');
        match columns {
            Some(c) => out.push_str(&width::cut(&line, c, ellipsis)),
            None => out.push_str(&line),
        }
        out.push('\n');
    }
    out.push_str(&wrapped(
        &crate::i18n::counted("review.due_footer", due.len() as u64),
        columns,
    ));
    Ok(out)
}

/// A question on one line, safe for a terminal, marked when it is in the other language.
fn push_one_line(out: &mut String, text: &str, other_language: bool) {
    if other_language {
        out.push_str(&crate::i18n::text("review.other_language"));
        out.push(' ');
    }
    if text.contains('\n') {
        out.push_str(&visible(&text.replace('\n', " ")));
    } else {
        out.push_str(&visible(text));
    }
}

/// "Nothing due; the next card is due on DATE", or that there are no cards at all.
fn nothing_due(ctx: &Context, all: &[Card]) -> String {
    match all.iter().map(|c| c.due).min() {
        None => crate::i18n::text("review.no_cards"),
        Some(next) => t!(
            "review.nothing_due",
            when = render::local_time(next, &ctx.time_zone())
        )
        .into_owned(),
    }
}

fn grade(ctx: &Context, args: &GradeArgs) -> Result<String> {
    let grade = Grade::from(args.grade);
    // `--on` as `done --on` reads it: a grade given on paper, or on a day lpath was not at hand.
    let at = match &args.on {
        Some(text) => crate::commands::mark::when(text, ctx)?,
        None => ctx.now,
    };
    let deck = load(ctx)?;
    let all = deck.cards(ctx);
    let Some(card) = all.iter().find(|c| c.id == args.card) else {
        let ids = all.iter().map(|c| c.id.as_str());
        let hint = match crate::text::suggest::closest(&args.card, ids) {
            Some(best) => t!("review.did_you_mean", card = best),
            None => t!("review.unknown_card_hint"),
        };
        return Err(
            Error::usage(t!("review.unknown_card", card = visible(&args.card))).with_hint(hint),
        );
    };
    let state = ctx.store().update_reviews(|_, reviews| {
        // A grade given `--on` a day before the card's last review would rewrite its history.
        let last = reviews.cards.get(&card.id).and_then(|c| c.log.last());
        if let (Some(text), Some(last)) = (&args.on, last)
            && at < last.at
        {
            return Err(Error::usage(t!(
                "review.on.before_last",
                value = visible(text),
                card = card.id,
                when = render::local_time(last.at, &ctx.time_zone())
            ))
            .with_hint(t!("review.on.before_last_hint")));
        }
        Ok(reviews.grade(&card.id, at, grade))
    })?;
    Ok(t!(
        "review.graded",
        card = card.id,
        grade = grade.word(),
        when = render::local_time(state.due, &ctx.time_zone())
    )
    .into_owned()
        + "\n")
}

// ---- the terminal session ---------------------------------------------------------------------

fn session(ctx: &Context) -> Result<String> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(
            Error::usage(t!("review.needs_terminal")).with_hint(t!("review.needs_terminal_hint"))
        );
    }
    let deck = load(ctx)?;
    let all = deck.cards(ctx);
    let mut queue: std::collections::VecDeque<Card> =
        due(&all, ctx.now).into_iter().cloned().collect();
    if queue.is_empty() {
        return Ok(wrapped(
            &nothing_due(ctx, &all),
            ctx.style.width.map(usize::from),
        ));
    }
    let columns = ctx.style.width.map(usize::from);
    let ellipsis = ctx.style.glyphs().ellipsis;
    let keys = Keys::raw();
    let mut out = std::io::stdout();
    let mut reviewed = 0usize;
    let total = queue.len();
    'cards: while let Some(card) = queue.pop_front() {
        let entry = &ctx.catalog.entries[card.entry];
        let heading = format!(
            "[{}/{}] {} · {}",
            reviewed + 1,
            total.max(reviewed + 1),
            card.id,
            visible(&entry.title)
        );
        let heading = match columns {
            Some(c) => width::cut(&heading, c, ellipsis),
            None => heading,
        };
        let mut screen = format!("\n{heading}\n\n");
        for line in width::wrap(
            &one_line_keep(card.question, card.other_language),
            "  ",
            "  ",
            columns,
        ) {
            let _ = writeln!(screen, "{line}");
        }
        let _ = writeln!(
            screen,
            "\n{}",
            fit(
                &crate::i18n::text("review.reveal_prompt"),
                columns,
                ellipsis
            )
        );
        show(&mut out, &screen);
        loop {
            match keys.next() {
                Some(' ' | '\n' | '\r') => break,
                Some('q' | 'Q') | None => break 'cards,
                _ => {}
            }
        }
        let mut screen = String::new();
        for line in width::wrap(&visible_lines(card.answer()), "  ", "  ", columns) {
            let _ = writeln!(screen, "{line}");
        }
        if let Some(source) = card.source() {
            for line in width::wrap(&format!("({})", visible(source)), "  ", "  ", columns) {
                let _ = writeln!(screen, "{line}");
            }
        }
        let _ = writeln!(
            screen,
            "\n{}",
            fit(&crate::i18n::text("review.grade_prompt"), columns, ellipsis)
        );
        show(&mut out, &screen);
        let grade = loop {
            match keys.next() {
                Some('q' | 'Q') | None => break 'cards,
                Some(key) => {
                    if let Some(grade) = Grade::from_key(key) {
                        break grade;
                    }
                }
            }
        };
        let now = crate::context::now()?;
        let state = ctx
            .store()
            .update_reviews(|_, reviews| Ok(reviews.grade(&card.id, now, grade)))?;
        reviewed += 1;
        let when = render::local_time(state.due, &ctx.time_zone());
        let graded = t!(
            "review.graded",
            card = card.id,
            grade = grade.word(),
            when = when
        );
        show(&mut out, &wrapped(&graded, columns));
        if grade == Grade::Again {
            // Due again at once: it comes back at the end of this session.
            let mut again = card;
            again.due = state.due;
            queue.push_back(again);
        }
    }
    drop(keys);
    let deck = load(ctx)?;
    let after = deck.cards(ctx);
    let now = crate::context::now()?;
    let mut end = format!(
        "\n{}",
        wrapped(
            &crate::i18n::counted("review.session_done", reviewed as u64),
            columns
        )
    );
    let left = after.iter().filter(|c| c.due <= now).count();
    if left > 0 {
        end.push_str(&wrapped(
            &crate::i18n::counted("review.still_due", left as u64),
            columns,
        ));
    } else {
        end.push_str(&wrapped(&nothing_due(ctx, &after), columns));
    }
    Ok(end)
}

fn one_line_keep(text: &str, other_language: bool) -> String {
    let text = visible_lines(text);
    if other_language {
        format!("{} {text}", crate::i18n::text("review.other_language"))
    } else {
        text
    }
}

fn visible_lines(text: &str) -> String {
    crate::text::sanitize::visible_lines(text).into_owned()
}

/// A message as lines that fit the terminal (off one, one line), each ending in a new line.
pub fn wrapped(text: &str, columns: Option<usize>) -> String {
    let mut out = String::new();
    for line in width::wrap(text, "", "", columns) {
        let _ = writeln!(out, "{line}");
    }
    out
}

fn fit(text: &str, columns: Option<usize>, ellipsis: &str) -> String {
    match columns {
        Some(c) => width::cut(text, c, ellipsis),
        None => text.to_string(),
    }
}

/// Prints to the terminal at once (only line editing and echo are off, so `\n` still ends a line).
fn show(out: &mut std::io::Stdout, text: &str) {
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Single key presses from the terminal: no echo, no waiting for Enter, restored when dropped.
struct Keys {
    #[cfg(unix)]
    saved: Option<rustix::termios::Termios>,
}

impl Keys {
    #[cfg(unix)]
    fn raw() -> Keys {
        use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
        let stdin = std::io::stdin();
        let saved = tcgetattr(&stdin).ok();
        if let Some(saved) = &saved {
            let mut raw = saved.clone();
            raw.local_modes
                .remove(LocalModes::ICANON | LocalModes::ECHO);
            let _ = tcsetattr(&stdin, OptionalActions::Now, &raw);
        }
        Keys { saved }
    }

    #[cfg(not(unix))]
    fn raw() -> Keys {
        Keys {}
    }

    /// The next key, or `None` at the end of input.
    fn next(&self) -> Option<char> {
        let mut byte = [0u8; 1];
        match std::io::stdin().read(&mut byte) {
            Ok(1) => Some(char::from(byte[0])),
            _ => None,
        }
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(saved) = &self.saved {
            let _ = rustix::termios::tcsetattr(
                std::io::stdin(),
                rustix::termios::OptionalActions::Now,
                saved,
            );
        }
    }
}
