//! One frame of `lpath tui`: the progress bars, the list, the details, the message and key lines,
//! and the help and note editor over them; only the rows that fit are looked at.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::commands::show;
use crate::output::bar::bar;
use crate::output::color;
use crate::output::glyphs::Glyphs;
use crate::output::render;
use crate::plan::Tally;
use crate::progress::model::Status;
use crate::text::sanitize;
use crate::text::width::{cut, pad, width, wrap};
use crate::tui::app::{App, Mode, Row, Show};

/// Below this, a line asking for a larger window instead of a broken layout.
pub const MIN_COLUMNS: u16 = 40;
pub const MIN_ROWS: u16 = 10;
/// From this width the details go beside the list.
const WIDE: u16 = 100;
/// From this height (and narrower than [`WIDE`]) the details go below the list.
const TALL: u16 = 24;

/// Where the details go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Beside,
    Below,
    /// On Enter, instead of the list.
    Instead,
}

pub fn shape(area: Rect) -> Shape {
    if area.width >= WIDE {
        Shape::Beside
    } else if area.height >= TALL {
        Shape::Below
    } else {
        Shape::Instead
    }
}

pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    if area.width < MIN_COLUMNS || area.height < MIN_ROWS {
        let text = t!("tui.too_small", columns = MIN_COLUMNS, rows = MIN_ROWS).into_owned();
        let lines: Vec<Line> = wrap(&text, "", "", Some(usize::from(area.width)))
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let [top, body, status, keys] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let look = Look::of(app);
    bars(frame, top, app, &look);
    let shape = shape(area);
    app.details_shown = shape != Shape::Instead;
    match shape {
        Shape::Beside => {
            let [list, details] =
                Layout::horizontal([Constraint::Percentage(45), Constraint::Min(1)]).areas(body);
            draw_list(frame, list, app, &look);
            draw_details(frame, details, app, &look, Borders::LEFT);
        }
        Shape::Below => {
            let [list, details] =
                Layout::vertical([Constraint::Percentage(50), Constraint::Min(1)]).areas(body);
            draw_list(frame, list, app, &look);
            draw_details(frame, details, app, &look, Borders::TOP);
        }
        Shape::Instead if app.mode == Mode::Details => {
            draw_details(frame, body, app, &look, Borders::NONE);
        }
        Shape::Instead => draw_list(frame, body, app, &look),
    }
    status_line(frame, status, app, &look, shape);
    key_line(frame, keys, &look);
    match app.mode {
        Mode::Help => help(frame, area, app, &look),
        Mode::Note => note_editor(frame, area, app, &look),
        Mode::Tracks => tracks(frame, area, app, &look),
        _ => {}
    }
}

/// The style of this frame: colour or not, the drawing characters, the language.
struct Look {
    style: render::Style,
    glyphs: Glyphs,
}

impl Look {
    fn of(app: &App) -> Look {
        Look {
            style: app.ctx.style,
            glyphs: app.ctx.style.glyphs(),
        }
    }

    /// A status's colour from the one palette, when colour is on.
    fn status(&self, status: Status) -> Style {
        if self.style.color {
            paint(color::status(status))
        } else {
            Style::default()
        }
    }

    fn faint(&self) -> Style {
        if self.style.color {
            paint(color::FAINT)
        } else {
            Style::default()
        }
    }

    fn error(&self) -> Style {
        if self.style.color {
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    fn border(&self) -> border::Set<'static> {
        if self.style.unicode {
            border::PLAIN
        } else {
            border::Set {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical_left: "|",
                vertical_right: "|",
                horizontal_top: "-",
                horizontal_bottom: "-",
            }
        }
    }
}

/// The palette's style (`anstyle`, as the other screens paint) in ratatui's terms.
fn paint(paint: anstyle::Style) -> Style {
    use anstyle::{AnsiColor as A, Effects};
    let mut style = Style::default();
    if let Some(anstyle::Color::Ansi(ansi)) = paint.get_fg_color() {
        style = style.fg(match ansi {
            A::Black => Color::Black,
            A::Red => Color::Red,
            A::Green => Color::Green,
            A::Yellow => Color::Yellow,
            A::Blue => Color::Blue,
            A::Magenta => Color::Magenta,
            A::Cyan => Color::Cyan,
            A::White => Color::Gray,
            A::BrightBlack => Color::DarkGray,
            A::BrightRed => Color::LightRed,
            A::BrightGreen => Color::LightGreen,
            A::BrightYellow => Color::LightYellow,
            A::BrightBlue => Color::LightBlue,
            A::BrightMagenta => Color::LightMagenta,
            A::BrightCyan => Color::LightCyan,
            A::BrightWhite => Color::White,
        });
    }
    let effects = paint.get_effects();
    if effects.contains(Effects::BOLD) {
        style = style.add_modifier(Modifier::BOLD);
    }
    if effects.contains(Effects::DIMMED) {
        style = style.add_modifier(Modifier::DIM);
    }
    style
}

/// A label, a bar and the tally, in `width` columns: the bar gives way first.
/// A label, a bar and the tally, in `width_` columns: the bar gives way first. The bars of one
/// frame share `widths` (the widest label and tally), so they start and end in one column.
fn bar_line(
    label: &str,
    tally: &Tally,
    widths: (usize, usize),
    width_: u16,
    look: &Look,
) -> Line<'static> {
    let columns = usize::from(width_);
    let footer = render::footer(tally);
    let label = pad(
        &cut(label, columns / 3, look.glyphs.ellipsis),
        widths.0.min(columns / 3),
    );
    let room = columns.saturating_sub(width(&label) + widths.1.max(width(&footer)) + 4);
    let text = if room >= 8 {
        let fraction = (tally.done + tally.skipped) as f64 / tally.total.max(1) as f64;
        format!(
            "{label} [{}] {footer}",
            bar(fraction, room, look.style.unicode)
        )
    } else {
        cut(&format!("{label} {footer}"), columns, look.glyphs.ellipsis)
    };
    Line::from(text)
}

fn bars(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let catalog = &app.ctx.catalog;
    let path = crate::i18n::text("tui.path");
    let track = app
        .track_tally(app.selected)
        .map(|(track, tally)| (track_title(app, track), tally));
    let overall = app.overall();
    let footer = |tally: &Tally| width(&render::footer(tally));
    let widths = match &track {
        Some((title, tally)) => (
            width(&path).max(width(title)),
            footer(&overall).max(footer(tally)),
        ),
        None => (width(&path), footer(&overall)),
    };
    let mut lines = vec![bar_line(&path, &overall, widths, area.width, look)];
    if let Some((title, tally)) = track {
        lines.push(bar_line(&title, &tally, widths, area.width, look));
    } else if catalog.is_empty() {
        lines.push(Line::from(cut(
            render::empty(catalog).lines().next().unwrap_or(""),
            usize::from(area.width),
            look.glyphs.ellipsis,
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn track_title(app: &App, track: usize) -> String {
    let catalog = &app.ctx.catalog;
    let id = catalog.tracks.get(track).map_or("", |t| t.id.as_str());
    sanitize::visible(&render::track_title(catalog, id)).into_owned()
}

fn draw_list(frame: &mut Frame, area: Rect, app: &mut App, look: &Look) {
    app.list_area = area;
    app.scroll_into_view(usize::from(area.height));
    let columns = usize::from(area.width);
    if app.rows.is_empty() {
        let text = crate::i18n::text("tui.nothing_matches");
        let lines: Vec<Line> = wrap(&text, " ", " ", Some(columns))
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let catalog = &app.ctx.catalog;
    let ellipsis = look.glyphs.ellipsis;
    let end = (app.offset + usize::from(area.height)).min(app.rows.len());
    let mut lines = Vec::with_capacity(end - app.offset);
    for at in app.offset..end {
        let (text, mut style) = match app.rows[at] {
            Row::Track(track) => {
                let folded = if app.folded.contains(&track) {
                    format!(" {ellipsis}")
                } else {
                    String::new()
                };
                let text = format!(
                    "{} {}{folded}",
                    look.glyphs.heading,
                    track_title(app, track)
                );
                (text, Style::default().add_modifier(Modifier::BOLD))
            }
            Row::Entry(index) => {
                let status = app.statuses[index];
                let mark = look.glyphs.mark(status, app.is_ready(index));
                let title = catalog
                    .entries
                    .with(index, |e| sanitize::visible(&e.title).into_owned())
                    .unwrap_or_default();
                let lead = if catalog.is_companion(index) {
                    format!("   {} ", look.glyphs.companion)
                } else {
                    " ".to_string()
                };
                (format!(" {mark}{lead}{title}"), look.status(status))
            }
        };
        let mut text = cut(&text, columns, ellipsis);
        if at == app.selected {
            // The selection shows without colour too: reverse video, the whole width.
            style = style.add_modifier(Modifier::REVERSED);
            text = pad(&text, columns);
        }
        lines.push(Line::from(Span::styled(text, style)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_details(frame: &mut Frame, area: Rect, app: &mut App, look: &Look, borders: Borders) {
    let block = Block::new()
        .borders(borders)
        .border_set(look.border())
        .border_style(look.faint());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = Rect {
        x: inner.x + u16::from(borders.contains(Borders::LEFT)),
        width: inner
            .width
            .saturating_sub(u16::from(borders.contains(Borders::LEFT))),
        ..inner
    };
    let columns = usize::from(inner.width);
    let text = match app.rows.get(app.selected) {
        Some(&Row::Entry(index)) => {
            let style = render::Style {
                color: false,
                width: Some(inner.width),
                ..look.style
            };
            show::details(&app.ctx.catalog, &app.progress, index, style)
        }
        Some(&Row::Track(track)) => {
            let tally = app.track_tally(app.selected).map(|(_, t)| t);
            format!(
                "{}\n\n{}\n",
                track_title(app, track),
                tally.map_or(String::new(), |t| render::footer(&t))
            )
        }
        None => String::new(),
    };
    let all: Vec<&str> = text.lines().collect();
    let height = usize::from(inner.height);
    // Scrolled with J/K, from the top again for each new selection; what is left below is said
    // on the last line.
    let row = app.rows.get(app.selected).copied();
    let room = if all.len() > height {
        height.saturating_sub(1)
    } else {
        height
    };
    let at = match app.details_scroll {
        (of, at) if of == row => at.min(all.len().saturating_sub(room)),
        _ => 0,
    };
    app.details_scroll = (row, at);
    let mut lines: Vec<Line> = all
        .iter()
        .skip(at)
        .take(room)
        .map(|line| Line::from(cut(&sanitize::visible(line), columns, look.glyphs.ellipsis)))
        .collect();
    if all.len() > height {
        let more = if at + room < all.len() {
            format!(
                "{} {}",
                look.glyphs.ellipsis,
                crate::i18n::text("tui.details_more")
            )
        } else {
            String::new()
        };
        let more = cut(&more, columns, look.glyphs.ellipsis);
        lines.push(Line::from(Span::styled(more, look.faint())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn status_line(frame: &mut Frame, area: Rect, app: &App, look: &Look, shape: Shape) {
    let columns = usize::from(area.width);
    let filter = crate::i18n::text(&format!("tui.filter.{}", app.show.name()));
    let (text, style) = if app.mode == Mode::Search {
        let text = format!("/{}", app.search.text);
        let cursor = 1 + app.search.cursor_column();
        if cursor < columns {
            frame.set_cursor_position(Position::new(area.x + cursor as u16, area.y));
        }
        (text, Style::default())
    } else if let Some(message) = &app.message {
        let style = if message.error {
            look.error()
        } else {
            Style::default()
        };
        (message.text.clone(), style)
    } else if app.mode == Mode::Details && shape == Shape::Instead {
        (crate::i18n::text("tui.details_back"), look.faint())
    } else if !app.search.text.is_empty() {
        let text = t!(
            "tui.showing_search",
            filter = filter,
            text = sanitize::visible(&app.search.text)
        );
        (text.into_owned(), Style::default())
    } else if app.show != Show::All {
        let text = t!("tui.showing", filter = filter);
        (text.into_owned(), Style::default())
    } else {
        (String::new(), Style::default())
    };
    let text = cut(&sanitize::visible(&text), columns, look.glyphs.ellipsis);
    frame.render_widget(Paragraph::new(Line::from(Span::styled(text, style))), area);
}

/// The keys that work here, as many as fit.
fn key_line(frame: &mut Frame, area: Rect, look: &Look) {
    let keys = [
        ("j/k", "move"),
        ("d", "done"),
        ("s", "start"),
        ("x", "skip"),
        ("u", "undo"),
        ("n", "note"),
        ("o", "open"),
        ("/", "search"),
        ("f", "filter"),
        ("?", "help"),
        ("q", "quit"),
    ];
    let columns = usize::from(area.width);
    let mut text = String::new();
    for (key, name) in keys {
        let item = format!(
            "{key} {}",
            crate::i18n::text(&format!("tui.key.short.{name}"))
        );
        let gap = if text.is_empty() { "" } else { "  " };
        if width(&text) + width(gap) + width(&item) > columns {
            break;
        }
        text.push_str(gap);
        text.push_str(&item);
    }
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(text, look.faint()))),
        area,
    );
}

/// A box over the middle of `area`, `width` by `height` at most, cleared.
fn popup(
    frame: &mut Frame,
    area: Rect,
    width_: u16,
    height: u16,
    title: &str,
    look: &Look,
) -> Rect {
    let width_ = width_.min(area.width);
    let height = height.min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width_) / 2,
        y: area.y + (area.height - height) / 2,
        width: width_,
        height,
    };
    frame.render_widget(Clear, rect);
    let title = cut(
        title,
        usize::from(width_.saturating_sub(4)),
        look.glyphs.ellipsis,
    );
    let block = Block::bordered()
        .border_set(look.border())
        .title(format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

fn help(frame: &mut Frame, area: Rect, app: &mut App, look: &Look) {
    let rows = [
        ("j k  Up Down", "move"),
        ("g G  Home End", "top_bottom"),
        ("PgUp PgDn", "page"),
        ("h l  Left Right", "fold"),
        ("Enter", "details"),
        ("/", "search"),
        ("f", "filter"),
        ("t", "track"),
        ("J K", "scroll_details"),
        ("d", "done"),
        ("s", "start"),
        ("x", "skip"),
        ("r", "reset"),
        ("u", "undo"),
        ("n", "note"),
        ("o", "open"),
        ("?", "help"),
        ("q Esc", "quit"),
        ("Ctrl-Z", "suspend"),
        ("mouse", "mouse"),
    ];
    let inner = popup(
        frame,
        area,
        area.width.saturating_sub(4).min(90),
        area.height.saturating_sub(2),
        &crate::i18n::text("tui.help_title"),
        look,
    );
    let columns = usize::from(inner.width);
    let key_width = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let mut lines: Vec<Line> = Vec::new();
    for (key, name) in rows {
        let text = format!(
            "{}  {}",
            pad(key, key_width),
            crate::i18n::text(&format!("tui.key.{name}"))
        );
        lines.push(Line::from(cut(&text, columns, look.glyphs.ellipsis)));
    }
    let [done, reading, skipped, ready, waiting] = look.glyphs.marks;
    let marks = t!(
        "tui.help_marks",
        done = done,
        reading = reading,
        skipped = skipped,
        ready = ready,
        waiting = waiting
    );
    lines.push(Line::from(""));
    for line in wrap(&marks, "", "  ", Some(columns)) {
        lines.push(Line::from(line));
    }
    // What does not fit scrolls with j/k; the last line says how to scroll and close.
    let room = usize::from(inner.height).saturating_sub(1);
    let scrolls = lines.len() > room;
    app.help_scroll = app.help_scroll.min(lines.len().saturating_sub(room));
    let mut lines: Vec<Line> = lines.into_iter().skip(app.help_scroll).take(room).collect();
    let close = if scrolls {
        "tui.help_scroll"
    } else {
        "tui.help_close"
    };
    lines.push(Line::from(Span::styled(
        cut(&crate::i18n::text(close), columns, look.glyphs.ellipsis),
        look.faint(),
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The tracks the list shows, numbered, the chosen one in reverse video: `t`'s list.
fn tracks(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let tracks = app.track_rows();
    let wanted = u16::try_from(tracks.len() + 3).unwrap_or(u16::MAX);
    let inner = popup(
        frame,
        area,
        area.width.saturating_sub(4).min(70),
        wanted.min(area.height.saturating_sub(2)),
        &crate::i18n::text("tui.tracks_title"),
        look,
    );
    let columns = usize::from(inner.width);
    let room = usize::from(inner.height).saturating_sub(1);
    // The chosen track stays in sight however many there are.
    let first = app.track_pick.saturating_sub(room.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    for (n, &(track, _)) in tracks.iter().enumerate().skip(first).take(room) {
        let number = if n < 9 {
            format!("{}", n + 1)
        } else {
            " ".to_string()
        };
        let text = cut(
            &format!("{number} {}", track_title(app, track)),
            columns,
            look.glyphs.ellipsis,
        );
        let line = if n == app.track_pick {
            Span::styled(
                pad(&text, columns),
                Style::default().add_modifier(Modifier::REVERSED),
            )
        } else {
            Span::raw(text)
        };
        lines.push(Line::from(line));
    }
    lines.push(Line::from(Span::styled(
        cut(
            &crate::i18n::text("tui.tracks_keys"),
            columns,
            look.glyphs.ellipsis,
        ),
        look.faint(),
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn note_editor(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let id = app
        .selected_entry()
        .map_or(String::new(), |i| app.ctx.catalog.id(i).to_string());
    let title = t!("tui.note_title", id = id);
    let inner = popup(
        frame,
        area,
        area.width.saturating_sub(4).min(100),
        4,
        &title,
        look,
    );
    let columns = usize::from(inner.width).max(2);
    // The text scrolled so that the cursor is always in sight, measured in columns.
    let before: String = app.note.text.chars().take(app.note.cursor).collect();
    let mut start = 0;
    let chars: Vec<char> = before.chars().collect();
    while width(&chars[start..].iter().collect::<String>()) >= columns {
        start += 1;
    }
    let shown: String = app.note.text.chars().skip(start).collect();
    let shown = cut(&sanitize::visible(&shown), columns, look.glyphs.ellipsis);
    let cursor = width(&chars[start..].iter().collect::<String>());
    let lines = vec![
        Line::from(shown),
        Line::from(Span::styled(
            cut(
                &crate::i18n::text("tui.note_keys"),
                columns,
                look.glyphs.ellipsis,
            ),
            look.faint(),
        )),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    frame.set_cursor_position(Position::new(inner.x + cursor as u16, inner.y));
}
