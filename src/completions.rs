//! Shell completion scripts: clap_complete's, from the same clap::Command the parser uses,
//! with the fixes its bash and fish scripts need for this program (each says why).

use clap::Command;
use clap_complete::Shell;

/// The completion script for `shell`, ready to save or source.
pub fn script(shell: Shell, command: &mut Command) -> Vec<u8> {
    let name = command.get_name().to_string();
    let mut script = Vec::new();
    clap_complete::generate(shell, command, &name, &mut script);
    let script = String::from_utf8_lossy(&script).into_owned();
    let script = match shell {
        Shell::Bash => bash_hyphen_fix(&script),
        Shell::Fish => fish_fixes(&script, command),
        _ => script,
    };
    script.into_bytes()
}

/// clap_complete's bash script for a name with a hyphen never completes past a subcommand
/// (clap-rs/clap#6421, open at 4.6.11): its loop names the state `pidns__tutor__subcmd__walk`,
/// its case arms `pidns__subcmd__tutor__subcmd__walk`. Spell the arms as the loop does;
/// once clap fixes it this finds nothing to replace (tests/completions_man.rs checks bash
/// completes `walk --l`).
fn bash_hyphen_fix(script: &str) -> String {
    script.replace("pidns__subcmd__tutor", "pidns__tutor")
}

/// Two gaps in clap_complete's fish script (4.6.11):
/// - Its guard `__fish_NAME_needs_command` parses the line with `argparse`, which fails
///   while an option still waits for its value (`pidns-tutor --step ⇥`), so the value
///   list is never offered and fish falls back to file names. When the parse fails, parse
///   again without that last word.
/// - A positional argument's values (`completions bash|zsh|fish`) are not listed at all.
///
/// Once clap fixes them, the first finds nothing to replace and the second repeats what
/// clap lists (tests/completions_man.rs asks fish for both).
fn fish_fixes(script: &str, command: &Command) -> String {
    let guard = fish_ident(command.get_name());
    let parse = format!("    argparse -s (__fish_{guard}_global_optspecs) -- $cmd 2>/dev/null\n");
    let strict = format!("{parse}    or return\n");
    let lenient =
        format!("{parse}    or begin\n        set -e cmd[-1]\n    {parse}    end\n    or return\n");
    let mut script = script.replace(&strict, &lenient);
    for sub in command.get_subcommands() {
        for arg in sub.get_positionals() {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if values.is_empty() {
                continue;
            }
            script.push_str(&format!(
                "complete -c {} -n \"__fish_{guard}_using_subcommand {}\" -f -a \"{}\"\n",
                command.get_name(),
                sub.get_name(),
                values.join(" ")
            ));
        }
    }
    script
}

/// The name as clap_complete spells it in fish function names (`pidns-tutor` →
/// `pidns_tutor`).
fn fish_ident(name: &str) -> String {
    name.replace('-', "_")
}
