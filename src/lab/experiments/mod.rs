//! The second chapter's experiments: short runs against the kernel that need more than the
//! lab's one namespace (a caller that unshares, three nested levels, a process that joins,
//! an init that dies, signals from outside).
//!
//! Each runs in a child made by re-executing this program with a hidden argument
//! (`EXPERIMENT_ARG`), never in the tutor itself: the tutor may be multithreaded, and
//! between fork and exec such a program may only make async-signal-safe calls. After the
//! exec the child is single-threaded and runs ordinary Rust. It first makes a throwaway
//! *sandbox* (a user namespace in mode userns, then a PID and a mount namespace of its own,
//! with a fresh /proc), so that everything the experiment forks or signals stays inside
//! it, and all of it dies with the sandbox's PID 1. It reports on its stdout, one JSON
//! line at a time (`Line`): moments the trees should show, then its typed facts.
//!
//! `host` is the tutor's side; `sandbox` and `kernel` the child's; one file per experiment.

mod fork_needed;
mod host;
mod init_death;
mod joining;
mod kernel;
mod nesting;
mod sandbox;
mod signals;

pub use fork_needed::ForkNeeded;
pub use host::{Moment, Outcome, run};
pub use init_death::InitDeath;
pub use joining::Joining;
pub use nesting::Nesting;
pub use sandbox::main as hidden_main;
pub use signals::SignalsFromOutside;

use crate::procs::Snapshot;
use serde::{Deserialize, Serialize};

/// The argument that turns this program into an experiment's runner.
pub const EXPERIMENT_ARG: &str = "__experiment";

/// The experiments, one per step of the second chapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Experiment {
    ForkNeeded,
    Nesting,
    Joining,
    InitDeath,
    SignalsFromOutside,
}

impl Experiment {
    pub const ALL: [Experiment; 5] = [
        Experiment::ForkNeeded,
        Experiment::Nesting,
        Experiment::Joining,
        Experiment::InitDeath,
        Experiment::SignalsFromOutside,
    ];

    /// The name on the command line of the runner (the same as the lesson's step id).
    pub fn id(self) -> &'static str {
        match self {
            Experiment::ForkNeeded => "fork-needed",
            Experiment::Nesting => "nesting",
            Experiment::Joining => "joining",
            Experiment::InitDeath => "init-death",
            Experiment::SignalsFromOutside => "signals-from-outside",
        }
    }

    pub fn from_id(id: &str) -> Option<Experiment> {
        Experiment::ALL.into_iter().find(|e| e.id() == id)
    }
}

/// What the runner prints, one JSON object per line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "line", rename_all = "snake_case")]
pub enum Line {
    /// A moment the trees should show. The runner waits (for one byte on its stdin) until
    /// the tutor has read its own /proc, so the processes are there to be seen.
    Show {
        /// The /proc of the namespace the experiment is about, read from inside.
        ns_view: Snapshot,
    },
    /// The experiment's facts (one of the per-experiment structs).
    Done { facts: serde_json::Value },
    /// It could not be done; why.
    Failed { message: String },
}
