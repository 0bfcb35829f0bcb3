//! The action of each step: what it does to the lab, and the facts it observes. Every fact
//! comes from the kernel at the moment of the step; nothing here is written down ahead.

use super::{Session, host};
use crate::lab::{Lab, Mode, POST_FLAGS};
use crate::procs::Snapshot;
use anyhow::{Context, Result, anyhow, bail};
use serde_json::{Map, Value, json};

type Facts = Map<String, Value>;

/// The two tree views (host, namespace) at a moment during an action.
pub type Before = (Option<Snapshot>, Option<Snapshot>);

/// Runs `step`'s action on a session already at the stage the step starts from. Returns
/// the facts, and for a step whose point is a change, the views just before it.
pub fn act(session: &mut Session, step: &str) -> Result<(Facts, Option<Before>)> {
    let mut facts = Facts::new();
    let mut put = |name: &str, value: Value| {
        facts.insert(name.to_string(), value);
    };
    let me = std::process::id() as i32;
    match step {
        "namespaces" => {
            put("kinds", json!(host::namespace_kinds()));
            put("pid_ns_inode", json!(host::pid_ns_inode("self")));
        }
        "pid-1" => {
            put("init_name", json!(host::comm(1)));
            put("self_chain", Value::Array(host::self_chain()));
        }
        "pid-namespace" => {
            let nspid = host::status_numbers("self", "NSpid");
            put("ns_depth", json!(nspid.len()));
            put("self_nspid", json!(nspid));
        }
        "clone" => {
            session.spawn()?;
            let mut flags: Vec<&str> = POST_FLAGS.to_vec();
            if session.mode() == Mode::Userns {
                flags.insert(0, "CLONE_NEWUSER");
            }
            let lab = session.lab_or_err()?;
            let identity = lab.identity()?;
            put("flags", json!(flags));
            put("parent_pid", json!(me));
            put("child_host_pid", json!(lab.agent_pid()));
            put("child_getpid", json!(identity.pid));
            put("child_getppid", json!(identity.ppid));
            put("child_pid_ns_inode", json!(identity.pid_ns_inode));
            put("parent_pid_ns_inode", json!(host::pid_ns_inode("self")));
        }
        "hostname" => {
            let identity = session.lab_or_err()?.identity()?;
            put("ns_hostname", json!(identity.hostname));
            put("host_hostname", json!(host::hostname()));
        }
        "kill-parent" => {
            // Signal 0 asks the kernel the same question as kill -9 without sending
            // anything: we never aim a real signal at the host from inside.
            let errno = session.lab_or_err()?.kill(me, 0, false)?;
            put("target_pid", json!(me));
            put(
                "errno",
                json!(
                    errno
                        .as_ref()
                        .map_or("none (the parent is visible!)", |e| &e.name)
                ),
            );
            put("message", json!(errno.as_ref().map_or("", |e| &e.message)));
        }
        "proc-leak" => {
            let lab = session.lab_or_err()?;
            let identity = lab.identity()?;
            let ns_view = lab.snapshot(false)?;
            let host_view = Snapshot::read_focused(std::path::Path::new("/proc"), &[me]);
            put("getpid", json!(identity.pid));
            put("proc_self", json!(identity.proc_self));
            put("agent_host_pid", json!(lab.agent_pid()));
            put("ns_view_count", json!(ns_view.total));
            put("host_view_count", json!(host_view.total));
            put(
                "ns_view_pid1_name",
                json!(ns_view.get(1).map(|p| p.name.clone())),
            );
        }
        "remount-proc" => return Ok((remount(session)?, None)),
        "orphan-reaping" => return orphan(session).map(|(facts, before)| (facts, Some(before))),
        "init-signals" => {
            let lab = session.lab_or_err()?;
            let errno = lab.signal_init_from_inside(libc::SIGKILL)?;
            put(
                "inside_sigkill_to_1_result",
                json!(errno.map_or("0 (success)".to_string(), |e| e.name)),
            );
            put(
                "agent_alive_after",
                json!(lab.identity().is_ok() && alive(lab.agent_pid())),
            );
            put("members_before_init_killed", json!(lab.members().len()));
            put("members_left_after_init_killed", json!(lab.kill_init()?));
            session.teardown();
        }
        "summary" => {
            put("lab_processes_left", json!(session.finish()));
        }
        other => bail!("unknown step {other}"),
    }
    Ok((facts, None))
}

/// remount-proc: a private mount namespace and a fresh /proc for the agent, proving the
/// host's mount table did not move.
pub fn remount(session: &mut Session) -> Result<Facts> {
    let before = host::mountinfo();
    let lab = session.lab_or_err()?;
    lab.remount_proc()?;
    let identity = lab.identity()?;
    let ns_view = lab.snapshot(true)?;
    let after = host::mountinfo();
    let mut facts = Facts::new();
    facts.insert("proc_self".into(), json!(identity.proc_self));
    facts.insert(
        "ns_view_pids".into(),
        json!(ns_view.procs.iter().map(|p| p.pid).collect::<Vec<_>>()),
    );
    facts.insert("host_mounts_unchanged".into(), json!(before == after));
    Ok(facts)
}

/// orphan-reaping: start demo-a → demo-b → demo-c, kill demo-b, and watch demo-c move under
/// PID 1, as the namespace sees it and as the host sees it. Also returns the views taken
/// between the start and the kill, so the move can be shown.
pub fn orphan(session: &mut Session) -> Result<(Facts, Before)> {
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
    let mut facts = Facts::new();
    facts.insert("chain".into(), json!(chain));
    facts.insert("killed".into(), json!(middle));
    facts.insert("orphan".into(), json!(last));
    facts.insert("orphan_ppid_before".into(), json!(ppid_before));
    facts.insert("orphan_ppid_after".into(), json!(ppid_after));
    facts.insert("orphan_host_ppid_after".into(), json!(host::ppid(host_pid)));
    facts.insert("agent_host_pid".into(), json!(lab.agent_pid()));
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
