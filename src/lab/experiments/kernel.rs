//! Small helpers for the experiments, inside the sandbox: forking a child (optionally as
//! PID 1 of a new PID namespace), giving a process its own /proc, typed reports between
//! processes, and reading what /proc says about a process. The sandbox is
//! single-threaded (it checks), so a forked child may run ordinary Rust.

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sched::{CloneFlags, setns, unshare};
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, fork};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::ffi::CString;
use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::time::Duration;

/// A new private mount namespace with a fresh /proc: what an experiment's process does
/// to see its own PID namespace.
pub use crate::lab::mounts::own_proc;

/// How long a process waits for another's report before calling the experiment broken.
const REPORT_TIMEOUT: Duration = Duration::from_secs(5);

/// An errno as the lesson names it: `ENOMEM`.
pub fn errno_name(errno: Errno) -> String {
    format!("{errno:?}")
}

/// What a system call returned, as C would show it: `0`, or `-1 (EINVAL)`. Numbers and
/// errno names read the same in every language of the lesson.
pub fn returned(result: Result<(), Errno>) -> String {
    match result {
        Ok(()) => "0".into(),
        Err(errno) => format!("-1 ({})", errno_name(errno)),
    }
}

/// What fork() returned in the parent: `-1 (ENOMEM)`, or the child's PID. A child that
/// was made is reaped at once.
pub fn fork_returned(result: Result<Pid, Errno>) -> String {
    match result {
        Ok(pid) => {
            let _ = reap(pid);
            pid.to_string()
        }
        Err(errno) => format!("-1 ({})", errno_name(errno)),
    }
}

/// The inode of a namespace link such as `/proc/self/ns/pid`; the errno when it cannot
/// be read (`pid_for_children` gives ENOENT before the namespace has its PID 1).
pub fn ns_inode(link: &str) -> Result<u64, Errno> {
    std::fs::metadata(link).map(|m| m.ino()).map_err(|e| {
        e.raw_os_error()
            .map_or(Errno::UnknownErrno, Errno::from_raw)
    })
}

/// Forks a child named `name` that runs `body` and leaves with `_exit` (never running our
/// destructors or flushing our stdout twice). `body` should borrow what it uses: what it
/// owns is dropped in the parent too.
pub fn spawn(name: &str, body: impl FnOnce() -> i32) -> Result<Pid, Errno> {
    let _ = std::io::stdout().flush();
    let name = CString::new(name).unwrap_or_default();
    // SAFETY: the sandbox is single-threaded (checked at its start), so the child may run
    // ordinary code; it leaves with _exit.
    match unsafe { fork() }? {
        ForkResult::Child => run_child(&name, body),
        ForkResult::Parent { child } => Ok(child),
    }
}

/// What a forked child of ours does: takes its name, runs `body` and leaves with
/// `_exit`, a panic included (exit code 101).
pub fn run_child(name: &CString, body: impl FnOnce() -> i32) -> ! {
    let _ = nix::sys::prctl::set_name(name);
    let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or(101);
    crate::lab::leave(code)
}

/// Forks a child as PID 1 of a new PID namespace: `unshare(CLONE_NEWPID)` sets where our
/// *next* child goes, the fork puts it there, and `setns` back to our own namespace keeps
/// our later children with us.
pub fn spawn_init(name: &str, body: impl FnOnce() -> i32) -> Result<Pid, String> {
    let own = std::fs::File::open("/proc/self/ns/pid").map_err(|e| format!("open ns: {e}"))?;
    unshare(CloneFlags::CLONE_NEWPID).map_err(|e| format!("unshare(CLONE_NEWPID): {e}"))?;
    let child = spawn(name, body).map_err(|e| format!("fork: {e}"));
    setns(own.as_fd(), CloneFlags::CLONE_NEWPID).map_err(|e| format!("setns back: {e}"))?;
    child
}

/// Sleeps until a signal ends us: what a process does that is there to be seen.
pub fn hold() -> ! {
    loop {
        nix::unistd::pause();
    }
}

/// The state letter of a process (`S` sleeping, `T` stopped, ...) in our /proc.
pub fn state(pid: Pid) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 1..].trim_start().chars().next()
}

/// Whether the process's name (`comm`) is `name` yet: a forked child names itself.
pub fn named(pid: Pid, name: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim_end() == name)
}

/// Whether `signal` is pending for the process (the shared and the thread's own sets).
pub fn pending(pid: Pid, signal: Signal) -> bool {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return false;
    };
    let bit = 1u64 << (signal as u32 - 1);
    status
        .lines()
        .filter_map(|l| {
            l.strip_prefix("ShdPnd:")
                .or_else(|| l.strip_prefix("SigPnd:"))
        })
        .filter_map(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        .any(|mask| mask & bit != 0)
}

/// `NSpid` of a process as the /proc at `proc_root` shows it.
pub fn nspid(proc_root: &str, pid: Pid) -> Vec<i32> {
    std::fs::read_to_string(format!("{proc_root}/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("NSpid:"))
                .map(|rest| {
                    rest.split_whitespace()
                        .filter_map(|n| n.parse().ok())
                        .collect()
                })
        })
        .unwrap_or_default()
}

/// How a child ended, as the lesson says it: `exit(0)` or the signal's name.
pub fn ended(status: WaitStatus) -> String {
    match status {
        WaitStatus::Exited(_, code) => format!("exit({code})"),
        WaitStatus::Signaled(_, signal, _) => signal.as_str().to_string(),
        other => format!("{other:?}"),
    }
}

/// Waits for `pid` to end; how it ended.
pub fn reap(pid: Pid) -> Result<String, String> {
    loop {
        match waitpid(pid, Some(WaitPidFlag::__WALL)) {
            Ok(status @ (WaitStatus::Exited(..) | WaitStatus::Signaled(..))) => {
                return Ok(ended(status));
            }
            Ok(_) | Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("wait for {pid}: {e}")),
        }
    }
}

/// Waits for `pid` to end, reaping any other child that ends first (the sandbox is an
/// init: orphans come to it, and a dying init waits until they are reaped).
pub fn reap_until(pid: Pid) -> Result<String, String> {
    loop {
        match waitpid(Pid::from_raw(-1), Some(WaitPidFlag::__WALL)) {
            Ok(status @ (WaitStatus::Exited(p, _) | WaitStatus::Signaled(p, ..))) if p == pid => {
                return Ok(ended(status));
            }
            Ok(_) | Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("wait for {pid}: {e}")),
        }
    }
}

/// Kills `pid` (from an ancestor namespace SIGKILL always arrives) and waits for it,
/// reaping on the way any child of ours that a dying init is waiting for.
pub fn end(pid: Pid) -> Result<String, String> {
    let _ = kill(pid, Signal::SIGKILL);
    reap_until(pid)
}

/// A pipe for typed reports: one JSON line per report, each written in one `write` (small
/// reports are atomic on a pipe, so several children may share it).
pub struct Reports {
    read: OwnedFd,
    write: OwnedFd,
    buffer: Vec<u8>,
}

impl Reports {
    pub fn new() -> Result<Reports, String> {
        let (read, write) = nix::unistd::pipe().map_err(|e| format!("pipe: {e}"))?;
        Ok(Reports {
            read,
            write,
            buffer: Vec::new(),
        })
    }

    pub fn send<T: Serialize>(&self, value: &T) {
        if let Ok(mut line) = serde_json::to_vec(value) {
            line.push(b'\n');
            let _ = nix::unistd::write(&self.write, &line);
        }
    }

    /// The next report, or an error after `REPORT_TIMEOUT` without one.
    pub fn recv<T: DeserializeOwned>(&mut self) -> Result<T, String> {
        loop {
            if let Some(end) = self.buffer.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.buffer.drain(..=end).collect();
                return serde_json::from_slice(&line).map_err(|e| format!("bad report: {e}"));
            }
            let mut fds = [PollFd::new(self.read.as_fd(), PollFlags::POLLIN)];
            let timeout = PollTimeout::try_from(REPORT_TIMEOUT).unwrap_or(PollTimeout::MAX);
            match poll(&mut fds, timeout) {
                Ok(0) => return Err("a process of the experiment did not report".into()),
                Ok(_) => {}
                Err(Errno::EINTR) => continue,
                Err(e) => return Err(format!("poll: {e}")),
            }
            let mut chunk = [0u8; 4096];
            match nix::unistd::read(&self.read, &mut chunk) {
                Ok(0) => return Err("the reports pipe closed".into()),
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(Errno::EINTR) => {}
                Err(e) => return Err(format!("read report: {e}")),
            }
        }
    }
}

/// A number from a file under /proc/sys (`kernel/pid_max`), as our PID namespace sees it.
pub fn sysctl(name: &str) -> Result<i64, String> {
    let path = format!("/proc/sys/{name}");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("read {path}: {e}"))?;
    text.trim()
        .parse()
        .map_err(|e| format!("{path} says {text:?}: {e}"))
}

/// Writes a number to a file under /proc/sys; the errno when the kernel refuses.
pub fn set_sysctl(name: &str, value: i64) -> Result<(), Errno> {
    std::fs::write(format!("/proc/sys/{name}"), format!("{value}\n")).map_err(|e| {
        e.raw_os_error()
            .map_or(Errno::UnknownErrno, Errno::from_raw)
    })
}

/// The numbers of a `Field:` line of a /proc file (`Pid:`, `NSpid:` of an fdinfo).
pub fn numbers_of(path: &str, field: &str) -> Vec<i32> {
    let prefix = format!("{field}:");
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| {
            text.lines().find_map(|l| {
                l.strip_prefix(&prefix).map(|rest| {
                    rest.split_whitespace()
                        .filter_map(|n| n.parse().ok())
                        .collect()
                })
            })
        })
        .unwrap_or_default()
}

/// Children of `pid` (of all its threads' `children` files) in our /proc.
pub fn children(pid: Pid) -> Vec<Pid> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .map(|text| {
            text.split_whitespace()
                .filter_map(|n| n.parse().ok())
                .map(Pid::from_raw)
                .collect()
        })
        .unwrap_or_default()
}

/// Gives up every capability (effective, permitted, inheritable): what is left is what
/// any process of our user may do.
pub fn drop_capabilities() -> Result<(), Errno> {
    use rustix::thread::{CapabilitySet, CapabilitySets, set_capabilities};
    let none = CapabilitySets {
        effective: CapabilitySet::empty(),
        permitted: CapabilitySet::empty(),
        inheritable: CapabilitySet::empty(),
    };
    set_capabilities(None, none).map_err(|e| Errno::from_raw(e.raw_os_error()))
}

/// Waits (a few seconds at most) until `done` says yes; whether it did.
pub fn wait_until(mut done: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + REPORT_TIMEOUT;
    while !done() {
        if std::time::Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    true
}

/// What opening `path` for reading gave: `0`, or the errno's name (`ENOENT`).
pub fn opened(path: &str) -> String {
    match std::fs::File::open(path) {
        Ok(_) => "0".into(),
        Err(e) => e
            .raw_os_error()
            .map_or(e.to_string(), |n| errno_name(Errno::from_raw(n))),
    }
}
