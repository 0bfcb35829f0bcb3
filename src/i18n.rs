//! Words in two languages, at the ground floor: every layer that speaks uses these. A
//! `Tr` is one sentence in English and Korean side by side (a missing translation does not
//! compile); a `Phrase` is a `Tr` with its `{placeholders}` bound to values, rendered in
//! either language, so a front end can switch language while it is shown.

use crate::lang::Lang;

/// One sentence in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    pub en: &'static str,
    pub ko: &'static str,
}

/// A sentence with its `{placeholders}` bound to values; rendered in either
/// language, so a TUI can switch language while a question is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    tr: Tr,
    vars: Vec<(&'static str, Option<String>)>,
}

impl Phrase {
    pub fn new(tr: Tr) -> Phrase {
        Phrase { tr, vars: vec![] }
    }

    /// Binds `{name}`; `None` drops the bracketed part around it (see `text`).
    pub fn with(mut self, name: &'static str, value: Option<impl ToString>) -> Phrase {
        self.vars.push((name, value.map(|v| v.to_string())));
        self
    }

    /// The sentence, unfilled.
    pub fn tr(&self) -> Tr {
        self.tr
    }

    pub fn text(&self, lang: Lang) -> String {
        let template = match lang {
            Lang::En => self.tr.en,
            Lang::Ko => self.tr.ko,
        };
        fill(template, &self.vars)
    }
}

/// Fills `{name}` placeholders. A placeholder without a value takes the bracketed group
/// around it (and the space before the group) with it; one outside brackets becomes `?`.
fn fill(template: &str, vars: &[(&str, Option<String>)]) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        let key = format!("{{{name}}}");
        while let Some(at) = out.find(&key) {
            match value {
                Some(value) => out.replace_range(at..at + key.len(), value),
                None => {
                    let open = out[..at].rfind('(').filter(|&o| !out[o..at].contains(')'));
                    let close = out[at..].find(')').map(|c| at + c);
                    match (open, close) {
                        (Some(open), Some(close)) => {
                            let start = if out[..open].ends_with(' ') {
                                open - 1
                            } else {
                                open
                            };
                            out.replace_range(start..=close, "");
                        }
                        _ => out.replace_range(at..at + key.len(), "?"),
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_number_takes_its_brackets_with_it() {
        let vars = [("n", None)];
        assert_eq!(fill("All of them (about {n})", &vars), "All of them");
        assert_eq!(fill("모든 것(지금 약 {n}개)", &vars), "모든 것");
        assert_eq!(
            fill("kill({n}, 0)", &[("n", Some("7".into()))]),
            "kill(7, 0)"
        );
        assert_eq!(fill("bare {n}", &vars), "bare ?");
    }
}
