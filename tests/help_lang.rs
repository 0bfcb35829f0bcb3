//! `--help` and `check` speak the lesson's language: Korean with `--lang ko` or a Korean
//! LANG, every line of every subcommand's help, and English otherwise.

mod common;

use common::*;
use std::process::Command;

const SUBCOMMANDS: [&str; 10] = [
    "walk",
    "progress",
    "report",
    "tree",
    "check",
    "record",
    "completions",
    "man",
    "notes",
    "cast",
];

fn help(args: &[&str], lang: &str) -> String {
    let out = output(
        Command::new(EXE)
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang),
    );
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn is_korean(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// Every described line (an option or a command, then its words) in Korean, and none of
/// clap's English headings left.
fn assert_all_korean(text: &str, what: &str) {
    for english in [
        "Usage:",
        "Options:",
        "Commands:",
        "Arguments:",
        "Print help",
        "[default:",
    ] {
        assert!(!text.contains(english), "{what}: {english:?} in\n{text}");
    }
    for line in text.lines() {
        let trimmed = line.trim_start();
        let described = trimmed.starts_with('-')
            || (line.starts_with("  ") && !trimmed.is_empty() && trimmed.contains("  "));
        if let Some((_, description)) = trimmed.split_once("  ").filter(|_| described) {
            assert!(is_korean(description), "{what}: not Korean: {line}");
        }
    }
}

#[test]
fn help_follows_lang_and_the_lang_option() {
    let top = help(&["--lang", "ko", "--help"], "C.UTF-8");
    assert!(
        top.contains("사용법:") && top.contains("수업 중의 키"),
        "{top}"
    );
    assert_all_korean(&help(&["--lang", "ko", "-h"], "C.UTF-8"), "--lang ko -h");
    for sub in SUBCOMMANDS {
        let text = help(&[sub, "-h"], "ko_KR.UTF-8");
        assert_all_korean(&text, &format!("LANG=ko_KR {sub} -h"));
        let text = help(&["--lang=ko", sub, "-h"], "C.UTF-8");
        assert_all_korean(&text, &format!("--lang=ko {sub} -h"));
    }
    let english = help(&["walk", "--help"], "C.UTF-8");
    assert!(
        english.contains("Usage:") && !is_korean(&english),
        "{english}"
    );
    // --lang wins over LANG, as it does for the lesson.
    let english = help(&["--lang", "en", "walk", "-h"], "ko_KR.UTF-8");
    assert!(
        english.contains("Usage:") && !is_korean(&english),
        "{english}"
    );
}

#[test]
fn check_follows_lang() {
    let out = output(
        Command::new(EXE)
            .args(["check", "--lang", "ko"])
            .env("LANG", "C.UTF-8"),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("실행 사용자:"), "{text}");
    let out = output(Command::new(EXE).arg("check").env("LC_ALL", "ko_KR.UTF-8"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("실행 사용자:"));
    let out = output(Command::new(EXE).arg("check").env("LC_ALL", "C"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("running as:"));
}
