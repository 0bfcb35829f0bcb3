//! Words in two languages, at the ground floor: every layer that speaks uses these. A
//! `Tr` is one sentence in English and Korean side by side (a missing translation does not
//! compile); a `Phrase` is a `Tr` with its `{placeholders}` bound to values, rendered in
//! either language, so a front end can switch language while it is shown. `fill` is the one
//! way a placeholder is filled in, here and in the lesson's `live:` sentences: it also
//! picks the Korean particle after a filled-in value (`{n}을` after 1 but `{n}를` after 2),
//! so a template may be written with either form.

use crate::lang::Lang;

/// One sentence in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    pub en: &'static str,
    pub ko: &'static str,
}

impl Tr {
    /// The sentence in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ko => self.ko,
        }
    }
}

/// A placeholder's value in a `Phrase`.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Arg {
    /// The same in both languages (a number, a name); `None`: not known.
    Text(Option<String>),
    /// Words that are themselves in both languages.
    Words(Tr),
}

/// A sentence with its `{placeholders}` bound to values; rendered in either language, so a
/// front end can switch language while it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    tr: Tr,
    vars: Vec<(&'static str, Arg)>,
}

impl Phrase {
    pub fn new(tr: Tr) -> Phrase {
        Phrase { tr, vars: vec![] }
    }

    /// Binds `{name}`; `None` drops the bracketed part around it (see `fill`).
    pub fn with(mut self, name: &'static str, value: Option<impl ToString>) -> Phrase {
        self.vars
            .push((name, Arg::Text(value.map(|v| v.to_string()))));
        self
    }

    /// Binds `{name}` to words in both languages.
    pub fn with_words(mut self, name: &'static str, words: Tr) -> Phrase {
        self.vars.push((name, Arg::Words(words)));
        self
    }

    /// The sentence, unfilled.
    pub fn tr(&self) -> Tr {
        self.tr
    }

    pub fn text(&self, lang: Lang) -> String {
        fill(self.tr.get(lang), |name| {
            match self.vars.iter().find(|(n, _)| *n == name) {
                Some((_, Arg::Text(Some(value)))) => Fill::Text(value.clone()),
                Some((_, Arg::Text(None))) => Fill::Missing,
                Some((_, Arg::Words(words))) => Fill::Text(words.get(lang).to_string()),
                None => Fill::Keep,
            }
        })
    }
}

/// `tr` in `lang` with `vars` filled in: a sentence said once, not kept.
pub fn say(tr: Tr, lang: Lang, vars: &[(&'static str, String)]) -> String {
    vars.iter()
        .fold(Phrase::new(tr), |phrase, (name, value)| {
            phrase.with(name, Some(value))
        })
        .text(lang)
}

/// `template`, already in one language, with the `{name}`s of `vars` filled in (others
/// are kept): for text that is not a `Tr`, such as the lesson's own lines.
pub fn fill_with(template: &str, vars: &[(&str, String)]) -> String {
    fill(template, |name| {
        match vars.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => Fill::Text(value.clone()),
            None => Fill::Keep,
        }
    })
}

/// What a placeholder becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fill {
    /// This text (and a Korean particle right after it agrees with it).
    Text(String),
    /// Nothing is known: the bracketed group around the placeholder goes (with the space
    /// before it), so "all of them (about {n})" reads "all of them"; outside brackets, `?`.
    Missing,
    /// Left as `{name}`, so a value nobody gave is visible rather than silently blank.
    Keep,
}

/// Fills the `{placeholders}` of `template`, each with what `value` says for its name
/// (the whole text between the braces). After a filled-in value, a Korean particle written
/// in the template (을/를, 이/가, 은/는, 과/와, 으로/로) becomes the form the value takes
/// (`particle`).
pub fn fill(template: &str, mut value: impl FnMut(&str) -> Fill) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        rest = &after[close + 1..];
        match value(name) {
            Fill::Text(text) => {
                out.push_str(&text);
                if let Some((said, written)) = particle(&text, rest) {
                    out.push_str(said);
                    rest = &rest[written..];
                }
            }
            Fill::Keep => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
            Fill::Missing => {
                let open = out.rfind('(').filter(|&o| !out[o..].contains(')'));
                match (open, rest.find(')')) {
                    (Some(open), Some(close)) => {
                        out.truncate(open);
                        if out.ends_with(' ') {
                            out.pop();
                        }
                        rest = &rest[close + 1..];
                    }
                    _ => out.push('?'),
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// The particles that change with the word before them: the form after a final
/// consonant, then the form after a vowel.
const PARTICLES: [(&str, &str); 5] = [
    ("으로", "로"),
    ("을", "를"),
    ("이", "가"),
    ("은", "는"),
    ("과", "와"),
];

/// The Korean particle at the start of `rest` (the template right after a filled-in
/// `value`), in the form `value` takes, and how many bytes of `rest` it replaces. `None`
/// when `rest` starts with no particle. Only a particle that ends there counts (`{n}이다`
/// and `{n}가지` are not particles); 으로/로 may take another particle after it (`로만`).
pub fn particle(value: &str, rest: &str) -> Option<(&'static str, usize)> {
    let (consonant, vowel, written) = PARTICLES.iter().find_map(|&(c, v)| {
        let written = [c, v].into_iter().find(|p| rest.starts_with(p))?;
        let next = rest[written.len()..].chars().next();
        let ends = c == "으로" || !next.is_some_and(is_hangul);
        ends.then_some((c, v, written))
    })?;
    let said = match final_sound(value)? {
        Final::Vowel => vowel,
        // 로 after ㄹ: 일로, 서울로.
        Final::Rieul if consonant == "으로" => vowel,
        Final::Rieul | Final::Consonant => consonant,
    };
    Some((said, written.len()))
}

/// How a word ends when read aloud in Korean, which decides its particles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Final {
    Vowel,
    /// ㄹ: takes 로, not 으로.
    Rieul,
    Consonant,
}

/// How `value` ends when read in Korean: by the final consonant of a last Hangul syllable,
/// the reading of a last digit (1 일, 2 이, 3 삼, ... 0 영: the same final sound as 10 십,
/// 100 백, 1000 천), or the usual reading of a last Latin letter (L 엘, M 엠, N 엔, R 알;
/// the rest end in a vowel). Trailing punctuation is skipped, and a bracket after a word
/// only explains it: the particle agrees with the word before the bracket, as in
/// 서울(Seoul)로, so `-1 (ENOMEM)` ends in 1 (일). `None` when nothing readable is found.
fn final_sound(value: &str) -> Option<Final> {
    let last = spoken(value).chars().rev().find(|c| c.is_alphanumeric())?;
    Some(match last {
        c if is_hangul(c) => match (c as u32 - 0xAC00) % 28 {
            0 => Final::Vowel,
            8 => Final::Rieul,
            _ => Final::Consonant,
        },
        '2' | '4' | '5' | '9' => Final::Vowel,
        '1' | '7' | '8' => Final::Rieul,
        '0' | '3' | '6' => Final::Consonant,
        c if c.is_ascii_alphabetic() => match c.to_ascii_uppercase() {
            'L' | 'R' => Final::Rieul,
            'M' | 'N' => Final::Consonant,
            _ => Final::Vowel,
        },
        _ => return None,
    })
}

/// `value` without a bracketed part at its end that has a word before it (`-1 (ENOMEM)`
/// reads `-1`); `value` itself otherwise.
fn spoken(value: &str) -> &str {
    let trimmed = value.trim_end();
    let before = trimmed
        .strip_suffix(')')
        .and_then(|inner| inner.rfind('('))
        .map(|open| trimmed[..open].trim_end());
    match before {
        Some(before) if before.chars().any(char::is_alphanumeric) => before,
        _ => value,
    }
}

/// A Hangul syllable (가..힣).
fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `template` with `{v}` filled with `value`.
    fn with(template: &str, value: &str) -> String {
        fill(template, |_| Fill::Text(value.to_string()))
    }

    #[test]
    fn a_missing_number_takes_its_brackets_with_it() {
        let missing = |_: &str| Fill::Missing;
        assert_eq!(fill("All of them (about {n})", missing), "All of them");
        assert_eq!(fill("모든 것(지금 약 {n}개)", missing), "모든 것");
        assert_eq!(
            fill("kill({n}, 0)", |_| Fill::Text("7".into())),
            "kill(7, 0)"
        );
        assert_eq!(fill("bare {n}", missing), "bare ?");
        assert_eq!(fill("kept {n}", |_| Fill::Keep), "kept {n}");
        assert_eq!(fill("open {n", |_| Fill::Missing), "open {n");
    }

    #[test]
    fn particles_after_digits_follow_the_reading_of_the_last_digit() {
        // 영 일 이 삼 사 오 육 칠 팔 구
        let object = [
            "0을", "1을", "2를", "3을", "4를", "5를", "6을", "7을", "8을", "9를",
        ];
        let direction = [
            "0으로", "1로", "2로", "3으로", "4로", "5로", "6으로", "7로", "8로", "9로",
        ];
        let topic = [
            "0은", "1은", "2는", "3은", "4는", "5는", "6은", "7은", "8은", "9는",
        ];
        let subject = [
            "0이", "1이", "2가", "3이", "4가", "5가", "6이", "7이", "8이", "9가",
        ];
        for digit in 0..10 {
            let n = digit.to_string();
            assert_eq!(with("{v}를 본다", &n), format!("{} 본다", object[digit]));
            assert_eq!(with("{v}을 본다", &n), format!("{} 본다", object[digit]));
            assert_eq!(with("{v}로 간다", &n), format!("{} 간다", direction[digit]));
            assert_eq!(with("{v}가 있다", &n), format!("{} 있다", subject[digit]));
            assert_eq!(with("{v}는", &n), topic[digit]);
        }
        // 십, 십육, 마이너스 일, 백, 천
        assert_eq!(with("{v}를", "10"), "10을");
        assert_eq!(with("{v}로", "10"), "10으로");
        assert_eq!(with("{v}를", "16"), "16을");
        assert_eq!(with("{v}를", "-1"), "-1을");
        assert_eq!(with("{v}으로", "-1"), "-1로");
        assert_eq!(with("{v}를", "100"), "100을");
        assert_eq!(with("{v}가", "5632"), "5632가");
        assert_eq!(with("{v}은", "5631"), "5631은");
    }

    #[test]
    fn particles_after_names_follow_their_last_sound() {
        // Hangul: by the final consonant; ㄹ takes 로.
        assert_eq!(with("{v}가 입양함", "튜터"), "튜터가 입양함");
        assert_eq!(with("{v}가 입양함", "에이전트"), "에이전트가 입양함");
        assert_eq!(with("{v}를", "셸"), "셸을");
        assert_eq!(with("{v}으로", "서울"), "서울로");
        assert_eq!(with("{v}로", "부모님"), "부모님으로");
        // Latin letters, as the letter is read: 엑스, 엘, 엠, 알, 티.
        assert_eq!(with("{v}가 입양함", "sandbox"), "sandbox가 입양함");
        assert_eq!(with("{v}가 입양함", "target-init"), "target-init가 입양함");
        assert_eq!(with("{v}를", "init"), "init를");
        assert_eq!(with("{v}를", "ENOMEM"), "ENOMEM을");
        assert_eq!(with("{v}를", "-1 (ENOMEM)"), "-1 (ENOMEM)을");
        // The particle goes with the word before the bracket: -1 is 일, so 로.
        assert_eq!(with("{v}으로", "-1 (ENOMEM)"), "-1 (ENOMEM)로");
        assert_eq!(with("{v}를", "(ENOMEM)"), "(ENOMEM)을");
        assert_eq!(with("{v}로", "ESRCH"), "ESRCH로");
        assert_eq!(with("{v}로", "EPERM"), "EPERM으로");
        assert_eq!(with("{v}와", "bash"), "bash와");
        assert_eq!(with("{v}와", "sh -l"), "sh -l과");
        // By the letter, not the word: p is 피.
        assert_eq!(with("{v}은", "sleep"), "sleep는");
        assert_eq!(with("{v}로", "kill"), "kill로");
    }

    #[test]
    fn what_only_looks_like_a_particle_is_left_alone() {
        // The copula, and words that start like a particle.
        assert_eq!(with("{v}이다.", "bash"), "bash이다.");
        assert_eq!(with("{v}가지다", "8"), "8가지다");
        assert_eq!(with("{v}이고", "2"), "2이고");
        // 로 may take another particle after it.
        assert_eq!(with("{v}로만 보인다", "5630"), "5630으로만 보인다");
        // English, and a value with nothing to read.
        assert_eq!(with("{v} is 1", "2"), "2 is 1");
        assert_eq!(with("{v}를", "…"), "…를");
    }

    #[test]
    fn a_phrase_binds_numbers_and_words_in_both_languages() {
        let tr = Tr {
            en: "PID {pid} ({why})",
            ko: "PID {pid}를 본다 ({why})",
        };
        let words = Tr {
            en: "outside",
            ko: "바깥",
        };
        let phrase = Phrase::new(tr)
            .with("pid", Some(1))
            .with_words("why", words);
        assert_eq!(phrase.text(Lang::En), "PID 1 (outside)");
        assert_eq!(phrase.text(Lang::Ko), "PID 1을 본다 (바깥)");
        let unknown = Phrase::new(tr).with("pid", Some(2)).with("why", None::<u8>);
        assert_eq!(unknown.text(Lang::Ko), "PID 2를 본다");
        assert_eq!(say(tr, Lang::En, &[("pid", "9".into())]), "PID 9 ({why})");
    }
}
