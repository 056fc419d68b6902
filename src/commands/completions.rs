//! `lpath completions <shell>`: clap's script, plus entry-id completion for bash, zsh and fish.
//!
//! clap_complete writes static scripts that know every flag but not the catalog; the few lines
//! added here ask `lpath __ids` for the ids at completion time, so a user catalog completes too.
//! (clap_complete's dynamic `CompleteEnv` would do this in Rust, but it sits behind an unstable
//! feature and changes how every shell registers lpath; static scripts install the usual way.)

use clap::Command;
use clap_complete::Shell;

use crate::cli::IDS_COMMAND;

/// The value name that marks an argument as an entry id: any subcommand whose positional
/// argument has it completes ids, with no change here.
const ID_VALUE_NAME: &str = "ID";

pub fn run(shell: Shell) -> String {
    let mut command = crate::help::command();
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
    /// Options whose value is an entry id (`--requires`), each with the subcommands that take it.
    pub id_options: Vec<(String, Vec<String>)>,
}

impl IdCompletion {
    pub fn of(command: &Command) -> Self {
        let mut commands = Vec::new();
        let mut args = Vec::new();
        let mut id_options: Vec<(String, Vec<String>)> = Vec::new();
        for sub in command.get_subcommands() {
            for arg in sub.get_opts() {
                let takes_id = arg
                    .get_value_names()
                    .is_some_and(|names| names.iter().any(|n| n == ID_VALUE_NAME));
                let Some(long) = arg.get_long().filter(|_| takes_id) else {
                    continue;
                };
                let option = format!("--{long}");
                match id_options.iter_mut().find(|(o, _)| *o == option) {
                    Some((_, subs)) => subs.push(sub.get_name().to_string()),
                    None => id_options.push((option, vec![sub.get_name().to_string()])),
                }
            }
            let id_args: Vec<String> = sub
                .get_positionals()
                .filter(|arg| {
                    arg.get_value_names()
                        .is_some_and(|names| names.iter().any(|n| n == ID_VALUE_NAME))
                })
                .map(|arg| arg.get_id().to_string())
                .collect();
            if !id_args.is_empty() {
                commands.push(sub.get_name().to_string());
                commands.extend(sub.get_visible_aliases().map(String::from));
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
            id_options,
        }
    }

    /// `--requires|--companion-of`, or a pattern no word matches when there are none.
    fn id_option_pattern(&self) -> String {
        if self.id_options.is_empty() {
            return "--no-id-option-".to_string();
        }
        self.id_options
            .iter()
            .map(|(o, _)| o.as_str())
            .collect::<Vec<_>>()
            .join("|")
    }

    fn bash(&self) -> String {
        BASH.replace("{id_options}", &self.id_option_pattern())
            .replace("{commands}", &self.commands.join("|"))
            .replace("{value_options}", &self.value_options.join("|"))
            .replace("{ids}", IDS_COMMAND)
    }

    fn fish(&self) -> String {
        let mut out = FISH
            .replace("{commands}", &self.commands.join(" "))
            .replace("{ids}", IDS_COMMAND);
        for (option, subs) in &self.id_options {
            out.push_str(&format!(
                "complete -c lpath -n \"__fish_lpath_using_subcommand {}\" -l {} -r -f -a \"(lpath {IDS_COMMAND} 2>/dev/null)\"\n",
                subs.join(" "),
                option.trim_start_matches("--")
            ));
        }
        out
    }

    /// Points the `ID` arguments of id-taking subcommands at `_lpath_ids`, defined before the
    /// script's closing lines so that it exists whether the file is sourced or autoloaded.
    fn zsh(&self, script: &str) -> String {
        let mut out = String::with_capacity(script.len() + ZSH.len());
        let mut section: Option<&str> = None;
        let function = ZSH.replace("{ids}", IDS_COMMAND);
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
            if in_id_command && self.is_id_spec(trimmed) {
                out.push_str(&line.replacen(":_default'", ":_lpath_ids'", 1));
            } else if trimmed.starts_with("'") && trimmed.ends_with("]:ID:_default' \\") {
                // An option whose value is an entry id: `'*--requires=[...]:ID:_default' \`.
                out.push_str(&line.replacen("]:ID:_default'", "]:ID:_lpath_ids'", 1));
            } else {
                out.push_str(line);
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
# Entry ids for the commands that take one, from `lpath {ids}`; everything else is clap's.
_lpath_ids() {
    local i word command="" cur="${COMP_WORDS[COMP_CWORD]}" prev=""
    if (( COMP_CWORD > 0 )); then
        prev="${COMP_WORDS[COMP_CWORD-1]}"
    fi
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word="${COMP_WORDS[i]}"
        case "$word" in
            {value_options})
                i=$((i + 1))
                if [[ "${COMP_WORDS[i]}" == "=" ]]; then
                    i=$((i + 1))
                fi
                ;;
            -*) ;;
            *)
                command="$word"
                break
                ;;
        esac
    done
    # An option whose value is an entry id, for any command that takes it.
    case "$prev" in
        {id_options})
            COMPREPLY=( $(compgen -W "$(lpath {ids} 2>/dev/null)" -- "$cur") )
            return 0
            ;;
    esac
    case "$command" in
        {commands})
            case "$prev" in
                {value_options}|=) ;;
                *)
                    if [[ "$cur" != -* ]]; then
                        COMPREPLY=( $(compgen -W "$(lpath {ids} 2>/dev/null)" -- "$cur") )
                        return 0
                    fi
                    ;;
            esac
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

const ZSH: &str = r#"# Entry ids for the commands that take one, from `lpath {ids}`.
(( $+functions[_lpath_ids] )) ||
_lpath_ids() {
    local expl
    local -a ids
    ids=(${(f)"$(_call_program ids lpath {ids} 2>/dev/null)"})
    _wanted ids expl 'entry id' compadd -a ids
}

"#;

const FISH: &str = r#"
# Entry ids for the commands that take one, from `lpath {ids}`.
complete -c lpath -n "__fish_lpath_using_subcommand {commands}" -f -a "(lpath {ids} 2>/dev/null)"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_commands_are_found_by_their_id_argument() {
        let ids = IdCompletion::of(&crate::help::command());
        assert_eq!(
            ids.commands,
            [
                "done", "start", "skip", "reset", "note", "show", "open", "edit", "remove"
            ]
        );
        assert_eq!(ids.args, ["id", "ids"]);
        assert_eq!(ids.value_options, ["--catalog", "--lang", "--color"]);
        let options: Vec<(&str, Vec<&str>)> = ids
            .id_options
            .iter()
            .map(|(o, subs)| (o.as_str(), subs.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            options,
            [
                ("--requires", vec!["add", "edit"]),
                ("--companion-of", vec!["add", "edit"])
            ]
        );
    }

    #[test]
    fn zsh_points_only_id_arguments_at_the_id_function() {
        let script = run(Shell::Zsh);
        // done, start, skip, reset, note, show, open, edit and remove take an ID, and add and
        // edit have two options whose value is one (`--requires`, `--companion-of`).
        assert_eq!(script.matches(":_lpath_ids'").count(), 9 + 4, "{script}");
        assert_eq!(script.matches("]:ID:_lpath_ids'").count(), 4, "{script}");
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
