//! `lpath completions` and `lpath __ids`: scripts for every shell, with entry ids where it counts.

use std::path::Path;
use std::process::Command;

use crate::common::Lpath;

fn script(lp: &Lpath, shell: &str) -> String {
    let run = lp.run(&["completions", shell]).success();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

/// The directory holding the lpath binary, so the scripts' `lpath __ids` finds it.
fn bin_dir() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_lpath")).parent().unwrap()
}

fn path_with_lpath() -> String {
    format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// What bash offers for the words typed so far, with the last word being completed.
fn bash_complete(lp: &Lpath, words: &[&str]) -> Vec<String> {
    let file = lp.root().join("lpath.bash");
    std::fs::write(&file, script(lp, "bash")).unwrap();
    let words: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        r#"source '{}'
COMP_WORDS=({})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
_lpath_ids lpath "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        file.display(),
        words.join(" ")
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .env("PATH", path_with_lpath())
        .env("LPATH_CONFIG_DIR", lp.config_dir())
        .env("LPATH_CACHE_DIR", lp.cache_dir())
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn a_script_is_generated_for_every_shell() {
    let lp = Lpath::new();
    // Each shell's own way of offering a command, so that a word in a description or a shell
    // keyword (`export` in bash) is not taken for it.
    type Offers = fn(&str) -> String;
    let offered: [(&str, &str, Offers); 5] = [
        ("bash", "complete -F", |c| format!("lpath,{c})")),
        ("zsh", "#compdef lpath", |c| format!("\n'{c}:")),
        ("fish", "complete -c lpath", |c| format!("-a \"{c}\" -d")),
        ("powershell", "Register-ArgumentCompleter", |c| {
            format!("[CompletionResult]::new('{c}', '{c}',")
        }),
        ("elvish", "edit:completion:arg-completer[lpath]", |c| {
            format!("cand {c} '")
        }),
    ];
    let commands: Vec<&str> = crate::common::commands()
        .paths
        .iter()
        .filter(|path| path.len() == 1)
        .map(|path| path[0].as_str())
        .collect();
    for (shell, marker, offers) in offered {
        let text = script(&lp, shell);
        assert!(text.contains(marker), "{shell} script lacks `{marker}`");
        for command in &commands {
            assert!(
                text.contains(&offers(command)),
                "{shell} script does not offer `{command}`"
            );
        }
    }
}

#[test]
fn bash_zsh_and_fish_ask_lpath_for_entry_ids() {
    let lp = Lpath::new();
    for shell in ["bash", "zsh", "fish"] {
        let text = script(&lp, shell);
        assert!(
            text.contains("lpath __ids"),
            "{shell} script never asks for ids"
        );
    }
}

#[test]
fn the_hidden_ids_command_is_not_offered_as_a_command() {
    let lp = Lpath::new();
    let bash = script(&lp, "bash");
    let opts = bash
        .lines()
        .find(|l| l.trim_start().starts_with("opts=\"-h -V"))
        .unwrap();
    assert!(!opts.contains("__ids"), "{opts}");
    assert!(!lp.run(&["--help"]).success().stdout.contains("__ids"));
}

#[test]
fn ids_lists_every_id_then_every_alias() {
    let lp = Lpath::new();
    let run = lp.run(&["__ids"]).success();
    let printed: Vec<&str> = run.stdout.lines().collect();
    let ids = crate::common::ids(&lp.run(&["list", "--json"]).success().json());
    let (first, rest) = printed.split_at(ids.len());
    assert_eq!(first, ids);
    assert!(rest.contains(&"transformer"), "aliases follow: {rest:?}");
    assert_eq!(lp.files(), Vec::<String>::new(), "__ids writes nothing");
}

#[test]
fn bash_completes_entry_ids_after_done_and_open() {
    let lp = Lpath::new();
    assert_eq!(
        bash_complete(&lp, &["lpath", "done", "attention-is"]),
        ["attention-is-all-you-need"]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "--lang", "zh", "open", "flash"]),
        [
            "flash-attention",
            "flash-attention-code",
            "flashattention-2",
            "flashattention-2-post",
            "flashattention"
        ]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "done", "bert", "rober"]),
        ["roberta", "roberta-fairseq", "roberta-happy-llm"]
    );
}

#[test]
fn bash_completes_entry_ids_after_options_that_take_one() {
    let lp = Lpath::new();
    assert_eq!(
        bash_complete(&lp, &["lpath", "add", "mine", "--requires", "attention-is"]),
        ["attention-is-all-you-need"]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "edit", "mine", "--companion-of", "rober"]),
        ["roberta", "roberta-fairseq", "roberta-happy-llm"]
    );
    // `--arxiv` takes an arXiv id, not an entry's.
    assert!(bash_complete(&lp, &["lpath", "add", "--arxiv", "rober"]).is_empty());
}

#[test]
fn bash_leaves_everything_else_to_clap() {
    let lp = Lpath::new();
    assert_eq!(bash_complete(&lp, &["lpath", "expo"]), ["export"]);
    assert_eq!(
        bash_complete(&lp, &["lpath", "export", "--format", ""]),
        ["markdown", "bibtex", "json", "html", "anki"]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "done", "--lang", ""]),
        ["en", "zh"]
    );
}

#[test]
fn fish_completes_entry_ids_when_fish_is_installed() {
    if !crate::common::need("fish", "to run the fish completion script") {
        return;
    }
    let lp = Lpath::new();
    let file = lp.root().join("lpath.fish");
    std::fs::write(&file, script(&lp, "fish")).unwrap();
    let out = Command::new("fish")
        .args([
            "--no-config",
            "-c",
            &format!(
                "source '{}'; complete -C 'lpath done attention-is'",
                file.display()
            ),
        ])
        .env("PATH", path_with_lpath())
        .env("LPATH_CONFIG_DIR", lp.config_dir())
        .env("LPATH_CACHE_DIR", lp.cache_dir())
        .output()
        .unwrap();
    let offered = String::from_utf8_lossy(&out.stdout);
    assert!(
        offered
            .lines()
            .any(|l| l.starts_with("attention-is-all-you-need")),
        "{offered}"
    );
}

#[test]
fn zsh_script_is_valid_zsh_when_zsh_is_installed() {
    if !crate::common::need("zsh", "to check the zsh completion script") {
        return;
    }
    let lp = Lpath::new();
    let file = lp.root().join("_lpath");
    std::fs::write(&file, script(&lp, "zsh")).unwrap();
    let out = Command::new("zsh").arg("-n").arg(&file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completions_need_no_config_dir() {
    let lp = Lpath::new();
    let mut cmd = lp.command(&["completions", "bash"]);
    cmd.env("LPATH_CONFIG_DIR", "relative/dir");
    let run = crate::common::run(cmd).success();
    assert!(run.stdout.contains("_lpath_ids"));
}

#[test]
fn bash_completes_tracks_kinds_statuses_and_ids_wherever_an_option_takes_them() {
    let lp = Lpath::new();
    let tracks = [
        "start",
        "foundations",
        "scaling",
        "rlhf",
        "alignment",
        "frontier",
    ];
    assert_eq!(
        bash_complete(&lp, &["lpath", "list", "--track", ""]),
        tracks
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "list", "-t", "sc"]),
        ["scaling"]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "export", "--track", "rl"]),
        ["rlhf"]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "graph", "--track", "=", "al"]),
        ["alignment"]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "next", "-t", "fo"]),
        ["foundations"]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "list", "--kind", ""]),
        [
            "paper", "blog", "code", "video", "book", "course", "docs", "repo", "data"
        ]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "list", "--status", ""]),
        ["todo", "reading", "done", "skipped"]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "add", "x", "--requires", "attention-is"]),
        ["attention-is-all-you-need"]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "add", "x", "--companion-of", "rober"]),
        ["roberta", "roberta-fairseq", "roberta-happy-llm"]
    );
}

#[test]
fn bash_offers_nothing_for_free_text() {
    let lp = Lpath::new();
    std::fs::write(lp.root().join("a-file-to-offer"), "").unwrap();
    for words in [
        &["lpath", "note", "bert", ""][..],
        &["lpath", "note", "bert", "a"],
        &["lpath", "add", "x", "--title", ""],
        &["lpath", "list", "--search", ""],
        &["lpath", "show", "bert", ""],
    ] {
        assert_eq!(bash_complete(&lp, words), Vec::<String>::new(), "{words:?}");
    }
}

#[test]
fn bash_passes_catalog_and_no_bundled_on_to_the_id_lister() {
    let lp = Lpath::new();
    let file = lp.root().join("mine.toml");
    std::fs::write(
        &file,
        crate::common::catalog("mine", &[("my-own-paper", "")]),
    )
    .unwrap();
    let file = file.to_str().unwrap();
    assert_eq!(
        bash_complete(&lp, &["lpath", "--catalog", file, "done", "my-own"]),
        ["my-own-paper"]
    );
    assert_eq!(
        bash_complete(&lp, &["lpath", "done", "my-own"]),
        Vec::<String>::new()
    );
    assert_eq!(
        bash_complete(
            &lp,
            &["lpath", "--no-bundled", "--catalog", file, "list", "-t", ""]
        ),
        ["mine"]
    );
}
