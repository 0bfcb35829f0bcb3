//! no-reaper: a PID namespace whose PID 1 waits for the children it started (by PID, as
//! any program does) but never calls wait() for anyone else: what `docker run` without
//! `--init` gives when the program is not written to be an init. Each orphan that ends
//! after its parent is adopted by that PID 1 and stays a zombie (state Z) under it, one
//! more each round. Then the same rounds under a PID 1 that reaps (a `waitpid(-1)` loop,
//! what tini and `docker run --init` add): no zombie is left. Independent check: none in
//! LTP or the selftests asserts the zombie count; tests/chapter3_live.rs reads the states
//! from /proc/PID/stat itself.

use super::kernel::{self, Reports};
use super::nesting::ListedProc;
use super::sandbox::Sandbox;
use nix::errno::Errno;
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{Pid, getppid};
use serde::{Deserialize, Serialize};

/// How many orphans each PID 1 gets, one per round.
pub const ROUNDS: usize = 3;

/// What each PID 1 left behind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoReaper {
    /// Zombies among the children of the PID 1 that never waits, counted after each
    /// round (its own /proc): one more each time.
    pub zombies_per_round: Vec<usize>,
    /// The orphans under it after the last round, as the sandbox's /proc gives them:
    /// state `Z` each; PIDs are the namespace's own.
    pub orphans: Vec<Orphan>,
    /// The same count after each round under the PID 1 that reaps: 0 every time.
    pub zombies_per_round_with_reaper: Vec<usize>,
    /// How the orphans under the reaping PID 1 ended, as its wait() saw them.
    pub reaped: Vec<String>,
}

/// An adopted orphan: its name and PID inside, its parent there, and the state letter
/// the sandbox's /proc/PID/stat gives it (`Z` once it has ended unreaped).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Orphan {
    #[serde(flatten)]
    pub seen: ListedProc,
    pub ppid: i32,
    pub state: String,
}

/// What a PID 1 says after a round: the zombies among its children, and what it reaped.
#[derive(Serialize, Deserialize)]
struct Round {
    zombies: usize,
    reaped: Vec<String>,
}

/// The experiment, as its step registers it.
pub const EXPERIMENT: super::Experiment = |sandbox| super::json(run(sandbox));

pub fn run(sandbox: &mut Sandbox) -> Result<NoReaper, String> {
    let mut facts = NoReaper::default();
    // The PID 1 that never reaps; the trees show its zombies, then it is killed (and its
    // zombies go with its namespace).
    let (init, rounds) = pid1("no-reaper", false)?;
    let orphans = rounds.and_then(|rounds| {
        facts.zombies_per_round = rounds.iter().map(|r| r.zombies).collect();
        let view = sandbox.view_of(init);
        sandbox.show(view.clone())?;
        Ok(orphans_of(init, &view))
    });
    let _ = kernel::end(init);
    facts.orphans = orphans?;

    let (init, rounds) = pid1("reaper", true)?;
    let shown = rounds.and_then(|rounds| {
        facts.zombies_per_round_with_reaper = rounds.iter().map(|r| r.zombies).collect();
        facts.reaped = rounds.into_iter().flat_map(|r| r.reaped).collect();
        sandbox.show(sandbox.view_of(init))
    });
    let _ = kernel::end(init);
    shown?;
    Ok(facts)
}

/// Starts a PID 1 named `name` in a new namespace, which runs the rounds (reaping or not)
/// and then holds; its sandbox PID, and what it said after each round.
fn pid1(name: &str, reaps: bool) -> Result<(Pid, Result<Vec<Round>, String>), String> {
    let mut said = Reports::new()?;
    let init = kernel::spawn_init(name, || {
        if kernel::own_proc().is_err() {
            return 1;
        }
        for _ in 0..ROUNDS {
            match round(reaps) {
                Ok(r) => said.send(&Ok::<Round, String>(r)),
                Err(e) => said.send(&Err::<Round, String>(e)),
            }
        }
        kernel::hold()
    })?;
    let rounds = (0..ROUNDS)
        .map(|_| said.recv::<Result<Round, String>>()?)
        .collect();
    Ok((init, rounds))
}

/// One round, run by the PID 1: a worker starts an orphan-to-be and exits (the PID 1 waits
/// for the worker by its PID); the orphan waits until it is adopted, then ends. A PID 1
/// that reaps then collects it; one that does not leaves it a zombie.
fn round(reaps: bool) -> Result<Round, String> {
    let mut orphan = Reports::new()?;
    let worker = kernel::spawn("worker", || {
        let child = kernel::spawn("orphan", || {
            // Ends only once adopted by PID 1: it outlives its parent.
            if kernel::wait_until(|| getppid().as_raw() == 1) {
                0
            } else {
                1
            }
        });
        orphan.send(&child.map(Pid::as_raw).map_err(|e| e.to_string()));
        0
    })
    .map_err(|e| format!("fork the worker: {e}"))?;
    kernel::reap(worker)?;
    let pid = Pid::from_raw(orphan.recv::<Result<i32, String>>()??);
    // Until it has ended: a zombie of ours, or gone.
    kernel::wait_until(|| kernel::state(pid).is_none_or(|s| s == 'Z'));
    let mut reaped = Vec::new();
    if reaps {
        // What tini does: wait for any child, until none has ended.
        loop {
            match waitpid(Pid::from_raw(-1), Some(WaitPidFlag::WNOHANG)) {
                Ok(status @ (WaitStatus::Exited(..) | WaitStatus::Signaled(..))) => {
                    reaped.push(kernel::ended(status));
                }
                Ok(_) | Err(Errno::ECHILD) => break,
                Err(Errno::EINTR) => continue,
                Err(e) => return Err(format!("waitpid(-1): {e}")),
            }
        }
    }
    let me = nix::unistd::getpid();
    let zombies = kernel::children(me)
        .into_iter()
        .filter(|&c| kernel::state(c) == Some('Z'))
        .count();
    Ok(Round { zombies, reaped })
}

/// The children of `init` (a PID of the sandbox; its workers were reaped, so these are
/// the orphans it adopted), as the namespace's own /proc names them, with the state the
/// sandbox's /proc gives.
fn orphans_of(init: Pid, view: &crate::procs::Snapshot) -> Vec<Orphan> {
    kernel::children(init)
        .into_iter()
        .filter_map(|pid| {
            let state = kernel::state(pid)?;
            let inside = *kernel::nspid("/proc", pid).last()?;
            let p = view.get(inside)?;
            Some(Orphan {
                seen: ListedProc::of(p),
                ppid: p.ppid,
                state: state.to_string(),
            })
        })
        .collect()
}
