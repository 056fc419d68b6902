//! The review cards as a file Anki imports: its plain-text format, tab-separated, with header lines naming the separator, HTML and the tags column.
//!
//! Each line is a note of Anki's Basic type: front (the question), back (the answer, then the
//! paper's title and the answer's source) and tags (`lpath`, the track and the entry id). Fields
//! are HTML (`#html:true`), escaped by the one escaper, a line break as `<br>`; a tab, which would
//! end the field, becomes a space.

use crate::catalog::model::Catalog;
use crate::export::markup::escape;
use crate::review::cards::Card;

/// The file's header lines, as Anki's manual documents them.
pub const HEADER: &str = "#separator:tab\n#html:true\n#tags column:3\n";

/// `text` as one field: escaped, a line break `<br>`, never a tab, never raw control text.
fn field(text: &str) -> String {
    // Quotes become entities too, so no field can start a quoted one.
    escape(&text.replace('\t', " "))
        .replace("\r\n", "\n")
        .replace('\n', "<br>")
}

/// Every card of the entries `selected` (catalog indices), one note a line, after the header.
pub fn deck(catalog: &Catalog, cards: &[Card], selected: &[usize]) -> String {
    let mut out = String::from(HEADER);
    for card in cards.iter().filter(|c| selected.contains(&c.entry)) {
        let entry = &catalog.entries[card.entry];
        let mut back = field(card.answer());
        back.push_str("<br><br>");
        back.push_str(&field(&entry.title));
        if let Some(source) = card.source() {
            back.push_str(" · ");
            back.push_str(&field(source));
        }
        // Ids and tracks are kebab-case: no space can split a tag.
        let tags = format!("lpath lpath::{} {}", entry.track, entry.id);
        out.push_str(&format!("{}\t{back}\t{tags}\n", field(card.question)));
    }
    out
}
