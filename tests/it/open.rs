//! `lpath open`: prints the URL, hands it to a browser when there is one, and never fails for lack of one.

use std::time::{Duration, Instant};

use crate::common::Lpath;

#[test]
fn open_prints_the_url_and_exits_0_when_no_browser_can_be_opened() {
    let lp = Lpath::new(); // the harness sets LPATH_BROWSER=none
    let run = lp.run(&["open", "attention-is-all-you-need"]).success();
    assert_eq!(run.stdout, "https://arxiv.org/abs/1706.03762\n");
    assert_eq!(
        run.stderr, "",
        "none asks for no browser: nothing is missing"
    );
    assert_eq!(lp.progress(), None, "open changes nothing");
}

#[test]
fn open_without_a_display_does_not_start_the_default_opener() {
    let lp = Lpath::new();
    let mut cmd = lp.command(&["open", "bert"]);
    cmd.env_remove("LPATH_BROWSER")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WSL_DISTRO_NAME");
    let run = crate::common::run(cmd).success();
    assert_eq!(run.stdout, "https://arxiv.org/abs/1810.04805\n");
    if cfg!(target_os = "linux") {
        assert!(
            run.stderr.contains("no graphical display"),
            "{}",
            run.stderr
        );
    }
}

#[test]
#[cfg(unix)]
fn open_hands_the_url_to_the_browser_as_one_argument() {
    use std::os::unix::fs::PermissionsExt;
    let lp = Lpath::new();
    let browser = lp.root().join("browser");
    let opened = lp.root().join("opened");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s|' \"$@\" > '{0}.tmp' && mv '{0}.tmp' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();

    let run = lp
        .run_with(
            &[("LPATH_BROWSER", browser.to_str().unwrap())],
            &["open", "flash"],
        )
        .success();
    assert_eq!(run.stdout, "https://arxiv.org/abs/2205.14135\n");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // The browser runs detached; give it time to write, without asserting how long it takes.
    let started = Instant::now();
    while !opened.exists() && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        "https://arxiv.org/abs/2205.14135|"
    );
}

#[test]
fn a_browser_that_cannot_start_is_a_note_not_an_error() {
    let lp = Lpath::new();
    let missing = lp.root().join("no-such-browser");
    let run = lp
        .run_with(
            &[("LPATH_BROWSER", missing.to_str().unwrap())],
            &["open", "bert"],
        )
        .success();
    assert_eq!(run.stdout, "https://arxiv.org/abs/1810.04805\n");
    assert!(
        run.stderr.contains("could not open a browser"),
        "{}",
        run.stderr
    );
}

#[test]
fn companion_opens_the_first_unread_companion() {
    let lp = Lpath::new();
    let first = lp
        .run(&["open", "attention-is-all-you-need", "--companion"])
        .success();
    assert_eq!(
        first.stdout,
        "https://sebastianraschka.com/blog/2021/dl-course.html#l19-self-attention-and-transformer-networks\n"
    );
    lp.run(&["done", "raschka-dl-course-l19"]).success();
    let second = lp
        .run(&["open", "attention-is-all-you-need", "--companion"])
        .success();
    assert_eq!(second.stdout, "https://zhuanlan.zhihu.com/p/350739760\n");
}

#[test]
fn companion_when_none_is_left_says_what_to_open_instead() {
    let lp = Lpath::new();
    lp.run(&["done", "bert-pytorch", "illustrated-bert", "bert-mli-video"])
        .success();
    let run = lp.run(&["open", "bert", "--companion"]).failure(2);
    assert!(
        run.stderr.contains("every companion of `bert`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("lpath open bert"), "{}", run.stderr);
    // Every paper has a companion now; a general resource of the start track has none.
    let run = lp
        .run(&["open", "illustrated-transformer", "--companion"])
        .failure(2);
    assert!(run.stderr.contains("has no companions"), "{}", run.stderr);
    let run = lp.run(&["open", "bert-pytorch", "--companion"]).failure(2);
    assert!(
        run.stderr.contains("is itself a companion"),
        "{}",
        run.stderr
    );
}

#[test]
fn open_unknown_id_is_a_usage_error_that_suggests() {
    let lp = Lpath::new();
    let run = lp.run(&["open", "bertt"]).failure(2);
    assert!(run.stderr.contains("did you mean `bert`"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn lpath_browser_none_starts_nothing_and_says_nothing() {
    let lp = Lpath::new();
    let run = lp
        .run_with(&[("LPATH_BROWSER", "none")], &["open", "bert"])
        .success();
    assert_eq!(run.stdout, "https://arxiv.org/abs/1810.04805\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn a_browser_that_cannot_be_opened_is_a_warning() {
    let lp = Lpath::new();
    let missing = lp.root().join("no-such-browser");
    for (lang, warning) in [("en", "lpath: warning: "), ("zh", "lpath: 警告：")] {
        let run = lp
            .run_with(
                &[("LPATH_BROWSER", missing.to_str().unwrap())],
                &["--lang", lang, "open", "bert"],
            )
            .success();
        assert!(run.stderr.starts_with(warning), "{}", run.stderr);
        assert_eq!(run.stderr.matches("lpath").count(), 1, "{}", run.stderr);
    }
}

#[test]
fn open_companion_says_which_companion_it_opened_on_stderr() {
    let lp = Lpath::new();
    let run = lp
        .run(&["open", "attention-is-all-you-need", "--companion"])
        .success();
    // stdout is the URL alone, for scripts.
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    let companion = lp.entry_json("raschka-dl-course-l19");
    let title = companion["title"].as_str().unwrap();
    run.stderr_has("`raschka-dl-course-l19`");
    run.stderr_has("`attention-is-all-you-need`");
    run.stderr_has(title);
}
