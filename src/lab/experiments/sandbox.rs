//! The runner: this program re-executed by the tutor as `__experiment ID MODE TUTOR_PID`.
//! It refuses to run unless the tutor started it (stdin and stdout are pipes, its parent
//! is the tutor, it is single-threaded and not set-user-ID). Then it makes the sandbox: in
//! mode userns a user namespace first (uid and gid 0 inside are the caller's), then a PID
//! and a mount namespace. Its child becomes PID 1 there, checks that it really is in
//! namespaces of its own before it mounts or signals anything, mounts a fresh /proc, and
//! runs the experiment. When that PID 1 exits, the kernel ends everything left inside.
//!
//! A watchdog (`alarm`) ends the runner if an experiment hangs; the sandbox's PID 1 dies
//! with the runner (PR_SET_PDEATHSIG), and the runner with the tutor's thread that
//! started it (set by the tutor before the exec).

use super::{Experiment, Line, kernel};
use crate::lab::{Mode, mounts};
use crate::procs::Snapshot;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sched::{CloneFlags, unshare};
use nix::sys::signal::Signal;
use nix::sys::stat::{SFlag, fstat};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, fork};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::path::Path;

/// Seconds an experiment may take before its runner is ended.
const WATCHDOG_SECS: u32 = 20;

/// Exit code of a refusal: nothing was changed.
const REFUSED: i32 = 2;

/// Runs the experiment named by `args` (what follows `__experiment`), found by `find`
/// (the steps' table, by step id); the exit code.
pub fn main(args: &[OsString], find: fn(&str) -> Option<Experiment>) -> i32 {
    let (experiment, mode) = match admitted(args, find) {
        Ok(found) => found,
        Err(why) => {
            eprintln!("pidns-tutor: {why}");
            return REFUSED;
        }
    };
    let _ = nix::sys::prctl::set_name(c"experiment");
    nix::unistd::alarm::set(WATCHDOG_SECS);
    match sandbox(experiment, mode) {
        Ok(code) => code,
        Err(why) => {
            // Failed before the sandbox ran anything: say so on the tutor's pipe.
            emit(&Line::Failed { message: why });
            1
        }
    }
}

/// Checks that the tutor started us as it does; the experiment and the mode.
fn admitted(
    args: &[OsString],
    find: fn(&str) -> Option<Experiment>,
) -> Result<(Experiment, Mode), String> {
    let usage = "this is the tutor's internal experiment runner; run `pidns-tutor walk` instead";
    let [id, mode, tutor] = args else {
        return Err(usage.into());
    };
    let experiment = id
        .to_str()
        .and_then(find)
        .ok_or_else(|| format!("unknown experiment {id:?}: {usage}"))?;
    let mode = match mode.to_str() {
        Some("root") => Mode::Root,
        Some("userns") => Mode::Userns,
        _ => return Err(format!("unknown mode {mode:?}: {usage}")),
    };
    let tutor: i32 = tutor.to_str().and_then(|t| t.parse().ok()).unwrap_or(0);
    if nix::unistd::getuid() != nix::unistd::geteuid()
        || nix::unistd::getgid() != nix::unistd::getegid()
    {
        return Err("refusing to run set-user-ID or set-group-ID".into());
    }
    // Also catches a tutor that died before our death signal was set.
    if nix::unistd::getppid().as_raw() != tutor {
        return Err(usage.into());
    }
    for (fd, name) in [
        (rustix::stdio::stdin(), "stdin"),
        (rustix::stdio::stdout(), "stdout"),
    ] {
        let is_pipe = fstat(fd).is_ok_and(|st| {
            SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFIFO
        });
        if !is_pipe {
            return Err(format!("{name} is not a pipe: {usage}"));
        }
    }
    if threads() != Some(1) {
        return Err("the experiment runner must be single-threaded".into());
    }
    Ok((experiment, mode))
}

fn threads() -> Option<usize> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))?
        .trim()
        .parse()
        .ok()
}

/// Makes the sandbox and runs the experiment as its PID 1; the exit code of that PID 1.
fn sandbox(experiment: Experiment, mode: Mode) -> Result<i32, String> {
    let outside_pid_ns = kernel::ns_inode("/proc/self/ns/pid").map_err(|e| e.to_string())?;
    let outside_mnt_ns = kernel::ns_inode("/proc/self/ns/mnt").map_err(|e| e.to_string())?;
    if mode == Mode::Userns {
        enter_user_namespace()?;
    }
    let mut flags = CloneFlags::CLONE_NEWPID | CloneFlags::CLONE_NEWNS;
    // Debug builds only: a sandbox without its PID namespace, to test that its PID 1
    // notices and refuses (tests/chapter2_live.rs).
    if cfg!(debug_assertions) && std::env::var_os("PIDNS_TUTOR_TEST_NO_SANDBOX_PID").is_some() {
        flags.remove(CloneFlags::CLONE_NEWPID);
    }
    unshare(flags).map_err(|e| format!("unshare({flags:?}) in mode {mode}: {e}"))?;
    // Our end of this pipe closes when we die: the sandbox's PID 1 checks it after setting
    // its death signal, so it never outlives us unnoticed.
    let (alive_read, alive_write) = nix::unistd::pipe().map_err(|e| format!("pipe: {e}"))?;
    let _ = std::io::stdout().flush();
    // SAFETY: single-threaded (checked in `admitted`); the child runs ordinary code.
    match unsafe { fork() }.map_err(|e| format!("fork: {e}"))? {
        ForkResult::Child => {
            drop(alive_write);
            let _ = nix::sys::prctl::set_pdeathsig(Signal::SIGKILL);
            let mut fds = [PollFd::new(alive_read.as_fd(), PollFlags::POLLIN)];
            let runner_gone = poll(&mut fds, PollTimeout::ZERO).is_ok_and(|n| n > 0);
            let code = if runner_gone {
                1
            } else {
                sandbox_init(experiment, outside_pid_ns, outside_mnt_ns)
            };
            let _ = std::io::stdout().flush();
            crate::lab::leave(code)
        }
        ForkResult::Parent { child } => {
            drop(alive_read);
            let code = loop {
                match waitpid(child, None) {
                    Ok(WaitStatus::Exited(_, code)) => break code,
                    Ok(WaitStatus::Signaled(_, signal, _)) => break 128 + signal as i32,
                    Ok(_) | Err(nix::errno::Errno::EINTR) => continue,
                    Err(e) => return Err(format!("wait for the sandbox: {e}")),
                }
            };
            drop(alive_write);
            Ok(code)
        }
    }
}

/// A new user namespace in which we are uid and gid 0 (mapped to who we are outside).
fn enter_user_namespace() -> Result<(), String> {
    let (uid, gid) = (nix::unistd::getuid(), nix::unistd::getgid());
    unshare(CloneFlags::CLONE_NEWUSER).map_err(|e| format!("unshare(CLONE_NEWUSER): {e}"))?;
    std::fs::write("/proc/self/uid_map", format!("0 {uid} 1\n"))
        .map_err(|e| format!("write uid_map: {e}"))?;
    // An unprivileged process must give up setgroups() before it may write gid_map.
    std::fs::write("/proc/self/setgroups", "deny\n")
        .map_err(|e| format!("write setgroups: {e}"))?;
    std::fs::write("/proc/self/gid_map", format!("0 {gid} 1\n"))
        .map_err(|e| format!("write gid_map: {e}"))
}

/// The sandbox's PID 1: checks where it is, mounts its /proc, runs the experiment, and
/// reports. Never returns an error unreported.
fn sandbox_init(experiment: Experiment, outside_pid_ns: u64, outside_mnt_ns: u64) -> i32 {
    let _ = nix::sys::prctl::set_name(c"sandbox");
    let pid_ns = kernel::ns_inode("/proc/self/ns/pid").unwrap_or(outside_pid_ns);
    let mnt_ns = kernel::ns_inode("/proc/self/ns/mnt").unwrap_or(outside_mnt_ns);
    // Before anything is mounted or signalled: are we PID 1 of namespaces of our own?
    if nix::unistd::getpid().as_raw() != 1 || pid_ns == outside_pid_ns || mnt_ns == outside_mnt_ns {
        eprintln!("pidns-tutor: the experiment's sandbox is not a namespace of its own; refusing");
        return REFUSED;
    }
    if let Err(message) = own_proc_here() {
        emit(&Line::Failed { message });
        return 1;
    }
    let mut sandbox = Sandbox {};
    match experiment(&mut sandbox) {
        Ok(facts) => {
            emit(&Line::Done { facts });
            0
        }
        Err(message) => {
            emit(&Line::Failed { message });
            1
        }
    }
}

/// Our mount namespace is already new (the runner's unshare): make it private and give it
/// a fresh /proc, then check that /proc is ours.
fn own_proc_here() -> Result<(), String> {
    mounts::make_root_private()?;
    mounts::mount_fresh_proc()?;
    match std::fs::read_link("/proc/self") {
        Ok(target) if target == Path::new("1") => Ok(()),
        other => Err(format!("the fresh /proc says /proc/self is {other:?}")),
    }
}

/// Writes one line for the tutor.
fn emit(line: &Line) {
    if let Ok(text) = serde_json::to_string(line) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    }
}

/// What an experiment may ask of the sandbox it runs in.
pub struct Sandbox {}

impl Sandbox {
    /// Shows a moment: sends `ns_view` to the tutor and waits until the tutor has read its
    /// own /proc (one byte on stdin), so the processes are still there when it looks.
    pub fn show(&mut self, ns_view: Snapshot) -> Result<(), String> {
        emit(&Line::Show { ns_view });
        let mut byte = [0u8; 1];
        match std::io::stdin().lock().read(&mut byte) {
            Ok(1) => Ok(()),
            _ => Err("the tutor stopped listening".into()),
        }
    }

    /// What the /proc of the namespace whose PID 1 is `init` (a PID in our namespace)
    /// shows, read through that process's root: `/proc/INIT/root/proc`.
    pub fn view_of(&self, init: Pid) -> Snapshot {
        Snapshot::read_all(Path::new(&format!("/proc/{init}/root/proc")))
    }

    /// What our own /proc shows.
    pub fn own_view(&self) -> Snapshot {
        Snapshot::read_all(Path::new("/proc"))
    }
}
