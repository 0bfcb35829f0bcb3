//! pid-1: who PID 1 of the tutor's /proc is, and the tutor's ancestors up to it.

use super::{Acted, Facts, Reveals, StepDef, no_judge};
use crate::lesson::Step;
use crate::session::host::{self, NamedPid};
use crate::session::{Session, Stage};
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::Pid1,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: None,
    judge: no_judge,
    task: None,
    experiment: None,
    reveals: Reveals::NOTHING,
};

/// pid-1: who PID 1 of the tutor's /proc is, and the tutor's ancestors as far as it shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pid1Facts {
    pub init_name: Option<String>,
    pub self_chain: Vec<NamedPid>,
}

fn act(_: &mut Session) -> Result<Acted> {
    let facts = Pid1Facts {
        init_name: host::comm(1),
        self_chain: host::self_chain(),
    };
    Ok((Facts::Pid1(facts), None))
}
