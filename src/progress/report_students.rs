//! The report's students: the inputs grouped by learner (a file handed in twice, or an old
//! and a new copy, counts once: the newest wins), and one record per learner of what a
//! teacher marks: how far they got, their first predictions, their tasks, their quiz.

use super::report_inputs::ReportInput;
use super::{Progress, TaskState, Timestamp};
use crate::lesson::Step;
use crate::quiz::summary_quiz;
use serde::Serialize;
use std::collections::BTreeMap;

/// One learner, from the newest of their files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Student {
    /// The learner's id; for a file older than names (schema 1), `started:TIME`, or the
    /// file's name when even that is missing.
    pub id: String,
    /// The display name; for an old file, its file's name.
    pub name: String,
    /// The file counted.
    pub file: String,
    /// Older copies of the same learner, not counted.
    pub duplicates: Vec<String>,
    /// The step they were on last, and its number (`null`: none, or one this version lacks).
    pub last_step: Option<String>,
    pub last_step_number: Option<usize>,
    pub last_active: Option<Timestamp>,
    /// First answers only: what they guessed before they saw the run.
    pub predictions_right: usize,
    pub predictions_answered: usize,
    pub tasks_passed: usize,
    pub tasks_skipped: usize,
    /// Tasks with no state at all: the learner never got to them (or left them open).
    pub tasks_not_reached: usize,
    pub quiz_right: usize,
    pub quiz_answered: usize,
    /// Every step, in lesson order.
    pub steps: Vec<StudentStep>,
}

/// What one learner did at one step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StudentStep {
    pub step: String,
    pub reached: bool,
    /// `null` where the step asks nothing or it was not answered.
    pub predicted_right: Option<bool>,
    /// `null` where the step has no task or it has no state.
    pub task: Option<TaskState>,
    /// Whether the step has a task at all (a column of its own in --csv and --html).
    pub has_task: bool,
}

/// The steps with a task, in lesson order.
pub fn task_steps() -> Vec<Step> {
    crate::tasks::Task::ALL.iter().map(|t| t.step()).collect()
}

/// The key two files of the same learner share.
fn key(name: &str, progress: &Progress) -> String {
    match (&progress.learner, progress.started) {
        (Some(learner), _) => format!("id:{}", learner.id),
        (None, Some(started)) => format!("started:{started}"),
        (None, None) => format!("file:{name}"),
    }
}

/// The readable inputs, one per learner (the newest by `updated`; on a tie, the one given
/// later), in the order they were first given; each with the names of the copies left out.
pub fn dedupe(inputs: &[ReportInput]) -> Vec<(&str, &Progress, Vec<String>)> {
    let mut order: Vec<String> = vec![];
    let mut groups: BTreeMap<String, Vec<(&str, &Progress)>> = BTreeMap::new();
    for (name, read) in inputs {
        let Ok(progress) = read else { continue };
        let key = key(name, progress);
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push((name, progress));
    }
    order
        .iter()
        .filter_map(|key| {
            let group = groups.remove(key)?;
            let (newest, _) = group
                .iter()
                .enumerate()
                .max_by_key(|(index, (_, p))| (p.updated, *index))?;
            let (name, progress) = group[newest];
            let others = group
                .iter()
                .enumerate()
                .filter(|(index, _)| *index != newest)
                .map(|(_, (name, _))| name.to_string())
                .collect();
            Some((name, progress, others))
        })
        .collect()
}

/// One learner's record.
pub fn student(file: &str, progress: &Progress, duplicates: Vec<String>) -> Student {
    let tasks = task_steps();
    let steps: Vec<StudentStep> = Step::all()
        .map(|step| {
            let record = progress.step(step);
            let asks = crate::steps::def(step).prediction.is_some();
            StudentStep {
                step: step.id().to_string(),
                reached: record.is_some_and(|r| r.visited.is_some()),
                predicted_right: record
                    .and_then(|r| r.prediction.as_ref())
                    .filter(|_| asks)
                    .map(|a| a.right),
                task: record.and_then(|r| r.task.as_ref()).map(|t| t.state),
                has_task: tasks.contains(&step),
            }
        })
        .collect();
    let count_task = |state| steps.iter().filter(|s| s.task == Some(state)).count();
    let (predicted, quiz) = (progress.predictions(), progress.quiz());
    let (tasks_passed, tasks_skipped) = (
        count_task(TaskState::Passed),
        count_task(TaskState::Skipped),
    );
    let name = progress
        .learner
        .as_ref()
        .map_or_else(|| file.to_string(), |l| l.name.clone());
    let last = progress.resume_at();
    Student {
        id: key(file, progress)
            .split_once(':')
            .map_or(String::new(), |(_, id)| id.to_string()),
        name,
        file: file.to_string(),
        duplicates,
        last_step: last.map(|s| s.id().to_string()),
        last_step_number: last.map(Step::number),
        last_active: progress.updated,
        predictions_right: predicted.right,
        predictions_answered: predicted.answered,
        tasks_passed,
        tasks_skipped,
        tasks_not_reached: tasks.len().saturating_sub(tasks_passed + tasks_skipped),
        quiz_right: quiz.right,
        quiz_answered: quiz.answered,
        steps,
    }
}

/// How many questions the summary quiz has (a student's quiz score is out of this).
pub fn quiz_total() -> usize {
    summary_quiz().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Identity;

    fn learner(id: &str, name: &str, updated: u64) -> Progress {
        let mut p = Progress::new();
        p.visit(Step::Clone, Timestamp(updated));
        p.learner = Some(Identity {
            id: id.into(),
            name: name.into(),
        });
        p
    }

    #[test]
    fn the_newest_copy_of_a_learner_is_counted_once() {
        let inputs: Vec<ReportInput> = vec![
            ("a-new".into(), Ok(learner("a", "ana", 20))),
            ("b".into(), Ok(learner("b", "bo", 5))),
            ("a-old".into(), Ok(learner("a", "ana (old)", 10))),
            ("a-again".into(), Ok(learner("a", "ana", 20))),
        ];
        let kept = dedupe(&inputs);
        let names: Vec<_> = kept
            .iter()
            .map(|(n, p, d)| (*n, p.learner.as_ref().unwrap().name.as_str(), d.len()))
            .collect();
        assert_eq!(names, [("a-again", "ana", 2), ("b", "bo", 0)]);
    }

    #[test]
    fn an_old_file_is_its_start_time_and_its_name() {
        let mut p = learner("x", "x", 7);
        p.learner = None;
        let s = student("class/cy.json", &p, vec![]);
        assert_eq!(
            (s.name.as_str(), s.id.as_str()),
            ("class/cy.json", "1970-01-01T00:00:07Z")
        );
        assert_eq!(s.tasks_not_reached, task_steps().len());
        assert_eq!(s.last_step_number, Some(Step::Clone.number()));
    }
}
