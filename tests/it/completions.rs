//! `lpath completions` and `lpath __ids`: scripts for every shell, with entry ids where it counts.

use std::collections::BTreeSet;
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
    succeeded(shell(
        lp,
        "bash",
        &["--norc", "--noprofile", "-c", &program],
        &[],
    ))
    .lines()
    .filter(|l| !l.is_empty())
    .map(String::from)
    .collect()
}

/// Runs `program` with `args` as a completion runs it: lpath on the PATH, the test's config and
/// cache dirs, and `vars`; killed if it has not finished within a minute, so a shell driven
/// through a pseudo-terminal cannot hang the test run.
fn shell(lp: &Lpath, program: &str, args: &[&str], vars: &[(&str, &str)]) -> std::process::Output {
    use std::process::Stdio;
    let mut child = Command::new(program)
        .args(args)
        .env("PATH", path_with_lpath())
        .env("LPATH_CONFIG_DIR", lp.config_dir())
        .env("LPATH_CACHE_DIR", lp.cache_dir())
        .envs(vars.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// The stdout of a shell that must have succeeded.
fn succeeded(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
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
    let offered = fish_complete(&lp, "lpath done attention-is");
    assert!(offered.contains("attention-is-all-you-need"), "{offered:?}");
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
        ["paper", "blog", "code", "video", "book", "course"]
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

/// A learner some way in: `bert` and `roformer` done, `gpt-2` being read, `gopher` skipped,
/// and two entries of their own.
fn learner_some_way_in() -> Lpath {
    let lp = Lpath::new();
    lp.run(&["done", "bert", "roformer"]).success();
    lp.run(&["start", "gpt-2"]).success();
    lp.run(&["skip", "gopher"]).success();
    lp.add("my-first", &[]).success();
    lp.add("my-second", &[]).success();
    lp
}

/// The ids and aliases of the entries whose status (as `list --json` gives it) `keep` accepts.
fn names_where(lp: &Lpath, keep: impl Fn(&str) -> bool) -> BTreeSet<String> {
    let list = lp.run(&["list", "--json"]).success().json();
    let mut names = BTreeSet::new();
    for entry in list.as_array().unwrap() {
        if keep(entry["status"].as_str().unwrap()) {
            names.insert(entry["id"].as_str().unwrap().to_string());
            for alias in entry["aliases"].as_array().unwrap() {
                names.insert(alias.as_str().unwrap().to_string());
            }
        }
    }
    names
}

/// What each command can act on, worked out from the statuses `list --json` prints: a line to
/// complete and the names it must offer, exactly.
fn acted_on(lp: &Lpath) -> Vec<(&'static str, BTreeSet<String>)> {
    let own: BTreeSet<String> = ["my-first", "my-second"].map(String::from).into();
    vec![
        ("lpath done ", names_where(lp, |s| s != "done")),
        (
            "lpath start ",
            names_where(lp, |s| s != "done" && s != "reading"),
        ),
        (
            "lpath skip ",
            names_where(lp, |s| s != "done" && s != "skipped"),
        ),
        ("lpath reset ", names_where(lp, |s| s != "todo")),
        ("lpath edit ", own.clone()),
        ("lpath remove ", own),
        (
            "lpath done --on ",
            ["today", "yesterday"].map(String::from).into(),
        ),
    ]
}

fn set(items: Vec<String>) -> BTreeSet<String> {
    items.into_iter().collect()
}

#[test]
fn bash_offers_what_each_command_can_act_on() {
    let lp = learner_some_way_in();
    for (line, expected) in acted_on(&lp) {
        let mut words: Vec<&str> = line.split(' ').collect();
        if line.ends_with(' ') {
            words.pop();
            words.push("");
        }
        assert_eq!(set(bash_complete(&lp, &words)), expected, "{line}");
    }
    // When nothing the command acts on starts as typed, the rest is offered: `done --on`
    // corrects the day a done entry was read.
    assert_eq!(bash_complete(&lp, &["lpath", "done", "rof"]), ["roformer"]);
    // `bert` is done, so `done bert` offers the unread entries that start so.
    assert!(!bash_complete(&lp, &["lpath", "done", "bert"]).contains(&"bert".to_string()));
}

/// Drives an interactive zsh in a pseudo-terminal (zsh's own zpty module): loads the script
/// with compinit, types the line and a TAB, and prints every match given to `compadd`, each
/// between markers that the echoed input cannot contain.
const ZSH_DRIVER: &str = r#"
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z 'PS1="" RPROMPT=""'
zpty -w z "fpath=(${(q)LPATH_TEST_FPATH} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z 'compadd() { local -a __m; if [[ "${(j: :)@}" == *-[OAD]\ * ]]; then builtin compadd "$@"; return; fi; builtin compadd -A __m "$@"; local m; for m in $__m; do print -r -- "@@M""X:$m@@"; done; builtin compadd "$@"; }'
zpty -w z '_lpath_test_end() { print -r -- "@@E""ND@@" }; comppostfuncs=(_lpath_test_end)'
zpty -w z 'zstyle ":completion:*" list-prompt ""; zstyle ":completion:*" menu no; LISTMAX=100000'
zpty -w -n z "$LPATH_TEST_LINE"$'\t'
local out
zpty -r z out '*@@END@@*' || exit 4
print -r -- "$out"
zpty -d z
"#;

/// What zsh offers for `line` (typed, then TAB), or `None` when zsh or its zpty is missing.
fn zsh_complete(lp: &Lpath, line: &str) -> Option<BTreeSet<String>> {
    let dir = lp.root().join("zsh-functions");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("_lpath"), script(lp, "zsh")).unwrap();
    let fpath = dir.to_str().unwrap();
    let out = shell(
        lp,
        "zsh",
        &["-f", "-c", ZSH_DRIVER],
        &[("LPATH_TEST_FPATH", fpath), ("LPATH_TEST_LINE", line)],
    );
    if out.status.code() == Some(3) {
        crate::common::missing("zsh has no zpty module to drive its completion");
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("@@END@@"),
        "zsh never finished completing `{line}`: {text}"
    );
    let mut offered = BTreeSet::new();
    for piece in text.split("@@MX:").skip(1) {
        offered.insert(piece.split("@@").next().unwrap().to_string());
    }
    Some(offered)
}

/// Runs `complete` (a shell's driver) over [`acted_on`]'s lines, unless `shell` is missing.
fn offers_what_each_command_acts_on(
    shell: &str,
    complete: fn(&Lpath, &str) -> Option<BTreeSet<String>>,
) {
    if !crate::common::need(shell, &format!("to run the {shell} completion script")) {
        return;
    }
    let lp = learner_some_way_in();
    for (line, expected) in acted_on(&lp) {
        let Some(offered) = complete(&lp, line) else {
            return;
        };
        assert_eq!(offered, expected, "{shell}: {line}");
    }
    let offered = complete(&lp, "lpath list --track sc").unwrap();
    assert_eq!(offered, set(vec!["scaling".into()]), "{shell}");
}

#[test]
fn zsh_offers_what_each_command_can_act_on() {
    offers_what_each_command_acts_on("zsh", zsh_complete);
}

/// What fish offers for `line`, as `complete -C` lists it (the candidate before its tab).
fn fish_complete(lp: &Lpath, line: &str) -> BTreeSet<String> {
    let file = lp.root().join("lpath.fish");
    std::fs::write(&file, script(lp, "fish")).unwrap();
    let program = format!("source '{}'; complete -C '{line}'", file.display());
    succeeded(shell(lp, "fish", &["--no-config", "-c", &program], &[]))
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn fish_offers_what_each_command_can_act_on() {
    offers_what_each_command_acts_on("fish", |lp, line| Some(fish_complete(lp, line)));
}
