//! The progress file and its undo journal on disk: read without writing, and load-modify-save under a lock, atomically.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::error::{Error, Result, describe_io};
use crate::history::{Change, History};
use crate::paths::Paths;
use crate::progress::{ParseError, Progress};

/// Prefix of the temporary files a save writes next to the progress file.
const TEMP_PREFIX: &str = ".progress.toml.tmp-";

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
        let path = self.paths.progress();
        match read_text(&path, Stored::Progress)? {
            Some(text) => parse(&path, &text),
            None => Ok(Progress::default()),
        }
    }

    /// Loads, lets `change` modify, and saves if anything changed, all under the lock, so that
    /// concurrent runs each see the other's saved result. `change` returns an error to write nothing.
    /// A change is journaled under `description` (a command line, `done bert`) so `undo` can revert it.
    pub fn update<T>(
        &self,
        description: &str,
        change: impl FnOnce(&mut Progress) -> Result<T>,
    ) -> Result<T> {
        let dir = self.paths.config_dir();
        create_config_dir(dir)?;
        let _lock = Lock::acquire(&self.paths.lock())?;
        let path = self.paths.progress();
        let target = write_target(&path)?;
        remove_stray_temp_files(target.parent().unwrap_or(dir));
        let text = read_text(&path, Stored::Progress)?;
        let created = text.is_none();
        let before = match text {
            Some(text) => parse(&path, &text)?,
            None => Progress::default(),
        };
        // Read before changing anything, so an unreadable journal stops the command, not the undo.
        let mut history = self.load_history()?;
        let mut progress = before.clone();
        let result = change(&mut progress)?;
        if let Some(entry) = Change::between(&before, &progress, description, self.now, created) {
            history.push(entry);
            // The journal first: a crash between the two saves leaves an undo that changes
            // nothing, never a change that cannot be undone.
            self.save_history(&history, "nothing was changed")?;
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
        let target = write_target(&path)?;
        remove_stray_temp_files(target.parent().unwrap_or(dir));
        let before = self.load()?;
        let mut history = self.load_history()?;
        let Some(change) = history.pop() else {
            return Ok(None);
        };
        let mut after = before.clone();
        change.revert(&mut after);
        let is_plain_file = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        if change.created && after.entries.is_empty() && is_plain_file {
            // The change made the file; its previous content is no file at all.
            fs::remove_file(&path).map_err(|err| {
                Error::io("remove", &path, &err)
                    .with_hint("fix the permissions and run `lpath undo` again")
            })?;
        } else if after != before {
            save_progress(&path, &target, &after)?;
        }
        // The progress first: a crash between the two saves leaves a change whose second undo
        // changes nothing, never a reverted change that is gone from the journal.
        self.save_history(&history, "your progress is already restored")?;
        Ok(Some(Undone {
            remaining: history.changes.len(),
            change,
            before,
            after,
        }))
    }

    fn load_history(&self) -> Result<History> {
        let path = self.paths.history();
        let Some(text) = read_text(&path, Stored::History)? else {
            return Ok(History::default());
        };
        History::parse(&text).map_err(|err| match err {
            ParseError::Newer(format) => Error::failure(format!(
                "history file `{}` has format {format}, newer than this lpath understands",
                path.display()
            ))
            .with_hint(UPGRADE_HINT),
            ParseError::Invalid(reason) => Stored::History.unreadable(&path, &reason),
        })
    }

    fn save_history(&self, history: &History, consequence: &str) -> Result<()> {
        let path = self.paths.history();
        let target = write_target(&path)?;
        write_atomic(&target, history.to_toml().as_bytes()).map_err(|err| {
            Error::io("save undo history to", &path, &err).with_hint(format!(
                "{consequence}; free some space or fix the permissions and run the command again"
            ))
        })
    }
}

const UPGRADE_HINT: &str = "upgrade lpath (`cargo install --locked lpath` or your package manager); your file is untouched";

/// The files `Store` reads, for messages that name them and say what to do.
#[derive(Clone, Copy)]
enum Stored {
    Progress,
    History,
}

impl Stored {
    fn unreadable(self, path: &Path, reason: &str) -> Error {
        let (name, hint) = match self {
            Stored::Progress => (
                "progress file",
                "lpath will not overwrite it; fix it by hand, or move it aside to start afresh",
            ),
            Stored::History => (
                "history file",
                "lpath will not overwrite it; fix it by hand, or move it aside to start a new undo history (your progress is not in it)",
            ),
        };
        Error::failure(format!("cannot read {name} `{}`: {reason}", path.display())).with_hint(hint)
    }
}

fn save_progress(path: &Path, target: &Path, progress: &Progress) -> Result<()> {
    write_atomic(target, progress.to_toml().as_bytes()).map_err(|err| {
        Error::io("save progress to", path, &err).with_hint(
            "your previous progress is untouched; free some space or fix the permissions and run the command again",
        )
    })
}

fn create_config_dir(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::failure(format!(
            "config dir `{}` is a file, not a directory",
            dir.display()
        ))
        .with_hint("move that file away, or point LPATH_CONFIG_DIR at a directory"));
    }
    fs::create_dir_all(dir).map_err(|err| {
        Error::io("create config dir", dir, &err).with_hint(
            "check its permissions, or point LPATH_CONFIG_DIR at a directory you can write",
        )
    })
}

/// A file's text, or `None` when there is none yet.
fn read_text(path: &Path, file: Stored) -> Result<Option<String>> {
    let unreadable = |reason: String| file.unreadable(path, &reason);
    match fs::symlink_metadata(path) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(unreadable(describe_io(&err))),
        Ok(meta) if meta.file_type().is_symlink() && fs::metadata(path).is_err() => {
            let target = fs::read_link(path).unwrap_or_default();
            return Err(unreadable(format!(
                "it is a symlink to `{}`, which does not exist",
                target.display()
            )));
        }
        Ok(_) => {}
    }
    if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(unreadable("it is a directory".into()));
    }
    match fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| unreadable("it is not UTF-8 text".into())),
        Err(err) => Err(unreadable(describe_io(&err))),
    }
}

fn parse(path: &Path, text: &str) -> Result<Progress> {
    Progress::parse(text).map_err(|err| match err {
        ParseError::Newer(format) => Error::failure(format!(
            "progress file `{}` has format {format}, newer than this lpath understands",
            path.display()
        ))
        .with_hint(UPGRADE_HINT),
        ParseError::Invalid(reason) => Stored::Progress.unreadable(path, &reason),
    })
}

/// Where a save writes: the progress file, or the file its symlink points to, so a symlinked
/// progress file (into a synced folder, say) stays a symlink.
pub fn write_target(path: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|err| {
            Error::io("follow the symlink", path, &err)
                .with_hint("point the symlink at an existing file, or remove it")
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// Writes `bytes` to a temporary file beside `path`, syncs it, and renames it over `path`.
/// A crash at any moment leaves either the old file or the new one, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let temp = dir.join(format!(
        "{TEMP_PREFIX}{}-{}",
        std::process::id(),
        jiff::Timestamp::now().as_nanosecond()
    ));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if let Err(err) = written {
        let _ = fs::remove_file(&temp);
        return Err(err);
    }
    // Make the rename itself durable; not every platform lets a directory be synced.
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removes temporary files left by runs that were killed mid-save. Called under the lock, so no
/// other run is writing one.
fn remove_stray_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
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
                Error::io("open lock file", path, &err)
                    .with_hint("check that the config dir is writable")
            })?;
        file.lock().map_err(|err| {
            Error::io("lock", path, &err).with_hint("another lpath may be stuck; try again")
        })?;
        Ok(Lock { file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
