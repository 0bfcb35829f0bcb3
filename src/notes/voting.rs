//! What the notes show while the room votes: the question, its choices as numbered on the
//! audience's screen, and the answer for the speaker's eyes only. The summary quiz's
//! answers are facts of the kernel, fixed in the question; a prediction's is what the
//! kernel answered when the bundled recording was made (the live run decides in the
//! room, and on a sane kernel agrees).

use crate::lang::Lang;
use crate::lesson::Step;
use crate::quiz::{self, Context, Key, Question};
use crate::record::Recording;
use crate::steps;

/// The question with `id` (a step id for a prediction, or a summary quiz question's id).
fn question(id: &str) -> Option<Question> {
    let ctx = Context::default();
    Step::from_id(id)
        .and_then(|step| steps::prediction(step, &ctx))
        .or_else(|| quiz::summary_quiz().into_iter().find(|q| q.id == id))
}

/// The voting block: the prompt, the numbered choices, and the answer when known.
pub struct Voting {
    pub prompt: String,
    pub choices: Vec<String>,
    /// `3) 1 and 0`, and what shows it (`getpid() = 1, getppid() = 0`) where the
    /// recording has it.
    pub answer: Option<(String, Option<String>)>,
}

/// The block for question `id`, in `lang`; the recording (the bundled one) decides a
/// prediction's answer.
pub fn voting(id: &str, lang: Lang, recording: Option<&Recording>) -> Option<Voting> {
    let question = question(id)?;
    let numbered = |index: usize| {
        let text = question.choices.get(index).map(|c| c.text.text(lang));
        format!("{}) {}", index + 1, text.unwrap_or_default())
    };
    let answer = match question.key {
        Key::Fixed(right) => question.index_of(right).map(|i| (numbered(i), None)),
        Key::Live => recording
            .and_then(|r| r.observation(question.step))
            .and_then(|o| steps::judge(&o.facts))
            .and_then(|verdict| {
                let index = question.index_of(verdict.right)?;
                Some((numbered(index), Some(verdict.live.text(lang))))
            }),
    };
    Some(Voting {
        prompt: question.prompt.text(lang),
        choices: (0..question.choices.len()).map(numbered).collect(),
        answer,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prediction_is_answered_from_the_recording_and_the_quiz_by_its_key() {
        let recording = Recording::bundled().expect("the bundled recording");
        let clone = voting("clone", Lang::En, Some(&recording)).expect("clone asks");
        let (answer, shown_by) = clone.answer.expect("the recording judges it");
        assert!(answer.contains("1 and 0"), "{answer}");
        assert!(shown_by.unwrap_or_default().contains("getppid() = 0"));
        assert!(clone.choices.len() >= 3);
        assert!(voting("clone", Lang::En, None).unwrap().answer.is_none());
        let quiz = voting("cannot-fork", Lang::Ko, None).expect("a quiz question");
        assert!(quiz.answer.is_some());
        assert!(
            voting("hostname", Lang::En, None).is_none(),
            "no prediction there"
        );
    }
}
