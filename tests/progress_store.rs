//! The progress file: where it lives, that it is never overwritten when broken, and that
//! concurrent runs all land.

mod common;
use common::Lpath;

#[test]
fn corrupt_progress_gives_an_error_and_stays_byte_for_byte() {
    let lp = Lpath::new();
    let garbage = "format = 1\n[entry.bert\nstatus = \"done\"\n";
    lp.write_progress(garbage);
    for args in [
        &["list"][..],
        &["next"],
        &["done", "bert"],
        &["list", "--json"],
    ] {
        let run = lp.run(args).failure(1);
        assert!(
            run.stderr
                .contains(&lp.progress_path().display().to_string()),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("hint:"), "{}", run.stderr);
        assert_eq!(lp.progress().unwrap(), garbage);
    }
}

#[test]
fn newer_format_says_upgrade() {
    let lp = Lpath::new();
    let newer = "format = 2\n[entry.bert]\nstatus = \"done\"\nmood = \"happy\"\n";
    lp.write_progress(newer);
    let run = lp.run(&["done", "bert"]).failure(1);
    assert!(run.stderr.contains("upgrade lpath"), "{}", run.stderr);
    assert_eq!(lp.progress().unwrap(), newer);
}

#[test]
fn ids_the_catalog_does_not_know_are_kept() {
    let lp = Lpath::new();
    lp.write_progress(
        "format = 1\n\n[entry.a-paper-from-elsewhere]\nstatus = \"done\"\nchanged = \"2025-01-01T00:00:00Z\"\n",
    );
    lp.run(&["done", "bert"]).success();
    let progress = lp.progress().unwrap();
    assert!(
        progress.contains("[entry.a-paper-from-elsewhere]"),
        "{progress}"
    );
    assert!(progress.contains("[entry.bert]"), "{progress}");
}

#[test]
fn ten_done_processes_started_together_all_land() {
    let lp = Lpath::new();
    let ids = [
        "bahdanau-attention",
        "attention-is-all-you-need",
        "bert",
        "roberta",
        "gpt-1",
        "bart",
        "ulmfit",
        "lora",
        "gopher",
        "chinchilla",
    ];
    let children: Vec<_> = ids
        .iter()
        .map(|id| lp.command(&["done", id]).spawn().expect("spawn"))
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let progress = lp.progress().unwrap();
    for id in ids {
        assert!(
            progress.contains(&format!("[entry.{id}]")),
            "{id} was lost:\n{progress}"
        );
    }
}

#[test]
fn xdg_config_home_is_honoured_when_lpath_config_dir_is_unset() {
    let lp = Lpath::new();
    let xdg = lp.root().join("xdg");
    let mut cmd = lp.command(&["done", "bert"]);
    cmd.env_remove("LPATH_CONFIG_DIR")
        .env("XDG_CONFIG_HOME", &xdg)
        .env("HOME", lp.root());
    common::run(cmd).success();
    let saved = std::fs::read_to_string(xdg.join("lpath").join("progress.toml")).unwrap();
    assert!(saved.contains("[entry.bert]"));
}

#[test]
fn relative_lpath_config_dir_is_a_clear_error() {
    let lp = Lpath::new();
    let mut cmd = lp.command(&["list"]);
    cmd.env("LPATH_CONFIG_DIR", "relative/dir");
    let run = common::run(cmd).failure(2);
    assert!(
        run.stderr
            .contains("LPATH_CONFIG_DIR must be an absolute path"),
        "{}",
        run.stderr
    );
}

#[test]
fn saves_are_deterministic_and_sorted() {
    let a = Lpath::new();
    let b = Lpath::new();
    a.run_at(
        "2026-01-01T00:00:00Z",
        &["done", "bert", "bahdanau-attention"],
    )
    .success();
    b.run_at("2026-01-01T00:00:00Z", &["done", "bahdanau-attention"])
        .success();
    b.run_at("2026-01-01T00:00:00Z", &["done", "bert"])
        .success();
    assert_eq!(a.progress(), b.progress());
    let text = a.progress().unwrap();
    assert!(text.find("bahdanau-attention").unwrap() < text.find("[entry.bert]").unwrap());
}

#[test]
fn no_temporary_files_are_left_behind() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    assert_eq!(
        lp.files(),
        vec!["history.toml", "progress.lock", "progress.toml"]
    );
}
