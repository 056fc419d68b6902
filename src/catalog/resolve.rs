//! What a person types to name an entry: exact id, alias, whole-word prefix, or `list`'s row number.

use crate::catalog::model::Catalog;
use crate::error::Error;
use crate::text::suggest::closest;

/// The entry `query` names, or an error that says what to type instead.
pub fn entry(catalog: &Catalog, query: &str) -> Result<usize, Error> {
    let trimmed = query.trim();
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let rows = catalog.path().len();
        if !catalog.left_out.is_empty() {
            return Err(rows_refused(catalog, trimmed));
        }
        return match trimmed.parse::<usize>() {
            Ok(row) if (1..=rows).contains(&row) => Ok(catalog.path()[row - 1]),
            _ if rows == 0 => Err(Error::usage(t!("resolve.no_row_empty", row = trimmed))
                .with_hint(t!("resolve.no_row_empty_hint"))),
            _ => Err(Error::usage(t!("resolve.no_row", row = trimmed))
                .with_hint(t!("resolve.no_row_hint", rows = rows))),
        };
    }
    let wanted = trimmed.to_lowercase();
    if let Some(index) = catalog.get(&wanted) {
        return Ok(index);
    }
    if !wanted.is_empty() {
        let mut matches: Vec<usize> = catalog
            .names()
            .filter(|(name, _)| is_word_prefix(&wanted, name))
            .map(|(_, index)| index)
            .collect();
        matches.sort_unstable();
        matches.dedup();
        prefer_entry_over_its_companions(catalog, &mut matches);
        match matches.as_slice() {
            [one] => return Ok(*one),
            [] => {}
            many => {
                let ids: Vec<&str> = many
                    .iter()
                    .map(|&i| catalog.entries[i].id.as_str())
                    .collect();
                return Err(Error::usage(t!(
                    "resolve.ambiguous",
                    query = crate::text::sanitize::visible(query),
                    count = ids.len()
                ))
                .with_hint(did_you_mean(ids)));
            }
        }
    }
    let error = Error::usage(t!(
        "resolve.no_entry",
        query = crate::text::sanitize::visible(query)
    ));
    // `att` is no whole word of any id, but the start of some: those are what was meant.
    let started: Vec<&str> = catalog
        .entries
        .iter()
        .map(|e| e.id.as_str())
        .filter(|id| !wanted.is_empty() && id.starts_with(&wanted))
        .collect();
    if !started.is_empty() {
        return Err(error.with_hint(did_you_mean(started)));
    }
    Err(
        match closest(&wanted, catalog.names().map(|(name, _)| name)) {
            Some(best) => error.with_hint(t!("resolve.did_you_mean", id = best)),
            None => error.with_hint(t!("resolve.see_list")),
        },
    )
}

/// A row number while a catalog file is left out: the rows `list` shows now would name other
/// entries once the file is back, so a script or a habit would mark the wrong one.
fn rows_refused(catalog: &Catalog, row: &str) -> Error {
    let files: Vec<&str> = catalog.left_out.iter().map(|l| l.file.as_str()).collect();
    let error = Error::usage(t!("left_out.no_rows", files = files.join(", ")));
    let entry = row
        .parse::<usize>()
        .ok()
        .and_then(|row| catalog.path().get(row.checked_sub(1)?));
    match entry {
        Some(&index) => error.with_hint(t!("left_out.row_is", row = row, id = catalog.id(index))),
        None => error.with_hint(t!("left_out.use_id")),
    }
}

/// "did you mean `a`?" for one id, "did you mean one of `a`, `b`?" for several, sorted, at most 8.
fn did_you_mean(mut ids: Vec<&str>) -> String {
    ids.sort_unstable();
    if let [one] = ids.as_slice() {
        return t!("resolve.did_you_mean", id = one).into_owned();
    }
    let shown = ids
        .iter()
        .take(8)
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(&crate::i18n::text("common.list_separator"));
    if ids.len() > 8 {
        return t!(
            "resolve.did_you_mean_more",
            ids = shown,
            more = ids.len() - 8
        )
        .into_owned();
    }
    t!("resolve.did_you_mean_one_of", ids = shown).into_owned()
}

/// `flash` and `attention-is` are word prefixes of `flash-attention` and
/// `attention-is-all-you-need`; `attention-is-all-you-nee` is a typo, not an abbreviation.
fn is_word_prefix(prefix: &str, name: &str) -> bool {
    name.starts_with(prefix) && matches!(name.as_bytes().get(prefix.len()), None | Some(b'-'))
}

/// `bahdanau` names the paper, not also the blogs about it.
fn prefer_entry_over_its_companions(catalog: &Catalog, matches: &mut Vec<usize>) {
    let main: Vec<usize> = matches
        .iter()
        .copied()
        .filter(|&i| !catalog.entries[i].is_companion())
        .collect();
    if let [entry] = main.as_slice() {
        let entry = *entry;
        if matches.iter().all(|&i| {
            i == entry
                || catalog.entries[i].companion_of.as_deref() == Some(&catalog.entries[entry].id)
        }) {
            *matches = vec![entry];
        }
    }
}

/// Resolves every query, or fails on the first bad one, so a command changes nothing unless all are good.
pub fn entries(catalog: &Catalog, queries: &[String]) -> Result<Vec<usize>, Error> {
    let mut found = Vec::with_capacity(queries.len());
    for query in queries {
        let index = entry(catalog, query)?;
        if !found.contains(&index) {
            found.push(index);
        }
    }
    Ok(found)
}

/// Checks that every named track exists, so a typo is an error rather than an empty result.
pub fn tracks(catalog: &Catalog, names: &[String]) -> Result<Vec<String>, Error> {
    let known: Vec<&str> = catalog.tracks.iter().map(|t| t.id.as_str()).collect();
    let mut found = Vec::with_capacity(names.len());
    for name in names {
        let wanted = one_of("track", name, &known)?.to_string();
        if !found.contains(&wanted) {
            found.push(wanted);
        }
    }
    Ok(found)
}

/// `value` as one of `known` (any case), or a usage error for `--{what}` that lists them with the
/// closest one: the one wording for a mistyped track or kind, whichever command it is given to.
pub fn one_of<'a>(what: &str, value: &str, known: &[&'a str]) -> Result<&'a str, Error> {
    let wanted = value.trim().to_lowercase();
    if let Some(found) = known.iter().find(|k| **k == wanted) {
        return Ok(found);
    }
    let list = known
        .iter()
        .map(|value| t!("resolve.known_item", value = value).into_owned())
        .collect::<Vec<_>>()
        .join(&crate::i18n::text("common.list_separator"));
    let known_key = format!("resolve.known.{what}");
    let known_text = crate::i18n::text(&known_key).replace("%{list}", &list);
    let hint = match closest(&wanted, known.iter().copied()) {
        Some(best) => t!("resolve.did_you_mean_known", id = best, known = known_text).into_owned(),
        None => known_text,
    };
    let unknown = crate::i18n::text(&format!("resolve.unknown.{what}"));
    Err(
        Error::usage(unknown.replace("%{value}", &crate::text::sanitize::visible(value)))
            .with_hint(hint),
    )
}

#[cfg(test)]
mod any_ids_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_ids_typed_on_the_command_line_resolve_or_fail_cleanly(
            ids in prop::collection::vec(any::<String>(), 0..4),
        ) {
            let catalog = Catalog::bundled().unwrap();
            if let Err(err) = entries(&catalog, &ids) {
                prop_assert_eq!(err.code, 2);
                prop_assert!(!err.message.chars().any(char::is_control), "{:?}", err.message);
            }
        }
    }
}
