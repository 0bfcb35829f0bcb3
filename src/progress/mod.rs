//! What a learner has done, kept between runs: the step they were on, each answer and
//! whether it was right, each task's state, and when. Keyed by step id (and question id),
//! never by position or words, so it survives a change of language or a reworded question.
//!
//! `Progress` is the model and does no I/O: callers pass the time in. `store` reads and
//! writes the file (atomically; a bad file is moved aside, never fatal); `report` adds up
//! many learners' files for a teacher (`report_*`: what it reads, each student, and its
//! CSV and HTML forms); `show` prints one learner's summary; `identity` names the learner.

pub mod command;
pub mod escape;
pub mod identity;
mod merge;
pub mod report;
pub mod report_csv;
pub mod report_html;
pub mod report_inputs;
pub mod report_students;
pub mod show;
pub mod store;

mod words;

use crate::lesson::Step;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::time::Timestamp;
pub use identity::Identity;
pub use store::{Store, Tracker};

/// The version of the file's layout. A file with a larger number was written by a newer
/// pidns-tutor, which may mean things this one cannot tell: it is moved aside, not read.
/// Schema 2 added the learner (name and id) and keeps the first answer to each question,
/// later ones beside it; a schema 1 file still loads (no learner; its answer is the last
/// one given, as that version kept it) and is written back as schema 2.
pub const SCHEMA: u32 = 2;

/// The step whose questions make up the summary quiz.
pub const QUIZ_STEP: Step = Step::Summary;

/// One learner's progress: the contents of `progress.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub schema: u32,
    /// The pidns-tutor that last wrote it.
    #[serde(default)]
    pub tool_version: String,
    /// The kernel it last ran on (`uname -sr`).
    #[serde(default)]
    pub kernel: String,
    /// Who this is; made when the file is first written (`Store::save`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner: Option<Identity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    /// The step the learner was on last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_step: Option<String>,
    /// By step id. Ids this version does not know are kept as they are.
    #[serde(default)]
    pub steps: BTreeMap<String, StepRecord>,
}

/// What happened at one step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    /// When the learner last reached it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visited: Option<Timestamp>,
    /// The first answer to the prediction asked before the step ran: what was guessed
    /// before the run was seen, which is what a teacher counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prediction: Option<Answer>,
    /// Later answers to the same prediction, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retries: Vec<Answer>,
    /// The step's hands-on task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<TaskRecord>,
    /// The summary quiz's first answers, by question id (at the summary step only).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub quiz: BTreeMap<String, Answer>,
    /// Later answers to the quiz's questions, by question id, oldest first.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub quiz_retries: BTreeMap<String, Vec<Answer>>,
}

/// One answer: the choice's stable id, whether it was right, when. The first answer to a
/// question stays where it is; later ones are kept beside it as retries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub choice: String,
    pub right: bool,
    pub at: Timestamp,
}

impl Answer {
    fn new(choice: &str, right: bool, at: Timestamp) -> Answer {
        Answer {
            choice: choice.to_string(),
            right,
            at,
        }
    }
}

/// How a task ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskState {
    /// Checked from the kernel and found done.
    Passed,
    /// The learner moved on without it.
    Skipped,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRecord {
    pub state: TaskState,
    pub at: Timestamp,
}

/// Right answers out of those given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    pub right: usize,
    pub answered: usize,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress::new()
    }
}

impl Progress {
    /// Nothing done yet.
    pub fn new() -> Progress {
        Progress {
            schema: SCHEMA,
            tool_version: String::new(),
            kernel: String::new(),
            learner: None,
            started: None,
            updated: None,
            current_step: None,
            steps: BTreeMap::new(),
        }
    }

    fn touch(&mut self, now: Timestamp) {
        self.started.get_or_insert(now);
        // The latest moment wins, should the clock step back.
        self.updated = self.updated.max(Some(now));
    }

    fn step_mut(&mut self, step: Step) -> &mut StepRecord {
        self.steps.entry(step.id().to_string()).or_default()
    }

    /// What is recorded about `step`.
    pub fn step(&self, step: Step) -> Option<&StepRecord> {
        self.steps.get(step.id())
    }

    /// The learner reached `step`: it becomes the one to resume at.
    pub fn visit(&mut self, step: Step, now: Timestamp) {
        self.touch(now);
        self.current_step = Some(step.id().to_string());
        self.step_mut(step).visited = Some(now);
    }

    /// The prediction at `step` was answered with `choice`: the first answer, or a retry.
    pub fn predict(&mut self, step: Step, choice: &str, right: bool, now: Timestamp) {
        self.touch(now);
        let answer = Answer::new(choice, right, now);
        let record = self.step_mut(step);
        match record.prediction {
            None => record.prediction = Some(answer),
            Some(_) => record.retries.push(answer),
        }
    }

    /// The summary quiz's `question` was answered with `choice`: the first answer, or a retry.
    pub fn answer_quiz(&mut self, question: &str, choice: &str, right: bool, now: Timestamp) {
        self.touch(now);
        let answer = Answer::new(choice, right, now);
        let record = self.step_mut(QUIZ_STEP);
        if record.quiz.contains_key(question) {
            let retries = record.quiz_retries.entry(question.to_string()).or_default();
            retries.push(answer);
        } else {
            record.quiz.insert(question.to_string(), answer);
        }
    }

    /// Sets the learner's display name (a new identity if there is none yet). False when
    /// `name` is empty.
    pub fn rename(&mut self, name: &str) -> bool {
        let Some(name) = identity::clean_name(name) else {
            return false;
        };
        self.learner.get_or_insert_with(Identity::new).name = name;
        true
    }

    /// The task at `step` ended in `state`. A pass is never undone by a later skip.
    pub fn task(&mut self, step: Step, state: TaskState, now: Timestamp) {
        self.touch(now);
        let record = self.step_mut(step);
        if record
            .task
            .as_ref()
            .is_some_and(|t| t.state == TaskState::Passed)
        {
            return;
        }
        record.task = Some(TaskRecord { state, at: now });
    }

    /// Where to resume: the saved step, if it is one of this lesson's.
    pub fn resume_at(&self) -> Option<Step> {
        Step::from_id(self.current_step.as_deref()?)
    }

    /// The predictions' score, over the steps of this lesson.
    pub fn predictions(&self) -> Score {
        self.score(Step::all().filter_map(|step| self.step(step)?.prediction.as_ref()))
    }

    /// The summary quiz's score, over the questions of this version's quiz.
    pub fn quiz(&self) -> Score {
        let Some(record) = self.step(QUIZ_STEP) else {
            return Score::default();
        };
        self.score(
            crate::quiz::summary_quiz()
                .iter()
                .filter_map(|q| record.quiz.get(q.id)),
        )
    }

    fn score<'a>(&self, answers: impl Iterator<Item = &'a Answer>) -> Score {
        answers.fold(Score::default(), |score, answer| Score {
            right: score.right + usize::from(answer.right),
            answered: score.answered + 1,
        })
    }

    /// How many tasks passed and how many were skipped.
    pub fn tasks(&self) -> (usize, usize) {
        let states = self.steps.values().filter_map(|s| s.task.as_ref());
        states.fold((0, 0), |(passed, skipped), task| match task.state {
            TaskState::Passed => (passed + 1, skipped),
            TaskState::Skipped => (passed, skipped + 1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_and_tasks_are_kept_by_step_and_scored() {
        let mut p = Progress::new();
        let t = Timestamp(1_700_000_000);
        p.visit(Step::Clone, t);
        p.predict(Step::Clone, "one-and-zero", true, t);
        p.predict(Step::KillParent, "eperm", false, Timestamp(t.0 + 5));
        p.visit(Step::ProcLeak, Timestamp(t.0 + 9));
        p.answer_quiz("cannot-fork", "init-exited", true, t);
        p.answer_quiz("nsenter-ppid", "one", false, t);
        p.answer_quiz("not-in-this-version", "x", true, t);
        p.task(Step::ProcLeak, TaskState::Passed, t);
        p.task(Step::ProcLeak, TaskState::Skipped, t);
        p.task(Step::RemountProc, TaskState::Skipped, t);
        assert_eq!(p.resume_at(), Some(Step::ProcLeak));
        assert!(p.steps.contains_key("proc-leak"), "keyed by step id");
        assert_eq!(p.started, Some(t));
        assert_eq!(p.updated, Some(Timestamp(t.0 + 9)));
        assert_eq!(
            p.predictions(),
            Score {
                right: 1,
                answered: 2
            }
        );
        assert_eq!(
            p.quiz(),
            Score {
                right: 1,
                answered: 2
            }
        );
        assert_eq!(p.tasks(), (1, 1), "a pass is not undone by a skip");
    }

    #[test]
    fn the_first_answer_counts_and_later_ones_are_kept_beside_it() {
        let mut p = Progress::new();
        let t = Timestamp(1_700_000_000);
        p.predict(Step::Clone, "one-and-tutor", false, t);
        p.predict(Step::Clone, "one-and-zero", true, Timestamp(t.0 + 1));
        p.answer_quiz("cannot-fork", "x", false, t);
        p.answer_quiz("cannot-fork", "init-exited", true, t);
        let clone = p.step(Step::Clone).unwrap();
        assert_eq!(clone.prediction.as_ref().unwrap().choice, "one-and-tutor");
        assert_eq!(clone.retries.len(), 1);
        assert_eq!(
            p.predictions(),
            Score {
                right: 0,
                answered: 1
            }
        );
        assert_eq!(
            p.quiz(),
            Score {
                right: 0,
                answered: 1
            }
        );
        let summary = p.step(QUIZ_STEP).unwrap();
        assert_eq!(summary.quiz_retries["cannot-fork"][0].choice, "init-exited");
    }

    #[test]
    fn a_name_is_kept_trimmed_and_an_empty_one_refused() {
        let mut p = Progress::new();
        assert!(!p.rename("   "));
        assert!(p.learner.is_none());
        assert!(p.rename(" ana "));
        let id = p.learner.as_ref().unwrap().id.clone();
        assert!(p.rename("Ana K."));
        let learner = p.learner.as_ref().unwrap();
        assert_eq!((learner.name.as_str(), &learner.id), ("Ana K.", &id));
    }

    #[test]
    fn an_unknown_saved_step_resumes_nowhere() {
        let mut p = Progress::new();
        p.current_step = Some("from-a-later-version".into());
        assert_eq!(p.resume_at(), None);
        assert_eq!(Progress::new().resume_at(), None);
    }
}
