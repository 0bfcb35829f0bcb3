//! The action of each step: what it does to the lab, and the facts it observes. Every fact
//! comes from the kernel at the moment of the step; nothing here is written down ahead.

use super::facts::*;
use super::{Session, host};
use crate::lab::{Lab, Mode, POST_FLAGS};
use crate::lesson::Step;
use crate::procs::Snapshot;
use anyhow::{Context, Result, anyhow, bail};

/// The two tree views (host, namespace) at a moment during an action.
pub type Before = (Option<Snapshot>, Option<Snapshot>);

/// Runs `step`'s action on a session already at the stage the step starts from. Returns
/// the facts, and for a step whose point is a change, the views just before it.
pub fn act(session: &mut Session, step: Step) -> Result<(Facts, Option<Before>)> {
    let me = std::process::id() as i32;
    let facts = match step {
        Step::Namespaces => Facts::Namespaces(NamespacesFacts {
            kinds: host::namespace_kinds(),
            pid_ns_inode: host::pid_ns_inode("self"),
        }),
        Step::Pid1 => Facts::Pid1(Pid1Facts {
            init_name: host::comm(1),
            self_chain: host::self_chain(),
        }),
        Step::PidNamespace => {
            let nspid = host::status_numbers("self", "NSpid");
            Facts::PidNamespace(PidNamespaceFacts {
                ns_depth: nspid.len(),
                self_nspid: nspid,
            })
        }
        Step::Clone => {
            session.spawn()?;
            let mut flags: Vec<String> = POST_FLAGS.iter().map(|f| f.to_string()).collect();
            if session.mode() == Mode::Userns {
                flags.insert(0, "CLONE_NEWUSER".into());
            }
            let lab = session.lab_or_err()?;
            let identity = lab.identity()?;
            Facts::Clone(CloneFacts {
                flags,
                parent_pid: me,
                child_host_pid: lab.agent_pid(),
                child_getpid: identity.pid,
                child_getppid: identity.ppid,
                child_pid_ns_inode: identity.pid_ns_inode,
                parent_pid_ns_inode: host::pid_ns_inode("self"),
            })
        }
        Step::Hostname => {
            let identity = session.lab_or_err()?.identity()?;
            Facts::Hostname(HostnameFacts {
                ns_hostname: identity.hostname,
                host_hostname: host::hostname(),
            })
        }
        Step::KillParent => {
            // Signal 0 asks the kernel the same question as kill -9 without sending
            // anything: we never aim a real signal at the host from inside.
            let errno = session.lab_or_err()?.kill(me, 0, false)?;
            Facts::KillParent(KillParentFacts {
                target_pid: me,
                errno: errno
                    .as_ref()
                    .map_or("none (the parent is visible!)", |e| &e.name)
                    .to_string(),
                message: errno.map(|e| e.message).unwrap_or_default(),
            })
        }
        Step::ProcLeak => {
            let lab = session.lab_or_err()?;
            let identity = lab.identity()?;
            let ns_view = lab.snapshot(false)?;
            let host_view = Snapshot::read_focused(std::path::Path::new("/proc"), &[me]);
            Facts::ProcLeak(ProcLeakFacts {
                getpid: identity.pid,
                proc_self: identity.proc_self,
                agent_host_pid: lab.agent_pid(),
                ns_view_count: ns_view.total,
                host_view_count: host_view.total,
                ns_view_pid1_name: ns_view.get(1).map(|p| p.name.clone()),
            })
        }
        Step::RemountProc => Facts::RemountProc(remount(session)?),
        Step::OrphanReaping => {
            let (facts, before) = orphan(session)?;
            return Ok((Facts::OrphanReaping(facts), Some(before)));
        }
        Step::InitSignals => {
            let lab = session.lab_or_err()?;
            let errno = lab.signal_init_from_inside(libc::SIGKILL)?;
            let facts = InitSignalsFacts {
                inside_sigkill_to_1_result: errno.map_or("0 (success)".to_string(), |e| e.name),
                agent_alive_after: lab.identity().is_ok() && alive(lab.agent_pid()),
                members_before_init_killed: lab.members().len(),
                members_left_after_init_killed: lab.kill_init()?,
            };
            session.teardown();
            Facts::InitSignals(facts)
        }
        Step::Summary => Facts::Summary(SummaryFacts {
            lab_processes_left: session.finish(),
        }),
    };
    Ok((facts, None))
}

/// remount-proc: a private mount namespace and a fresh /proc for the agent, proving the
/// host's mount table did not move.
pub fn remount(session: &mut Session) -> Result<RemountProcFacts> {
    let before = host::mountinfo();
    let lab = session.lab_or_err()?;
    lab.remount_proc()?;
    let identity = lab.identity()?;
    let ns_view = lab.snapshot(true)?;
    let after = host::mountinfo();
    Ok(RemountProcFacts {
        proc_self: identity.proc_self,
        ns_view_pids: ns_view.procs.iter().map(|p| p.pid).collect(),
        host_mounts_unchanged: before == after,
    })
}

/// orphan-reaping: start demo-a → demo-b → demo-c, kill demo-b, and watch demo-c move under
/// PID 1, as the namespace sees it and as the host sees it. Also returns the views taken
/// between the start and the kill, so the move can be shown.
pub fn orphan(session: &mut Session) -> Result<(OrphanReapingFacts, Before)> {
    let chain = session.lab_or_err()?.start_chain()?;
    let before = session.views();
    let lab = session.lab_or_err()?;
    let [_, middle, last] = chain[..] else {
        bail!("the chain has {} members", chain.len())
    };
    let ppid_before = ns_ppid(lab, last)?;
    if let Some(errno) = lab.kill(middle, libc::SIGKILL, true)? {
        bail!("kill({middle}, SIGKILL) inside failed: {}", errno.name);
    }
    let ppid_after = ns_ppid(lab, last)?;
    let host_pid = host_pid_of(lab, last).context("find the orphan on the host")?;
    let facts = OrphanReapingFacts {
        chain,
        killed: middle,
        orphan: last,
        orphan_ppid_before: ppid_before,
        orphan_ppid_after: ppid_after,
        orphan_host_ppid_after: host::ppid(host_pid),
        agent_host_pid: lab.agent_pid(),
    };
    Ok((facts, before))
}

/// The parent of `pid` as the namespace's own /proc shows it.
fn ns_ppid(lab: &mut Lab, pid: i32) -> Result<i32> {
    let view = lab.snapshot(true)?;
    view.get(pid)
        .map(|p| p.ppid)
        .ok_or_else(|| anyhow!("PID {pid} is not in the namespace's /proc"))
}

/// The host PID of the process that is `ns_pid` inside the lab (last entry of its NSpid).
fn host_pid_of(lab: &Lab, ns_pid: i32) -> Option<i32> {
    lab.members().into_iter().find(|&pid| {
        host::status_numbers(&pid.to_string(), "NSpid").last() == Some(&i64::from(ns_pid))
    })
}

fn alive(pid: i32) -> bool {
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None).is_ok()
}
