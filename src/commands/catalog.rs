//! `lpath catalog check` and `lpath catalog path`: the catalogs themselves, not the reading.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::cli::CatalogCommand;
use crate::error::{Error, Result};
use crate::paths::Paths;
use crate::sources::{self, Selection};

pub fn run(paths: &Paths, selection: &Selection, command: &CatalogCommand) -> Result<String> {
    match command {
        CatalogCommand::Check(args) => check(paths, selection, &args.files),
        CatalogCommand::Path => path(paths, selection),
    }
}

/// Validates `files` (or every catalog in use) with the bundled one; reports every problem.
fn check(paths: &Paths, selection: &Selection, files: &[PathBuf]) -> Result<String> {
    let locations = if files.is_empty() {
        sources::locations(paths, selection)?
    } else {
        sources::given_locations(selection, files)
    };
    let loaded = sources::load(&locations)?;
    match loaded.catalog() {
        Ok(catalog) => {
            let mut out = String::new();
            for location in &loaded.locations {
                let _ = writeln!(out, "{}: ok", location.name);
            }
            let _ = writeln!(
                out,
                "{} catalog {}, {} tracks, {} entries: no problems",
                loaded.sources.len(),
                plural(loaded.sources.len(), "file", "files"),
                catalog.tracks.len(),
                catalog.len()
            );
            Ok(out)
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
            Err(Error::failure(format!(
                "{} {} in {} {}; nothing was changed",
                problems.len(),
                plural(problems.len(), "problem", "problems"),
                files.len(),
                plural(files.len(), "file", "files"),
            ))
            .with_hint("fix each one at its file:line:column, then run `lpath catalog check` again")
            .with_output(out))
        }
    }
}

/// Where catalogs are read from, in order, and whether each exists.
fn path(paths: &Paths, selection: &Selection) -> Result<String> {
    let mut out = String::new();
    for location in sources::locations(paths, selection)? {
        match &location.path {
            None => out.push_str("bundled\n"),
            Some(path) => {
                let _ = writeln!(out, "{} ({})", path.display(), existence(path));
            }
        }
    }
    let dir = paths.catalog_dir();
    let _ = writeln!(out, "catalog.d: {} ({})", dir.display(), existence(&dir));
    Ok(out)
}

fn existence(path: &Path) -> &'static str {
    if path.exists() { "exists" } else { "missing" }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
