//! `lpath edit`: an entry in catalog.d/local.toml changed in place, checked with every catalog first.

use crate::common::Lpath;

const HAND_WRITTEN: &str = "# my own picks\nformat = 1\n\n[[track]]\nid = \"mine\"\ntitle = \"Mine\"\n\n# from a friend\n[[entry]]\nid = \"pick\"\nkind = \"blog\"\ntitle = \"Old title\"   # as the post has it\ntrack = \"mine\"\nurl = \"https://example.org/pick\"\nminutes = 5\n";

fn with_pick() -> Lpath {
    let lp = Lpath::new();
    lp.write_catalog("local.toml", HAND_WRITTEN);
    lp
}

#[test]
fn edit_changes_the_given_fields_and_keeps_every_comment() {
    let lp = with_pick();
    let run = lp
        .run(&[
            "edit",
            "pick",
            "--title",
            "New title",
            "--minutes",
            "20",
            "--requires",
            "bert",
            "--alias",
            "friends-pick",
            "--label",
            "导读",
            "--resource-lang",
            "zh",
        ])
        .success();
    assert_eq!(
        run.stdout,
        "edited `pick` in catalog.d/local.toml: `title`, `minutes`, `requires`, `label`, `lang`, `aliases`\n\
         `lpath show pick` shows it.\n"
    );
    assert_eq!(
        lp.local_catalog().unwrap(),
        "# my own picks\nformat = 1\n\n[[track]]\nid = \"mine\"\ntitle = \"Mine\"\n\n# from a friend\n[[entry]]\nid = \"pick\"\nkind = \"blog\"\ntitle = \"New title\"   # as the post has it\ntrack = \"mine\"\nurl = \"https://example.org/pick\"\nminutes = 20\nrequires = [\"bert\"]\nlabel = \"导读\"\nlang = \"zh\"\naliases = [\"friends-pick\"]\n"
    );
    let entry = lp.entry_json("pick");
    assert_eq!(entry["title"], "New title");
    assert_eq!(entry["minutes"], 20);
    lp.run(&["show", "friends-pick"]).success();
}

#[test]
fn an_empty_value_takes_an_optional_field_out() {
    let lp = with_pick();
    lp.run(&["edit", "pick", "--summary", "why", "--requires", "bert"])
        .success();
    lp.run(&["edit", "pick", "--summary", "", "--requires", ""])
        .success();
    let text = lp.local_catalog().unwrap();
    assert!(
        !text.contains("summary") && !text.contains("requires"),
        "{text}"
    );
}

#[test]
fn edit_that_would_break_the_path_writes_nothing_and_says_why() {
    let lp = with_pick();
    let cases: [(&[&str], &str); 4] = [
        (&["--requires", "nope"], "`requires` names `nope`"),
        (
            &["--url", "javascript:alert(1)"],
            "is not an http(s) address",
        ),
        (&["--minutes", "0"], "minutes"),
        (&["--alias", "bert"], "bert"),
    ];
    for (more, message) in cases {
        let mut args = vec!["edit", "pick"];
        args.extend_from_slice(more);
        lp.run(&args).failure(2).stderr_has(message);
        assert_eq!(lp.local_catalog().unwrap(), HAND_WRITTEN, "{args:?}");
    }
}

#[test]
fn edit_with_nothing_to_change_is_a_usage_error() {
    let lp = with_pick();
    lp.run(&["edit", "pick"])
        .failure(2)
        .stderr_has("nothing to change on `pick`");
}

#[test]
fn a_bundled_entry_cannot_be_edited_and_the_error_says_what_to_do_instead() {
    let lp = Lpath::new();
    let run = lp.run(&["edit", "bert", "--minutes", "10"]).failure(2);
    assert_eq!(
        run.stderr,
        "lpath: error: `bert` comes from the bundled catalog, which `lpath edit` cannot change, and no user catalog can override a bundled entry\n\
         hint: add an entry of your own with `lpath add` (it may `--requires bert`), or leave the bundled path out with `--no-bundled`\n"
    );
    assert!(!lp.config_dir().exists());
}

#[test]
fn an_entry_of_another_user_catalog_is_left_to_its_owner() {
    let lp = Lpath::new();
    lp.write_catalog("ana.toml", &HAND_WRITTEN.replace("pick", "ana-pick"));
    lp.run(&["edit", "ana-pick", "--minutes", "10"])
        .failure(2)
        .stderr_has("`ana-pick` is defined in catalog.d/ana.toml")
        .stderr_has("hint: edit catalog.d/ana.toml by hand");
}

#[test]
fn edit_can_move_an_entry_to_a_new_track() {
    let lp = with_pick();
    let run = lp
        .run(&[
            "edit",
            "pick",
            "--track",
            "reading-group",
            "--track-title",
            "Reading group",
        ])
        .success();
    run.stdout_has("created track `reading-group`");
    let text = lp.local_catalog().unwrap();
    assert!(
        text.ends_with("\n[[track]]\nid = \"reading-group\"\ntitle = \"Reading group\"\n"),
        "{text}"
    );
    assert_eq!(lp.entry_json("pick")["track"], "reading-group");
    lp.run(&["catalog", "check"]).success();
}

#[test]
fn edit_in_chinese() {
    let lp = with_pick();
    lp.run(&["--lang", "zh", "edit", "bert", "--minutes", "3"])
        .failure(2)
        .stderr_has("来自内置书目");
}
