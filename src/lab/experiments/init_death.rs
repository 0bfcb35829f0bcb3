//! init-death: when a PID namespace's init dies, the kernel sends SIGKILL to every other
//! process in it, those its init started and those that joined from outside alike. The
//! namespace itself lives on as long as something refers to it (here an open fd on its
//! ns/pid link): setns() into it still succeeds, but fork() then fails with ENOMEM, so
//! it can never hold a process again. Independent checks: LTP's pidns05 (nothing left
//! after the init is killed) and the kernel's selftest pid_namespace/regression_enomem.

use super::Sandbox;
use super::kernel::{self, Reports};
use super::nesting::ListedProc;
use crate::procs::Snapshot;
use nix::sched::{CloneFlags, setns};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};
use std::os::fd::AsFd;

/// What was in the namespace, how its members ended, and what the kept fd still allows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitDeath {
    /// The namespace's own /proc before its init is killed.
    pub members_before: Vec<ListedProc>,
    /// How the init ended (the sandbox sent SIGKILL from the parent namespace).
    pub init_ended: String,
    /// How the member that joined from outside ended (its parent, the sandbox, saw it).
    pub joined_member_ended: String,
    /// Processes still in the namespace afterwards (by its inode, in the sandbox's /proc).
    pub left_after: usize,
    /// What setns() on the fd kept open on the namespace returned after the init's death
    /// (`0`).
    pub setns_after: String,
    /// What fork() into it returned after that setns() (`-1 (ENOMEM)`).
    pub fork_after: String,
}

/// The experiment, as its step registers it.
pub const EXPERIMENT: super::Experiment = |sandbox| super::json(run(sandbox));

pub fn run(sandbox: &mut Sandbox) -> Result<InitDeath, String> {
    let mut ready = Reports::new()?;
    let init = kernel::spawn_init("doomed-init", || {
        if kernel::own_proc().is_err() {
            return 1;
        }
        // A member the init starts itself; it says when it is there (and named).
        let _ = kernel::spawn("member-a", || {
            ready.send(&());
            kernel::hold()
        });
        kernel::hold()
    })?;
    let result = ready
        .recv::<()>()
        .and_then(|()| observe(sandbox, init, &mut ready));
    if result.is_err() {
        let _ = kernel::end(init);
    }
    result
}

fn observe(sandbox: &mut Sandbox, init: Pid, ready: &mut Reports) -> Result<InitDeath, String> {
    let kept = std::fs::File::open(format!("/proc/{init}/ns/pid"))
        .map_err(|e| format!("keep the namespace open: {e}"))?;
    let inode = kernel::ns_inode(&format!("/proc/{init}/ns/pid")).map_err(|e| e.to_string())?;
    let own = std::fs::File::open("/proc/self/ns/pid").map_err(|e| format!("open ns: {e}"))?;
    // A member that joins from outside: our child, but in the namespace.
    setns(kept.as_fd(), CloneFlags::CLONE_NEWPID).map_err(|e| format!("setns: {e}"))?;
    let joined = kernel::spawn("member-b", || {
        ready.send(&());
        kernel::hold()
    });
    setns(own.as_fd(), CloneFlags::CLONE_NEWPID).map_err(|e| format!("setns back: {e}"))?;
    let joined = joined.map_err(|e| format!("fork after setns: {e}"))?;
    ready.recv::<()>()?;

    let before = sandbox.view_of(init);
    sandbox.show(before.clone())?;
    kill(init, Signal::SIGKILL).map_err(|e| format!("kill the init: {e}"))?;
    // The dying init waits until a member whose parent is outside has been reaped: reap
    // ours first, then the init.
    let joined_member_ended = kernel::reap(joined)?;
    let init_ended = kernel::reap(init)?;
    let left_after = in_namespace(inode);

    let setns_after = kernel::returned(setns(kept.as_fd(), CloneFlags::CLONE_NEWPID));
    let fork_after = kernel::fork_returned(kernel::spawn("too-late", || 0));
    setns(own.as_fd(), CloneFlags::CLONE_NEWPID).map_err(|e| format!("setns back: {e}"))?;
    // The same moment from the tree's side: the sandbox alone, the namespace empty.
    sandbox.show(Snapshot::default())?;
    Ok(InitDeath {
        members_before: ListedProc::all(&before),
        init_ended,
        joined_member_ended,
        left_after,
        setns_after,
        fork_after,
    })
}

/// How many processes in our /proc belong to the PID namespace `inode`.
fn in_namespace(inode: u64) -> usize {
    sandbox_pids()
        .into_iter()
        .filter(|pid| kernel::ns_inode(&format!("/proc/{pid}/ns/pid")) == Ok(inode))
        .count()
}

fn sandbox_pids() -> Vec<i32> {
    std::fs::read_dir("/proc")
        .map(|dir| {
            dir.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}
