//! The learner's shell as the agent makes it: a child of the agent, so a member of the lab's
//! PID namespace (`echo $$` prints its PID inside, `$PPID` is 1), in a mount namespace of
//! its own made recursively private before anything else, so nothing mounted in it can
//! reach the host's mount table. It waits for the tutor's go-ahead before it execs: the
//! tutor first checks from the host side where the shell is (see `lab::shell`).
//!
//! The agent is single-threaded, so the forked child may run ordinary Rust.

use super::protocol::ExitStatus;
use nix::fcntl::OFlag;
use nix::sys::signal::{SigHandler, SigSet, Signal};
use nix::unistd::{ForkResult, Pid, fork};
use rustix::process::{PidfdFlags, pidfd_open};
use std::ffi::{CString, OsString};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStringExt;

/// Set to a program's path, the pane runs that instead of bash (and nothing else if it
/// cannot): for a user who wants another shell, and for the test of "no shell at all".
pub const SHELL_ENV: &str = "PIDNS_TUTOR_SHELL";

/// The terminal the tutor emulates in its pane (the `vt100` crate speaks xterm).
const TERM: &str = "xterm-256color";

/// The shells of the learner the agent knows about.
#[derive(Default)]
pub struct Shells {
    pending: Option<Pending>,
    /// Every shell started (PID inside) and, once reaped, how it ended.
    started: Vec<(i32, Option<ExitStatus>)>,
}

/// A forked shell waiting for the go-ahead.
struct Pending {
    pid: Pid,
    go: OwnedFd,
    report: OwnedFd,
}

/// A program to exec, with everything prepared before the fork.
struct Program {
    path: CString,
    argv: Vec<CString>,
    env: Vec<CString>,
}

impl Shells {
    /// Forks a shell on `tty` and waits until it is set up (own mount namespace, session,
    /// controlling terminal). Returns its PID inside and a pidfd of it.
    pub fn prepare(&mut self, tty: OwnedFd) -> Result<(i32, OwnedFd), String> {
        // A shell prepared but never started is abandoned: one at a time.
        if let Some(old) = self.pending.take() {
            drop(old.go);
        }
        let programs = programs();
        let (go_read, go_write) =
            nix::unistd::pipe2(OFlag::O_CLOEXEC).map_err(|e| e.to_string())?;
        let (report_read, report_write) =
            nix::unistd::pipe2(OFlag::O_CLOEXEC).map_err(|e| e.to_string())?;
        // SAFETY: the agent is single-threaded, so the child may run ordinary code.
        let pid = match unsafe { fork() }.map_err(|e| format!("fork: {e}"))? {
            ForkResult::Child => {
                drop(go_write);
                drop(report_read);
                child(&tty, &go_read, &report_write, &programs)
            }
            ForkResult::Parent { child } => child,
        };
        drop(tty);
        drop(go_read);
        drop(report_write);
        let mut first = [0u8; 1];
        match read_byte(&report_read, &mut first) {
            Some(b'R') => {}
            Some(_) => {
                let message = read_to_end(&report_read);
                return Err(format!("the shell could not be set up: {message}"));
            }
            None => return Err("the shell ended before it was set up".into()),
        }
        let pidfd = rustix::process::Pid::from_raw(pid.as_raw())
            .ok_or(rustix::io::Errno::SRCH)
            .and_then(|p| pidfd_open(p, PidfdFlags::empty()));
        let pidfd = match pidfd {
            Ok(pidfd) => pidfd,
            Err(errno) => {
                let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
                return Err(format!("pidfd_open: {errno}"));
            }
        };
        self.pending = Some(Pending {
            pid,
            go: go_write,
            report: report_read,
        });
        Ok((pid.as_raw(), pidfd))
    }

    /// Lets the prepared shell `pid` exec (`go`) or end. Returns the program it runs.
    pub fn start(&mut self, pid: i32, go: bool) -> Result<String, String> {
        let pending = match self.pending.take() {
            Some(p) if p.pid.as_raw() == pid => p,
            other => {
                self.pending = other;
                return Err(format!("no shell {pid} is waiting to start"));
            }
        };
        if !go {
            // End of file on its pipe: the child leaves without running anything.
            drop(pending.go);
            return Err("the shell was not started".into());
        }
        if nix::unistd::write(&pending.go, b"g") != Ok(1) {
            return Err("the shell ended before it could start".into());
        }
        drop(pending.go);
        // The report pipe closes on a successful exec; a failed one writes why first.
        let failure = read_to_end(&pending.report);
        if !failure.is_empty() {
            return Err(failure);
        }
        self.started.push((pid, None));
        let programs = programs();
        let name = std::fs::read_link(format!("/proc/{pid}/exe"))
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| {
                programs
                    .first()
                    .map(|p| p.path.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
        Ok(name)
    }

    /// Notes how a reaped child ended, if it was one of the shells.
    pub fn reaped(&mut self, pid: Pid, status: ExitStatus) {
        if let Some(entry) = self.started.iter_mut().find(|(p, _)| *p == pid.as_raw()) {
            entry.1 = Some(status);
        }
    }

    /// How shell `pid` ended; `None` while it runs (or if it is not one of ours).
    pub fn exit_of(&self, pid: i32) -> Option<ExitStatus> {
        self.started
            .iter()
            .find(|(p, _)| *p == pid)
            .and_then(|(_, status)| *status)
    }
}

/// The shells to try, in order: `$PIDNS_TUTOR_SHELL` alone when set, else bash, then sh.
fn programs() -> Vec<Program> {
    let env = shell_env();
    let chosen = std::env::var_os(SHELL_ENV).filter(|v| !v.is_empty());
    let candidates: Vec<(OsString, Vec<&str>)> = match chosen {
        Some(path) => vec![(path, vec!["-i"])],
        None => vec![
            ("/bin/bash".into(), vec!["--norc", "--noprofile", "-i"]),
            ("/bin/sh".into(), vec!["-i"]),
        ],
    };
    candidates
        .into_iter()
        .filter_map(|(path, args)| {
            let name = std::path::Path::new(&path)
                .file_name()
                .map(|n| n.to_os_string().into_vec())
                .unwrap_or_default();
            let mut argv = vec![CString::new(name).ok()?];
            argv.extend(args.into_iter().filter_map(|a| CString::new(a).ok()));
            let is_bash = argv.first().is_some_and(|a| a.as_bytes() == b"bash");
            let mut env = env.clone();
            // bash draws the post's `root@namespace` prompt; other shells get a plain one.
            let prompt: &[u8] = if is_bash { b"\\u@\\h:\\w\\$ " } else { b"# " };
            env.push(CString::new([b"PS1=".as_slice(), prompt].concat()).ok()?);
            Some(Program {
                path: CString::new(path.into_vec()).ok()?,
                argv,
                env,
            })
        })
        .collect()
}

/// The agent's environment (the tutor's), as the shell should see it: our terminal type,
/// no history written into the learner's home, and nothing that says it runs under the
/// multiplexer or at the size of the terminal the tutor itself runs in.
fn shell_env() -> Vec<CString> {
    const DROP: [&str; 7] = [
        "TERM",
        "TMUX",
        "TMUX_PANE",
        "STY",
        "COLUMNS",
        "LINES",
        "HISTFILE",
    ];
    let mut env: Vec<CString> = std::env::vars_os()
        .filter(|(k, _)| !DROP.iter().any(|d| k == d) && k != "PS1")
        .filter_map(|(k, v)| {
            let mut pair = k.into_vec();
            pair.push(b'=');
            pair.extend(v.into_vec());
            CString::new(pair).ok()
        })
        .collect();
    env.extend(
        [format!("TERM={TERM}"), "HISTFILE=".into()]
            .into_iter()
            .filter_map(|s| CString::new(s).ok()),
    );
    env
}

/// The forked child: sets itself up, says so, waits for the go-ahead, execs.
fn child(tty: &OwnedFd, go: &OwnedFd, report: &OwnedFd, programs: &[Program]) -> ! {
    reset_signals();
    if let Err(message) = set_up(tty) {
        let _ = nix::unistd::write(report, format!("E{message}").as_bytes());
        super::leave(126)
    }
    let _ = nix::unistd::write(report, b"R");
    let mut byte = [0u8; 1];
    if read_byte(go, &mut byte) != Some(b'g') {
        super::leave(0)
    }
    let _ = rustix::stdio::dup2_stdin(tty);
    let _ = rustix::stdio::dup2_stdout(tty);
    let _ = rustix::stdio::dup2_stderr(tty);
    // Everything above stderr closes at exec, the report pipe included: the agent reads
    // end-of-file there when the exec succeeded. (The channel and the signalfd too.)
    // SAFETY: close_range only changes flags of descriptors.
    unsafe {
        libc::syscall(
            libc::SYS_close_range,
            3u32,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    let mut tried = Vec::new();
    for program in programs {
        let errno = match nix::unistd::execve(&program.path, &program.argv, &program.env) {
            Err(errno) => errno,
            Ok(never) => match never {},
        };
        tried.push(format!(
            "{}: {}",
            program.path.to_string_lossy(),
            errno.desc()
        ));
    }
    let message = format!("no shell to run here ({})", tried.join("; "));
    let _ = nix::unistd::write(
        std::io::stderr().as_fd(),
        format!("pidns-tutor: {message}\r\n").as_bytes(),
    );
    let _ = nix::unistd::write(report, message.as_bytes());
    super::leave(127)
}

/// A mount namespace of our own, `/` made recursively private in it at once (so nothing
/// mounted later propagates to the host, whose mounts systemd makes shared), then a
/// session of our own with the pane's terminal as its controlling terminal.
fn set_up(tty: &OwnedFd) -> Result<(), String> {
    super::mounts::private_mount_ns()?;
    nix::unistd::setsid().map_err(|e| format!("setsid: {e}"))?;
    rustix::process::ioctl_tiocsctty(tty).map_err(|e| format!("make the pane's terminal ours: {e}"))
}

/// Every signal unblocked and back to its default: the agent blocks SIGCHLD, and Rust
/// ignores SIGPIPE, which an exec would keep (then `yes | head` would complain).
fn reset_signals() {
    let _ = SigSet::all().thread_unblock();
    for signal in Signal::iterator() {
        if !matches!(signal, Signal::SIGKILL | Signal::SIGSTOP) {
            // SAFETY: restoring a default disposition in a child about to exec.
            let _ = unsafe { nix::sys::signal::signal(signal, SigHandler::SigDfl) };
        }
    }
}

fn read_byte(fd: &OwnedFd, byte: &mut [u8; 1]) -> Option<u8> {
    loop {
        match nix::unistd::read(fd, byte) {
            Ok(1) => return Some(byte[0]),
            Err(nix::errno::Errno::EINTR) => continue,
            _ => return None,
        }
    }
}

fn read_to_end(fd: &OwnedFd) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 512];
    loop {
        match nix::unistd::read(fd, &mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
