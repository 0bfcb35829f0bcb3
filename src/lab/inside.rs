//! What the agent does to the kernel from inside the namespace: probing and sending
//! signals and starting the demo chain (remounting /proc is `mounts::own_proc`) (the learner's shell is in
//! `shell_inside`). The agent is
//! single-threaded, so a child it forks may run ordinary Rust.

use nix::sys::signal::{SigSet, Signal, kill as sys_kill};
use nix::unistd::{ForkResult, Pid, fork};
use std::ffi::CString;
use std::os::fd::OwnedFd;
use std::time::{Duration, Instant};

/// The names of the demo chain's members, parent first (the post's 7(2), 8(3), 9(4)).
pub const CHAIN_NAMES: [&str; 3] = ["demo-a", "demo-b", "demo-c"];

/// `kill(pid, signal)`; signal 0 sends nothing and only asks whether `pid` is visible.
pub fn kill(pid: i32, signal: i32) -> Result<(), nix::errno::Errno> {
    let signal = match signal {
        0 => None,
        n => Some(Signal::try_from(n)?),
    };
    sys_kill(Pid::from_raw(pid), signal)
}

/// Waits up to two seconds until `pid` no longer exists, calling `reap` as it goes so that
/// a child of ours does not linger as a zombie.
pub fn wait_gone(pid: i32, reap: &mut dyn FnMut()) {
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline {
        reap();
        if sys_kill(Pid::from_raw(pid), None) == Err(nix::errno::Errno::ESRCH) {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Starts the demo chain: demo-a, its child demo-b, and demo-b's child demo-c. Returns
/// their PIDs in this namespace, parent first.
pub fn start_chain() -> Result<Vec<i32>, String> {
    let (read, write) = nix::unistd::pipe().map_err(|e| format!("pipe: {e}"))?;
    // SAFETY: the agent is single-threaded, so the child may run ordinary code.
    match unsafe { fork() }.map_err(|e| format!("fork: {e}"))? {
        ForkResult::Child => chain_member(0, write),
        ForkResult::Parent { .. } => {}
    }
    drop(write);
    let mut pids = Vec::new();
    let mut buf = [0u8; 4];
    for _ in CHAIN_NAMES {
        match nix::unistd::read(&read, &mut buf) {
            Ok(4) => pids.push(i32::from_ne_bytes(buf)),
            _ => return Err("a member of the demo chain did not start".into()),
        }
    }
    Ok(pids)
}

/// One member of the chain: names itself, reports its PID, starts the next member, then
/// waits for children (reaping the next member if it is killed) or sleeps for good.
fn chain_member(index: usize, report: OwnedFd) -> ! {
    let _ = SigSet::all().thread_unblock();
    if let Ok(name) = CString::new(CHAIN_NAMES[index]) {
        let _ = nix::sys::prctl::set_name(&name);
    }
    let _ = nix::unistd::write(&report, &nix::unistd::getpid().as_raw().to_ne_bytes());
    if index + 1 < CHAIN_NAMES.len() {
        // SAFETY: single-threaded, as above.
        if let Ok(ForkResult::Child) = unsafe { fork() } {
            chain_member(index + 1, report);
        }
    }
    drop(report);
    close_inherited();
    loop {
        match nix::sys::wait::wait() {
            Ok(_) | Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => nix::unistd::pause(),
        }
    }
}

/// The name of the child that signals PID 1 (`signal_init`), as the trees show it.
pub const SIGNAL_INIT_NAME: &std::ffi::CStr = c"signal-init";

/// A new child inside sends `signal` to PID 1. Returns what kill() said in that child.
pub fn signal_init(
    signal: i32,
    wait: &mut dyn FnMut(Pid) -> i32,
) -> Result<Option<nix::errno::Errno>, String> {
    // SAFETY: single-threaded, as above.
    match unsafe { fork() }.map_err(|e| format!("fork: {e}"))? {
        ForkResult::Child => {
            let _ = nix::sys::prctl::set_name(SIGNAL_INIT_NAME);
            let code = match kill(1, signal) {
                Ok(()) => 0,
                Err(errno) => errno as i32,
            };
            super::leave(code)
        }
        ForkResult::Parent { child } => {
            let code = wait(child);
            Ok(if code == 0 {
                None
            } else {
                Some(nix::errno::Errno::from_raw(code))
            })
        }
    }
}

/// Closes every descriptor above stderr, so that children of the agent hold neither its
/// channel to the tutor nor its signalfd.
fn close_inherited() {
    // SAFETY: close_range only closes descriptors; nothing here uses them afterwards.
    unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32) };
}
