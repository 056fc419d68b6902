//! `lpath reset`: entries back to todo; `--all` puts every entry back, after asking.

use std::io::{BufRead, IsTerminal};

use crate::cli::args::ResetArgs;
use crate::commands::mark;
use crate::context::Context;
use crate::error::{Error, Result, describe_io};
use crate::progress::model::Status;

pub fn run(ctx: &Context, args: &ResetArgs) -> Result<String> {
    if !args.all {
        return mark::run(ctx, &args.ids, Status::Todo, None);
    }
    let stdin = std::io::stdin();
    // Checked before anything is read, so a script gets the same answer whatever its progress.
    if !args.yes && !stdin.is_terminal() {
        return Err(
            Error::usage(t!("reset.not_a_terminal")).with_hint(t!("reset.not_a_terminal_hint"))
        );
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
            return Ok(t!("reset.declined").into_owned() + "\n");
        }
    }
    let changed = ctx
        .store()
        .update("reset --all", |progress| Ok(progress.reset_all(ctx.now)))?;
    Ok(match changed {
        0 => nothing(),
        n => crate::i18n::counted("reset.done", n as u64) + "\n",
    })
}

fn nothing() -> String {
    t!("reset.nothing").into_owned() + "\n"
}

/// Asks on stderr, so stdout stays clean; anything but `y` or `yes` is a no.
fn confirm(input: &mut impl BufRead, count: usize) -> Result<bool> {
    crate::output::stderr::ask(&crate::i18n::counted("reset.confirm", count as u64));
    let mut answer = String::new();
    input.read_line(&mut answer).map_err(|err| {
        Error::failure(t!("reset.answer_unreadable", reason = describe_io(&err)))
            .with_hint(t!("reset.answer_unreadable_hint"))
    })?;
    if !answer.ends_with('\n') {
        // The input ended at the prompt: what follows starts a line of its own.
        crate::output::stderr::end_line();
    }
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
