//! Two tutors on one progress file (two terminals, a TUI and `walk --quiz`): each save
//! merges what this run knows with what the file holds now (under a lock, see
//! `store::Store::save`), so neither loses the other's answers. The newer answer to the
//! same question wins; a passed task stays passed; the saving run says where it is.

use super::{Answer, Progress, StepRecord, Task, TaskState};
/// `ours` with everything `theirs` (the file as it is now) knows and `ours` does not.
pub fn merge(ours: &Progress, theirs: &Progress) -> Progress {
    let mut merged = ours.clone();
    merged.started = earliest(ours.started, theirs.started);
    merged.updated = ours.updated.max(theirs.updated);
    if merged.current_step.is_none() {
        merged.current_step = theirs.current_step.clone();
    }
    for (id, their) in &theirs.steps {
        let step = merged.steps.entry(id.clone()).or_default();
        *step = merge_step(step, their);
    }
    merged
}

fn earliest<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn merge_step(ours: &StepRecord, theirs: &StepRecord) -> StepRecord {
    let mut quiz = ours.quiz.clone();
    for (question, answer) in &theirs.quiz {
        let kept = newer(quiz.get(question), Some(answer)).cloned();
        if let Some(kept) = kept {
            quiz.insert(question.clone(), kept);
        }
    }
    StepRecord {
        visited: ours.visited.max(theirs.visited),
        prediction: newer(ours.prediction.as_ref(), theirs.prediction.as_ref()).cloned(),
        task: task(ours.task.as_ref(), theirs.task.as_ref()).cloned(),
        quiz,
    }
}

/// The later answer; ours when they were given at the same moment.
fn newer<'a>(ours: Option<&'a Answer>, theirs: Option<&'a Answer>) -> Option<&'a Answer> {
    match (ours, theirs) {
        (Some(o), Some(t)) if t.at > o.at => Some(t),
        (o, t) => o.or(t),
    }
}

/// A pass is never undone (as `Progress::task` keeps it); else the later state.
fn task<'a>(ours: Option<&'a Task>, theirs: Option<&'a Task>) -> Option<&'a Task> {
    match (ours, theirs) {
        (Some(o), Some(t)) => {
            let passed = |x: &Task| x.state == TaskState::Passed;
            if passed(o) != passed(t) {
                Some(if passed(o) { o } else { t })
            } else if t.at > o.at {
                Some(t)
            } else {
                Some(o)
            }
        }
        (o, t) => o.or(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::Step;
    use crate::progress::Timestamp;

    #[test]
    fn two_runs_answers_both_survive_and_the_newer_wins() {
        let t = Timestamp(1_700_000_000);
        let mut a = Progress::new();
        a.visit(Step::Clone, t);
        a.predict(Step::Clone, "one-and-zero", true, t);
        a.task(Step::ProcLeak, TaskState::Passed, t);
        a.answer_quiz("cannot-fork", "init-exited", true, t);
        let mut b = Progress::new();
        b.visit(Step::KillParent, Timestamp(t.0 + 5));
        b.predict(Step::KillParent, "eperm", false, Timestamp(t.0 + 5));
        b.predict(Step::Clone, "one-and-tutor", false, Timestamp(t.0 + 9));
        b.task(Step::ProcLeak, TaskState::Skipped, Timestamp(t.0 + 9));
        b.answer_quiz("nsenter-ppid", "one", false, t);
        let merged = merge(&a, &b);
        let step = |s: Step| merged.step(s).unwrap();
        assert_eq!(
            step(Step::KillParent).prediction.as_ref().unwrap().choice,
            "eperm"
        );
        assert_eq!(
            step(Step::Clone).prediction.as_ref().unwrap().choice,
            "one-and-tutor",
            "the later answer to the same question wins"
        );
        assert_eq!(
            step(Step::ProcLeak).task.as_ref().unwrap().state,
            TaskState::Passed
        );
        assert_eq!(step(Step::Summary).quiz.len(), 2);
        assert_eq!(
            merged.current_step.as_deref(),
            Some("clone"),
            "ours says where we are"
        );
        assert_eq!(
            (merged.started, merged.updated),
            (Some(t), Some(Timestamp(t.0 + 9)))
        );
    }
}
