//! The catalog cache: the validated catalog kept in a binary file, reused while every catalog file is byte for byte the same.
//!
//! A large catalog takes far longer to parse and check than to start lpath, and most runs read
//! the same files as the run before. The cache is only ever a shortcut: it holds catalogs that
//! passed validation, is keyed by this very binary and by each source's name, size, modification
//! time and content hash, and any doubt (a missing, truncated, foreign or unwritable file) means
//! parsing the catalogs as if there were no cache.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::catalog::codec::{self, Hasher, Reader, Writer};
use crate::catalog::entries::Entries;
use crate::catalog::entry::Track;
use crate::catalog::model::{BUNDLED, Catalog, IndexLists};
use crate::catalog::sources::{self, Loaded, Location};
use crate::error::Result;
use crate::fs::files;
use crate::fs::paths;

/// Puts the cache somewhere else than the default.
pub const CACHE_DIR_VAR: &str = "LPATH_CACHE_DIR";

/// The one cache file: a different set of catalogs replaces it rather than adding another.
pub const FILE_NAME: &str = "catalog.bin";

const MAGIC: &[u8] = b"lpath catalog cache\n";

/// Bump when the encoding below changes (a rebuilt binary misses the old cache anyway).
const FORMAT: u64 = 4;

/// Where the cache lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// `LPATH_CACHE_DIR`, else the platform cache dir, whatever `LPATH_CONFIG_DIR` says: the
    /// config dir may be shared between machines (`lpath sync`), and the cache is keyed by this
    /// machine's binary, so two machines would keep rewriting each other's. `None` when there is
    /// no home directory to put it in.
    pub fn from_env() -> Result<Option<Cache>> {
        if let Some(dir) = paths::dir_from_env(CACHE_DIR_VAR)? {
            return Ok(Some(Cache { dir }));
        }
        Ok(
            directories::ProjectDirs::from("", "", "lpath").map(|dirs| Cache {
                dir: dirs.cache_dir().to_path_buf(),
            }),
        )
    }

    pub fn file(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The catalog built from `locations` the last time, if they have not changed since. Reads
    /// every file to hash it; any file that cannot be read is a miss, left for the normal load
    /// to report.
    pub fn read(&self, locations: &[Location]) -> Option<Catalog> {
        let mut buffer = vec![0; 256 * 1024];
        let mut fingerprints = Vec::with_capacity(locations.len());
        for location in locations {
            fingerprints.push(match &location.path {
                None => Fingerprint::of(location, BUNDLED.as_bytes()),
                Some(path) => Fingerprint::of_file(location, path, &mut buffer)?,
            });
        }
        decode(&self.file(), &Key::new(&fingerprints))
    }

    /// Keeps `catalog`, built from `loaded`, for the next run. Failing to is no error: the next
    /// run parses the catalogs again.
    pub fn write(&self, loaded: &Loaded, catalog: &Catalog) {
        let texts: Vec<Fingerprint> = loaded
            .locations
            .iter()
            .zip(&loaded.sources)
            .map(|(location, source)| Fingerprint::of(location, source.text.as_bytes()))
            .collect();
        if fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        // Leftovers of a run killed mid-write; a writer still running keeps its file.
        files::remove_leftovers(&self.dir, Some(FILE_NAME));
        // The cache is lpath's alone: a symlink planted at its name is replaced, not written
        // through to whatever it points at.
        let _ = files::write_atomic_own(&self.file(), &encode(&Key::new(&texts), catalog));
    }
}

/// One source as the key sees it.
struct Fingerprint<'a> {
    name: &'a str,
    len: usize,
    /// Nanoseconds since 1970; 0 for the bundled catalog.
    modified: u64,
    hash: u64,
}

impl<'a> Fingerprint<'a> {
    fn of(location: &'a Location, text: &[u8]) -> Fingerprint<'a> {
        let meta = location.path.as_deref().and_then(|p| fs::metadata(p).ok());
        Fingerprint {
            name: &location.name,
            len: text.len(),
            modified: meta.as_ref().map_or(0, modified),
            hash: codec::hash(text),
        }
    }

    /// Hashes the file a piece at a time through `buffer`, so no copy of it is kept. Only what
    /// the normal load would read counts: a regular file within the size limit.
    fn of_file(location: &'a Location, path: &Path, buffer: &mut [u8]) -> Option<Fingerprint<'a>> {
        let meta = fs::metadata(path).ok()?;
        if !meta.is_file() || meta.len() > sources::MAX_BYTES {
            return None;
        }
        let mut file = File::open(path).ok()?;
        let mut hasher = Hasher::new();
        let mut len = 0;
        loop {
            let n = match file.read(buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => return None,
            };
            hasher.update(buffer.get(..n)?);
            len += n;
            if len as u64 > sources::MAX_BYTES {
                return None;
            }
        }
        Some(Fingerprint {
            name: &location.name,
            len,
            modified: modified(&meta),
            hash: hasher.digest(),
        })
    }
}

/// What a cached catalog was built from: this binary (its version, size and modification time,
/// so a rebuilt binary never reads another's encoding), then each source in order with its name,
/// size, modification time and content hash. The hash decides; size and time are a second guard.
struct Key(Vec<u8>);

impl Key {
    fn new(sources: &[Fingerprint]) -> Key {
        let mut w = Writer::new();
        w.u64(FORMAT);
        w.str(env!("CARGO_PKG_VERSION"));
        let exe = std::env::current_exe().and_then(fs::metadata).ok();
        w.u64(exe.as_ref().map_or(0, |m| m.len()));
        w.u64(exe.as_ref().map_or(0, modified));
        w.usize(sources.len());
        for source in sources {
            w.str(source.name);
            w.usize(source.len);
            w.u64(source.modified);
            w.u64(source.hash);
        }
        Key(w.into_bytes())
    }
}

/// A file's modification time in nanoseconds since 1970, or 0 where the system has none.
fn modified(meta: &fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .and_then(|d| u64::try_from(d.as_nanos()).ok())
        .unwrap_or(0)
}

// ---- the file: magic, checksum, then key and catalog ----------------------------------------

fn encode(key: &Key, catalog: &Catalog) -> Vec<u8> {
    let mut w = Writer::new();
    w.bytes(&key.0);
    w.usize(catalog.tracks.len());
    for track in &catalog.tracks {
        let Track {
            id,
            title,
            title_zh,
        } = track;
        w.str(id);
        w.str(title);
        w.opt_str(title_zh.as_deref());
    }
    w.indices(catalog.path());
    w.indices(catalog.by_id());
    for index in 0..catalog.len() {
        w.indices(catalog.requires(index));
    }
    for index in 0..catalog.len() {
        w.indices(catalog.companions(index));
    }
    // Last, so that the entries can keep the bytes they are read from.
    catalog.entries.encode(&mut w);
    let body = w.into_bytes();
    let mut bytes = Vec::with_capacity(MAGIC.len() + 8 + body.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&codec::hash(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    bytes
}

/// The catalog in the cache file if it is whole, intact, and was written under `key`.
fn decode(path: &Path, key: &Key) -> Option<Catalog> {
    decode_bytes(files::read_bounded(path, files::MAX_STATE_BYTES).ok()?, key)
}

fn decode_bytes(bytes: Vec<u8>, key: &Key) -> Option<Catalog> {
    let (magic, rest) = bytes.split_at_checked(MAGIC.len())?;
    let (checksum, body) = rest.split_first_chunk::<8>()?;
    let mut r = Reader::at(&bytes, MAGIC.len() + 8);
    // The key before the checksum: a changed catalog is the common miss, and costs no hashing.
    let intact = || u64::from_le_bytes(*checksum) == codec::hash(body);
    if magic != MAGIC || r.bytes()? != key.0 || !intact() {
        return None;
    }
    let tracks = (0..r.count()?)
        .map(|_| {
            Some(Track {
                id: r.string()?,
                title: r.string()?,
                title_zh: r.opt_string()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let order = r.indices()?;
    let by_id = r.indices()?;
    let n = order.len();
    let mut lists = || {
        let mut lists = IndexLists::with_capacity(n);
        for _ in 0..n {
            let count = r.count()?;
            lists.try_push((0..count).map(|_| r.usize()))?;
        }
        Some(lists)
    };
    let requires = lists()?;
    let companions = lists()?;
    let at = r.position();
    let entries = Entries::decode(bytes, at)?;
    Catalog::from_parts(tracks, entries, order, by_id, requires, companions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::Source;

    fn key(text: &str) -> Key {
        let location = Location::bundled();
        Key::new(&[Fingerprint::of(&location, text.as_bytes())])
    }

    fn bundled() -> Catalog {
        Catalog::build(&[Source::bundled()]).unwrap()
    }

    #[test]
    fn a_catalog_reads_back_as_it_was_built() {
        let catalog = bundled();
        let decoded = decode_bytes(encode(&key("a"), &catalog), &key("a")).unwrap();
        assert_eq!(decoded, catalog);
        assert_eq!(decoded.get("bert"), catalog.get("bert"));
        assert_eq!(decoded.path(), catalog.path());
    }

    #[test]
    fn another_key_is_a_miss() {
        let bytes = encode(&key("a"), &bundled());
        assert!(decode_bytes(bytes, &key("b")).is_none());
    }

    #[test]
    fn every_truncation_and_a_flipped_byte_are_misses_not_panics() {
        let bytes = encode(&key("a"), &crate::catalog::model::from_toml(SMALL));
        let decoded = |bytes: &[u8]| decode_bytes(bytes.to_vec(), &key("a"));
        assert!(decoded(&bytes).is_some());
        for len in 0..bytes.len() {
            assert!(decoded(&bytes[..len]).is_none(), "{len} bytes");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decoded(&longer).is_none(), "a byte too many");
        for at in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x20;
            assert!(decoded(&flipped).is_none(), "byte {at}");
        }
    }

    #[test]
    fn a_missing_file_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        assert!(decode(&dir.path().join(FILE_NAME), &key("a")).is_none());
    }

    const SMALL: &str = "format = 1\n[[track]]\nid = \"t\"\ntitle = \"T\"\n\
        [[entry]]\nid = \"a\"\nkind = \"paper\"\ntitle = \"A\"\ntrack = \"t\"\nurl = \"https://example.org/a\"\nyear = 2017\naliases = [\"old-a\"]\n\
        [[entry]]\nid = \"b\"\nkind = \"blog\"\ntitle = \"B 中文\"\ntrack = \"t\"\nurl = \"https://example.org/b\"\nrequires = [\"a\"]\nminutes = 5\n";
}
