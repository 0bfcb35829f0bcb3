//! remount-proc: the learner makes `ps` in their shell list only the lab's namespace.
//!
//! Checked through `/proc/SHELL/root/proc`, the /proc the shell itself sees: its PID 1
//! must be the lab's agent (same PID namespace, same start time), and the shell must be
//! listed there under its PID inside the namespace. A proc instance lists exactly the
//! processes of the PID namespace it was mounted for (and of those nested in it), so that
//! /proc then lists only the namespace's members. The mount must be new since the task
//! began (not the tutor's), and the shell's mount namespace must not be the tutor's: a proc
//! mounted there would be the host's /proc.

use super::kernel;
use super::learner::{self, LearnerProc};
use super::{Hint, Setting, TaskRun, Verdict};
use std::path::Path;

pub fn check(ctx: &TaskRun) -> Verdict {
    let setting = &ctx.setting;
    let Some(shell) = kernel::stat(setting.shell).filter(|s| !s.ended()) else {
        return Verdict::NotYet(Hint::ShellGone);
    };
    let Some(mount_ns) = kernel::ns(setting.shell, "mnt") else {
        return Verdict::NotYet(Hint::ShellGone);
    };
    if Some(mount_ns) == kernel::own_ns("mnt") {
        return Verdict::NotYet(Hint::HostMountNs);
    }
    let root = kernel::proc_of(setting.shell);
    match owner(&root, setting) {
        Owner::Lab => {
            let mount = kernel::mount_id(&root);
            if mount.is_some() && mount == ctx.baseline.shell_proc_mount {
                return Verdict::NotYet(Hint::TutorsProc);
            }
            if lists(&root, setting.shell, shell.start) {
                return Verdict::Passed;
            }
        }
        Owner::Nested => return Verdict::NotYet(Hint::ProcOfNestedNs),
        Owner::Host | Owner::Empty => {}
    }
    let procs = learner::procs(setting);
    if learner::unshare_without_fork(&procs) {
        return Verdict::NotYet(Hint::UnshareWithoutFork);
    }
    if mounted_elsewhere(setting, mount_ns, &procs) {
        return Verdict::NotYet(Hint::MountedElsewhere);
    }
    match owner(&root, setting) {
        Owner::Empty => Verdict::NotYet(Hint::ProcNotMounted),
        _ => Verdict::NotYet(Hint::ProcStillHost),
    }
}

/// The PID namespace a /proc speaks for, told by who its PID 1 is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Owner {
    /// The lab's: PID 1 there is the agent.
    Lab,
    /// The tutor's own /proc (outside the lab).
    Host,
    /// Another namespace with a live PID 1: one made inside the lab.
    Nested,
    /// Nothing there: no proc mounted, or one whose namespace has no process left.
    Empty,
}

fn owner(root: &Path, setting: &Setting) -> Owner {
    let Some(init) = kernel::stat_in(root, 1) else {
        return Owner::Empty;
    };
    let agent_start = kernel::stat(setting.agent).map(|s| s.start);
    let lab_ns = kernel::ns_in(root, 1, "pid") == Some(setting.pid_ns);
    if lab_ns && agent_start == Some(init.start) {
        return Owner::Lab;
    }
    // The PID 1 of the tutor's own /proc, by its start time: its namespace link may not be
    // readable (a container's init, or a host whose PID 1 refuses ptrace access).
    if kernel::stat(1).is_some_and(|host_init| host_init.start == init.start) {
        Owner::Host
    } else {
        Owner::Nested
    }
}

/// Whether the /proc at `root` lists the shell under its PID inside the lab.
fn lists(root: &Path, shell: i32, start: u64) -> bool {
    let inside = kernel::nspid(shell).last().copied();
    inside.is_some_and(|pid| kernel::stat_in(root, pid).is_some_and(|s| s.start == start))
}

/// Whether a process of the learner's sits in another mount namespace (not the shell's,
/// not the tutor's) whose /proc is a fresh proc: the learner mounted one, but not where
/// the shell sees it.
fn mounted_elsewhere(setting: &Setting, shell_ns: u64, procs: &[LearnerProc]) -> bool {
    let tutor_ns = kernel::own_ns("mnt");
    procs.iter().any(|p| {
        let Some(ns) = kernel::ns(p.pid, "mnt") else {
            return false;
        };
        ns != shell_ns
            && Some(ns) != tutor_ns
            && matches!(
                owner(&kernel::proc_of(p.pid), setting),
                Owner::Lab | Owner::Nested
            )
    })
}
