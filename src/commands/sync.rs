//! `lpath sync` and `lpath sync init [REMOTE]`: what the sync did, in words.

use std::fmt::Write;

use crate::cli::args::{SyncArgs, SyncCommand};
use crate::error::Result;
use crate::fs::paths::Paths;
use crate::i18n::counted;
use crate::sync::{self, Loss, Report};

/// What the sync did, each line wrapped to `columns` (the terminal's width, if any).
pub fn run(
    paths: &Paths,
    args: &SyncArgs,
    now: jiff::Timestamp,
    columns: Option<usize>,
) -> Result<String> {
    // Ids and file names go on under the line's start, two columns in.
    Ok(crate::text::width::fit(&said(paths, args, now)?, columns))
}

fn said(paths: &Paths, args: &SyncArgs, now: jiff::Timestamp) -> Result<String> {
    let loss = if args.accept_remote {
        Loss::Accept
    } else if args.keep_local {
        Loss::Keep
    } else {
        Loss::Refuse
    };
    match &args.command {
        Some(SyncCommand::Init(init)) => {
            let done = sync::init(paths, init.remote.as_deref(), loss, now)?;
            let dir = done.dir.display().to_string();
            let mut out = if done.adopted {
                t!("sync.set_up_adopted", dir = dir)
            } else {
                t!("sync.set_up_new", dir = dir)
            }
            .into_owned();
            out.push('\n');
            out.push_str(&report(&done.sync));
            Ok(out)
        }
        None => Ok(report(&sync::sync(paths, loss, now)?)),
    }
}

fn report(report: &Report) -> String {
    let mut out = String::new();
    for line in &report.repaired {
        let _ = writeln!(out, "{line}");
    }
    if report.restored {
        let _ = writeln!(out, "{}", t!("sync.restored"));
    }
    if let Some(message) = &report.committed {
        let _ = writeln!(out, "{}", t!("sync.committed", what = message));
    }
    let Some(url) = &report.remote else {
        let _ = writeln!(out, "{}", t!("sync.no_remote"));
        return out;
    };
    let url = crate::text::sanitize::visible(url);
    if report.did_nothing() {
        let _ = writeln!(out, "{}", t!("sync.nothing", url = url));
        return out;
    }
    let lines = [
        (
            &report.incoming,
            &report.incoming_files,
            "sync.incoming",
            "sync.incoming_files",
        ),
        (
            &report.outgoing,
            &report.outgoing_files,
            "sync.outgoing",
            "sync.outgoing_files",
        ),
    ];
    for (summary, files, entries_key, files_key) in lines {
        if !summary.is_empty() {
            let entries = counted("common.entries", summary.entries as u64);
            let what = summary.words(&rust_i18n::locale());
            let _ = writeln!(out, "{}", t!(entries_key, entries = entries, what = what));
        }
        if !files.is_empty() {
            let _ = writeln!(out, "{}", t!(files_key, files = files.join(", ")));
        }
    }
    for (number, id) in &report.united {
        let _ = writeln!(out, "{}", t!("sync.united_note", number = number, id = id));
    }
    if report.catalog_united {
        let _ = writeln!(out, "{}", t!("sync.united_catalog"));
    }
    if !report.per_machine.is_empty() {
        let files = report.per_machine.join(", ");
        let _ = writeln!(out, "{}", t!("sync.per_machine_kept", files = files));
    }
    let _ = writeln!(out, "{}", t!("sync.in_step", url = url));
    out
}
