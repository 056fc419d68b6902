//! `lpath next`: what to read now.

use crate::common::{Lpath, ids};

fn next_ids(lp: &Lpath, n: &str) -> Vec<String> {
    ids(&lp.run(&["next", "-n", n, "--json"]).success().json())
}

#[test]
fn next_respects_requires_and_path_order() {
    let lp = Lpath::new();
    let all = next_ids(&lp, "100");
    assert!(all.contains(&"bahdanau-attention".to_string()));
    assert!(
        !all.contains(&"attention-is-all-you-need".to_string()),
        "requires bahdanau"
    );
    assert!(
        !all.contains(&"bert".to_string()),
        "requires the transformer"
    );

    lp.run(&["done", "bahdanau-attention"]).success();
    let all = next_ids(&lp, "100");
    assert!(all.contains(&"attention-is-all-you-need".to_string()));
    assert!(!all.contains(&"bert".to_string()));

    lp.run(&["done", "attention-is-all-you-need"]).success();
    let all = next_ids(&lp, "100");
    assert!(all.contains(&"bert".to_string()));

    let path = ids(&lp.run(&["list", "--json"]).success().json());
    let positions: Vec<usize> = all
        .iter()
        .map(|id| path.iter().position(|p| p == id).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "not in path order: {all:?}"
    );
}

#[test]
fn next_shows_three_by_default_and_n_more() {
    let lp = Lpath::new();
    assert_eq!(next_ids(&lp, "3").len(), 3);
    let text = lp.run(&["next"]).success().stdout;
    assert!(text.matches("://").count() >= 3, "{text}");
    assert_eq!(next_ids(&lp, "5").len(), 5);
    assert_eq!(
        lp.run(&[]).success().stdout,
        text,
        "no command means `next`"
    );
}

#[test]
fn next_offers_unread_companions_as_the_gentler_way_in() {
    let lp = Lpath::new();
    lp.run(&["done", "bahdanau-attention"]).success();
    let json = lp.run(&["next", "-n", "100", "--json"]).success().json();
    let transformer = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "attention-is-all-you-need")
        .unwrap();
    let companions = ids(&transformer["companions"]);
    assert!(
        companions.contains(&"transformer-zhihu-350739760".to_string()),
        "{companions:?}"
    );
    lp.run(&["done", "transformer-zhihu-350739760"]).success();
    let json = lp.run(&["next", "-n", "100", "--json"]).success().json();
    let transformer = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "attention-is-all-you-need")
        .unwrap();
    assert!(!ids(&transformer["companions"]).contains(&"transformer-zhihu-350739760".to_string()));
}

#[test]
fn next_text_has_title_summary_url_and_minutes() {
    let lp = Lpath::new();
    let text = lp.run(&["next", "-n", "30"]).success().stdout;
    assert!(text.contains("Neural Machine Translation by Jointly Learning to Align and Translate"));
    assert!(text.contains("https://arxiv.org/abs/1409.0473"));
    assert!(text.contains(" min") || text.contains(" h"));
    assert!(text.contains("Gentler way in"), "{text}");
    assert!(text.contains("https://zhuanlan.zhihu.com/p/37212011"));
}

#[test]
fn next_when_everything_is_done_says_so() {
    let lp = Lpath::new();
    let path = ids(&lp.run(&["list", "--json"]).success().json());
    let mut args = vec!["done"];
    args.extend(path.iter().map(String::as_str));
    lp.run(&args).success();
    let run = lp.run(&["next"]).success();
    assert!(run.stdout.contains("whole path"), "{}", run.stdout);
    assert_eq!(
        lp.run(&["next", "--json"]).success().json(),
        serde_json::json!([])
    );
}

#[test]
fn next_suggests_more_only_when_more_entries_are_ready() {
    let lp = Lpath::new();
    // With the Transformer, ULMFiT, BERT and GPT-1 read, more than ten entries are ready (13).
    lp.run(&[
        "done",
        "bahdanau-attention",
        "attention-is-all-you-need",
        "ulmfit",
        "bert",
        "gpt-1",
    ])
    .success();
    let text = lp.run(&["next"]).success().stdout;
    assert!(text.ends_with("`lpath next -n 10` shows more.\n"), "{text}");
    let all = lp.run(&["next", "-n", "50"]).success().stdout;
    assert!(
        all.ends_with("\nMark one read with `lpath done <id>`.\n"),
        "{all}"
    );
    let ten = lp.run(&["next", "-n", "10"]).success().stdout;
    let suggested = ten
        .rsplit("`lpath next -n ")
        .next()
        .and_then(|rest| rest.split('`').next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no larger -n suggested:\n{ten}"));
    assert!(suggested > 10, "{ten}");
}

#[test]
fn next_shows_entries_being_read_first_whatever_they_require_naming_what_is_unread() {
    let lp = Lpath::new();
    lp.run(&["start", "chinchilla"]).success();
    assert_eq!(next_ids(&lp, "1"), ["chinchilla"]);
    let text = lp.run(&["next", "-n", "1"]).success().stdout;
    assert!(
        text.contains("      Requires, still unread: `gopher`, `scaling-laws`\n"),
        "{text}"
    );
    // A companion being read whose entry is done stays on the screen.
    lp.run(&["done", "bahdanau-attention"]).success();
    lp.run(&["start", "bahdanau-attention-zhihu"]).success();
    assert_eq!(
        next_ids(&lp, "2"),
        ["bahdanau-attention-zhihu", "chinchilla"]
    );
}

#[test]
fn start_and_done_do_what_they_are_told_and_name_unread_prerequisites() {
    let lp = Lpath::new();
    let run = lp.run(&["start", "chinchilla"]).success();
    assert!(
        run.stdout
            .ends_with("\n  requires, still unread: `gopher`, `scaling-laws`\n"),
        "{}",
        run.stdout
    );
    assert_eq!(lp.entry_json("chinchilla")["status"], "reading");
    let run = lp.run(&["done", "bahdanau-attention"]).success();
    assert!(!run.stdout.contains("unread"), "{}", run.stdout);
}

#[test]
fn next_track_keeps_only_those_tracks_as_a_comma_list_or_repeated() {
    let lp = Lpath::new();
    let json = lp
        .run(&["next", "-n", "50", "--json", "--track", "rlhf,start"])
        .success()
        .json();
    let tracks: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["track"].as_str().unwrap())
        .collect();
    assert!(tracks.contains(&"start"), "{json}");
    assert!(
        tracks.iter().all(|t| ["rlhf", "start"].contains(t)),
        "{json}"
    );
    lp.run(&["next", "--track", "nope"])
        .failure(2)
        .stderr_has("unknown track `nope`");
}

#[test]
fn next_wraps_long_lines_at_the_terminal_width_with_a_hanging_indent() {
    let lp = Lpath::new();
    let Some(text) = lp.in_terminal(60, &["next", "-n", "3"]) else {
        return;
    };
    for line in text.lines() {
        assert!(
            line.chars().count() <= 60 || line.contains("://"),
            "`{line}` is too wide"
        );
        assert_eq!(line.trim_end(), line, "`{line}` ends in a space");
    }
    // A summary goes on under itself, six columns in.
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("A picture-driven tour"))
        .unwrap();
    assert!(lines[at + 1].starts_with("      ") && !lines[at + 1].starts_with("       "));
    // Off a terminal, a summary is one line.
    let piped = lp.run(&["next", "-n", "3"]).success().stdout;
    assert!(
        piped
            .lines()
            .any(|l| l.contains("A picture-driven tour") && l.ends_with("equations."))
    );
}

#[test]
fn a_url_is_never_broken_across_lines_on_a_narrow_terminal() {
    let lp = Lpath::new();
    // Read the Bahdanau paper, so the lecture with the long URL is ready.
    lp.run(&["done", "bahdanau-attention"]).success();
    let Some(screen) = lp.in_terminal(60, &["next", "-n", "10"]) else {
        return;
    };
    let url = "https://sebastianraschka.com/blog/2021/dl-course.html#l19-self-attention-and-transformer-networks";
    assert!(
        screen.lines().any(|l| l.trim() == url),
        "the URL is whole on a line of its own:\n{screen}"
    );
}

#[test]
fn next_in_a_track_that_waits_names_what_it_waits_for_in_which_track() {
    let lp = Lpath::new();
    let list = lp.run(&["list", "--json"]).success().json();
    // Alignment's entries that wait for an unread one elsewhere, and what, by our own count.
    let entries = list.as_array().unwrap();
    let track_of = |id: &str| {
        entries
            .iter()
            .find(|e| e["id"] == id)
            .map(|e| e["track"].as_str().unwrap().to_string())
    };
    for lang in ["en", "zh"] {
        let run = lp
            .run(&["--lang", lang, "next", "-t", "alignment"])
            .success();
        let mut named = 0;
        for entry in entries.iter().filter(|e| e["track"] == "alignment") {
            for required in entry["requires"].as_array().into_iter().flatten() {
                let required = required.as_str().unwrap();
                if track_of(required).as_deref() != Some("alignment") {
                    let id = entry["id"].as_str().unwrap();
                    if run.stdout.contains(&format!("`{id}`")) {
                        assert!(
                            run.stdout.contains(&format!("`{required}`")),
                            "{}",
                            run.stdout
                        );
                        named += 1;
                    }
                }
            }
        }
        assert!(named > 0, "{lang}: {}", run.stdout);
    }
}
