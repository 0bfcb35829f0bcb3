//! What the app keeps of the learner: their progress (the model of `crate::progress`,
//! handed over by the runtime, which loaded it), the prediction made before the step on
//! screen and how the live run judged it, the steps that have asked already in this run,
//! and where the summary quiz stands. Changing any of it writes nothing: the app returns
//! `Effect::SaveProgress` and the runtime writes the file.

use crate::lesson::Step;
use crate::progress::{Progress, Score, TaskState, Timestamp};
use crate::quiz::{self, Graded, Question, Ruling};
use crate::steps::Observation;

/// A prediction made before a step ran and, once it has run, how it came out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guess {
    pub step: Step,
    pub question: Question,
    /// The choice given (0-based); `None`: the learner skipped the question.
    pub chosen: Option<usize>,
    /// Set when the step's run has been judged.
    pub outcome: Option<GuessOutcome>,
}

/// How a run judged a guess.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuessOutcome {
    /// The choice the live facts prove right; `None` when they fit none.
    pub verdict: Option<Ruling>,
    /// The choice held against it; `None` when skipped or not judged.
    pub mark: Option<Graded>,
    /// Whether the first answer recorded for this step (in this run or an earlier one)
    /// was right, when this one is a retry: the first is the one that counts.
    pub retry_of: Option<bool>,
}

/// The learner, as far as the app knows them.
#[derive(Clone, Debug)]
pub struct Learner {
    pub progress: Progress,
    /// Where the progress is written (said when asking to clear it), or why it is not.
    pub kept: Result<String, String>,
    /// The latest prediction.
    pub guess: Option<Guess>,
    /// Steps whose prediction was asked in this run: Enter there runs at once.
    asked: Vec<Step>,
    /// The summary quiz, built once.
    pub quiz: Vec<Question>,
    /// The quiz question to open at next (0-based).
    pub quiz_at: usize,
}

/// The wall clock, for the times in the progress file. Reading it is no I/O; the app's
/// own clock (`Instant`, passed in) is for what the screen shows when.
fn now() -> Timestamp {
    Timestamp::now()
}

impl Default for Learner {
    fn default() -> Learner {
        Learner {
            progress: Progress::new(),
            kept: Err("no progress was handed to this run".into()),
            guess: None,
            asked: Vec::new(),
            quiz: quiz::summary_quiz(),
            quiz_at: 0,
        }
    }
}

impl Learner {
    /// The learner reached `step`.
    pub fn visit(&mut self, step: Step) {
        self.progress.visit(step, now());
    }

    pub fn was_asked(&self, step: Step) -> bool {
        self.asked.contains(&step)
    }

    /// The question before `step` (the summary's quiz) was put in this run.
    pub fn asked(&mut self, step: Step) {
        if !self.was_asked(step) {
            self.asked.push(step);
        }
    }

    /// The prediction before `step` was answered with `chosen` (or skipped: `None`).
    pub fn guess(&mut self, question: Question, chosen: Option<usize>) {
        let step = question.step;
        self.asked(step);
        self.guess = Some(Guess {
            step,
            question,
            chosen,
            outcome: None,
        });
    }

    /// Judges the pending guess against the run that `observation` is of; true when an
    /// answer was recorded (and so should be saved).
    pub fn judge(&mut self, observation: &Observation) -> bool {
        let Some(guess) = self.guess.as_mut() else {
            return false;
        };
        if guess.step != observation.step() || guess.outcome.is_some() {
            return false;
        }
        let verdict = crate::steps::judge(&observation.facts);
        let mark = guess
            .chosen
            .and_then(|c| guess.question.mark(c, verdict.as_ref()));
        let first = self.progress.step(guess.step);
        let retry_of = first.and_then(|r| r.prediction.as_ref()).map(|a| a.right);
        // Every answer goes to the progress: it keeps the first and notes the retries.
        if let Some(mark) = mark {
            self.progress
                .predict(guess.step, mark.chosen, mark.correct, now());
        }
        let retry_of = retry_of.filter(|_| mark.is_some());
        guess.outcome = Some(GuessOutcome {
            verdict,
            mark,
            retry_of,
        });
        mark.is_some()
    }

    /// Whether the first answer recorded to the quiz's question `index` was right, if one
    /// was recorded before.
    pub fn quiz_first(&self, index: usize) -> Option<bool> {
        let question = self.quiz.get(index)?;
        let record = self.progress.step(crate::progress::QUIZ_STEP)?;
        record.quiz.get(question.id).map(|a| a.right)
    }

    /// Question `index` of the summary quiz was answered with `chosen`: recorded (a retry
    /// too: the progress keeps the first answer and notes the retries), and the mark
    /// returned.
    pub fn answer_quiz(&mut self, index: usize, chosen: usize) -> Option<Graded> {
        let question = self.quiz.get(index)?;
        let mark = question.mark(chosen, None)?;
        self.progress
            .answer_quiz(question.id, mark.chosen, mark.correct, now());
        self.quiz_at = index + 1;
        Some(mark)
    }

    /// The task at `step` ended (checked and passed, or skipped by moving on). The slot a
    /// task panel (issue 11, item 2) records through; like an answer, its caller returns
    /// `Effect::SaveProgress`.
    pub fn task_ended(&mut self, step: Step, state: TaskState) {
        self.progress.task(step, state, now());
    }

    /// Predictions and quiz answers together: right out of answered.
    pub fn score(&self) -> Score {
        let (p, q) = (self.progress.predictions(), self.progress.quiz());
        Score {
            right: p.right + q.right,
            answered: p.answered + q.answered,
        }
    }

    /// Everything forgotten (`progress --reset` from the TUI); `step` is where the learner is.
    pub fn reset(&mut self, step: Step) {
        self.progress = Progress::new();
        self.guess = None;
        self.asked.clear();
        self.quiz_at = 0;
        self.visit(step);
    }
}
