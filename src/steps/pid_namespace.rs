//! pid-namespace: the tutor's PIDs in its NSpid line, and the figure of nested namespaces.

use super::{Acted, Facts, Reveals, StepDef, When, no_judge};
use crate::lesson::Step;
use crate::session::{Session, Stage, host};
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::PidNamespace,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: None,
    judge: no_judge,
    task: None,
    experiment: None,
    reveals: Reveals {
        figure: When::Always,
        ..Reveals::NOTHING
    },
};

/// pid-namespace: the tutor's PIDs in its NSpid line, from the PID namespace of the /proc
/// read (not necessarily the outermost) down to its own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PidNamespaceFacts {
    /// The levels visible through this /proc.
    pub ns_depth: usize,
    pub self_nspid: Vec<i64>,
}

fn act(_: &mut Session) -> Result<Acted> {
    let nspid = host::status_numbers("self", "NSpid");
    let facts = PidNamespaceFacts {
        ns_depth: nspid.len(),
        self_nspid: nspid,
    };
    Ok((Facts::PidNamespace(facts), None))
}
