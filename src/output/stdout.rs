//! Writing to stdout, where a closed pipe (`lpath list | head`) means the reader has what it
//! wanted: it is not an error, wherever the writing happens.

use std::io::{self, Write};

use crate::error::{Error, Result};
use crate::output::color;

/// Writes `text` to stdout. With colour off, any escape sequence is stripped on the way out,
/// whatever produced it.
pub fn print(text: &str, color: bool) -> Result<()> {
    if !color && !may_hold_escapes(text) {
        // Stripping would give it back as it is: thousands of lines skip the byte-by-byte parser.
        let mut stdout = io::stdout().lock();
        return finish(
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush()),
        );
    }
    let mut stdout = anstream::AutoStream::new(io::stdout().lock(), color::choice(color));
    finish(
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush()),
    )
}

/// Whether stripping escapes could change `text`: it holds a control character other than a new
/// line or a tab (an escape starts with one), DEL, or a C1 control (U+0080 to U+009F).
fn may_hold_escapes(text: &str) -> bool {
    // Megabytes of plain text pass 64 bytes at a time, each chunk folded without a branch (which
    // the compiler turns into vector instructions); from the first chunk holding a byte that may
    // start one, each byte is looked at.
    let maybe = |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') | (b == 0x7f) | (b == 0xc2);
    let Some(chunk) = text
        .as_bytes()
        .chunks(64)
        .position(|chunk| chunk.iter().fold(false, |any, &b| any | maybe(b)))
    else {
        return false;
    };
    let bytes = &text.as_bytes()[chunk * 64..];
    bytes.iter().enumerate().any(|(at, &b)| {
        (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7f
            || (b == 0xc2 && bytes.get(at + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    })
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_control_anywhere_in_a_long_text_is_seen_and_plain_text_passes() {
        for at in 0..200 {
            for control in ["\u{1b}", "\u{7f}", "\u{85}", "\u{9b}", "\r"] {
                let text = format!("{}{control}{}", "a".repeat(at), "b".repeat(100));
                assert!(may_hold_escapes(&text), "{at} {control:?}");
            }
            // U+00A0 starts with the same byte as a C1 control, and is none.
            let plain = format!("{}中\u{a0}\t\n{}", "a".repeat(at), "b".repeat(100));
            assert!(!may_hold_escapes(&plain), "{at}");
        }
    }

    proptest! {
        /// What the quick path writes as it is, stripping gives back unchanged.
        #[test]
        fn text_without_escapes_is_what_stripping_gives(
            chars in prop::collection::vec(prop_oneof![
                4 => proptest::char::range(' ', '~'),
                1 => prop::sample::select(vec![
                    '\n', '\t', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{a0}', '\u{c2}',
                    '中', '…', '😀', '[', '\u{200b}',
                ]),
            ], 0..40)
        ) {
            let text = String::from_iter(chars);
            if !may_hold_escapes(&text) {
                prop_assert_eq!(anstream::adapter::strip_str(&text).to_string(), text);
            }
        }
    }
}
