//! The question machinery: a `Question` as shown, its choices, how an answer is marked,
//! and the summary quiz, whose answers are facts of the kernel. The predictions asked
//! before a step, and the judges that read their answers off the step's live facts, are
//! the steps' own (`crate::steps`). No I/O here: a front end (`walk --quiz`, the TUI)
//! shows a `Question`, collects a choice, and marks it.

pub mod text;

use crate::i18n::{Phrase, Tr};
use crate::lesson::Step;
use text::QuestionText;

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
    /// The question `text`, worded with what `ctx` knows.
    pub fn from_text(text: &QuestionText, step: Step, key: Key, ctx: &Context) -> Question {
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
    pub fn mark(&self, chosen: usize, verdict: Option<&Ruling>) -> Option<Graded> {
        let right = match (self.key, verdict) {
            (Key::Fixed(id), _) => id,
            (Key::Live, Some(verdict)) => verdict.right,
            (Key::Live, None) => return None,
        };
        let chosen = self.choices.get(chosen)?.id;
        Some(Graded {
            chosen,
            right,
            correct: chosen == right,
        })
    }
}

/// A choice held against the right one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Graded {
    pub chosen: &'static str,
    pub right: &'static str,
    pub correct: bool,
}

/// What the live run says: which choice is right, and the value that shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ruling {
    pub right: &'static str,
    pub live: Phrase,
}

/// What is known before a step runs, to word its choices with this machine's numbers.
/// Filled by the front end: the tutor's PID, and what earlier steps observed.
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
}

/// The summary quiz, in order.
pub fn summary_quiz() -> Vec<Question> {
    let ctx = Context::default();
    text::SUMMARY
        .iter()
        .map(|q| Question::from_text(&q.question, Step::Summary, Key::Fixed(q.right), &ctx))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
