//! One term per concept (docs/glossary.md): no variant the glossary rules out appears in
//! either lesson file or in the words the tutor prints, and no Korean sentence carries an
//! English `true` or `false`.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The variants the glossary rules out: the backquoted words of its table's last column.
/// `word~` counts only where a Hangul syllable follows (an English word used as a Korean
/// noun, `agent가`), so a process's name in a tree (`sandbox 1`) stays allowed.
fn banned(glossary: &str) -> Vec<String> {
    let mut words = Vec::new();
    for row in glossary.lines().filter(|l| l.starts_with('|')) {
        let Some(last) = row.trim_end_matches('|').rsplit('|').next() else {
            continue;
        };
        words.extend(last.split('`').skip(1).step_by(2).map(str::to_string));
    }
    words
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every place in `text` where `variant` is used, as "line N: the line".
fn uses(text: &str, variant: &str) -> Vec<String> {
    let (word, before_hangul) = match variant.strip_suffix('~') {
        Some(word) => (word, true),
        None => (variant, false),
    };
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let hit = line.match_indices(word).any(|(at, _)| {
            let next = line[at + word.len()..].chars().next();
            let prev = line[..at].chars().next_back();
            let ascii_word = word.is_ascii();
            // An English variant is a whole word: `lab` is not in `label`.
            let whole =
                !ascii_word || (!prev.is_some_and(is_word_char) && !next.is_some_and(is_word_char));
            whole && (!before_hangul || next.is_some_and(is_hangul))
        });
        if hit {
            found.push(format!("line {}: {}", number + 1, line.trim()));
        }
    }
    found
}

/// English `true` or `false` as a word in a line with Korean in it, outside code spans
/// (`/bin/true` is a program, not a boolean).
fn english_booleans_in_korean(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if !line.chars().any(is_hangul) {
            continue;
        }
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let hit = ["true", "false"].iter().any(|word| {
            prose.match_indices(word).any(|(at, _)| {
                let prev = prose[..at].chars().next_back();
                let next = prose[at + word.len()..].chars().next();
                !prev.is_some_and(|c| is_word_char(c) || c == '/')
                    && !next.is_some_and(|c| is_word_char(c) || is_hangul(c))
            })
        });
        if hit {
            found.push(format!("line {}: {}", number + 1, line.trim()));
        }
    }
    found
}

/// What the glossary and the boolean rule find wrong in `text`.
fn problems(text: &str, banned: &[String]) -> Vec<String> {
    let mut found: Vec<String> = banned
        .iter()
        .flat_map(|variant| {
            uses(text, variant)
                .into_iter()
                .map(move |at| format!("`{variant}` at {at}"))
        })
        .collect();
    found.extend(
        english_booleans_in_korean(text)
            .into_iter()
            .map(|at| format!("English boolean in Korean at {at}")),
    );
    found
}

/// The files the glossary governs: both lessons and every table of the tutor's words.
fn governed() -> Vec<String> {
    let mut files: Vec<String> = [
        "tutorial.md",
        "assets/ko/tutorial.md",
        "src/words.rs",
        "src/tasks/text.rs",
        "src/quiz/text.rs",
    ]
    .map(String::from)
    .to_vec();
    // src/steps holds each step's own words once a step is one file (issue 16).
    for dir in ["src/words", "src/quiz/text", "src/steps"] {
        let Ok(entries) = std::fs::read_dir(Path::new(ROOT).join(dir)) else {
            continue;
        };
        let mut more: Vec<String> = entries
            .map(|e| format!("{dir}/{}", e.expect("entry").file_name().to_string_lossy()))
            .filter(|f| f.ends_with(".rs"))
            .collect();
        more.sort();
        files.extend(more);
    }
    files
}

fn glossary() -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(ROOT).join("docs/glossary.md"))
        .expect("docs/glossary.md");
    banned(&text)
}

#[test]
fn the_lessons_and_the_word_tables_use_only_the_glossary_terms() {
    let banned = glossary();
    assert!(
        banned.len() >= 10,
        "the glossary lists its variants: {banned:?}"
    );
    let mut all = Vec::new();
    for file in governed() {
        let text = std::fs::read_to_string(Path::new(ROOT).join(&file)).expect(&file);
        all.extend(
            problems(&text, &banned)
                .into_iter()
                .map(|p| format!("{file}: {p}")),
        );
    }
    assert!(all.is_empty(), "see docs/glossary.md:\n{}", all.join("\n"));
}

/// The check fails when a variant comes back: proven on text made for it.
#[test]
fn the_check_finds_a_banned_variant_put_back() {
    let banned = glossary();
    let text = "에이전트는 끝난 프로세스를 거두기 위해 PID 1로 남는다.\n\
                그 실패가 바로 누수이고, 레슨도 그렇게 말한다.\n\
                후에는 sandbox만 남는다.\n\
                입양한 프로세스는 sandbox 1.\n\
                its real parent, the process that joined.\n\
                a label is not a lab.";
    let found = problems(text, &banned);
    for expected in [
        "`거두` at line 1",
        "`레슨` at line 2",
        "`sandbox~` at line 3",
    ] {
        assert!(
            found.iter().any(|p| p.starts_with(expected)),
            "{expected} not found in {found:?}"
        );
    }
    assert!(
        found
            .iter()
            .any(|p| p.contains("`the process that joined` at line 5"))
    );
    assert_eq!(found.len(), 4, "a label and `label` are fine: {found:?}");
}

#[test]
fn the_check_finds_an_english_boolean_in_a_korean_sentence() {
    let bad = "kill(1, SIGKILL)의 결과는 0. 그 뒤에도 PID 1이 응답하는가: true";
    assert_eq!(english_booleans_in_korean(bad).len(), 1);
    let fine = "두 번째 /bin/true에서 실패한다. `true`는 프로그램이다.\nPID 1 answers: true";
    assert!(english_booleans_in_korean(fine).is_empty());
}
