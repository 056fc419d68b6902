//! `lpath remove`: takes out an entry that `lpath add` wrote, and leaves its progress alone.

use crate::catalog::printable;
use crate::cli::RemoveArgs;
use crate::error::{Error, Result};
use crate::local;
use crate::paths::Paths;
use crate::resolve;
use crate::sources::Selection;

pub fn run(paths: &Paths, selection: &Selection, args: &RemoveArgs) -> Result<String> {
    let (_, id) = local::update(paths, selection, |current| {
        let catalog = current.catalog;
        // Exact ids and aliases only: a prefix is too loose for taking something away.
        let wanted = args.id.trim().to_lowercase();
        let Some(index) = catalog.get(&wanted) else {
            let error = Error::usage(format!("no entry `{}`", printable(&args.id)));
            return Err(
                match resolve::closest(&wanted, catalog.names().map(|(name, _)| name)) {
                    Some(best) => error.with_hint(format!("did you mean `{best}`?")),
                    None => error.with_hint("see `lpath list` for every id"),
                },
            );
        };
        let entry = &catalog.entries[index];
        if !current.is_local(index, paths) {
            let file = current.file_of(index);
            let hint = if file == crate::catalog::BUNDLED_NAME {
                "the bundled path cannot be changed; `--no-bundled` leaves all of it out"
                    .to_string()
            } else {
                format!("edit {file} by hand to take it out")
            };
            return Err(Error::usage(format!(
                "`{}` is defined in {file}; `lpath remove` only removes what `lpath add` wrote to catalog.d/local.toml",
                entry.id
            ))
            .with_hint(hint));
        }
        let needed_by: Vec<String> = catalog
            .unlocks(index)
            .into_iter()
            .chain(catalog.companions(index).iter().copied())
            .map(|i| format!("`{}`", catalog.entries[i].id))
            .collect();
        if !needed_by.is_empty() {
            return Err(Error::usage(format!(
                "`{}` is still named by {}",
                entry.id,
                needed_by.join(", ")
            ))
            .with_hint(
                "remove those first, or take this id out of their `requires` or `companion_of`",
            ));
        }
        let text = local::remove(current.text.unwrap_or_default(), &entry.id).map_err(|why| {
            Error::failure(format!("cannot edit `catalog.d/local.toml`: {why}"))
                .with_hint("fix it by hand; `lpath catalog check` shows where the problem is")
        })?;
        Ok((text, entry.id.clone()))
    })?;
    Ok(format!(
        "removed `{id}` from catalog.d/local.toml\nYour progress on it is kept, and comes back if you add `{id}` again.\n"
    ))
}
