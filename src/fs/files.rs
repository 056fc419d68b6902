//! The one reader and the one atomic writer every file lpath keeps goes through.
//!
//! The reader refuses what is not a regular file (a FIFO would block forever, `/dev/zero` never
//! ends) and reads at most a limit. The writer writes a temporary file of its own beside the
//! file it replaces (`.progress.toml.<pid>.<random>.tmp`: one prefix per file, so writers of
//! different files never touch each other's), syncs it, gives it the mode and owner of the file it
//! replaces, and renames it into place; the only leftovers it removes are its own file's, and only
//! those whose writer is gone.

use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, RandomState};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The most the progress file, the undo journal or an import is read: far beyond any reading
/// path (200,000 entries with their notes fit in a tenth of it), and small enough to hold.
pub const MAX_STATE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing there (a dangling symlink is [`ReadError::Io`]).
    Missing,
    /// A directory, FIFO, socket or device: what it is, for the message.
    NotRegular(&'static str),
    /// Larger than the limit: how large it is (at least).
    TooBig(u64),
    Io(io::Error),
}

impl ReadError {
    /// Finishes "cannot read `file`: ...".
    pub fn reason(&self) -> String {
        match self {
            ReadError::Missing => crate::i18n::text("files.missing"),
            ReadError::NotRegular(what) if what.ends_with("directory") => {
                crate::i18n::text("files.directory")
            }
            ReadError::NotRegular(what) => {
                t!("files.not_regular", what = kind_words(what)).into_owned()
            }
            ReadError::TooBig(len) => t!(
                "files.too_big",
                bytes = len,
                mib = MAX_STATE_BYTES / (1024 * 1024)
            )
            .into_owned(),
            ReadError::Io(err) => crate::error::describe_io(err),
        }
    }
}

/// The bytes of the regular file at `path` (symlinks followed), at most `limit` of them.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = fs::metadata(path).map_err(|err| match err.kind() {
        io::ErrorKind::NotFound if fs::symlink_metadata(path).is_err() => ReadError::Missing,
        _ => ReadError::Io(err),
    })?;
    regular(&meta)?;
    if meta.len() > limit {
        return Err(ReadError::TooBig(meta.len()));
    }
    let file = File::open(path).map_err(ReadError::Io)?;
    // The file may have been swapped since the look above; what was opened is what counts.
    regular(&file.metadata().map_err(ReadError::Io)?)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig(bytes.len() as u64));
    }
    Ok(bytes)
}

fn regular(meta: &fs::Metadata) -> Result<(), ReadError> {
    if meta.is_file() {
        return Ok(());
    }
    Err(ReadError::NotRegular(kind_of(meta)))
}

/// [`kind_of`]'s words in the learner's language.
fn kind_words(what: &str) -> String {
    let key = match what {
        "a directory" => "files.kind.directory",
        "a FIFO (named pipe)" => "files.kind.fifo",
        "a socket" => "files.kind.socket",
        "a device" => "files.kind.device",
        _ => "files.kind.other",
    };
    crate::i18n::text(key)
}

/// What a non-regular file is, in words.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    "a special file"
}

/// Writes `bytes` to a temporary file beside `path`, syncs it, and renames it over `path`. A
/// crash at any moment leaves either the old file or the new one, never a mix. A symlink is
/// written through (its target replaced, the link kept); a FIFO or device is refused, never
/// replaced. The new file keeps the old one's permissions and, where allowed, its owner.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_via(path, bytes, Links::Follow, |file| file)
}

/// [`write_atomic`] for a file that is lpath's alone and only ever a shortcut (the catalog
/// cache): a symlink at `path` is replaced by the new file, never written through, so a link
/// planted there cannot make lpath overwrite the file it points to.
pub fn write_atomic_own(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_via(path, bytes, Links::Replace, |file| file)
}

/// What a save does with a symlink where the file should be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Links {
    /// Replace the target and keep the link (the learner's own files).
    Follow,
    /// Replace the link itself (lpath's own files).
    Replace,
}

/// What `export -o` does: a regular file (or a new one) is replaced atomically like any save; a
/// FIFO or device (`/dev/stdout`, a process substitution) is written into as a shell's `>` would,
/// and never replaced by a regular file.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut file = OpenOptions::new().write(true).open(path)?;
            file.write_all(bytes)?;
            file.flush()
        }
        _ => write_atomic(path, bytes),
    }
}

/// Where the bytes of a save go before the rename: the temporary file itself, or in tests a
/// writer in front of it that fails the way a full disk does.
pub(crate) trait SaveSink: Write {
    fn sync(&mut self) -> io::Result<()>;
}

impl SaveSink for File {
    fn sync(&mut self) -> io::Result<()> {
        self.sync_all()
    }
}

pub(crate) fn write_atomic_via<S: SaveSink>(
    path: &Path,
    bytes: &[u8],
    links: Links,
    sink: impl FnOnce(File) -> S,
) -> io::Result<()> {
    let path = &match links {
        Links::Follow => through_symlinks(path)?,
        Links::Replace => path.to_path_buf(),
    };
    let meta = match links {
        Links::Follow => fs::metadata(path),
        // A link is replaced like a file: nothing of it, or of its target, is kept.
        Links::Replace => fs::symlink_metadata(path).and_then(|meta| {
            if meta.file_type().is_symlink() {
                Err(io::ErrorKind::NotFound.into())
            } else {
                Ok(meta)
            }
        }),
    };
    let old = match meta {
        Ok(meta) if !meta.is_file() => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                t!("files.never_replaced", what = kind_words(kind_of(&meta))).into_owned(),
            ));
        }
        Ok(meta) => Some(meta),
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(err),
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let (temp, file) = create_temp(path)?;
    let written = (|| {
        if let Some(old) = &old {
            keep_mode_and_owner(&file, old)?;
        }
        let mut sink = sink(file);
        sink.write_all(bytes)?;
        sink.sync()?;
        drop(sink);
        fs::rename(&temp, path)
    })();
    if let Err(err) = written {
        let _ = fs::remove_file(&temp);
        return Err(err);
    }
    // Make the rename itself durable; not every platform lets a directory be synced.
    if let Ok(dir) = File::open(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The file a symlink chain ends at, so a save replaces the target and the link stays a link.
/// A link to a file that does not exist yet ends there: the save creates it, as the shell's `>`
/// would. A relative target is read from the link's own directory.
fn through_symlinks(path: &Path) -> io::Result<PathBuf> {
    /// As many links as Linux follows before it gives up (`ELOOP`).
    const MAX_LINKS: usize = 40;
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = path.parent().unwrap_or(Path::new(".")).join(target);
            }
            _ => return Ok(path),
        }
    }
    // The system's own error, so its message (and its translation) is the one `open` gives.
    #[cfg(unix)]
    return Err(io::Error::from(rustix::io::Errno::LOOP));
    #[cfg(not(unix))]
    Err(io::Error::other("too many levels of symbolic links"))
}

#[cfg(unix)]
fn keep_mode_and_owner(file: &File, old: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))?;
    let mine = file.metadata()?;
    if (mine.uid(), mine.gid()) != (old.uid(), old.gid()) {
        // Only root may give a file away; anyone else keeps the file as theirs, mode intact.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    Ok(())
}

#[cfg(not(unix))]
fn keep_mode_and_owner(file: &File, old: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())
}

/// A new temporary file beside `path`, named for it and for this process.
pub(crate) fn create_temp(path: &Path) -> io::Result<(PathBuf, File)> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut attempts = 0;
    loop {
        let random = RandomState::new().hash_one(attempts);
        let temp = dir.join(format!(
            ".{name}.{}.{random:016x}{TEMP_SUFFIX}",
            std::process::id()
        ));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempts < 8 => {
                attempts += 1;
            }
            Err(err) => return Err(err),
        }
    }
}

const TEMP_SUFFIX: &str = ".tmp";

/// The temporary files in `dir` that a writer which is gone left behind (killed mid-save): every
/// file's, or with `of` only those of the file named `of`. Files of a writer still running are
/// never listed. lpath before 0.2 named them `.progress.toml.tmp-<pid>-<time>`.
pub fn leftovers(dir: &Path, of: Option<&str>) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                return false;
            };
            match temp_of(name) {
                Some((file, pid)) => {
                    of.is_none_or(|of| of == file)
                        && (pid.is_none_or(|pid| !running(pid)) || stale(&entry.path()))
                }
                None => false,
            }
        })
        .map(|entry| entry.path())
        .collect();
    found.sort();
    found
}

/// Removes [`leftovers`]; what could not be removed is left, to be reported by `doctor`.
pub fn remove_leftovers(dir: &Path, of: Option<&str>) -> usize {
    leftovers(dir, of)
        .iter()
        .filter(|path| fs::remove_file(path).is_ok())
        .count()
}

/// The file a temporary file was written for, and the writer's process id (`None` for a name
/// older versions used, whose writers are all gone since).
fn temp_of(name: &str) -> Option<(&str, Option<u32>)> {
    if name.starts_with(".progress.toml.tmp-") {
        return Some(("progress.toml", None));
    }
    let rest = name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    let (rest, random) = rest.rsplit_once('.')?;
    let (file, pid) = rest.rsplit_once('.')?;
    let hex = random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit());
    (hex && !file.is_empty())
        .then_some(())
        .and(pid.parse().ok().map(|pid| (file, Some(pid))))
}

/// A day old: no save takes that long, so its writer is gone even if its process id is in use
/// again (on this machine or, in a synced config dir, on another).
fn stale(path: &Path) -> bool {
    const DAY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);
    fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|at| at.elapsed().is_ok_and(|age| age > DAY))
}

/// Whether process `pid` still runs. Where that cannot be told (no `/proc`), a file is the
/// leftover of a running writer only if it is our own.
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    proc.is_dir() && proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that takes `room` bytes and then fails like a full disk, or whose sync fails.
    struct FaultyDisk {
        file: File,
        room: usize,
        sync_fails: bool,
    }

    impl Write for FaultyDisk {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.file.write(&buf[..n])
        }

        fn flush(&mut self) -> io::Result<()> {
            self.file.flush()
        }
    }

    impl SaveSink for FaultyDisk {
        fn sync(&mut self) -> io::Result<()> {
            if self.sync_fails {
                return Err(io::Error::other("input/output error"));
            }
            self.file.sync_all()
        }
    }

    const OLD: &str =
        "format = 1\n\n[entry.bert]\nstatus = \"done\"\nchanged = \"2026-01-01T00:00:00Z\"\n";

    fn dir_with_old_file() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        fs::write(&path, OLD).unwrap();
        (dir, path)
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Saves through a faulty disk, and checks that the save failed and left only the old file.
    #[track_caller]
    fn save_fails_and_keeps_the_old_file(room: usize, sync_fails: bool) -> io::Error {
        let (dir, path) = dir_with_old_file();
        let new = "format = 1\n".repeat(100);
        let err = write_atomic_via(&path, new.as_bytes(), Links::Follow, |file| FaultyDisk {
            file,
            room,
            sync_fails,
        })
        .unwrap_err();
        assert_eq!(fs::read_to_string(&path).unwrap(), OLD);
        assert_eq!(names_in(dir.path()), vec!["progress.toml"]);
        err
    }

    #[test]
    fn a_full_disk_mid_save_fails_and_leaves_the_old_file_and_no_temporary_file() {
        let err = save_fails_and_keeps_the_old_file(37, false);
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
    }

    #[test]
    fn a_disk_full_before_the_first_byte_leaves_the_old_file() {
        save_fails_and_keeps_the_old_file(0, false);
    }

    #[test]
    fn a_failed_sync_never_renames_the_unsynced_file_into_place() {
        save_fails_and_keeps_the_old_file(usize::MAX, true);
    }

    #[test]
    fn a_save_that_succeeds_replaces_the_file_and_leaves_no_temporary_file() {
        let (dir, path) = dir_with_old_file();
        write_atomic(&path, b"format = 1\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "format = 1\n");
        assert_eq!(names_in(dir.path()), vec!["progress.toml"]);
    }

    #[test]
    fn temporary_files_are_named_for_their_file_and_writer() {
        assert_eq!(
            temp_of(".progress.toml.123.00000000deadbeef.tmp"),
            Some(("progress.toml", Some(123)))
        );
        assert_eq!(
            temp_of(".catalog.bin.7.0123456789abcdef.tmp"),
            Some(("catalog.bin", Some(7)))
        );
        assert_eq!(
            temp_of(".progress.toml.tmp-99-1234"),
            Some(("progress.toml", None))
        );
        assert_eq!(temp_of(".hidden.toml"), None);
        assert_eq!(temp_of("notes.tmp"), None);
    }

    #[test]
    fn only_leftovers_of_writers_that_are_gone_are_removed_and_only_of_the_file_named() {
        let dir = tempfile::tempdir().unwrap();
        // No process has an id this high on Linux (pid_max is at most 2^22).
        let gone = ".progress.toml.4294967295.0123456789abcdef.tmp";
        let other_file = ".history.toml.4294967295.0123456789abcdef.tmp";
        let live = format!(".progress.toml.{}.0123456789abcdef.tmp", std::process::id());
        for name in [gone, other_file, &live, "progress.toml"] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(remove_leftovers(dir.path(), Some("progress.toml")), 1);
        let mut left = names_in(dir.path());
        left.sort();
        let mut expected = vec![other_file.to_string(), live, "progress.toml".to_string()];
        expected.sort();
        assert_eq!(left, expected);
    }

    #[cfg(unix)]
    #[test]
    fn a_save_keeps_the_mode_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, path) = dir_with_old_file();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"format = 1\n").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        let (dir, path) = dir_with_old_file();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        write_atomic(&link, b"new\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
    }

    #[cfg(unix)]
    #[test]
    fn the_reader_refuses_a_device_and_bounds_what_it_reads() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(
            read_bounded(&zero, 10),
            Err(ReadError::NotRegular("a device"))
        ));
        let big = dir.path().join("big");
        fs::write(&big, [b'x'; 11]).unwrap();
        assert!(matches!(read_bounded(&big, 10), Err(ReadError::TooBig(11))));
        assert!(matches!(
            read_bounded(&dir.path().join("none"), 10),
            Err(ReadError::Missing)
        ));
    }
}
