//! `lpath remove`: takes out an entry that `lpath add` wrote, and leaves its progress alone.

use crate::catalog::local;
use crate::catalog::resolve;
use crate::catalog::sources::Selection;
use crate::cli::args::RemoveArgs;
use crate::error::{Error, Result};
use crate::fs::paths::Paths;

pub fn run(paths: &Paths, selection: &Selection, args: &RemoveArgs) -> Result<String> {
    let (_, id) = local::update(paths, selection, |current| {
        let catalog = current.catalog;
        // Exact ids, aliases and `list`'s row numbers only: a prefix is too loose for taking
        // something away.
        let wanted = args.id.trim().to_lowercase();
        let row = if wanted.bytes().all(|b| b.is_ascii_digit()) && !wanted.is_empty() {
            Some(resolve::entry(catalog, &wanted)?)
        } else {
            None
        };
        let Some(index) = row.or_else(|| catalog.get(&wanted)) else {
            let error = Error::usage(t!(
                "resolve.no_entry",
                query = crate::text::sanitize::visible(&args.id)
            ));
            return Err(
                match crate::text::suggest::closest(&wanted, catalog.names().map(|(name, _)| name))
                {
                    Some(best) => error.with_hint(t!("resolve.did_you_mean", id = best)),
                    None => error.with_hint(t!("remove.see_list")),
                },
            );
        };
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
                .map(|&i| format!("`{}`", catalog.entries[i].id))
                .collect::<Vec<_>>()
                .join(&crate::i18n::text("common.list_separator"))
        };
        let required = ids(&catalog.unlocks(index));
        let companions = ids(catalog.companions(index));
        // Say which way each entry names it: a prerequisite and a companion are fixed differently.
        let message = match (required.is_empty(), companions.is_empty()) {
            (true, true) => None,
            (false, true) => Some(t!("remove.still_required", id = entry.id, by = required)),
            (true, false) => Some(t!("remove.still_explained", id = entry.id, by = companions)),
            (false, false) => Some(t!(
                "remove.still_required_and_explained",
                id = entry.id,
                required = required,
                companions = companions
            )),
        };
        if let Some(message) = message {
            return Err(Error::usage(message).with_hint(t!("remove.still_named_hint")));
        }
        let text = local::remove(current.text.unwrap_or_default(), &entry.id).map_err(|why| {
            Error::failure(t!("add.cannot_edit", reason = why))
                .with_hint(t!("add.cannot_edit_hint"))
        })?;
        Ok((text, entry.id.clone()))
    })?;
    Ok(t!("remove.removed", id = id).into_owned() + "\n")
}
