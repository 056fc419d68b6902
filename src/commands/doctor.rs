//! `lpath doctor`: checks the config dir, progress file, undo history, lock and catalogs; `--fix` moves an unreadable file aside.

use std::fmt::Write as _;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::catalog::model::Catalog;
use crate::catalog::sources::{self, Selection};
use crate::cli::args::DoctorArgs;
use crate::commands::report::Report;
use crate::context;
use crate::error::{Error, Result, describe_io};
use crate::fs::files;
use crate::fs::paths::Paths;
use crate::output::table::Columns;
use crate::progress::history::History;
use crate::progress::model::{ParseError, Progress, Status};
use crate::progress::store::{Lock, Store};
use crate::review::model::Reviews;
use crate::text::width::{self as layout, wrap};

/// How a check came out. A check that could not run is neither passed nor failed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Passed,
    Failed,
    NotRun,
}

impl Outcome {
    fn mark(self) -> char {
        match self {
            Outcome::Passed => '✓',
            Outcome::Failed => '✗',
            Outcome::NotRun => '–',
        }
    }
}

struct Check {
    outcome: Outcome,
    name: &'static str,
    detail: String,
    /// What to do; shown under a failed check.
    hint: Option<String>,
    /// Further lines shown under the check.
    more: Vec<String>,
}

impl Check {
    fn ok(name: &'static str, detail: impl Into<String>) -> Self {
        Check {
            outcome: Outcome::Passed,
            name,
            detail: detail.into(),
            hint: None,
            more: Vec::new(),
        }
    }

    fn failed(name: &'static str, detail: impl Into<String>, hint: impl Into<String>) -> Self {
        Check {
            outcome: Outcome::Failed,
            name,
            detail: detail.into(),
            hint: Some(hint.into()),
            more: Vec::new(),
        }
    }

    /// A check that could not run, and why: `because` finishes "not checked: ...".
    fn not_run(name: &'static str, because: &str) -> Self {
        Check {
            outcome: Outcome::NotRun,
            ..Check::ok(name, t!("doctor.not_checked", because = because))
        }
    }
}

/// The progress file or the undo history as doctor sees it.
enum FileState<T> {
    Missing,
    Readable(T),
    /// Written by a newer lpath: fine, just not for this build. Never moved aside.
    Newer(Error),
    Unreadable(Error),
    /// Not looked at, because of the config dir; the reason finishes "not checked: ...".
    Unchecked(String),
}

/// One of the two files `--fix` may move aside.
#[derive(Clone, Copy)]
enum Kept {
    Progress,
    History,
    Reviews,
}

impl Kept {
    fn path(self, paths: &Paths) -> PathBuf {
        match self {
            Kept::Progress => paths.progress(),
            Kept::History => paths.history(),
            Kept::Reviews => paths.reviews(),
        }
    }

    /// Whether the file is unreadable (and not just newer), the only state `--fix` acts on.
    fn is_unreadable(self, paths: &Paths) -> bool {
        let store = Store::new(paths.clone());
        match self {
            Kept::Progress => matches!(inspect_progress(paths, &store), FileState::Unreadable(_)),
            Kept::History => matches!(inspect_history(paths, &store), FileState::Unreadable(_)),
            Kept::Reviews => matches!(inspect_reviews(paths, &store), FileState::Unreadable(_)),
        }
    }

    fn moved(self, aside: &Path) -> String {
        let key = match self {
            Kept::Progress => "doctor.moved_progress",
            Kept::History => "doctor.moved_history",
            Kept::Reviews => "review.doctor.moved",
        };
        t!(key, path = crate::text::sanitize::path(aside)).into_owned()
    }
}

/// `width`: the terminal's, for each check's lines to fit it.
pub fn run(
    paths: &Paths,
    selection: &Selection,
    args: &DoctorArgs,
    width: Option<u16>,
) -> Result<Report> {
    let columns = width.map(usize::from);
    let now = context::now()?;
    let mut text = String::new();
    let mut fix_failed = None;
    if args.fix {
        for kept in [Kept::Progress, Kept::History, Kept::Reviews] {
            match fix(paths, kept, now) {
                Ok(Some(said)) => {
                    // Each sentence fitted to the terminal; paths stay whole.
                    for line in said.lines() {
                        for part in wrap(line, "", "  ", columns) {
                            let _ = writeln!(text, "{part}");
                        }
                    }
                    text.push('\n');
                }
                Ok(None) => {}
                Err(err) => fix_failed = fix_failed.or(Some(err)),
            }
        }
        let removed: usize = leftover_dirs(paths)
            .iter()
            .map(|dir| files::remove_leftovers(dir, None))
            .sum();
        if removed > 0 {
            let _ = writeln!(
                text,
                "{}\n",
                t!(
                    &format!(
                        "doctor.leftovers.removed.{}",
                        crate::i18n::plural(removed as u64)
                    ),
                    count = removed
                )
            );
        }
        if text.is_empty() && fix_failed.is_none() {
            let _ = writeln!(text, "{}\n", nothing_to_fix(paths));
        }
    }

    let store = Store::new(paths.clone());
    let progress = inspect_progress(paths, &store);
    let catalog = context::load_catalog(paths, selection);
    let checks = [
        check_config_dir(paths.config_dir()),
        check_progress(paths, &progress),
        check_history(paths, &inspect_history(paths, &store)),
        check_reviews(paths, &inspect_reviews(paths, &store)),
        match config_dir_unusable(paths) {
            Some(because) => Check::not_run("lock", &because),
            None => check_lock(&paths.lock()),
        },
        check_catalog(paths, selection, &catalog),
        check_unknown_ids(&progress, &catalog),
        check_sync(paths),
    ];
    // A table of the mark, the check's name and what it found; on a terminal, what it found goes
    // on over further lines under its first, and a hint follows an arrow.
    let room = columns.map(|c| c.saturating_sub(NAME_COLUMNS + 3));
    let cell = |first: &str, text: &str| wrap(text, first, HANG, room).join("\n");
    let mut rows = Vec::new();
    for check in &checks {
        let name = check_name(check.name);
        rows.push(vec![
            check.outcome.mark().to_string(),
            name,
            cell("", &check.detail),
        ]);
        for line in &check.more {
            rows.push(vec![String::new(), String::new(), cell(HANG, line)]);
        }
        if let (Outcome::Failed, Some(hint)) = (check.outcome, &check.hint) {
            rows.push(vec![String::new(), String::new(), cell("→ ", hint)]);
        }
    }
    let longest = |column: usize| {
        rows.iter()
            .flat_map(|r: &Vec<String>| r[column].lines().map(layout::width))
            .max()
            .unwrap_or(0)
    };
    let table = Columns::new(vec![Some(longest(0)), Some(NAME_COLUMNS), Some(longest(2))])
        .gap(0, 1)
        .gap(1, 1);
    for line in table.draw(rows, false, "") {
        let _ = writeln!(text, "{line}");
    }

    let failed: Vec<&Check> = checks
        .iter()
        .filter(|c| c.outcome == Outcome::Failed)
        .collect();
    let problem = match (fix_failed, failed.as_slice()) {
        (Some(err), _) => err,
        (None, []) => {
            let _ = writeln!(text, "\n{}", t!("doctor.no_problems"));
            return Ok(Report::from(text));
        }
        (None, [one]) => Error::failure(t!("doctor.one_problem", check = check_name(one.name)))
            .with_hint(one.hint.clone().unwrap_or_default()),
        (None, many) => Error::failure(t!("doctor.problems", count = many.len()))
            .with_hint(t!("doctor.problems_hint")),
    };
    // The checklist goes to stdout before the error, so a problem never hides the rest.
    Ok(Report::failed(text, problem))
}

/// Columns of the checklist's name column.
const NAME_COLUMNS: usize = 14;

/// What a check found goes on two columns further in than its first line.
const HANG: &str = "  ";

/// A check's name as the learner reads it: `config_dir` is "config dir".
fn check_name(name: &str) -> String {
    crate::i18n::text(&format!("doctor.check.{name}"))
}

/// Moves an unreadable file aside, under the lock, and says where it went; `None` when the file
/// needs no fixing.
fn fix(paths: &Paths, kept: Kept, now: Timestamp) -> Result<Option<String>> {
    if !kept.is_unreadable(paths) {
        return Ok(None);
    }
    let _lock = Lock::acquire(&paths.lock())?;
    // Another run may have repaired it while we waited for the lock.
    if !kept.is_unreadable(paths) {
        return Ok(None);
    }
    let path = kept.path(paths);
    let aside = free_name(&path, now);
    let link = fs::read_link(&path).ok();
    fs::rename(&path, &aside)
        .map_err(|err| Error::io("move aside", &path, &err).with_hint(t!("doctor.move_hint")))?;
    let mut line = kept.moved(&aside);
    if let Some(target) = &link {
        let _ = write!(
            line,
            "\n{}",
            t!(
                "doctor.was_symlink",
                target = crate::text::sanitize::path(target)
            )
        );
    }
    if let Kept::Progress = kept {
        // A file (not a link, not a directory) may still hold records that read: they are kept.
        let salvaged = match link {
            None => files::read_bounded(&aside, files::MAX_STATE_BYTES)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .map(|text| salvage(&text)),
            Some(_) => None,
        };
        match salvaged {
            Some((progress, dropped)) if !progress.entries.is_empty() => {
                files::write_atomic(&path, progress.to_toml().as_bytes()).map_err(|err| {
                    Error::io("save progress to", &path, &err).with_hint(t!("doctor.move_hint"))
                })?;
                let ids: Vec<String> = progress
                    .entries
                    .keys()
                    .map(|id| format!("`{id}`"))
                    .collect();
                let key = format!(
                    "doctor_salvage.kept.{}",
                    crate::i18n::plural(dropped as u64)
                );
                line = t!(
                    &key,
                    path = crate::text::sanitize::path(&aside),
                    count = ids.len(),
                    ids = crate::text::sanitize::visible(
                        &ids.join(&crate::i18n::text("common.list_separator"))
                    ),
                    lines = dropped
                )
                .into_owned();
                // The journal's changes were to records that are still here: `undo` goes on.
                if matches!(
                    inspect_history(paths, &Store::new(paths.clone())),
                    FileState::Readable(_) | FileState::Missing
                ) {
                    if fs::symlink_metadata(paths.history()).is_ok() {
                        let _ = write!(line, "\n{}", t!("doctor_salvage.history_kept"));
                    }
                } else {
                    move_journal_with_progress(paths, now, &mut line)?;
                }
            }
            _ => move_journal_with_progress(paths, now, &mut line)?,
        }
    }
    Ok(Some(line))
}

/// The records of a broken progress file that still read, and how many of its lines were
/// dropped: each `[entry.ID]` table with what follows it is read on its own, and one that does
/// not read loses lines from its end until it does (a line of garbage appended costs only that
/// line), or is dropped whole.
fn salvage(text: &str) -> (Progress, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim_start().starts_with("[entry."))
        .collect();
    let header = starts.first().copied().unwrap_or(lines.len());
    // Lines read into a record, or the format line; blank lines and comments are no loss.
    let mut used = vec![false; lines.len()];
    let format = (0..header)
        .find(|&i| lines[i].trim_start().starts_with("format") && Progress::parse(lines[i]).is_ok())
        .map_or("format = 1", |i| {
            used[i] = true;
            lines[i]
        });
    let mut kept = Progress::default();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        for last in (start + 1..=end).rev() {
            let block = format!("{format}\n{}\n", lines[start..last].join("\n"));
            if let Ok(progress) = Progress::parse(&block)
                && !progress.entries.is_empty()
            {
                used[start..last].iter_mut().for_each(|u| *u = true);
                kept.entries.extend(progress.entries);
                break;
            }
        }
    }
    let dropped = (0..lines.len())
        .filter(|&i| {
            let line = lines[i].trim();
            !used[i] && !line.is_empty() && !line.starts_with('#')
        })
        .count();
    (kept, dropped)
}

/// The undo journal holds changes made to the progress file just moved aside: left in place, it
/// would have `undo` put records back into a file that is gone and say it had. It goes aside
/// with the file (the same time in its name), so `undo` has nothing to offer until the next change.
fn move_journal_with_progress(paths: &Paths, now: Timestamp, line: &mut String) -> Result<()> {
    let journal = paths.history();
    if fs::symlink_metadata(&journal).is_err() {
        return Ok(());
    }
    let aside = free_name(&journal, now);
    fs::rename(&journal, &aside).map_err(|err| {
        Error::io("move aside", &journal, &err).with_hint(t!("doctor.move_history_hint"))
    })?;
    let _ = write!(
        line,
        "\n{}",
        t!(
            "doctor_fix_journal.moved",
            path = crate::text::sanitize::path(&aside)
        )
    );
    Ok(())
}

/// What `--fix` says when it moved nothing.
fn nothing_to_fix(paths: &Paths) -> String {
    let key = match inspect_progress(paths, &Store::new(paths.clone())) {
        FileState::Newer(_) => "doctor.fix_newer",
        FileState::Unchecked(_) => "doctor.fix_cannot",
        _ => "doctor.fix_nothing",
    };
    crate::i18n::text(key)
}

/// `progress.toml.broken-20261128T151600Z`, with `-2`, `-3`... when that name is taken.
fn free_name(path: &Path, now: Timestamp) -> PathBuf {
    let base = format!(
        "{}.broken-{}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        now.strftime("%Y%m%dT%H%M%SZ")
    );
    let taken = |candidate: &Path| fs::symlink_metadata(candidate).is_ok();
    let first = path.with_file_name(&base);
    if !taken(&first) {
        return first;
    }
    (2u32..)
        .map(|n| path.with_file_name(format!("{base}-{n}")))
        .find(|candidate| !taken(candidate))
        .unwrap_or(first)
}

fn inspect_progress(paths: &Paths, store: &Store) -> FileState<Progress> {
    inspect(paths, &paths.progress(), || store.load(), Progress::parse)
}

fn inspect_history(paths: &Paths, store: &Store) -> FileState<History> {
    inspect(
        paths,
        &paths.history(),
        || store.load_history(),
        History::parse,
    )
}

/// Why nothing inside the config dir can be checked, when it cannot; it finishes "not checked: ...".
fn config_dir_unusable(paths: &Paths) -> Option<String> {
    let dir = paths.config_dir();
    let key = if crate::fs::paths::dangling_symlink(dir).is_some() {
        "doctor.unusable.dangling"
    } else {
        match fs::metadata(dir) {
            Ok(meta) if !meta.is_dir() => "doctor.unusable.not_a_dir",
            Err(err) if err.kind() != io::ErrorKind::NotFound => "doctor.unusable.unreadable",
            _ => return None,
        }
    };
    Some(crate::i18n::text(key))
}

/// Loads a file the way every command does, and tells a newer format apart from a broken file.
fn inspect<T>(
    paths: &Paths,
    path: &Path,
    load: impl FnOnce() -> Result<T>,
    parse: impl FnOnce(&str) -> Result<T, ParseError>,
) -> FileState<T> {
    if let Some(because) = config_dir_unusable(paths) {
        return FileState::Unchecked(because);
    }
    if fs::symlink_metadata(path).is_err_and(|e| e.kind() == io::ErrorKind::NotFound) {
        return FileState::Missing;
    }
    match load() {
        Ok(value) => FileState::Readable(value),
        Err(err) => {
            let newer = files::read_bounded(path, files::MAX_STATE_BYTES)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .is_some_and(|text| matches!(parse(&text), Err(ParseError::Newer(_))));
            if newer {
                FileState::Newer(err)
            } else {
                FileState::Unreadable(err)
            }
        }
    }
}

fn check_config_dir(dir: &Path) -> Check {
    const NAME: &str = "config_dir";
    let shown = format!("`{}`", crate::text::sanitize::path(dir));
    if let Some(err) = Paths::at(dir).dangling_config_dir() {
        let detail = err
            .message
            .strip_prefix("config dir ")
            .unwrap_or(&err.message);
        return Check::failed(NAME, detail, err.hint.clone().unwrap_or_default());
    }
    match fs::metadata(dir) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            Check::ok(NAME, t!("doctor.dir.not_yet", dir = shown))
        }
        Err(err) => Check::failed(
            NAME,
            t!(
                "doctor.dir.unreadable",
                dir = shown,
                reason = describe_io(&err)
            ),
            t!("doctor.dir.unreadable_hint"),
        ),
        Ok(meta) if !meta.is_dir() => Check::failed(
            NAME,
            t!("doctor.dir.a_file", dir = shown),
            t!("doctor.dir.a_file_hint"),
        ),
        Ok(_) => match probe_writable(dir) {
            Ok(()) => Check::ok(NAME, t!("doctor.dir.writable", dir = shown)),
            Err(err) => Check::failed(
                NAME,
                t!(
                    "doctor.dir.not_writable",
                    dir = shown,
                    reason = describe_io(&err)
                ),
                t!("doctor.dir.not_writable_hint"),
            ),
        },
    }
}

/// Creates and removes a file the way a save would: the only honest test of writability, since
/// permission bits say nothing to root, nor about read-only mounts and immutable directories.
/// Named as the atomic writer names its own, for a file no one saves, so it never meets a save's.
fn probe_writable(dir: &Path) -> io::Result<()> {
    let (probe, _) = files::create_temp(&dir.join("doctor-probe"))?;
    fs::remove_file(&probe)
}

fn check_progress(paths: &Paths, state: &FileState<Progress>) -> Check {
    const NAME: &str = "progress_file";
    let path = paths.progress();
    let mut check = match state {
        FileState::Unchecked(because) => return Check::not_run(NAME, because),
        FileState::Missing => Check::ok(
            NAME,
            t!(
                "doctor.file.none_yet",
                path = crate::text::sanitize::path(&path)
            ),
        ),
        FileState::Readable(progress) => Check::ok(
            NAME,
            t!(
                "doctor.file.progress",
                path = crate::text::sanitize::path(&path),
                tally = tally(progress)
            ),
        ),
        FileState::Newer(err) => {
            Check::failed(NAME, err.message.clone(), t!("doctor.file.newer_hint"))
        }
        FileState::Unreadable(err) => {
            Check::failed(NAME, err.message.clone(), t!("doctor.file.fix_hint"))
        }
    };
    let strays: Vec<PathBuf> = leftover_dirs(paths)
        .iter()
        .flat_map(|dir| files::leftovers(dir, None))
        .collect();
    if !strays.is_empty() {
        let key = format!(
            "doctor.leftovers.found.{}",
            crate::i18n::plural(strays.len() as u64)
        );
        check.more.push(t!(&key, count = strays.len()).into_owned());
        check.more.extend(
            strays
                .iter()
                .map(|path| format!("  {}", crate::text::sanitize::path(path))),
        );
    }
    check
}

fn inspect_reviews(paths: &Paths, store: &Store) -> FileState<Reviews> {
    inspect(
        paths,
        &paths.reviews(),
        || store.load_reviews(),
        crate::review::text::parse,
    )
}

fn check_reviews(paths: &Paths, state: &FileState<Reviews>) -> Check {
    const NAME: &str = "reviews";
    let path = crate::text::sanitize::path(&paths.reviews());
    match state {
        FileState::Unchecked(because) => Check::not_run(NAME, because),
        FileState::Missing => Check::ok(NAME, t!("doctor.file.none_yet", path = path)),
        FileState::Readable(reviews) => {
            let count = reviews.cards.len();
            let key = format!("review.doctor.cards.{}", crate::i18n::plural(count as u64));
            Check::ok(NAME, t!(&key, path = path, count = count))
        }
        FileState::Newer(err) => {
            Check::failed(NAME, err.message.clone(), t!("doctor.file.newer_hint"))
        }
        FileState::Unreadable(err) => {
            Check::failed(NAME, err.message.clone(), t!("review.doctor.fix_hint"))
        }
    }
}

fn check_history(paths: &Paths, state: &FileState<History>) -> Check {
    const NAME: &str = "undo_history";
    let path = paths.history();
    match state {
        FileState::Unchecked(because) => Check::not_run(NAME, because),
        FileState::Missing => Check::ok(
            NAME,
            t!(
                "doctor.file.none_yet",
                path = crate::text::sanitize::path(&path)
            ),
        ),
        FileState::Readable(history) => {
            let key = format!(
                "doctor.file.history.{}",
                crate::i18n::plural(history.changes.len() as u64)
            );
            Check::ok(
                NAME,
                t!(
                    &key,
                    path = crate::text::sanitize::path(&path),
                    count = history.changes.len()
                ),
            )
        }
        FileState::Newer(err) => {
            Check::failed(NAME, err.message.clone(), t!("doctor.file.newer_hint"))
        }
        FileState::Unreadable(err) => Check::failed(
            NAME,
            err.message.clone(),
            t!("doctor.file.history_fix_hint"),
        ),
    }
}

fn tally(progress: &Progress) -> String {
    let total = progress.entries.len();
    let entries = crate::i18n::counted("common.entries", total as u64);
    let counts: Vec<String> = Status::ALL
        .iter()
        .filter_map(|&status| {
            let n = progress
                .entries
                .values()
                .filter(|r| r.status == status)
                .count();
            let word = crate::output::render::status_word(status);
            (n > 0).then(|| t!("doctor.file.count", count = n, status = word).into_owned())
        })
        .collect();
    if counts.is_empty() {
        return entries;
    }
    let counts = counts.join(&crate::i18n::text("common.list_separator"));
    let counts = t!("doctor.file.counts", counts = counts);
    // `4 entries (1 reading, 3 done)`, `4 个条目（在读 1、已读 3）`: spaced as each language is.
    t!("doctor.file.tally", entries = entries, counts = counts).into_owned()
}

/// Every directory lpath writes into: the config dir, beside the progress file (elsewhere when it
/// is a symlink), `catalog.d` and the cache dir.
fn leftover_dirs(paths: &Paths) -> Vec<PathBuf> {
    let mut dirs = vec![paths.config_dir().to_path_buf(), paths.catalog_dir()];
    if let Some(beside) = fs::canonicalize(paths.progress())
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
    {
        dirs.push(beside);
    }
    if let Ok(Some(cache)) = crate::catalog::cache::Cache::from_env()
        && let Some(dir) = cache.file().parent()
    {
        dirs.push(dir.to_path_buf());
    }
    let mut seen = Vec::new();
    dirs.retain(|dir| {
        let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    dirs
}

fn check_lock(path: &Path) -> Check {
    const NAME: &str = "lock";
    let shown = format!("`{}`", crate::text::sanitize::path(path));
    match fs::symlink_metadata(path) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Check::ok(NAME, t!("doctor.lock.not_yet", lock = shown));
        }
        Ok(meta) if !meta.is_file() => {
            return Check::failed(
                NAME,
                t!("doctor.lock.not_a_file", lock = shown),
                t!("doctor.lock.not_a_file_hint"),
            );
        }
        _ => {}
    }
    // Opened read-only and only tried, so doctor neither creates the lock nor waits for it.
    let file = match OpenOptions::new().read(true).open(path) {
        Ok(file) => file,
        Err(err) => {
            return Check::failed(
                NAME,
                t!(
                    "doctor.lock.unopenable",
                    lock = shown,
                    reason = describe_io(&err)
                ),
                t!("doctor.lock.unopenable_hint"),
            );
        }
    };
    match file.try_lock() {
        Ok(()) => {
            let _ = file.unlock();
            Check::ok(NAME, t!("doctor.lock.free", lock = shown))
        }
        Err(fs::TryLockError::WouldBlock) => Check::failed(
            NAME,
            t!("doctor.lock.held", lock = shown),
            t!(
                "doctor.lock.held_hint",
                path = crate::text::sanitize::path(path)
            ),
        ),
        Err(fs::TryLockError::Error(err)) => Check::failed(
            NAME,
            t!(
                "doctor.lock.unlockable",
                lock = shown,
                reason = describe_io(&err)
            ),
            t!("doctor.lock.unlockable_hint"),
        ),
    }
}

fn check_catalog(paths: &Paths, selection: &Selection, catalog: &Result<Catalog>) -> Check {
    const NAME: &str = "catalog";
    match catalog {
        Ok(catalog) if !catalog.left_out.is_empty() => {
            let files: Vec<String> = catalog
                .left_out
                .iter()
                .map(|left| {
                    let key = format!(
                        "doctor_catalog.file.{}",
                        crate::i18n::plural(left.problems as u64)
                    );
                    t!(&key, file = left.file, count = left.problems).into_owned()
                })
                .collect();
            Check::failed(
                NAME,
                t!(
                    "doctor_catalog.left_out",
                    files = files.join(&crate::i18n::text("common.list_separator"))
                ),
                t!("doctor_catalog.hint"),
            )
        }
        Ok(catalog) => {
            let names: Vec<String> = sources::locations(paths, selection)
                .map(|found| found.into_iter().map(|l| l.name).collect())
                .unwrap_or_default();
            Check::ok(
                NAME,
                t!(
                    "doctor.catalog_ok",
                    entries = crate::i18n::counted("common.entries", catalog.len() as u64),
                    tracks = crate::i18n::counted("doctor.tracks", catalog.tracks.len() as u64),
                    files = names.join(&crate::i18n::text("common.list_separator"))
                ),
            )
        }
        Err(err) => Check::failed(
            NAME,
            err.message.clone(),
            err.hint.clone().unwrap_or_default(),
        ),
    }
}

fn check_unknown_ids(state: &FileState<Progress>, catalog: &Result<Catalog>) -> Check {
    const NAME: &str = "unknown_ids";
    let empty = Progress::default();
    let progress = match state {
        FileState::Readable(progress) => progress,
        FileState::Missing => &empty,
        FileState::Unchecked(because) => return Check::not_run(NAME, because),
        FileState::Newer(_) | FileState::Unreadable(_) => {
            return Check::not_run(NAME, &t!("doctor.ids.no_progress"));
        }
    };
    let Ok(catalog) = catalog else {
        return Check::not_run(NAME, &t!("doctor.ids.no_catalog"));
    };
    let mut unknown = Vec::new();
    let mut renamed = Vec::new();
    for (key, record) in &progress.entries {
        match catalog.get(key).map(|i| &catalog.entries[i]) {
            None => unknown.push(format!(
                "{}  {}",
                crate::text::sanitize::visible(key),
                crate::output::render::status_word(record.status)
            )),
            Some(entry) if entry.id != *key => renamed.push(
                t!(
                    "doctor.ids.renamed",
                    old = crate::text::sanitize::visible(key),
                    new = entry.id
                )
                .into_owned(),
            ),
            Some(_) => {}
        }
    }
    let mut check = if unknown.is_empty() {
        Check::ok(NAME, t!("doctor.ids.none"))
    } else {
        Check::ok(
            NAME,
            crate::i18n::counted("doctor.ids.unknown", unknown.len() as u64),
        )
    };
    check.more = unknown;
    check.more.extend(renamed);
    check
}

/// Whether the config dir syncs through git, with what, when it last did, and what is waiting.
fn check_sync(paths: &Paths) -> Check {
    const NAME: &str = "sync";
    let Some(state) = crate::sync::state(paths) else {
        return Check::ok(NAME, t!("sync.state.off"));
    };
    if let Some(problem) = state.problem {
        return Check::failed(NAME, problem.message, problem.hint.unwrap_or_default());
    }
    let Some(url) = state.remote else {
        return Check::ok(NAME, t!("sync.state.no_remote"));
    };
    let mut parts = vec![
        t!(
            "sync.state.remote",
            url = crate::text::sanitize::visible(&url),
            branch = state.branch.as_deref().unwrap_or("?")
        )
        .into_owned(),
    ];
    parts.push(match &state.last_sync {
        Some(at) => {
            let shown = at.parse::<Timestamp>().map_or_else(
                |_| crate::text::sanitize::visible(at).into_owned(),
                |at| crate::output::render::local_time(at, &jiff::tz::TimeZone::system()),
            );
            t!("sync.state.last_sync", when = shown).into_owned()
        }
        None => t!("sync.state.never").into_owned(),
    });
    match state.unpushed {
        Some(0) => parts.push(t!("sync.state.all_pushed").into_owned()),
        Some(n) => parts.push(crate::i18n::counted("sync.state.unpushed", n as u64)),
        None => {}
    }
    Check::ok(NAME, parts.join(&crate::i18n::text("doctor.separator")))
}
