//! The merge driver git runs for progress.toml (`lpath __merge-driver %O %A %B`): merges by
//! lpath's rules into the middle file, and never leaves conflict markers. A side it cannot read
//! is an error (exit 1), leaving this machine's file as it was, which git reports as a conflict.

use std::ffi::OsString;
use std::path::Path;

use crate::error::{Error, Result};
use crate::progress::merge::{Side, merge_files};

use crate::sync::MERGE_DRIVER_COMMAND;

pub fn run(args: &[OsString]) -> Result<()> {
    let [base, ours, theirs] = args else {
        return Err(Error::usage(t!(
            "sync.driver_usage",
            command = format!("lpath {MERGE_DRIVER_COMMAND}")
        ))
        .with_hint(t!("sync.driver_usage_hint")));
    };
    let read = |path: &OsString, side: Side| -> Result<String> {
        let path = Path::new(path);
        crate::fs::files::read_bounded(path, crate::fs::files::MAX_STATE_BYTES)
            .map_err(|err| err.reason())
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| crate::i18n::text("store.not_utf8"))
            })
            .map_err(|reason| unreadable(side, &reason))
    };
    let merged = merge_files(
        &read(base, Side::Base)?,
        &read(ours, Side::Ours)?,
        &read(theirs, Side::Theirs)?,
    )
    .map_err(|(side, err)| {
        let reason = match err {
            crate::progress::model::ParseError::Newer(format) => {
                t!("sync.remote_newer", format = format).into_owned()
            }
            crate::progress::model::ParseError::Invalid(reason) => reason,
        };
        unreadable(side, &reason)
    })?;
    let ours = Path::new(ours);
    crate::fs::files::write_atomic(ours, merged.as_bytes())
        .map_err(|err| Error::io("write", ours, &err).with_hint(t!("hints.merge_again")))
}

fn unreadable(side: Side, reason: &str) -> Error {
    let side = match side {
        Side::Base => t!("sync.side.base"),
        Side::Ours => t!("sync.side.ours"),
        Side::Theirs => t!("sync.side.theirs"),
    };
    Error::failure(t!("sync.driver_unreadable", side = side, reason = reason))
        .with_hint(t!("sync.driver_unreadable_hint"))
}
