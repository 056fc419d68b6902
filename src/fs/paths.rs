//! Where lpath keeps its files: `LPATH_CONFIG_DIR`, else the platform config dir.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub const CONFIG_DIR_VAR: &str = "LPATH_CONFIG_DIR";

/// The files lpath reads and writes, all inside one config dir.
#[derive(Debug, Clone)]
pub struct Paths {
    pub config_dir: PathBuf,
}

impl Paths {
    /// Resolves the config dir from the environment.
    pub fn from_env() -> Result<Self> {
        let config_dir = match dir_from_env(CONFIG_DIR_VAR)? {
            Some(dir) => dir,
            None => directories::ProjectDirs::from("", "", "lpath")
                .map(|dirs| dirs.config_dir().to_path_buf())
                .ok_or_else(|| {
                    Error::failure(t!("paths.no_home"))
                        .with_hint(t!("paths.no_home_hint", var = CONFIG_DIR_VAR))
                })?,
        };
        Ok(Self { config_dir })
    }

    pub fn at(config_dir: impl Into<PathBuf>) -> Self {
        Self {
            config_dir: config_dir.into(),
        }
    }

    pub fn progress(&self) -> PathBuf {
        self.config_dir.join("progress.toml")
    }

    /// The undo journal.
    pub fn history(&self) -> PathBuf {
        self.config_dir.join("history.toml")
    }

    /// The review cards' state, beside the progress file.
    pub fn reviews(&self) -> PathBuf {
        self.config_dir.join("review.toml")
    }

    /// The learner's settings (`prefer`), written by hand and only read by lpath.
    pub fn settings(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    pub fn lock(&self) -> PathBuf {
        self.config_dir.join("progress.lock")
    }

    /// The user's own catalogs, read in file-name order after the bundled one.
    pub fn catalog_dir(&self) -> PathBuf {
        self.config_dir.join("catalog.d")
    }

    /// The catalog `lpath add` writes to and `lpath remove` edits.
    pub fn local_catalog(&self) -> PathBuf {
        self.catalog_dir().join("local.toml")
    }

    /// Held while `lpath add` or `remove` reads, checks and rewrites `local.toml`.
    pub fn catalog_lock(&self) -> PathBuf {
        self.config_dir.join("catalog.lock")
    }

    /// A config dir that is a file, or a symlink to nothing, is reported as such, rather than as a
    /// file inside it that cannot be read or a directory that cannot be created.
    pub fn check_config_dir(&self) -> Result<()> {
        let dir = &self.config_dir;
        // Reads fail too: an empty progress read through it would look like lost progress.
        if let Some(err) = self.dangling_config_dir() {
            return Err(err);
        }
        if dir.exists() && !dir.is_dir() {
            return Err(
                Error::failure(t!("paths.a_file", dir = crate::text::sanitize::path(dir)))
                    .with_hint(t!("paths.a_file_hint")),
            );
        }
        Ok(())
    }

    /// The error for a config dir that is a symlink to nothing, naming where it points.
    pub fn dangling_config_dir(&self) -> Option<Error> {
        let target = dangling_symlink(&self.config_dir)?;
        Some(
            Error::failure(t!(
                "paths.dangling",
                dir = crate::text::sanitize::path(&self.config_dir),
                target = crate::text::sanitize::path(&target)
            ))
            .with_hint(t!("paths.dangling_hint", var = CONFIG_DIR_VAR)),
        )
    }

    pub fn config_dir(&self) -> &Path {
        &self.config_dir
    }
}

/// Where `path` points, when it is a symlink whose target does not exist.
pub fn dangling_symlink(path: &Path) -> Option<PathBuf> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let gone = std::fs::metadata(path).is_err_and(|err| err.kind() == std::io::ErrorKind::NotFound);
    if !is_link || !gone {
        return None;
    }
    std::fs::read_link(path).ok()
}

/// The directory an environment variable names: `None` when it is unset or empty, a usage error
/// when it is not an absolute path (which would change meaning with the working directory).
pub fn dir_from_env(var: &str) -> Result<Option<PathBuf>> {
    let Some(dir) = std::env::var_os(var).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let dir = PathBuf::from(dir);
    if !dir.is_absolute() {
        return Err(Error::usage(t!(
            "paths.relative",
            var = var,
            dir = crate::text::sanitize::path(&dir)
        ))
        .with_hint(t!(
            "paths.relative_hint",
            var = var,
            dir = crate::text::sanitize::path(&dir)
        )));
    }
    Ok(Some(dir))
}
