//! The everyday screens fit an ordinary terminal, in English and Chinese: at 60, 80 and 120
//! columns no line of `list`, `next`, `show`, `note`, `log`, `stats` or `doctor` is wider than the
//! terminal, long notes and titles included, in a real pty. A URL alone on its line is the one
//! exception: it is never broken, so the terminal can still open it.

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
                // An opening bracket stays with what follows it, closing punctuation with what precedes it.
                let wide = |c: char| crate::common::display_width(&c.to_string()) == 2;
                let mut head = String::new();
                for c in next.chars() {
                    let closing = "），。、；：".contains(c);
                    if c == ' '
                        || (!head.is_empty() && !head.ends_with('（') && wide(c) && !closing)
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
