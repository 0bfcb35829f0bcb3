//! What each step of the lesson is, in one table: the lab stage it starts from and leaves
//! behind, the prediction it asks, its task and its experiment. Every layer asks the table
//! (`def`) instead of keeping a `match step` of its own.

use crate::lab::experiments::Experiment;
use crate::lesson::Step;
use crate::quiz::text::{self, QuestionText, chapter2};
use crate::session::Stage;
use crate::tasks::Task;

/// Everything the rest of the program needs to know about one step.
pub struct StepDef {
    pub step: Step,
    /// The stage the lab must be in before the step runs.
    pub before: Stage,
    /// The stage the step's action leaves behind.
    pub after: Stage,
    /// The question asked before the step runs, if it asks one.
    pub prediction: Option<&'static QuestionText>,
    /// The hands-on task done in the shell after the step, if it has one.
    pub task: Option<Task>,
    /// The second chapter's steps run an experiment in a sandbox of their own.
    pub experiment: Option<Experiment>,
}

impl StepDef {
    pub fn is_experiment(&self) -> bool {
        self.experiment.is_some()
    }
}

/// The table entry of `step`.
pub fn def(step: Step) -> &'static StepDef {
    &STEPS[step.index()]
}

/// The steps that ask for a prediction, in lesson order.
pub fn prediction_steps() -> impl Iterator<Item = Step> {
    Step::all().filter(|&step| def(step).prediction.is_some())
}

const fn row(step: Step, before: Stage, after: Stage) -> StepDef {
    StepDef {
        step,
        before,
        after,
        prediction: None,
        task: None,
        experiment: None,
    }
}

const fn experiment(
    step: Step,
    experiment: Experiment,
    prediction: &'static QuestionText,
) -> StepDef {
    StepDef {
        prediction: Some(prediction),
        experiment: Some(experiment),
        ..row(step, Stage::NoLab, Stage::NoLab)
    }
}

static STEPS: [StepDef; Step::COUNT] = [
    // The first steps look at the host; clone makes the namespace.
    row(Step::Namespaces, Stage::NoLab, Stage::NoLab),
    row(Step::Pid1, Stage::NoLab, Stage::NoLab),
    row(Step::PidNamespace, Stage::NoLab, Stage::NoLab),
    StepDef {
        prediction: Some(&text::CLONE),
        ..row(Step::Clone, Stage::NoLab, Stage::Fresh)
    },
    row(Step::Hostname, Stage::Fresh, Stage::Fresh),
    StepDef {
        prediction: Some(&text::KILL_PARENT),
        ..row(Step::KillParent, Stage::Fresh, Stage::Fresh)
    },
    StepDef {
        prediction: Some(&text::PROC_LEAK),
        task: Some(Task::ProcLeak),
        ..row(Step::ProcLeak, Stage::Fresh, Stage::Fresh)
    },
    StepDef {
        prediction: Some(&text::REMOUNT_PROC),
        task: Some(Task::RemountProc),
        ..row(Step::RemountProc, Stage::Fresh, Stage::Remounted)
    },
    StepDef {
        prediction: Some(&text::ORPHAN_REAPING),
        task: Some(Task::OrphanReaping),
        ..row(Step::OrphanReaping, Stage::Remounted, Stage::Orphaned)
    },
    StepDef {
        prediction: Some(&text::INIT_SIGNALS),
        task: Some(Task::InitSignals),
        ..row(Step::InitSignals, Stage::Orphaned, Stage::TornDown)
    },
    // The second chapter's experiments make namespaces of their own: no lab.
    experiment(
        Step::ForkNeeded,
        Experiment::ForkNeeded,
        &chapter2::FORK_NEEDED,
    ),
    experiment(Step::Nesting, Experiment::Nesting, &chapter2::NESTING),
    experiment(Step::Joining, Experiment::Joining, &chapter2::JOINING),
    experiment(
        Step::InitDeath,
        Experiment::InitDeath,
        &chapter2::INIT_DEATH,
    ),
    experiment(
        Step::SignalsFromOutside,
        Experiment::SignalsFromOutside,
        &chapter2::SIGNALS_FROM_OUTSIDE,
    ),
    // The summary counts what is left: nothing may run.
    row(Step::Summary, Stage::NoLab, Stage::NoLab),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_is_its_steps() {
        for step in Step::all() {
            assert_eq!(def(step).step, step);
            if let Some(task) = def(step).task {
                assert_eq!(task.step(), step);
            }
        }
        for task in Task::ALL {
            assert_eq!(def(task.step()).task, Some(task));
        }
    }
}
