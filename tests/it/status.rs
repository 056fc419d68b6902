//! `lpath start`, `skip` and `reset`: the statuses between todo and done, and back.

use crate::common::{Lpath, by_id, ids};

fn entry(lp: &Lpath, id: &str) -> serde_json::Value {
    by_id(&lp.run(&["list", "--json"]).success().json(), id).clone()
}

#[test]
fn start_marks_reading_with_the_time_it_started() {
    let lp = Lpath::new();
    let run = lp
        .run_at("2026-03-01T08:30:00+08:00", &["start", "bert"])
        .success();
    assert!(run.stdout.contains("started: `bert`"), "{}", run.stdout);
    let bert = entry(&lp, "bert");
    assert_eq!(bert["status"], "reading");
    assert_eq!(bert["started"], "2026-03-01T00:30:00Z");
    assert_eq!(bert["finished"], serde_json::Value::Null);

    lp.run_at("2026-03-02T00:00:00Z", &["done", "bert"])
        .success();
    let bert = entry(&lp, "bert");
    assert_eq!(
        bert["started"], "2026-03-01T00:30:00Z",
        "done keeps the start"
    );
    assert_eq!(bert["finished"], "2026-03-02T00:00:00Z");
}

#[test]
fn next_shows_entries_being_read_first() {
    let lp = Lpath::new();
    let before = ids(&lp.run(&["next", "-n", "100", "--json"]).success().json());
    let last = before.last().unwrap().clone();
    assert_ne!(before[0], last);
    lp.run(&["start", &last]).success();
    let after = ids(&lp.run(&["next", "-n", "3", "--json"]).success().json());
    assert_eq!(after[0], last, "{after:?}");
    let text = lp.run(&["next"]).success().stdout;
    assert!(text.contains("(reading)"), "{text}");
}

#[test]
fn skip_unblocks_requires_but_is_not_counted_as_read() {
    let lp = Lpath::new();
    let next = |lp: &Lpath| ids(&lp.run(&["next", "-n", "100", "--json"]).success().json());
    assert!(!next(&lp).contains(&"attention-is-all-you-need".to_string()));
    let run = lp.run(&["skip", "bahdanau-attention"]).success();
    assert!(
        run.stdout.contains("skipped: `bahdanau-attention`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Now ready"), "{}", run.stdout);
    assert!(next(&lp).contains(&"attention-is-all-you-need".to_string()));

    let total = lp
        .run(&["list", "--json"])
        .success()
        .json()
        .as_array()
        .unwrap()
        .len();
    let footer = lp.run(&["list"]).success().stdout;
    assert!(
        footer.contains(&format!(
            "0/{total} read · 1 skipped · {}% covered",
            100 / total
        )),
        "{footer}"
    );
    let stats = lp.run(&["stats", "--json"]).success().json();
    assert_eq!(stats["overall"]["done"], 0);
    assert_eq!(stats["overall"]["skipped"], 1);
    assert_eq!(stats["overall"]["minutes_read"], 0);
    assert_eq!(stats["overall"]["pace_per_day"], serde_json::Value::Null);
}

#[test]
fn reset_puts_entries_back_to_todo() {
    let lp = Lpath::new();
    lp.run(&["done", "bert", "roberta"]).success();
    let run = lp.run(&["reset", "bert"]).success();
    assert!(run.stdout.contains("reset: `bert`"), "{}", run.stdout);
    assert_eq!(entry(&lp, "bert")["status"], "todo");
    assert_eq!(entry(&lp, "bert")["finished"], serde_json::Value::Null);
    assert_eq!(entry(&lp, "roberta")["status"], "done");
    let run = lp.run(&["reset", "bert"]).success();
    assert!(run.stdout.contains("already todo"), "{}", run.stdout);
}

#[test]
fn reset_all_without_yes_and_without_a_terminal_changes_nothing() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    lp.run(&["start", "roberta"]).success();
    let progress = lp.progress();
    let history = lp.history();
    let run = lp.run(&["reset", "--all"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: `reset --all` asks for confirmation, and stdin is not a terminal\n\
         hint: add `--yes` to reset every entry without asking: `lpath reset --all --yes`\n"
    );
    assert_eq!(lp.progress(), progress);
    assert_eq!(lp.history(), history);
}

#[test]
fn reset_all_yes_resets_every_status_and_keeps_notes() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    lp.run(&["skip", "bahdanau-attention"]).success();
    lp.run(&["start", "roberta"]).success();
    lp.run(&["note", "roberta", "worth a second look"])
        .success();
    let run = lp.run(&["reset", "--all", "--yes"]).success();
    assert!(
        run.stdout.contains("3 entries are todo again"),
        "{}",
        run.stdout
    );
    let json = lp.run(&["list", "--json"]).success().json();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .all(|e| e["status"] == "todo")
    );
    let notes = lp.run(&["note", "roberta"]).success().stdout;
    assert!(notes.contains("worth a second look"), "{notes}");
    let run = lp.run(&["reset", "--all", "--yes"]).success();
    assert!(run.stdout.contains("Nothing to reset"), "{}", run.stdout);
}

#[test]
fn reset_needs_ids_or_all_but_not_both() {
    let lp = Lpath::new();
    lp.run(&["reset"]).failure(2);
    let run = lp.run(&["reset", "--all", "bert"]).failure(2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
    assert_eq!(lp.progress(), None);
}

#[test]
fn every_command_names_entries_like_done_does() {
    let lp = Lpath::new();
    lp.run(&["start", "transformer"]).success(); // alias
    lp.run(&["skip", "bahdanau"]).success(); // word prefix: the paper, not its companions
    lp.run(&["start", "1"]).success(); // row number
    lp.run(&["note", "BERT", "case does not matter"]).success();
    assert_eq!(entry(&lp, "attention-is-all-you-need")["status"], "reading");
    assert_eq!(entry(&lp, "bahdanau-attention")["status"], "skipped");
    assert_eq!(entry(&lp, "illustrated-transformer")["status"], "reading");
    lp.run(&["reset", "transformer"]).success();
    assert_eq!(entry(&lp, "attention-is-all-you-need")["status"], "todo");
    let show = lp.run(&["show", "transformer", "--json"]).success().json();
    assert_eq!(show["id"], "attention-is-all-you-need");
}

#[test]
fn every_command_gives_dones_errors_for_bad_ids_and_writes_nothing() {
    let lp = Lpath::new();
    let expected = |args: &[&str]| lp.run(args).failure(2).stderr;
    let typo = expected(&["done", "attention-is-all-you-nee"]);
    let ambiguous = expected(&["done", "transformer-zhihu"]);
    let row = expected(&["done", "9999"]);
    let commands: [fn(&str) -> Vec<&str>; 6] = [
        |id| vec!["start", id],
        |id| vec!["skip", id],
        |id| vec!["reset", id],
        |id| vec!["show", id],
        |id| vec!["note", id],
        |id| vec!["note", id, "some text"],
    ];
    for args in commands {
        let with = |id: &str| lp.run(&args(id)).failure(2).stderr;
        assert_eq!(with("attention-is-all-you-nee"), typo, "{:?}", args("x"));
        assert_eq!(with("transformer-zhihu"), ambiguous, "{:?}", args("x"));
        assert_eq!(with("9999"), row, "{:?}", args("x"));
    }
    assert!(!lp.config_dir().exists(), "{:?}", lp.files());
}

#[test]
fn one_bad_id_among_good_ones_writes_nothing() {
    let lp = Lpath::new();
    for command in ["start", "skip", "reset"] {
        lp.run(&[command, "bert", "no-such-paper"]).failure(2);
    }
    assert!(!lp.config_dir().exists());
}

#[test]
fn now_ready_leaves_out_entries_being_read_and_the_entries_just_changed() {
    let lp = Lpath::new();
    lp.run(&["done", "bahdanau-attention"]).success();
    let run = lp.run(&["reset", "bahdanau-attention"]).success();
    assert!(!run.stdout.contains("Now ready"), "{}", run.stdout);
    lp.run(&[
        "start",
        "attention-is-all-you-need",
        "raschka-dl-course-l19",
    ])
    .success();
    let run = lp.run(&["done", "bahdanau-attention"]).success();
    assert!(!run.stdout.contains("Now ready"), "{}", run.stdout);
}

#[test]
fn start_or_skip_on_a_done_entry_says_so_and_writes_nothing() {
    let lp = Lpath::new();
    lp.run_at("2026-03-01T10:00:00Z", &["done", "bert"])
        .success();
    let progress = lp.progress();
    let history = lp.history();
    for (command, said) in [
        ("start", "to read it again, `lpath reset bert` first"),
        (
            "skip",
            "nothing changed (`lpath reset bert` first to skip it instead)",
        ),
    ] {
        let run = lp
            .run_at("2026-03-05T10:00:00Z", &[command, "bert"])
            .success();
        assert_eq!(
            run.stdout,
            format!("`bert` is already done (finished 2026-03-01); {said}\n")
        );
        assert_eq!(lp.progress(), progress, "{command}");
        assert_eq!(lp.history(), history, "{command}");
    }
    assert_eq!(entry(&lp, "bert")["finished"], "2026-03-01T10:00:00Z");
}

#[test]
fn start_on_a_skipped_entry_starts_it() {
    let lp = Lpath::new();
    lp.run(&["skip", "bert"]).success();
    let run = lp.run(&["start", "bert"]).success();
    assert!(run.stdout.contains("started: `bert`"), "{}", run.stdout);
    assert_eq!(entry(&lp, "bert")["status"], "reading");
}
