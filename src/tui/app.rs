//! What the view holds (the rows shown, the selection, the search, the filter, the note being
//! written) and what each key does; every change goes through the commands and so the one store.

use std::collections::HashSet;

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use crate::catalog::model::is_web_url;
use crate::cli::args::NoteArgs;
use crate::commands::{mark, note, open, undo};
use crate::context::{self, Context};
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::plan::{self, Tally};
use crate::progress::model::{Progress, Status};
use crate::text::sanitize;
use crate::text::width::width;

/// One line of the list: a track's heading, or an entry (index into the catalog).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Track(usize),
    Entry(usize),
}

/// What the keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    List,
    Search,
    Note,
    Help,
    /// Choosing a track to jump to.
    Tracks,
    /// The details alone, in a window too small to show them beside or below the list.
    Details,
}

/// Which entries the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    All,
    Ready,
    Only(Status),
}

impl Show {
    const CYCLE: [Show; 6] = [
        Show::All,
        Show::Ready,
        Show::Only(Status::Reading),
        Show::Only(Status::Todo),
        Show::Only(Status::Done),
        Show::Only(Status::Skipped),
    ];

    fn next(self) -> Show {
        let at = Show::CYCLE.iter().position(|&s| s == self).unwrap_or(0);
        Show::CYCLE[(at + 1) % Show::CYCLE.len()]
    }

    /// Its name in the message files: `tui.filter.<name>`.
    pub fn name(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Ready => "ready",
            Show::Only(status) => status.as_str(),
        }
    }
}

/// A line of text being typed, with the cursor as a character index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    pub text: String,
    pub cursor: usize,
}

impl Input {
    /// Applies an editing key; `false` when the key is not one.
    fn edit(&mut self, key: &KeyEvent) -> bool {
        let at = |text: &str, chars: usize| {
            text.char_indices()
                .nth(chars)
                .map_or(text.len(), |(at, _)| at)
        };
        let count = self.text.chars().count();
        match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                let byte = at(&self.text, self.cursor);
                self.text.insert(byte, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let byte = at(&self.text, self.cursor - 1);
                self.text.remove(byte);
                self.cursor -= 1;
            }
            KeyCode::Delete if self.cursor < count => {
                let byte = at(&self.text, self.cursor);
                self.text.remove(byte);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(count),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = count,
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// The columns before the cursor.
    pub fn cursor_column(&self) -> usize {
        width(&self.text.chars().take(self.cursor).collect::<String>())
    }
}

/// The line under the list: what happened, and whether it went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub ctx: Context,
    pub progress: Progress,
    /// Every entry's status, by catalog index.
    pub statuses: Vec<Status>,
    /// The path's entries grouped by track, in path order: (track index, entries).
    groups: Vec<(usize, Vec<usize>)>,
    pub rows: Vec<Row>,
    pub selected: usize,
    /// The first row drawn.
    pub offset: usize,
    pub folded: HashSet<usize>,
    pub show: Show,
    pub search: Input,
    pub note: Input,
    pub mode: Mode,
    pub message: Option<Message>,
    pub quit: bool,
    /// Where the list was last drawn, for the mouse and for paging.
    pub list_area: Rect,
    /// Whether the last frame showed the details beside or below the list; when it did not,
    /// Enter shows them instead of the list.
    pub details_shown: bool,
    /// The first line of the details drawn, and the row they are of (a new selection starts at
    /// the top again).
    pub details_scroll: (Option<Row>, usize),
    /// The first line of the help drawn.
    pub help_scroll: usize,
    /// The track chosen in the track list: an index into the groups shown there.
    pub track_pick: usize,
}

impl App {
    pub fn new(ctx: Context) -> App {
        let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
        for &index in ctx.catalog.path() {
            let track = ctx
                .catalog
                .entries
                .with(index, |entry| {
                    ctx.catalog.tracks.iter().position(|t| t.id == entry.track)
                })
                .flatten()
                .unwrap_or(usize::MAX);
            match groups.last_mut() {
                Some((last, entries)) if *last == track => entries.push(index),
                _ => groups.push((track, vec![index])),
            }
        }
        let mut app = App {
            ctx,
            progress: Progress::default(),
            statuses: Vec::new(),
            groups,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            folded: HashSet::new(),
            show: Show::All,
            search: Input::default(),
            note: Input::default(),
            mode: Mode::List,
            message: None,
            quit: false,
            list_area: Rect::default(),
            details_shown: false,
            details_scroll: (None, 0),
            help_scroll: 0,
            track_pick: 0,
        };
        app.reload();
        // Start on the first entry rather than on a heading.
        app.selected = app
            .rows
            .iter()
            .position(|r| matches!(r, Row::Entry(_)))
            .unwrap_or(0);
        app
    }

    /// Reads the progress again (after a change here or elsewhere); a file that cannot be read is
    /// said in the message line, and the view keeps what it last read.
    pub fn reload(&mut self) {
        match self.ctx.store().load() {
            Ok(progress) => {
                self.statuses = plan::statuses(&self.ctx.catalog, &progress);
                self.progress = progress;
            }
            Err(err) => {
                if self.statuses.is_empty() {
                    self.statuses = vec![Status::Todo; self.ctx.catalog.len()];
                }
                self.fail(err);
            }
        }
        self.rebuild();
    }

    pub fn is_ready(&self, entry: usize) -> bool {
        plan::is_ready(&self.ctx.catalog, &self.statuses, entry)
    }

    /// The tally of the whole path.
    pub fn overall(&self) -> Tally {
        Tally::of_statuses(&self.statuses, self.ctx.catalog.path().iter().copied())
    }

    /// The tally of the track a row belongs to, and that track's index.
    pub fn track_tally(&self, row: usize) -> Option<(usize, Tally)> {
        let track = self.track_of(row)?;
        let (_, entries) = self.groups.iter().find(|(t, _)| *t == track)?;
        Some((
            track,
            Tally::of_statuses(&self.statuses, entries.iter().copied()),
        ))
    }

    /// The track of the row at `row` (its own, for a heading).
    fn track_of(&self, row: usize) -> Option<usize> {
        self.rows[..=row.min(self.rows.len().checked_sub(1)?)]
            .iter()
            .rev()
            .find_map(|r| match r {
                Row::Track(t) => Some(*t),
                Row::Entry(_) => None,
            })
    }

    /// The rows the filter, the search and the folds leave, the selection kept on the same entry
    /// when it is still shown.
    fn rebuild(&mut self) {
        let kept = self.rows.get(self.selected).copied();
        let search = Filter {
            search: Some(self.search.text.trim().to_lowercase()).filter(|s| !s.is_empty()),
            ..Filter::default()
        };
        let mut rows = Vec::new();
        for (track, entries) in &self.groups {
            let shown: Vec<usize> = entries
                .iter()
                .copied()
                .filter(|&i| self.shows(i) && search.matches(&self.ctx.catalog, &self.progress, i))
                .collect();
            if shown.is_empty() {
                continue;
            }
            rows.push(Row::Track(*track));
            if !self.folded.contains(track) {
                rows.extend(shown.into_iter().map(Row::Entry));
            }
        }
        self.rows = rows;
        if let Some(kept) = kept.and_then(|k| self.rows.iter().position(|&r| r == k)) {
            self.selected = kept;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn shows(&self, entry: usize) -> bool {
        match self.show {
            Show::All => true,
            Show::Ready => self.is_ready(entry),
            Show::Only(status) => self.statuses[entry] == status,
        }
    }

    pub fn selected_entry(&self) -> Option<usize> {
        match self.rows.get(self.selected) {
            Some(Row::Entry(index)) => Some(*index),
            _ => None,
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    /// An error as the command would say it: its message and its hint, on one line.
    fn fail(&mut self, err: Error) {
        let text = match &err.hint {
            Some(hint) => t!("tui.error_hint", message = err.message, hint = hint).into_owned(),
            None => err.message.clone(),
        };
        self.message = Some(Message {
            text: sanitize::visible(&text).into_owned(),
            error: true,
        });
    }

    /// What a command printed, as one line: its first.
    fn report(&mut self, done: Result<String>) {
        match done {
            Ok(text) => {
                let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                self.say(sanitize::visible(first.trim()).into_owned());
            }
            Err(err) => self.fail(err),
        }
        self.reload();
    }

    fn move_to(&mut self, row: usize) {
        self.selected = row.min(self.rows.len().saturating_sub(1));
    }

    fn page(&self) -> usize {
        usize::from(self.list_area.height).max(1)
    }

    pub fn key(&mut self, key: KeyEvent) {
        match self.mode {
            Mode::Help => match key.code {
                KeyCode::Down | KeyCode::Char('j') => self.help_scroll += 1,
                KeyCode::Up | KeyCode::Char('k') => {
                    self.help_scroll = self.help_scroll.saturating_sub(1);
                }
                KeyCode::PageDown => self.help_scroll += self.page(),
                KeyCode::PageUp => self.help_scroll = self.help_scroll.saturating_sub(self.page()),
                _ => self.mode = Mode::List,
            },
            Mode::Details => match key.code {
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => self.mode = Mode::List,
                KeyCode::Down | KeyCode::Char('j' | 'J') => self.scroll_details(1),
                KeyCode::Up | KeyCode::Char('k' | 'K') => self.scroll_details(-1),
                KeyCode::PageDown => self.scroll_details(self.page() as isize),
                KeyCode::PageUp => self.scroll_details(-(self.page() as isize)),
                _ => {}
            },
            Mode::Tracks => self.tracks_key(key),
            Mode::Search => match key.code {
                KeyCode::Enter => self.mode = Mode::List,
                KeyCode::Esc => {
                    self.search = Input::default();
                    self.mode = Mode::List;
                    self.rebuild();
                }
                _ => {
                    if self.search.edit(&key) {
                        self.rebuild();
                    }
                }
            },
            Mode::Note => match key.code {
                KeyCode::Esc => {
                    self.note = Input::default();
                    self.mode = Mode::List;
                    self.say(t!("tui.note_cancelled"));
                }
                KeyCode::Enter => {
                    let text = std::mem::take(&mut self.note).text;
                    self.mode = Mode::List;
                    self.write_note(text);
                }
                _ => {
                    self.note.edit(&key);
                }
            },
            Mode::List => self.list_key(key),
        }
    }

    fn list_key(&mut self, key: KeyEvent) {
        let last = self.rows.len().saturating_sub(1);
        self.message = None;
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            if key.code == KeyCode::Char('c') {
                self.quit = true;
            }
            return;
        }
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            KeyCode::Down | KeyCode::Char('j') => self.move_to(self.selected + 1),
            KeyCode::Up | KeyCode::Char('k') => self.move_to(self.selected.saturating_sub(1)),
            KeyCode::Char('g') | KeyCode::Home => self.move_to(0),
            KeyCode::Char('G') | KeyCode::End => self.move_to(last),
            KeyCode::PageDown => self.move_to(self.selected + self.page()),
            KeyCode::PageUp => self.move_to(self.selected.saturating_sub(self.page())),
            KeyCode::Left | KeyCode::Char('h') => self.fold(true),
            KeyCode::Right | KeyCode::Char('l') => self.fold(false),
            KeyCode::Enter => match self.rows.get(self.selected) {
                Some(Row::Track(track)) => {
                    let folded = self.folded.contains(track);
                    self.fold(!folded);
                }
                Some(Row::Entry(_)) if !self.details_shown => self.mode = Mode::Details,
                Some(Row::Entry(_)) => {}
                None => {}
            },
            KeyCode::Char('/') => self.mode = Mode::Search,
            KeyCode::Char('f') => {
                self.show = self.show.next();
                self.rebuild();
            }
            KeyCode::Char('t') => self.choose_track(),
            KeyCode::Char('J') => self.scroll_details(1),
            KeyCode::Char('K') => self.scroll_details(-1),
            KeyCode::Char('d') => self.mark(Status::Done),
            KeyCode::Char('s') => self.mark(Status::Reading),
            KeyCode::Char('x') => self.mark(Status::Skipped),
            KeyCode::Char('r') => self.mark(Status::Todo),
            KeyCode::Char('u') => {
                self.stamp();
                let done = undo::run(&self.ctx.store(), self.ctx.style.glyphs());
                self.report(done);
            }
            KeyCode::Char('n') => {
                if self.selected_entry().is_some() {
                    self.note = Input::default();
                    self.mode = Mode::Note;
                } else {
                    self.say(t!("tui.select_entry"));
                }
            }
            KeyCode::Char('o') => self.open(),
            KeyCode::Char('?') => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
            }
            _ => {}
        }
    }

    /// Moves the details of the selected row `by` lines (the view keeps them on the page).
    fn scroll_details(&mut self, by: isize) {
        let row = self.rows.get(self.selected).copied();
        let (of, at) = self.details_scroll;
        let at = if of == row { at } else { 0 };
        self.details_scroll = (row, at.saturating_add_signed(by));
    }

    /// The tracks the list shows, each with the row of its heading: what `t` offers.
    pub fn track_rows(&self) -> Vec<(usize, usize)> {
        self.rows
            .iter()
            .enumerate()
            .filter_map(|(at, row)| match row {
                Row::Track(track) => Some((*track, at)),
                Row::Entry(_) => None,
            })
            .collect()
    }

    /// Opens the list of tracks, on the selected row's own.
    fn choose_track(&mut self) {
        let current = self.track_of(self.selected);
        self.track_pick = self
            .track_rows()
            .iter()
            .position(|(track, _)| Some(*track) == current)
            .unwrap_or(0);
        self.mode = Mode::Tracks;
    }

    fn tracks_key(&mut self, key: KeyEvent) {
        let count = self.track_rows().len();
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => {
                self.track_pick = (self.track_pick + 1).min(count.saturating_sub(1));
            }
            KeyCode::Up | KeyCode::Char('k') => self.track_pick = self.track_pick.saturating_sub(1),
            KeyCode::Enter => self.jump_track(self.track_pick),
            KeyCode::Char(c @ '1'..='9') => {
                let pick = c as usize - '1' as usize;
                if pick < count {
                    self.jump_track(pick);
                }
            }
            _ => self.mode = Mode::List,
        }
    }

    /// Goes to the `pick`th track the list shows, unfolded, on its first entry.
    fn jump_track(&mut self, pick: usize) {
        self.mode = Mode::List;
        let Some(&(track, _)) = self.track_rows().get(pick) else {
            return;
        };
        self.folded.remove(&track);
        self.rebuild();
        if let Some(at) = self.rows.iter().position(|&r| r == Row::Track(track)) {
            self.selected = match self.rows.get(at + 1) {
                Some(Row::Entry(_)) => at + 1,
                _ => at,
            };
        }
    }

    pub fn mouse(&mut self, event: MouseEvent) {
        if self.mode != Mode::List {
            return;
        }
        let area = self.list_area;
        match event.kind {
            MouseEventKind::ScrollDown => self.move_to(self.selected + 3),
            MouseEventKind::ScrollUp => self.move_to(self.selected.saturating_sub(3)),
            MouseEventKind::Down(MouseButton::Left)
                if event.row >= area.y
                    && event.row < area.y + area.height
                    && event.column >= area.x
                    && event.column < area.x + area.width =>
            {
                let row = self.offset + usize::from(event.row - area.y);
                if row < self.rows.len() {
                    self.selected = row;
                }
            }
            _ => {}
        }
    }

    /// Folds (or unfolds) the selected row's track, and selects its heading when folding.
    fn fold(&mut self, fold: bool) {
        let Some(track) = self.track_of(self.selected) else {
            return;
        };
        if fold {
            self.folded.insert(track);
        } else {
            self.folded.remove(&track);
        }
        self.rebuild();
        if let Some(at) = self.rows.iter().position(|&r| r == Row::Track(track))
            && (fold || self.selected < at)
        {
            self.selected = at;
        }
    }

    /// The view stays open for hours: a change is stamped with the time it is made.
    fn stamp(&mut self) {
        if let Ok(now) = context::now() {
            self.ctx.now = now;
        }
    }

    fn selected_id(&mut self) -> Option<String> {
        match self.selected_entry() {
            Some(index) => Some(self.ctx.catalog.id(index).to_string()),
            None => {
                self.say(t!("tui.select_entry"));
                None
            }
        }
    }

    fn mark(&mut self, status: Status) {
        let Some(id) = self.selected_id() else {
            return;
        };
        self.stamp();
        let done = mark::run(&self.ctx, &[id], status, None);
        self.report(done);
    }

    fn write_note(&mut self, text: String) {
        let Some(id) = self.selected_id() else {
            return;
        };
        self.stamp();
        let args = NoteArgs {
            id,
            text: vec![text],
            delete: None,
            edit: None,
        };
        let done = note::run(&self.ctx, &args);
        self.report(done);
    }

    fn open(&mut self) {
        let Some(index) = self.selected_entry() else {
            self.say(t!("tui.select_entry"));
            return;
        };
        let url = self.ctx.catalog.entries[index].url.clone();
        let shown = sanitize::visible(&url).into_owned();
        if !is_web_url(&url) {
            self.fail(
                Error::failure(t!("open.not_web", url = shown)).with_hint(t!("open.not_web_hint")),
            );
            return;
        }
        match open::launch(&url) {
            Ok(()) => self.say(t!("tui.opened", url = shown)),
            Err(reason) => {
                self.message = Some(Message {
                    text: t!("tui.not_opened", reason = reason, url = shown).into_owned(),
                    error: true,
                })
            }
        }
    }

    /// Keeps the selection within the `height` rows drawn from `offset`.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(height));
    }
}
