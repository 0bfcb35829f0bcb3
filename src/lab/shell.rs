//! The learner's shell, host side. The agent forks it as its own child (see
//! `shell_inside`) and holds it before exec; the tutor then checks, from the host, that
//! it is where it must be: in the lab's PID namespace, and in a mount namespace that is
//! neither the tutor's (the host's) nor the agent's, with no mount shared with any other
//! namespace. Only then may it exec. A learner's shell never runs in the host's mount
//! namespace.

use super::protocol::{AgentReply, ExitStatus, Request};
use super::{Lab, unexpected};
use anyhow::{Context, Result, anyhow, bail};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::MetadataExt;

/// A shell of the learner's, running inside the lab.
#[derive(Debug)]
pub struct Shell {
    /// Its PID on the host.
    pub host_pid: i32,
    /// Its PID inside the lab's namespace (what `echo $$` prints there).
    pub ns_pid: i32,
    /// The program it runs (`/usr/bin/bash`).
    pub program: String,
    /// The host PID of the agent it belongs to: a new lab means this shell is gone.
    pub agent: i32,
    pidfd: OwnedFd,
}

impl Shell {
    /// Whether it has ended (its pidfd turns readable when it exits).
    pub fn ended(&self) -> bool {
        let mut fds = [nix::poll::PollFd::new(
            self.pidfd.as_fd(),
            nix::poll::PollFlags::POLLIN,
        )];
        match nix::poll::poll(&mut fds, nix::poll::PollTimeout::ZERO) {
            Ok(n) => n > 0,
            Err(_) => false,
        }
    }
}

impl Lab {
    /// Starts a shell for the learner on `tty` (the slave side of the pane's pty): a
    /// child of the agent, in the lab's PID namespace and a private mount namespace of
    /// its own (checked from here before it may exec).
    pub fn open_shell(&mut self, tty: BorrowedFd<'_>) -> Result<Shell> {
        let (reply, fds) = self.exchange(&Request::PrepareShell, &[tty.as_raw_fd()])?;
        let ns_pid = match reply {
            AgentReply::ShellPrepared { pid } => pid,
            AgentReply::Error { message } => bail!("{message}"),
            other => return Err(unexpected(other)),
        };
        let pidfd = fds
            .into_iter()
            .next()
            .ok_or_else(|| anyhow!("the agent sent no pidfd with the shell"))?;
        let checked = pid_of(&pidfd).and_then(|host_pid| {
            self.check_place(host_pid)?;
            Ok(host_pid)
        });
        let host_pid = match checked {
            Ok(pid) => pid,
            Err(error) => {
                let _ = self.ask(&Request::StartShell {
                    pid: ns_pid,
                    go: false,
                });
                return Err(error.context("the shell was not started"));
            }
        };
        match self.ask(&Request::StartShell {
            pid: ns_pid,
            go: true,
        })? {
            AgentReply::ShellStarted { program } => Ok(Shell {
                host_pid,
                ns_pid,
                program,
                agent: self.agent_pid(),
                pidfd,
            }),
            other => Err(unexpected(other)),
        }
    }

    /// How `shell` ended, once it has (the agent reaps it and remembers).
    pub fn shell_exit(&mut self, shell: &Shell) -> Result<Option<ExitStatus>> {
        match self.ask(&Request::ShellExit { pid: shell.ns_pid })? {
            AgentReply::ShellExit { status } => Ok(status),
            other => Err(unexpected(other)),
        }
    }

    /// Where a prepared shell must be before it may exec: the lab's PID namespace, a
    /// mount namespace of its own, nothing in it shared with another mount namespace.
    fn check_place(&self, host_pid: i32) -> Result<()> {
        let ns = |pid: &str, kind: &str| {
            std::fs::metadata(format!("/proc/{pid}/ns/{kind}"))
                .map(|m| (m.dev(), m.ino()))
                .with_context(|| format!("read /proc/{pid}/ns/{kind}"))
        };
        let shell = host_pid.to_string();
        let (_, pid_ns) = ns(&shell, "pid")?;
        if pid_ns != self.pid_ns_inode {
            bail!("the shell is not in the lab's PID namespace");
        }
        let mnt = ns(&shell, "mnt")?;
        if mnt == ns("self", "mnt")? {
            bail!("the shell is in the tutor's (the host's) mount namespace");
        }
        if mnt == ns(&self.agent_pid().to_string(), "mnt")? {
            bail!("the shell shares the agent's mount namespace");
        }
        let table = std::fs::read_to_string(format!("/proc/{shell}/mountinfo"))
            .context("read the shell's mount table")?;
        if let Some(line) = table.lines().find(|l| propagates(l)) {
            bail!("a mount of the shell's is still shared with another namespace: {line}");
        }
        Ok(())
    }
}

/// Whether a line of mountinfo shows a mount that propagates to or from a peer: the
/// optional fields, between the mount options and the ` - ` separator, name its peer group.
fn propagates(line: &str) -> bool {
    let fields = line.split(" - ").next().unwrap_or("");
    fields
        .split_whitespace()
        .skip(6)
        .any(|f| f.starts_with("shared:"))
}

/// The host PID behind a pidfd (from its fdinfo, whose `Pid:` is in our namespace).
fn pid_of(pidfd: &OwnedFd) -> Result<i32> {
    let info = std::fs::read_to_string(format!("/proc/self/fdinfo/{}", pidfd.as_raw_fd()))
        .context("read the pidfd's fdinfo")?;
    info.lines()
        .find_map(|l| l.strip_prefix("Pid:"))
        .and_then(|v| v.trim().parse::<i32>().ok())
        .filter(|&pid| pid > 0)
        .ok_or_else(|| anyhow!("the shell ended before it could be checked"))
}

#[cfg(test)]
mod tests {
    use super::propagates;

    #[test]
    fn shared_mounts_are_told_from_private_ones() {
        let shared = "36 35 98:0 / / rw,noatime shared:1 - ext4 /dev/root rw";
        let slave = "36 35 98:0 / / rw,noatime master:1 - ext4 /dev/root rw";
        let private = "36 35 98:0 / / rw,noatime - ext4 /dev/root rw";
        assert!(propagates(shared));
        assert!(!propagates(slave));
        assert!(!propagates(private));
        // A mount point whose name looks like a tag is not one.
        assert!(!propagates(
            "36 35 98:0 / /shared:1 rw,noatime - ext4 /dev/root rw"
        ));
    }
}
