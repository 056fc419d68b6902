//! `lpath tui`: the frames it draws (scripted on ratatui's test backend, compared with stored
//! snapshots), and the real thing in a pseudo-terminal: keys that change the progress through the
//! store, the terminal given back on quit, SIGTERM and a panic, and a change made elsewhere shown.
//!
//! Snapshots are plain text files under `tests/it/snapshots/tui/`, one a frame: readable in a
//! diff, no extra dependency, and rewritten like the README's outputs with
//! `LPATH_TUI_BLESS=1 cargo test --test it tui::` (read the diff before committing it).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{self, Lpath, display_width, need};

const NOW: &str = "2026-03-01T10:00:00Z";

/// The last frame of a scripted run: `keys` pressed on a `columns`x`rows` screen.
fn frame(lp: &Lpath, keys: &str, columns: u16, rows: u16, args: &[&str]) -> String {
    let size = format!("{columns}x{rows}");
    let mut all = vec!["tui"];
    all.extend_from_slice(args);
    let run = lp
        .run_with(
            &[
                ("LPATH_TUI_SCRIPT", keys),
                ("LPATH_TUI_SIZE", &size),
                ("LPATH_NOW", NOW),
            ],
            &all,
        )
        .success();
    let text = run.stdout.clone();
    // Oracles of our own: exactly the screen's rows, none wider than the screen.
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), usize::from(rows), "{text}");
    for line in &lines {
        assert!(
            display_width(line) <= usize::from(columns),
            "wider than {columns}: {line:?}"
        );
    }
    text
}

fn snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/snapshots/tui")
        .join(format!("{name}.txt"));
    if std::env::var_os("LPATH_TUI_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; write it with LPATH_TUI_BLESS=1 cargo test --test it tui::\n{actual}",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "frame {name} differs from {}\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

const SIZES: [(u16, u16); 3] = [(60, 20), (80, 24), (120, 40)];

#[test]
fn the_list_and_details_at_three_sizes_in_english_and_chinese() {
    let lp = Lpath::new();
    lp.run_at(NOW, &["done", "illustrated-transformer"])
        .success();
    lp.run_at(NOW, &["note", "nanogpt", "read the training loop first"])
        .success();
    for lang in ["en", "zh"] {
        for (columns, rows) in SIZES {
            let text = frame(&lp, "jj", columns, rows, &["--lang", lang]);
            // The first entry is done, the third selected: its details say what `show` says.
            if columns >= 80 {
                assert!(text.contains("nanogpt"), "{text}");
            }
            assert!(text.contains('✓'), "{text}");
            snapshot(&format!("list-{lang}-{columns}x{rows}"), &text);
        }
    }
}

#[test]
fn in_a_small_window_enter_shows_the_details_instead_of_the_list() {
    let lp = Lpath::new();
    for lang in ["en", "zh"] {
        let text = frame(&lp, "jj<Enter>", 60, 20, &["--lang", lang]);
        assert!(text.contains("nanogpt"), "{text}");
        snapshot(&format!("details-{lang}-60x20"), &text);
        let back = frame(&lp, "jj<Enter><Esc>", 60, 20, &["--lang", lang]);
        assert_eq!(back, frame(&lp, "jj", 60, 20, &["--lang", lang]));
    }
}

#[test]
fn search_narrows_the_list_as_you_type_and_an_empty_result_says_how_to_get_back() {
    let lp = Lpath::new();
    for lang in ["en", "zh"] {
        let text = frame(&lp, "/bert", 80, 24, &["--lang", lang]);
        assert!(text.contains("BERT"), "{text}");
        assert!(!text.contains("nanoGPT"), "{text}");
        snapshot(&format!("search-{lang}-80x24"), &text);
        let none = frame(&lp, "/zzzz-nothing<Enter>", 80, 24, &["--lang", lang]);
        snapshot(&format!("search-empty-{lang}-80x24"), &none);
    }
    // A filter that leaves nothing: nothing is done yet.
    let text = frame(&lp, "ffff", 120, 40, &[]);
    assert!(text.contains("showing: done"), "{text}");
    assert!(text.contains("Nothing here matches"), "{text}");
    snapshot("filter-empty-en-120x40", &text);
}

#[test]
fn the_note_editor_counts_chinese_as_two_columns_and_esc_saves_nothing() {
    let lp = Lpath::new();
    for lang in ["en", "zh"] {
        let keys = "nattention heads as lookups 注意力头就像查表一样，先读这一篇";
        let text = frame(&lp, keys, 80, 24, &["--lang", lang]);
        snapshot(&format!("note-{lang}-80x24"), &text);
    }
    frame(&lp, "nhalf a thought<Esc>q", 80, 24, &[]);
    assert_eq!(lp.progress(), None, "Esc must save nothing");
    frame(&lp, "nwhole thought<Enter>", 80, 24, &[]);
    let progress = lp.progress().expect("the note is saved");
    assert!(progress.contains("text = \"whole thought\""), "{progress}");
}

#[test]
fn help_lists_every_key_in_the_learners_language() {
    let lp = Lpath::new();
    for (lang, word) in [("en", "undo the last change"), ("zh", "撤销上一次修改")] {
        let text = frame(&lp, "?", 80, 24, &["--lang", lang]);
        assert!(text.contains(word), "{text}");
        snapshot(&format!("help-{lang}-80x24"), &text);
    }
    snapshot("help-en-60x20", &frame(&lp, "?", 60, 20, &[]));
}

#[test]
fn a_very_long_title_and_note_are_cut_or_wrapped_never_wider_than_the_screen() {
    let lp = Lpath::new();
    let long = "A very long title that goes on and on about attention, 注意力机制的一个非常非常长的中文标题，再加上更多的字 and then some more words";
    lp.write_catalog(
        "long.toml",
        &common::catalog(
            "long",
            &[
                ("long-one", ""),
                ("long-two", "requires = [\"long-one\"]\n"),
            ],
        )
        .replace("Title of long-one", long),
    );
    let note = "一条很长的笔记：".repeat(12) + &" and a long English tail".repeat(4);
    lp.run_at(NOW, &["note", "long-one", &note]).success();
    for (columns, rows) in SIZES {
        let text = frame(&lp, "", columns, rows, &["--no-bundled"]);
        assert!(text.contains("一条很长的笔记") || rows < 40, "{text}");
        snapshot(&format!("long-{columns}x{rows}"), &text);
    }
}

/// The id `show` names in the details pane of a 120x40 frame.
fn selected_id(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| l.contains("│   id ") || l.contains("│   编号 "))
        .unwrap_or_else(|| panic!("no id in the details:\n{text}"));
    let details = line.split('│').nth(1).unwrap();
    details.split_whitespace().nth(1).unwrap().to_string()
}

#[test]
fn keys_and_the_mouse_move_fold_jump_and_filter() {
    let lp = Lpath::new();
    let at = |keys: &str| selected_id(&frame(&lp, keys, 120, 40, &[]));
    assert_eq!(at(""), "illustrated-transformer");
    assert_eq!(at("jj"), "nanogpt");
    assert_eq!(at("jjk"), at("j"));
    // With the details in sight, Enter on an entry changes nothing and the keys still move.
    assert_eq!(at("<Enter>j"), at("j"));
    assert_eq!(at("<Down><Down><Up>"), at("j"));
    let whole = |keys: &str| frame(&lp, keys, 120, 40, &[]);
    assert_eq!(at("G"), at("<End>"));
    assert_eq!(whole("Gg"), whole("<Home>"));
    assert_ne!(at("<PgDn>"), at(""));
    assert_eq!(at("<PgDn><PgUp>"), at(""));
    // The list starts on the third line: row 5 of the screen is the fourth row of the list.
    assert_eq!(at("<Click:10,5>"), "nanogpt");
    assert_eq!(at("<WheelDown>"), at("jjj"));
    // `t` lists the tracks: Enter or a number goes to that track's first entry, Esc stays.
    assert_eq!(at("tj<Enter>"), "bahdanau-attention");
    assert_eq!(at("t2"), "bahdanau-attention");
    assert_eq!(at("jjt<Esc>"), "nanogpt");
    assert_eq!(at("G"), at("Gt<Esc>"));
    let folded = frame(&lp, "h", 120, 40, &[]);
    assert!(!folded.contains("nanoGPT"), "{folded}");
    assert!(folded.contains("Neural Machine Translation"), "{folded}");
    let unfolded = frame(&lp, "hl", 120, 40, &[]);
    assert!(unfolded.contains("nanoGPT"), "{unfolded}");
    // The ready filter: only entries whose requirements are covered, and the line says so.
    let ready = frame(&lp, "f", 120, 40, &[]);
    assert!(ready.contains("showing: ready"), "{ready}");
    assert!(
        !ready.lines().any(|l| l.starts_with(" · ")),
        "no waiting entry is shown:\n{ready}"
    );
    lp.run(&["done", "bahdanau-attention"]).success();
    let ready = frame(&lp, "f", 120, 40, &[]);
    assert!(ready.contains("Attention Is All You Need"), "{ready}");
}

#[test]
fn a_window_under_40_by_10_asks_to_be_made_larger() {
    let lp = Lpath::new();
    let text = frame(&lp, "", 39, 12, &[]);
    assert!(text.contains("larger"), "{text}");
    let text = frame(&lp, "", 60, 9, &["--lang", "zh"]);
    assert!(text.contains("调大"), "{text}");
}

#[test]
fn under_lang_c_the_view_draws_in_ascii_only() {
    let lp = Lpath::new();
    lp.write_catalog(
        "plain.toml",
        &common::catalog(
            "plain",
            &[
                ("one", ""),
                ("two", "requires = [\"one\"]\n"),
                ("three", "requires = [\"two\"]\n"),
            ],
        ),
    );
    lp.run(&["done", "one"]).success();
    for keys in ["j", "?", "nabc", "/t"] {
        let run = lp
            .run_with(
                &[
                    ("LANG", "C"),
                    ("LPATH_TUI_SCRIPT", keys),
                    ("LPATH_TUI_SIZE", "80x24"),
                ],
                &["tui", "--no-bundled"],
            )
            .success();
        // The messages' own ` · ` (the footer says it so everywhere); everything drawn is ASCII.
        let drawn = run.stdout.replace(" · ", " ");
        assert!(drawn.is_ascii(), "{}", run.stdout);
        if keys == "j" {
            // Done, ready and waiting marks.
            for mark in [" x Title of one", " o Title of two", " . Title of three"] {
                assert!(run.stdout.contains(mark), "{mark}\n{}", run.stdout);
            }
        }
    }
}

#[test]
fn keys_change_the_progress_through_the_store_so_log_and_undo_see_them() {
    let lp = Lpath::new();
    frame(&lp, "djsjx", 80, 24, &[]);
    let log = lp.run(&["log"]).success().stdout;
    for change in ["done illustrated-transformer", "start ", "skip "] {
        assert!(log.contains(change), "{log}");
    }
    frame(&lp, "u", 80, 24, &[]);
    let log = lp.run(&["log"]).success().stdout;
    assert!(!log.contains("skip "), "{log}");
    assert!(log.contains("start "), "{log}");
}

#[test]
fn a_change_that_cannot_be_saved_is_said_in_the_view_which_stays_open() {
    let lp = Lpath::new();
    lp.write_progress("format = 1\n[entry.x\n");
    let text = frame(&lp, "d", 80, 24, &[]);
    assert!(text.contains("progress.toml"), "{text}");
    assert_eq!(lp.progress().as_deref(), Some("format = 1\n[entry.x\n"));
}

#[test]
fn off_a_terminal_tui_says_so_and_names_lpath_list() {
    let lp = Lpath::new();
    let run = lp.run(&["tui"]).failure(2);
    assert!(run.stderr.contains("lpath list"), "{}", run.stderr);
}

// ---- in a real pseudo-terminal ----------------------------------------------------------------

/// `lpath tui` on a pty made by util-linux `script`, 80x24, with what it prints collected.
struct Pty {
    child: Child,
    output: Arc<Mutex<Vec<u8>>>,
    pid_file: PathBuf,
}

impl Pty {
    fn start(lp: &Lpath, env: &[(&str, &str)]) -> Option<Pty> {
        if !cfg!(target_os = "linux") || !need("script", "util-linux, for a pseudo-terminal") {
            return None;
        }
        let pid_file = lp.root().join("tui.pid");
        let line = format!(
            "stty cols 80 rows 24; echo $$ > '{}'; exec '{}' tui",
            pid_file.display(),
            env!("CARGO_BIN_EXE_lpath")
        );
        // After lpath, the shell is gone (exec): `script` ends with it.
        let template = lp.command(&[]);
        let mut cmd = Command::new("script");
        cmd.args(["-qec", &line, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (key, value) in template.get_envs() {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            };
        }
        cmd.envs(env.iter().copied());
        let mut child = cmd.spawn().expect("start script");
        let mut stdout = child.stdout.take().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let pty = Pty {
            child,
            output,
            pid_file,
        };
        // ratatui moves the cursor over blanks: words arrive one by one.
        pty.wait_for("the first frame", |out| out.contains("covered"));
        Some(pty)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !done(&self.text()) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited 20 s for {what}; the screen got:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn press(&mut self, keys: &str) {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(keys.as_bytes()).unwrap();
        stdin.flush().unwrap();
        // One key at a time is what a person does; the view answers each within a frame.
        std::thread::sleep(Duration::from_millis(400));
    }

    /// Waits for the end, and returns the exit status of `script` and all it printed.
    fn finish(mut self) -> (std::process::ExitStatus, String) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                return (status, self.text());
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!("lpath tui did not end; the screen got:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn pid(&self) -> i32 {
        std::fs::read_to_string(&self.pid_file)
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    }
}

impl Drop for Pty {
    /// A test that fails half way leaves no view running.
    fn drop(&mut self) {
        if !matches!(self.child.try_wait(), Ok(None)) {
            return;
        }
        if let Ok(pid) = std::fs::read_to_string(&self.pid_file) {
            let _ = Command::new("kill").args(["-TERM", pid.trim()]).status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The terminal was given back: after the last time the view took the alternate screen and hid
/// the cursor, it left the one and showed the other.
fn assert_restored(out: &str) {
    let last = |needle: &str| out.rfind(needle);
    let (entered, left) = (last("\x1b[?1049h"), last("\x1b[?1049l"));
    assert!(
        entered.is_some(),
        "never took the alternate screen:\n{out:?}"
    );
    assert!(
        left > entered,
        "the alternate screen is left behind:\n{out:?}"
    );
    let (hidden, shown) = (last("\x1b[?25l"), last("\x1b[?25h"));
    assert!(shown > hidden, "the cursor is left hidden:\n{out:?}");
    let (mouse_on, mouse_off) = (last("\x1b[?1000h"), last("\x1b[?1000l"));
    assert!(mouse_off > mouse_on, "the mouse is left captured:\n{out:?}");
}

#[test]
fn in_a_terminal_keys_mark_note_and_undo_and_quit_gives_the_terminal_back() {
    let lp = Lpath::new();
    let Some(mut pty) = Pty::start(&lp, &[]) else {
        return;
    };
    pty.press("d");
    pty.press("n");
    pty.press("first note, 第一条");
    pty.press("\r");
    pty.press("j");
    pty.press("s");
    pty.press("u");
    pty.press("q");
    let (status, out) = pty.finish();
    assert!(status.success(), "{status:?}\n{out:?}");
    assert_restored(&out);
    let progress = lp.progress().expect("a progress file");
    assert!(
        progress.contains("[entry.illustrated-transformer]"),
        "{progress}"
    );
    assert!(progress.contains("status = \"done\""), "{progress}");
    assert!(
        progress.contains("text = \"first note, 第一条\""),
        "{progress}"
    );
    assert!(
        !progress.contains("reading"),
        "the start was undone:\n{progress}"
    );
    let log = lp.run(&["log"]).success().stdout;
    let changes: Vec<&str> = log.lines().filter(|l| l.contains("illustrated")).collect();
    assert_eq!(changes.len(), 2, "{log}");
    assert!(changes[0].contains("note illustrated-transformer"), "{log}");
    assert!(changes[1].contains("done illustrated-transformer"), "{log}");
}

#[test]
fn in_a_terminal_sigterm_and_a_panic_give_the_terminal_back() {
    let lp = Lpath::new();
    let Some(pty) = Pty::start(&lp, &[]) else {
        return;
    };
    let pid = pty.pid();
    let killed = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let (_, out) = pty.finish();
    assert_restored(&out);

    let Some(pty) = Pty::start(&lp, &[("LPATH_TUI_PANIC", "1")]) else {
        return;
    };
    let (status, out) = pty.finish();
    assert!(!status.success(), "{out:?}");
    assert_restored(&out);
}

#[test]
fn in_a_terminal_ctrl_z_gives_the_terminal_back_and_fg_takes_it_again() {
    let lp = Lpath::new();
    let Some(mut pty) = Pty::start(&lp, &[]) else {
        return;
    };
    pty.press("\x1a");
    pty.wait_for("the terminal given back", |out| out.contains("\x1b[?1049l"));
    // Stopped, it waits for a SIGCONT (the shell's `fg`); in an orphaned process group the
    // system does not stop it, and the signal changes nothing.
    Command::new("kill")
        .args(["-CONT", &pty.pid().to_string()])
        .status()
        .unwrap();
    pty.wait_for("the view back", |out| {
        out.matches("\x1b[?1049h").count() == 2
    });
    pty.press("q");
    let (status, out) = pty.finish();
    assert!(
        status.success(),
        "{status:?} {:?}",
        &out[out.len().saturating_sub(300)..]
    );
    assert_eq!(out.matches("\x1b[?1049h").count(), 2, "{out:?}");
    assert_restored(&out);
}

#[test]
fn in_a_terminal_a_change_made_by_another_lpath_shows_within_a_second_or_so() {
    let lp = Lpath::new();
    let Some(mut pty) = Pty::start(&lp, &[("NO_COLOR", "1")]) else {
        return;
    };
    let before = pty.text();
    assert!(!before.contains('✓'), "nothing is done yet:\n{before:?}");
    lp.run(&["done", "illustrated-transformer"]).success();
    pty.wait_for("the done mark", |out| out.contains('✓'));
    pty.press("q");
    let (status, out) = pty.finish();
    assert!(status.success());
    // Monochrome: no colour at all, and the selection in reverse video.
    assert!(out.contains("\x1b[7m"), "{out:?}");
    assert!(!out.contains("\x1b[38;"), "{out:?}");
}

/// The guide's picture of the view is a frame the view draws: each `<!-- tui-screenshot: run
/// lpath ...; keys K; size CxR -->` is followed by a ```text block that must be that frame
/// (rewritten under `LPATH_TUI_BLESS=1`).
#[test]
fn the_guides_picture_of_the_view_is_what_it_draws() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/GUIDE.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let mut out: Vec<String> = Vec::new();
    let mut lines = doc.lines();
    let mut pictures = 0;
    while let Some(line) = lines.next() {
        out.push(line.to_string());
        let Some(spec) = line
            .strip_prefix("<!-- tui-screenshot: ")
            .and_then(|l| l.strip_suffix(" -->"))
        else {
            continue;
        };
        pictures += 1;
        let lp = Lpath::new();
        let (mut keys, mut size) = ("", (80, 24));
        for part in spec.split("; ") {
            if let Some(command) = part.strip_prefix("run lpath ") {
                let args: Vec<&str> = command.split(' ').collect();
                lp.run_at(NOW, &args).success();
            } else if let Some(k) = part.strip_prefix("keys ") {
                keys = k;
            } else if let Some(s) = part.strip_prefix("size ") {
                let (c, r) = s.split_once('x').unwrap();
                size = (c.parse().unwrap(), r.parse().unwrap());
            }
        }
        let drawn = frame(&lp, keys, size.0, size.1, &[]);
        assert_eq!(
            lines.next(),
            Some("```text"),
            "a ```text block after {line}"
        );
        let mut shown = Vec::new();
        for line in lines.by_ref() {
            if line == "```" {
                break;
            }
            shown.push(line);
        }
        let shown = shown.join("\n") + "\n";
        if std::env::var_os("LPATH_TUI_BLESS").is_some() {
            out.push("```text".into());
            out.extend(drawn.lines().map(str::to_string));
            out.push("```".into());
        } else {
            assert!(
                shown == drawn,
                "docs/GUIDE.md's picture differs from what the view draws:\n--- guide\n{shown}\n--- drawn\n{drawn}"
            );
        }
    }
    assert!(pictures > 0, "docs/GUIDE.md has no tui-screenshot");
    if std::env::var_os("LPATH_TUI_BLESS").is_some() {
        std::fs::write(&path, out.join("\n") + "\n").unwrap();
    }
}

#[test]
fn t_lists_every_track_numbered_in_the_learners_language() {
    let lp = Lpath::new();
    let stats = lp.run(&["stats", "--json"]).success().json();
    let titles: Vec<String> = stats["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    assert!(titles.len() >= 2, "{titles:?}");
    let text = frame(&lp, "t", 120, 40, &[]);
    assert!(text.contains("Jump to a track"), "{text}");
    for (n, title) in titles.iter().enumerate().take(9) {
        assert!(
            text.contains(&format!("{} {title}", n + 1)),
            "{title} in\n{text}"
        );
    }
    let zh = frame(&lp, "t", 120, 40, &["--lang", "zh"]);
    assert!(zh.contains("跳到一条路线"), "{zh}");
}

/// The lines under the list's rule: the details, in a window too short for them below the list.
fn details(text: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| !l.starts_with("────"))
        .skip(1)
        .map(str::to_string)
        .collect()
}

#[test]
fn details_longer_than_their_pane_scroll_with_shift_j_and_k_and_say_so() {
    let lp = Lpath::new();
    let top = details(&frame(&lp, "t3", 80, 24, &[]));
    assert!(
        top.iter().any(|l| l.contains("J/K scroll the details")),
        "{top:#?}"
    );
    let down = details(&frame(&lp, "t3JJJ", 80, 24, &[]));
    assert_ne!(top[0], down[0]);
    // Three lines on: what was the fourth line is now the first.
    assert_eq!(top[3], down[0], "{top:#?}\n{down:#?}");
    assert_eq!(details(&frame(&lp, "t3JJJKKK", 80, 24, &[])), top);
    // A new selection starts at the top of its details again.
    let next = details(&frame(&lp, "t3JJJj", 80, 24, &[]));
    let next_top = details(&frame(&lp, "t3j", 80, 24, &[]));
    assert_eq!(next, next_top);
    // Scrolled to the end, the hint goes and the last line of the details shows.
    let end = details(&frame(&lp, &format!("t3{}", "J".repeat(200)), 80, 24, &[]));
    assert!(!end.iter().any(|l| l.contains("J/K scroll")), "{end:#?}");
}

#[test]
fn help_taller_than_the_window_scrolls_and_any_other_key_closes_it() {
    let lp = Lpath::new();
    let first = frame(&lp, "?", 80, 24, &[]);
    assert!(first.contains("j/k scroll"), "{first}");
    assert!(!first.contains("Marks:"), "{first}");
    let scrolled = frame(&lp, &format!("?{}", "j".repeat(30)), 80, 24, &[]);
    assert!(scrolled.contains("Marks:"), "{scrolled}");
    assert!(scrolled.contains("mouse"), "{scrolled}");
    let closed = frame(&lp, "?x", 80, 24, &[]);
    assert!(!closed.contains("Keys"), "{closed}");
    // In a window tall enough, nothing scrolls and the help says any key closes it.
    let tall = frame(&lp, "?", 120, 40, &[]);
    assert!(tall.contains("any key closes this help"), "{tall}");
    assert!(tall.contains("Marks:"), "{tall}");
}
