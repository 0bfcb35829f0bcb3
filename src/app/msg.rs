//! What flows into the app (messages) and out of it (effects), and the data the lab worker
//! sends back. Plain values, so the app can be driven headless in tests.

use super::Geometry;
use super::shell::{Screen, ShellEnd, ShellInfo};
use super::task::TaskReport;
use crate::lesson::Step;
use crate::procs::Snapshot;
use crate::record::Header;
use crate::source::Source;
use crate::steps::Observation;
use crate::tasks::ProcOwner;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};

/// Something happened.
#[derive(Clone, Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A frame was drawn, with this layout and these scroll offsets.
    Drawn(Geometry),
    /// Time passed (the runtime sends it when a highlight is due to fade).
    Tick,
    /// The shell pane's screen changed (the pty reader fed it output).
    ShellOutput,
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The lab worker answered.
    Worker(Box<Reply>),
    /// SIGTERM, SIGHUP or SIGINT (the number): quit cleanly.
    Signal(i32),
    /// Something the TUI cannot go on without broke (the lab worker died): quit and say so.
    Fatal(String),
    /// Something the learner should know that stops nothing (progress could not be saved).
    Warn(String),
}

/// Something the runtime must do for the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Bring the lab to the stage this step starts from.
    Prepare(Step),
    /// Run this step's action (prepares first).
    Run(Step),
    /// A fresh lab, in the state right after the clone step.
    Reset,
    /// Open the shell pane: a pty feeding this screen, and a shell in the lab on it.
    OpenShell(Screen),
    /// A new shell on the open pane's pty (the last one ended).
    StartShell,
    /// Bytes for the shell, as a terminal would send them.
    ShellInput(Vec<u8>),
    /// Close the pane and its pty.
    CloseShell,
    /// Read whole /proc trees (true) or only the branches the lesson is about (false).
    FullTrees(bool),
    /// Write the learner's progress (`App::learner`) to its file, if it is kept.
    SaveProgress,
    /// Clear the progress file (the learner said yes).
    ResetProgress,
    /// The learner's answer to the task of this step (empty: none).
    TaskAnswer(Step, String),
    /// From the live lab to the recording, or back, then prepare this step there.
    Switch(Step),
    Quit,
}

/// What the two tree panes show, and who is who in them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Views {
    /// The host's /proc around the tutor and the lab.
    pub host: Option<Snapshot>,
    /// What the namespace's /proc shows; `None` when there is no namespace.
    pub ns: Option<Snapshot>,
    /// The tutor's PID on the host.
    pub tutor: i32,
    /// The agent's (the namespace's PID 1) host PID.
    pub agent: Option<i32>,
    /// Inode of the lab's PID namespace.
    pub lab_ns: Option<u64>,
    /// The hostname inside the namespace, when known.
    pub hostname: Option<String>,
    /// Whose /proc the learner's shell sees at /proc, while it runs: the pane beside it
    /// is PID 1's view, and the two must not silently disagree.
    pub shell_proc: Option<ProcOwner>,
    /// The namespace's PID 1 is stopped (state T: a SIGSTOP from the host): it answers
    /// nothing until it gets SIGCONT.
    pub agent_stopped: bool,
}

/// The lab worker's answers.
#[derive(Clone, Debug)]
pub enum Reply {
    Prepared {
        step: Step,
        views: Views,
    },
    Ran {
        step: Step,
        /// Boxed: an observation carries up to four snapshots.
        observation: Box<Observation>,
        views: Views,
    },
    /// A periodic refresh (sent only when something changed).
    Views(Views),
    Failed {
        step: Option<Step>,
        error: String,
    },
    /// A shell runs in the pane; `restarted` when the lab was rebuilt for a step and the
    /// last shell went with the old namespace.
    ShellStarted {
        info: ShellInfo,
        restarted: bool,
    },
    /// The pane's shell ended, or could not start.
    ShellEnded(ShellEnd),
    /// About the task of a step.
    Task(TaskReport),
    /// The facts now come from this source (a `Prepared` for the step follows).
    Switched(Source<Header>),
}

impl From<Reply> for Msg {
    fn from(reply: Reply) -> Msg {
        Msg::Worker(Box::new(reply))
    }
}
