//! The lab worker's side of the shell pane: it keeps the slave end of the pane's pty,
//! starts the learner's shell in the lab on it, notices when that shell ends (its pidfd),
//! and when a step rebuilds the lab (which takes every process of the old namespace with
//! it) starts a new shell in the new namespace, so the pane stays usable at every step.

use crate::app::{Reply, ShellEnd, ShellInfo};
use crate::lab::{ExitStatus, Shell};
use crate::session::Session;
use std::os::fd::{AsFd, OwnedFd};

/// The pane's slave end while the pane is open, and the shell on it.
#[derive(Default)]
pub struct ShellKeeper {
    slave: Option<OwnedFd>,
    shell: Option<Shell>,
    /// The last shell went with its namespace: start one when there is a lab again.
    lost_to_lab: bool,
}

impl ShellKeeper {
    /// Whether the pane is open (the trees then refresh fast).
    pub fn is_open(&self) -> bool {
        self.slave.is_some()
    }

    /// The host PID of the shell in the pane, while one runs.
    pub fn shell_pid(&self) -> Option<i32> {
        self.shell.as_ref().map(|shell| shell.host_pid)
    }

    /// A new pane: keep its slave and start a shell on it.
    pub fn open(&mut self, slave: OwnedFd, session: &mut Session) -> Reply {
        self.close();
        self.slave = Some(slave);
        self.start(session, false)
    }

    /// The pane closed: forget the slave (the shell, if it still runs, hangs up when the
    /// pane's master closes).
    pub fn close(&mut self) {
        self.slave = None;
        self.shell = None;
        self.lost_to_lab = false;
    }

    /// Starts a shell in the lab on the kept slave.
    pub fn start(&mut self, session: &mut Session, restarted: bool) -> Reply {
        self.lost_to_lab = false;
        let Some(slave) = self.slave.as_ref() else {
            return Reply::ShellEnded(ShellEnd::Failed("the shell pane is closed".into()));
        };
        let Some(lab) = session.lab() else {
            self.lost_to_lab = true;
            return Reply::ShellEnded(ShellEnd::NoLab);
        };
        match lab.open_shell(slave.as_fd()) {
            Ok(shell) => {
                let info = ShellInfo {
                    host_pid: shell.host_pid,
                    ns_pid: shell.ns_pid,
                    program: shell.program.clone(),
                };
                self.shell = Some(shell);
                Reply::ShellStarted { info, restarted }
            }
            Err(error) => Reply::ShellEnded(ShellEnd::Failed(format!("{error:#}"))),
        }
    }

    /// After a step: a rebuilt lab means a new shell; no lab means the shell is gone.
    pub fn after_step(&mut self, session: &mut Session) -> Option<Reply> {
        if !self.is_open() {
            return None;
        }
        let agent = session.lab().map(|lab| lab.agent_pid());
        match (&self.shell, agent) {
            (Some(shell), Some(agent)) if shell.agent == agent => None,
            (Some(_), _) => {
                self.shell = None;
                Some(self.restart(session))
            }
            (None, Some(_)) if self.lost_to_lab => Some(self.restart(session)),
            (None, _) => None,
        }
    }

    /// A new shell in a rebuilt lab, on a cleared screen: the old shell's last prompt
    /// would otherwise run into the new one's on the same line. The clearing goes through
    /// the pty itself, so it comes before anything the new shell prints.
    fn restart(&mut self, session: &mut Session) -> Reply {
        if let Some(slave) = self.slave.as_ref() {
            // Home, then erase the screen. A full pty buffer only loses the clearing.
            let _ = nix::unistd::write(slave, b"\x1b[H\x1b[2J");
        }
        self.start(session, true)
    }

    /// On each refresh: whether the shell has ended, and how.
    pub fn poll(&mut self, session: &mut Session) -> Option<Reply> {
        if !self.shell.as_ref().is_some_and(Shell::ended) {
            return None;
        }
        let shell = self.shell.take()?;
        let status = match session.lab() {
            Some(lab) if lab.agent_pid() == shell.agent => lab.shell_exit(&shell).ok().flatten(),
            _ => None,
        };
        let end = match status {
            Some(ExitStatus::Code(code)) => ShellEnd::Exited(code),
            Some(ExitStatus::Signal(signal)) => ShellEnd::Killed(signal),
            None => {
                self.lost_to_lab = true;
                ShellEnd::NoLab
            }
        };
        Some(Reply::ShellEnded(end))
    }
}
