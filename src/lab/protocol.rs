//! What the tutor and the agent say to each other: typed requests and replies, one JSON
//! object per line over a socketpair, with file descriptors (the terminal and the shell's pidfd)
//! passed alongside as SCM_RIGHTS.

use crate::procs::Snapshot;
use nix::sys::socket::{ControlMessage, ControlMessageOwned, MsgFlags, recvmsg, sendmsg};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::{self, IoSlice, IoSliceMut};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};

/// A question or an order from the tutor to the agent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "request", rename_all = "snake_case")]
pub enum Request {
    /// Who the agent is, as it sees itself.
    Identity,
    /// What the agent's /proc shows: every process (`full`), or only the agent's ancestors
    /// and its own subtree, with a count of all processes when `count` is asked for.
    Snapshot { full: bool, count: bool },
    /// `kill(pid, signal)` from inside; signal 0 only probes. With `wait_exit`, wait (up
    /// to two seconds) until the target is gone, so that its orphans have been re-parented.
    Kill {
        pid: i32,
        signal: i32,
        wait_exit: bool,
    },
    /// A private mount namespace and a fresh /proc for the agent.
    RemountProc,
    /// Start three sleeping processes inside, each the child of the last.
    StartChain,
    /// A new process inside sends `signal` to PID 1 (the agent) and reports what kill said.
    SignalInit { signal: i32 },
    /// Fork a shell for the learner on the terminal passed alongside: a child of the agent
    /// (so a member of the lab's PID namespace), already in a mount namespace of its own,
    /// made recursively private. It waits for `StartShell` before it execs, so the tutor
    /// can check where it is first. Replied with `ShellPrepared` and a pidfd alongside.
    PrepareShell,
    /// Let the prepared shell exec (`go`), or end it without running anything.
    StartShell { pid: i32, go: bool },
    /// How a shell of the learner's ended, if it has.
    ShellExit { pid: i32 },
}

/// The agent's answer to one request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    /// Sent once, unasked, when the agent is ready.
    Ready,
    Identity(Identity),
    Snapshot(Snapshot),
    /// What a kill() returned: `None` for success, or the errno's name and text.
    Kill {
        errno: Option<Errno>,
    },
    Done,
    Chain {
        pids: Vec<i32>,
    },
    /// The shell's PID inside; a pidfd of it comes alongside.
    ShellPrepared {
        pid: i32,
    },
    /// The shell runs `program`.
    ShellStarted {
        program: String,
    },
    /// `None` while it runs.
    ShellExit {
        status: Option<ExitStatus>,
    },
    Error {
        message: String,
    },
}

/// How a process ended: its exit code, or the signal that killed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExitStatus {
    Code(i32),
    Signal(i32),
}

/// An errno by name (`ESRCH`) and by its text (`No such process`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Errno {
    pub name: String,
    pub message: String,
}

impl From<nix::errno::Errno> for Errno {
    fn from(errno: nix::errno::Errno) -> Errno {
        Errno {
            name: format!("{errno:?}"),
            message: errno.desc().to_string(),
        }
    }
}

/// The agent as it sees itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// `getpid()`: 1, the agent is the namespace's init.
    pub pid: i32,
    /// `getppid()`: 0, its parent is outside the namespace.
    pub ppid: i32,
    pub hostname: String,
    /// Inode of `/proc/self/ns/pid`.
    pub pid_ns_inode: u64,
    /// `readlink /proc/self`: the PID the agent's /proc mount gives it.
    pub proc_self: Option<i32>,
    /// Whether the agent has mounted its own /proc.
    pub proc_remounted: bool,
}

/// One end of the socketpair, sending and receiving whole lines.
pub struct Channel {
    fd: OwnedFd,
    pending: Vec<u8>,
}

/// The socket, to poll or to set options on.
impl AsFd for Channel {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl Channel {
    pub fn new(fd: OwnedFd) -> Channel {
        Channel {
            fd,
            pending: Vec::new(),
        }
    }

    /// Sends one message, with `fds` attached to its first byte.
    pub fn send<T: Serialize>(&self, message: &T, fds: &[RawFd]) -> io::Result<()> {
        let mut line = serde_json::to_vec(message).map_err(io::Error::other)?;
        line.push(b'\n');
        let mut sent = 0;
        while sent < line.len() {
            let rights = [ControlMessage::ScmRights(fds)];
            let cmsgs: &[ControlMessage] = if sent == 0 && !fds.is_empty() {
                &rights
            } else {
                &[]
            };
            let iov = [IoSlice::new(&line[sent..])];
            match sendmsg::<()>(
                self.fd.as_raw_fd(),
                &iov,
                cmsgs,
                MsgFlags::MSG_NOSIGNAL,
                None,
            ) {
                Ok(n) => sent += n,
                Err(nix::errno::Errno::EINTR) => continue,
                Err(errno) => return Err(errno.into()),
            }
        }
        Ok(())
    }

    /// Receives one message and any descriptors that came with it; `None` at end of stream.
    pub fn recv<T: DeserializeOwned>(&mut self) -> io::Result<Option<(T, Vec<OwnedFd>)>> {
        let mut fds = Vec::new();
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.pending.drain(..=end).collect();
                let message = serde_json::from_slice(&line).map_err(|e| {
                    io::Error::new(io::ErrorKind::InvalidData, format!("bad message: {e}"))
                })?;
                return Ok(Some((message, fds)));
            }
            let mut buf = [0u8; 64 * 1024];
            let mut space = nix::cmsg_space!([RawFd; 4]);
            let mut iov = [IoSliceMut::new(&mut buf)];
            let received = match recvmsg::<()>(
                self.fd.as_raw_fd(),
                &mut iov,
                Some(&mut space),
                MsgFlags::MSG_CMSG_CLOEXEC,
            ) {
                Ok(msg) => {
                    for cmsg in msg.cmsgs().map_err(io::Error::from)? {
                        if let ControlMessageOwned::ScmRights(raw) = cmsg {
                            // SAFETY: the kernel just installed these descriptors for us.
                            fds.extend(
                                raw.into_iter()
                                    .map(|fd| unsafe { OwnedFd::from_raw_fd(fd) }),
                            );
                        }
                    }
                    msg.bytes
                }
                Err(nix::errno::Errno::EINTR) => continue,
                Err(errno) => return Err(errno.into()),
            };
            if received == 0 {
                return if self.pending.is_empty() {
                    Ok(None)
                } else {
                    Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "message cut short",
                    ))
                };
            }
            self.pending.extend_from_slice(&buf[..received]);
        }
    }
}
