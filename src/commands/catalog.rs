//! `lpath catalog check` and `lpath catalog path`: the catalogs themselves, not the reading.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::catalog::sources::{self, Selection};
use crate::cli::args::CatalogCommand;
use crate::commands::report::Report;
use crate::error::{Error, Result};
use crate::fs::paths::Paths;
use crate::i18n::counted;

pub fn run(paths: &Paths, selection: &Selection, command: &CatalogCommand) -> Result<Report> {
    match command {
        CatalogCommand::Check(args) => check(paths, selection, &args.files),
        CatalogCommand::Path => path(paths, selection).map(Report::from),
    }
}

/// Validates `files` (or every catalog in use) with the bundled one; reports every problem.
fn check(paths: &Paths, selection: &Selection, files: &[PathBuf]) -> Result<Report> {
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
