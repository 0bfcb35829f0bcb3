//! The second chapter's steps (fork-needed, nesting, joining, init-death,
//! signals-from-outside): each runs its experiment in a throwaway sandbox
//! (`lab::experiments`), adds what the tutor's own /proc showed while it ran, and keeps
//! the trees of the experiment's key moment on screen (`Session::still`) until the next
//! step: its processes are gone by then, and /proc would show nothing of them.

use super::Session;
use super::facts::Facts;
use super::steps::Before;
use crate::lab::experiments::{
    self, Experiment, ForkNeeded, InitDeath, Joining, Moment, Nesting, Outcome, SignalsFromOutside,
};
use crate::procs::Snapshot;
use anyhow::Result;
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

pub type ForkNeededFacts = Sandboxed<ForkNeeded>;
pub type NestingFacts = Sandboxed<NestingFromTutor>;
pub type JoiningFacts = Sandboxed<JoiningFromTutor>;
pub type InitDeathFacts = Sandboxed<InitDeath>;
pub type SignalsFromOutsideFacts = Sandboxed<SignalsFromOutside>;

/// nesting: the experiment's facts, and the same inner process seen from the tutor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NestingFromTutor {
    #[serde(flatten)]
    pub inside: Nesting,
    /// The inner level's PID 1 as the tutor's /proc gives its NSpid: one number more in
    /// front (the sandbox is itself a namespace below the tutor's).
    pub inner_nspid_from_tutor: Vec<i32>,
    /// How many levels below the namespace of the tutor's /proc the deepest namespace of
    /// the chain was (on a machine where that is the initial namespace: 32).
    pub deepest_level: usize,
}

/// joining: the experiment's facts, and the joined process seen from the tutor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoiningFromTutor {
    #[serde(flatten)]
    pub inside: Joining,
    /// The joined process's NSpid in the tutor's /proc: a number for every level.
    pub joined_nspid_from_tutor: Vec<i32>,
}

/// Runs `experiment`; its step's facts, and the trees before the change when the
/// experiment showed two moments (the last one stays on screen as the still).
pub fn act(session: &mut Session, experiment: Experiment) -> Result<(Facts, Option<Before>)> {
    let (mode, exe) = (session.mode, session.exe.clone());
    let (facts, moments, sandbox_ns) = match experiment {
        Experiment::ForkNeeded => {
            let outcome: Outcome<ForkNeeded> = experiments::run(experiment, mode, &exe)?;
            let facts = Facts::ForkNeeded(sandboxed(outcome.facts, outcome.sandbox));
            (facts, outcome.moments, outcome.sandbox_ns)
        }
        Experiment::Nesting => {
            let outcome: Outcome<Nesting> = experiments::run(experiment, mode, &exe)?;
            let sandbox_level = outcome
                .sandbox
                .and_then(|(pid, _)| outcome.moments.first()?.host.get(pid))
                .map_or(0, |p| p.nspid.len().saturating_sub(1));
            let facts = NestingFromTutor {
                inner_nspid_from_tutor: nspid_of(&outcome.moments, "level-3"),
                deepest_level: sandbox_level + outcome.facts.levels_below_sandbox,
                inside: outcome.facts,
            };
            let facts = Facts::Nesting(sandboxed(facts, outcome.sandbox));
            (facts, outcome.moments, outcome.sandbox_ns)
        }
        Experiment::Joining => {
            let outcome: Outcome<Joining> = experiments::run(experiment, mode, &exe)?;
            let facts = JoiningFromTutor {
                joined_nspid_from_tutor: nspid_of(&outcome.moments, "joined"),
                inside: outcome.facts,
            };
            let facts = Facts::Joining(sandboxed(facts, outcome.sandbox));
            (facts, outcome.moments, outcome.sandbox_ns)
        }
        Experiment::InitDeath => {
            let outcome: Outcome<InitDeath> = experiments::run(experiment, mode, &exe)?;
            let facts = Facts::InitDeath(sandboxed(outcome.facts, outcome.sandbox));
            (facts, outcome.moments, outcome.sandbox_ns)
        }
        Experiment::SignalsFromOutside => {
            let outcome: Outcome<SignalsFromOutside> = experiments::run(experiment, mode, &exe)?;
            let facts = Facts::SignalsFromOutside(sandboxed(outcome.facts, outcome.sandbox));
            (facts, outcome.moments, outcome.sandbox_ns)
        }
    };
    // Held for the summary's scan, like a torn-down lab's namespace.
    if let Some(ns) = sandbox_ns {
        session.keep_gone(ns);
    }
    // One moment: the still. Two: the change, from the first to the last.
    let mut views: Vec<Still> = moments
        .into_iter()
        .map(|m| (Some(m.host), Some(m.ns)))
        .collect();
    let still = views.pop();
    let before = if views.is_empty() {
        None
    } else {
        Some(views.swap_remove(0))
    };
    session.still = still;
    Ok((facts, before))
}

fn sandboxed<T>(facts: T, sandbox: Option<(i32, u64)>) -> Sandboxed<T> {
    Sandboxed {
        facts,
        sandbox_pid_ns: sandbox.map(|(_, inode)| inode),
    }
}

/// NSpid of the process called `name` in the tutor's /proc at the first moment.
fn nspid_of(moments: &[Moment], name: &str) -> Vec<i32> {
    moments
        .first()
        .and_then(|m| m.host.procs.iter().find(|p| p.name == name))
        .map(|p| p.nspid.clone())
        .unwrap_or_default()
}

/// The trees a finished experiment left on screen, unchanged until the next step.
pub type Still = (Option<Snapshot>, Option<Snapshot>);
