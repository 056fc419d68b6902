//! `list`'s table: one line an entry, fitted to the terminal, under the heading of its track.
//!
//! The title is the column people read, so it gives way (cut with an ellipsis); the columns people
//! type (row number, id) and scan (status) never do. As the terminal narrows, the year goes first,
//! then the kind. Off a terminal with no width nothing is cut. No line ends in a space.

use crate::catalog::model::{Catalog, Entry, Kind};
use crate::i18n::Lang;
use crate::output::color;
use crate::output::glyphs::Glyphs;
use crate::output::render::{self, Style, kind_word, status_word};
use crate::progress::model::{Progress, Status};
use crate::text::width::{self as layout, width};

/// Spaces between two columns.
const GAP: &str = "  ";

/// Narrower than this, a title would say too little: the year and then the kind make room first.
const MIN_TITLE: usize = 28;

/// On a terminal the id column is at most this wide (or a third of the terminal, if wider); a
/// longer id, never cut, has a line of its own, so one long id does not take every title's room.
const MAX_ID: usize = 32;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Row,
    Id,
    Title,
    Kind,
    Year,
    Status,
}

/// What one line of the table holds before it is laid out.
enum Line {
    Heading(String),
    Entry { cells: [String; 6], status: Status },
}

/// The path as a table: a heading line per track, every row under the heading of its own track,
/// and a companion shown without its entry marked as whose companion it is.
/// With `wrap`, a title too long for its column goes on over further lines in that column
/// rather than being cut.
pub fn list_table(
    catalog: &Catalog,
    progress: &Progress,
    rows: &[usize],
    style: Style,
    wrap: bool,
) -> String {
    let glyphs = style.glyphs();
    let mut shown = vec![false; catalog.entries.len()];
    for &index in rows {
        if let Some(slot) = shown.get_mut(index) {
            *slot = true;
        }
    }
    let words = Words::new(style.lang);
    let mut lines: Vec<Line> = Vec::with_capacity(rows.len() + 8);
    let mut track: Option<String> = None;
    for &index in rows {
        catalog.entries.with(index, |entry| {
            if track.as_deref() != Some(entry.track.as_str()) {
                track = Some(entry.track.clone());
                let title = render::track_title(catalog, &entry.track, style.lang);
                lines.push(Line::Heading(format!("{} {title}", glyphs.heading)));
            }
            let orphan = entry
                .companion_of
                .as_deref()
                .and_then(|paper| catalog.get(paper))
                .is_some_and(|paper| !shown.get(paper).copied().unwrap_or(false));
            let status = progress.status(entry);
            lines.push(Line::Entry {
                cells: cells(catalog, index, entry, status, orphan, &words, glyphs),
                status,
            });
        });
    }
    let header: [String; 6] = ["row", "id", "title", "kind", "year", "status"]
        .map(|column| render::say(style.lang, &format!("list.column.{column}")));
    let mut widths = header.each_ref().map(|h| width(h));
    let id_cap = style
        .width
        .map_or(usize::MAX, |limit| MAX_ID.max(usize::from(limit) / 3));
    for line in &lines {
        if let Line::Entry { cells, .. } = line {
            for (column, (w, cell)) in widths.iter_mut().zip(cells).enumerate() {
                if column == Column::Id as usize && width(cell) > id_cap {
                    continue;
                }
                *w = (*w).max(width(cell));
            }
        }
    }
    let columns = fit(&mut widths, style.width.map(usize::from));
    let limit = style.width.map(usize::from);
    let mut out = String::new();
    let header_cells: Vec<(Column, String)> = columns
        .iter()
        .map(|&c| {
            (
                c,
                color::paint(&header[c as usize], color::HEADING, style.color),
            )
        })
        .collect();
    push_line(&mut out, &header_cells, &header, &widths, &columns);
    let rule: Vec<String> = columns
        .iter()
        .map(|&c| glyphs.rule.to_string().repeat(widths[c as usize]))
        .collect();
    out.push_str(&rule.join(GAP));
    out.push('\n');
    for line in &lines {
        match line {
            Line::Heading(text) => {
                let text = match limit {
                    Some(limit) => layout::cut(text, limit, glyphs.ellipsis),
                    None => text.clone(),
                };
                out.push_str(&color::paint(&text, color::HEADING, style.color));
                out.push('\n');
            }
            Line::Entry { cells, status } => {
                let mut plain = cells.clone();
                let id = Column::Id as usize;
                if width(&plain[id]) > widths[id] {
                    // Too long for its column: the id alone, whole, then the row without it.
                    let row = &plain[Column::Row as usize];
                    let pad = " ".repeat(widths[Column::Row as usize].saturating_sub(width(row)));
                    out.push_str(&format!("{pad}{row}{GAP}{}\n", plain[id]));
                    plain[id].clear();
                    plain[Column::Row as usize].clear();
                }
                let title = Column::Title as usize;
                let mut more = Vec::new();
                if wrap && limit.is_some() {
                    let mut parts = layout::wrap(&plain[title], "", "", Some(widths[title]));
                    more = parts.split_off(1.min(parts.len()));
                    plain[title] = parts.pop().unwrap_or_default();
                } else {
                    plain[title] = layout::cut(&plain[title], widths[title], glyphs.ellipsis);
                }
                let painted: Vec<(Column, String)> = columns
                    .iter()
                    .map(|&c| {
                        let text = &plain[c as usize];
                        match c {
                            Column::Status => {
                                (c, color::paint(text, color::status(*status), style.color))
                            }
                            _ => (c, text.clone()),
                        }
                    })
                    .collect();
                push_line(&mut out, &painted, &plain, &widths, &columns);
                let indent: usize = columns
                    .iter()
                    .take_while(|&&c| c != Column::Title)
                    .map(|&c| widths[c as usize] + GAP.len())
                    .sum();
                for part in more {
                    out.push_str(&" ".repeat(indent));
                    out.push_str(&part);
                    out.push('\n');
                }
            }
        }
    }
    out.pop();
    out
}

/// The columns that fit in `limit` columns, in order, with the title's width set to what is
/// left for it: the year is dropped first, then the kind, while the title would be narrower
/// than [`MIN_TITLE`] (or than the longest title, when that is shorter).
fn fit(widths: &mut [usize; 6], limit: Option<usize>) -> Vec<Column> {
    use Column::*;
    let mut columns = vec![Row, Id, Title, Kind, Year, Status];
    let Some(limit) = limit else {
        return columns;
    };
    let title = Title as usize;
    let longest = widths[title];
    let room = |columns: &[Column], widths: &[usize; 6]| -> usize {
        let others: usize = columns
            .iter()
            .filter(|&&c| c != Title)
            .map(|&c| widths[c as usize])
            .sum();
        limit.saturating_sub(others + GAP.len() * (columns.len() - 1))
    };
    for drop in [Year, Kind] {
        if room(&columns, widths) >= MIN_TITLE.min(longest) {
            break;
        }
        columns.retain(|&c| c != drop);
    }
    widths[title] = longest.min(room(&columns, widths));
    columns
}

/// Writes one line: each cell padded to its column's width (the row number on the right), the
/// last one not padded, and nothing at the end but the newline. `painted` is what is printed,
/// `plain` what it measures.
fn push_line(
    out: &mut String,
    painted: &[(Column, String)],
    plain: &[String; 6],
    widths: &[usize; 6],
    columns: &[Column],
) {
    let mut line = String::new();
    for (at, (column, text)) in painted.iter().enumerate() {
        let fill =
            " ".repeat(widths[*column as usize].saturating_sub(width(&plain[*column as usize])));
        if at > 0 {
            line.push_str(GAP);
        }
        if *column == Column::Row {
            line.push_str(&fill);
            line.push_str(text);
        } else {
            line.push_str(text);
            if at + 1 < columns.len() {
                line.push_str(&fill);
            }
        }
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// The cells of one row: `#`, id, title, kind, year, status. A companion's id is marked as one,
/// and its title carries its label; one shown without its entry names that entry too.
fn cells(
    catalog: &Catalog,
    index: usize,
    entry: &Entry,
    status: Status,
    orphan: bool,
    words: &Words,
    glyphs: Glyphs,
) -> [String; 6] {
    let lang = words.lang;
    let (id, title) = match &entry.companion_of {
        Some(paper) => {
            let mut title = entry.title.clone();
            if let Some(label) = render::label(entry, lang) {
                title = format!("{title} {} {label}", glyphs.dot);
            }
            if orphan {
                title = t!(
                    "list.companion_of",
                    locale = lang.code(),
                    entry = paper,
                    title = title
                )
                .into_owned();
            }
            (format!("{} {}", glyphs.companion, entry.id), title)
        }
        None => (entry.id.clone(), entry.title.clone()),
    };
    [
        catalog.row_of(index).to_string(),
        id,
        title,
        words.kind(entry.kind).to_string(),
        entry.year.map(|y| y.to_string()).unwrap_or_default(),
        words.status(status).to_string(),
    ]
}

/// Statuses and kinds in the learner's language, looked up once for a whole table.
struct Words {
    lang: Lang,
    status: [String; 4],
    kind: [String; 6],
}

impl Words {
    fn new(lang: Lang) -> Words {
        Words {
            lang,
            status: [Status::Todo, Status::Reading, Status::Done, Status::Skipped]
                .map(|s| status_word(s, lang)),
            kind: Kind::ALL.map(|k| kind_word(k, lang)),
        }
    }

    fn status(&self, status: Status) -> &str {
        let at = match status {
            Status::Todo => 0,
            Status::Reading => 1,
            Status::Done => 2,
            Status::Skipped => 3,
        };
        &self.status[at]
    }

    fn kind(&self, kind: Kind) -> &str {
        let at = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        &self.kind[at]
    }
}
