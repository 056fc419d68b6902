//! `--track NEW --track-title T` on `add` and `edit`: a track of your own, created in catalog.d/local.toml.

use crate::common::Lpath;

#[test]
fn add_with_a_new_track_creates_it_before_the_entry() {
    let lp = Lpath::new();
    lp.add(
        "olmo",
        &["--track", "open-models", "--track-title", "Open models"],
    )
    .success()
    .stdout_has("in track `open-models` (new)");
    let text = lp.local_catalog().unwrap();
    let track = text
        .find("[[track]]\nid = \"open-models\"\ntitle = \"Open models\"\n")
        .expect(&text);
    assert!(track < text.find("id = \"olmo\"").unwrap(), "{text}");
    assert!(!text.contains("id = \"local\""), "no `local` track: {text}");
    let stats = lp.run(&["stats", "--json"]).success().json();
    let open = crate::common::by_id(&stats["tracks"], "open-models");
    assert_eq!(open["title"], "Open models");
    assert_eq!(open["total"], 1);
    // The next add files under it like any known track.
    lp.add("mistral-7b", &["--track", "open-models"]).success();
    assert_eq!(lp.local_catalog().unwrap().matches("[[track]]").count(), 1);
}

#[test]
fn a_track_title_for_a_track_that_exists_is_refused() {
    let lp = Lpath::new();
    lp.add("x", &["--track", "scaling", "--track-title", "Again"])
        .failure(2)
        .stderr_has("track `scaling` already exists");
    assert!(!lp.config_dir().exists());
}

#[test]
fn an_unknown_track_without_a_title_says_how_to_create_it() {
    let lp = Lpath::new();
    lp.add("x", &["--track", "rl"])
        .failure(2)
        .stderr_has(
            "unknown track `rl` (known: start, foundations, scaling, rlhf, alignment, frontier)",
        )
        .stderr_has("hint: create it with `--track rl --track-title \"Its title\"`");
}

#[test]
fn a_track_title_needs_a_track() {
    let lp = Lpath::new();
    lp.add("x", &["--track-title", "Orphan"])
        .failure(2)
        .stderr_has("the following required arguments were not provided: --track <TRACK>")
        .stderr_has("hint: ");
    assert_eq!(lp.local_catalog(), None, "nothing was added");
    assert!(!lp.config_dir().exists());
}

#[test]
fn add_sets_aliases_labels_and_the_resource_language() {
    let lp = Lpath::new();
    lp.add(
        "bert-zhihu",
        &[
            "--kind",
            "blog",
            "--companion-of",
            "bert",
            "--label",
            "论文解读",
            "--resource-lang",
            "zh",
            "--alias",
            "bert-cn",
        ],
    )
    .success();
    let entry = lp.entry_json("bert-zhihu");
    assert_eq!(entry["lang"], "zh");
    assert_eq!(entry["label"], "论文解读");
    assert_eq!(entry["companion_of"], "bert");
    lp.run(&["show", "bert-cn"])
        .success()
        .stdout_has("bert-zhihu");
}
