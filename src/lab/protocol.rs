//! What the tutor and the agent say to each other: typed requests and replies, one JSON
//! object per line over a socketpair, with file descriptors (the terminal and the shell's pidfd)
//! passed alongside as SCM_RIGHTS.
//!
//! The tutor numbers its requests: a line is `ID JSON`, and the agent answers with the
//! same `ID`. An answer that comes too late (the agent was stopped) or a line nobody asked
//! for (written by whoever got hold of the agent's socket) then carries a number no one
//! waits for and is dropped, instead of being taken as the answer to the next question.
//! A line without a number (the agent's `Ready`, a request typed by hand) is number 0.

use crate::procs::Snapshot;
use nix::sys::socket::{ControlMessage, MsgFlags, sendmsg};
use rustix::net::{RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags, recvmsg};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::{self, IoSlice, IoSliceMut};
use std::mem::MaybeUninit;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};

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
pub enum AgentReply {
    /// Sent once, unasked, when the agent is ready.
    Ready,
    Identity(AgentIdentity),
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

impl AgentReply {
    /// What kind of answer this is, in words (for an error: never the whole answer).
    pub fn kind(&self) -> &'static str {
        match self {
            AgentReply::Ready => "ready",
            AgentReply::Identity(_) => "its identity",
            AgentReply::Snapshot(_) => "a list of processes",
            AgentReply::Kill { .. } => "the result of a kill",
            AgentReply::Done => "done",
            AgentReply::Chain { .. } => "the chain's PIDs",
            AgentReply::ShellPrepared { .. } => "a prepared shell",
            AgentReply::ShellStarted { .. } => "a started shell",
            AgentReply::ShellExit { .. } => "a shell's exit",
            AgentReply::Error { .. } => "an error",
        }
    }
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
pub struct AgentIdentity {
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
    /// Descriptors received with the bytes in `pending`: they go with the next line.
    pending_fds: Vec<OwnedFd>,
}

/// What reading the channel without waiting found.
pub enum Got {
    /// A whole line (without its newline) and the descriptors that came with it.
    Line(Vec<u8>, Vec<OwnedFd>),
    /// Nothing whole yet.
    NotYet,
    /// The other end hung up.
    Closed,
}

/// The longest line either side accepts: a snapshot of a very busy host is a few MB.
const LINE_MAX: usize = 64 << 20;

/// Splits `ID JSON` (or a bare `JSON`, number 0) and reads the JSON as a `T`.
pub fn parse<T: DeserializeOwned>(line: &[u8]) -> Result<(u64, T), String> {
    let (id, json) = match line.iter().position(|&b| b == b' ') {
        Some(space) if line[..space].iter().all(u8::is_ascii_digit) && space > 0 => {
            let id = std::str::from_utf8(&line[..space])
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or("a message number out of range")?;
            (id, &line[space + 1..])
        }
        _ => (0, line),
    };
    let message = serde_json::from_slice(json).map_err(|e| {
        // serde's words may quote the line: keep them printable.
        crate::sanitize::escape(&e.to_string()).into_owned()
    })?;
    Ok((id, message))
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
            pending_fds: Vec::new(),
        }
    }

    /// Sends one message, with `fds` attached to its first byte.
    pub fn send<T: Serialize>(&self, message: &T, fds: &[RawFd]) -> io::Result<()> {
        self.send_numbered(0, message, fds)
    }

    /// Sends one message as number `id` (0: unnumbered), with `fds` attached.
    pub fn send_numbered<T: Serialize>(
        &self,
        id: u64,
        message: &T,
        fds: &[RawFd],
    ) -> io::Result<()> {
        let mut line = if id == 0 {
            Vec::new()
        } else {
            format!("{id} ").into_bytes()
        };
        serde_json::to_writer(&mut line, message).map_err(io::Error::other)?;
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

    /// Waits until there is something to read, at most `timeout`.
    pub fn wait(&self, timeout: std::time::Duration) -> io::Result<()> {
        use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
        let timeout = PollTimeout::try_from(timeout).unwrap_or(PollTimeout::MAX);
        let mut fds = [PollFd::new(self.fd.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, timeout) {
            Ok(_) | Err(nix::errno::Errno::EINTR) => Ok(()),
            Err(errno) => Err(errno.into()),
        }
    }

    /// A whole line if one has come, without waiting for more.
    pub fn try_line(&mut self) -> io::Result<Got> {
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.pending.drain(..=end).collect();
                line.pop();
                return Ok(Got::Line(line, std::mem::take(&mut self.pending_fds)));
            }
            if self.pending.len() > LINE_MAX {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a message longer than 64 MiB",
                ));
            }
            let mut buf = [0u8; 64 * 1024];
            let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(4))];
            let mut control = RecvAncillaryBuffer::new(&mut space);
            let mut iov = [IoSliceMut::new(&mut buf)];
            let received = match recvmsg(
                &self.fd,
                &mut iov,
                &mut control,
                RecvFlags::CMSG_CLOEXEC | RecvFlags::DONTWAIT,
            ) {
                Ok(msg) => {
                    // The descriptors the kernel installed for us, owned from the start.
                    for message in control.drain() {
                        if let RecvAncillaryMessage::ScmRights(fds) = message {
                            self.pending_fds.extend(fds);
                        }
                    }
                    msg.bytes
                }
                Err(rustix::io::Errno::INTR) => continue,
                Err(rustix::io::Errno::AGAIN) => return Ok(Got::NotYet),
                Err(errno) => return Err(errno.into()),
            };
            if received == 0 {
                return if self.pending.is_empty() {
                    Ok(Got::Closed)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_and_bare_lines_parse_and_bad_ones_say_why_in_words() {
        let (id, r): (u64, Request) = parse(b"17 {\"request\":\"identity\"}").unwrap();
        assert_eq!((id, r), (17, Request::Identity));
        let (id, r): (u64, AgentReply) = parse(b"{\"reply\":\"ready\"}").unwrap();
        assert_eq!((id, r), (0, AgentReply::Ready));
        let e = parse::<AgentReply>(b"3 {\"reply\":\"\\u001b]0;x\\u0007\"}").unwrap_err();
        assert!(
            e.contains("unknown variant") && !e.contains('\u{1b}'),
            "{e}"
        );
        assert!(parse::<AgentReply>(b"99999999999999999999999 {}").is_err());
    }
}
