//! Korean particles after filled-in numbers are right: `1을`, `2를`, `9로`, `6으로`,
//! `10을`, `-1 (ENOMEM)을`. Every Korean sentence with a placeholder (the string
//! literals of src/ and the Korean lesson's live lines) is filled through the tutor's own
//! fill with sample values and read by a checker that knows how numbers are read aloud;
//! and, where a live lab can be made, `walk --quiz --lang ko` is read by the same checker.

mod common;

use pidns_tutor::i18n::{Phrase, Tr};
use pidns_tutor::lang::Lang;
use std::path::Path;
use std::process::{Command, Stdio};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Whether the Korean reading of `number` (ASCII digits, perhaps with a decimal point) ends
/// in a final consonant, and whether that consonant is ㄹ (which takes 로, not 으로).
/// The reading, not the digit: 10 is 십, 100 백, 1000 천, 10000 만.
fn number_final(number: &str) -> (bool, bool) {
    let digits = number.rsplit('.').next().unwrap_or(number);
    let zeros = digits.chars().rev().take_while(|&c| c == '0').count();
    if zeros == digits.len() {
        return (true, false); // 영
    }
    if zeros > 0 && !number.contains('.') {
        // 십 (ㅂ), 백 (ㄱ), 천 (ㄴ), 만 (ㄴ) up to 천만, then 억 (ㄱ)
        return (true, false);
    }
    match digits.chars().last() {
        Some('1' | '7' | '8') => (true, true), // 일, 칠, 팔
        Some('3' | '6') => (true, false),      // 삼, 육
        _ => (false, false),                   // 이, 사, 오, 구
    }
}

/// The particle pairs (after a final consonant, after none), longest first, and whether the
/// first form is the one after ㄹ too (only (으)로 differs).
const PARTICLES: &[(&str, &str)] = &[
    ("으로", "로"),
    ("은", "는"),
    ("이", "가"),
    ("을", "를"),
    ("과", "와"),
];

/// Words that start like a particle but are not one, after a number: counters and the like.
/// The copula (`4이었고`, `4였고`) is right either way after a vowel, so it is not judged.
const NOT_PARTICLES: &[&str] = &[
    "가지", "이상", "이하", "이내", "이후", "이전", "로그", "이었", "이다", "이고", "이며", "이라",
    "이므",
];

/// Whether the Korean reading of an errno name ends in a final consonant (and whether
/// that is ㄹ): names are read letter by letter or as a word, and either way the last
/// sound is the last letter's: `ENOMEM` 엠 (ㅁ), `ESRCH` 에이치, `ENOSPC` 씨, `EPERM` 엠.
fn errno_final(name: &str) -> (bool, bool) {
    match name.chars().last() {
        Some('M' | 'N') => (true, false),
        Some('L') => (true, true),
        _ => (false, false),
    }
}

/// The numbers and errno names of `text`: (first char, end, (final, rieul)).
fn values(chars: &[char]) -> Vec<(usize, usize, (bool, bool))> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let fresh = i == 0 || !(chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '_');
        let end = |ok: fn(char) -> bool| {
            let mut j = i;
            while j < chars.len() && ok(chars[j]) {
                j += 1;
            }
            j
        };
        if fresh && chars[i].is_ascii_digit() {
            let j = end(|c| c.is_ascii_digit() || c == '.');
            let number: String = chars[i..j].iter().collect();
            let number = number.trim_end_matches('.');
            found.push((i, i + number.chars().count(), number_final(number)));
            i = j;
        } else if fresh && chars[i] == 'E' {
            let j = end(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            let name: String = chars[i..j].iter().collect();
            let word_ends = !chars
                .get(j)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_');
            if j - i >= 4 && word_ends {
                found.push((i, j, errno_final(&name)));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

/// Every wrong particle right after a number or an errno name in `text`, as
/// "…context…: wanted, not used". A parenthesis after the value (`-1 (ENOMEM)을`) is
/// skipped: the particle goes with the value before it.
fn wrong_particles(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for (start, end, (final_consonant, rieul)) in values(&chars) {
        let mut j = end;
        if chars.get(j) == Some(&' ')
            && chars.get(j + 1) == Some(&'(')
            && let Some(close) = chars[j..].iter().position(|&c| c == ')')
        {
            j += close + 1;
        }
        let rest: String = chars[j..chars.len().min(j + 3)].iter().collect();
        if NOT_PARTICLES.iter().any(|w| rest.starts_with(w)) {
            continue;
        }
        let value: String = chars[start..end].iter().collect();
        for &(after_final, after_vowel) in PARTICLES {
            let used = if rest.starts_with(after_final) {
                after_final
            } else if rest.starts_with(after_vowel) {
                after_vowel
            } else {
                continue;
            };
            let wanted = match (after_final, final_consonant) {
                ("으로", true) if !rieul => "으로",
                ("으로", _) => "로",
                (_, true) => after_final,
                (_, false) => after_vowel,
            };
            if used != wanted {
                let from = start.saturating_sub(12);
                let context: String = chars[from..chars.len().min(j + 4)].iter().collect();
                found.push(format!("{context:?}: {value}{wanted}, not {value}{used}"));
            }
            break;
        }
    }
    found
}

/// The string literals of a Rust source file (plain and raw), in order.
fn string_literals(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '\'' => {
                // A char literal ('"', '\'') or a lifetime: skip the literal's body.
                if chars.get(i + 1) == Some(&'\\') {
                    i += 4;
                } else if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            'r' if matches!(chars.get(i + 1), Some('"' | '#'))
                && (i == 0 || !chars[i - 1].is_alphanumeric()) =>
            {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                let open = i + 1 + hashes;
                if chars.get(open) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let rest: String = chars[open + 1..].iter().collect();
                let end = rest.find(&close).unwrap_or(rest.len());
                found.push(rest[..end].to_string());
                i = open + 1 + rest[..end].chars().count() + close.chars().count();
            }
            '"' => {
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                        match chars.get(i) {
                            Some('n') => text.push('\n'),
                            Some('\n') => {
                                // A line continuation: the next line's indentation goes.
                                while chars.get(i + 1).is_some_and(|c| c.is_whitespace()) {
                                    i += 1;
                                }
                            }
                            Some(&c) => text.push(c),
                            None => {}
                        }
                    } else {
                        text.push(chars[i]);
                    }
                    i += 1;
                }
                found.push(text);
                i += 1;
            }
            _ => i += 1,
        }
    }
    found
}

/// The `{name}` placeholders of a template (the name before any `?`).
fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = after[..close].split('?').next().unwrap_or("");
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            names.push(name.to_string());
        }
        rest = &after[close + 1..];
    }
    names
}

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// Every Korean sentence with a placeholder: the string literals of src/ with Hangul in
/// them, and the Korean lesson's live lines. Each as (where, template).
fn korean_fill_sites() -> Vec<(String, String)> {
    let mut sites = Vec::new();
    let mut dirs = vec![Path::new(ROOT).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).expect("read");
                for literal in string_literals(&source) {
                    if has_hangul(&literal) && !placeholders(&literal).is_empty() {
                        let file = path
                            .strip_prefix(ROOT)
                            .unwrap_or(&path)
                            .display()
                            .to_string();
                        sites.push((file, literal));
                    }
                }
            }
        }
    }
    let lesson =
        std::fs::read_to_string(Path::new(ROOT).join("assets/ko/tutorial.md")).expect("lesson");
    for line in lesson.lines() {
        if let Some(live) = line
            .strip_prefix("<!-- live:")
            .and_then(|l| l.strip_suffix("-->"))
        {
            sites.push(("assets/ko/tutorial.md".to_string(), live.trim().to_string()));
        }
    }
    sites.sort();
    sites
}

/// Values a number-shaped placeholder can take: every final digit, the readings that hang
/// on zeros (10 십, 100 백, 1000 천), an errno after -1, and a bare error name.
const SAMPLES: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
    "16",
    "20",
    "100",
    "1000",
    "4242",
    "-1",
    "-1 (ENOMEM)",
];

/// `template` with every placeholder given `value`, through the tutor's own fill: the one
/// of the lesson's live lines for those, `Phrase` for every other sentence.
fn filled(site: &str, template: &str, value: &str) -> Option<String> {
    let names = placeholders(template);
    if site.ends_with(".md") {
        let facts: serde_json::Map<String, serde_json::Value> = names
            .iter()
            .map(|n| {
                let fact = match value.parse::<i64>() {
                    Ok(number) => serde_json::Value::from(number),
                    Err(_) => serde_json::Value::from(value),
                };
                (n.clone(), fact)
            })
            .collect();
        return pidns_tutor::lesson::fill(template, &facts);
    }
    let tr = Tr {
        en: "",
        ko: Box::leak(template.to_string().into_boxed_str()),
    };
    let mut phrase = Phrase::new(tr);
    for name in names {
        phrase = phrase.with(Box::leak(name.into_boxed_str()), Some(value));
    }
    Some(phrase.text(Lang::Ko))
}

#[test]
fn every_fill_site_puts_the_right_particle_after_a_number() {
    let sites = korean_fill_sites();
    assert!(
        sites.len() > 20,
        "the fill sites were found: {}",
        sites.len()
    );
    let mut wrong = Vec::new();
    for (site, template) in &sites {
        for value in SAMPLES {
            let Some(text) = filled(site, template, value) else {
                continue;
            };
            for problem in wrong_particles(&text) {
                wrong.push(format!("{site}: {template:?} with {value}: {problem}"));
            }
        }
    }
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "{} wrong particles:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn walk_quiz_in_korean_prints_no_wrong_particle() {
    if !common::live_or_skip("walk_quiz_in_korean_prints_no_wrong_particle") {
        return;
    }
    let out = Command::new(common::EXE)
        .args(["walk", "--quiz", "--lang", "ko", "--no-progress"])
        .stdin(Stdio::null())
        .output()
        .expect("run walk");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("PID"), "walk printed the lesson:\n{text}");
    let wrong = wrong_particles(&text);
    assert!(wrong.is_empty(), "{}\n\n{text}", wrong.join("\n"));
}

#[test]
fn the_checker_knows_how_numbers_are_read() {
    let wrong = [
        "/proc/self는 1를 가리킴",
        "sandbox 1가 입양함",
        "fork()는 -1 (ENOMEM)를 반환함",
        "셸이 시그널 9으로 죽었다",
        "36로만 보이고",
        "10를",
        "16를",
        "0가",
        "1000는",
        "ENOMEM로 실패",
        "ESRCH을",
    ];
    for text in wrong {
        assert_eq!(wrong_particles(text).len(), 1, "{text}");
    }
    let right = [
        "/proc/self는 1을 가리킴",
        "sandbox 1이 입양함",
        "fork()는 -1 (ENOMEM)을 반환함",
        "셸이 시그널 9로 죽었다",
        "시그널 1로, 7로, 8로, 3으로, 6으로, 10으로, 0으로",
        "2를 4를 5를 9를 3을 10을 16을 100을 1000을",
        "2, 3, 4였고 2, 3, 4이었고",
        "3가지, 32단계, 12개, 2 이상",
        "PID 4242가 보인다",
        "ENOMEM으로, ENOSPC로, ESRCH를, EPERM을, SIGKILL, E2BIG",
    ];
    for text in right {
        assert_eq!(wrong_particles(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn string_literals_are_read_as_rust_reads_them() {
    let source = r##"let a = "셸이 {n}으로"; // "not this"
let b = '"'; let c = r#"raw "{x}"를"#; let d = "line \
    joined";"##;
    assert_eq!(
        string_literals(source),
        ["셸이 {n}으로", "raw \"{x}\"를", "line joined"]
    );
}
