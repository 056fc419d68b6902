//! `lpath edit`: change an entry in catalog.d/local.toml, checked with the whole path before it is written.

use toml_edit::Value;

use crate::catalog::local;
use crate::catalog::model::bundled_name;
use crate::catalog::resolve;
use crate::catalog::sources::Selection;
use crate::cli::args::EditArgs;
use crate::commands::entry_fields;
use crate::error::{Error, Result};
use crate::fs::paths::Paths;

pub fn run(paths: &Paths, selection: &Selection, args: &EditArgs) -> Result<String> {
    let mut changes: Vec<(&str, Option<Value>)> = Vec::new();
    if let Some(title) = &args.title {
        changes.push(("title", Some(Value::from(title.as_str()))));
    }
    if let Some(kind) = &args.kind {
        changes.push(("kind", Some(Value::from(kind.as_str()))));
    }
    changes.extend(entry_fields::changes(&args.fields)?);
    let questions = entry_fields::questions(&args.fields)?;
    if changes.is_empty() && questions.is_empty() {
        return Err(Error::usage(t!(
            "edit.nothing",
            id = crate::text::sanitize::visible(&args.id)
        ))
        .with_hint(t!("edit.nothing_hint")));
    }
    let (_, (id, created)) = local::update(paths, selection, |current| {
        let catalog = current.catalog;
        let index = resolve::entry(catalog, &args.id)?;
        let entry = &catalog.entries[index];
        if !current.is_local(index, paths) {
            let file = current.file_of(index);
            return Err(if file == bundled_name() {
                Error::usage(t!("edit.bundled", id = entry.id))
                    .with_hint(t!("edit.bundled_hint", id = entry.id))
            } else {
                Error::usage(t!("edit.elsewhere", id = entry.id, file = file))
                    .with_hint(t!("edit.elsewhere_hint", file = file))
            });
        }
        let track = entry_fields::new_track(&args.fields, catalog, None)?;
        let text = local::edit(
            current.text.unwrap_or_default(),
            &entry.id,
            &changes,
            &questions,
            track.as_ref(),
        )
        .map_err(|why| {
            Error::failure(t!("edit.cannot_edit", why = why)).with_hint(t!("hints.fix_by_hand"))
        })?;
        Ok((text, (entry.id.clone(), track.map(|t| t.id))))
    })?;
    let mut keys: Vec<String> = changes.iter().map(|(key, _)| format!("`{key}`")).collect();
    if !questions.is_empty() {
        keys.push("`question`".to_string());
    }
    let mut out = format!("{}\n", t!("edit.done", id = id, keys = keys.join(", ")));
    if let Some(track) = created {
        out.push_str(&format!("{}\n", t!("edit.track_created", track = track)));
    }
    out.push_str(&format!("{}\n", t!("edit.show_hint", id = id)));
    Ok(out)
}
