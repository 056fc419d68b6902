//! `lpath list` on the screen: one line an entry fitted to the terminal, under the heading of its
//! own track, and nothing cut or padded off a terminal.

use std::collections::HashMap;

use crate::common::Lpath;
use serde_json::Value;

/// Columns a line takes: a Chinese character takes two.
fn width(line: &str) -> usize {
    line.chars()
        .map(|c| {
            if c >= '\u{1100}' && unicode_wide(c) {
                2
            } else {
                1
            }
        })
        .sum()
}

fn unicode_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

fn entries(lp: &Lpath, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["list", "--json"];
    args.extend_from_slice(filters);
    lp.run(&args).success().json().as_array().unwrap().clone()
}

/// Track titles (as headings show them) to track ids.
fn tracks(lp: &Lpath) -> HashMap<String, String> {
    let stats = lp.run(&["stats", "--json"]).success().json();
    stats["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["title"].as_str().unwrap().to_string(),
                t["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Each entry line of a table, by its row number, with the track id of the heading above it.
fn rows_under_headings(
    table: &str,
    tracks: &HashMap<String, String>,
) -> Vec<(usize, String, String)> {
    let mut heading: Option<String> = None;
    let mut rows = Vec::new();
    for line in table.lines().skip(2) {
        if let Some(title) = line.strip_prefix("▸ ") {
            heading = Some(
                tracks
                    .get(title)
                    .unwrap_or_else(|| panic!("`{title}`"))
                    .clone(),
            );
        } else if let Some(row) = line.split_whitespace().next().and_then(|w| w.parse().ok()) {
            let track = heading
                .clone()
                .unwrap_or_else(|| panic!("no heading above:\n{table}"));
            rows.push((row, track, line.to_string()));
        }
    }
    rows
}

#[test]
fn in_a_terminal_of_60_80_or_120_columns_every_entry_is_one_line_that_fits() {
    let lp = Lpath::new();
    let all = entries(&lp, &[]);
    let track_count = tracks(&lp).len();
    for columns in [60, 80, 120] {
        let Some(table) = lp.in_terminal(columns, &["list"]) else {
            return;
        };
        for line in table.lines() {
            assert!(
                width(line) <= columns as usize,
                "{columns}: `{line}` is too wide"
            );
            assert_eq!(line.trim_end(), line, "{columns}: `{line}` ends in a space");
        }
        // A header, its rule, a heading per track, a line an entry, and the footer.
        assert_eq!(
            table.lines().count(),
            2 + track_count + all.len() + 1,
            "{table}"
        );
        for entry in &all {
            let (row, id) = (
                entry["row"].as_u64().unwrap(),
                entry["id"].as_str().unwrap(),
            );
            assert!(
                table.lines().any(|l| {
                    let words: Vec<&str> = l.split_whitespace().collect();
                    words.first() == Some(&row.to_string().as_str())
                        && words.contains(&id)
                        && words.last() == entry["status"].as_str().as_ref()
                }),
                "{columns}: row {row} `{id}` is not whole on one line:\n{table}"
            );
        }
    }
}

#[test]
fn titles_give_way_with_an_ellipsis_and_the_year_then_the_kind_make_room() {
    let lp = Lpath::new();
    let header = |columns| {
        lp.in_terminal(columns, &["list"])
            .map(|t| t.lines().next().unwrap().to_string())
    };
    let Some(wide) = header(120) else { return };
    assert!(wide.contains(" kind ") && wide.contains(" year "), "{wide}");
    // The year goes first (below 84 columns with the bundled catalog's widest id), then the kind
    // (below 78).
    let middle = header(82).unwrap();
    assert!(
        middle.contains(" kind ") && !middle.contains(" year "),
        "{middle}"
    );
    let narrow = header(60).unwrap();
    assert!(
        !narrow.contains(" kind ") && !narrow.contains(" year "),
        "{narrow}"
    );
    let table = lp.in_terminal(60, &["list"]).unwrap();
    let cut = table
        .lines()
        .find(|l| l.contains("bahdanau-attention "))
        .unwrap();
    assert!(cut.contains("Neural Machine Transla…"), "{cut}");
    // A Chinese title is cut at a character, measured in columns.
    let chinese = table
        .lines()
        .find(|l| l.contains("csdn-20-papers"))
        .unwrap();
    assert!(chinese.contains("系统学习大模型的20篇论…"), "{chinese}");
}

/// Where each header word starts, in columns (measured with unicode-width, not lpath).
fn column_starts(header: &str) -> Vec<(String, usize)> {
    let mut starts = Vec::new();
    let mut at = 0;
    let mut previous = ' ';
    for c in header.chars() {
        if c != ' ' && previous == ' ' {
            starts.push((String::new(), at));
        }
        if c != ' '
            && let Some(last) = starts.last_mut()
        {
            last.0.push(c);
        }
        at += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        previous = c;
    }
    starts
}

#[test]
fn at_60_columns_the_title_gets_at_least_the_room_of_the_id_and_a_long_id_goes_on_whole() {
    let lp = Lpath::new();
    for lang in ["en", "zh"] {
        let Some(table) = lp.in_terminal(60, &["--lang", lang, "list"]) else {
            return;
        };
        let starts = column_starts(table.lines().next().unwrap());
        // `#`, id, title, status: the id column runs to two spaces before the title's.
        assert_eq!(starts.len(), 4, "{table}");
        let id = starts[2].1 - starts[1].1 - 2;
        let title = starts[3].1 - starts[2].1 - 2;
        assert!(title >= id, "{lang}: id {id} title {title}\n{table}");
        assert!(title > 17, "{lang}: the title has {title} columns\n{table}");
        // An id longer than its column is whole, two spaces before its title, on its one line.
        let line = table
            .lines()
            .find(|l| l.contains("transformer-zhihu-350739760"))
            .expect(&table);
        assert!(
            line.contains("transformer-zhihu-350739760  Zhihu post"),
            "{line}"
        );
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 60, "{line}");
    }
}

#[test]
fn wrap_shows_whole_titles_over_further_lines_in_their_column() {
    let lp = Lpath::new();
    let Some(table) = lp.in_terminal(60, &["list", "--wrap"]) else {
        return;
    };
    let title = "Neural Machine Translation by Jointly Learning to Align and Translate";
    let lines: Vec<&str> = table.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("bahdanau-attention "))
        .unwrap();
    let first: Vec<&str> = lines[at].split_whitespace().collect();
    let mut words = first[2..first.len() - 1].to_vec();
    // A further line of the title is blank up to the title column (a row number is padded on the
    // left too, so a blank start alone does not tell).
    let title_column = lines[0].find("title").unwrap();
    let further = |l: &&&str| {
        l.get(..title_column)
            .is_some_and(|lead| lead.trim().is_empty())
    };
    for more in lines[at + 1..].iter().take_while(further) {
        words.extend(more.split_whitespace());
    }
    assert_eq!(words.join(" "), title, "{table}");
    assert!(
        table
            .lines()
            .all(|l| l.starts_with('▸') || !l.contains('…')),
        "{table}"
    );
    assert!(
        table.lines().all(|l| width(l) <= 60 && l.trim_end() == l),
        "{table}"
    );
}

#[test]
fn off_a_terminal_without_columns_nothing_is_cut_and_no_line_ends_in_a_space() {
    let lp = Lpath::new();
    for lang in ["en", "zh"] {
        let table = lp.run(&["list", "--lang", lang]).success().stdout;
        for line in table.lines() {
            assert_eq!(line.trim_end(), line, "`{line}` ends in a space");
        }
        assert!(!table.contains('…'), "{table}");
        for entry in entries(&lp, &[]) {
            let title = entry["title"].as_str().unwrap();
            assert!(table.contains(title), "`{title}` is cut:\n{table}");
        }
    }
}

#[test]
fn a_filtered_list_keeps_every_row_under_the_heading_of_its_own_track() {
    let lp = Lpath::new();
    lp.run(&["done", "bert", "attention-is-all-you-need"])
        .success();
    let tracks = tracks(&lp);
    let filters: [&[&str]; 7] = [
        &["--status", "todo"],
        &["--kind", "blog"],
        &["--search", "论文"],
        &["--search", "zhihu"],
        &["--track", "scaling,foundations"],
        &["-s", "done", "-s", "todo", "-k", "code"],
        &[],
    ];
    for filter in filters {
        let mut args = vec!["list"];
        args.extend_from_slice(filter);
        let table = lp.run(&args).success().stdout;
        let rows = rows_under_headings(&table, &tracks);
        let json = entries(&lp, filter);
        assert_eq!(rows.len(), json.len(), "{filter:?}:\n{table}");
        let shown: Vec<&str> = json.iter().map(|e| e["id"].as_str().unwrap()).collect();
        for ((row, heading, line), entry) in rows.iter().zip(&json) {
            assert_eq!(*row as u64, entry["row"].as_u64().unwrap(), "{filter:?}");
            assert_eq!(
                heading,
                entry["track"].as_str().unwrap(),
                "{filter:?}: {line}"
            );
            // A companion shown without its entry says whose companion it is.
            if let Some(paper) = entry["companion_of"].as_str() {
                let marked = line.contains(&format!("(companion of {paper})"));
                assert_eq!(marked, !shown.contains(&paper), "{filter:?}: {line}");
            }
        }
    }
}

#[test]
fn a_comma_list_and_repeated_flags_mean_the_same() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    lp.run(&["start", "gpt-1"]).success();
    let same = [
        (
            vec!["list", "--status", "done,reading"],
            vec!["list", "--status", "done", "--status", "reading"],
        ),
        (
            vec!["list", "--kind", "code,blog"],
            vec!["list", "-k", "code", "-k", "blog"],
        ),
        (
            vec!["list", "--track", "start,rlhf"],
            vec!["list", "-t", "start", "--track", "rlhf"],
        ),
        (
            vec!["next", "--track", "start,rlhf"],
            vec!["next", "-t", "start", "-t", "rlhf"],
        ),
        (
            vec!["export", "--status", "done,reading"],
            vec!["export", "-s", "done", "-s", "reading"],
        ),
        (
            vec!["graph", "--track", "start,rlhf"],
            vec!["graph", "-t", "start", "-t", "rlhf"],
        ),
    ];
    for (comma, repeated) in same {
        let (a, b) = (lp.run(&comma).success(), lp.run(&repeated).success());
        assert_eq!(a.stdout, b.stdout, "{comma:?} and {repeated:?}");
    }
    assert_eq!(entries(&lp, &["-s", "done,reading"]).len(), 2);
}

#[test]
fn one_id_too_long_for_the_id_column_has_a_line_of_its_own_and_takes_no_title_s_room() {
    let lp = Lpath::new();
    let long = "y".repeat(200);
    let mut text = String::from("format = 1\n[[track]]\nid = \"mine\"\ntitle = \"Mine\"\n");
    for id in [long.as_str(), "short-one"] {
        text.push_str(&format!(
            "[[entry]]\nid = \"{id}\"\nkind = \"blog\"\ntitle = \"Mine, a title\"\n\
             track = \"mine\"\nurl = \"https://example.org/{id}\"\n"
        ));
    }
    lp.write_catalog("mine.toml", &text);
    for columns in [60, 80, 120] {
        let Some(table) = lp.in_terminal(columns, &["list", "-t", "mine"]) else {
            return;
        };
        let lines: Vec<&str> = table.lines().collect();
        let at = lines.iter().position(|l| l.contains(&long)).expect(&table);
        // The id whole on its line; its title on the next, under the title column.
        assert!(lines[at].trim_end().ends_with(&long), "{table}");
        assert!(lines[at + 1].trim_start().starts_with("Mine"), "{table}");
        for line in lines.iter().filter(|l| !l.contains(&long)) {
            assert!(
                width(line) <= usize::from(columns),
                "{columns}: {line}\n{table}"
            );
        }
        let short = lines
            .iter()
            .find(|l| l.contains("short-one"))
            .expect(&table);
        assert!(short.contains("Mine"), "the title is still there: {table}");
    }
}
