//! `lpath reset`: entries back to todo; `--all` puts every entry back, after asking.

use std::io::{BufRead, IsTerminal, Write};

use crate::cli::ResetArgs;
use crate::commands::mark;
use crate::context::Context;
use crate::error::{Error, Result, describe_io};
use crate::progress::Status;

pub fn run(ctx: &Context, args: &ResetArgs) -> Result<String> {
    if !args.all {
        return mark::run(ctx, &args.ids, Status::Todo, None);
    }
    let stdin = std::io::stdin();
    // Checked before anything is read, so a script gets the same answer whatever its progress.
    if !args.yes && !stdin.is_terminal() {
        return Err(Error::usage(
            "`reset --all` asks for confirmation, and stdin is not a terminal",
        )
        .with_hint("add `--yes` to reset every entry without asking: `lpath reset --all --yes`"));
    }
    if !args.yes {
        let with_status = ctx
            .store()
            .load()?
            .entries
            .values()
            .filter(|r| r.status != Status::Todo)
            .count();
        if with_status == 0 {
            return Ok(nothing());
        }
        if !confirm(&mut stdin.lock(), with_status)? {
            return Ok("Nothing was reset.\n".to_string());
        }
    }
    let changed = ctx
        .store()
        .update("reset --all", |progress| Ok(progress.reset_all(ctx.now)))?;
    Ok(match changed {
        0 => nothing(),
        1 => "reset: 1 entry is todo again; notes are kept. `lpath undo` brings it back.\n".into(),
        n => format!(
            "reset: {n} entries are todo again; notes are kept. `lpath undo` brings them back.\n"
        ),
    })
}

fn nothing() -> String {
    "Nothing to reset: every entry is already todo.\n".to_string()
}

/// Asks on stderr, so stdout stays clean; anything but `y` or `yes` is a no.
fn confirm(input: &mut impl BufRead, count: usize) -> Result<bool> {
    eprint!(
        "Reset all {count} entries with a status back to todo? Notes are kept, and `lpath undo` undoes it. [y/N] "
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    input.read_line(&mut answer).map_err(|err| {
        Error::failure(format!("cannot read the answer: {}", describe_io(&err)))
            .with_hint("answer `y` on a terminal, or add `--yes`")
    })?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

#[cfg(test)]
mod tests {
    use super::confirm;

    #[test]
    fn only_y_or_yes_confirms() {
        for (answer, confirmed) in [
            ("y\n", true),
            ("YES\n", true),
            (" yes \n", true),
            ("n\n", false),
            ("\n", false),
            ("", false),
            ("yep\n", false),
        ] {
            assert_eq!(
                confirm(&mut answer.as_bytes(), 3).unwrap(),
                confirmed,
                "{answer:?}"
            );
        }
    }
}
