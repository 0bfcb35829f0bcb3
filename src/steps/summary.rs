//! summary: the last lab torn down, a scan of /proc for anything left in the PID
//! namespaces the session made (the summary quiz is asked here: `progress::QUIZ_STEP`).

use super::{Acted, Facts, Reveals, StepDef, no_judge};
use crate::lesson::Step;
use crate::session::{Session, Stage};
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::Summary,
    // The summary counts what is left: nothing may run.
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: None,
    judge: no_judge,
    task: None,
    experiment: None,
    reveals: Reveals::NOTHING,
};

/// summary: processes found, by a scan of /proc after the last teardown, in any PID
/// namespace the session made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryFacts {
    pub lab_processes_left: usize,
}

fn act(session: &mut Session) -> Result<Acted> {
    let facts = SummaryFacts {
        lab_processes_left: session.finish(),
    };
    Ok((Facts::Summary(facts), None))
}
