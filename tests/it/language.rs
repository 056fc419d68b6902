//! Every word lpath says is in the learner's language: with `--lang zh` or a `zh_*` locale no
//! English word is left once ids, catalog text, commands and technical names are taken out; with
//! `--lang en` no Chinese is left outside catalog text. Help of every command in both languages.

use crate::common::{Lpath, Run};

/// The learner's own words, which stay as written.
const NOTE: &str = "读两遍";

/// A learner's first sessions, touching every command: what they print, success or error.
const SESSION: &[&[&str]] = &[
    &["list"],
    &["list", "--kind", "paper", "--status", "todo"],
    &["list", "--kind", "code", "--status", "done"],
    &["next"],
    &["next", "-n", "0"],
    &["done", "bert"],
    &["done", "bert"],
    &["start", "lora"],
    &["skip", "ppo"],
    &["done", "ppo"],
    &["note", "bert", NOTE],
    &["note", "bert"],
    &["note", "gpt-1"],
    &["show", "bert"],
    &["show", "gpt-1"],
    &["stats"],
    &["log"],
    &["undo"],
    &["reset", "lora"],
    &["reset", "--all", "--yes"],
    &["reset", "--all", "--yes"],
    &["undo"],
    &["open", "bert"],
    &["open", "bert", "--companion"],
    &["open", "bert-pytorch", "--companion"],
    &["graph", "--track", "alignment"],
    &["export"],
    &["export", "-o", "/nonexistent/dir/log.md"],
    &["export", "-o", "/"],
    &["add", "--arxiv", "not-an-id"],
    &["show", "gpt-3"],
    &["import", "/nonexistent/progress.json"],
    &[
        "add",
        "my-paper",
        "--title",
        "My Paper",
        "--url",
        "https://example.org/p",
        "--kind",
        "blog",
    ],
    &[
        "add",
        "my-paper",
        "--title",
        "My Paper",
        "--url",
        "https://example.org/p",
        "--kind",
        "blog",
    ],
    &["edit", "my-paper", "--year", "2020"],
    &["remove", "my-paper"],
    &["remove", "bert"],
    &["catalog", "path"],
    &["catalog", "check"],
    &["doctor"],
    &["sync"],
    // Mistakes: unknown ids, rows, kinds and tracks, and clap's own errors.
    &["done", "nope"],
    &["done", "attention"],
    &["done", "999"],
    &["list", "--kind", "poem"],
    &["list", "--track", "nope"],
    &["nxt"],
    &["list", "--jsn"],
    &["list", "--frob"],
    &["list", "--status", "doen"],
    &["note"],
    &["next", "-n", "x"],
    &["next", "-n"],
    &["reset", "--all", "bert"],
    &["catalog"],
];

/// Words that are names, not language: the commands, and the technical names the issue lists.
const NAMES: &[&str] = &[
    "lpath",
    "JSON",
    "BibTeX",
    "again",
    "hard",
    "good",
    "easy",
    "Anki",
    "Markdown",
    "TOML",
    "git",
    "arXiv",
    "DOI",
    "URL",
    "URLs",
    "HTML",
    "SVG",
    "UTF",
    "http",
    "https",
    "id",
    "ids",
    "Graphviz",
    "Mermaid",
    "GitHub",
    "roff",
    "shell",
    "bash",
    "zsh",
    "fish",
    "powershell",
    "elvish",
    "kebab",
    "case",
    "stdin",
    "stdout",
    "fuser",
    "chattr",
    "dot",
    "Tsvg",
    "Linux",
];

fn command_names() -> Vec<String> {
    let commands = crate::common::commands();
    let mut out = vec!["help".to_string()];
    out.extend(commands.paths.iter().flatten().cloned());
    out.extend(commands.aliases.iter().cloned());
    out
}

/// Every command's path, for its help: `[]`, `["list"]`, `["catalog", "check"]`...
fn command_paths() -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    out.extend(crate::common::commands().paths.iter().cloned());
    out
}

/// The catalog's own text (titles, authors, summaries, labels, track titles, ids, URLs), longest
/// first: it stays in whatever language the catalog wrote it.
fn catalog_text(lp: &Lpath) -> Vec<String> {
    let mut out = Vec::new();
    for lang in ["en", "zh"] {
        let list = lp.run(&["--lang", lang, "list", "--json"]).success().json();
        for entry in list.as_array().unwrap() {
            for field in [
                "id",
                "title",
                "url",
                "summary",
                "summary_zh",
                "label",
                "label_en",
                "track",
            ] {
                if let Some(text) = entry[field].as_str() {
                    out.push(text.to_string());
                }
            }
            for list in ["authors", "aliases"] {
                for text in entry[list].as_array().unwrap() {
                    out.push(text.as_str().unwrap().to_string());
                    // Surnames, as `next` shortens authors.
                    let name = text.as_str().unwrap();
                    out.push(name.rsplit(' ').next().unwrap_or(name).to_string());
                }
            }
        }
        let stats = lp
            .run(&["--lang", lang, "stats", "--json"])
            .success()
            .json();
        for track in stats["tracks"].as_array().unwrap() {
            out.push(track["title"].as_str().unwrap().to_string());
        }
    }
    // The Markdown export shows catalog text with its punctuation backslash-escaped
    // (`ch04/05\_mla`): that copy is catalog text too.
    let escaped: Vec<String> = out
        .iter()
        .filter(|text| text.contains(['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|']))
        .map(|text| {
            text.chars().fold(String::new(), |mut acc, c| {
                if "\\`*_[]<>#|".contains(c) {
                    acc.push('\\');
                }
                acc.push(c);
                acc
            })
        })
        .collect();
    out.extend(escaped);
    out.sort_by_key(|text| std::cmp::Reverse(text.len()));
    out.dedup();
    out
}

/// `text` without the catalog's text, code in backticks, URLs, paths, options, placeholders and
/// the values an option takes.
fn without_names(text: &str, catalog: &[String]) -> String {
    let mut text = without_catalog(text, catalog);
    // The values an option takes, listed one a line in long help: `- markdown: ...`.
    text = text
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            match trimmed.strip_prefix("- ") {
                Some(rest) => rest.split_once(':').map_or(rest, |(_, help)| help),
                // An example in help: the command is typed as is, its `#` comment is prose.
                None if trimmed.contains("lpath ") && trimmed.contains(" #") => {
                    trimmed.split_once('#').map_or("", |(_, comment)| comment)
                }
                None => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    // The examples in help: a command line (what is typed stays as typed), then its comment.
    text = text
        .lines()
        .map(|line| match line.trim_start().strip_prefix("lpath ") {
            Some(rest) => rest.split_once('#').map_or("", |(_, comment)| comment),
            // A pipeline that runs lpath: `ssh laptop lpath export ... | lpath import -   # ...`.
            None if line.contains(" lpath ") && line.contains("   # ") => {
                line.split_once("   # ").map_or("", |(_, comment)| comment)
            }
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    // `code`, and the value lists clap shows in help.
    for (open, close) in [
        ("`", "`"),
        ("[可选值：", "]"),
        ("[默认：", "]"),
        ("[别名：", "]"),
    ] {
        while let Some(start) = text.find(open) {
            let after = start + open.len();
            let Some(end) = text[after..].find(close) else {
                break;
            };
            text.replace_range(start..after + end + close.len(), " ");
        }
    }
    let commands = command_names();
    text.split(|c: char| c.is_whitespace() || "()（）[]<>{}\"'，。：；、,;:=!?|*".contains(c))
        .filter(|word| {
            let technical = word.contains(['/', '-', '_', '.', '$', '~', '@', '#', '%'])
                || word.chars().any(|c| c.is_ascii_digit())
                || (word.len() > 1 && word.chars().all(|c| !c.is_lowercase()));
            !technical && !commands.iter().any(|c| c == word) && !NAMES.contains(word)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` without the catalog's text, each piece taken out only as whole words.
fn without_catalog(text: &str, catalog: &[String]) -> String {
    let mut text = text.to_string();
    for known in catalog.iter().filter(|k| !k.trim().is_empty()) {
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find(known.as_str()) {
            let before = rest[..at].chars().next_back();
            let after = rest[at + known.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            out.push_str(&rest[..at]);
            out.push_str(if word(before) || word(after) {
                known
            } else {
                " "
            });
            rest = &rest[at + known.len()..];
        }
        out.push_str(rest);
        text = out;
    }
    text
}

fn english_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .map(str::to_string)
        .collect();
    words.dedup();
    words
}

fn chinese(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)
        })
        .collect()
}

/// Runs the session and every command's help, with `lang` args and extra environment.
fn runs(lang: &[&str], env: &[(&str, &str)]) -> (Vec<(String, Run)>, Vec<String>) {
    let lp = Lpath::new();
    let mut catalog = catalog_text(&lp);
    catalog.push(NOTE.to_string());
    let mut out = Vec::new();
    let mut all: Vec<Vec<String>> = SESSION
        .iter()
        .map(|args| args.iter().map(|a| a.to_string()).collect())
        .collect();
    for path in command_paths() {
        all.push(path.iter().cloned().chain(["--help".to_string()]).collect());
        all.push(path.iter().cloned().chain(["-h".to_string()]).collect());
    }
    for args in all {
        let mut full: Vec<&str> = lang.to_vec();
        full.extend(args.iter().map(String::as_str));
        let run = lp.run_with(env, &full);
        assert!(!run.stderr.contains("panicked"), "{full:?}: {run:#?}");
        out.push((full.join(" "), run));
    }
    (out, catalog)
}

fn assert_all_chinese(lang: &[&str], env: &[(&str, &str)]) {
    let (runs, catalog) = runs(lang, env);
    let mut left = Vec::new();
    for (args, run) in &runs {
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            let words = english_words(&without_names(text, &catalog));
            if !words.is_empty() {
                left.push(format!("{args} ({stream}): {words:?}\n{text}"));
            }
        }
    }
    assert!(
        left.is_empty(),
        "English left in {} outputs:\n{}",
        left.len(),
        left.join("\n")
    );
}

#[test]
fn every_command_and_its_help_speak_chinese_with_lang_zh() {
    assert_all_chinese(&["--lang", "zh"], &[]);
}

#[test]
fn every_command_and_its_help_speak_chinese_in_a_chinese_locale() {
    assert_all_chinese(&[], &[("LANG", "zh_CN.UTF-8")]);
}

#[test]
fn every_command_and_its_help_speak_english_with_lang_en_even_in_a_chinese_locale() {
    let (runs, catalog) = runs(&["--lang", "en"], &[("LANG", "zh_CN.UTF-8")]);
    for (args, run) in &runs {
        for text in [&run.stdout, &run.stderr] {
            let left = chinese(&without_catalog(text, &catalog));
            assert!(left.is_empty(), "{args}: Chinese {left:?} in\n{text}");
        }
    }
}

#[test]
fn errors_and_hints_start_with_words_in_the_learners_language() {
    let lp = Lpath::new();
    let run = lp.run(&["--lang", "zh", "done", "nope"]).failure(2);
    assert!(
        run.stderr
            .starts_with("lpath: 错误：没有条目 `nope`\n提示："),
        "{run:#?}"
    );
    let run = lp.run_with(&[("LANG", "zh_TW.UTF-8")], &["nxt"]).failure(2);
    assert!(
        run.stderr.starts_with("lpath: 错误：未知的命令 `nxt`"),
        "{run:#?}"
    );
    let run = lp.run(&["done", "nope"]).failure(2);
    assert!(
        run.stderr
            .starts_with("lpath: error: no entry `nope`\nhint: "),
        "{run:#?}"
    );
}

#[test]
fn a_file_lpath_cannot_read_is_explained_in_chinese() {
    let lp = Lpath::new();
    let done = "format = 1\n[entry.bert]\nstatus = \"done\"\nchanged = ";
    let import = lp.root().join("in.json");
    let import = import.to_str().unwrap();
    let record = r#"{"status": "done", "changed": "2026-03-02T10:00:00Z"}"#;
    for (progress, json) in [
        (String::new(), None),
        ("format = 0\n".to_string(), None),
        (format!("{done}\"2016-12-31T23:59:60Z\"\n"), None),
        (format!("{done}2026-01-01T00:00:00\n"), None),
        ("format = 1\n".to_string(), Some("[1]".to_string())),
        (
            "format = 1\n".to_string(),
            Some(format!(
                r#"{{"format": 1, "entries": {{"bert": {record}, "bert": {record}}}}}"#
            )),
        ),
        (
            "format = 1\n".to_string(),
            Some("{\"format\": 3}".to_string()),
        ),
    ] {
        lp.write_progress(&progress);
        let run = match &json {
            Some(json) => {
                std::fs::write(import, json).unwrap();
                lp.run(&["--lang", "zh", "import", import]).failure(1)
            }
            None => lp.run(&["--lang", "zh", "list"]).failure(1),
        };
        let paths = [lp.progress_path().display().to_string(), import.to_string()];
        let text = paths
            .iter()
            .fold(run.stderr.clone(), |text, path| text.replace(path, ""));
        let words = english_words(&without_names(&text, &[]));
        assert!(
            words.is_empty(),
            "{progress:?} {json:?}: {words:?} in\n{text}"
        );
    }
}

/// The first line of stderr with its backticked names, paths and "file:line:col" taken out.
fn said(run: &Run) -> String {
    let line = run.stderr.lines().next().unwrap_or("").to_string();
    line.split('`')
        .enumerate()
        .filter(|(at, _)| at % 2 == 0)
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join("")
        .replace("lpath", "")
        .replace("TOML", "")
}

#[test]
fn toml_mistakes_are_said_in_chinese() {
    let lp = Lpath::new();
    for (text, expected) in [
        ("format = 1\n[entry.bert\n", "表头没有闭合"),
        (
            "format = 1\n[entries.bert]\nstatus = \"done\"\n",
            "未知的键",
        ),
        ("format = 1\nx = = 3\n", "多余的"),
        ("format = \"x\"\n", "类型不对"),
        ("a = 1\na = 2\n", "重复的键"),
    ] {
        lp.write_progress(text);
        let run = lp.run(&["--lang", "zh", "list"]).failure(1);
        let words = english_words(&said(&run));
        assert!(words.is_empty(), "{text:?}: {words:?} in {}", run.stderr);
        assert!(run.stderr.contains(expected), "{text:?}: {}", run.stderr);
    }
    // What lpath has no words for keeps the reader's words, after a sentence in Chinese.
    lp.write_progress("a = 1979-13-01\n");
    lp.run(&["--lang", "zh", "list"])
        .failure(1)
        .stderr_has("文件不是有效的 TOML（");
    std::fs::remove_file(lp.progress_path()).unwrap();
    lp.write_catalog("mine.toml", "format = 1\n[[entry]\nid = \"x\"\n");
    let run = lp.run(&["--lang", "zh", "catalog", "check"]).failure(1);
    run.stdout_has("catalog.d/mine.toml:2:9: 数组表头没有闭合，这里应为 `]`");
}

#[test]
fn chinese_leftovers_are_gone_and_lang_c_draws_no_middle_dot() {
    let lp = Lpath::new();
    let help = lp.run(&["--lang", "zh", "done", "-h"]).success().stdout;
    assert!(help.contains("用法：lpath done [选项] <ID>..."), "{help}");
    let list = lp.run(&["--lang", "zh", "list"]).success().stdout;
    let header = list.lines().next().unwrap_or("");
    assert!(
        header.contains("编号") && !header.contains(" id "),
        "{header}"
    );
    lp.run(&["done", "flash-attention"]).success();
    lp.run(&["--lang", "zh", "undo"])
        .success()
        .stdout_has("`flash-attention`：已读 → 未读");
    lp.run(&["done", "bert"]).success();
    for args in [&["stats"][..], &["list"], &["next"], &["undo"]] {
        let run = lp
            .run_with(&[("LANG", "C"), ("LC_ALL", "C")], args)
            .success();
        assert!(
            !run.stdout.contains('·') && !run.stdout.contains('→'),
            "{args:?}: {}",
            run.stdout
        );
    }
}

#[test]
fn a_summary_or_track_title_missing_in_one_language_is_shown_in_the_other() {
    let lp = Lpath::new();
    lp.write_catalog(
        "mine.toml",
        r#"format = 1
[[track]]
id = "t"
title = "English track"

[[entry]]
id = "en-only"
kind = "paper"
title = "E"
track = "t"
url = "https://example.org/e"
summary = "Only in English"

[[entry]]
id = "zh-only"
kind = "paper"
title = "Z"
track = "t"
url = "https://example.org/z"
summary_zh = "只有中文"
"#,
    );
    let args = |lang: &'static str, id: &'static str| ["--no-bundled", "--lang", lang, "show", id];
    lp.run(&args("zh", "en-only"))
        .success()
        .stdout_has("Only in English")
        .stdout_has("English track");
    lp.run(&args("en", "zh-only"))
        .success()
        .stdout_has("只有中文");
    lp.run(&args("zh", "zh-only"))
        .success()
        .stdout_has("只有中文");
    lp.run(&args("en", "en-only"))
        .success()
        .stdout_has("Only in English");
}
