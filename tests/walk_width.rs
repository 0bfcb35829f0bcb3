//! `walk` at the terminal's width: with `COLUMNS` set, every line fits it, in both
//! languages, and the words are exactly those of the whole-line text (none cut, none
//! lost); through a pipe without `COLUMNS`, the lines stay whole, as the lesson has them.
//! From the bundled recording: no namespace needed.

use std::process::Command;
use unicode_width::UnicodeWidthStr;

const EXE: &str = env!("CARGO_BIN_EXE_pidns-tutor");

fn walk(lang: &str, columns: Option<&str>) -> String {
    let mut command = Command::new(EXE);
    command
        .args(["walk", "--replay", "--lang", lang])
        .env_remove("COLUMNS")
        .env("NO_PROGRESS", "1");
    if let Some(columns) = columns {
        command.env("COLUMNS", columns);
    }
    let out = command.output().expect("run walk");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// Whether `wrapped` has the words of `whole`, each whole, except a word too long for a
/// line of `columns`, which may be broken after punctuation (`sethostname(` then
/// `"namespace",`).
fn same_words(whole: &str, wrapped: &str, columns: usize) -> Result<(), String> {
    let (whole, wrapped) = (words(whole), words(wrapped));
    let mut pieces = wrapped.iter();
    for word in whole {
        let mut got = pieces.next().map_or(String::new(), |p| p.to_string());
        while got != word && word.starts_with(&got) && word.width() > columns / 2 {
            let Some(more) = pieces.next() else { break };
            if !got.ends_with(['/', ':', '.', ',', '(', '|', '-', '=']) {
                return Err(format!("{word:?} cut as {got:?} + {more:?}"));
            }
            got.push_str(more);
        }
        if got != word {
            return Err(format!("{word:?} printed as {got:?}"));
        }
    }
    match pieces.next() {
        Some(extra) => Err(format!("an extra word {extra:?}")),
        None => Ok(()),
    }
}

#[test]
fn walk_wraps_to_columns_and_keeps_every_word() {
    for lang in ["en", "ko"] {
        let whole = walk(lang, None);
        assert!(
            whole.lines().any(|l| l.width() > 80),
            "{lang}: a pipe gets the lesson's own (long) lines"
        );
        for columns in [40, 60, 80] {
            let wrapped = walk(lang, Some(&columns.to_string()));
            for line in wrapped.lines() {
                assert!(line.width() <= columns, "{lang} {columns}: {line:?}");
            }
            if let Err(why) = same_words(&whole, &wrapped, columns) {
                panic!("{lang} {columns}: {why}");
            }
        }
    }
}
