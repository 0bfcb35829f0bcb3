//! Two tutors on one progress file (two terminals, a TUI and `walk --quiz`): each save
//! merges what this run knows with what the file holds now (under a lock, see
//! `store::Store::save`), so neither loses the other's answers. The first answer to a
//! question stays first (what a teacher counts) and every later one is kept as a retry; a
//! passed task stays passed; the learner keeps the identity the file has; the saving run
//! says where it is.

use super::{Answer, Progress, StepRecord, TaskRecord, TaskState};
use std::collections::{BTreeMap, BTreeSet};

/// `ours` with everything `theirs` (the file as it is now) knows and `ours` does not.
pub fn merge(ours: &Progress, theirs: &Progress) -> Progress {
    let mut merged = ours.clone();
    merged.started = earliest(ours.started, theirs.started);
    merged.updated = ours.updated.max(theirs.updated);
    // The file's identity was made first: a second run must not give the learner a new id
    // (two runs that each made one before either saved); a new name for the same id holds.
    if let Some(file) = &theirs.learner
        && ours.learner.as_ref().is_none_or(|o| o.id != file.id)
    {
        merged.learner = Some(file.clone());
    }
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
    let (prediction, retries) = answers(
        ours.prediction.as_ref(),
        &ours.retries,
        theirs.prediction.as_ref(),
        &theirs.retries,
    );
    let mut quiz = BTreeMap::new();
    let mut quiz_retries = BTreeMap::new();
    let questions: BTreeSet<&String> = ours.quiz.keys().chain(theirs.quiz.keys()).collect();
    for question in questions {
        let none = Vec::new();
        let (first, later) = answers(
            ours.quiz.get(question),
            ours.quiz_retries.get(question).unwrap_or(&none),
            theirs.quiz.get(question),
            theirs.quiz_retries.get(question).unwrap_or(&none),
        );
        if let Some(first) = first {
            quiz.insert(question.clone(), first);
        }
        if !later.is_empty() {
            quiz_retries.insert(question.clone(), later);
        }
    }
    StepRecord {
        visited: ours.visited.max(theirs.visited),
        prediction,
        retries,
        task: task(ours.task.as_ref(), theirs.task.as_ref()).cloned(),
        quiz,
        quiz_retries,
    }
}

/// Both sides' answers to one question, in the order they were given, each once: the
/// earliest is the first answer, the rest are retries.
fn answers(
    our_first: Option<&Answer>,
    our_retries: &[Answer],
    their_first: Option<&Answer>,
    their_retries: &[Answer],
) -> (Option<Answer>, Vec<Answer>) {
    let mut all: Vec<Answer> = our_first
        .into_iter()
        .chain(our_retries)
        .chain(their_first)
        .chain(their_retries)
        .cloned()
        .collect();
    // Stable: of two answers given at the same moment, ours comes first.
    all.sort_by_key(|a| a.at);
    all.dedup();
    let mut all = all.into_iter();
    (all.next(), all.collect())
}

/// A pass is never undone (as `Progress::task` keeps it); else the later state.
fn task<'a>(
    ours: Option<&'a TaskRecord>,
    theirs: Option<&'a TaskRecord>,
) -> Option<&'a TaskRecord> {
    match (ours, theirs) {
        (Some(o), Some(t)) => {
            let passed = |x: &TaskRecord| x.state == TaskState::Passed;
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
    fn two_runs_answers_both_survive_and_the_first_stays_first() {
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
            "one-and-zero",
            "the first answer to a question stays first"
        );
        let retries: Vec<&str> = step(Step::Clone)
            .retries
            .iter()
            .map(|a| a.choice.as_str())
            .collect();
        assert_eq!(retries, ["one-and-tutor"], "the later one is a retry");
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
