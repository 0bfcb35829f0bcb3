//! The learner's processes, as the host sees them: everything below the lab's agent and
//! the learner's shell (the shell included) that the tutor did not start itself; and the
//! wrong states more than one task looks for among them.

use super::Setting;
use super::kernel::{self, ProcStat};
use crate::lab::{CHAIN_NAMES, SIGNAL_INIT_NAME};

/// A live process of the learner's (PIDs as the host numbers them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LearnerProc {
    pub pid: i32,
    pub stat: ProcStat,
}

/// What the agent names the processes it starts for the lesson (the demo chain, the child
/// that signals PID 1): never the learner's, even where the front end did not list them
/// in `Setting::tutor_started`. Without this, demo-c orphaned by the orphan-reaping step
/// would pass that task for the learner.
fn tutors_own(pid: i32) -> bool {
    let name = kernel::name(pid).unwrap_or_default();
    CHAIN_NAMES.contains(&name.as_str()) || name.as_bytes() == SIGNAL_INIT_NAME.to_bytes()
}

/// The learner's live processes now: the shell and everything below it or below the
/// agent, except the agent and what the tutor started. A process that ended but is not
/// reaped yet is left out.
pub fn procs(setting: &Setting) -> Vec<LearnerProc> {
    everyone(setting)
        .into_iter()
        .filter(|p| !p.stat.ended())
        .collect()
}

/// The learner's zombies now: processes of the learner's that have ended (state Z) and
/// that their parent has not reaped yet.
pub fn zombies(setting: &Setting) -> Vec<LearnerProc> {
    everyone(setting)
        .into_iter()
        .filter(|p| p.stat.state == 'Z')
        .collect()
}

/// The learner's processes now, live or ended and not yet reaped.
fn everyone(setting: &Setting) -> Vec<LearnerProc> {
    let mut pids = vec![setting.shell];
    pids.extend(kernel::descendants(&[setting.agent, setting.shell]));
    pids.into_iter()
        .filter(|pid| *pid != setting.agent && !setting.tutor_started.contains(pid))
        .filter(|pid| *pid == setting.shell || !tutors_own(*pid))
        .filter_map(|pid| {
            Some(LearnerProc {
                pid,
                stat: kernel::stat(pid)?,
            })
        })
        .collect()
}

/// Whether one of `procs` made a PID namespace with `unshare -p` and no `--fork`: its
/// `pid_for_children` names a namespace of which no child of its is a member, either
/// because it has had no child yet (the link cannot be read) or because the first child,
/// the namespace's PID 1, has ended (every fork into it now fails with ENOMEM). With
/// `--fork`, unshare's child is that PID 1 and still lives.
pub fn unshare_without_fork(procs: &[LearnerProc]) -> bool {
    procs.iter().any(|p| {
        let Some(own) = kernel::ns(p.pid, "pid") else {
            return false;
        };
        // Unreadable while its own link reads: the namespace has had no process yet.
        match kernel::ns(p.pid, "pid_for_children") {
            None => true,
            Some(next) if next == own => false,
            Some(next) => !kernel::children(p.pid)
                .into_iter()
                .any(|child| kernel::ns(child, "pid") == Some(next)),
        }
    })
}
