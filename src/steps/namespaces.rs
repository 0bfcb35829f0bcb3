//! namespaces: the kinds of namespace this kernel has, read from the tutor's own
//! /proc/self/ns, and the tutor's PID namespace.

use super::{Acted, Facts, Reveals, StepDef, no_judge};
use crate::lesson::Step;
use crate::session::{Session, Stage, host};
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::Namespaces,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: None,
    judge: no_judge,
    task: None,
    experiment: None,
    reveals: Reveals::NOTHING,
};

/// namespaces: the kinds of namespace this kernel has, and the tutor's PID namespace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamespacesFacts {
    pub kind_count: usize,
    /// The kinds among the links in /proc/self/ns, sorted.
    pub kinds: Vec<String>,
    /// The other links (`pid_for_children`, `time_for_children`): the namespaces the
    /// tutor's next children get. `None` on a kernel that has none.
    pub for_children_links: Option<Vec<String>>,
    pub pid_ns_inode: Option<u64>,
}

fn act(_: &mut Session) -> Result<Acted> {
    let (kinds, extra): (Vec<String>, Vec<String>) = host::ns_links("self")
        .into_iter()
        .partition(|link| host::is_kind(link));
    let facts = NamespacesFacts {
        kind_count: kinds.len(),
        kinds,
        // Before Linux 4.12 there are none; the sentence about them then does not apply.
        for_children_links: (!extra.is_empty()).then_some(extra),
        pid_ns_inode: host::pid_ns_inode("self"),
    };
    Ok((Facts::Namespaces(facts), None))
}
