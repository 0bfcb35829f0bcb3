//! nesting: PID namespaces nest. Three levels (the sandbox, a middle one, an inner one),
//! each with its own /proc: a process of the inner level has one PID per level, `NSpid`
//! lists them, and each level's /proc shows that level and those below it, never those
//! above. Then a chain goes deeper until the kernel refuses: 32 levels below the initial
//! namespace at most, the next unshare(CLONE_NEWPID) fails with ENOSPC. Independent
//! check: LTP's pidns32 (32 levels can be made); the kernel's `MAX_PID_NS_LEVEL`.

use super::Sandbox;
use super::kernel::{self, Reports, errno_name};
use crate::procs::{Proc, Snapshot};
use nix::sched::{CloneFlags, unshare};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};

/// A process as one level's /proc lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedProc {
    pub name: String,
    pub pid: i32,
}

impl ListedProc {
    /// The name and PID of `p`, as the /proc it was read from gives them.
    pub fn of(p: &Proc) -> ListedProc {
        ListedProc {
            name: p.name.clone(),
            pid: p.pid,
        }
    }

    /// Every process `view` lists.
    pub fn all(view: &Snapshot) -> Vec<ListedProc> {
        view.procs.iter().map(ListedProc::of).collect()
    }
}

/// What the three levels saw, and how deep the kernel let a chain go.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nesting {
    /// The inner level's PID 1, as the outer level's /proc gives its NSpid: one number
    /// per level, outer first (`3 2 1`).
    pub inner_nspid: Vec<i32>,
    /// What each level's own /proc lists.
    pub outer_sees: Vec<ListedProc>,
    pub middle_sees: Vec<ListedProc>,
    pub inner_sees: Vec<ListedProc>,
    /// Namespaces the chain made below the sandbox's before the kernel said no.
    pub levels_below_sandbox: usize,
    /// What the refused unshare(CLONE_NEWPID) returned (ENOSPC).
    pub limit_errno: String,
}

/// The experiment, as its step registers it.
pub const EXPERIMENT: super::Experiment = |sandbox| super::json(run(sandbox));

pub fn run(sandbox: &mut Sandbox) -> Result<Nesting, String> {
    let mut ready = Reports::new()?;
    let middle = kernel::spawn_init("level-2", || {
        if kernel::own_proc().is_err() {
            return 1;
        }
        let inner = kernel::spawn_init("level-3", || {
            if kernel::own_proc().is_ok() {
                ready.send(&());
            }
            kernel::hold()
        });
        match inner {
            // We are the middle level's init: we hold until the sandbox ends us (and the
            // kernel then ends the inner level with us).
            Ok(_) => kernel::hold(),
            Err(_) => 1,
        }
    })?;
    let levels = ready.recv::<()>().and_then(|()| {
        let outer = sandbox.own_view();
        let inner = outer
            .procs
            .iter()
            .find(|p| p.name == "level-3")
            .map(|p| Pid::from_raw(p.pid))
            .ok_or("the inner level is not in the sandbox's /proc")?;
        let middle_view = sandbox.view_of(middle);
        let inner_view = sandbox.view_of(inner);
        sandbox.show(middle_view.clone())?;
        Ok((
            kernel::nspid("/proc", inner),
            outer,
            middle_view,
            inner_view,
        ))
    });
    kernel::end(middle)?;
    let (inner_nspid, outer, middle_view, inner_view) = levels?;

    let mut limit = Reports::new()?;
    let chain = kernel::spawn("deeper", || deeper(&limit, 0))
        .map_err(|e| format!("fork the chain: {e}"))?;
    let reached: Result<(usize, String), String> = limit.recv();
    kernel::reap(chain)?;
    let (levels_below_sandbox, limit_errno) = reached?;
    Ok(Nesting {
        inner_nspid,
        outer_sees: ListedProc::all(&outer),
        middle_sees: ListedProc::all(&middle_view),
        inner_sees: ListedProc::all(&inner_view),
        levels_below_sandbox,
        limit_errno,
    })
}

/// One link of the chain, `depth` levels below the sandbox: a new PID namespace and a
/// child as its PID 1, which goes on, until unshare fails. The failing link reports.
fn deeper(reports: &Reports, depth: usize) -> i32 {
    match unshare(CloneFlags::CLONE_NEWPID) {
        Err(errno) => {
            reports.send(&(depth, errno_name(errno)));
            0
        }
        Ok(()) => match kernel::spawn("deeper", || deeper(reports, depth + 1)) {
            Ok(child) => kernel::reap(child).map_or(1, |_| 0),
            Err(errno) => {
                reports.send(&(depth, format!("fork: {}", errno_name(errno))));
                1
            }
        },
    }
}
