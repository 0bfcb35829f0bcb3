//! hostname: the UTS namespace's own hostname, and the host's, unchanged.

use super::{Acted, Facts, Reveals, StepDef, no_judge};
use crate::lesson::Step;
use crate::session::{Session, Stage, host};
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::Hostname,
    before: Stage::Fresh,
    after: Stage::Fresh,
    act,
    prediction: None,
    judge: no_judge,
    task: None,
    experiment: None,
    reveals: Reveals::NOTHING,
};

/// hostname: the UTS namespace's hostname, and the host's (unchanged).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostnameFacts {
    pub ns_hostname: String,
    pub host_hostname: String,
}

fn act(session: &mut Session) -> Result<Acted> {
    let identity = session.lab_or_err()?.identity()?;
    let facts = HostnameFacts {
        ns_hostname: identity.hostname,
        host_hostname: host::hostname(),
    };
    Ok((Facts::Hostname(facts), None))
}
