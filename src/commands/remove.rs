//! `lpath remove`: takes out an entry that `lpath add` wrote, and leaves its progress alone.

use crate::catalog::local;
use crate::catalog::model::Catalog;
use crate::catalog::resolve;
use crate::catalog::sources::Selection;
use crate::cli::args::RemoveArgs;
use crate::error::{Error, Result};
use crate::fs::paths::Paths;

/// Removes every named entry, or, when one of them cannot go, none.
pub fn run(paths: &Paths, selection: &Selection, args: &RemoveArgs) -> Result<String> {
    let (_, ids) = local::update(paths, selection, |current| {
        let catalog = current.catalog;
        let mut targets: Vec<usize> = Vec::new();
        for id in &args.ids {
            let index = find(catalog, id)?;
            if !targets.contains(&index) {
                targets.push(index);
            }
        }
        let mut text = current.text.unwrap_or_default().to_string();
        for &index in &targets {
            check(current, paths, index, &targets)?;
            text = local::remove(&text, &catalog.entries[index].id).map_err(|why| {
                Error::failure(t!("add.cannot_edit", reason = why))
                    .with_hint(t!("add.cannot_edit_hint"))
            })?;
        }
        let ids: Vec<String> = targets
            .iter()
            .map(|&i| catalog.entries[i].id.clone())
            .collect();
        Ok((text, ids))
    })?;
    Ok(match ids.as_slice() {
        [id] => t!("remove.removed", id = id).into_owned() + "\n",
        _ => {
            let mut out = String::new();
            for id in &ids {
                out.push_str(&t!("remove.removed_one", id = id));
                out.push('\n');
            }
            out + &t!("remove.kept_many") + "\n"
        }
    })
}

/// The entry `id` names: an exact id, an alias or `list`'s row number only, since a prefix is
/// too loose for taking something away.
fn find(catalog: &Catalog, id: &str) -> Result<usize> {
    let wanted = id.trim().to_lowercase();
    let row = if wanted.bytes().all(|b| b.is_ascii_digit()) && !wanted.is_empty() {
        Some(resolve::entry(catalog, &wanted)?)
    } else {
        None
    };
    row.or_else(|| catalog.get(&wanted)).ok_or_else(|| {
        let error = Error::usage(t!(
            "resolve.no_entry",
            query = crate::text::sanitize::visible(id)
        ));
        match crate::text::suggest::closest(&wanted, catalog.names().map(|(name, _)| name)) {
            Some(best) => error.with_hint(t!("resolve.did_you_mean", id = best)),
            None => error.with_hint(t!("remove.see_list")),
        }
    })
}

/// Whether the entry at `index` may go: written by `lpath add`, and named by no entry that stays
/// (one removed in the same command may name it).
fn check(current: &local::Current, paths: &Paths, index: usize, removed: &[usize]) -> Result<()> {
    let catalog = current.catalog;
    let entry = &catalog.entries[index];
    if !current.is_local(index, paths) {
        let file = current.file_of(index);
        let hint = if file == crate::catalog::model::bundled_name() {
            t!("remove.bundled_hint")
        } else {
            t!("remove.by_hand_hint", file = file)
        };
        return Err(
            Error::usage(t!("remove.not_local", id = entry.id, file = file)).with_hint(hint),
        );
    }
    let ids = |indices: &[usize]| {
        indices
            .iter()
            .filter(|i| !removed.contains(i))
            .map(|&i| format!("`{}`", catalog.entries[i].id))
            .collect::<Vec<_>>()
            .join(&crate::i18n::text("common.list_separator"))
    };
    let required = ids(&catalog.unlocks(index));
    let companions = ids(catalog.companions(index));
    // Say which way each entry names it: a prerequisite and a companion are fixed differently.
    let message = match (required.is_empty(), companions.is_empty()) {
        (true, true) => return Ok(()),
        (false, true) => t!("remove.still_required", id = entry.id, by = required),
        (true, false) => t!("remove.still_explained", id = entry.id, by = companions),
        (false, false) => t!(
            "remove.still_required_and_explained",
            id = entry.id,
            required = required,
            companions = companions
        ),
    };
    Err(Error::usage(message).with_hint(t!("remove.still_named_hint")))
}
