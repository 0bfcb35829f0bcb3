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
fn fish_completes_subcommands_and_option_values() {
    let script = r#"source $argv[1]
        complete -C "pidns-tutor w"; echo ==
        complete -C "pidns-tutor walk --"; echo ==
        complete -C "pidns-tutor --step "; echo ==
        complete -C "pidns-tutor completions ""#;
    let Some(answers) = in_shell("fish", &["-c"], script) else {
        return;
    };
    let parts: Vec<Vec<&str>> = answers
        .split("==\n")
        .map(|part| {
            part.lines()
                .map(|l| l.split('\t').next().unwrap_or(""))
                .collect()
        })
        .collect();
    assert_eq!(parts.len(), 4, "{answers}");
    assert!(parts[0].contains(&"walk"), "{answers}");
    assert!(parts[1].contains(&"--json"), "{answers}");
    // Step ids, not file names, while --step waits for its value.
    for id in ["clone", "orphan-reaping"] {
        assert!(parts[2].contains(&id), "--step: {:?}", parts[2]);
    }
    assert_eq!(
        parts[3],
        ["bash", "elvish", "fish", "powershell", "zsh"],
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

/// `man` prints the overview page alone, and `man --dir` writes a file for every page it
/// and the others name, each with the sections a reader looks for.
#[test]
fn the_manual_is_one_page_per_command_that_man_renders() {
    let roff = stdout_of(&["man"]);
    assert!(
        roff.lines().any(|l| l.starts_with(".TH pidns-tutor 1")),
        "{roff}"
    );
    assert_eq!(roff.matches(".TH ").count(), 1, "one page: {roff}");
    assert!(!roff.contains("__agent") && !roff.contains("EXTRA"));
    let walk = stdout_of(&["man", "walk"]);
    assert!(walk.contains(".TH pidns-tutor-walk 1"), "{walk}");

    let dir = Scratch::new("man");
    let out = output(Command::new(EXE).args(["man", "--dir"]).arg(&dir.0));
    assert!(out.status.success(), "{out:?}");
    let mut written: Vec<String> = std::fs::read_dir(&dir.0)
        .expect("the pages")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    for page in [
        "walk",
        "tree",
        "check",
        "record",
        "completions",
        "man",
        "notes",
    ] {
        assert!(
            written.contains(&format!("pidns-tutor-{page}.1")),
            "no page for {page}: {written:?}"
        );
    }
    // Every pidns-tutor page one of them names is there.
    for file in &written {
        let text = std::fs::read_to_string(dir.0.join(file))
            .expect("a page")
            .replace("\\-", "-")
            .replace("\\fI", "")
            .replace("\\fR", "");
        for (at, _) in text.match_indices("pidns-tutor-") {
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect();
            if !text[at + name.len()..].starts_with("(1)") {
                continue; // a path, not a page
            }
            assert!(
                written.contains(&format!("{name}.1")),
                "{file} names {name}(1), which is not there"
            );
        }
    }

    if which("man").is_none() {
        skip("man is not installed: the roff was not rendered");
        return;
    }
    let render = |file: &str| {
        let out = output(
            Command::new("man")
                .arg("-l")
                .arg(dir.0.join(file))
                .env("MANPAGER", "cat")
                .env("MANWIDTH", "100")
                .env("LANG", "C.UTF-8"),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let page = String::from_utf8_lossy(&out.stdout).into_owned();
        // man breaks and justifies lines as it likes: compare with spaces squeezed.
        page.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let page = render("pidns-tutor.1");
    for text in [
        "pidns-tutor - A live lesson on Linux PID namespaces",
        "SYNOPSIS",
        "--replay",
        "pidns-tutor-walk(1)",
        "KEYS Keys in the lesson",
        "ENVIRONMENT",
        "NO_PROGRESS",
        "XDG_RUNTIME_DIR",
        "FILES",
        "progress.json",
        "EXIT STATUS",
        "2 A usage error",
    ] {
        assert!(
            page.contains(text),
            "pidns-tutor(1) lacks {text:?}:\n{page}"
        );
    }
    let page = render("pidns-tutor-walk.1");
    for text in [
        "pidns-tutor walk [--lang]",
        "--json",
        "EXIT STATUS",
        "pidns-tutor(1)",
    ] {
        assert!(
            page.contains(text),
            "pidns-tutor-walk(1) lacks {text:?}:\n{page}"
        );
    }
}
