//! fork-needed: `unshare(CLONE_NEWPID)` does not move the caller. Its PID and its PID
//! namespace stay; only `pid_for_children` changes, and that link cannot even be read
//! (ENOENT) until the first child exists. That child is PID 1; once it has exited, the
//! caller's next fork() fails with ENOMEM: the namespace has lost its init for good.
//! Independent checks: the kernel's selftest pid_namespace/regression_enomem (the ENOMEM)
//! and LTP's unshare05 (the first child after unshare is PID 1).

use super::Sandbox;
use super::kernel::{self, Reports, errno_name, ns_inode};
use nix::sched::{CloneFlags, unshare};
use nix::unistd::{getpid, getppid};
use serde::{Deserialize, Serialize};

/// What the caller and its children saw.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForkNeeded {
    /// The caller's getpid() before and after unshare(CLONE_NEWPID).
    pub caller_pid_before: i32,
    pub caller_pid_after: i32,
    /// Its own PID namespace (ns/pid) before and after: the same.
    pub caller_pid_ns_before: u64,
    pub caller_pid_ns_after: u64,
    /// Reading ns/pid_for_children right after unshare: the errno (ENOENT), or the link.
    pub pid_for_children_after_unshare: String,
    /// What the first child's getpid() and getppid() returned.
    pub first_child_pid: i32,
    pub first_child_ppid: i32,
    /// ns/pid_for_children while the first child lives: the new namespace's inode.
    pub pid_for_children_with_child: u64,
    /// The first child's own ns/pid, read by itself: the same new namespace.
    pub first_child_pid_ns: u64,
    /// How the first child ended (it exits by itself: `exit(0)`).
    pub first_child_ended: String,
    /// What the caller's second fork() returned once the first child had exited:
    /// `-1 (ENOMEM)`.
    pub second_fork: String,
}

/// The experiment, as its step registers it.
pub const EXPERIMENT: super::Experiment = |sandbox| super::json(run(sandbox));

/// Runs the experiment in a child of the sandbox's PID 1 (a caller that is not an init).
pub fn run(sandbox: &mut Sandbox) -> Result<ForkNeeded, String> {
    let mut reports = Reports::new()?;
    let caller = kernel::spawn("caller", || {
        reports.send(&caller(sandbox));
        0
    })
    .map_err(|e| format!("fork the caller: {e}"))?;
    let result = reports.recv::<Result<ForkNeeded, String>>();
    kernel::reap(caller)?;
    result?
}

/// The caller: unshare, then two forks.
fn caller(sandbox: &mut Sandbox) -> Result<ForkNeeded, String> {
    let caller_pid_before = getpid().as_raw();
    let caller_pid_ns_before = ns_inode("/proc/self/ns/pid").map_err(|e| e.to_string())?;
    unshare(CloneFlags::CLONE_NEWPID).map_err(|e| format!("unshare(CLONE_NEWPID): {e}"))?;
    let caller_pid_after = getpid().as_raw();
    let caller_pid_ns_after = ns_inode("/proc/self/ns/pid").map_err(|e| e.to_string())?;
    let pid_for_children_after_unshare = match ns_inode("/proc/self/ns/pid_for_children") {
        Ok(inode) => format!("pid:[{inode}]"),
        Err(errno) => errno_name(errno),
    };

    // The first child reports who it is, then waits until we have looked (and the tutor
    // has), and exits by itself.
    let mut child_reports = Reports::new()?;
    let mut go = Reports::new()?;
    let first = kernel::spawn("first-child", || {
        let pid_ns = ns_inode("/proc/self/ns/pid").unwrap_or(0);
        child_reports.send(&(getpid().as_raw(), getppid().as_raw(), pid_ns));
        match go.recv::<()>() {
            Ok(()) => 0,
            Err(_) => 1,
        }
    })
    .map_err(|e| format!("the first fork after unshare: {e}"))?;
    let seen: Result<(i32, i32, u64), String> = child_reports.recv();
    let with_child = ns_inode("/proc/self/ns/pid_for_children");
    // The trees: the caller has one PID, its first child two (the sandbox's and 1).
    let shown = sandbox.show(sandbox.own_view());
    go.send(&());
    let first_child_ended = kernel::reap(first)?;
    shown?;
    let (first_child_pid, first_child_ppid, first_child_pid_ns) = seen?;

    let second_fork = kernel::fork_returned(kernel::spawn("second-child", || 0));
    Ok(ForkNeeded {
        caller_pid_before,
        caller_pid_after,
        caller_pid_ns_before,
        caller_pid_ns_after,
        pid_for_children_after_unshare,
        first_child_pid,
        first_child_ppid,
        pid_for_children_with_child: with_child.map_err(|e| e.to_string())?,
        first_child_pid_ns,
        first_child_ended,
        second_fork,
    })
}
