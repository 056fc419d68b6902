//! Review questions in the catalog, the cards they make, their FSRS schedule and `lpath review`.

use crate::common::{Lpath, catalog, position_of};

/// A user catalog with two entries, `a` with two questions (one in both languages) and `b` with one.
fn quiz_catalog() -> String {
    catalog(
        "quiz",
        &[
            (
                "a",
                "\n[[entry.question]]\nq = \"What does a solve?\"\na = \"The first problem.\"\nq_zh = \"a 解决什么问题？\"\na_zh = \"第一个问题。\"\nsource = \"Section 1\"\n\n[[entry.question]]\nq = \"Which number matters in a?\"\na = \"Forty-two.\"\n",
            ),
            (
                "b",
                "requires = [\"a\"]\n\n[[entry.question]]\nq = \"Why read b?\"\na = \"It builds on a.\"\n",
            ),
        ],
    )
}

fn quiz() -> Lpath {
    let lp = Lpath::new();
    lp.write_catalog("quiz.toml", &quiz_catalog());
    lp
}

#[test]
fn catalog_questions_are_read_and_shown_in_json() {
    let lp = quiz();
    lp.run(&["catalog", "check"]).success();
    let a = lp.run(&["show", "a", "--json"]).success().json();
    let questions = a["questions"].as_array().expect("questions");
    assert_eq!(questions.len(), 2, "{a}");
    assert_eq!(questions[0]["q"], "What does a solve?");
    assert_eq!(questions[0]["a_zh"], "第一个问题。");
    assert_eq!(questions[0]["source"], "Section 1");
    assert_eq!(questions[1]["q_zh"], serde_json::Value::Null);
    // Read again from the catalog cache, the same.
    let again = lp.run(&["show", "a", "--json"]).success().json();
    assert_eq!(again["questions"], a["questions"]);
}

#[test]
fn catalog_check_refuses_empty_repeated_and_unknown_question_fields() {
    let lp = Lpath::new();
    let text = catalog(
        "quiz",
        &[(
            "a",
            "\n[[entry.question]]\nq = \"Same?\"\na = \"  \"\n\n[[entry.question]]\nq = \"Same?\"\na = \"Yes.\"\nhint = \"no such key\"\n\n[[entry.question]]\na = \"No question.\"\n",
        )],
    );
    lp.write_catalog("quiz.toml", &text);
    let run = lp.run(&["catalog", "check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let file = "catalog.d/quiz.toml";
    for expected in [
        format!(
            "{file}:{}: question field `a` is empty",
            position_of(&text, "\"  \"")
        ),
        format!("{file}:{}: unknown key `hint`", position_of(&text, "hint")),
        format!(
            "{file}:{}: question `Same?` is asked twice",
            position_of(&text, "\"Same?\"\na = \"Yes")
        ),
        "missing `q`".to_string(),
    ] {
        assert!(
            run.stdout.lines().any(|l| l.starts_with(&expected)
                || (expected.starts_with("missing") && l.contains("`q`"))),
            "no `{expected}` in {}",
            run.stdout
        );
    }
}

#[test]
fn add_and_edit_write_questions_into_local_toml() {
    let lp = Lpath::new();
    lp.add(
        "mine",
        &["--question", "Why mine?", "--answer", "Because it is."],
    )
    .success();
    lp.run(&[
        "edit",
        "mine",
        "--question",
        "And then?",
        "--answer",
        "More.",
    ])
    .success();
    let text = lp.local_catalog().expect("local.toml");
    let parsed: toml::Table = text.parse().expect("TOML");
    let entry = &parsed["entry"][0];
    let qs: Vec<(&str, &str)> = entry["question"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| (q["q"].as_str().unwrap(), q["a"].as_str().unwrap()))
        .collect();
    assert_eq!(
        qs,
        [("Why mine?", "Because it is."), ("And then?", "More.")]
    );
    // Unpaired: a usage error, nothing written.
    let run = lp.run(&[
        "edit",
        "mine",
        "--question",
        "A?",
        "--question",
        "B?",
        "--answer",
        "x",
    ]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(lp.local_catalog().as_deref(), Some(text.as_str()));
}

// ---- scheduling ---------------------------------------------------------------------------------

const DAY0: &str = "2026-03-02T10:00:00Z";
const DAY1: &str = "2026-03-03T09:00:00Z";

/// The review file as TOML, read by the toml crate: the test's own reader.
fn review_file(lp: &Lpath) -> toml::Table {
    review_file_in(lp.config_dir())
}

/// The reviews of `card` in a review file, oldest first, as `"TIME GRADE"`.
pub(crate) fn log_of(file: &toml::Table, card: &str) -> Vec<String> {
    file["card"][card]["log"]
        .as_array()
        .expect("a log")
        .iter()
        .map(|r| r.as_str().expect("a string").to_string())
        .collect()
}

/// The review file in the config dir `dir`, read by the toml crate.
pub(crate) fn review_file_in(dir: &std::path::Path) -> toml::Table {
    let text = std::fs::read_to_string(dir.join("review.toml")).expect("review.toml");
    text.parse().expect("review.toml is TOML")
}

fn due_of(lp: &Lpath, card: &str) -> String {
    review_file(lp)["card"][card]["due"]
        .as_str()
        .expect("a due time")
        .to_string()
}

fn due_ids(lp: &Lpath, now: &str) -> Vec<String> {
    let json = lp
        .run_at(now, &["review", "--list", "--json"])
        .success()
        .json();
    json.as_array()
        .expect("an array")
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

fn utc(text: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

fn rfc3339(time: chrono::DateTime<chrono::Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The FSRS crate itself, set up as the guide says lpath sets it up: the oracle.
fn oracle() -> rs_fsrs::FSRS {
    rs_fsrs::FSRS::new(rs_fsrs::Parameters {
        enable_short_term: false,
        enable_fuzz: false,
        ..Default::default()
    })
}

#[test]
fn cards_of_a_paper_done_on_day_0_are_due_on_day_1_and_not_before() {
    let lp = quiz();
    assert!(due_ids(&lp, DAY0).is_empty());
    lp.run_at(DAY0, &["done", "a"]).success();
    assert!(due_ids(&lp, "2026-03-02T23:59:59Z").is_empty());
    assert_eq!(due_ids(&lp, "2026-03-03T00:00:00Z"), ["a.q1", "a.q2"]);
    // A skipped paper gives no cards.
    lp.run_at(DAY0, &["skip", "b"]).success();
    assert_eq!(due_ids(&lp, DAY1), ["a.q1", "a.q2"]);
    // `next` and `stats` say how many are due.
    lp.run_at(DAY1, &["next"])
        .success()
        .stdout_has("2 review cards are due");
    lp.run_at(DAY1, &["stats"])
        .success()
        .stdout_has("2 review cards are due");
    assert_eq!(
        lp.run_at(DAY1, &["stats", "--json"]).success().json()["cards_due"],
        2
    );
}

#[test]
fn grades_move_the_due_date_as_the_fsrs_crate_says() {
    let fsrs = oracle();
    for (grade, rating) in [
        ("hard", rs_fsrs::Rating::Hard),
        ("good", rs_fsrs::Rating::Good),
        ("easy", rs_fsrs::Rating::Easy),
    ] {
        let lp = quiz();
        lp.run_at(DAY0, &["done", "a"]).success();
        lp.run_at(DAY1, &["review", "grade", "a.q1", grade])
            .success();
        let start = rs_fsrs::Card {
            due: utc(DAY1),
            last_review: utc(DAY1),
            ..Default::default()
        };
        let first = fsrs.next(start, utc(DAY1), rating).card;
        assert_eq!(due_of(&lp, "a.q1"), rfc3339(first.due), "{grade}");
        // Reviewed again when due: the crate's own second step.
        let then = rfc3339(first.due);
        lp.run_at(&then, &["review", "grade", "a.q1", grade])
            .success();
        let second = fsrs.next(first.clone(), first.due, rating).card;
        assert_eq!(due_of(&lp, "a.q1"), rfc3339(second.due), "{grade}, twice");
        let stability = review_file(&lp)["card"]["a.q1"]["stability"]
            .as_float()
            .unwrap();
        assert_eq!(stability, second.stability, "{grade}");
    }
}

#[test]
fn again_comes_back_the_same_day_and_hard_good_easy_on_later_days() {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "a"]).success();
    let mut dues = Vec::new();
    for grade in ["again", "hard", "good", "easy"] {
        let lp = quiz();
        lp.run_at(DAY0, &["done", "a"]).success();
        lp.run_at(DAY1, &["review", "grade", "a.q1", grade])
            .success();
        dues.push(due_of(&lp, "a.q1"));
    }
    assert_eq!(dues[0], DAY1, "again: due at once");
    assert!(dues[1][..10] > DAY1[..10], "hard: a later day, {dues:?}");
    assert!(dues[1] < dues[2] && dues[2] < dues[3], "{dues:?}");
}

#[test]
fn undo_takes_back_a_grade_and_restores_the_file_exactly() {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "a"]).success();
    lp.run_at(DAY1, &["review", "grade", "a.q1", "good"])
        .success();
    let path = lp.config_dir().join("review.toml");
    let before = std::fs::read(&path).unwrap();
    let progress = lp.progress();
    lp.run_at("2026-03-06T10:00:00Z", &["review", "grade", "a.q1", "hard"])
        .success();
    assert_ne!(std::fs::read(&path).unwrap(), before);
    lp.run_at("2026-03-06T11:00:00Z", &["undo"])
        .success()
        .stdout_has("Took back the grade `hard` given to `a.q1`");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(lp.progress(), progress, "the progress is not touched");
    // The next undo is the grade before, then the progress.
    lp.run_at("2026-03-06T11:00:00Z", &["undo"])
        .success()
        .stdout_has("`good`");
    lp.run_at("2026-03-06T11:00:00Z", &["undo"]).success();
    assert!(
        lp.progress()
            .is_none_or(|p| !p.contains("status = \"done\""))
    );
}

#[test]
fn reset_retires_cards_and_reading_again_keeps_their_history() {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "a"]).success();
    lp.run_at(DAY1, &["review", "grade", "a.q1", "good"])
        .success();
    let due = due_of(&lp, "a.q1");
    lp.run_at(DAY1, &["reset", "a"]).success();
    assert!(due_ids(&lp, "2026-06-01T00:00:00Z").is_empty());
    lp.run_at("2026-03-04T10:00:00Z", &["done", "a"]).success();
    // a.q1 keeps its schedule; a.q2, never reviewed, is due the day after the new `done`.
    assert_eq!(due_of(&lp, "a.q1"), due);
    assert_eq!(due_ids(&lp, "2026-03-05T00:00:00Z"), ["a.q2"]);
}

/// The quiz, `b` done, with a card of the learner's own on it: "Who wrote b?".
fn quiz_with_a_card_of_ones_own() -> Lpath {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "b"]).success();
    lp.run_at(
        DAY0,
        &[
            "card",
            "add",
            "b",
            "--question",
            "Who wrote b?",
            "--answer",
            "Someone.",
        ],
    )
    .success();
    lp
}

#[test]
fn notes_written_as_q_and_a_are_cards_edited_and_deleted_as_notes() {
    let lp = quiz_with_a_card_of_ones_own();
    lp.run_at(DAY0, &["note", "b", "Q: Typed by hand? / A: Yes."])
        .success();
    lp.run_at(DAY0, &["note", "b", "just a thought"]).success();
    let json = lp
        .run_at(DAY1, &["review", "--list", "--json"])
        .success()
        .json();
    let cards = json.as_array().unwrap();
    let questions: Vec<&str> = cards
        .iter()
        .map(|c| c["question"].as_str().unwrap())
        .collect();
    assert_eq!(questions, ["Why read b?", "Who wrote b?", "Typed by hand?"]);
    let id = cards[1]["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("b.n"), "{id}");
    lp.run_at(DAY1, &["review", "grade", &id, "easy"]).success();
    lp.run_at(DAY1, &["note", "b", "--delete", "1"]).success();
    let json = lp
        .run_at(DAY1, &["review", "--list", "--json"])
        .success()
        .json();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&id.as_str()), "{ids:?}");
}

#[test]
fn a_grade_given_on_a_day_is_scheduled_from_that_day() {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "a"]).success();
    let now = "2026-03-05T10:00:00Z";
    let path = lp.config_dir().join("review.toml");
    // Not in the future, as `done --on` is not.
    let run = lp.run_at(
        now,
        &["review", "grade", "a.q1", "good", "--on", "tomorrow"],
    );
    assert_eq!(run.code, 2, "{run:#?}");
    run.stderr_has("`--on tomorrow` is in the future");
    assert!(!path.exists());
    // A day is midday that day, as `done --on` reads it (the tests' TZ is UTC).
    lp.run_at(
        now,
        &["review", "grade", "a.q1", "good", "--on", "2026-03-03"],
    )
    .success();
    let log = review_file(&lp)["card"]["a.q1"]["log"].clone();
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0].as_str(), Some("2026-03-03T12:00:00Z good"));
    let on = "2026-03-03T12:00:00Z";
    let start = rs_fsrs::Card {
        due: utc(on),
        last_review: utc(on),
        ..Default::default()
    };
    let first = oracle().next(start, utc(on), rs_fsrs::Rating::Good).card;
    assert_eq!(due_of(&lp, "a.q1"), rfc3339(first.due));
    // Never before the card's last review: its history would be rewritten.
    let before = std::fs::read(&path).unwrap();
    let run = lp.run_at(
        now,
        &["review", "grade", "a.q1", "easy", "--on", "2026-03-02"],
    );
    assert_eq!(run.code, 2, "{run:#?}");
    run.stderr_has("is before `a.q1`'s last review");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // `yesterday` is read against LPATH_NOW.
    lp.run_at(
        now,
        &["review", "grade", "a.q1", "hard", "--on", "yesterday"],
    )
    .success();
    let log = review_file(&lp)["card"]["a.q1"]["log"].clone();
    assert_eq!(log[1].as_str(), Some("2026-03-04T12:00:00Z hard"));
    // `doctor` shows the review file.
    lp.run_at(now, &["doctor"]).stdout_has("1 card reviewed");
}

#[test]
fn grade_words_are_shown_in_chinese_and_taken_in_either_language() {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "a"]).success();
    lp.run_at(DAY1, &["review", "grade", "a.q1", "良好", "--lang", "zh"])
        .success()
        .stdout_has("a.q1：良好；下次到期");
    let later = "2026-03-03T09:30:00Z";
    lp.run_at(later, &["review", "grade", "a.q2", "again", "--lang", "zh"])
        .success()
        .stdout_has("a.q2：忘了；");
    let log = review_file(&lp)["card"]["a.q1"]["log"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        log,
        format!("{DAY1} good"),
        "the file keeps the English word"
    );
    lp.run_at(DAY1, &["log", "--lang", "zh"])
        .success()
        .stdout_has("a.q1  良好");
    lp.run_at(DAY1, &["log", "--lang", "en"])
        .success()
        .stdout_has("a.q1  good");
    lp.run_at(later, &["undo", "--lang", "zh"])
        .success()
        .stdout_has("评分 `忘了`");
    lp.run_at(later, &["undo", "--lang", "en"])
        .success()
        .stdout_has("the grade `good`");
}

/// The card ids and questions `review --list --json` gives at `now`.
fn listed(lp: &Lpath, now: &str) -> Vec<(String, String, String)> {
    let json = lp
        .run_at(now, &["review", "--list", "--json"])
        .success()
        .json();
    json.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let text = |key: &str| c[key].as_str().unwrap().to_string();
            (text("id"), text("question"), text("answer"))
        })
        .collect()
}

#[test]
fn a_card_of_ones_own_is_edited_and_deleted_by_its_id_and_undo_takes_it_back() {
    let lp = quiz_with_a_card_of_ones_own();
    let cards = listed(&lp, DAY1);
    let id = cards[1].0.clone();
    assert_eq!(cards[1].1, "Who wrote b?");
    // A new answer: the same card.
    lp.run_at(DAY1, &["card", "edit", &id, "--answer", "Nobody knows."])
        .success()
        .stdout_has(&format!("Edited card `{id}`."));
    assert_eq!(
        listed(&lp, DAY1)[1],
        (id.clone(), "Who wrote b?".into(), "Nobody knows.".into())
    );
    // A new question: a new card, said so.
    let run = lp
        .run_at(DAY1, &["card", "edit", &id, "--question", "Who?"])
        .success();
    let cards = listed(&lp, DAY1);
    let new_id = cards[1].0.clone();
    assert_ne!(new_id, id);
    assert_eq!(cards[1].1, "Who?");
    assert_eq!(cards[1].2, "Nobody knows.");
    run.stdout_has(&format!("now the new card `{new_id}`"));
    lp.run_at(DAY1, &["undo"]).success();
    assert_eq!(listed(&lp, DAY1)[1].0, id);
    // Deleted with the note it is in; undo brings it back.
    let notes_before = lp.progress().unwrap();
    lp.run_at(DAY1, &["card", "delete", &id])
        .success()
        .stdout_has(&format!("Deleted card `{id}`"));
    assert_eq!(
        listed(&lp, DAY1).len(),
        1,
        "only the catalog's question is left"
    );
    assert!(!lp.progress().unwrap().contains("Who wrote b?"));
    lp.run_at(DAY1, &["undo"]).success();
    assert_eq!(lp.progress().unwrap(), notes_before);
    assert_eq!(listed(&lp, DAY1)[1].0, id);
    // The catalog's questions are not edited here; an unknown card is a usage error.
    let run = lp.run_at(DAY1, &["card", "edit", "b.q1", "--answer", "x"]);
    assert_eq!(run.code, 2, "{run:#?}");
    run.stderr_has("`b.q1` is a question of the catalog");
    for unknown in ["b.nffffff", "nothing-here.n123456", "b"] {
        let run = lp.run_at(DAY1, &["card", "delete", unknown]);
        assert_eq!(run.code, 2, "{unknown}: {run:#?}");
        run.stderr_has(&format!("no card of your own is `{unknown}`"));
    }
    // An edit needs something to change.
    assert_eq!(lp.run_at(DAY1, &["card", "edit", &id]).code, 2);
    assert_eq!(lp.progress().unwrap(), notes_before);
}

#[test]
fn grading_an_unknown_card_is_a_usage_error_with_a_suggestion() {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "a"]).success();
    let run = lp.run_at(DAY1, &["review", "grade", "a.q3", "good"]);
    assert_eq!(run.code, 2, "{run:#?}");
    run.stderr_has("no card `a.q3`");
    assert!(!lp.config_dir().join("review.toml").exists());
}

#[test]
fn chinese_questions_come_in_chinese_and_fall_back_with_a_mark() {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "a"]).success();
    let run = lp
        .run_at(DAY1, &["review", "--list", "--lang", "zh"])
        .success();
    run.stdout_has("a 解决什么问题？")
        .stdout_has("[英文] Which number matters in a?");
}

// ---- the review file ----------------------------------------------------------------------------

#[test]
fn a_broken_review_file_is_refused_whole_while_progress_commands_go_on() {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "a"]).success();
    let path = lp.config_dir().join("review.toml");
    std::fs::write(
        &path,
        "format = 1\n[card.\"a.q1\"]\nlog = [\"yesterday good\"]\n",
    )
    .unwrap();
    let progress = lp.progress();
    lp.run_at(DAY1, &["next"]).success();
    lp.run_at(DAY1, &["list"]).success();
    lp.run_at(DAY1, &["done", "b"]).success();
    lp.run_at(DAY1, &["stats"]).success();
    let run = lp.run_at(DAY1, &["review", "--list"]);
    assert_eq!(run.code, 1, "{run:#?}");
    run.stderr_has("cannot read review file")
        .stderr_has("yesterday good");
    let run = lp.run_at(DAY1, &["review", "grade", "a.q1", "good"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "format = 1\n[card.\"a.q1\"]\nlog = [\"yesterday good\"]\n"
    );
    let run = lp.run(&["doctor"]);
    assert_eq!(run.code, 1);
    run.stdout_has("cannot read review file");
    lp.run_at(DAY1, &["doctor", "--fix"])
        .stdout_has("moved the unreadable review file aside");
    assert!(!path.exists());
    let aside: Vec<String> = lp
        .files()
        .into_iter()
        .filter(|f| f.contains("review.toml.broken-"))
        .collect();
    assert_eq!(aside.len(), 1, "{:?}", lp.files());
    assert_ne!(lp.progress(), progress, "b was marked done meanwhile");
    assert_eq!(due_ids(&lp, DAY1).len(), 2);
}

#[test]
fn the_anki_export_is_anki_plain_text_with_header_lines() {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "a", "b"]).success();
    let mut note = lp.command(&["note", "b", "-"]);
    note.env("LPATH_NOW", DAY0);
    let out = crate::common::feed(
        note,
        "Q: Tags <tags> & \"quotes\"?\nA: Line one\nline two\n",
    );
    assert!(out.status.success(), "{out:?}");
    let text = lp
        .run_at(DAY1, &["export", "--format", "anki"])
        .success()
        .stdout;
    let mut lines = text.lines();
    // The header lines Anki's manual documents: separator, HTML, which column holds the tags.
    let mut separator = None;
    let mut tags_column = None;
    let mut html = None;
    let notes: Vec<&str> = lines
        .by_ref()
        .filter(|line| {
            if let Some(header) = line.strip_prefix('#') {
                let (key, value) = header.split_once(':').expect("a key:value header");
                match key {
                    "separator" => separator = Some(value.to_string()),
                    "html" => html = Some(value.to_string()),
                    "tags column" => tags_column = Some(value.parse::<usize>().unwrap()),
                    other => panic!("unknown header {other}"),
                }
                false
            } else {
                true
            }
        })
        .collect();
    assert_eq!(separator.as_deref(), Some("tab"));
    assert_eq!(html.as_deref(), Some("true"));
    let tags_column = tags_column.expect("a tags column");
    assert_eq!(notes.len(), 4, "{text}");
    for note in &notes {
        let fields: Vec<&str> = note.split('\t').collect();
        assert_eq!(fields.len(), 3, "{note:?}");
        assert!(!fields[0].is_empty() && !fields[1].is_empty());
        // An unquoted field: a leading quote would start a quoted one.
        assert!(fields.iter().all(|f| !f.starts_with('"')), "{note:?}");
        let tags: Vec<&str> = fields[tags_column - 1].split(' ').collect();
        assert!(
            tags.contains(&"lpath") && tags.contains(&"lpath::quiz"),
            "{tags:?}"
        );
    }
    let note = notes
        .iter()
        .find(|n| n.starts_with("Tags"))
        .expect("the note card");
    assert!(
        note.starts_with("Tags &lt;tags&gt; &amp; &quot;quotes&quot;?\t"),
        "{note}"
    );
    assert!(note.contains("Line one<br>line two"), "{note}");
    assert!(notes[0].starts_with("What does a solve?\tThe first problem.<br><br>Title of a"));
}

// ---- the terminal -------------------------------------------------------------------------------

/// `lpath review` in a real pty (util-linux `script`), `columns` wide, with `keys` typed one
/// group at a time; what it printed, `\r\n` made `\n`. `None` (after saying so) without `script`.
fn review_in_pty(lp: &Lpath, columns: u16, extra: &[&str], keys: &[&str]) -> Option<String> {
    use std::io::Write;
    if !crate::common::need("script", "util-linux, for a pseudo-terminal") {
        return None;
    }
    let mut line = format!(
        "stty cols {columns}; exec '{}' review",
        env!("CARGO_BIN_EXE_lpath")
    );
    for arg in extra {
        line.push_str(&format!(" '{arg}'"));
    }
    let lpath = lp.command(&[]);
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    for (key, value) in lpath.get_envs() {
        match value {
            Some(value) => cmd.env(key, value),
            None => cmd.env_remove(key),
        };
    }
    cmd.env("LPATH_NOW", DAY1);
    let mut child = cmd.spawn().expect("run script");
    let mut stdin = child.stdin.take().unwrap();
    for key in keys {
        std::thread::sleep(std::time::Duration::from_millis(400));
        stdin.write_all(key.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(400));
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
}

#[test]
fn a_review_on_a_terminal_reveals_grades_and_stops_and_the_file_holds_exactly_that() {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "a"]).success();
    let Some(screen) = review_in_pty(&lp, 80, &[], &[" ", "3", "q"]) else {
        return;
    };
    // The first card with its paper's title, the answer once revealed, the grade, the end.
    for expected in [
        "[1/2] a.q1 · Title of a",
        "What does a solve?",
        "The first problem.",
        "(Section 1)",
        "a.q1: good; due again",
        "Which number matters in a?",
        "Reviewed 1 card.",
        "1 card is still due.",
    ] {
        assert!(screen.contains(expected), "no `{expected}` in:\n{screen}");
    }
    assert!(
        !screen.contains("Forty-two."),
        "the second answer was never revealed:\n{screen}"
    );
    let file = review_file(&lp);
    let cards = file["card"].as_table().unwrap();
    assert_eq!(cards.keys().collect::<Vec<_>>(), ["a.q1"]);
    let log: Vec<&str> = cards["a.q1"]["log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert_eq!(log, [format!("{DAY1} good")]);
}

/// A catalog whose question is long, and Chinese.
fn wide_catalog() -> String {
    let long_q = "为什么缩放点积注意力要把点积除以键向量维度的平方根，而不是直接送进 softmax 函数里计算注意力权重？";
    let long_a = "维度较大时点积的数值会很大，把 softmax 推到梯度极小的区域；除以平方根可以抵消这一点，让训练稳定下来。";
    catalog(
        "wide",
        &[(
            "attention-with-a-rather-long-identifier",
            &format!(
                "\n[[entry.question]]\nq = \"Why are the dot products scaled by one over the square root of the key dimension before the softmax?\"\na = \"Large dot products push the softmax into regions with tiny gradients.\"\nq_zh = \"{long_q}\"\na_zh = \"{long_a}\"\nsource = \"第 3.2.1 节\"\n"
            ),
        )],
    )
    .replace("Title of attention-with-a-rather-long-identifier", "注意力就是你所需要的一切：一篇标题很长的中文论文名字")
}

#[test]
fn review_screens_fit_60_80_and_120_columns_in_english_and_chinese() {
    let mut wide = Vec::new();
    for columns in [60u16, 80, 120] {
        for lang in ["en", "zh"] {
            let lp = Lpath::new();
            lp.write_catalog("wide.toml", &wide_catalog());
            lp.run_at(DAY0, &["done", "attention-with-a-rather-long-identifier"])
                .success();
            let mut list = lp.command(&["review", "--list", "--lang", lang]);
            list.env("LPATH_NOW", DAY1)
                .env("COLUMNS", columns.to_string());
            let out = crate::common::run(list);
            assert_eq!(out.code, 0, "{out:#?}");
            wide.extend(crate::common::too_wide(
                &out.stdout,
                columns.into(),
                &format!("review --list --lang {lang}"),
            ));
            // Every screen of a session: the question, the answer, the grade, the end.
            let Some(screen) = review_in_pty(&lp, columns, &["--lang", lang], &[" ", "3"]) else {
                return;
            };
            assert!(screen.contains("平方根") || lang == "en", "{screen}");
            let graded = if lang == "en" {
                ": good; due again"
            } else {
                "：良好；下次到期"
            };
            assert!(screen.contains(graded), "{screen}");
            assert!(
                screen.contains("Reviewed 1 card.") || screen.contains("复习了 1 张"),
                "{screen}"
            );
            wide.extend(crate::common::too_wide(
                &screen,
                columns.into(),
                &format!("review --lang {lang}"),
            ));
            // With nothing due, the session and the list say when the next card is.
            for args in [&["--list", "--lang", lang][..], &["--lang", lang]] {
                let Some(screen) = review_in_pty(&lp, columns, args, &[]) else {
                    return;
                };
                let next = if lang == "en" {
                    "the next card is due"
                } else {
                    "下一张"
                };
                assert!(screen.contains(next), "{screen}");
                wide.extend(crate::common::too_wide(
                    &screen,
                    columns.into(),
                    &format!("review {} (nothing due)", args.join(" ")),
                ));
            }
        }
    }
    crate::common::assert_none_too_wide(&wide);
}

// ---- merging two machines' reviews --------------------------------------------------------------

/// A review file as another machine's lpath writes it: the format the guide documents, built by
/// the test from `(card, day, grade)` reviews.
fn review_text(reviews: &[(usize, u8, usize)]) -> String {
    const GRADES: [&str; 4] = ["again", "hard", "good", "easy"];
    let mut by_card: std::collections::BTreeMap<String, Vec<(u8, &str)>> = Default::default();
    for &(card, day, grade) in reviews {
        by_card
            .entry(format!("a.q{}", card + 1))
            .or_default()
            .push((day, GRADES[grade]));
    }
    let mut text = String::from("format = 1\n");
    for (card, mut log) in by_card {
        log.sort();
        log.dedup_by_key(|(day, _)| *day);
        let log: Vec<String> = log
            .iter()
            .map(|(day, grade)| format!("\"2026-03-{:02}T10:00:00Z {grade}\"", day + 1))
            .collect();
        text.push_str(&format!(
            "\n[card.\"{card}\"]\nlog = [{}]\n",
            log.join(", ")
        ));
    }
    text
}

/// The review file of a machine that imports each of `files` in turn (`None`: none was written).
fn imported(files: &[&str]) -> Option<String> {
    let lp = quiz();
    for (n, text) in files.iter().enumerate() {
        let file = lp.root().join(format!("review-{n}.toml"));
        std::fs::write(&file, text).unwrap();
        lp.run_at(DAY1, &["import", file.to_str().unwrap()])
            .success();
    }
    std::fs::read_to_string(lp.config_dir().join("review.toml")).ok()
}

#[test]
fn both_machines_reviews_of_a_card_count_in_time_order() {
    let here = review_text(&[(0, 1, 2), (0, 9, 3)]);
    let there = review_text(&[(0, 1, 2), (0, 4, 0)]);
    let merged: toml::Table = imported(&[&here, &there]).unwrap().parse().unwrap();
    let log = log_of(&merged, "a.q1");
    assert_eq!(
        log,
        [
            "2026-03-02T10:00:00Z good",
            "2026-03-05T10:00:00Z again",
            "2026-03-10T10:00:00Z easy"
        ]
    );
}

#[test]
fn an_imported_review_file_with_anything_wrong_changes_nothing() {
    let lp = quiz();
    lp.run_at(DAY0, &["done", "a"]).success();
    lp.run_at(DAY1, &["review", "grade", "a.q1", "good"])
        .success();
    let before = std::fs::read(lp.config_dir().join("review.toml")).unwrap();
    let file = lp.root().join("theirs.toml");
    std::fs::write(
        &file,
        "format = 1\n\n[card.\"a.q1\"]\nlog = [\"2026-03-02T10:00:00Z great\"]\n",
    )
    .unwrap();
    let run = lp.run_at(DAY1, &["import", file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        std::fs::read(lp.config_dir().join("review.toml")).unwrap(),
        before
    );
}

use proptest::prelude::*;

fn machine() -> impl Strategy<Value = Vec<(usize, u8, usize)>> {
    prop::collection::vec((0..2usize, 0..20u8, 0..4usize), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Two machines' reviews of the same cards merged in either order give the same file, and
    /// merging that file in again changes nothing.
    #[test]
    fn merging_reviews_in_either_order_gives_the_same_file(a in machine(), b in machine()) {
        let (a, b) = (review_text(&a), review_text(&b));
        let ab = imported(&[&a, &b]);
        let ba = imported(&[&b, &a]);
        prop_assert_eq!(&ab, &ba);
        if let Some(ab) = ab {
            prop_assert_eq!(imported(&[&ab, &ab]), Some(ab.clone()));
            prop_assert_eq!(imported(&[&a, &b, &ab]), Some(ab));
        }
    }
}
