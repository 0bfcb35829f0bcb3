//! What SIGTERM, SIGSTOP and SIGKILL sent from outside do to a namespace's PID 1 that has
//! no handlers (the lab's agent catches none of them), observed on a throwaway namespace:
//! the lab's own PID 1 cannot be killed to find out without ending the lab.
//!
//! Each signal gets a fresh probe: `clone(CLONE_NEWPID)` (with `CLONE_NEWUSER` in userns
//! mode) of a child that resets every disposition to the default and waits in `pause()`.
//! It is PID 1 of its namespace and never execs: between clone and its end it makes only
//! async-signal-safe calls (our process may have other threads holding locks).

use super::mode::Mode;
use anyhow::{Context, Result, anyhow, bail};
use nix::fcntl::OFlag;
use nix::sched::CloneFlags;
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

/// How long a probe may take to show what a signal did before we give up on it.
const SETTLE: Duration = Duration::from_secs(2);

/// What one signal from outside did to a namespace's PID 1 without handlers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Nothing visible: the signal was dropped, PID 1 goes on sleeping.
    Nothing,
    /// PID 1 stopped (state T).
    Stops,
    /// PID 1 died (and with it every other process of its namespace).
    Dies,
}

/// The three signals the lesson asks about, each with what it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostSignals {
    pub term: Outcome,
    pub stop: Outcome,
    pub kill: Outcome,
}

/// Sends SIGTERM, SIGSTOP and SIGKILL, each to a fresh probe, and reports what each did.
pub fn host_signals(mode: Mode) -> Result<HostSignals> {
    Ok(HostSignals {
        term: outcome_of(mode, Signal::SIGTERM)?,
        stop: outcome_of(mode, Signal::SIGSTOP)?,
        kill: outcome_of(mode, Signal::SIGKILL)?,
    })
}

/// One probe, one signal.
pub fn outcome_of(mode: Mode, signal: Signal) -> Result<Outcome> {
    let probe = Probe::spawn(mode)?;
    kill(probe.pid, signal).with_context(|| format!("send {signal} to the probe"))?;
    let deadline = Instant::now() + SETTLE;
    // "Nothing" must be seen twice in a row: a stop signal is dequeued a moment before its
    // target turns to state T, and one read of /proc could fall in between.
    let mut quiet = 0;
    loop {
        match waitpid(
            probe.pid,
            Some(WaitPidFlag::WNOHANG | WaitPidFlag::WUNTRACED | WaitPidFlag::__WALL),
        ) {
            Ok(WaitStatus::Stopped(..)) => return Ok(Outcome::Stops),
            Ok(WaitStatus::Exited(..) | WaitStatus::Signaled(..)) => {
                probe.reaped.set(true);
                return Ok(Outcome::Dies);
            }
            Ok(_) => {}
            Err(errno) => bail!("wait for the probe: {errno}"),
        }
        quiet = if untouched(probe.pid, signal) {
            quiet + 1
        } else {
            0
        };
        if quiet >= 2 {
            return Ok(Outcome::Nothing);
        }
        if Instant::now() > deadline {
            bail!("the probe showed no clear state {SETTLE:?} after {signal}");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Whether the probe sleeps on with neither `signal` nor SIGKILL pending: the signal was
/// dropped rather than delivered.
fn untouched(pid: Pid, signal: Signal) -> bool {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return false;
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
    };
    let sleeping = field("State:").is_some_and(|s| s.starts_with('S'));
    let bits = |name: &str| field(name).and_then(|v| u64::from_str_radix(v, 16).ok());
    let mask = (1u64 << (signal as u32 - 1)) | (1u64 << (Signal::SIGKILL as u32 - 1));
    let pending = match (bits("SigPnd:"), bits("ShdPnd:")) {
        (Some(own), Some(shared)) => (own | shared) & mask != 0,
        _ => true,
    };
    sleeping && !pending
}

/// A probe process: PID 1 of a namespace of its own, killed and reaped when dropped.
struct Probe {
    pid: Pid,
    reaped: std::cell::Cell<bool>,
}

impl Probe {
    fn spawn(mode: Mode) -> Result<Probe> {
        let (go_read, go_write) = nix::unistd::pipe2(OFlag::O_CLOEXEC).context("pipe")?;
        let (ready_read, ready_write) = nix::unistd::pipe2(OFlag::O_CLOEXEC).context("pipe")?;
        let (go_r, go_w, ready_w) = (
            go_read.as_raw_fd(),
            go_write.as_raw_fd(),
            ready_write.as_raw_fd(),
        );
        // Only raw, async-signal-safe system calls in here: no allocation, no locks.
        let child = Box::new(move || -> isize {
            // SAFETY: plain system calls on descriptors prepared by the parent.
            unsafe {
                libc::prctl(
                    libc::PR_SET_PDEATHSIG,
                    libc::SIGKILL as libc::c_ulong,
                    0,
                    0,
                    0,
                );
                libc::close(go_w);
                // End of file instead of the go-ahead: the tutor died before the death
                // signal was set.
                let mut byte = 0u8;
                if libc::read(go_r, (&mut byte as *mut u8).cast(), 1) != 1 {
                    libc::_exit(1);
                }
                // Handlers are copied by clone: the tutor's (signal-hook's) must not stay.
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = libc::SIG_DFL;
                for signal in 1..libc::SIGRTMAX() {
                    if signal != libc::SIGKILL && signal != libc::SIGSTOP {
                        libc::sigaction(signal, &action, std::ptr::null_mut());
                    }
                }
                let mut none: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut none);
                libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
                libc::write(ready_w, b"r".as_ptr().cast(), 1);
                loop {
                    libc::pause();
                }
            }
        });
        let flags = match mode {
            Mode::Root => CloneFlags::CLONE_NEWPID,
            Mode::Userns => CloneFlags::CLONE_NEWPID | CloneFlags::CLONE_NEWUSER,
        };
        let mut stack = vec![0u8; 16 * 1024];
        // SAFETY: the child runs only the closure above.
        let pid = unsafe { nix::sched::clone(child, &mut stack, flags, Some(libc::SIGCHLD)) }
            .map_err(|errno| anyhow!("clone() for the signal probe failed: {errno}"))?;
        let probe = Probe {
            pid,
            reaped: std::cell::Cell::new(false),
        };
        drop(go_read);
        drop(ready_write);
        if nix::unistd::write(&go_write, b"g") != Ok(1) {
            bail!("the signal probe died before it could start");
        }
        let mut byte = [0u8; 1];
        if nix::unistd::read(&ready_read, &mut byte) != Ok(1) {
            bail!("the signal probe died while it was setting up");
        }
        Ok(probe)
    }
}

impl Drop for Probe {
    fn drop(&mut self) {
        if !self.reaped.get() {
            let _ = kill(self.pid, Signal::SIGKILL);
            let _ = waitpid(self.pid, Some(WaitPidFlag::__WALL));
        }
    }
}
