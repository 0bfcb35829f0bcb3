//! What the second chapter's steps share: each runs its experiment in a throwaway sandbox
//! (`lab::experiments`), adds what the tutor's own /proc showed while it ran, and keeps
//! the trees of the experiment's key moment on screen (`Session::hold_still`) until the
//! next step: its processes are gone by then, and /proc would show nothing of them.

use super::{Acted, Facts};
use crate::lab::experiments::{self, Outcome, Shot};
use crate::lesson::Step;
use crate::session::{Session, TreePair};
use anyhow::Result;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A second-chapter step's facts: the experiment's (with what the tutor adds), and the
/// PID namespace of the sandbox it ran in (gone by the time they are shown; the tests
/// check that nothing of it is left).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sandboxed<T> {
    #[serde(flatten)]
    pub facts: T,
    pub sandbox_pid_ns: Option<u64>,
}

/// Runs `step`'s experiment in the session's mode.
pub fn run<T: DeserializeOwned>(session: &Session, step: Step) -> Result<Outcome<T>> {
    experiments::run(step.id(), session.mode(), session.exe())
}

/// The whole action of a step whose facts are its experiment's as they came: runs it,
/// files its outcome, and wraps the facts in the step's variant of `Facts` (`wrap`).
pub fn act<T: DeserializeOwned + Clone>(
    session: &mut Session,
    step: Step,
    wrap: fn(Sandboxed<T>) -> Facts,
) -> Result<Acted> {
    let outcome: Outcome<T> = run(session, step)?;
    let facts = wrap(sandboxed(outcome.facts.clone(), outcome.sandbox));
    finish(session, outcome, facts)
}

/// Files an experiment's outcome with its step's `facts`: its sandbox's namespace is held
/// for the summary's scan (like a torn-down lab's), its last moment stays on screen, and
/// with two moments the first is the "before" of the change.
pub fn finish<T>(session: &mut Session, outcome: Outcome<T>, facts: Facts) -> Result<Acted> {
    if let Some(ns) = outcome.sandbox_ns {
        session.keep_gone(ns);
    }
    let mut views: Vec<TreePair> = outcome
        .moments
        .into_iter()
        .map(|m| (Some(m.host), Some(m.ns)))
        .collect();
    let still = views.pop();
    let before = if views.is_empty() {
        None
    } else {
        Some(views.swap_remove(0))
    };
    session.hold_still(still);
    Ok((facts, before))
}

/// `facts` with the PID namespace of the sandbox they were observed in.
pub fn sandboxed<T>(facts: T, sandbox: Option<(i32, u64)>) -> Sandboxed<T> {
    Sandboxed {
        facts,
        sandbox_pid_ns: sandbox.map(|(_, inode)| inode),
    }
}

/// NSpid of the process called `name` in the tutor's /proc at the first moment.
pub fn nspid_of(moments: &[Shot], name: &str) -> Vec<i32> {
    moments
        .first()
        .and_then(|m| m.host.procs.iter().find(|p| p.name == name))
        .map(|p| p.nspid.clone())
        .unwrap_or_default()
}
