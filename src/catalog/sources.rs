//! Which catalog files make up the path, in what order, and reading them as untrusted input.

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::catalog::model::{self, Catalog, LeftOut, Located, Source};
use crate::error::{Error, Result, describe_io};
use crate::fs::files::{self, ReadError};
use crate::fs::paths::Paths;

/// A catalog file larger than this is refused before it is read: a shared file is untrusted, and
/// the whole path fits in a few hundred KiB.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// What the command line asked for, free of clap types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Read the bundled path first; false with `--no-bundled`.
    pub bundled: bool,
    /// `--catalog` files, read last, in the order given.
    pub extra: Vec<PathBuf>,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            bundled: true,
            extra: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Bundled,
    /// A `*.toml` file in `<config dir>/catalog.d`.
    CatalogDir,
    /// A file named on the command line.
    Given,
}

/// One catalog, in the order they are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// How messages name it: `catalog.d/mine.toml`, a path as given, or the bundled catalog's name.
    pub name: String,
    /// The file; `None` for the bundled catalog, which is built into the binary.
    pub path: Option<PathBuf>,
    pub origin: Origin,
}

impl Location {
    pub fn bundled() -> Self {
        Location {
            name: model::bundled_name(),
            path: None,
            origin: Origin::Bundled,
        }
    }

    /// A file in catalog.d, named relative to the config dir so messages stay short.
    /// A file name that is not UTF-8 is read by its own bytes and shown with `�` in messages.
    pub fn in_catalog_dir(paths: &Paths, file_name: impl AsRef<std::ffi::OsStr>) -> Self {
        let file_name = file_name.as_ref();
        Location {
            name: format!(
                "catalog.d/{}",
                crate::text::sanitize::visible(&file_name.to_string_lossy())
            ),
            path: Some(paths.catalog_dir().join(file_name)),
            origin: Origin::CatalogDir,
        }
    }

    /// A file named on the command line, named as it was given.
    pub fn given(path: &Path) -> Self {
        Location {
            name: crate::text::sanitize::visible(&path.display().to_string()).into_owned(),
            path: Some(path.to_path_buf()),
            origin: Origin::Given,
        }
    }
}

/// Every catalog to read, in order: the bundled one (unless left out), `catalog.d/*.toml` in
/// file-name order, then the `--catalog` files as given.
pub fn locations(paths: &Paths, selection: &Selection) -> Result<Vec<Location>> {
    let mut out = Vec::new();
    if selection.bundled {
        out.push(Location::bundled());
    }
    out.extend(catalog_dir_files(paths)?);
    out.extend(selection.extra.iter().map(|p| Location::given(p)));
    Ok(out)
}

/// The bundled catalog (unless left out) and then exactly `files`: what `catalog check FILE...` reads.
pub fn given_locations(selection: &Selection, files: &[PathBuf]) -> Vec<Location> {
    let bundled = selection.bundled.then(Location::bundled);
    bundled
        .into_iter()
        .chain(files.iter().map(|p| Location::given(p)))
        .collect()
}

/// `catalog.d/*.toml`, sorted by file name. Hidden files are left out, as the shell's `*.toml`
/// leaves them out, so an editor's hidden backup is never read as a second copy.
fn catalog_dir_files(paths: &Paths) -> Result<Vec<Location>> {
    let dir = paths.catalog_dir();
    let unreadable = |err: &io::Error| {
        Error::io("read catalog dir", &dir, err).with_hint(t!("sources.dir_hint"))
    };
    let entries = match fs::read_dir(&dir) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => {
            paths.check_config_dir()?;
            return Err(unreadable(&err));
        }
        Ok(entries) => entries,
    };
    let mut names = Vec::new();
    for entry in entries {
        let name = entry.map_err(|err| unreadable(&err))?.file_name();
        // Decided on the bytes, so a name that is not UTF-8 keeps its own path.
        let bytes = name.as_encoded_bytes();
        if !bytes.starts_with(b".") && bytes.ends_with(b".toml") {
            names.push(name);
        }
    }
    names.sort();
    Ok(names
        .iter()
        .map(|name| Location::in_catalog_dir(paths, name))
        .collect())
}

/// The catalogs' texts, with where each came from. Files that could not be read are problems,
/// kept aside so `catalog check` can report them with everything else.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub sources: Vec<Source>,
    /// Where each of `sources` was read from, index for index.
    pub locations: Vec<Location>,
    pub unreadable: Vec<Located>,
}

/// Reads every location. A named file that does not exist is a usage error: the path was mistyped.
pub fn load(locations: &[Location]) -> Result<Loaded> {
    let mut loaded = Loaded {
        sources: Vec::new(),
        locations: Vec::new(),
        unreadable: Vec::new(),
    };
    for location in locations {
        let text = match &location.path {
            None => Ok(model::BUNDLED.to_string()),
            // A directory given by mistake is the caller's slip, like a mistyped path.
            Some(path) if location.origin == Origin::Given && path.is_dir() => {
                return Err(
                    Error::usage(t!("sources.a_directory", file = location.name))
                        .with_hint(t!("sources.a_directory_hint")),
                );
            }
            Some(path) => match read_text(path) {
                Err(Unreadable::Missing) => {
                    return Err(Error::usage(t!("sources.missing", file = location.name))
                        .with_hint(t!("sources.missing_hint")));
                }
                other => other,
            },
        };
        match text {
            Ok(text) => {
                loaded.sources.push(Source {
                    name: location.name.clone(),
                    text,
                });
                loaded.locations.push(location.clone());
            }
            Err(why) => loaded.unreadable.push(why.located(&location.name)),
        }
    }
    Ok(loaded)
}

impl Loaded {
    /// The validated path, or every problem: unreadable files first, then each file's problems.
    pub fn catalog(&self) -> Result<Catalog, Vec<Located>> {
        match Catalog::build(&self.sources) {
            Ok(catalog) if self.unreadable.is_empty() => Ok(catalog),
            Ok(_) => Err(self.unreadable.clone()),
            Err(problems) => Err(self
                .unreadable
                .iter()
                .cloned()
                .chain(model::locate(&self.sources, &problems))
                .collect()),
        }
    }

    /// The path from every file without problems: a file with any problem, or one that could
    /// not be read, is left out whole and named in the catalog's `left_out`, so a half-edited
    /// catalog never stands between a learner and their progress. A file that only breaks
    /// without another (it `requires` an entry of a left-out file) is left out too. A problem in
    /// the bundled catalog, which a test keeps from ever shipping, is still an error.
    pub fn usable_catalog(&self) -> Result<Catalog, Vec<Located>> {
        let mut left_out: Vec<LeftOut> = Vec::new();
        let mut count = |file: &str| match left_out.iter_mut().find(|l| l.file == file) {
            Some(left) => left.problems += 1,
            None => left_out.push(LeftOut {
                file: file.to_string(),
                problems: 1,
            }),
        };
        for problem in &self.unreadable {
            count(&problem.file);
        }
        let mut sources = self.sources.clone();
        loop {
            let problems = match Catalog::build(&sources) {
                Ok(mut catalog) => {
                    catalog.left_out = left_out;
                    return Ok(catalog);
                }
                Err(problems) => problems,
            };
            let located = model::locate(&sources, &problems);
            if located.iter().any(|p| p.file == model::bundled_name()) {
                return Err(located
                    .into_iter()
                    .filter(|p| p.file == model::bundled_name())
                    .collect());
            }
            for problem in &located {
                count(&problem.file);
            }
            // Every round leaves out at least one file, so this ends.
            let broken: Vec<usize> = problems.iter().map(|p| p.source).collect();
            sources = sources
                .into_iter()
                .enumerate()
                .filter(|(index, _)| !broken.contains(index))
                .map(|(_, source)| source)
                .collect();
        }
    }

    /// The same catalogs with `source` in place of the one read from `location`, or inserted at
    /// `at` when none was.
    pub fn with_source(&self, location: Location, source: Source, at: usize) -> Loaded {
        let mut next = self.clone();
        match next.locations.iter().position(|l| l.path == location.path) {
            Some(index) => next.sources[index] = source,
            None => {
                let at = at.min(next.sources.len());
                next.sources.insert(at, source);
                next.locations.insert(at, location);
            }
        }
        next
    }
}

/// Why a file's text could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unreadable {
    Missing,
    Io(String),
    TooBig(u64),
    /// Not UTF-8 from this byte offset on; the valid text before it, to find line and column.
    NotUtf8(String),
}

impl Unreadable {
    fn located(self, file: &str) -> Located {
        let at = |line, column, message: String| Located {
            file: file.to_string(),
            line,
            column,
            message,
        };
        match self {
            Unreadable::Missing => at(None, None, crate::i18n::text("sources.does_not_exist")),
            Unreadable::Io(reason) => at(
                None,
                None,
                t!("sources.unreadable", reason = reason).into_owned(),
            ),
            Unreadable::TooBig(len) => at(
                None,
                None,
                t!(
                    "sources.too_big",
                    bytes = len,
                    mib = MAX_BYTES / (1024 * 1024)
                )
                .into_owned(),
            ),
            Unreadable::NotUtf8(valid) => {
                let (line, column) = crate::text::position::line_column(&valid, valid.len());
                at(
                    Some(line),
                    Some(column),
                    crate::i18n::text("sources.not_utf8"),
                )
            }
        }
    }
}

/// A catalog file's text. The size is checked before reading, and the read itself stops one byte
/// past the limit, so neither a huge file nor one that grows meanwhile is read whole.
fn read_text(path: &Path) -> Result<String, Unreadable> {
    let io = |err: io::Error| {
        if err.kind() == io::ErrorKind::NotFound {
            Unreadable::Missing
        } else {
            Unreadable::Io(describe_io(&err))
        }
    };
    let bytes = files::read_bounded(path, MAX_BYTES).map_err(|err| match err {
        ReadError::Missing => Unreadable::Missing,
        ReadError::TooBig(len) => Unreadable::TooBig(len),
        ReadError::Io(err) => io(err),
        other => Unreadable::Io(other.reason()),
    })?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.into_bytes();
        Unreadable::NotUtf8(String::from_utf8_lossy(&bytes[..valid]).into_owned())
    })?;
    Ok(match crate::text::width::lf_line_ends(&text) {
        Cow::Owned(lf) => lf,
        Cow::Borrowed(_) => text,
    })
}

/// The error for a path that does not load: the first problem with its place, how many more
/// there are, and the command that shows them all.
pub fn broken(problems: &[Located]) -> Error {
    let first = problems
        .first()
        .map(ToString::to_string)
        .unwrap_or_else(|| crate::i18n::text("sources.does_not_load"));
    if problems.iter().all(|p| p.file == model::bundled_name()) {
        return Error::failure(t!("sources.bundled_broken", first = first))
            .with_hint(t!("sources.bundled_broken_hint"));
    }
    Error::failure(format!("{first}{}", and_more(problems.len())))
        .with_hint(t!("sources.broken_hint"))
}

/// The one line on stderr that says a file was left out, how many problems it has, and where
/// to see them.
pub fn left_out_warning(left: &LeftOut) -> String {
    let key = format!(
        "left_out.warning.{}",
        crate::i18n::plural(left.problems as u64)
    );
    t!(
        "common.warning",
        message = t!(&key, file = left.file, count = left.problems)
    )
    .into_owned()
}

/// ` (and 2 more problems)` after the first of `count` problems; nothing when there is one.
pub fn and_more(count: usize) -> String {
    match count {
        0 | 1 => String::new(),
        n => crate::i18n::counted("sources.and_more", n as u64 - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn catalog_dir_files_come_in_file_name_order_without_hidden_or_other_files() {
        let root = tempfile::tempdir().unwrap();
        let paths = Paths::at(root.path());
        fs::create_dir_all(paths.catalog_dir()).unwrap();
        for name in ["b.toml", "a.toml", ".hidden.toml", "notes.txt", "c.toml~"] {
            write(&paths.catalog_dir(), name, b"format = 1\n");
        }
        let names: Vec<String> = locations(
            &paths,
            &Selection {
                bundled: true,
                extra: vec![PathBuf::from("x/extra.toml")],
            },
        )
        .unwrap()
        .into_iter()
        .map(|l| l.name)
        .collect();
        assert_eq!(
            names,
            [
                &model::bundled_name(),
                "catalog.d/a.toml",
                "catalog.d/b.toml",
                "x/extra.toml"
            ]
        );
    }

    #[test]
    fn a_missing_catalog_dir_is_no_files() {
        let root = tempfile::tempdir().unwrap();
        let paths = Paths::at(root.path().join("nowhere"));
        let selection = Selection {
            bundled: false,
            extra: Vec::new(),
        };
        assert_eq!(locations(&paths, &selection).unwrap(), []);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_without_reading_it() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("big.toml");
        // Sparse: the size is there, the bytes are not, so only a metadata check can be this quick.
        fs::File::create(&path)
            .unwrap()
            .set_len(MAX_BYTES + 1)
            .unwrap();
        assert_eq!(read_text(&path), Err(Unreadable::TooBig(MAX_BYTES + 1)));
    }

    #[test]
    fn a_file_at_the_limit_is_read() {
        let root = tempfile::tempdir().unwrap();
        let path = write(root.path(), "edge.toml", &vec![b'#'; MAX_BYTES as usize]);
        assert_eq!(read_text(&path).map(|t| t.len()), Ok(MAX_BYTES as usize));
    }

    #[test]
    fn non_utf8_is_located_at_the_first_bad_byte() {
        let root = tempfile::tempdir().unwrap();
        let path = write(root.path(), "latin1.toml", b"format = 1\n# caf\xe9\n");
        let located = read_text(&path).unwrap_err().located("latin1.toml");
        assert_eq!(
            located.to_string(),
            "latin1.toml:2:6: not UTF-8 text here; save the file as UTF-8"
        );
    }

    #[test]
    fn a_directory_is_not_a_catalog() {
        let root = tempfile::tempdir().unwrap();
        assert_eq!(
            read_text(root.path()),
            Err(Unreadable::Io("it is a directory".into()))
        );
    }

    #[test]
    fn loading_a_missing_named_file_is_a_usage_error() {
        let err = load(&[Location::given(Path::new("/no/such/catalog.toml"))]).unwrap_err();
        assert_eq!(err.code, crate::error::exit::USAGE);
        assert!(err.message.contains("/no/such/catalog.toml"), "{err}");
    }

    #[test]
    fn a_file_with_problems_is_left_out_with_any_file_that_needs_it() {
        let file = |name: &str, text: &str| Source {
            name: name.into(),
            text: text.into(),
        };
        let track = "format = 1\n[[track]]\nid = \"t\"\ntitle = \"T\"\n";
        let entry = |id: &str, extra: &str| {
            format!(
                "[[entry]]\nid = \"{id}\"\nkind = \"blog\"\ntitle = \"{id}\"\ntrack = \"t\"\nurl = \"https://example.org/{id}\"\n{extra}\n"
            )
        };
        let loaded = Loaded {
            sources: vec![
                Source::bundled(),
                file("a.toml", &format!("{track}{}", entry("a", "minutes = 0"))),
                file(
                    "b.toml",
                    "format = 1\n[[entry]]\nid = \"b\"\nkind = \"blog\"\ntitle = \"b\"\ntrack = \"start\"\nurl = \"https://example.org/b\"\nrequires = [\"a\"]\n",
                ),
                file(
                    "c.toml",
                    &format!(
                        "format = 1\n{}",
                        entry("c", "").replace("\"t\"", "\"start\"")
                    ),
                ),
            ],
            locations: Vec::new(),
            unreadable: vec![Located {
                file: "d.toml".into(),
                line: None,
                column: None,
                message: "cannot read it".into(),
            }],
        };
        let catalog = loaded.usable_catalog().unwrap();
        let left: Vec<(&str, usize)> = catalog
            .left_out
            .iter()
            .map(|l| (l.file.as_str(), l.problems))
            .collect();
        assert_eq!(left, [("d.toml", 1), ("a.toml", 1), ("b.toml", 1)]);
        assert!(catalog.get("c").is_some() && catalog.get("bert").is_some());
        assert!(catalog.get("a").is_none() && catalog.get("b").is_none());
        // The whole path is never built from part of it.
        assert!(loaded.catalog().is_err());
    }

    #[test]
    fn broken_names_the_first_problem_and_counts_the_rest() {
        let problem = |line| Located {
            file: "catalog.d/mine.toml".into(),
            line: Some(line),
            column: Some(9),
            message: "unknown track `rl`".into(),
        };
        let err = broken(&[problem(12), problem(20), problem(30)]);
        assert_eq!(
            err.message,
            "catalog.d/mine.toml:12:9: unknown track `rl` (and 2 more problems)"
        );
        assert!(err.hint.unwrap().contains("lpath catalog check"));
    }
}
