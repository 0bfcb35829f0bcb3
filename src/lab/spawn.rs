//! Cloning the namespace's init. Between clone() and execv() the child may only make
//! async-signal-safe calls (our process may have other threads holding locks), so
//! everything it needs is prepared here first, and the child only sets its death signal,
//! waits for the go-ahead, arranges its descriptors and re-executes this program as the
//! agent.

use super::confine::Outside;
use super::mode::Mode;
use anyhow::{Context, Result, bail};
use nix::fcntl::{OFlag, open};
use nix::sched::CloneFlags;
use nix::sys::socket::{AddressFamily, SockFlag, SockType, socketpair};
use nix::sys::stat::Mode as FileMode;
use nix::unistd::{Gid, Pid, Uid};
use std::ffi::CString;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;

/// The argument that turns this program into the agent.
pub const AGENT_ARG: &str = "__agent";

/// The agent's end of the socketpair, as the agent sees it.
const AGENT_FD: libc::c_int = 3;

/// The namespace flags for a mode (SIGCHLD is passed separately as the exit signal).
pub fn clone_flags(mode: Mode) -> CloneFlags {
    let post = CloneFlags::CLONE_NEWPID | CloneFlags::CLONE_NEWUTS | CloneFlags::CLONE_NEWIPC;
    match mode {
        Mode::Root => post,
        Mode::Userns => post | CloneFlags::CLONE_NEWUSER,
    }
}

/// A freshly cloned agent: its host PID and the tutor's end of the socketpair.
pub struct Spawned {
    pub pid: Pid,
    pub channel: OwnedFd,
}

/// Clones the agent from `exe` in a new namespace set for `mode`, leaving out the
/// namespace flags in `left_out` (none, except in the tests that show the agent refusing).
pub fn spawn(mode: Mode, exe: &Path, left_out: CloneFlags) -> Result<Spawned> {
    let (ours, theirs) = socketpair(
        AddressFamily::Unix,
        SockType::Stream,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .context("socketpair")?;
    let (go_read, go_write) = nix::unistd::pipe2(OFlag::O_CLOEXEC).context("pipe")?;
    let devnull = open(
        "/dev/null",
        OFlag::O_RDWR | OFlag::O_CLOEXEC,
        FileMode::empty(),
    )
    .context("open /dev/null")?;

    let exe_c = CString::new(exe.as_os_str().as_encoded_bytes()).context("agent path")?;
    // Our own namespaces go on the agent's command line: it refuses to act in them.
    let [pid_ns, uts_ns] = Outside::of_this_thread()
        .map_err(|e| anyhow::anyhow!(e))?
        .to_args();
    let argv: Vec<CString> = [
        CString::new("pidns-tutor-agent")?,
        CString::new(AGENT_ARG)?,
        CString::new(AGENT_FD.to_string())?,
        CString::new(pid_ns)?,
        CString::new(uts_ns)?,
    ]
    .into();
    let mut argv_ptrs: Vec<*const libc::c_char> = argv.iter().map(|a| a.as_ptr()).collect();
    argv_ptrs.push(std::ptr::null());

    let (go_r, go_w, null, agent_fd) = (
        go_read.as_raw_fd(),
        go_write.as_raw_fd(),
        devnull.as_raw_fd(),
        theirs.as_raw_fd(),
    );
    let exe_ptr = exe_c.as_ptr();
    let argv_raw = argv_ptrs.as_ptr();
    // Only raw, async-signal-safe system calls in here: no allocation, no locks.
    let child = Box::new(move || -> isize {
        // SAFETY: plain system calls on descriptors and strings prepared by the parent.
        unsafe {
            libc::prctl(
                libc::PR_SET_PDEATHSIG,
                libc::SIGKILL as libc::c_ulong,
                0,
                0,
                0,
            );
            libc::close(go_w);
            // If the tutor died before the death signal was set, its end of the pipe is
            // closed and this read sees end-of-file instead of the go-ahead: give up.
            let mut byte = 0u8;
            if libc::read(go_r, (&mut byte as *mut u8).cast(), 1) != 1 {
                libc::_exit(1);
            }
            libc::dup2(null, 0);
            libc::dup2(null, 1);
            libc::dup2(null, 2);
            // The channel becomes fd 3, open across exec; everything else above stderr is
            // closed, including descriptors someone opened without O_CLOEXEC.
            if agent_fd != AGENT_FD {
                libc::dup2(agent_fd, AGENT_FD);
            }
            libc::fcntl(AGENT_FD, libc::F_SETFD, 0);
            libc::syscall(libc::SYS_close_range, AGENT_FD + 1, libc::c_uint::MAX, 0);
            libc::execv(exe_ptr, argv_raw);
            libc::_exit(127)
        }
    });
    let mut stack = vec![0u8; 64 * 1024];
    let flags = clone_flags(mode).difference(left_out);
    // SAFETY: the child runs only the closure above and then execs or exits.
    let pid = unsafe { nix::sched::clone(child, &mut stack, flags, Some(libc::SIGCHLD)) }
        .map_err(|errno| refusal(mode, errno))?;
    drop(theirs);
    drop(go_read);

    if mode == Mode::Userns
        && let Err(error) = map_ids(pid)
    {
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
        let _ = nix::sys::wait::waitpid(pid, None);
        return Err(error);
    }
    if nix::unistd::write(&go_write, b"g") != Ok(1) {
        let _ = nix::sys::wait::waitpid(pid, None);
        bail!("the agent (PID {pid}) died before it could start");
    }
    Ok(Spawned { pid, channel: ours })
}

/// Maps uid and gid 0 inside the new user namespace to the caller.
fn map_ids(pid: Pid) -> Result<()> {
    let (uid, gid): (Uid, Gid) = (nix::unistd::getuid(), nix::unistd::getgid());
    let dir = format!("/proc/{pid}");
    std::fs::write(format!("{dir}/uid_map"), format!("0 {uid} 1\n")).context("write uid_map")?;
    // An unprivileged process must give up setgroups() before it may write gid_map.
    std::fs::write(format!("{dir}/setgroups"), "deny\n").context("write setgroups")?;
    std::fs::write(format!("{dir}/gid_map"), format!("0 {gid} 1\n")).context("write gid_map")?;
    Ok(())
}

/// Turns a failed clone() into a message that says why and what would help.
fn refusal(mode: Mode, errno: nix::errno::Errno) -> anyhow::Error {
    use nix::errno::Errno;
    let hint = match (mode, errno) {
        (Mode::Root, Errno::EPERM) => {
            "creating a PID namespace needs root (CAP_SYS_ADMIN): run with sudo, or try --mode userns"
        }
        (Mode::Userns, Errno::EPERM | Errno::ENOSPC | Errno::EACCES) => {
            "unprivileged user namespaces are switched off here: run with sudo, or enable them \
             (sysctl user.max_user_namespaces=15000; on Debian kernel.unprivileged_userns_clone=1; \
             on Ubuntu kernel.apparmor_restrict_unprivileged_userns=0)"
        }
        (_, Errno::ENOSPC) => {
            "the limit on PID namespace nesting (32 levels) or on namespaces was reached"
        }
        _ => "the kernel refused to create the namespace",
    };
    anyhow::anyhow!(
        "clone() in {mode} mode failed with {errno:?} ({}): {hint}",
        errno.desc()
    )
}
