//! The learner's processes, as the host sees them: everything below the lab's agent and
//! the learner's shell (the shell included) that the tutor did not start itself; and the
//! wrong states more than one task looks for among them.

use super::Setting;
use super::kernel::{self, Stat};
use std::path::Path;

/// A live process of the learner's (PIDs as the host numbers them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Proc {
    pub pid: i32,
    pub stat: Stat,
}

/// The learner's live processes now: the shell and everything below it or below the
/// agent, except the agent and what the tutor started. A process that ended but is not
/// reaped yet is left out.
pub fn procs(setting: &Setting) -> Vec<Proc> {
    let mut pids = vec![setting.shell];
    pids.extend(kernel::descendants(&[setting.agent, setting.shell]));
    pids.into_iter()
        .filter(|pid| *pid != setting.agent && !setting.tutor_started.contains(pid))
        .filter_map(|pid| {
            let stat = kernel::stat(pid)?;
            (!stat.ended()).then_some(Proc { pid, stat })
        })
        .collect()
}

/// Whether one of `procs` made a PID namespace with `unshare -p` and no `--fork`: its
/// `pid_for_children` names a namespace of which no child of its is a member, either
/// because it has had no child yet (the link cannot be read) or because the first child,
/// the namespace's PID 1, has ended (every fork into it now fails with ENOMEM). With
/// `--fork`, unshare's child is that PID 1 and still lives.
pub fn unshare_without_fork(procs: &[Proc]) -> bool {
    procs.iter().any(|p| {
        let Some(own) = kernel::ns(p.pid, "pid") else {
            return false;
        };
        match kernel::ns_in(Path::new(kernel::HOST), p.pid, "pid_for_children") {
            Err(std::io::ErrorKind::NotFound) => true,
            Err(_) => false,
            Ok(next) if next == own => false,
            Ok(next) => !kernel::children(p.pid)
                .into_iter()
                .any(|child| kernel::ns(child, "pid") == Some(next)),
        }
    })
}
