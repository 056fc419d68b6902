//! `lpath catalog check` and `lpath catalog path`: the catalogs themselves, not the reading.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::catalog::entry::{CatalogError, Entry};
use crate::catalog::links;
use crate::catalog::model::{self, Catalog, Located};
use crate::catalog::sources::{self, Loaded, Selection};
use crate::cli::args::CatalogCommand;
use crate::commands::report::Report;
use crate::error::{Error, Result};
use crate::fs::paths::Paths;
use crate::i18n::counted;

/// Each line wrapped to `columns` (the terminal's width, if any): a problem goes on under its
/// `file:line:column`, which stays whole.
pub fn run(
    paths: &Paths,
    selection: &Selection,
    command: &CatalogCommand,
    columns: Option<usize>,
) -> Result<Report> {
    let mut report = match command {
        CatalogCommand::Check(args) => check(paths, selection, &args.files)?,
        CatalogCommand::Path => path(paths, selection).map(Report::from)?,
    };
    report.text = crate::text::width::fit(&report.text, columns);
    Ok(report)
}

/// Validates `files` (or every catalog in use) with the bundled one; reports every problem.
fn check(paths: &Paths, selection: &Selection, files: &[PathBuf]) -> Result<Report> {
    let locations = if files.is_empty() {
        sources::locations(paths, selection)?
    } else {
        sources::given_locations(selection, files)
    };
    let loaded = sources::load(&locations)?;
    let built = loaded.catalog().and_then(|catalog| {
        let duplicates = duplicates(&catalog, &loaded);
        match duplicates.is_empty() {
            true => Ok(catalog),
            false => Err(duplicates),
        }
    });
    match built {
        Ok(catalog) => {
            let mut out = String::new();
            for location in &loaded.locations {
                let _ = writeln!(out, "{}", t!("catalog.file_ok", file = location.name));
            }
            let _ = writeln!(
                out,
                "{}",
                t!(
                    "catalog.all_ok",
                    files = counted("catalog.files", loaded.sources.len() as u64),
                    tracks = counted("doctor.tracks", catalog.tracks.len() as u64),
                    entries = counted("common.entries", catalog.len() as u64)
                )
            );
            Ok(Report::from(out))
        }
        Err(problems) => {
            let mut out = String::new();
            let mut files: Vec<&str> = Vec::new();
            for problem in &problems {
                let _ = writeln!(out, "{problem}");
                if !files.contains(&problem.file.as_str()) {
                    files.push(&problem.file);
                }
            }
            let problem = Error::failure(t!(
                "catalog.problems",
                problems = counted("catalog.problem_count", problems.len() as u64),
                files = counted("catalog.in_files", files.len() as u64)
            ))
            .with_hint(t!("catalog.problems_hint"));
            Ok(Report::failed(out, problem))
        }
    }
}

/// Entries that point at the same work as an earlier one, located at the later one's `id`.
fn duplicates(catalog: &Catalog, loaded: &Loaded) -> Vec<Located> {
    let entries: Vec<&Entry> = catalog.entries.iter().collect();
    let problems: Vec<CatalogError> = links::all(&entries)
        .into_iter()
        .map(|(later, earlier, same)| {
            let (entry, first) = (entries[later], entries[earlier]);
            let text = loaded
                .sources
                .get(entry.source)
                .map_or("", |s| s.text.as_str());
            CatalogError {
                source: entry.source,
                span: id_span(text, &entry.id),
                message: t!(
                    "catalog.duplicate",
                    id = entry.id,
                    source = crate::text::sanitize::visible(&same.shown(&first.url)),
                    by = first.id,
                    file = loaded
                        .locations
                        .get(first.source)
                        .map_or("?", |l| l.name.as_str())
                )
                .into_owned(),
            }
        })
        .collect();
    model::locate(&loaded.sources, &problems)
}

/// Where `id = "ID"` is written in a catalog file's text.
fn id_span(text: &str, id: &str) -> Option<std::ops::Range<usize>> {
    let quoted = format!("\"{id}\"");
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("id")
            && rest.trim_start().starts_with('=')
            && rest.contains(&quoted)
        {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..start + trimmed.trim_end().len());
        }
        offset += line.len();
    }
    None
}

/// Where catalogs are read from, in order, and whether each exists.
fn path(paths: &Paths, selection: &Selection) -> Result<String> {
    let mut out = String::new();
    for location in sources::locations(paths, selection)? {
        match &location.path {
            None => {
                let _ = writeln!(out, "{}", t!("catalog.bundled"));
            }
            Some(path) => {
                let _ = writeln!(
                    out,
                    "{}",
                    t!(
                        "catalog.location",
                        path = crate::text::sanitize::path(path),
                        state = existence(path)
                    )
                );
            }
        }
    }
    let dir = paths.catalog_dir();
    let _ = writeln!(
        out,
        "{}",
        t!(
            "catalog.dir",
            path = crate::text::sanitize::path(&dir),
            state = existence(&dir)
        )
    );
    Ok(out)
}

fn existence(path: &Path) -> String {
    crate::i18n::text(if path.exists() {
        "catalog.exists"
    } else {
        "catalog.missing"
    })
}
