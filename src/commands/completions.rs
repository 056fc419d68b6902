//! `lpath completions <shell>`: clap's script, plus entry-id completion for bash, zsh and fish.
//!
//! clap_complete writes static scripts that know every flag but not the catalog; the few lines
//! added here ask `lpath __ids` for the ids at completion time, so a user catalog completes too.
//! (clap_complete's dynamic `CompleteEnv` would do this in Rust, but it sits behind an unstable
//! feature and changes how every shell registers lpath; static scripts install the usual way.)

use clap::Command;
use clap_complete::Shell;

use crate::cli::args::IDS_COMMAND;

/// The value name that marks an argument as an entry id: any subcommand whose positional
/// argument has it completes ids, with no change here.
const ID_VALUE_NAME: &str = "ID";

pub fn run(shell: Shell) -> String {
    let mut command = crate::cli::help::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "lpath", &mut out);
    let script = String::from_utf8_lossy(&out).into_owned();
    let ids = IdCompletion::of(&command);
    match shell {
        Shell::Bash => script + &ids.bash(),
        Shell::Zsh => ids.zsh(&script),
        Shell::Fish => script + &ids.fish(),
        _ => script,
    }
}

/// Where entry ids complete: which subcommands, and which of their arguments.
#[derive(Debug, PartialEq, Eq)]
pub struct IdCompletion {
    /// Subcommand names and visible aliases that take an `ID`.
    pub commands: Vec<String>,
    /// The clap ids of those `ID` arguments, as zsh's script names them.
    args: Vec<String>,
    /// Global options that take a value, so the word after them is not the subcommand.
    value_options: Vec<String>,
    /// Subcommands (and aliases) whose every positional is an id, not only the first.
    many: Vec<String>,
    /// Every option of any command that takes a value, long and short: the word after one is its
    /// value, not a positional.
    all_value_options: Vec<String>,
    /// Options by what their value completes to.
    tracks: Vec<String>,
    kinds: Vec<String>,
    dates: Vec<String>,
    id_options: Vec<String>,
    /// Options whose value is free text, a number or a date: nothing to offer.
    text: Vec<String>,
}

/// Arguments whose values are files: left to the shell's own completion.
const FILE_ARGS: [&str; 3] = ["catalog", "output", "file"];

/// Every spelling of an option: `--track`, `-t`.
fn spellings(arg: &clap::Arg) -> Vec<String> {
    let mut out: Vec<String> = arg
        .get_long_and_visible_aliases()
        .into_iter()
        .flatten()
        .map(|long| format!("--{long}"))
        .collect();
    out.extend(arg.get_short().map(|short| format!("-{short}")));
    out
}

fn push_unique(list: &mut Vec<String>, items: Vec<String>) {
    for item in items {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

impl IdCompletion {
    pub fn of(command: &Command) -> Self {
        let mut commands = Vec::new();
        let mut args = Vec::new();
        let mut many = Vec::new();
        let (mut all_value_options, mut tracks, mut kinds, mut id_options, mut text) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut dates = Vec::new();
        let mut every: Vec<&Command> = vec![command];
        let mut at = 0;
        while at < every.len() {
            every.extend(every[at].get_subcommands());
            at += 1;
        }
        for cmd in &every {
            for arg in cmd.get_opts() {
                let names = spellings(arg);
                push_unique(&mut all_value_options, names.clone());
                let id = arg.get_id().as_str();
                match id {
                    "track" => push_unique(&mut tracks, names),
                    "kind" => push_unique(&mut kinds, names),
                    "on" => push_unique(&mut dates, names),
                    "requires" | "companion_of" => push_unique(&mut id_options, names),
                    _ if FILE_ARGS.contains(&id) || !arg.get_possible_values().is_empty() => {}
                    _ => push_unique(&mut text, names),
                }
            }
        }
        for sub in command.get_subcommands() {
            let id_args: Vec<String> = sub
                .get_positionals()
                .filter(|arg| {
                    arg.get_value_names()
                        .is_some_and(|names| names.iter().any(|n| n == ID_VALUE_NAME))
                })
                .map(|arg| arg.get_id().to_string())
                .collect();
            if !id_args.is_empty() {
                let names: Vec<String> = std::iter::once(sub.get_name().to_string())
                    .chain(sub.get_visible_aliases().map(String::from))
                    .collect();
                let several = sub
                    .get_positionals()
                    .find(|arg| id_args.iter().any(|id| arg.get_id() == id))
                    .is_some_and(|arg| matches!(arg.get_action(), clap::ArgAction::Append));
                if several {
                    many.extend(names.clone());
                }
                commands.extend(names);
                args.extend(id_args);
            }
        }
        args.sort();
        args.dedup();
        let value_options = command
            .get_arguments()
            .filter(|arg| arg.is_global_set() && arg.get_action().takes_values())
            .filter_map(|arg| arg.get_long().map(|long| format!("--{long}")))
            .collect();
        IdCompletion {
            commands,
            args,
            value_options,
            many,
            all_value_options,
            tracks,
            kinds,
            dates,
            id_options,
            text,
        }
    }

    fn bash(&self) -> String {
        BASH.replace("{commands}", &self.commands.join("|"))
            .replace("{many}", &self.many.join("|"))
            .replace("{value_options}", &self.all_value_options.join("|"))
            .replace("{tracks}", &self.tracks.join("|"))
            .replace("{kinds}", &self.kinds.join("|"))
            .replace("{dates}", &self.dates.join("|"))
            .replace("{id_options}", &self.id_options.join("|"))
            .replace("{text}", &self.text.join("|"))
            .replace("{ids}", IDS_COMMAND)
    }

    /// One line a command, so that each asks for the ids it can act on.
    fn fish(&self) -> String {
        let mut out = FISH.replace("{ids}", IDS_COMMAND);
        for command in &self.commands {
            out.push_str(
                &FISH_COMMAND
                    .replace("{command}", command)
                    .replace("{ids}", IDS_COMMAND),
            );
        }
        for date in &self.dates {
            let option = match date.strip_prefix("--") {
                Some(long) => format!("-l {long}"),
                None => format!("-s {}", date.trim_start_matches('-')),
            };
            out.push_str(
                &FISH_DATES
                    .replace("{option}", &option)
                    .replace("{ids}", IDS_COMMAND),
            );
        }
        out
    }

    /// Points the `ID` arguments of id-taking subcommands at `_lpath_ids`, defined before the
    /// script's closing lines so that it exists whether the file is sourced or autoloaded.
    fn zsh(&self, script: &str) -> String {
        let mut out = String::with_capacity(script.len() + ZSH.len());
        let mut section: Option<&str> = None;
        let mut function = ZSH.replace("{ids}", IDS_COMMAND);
        for command in &self.commands {
            function.push_str(&ZSH_COMMAND.replace("{command}", command));
        }
        function.push('\n');
        let mut defined = false;
        for line in script.lines() {
            let trimmed = line.trim();
            if let Some(name) = trimmed.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
                section = Some(name);
            }
            if !defined && trimmed.starts_with("if [ \"$funcstack[1]\" = \"_lpath\" ]") {
                out.push_str(&function);
                defined = true;
            }
            let in_id_command = section.is_some_and(|s| self.commands.iter().any(|c| c == s));
            let option = |names: &[String]| {
                names.iter().any(|name| {
                    trimmed.starts_with(&format!("'{name}=["))
                        || trimmed.starts_with(&format!("'*{name}=["))
                        || trimmed.starts_with(&format!("'{name}+["))
                        || trimmed.starts_with(&format!("'*{name}+["))
                })
            };
            let for_command = section.map(|s| format!("_lpath_ids_for_{s}"));
            let action = if in_id_command && self.is_id_spec(trimmed) {
                for_command.as_deref()
            } else if option(&self.tracks) {
                Some("_lpath_tracks")
            } else if option(&self.kinds) {
                Some("_lpath_kinds")
            } else if option(&self.dates) {
                Some("_lpath_dates")
            } else if option(&self.id_options) {
                Some("_lpath_ids")
            } else if option(&self.text)
                || trimmed.starts_with("'*::text -- ")
                || trimmed.starts_with("':text -- ")
            {
                // Free text: an argument, with nothing to offer for it.
                Some(" ")
            } else {
                None
            };
            match action.filter(|_| trimmed.ends_with(":_default' \\")) {
                Some(action) => {
                    out.push_str(&line.replacen(":_default'", &format!(":{action}'"), 1))
                }
                None => out.push_str(line),
            }
            out.push('\n');
        }
        if !defined {
            out.push_str(&function);
        }
        out
    }

    /// `'*::ids -- help:_default' \` or `':id -- help:_default' \`.
    fn is_id_spec(&self, line: &str) -> bool {
        let Some(spec) = line.strip_prefix('\'') else {
            return false;
        };
        let spec = spec.trim_start_matches('*').trim_start_matches(':');
        line.ends_with(":_default' \\")
            && self
                .args
                .iter()
                .any(|arg| spec.starts_with(&format!("{arg} -- ")))
    }
}

const BASH: &str = r#"
# What clap's script cannot know: entry ids, track ids and kinds from `lpath {ids}` (with the
# --catalog and --no-bundled of the line being completed), and nothing at all for free text.
_lpath_ids() {
    local i word command="" cur="${COMP_WORDS[COMP_CWORD]}" prev="" option="" positional=0
    local -a catalogs=()
    if (( COMP_CWORD > 0 )); then
        prev="${COMP_WORDS[COMP_CWORD-1]}"
    fi
    option="$prev"
    if [[ "$prev" == "=" ]] && (( COMP_CWORD > 1 )); then
        option="${COMP_WORDS[COMP_CWORD-2]}"
    fi
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word="${COMP_WORDS[i]}"
        case "$word" in
            --no-bundled)
                catalogs+=(--no-bundled)
                ;;
            {value_options})
                if [[ "${COMP_WORDS[i+1]}" == "=" ]]; then
                    i=$((i + 1))
                fi
                if [[ "$word" == "--catalog" ]] && (( i + 1 < COMP_CWORD )); then
                    catalogs+=(--catalog "${COMP_WORDS[i+1]}")
                fi
                i=$((i + 1))
                ;;
            -*) ;;
            *)
                if [[ -z "$command" ]]; then
                    command="$word"
                else
                    positional=$((positional + 1))
                fi
                ;;
        esac
    done
    local list=""
    case "$option" in
        {tracks}) list="tracks" ;;
        {kinds}) list="kinds" ;;
        {dates}) list="dates" ;;
        {id_options}) list="ids" ;;
        {text}) list="none" ;;
        {value_options}|=) ;;
        *)
            if [[ "$cur" != -* ]]; then
                case "$command" in
                    {many}) list="acted-on" ;;
                    {commands})
                        if (( positional == 0 )); then list="acted-on"; else list="none"; fi
                        ;;
                esac
            fi
            ;;
    esac
    case "$list" in
        none)
            compopt +o default +o bashdefault 2>/dev/null
            COMPREPLY=()
            return 0
            ;;
        ids)
            COMPREPLY=( $(compgen -W "$(lpath {ids} "${catalogs[@]}" 2>/dev/null)" -- "$cur") )
            return 0
            ;;
        acted-on)
            COMPREPLY=( $(compgen -W "$(lpath {ids} --for "$command" --word "$cur" "${catalogs[@]}" 2>/dev/null)" -- "$cur") )
            return 0
            ;;
        tracks|kinds|dates)
            COMPREPLY=( $(compgen -W "$(lpath {ids} "$list" "${catalogs[@]}" 2>/dev/null)" -- "$cur") )
            return 0
            ;;
    esac
    _lpath "$@"
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _lpath_ids -o nosort -o bashdefault -o default lpath
else
    complete -F _lpath_ids -o bashdefault -o default lpath
fi
"#;

const ZSH: &str = r#"# Entry ids, track ids and kinds from `lpath {ids}`, with the line's --catalog and --no-bundled.
(( $+functions[_lpath_list] )) ||
_lpath_list() {
    local expl i
    local -a flags items
    for (( i = 2; i < CURRENT; i++ )); do
        case $words[i] in
            --no-bundled) flags+=(--no-bundled) ;;
            --catalog) flags+=(--catalog "$words[i+1]") ;;
            --catalog=*) flags+=("$words[i]") ;;
        esac
    done
    items=(${(f)"$(_call_program $1 lpath {ids} $2 ${@[4,-1]} $flags --word "$PREFIX" 2>/dev/null)"})
    _wanted $1 expl "$3" compadd -a items
}
(( $+functions[_lpath_ids] )) || _lpath_ids() { _lpath_list ids ids 'entry id' }
(( $+functions[_lpath_tracks] )) || _lpath_tracks() { _lpath_list tracks tracks 'track' }
(( $+functions[_lpath_kinds] )) || _lpath_kinds() { _lpath_list kinds kinds 'kind' }
(( $+functions[_lpath_dates] )) || _lpath_dates() { _lpath_list dates dates 'date' }

"#;

const FISH: &str = r#"
# Entry ids, track ids and kinds from `lpath {ids}`, with the line's --catalog and --no-bundled.
function __lpath_catalogs
    set -l words (commandline -opc)
    for i in (seq (count $words))
        switch $words[$i]
            case --no-bundled
                echo --no-bundled
            case --catalog
                echo --catalog
                echo $words[(math $i + 1)]
            case '--catalog=*'
                echo $words[$i]
        end
    end
end
complete -c lpath -l track -s t -x -a "(lpath {ids} tracks (__lpath_catalogs) 2>/dev/null)"
complete -c lpath -l kind -s k -x -a "(lpath {ids} kinds 2>/dev/null)"
complete -c lpath -l requires -l companion-of -x -a "(lpath {ids} (__lpath_catalogs) 2>/dev/null)"
"#;

/// The ids one command offers: what it can act on first (see `lpath __ids`).
const ZSH_COMMAND: &str = "(( $+functions[_lpath_ids_for_{command}] )) || _lpath_ids_for_{command}() { _lpath_list ids ids 'entry id' --for {command} }\n";

const FISH_COMMAND: &str = r#"complete -c lpath -n "__fish_lpath_using_subcommand {command}" -f -a "(lpath {ids} --for {command} (__lpath_catalogs) --word (commandline -ct) 2>/dev/null)"
"#;

const FISH_DATES: &str = r#"complete -c lpath {option} -x -a "(lpath {ids} dates 2>/dev/null)"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_commands_are_found_by_their_id_argument() {
        let ids = IdCompletion::of(&crate::cli::help::command());
        assert_eq!(
            ids.commands,
            [
                "done", "start", "skip", "reset", "note", "show", "open", "edit", "remove"
            ]
        );
        assert_eq!(ids.args, ["id", "ids"]);
        assert_eq!(ids.value_options, ["--catalog", "--lang", "--color"]);
    }

    #[test]
    fn zsh_points_only_id_arguments_at_the_id_function() {
        let script = run(Shell::Zsh);
        // done, start, skip, reset, note, show, open, edit and remove take an ID, each offering
        // what it acts on, and add and edit take --requires and --companion-of.
        for command in [
            "done", "start", "skip", "reset", "note", "show", "open", "edit", "remove",
        ] {
            assert_eq!(
                script
                    .matches(&format!(":_lpath_ids_for_{command}'"))
                    .count(),
                1,
                "{command}: {script}"
            );
            assert!(script.contains(&format!("_lpath_ids_for_{command}() {{")));
        }
        assert_eq!(script.matches(":_lpath_ids'").count(), 4, "{script}");
        // done, start, skip and review grade take --on.
        assert_eq!(script.matches(":DATE:_lpath_dates'").count(), 4, "{script}");
        assert!(script.contains(":TRACK:_lpath_tracks'"), "{script}");
        assert!(script.contains(":KIND:_lpath_kinds'"), "{script}");
        assert!(
            script.contains("]:TITLE: ' \\"),
            "--title completes nothing: {script}"
        );
        let function = script.find("_lpath_ids() {").unwrap();
        let closing = script
            .find("if [ \"$funcstack[1]\" = \"_lpath\" ]")
            .unwrap();
        assert!(
            function < closing,
            "define it before the script calls _lpath"
        );
    }
}
