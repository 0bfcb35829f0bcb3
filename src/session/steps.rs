//! The action of each step: what it does to the lab, and the facts it observes. Every fact
//! comes from the kernel at the moment of the step; nothing here is written down ahead.

use super::facts::*;
use super::{Session, host};
use crate::lab::Lab;
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
        Step::Namespaces => {
            let (kinds, extra): (Vec<String>, Vec<String>) = host::ns_links("self")
                .into_iter()
                .partition(|link| host::is_kind(link));
            Facts::Namespaces(NamespacesFacts {
                kind_count: kinds.len(),
                kinds,
                // Before Linux 4.12 there are none; the sentence about them then does not
                // apply.
                for_children_links: (!extra.is_empty()).then_some(extra),
                pid_ns_inode: host::pid_ns_inode("self"),
            })
        }
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
            let lab = session.lab_or_err()?;
            let identity = lab.identity()?;
            // The flags as the kernel shows their effect, not as the code says it asked:
            // the kinds whose links differ from ours, and the signal the child ends with.
            let agent = lab.agent_pid();
            let new_kinds = host::kinds_not_shared(&agent.to_string(), "self");
            Facts::Clone(CloneFacts {
                flags: new_kinds.iter().filter_map(|k| clone_flag(k)).collect(),
                new_kinds,
                exit_signal: host::exit_signal(agent).map(signal_name),
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
            // Where the tutor is PID 1 of its own namespace (a container's first process),
            // 1 inside is the agent itself: then the probe finds it, and says so.
            let errno = session.lab_or_err()?.kill(me, 0, false)?;
            Facts::KillParent(KillParentFacts {
                target_pid: me,
                found_inside: errno.is_none().then_some(me == 1),
                errno: errno.as_ref().map(|e| e.name.clone()),
                message: errno.map(|e| e.message),
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
                // kill()'s return value as C shows it: 0, or -1 and the errno.
                inside_sigkill_to_1_result: errno
                    .map_or("0".to_string(), |e| format!("-1 ({})", e.name)),
                agent_alive_after: lab.identity().is_ok() && alive(lab.agent_pid()),
                members_before_init_killed: lab.members().len(),
                members_left_after_init_killed: lab.kill_init()?,
            };
            session.teardown();
            Facts::InitSignals(facts)
        }
        Step::ForkNeeded
        | Step::Nesting
        | Step::Joining
        | Step::InitDeath
        | Step::SignalsFromOutside => {
            let experiment = crate::steps::def(step)
                .experiment
                .ok_or_else(|| anyhow!("step {step} has no experiment"))?;
            return super::chapter2::act(session, experiment);
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

/// The clone() flag that gives a child a namespace of this kind.
fn clone_flag(kind: &str) -> Option<String> {
    let flag = match kind {
        "cgroup" => "CLONE_NEWCGROUP",
        "ipc" => "CLONE_NEWIPC",
        "mnt" => "CLONE_NEWNS",
        "net" => "CLONE_NEWNET",
        "pid" => "CLONE_NEWPID",
        "time" => "CLONE_NEWTIME",
        "user" => "CLONE_NEWUSER",
        "uts" => "CLONE_NEWUTS",
        _ => return None,
    };
    Some(flag.to_string())
}

/// `SIGCHLD` for 17, or the number itself for a signal nix does not name.
fn signal_name(number: i32) -> String {
    nix::sys::signal::Signal::try_from(number)
        .map_or(number.to_string(), |s| s.as_str().to_string())
}

fn alive(pid: i32) -> bool {
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None).is_ok()
}
