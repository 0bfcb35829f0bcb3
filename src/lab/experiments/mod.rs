//! The experiments of the second and third chapters: short runs against the kernel that
//! need more than the lab's one namespace (a caller that unshares, three nested levels, a
//! process that joins, an init that dies, signals from outside; a PID 1 that never reaps,
//! pidfds, a namespace's own pid_max, proc's hidepid, chosen PIDs).
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
//! `host` is the tutor's side; `sandbox` and `kernel` the child's; one file per experiment,
//! found by the runner through the steps' table (`hidden_main` is handed the lookup).

pub mod fork_needed;
pub mod hidepid;
mod host;
pub mod init_death;
pub mod joining;
mod kernel;
pub mod nesting;
pub mod no_reaper;
pub mod pid_max;
pub mod pidfd;
mod sandbox;
pub mod set_tid;
pub mod signals;

pub use host::{Outcome, Shot, run};
pub use sandbox::{Sandbox, main as hidden_main};

use crate::procs::Snapshot;
use serde::{Deserialize, Serialize};

/// The argument that turns this program into an experiment's runner.
pub const EXPERIMENT_ARG: &str = "__experiment";

/// What an experiment is: what the sandbox's PID 1 runs, returning the facts as JSON for
/// the tutor. Each experiment's file has one (`EXPERIMENT`); its step registers it in the
/// steps' table, under the step's id, which is also the name on the runner's command line.
pub type Experiment = fn(&mut Sandbox) -> Result<serde_json::Value, String>;

/// An experiment's typed facts (or why it failed) as the JSON its runner reports.
fn json<T: Serialize>(result: Result<T, String>) -> Result<serde_json::Value, String> {
    result.and_then(|facts| serde_json::to_value(facts).map_err(|e| e.to_string()))
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
