//! `lpath done`: marking entries read, by id, alias, prefix or row number.

use crate::common::Lpath;

#[test]
fn done_accepts_id_alias_word_prefix_and_row_number() {
    let lp = Lpath::new();
    lp.run(&["done", "transformer"]).success(); // alias
    lp.run(&["done", "bahdanau"]).success(); // prefix: the paper, not its companions
    lp.run(&["done", "1"]).success(); // row 1
    lp.run(&["done", "BERT"]).success(); // case does not matter
    let progress = lp.progress().unwrap();
    for id in [
        "attention-is-all-you-need",
        "bahdanau-attention",
        "illustrated-transformer",
        "bert",
    ] {
        assert!(
            progress.contains(&format!("[entry.{id}]")),
            "{id} not saved:\n{progress}"
        );
    }
    assert_eq!(progress.matches("[entry.").count(), 4, "{progress}");
}

#[test]
fn done_records_status_and_time_in_utc() {
    let lp = Lpath::new();
    lp.run_at("2026-03-01T08:30:00+08:00", &["done", "bert"])
        .success();
    let progress = lp.progress().unwrap();
    assert!(progress.contains("format = 1"), "{progress}");
    assert!(
        progress.contains("[entry.bert]\nstatus = \"done\"\nchanged = \"2026-03-01T00:30:00Z\""),
        "{progress}"
    );
}

#[test]
fn done_twice_says_so_and_changes_nothing() {
    let lp = Lpath::new();
    lp.run_at("2026-03-01T10:00:00Z", &["done", "bert"])
        .success();
    let before = lp.progress().unwrap();
    let run = lp
        .run_at("2026-03-02T10:00:00Z", &["done", "bert"])
        .success();
    assert!(run.stdout.contains("already done"), "{}", run.stdout);
    assert_eq!(lp.progress().unwrap(), before);
}

#[test]
fn done_unknown_id_suggests_closest_and_writes_nothing() {
    let lp = Lpath::new();
    let run = lp.run(&["done", "attention-is-all-you-nee"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: no entry `attention-is-all-you-nee`\nhint: did you mean `attention-is-all-you-need`?\n"
    );
    assert!(!lp.config_dir().exists());
}

#[test]
fn done_with_one_bad_id_writes_none_of_them() {
    let lp = Lpath::new();
    lp.run(&["done", "bert", "no-such-paper"]).failure(2);
    assert_eq!(lp.progress(), None);
}

#[test]
fn ambiguous_prefix_lists_the_candidates() {
    let lp = Lpath::new();
    let run = lp.run(&["done", "transformer-zhihu"]).failure(2);
    assert!(run.stderr.contains("ambiguous"), "{}", run.stderr);
    for id in [
        "transformer-zhihu-350739760",
        "transformer-zhihu-62397974",
        "transformer-zhihu-44731789",
    ] {
        assert!(run.stderr.contains(id), "{}", run.stderr);
    }
    assert_eq!(lp.progress(), None);
}

#[test]
fn row_number_out_of_range_is_a_usage_error() {
    let lp = Lpath::new();
    let run = lp.run(&["done", "9999"]).failure(2);
    assert!(run.stderr.contains("no row 9999"), "{}", run.stderr);
}

#[test]
fn done_says_what_became_ready() {
    let lp = Lpath::new();
    let run = lp.run(&["done", "bahdanau-attention"]).success();
    assert!(run.stdout.contains("Now ready"), "{}", run.stdout);
    assert!(
        run.stdout.contains("attention-is-all-you-need"),
        "{}",
        run.stdout
    );
}

#[test]
fn done_needs_an_id() {
    let lp = Lpath::new();
    let run = lp.run(&["done"]).failure(2);
    assert!(run.stderr.lines().count() == 2, "{}", run.stderr);
}

#[test]
fn the_start_of_an_id_that_is_no_whole_word_suggests_the_ids_it_starts() {
    let lp = Lpath::new();
    let run = lp.run(&["show", "att"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: no entry `att`\nhint: did you mean `attention-is-all-you-need`?\n"
    );
    let run = lp.run(&["done", "tra"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: no entry `tra`\nhint: did you mean one of `transformer-catalog`, `transformer-family`, `transformer-family-v2`, `transformer-mli-video`, `transformer-zhihu-350739760`, `transformer-zhihu-44731789`, `transformer-zhihu-62397974`?\n"
    );
    assert!(!lp.config_dir().exists());
}

#[test]
fn start_on_an_entry_being_read_says_it_is_already_being_read() {
    let lp = Lpath::new();
    lp.run(&["start", "gpt-2"]).success();
    let run = lp.run(&["start", "gpt-2"]).success();
    assert_eq!(
        run.stdout,
        "`gpt-2` is already being read; nothing changed\n"
    );
    let run = lp.run(&["--lang", "zh", "start", "gpt-2"]).success();
    assert_eq!(run.stdout, "`gpt-2` 已经在读；没有改动\n");
}
