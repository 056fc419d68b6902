//! One file per command; each takes the context and its arguments and returns what to print.

pub mod add;
pub mod catalog;
pub mod completions;
pub mod doctor;
pub mod edit;
pub mod entry_fields;
pub mod export;
pub mod graph;
pub mod ids;
pub mod import;
pub mod list;
pub mod log;
pub mod man;
pub mod mark;
pub mod merge_driver;
pub mod next;
pub mod note;
pub mod open;
pub mod remove;
pub mod reset;
pub mod show;
pub mod stats;
pub mod sync;
pub mod undo;

/// Writes `value` as pretty JSON straight to stdout, for output too large to build as one
/// string first. A closed pipe (`lpath list --json | head`) is not an error.
pub fn stream_json<T: serde::Serialize>(value: &T) -> crate::error::Result<String> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let written = crate::output::render::write_json(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => Ok(String::new()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(String::new()),
        Err(err) => Err(crate::error::Error::failure(format!(
            "cannot write output: {}",
            crate::error::describe_io(&err)
        ))),
    }
}
