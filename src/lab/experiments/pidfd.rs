//! pidfd: a file descriptor that names one process, not a number. Taken from the
//! namespace above on a process inside a nested one, its fdinfo gives `Pid:` and `NSpid:`
//! as the /proc it is read through counts (the same numbers as /proc/PID/status); read
//! from inside, a pidfd on a process outside says `Pid: 0`, and sending a signal through
//! it is refused (EINVAL: a pidfd reaches down, never up). From above,
//! pidfd_send_signal reaches the process inside. And when the process has ended and its
//! PID is given to a newcomer, the pidfd still names the old one (`Pid: -1`, ESRCH),
//! where kill() with the number reaches the newcomer. Independent checks: the kernel's
//! selftests pidfd/pidfd_fdinfo_test.c (Pid and NSpid, `Pid: 0` outside, `-1` once
//! ended) and pidfd/pidfd_test.c (pidfd_send_signal, ESRCH after the process is gone).

use super::kernel::{self, Reports, errno_name};
use super::sandbox::Sandbox;
use nix::sys::signal::kill;
use nix::unistd::{Pid, getpid};
use rustix::process::{PidfdFlags, Signal, pidfd_open, pidfd_send_signal};
use serde::{Deserialize, Serialize};
use std::os::fd::{AsRawFd, OwnedFd};

/// What the pidfds said, from above, from inside, and after the PID was reused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pidfd {
    /// The process inside the nested namespace, as the sandbox's /proc/PID/status gives
    /// its NSpid (sandbox's number first, then its own: `4 2`).
    pub target_status_nspid: Vec<i32>,
    /// The fdinfo of the sandbox's pidfd on it: `Pid:` and `NSpid:`, the same numbers.
    pub fdinfo_pid: Vec<i32>,
    pub fdinfo_nspid: Vec<i32>,
    /// The nested namespace's PID 1 reading the fdinfo of a pidfd on the sandbox's PID 1
    /// (outside its namespace) through its own /proc: `Pid: 0`, `NSpid: 0`.
    pub inside_fdinfo_pid: Vec<i32>,
    pub inside_fdinfo_nspid: Vec<i32>,
    /// What pidfd_send_signal(SIGCONT) through that pidfd returned inside: `-1 (EINVAL)`.
    pub inside_signal_outward: String,
    /// What pidfd_send_signal(SIGKILL) from the sandbox to the process inside returned
    /// (`0`), and how that process ended, as its parent inside saw it (`SIGKILL`).
    pub signal_inward: String,
    pub target_ended: String,
    /// PID reuse, in the sandbox's namespace: the PID of the first process, and the PID
    /// the newcomer got (the same: the sandbox set ns_last_pid to make it so).
    pub old_pid: i32,
    pub new_pid: i32,
    /// The old process's pidfd after that: its fdinfo `Pid:` (`-1`: ended), and what
    /// pidfd_send_signal(SIGKILL) through it returned (`-1 (ESRCH)`).
    pub stale_fdinfo_pid: Vec<i32>,
    pub stale_signal: String,
    /// What kill(old_pid, 0) returned (`0`: the number names the newcomer), and whether
    /// the newcomer was still alive after the pidfd's SIGKILL (it was).
    pub kill_by_number: String,
    pub newcomer_alive: bool,
}

/// The experiment, as its step registers it.
pub const EXPERIMENT: super::Experiment = |sandbox| super::json(run(sandbox));

pub fn run(sandbox: &mut Sandbox) -> Result<Pidfd, String> {
    let mut facts = across(sandbox)?;
    reuse(&mut facts)?;
    Ok(facts)
}

/// `Pid:` and `NSpid:` of the fdinfo of `fd`, read through our /proc.
fn fdinfo(fd: &OwnedFd) -> (Vec<i32>, Vec<i32>) {
    let path = format!("/proc/self/fdinfo/{}", fd.as_raw_fd());
    (
        kernel::numbers_of(&path, "Pid"),
        kernel::numbers_of(&path, "NSpid"),
    )
}

fn opened(pid: Pid) -> Result<OwnedFd, String> {
    let raw = rustix::process::Pid::from_raw(pid.as_raw()).ok_or("no such PID")?;
    pidfd_open(raw, PidfdFlags::empty()).map_err(|e| format!("pidfd_open({pid}): {e}"))
}

fn returned(result: rustix::io::Result<()>) -> String {
    kernel::returned(result.map_err(|e| nix::errno::Errno::from_raw(e.raw_os_error())))
}

/// What the nested namespace's PID 1 tells the sandbox.
#[derive(Serialize, Deserialize)]
enum Inside {
    /// Its fdinfo of the pidfd on the sandbox's PID 1 (`Pid:`, `NSpid:`), and what a
    /// signal through that pidfd returned.
    Read(Vec<i32>, Vec<i32>, String),
    /// How its child, the target, ended.
    Ended(String),
}

/// A nested namespace with a target inside: pidfds both ways.
fn across(sandbox: &mut Sandbox) -> Result<Pidfd, String> {
    // Inherited by the nested PID 1: a pidfd on a process outside its namespace.
    let on_sandbox = opened(getpid())?;
    let mut said = Reports::new()?;
    let mut target_said = Reports::new()?;
    let init = kernel::spawn_init("inner-init", || {
        if kernel::own_proc().is_err() {
            return 1;
        }
        let target = kernel::spawn("target", || {
            target_said.send(&());
            kernel::hold()
        });
        let (pid, nspid) = fdinfo(&on_sandbox);
        let outward = returned(pidfd_send_signal(&on_sandbox, Signal::CONT));
        said.send(&Inside::Read(pid, nspid, outward));
        let ended = match target {
            Ok(target) => kernel::reap(target).unwrap_or_else(|e| e),
            Err(e) => e.to_string(),
        };
        said.send(&Inside::Ended(ended));
        kernel::hold()
    })?;
    drop(on_sandbox);
    let result = target_said
        .recv::<()>()
        .and_then(|()| from_above(sandbox, init, &mut said));
    let _ = kernel::end(init);
    result
}

fn from_above(sandbox: &mut Sandbox, init: Pid, said: &mut Reports) -> Result<Pidfd, String> {
    let Inside::Read(inside_fdinfo_pid, inside_fdinfo_nspid, inside_signal_outward) =
        said.recv()?
    else {
        return Err("the nested PID 1 said things out of order".into());
    };
    let target = *kernel::children(init)
        .first()
        .ok_or("the target is not under the nested PID 1")?;
    let pidfd = opened(target)?;
    let (fdinfo_pid, fdinfo_nspid) = fdinfo(&pidfd);
    let target_status_nspid = kernel::nspid("/proc", target);
    sandbox.show(sandbox.view_of(init))?;
    let signal_inward = returned(pidfd_send_signal(&pidfd, Signal::KILL));
    let Inside::Ended(target_ended) = said.recv()? else {
        return Err("the nested PID 1 said things out of order".into());
    };
    Ok(Pidfd {
        target_status_nspid,
        fdinfo_pid,
        fdinfo_nspid,
        inside_fdinfo_pid,
        inside_fdinfo_nspid,
        inside_signal_outward,
        signal_inward,
        target_ended,
        ..Pidfd::default()
    })
}

/// A process ends; its PID goes to a newcomer; the old pidfd and the number disagree.
fn reuse(facts: &mut Pidfd) -> Result<(), String> {
    let old = kernel::spawn("old", || kernel::hold()).map_err(|e| format!("fork: {e}"))?;
    let pidfd = opened(old);
    kernel::end(old)?;
    let pidfd = pidfd?;
    // The next PID of our namespace is ns_last_pid + 1: the old one's again.
    kernel::set_sysctl("kernel/ns_last_pid", i64::from(old.as_raw()) - 1)
        .map_err(|e| format!("write ns_last_pid: {}", errno_name(e)))?;
    let new = kernel::spawn("newcomer", || kernel::hold()).map_err(|e| format!("fork: {e}"))?;
    facts.old_pid = old.as_raw();
    facts.new_pid = new.as_raw();
    facts.stale_fdinfo_pid = fdinfo(&pidfd).0;
    facts.stale_signal = returned(pidfd_send_signal(&pidfd, Signal::KILL));
    facts.kill_by_number = kernel::returned(kill(old, None));
    facts.newcomer_alive = kernel::state(new).is_some_and(|s| s != 'Z');
    kernel::end(new)?;
    Ok(())
}
