//! The progress file on disk: read without writing, and load-modify-save under a lock, atomically.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, describe_io};
use crate::paths::Paths;
use crate::progress::{ParseError, Progress};

/// Prefix of the temporary files a save writes next to the progress file.
const TEMP_PREFIX: &str = ".progress.toml.tmp-";

pub struct Store {
    paths: Paths,
}

impl Store {
    pub fn new(paths: Paths) -> Self {
        Store { paths }
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// The progress as it is now. A missing file is empty progress; nothing is written.
    pub fn load(&self) -> Result<Progress> {
        let path = self.paths.progress();
        match read_progress(&path)? {
            Some(text) => parse(&path, &text),
            None => Ok(Progress::default()),
        }
    }

    /// Loads, lets `change` modify, and saves if anything changed, all under the lock, so that
    /// concurrent runs each see the other's saved result. `change` returns an error to write nothing.
    pub fn update<T>(&self, change: impl FnOnce(&mut Progress) -> Result<T>) -> Result<T> {
        let dir = self.paths.config_dir();
        create_config_dir(dir)?;
        let _lock = Lock::acquire(&self.paths.lock())?;
        let path = self.paths.progress();
        let target = write_target(&path)?;
        remove_stray_temp_files(target.parent().unwrap_or(dir));
        let before = match read_progress(&path)? {
            Some(text) => parse(&path, &text)?,
            None => Progress::default(),
        };
        let mut progress = before.clone();
        let result = change(&mut progress)?;
        if progress != before {
            write_atomic(&target, progress.to_toml().as_bytes())
                .map_err(|err| Error::io("save progress to", &path, &err).with_hint(
                    "your previous progress is untouched; free some space or fix the permissions and run the command again",
                ))?;
        }
        Ok(result)
    }
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

/// The progress file's text, or `None` when there is none yet.
fn read_progress(path: &Path) -> Result<Option<String>> {
    let unreadable = |reason: String| {
        Error::failure(format!(
            "cannot read progress file `{}`: {reason}",
            path.display()
        ))
        .with_hint("lpath will not overwrite it; fix it by hand, or move it aside to start afresh")
    };
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
        .with_hint("upgrade lpath (`cargo install --locked lpath` or your package manager); your file is untouched"),
        ParseError::Invalid(reason) => Error::failure(format!(
            "cannot read progress file `{}`: {reason}",
            path.display()
        ))
        .with_hint(
            "lpath will not overwrite it; fix it by hand, or move it aside to start afresh",
        ),
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
    if let Ok(dir) = File::open(dir) {
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
    file: File,
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
