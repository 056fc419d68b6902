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
