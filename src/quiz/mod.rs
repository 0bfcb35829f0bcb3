//! Questions the learner answers: a prediction before each step where the kernel
//! surprises, judged afterwards from that step's *live* facts, and the summary quiz, whose
//! answers are facts of the kernel. No I/O here: a front end (`walk --quiz` in `ask`, the
//! TUI) shows a `Question`, collects a choice, and hands back the step's facts as the JSON
//! object `walk --json` prints for it (`{"step": ID, "facts": {...}}`), the stable
//! contract between the lab and everything that reads it.

pub mod ask;
mod judge;
pub mod text;

use crate::lang::Lang;
use crate::lesson::Step;
use crate::session::Facts;
use serde_json::Value;
use text::{QuestionText, Tr};

pub use judge::judge;

/// A sentence of `text` with its `{placeholders}` bound to values; rendered in either
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

/// One choice as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Stable id, stored in progress files.
    pub id: &'static str,
    pub text: Phrase,
}

/// Who decides the right choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// The step's live facts (`judge`).
    Live,
    /// A fact of the kernel, the same everywhere (the summary quiz).
    Fixed(&'static str),
}

/// A question ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// Stable id: the step id for a prediction, the question's own id in the summary quiz.
    pub id: &'static str,
    /// The step it belongs to (the summary, for the quiz).
    pub step: Step,
    pub prompt: Phrase,
    pub choices: Vec<Choice>,
    /// Why the right answer is right, for after the answer.
    pub why: Phrase,
    pub key: Key,
}

impl Question {
    fn from_text(text: &QuestionText, step: Step, key: Key, ctx: &Context) -> Question {
        let bind = |tr: Tr| {
            Phrase::new(tr)
                .with("tutor_pid", ctx.tutor_pid)
                .with("agent_host_pid", ctx.agent_host_pid)
                .with("host_count", ctx.host_count)
        };
        Question {
            id: text.id,
            step,
            prompt: bind(text.prompt),
            choices: text
                .choices
                .iter()
                .map(|c| Choice {
                    id: c.id,
                    text: bind(c.text),
                })
                .collect(),
            why: bind(text.why),
            key,
        }
    }

    /// Position (0-based) of the choice with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.choices.iter().position(|c| c.id == id)
    }

    /// Marks `chosen` (0-based) against the right choice: the fixed one, or the one the
    /// live `verdict` names. `None` when there is nothing to mark against.
    pub fn mark(&self, chosen: usize, verdict: Option<&Verdict>) -> Option<Mark> {
        let right = match (self.key, verdict) {
            (Key::Fixed(id), _) => id,
            (Key::Live, Some(verdict)) => verdict.right,
            (Key::Live, None) => return None,
        };
        let chosen = self.choices.get(chosen)?.id;
        Some(Mark {
            chosen,
            right,
            correct: chosen == right,
        })
    }
}

/// A choice held against the right one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub chosen: &'static str,
    pub right: &'static str,
    pub correct: bool,
}

/// What the live run says: which choice is right, and the value that shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub right: &'static str,
    pub live: Phrase,
}

/// What is known before a step runs, to word its choices with this machine's numbers.
/// Filled by the front end: the tutor's PID, and what earlier steps observed (`learn`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// Always known live; unknown when words are wanted without a run (a report).
    pub tutor_pid: Option<u32>,
    /// The agent's PID as the host numbers it, once a step has shown it.
    pub agent_host_pid: Option<i64>,
    /// How many processes the host has, counted just before the step.
    pub host_count: Option<u64>,
}

impl Context {
    pub fn new(tutor_pid: u32) -> Context {
        Context {
            tutor_pid: Some(tutor_pid),
            ..Context::default()
        }
    }

    /// Takes what a step's facts tell about the lab.
    pub fn learn(&mut self, step: Step, facts: &Value) {
        let pid = match step {
            Step::Clone => facts["child_host_pid"].as_i64(),
            Step::ProcLeak | Step::OrphanReaping => facts["agent_host_pid"].as_i64(),
            _ => None,
        };
        if pid.is_some() {
            self.agent_host_pid = pid;
        }
    }
}

/// The prediction asked before `step`, if it has one.
pub fn prediction(step: Step, ctx: &Context) -> Option<Question> {
    let text = crate::steps::def(step).prediction?;
    Some(Question::from_text(text, step, Key::Live, ctx))
}

/// Judges a step's prediction from its typed facts (through the same JSON as `judge`).
pub fn judge_facts(facts: &Facts) -> Option<Verdict> {
    judge(facts.step(), &Value::Object(facts.to_json()))
}

/// The summary quiz, in order.
pub fn summary_quiz() -> Vec<Question> {
    let ctx = Context::default();
    text::SUMMARY
        .iter()
        .map(|q| Question::from_text(&q.question, Step::Summary, Key::Fixed(q.right), &ctx))
        .collect()
}

/// The words of a choice of a question, by ids, in `lang` (for reports of stored answers).
/// `None` when either id is unknown (a file from another version).
pub fn choice_text(question: &str, choice: &str, lang: Lang) -> Option<String> {
    let ctx = Context::default();
    let question = Step::from_id(question)
        .and_then(|step| prediction(step, &ctx))
        .or_else(|| summary_quiz().into_iter().find(|q| q.id == question))?;
    let choice = question.choices.iter().find(|c| c.id == choice)?;
    Some(choice.text.text(lang))
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

    #[test]
    fn both_languages_use_the_same_placeholders() {
        fn names(s: &str) -> Vec<&str> {
            let mut v: Vec<&str> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n))
                .collect();
            v.sort();
            v
        }
        let mut all: Vec<Tr> = vec![];
        for q in crate::steps::prediction_steps()
            .filter_map(|s| prediction(s, &Context::default()))
            .chain(summary_quiz())
        {
            all.push(q.prompt.tr);
            all.push(q.why.tr);
            all.extend(q.choices.iter().map(|c| c.text.tr));
        }
        for tr in all {
            assert_eq!(names(tr.en), names(tr.ko), "{tr:?}");
            assert!(!tr.en.is_empty() && !tr.ko.is_empty());
        }
    }

    #[test]
    fn ids_are_unique_and_fixed_answers_exist() {
        let quiz = summary_quiz();
        let mut ids: Vec<&str> = quiz
            .iter()
            .map(|q| q.id)
            .chain(crate::steps::prediction_steps().map(Step::id))
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(
            ids.len(),
            quiz.len() + crate::steps::prediction_steps().count()
        );
        for q in quiz.iter().chain(
            crate::steps::prediction_steps()
                .filter_map(|s| prediction(s, &Context::default()))
                .collect::<Vec<_>>()
                .iter(),
        ) {
            assert!((3..=4).contains(&q.choices.len()), "{}", q.id);
            let mut choice_ids: Vec<&str> = q.choices.iter().map(|c| c.id).collect();
            choice_ids.sort();
            choice_ids.dedup();
            assert_eq!(choice_ids.len(), q.choices.len(), "{}", q.id);
            if let Key::Fixed(right) = q.key {
                assert!(q.index_of(right).is_some(), "{}: no choice {right}", q.id);
            }
        }
    }

    #[test]
    fn the_right_answers_are_not_all_in_one_place() {
        let positions: std::collections::BTreeSet<usize> = summary_quiz()
            .iter()
            .filter_map(|q| match q.key {
                Key::Fixed(id) => q.index_of(id),
                Key::Live => None,
            })
            .collect();
        assert!(positions.len() >= 3, "{positions:?}");
    }

    #[test]
    fn marking_uses_the_fixed_or_the_live_answer() {
        let quiz = summary_quiz();
        let first = &quiz[0];
        let right = first.index_of("one-and-zero").unwrap();
        assert!(first.mark(right, None).unwrap().correct);
        assert!(!first.mark((right + 1) % 4, None).unwrap().correct);
        let clone = prediction(Step::Clone, &Context::new(42)).unwrap();
        assert_eq!(clone.mark(0, None), None, "no facts, no mark");
        let verdict = Verdict {
            right: "one-and-zero",
            live: Phrase::new(text::live::CLONE),
        };
        let mark = clone
            .mark(clone.index_of("one-and-tutor").unwrap(), Some(&verdict))
            .unwrap();
        assert_eq!((mark.chosen, mark.correct), ("one-and-tutor", false));
        assert_eq!(clone.mark(9, Some(&verdict)), None, "no such choice");
    }

    #[test]
    fn choices_carry_this_machines_numbers() {
        let mut ctx = Context::new(4242);
        ctx.host_count = Some(311);
        let clone = prediction(Step::Clone, &ctx).unwrap();
        assert!(clone.choices[1].text.text(Lang::En).contains("4242"));
        let leak = prediction(Step::ProcLeak, &ctx).unwrap();
        assert!(leak.choices[1].text.text(Lang::Ko).contains("311"));
        let unknown = prediction(Step::ProcLeak, &Context::new(1)).unwrap();
        assert_eq!(
            unknown.choices[1].text.text(Lang::En),
            "All of them: as many as the tutor sees outside the lab"
        );
        assert_eq!(
            choice_text("cannot-fork", "sh-is-init", Lang::En).as_deref(),
            Some("sh became PID 1, and PID 1 may not fork")
        );
        assert_eq!(choice_text("clone", "nope", Lang::En), None);
    }
}
