//! Every screen fits an ordinary terminal, in English and Chinese: at 60, 80 and 120 columns no
//! line of `list`, `next`, `show`, `note`, `log`, `stats`, `doctor`, the `done`/`start`/`skip`
//! confirmations, `graph`, help, `undo`, `review`, `sync`, errors, hints and warnings is wider than
//! the terminal or ends in a space, long notes and titles included, in a real pty. A URL alone on
//! its line is the one exception: it is never broken, so the terminal can still open it.

use std::process::Command;

use crate::common::Lpath;

const LONG_NOTE: &str = "a rather long note that goes on and on about the masked language model objective and next sentence prediction";
const LONG_NOTE_ZH: &str = "掩码语言模型的目标函数和下一句预测任务都值得反复阅读，尤其是预训练和微调之间的关系，以及它们如何影响后来的模型";

#[test]
fn every_everyday_screen_fits_the_terminal_in_english_and_chinese() {
    let lp = Lpath::new();
    lp.write_catalog(
        "mine.toml",
        "format = 1\n[[track]]\nid = \"mine\"\ntitle = \"A track of my own with a title far too long for a narrow terminal to show\"\n\
         [[entry]]\nid = \"mine-a\"\nkind = \"blog\"\ntitle = \"Mine\"\ntrack = \"mine\"\nurl = \"https://example.org/a\"\n",
    );
    for note in [LONG_NOTE, LONG_NOTE_ZH] {
        lp.run(&["note", "bert", note]).success();
    }
    lp.run(&[
        "done",
        "bert",
        "roberta",
        "gpt-1",
        "attention-is-all-you-need",
        "bahdanau-attention",
    ])
    .success();
    lp.run(&["start", "mine-a"]).success();
    let screens: [&[&str]; 8] = [
        &["doctor"],
        &["list"],
        &["next"],
        &["show", "bert"],
        &["show", "lora"],
        &["note", "bert"],
        &["log"],
        &["stats"],
    ];
    let mut wide = Vec::new();
    for columns in [60u16, 80, 120] {
        for lang in ["en", "zh"] {
            for screen in screens {
                let mut args = vec!["--lang", lang];
                args.extend(screen);
                let Some(text) = lp.in_terminal(columns, &args) else {
                    return;
                };
                wide.extend(crate::common::too_wide(
                    &text,
                    usize::from(columns),
                    &format!("{args:?}"),
                ));
            }
        }
    }
    crate::common::assert_none_too_wide(&wide);
}

/// Columns a line takes, measured with unicode-width (a Chinese character takes two).
fn columns_of(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

#[test]
fn now_ready_to_read_is_one_line_an_entry_that_fits_with_its_id_whole() {
    let lp = Lpath::new();
    let list = lp.run(&["list", "--json"]).success().json();
    let ids: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    for columns in [60u16, 80, 120] {
        for lang in ["en", "zh"] {
            let args = ["--lang", lang, "done", "attention-is-all-you-need"];
            let Some(text) = lp.in_terminal(columns, &args) else {
                return;
            };
            lp.run(&["undo"]).success();
            let ready: Vec<&str> = text.lines().skip_while(|l| !l.is_empty()).skip(2).collect();
            // BERT, FlashAttention and RoFormer; their titles are wider than 60 columns.
            assert!(ready.len() >= 3, "{columns} {lang}:\n{text}");
            for line in ready {
                assert!(
                    columns_of(line) <= usize::from(columns),
                    "{columns} {lang}: {line}"
                );
                assert_eq!(line.trim_end(), line, "{columns} {lang}: `{line}`");
                let id = line.split_whitespace().nth(1).unwrap_or_default();
                assert!(
                    ids.iter().any(|known| known == id),
                    "{columns} {lang}: {line}"
                );
            }
        }
    }
}

#[test]
fn a_url_is_never_broken_and_a_duration_stays_whole_when_a_screen_wraps() {
    let lp = Lpath::new();
    let gpt2 = lp.run(&["show", "gpt-2", "--json"]).success().json();
    let url = gpt2["url"].as_str().unwrap().to_string();
    let Some(show) = lp.in_terminal(60, &["show", "gpt-2"]) else {
        return;
    };
    assert!(show.lines().any(|l| l.ends_with(&url)), "{show}");
    for columns in [40u16, 60] {
        let next = lp.in_terminal(columns, &["next", "-n", "5"]).unwrap();
        for line in next.lines() {
            let last = line.split_whitespace().last().unwrap_or_default();
            assert!(!line.trim_end().ends_with('~'), "{columns}: {line}\n{next}");
            assert!(
                !(last.starts_with('~') && last[1..].chars().all(|c| c.is_ascii_digit())),
                "{columns}: a duration broken after `{last}`:\n{next}"
            );
        }
    }
}

/// The prose after the top level's examples is wrapped once, to the terminal: no line ends early
/// while the next line's first word would still have fitted on it, and a blank line sets it apart
/// from the examples.
#[test]
fn top_level_help_prose_is_wrapped_once_and_set_apart_from_the_examples() {
    let lp = Lpath::new();
    for columns in [60u16, 80, 120] {
        for (lang, first) in [("en", "Progress is kept"), ("zh", "进度保存")] {
            let Some(text) = lp.in_terminal(columns, &["--lang", lang, "--help"]) else {
                return;
            };
            let lines: Vec<&str> = text.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.starts_with(first))
                .unwrap_or_else(|| panic!("{columns} {lang}:\n{text}"));
            assert_eq!(lines[at - 1], "", "{columns} {lang}:\n{text}");
            for pair in lines[at..].windows(2) {
                let (line, next) = (pair[0], pair[1]);
                assert_eq!(line.trim_end(), line, "{columns} {lang}: `{line}`");
                if line.is_empty() || next.is_empty() {
                    continue;
                }
                // The first place the next line could have been broken: after its first word,
                // or after its first character when that is a Chinese one.
                // An opening bracket stays with what follows it, closing punctuation with what precedes it,
                // and a `code span` (a command to copy) is one word.
                let wide = |c: char| crate::common::display_width(&c.to_string()) == 2;
                let mut head = String::new();
                for c in next.chars() {
                    let closing = "），。、；：".contains(c);
                    let in_code = head.matches('`').count() % 2 == 1;
                    if !in_code
                        && (c == ' '
                            || (!head.is_empty() && !head.ends_with('（') && wide(c) && !closing))
                    {
                        break;
                    }
                    head.push(c);
                }
                let gap = usize::from(!head.chars().any(wide));
                assert!(
                    columns_of(line) + gap + columns_of(&head) > usize::from(columns),
                    "{columns} {lang}: `{line}` ends early; `{head}` fits after it:\n{text}"
                );
            }
        }
    }
}

/// Every line of `lpath ARGS` in a terminal `columns` wide, in English and Chinese, that is wider
/// than the terminal or ends in a space; each run undone after, so every language sees the same.
fn lines_that_do_not_fit(lp: &Lpath, screens: &[&[&str]], undo: bool) -> Vec<String> {
    let mut wrong = Vec::new();
    for columns in [60u16, 80, 120] {
        for lang in ["en", "zh"] {
            for screen in screens {
                let mut args = vec!["--lang", lang];
                args.extend(*screen);
                let Some(text) = lp.in_terminal(columns, &args) else {
                    return Vec::new();
                };
                if undo {
                    lp.run(&["undo"]).success();
                }
                let what = format!("{args:?}");
                wrong.extend(crate::common::too_wide(&text, usize::from(columns), &what));
                wrong.extend(
                    text.lines()
                        .filter(|line| line.ends_with(' '))
                        .map(|line| format!("{columns} {what}: `{line}` ends in a space")),
                );
            }
        }
    }
    wrong
}

#[test]
fn done_start_and_skip_confirmations_fit_the_terminal_with_their_ids_whole() {
    let lp = Lpath::new();
    let screens: [&[&str]; 5] = [
        // Gopher's title is 77 columns; DeepSeek-R1 and LLaMA require three unread entries each.
        &["done", "scaling-laws", "gopher"],
        &["start", "deepseek-r1", "llama"],
        &["skip", "deepseek-r1", "gopher"],
        &["done", "attention-is-all-you-need"],
        &[
            "done",
            "--on",
            "yesterday",
            "instructgpt",
            "lets-verify-step-by-step",
        ],
    ];
    crate::common::assert_none_too_wide(&lines_that_do_not_fit(&lp, &screens, true));
    let Some(text) = lp.in_terminal(60, &["done", "scaling-laws", "gopher"]) else {
        return;
    };
    for id in ["`scaling-laws`", "`gopher`", "`gpt-2`", "`gpt-3`"] {
        assert!(text.contains(id), "{id}:\n{text}");
    }
    // What is already so says so, fitted too.
    lp.run(&["done", "gopher"]).success();
    lp.run(&["start", "deepseek-r1"]).success();
    let again: [&[&str]; 3] = [
        &["done", "gopher"],
        &["skip", "gopher"],
        &["start", "deepseek-r1"],
    ];
    crate::common::assert_none_too_wide(&lines_that_do_not_fit(&lp, &again, false));
}

#[test]
fn the_graph_tree_and_a_filtered_lists_footer_fit_the_terminal() {
    let lp = Lpath::new();
    lp.run(&["start", "lets-verify-step-by-step", "mixtral"])
        .success();
    let screens: [&[&str]; 4] = [
        &["graph"],
        &["graph", "-t", "frontier"],
        &["list", "-t", "foundations"],
        &["list", "-s", "todo", "-k", "paper"],
    ];
    crate::common::assert_none_too_wide(&lines_that_do_not_fit(&lp, &screens, false));
    // Every id of the tree is still there, whole, as off a terminal where nothing is cut.
    let first_words = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|line| {
                line.split_whitespace()
                    .find(|w| w.chars().any(|c| c.is_ascii_alphanumeric()))
                    .map(str::to_string)
            })
            .collect()
    };
    let whole = lp.run(&["graph"]).success().stdout;
    let Some(tree) = lp.in_terminal(60, &["graph"]) else {
        return;
    };
    let drawn = first_words(&tree);
    for id in first_words(&whole) {
        assert!(drawn.contains(&id), "{id}:\n{tree}");
    }
}

#[test]
fn what_doctor_fix_kept_and_dropped_fits_the_terminal() {
    let lp = Lpath::new();
    let mut wide = Vec::new();
    for columns in [60u16, 80, 120] {
        for lang in ["en", "zh"] {
            lp.run(&["done", "bert", "gpt-1"]).success();
            let good = lp.progress().unwrap();
            std::fs::write(lp.progress_path(), format!("{good}garbage = = line\n")).unwrap();
            let Some(text) = lp.in_terminal(columns, &["--lang", lang, "doctor", "--fix"]) else {
                return;
            };
            assert!(text.contains("`gpt-1`"), "{text}");
            let what = format!("doctor --fix --lang {lang}");
            wide.extend(crate::common::too_wide(&text, usize::from(columns), &what));
        }
    }
    crate::common::assert_none_too_wide(&wide);
}

/// What `cmd` (an `lpath` command as the harness builds it) shows on a pseudo-terminal `columns`
/// wide: stdout and stderr as a person sees them, whatever the exit code, with `input` typed at
/// it. `None` where there is no util-linux `script`: the caller skips.
fn seen(cmd: &Command, columns: u16, input: &str) -> Option<String> {
    if !cfg!(target_os = "linux") || !crate::common::need("script", "util-linux, for a pty") {
        return None;
    }
    let quote =
        |arg: &std::ffi::OsStr| format!("'{}'", arg.to_string_lossy().replace('\'', r"'\''"));
    let mut line = format!("stty cols {columns}; exec {}", quote(cmd.get_program()));
    for arg in cmd.get_args() {
        line.push(' ');
        line.push_str(&quote(arg));
    }
    let mut script = Command::new("script");
    script.args(["-qc", &line, "/dev/null"]);
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => script.env(key, value),
            None => script.env_remove(key),
        };
    }
    let out = crate::common::feed(script, input);
    Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
}

/// Every line of `text` wider than `columns` (a Chinese character takes two columns, measured
/// here with an explicit range check rather than any crate lpath uses), or ending in a space; a
/// URL alone on its line may be wider, as it is never broken.
fn misfits(text: &str, columns: usize, what: &str) -> Vec<String> {
    text.lines()
        .filter(|line| {
            let url_alone = line.trim().starts_with("https://") && !line.trim().contains(' ');
            let wide = own_width(line) > columns && !(url_alone && line.is_ascii());
            wide || line.ends_with(' ')
        })
        .map(|line| format!("{columns} {what}: `{line}` ({})", own_width(line)))
        .collect()
}

/// Columns a line takes on a terminal: two for the East Asian wide and full-width ranges
/// (CJK ideographs and punctuation, kana, hangul, full-width forms), one for the rest.
fn own_width(line: &str) -> usize {
    line.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            0..=0x1F | 0x7F => 0,
            _ => 1,
        })
        .sum()
}

/// The `code spans` of a text: what a learner copies.
fn code_spans(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(|span| format!("`{span}`"))
        .collect()
}

/// Errors (clap's and lpath's own), their hints and warnings, on a terminal: every line fits and
/// none ends in a space, every `command` that fits a line stays whole on one, and further lines
/// hang two columns in. Off a terminal the same error is one `lpath: error:` line and one hint
/// line, whatever `COLUMNS` says, for scripts.
#[test]
fn errors_hints_and_warnings_fit_the_terminal_and_keep_commands_whole() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let errors: [&[&str]; 13] = [
        &["doen"],
        &["done", "nope-not-an-id"],
        &["done", "gpt-2", "--on", "2026-13-01"],
        &["import", "/nonexistent/progress-from-another-machine.json"],
        &["add", "--url", "https://example.org/a-post-of-some-kind"],
        &["add"],
        &["add", "--arxiv", "2104.09864"],
        &["list", "-t", "nope"],
        &["list", "-s", "foo"],
        &["list", "--bogus"],
        &["edit", "bert"],
        &["remove", "bert"],
        &["sync"],
    ];
    let warned = Lpath::new();
    warned.write_catalog(
        "a-catalog-of-my-own-with-a-rather-long-file-name.toml",
        "format = 1\n[[entry]]\nid = \"Bad Id\"\n",
    );
    let mut wrong = Vec::new();
    for columns in [60u16, 80, 120] {
        for lang in ["en", "zh"] {
            let screens = errors
                .iter()
                .map(|args| (&lp, *args))
                .chain([(&warned, &["list", "-t", "start"][..])]);
            for (lp, screen) in screens {
                let mut args = vec!["--lang", lang];
                args.extend(screen);
                let what = format!("{args:?}");
                let Some(text) = seen(&lp.command(&args), columns, "") else {
                    return;
                };
                wrong.extend(misfits(&text, usize::from(columns), &what));
                // Off a terminal: one line each, with the same words.
                let mut piped = lp.command(&args);
                piped.env("COLUMNS", columns.to_string());
                let stderr = crate::common::run(piped).stderr;
                assert!(
                    !stderr.is_empty() && stderr.lines().all(|l| !l.starts_with("  ")),
                    "{what}:\n{stderr}"
                );
                for said in stderr.lines() {
                    let mut spans = code_spans(said);
                    spans.retain(|span| own_width(span) + 2 <= usize::from(columns));
                    for span in spans {
                        assert!(
                            text.lines().any(|l| l.contains(&span)),
                            "{what} at {columns}: `{span}` is broken:\n{text}"
                        );
                    }
                    if own_width(said) > usize::from(columns) {
                        // What did not fit goes on under it, two columns in.
                        let start = text
                            .lines()
                            .position(|l| said.starts_with(l) && !l.is_empty())
                            .unwrap_or_else(|| panic!("{what}: `{said}` not begun in:\n{text}"));
                        let next = text.lines().nth(start + 1).unwrap_or_default();
                        assert!(
                            next.starts_with("  ") && !next.starts_with("   "),
                            "{what} at {columns}: `{next}` after `{said}`:\n{text}"
                        );
                    }
                }
            }
        }
    }
    crate::common::assert_none_too_wide(&wrong);
    // Off a terminal an error is one line and its hint another, even with `COLUMNS` set.
    let mut piped = lp.command(&["remove", "bert"]);
    piped.env("COLUMNS", "60");
    let stderr = crate::common::run(piped).stderr;
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("lpath: error: "), "{stderr}");
    assert!(
        lines[1].starts_with("hint: ") && own_width(lines[1]) > 60,
        "{stderr}"
    );
}

/// Every line of every `(command, input)` on a terminal `columns` wide, in English and Chinese,
/// that does not fit (see [`misfits`]). A question's answer is typed on its line, so what follows
/// `[y/N] ` is read as the next line.
fn screens_that_misfit(screens: &[(Command, &str)], what: &str) -> Option<Vec<String>> {
    let mut wrong = Vec::new();
    for columns in [60u16, 80, 120] {
        for (cmd, input) in screens {
            let text = seen(cmd, columns, input)?;
            let text = text.replace("[y/N] ", "[y/N]\n");
            let args: Vec<_> = cmd.get_args().collect();
            wrong.extend(misfits(
                &text,
                usize::from(columns),
                &format!("{what} {args:?}"),
            ));
        }
    }
    Some(wrong)
}

/// The screens the first pass did not reach: help (top level and each command's), a week of
/// `stats` and `log`, `undo`, what `note`, `import`, `card` and `reset --all` say, `catalog check`'s
/// problems, `review`, and the `sync` summary, at 60, 80 and 120 columns in both languages.
#[test]
fn help_stats_log_undo_messages_review_and_sync_fit_the_terminal() {
    let lp = Lpath::new();
    // A week of mixed activity: done, start, notes, a skip, on seven days.
    let week: [(&str, &[&str]); 8] = [
        ("2026-11-23T20:00:00Z", &["done", "illustrated-transformer"]),
        ("2026-11-24T20:00:00Z", &["done", "bahdanau-attention"]),
        ("2026-11-25T20:00:00Z", &["start", "bert"]),
        ("2026-11-25T21:00:00Z", &["note", "bert", LONG_NOTE]),
        (
            "2026-11-26T20:00:00Z",
            &["done", "attention-is-all-you-need"],
        ),
        ("2026-11-27T20:00:00Z", &["note", "bert", LONG_NOTE_ZH]),
        ("2026-11-28T20:00:00Z", &["skip", "raschka-book-ch16"]),
        ("2026-11-29T20:00:00Z", &["done", "bert", "gpt-1"]),
    ];
    for (now, args) in week {
        lp.run_at(now, args).success();
    }
    let exported = lp
        .root()
        .join("progress-exported-from-another-machine.json");
    let json = lp.run(&["export", "--format", "json"]).success().stdout;
    std::fs::write(&exported, json).unwrap();
    let exported = exported.to_str().unwrap();
    lp.write_catalog(
        "a-catalog-of-my-own-with-a-rather-long-file-name.toml",
        "format = 1\n[[entry]]\nid = \"Bad Id\"\n",
    );
    let broken = lp
        .catalog_dir()
        .join("a-catalog-of-my-own-with-a-rather-long-file-name.toml");
    let fresh = Lpath::new();
    let mut screens: Vec<(Command, &str)> = Vec::new();
    for lang in ["en", "zh"] {
        let at = |args: &[&str]| {
            let mut all = vec!["--lang", lang];
            all.extend(args);
            let mut cmd = lp.command(&all);
            cmd.env("LPATH_NOW", "2026-11-29T21:00:00Z");
            cmd
        };
        for path in &crate::common::commands().paths {
            let mut args: Vec<&str> = vec!["--lang", lang];
            args.extend(path.iter().map(String::as_str));
            args.push("--help");
            screens.push((fresh.command(&args), ""));
        }
        screens.push((fresh.command(&["--lang", lang, "--help"]), ""));
        screens.push((fresh.command(&["--lang", lang, "help", "done"]), ""));
        for args in [
            &["stats"][..],
            &["log"],
            &["log", "-n", "0"],
            &["review", "--list"],
            // Its URL is wider than 80 columns: alone on its line, under its label.
            &["show", "gpt-2"],
            &["note", "gpt-2"],
            &["note", "transformer-zhihu-350739760"],
            &["catalog", "check", broken.to_str().unwrap()],
        ] {
            screens.push((at(args), ""));
        }
        // `review` on a terminal: the first card, then `q`.
        screens.push((at(&["review"]), "q\n"));
        screens.push((at(&["reset", "--all"]), "n\n"));
    }
    let Some(mut wrong) = screens_that_misfit(&screens, "") else {
        return;
    };
    // What a change says, and `undo` after it.
    for columns in [60u16, 80, 120] {
        for lang in ["en", "zh"] {
            for args in [
                &["note", "transformer-zhihu-350739760", LONG_NOTE][..],
                &["note", "bert", "--delete", "1"],
                &["import", exported],
                &[
                    "card",
                    "add",
                    "transformer-zhihu-350739760",
                    "--question",
                    LONG_NOTE,
                    "--answer",
                    LONG_NOTE_ZH,
                ],
            ] {
                let mut all = vec!["--lang", lang];
                all.extend(args);
                let Some(text) = seen(&lp.command(&all), columns, "") else {
                    return;
                };
                wrong.extend(misfits(&text, usize::from(columns), &format!("{all:?}")));
                let undo = seen(&lp.command(&["--lang", lang, "undo"]), columns, "").unwrap();
                wrong.extend(misfits(
                    &undo,
                    usize::from(columns),
                    &format!("undo {all:?}"),
                ));
            }
        }
    }
    crate::common::assert_none_too_wide(&wrong);
}

/// The `sync` summary of a laptop's many changes, as the desktop reads it.
#[test]
fn the_sync_summary_fits_the_terminal() {
    if !crate::common::need("git", "sync runs git") {
        return;
    }
    let (laptop, desktop, _remote) = crate::sync::two_machines();
    laptop
        .run(&[
            "done",
            "illustrated-transformer",
            "bahdanau-attention",
            "attention-is-all-you-need",
            "gpt-1",
            "gpt-2",
            "fine-tuning-human-preferences",
            "transformer-zhihu-350739760",
        ])
        .success();
    laptop
        .run(&["start", "flash-attention", "instructgpt"])
        .success();
    laptop.run(&["skip", "raschka-book-ch16"]).success();
    laptop.run(&["note", "bert", LONG_NOTE]).success();
    laptop.sync().success();
    desktop.run(&["done", "roformer"]).success();
    let mut wrong = Vec::new();
    for (columns, lang) in [(60u16, "en"), (80, "zh"), (120, "en")] {
        // Each sync after the first has nothing left to bring: a fresh desktop each time would
        // need a fresh remote, so the first run is the one with the summary.
        let cmd = desktop.command(None, &["--lang", lang, "sync"]);
        let Some(text) = seen(&cmd, columns, "") else {
            return;
        };
        wrong.extend(misfits(
            &text,
            usize::from(columns),
            &format!("sync {lang}"),
        ));
        if columns == 60 {
            assert!(text.contains("transformer-zhihu-350739760"), "{text}");
        }
    }
    crate::common::assert_none_too_wide(&wrong);
}

/// `reset --all`'s question counts in words that fit the number: one entry is not "all 1 entries".
#[test]
fn reset_all_asks_about_one_entry_in_the_singular() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let one = seen(&lp.command(&["reset", "--all"]), 120, "n\n");
    let Some(one) = one else { return };
    assert!(one.contains("Reset the one entry"), "{one}");
    assert!(!one.contains("all 1 entries"), "{one}");
    lp.run(&["done", "gpt-1"]).success();
    let two = seen(&lp.command(&["reset", "--all"]), 120, "n\n").unwrap_or_default();
    assert!(two.contains("Reset all 2 entries"), "{two}");
}
