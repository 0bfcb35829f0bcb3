//! Questions as the screen shows them: plain strings in the learner's language, built from
//! the app's state when asked for (so switching the language re-words an open question).
//! The normal layout draws `App::question` over the panes; talk mode can draw the same
//! view large. Also the verdict under a step's observation, the quiz's offer at the
//! summary, and where the learner stands, for the status bar.

use super::App;
use super::asking::Asking;
use crate::lesson::Step;
use crate::progress::QUIZ_STEP;
use crate::quiz::text::{tui, words};
use crate::quiz::{Key, Question};

/// Which question it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionKind {
    /// Before a step runs.
    Prediction,
    /// The summary quiz.
    Quiz,
    /// The quiz's score.
    Score,
    /// "Clear the saved progress?" (y/n).
    Confirm,
}

/// A question ready to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionView {
    pub kind: QuestionKind,
    /// The box's title: "predict first", "quiz 3/10".
    pub title: String,
    pub prompt: String,
    /// Numbered 1, 2, 3… on screen; empty for the score and the confirmation.
    pub choices: Vec<String>,
    /// The choice the arrows are on, or the one given once answered.
    pub chosen: Option<usize>,
    /// Once a quiz question is answered: the right choice and what to say.
    pub answer: Option<AnswerView>,
    /// Lines after the prompt (the score's).
    pub notes: Vec<String>,
    /// The keys that work now.
    pub keys: String,
}

/// An answered quiz question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerView {
    /// The right choice (0-based).
    pub right: usize,
    pub correct: bool,
    /// "You said 2) …: not this time. The answer: 3) …".
    pub said: String,
    /// "Why: …".
    pub why: String,
    /// "A retry: your first answer … counts", when this was not the first answer.
    pub retry: Option<String>,
}

/// A prediction held against the step's run, for the live box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerdictView {
    /// Right or not; `None` when the run's facts fit no choice (not scored).
    pub correct: Option<bool>,
    /// "You said 3) 1 and 0: right." (or why it was not scored).
    pub said: String,
    /// "Live: getpid() = 1, getppid() = 0." ("Recorded: …" from a recording).
    pub live: Option<String>,
    /// The choice given and the right one (0-based; `None` when not scored), for a
    /// shorter verdict where there is little room (the talk's banner).
    pub chosen: usize,
    pub right: Option<usize>,
    /// "A retry: your first answer … counts", when this was not the first answer.
    pub retry: Option<String>,
}

/// One step as the status bar marks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepMark {
    /// Not reached yet.
    Todo,
    /// Reached (in this run or an earlier one).
    Visited,
    /// Its prediction was answered right, or wrong.
    Right,
    Wrong,
}

/// Where the learner stands: a mark per step, the step shown, and questions answered
/// right out of answered (predictions and the quiz together).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Track {
    pub marks: Vec<StepMark>,
    /// Index of the step shown in `marks`.
    pub current: usize,
    pub right: usize,
    pub answered: usize,
}

/// `3) 1 and 0`.
fn numbered(question: &Question, index: usize, app: &App) -> String {
    let text = question.choices.get(index).map(|c| c.text.text(app.lang));
    format!("{}) {}", index + 1, text.unwrap_or_default())
}

fn say(tr: crate::i18n::Tr, app: &App, vars: &[(&'static str, String)]) -> String {
    crate::i18n::say(tr, app.lang, vars)
}

/// "A retry: your first answer, which was right, is the one that counts."
fn retry(first_right: Option<bool>, app: &App) -> Option<String> {
    first_right.map(|right| {
        let tr = if right {
            words::RETRY_FIRST_RIGHT
        } else {
            words::RETRY_FIRST_WRONG
        };
        say(tr, app, &[])
    })
}

/// "You said 3) …: right." or "You said 2) …: not this time. The answer: 3) …."
fn judged(question: &Question, chosen: usize, right: usize, app: &App) -> String {
    let choice = ("choice", numbered(question, chosen, app));
    if chosen == right {
        say(words::RIGHT, app, &[choice])
    } else {
        let right = ("right", numbered(question, right, app));
        say(words::WRONG, app, &[choice, right])
    }
}

fn choices(question: &Question, app: &App) -> Vec<String> {
    question
        .choices
        .iter()
        .map(|c| c.text.text(app.lang))
        .collect()
}

impl App {
    /// The question on screen, if one is open. Stage mode and the normal layout draw this.
    pub fn question(&self) -> Option<QuestionView> {
        let n = |q: &Question| vec![("n", q.choices.len().to_string())];
        match self.asking()? {
            Asking::Predict { question, selected } => Some(QuestionView {
                kind: QuestionKind::Prediction,
                title: say(tui::PREDICT_TITLE, self, &[]),
                prompt: question.prompt.text(self.lang),
                choices: choices(question, self),
                chosen: *selected,
                answer: None,
                notes: Vec::new(),
                keys: say(tui::PREDICT_KEYS, self, &n(question)),
            }),
            Asking::Quiz {
                index,
                selected,
                answered,
                retry_of,
            } => {
                let question = self.learner.quiz.get(*index)?;
                let count = self.learner.quiz.len();
                let title = say(
                    tui::QUIZ_TITLE,
                    self,
                    &[("i", (index + 1).to_string()), ("n", count.to_string())],
                );
                let answer = answered.and_then(|chosen| {
                    let mut view = self.answer_view(question, chosen)?;
                    view.retry = retry(*retry_of, self);
                    Some(view)
                });
                let keys = match answered {
                    None => say(tui::QUIZ_KEYS, self, &n(question)),
                    Some(_) if index + 1 < count => say(tui::QUIZ_NEXT, self, &[]),
                    Some(_) => say(tui::QUIZ_LAST, self, &[]),
                };
                Some(QuestionView {
                    kind: QuestionKind::Quiz,
                    title,
                    prompt: question.prompt.text(self.lang),
                    choices: choices(question, self),
                    chosen: *selected,
                    answer,
                    notes: Vec::new(),
                    keys,
                })
            }
            Asking::Score => {
                let (quiz, predicted) = (
                    self.learner.progress.quiz(),
                    self.learner.progress.predictions(),
                );
                let vars = [
                    ("right", quiz.right.to_string()),
                    ("n", self.learner.quiz.len().to_string()),
                    ("predicted_right", predicted.right.to_string()),
                    ("predicted", predicted.answered.to_string()),
                ];
                let saved = match &self.learner.kept {
                    Ok(_) => say(tui::SCORE_SAVED, self, &[]),
                    Err(why) => say(tui::SCORE_NOT_SAVED, self, &[("why", why.clone())]),
                };
                Some(QuestionView {
                    kind: QuestionKind::Score,
                    title: say(tui::SCORE_TITLE, self, &[]),
                    prompt: say(words::SCORE, self, &vars),
                    choices: Vec::new(),
                    chosen: None,
                    answer: None,
                    notes: vec![saved],
                    keys: say(tui::SCORE_KEYS, self, &[]),
                })
            }
            Asking::ConfirmReset => {
                let path = self.learner.kept.clone().unwrap_or_default();
                Some(QuestionView {
                    kind: QuestionKind::Confirm,
                    title: say(tui::RESET_TITLE, self, &[]),
                    prompt: say(tui::RESET_ASK, self, &[("path", path)]),
                    choices: Vec::new(),
                    chosen: None,
                    answer: None,
                    notes: Vec::new(),
                    keys: say(tui::RESET_KEYS, self, &[]),
                })
            }
        }
    }

    fn answer_view(&self, question: &Question, chosen: usize) -> Option<AnswerView> {
        let Key::Fixed(right) = question.key else {
            return None;
        };
        let right = question.index_of(right)?;
        let correct = chosen == right;
        let said = judged(question, chosen, right, self);
        let why = say(words::WHY, self, &[("why", question.why.text(self.lang))]);
        Some(AnswerView {
            right,
            correct,
            said,
            why,
            retry: None,
        })
    }

    /// The prediction made before the step shown, once its run has judged it; `None` when
    /// there was none, it was skipped, or the step has not run on this visit.
    pub fn verdict(&self) -> Option<VerdictView> {
        let guess = self.learner.guess.as_ref()?;
        let observed = self.observed.as_ref()?;
        if guess.step != self.step || observed.step() != guess.step {
            return None;
        }
        let outcome = guess.outcome.as_ref()?;
        let chosen = guess.chosen?;
        let question = &guess.question;
        let right = outcome
            .verdict
            .as_ref()
            .and_then(|v| Some((v, question.index_of(v.right)?)));
        let Some((verdict, right)) = right else {
            return Some(VerdictView {
                correct: None,
                said: say(words::NO_VERDICT, self, &[]),
                live: None,
                chosen,
                right: None,
                retry: None,
            });
        };
        let correct = chosen == right;
        let said = judged(question, chosen, right, self);
        let label = if self.is_recorded() {
            words::RECORDED
        } else {
            words::LIVE
        };
        let live = say(label, self, &[("live", verdict.live.text(self.lang))]);
        Some(VerdictView {
            correct: Some(correct),
            said,
            live: Some(live),
            chosen,
            right: Some(right),
            retry: retry(outcome.retry_of, self),
        })
    }

    /// Whether the step shown has reached its explanation: it has run on this visit, or it
    /// asks nothing first. Predict, observe, explain: until its run, a step that asks (a
    /// prediction, or the summary's quiz) shows only what is needed to guess (its text up
    /// to the lesson's `guess:` marker, the title for guessing, no `Try:` line, no task).
    pub fn revealed(&self) -> bool {
        let asks = crate::steps::def(self.step).prediction.is_some() || self.step == QUIZ_STEP;
        !asks
            || self
                .observed
                .as_ref()
                .is_some_and(|o| o.step() == self.step)
    }

    /// At the summary, once its scan has run and nothing is open: how to take the quiz.
    pub fn quiz_offer(&self) -> Option<String> {
        let ran = self
            .observed
            .as_ref()
            .is_some_and(|o| o.step() == QUIZ_STEP);
        (self.step == QUIZ_STEP && ran && self.asking().is_none()).then(|| {
            say(
                tui::QUIZ_OFFER,
                self,
                &[("n", self.learner.quiz.len().to_string())],
            )
        })
    }

    /// Where the learner stands, for the status bar.
    pub fn track(&self) -> Track {
        let marks = Step::all()
            .map(|step| match self.learner.progress.step(step) {
                Some(record) => match &record.prediction {
                    Some(answer) if answer.right => StepMark::Right,
                    Some(_) => StepMark::Wrong,
                    None if record.visited.is_some() => StepMark::Visited,
                    None => StepMark::Todo,
                },
                None => StepMark::Todo,
            })
            .collect();
        let score = self.learner.score();
        Track {
            marks,
            current: self.step.index(),
            right: score.right,
            answered: score.answered,
        }
    }
}
