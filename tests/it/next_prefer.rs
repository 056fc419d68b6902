//! `next --prefer LANG` and `prefer` in config.toml: a learner who reads Chinese says so once and
//! `next` offers Chinese companions first (issue 25).

use crate::common::{Lpath, by_id};
use serde_json::Value;

/// A learner who has read Bahdanau's paper: `next` offers the Transformer paper, which has
/// companions in English and in Chinese.
fn at_the_transformer() -> Lpath {
    let lp = Lpath::new();
    lp.run(&[
        "done",
        "illustrated-transformer",
        "csdn-20-papers",
        "bahdanau-attention",
    ])
    .success();
    lp
}

/// The languages of the companions `next` offers with the Transformer paper, in the order it
/// offers them, each read from `list --json` (no `lang` there means English).
fn companion_languages(lp: &Lpath, extra: &[&str]) -> Vec<(String, String)> {
    let list = lp.run(&["list", "--json"]).success().json();
    let mut args = vec!["next", "-n", "1", "--json"];
    args.extend_from_slice(extra);
    let next = lp.run(&args).success().json();
    assert_eq!(next[0]["id"], "attention-is-all-you-need");
    next[0]["companions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let id = c["id"].as_str().unwrap();
            let lang = match &by_id(&list, id)["lang"] {
                Value::String(code) => code.clone(),
                _ => "en".to_string(),
            };
            (id.to_string(), lang)
        })
        .collect()
}

/// Whether every companion in `lang` comes before every other one.
fn first(order: &[(String, String)], lang: &str) -> bool {
    let split = order.iter().take_while(|(_, l)| l == lang).count();
    order[split..].iter().all(|(_, l)| l != lang)
}

fn sorted(order: &[(String, String)]) -> Vec<String> {
    let mut ids: Vec<String> = order.iter().map(|(id, _)| id.clone()).collect();
    ids.sort();
    ids
}

#[test]
fn next_offers_chinese_companions_first_with_prefer_zh_and_not_without() {
    let lp = at_the_transformer();
    let plain = companion_languages(&lp, &[]);
    assert!(plain.iter().any(|(_, l)| l == "zh"), "{plain:?}");
    assert_ne!(
        plain[0].1, "zh",
        "catalog order starts in English: {plain:?}"
    );
    assert!(!first(&plain, "zh"), "{plain:?}");

    let preferred = companion_languages(&lp, &["--prefer", "zh"]);
    assert!(first(&preferred, "zh"), "{preferred:?}");
    assert_eq!(preferred[0].1, "zh", "{preferred:?}");
    assert_eq!(sorted(&preferred), sorted(&plain), "the same companions");
    // Within a language, catalog order is kept.
    let zh = |order: &[(String, String)]| -> Vec<String> {
        order
            .iter()
            .filter(|(_, l)| l == "zh")
            .map(|(id, _)| id.clone())
            .collect()
    };
    assert_eq!(zh(&preferred), zh(&plain));

    // The text output follows the same order.
    let text = lp
        .run(&["next", "-n", "1", "--prefer", "zh"])
        .success()
        .stdout;
    let at = |id: &str| {
        text.find(&format!("↳ {id} "))
            .unwrap_or_else(|| panic!("{id}\n{text}"))
    };
    assert!(at(&preferred[0].0) < at(&plain[0].0), "{text}");
}

#[test]
fn prefer_in_config_toml_is_said_once_and_a_flag_overrides_it() {
    let lp = at_the_transformer();
    let plain = companion_languages(&lp, &[]);
    std::fs::write(lp.config_dir().join("config.toml"), "prefer = \"zh\"\n").unwrap();
    let remembered = companion_languages(&lp, &[]);
    assert!(first(&remembered, "zh"), "{remembered:?}");
    assert_eq!(remembered, companion_languages(&lp, &["--prefer", "zh"]));
    // Plain `lpath` runs `next` and reads the setting too.
    let bare = lp.run(&[]).success().stdout;
    assert!(
        bare.find(&format!("↳ {} ", remembered[0].0)) < bare.find(&format!("↳ {} ", plain[0].0)),
        "{bare}"
    );
    let english = companion_languages(&lp, &["--prefer", "en"]);
    assert!(first(&english, "en"), "{english:?}");
    assert_eq!(english[0].1, "en");
}

#[test]
fn a_config_toml_lpath_cannot_use_is_an_error_naming_it_and_changes_nothing() {
    let lp = at_the_transformer();
    let progress = lp.progress();
    let config = lp.config_dir().join("config.toml");
    for (text, says) in [
        ("prefer = \"zh", "line 1"),
        ("prefer = 3\n", "`prefer`"),
        ("prefer = \"Chinese\"\n", "`prefer`"),
        ("colour = \"red\"\n", "`colour`"),
    ] {
        std::fs::write(&config, text).unwrap();
        let run = lp.run(&["next"]).failure(1);
        assert!(run.stderr.contains("config.toml"), "{}", run.stderr);
        assert!(run.stderr.contains(says), "{text}: {}", run.stderr);
        assert!(run.stderr.contains("hint: "), "{}", run.stderr);
        let zh = lp.run(&["--lang", "zh", "next"]).failure(1);
        assert!(zh.stderr.contains("无法读取"), "{}", zh.stderr);
    }
    std::fs::write(&config, "#".repeat(100_000)).unwrap();
    lp.run(&["next"]).failure(1).stderr_has("100000 bytes");
    std::fs::remove_file(&config).unwrap();
    std::fs::create_dir(&config).unwrap();
    lp.run(&["next"]).failure(1).stderr_has("config.toml");
    std::fs::remove_dir(&config).unwrap();
    #[cfg(unix)]
    {
        let outside = lp.root().join("elsewhere.toml");
        std::fs::write(&outside, "prefer = \"zh\"\n").unwrap();
        std::os::unix::fs::symlink(&outside, &config).unwrap();
        lp.run(&["next"])
            .failure(1)
            .stderr_has("outside the config dir");
        std::fs::remove_file(&config).unwrap();
        // A symlink that stays inside the config dir is read.
        let inside = lp.config_dir().join("settings-backup.toml");
        std::fs::write(&inside, "prefer = \"zh\"\n").unwrap();
        std::os::unix::fs::symlink(&inside, &config).unwrap();
        assert!(first(&companion_languages(&lp, &[]), "zh"));
    }
    // A flag needs no file; a flag that is no language code is a usage error.
    lp.run(&["next", "--prefer", "Chinese"])
        .failure(2)
        .stderr_has("`Chinese`");
    assert_eq!(lp.progress(), progress, "nothing was written");
}

#[test]
fn next_help_says_how_to_prefer_a_language_in_both_languages() {
    let lp = Lpath::new();
    // Help wraps at the terminal's width: words are compared with their spacing made one.
    let flat = |text: String| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let en = flat(lp.run(&["next", "--help"]).success().stdout);
    for words in ["--prefer <LANG>", "config.toml", "prefer = \"zh\""] {
        assert!(en.contains(words), "{words}\n{en}");
    }
    let zh = flat(lp.run(&["--lang", "zh", "next", "--help"]).success().stdout);
    for words in [
        "--prefer <LANG>",
        "config.toml",
        "prefer = \"zh\"",
        "中文辅助材料",
    ] {
        assert!(zh.contains(words), "{words}\n{zh}");
    }
}

#[test]
fn doctor_checks_config_toml_and_names_what_it_sets() {
    let lp = Lpath::new();
    lp.run(&["doctor"])
        .success()
        .stdout_has("config.toml")
        .stdout_has("(none; optional");
    std::fs::create_dir_all(lp.config_dir()).unwrap();
    let config = lp.config_dir().join("config.toml");
    std::fs::write(&config, "prefer = \"zh\"\n").unwrap();
    lp.run(&["doctor"])
        .success()
        .stdout_has("offers companions in `zh` first");
    std::fs::write(&config, "prefer = [\"zh\"]\n").unwrap();
    let run = lp.run(&["doctor"]).failure(1);
    assert!(run.stdout.contains("✗ settings"), "{}", run.stdout);
    // doctor --fix leaves a file lpath never writes alone.
    lp.run(&["doctor", "--fix"]).failure(1);
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "prefer = [\"zh\"]\n"
    );
}

#[test]
fn open_companion_opens_one_in_the_preferred_language_first() {
    let lp = at_the_transformer();
    let plain = companion_languages(&lp, &[]);
    let url_of = |id: &str| lp.entry_json(id)["url"].as_str().unwrap().to_string();
    let opened = |lp: &Lpath| {
        lp.run(&["open", "attention-is-all-you-need", "--companion"])
            .success()
            .stdout
            .trim()
            .to_string()
    };
    assert_eq!(opened(&lp), url_of(&plain[0].0));
    std::fs::write(lp.config_dir().join("config.toml"), "prefer = \"zh\"\n").unwrap();
    let first_zh = plain.iter().find(|(_, l)| l == "zh").unwrap();
    assert_eq!(opened(&lp), url_of(&first_zh.0));
}
