//! `--lang` and `--color`: Chinese words for a Chinese locale, and colour only where it belongs.

use crate::common::Lpath;

const ESC: char = '\u{1b}';

/// Whether the table row of `id` shows its status with an escape sequence before it.
fn status_coloured(list: &str, id: &str) -> bool {
    list.lines()
        .find(|l| l.contains(id))
        .is_some_and(|row| row.contains("mdone") && row.contains(ESC))
}

#[test]
fn lang_zh_puts_list_in_chinese() {
    let lp = Lpath::new();
    lp.run(&["done", "bahdanau"]).success();
    let list = lp.run(&["--lang", "zh", "list"]).success().stdout;
    for word in ["标题", "状态", "▸ 入门资源", "已读", "未读", "已读 1/140"] {
        assert!(list.contains(word), "no `{word}` in:\n{list}");
    }
}

#[test]
fn lang_zh_puts_next_in_chinese_with_chinese_summaries() {
    let lp = Lpath::new();
    let next = lp.run(&["next", "--lang", "zh"]).success().stdout;
    assert!(next.starts_with("接下来读："), "{next}");
    assert!(next.contains("用大量图示逐步讲解 Transformer"), "{next}");
    assert!(next.contains("读完后运行 `lpath done <id>`"), "{next}");
}

#[test]
fn lang_zh_puts_show_in_chinese() {
    let lp = Lpath::new();
    lp.run_at("2026-03-01T10:00:00Z", &["start", "bert"])
        .success();
    let show = lp.run(&["--lang", "zh", "show", "bert"]).success().stdout;
    for word in [
        "编号      bert（第 26 行）",
        "作者      Jacob Devlin",
        "状态      在读 · 开始于 2026-03-01 10:00",
        "路线      ",
        "前置：",
        "解锁：",
        "辅助材料：",
        "笔记：无",
        "通过预测被遮住的词",
    ] {
        assert!(show.contains(word), "no `{word}` in:\n{show}");
    }
    let english = lp.run(&["--lang", "en", "show", "bert"]).success().stdout;
    assert!(
        english.contains("status    reading · started 2026-03-01 10:00"),
        "{english}"
    );
}

#[test]
fn lang_zh_puts_stats_in_chinese() {
    let lp = Lpath::new();
    lp.run_at("2026-03-01T10:00:00Z", &["done", "bahdanau"])
        .success();
    let stats = lp
        .run_at("2026-03-01T12:00:00Z", &["--lang", "zh", "stats"])
        .success()
        .stdout;
    for word in [
        "总体",
        "已读 1/140 · 跳过 0",
        "在读 0",
        "首次活动 2026-03-01 10:00",
        "连续 1 天",
        "▸ 入门资源",
        "还没有活动",
    ] {
        assert!(stats.contains(word), "no `{word}` in:\n{stats}");
    }
}

#[test]
fn a_chinese_locale_is_the_default_and_the_flag_overrides_it() {
    let lp = Lpath::new();
    let zh = lp.run_with(&[("LANG", "zh_CN.UTF-8")], &["list"]).success();
    assert!(zh.stdout.contains("状态"), "{}", zh.stdout);
    let en = lp
        .run_with(&[("LANG", "zh_CN.UTF-8")], &["--lang", "en", "list"])
        .success();
    assert!(en.stdout.contains("status") && !en.stdout.contains("状态"));
    let lc_all = lp
        .run_with(
            &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")],
            &["list"],
        )
        .success();
    assert!(lc_all.stdout.contains("status"), "LC_ALL comes first");
    let messages = lp
        .run_with(&[("LC_MESSAGES", "zh_TW.UTF-8")], &["list"])
        .success();
    assert!(messages.stdout.contains("状态"), "LC_MESSAGES counts");
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let lp = Lpath::new();
    lp.run(&["--lang", "fr", "list"])
        .failure(2)
        .stderr_has("invalid value `fr` for `--lang <LANG>`")
        .stderr_has("possible values: en, zh");
}

#[test]
fn a_pipe_gets_no_colour_unless_forced() {
    let lp = Lpath::new();
    lp.run(&["done", "bahdanau"]).success();
    let mut cmd = lp.command(&["list"]);
    cmd.env_remove("NO_COLOR");
    assert!(!crate::common::run(cmd).success().stdout.contains(ESC));
    let never = lp.run(&["list", "--color", "never"]).success().stdout;
    assert!(!never.contains(ESC));
}

#[test]
fn color_always_colours_statuses_even_with_no_color_set() {
    let lp = Lpath::new();
    lp.run(&["done", "bahdanau"]).success();
    // The harness sets NO_COLOR=1; `--color always` is the explicit request that beats it.
    let list = lp.run(&["list", "--color", "always"]).success().stdout;
    assert!(status_coloured(&list, "bahdanau-attention"), "{list:?}");
    let tree = lp.run(&["--color", "always", "graph"]).success().stdout;
    assert!(
        tree.contains(&format!("bahdanau-attention  {ESC}[32mdone{ESC}[0m")),
        "{tree:?}"
    );
    let plain = lp.run(&["graph"]).success().stdout;
    assert!(!plain.contains(ESC), "{plain:?}");
}

#[test]
fn reading_is_coloured_in_next_when_colour_is_on() {
    let lp = Lpath::new();
    lp.write_progress(
        "format = 1\n[entry.bahdanau-attention]\nstatus = \"reading\"\nchanged = \"2026-03-01T00:00:00Z\"\nstarted = \"2026-03-01T00:00:00Z\"\n",
    );
    let next = lp.run(&["next", "--color", "always"]).success().stdout;
    assert!(
        next.contains(&format!("({ESC}[1m{ESC}[33mreading{ESC}[0m)")),
        "{next:?}"
    );
    let plain = lp.run(&["next"]).success().stdout;
    assert!(plain.contains("  (reading)"), "{plain}");
}

/// `lpath list` on a 160-column pseudo-terminal, with NO_COLOR set to `no_color` or unset.
fn on_a_terminal(lp: &Lpath, no_color: Option<&str>) -> Option<String> {
    crate::common::on_a_terminal(lp, "cols 160", "list", &[("NO_COLOR", no_color)])
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    let lp = Lpath::new();
    lp.run(&["done", "bahdanau"]).success();
    let Some(coloured) = on_a_terminal(&lp, None) else {
        return;
    };
    assert!(status_coloured(&coloured, "bahdanau-attention"));
    assert!(!on_a_terminal(&lp, Some("1")).unwrap().contains(ESC));
    assert!(
        on_a_terminal(&lp, Some("")).unwrap().contains(ESC),
        "an empty NO_COLOR does not count"
    );
}

#[test]
fn show_colours_statuses_only_when_asked() {
    let lp = Lpath::new();
    lp.run(&["done", "bahdanau", "transformer"]).success();
    let coloured = lp
        .run(&["--color", "always", "show", "bert"])
        .success()
        .stdout;
    let requires = coloured
        .lines()
        .find(|l| l.contains("attention-is-all-you-need"))
        .unwrap();
    assert!(
        requires.contains(ESC) && requires.contains("done"),
        "{requires}"
    );
    let plain = lp
        .run(&["--color", "never", "show", "bert"])
        .success()
        .stdout;
    assert!(!plain.contains(ESC), "{plain}");
}

#[test]
fn lang_zh_puts_the_match_count_and_durations_in_chinese() {
    let lp = Lpath::new();
    let zh = |args: &[&str]| {
        let mut all = vec!["--lang", "zh"];
        all.extend_from_slice(args);
        lp.run(&all).success().stdout
    };
    let list = zh(&["list", "--kind", "video"]);
    assert!(list.contains("（140 条中有 8 条符合）"), "{list}");
    assert!(!list.contains("entries match"), "{list}");
    let none = zh(&["list", "--kind", "video", "--status", "done"]);
    assert_eq!(none, "没有条目符合这些筛选条件（路径共有 140 条）。\n");
    let show = zh(&["show", "bert"]);
    assert!(show.contains("时长      约 1 小时\n"), "{show}");
    let next = zh(&["next"]);
    assert!(
        next.contains("illustrated-transformer · 博客 · Jay Alammar · 约 45 分钟"),
        "{next}"
    );
    assert!(!next.contains(" min"), "{next}");
    let stats = zh(&["stats"]);
    assert!(
        stats.contains("已读时长 0 分钟 · 剩余 约 128 小时 5 分钟"),
        "{stats}"
    );
    let english = lp.run(&["list", "--kind", "video"]).success().stdout;
    assert!(english.contains("  (8 of 140 entries match)"), "{english}");
    let english = lp.run(&["show", "bert"]).success().stdout;
    assert!(english.contains("~1 h\n"), "{english}");
}

#[test]
fn drawing_characters_follow_the_locale_alone_on_a_terminal_or_not() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let drawing = ['─', '▸', '↳', '│', '├', '└', '█'];
    for (vars, unicode) in [
        (vec![("LANG", "C.UTF-8")], true),
        (vec![("LANG", "C")], false),
        (vec![("LC_ALL", "POSIX"), ("LANG", "en_US.UTF-8")], false),
        (vec![("LANG", "C"), ("LC_CTYPE", "zh_CN.utf8")], true),
    ] {
        for args in [&["list"][..], &["stats"], &["graph"]] {
            let out = lp.run_with(&vars, args).success().stdout;
            let drawn = out.chars().any(|c| drawing.contains(&c));
            assert_eq!(drawn, unicode, "{vars:?} {args:?}:\n{out}");
        }
    }
    let list = lp.run_with(&[("LANG", "C")], &["list"]).success().stdout;
    assert!(list.contains("\n> Getting started\n"), "{list}");
    // The rule under the header: three dashes over the three-digit `#` column, then the id's.
    assert!(list.contains("\n---  ---"), "{list}");
}
