//! The catalog cache: a shortcut that never shows a stale or broken path. Whatever changed in a
//! catalog file (even with the same size and modification time), whichever files and flags are
//! in use, and whatever state the cache file is in, lpath answers as if there were no cache.

use std::fs::{self, File};
use std::path::Path;
use std::time::SystemTime;

use crate::common::{Lpath, Run, catalog, entry, position_of, run};

/// A user catalog with what the cache must carry: requirements across files, a companion, an
/// alias, Chinese text, optional fields set and unset.
fn rich_catalog() -> String {
    catalog(
        "mine",
        &[
            (
                "base",
                "requires = [\"attention-is-all-you-need\"]\nyear = 2020\nminutes = 15\nauthors = [\"A. Author\", \"B. Author\"]\n",
            ),
            (
                "next-step",
                "requires = [\"base\"]\naliases = [\"old-next-step\"]\nsummary = \"一段中文摘要\"\n",
            ),
            (
                "base-explained",
                "companion_of = \"base\"\nlabel = \"中文博客\"\nlang = \"zh\"\n",
            ),
        ],
    )
}

/// What the commands that read the whole catalog print, as JSON.
fn answers(lp: &Lpath) -> Vec<String> {
    [
        &["list", "--json"][..],
        &["next", "--json", "-n", "50"],
        &["show", "base", "--json"],
        &["show", "old-next-step", "--json"],
        &["stats", "--json"],
    ]
    .iter()
    .map(|args| lp.run(args).success().stdout)
    .collect()
}

fn modified(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// Replaces a file's text and puts its modification time back, so only its content tells.
fn rewrite_keeping_mtime(path: &Path, text: &str) {
    let before = modified(path);
    assert_eq!(
        fs::metadata(path).unwrap().len(),
        text.len() as u64,
        "same size"
    );
    fs::write(path, text).unwrap();
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    assert_eq!(modified(path), before);
}

#[test]
fn a_cached_catalog_answers_exactly_as_a_freshly_parsed_one() {
    let lp = Lpath::new();
    lp.write_catalog("mine.toml", &rich_catalog());
    lp.run(&["done", "attention-is-all-you-need", "base"])
        .success();
    // Start cold: those runs filled the cache already.
    fs::remove_file(lp.cache_file()).unwrap();

    let cold = answers(&lp);
    assert!(lp.cache_file().exists(), "the first run fills the cache");
    let written = modified(&lp.cache_file());
    let warm = answers(&lp);
    assert_eq!(warm, cold);
    assert_eq!(
        modified(&lp.cache_file()),
        written,
        "a hit reads the cache and leaves it be"
    );
    assert!(
        !lp.config_dir().join("cache").exists(),
        "the config dir may be shared between machines; the cache is per machine"
    );
}

#[test]
fn a_catalog_edited_to_the_same_size_and_time_is_read_again() {
    let lp = Lpath::new();
    let path = lp.write_catalog("mine.toml", &catalog("mine", &[("aa", "")]));
    assert!(lp.run(&["list"]).success().stdout.contains("Title of aa"));
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("Title of aa", "Title of zz");
    rewrite_keeping_mtime(&path, &text);

    let run = lp.run(&["list"]).success();
    assert!(run.stdout.contains("Title of zz"), "{}", run.stdout);
    assert!(!run.stdout.contains("Title of aa"), "stale: {}", run.stdout);
}

#[test]
fn a_catalog_broken_behind_the_cache_is_reported_with_its_line_and_column() {
    let lp = Lpath::new();
    let path = lp.write_catalog("mine.toml", &catalog("mine", &[("aa", "")]));
    lp.run(&["list"]).success();
    let broken = fs::read_to_string(&path)
        .unwrap()
        .replace("track = \"mine\"\nurl", "track = \"mime\"\nurl");
    rewrite_keeping_mtime(&path, &broken);

    // Left out, exactly as by a setup that never had a cache, and checked as such.
    let run = lp.run(&["list", "--json"]).success();
    assert!(!crate::common::ids(&run.json()).contains(&"aa".to_string()));
    let fresh = Lpath::new();
    fresh.write_catalog("mine.toml", &broken);
    assert_eq!(run.stderr, fresh.run(&["list"]).success().stderr);
    run.stderr_has("left out catalog.d/mine.toml, which has 1 problem");
    let run = lp.run(&["catalog", "check"]).failure(1);
    let expected = format!(
        "catalog.d/mine.toml:{}: unknown track `mime`",
        position_of(&broken, "\"mime\"")
    );
    assert!(run.stdout.starts_with(&expected), "{}", run.stdout);
}

#[test]
fn adding_or_removing_a_catalog_file_is_seen() {
    let lp = Lpath::new();
    lp.write_catalog("a.toml", &catalog("ay", &[("from-a", "")]));
    let has = |lp: &Lpath, id: &str| lp.run(&["show", id]).code == 0;
    assert!(has(&lp, "from-a"));
    let b = lp.write_catalog("b.toml", &catalog("bee", &[("from-b", "")]));
    assert!(has(&lp, "from-a") && has(&lp, "from-b"));
    fs::remove_file(b).unwrap();
    assert!(has(&lp, "from-a") && !has(&lp, "from-b"));
    fs::remove_file(lp.catalog_dir().join("a.toml")).unwrap();
    assert!(!has(&lp, "from-a"));
}

#[test]
fn no_bundled_and_catalog_flags_each_get_their_own_answer() {
    let lp = Lpath::new();
    lp.write_catalog("mine.toml", &catalog("mine", &[("mine-1", "")]));
    let extra = lp.root().join("extra.toml");
    fs::write(&extra, catalog("ex", &[("extra-1", "")])).unwrap();
    let extra = extra.to_str().unwrap();
    let ids = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["list", "--json"]);
        crate::common::ids(&lp.run(&all).success().json())
    };
    let everything = ids(&[]);
    // Alternating, so each answer follows a cache written for another selection.
    for _ in 0..2 {
        assert_eq!(ids(&["--no-bundled"]), ["mine-1"]);
        assert_eq!(ids(&[]), everything);
        assert_eq!(
            ids(&["--no-bundled", "--catalog", extra]),
            ["mine-1", "extra-1"]
        );
        assert_eq!(ids(&["--catalog", extra]).last().unwrap(), "extra-1");
    }
    assert!(everything.contains(&"bert".to_string()));
    assert!(!everything.contains(&"extra-1".to_string()));
}

#[test]
fn a_corrupt_or_foreign_cache_file_is_ignored_and_rewritten() {
    let lp = Lpath::new();
    lp.write_catalog("mine.toml", &rich_catalog());
    let good = answers(&lp);
    let cached = fs::read(lp.cache_file()).unwrap();
    let mut flipped = cached.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    for bad in [
        Vec::new(),
        b"not a cache".to_vec(),
        cached[..cached.len() / 2].to_vec(),
        cached[..cached.len() - 1].to_vec(),
        flipped,
        [cached.as_slice(), b"trailing"].concat(),
    ] {
        fs::write(lp.cache_file(), &bad).unwrap();
        assert_eq!(answers(&lp), good);
        assert_eq!(
            fs::read(lp.cache_file()).unwrap(),
            cached,
            "rewritten whole"
        );
    }
}

#[test]
fn an_unwritable_cache_dir_is_skipped_without_a_word() {
    let lp = Lpath::new();
    lp.write_catalog("mine.toml", &rich_catalog());
    // A file where the cache dir would be: nothing can be created under it.
    fs::write(lp.cache_dir(), "in the way").unwrap();
    let first: Vec<Run> = (0..2).map(|_| lp.run(&["list", "--json"])).collect();
    for run in &first {
        assert_eq!(run.code, 0);
        assert_eq!(run.stderr, "");
    }
    assert_eq!(first[0].stdout, first[1].stdout);
    assert!(first[0].stdout.contains("next-step"));
}

#[test]
fn progress_changes_are_seen_through_a_cached_catalog() {
    let lp = Lpath::new();
    lp.write_catalog("mine.toml", &rich_catalog());
    lp.run(&["list"]).success();
    lp.run(&["done", "attention-is-all-you-need"]).success();
    let status = |lp: &Lpath, id: &str| lp.entry_json(id)["status"].clone();
    assert_eq!(status(&lp, "attention-is-all-you-need"), "done");
    // An edit by hand (or a sync from another machine) too.
    lp.write_progress(
        "format = 1\n[entry.base]\nstatus = \"reading\"\nchanged = \"2026-01-01T00:00:00Z\"\nstarted = \"2026-01-01T00:00:00Z\"\n",
    );
    assert_eq!(status(&lp, "attention-is-all-you-need"), "todo");
    assert_eq!(status(&lp, "base"), "reading");
}

#[test]
fn lpath_cache_dir_puts_the_cache_elsewhere() {
    let lp = Lpath::new();
    lp.write_catalog("mine.toml", &catalog("mine", &[("aa", "")]));
    let elsewhere = lp.root().join("elsewhere");
    let mut cmd = lp.command(&["list"]);
    cmd.env("LPATH_CACHE_DIR", &elsewhere);
    run(cmd).success();
    assert!(elsewhere.join("catalog.bin").exists());
    assert!(!lp.cache_file().exists());
}

/// `lpath list` with the cache dir left to the platform: `XDG_CACHE_HOME` when `xdg` is given,
/// else `$HOME/.cache`.
fn list_with_platform_cache(lp: &Lpath, xdg: Option<&Path>) -> Run {
    let mut cmd = lp.command(&["list"]);
    cmd.env_remove("LPATH_CACHE_DIR").env("HOME", lp.root());
    if let Some(xdg) = xdg {
        cmd.env("XDG_CACHE_HOME", xdg);
    }
    run(cmd)
}

#[test]
fn the_cache_lives_in_the_platform_cache_dir_even_when_lpath_config_dir_is_set() {
    let lp = Lpath::new();
    lp.write_catalog("mine.toml", &catalog("mine", &[("aa", "")]));
    let xdg = lp.root().join("xdg-cache");
    list_with_platform_cache(&lp, Some(&xdg)).success();
    assert!(xdg.join("lpath").join("catalog.bin").exists());
    assert_eq!(lp.files(), ["catalog.d"], "nothing new in the config dir");

    let other = Lpath::new();
    list_with_platform_cache(&other, None).success();
    assert!(
        other
            .root()
            .join(".cache")
            .join("lpath")
            .join("catalog.bin")
            .exists()
    );
    assert!(!other.config_dir().exists());
}

#[test]
fn a_read_only_command_creates_nothing_in_the_config_dir() {
    let lp = Lpath::new();
    fs::create_dir_all(lp.config_dir()).unwrap();
    for args in [
        &["list"][..],
        &["next"],
        &["show", "bert"],
        &["stats"],
        &["graph"],
        &["doctor"],
        &["export"],
        &["catalog", "path"],
    ] {
        lp.run(args).success();
        assert_eq!(lp.files(), Vec::<String>::new(), "after {args:?}");
    }
    assert!(lp.cache_file().exists());
}

#[test]
fn a_relative_lpath_cache_dir_is_a_usage_error() {
    let lp = Lpath::new();
    let mut cmd = lp.command(&["list"]);
    cmd.env("LPATH_CACHE_DIR", "relative/cache");
    let run = run(cmd).failure(2);
    assert!(
        run.stderr
            .contains("LPATH_CACHE_DIR must be an absolute path"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_catalog_with_thousands_of_entries_round_trips_through_the_cache() {
    let lp = Lpath::new();
    let mut text = catalog("big", &[("big-0", "")]);
    for i in 1..3000 {
        text.push_str(&entry(
            &format!("big-{i}"),
            "big",
            &format!("requires = [\"big-{}\"]\n", i / 2),
        ));
    }
    lp.write_catalog("big.toml", &text);
    lp.run(&["done", "big-0", "big-1", "big-2"]).success();
    let commands: &[&[&str]] = &[
        &["list", "--json"],
        &["next", "--json", "-n", "20"],
        &["show", "big-2999", "--json"],
    ];
    let _ = fs::remove_file(lp.cache_file());
    let cold = answers_of(&lp, commands);
    let warm = answers_of(&lp, commands);
    assert_eq!(cold, warm);
    let run = lp.run(&["done", "big-3"]).success();
    assert!(
        run.stdout.contains("big-6") && run.stdout.contains("big-7"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_catalog_of_megabytes_changed_behind_the_cache_is_read_again() {
    // A file of megabytes is hashed a piece at a time: an edit in its last piece still tells.
    let lp = Lpath::new();
    let summary = format!("summary = \"{}\"\n", "words ".repeat(150));
    let mut text = catalog("big", &[("big-0", summary.as_str())]);
    for i in 1..1500 {
        text.push_str(&entry(&format!("big-{i}"), "big", &summary));
    }
    assert!(text.len() > 1 << 20, "{} bytes", text.len());
    let path = lp.write_catalog("big.toml", &text);
    let title = |lp: &Lpath| {
        let json = lp.run(&["show", "big-1499", "--json"]).success().stdout;
        json.lines()
            .find(|l| l.contains("\"title\""))
            .unwrap_or_default()
            .to_string()
    };
    let before = title(&lp);
    assert_eq!(title(&lp), before, "the cached answer is the parsed one");
    assert!(lp.cache_file().exists());
    let old = "title = \"Title of big-1499\"";
    assert!(text.contains(old), "the generated entry's title");
    rewrite_keeping_mtime(&path, &text.replace(old, "title = \"Title of BIG-1499\""));
    assert!(title(&lp).contains("BIG-1499"), "{}", title(&lp));
}

fn answers_of(lp: &Lpath, commands: &[&[&str]]) -> Vec<String> {
    commands
        .iter()
        .map(|args| lp.run(args).success().stdout)
        .collect()
}

#[test]
fn a_symlink_planted_as_the_cache_is_replaced_never_written_through() {
    let lp = Lpath::new();
    let decoy = lp.root().join("precious.txt");
    std::fs::write(&decoy, "precious\n").unwrap();
    std::fs::create_dir_all(lp.cache_dir()).unwrap();
    std::os::unix::fs::symlink(&decoy, lp.cache_file()).unwrap();
    lp.run(&["list"]).success();
    assert_eq!(std::fs::read_to_string(&decoy).unwrap(), "precious\n");
    let cache = std::fs::symlink_metadata(lp.cache_file()).unwrap();
    assert!(cache.is_file(), "the link is replaced by the cache itself");
    // And the cache it wrote serves the next run.
    lp.run(&["list"]).success();
}
