//! What packagers and shells take from the binary: completion scripts that the real shells
//! load and answer with (`pidns-tutor completions SHELL`), and a manual that man renders
//! (`pidns-tutor man`). The hidden agent never shows in either.

mod common;

use common::*;
use std::process::Command;

fn stdout_of(args: &[&str]) -> String {
    let out = output(Command::new(EXE).args(args));
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Runs `script` in `shell` with the completion script as $1; None (after a skip line)
/// when that shell is not installed.
fn in_shell(shell: &str, args: &[&str], script: &str) -> Option<String> {
    if which(shell).is_none() {
        skip(&format!("{shell} is not installed (scripts/test-deps.sh)"));
        return None;
    }
    let dir = Scratch::new("completions");
    let path = dir.0.join(format!("completions.{shell}"));
    std::fs::write(&path, stdout_of(&["completions", shell])).expect("write");
    // In bash and zsh the script's path is $1 (after $0); fish takes it as $argv[1].
    let out = output(
        Command::new(shell)
            .args(args)
            .arg(script)
            .args(if shell == "fish" { vec![] } else { vec![shell] })
            .arg(&path)
            .env("HOME", &dir.0),
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{shell}: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(text)
}

#[test]
fn bash_completes_subcommands_and_options() {
    // What bash does on Tab: call the function `complete` registered, read COMPREPLY.
    let script = r#"
        source "$1"
        spec=$(complete -p pidns-tutor) || exit 1
        fn=${spec#*-F }; fn=${fn%% *}
        ask() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
                "$fn" pidns-tutor "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
                echo "${COMPREPLY[*]}"; }
        ask pidns-tutor w
        ask pidns-tutor walk --l
        ask pidns-tutor --step cl
        ask pidns-tutor completions f
    "#;
    let Some(answers) = in_shell("bash", &["-c"], script) else {
        return;
    };
    let lines: Vec<&str> = answers.lines().collect();
    assert_eq!(lines, ["walk", "--lang", "clone", "fish"], "{answers}");
}

#[test]
fn fish_completes_subcommands() {
    let script =
        r#"source $argv[1]; complete -C "pidns-tutor w"; complete -C "pidns-tutor walk --"#;
    let Some(answers) = in_shell("fish", &["-c"], &format!("{script}\"")) else {
        return;
    };
    assert!(
        answers.lines().any(|l| l.starts_with("walk\t")),
        "{answers}"
    );
    assert!(
        answers.lines().any(|l| l.starts_with("--json")),
        "{answers}"
    );
    assert!(!answers.contains("__agent"), "{answers}");
}

#[test]
fn zsh_loads_the_completion() {
    // Parsed, and registered for pidns-tutor once compinit has run.
    let script = r#"autoload -Uz compinit && compinit -u -D && source "$1" && print -r -- "$_comps[pidns-tutor]""#;
    let Some(answers) = in_shell("zsh", &["-f", "-c"], script) else {
        return;
    };
    assert_eq!(answers.trim(), "_pidns-tutor");
    let script = stdout_of(&["completions", "zsh"]);
    assert!(script.starts_with("#compdef pidns-tutor"), "{script}");
    assert!(script.contains("walk") && !script.contains("__agent"));
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = output(Command::new(EXE).args(["completions", "tcsh"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("bash") && stderr.contains("zsh") && stderr.contains("fish"),
        "{stderr}"
    );
}

#[test]
fn the_manual_is_roff_that_man_renders() {
    let roff = stdout_of(&["man"]);
    assert!(
        roff.lines().any(|l| l.starts_with(".TH pidns-tutor 1")),
        "{roff}"
    );
    for page in ["walk", "tree", "check", "record", "completions", "man"] {
        assert!(
            roff.contains(&format!(".TH pidns-tutor-{page} 1")),
            "no page for {page}"
        );
    }
    assert!(!roff.contains("__agent"));
    if which("man").is_none() {
        skip("man is not installed: the roff was not rendered");
        return;
    }
    let dir = Scratch::new("man");
    let path = dir.0.join("pidns-tutor.1");
    std::fs::write(&path, &roff).expect("write");
    let out = output(
        Command::new("man")
            .arg("-l")
            .arg(&path)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "100")
            .env("LANG", "C.UTF-8"),
    );
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        page.contains("pidns-tutor - A live lesson on Linux PID namespaces"),
        "{page}"
    );
    // man breaks and justifies lines as it likes: compare with spaces squeezed.
    let page = page.split_whitespace().collect::<Vec<_>>().join(" ");
    for text in [
        "SYNOPSIS",
        "--replay",
        "pidns-tutor walk [--lang]",
        "Keys in the lesson",
    ] {
        assert!(
            page.contains(text),
            "the rendered page lacks {text:?}:\n{page}"
        );
    }
}
