//! The live namespace. `Lab` (host side) owns one PID namespace whose init is the *agent*:
//! this same program, re-executed inside (see `spawn` for why). Asking the lab something is
//! a typed request and a typed reply over a socketpair; dropping the lab tears the
//! namespace down: SIGKILL to the agent (the kernel then kills every other process in the
//! namespace), and a reap.
//!
//! The agent dies with the thread that cloned it (PR_SET_PDEATHSIG follows the thread), so
//! a Lab must be spawned from a thread that lives as long as the Lab does.

pub mod agent;
mod answer;
mod confine;
pub mod experiments;
mod inside;
pub mod mode;
mod mounts;
pub mod protocol;
mod shell;
mod shell_inside;
mod spawn;

pub use answer::give_up_when;
pub use inside::{CHAIN_NAMES, SIGNAL_INIT_NAME};
pub use mode::Mode;
pub use protocol::{AgentIdentity, Errno, ExitStatus};
pub use shell::Shell;
pub use shell_inside::SHELL_ENV;
pub use spawn::AGENT_ARG;

use crate::procs::Snapshot;
use anyhow::{Context, Result, anyhow, bail};
use nix::sched::CloneFlags;
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::waitpid;
use nix::unistd::Pid;
use protocol::{AgentReply, Channel, Request};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Ends a forked child at once, with `code`: `_exit`, so none of the parent's destructors,
/// atexit handlers or buffered output run a second time in the copy.
pub fn leave(code: i32) -> ! {
    // SAFETY: `_exit` touches no memory of ours; skipping destructors is sound (as
    // `mem::forget` is).
    unsafe { libc::_exit(code) }
}

/// One live PID namespace and the agent that is its PID 1.
pub struct Lab {
    mode: Mode,
    agent: Pid,
    channel: Channel,
    pid_ns_inode: u64,
    /// Set once the agent has been reaped, so Drop does not signal a recycled PID.
    reaped: bool,
    /// The number of the last request sent (see `protocol`).
    asked: u64,
}

impl Lab {
    /// Spawns a lab whose agent is this very program (`/proc/self/exe`).
    pub fn spawn(mode: Mode) -> Result<Lab> {
        Lab::spawn_with(mode, Path::new("/proc/self/exe"))
    }

    /// Spawns a lab whose agent is the program at `exe` (tests pass the built binary).
    pub fn spawn_with(mode: Mode, exe: &Path) -> Result<Lab> {
        Lab::spawn_leaving_out(mode, exe, CloneFlags::empty())
    }

    /// For tests only: a lab whose clone() leaves out some of its namespace flags, as a
    /// regression might, to show that the agent then refuses instead of acting on the
    /// namespaces it shares with the tutor. Run it only inside a throwaway sandbox.
    #[doc(hidden)]
    pub fn spawn_leaving_out(mode: Mode, exe: &Path, left_out: CloneFlags) -> Result<Lab> {
        let spawned = spawn::spawn(mode, exe, left_out)?;
        let mut lab = Lab {
            mode,
            agent: spawned.pid,
            channel: Channel::new(spawned.channel),
            pid_ns_inode: 0,
            reaped: false,
            asked: 0,
        };
        // The agent's first words are unnumbered.
        match answer::await_reply(&mut lab.channel, lab.agent.as_raw(), 0)?.0 {
            AgentReply::Ready => {}
            AgentReply::Error { message } => bail!("the agent could not start: {message}"),
            other => bail!("the agent said {} instead of ready", other.kind()),
        }
        lab.pid_ns_inode = std::fs::metadata(format!("/proc/{}/ns/pid", lab.agent))
            .context("read the lab's PID namespace")?
            .ino();
        Ok(lab)
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The agent's PID on the host (what clone() returned).
    pub fn agent_pid(&self) -> i32 {
        self.agent.as_raw()
    }

    /// The inode of the lab's PID namespace.
    pub fn pid_ns_inode(&self) -> u64 {
        self.pid_ns_inode
    }

    pub fn identity(&mut self) -> Result<AgentIdentity> {
        match self.ask(&Request::Identity)? {
            AgentReply::Identity(identity) => Ok(identity),
            other => Err(unexpected(other)),
        }
    }

    /// What the agent's /proc shows: everything, or just the agent's ancestors and subtree
    /// with the number of all processes.
    pub fn snapshot(&mut self, full: bool) -> Result<Snapshot> {
        self.snapshot_counted(full, true)
    }

    /// Like `snapshot`, but leaving the (dear) count of all processes out when `count` is
    /// false: `total` is then only what was read.
    pub fn snapshot_counted(&mut self, full: bool, count: bool) -> Result<Snapshot> {
        match self.ask(&Request::Snapshot { full, count })? {
            AgentReply::Snapshot(snapshot) => Ok(snapshot),
            other => Err(unexpected(other)),
        }
    }

    /// `kill(pid, signal)` from inside; `Ok(None)` when it succeeded, else the errno.
    pub fn kill(&mut self, pid: i32, signal: i32, wait_exit: bool) -> Result<Option<Errno>> {
        match self.ask(&Request::Kill {
            pid,
            signal,
            wait_exit,
        })? {
            AgentReply::Kill { errno } => Ok(errno),
            other => Err(unexpected(other)),
        }
    }

    pub fn remount_proc(&mut self) -> Result<()> {
        match self.ask(&Request::RemountProc)? {
            AgentReply::Done => Ok(()),
            other => Err(unexpected(other)),
        }
    }

    /// Starts demo-a → demo-b → demo-c inside; their PIDs in the namespace.
    pub fn start_chain(&mut self) -> Result<Vec<i32>> {
        match self.ask(&Request::StartChain)? {
            AgentReply::Chain { pids } => Ok(pids),
            other => Err(unexpected(other)),
        }
    }

    /// A process inside sends `signal` to PID 1; what its kill() returned.
    pub fn signal_init_from_inside(&mut self, signal: i32) -> Result<Option<Errno>> {
        match self.ask(&Request::SignalInit { signal })? {
            AgentReply::Kill { errno } => Ok(errno),
            other => Err(unexpected(other)),
        }
    }

    /// Sends SIGKILL to the agent from the host, as teardown does, reaps it, and returns
    /// how many processes are left in the namespace afterwards (the kernel's answer: 0).
    pub fn kill_init(&mut self) -> Result<usize> {
        let before = self.members();
        self.terminate();
        Ok(before.into_iter().filter(|&pid| self.holds(pid)).count())
    }

    /// Tears the lab down and returns how many of its processes are still in its
    /// namespace afterwards: 0, or something is wrong.
    pub fn teardown(mut self) -> usize {
        self.kill_init().unwrap_or(0)
    }

    /// Host PIDs of the processes now in the lab: the agent and its descendants (whatever
    /// starts inside descends from the namespace's init), nested namespaces included. Read
    /// from the host's /proc by following children, so it stays cheap on a crowded host.
    pub fn members(&self) -> Vec<i32> {
        if self.reaped {
            return Vec::new();
        }
        let agent = self.agent.as_raw();
        let view = Snapshot::read_focused_uncounted(Path::new("/proc"), &[agent]);
        // The focused read also holds the agent's ancestors: the tutor and above.
        let mut outside = Vec::new();
        let mut parent = view.get(agent).map(|p| p.ppid);
        while let Some(pid) = parent.filter(|&pid| pid > 0 && !outside.contains(&pid)) {
            outside.push(pid);
            parent = view.get(pid).map(|p| p.ppid);
        }
        view.procs
            .iter()
            .map(|p| p.pid)
            .filter(|pid| !outside.contains(pid))
            .collect()
    }

    /// Whether a process of the lab is still there: its namespace link is readable only
    /// while it lives (not once it is a zombie). A nested namespace's process counts too.
    fn holds(&self, pid: i32) -> bool {
        std::fs::metadata(format!("/proc/{pid}/ns/pid")).is_ok()
    }

    fn terminate(&mut self) {
        if !self.reaped {
            let _ = kill(self.agent, Signal::SIGKILL);
            let _ = waitpid(self.agent, None);
            self.reaped = true;
        }
    }

    fn ask(&mut self, request: &Request) -> Result<AgentReply> {
        match self.exchange(request, &[])?.0 {
            AgentReply::Error { message } => Err(anyhow!("the agent could not do it: {message}")),
            reply => Ok(reply),
        }
    }

    /// Sends `request` (with `fds` alongside) and waits for its own answer and the
    /// descriptors that came with it.
    fn exchange(
        &mut self,
        request: &Request,
        fds: &[std::os::fd::RawFd],
    ) -> Result<(AgentReply, Vec<std::os::fd::OwnedFd>)> {
        if self.reaped {
            bail!("the lab's namespace has already been torn down");
        }
        self.asked += 1;
        self.channel
            .send_numbered(self.asked, request, fds)
            .context("send to the agent")?;
        answer::await_reply(&mut self.channel, self.agent.as_raw(), self.asked)
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        self.terminate();
    }
}

/// An answer of the wrong kind, in words: never the answer itself.
pub(crate) fn unexpected(reply: AgentReply) -> anyhow::Error {
    anyhow!("the agent answered with {} instead", reply.kind())
}
