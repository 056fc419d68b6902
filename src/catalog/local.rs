//! The user's `catalog.d/local.toml`: edits that keep their comments, checked with every other catalog before they are written.

use std::fs;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, TableLike, Value, value};

use crate::catalog::entry::{Entry, Question};
use crate::catalog::model::{Catalog, Located, Source};
use crate::catalog::sources::{self, Loaded, Location, Origin, Selection};
use crate::error::{Error, Result};
use crate::fs::paths::Paths;
use crate::progress::store::{self, Lock};

/// The file `lpath add` creates, before its first entry.
pub const HEADER: &str = "\
# My additions to the lpath reading path. `lpath add` appends entries here and `lpath remove`
# takes them out again. Edit it by hand too: comments and layout are kept. `lpath catalog check`
# checks it, and the README describes the format.

format = 1
";

/// The track `lpath add` files an entry under when no `--track` is given.
pub const TRACK: &str = "local";
const TRACK_TITLE: &str = "My additions";
const TRACK_TITLE_ZH: &str = "我的补充";

/// The `[[entry]]` table for `entry`: every field that is set, in the order the catalog format
/// lists them, from the entry's serde form (empty lists are left out, as the format allows);
/// its questions are `[[entry.question]]` tables.
fn entry_table(entry: &Entry) -> Table {
    let mut table = toml_edit::ser::to_document(entry)
        .map(|document| document.as_table().clone())
        .unwrap_or_default();
    table.remove("questions");
    table.retain(|_, item| item.as_array().is_none_or(|list| !list.is_empty()));
    if !entry.questions.is_empty() {
        let mut tables = ArrayOfTables::new();
        for question in &entry.questions {
            tables.push(question_table(question));
        }
        table.insert("question", Item::ArrayOfTables(tables));
    }
    table
}

/// One `[[entry.question]]` table: every field that is set, in the catalog format's order (the
/// question's serde form).
pub fn question_table(question: &Question) -> Table {
    toml_edit::ser::to_document(question)
        .map(|document| document.as_table().clone())
        .unwrap_or_default()
}

/// A track a change creates: `local` on first use, or one `--track ID --track-title T` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTrack {
    pub id: String,
    pub title: String,
    pub title_zh: Option<String>,
}

impl NewTrack {
    /// The track `lpath add` files entries under when no `--track` is given.
    pub fn local() -> NewTrack {
        NewTrack {
            id: TRACK.into(),
            title: TRACK_TITLE.into(),
            title_zh: Some(TRACK_TITLE_ZH.into()),
        }
    }

    fn table(&self) -> Table {
        let mut table = Table::new();
        table.insert("id", value(&self.id));
        table.insert("title", value(&self.title));
        if let Some(title_zh) = &self.title_zh {
            table.insert("title_zh", value(title_zh));
        }
        table
    }
}

fn parse(text: &str) -> Result<DocumentMut, String> {
    text.parse::<DocumentMut>()
        .map_err(|err| crate::text::toml_message::describe(err.message()))
}

/// local.toml's text with `entry` appended at the end (after `track`, when it is new), every byte
/// of what was there before kept. `None` is a file that does not exist yet.
pub fn append(
    text: Option<&str>,
    entry: &Entry,
    track: Option<&NewTrack>,
) -> Result<String, String> {
    let mut doc = parse(text.unwrap_or(HEADER))?;
    let mut position = last_position(doc.as_table());
    if let Some(track) = track {
        position += 1;
        push(&mut doc, "track", track.table(), position)?;
    }
    push(&mut doc, "entry", entry_table(entry), position + 1)?;
    Ok(doc.to_string())
}

/// local.toml's text with the entry `id`'s keys set to new values (`None` takes a key out), and
/// `track` appended when it is new. Every other byte is kept, and so is the comment after a value
/// that changes.
pub fn edit(
    text: &str,
    id: &str,
    changes: &[(&str, Option<Value>)],
    questions: &[Question],
    track: Option<&NewTrack>,
) -> Result<String, String> {
    let mut doc = parse(text)?;
    let is_it = |candidate: Option<&Value>| candidate.and_then(Value::as_str) == Some(id);
    let found = match doc.get_mut("entry") {
        Some(Item::ArrayOfTables(tables)) => match tables
            .iter_mut()
            .find(|t| is_it(t.get("id").and_then(Item::as_value)))
        {
            Some(table) => {
                set_keys(table, changes);
                append_questions(table, questions)?;
                true
            }
            None => false,
        },
        Some(Item::Value(Value::Array(array))) => match array
            .iter_mut()
            .filter_map(Value::as_inline_table_mut)
            .find(|t| is_it(t.get("id")))
        {
            Some(table) => {
                set_keys(table, changes);
                let list = table
                    .entry("question")
                    .or_insert(Value::Array(Array::new()));
                let Value::Array(list) = list else {
                    return Err(t!("local.not_tables", key = "question").into_owned());
                };
                for question in questions {
                    list.push(question_table(question).into_inline_table());
                }
                true
            }
            None => false,
        },
        _ => false,
    };
    if !found {
        return Err(t!("local.no_entry", id = id).into_owned());
    }
    if let Some(track) = track {
        let position = last_position(doc.as_table()) + 1;
        push(&mut doc, "track", track.table(), position)?;
    }
    Ok(doc.to_string())
}

/// Sets (or, for `None`, takes out) each key of `changes` in `table`, written as `[[entry]]` or
/// inline alike, keeping the spacing and comment of a value that changes.
fn set_keys(table: &mut dyn TableLike, changes: &[(&str, Option<Value>)]) {
    for (key, new) in changes {
        match new {
            None => {
                table.remove(key);
            }
            Some(new) => match table.get_mut(key) {
                Some(Item::Value(old)) => *old = with_decor_of(old, new),
                _ => {
                    table.insert(key, Item::Value(new.clone()));
                }
            },
        }
    }
}

/// `questions` appended to an `[[entry]]` table's `[[entry.question]]` tables.
fn append_questions(table: &mut Table, questions: &[Question]) -> Result<(), String> {
    if questions.is_empty() {
        return Ok(());
    }
    let list = table
        .entry("question")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    match list {
        Item::ArrayOfTables(tables) => {
            for question in questions {
                tables.push(question_table(question));
            }
        }
        Item::Value(Value::Array(array)) => {
            for question in questions {
                array.push(question_table(question).into_inline_table());
            }
        }
        _ => return Err(t!("local.not_tables", key = "question").into_owned()),
    }
    Ok(())
}

/// `new`, spaced and commented as `old` was: `title = "New"  # why` keeps its `# why`.
fn with_decor_of(old: &Value, new: &Value) -> Value {
    let mut new = new.clone();
    *new.decor_mut() = old.decor().clone();
    new
}

/// Appends `table` to the `key` array, whether it is written as `[[key]]` tables or inline.
fn push(doc: &mut DocumentMut, key: &str, mut table: Table, position: isize) -> Result<(), String> {
    // Positions order the tables when written; past every other one puts this one last.
    table.set_position(Some(position));
    match doc.get_mut(key) {
        None => {
            let mut tables = ArrayOfTables::new();
            tables.push(table);
            doc.insert(key, Item::ArrayOfTables(tables));
        }
        Some(Item::ArrayOfTables(tables)) => tables.push(table),
        Some(Item::Value(Value::Array(array))) => array.push(table.into_inline_table()),
        Some(_) => return Err(t!("local.not_tables", key = key).into_owned()),
    }
    Ok(())
}

/// The largest position of any table in the document, so a new one can go after it.
fn last_position(table: &Table) -> isize {
    let mut last = table.position().unwrap_or(0);
    for (_, item) in table.iter() {
        match item {
            Item::Table(inner) => last = last.max(last_position(inner)),
            Item::ArrayOfTables(tables) => {
                for inner in tables.iter() {
                    last = last.max(last_position(inner));
                }
            }
            _ => {}
        }
    }
    last
}

/// local.toml's text without the entry `id`, everything else kept.
pub fn remove(text: &str, id: &str) -> Result<String, String> {
    let mut doc = parse(text)?;
    let is_it = |candidate: Option<&Value>| candidate.and_then(Value::as_str) == Some(id);
    let before = entry_count(&doc);
    match doc.get_mut("entry") {
        Some(Item::ArrayOfTables(tables)) => {
            tables.retain(|t| !is_it(t.get("id").and_then(Item::as_value)));
        }
        Some(Item::Value(Value::Array(array))) => {
            array.retain(|v| !is_it(v.as_inline_table().and_then(|t| t.get("id"))));
        }
        _ => {}
    }
    if entry_count(&doc) == before {
        return Err(t!("local.no_entry", id = id).into_owned());
    }
    Ok(doc.to_string())
}

/// local.toml as edited on two machines since `base` (`None`: both created it), entries and
/// tracks united by id, as progress is merged: what one side added, changed or removed, and the
/// other left alone, is taken. Both sides changing the same entry (or other keys) differently is
/// an error: a person merges that.
pub fn merge_three(base: Option<&str>, ours: &str, theirs: &str) -> Result<String, String> {
    let values = |text: &str| {
        text.parse::<toml::Table>()
            .map_err(|err| crate::text::toml_message::describe(err.message()))
    };
    let base_values = match base {
        Some(text) => values(text)?,
        None => toml::Table::new(),
    };
    let (our_values, their_values) = (values(ours)?, values(theirs)?);
    let mut doc = parse(ours)?;
    let their_doc = parse(theirs)?;
    let conflict = |what: &str| Err(t!("local.both_changed", what = what).into_owned());
    let keys: std::collections::BTreeSet<&String> =
        our_values.keys().chain(their_values.keys()).collect();
    for key in keys {
        if key == "entry" || key == "track" {
            continue;
        }
        let (b, o, t) = (
            base_values.get(key),
            our_values.get(key),
            their_values.get(key),
        );
        if o == t || t == b {
            continue;
        }
        if o != b {
            return conflict(key);
        }
        match their_doc.get(key) {
            Some(item) => {
                doc.insert(key, item.clone());
            }
            None => {
                doc.remove(key);
            }
        }
    }
    for key in ["entry", "track"] {
        let by_id = |table: &toml::Table| -> Result<Vec<(String, toml::Value)>, String> {
            let Some(list) = table.get(key) else {
                return Ok(Vec::new());
            };
            let list = list
                .as_array()
                .ok_or_else(|| t!("local.not_tables", key = key).into_owned())?;
            list.iter()
                .map(|v| {
                    let id = v.get("id").and_then(toml::Value::as_str);
                    id.map(|id| (id.to_string(), v.clone()))
                        .ok_or_else(|| t!("local.both_changed", what = key).into_owned())
                })
                .collect()
        };
        let (b, o, t) = (
            by_id(&base_values)?,
            by_id(&our_values)?,
            by_id(&their_values)?,
        );
        let find = |list: &[(String, toml::Value)], id: &str| {
            list.iter().find(|(i, _)| i == id).map(|(_, v)| v.clone())
        };
        for (id, theirs_value) in &t {
            let (was, mine) = (find(&b, id), find(&o, id));
            match (was, mine) {
                (_, Some(mine)) if &mine == theirs_value => {}
                // Removed here, left alone there: stays removed.
                (Some(was), None) if &was == theirs_value => {}
                (None, None) => {
                    let table = their_table(&their_doc, key, id)
                        .ok_or_else(|| t!("local.not_tables", key = key).into_owned())?;
                    let position = last_position(doc.as_table()) + 1;
                    push(&mut doc, key, table, position)?;
                }
                (Some(was), Some(mine)) if mine == was => {
                    let table = their_table(&their_doc, key, id)
                        .ok_or_else(|| t!("local.not_tables", key = key).into_owned())?;
                    replace_table(&mut doc, key, id, table)?;
                }
                (Some(was), Some(_)) if &was == theirs_value => {}
                _ => return conflict(id),
            }
        }
        for (id, mine) in &o {
            if find(&t, id).is_some() {
                continue;
            }
            match find(&b, id) {
                None => {}
                Some(was) if &was == mine => remove_table(&mut doc, key, id),
                Some(_) => return conflict(id),
            }
        }
    }
    Ok(doc.to_string())
}

/// The `[[key]]` table with this id in `doc`, laid out as it is there.
fn their_table(doc: &DocumentMut, key: &str, id: &str) -> Option<Table> {
    let Some(Item::ArrayOfTables(tables)) = doc.get(key) else {
        return None;
    };
    tables
        .iter()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
        .cloned()
}

fn replace_table(
    doc: &mut DocumentMut,
    key: &str,
    id: &str,
    mut table: Table,
) -> Result<(), String> {
    let Some(Item::ArrayOfTables(tables)) = doc.get_mut(key) else {
        return Err(t!("local.not_tables", key = key).into_owned());
    };
    if let Some(old) = tables
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
    {
        table.set_position(old.position());
        *old = table;
    }
    Ok(())
}

fn remove_table(doc: &mut DocumentMut, key: &str, id: &str) {
    if let Some(Item::ArrayOfTables(tables)) = doc.get_mut(key) {
        tables.retain(|t| t.get("id").and_then(Item::as_str) != Some(id));
    }
}

fn entry_count(doc: &DocumentMut) -> usize {
    match doc.get("entry") {
        Some(Item::ArrayOfTables(tables)) => tables.len(),
        Some(Item::Value(Value::Array(array))) => array.len(),
        _ => 0,
    }
}

/// The path as it stands, and local.toml's place in it.
pub struct Current<'a> {
    pub catalog: &'a Catalog,
    pub loaded: &'a Loaded,
    /// local.toml's text; `None` when it does not exist yet.
    pub text: Option<&'a str>,
}

impl Current<'_> {
    /// The name messages use for the catalog file that defines `entry`.
    pub fn file_of(&self, entry: usize) -> &str {
        self.catalog
            .entries
            .get(entry)
            .and_then(|e| self.loaded.locations.get(e.source))
            .map_or("?", |l| l.name.as_str())
    }

    /// Whether `entry` is defined in local.toml.
    pub fn is_local(&self, entry: usize, paths: &Paths) -> bool {
        self.catalog
            .entries
            .get(entry)
            .and_then(|e| self.loaded.locations.get(e.source))
            .is_some_and(|l| l.path.as_deref() == Some(paths.local_catalog().as_path()))
    }
}

/// Rewrites local.toml with the text `change` computes from the current path. The current path
/// must load; the new text is validated together with every other catalog, and written only if
/// all is well. Returns the new path and what `change` returned.
///
/// The work is done once without the lock, so that a rejected change creates no file at all, and
/// again under it, so that two runs at once each build on the other's result.
pub fn update<T>(
    paths: &Paths,
    selection: &Selection,
    change: impl Fn(&Current) -> Result<(String, T)>,
) -> Result<(Catalog, T)> {
    attempt(paths, selection, &change)?;
    fs::create_dir_all(paths.catalog_dir()).map_err(|err| {
        Error::io("create", &paths.catalog_dir(), &err).with_hint(t!("hints.config_writable"))
    })?;
    let _lock = Lock::acquire(&paths.catalog_lock())?;
    let (catalog, text, result) = attempt(paths, selection, &change)?;
    let local = paths.local_catalog();
    let target = store::write_target(&local)?;
    if let (Some(dir), Some(name)) = (target.parent(), target.file_name()) {
        // Under the catalog lock: no other `add` is writing this file.
        crate::fs::files::remove_leftovers(dir, name.to_str());
    }
    // The catalog reader took the file's byte-order mark and CRLF line ends off; put them back,
    // so a file written by hand keeps them, byte for byte, around what `add` changed.
    let original = fs::read(&target).unwrap_or_default();
    let text = in_style_of(&original, text);
    crate::fs::files::write_atomic(&target, text.as_bytes()).map_err(|err| {
        Error::io("write", &local, &err).with_hint(t!("hints.disk_or_permissions"))
    })?;
    Ok((catalog, result))
}

/// `text` (LF line ends, no byte-order mark) with the line ends and byte-order mark of
/// `original`, the file it replaces: CRLF when the original used CRLF.
fn in_style_of(original: &[u8], text: String) -> String {
    const BOM: &str = "\u{feff}";
    let text = text.strip_prefix(BOM).unwrap_or(&text);
    let crlf = original.windows(2).any(|pair| pair == b"\r\n");
    let text = if crlf {
        text.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        text.to_string()
    };
    if original.starts_with(BOM.as_bytes()) {
        format!("{BOM}{text}")
    } else {
        text
    }
}

fn attempt<T>(
    paths: &Paths,
    selection: &Selection,
    change: &impl Fn(&Current) -> Result<(String, T)>,
) -> Result<(Catalog, String, T)> {
    let locations = sources::locations(paths, selection)?;
    let loaded = sources::load(&locations)?;
    let catalog = loaded.catalog().map_err(|problems| {
        let err = sources::broken(&problems);
        let hint = t!(
            "local.nothing_changed",
            hint = err.hint.as_deref().unwrap_or_default()
        );
        err.with_hint(hint)
    })?;
    let local = Location::in_catalog_dir(paths, "local.toml");
    let existing = loaded
        .locations
        .iter()
        .position(|l| l.path == local.path)
        .and_then(|i| loaded.sources.get(i))
        .map(|s| s.text.as_str());
    let current = Current {
        catalog: &catalog,
        loaded: &loaded,
        text: existing,
    };
    let (text, result) = change(&current)?;
    // Where local.toml falls among the catalog.d files, by file name, when it is new.
    let at = loaded
        .locations
        .iter()
        .position(|l| {
            l.origin == Origin::Given || (l.origin == Origin::CatalogDir && l.name > local.name)
        })
        .unwrap_or(loaded.locations.len());
    let source = Source {
        name: local.name.clone(),
        text: text.clone(),
    };
    let next = loaded.with_source(local, source, at);
    let catalog = next.catalog().map_err(|problems| {
        Error::usage(every_problem(&problems)).with_hint(t!("local.nothing_written"))
    })?;
    Ok((catalog, text, result))
}

/// Every problem with the change, on the one error line: it is one entry, so there are few, and
/// "(and 1 more problem)" would send the learner round again to find the rest.
fn every_problem(problems: &[Located]) -> String {
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    match messages.as_slice() {
        [] => t!("local.invalid").into_owned(),
        [one] => (*one).to_string(),
        many => {
            let numbered: Vec<String> = many
                .iter()
                .enumerate()
                .map(|(i, m)| t!("local.numbered", number = i + 1, problem = m).into_owned())
                .collect();
            t!(
                "local.problems",
                count = many.len(),
                problems = numbered.join(" ")
            )
            .into_owned()
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_written_file_keeps_the_byte_order_mark_and_crlf_of_the_one_it_replaces() {
        let new = "format = 1\n\n[[entry]]\nid = \"x\"\n".to_string();
        assert_eq!(in_style_of(b"format = 1\n", new.clone()), new);
        assert_eq!(in_style_of(b"", new.clone()), new);
        assert_eq!(
            in_style_of(b"\xef\xbb\xbfformat = 1\r\n", new.clone()),
            "\u{feff}format = 1\r\n\r\n[[entry]]\r\nid = \"x\"\r\n"
        );
        assert_eq!(
            in_style_of(b"\xef\xbb\xbfformat = 1\n", new.clone()),
            format!("\u{feff}{new}")
        );
    }

    use super::*;
    use crate::catalog::entry::Kind;

    fn entry(id: &str) -> Entry {
        Entry {
            authors: vec!["A. Author".into()],
            year: Some(2023),
            requires: vec!["bert".into()],
            summary: Some("Line one.\nLine \"two\".".into()),
            ..Entry::new(
                id,
                Kind::Paper,
                &format!("Title {id}"),
                TRACK,
                &format!("https://example.org/{id}"),
            )
        }
    }

    fn valid(text: &str) {
        let sources = [
            Source::bundled(),
            Source {
                name: "local.toml".into(),
                text: text.into(),
            },
        ];
        if let Err(problems) = Catalog::build(&sources) {
            panic!(
                "{:#?}\n{text}",
                crate::catalog::model::locate(&sources, &problems)
            );
        }
    }

    #[test]
    fn a_new_file_gets_the_header_the_track_and_the_entry() {
        let text = append(None, &entry("mine"), Some(&NewTrack::local())).unwrap();
        assert!(text.starts_with(HEADER), "{text}");
        assert!(
            text.contains("[[track]]\nid = \"local\"\ntitle = \"My additions\""),
            "{text}"
        );
        assert!(
            text.contains("[[entry]]\nid = \"mine\"\nkind = \"paper\""),
            "{text}"
        );
        assert!(text.find("[[track]]") < text.find("[[entry]]"));
        valid(&text);
    }

    #[test]
    fn appending_keeps_every_byte_that_was_there() {
        let before = "# my notes\nformat = 1 # yes, one\n\n[[track]]\nid = \"local\"   # mine\ntitle = \"Mine\"\n\n# a friend's pick\n[[entry]]\nid = \"first\"\nkind = \"blog\"\ntitle = \"First\"\ntrack = \"local\"\nurl = \"https://example.org/1\"\n";
        let after = append(Some(before), &entry("second"), None).unwrap();
        assert!(after.starts_with(before), "{after}");
        assert!(
            after[before.len()..].starts_with("\n[[entry]]\nid = \"second\""),
            "{after}"
        );
        valid(&after);
    }

    #[test]
    fn appending_goes_after_interleaved_tracks_and_entries() {
        let before = "format = 1\n[[track]]\nid = \"local\"\ntitle = \"T\"\n[[entry]]\nid = \"a\"\nkind = \"blog\"\ntitle = \"A\"\ntrack = \"local\"\nurl = \"https://example.org/a\"\n[[track]]\nid = \"more\"\ntitle = \"More\"\n";
        let after = append(Some(before), &entry("b"), None).unwrap();
        assert!(after.starts_with(before), "{after}");
    }

    #[test]
    fn appending_to_an_inline_list_stays_inline() {
        let before = "format = 1\ntrack = [{ id = \"local\", title = \"T\" }]\nentry = []\n";
        let after = append(Some(before), &entry("b"), None).unwrap();
        assert!(after.contains("entry = [{ id = \"b\""), "{after}");
        valid(&after);
    }

    #[test]
    fn a_file_without_a_final_newline_still_appends_cleanly() {
        let before = "format = 1\n[[track]]\nid = \"local\"\ntitle = \"T\" # end";
        let after = append(Some(before), &entry("b"), None).unwrap();
        valid(&after);
        assert!(after.starts_with(before), "{after}");
    }

    #[test]
    fn removing_takes_out_only_that_entry() {
        let with_two = append(
            Some(&append(None, &entry("a"), Some(&NewTrack::local())).unwrap()),
            &entry("b"),
            None,
        )
        .unwrap();
        let with_one = remove(&with_two, "a").unwrap();
        assert!(!with_one.contains("id = \"a\""), "{with_one}");
        assert!(with_one.contains("id = \"b\""), "{with_one}");
        assert!(with_one.starts_with(HEADER), "{with_one}");
        valid(&with_one);
        assert_eq!(remove(&with_one, "a"), Err("no entry `a` in it".into()));
    }

    #[test]
    fn editing_changes_only_the_keys_given_and_keeps_comments() {
        let before = "# mine\nformat = 1\n\n[[track]]\nid = \"local\"\ntitle = \"T\"\n\n# a pick\n[[entry]]\nid = \"a\"\nkind = \"blog\"\ntitle = \"Old\"   # from the post\ntrack = \"local\"\nurl = \"https://example.org/a\"\nminutes = 5\n";
        let after = edit(
            before,
            "a",
            &[
                ("title", Some(Value::from("New"))),
                ("minutes", None),
                ("lang", Some(Value::from("zh"))),
            ],
            &[],
            None,
        )
        .unwrap();
        assert_eq!(
            after,
            before
                .replace("\"Old\"   # from the post", "\"New\"   # from the post")
                .replace("minutes = 5\n", "lang = \"zh\"\n")
        );
        valid(&after);
        assert_eq!(
            edit(before, "zz", &[], &[], None),
            Err("no entry `zz` in it".into())
        );
    }

    #[test]
    fn questions_are_written_as_entry_question_tables_and_appended_by_edit() {
        let question = |q: &str| Question {
            q: q.into(),
            a: "An answer.".into(),
            q_zh: None,
            a_zh: None,
            source: None,
        };
        let mut with = entry("quizzed");
        with.questions = vec![question("First?")];
        let text = append(None, &with, Some(&NewTrack::local())).unwrap();
        let after = edit(&text, "quizzed", &[], &[question("Second?")], None).unwrap();
        valid(&after);
        let parsed: toml::Table = after.parse().unwrap();
        let questions = parsed["entry"][0]["question"].as_array().unwrap();
        let qs: Vec<&str> = questions.iter().map(|q| q["q"].as_str().unwrap()).collect();
        assert_eq!(qs, ["First?", "Second?"], "{after}");
        assert!(after.contains("[[entry.question]]"), "{after}");
        let inline = "format = 1\ntrack = [{ id = \"local\", title = \"T\" }]\nentry = [{ id = \"b\", kind = \"blog\", title = \"B\", track = \"local\", url = \"https://example.org/b\" }]\n";
        let after = edit(inline, "b", &[], &[question("Inline?")], None).unwrap();
        valid(&after);
        assert!(after.contains("Inline?"), "{after}");
    }

    #[test]
    fn editing_an_inline_entry_and_adding_a_track() {
        let before = "format = 1\ntrack = [{ id = \"local\", title = \"T\" }]\nentry = [{ id = \"b\", kind = \"blog\", title = \"B\", track = \"local\", url = \"https://example.org/b\" }]\n";
        let track = NewTrack {
            id: "mine".into(),
            title: "Mine".into(),
            title_zh: None,
        };
        let after = edit(
            before,
            "b",
            &[("track", Some(Value::from("mine")))],
            &[],
            Some(&track),
        )
        .unwrap();
        assert!(after.contains("track = \"mine\""), "{after}");
        valid(&after);
    }

    #[test]
    fn entries_added_on_two_machines_are_united_by_id() {
        let base = append(None, &entry("base-one"), Some(&NewTrack::local())).unwrap();
        let ours = append(Some(&base), &entry("from-here"), None).unwrap();
        let theirs = append(Some(&base), &entry("from-there"), None).unwrap();
        let merged = merge_three(Some(&base), &ours, &theirs).unwrap();
        for id in ["base-one", "from-here", "from-there"] {
            assert_eq!(
                merged.matches(&format!("id = \"{id}\"")).count(),
                1,
                "{merged}"
            );
        }
        assert_eq!(merged.matches("[[track]]").count(), 1, "{merged}");
        valid(&merged);
        // Removed on one side and left alone on the other: removed.
        let removed = remove(&base, "base-one").unwrap();
        let merged = merge_three(Some(&base), &removed, &theirs).unwrap();
        assert!(!merged.contains("base-one"), "{merged}");
        assert!(merged.contains("from-there"), "{merged}");
        // Changed differently on both sides: a person decides.
        let a = base.replace("Title base-one", "A");
        let b = base.replace("Title base-one", "B");
        assert_ne!(a, base);
        assert!(merge_three(Some(&base), &a, &b).is_err());
    }

    #[test]
    fn removing_from_an_inline_list() {
        let before = "format = 1\nentry = [{ id = \"a\" }, { id = \"b\" }]\n";
        let after = remove(before, "a").unwrap();
        assert!(
            !after.contains("\"a\"") && after.contains("\"b\""),
            "{after}"
        );
    }
}
