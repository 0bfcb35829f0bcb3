//! joining: a process outside a namespace joins it with setns() and forks, as
//! `nsenter -p` and `docker exec` do. setns() does not move the caller (like unshare, it
//! only sets where its next child goes); the child gets the next free PID inside, and its
//! parent, being outside, has no number there: getppid() is 0. It shows in both trees:
//! under its real parent in the outer /proc, as a root of its own in the inner one.
//! Independent check: the kernel's selftests pidfd_setns_test (the caller's own PID
//! namespace does not change) and pid_namespace/pidns_init_via_setns.

use super::Sandbox;
use super::kernel::{self, Reports};
use super::nesting::ListedProc;
use nix::sched::{CloneFlags, setns};
use nix::sys::signal::{Signal, kill};
use nix::unistd::{Pid, getpid, getppid};
use serde::{Deserialize, Serialize};
use std::os::fd::AsFd;

/// What the joiner, the joined process and both /procs said.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joining {
    /// `/proc/sys/kernel/ns_last_pid` inside, read by the namespace's init before the
    /// join: the last PID handed out there.
    pub ns_last_pid_before: i32,
    /// The joiner's getpid() before and after setns(): unchanged.
    pub joiner_pid_before: i32,
    pub joiner_pid_after: i32,
    /// What the joined child's getpid() and getppid() returned.
    pub joined_pid: i32,
    pub joined_ppid: i32,
    /// The joined child as the namespace's own /proc shows it: its PPid there.
    pub joined_ppid_inside: i32,
    /// Its real parent, as the sandbox's /proc shows it (the joiner).
    pub joined_parent_outside: ListedProc,
    /// Who adopted it once the joiner had died, as the sandbox's /proc shows it: the
    /// sandbox's own init (the joiner's namespace's), not the joined namespace's.
    pub adopted_by: ListedProc,
    /// What the namespace's /proc lists.
    pub inside_sees: Vec<ListedProc>,
}

/// What the joiner tells the sandbox.
#[derive(Serialize, Deserialize)]
struct Joiner {
    pid_before: i32,
    pid_after: i32,
    joined: i32,
    joined_pid: i32,
    joined_ppid: i32,
}

/// The experiment, as its step registers it.
pub const EXPERIMENT: super::Experiment = |sandbox| super::json(run(sandbox));

pub fn run(sandbox: &mut Sandbox) -> Result<Joining, String> {
    let mut ready = Reports::new()?;
    let target = kernel::spawn_init("target-init", || {
        if kernel::own_proc().is_err() {
            return 1;
        }
        let last = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
            .ok()
            .and_then(|s| s.trim().parse::<i32>().ok())
            .unwrap_or(-1);
        ready.send(&last);
        kernel::hold()
    })?;
    let looked = ready.recv::<i32>().and_then(|last| {
        let mut reports = Reports::new()?;
        let joiner = kernel::spawn("joiner", || join(target, &reports))
            .map_err(|e| format!("fork the joiner: {e}"))?;
        let said = reports.recv::<Result<Joiner, String>>().and_then(|r| r);
        let looked = said.and_then(|said| {
            let inside = sandbox.view_of(target);
            let outside = sandbox.own_view();
            sandbox.show(inside.clone())?;
            Ok((said, inside, outside))
        });
        // The joiner dies: the joined child is orphaned, and now a child of ours.
        kernel::end(joiner)?;
        let adopted = looked.as_ref().ok().and_then(|(said, _, _)| {
            let view = sandbox.own_view();
            let parent = view.get(view.get(said.joined)?.ppid)?;
            Some(ListedProc::of(parent))
        });
        // Ending the namespace's init ends the joined child too. The dying init waits
        // until that child, whose parent is outside, has been reaped: reap it first.
        kill(target, Signal::SIGKILL).map_err(|e| format!("kill the init: {e}"))?;
        kernel::reap_until(target)?;
        let adopted = adopted.ok_or("the orphaned joined child is not in the sandbox's /proc");
        looked.and_then(|l| Ok((last, l, adopted?)))
    });
    let (last, (said, inside, outside), adopted_by) = match looked {
        Ok(found) => found,
        Err(e) => {
            let _ = kernel::end(target);
            return Err(e);
        }
    };
    let joined_ppid_inside = inside
        .get(said.joined_pid)
        .map(|p| p.ppid)
        .ok_or("the joined process is not in the namespace's /proc")?;
    let parent = outside
        .get(said.joined)
        .and_then(|p| outside.get(p.ppid))
        .ok_or("the joined process's parent is not in the sandbox's /proc")?;
    Ok(Joining {
        ns_last_pid_before: last,
        joiner_pid_before: said.pid_before,
        joiner_pid_after: said.pid_after,
        joined_pid: said.joined_pid,
        joined_ppid: said.joined_ppid,
        joined_ppid_inside,
        joined_parent_outside: ListedProc::of(parent),
        adopted_by,
        inside_sees: ListedProc::all(&inside),
    })
}

/// The joiner: setns() into the namespace of `target`, then fork the joined child, which
/// stays to be seen. Reports, then stays too, until the sandbox ends it.
fn join(target: Pid, reports: &Reports) -> i32 {
    let said = (|| -> Result<Joiner, String> {
        let pid_before = getpid().as_raw();
        let ns = std::fs::File::open(format!("/proc/{target}/ns/pid"))
            .map_err(|e| format!("open the namespace: {e}"))?;
        setns(ns.as_fd(), CloneFlags::CLONE_NEWPID).map_err(|e| format!("setns: {e}"))?;
        let pid_after = getpid().as_raw();
        let mut child_reports = Reports::new()?;
        let joined = kernel::spawn("joined", || {
            child_reports.send(&(getpid().as_raw(), getppid().as_raw()));
            kernel::hold()
        })
        .map_err(|e| format!("fork after setns: {e}"))?;
        let (joined_pid, joined_ppid) = child_reports.recv::<(i32, i32)>()?;
        Ok(Joiner {
            pid_before,
            pid_after,
            // The joined child's PID as we (and the sandbox) number it.
            joined: joined.as_raw(),
            joined_pid,
            joined_ppid,
        })
    })();
    let ok = said.is_ok();
    reports.send(&said);
    if ok { kernel::hold() } else { 1 }
}
