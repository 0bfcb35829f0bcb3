//! The agent: this program re-executed as PID 1 of the new namespace. Single-threaded and
//! ordinary Rust after the exec. It reaps every child (it is the namespace's init), and
//! answers the tutor's requests until the tutor hangs up; then it exits and the kernel
//! ends every other process in the namespace.

use super::confine::{self, Confined, Outside};
use super::inside;
use super::protocol::{self, AgentIdentity, AgentReply, Channel, Errno, ExitStatus, Got, Request};
use super::shell_inside::Shells;
use super::spawn::AGENT_ARG;
use crate::procs::Snapshot;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::Pid;
use std::ffi::OsString;
use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::path::Path;

/// The agent's process name, as the trees show it.
pub const AGENT_NAME: &std::ffi::CStr = c"pidns-agent";

/// The hostname the post gives its namespace.
pub const NS_HOSTNAME: &str = "namespace";

/// What the agent says and how it ends when it refuses to start: one line on stderr, this
/// exit code, nothing changed.
pub const REFUSED: i32 = 2;

/// Runs the agent as the command line after `AGENT_ARG` asks: `FD PID_NS UTS_NS` (see
/// `spawn`). It starts only when `FD` is a connected unix stream socket and this process
/// is PID 1 of a namespace of its own (see `confine`); otherwise it prints one line on
/// stderr, tells the tutor on the socket if there is one, and returns `REFUSED`.
///
/// # Safety
/// Takes ownership of the descriptor `FD` names: call it first thing in `main`, before
/// anything else in the process could own that number, and at most once.
pub unsafe fn start(args: &[OsString]) -> i32 {
    let refuse = |why: &str| {
        let _ = writeln!(
            std::io::stderr(),
            "pidns-tutor: {AGENT_ARG} refused: {why} (it is started by pidns-tutor itself, not by hand)"
        );
        REFUSED
    };
    let Some(fd) = args.first() else {
        return refuse("no descriptor given");
    };
    let fd = match fd.to_str().and_then(|s| s.parse::<RawFd>().ok()) {
        Some(fd) => fd,
        None => return refuse(&format!("{fd:?} is not a descriptor number")),
    };
    if let Err(why) = check_open(fd) {
        return refuse(&why);
    }
    // SAFETY: the descriptor is open (checked) and, by this function's contract, nobody
    // else in this process owns it.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    if let Err(why) = check_socket(&fd) {
        return refuse(&why);
    }
    let mut channel = Channel::new(fd);
    let confined = match args.get(1..3) {
        Some([pid, uts]) => match Outside::parse(pid, uts) {
            Some(outside) => confine::confirm(&outside),
            None => Err("the tutor's namespaces are not DEV:INO DEV:INO".into()),
        },
        _ => Err("the tutor's namespaces are missing".into()),
    };
    let confined = match confined {
        Ok(confined) => confined,
        Err(why) => {
            let message = format!("the agent refused to act: {why}");
            let _ = channel.send(&AgentReply::Error { message }, &[]);
            return refuse(&why);
        }
    };
    let mut agent = match Agent::new(confined) {
        Ok(agent) => agent,
        Err(message) => {
            let _ = channel.send(&AgentReply::Error { message }, &[]);
            return 1;
        }
    };
    if channel.send(&AgentReply::Ready, &[]).is_err() {
        return 1;
    }
    agent.serve(&mut channel)
}

/// Whether `fd` is an open descriptor other than the standard ones, which belong to std.
fn check_open(fd: RawFd) -> Result<(), String> {
    if (0..=2).contains(&fd) {
        return Err(format!(
            "descriptor {fd} is standard input, output or error"
        ));
    }
    // SAFETY: F_GETFD only asks whether the number is open; it changes nothing.
    if fd < 0 || unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1 {
        return Err(format!("descriptor {fd} is not open"));
    }
    Ok(())
}

/// Whether `fd` is what the tutor hands over: one end of a connected unix stream socket
/// (a socketpair).
fn check_socket(fd: &OwnedFd) -> Result<(), String> {
    use rustix::net::{AddressFamily, SocketType, sockopt};
    let raw = fd.as_raw_fd();
    let not_socket = |_| format!("descriptor {raw} is not a socket");
    let domain = sockopt::socket_domain(fd).map_err(not_socket)?;
    let kind = sockopt::socket_type(fd).map_err(not_socket)?;
    if domain != AddressFamily::UNIX || kind != SocketType::STREAM {
        return Err(format!("descriptor {raw} is not a unix stream socket"));
    }
    if nix::sys::socket::getpeername::<nix::sys::socket::UnixAddr>(raw).is_err() {
        return Err(format!(
            "descriptor {raw} is a socket with no one at the other end"
        ));
    }
    Ok(())
}

struct Agent {
    /// Where the agent was confirmed to be, checked again before every request.
    confined: Confined,
    /// SIGCHLD arrives here instead of interrupting us: we reap when it says so.
    sigchld: SignalFd,
    proc_remounted: bool,
    /// The learner's shells, and how the ended ones ended.
    shells: Shells,
}

impl Agent {
    fn new(confined: Confined) -> Result<Agent, String> {
        // Exec'd through /proc/self/exe we would be called "exe"; say what we are.
        let _ = nix::sys::prctl::set_name(AGENT_NAME);
        confined.guard()?;
        // The real length of the name: the post's 12 reads past its 10-byte literal.
        nix::unistd::sethostname(NS_HOSTNAME).map_err(|e| format!("sethostname: {e}"))?;
        let mut mask = SigSet::empty();
        mask.add(Signal::SIGCHLD);
        mask.thread_block()
            .map_err(|e| format!("block SIGCHLD: {e}"))?;
        let sigchld = SignalFd::with_flags(&mask, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK)
            .map_err(|e| format!("signalfd: {e}"))?;
        Ok(Agent {
            confined,
            sigchld,
            proc_remounted: false,
            shells: Shells::default(),
        })
    }

    fn serve(&mut self, channel: &mut Channel) -> i32 {
        loop {
            let ready = {
                let sock = channel.as_fd();
                let mut fds = [
                    PollFd::new(sock, PollFlags::POLLIN),
                    PollFd::new(self.sigchld.as_fd(), PollFlags::POLLIN),
                ];
                match poll(&mut fds, PollTimeout::NONE) {
                    Ok(_) => (fds[0].any().unwrap_or(false), fds[1].any().unwrap_or(false)),
                    Err(nix::errno::Errno::EINTR) => (false, false),
                    Err(_) => return 1,
                }
            };
            if ready.1 {
                while let Ok(Some(_)) = self.sigchld.read_signal() {}
                reap_all(&mut self.shells);
            }
            // Answer every whole request that has come (several may wait, sent while we
            // were stopped), each with the number it came with.
            if !ready.0 {
                continue;
            }
            loop {
                let (id, request, fds) = match channel.try_line() {
                    Ok(Got::Line(line, fds)) => match protocol::parse::<Request>(&line) {
                        Ok((id, request)) => (id, request, fds),
                        Err(why) => {
                            let message = format!("not a request: {why}");
                            let _ = channel.send(&AgentReply::Error { message }, &[]);
                            continue;
                        }
                    },
                    Ok(Got::NotYet) => break,
                    // The tutor hung up (or died): PID 1 leaves, the kernel ends the rest.
                    Ok(Got::Closed) | Err(_) => return 0,
                };
                // Every request may act on the kernel (kill, mount, fork): check first.
                if let Err(why) = self.confined.guard() {
                    let message = format!("the agent stopped: {why}");
                    let _ = channel.send_numbered(id, &AgentReply::Error { message }, &[]);
                    return REFUSED;
                }
                let (reply, give) = self.answer(request, fds);
                let give: Vec<RawFd> = give.iter().map(|fd| fd.as_raw_fd()).collect();
                if channel.send_numbered(id, &reply, &give).is_err() {
                    return 0;
                }
            }
        }
    }

    /// The reply to one request, and descriptors to pass along with it.
    fn answer(&mut self, request: Request, fds: Vec<OwnedFd>) -> (AgentReply, Vec<OwnedFd>) {
        let reply = match request {
            Request::PrepareShell => match fds.into_iter().next() {
                Some(tty) => match self.shells.prepare(tty) {
                    Ok((pid, pidfd)) => return (AgentReply::ShellPrepared { pid }, vec![pidfd]),
                    Err(message) => AgentReply::Error { message },
                },
                None => AgentReply::Error {
                    message: "no terminal came with the shell request".into(),
                },
            },
            Request::StartShell { pid, go } => match self.shells.start(pid, go) {
                Ok(program) => AgentReply::ShellStarted { program },
                Err(message) => AgentReply::Error { message },
            },
            Request::ShellExit { pid } => {
                reap_all(&mut self.shells);
                AgentReply::ShellExit {
                    status: self.shells.exit_of(pid),
                }
            }
            other => self.answer_lab(other),
        };
        (reply, Vec::new())
    }

    fn answer_lab(&mut self, request: Request) -> AgentReply {
        let shells = &mut self.shells;
        match request {
            Request::Identity => AgentReply::Identity(self.identity()),
            Request::Snapshot { full, count } => AgentReply::Snapshot(self.snapshot(full, count)),
            Request::Kill {
                pid,
                signal,
                wait_exit,
            } => {
                let errno = inside::kill(pid, signal).err();
                if errno.is_none() && wait_exit {
                    inside::wait_gone(pid, &mut || reap_all(shells));
                }
                AgentReply::Kill {
                    errno: errno.map(Errno::from),
                }
            }
            Request::RemountProc => match super::mounts::own_proc() {
                Ok(()) => {
                    self.proc_remounted = true;
                    AgentReply::Done
                }
                Err(message) => AgentReply::Error { message },
            },
            Request::StartChain => match inside::start_chain() {
                Ok(pids) => AgentReply::Chain { pids },
                Err(message) => AgentReply::Error { message },
            },
            Request::SignalInit { signal } => {
                match inside::signal_init(signal, &mut |pid| reap_except(pid, shells)) {
                    Ok(errno) => AgentReply::Kill {
                        errno: errno.map(Errno::from),
                    },
                    Err(message) => AgentReply::Error { message },
                }
            }
            Request::PrepareShell | Request::StartShell { .. } | Request::ShellExit { .. } => {
                AgentReply::Error {
                    message: "a shell request reached the wrong handler".into(),
                }
            }
        }
    }

    fn identity(&self) -> AgentIdentity {
        use std::os::unix::fs::MetadataExt;
        AgentIdentity {
            pid: nix::unistd::getpid().as_raw(),
            ppid: nix::unistd::getppid().as_raw(),
            hostname: nix::unistd::gethostname()
                .map(|h| h.to_string_lossy().into_owned())
                .unwrap_or_default(),
            pid_ns_inode: std::fs::metadata("/proc/self/ns/pid")
                .map(|m| m.ino())
                .unwrap_or(0),
            proc_self: std::fs::read_link("/proc/self")
                .ok()
                .and_then(|p| p.to_str().and_then(|s| s.parse().ok())),
            proc_remounted: self.proc_remounted,
        }
    }

    fn snapshot(&self, full: bool, count: bool) -> Snapshot {
        let root = Path::new("/proc");
        // Our own /proc holds only the namespace: counting it is cheap, and a count kept
        // from seconds ago would show processes that have gone (the trees refresh fast
        // while the shell pane is open).
        let count = count || self.proc_remounted;
        match self.identity().proc_self {
            Some(me) if !full && count => Snapshot::read_focused(root, &[me]),
            Some(me) if !full => Snapshot::read_focused_uncounted(root, &[me]),
            _ => Snapshot::read_all(root),
        }
    }
}

/// Reaps every child that has ended, without blocking, noting how the learner's shells
/// ended.
fn reap_all(shells: &mut Shells) {
    while let Ok(status) = waitpid(
        Pid::from_raw(-1),
        Some(WaitPidFlag::WNOHANG | WaitPidFlag::__WALL),
    ) {
        if status == WaitStatus::StillAlive {
            break;
        }
        note(shells, status);
    }
}

/// Blocks until `pid` ends, reaping any other child on the way (we are their init), and
/// returns its exit code (128 + signal when killed).
fn reap_except(pid: Pid, shells: &mut Shells) -> i32 {
    loop {
        match waitpid(Pid::from_raw(-1), Some(WaitPidFlag::__WALL)) {
            Ok(WaitStatus::Exited(p, code)) if p == pid => return code,
            Ok(WaitStatus::Signaled(p, signal, _)) if p == pid => return 128 + signal as i32,
            Ok(status) => note(shells, status),
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return -1,
        }
    }
}

fn note(shells: &mut Shells, status: WaitStatus) {
    match status {
        WaitStatus::Exited(pid, code) => shells.reaped(pid, ExitStatus::Code(code)),
        WaitStatus::Signaled(pid, signal, _) => {
            shells.reaped(pid, ExitStatus::Signal(signal as i32))
        }
        _ => {}
    }
}
