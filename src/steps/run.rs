//! Runs a step against the live lab and returns what was observed. `walk`, `record` and
//! the TUI all go through here, so they show the same facts.

use super::{Facts, STEPS, def};
use crate::lesson::Step;
use crate::procs::Snapshot;
use crate::session::{Session, Stage, TreePair};
use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};

/// What a step's action returns: its facts, and for a step whose point is a change
/// (orphan-reaping, an experiment with two moments), the two tree views just before it.
pub type Acted = (Facts, Option<TreePair>);

/// What one step's action observed. As JSON (recordings): `{"step": ID, "facts": {...},
/// "host_view": ...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// The step's facts, observed live (see the lesson's `live:` sentences); they say
    /// which step this is (the `"step"` and `"facts"` fields of the JSON).
    #[serde(flatten)]
    pub facts: Facts,
    /// The host's /proc around the tutor and the lab, right after the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_view: Option<Snapshot>,
    /// What the namespace's /proc showed right after the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ns_view: Option<Snapshot>,
    /// For a step whose point is a change (orphan-reaping), both views just before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_view_before: Option<Snapshot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ns_view_before: Option<Snapshot>,
}

impl Observation {
    /// An observation of `facts` alone, without tree views.
    pub fn new(facts: Facts) -> Observation {
        Observation {
            facts,
            host_view: None,
            ns_view: None,
            host_view_before: None,
            ns_view_before: None,
        }
    }

    pub fn step(&self) -> Step {
        self.facts.step()
    }
}

/// Brings the lab to the stage `step` starts from.
pub fn prepare(session: &mut Session, step: Step) -> Result<()> {
    session.reach(def(step).before, advance)
}

/// Prepares for `step`, runs its action, and returns what it observed.
pub fn run(session: &mut Session, step: Step) -> Result<Observation> {
    let def = def(step);
    prepare(session, step)?;
    let (facts, before) = (def.act)(session)?;
    session.acted(def.after);
    let (host_view, ns_view) = session.views();
    let (host_view_before, ns_view_before) = before.unwrap_or_default();
    Ok(Observation {
        facts,
        host_view,
        ns_view,
        host_view_before,
        ns_view_before,
    })
}

/// Moves the lab on from stage `from` by the action of the step that starts there and
/// leaves it further on (remount-proc, orphan-reaping): a later step needs what it did.
fn advance(session: &mut Session, from: Stage) -> Result<Stage> {
    let def = STEPS
        .iter()
        .find(|d| d.before == from && d.after > from)
        .ok_or_else(|| anyhow!("no step leads on from {from:?}"))?;
    (def.act)(session)?;
    Ok(def.after)
}
