//! Mistakes on the command line: one error line, and a hint that names the help to read.

use crate::common::Lpath;

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
    let run = lp.run(&["undo", "--json"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: unexpected argument `--json` found\n\
         hint: `lpath undo` has no `--json` option; it takes only the global options (see `lpath undo --help`)\n"
    );
    let run = lp.run(&["note", "bert", "--json"]).failure(2);
    run.stderr_has(
        "it takes `--delete`, `--edit` and the global options (see `lpath note --help`)",
    );
    let run = lp.run(&["done", "bert", "--json"]).failure(2);
    assert!(!run.stderr.contains("to pass"), "{}", run.stderr);
    run.stderr_has("(see `lpath done --help`)");
    let run = lp.run(&["list", "--frob"]).failure(2);
    run.stderr_has("it takes `--status`, `--track`, `--kind`, `--search`, `--wrap`, `--json` and the global options (see `lpath list --help`)");
    assert_eq!(lp.progress(), None);
}

#[test]
fn an_entry_id_where_a_command_belongs_suggests_show_and_done() {
    let lp = Lpath::new();
    let run = lp.run(&["bert"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: unrecognized subcommand `bert`\n\
         hint: `bert` is an entry, not a command: `lpath show bert` shows it, `lpath done bert` marks it read\n"
    );
    let run = lp.run(&["exprt"]).failure(2);
    run.stderr_has("a similar subcommand exists: `");
    assert!(
        !run.stderr.contains('\''),
        "lpath quotes with backticks: {}",
        run.stderr
    );
}

#[test]
fn help_puts_the_commands_own_options_first_then_the_global_ones_then_examples() {
    let lp = Lpath::new();
    let subcommands = [
        "list",
        "next",
        "done",
        "start",
        "skip",
        "reset",
        "undo",
        "note",
        "show",
        "stats",
        "open",
        "graph",
        "export",
        "import",
        "sync",
        "add",
        "remove",
        "catalog",
        "doctor",
        "completions",
        "man",
    ];
    for command in subcommands {
        for flag in ["-h", "--help"] {
            let help = lp.run(&[command, flag]).success().stdout;
            let own = help.find("Options:").expect(&help);
            let global = help.find("\nGlobal options:\n").expect(&help);
            let examples = help.find("\nExamples:\n").expect(&help);
            assert!(
                own < global && global < examples,
                "{command} {flag}:\n{help}"
            );
            assert!(
                help[own..global].find("--catalog").is_none(),
                "{command} {flag}:\n{help}"
            );
            let count = help[examples..]
                .lines()
                .filter(|l| l.starts_with("  lpath"))
                .count();
            assert!(
                (1..=3).contains(&count),
                "{command} {flag}: {count} examples"
            );
            for line in help.lines() {
                assert_eq!(line.trim_end(), line, "{command} {flag}: `{line}`");
            }
        }
        // -h is the compact layout, --help the fuller one (each option's help on the lines
        // under it), for every command alike.
        let short = lp.run(&[command, "-h"]).success().stdout;
        let long = lp.run(&[command, "--help"]).success().stdout;
        let under = |help: &str| {
            let lines: Vec<&str> = help.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.trim_start().starts_with("-h, --help"))
                .unwrap();
            lines[at].trim_end().ends_with("--help")
        };
        assert!(!under(&short), "{command}:\n{short}");
        assert!(under(&long), "{command}:\n{long}");
    }
    let zh = lp.run(&["list", "--lang", "zh", "-h"]).success().stdout;
    assert!(zh.contains("\n全局选项：\n"), "{zh}");
}

#[test]
fn every_help_fits_the_terminal_in_english_and_chinese() {
    // clap wraps only at spaces, and Chinese has none: lpath fits help to the width itself.
    let lp = Lpath::new();
    let mut commands: Vec<Vec<&str>> = vec![vec![]];
    for path in &crate::common::commands().paths {
        commands.push(path.iter().map(String::as_str).collect());
    }
    let mut wide = Vec::new();
    for columns in ["60", "80"] {
        for lang in ["en", "zh"] {
            for flag in ["-h", "--help"] {
                for command in &commands {
                    let mut args = vec!["--lang", lang];
                    args.extend(command);
                    args.push(flag);
                    let help = lp.run_with(&[("COLUMNS", columns)], &args).success().stdout;
                    let limit: usize = columns.parse().unwrap();
                    wide.extend(crate::common::too_wide(&help, limit, &format!("{args:?}")));
                }
            }
        }
    }
    crate::common::assert_none_too_wide(&wide);
    // And in a real terminal, whose width comes from the terminal itself.
    if let Some(screen) = lp.in_terminal(60, &["--lang", "zh", "done", "-h"]) {
        for line in screen.lines() {
            assert!(crate::common::display_width(line) <= 60, "{line}\n{screen}");
        }
        assert!(screen.contains("全局选项："), "{screen}");
    }
}

#[test]
fn a_mistyped_command_is_answered_with_the_closest_command_not_the_first_clap_lists() {
    let lp = Lpath::new();
    let cases = [
        ("doen", "done"),
        ("undoo", "undo"),
        ("exprot", "export"),
        ("nxt", "next"),
        ("opne", "open"),
        ("stat", "stats"),
    ];
    for lang in ["en", "zh"] {
        for (typed, meant) in cases {
            let run = lp.run(&["--lang", lang, typed]);
            assert_eq!(run.code, 2, "{lang} {typed}: {}", run.stderr);
            let hint = run.stderr.lines().nth(1).unwrap_or_default();
            assert!(
                hint.contains(&format!("`{meant}`")),
                "{lang} {typed}: expected `{meant}` in {hint}"
            );
        }
    }
}
