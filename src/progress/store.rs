//! The progress file and its undo journal on disk: read without writing, and load-modify-save under a lock, atomically.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::error::{Error, Result};
use crate::fs::files::{self, ReadError, write_atomic};
use crate::fs::paths::Paths;
use crate::progress::history::{Change, History, Journal};
use crate::progress::model::{ParseError, Progress};
use crate::review::model::{Reviews, States};

pub struct Store {
    paths: Paths,
    now: Timestamp,
}

/// What `undo` reverted, and the progress either side of it.
#[derive(Debug)]
pub struct Undone {
    pub change: Change,
    pub before: Progress,
    pub after: Progress,
    /// How many older changes can still be undone.
    pub remaining: usize,
}

impl Store {
    pub fn new(paths: Paths) -> Self {
        Store {
            paths,
            now: Timestamp::now(),
        }
    }

    /// The time changes are journaled at: the context's clock, so `LPATH_NOW` reaches the journal.
    pub fn at(mut self, now: Timestamp) -> Self {
        self.now = now;
        self
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// The progress as it is now. A missing file is empty progress; nothing is written.
    pub fn load(&self) -> Result<Progress> {
        self.paths.check_config_dir()?;
        let path = self.paths.progress();
        match read_text(&path, Stored::Progress)? {
            Some(text) => parse(&path, &text),
            None => Ok(Progress::default()),
        }
    }

    /// Loads, lets `change` modify, and saves if anything changed, all under the lock, so that
    /// concurrent runs each see the other's saved result. `change` returns an error to write nothing.
    /// A change is journaled under `description` (a command line, `done bert`) so `undo` can revert it.
    ///
    /// Before the config dir exists, `change` first runs against empty progress, and only if it
    /// changes something is the dir created and `change` run again for real, under the lock: a
    /// change that changes nothing leaves no trace, not even an empty dir or lock file.
    pub fn update<T>(
        &self,
        description: &str,
        mut change: impl FnMut(&mut Progress) -> Result<T>,
    ) -> Result<T> {
        let dir = self.paths.config_dir();
        self.paths.check_config_dir()?;
        if fs::symlink_metadata(dir).is_err_and(|e| e.kind() == io::ErrorKind::NotFound) {
            let mut progress = Progress::default();
            let result = change(&mut progress)?;
            if progress == Progress::default() {
                return Ok(result);
            }
        }
        create_config_dir(&self.paths)?;
        let _lock = Lock::acquire(&self.paths.lock())?;
        let path = self.paths.progress();
        // Read first, so a dangling symlink is reported as the unreadable progress file it is.
        let text = read_text(&path, Stored::Progress)?;
        let created = text.is_none();
        let before = match text {
            Some(text) => parse(&path, &text)?,
            None => Progress::default(),
        };
        // Read before changing anything, so an unreadable journal stops the command, not the undo.
        let mut journal = self.load_journal()?;
        let target = write_target(&path)?;
        remove_stray_temp_files(dir, &target);
        let mut progress = before.clone();
        let result = change(&mut progress)?;
        if let Some(entry) = Change::between(&before, &progress, description, self.now, created) {
            journal.push(&entry);
            // The journal first: a crash between the two saves leaves an undo that changes
            // nothing, never a change that cannot be undone.
            self.save_journal(&journal, "store.nothing_changed")?;
            save_progress(&path, &target, &progress)?;
        }
        Ok(result)
    }

    /// Reverts the most recent journaled change, or returns `None` when there is none.
    pub fn undo(&self) -> Result<Option<Undone>> {
        let history_path = self.paths.history();
        if fs::symlink_metadata(&history_path).is_err_and(|e| e.kind() == io::ErrorKind::NotFound) {
            return Ok(None);
        }
        let dir = self.paths.config_dir();
        let _lock = Lock::acquire(&self.paths.lock())?;
        let path = self.paths.progress();
        let before = self.load()?;
        let mut journal = self.load_journal()?;
        let target = write_target(&path)?;
        remove_stray_temp_files(dir, &target);
        let history_path = self.paths.history();
        let popped = journal
            .pop()
            .map_err(|err| self.journal_error(&history_path, err))?;
        let Some(change) = popped else {
            return Ok(None);
        };
        let mut after = before.clone();
        change.revert(&mut after);
        let is_plain_file = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        if change.created && after.entries.is_empty() && is_plain_file {
            // The change made the file; its previous content is no file at all.
            fs::remove_file(&path).map_err(|err| {
                Error::io("remove", &path, &err).with_hint(t!("store.remove_hint"))
            })?;
        } else if after != before {
            save_progress(&path, &target, &after)?;
        }
        // The progress first: a crash between the two saves leaves a change whose second undo
        // changes nothing, never a reverted change that is gone from the journal.
        self.save_journal(&journal, "store.already_restored")?;
        Ok(Some(Undone {
            remaining: journal.len(),
            change,
            before,
            after,
        }))
    }

    /// The undo journal as it is now, every change parsed. A missing file is an empty journal;
    /// nothing is written.
    pub fn load_history(&self) -> Result<History> {
        let path = self.paths.history();
        let Some(text) = read_text(&path, Stored::History)? else {
            return Ok(History::default());
        };
        History::parse(&text).map_err(|err| self.journal_error(&path, err))
    }

    /// Stops here when the undo history cannot be read, as every change does, before something
    /// else (a sync's merge) changes the progress. The caller holds the progress lock.
    pub fn check_journal(&self) -> Result<()> {
        self.load_journal().map(|_| ())
    }

    /// Journals a change made to the progress file by something other than `update` (a sync's
    /// merge), so that `undo` reverts it before anything older, as it reverts any change, and
    /// never puts back a record as it was before it. The caller holds the progress lock.
    pub fn journal(&self, before: &Progress, after: &Progress, description: &str) -> Result<()> {
        let Some(change) = Change::between(before, after, description, self.now, false) else {
            return Ok(());
        };
        let mut journal = self.load_journal()?;
        journal.push(&change);
        self.save_journal(&journal, "store.not_journaled")
    }

    /// The reviews as they are now. A missing file is no reviews; a broken one is an error that
    /// names it, and nothing overwrites it.
    pub fn load_reviews(&self) -> Result<Reviews> {
        self.read_reviews(crate::review::text::parse)
    }

    /// Only each card's state, checked as [`Store::load_reviews`] checks the whole file.
    pub fn load_review_states(&self) -> Result<States> {
        self.read_reviews(crate::review::text::parse_states)
    }

    fn read_reviews<T: Default>(&self, parse: fn(&str) -> Result<T, ParseError>) -> Result<T> {
        self.paths.check_config_dir()?;
        let path = self.paths.reviews();
        match read_text(&path, Stored::Reviews)? {
            Some(text) => parse_reviews(&path, &text, parse),
            None => Ok(T::default()),
        }
    }

    /// Loads the reviews, lets `change` modify them (seeing the progress as it is), and saves
    /// them if anything changed, all under the progress lock. The progress file is only read.
    pub fn update_reviews<T>(
        &self,
        change: impl FnOnce(&Progress, &mut Reviews) -> Result<T>,
    ) -> Result<T> {
        create_config_dir(&self.paths)?;
        let _lock = Lock::acquire(&self.paths.lock())?;
        let progress = self.load()?;
        let path = self.paths.reviews();
        let before = match read_text(&path, Stored::Reviews)? {
            Some(text) => parse_reviews(&path, &text, crate::review::text::parse)?,
            None => Reviews::default(),
        };
        let target = write_target(&path)?;
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("review.toml")
            .to_string();
        files::remove_leftovers(
            target.parent().unwrap_or(self.paths.config_dir()),
            Some(&name),
        );
        let mut reviews = before.clone();
        let result = change(&progress, &mut reviews)?;
        if reviews != before {
            let text = crate::review::text::to_toml(&reviews);
            write_atomic(&target, text.as_bytes()).map_err(|err| {
                Error::io("write", &path, &err).with_hint(t!("review.store.save_hint"))
            })?;
        }
        Ok(result)
    }

    /// The undo journal as text, to add or take off a change without parsing the others.
    fn load_journal(&self) -> Result<Journal> {
        let path = self.paths.history();
        let Some(text) = read_text(&path, Stored::History)? else {
            return Ok(Journal::default());
        };
        Journal::read(text).map_err(|err| self.journal_error(&path, err))
    }

    fn journal_error(&self, path: &Path, err: ParseError) -> Error {
        match err {
            ParseError::Newer(format) => Error::failure(t!(
                "store.history_newer",
                path = crate::text::sanitize::path(path),
                format = format
            ))
            .with_hint(t!("store.upgrade_hint")),
            ParseError::Invalid(reason) => Stored::History.unreadable(path, &reason),
        }
    }

    /// `consequence` is the key of what a failure leaves behind, "nothing was changed" say.
    fn save_journal(&self, journal: &Journal, consequence: &str) -> Result<()> {
        let path = self.paths.history();
        let target = write_target(&path)?;
        write_atomic(&target, journal.as_bytes()).map_err(|err| {
            Error::io("save undo history to", &path, &err).with_hint(t!(
                "store.save_history_hint",
                consequence = crate::i18n::text(consequence)
            ))
        })
    }
}

/// The files `Store` reads, for messages that name them and say what to do.
#[derive(Clone, Copy)]
enum Stored {
    Progress,
    History,
    Reviews,
}

impl Stored {
    fn unreadable(self, path: &Path, reason: &str) -> Error {
        let (message, hint) = match self {
            Stored::Progress => (
                "store.progress_unreadable",
                "store.progress_unreadable_hint",
            ),
            Stored::History => ("store.history_unreadable", "store.history_unreadable_hint"),
            Stored::Reviews => ("review.store.unreadable", "review.store.unreadable_hint"),
        };
        Error::failure(t!(
            message,
            path = crate::text::sanitize::path(path),
            reason = reason
        ))
        .with_hint(t!(hint))
    }
}

fn save_progress(path: &Path, target: &Path, progress: &Progress) -> Result<()> {
    write_atomic(target, progress.to_toml().as_bytes()).map_err(|err| {
        Error::io("save progress to", path, &err).with_hint(t!("store.save_progress_hint"))
    })
}

fn create_config_dir(paths: &Paths) -> Result<()> {
    paths.check_config_dir()?;
    let dir = paths.config_dir();
    fs::create_dir_all(dir).map_err(|err| {
        Error::io("create config dir", dir, &err).with_hint(t!("store.create_dir_hint"))
    })
}

/// A file's text, or `None` when there is none yet. Read by the one bounded reader, so a FIFO
/// or `/dev/zero` in its place is reported, never waited on or read without end.
fn read_text(path: &Path, file: Stored) -> Result<Option<String>> {
    let unreadable = |reason: String| file.unreadable(path, &reason);
    if let Some(target) = crate::fs::paths::dangling_symlink(path) {
        return Err(unreadable(
            t!(
                "store.dangling",
                target = crate::text::sanitize::path(&target)
            )
            .into_owned(),
        ));
    }
    match files::read_bounded(path, files::MAX_STATE_BYTES) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| unreadable(crate::i18n::text("store.not_utf8"))),
        Err(ReadError::Missing) => Ok(None),
        Err(err) => Err(unreadable(err.reason())),
    }
}

fn parse(path: &Path, text: &str) -> Result<Progress> {
    Progress::parse(text).map_err(|err| match err {
        ParseError::Newer(format) => Error::failure(t!(
            "store.progress_newer",
            path = crate::text::sanitize::path(path),
            format = format
        ))
        .with_hint(t!("store.upgrade_hint")),
        ParseError::Invalid(reason) => Stored::Progress.unreadable(path, &reason),
    })
}

fn parse_reviews<T>(
    path: &Path,
    text: &str,
    parse: fn(&str) -> Result<T, ParseError>,
) -> Result<T> {
    parse(text).map_err(|err| match err {
        ParseError::Newer(format) => Error::failure(t!(
            "review.store.newer",
            path = crate::text::sanitize::path(path),
            format = format
        ))
        .with_hint(t!("store.upgrade_hint")),
        ParseError::Invalid(reason) => Stored::Reviews.unreadable(path, &reason),
    })
}

/// Where a save writes: the progress file, or the file its symlink points to, so a symlinked
/// progress file (into a synced folder, say) stays a symlink.
pub fn write_target(path: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|err| {
            Error::io("follow the symlink", path, &err).with_hint(t!("store.symlink_hint"))
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// Removes the temporary files that runs killed mid-save left beside the journal and the
/// progress file (elsewhere when it is a symlink); each file's own only, and only those whose
/// writer is gone.
fn remove_stray_temp_files(config_dir: &Path, progress_target: &Path) {
    let beside = progress_target.parent().unwrap_or(config_dir);
    let name = progress_target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("progress.toml");
    files::remove_leftovers(beside, Some(name));
    files::remove_leftovers(config_dir, Some("history.toml"));
}

/// An exclusive lock on a separate lock file, released when dropped.
pub struct Lock {
    file: fs::File,
}

impl Lock {
    pub fn acquire(path: &Path) -> Result<Lock> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|err| {
                Error::io("open lock file", path, &err).with_hint(t!("store.lock_file_hint"))
            })?;
        let locked = match file.try_lock() {
            Ok(()) => Ok(()),
            Err(fs::TryLockError::WouldBlock) => {
                // Otherwise a run that waits looks like one that hangs.
                eprintln!("{}", t!("store.waiting"));
                file.lock()
            }
            Err(fs::TryLockError::Error(err)) => Err(err),
        };
        locked.map_err(|err| Error::io("lock", path, &err).with_hint(t!("store.lock_hint")))?;
        Ok(Lock { file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str =
        "format = 1\n\n[entry.bert]\nstatus = \"done\"\nchanged = \"2026-01-01T00:00:00Z\"\n";

    #[test]
    fn an_update_whose_change_fails_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(Paths::at(dir.path()));
        fs::write(store.paths().progress(), OLD).unwrap();
        let result: Result<()> = store.update("clear", |progress| {
            progress.entries.clear();
            Err(Error::usage("no"))
        });
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(store.paths().progress()).unwrap(), OLD);
    }

    #[test]
    fn an_update_that_changes_nothing_creates_no_config_dir_and_one_that_does_runs_twice() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::new(Paths::at(root.path().join("config")));
        let mut runs = 0;
        let seen = store
            .update("nothing", |progress| {
                runs += 1;
                Ok(progress.entries.len())
            })
            .unwrap();
        assert_eq!((seen, runs), (0, 1));
        assert!(!store.paths().config_dir().exists());

        let mut runs = 0;
        store
            .update("something", |progress| {
                runs += 1;
                progress.entries.insert(
                    "bert".into(),
                    Progress::parse(OLD).unwrap().entries["bert"].clone(),
                );
                Ok(())
            })
            .unwrap();
        assert_eq!(runs, 2, "once to see, once under the lock");
        assert_eq!(store.load().unwrap().entries.len(), 1);
    }

    #[test]
    fn stray_temporary_files_are_removed_by_the_next_save_and_never_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(Paths::at(dir.path()));
        fs::write(store.paths().progress(), OLD).unwrap();
        let stray = dir
            .path()
            .join(".progress.toml.4294967295.0123456789abcdef.tmp");
        fs::write(&stray, "format = 1\n").unwrap();
        assert_eq!(store.load().unwrap().entries.len(), 1);
        store
            .update("clear", |progress| {
                progress.entries.clear();
                Ok(())
            })
            .unwrap();
        assert!(!stray.exists());
    }
}
