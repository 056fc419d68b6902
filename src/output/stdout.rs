//! Writing to stdout, where a closed pipe (`lpath list | head`) means the reader has what it
//! wanted: it is not an error, wherever the writing happens.

use std::io::{self, Write};

use crate::error::{Error, Result};
use crate::output::color;

/// Writes `text` to stdout. With colour off, any escape sequence is stripped on the way out,
/// whatever produced it.
pub fn print(text: &str, color: bool) -> Result<()> {
    let mut stdout = anstream::AutoStream::new(io::stdout().lock(), color::choice(color));
    finish(
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush()),
    )
}

/// Writes `value` as pretty JSON straight to stdout, for output too large to build as one
/// string first.
pub fn stream_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    finish(
        crate::output::render::write_json(&mut out, value)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush()),
    )
}

/// What writing to stdout came to: a closed pipe is done, any other failure an error.
fn finish(written: io::Result<()>) -> Result<()> {
    match written {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(Error::failure(t!(
            "common.cannot_write_output",
            why = crate::error::describe_io(&err)
        ))),
    }
}
