//! Mistakes on the command line: one error line, and a hint that names the help to read.

mod common;
use common::Lpath;

#[test]
fn an_error_inside_a_subcommand_points_at_that_subcommands_help() {
    let lp = Lpath::new();
    for (args, help) in [
        (&["note"][..], "`lpath note --help`"),
        (&["reset", "--all", "bert"], "`lpath reset --help`"),
        (&["list", "--jsn"], "`lpath list --help`"),
        (&["--lang", "zh", "next", "-n", "x"], "`lpath next --help`"),
        (&["catalog", "check", "--x"], "`lpath catalog check --help`"),
        (&["nxt"], "`lpath --help`"),
    ] {
        let run = lp.run(args).failure(2);
        let hint = run.stderr.lines().nth(1).unwrap_or_default();
        assert!(hint.contains(help), "{args:?}: {}", run.stderr);
        assert!(
            help == "`lpath --help`" || !hint.contains("`lpath --help`"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert!(!lp.config_dir().exists());
}

#[test]
fn an_option_a_subcommand_does_not_take_says_what_it_takes_not_how_to_pass_it_as_a_value() {
    let lp = Lpath::new();
    let run = lp.run(&["note", "bert", "--json"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: unexpected argument '--json' found\n\
         hint: `lpath note` has no `--json` option; it takes only the global options (see `lpath note --help`)\n"
    );
    let run = lp.run(&["done", "bert", "--json"]).failure(2);
    assert!(!run.stderr.contains("to pass"), "{}", run.stderr);
    run.stderr_has("(see `lpath done --help`)");
    let run = lp.run(&["list", "--frob"]).failure(2);
    run.stderr_has("it takes `--status`, `--track`, `--kind`, `--search`, `--wrap`, `--json` and the global options (see `lpath list --help`)");
    assert_eq!(lp.progress(), None);
}
