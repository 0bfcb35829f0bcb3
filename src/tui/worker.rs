//! The lab worker: one thread that owns the `Session` (and so the lab) for the whole run.
//! It must be one long-lived thread: the agent's PR_SET_PDEATHSIG follows the thread that
//! cloned it. The worker takes commands over a channel, answers with `Reply` messages,
//! and re-reads the tree views about once a second (five times a second while the shell
//! pane is open, so the trees move as the learner types), sending them only when they
//! changed, so the drawing thread never waits for /proc or the lab. On the same clock it
//! checks the step's task (`task`), once the learner's shell runs.
//!
//! When the command channel closes (the TUI quit, or is unwinding from a panic), the
//! worker drops the session, which tears the namespace down.
//!
//! The worker owns the source: `Switch` trades the live lab for the recording (tearing
//! the lab down) or the recording for a new live lab, then prepares the same step there.

use super::answers::Answers;
use super::shell::ShellKeeper;
use super::switch::Alternatives;
use super::task::Tasks;
use crate::app::{Effect, Msg, Reply, Views};
use crate::lab::Mode;
use crate::lesson::Step;
use crate::procs::Snapshot;
use crate::record::{Header, Replayer};
use crate::session::Session;
use crate::source::Source;
use crate::tasks;
use std::os::fd::OwnedFd;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the trees are re-read.
const REFRESH: Duration = Duration::from_secs(1);

/// How often while the shell pane is open: the lab's members only (the host's count of
/// all processes stays on its slow clock, see `Session::views`).
const REFRESH_SHELL: Duration = Duration::from_millis(200);

/// What the worker is asked to do.
pub enum Command {
    Prepare(Step),
    Run(Step),
    Reset,
    /// The shell pane opened: start a shell in the lab on this pty slave, and keep it
    /// for the next shells.
    OpenShell(OwnedFd),
    /// Start a new shell on the kept slave.
    StartShell,
    /// The shell pane closed.
    CloseShell,
    FullTrees(bool),
    /// Send the views now, changed or not.
    Refresh,
    /// From live to recorded or back, then prepare this step.
    Switch(Step),
    /// The learner's answer to the task of this step.
    TaskAnswer(Step, String),
}

impl Command {
    /// The worker's part of an app effect; `None` for the ones the runtime carries out
    /// itself (the shell needs the terminal, quitting ends the loop).
    pub fn from_effect(effect: &Effect) -> Option<Command> {
        match effect {
            Effect::Prepare(step) => Some(Command::Prepare(*step)),
            Effect::Run(step) => Some(Command::Run(*step)),
            Effect::Reset => Some(Command::Reset),
            Effect::FullTrees(full) => Some(Command::FullTrees(*full)),
            Effect::StartShell => Some(Command::StartShell),
            Effect::CloseShell => Some(Command::CloseShell),
            Effect::Switch(step) => Some(Command::Switch(*step)),
            Effect::TaskAnswer(step, answer) => Some(Command::TaskAnswer(*step, answer.clone())),
            Effect::OpenShell(_)
            | Effect::ShellInput(_)
            | Effect::Quit
            | Effect::SaveProgress
            | Effect::ResetProgress => None,
        }
    }
}

/// The worker thread and the way to talk to it. Dropping it stops the worker and waits
/// until the lab is torn down.
pub struct Worker {
    commands: Option<Sender<Command>>,
    thread: Option<JoinHandle<()>>,
    /// Set when stopping: the worker then gives up any wait for the agent at once (a
    /// stopped agent must not hold `q` up; see `lab::give_up_when`).
    quitting: Arc<AtomicBool>,
}

impl Worker {
    /// A worker answering from the live lab or from a recording.
    pub fn spawn(source: Source, replies: Sender<Msg>) -> std::io::Result<Worker> {
        Worker::spawn_switchable(source, Alternatives::default(), replies)
    }

    /// A worker that can also switch to the source `other` describes (`R`).
    pub fn spawn_switchable(
        source: Source,
        other: Alternatives,
        replies: Sender<Msg>,
    ) -> std::io::Result<Worker> {
        let (commands, inbox) = mpsc::channel();
        let quitting = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&quitting);
        let thread = std::thread::Builder::new()
            .name("pidns-lab".into())
            .spawn(move || {
                let _watch = PanicWatch(replies.clone());
                crate::lab::give_up_when(flag);
                let serving = match source {
                    Source::Live(mode) => Serving::Live(Box::new(Live::new(mode, replies.clone()))),
                    Source::Recorded(recording) => Serving::Recorded(Replayer::new(recording)),
                };
                Serve {
                    serving,
                    other,
                    replies,
                }
                .serve(inbox)
            })?;
        Ok(Worker {
            commands: Some(commands),
            thread: Some(thread),
            quitting,
        })
    }

    /// Passes on the worker's part of an app effect (see `Command::from_effect`).
    pub fn send_effect(&self, effect: &Effect) {
        if let Some(command) = Command::from_effect(effect) {
            self.send(command);
        }
    }

    pub fn send(&self, command: Command) {
        if let Some(commands) = &self.commands {
            let _ = commands.send(command);
        }
    }

    /// Stops the worker and waits for it (and so for the lab's teardown).
    pub fn stop(&mut self) {
        self.quitting.store(true, Ordering::Relaxed);
        self.commands = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Tells the TUI when the worker dies of a panic (the session, and so the lab, has been
/// dropped by the unwinding by then), so it quits instead of waiting for answers.
struct PanicWatch(Sender<Msg>);

impl Drop for PanicWatch {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.0.send(Msg::Fatal(
                "the lab worker failed (see the message above)".into(),
            ));
        }
    }
}

/// Drops commands that a later one makes pointless: a Prepare followed by another step
/// change only costs time, and the last word decides where the lab ends up anyway.
fn coalesce(batch: Vec<Command>) -> Vec<Command> {
    let mut out: Vec<Command> = Vec::with_capacity(batch.len());
    for command in batch.into_iter().rev() {
        let superseded = matches!(command, Command::Prepare(_))
            && out.iter().any(|c| {
                matches!(
                    c,
                    Command::Prepare(_) | Command::Run(_) | Command::Reset | Command::Switch(_)
                )
            });
        if !superseded {
            out.push(command);
        }
    }
    out.reverse();
    out
}

/// Where the answers come from now.
enum Serving {
    /// Boxed: a session is much bigger than a replayer.
    Live(Box<Live>),
    Recorded(Replayer),
}

impl Serving {
    fn header(&self) -> Source<Header> {
        match self {
            Serving::Live(live) => Source::Live(live.session.mode()),
            Serving::Recorded(replayer) => Source::Recorded(replayer.header().clone()),
        }
    }

    /// Ends the live lab (and the pane's shell in it), if that is what is served.
    fn finish(&mut self) {
        if let Serving::Live(live) = self {
            live.shell.close();
            live.session.finish();
        }
    }
}

/// The worker's loop: commands in, replies out, the source switched on request.
struct Serve {
    serving: Serving,
    other: Alternatives,
    replies: Sender<Msg>,
}

impl Serve {
    fn serve(mut self, inbox: Receiver<Command>) {
        loop {
            let every = match &self.serving {
                Serving::Live(live) if live.shell.is_open() => REFRESH_SHELL,
                _ => REFRESH,
            };
            let first = match inbox.recv_timeout(every) {
                Ok(command) => command,
                Err(RecvTimeoutError::Timeout) => {
                    if let Serving::Live(live) = &mut self.serving
                        && !live.tick()
                    {
                        break;
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            let mut batch = vec![first];
            batch.extend(inbox.try_iter());
            for command in coalesce(batch) {
                if !self.handle(command) {
                    self.serving.finish();
                    return;
                }
            }
        }
        self.serving.finish();
    }

    /// Carries out one command; false when nobody listens any more.
    fn handle(&mut self, command: Command) -> bool {
        match (command, &mut self.serving) {
            (Command::Switch(step), _) => self.switch(step),
            (command, Serving::Live(live)) => live.handle(command),
            (command, Serving::Recorded(replayer)) => {
                let mut replayer = &*replayer;
                let reply = match command {
                    Command::Prepare(step) => replayer.prepare(step),
                    Command::Run(step) => replayer.run(step),
                    Command::Reset => replayer.reset(),
                    Command::OpenShell(_)
                    | Command::StartShell
                    | Command::CloseShell
                    | Command::FullTrees(_)
                    | Command::Refresh
                    | Command::Switch(_)
                    | Command::TaskAnswer(..) => return true,
                };
                self.send(reply)
            }
        }
    }

    /// Trades the source for the other one (a live lab is torn down first), then prepares
    /// `step` in whichever is served now. When the other cannot be had, says why and
    /// stays.
    fn switch(&mut self, step: Step) -> bool {
        let next = match &self.serving {
            Serving::Live(_) => self
                .other
                .recording()
                .map(|r| Serving::Recorded(Replayer::new(r))),
            Serving::Recorded(_) => self
                .other
                .live_mode()
                .map(|mode| Serving::Live(Box::new(Live::new(mode, self.replies.clone())))),
        };
        match next {
            Ok(next) => {
                let mut old = std::mem::replace(&mut self.serving, next);
                old.finish();
                if !self.send(Reply::Switched(self.serving.header())) {
                    return false;
                }
            }
            Err(error) => {
                if !self.send(failed(None, &error)) {
                    return false;
                }
            }
        }
        self.handle(Command::Prepare(step))
    }

    fn send(&self, reply: Reply) -> bool {
        self.replies.send(Msg::Worker(Box::new(reply))).is_ok()
    }
}

/// The live side: the session, and what was last sent.
struct Live {
    session: Session,
    replies: Sender<Msg>,
    full: bool,
    hostname: Option<String>,
    last: Option<Views>,
    shell: ShellKeeper,
    tasks: Tasks,
}

impl Live {
    fn new(mode: Mode, replies: Sender<Msg>) -> Live {
        Live {
            session: Session::new(mode),
            replies,
            full: false,
            hostname: None,
            last: None,
            shell: ShellKeeper::default(),
            tasks: Tasks::default(),
        }
    }

    /// Time passed with no command: the pane's shell is looked at, the step's task
    /// checked, and the trees re-read (sent only if they changed); false when nobody
    /// listens.
    fn tick(&mut self) -> bool {
        if let Some(reply) = self.shell.poll(&mut self.session)
            && !self.send(reply)
        {
            return false;
        }
        self.check_task() && self.refresh(false)
    }

    /// Carries out one command; false when nobody listens any more.
    fn handle(&mut self, command: Command) -> bool {
        let reply = match command {
            Command::Prepare(step) => self.prepare(step),
            Command::Run(step) => self.run(step),
            Command::Reset => self.reset(),
            Command::OpenShell(slave) => {
                let reply = self.shell.open(slave, &mut self.session);
                return self.send(reply) && self.check_task() && self.refresh(true);
            }
            Command::StartShell => {
                let reply = self.shell.start(&mut self.session, false);
                return self.send(reply) && self.check_task() && self.refresh(true);
            }
            Command::CloseShell => {
                self.shell.close();
                return self.check_task();
            }
            Command::TaskAnswer(step, answer) => {
                return match self.tasks.answer(step, &answer) {
                    Some(reply) => self.send(reply),
                    None => true,
                };
            }
            Command::FullTrees(full) => {
                self.full = full;
                return self.refresh(true);
            }
            Command::Refresh => return self.refresh(true),
            // The worker's loop switches sources; a live lab never sees this.
            Command::Switch(_) => return true,
        };
        if let Reply::Prepared { views, .. } | Reply::Ran { views, .. } = &reply {
            self.last = Some(views.clone());
        }
        if !self.send(reply) {
            return false;
        }
        // The step may have rebuilt the lab or ended it: the pane's shell follows, and
        // the step's task with it.
        let shell = match self.shell.after_step(&mut self.session) {
            Some(reply) => self.send(reply) && self.refresh(true),
            None => true,
        };
        shell && self.check_task()
    }

    /// Begins, begins again or stops the step's task to match the lab and the pane's
    /// shell, and checks it; false when nobody listens.
    fn check_task(&mut self) -> bool {
        let shell = self.shell.shell_pid();
        let mut replies = self.tasks.sync(&mut self.session, shell);
        replies.extend(self.tasks.poll());
        replies.into_iter().all(|reply| self.send(reply))
    }

    /// Sends a reply to the TUI; false when nobody listens.
    fn send(&self, reply: Reply) -> bool {
        self.replies.send(Msg::Worker(Box::new(reply))).is_ok()
    }

    /// Runs `step` (without its task's bookkeeping): the reply and the views after it.
    fn observe(&mut self, step: Step) -> Reply {
        match crate::steps::run(&mut self.session, step) {
            Ok(observation) => {
                // The observation already holds the trees as they were right after the
                // action; read /proc again only for the full trees.
                let views = if self.full {
                    self.views(true)
                } else {
                    let trees = (observation.host_view.clone(), observation.ns_view.clone());
                    self.views_of(trees, true)
                };
                Reply::Ran {
                    views,
                    step,
                    observation: Box::new(observation),
                }
            }
            Err(error) => failed(Some(step), &error),
        }
    }

    /// Sends the views if they changed (or `always`); false when nobody listens.
    fn refresh(&mut self, always: bool) -> bool {
        let views = self.views(false);
        if !always && self.last.as_ref() == Some(&views) {
            return true;
        }
        self.last = Some(views.clone());
        self.replies
            .send(Msg::Worker(Box::new(Reply::Views(views))))
            .is_ok()
    }

    /// Reads the trees; asks the agent for its hostname when `identity` is set.
    fn views(&mut self, identity: bool) -> Views {
        // An experiment's still stays as it was (its processes are gone from /proc),
        // unless the learner's shell is open in the lab: then the trees show what it sees.
        let trees = if self.full && self.session.still().is_none() {
            let ns = self.session.lab().and_then(|lab| lab.snapshot(true).ok());
            (Some(Snapshot::read_all(Path::new("/proc"))), ns)
        } else if self.shell.is_open() {
            self.session.live_views()
        } else {
            self.session.views()
        };
        self.views_of(trees, identity)
    }

    /// The views for trees already read: who is who in them, and the hostname inside.
    fn views_of(
        &mut self,
        (host, ns): (Option<Snapshot>, Option<Snapshot>),
        identity: bool,
    ) -> Views {
        let lab = self.session.lab();
        let (agent, lab_ns) = match &lab {
            Some(lab) => (Some(lab.agent_pid()), Some(lab.pid_ns_inode())),
            None => (None, None),
        };
        match lab {
            Some(lab) if identity => self.hostname = lab.identity().ok().map(|i| i.hostname),
            Some(_) => {}
            None => self.hostname = None,
        }
        Views {
            host,
            ns,
            tutor: std::process::id() as i32,
            agent,
            lab_ns,
            hostname: self.hostname.clone(),
            shell_proc: self
                .shell
                .shell_pid()
                .zip(agent.zip(lab_ns))
                .and_then(|(shell, (agent, ns))| tasks::proc_seen_by(shell, agent, ns)),
            agent_stopped: agent.is_some_and(tasks::is_stopped),
        }
    }
}

/// The live lab answers from the kernel, keeping the step's task in step.
impl Answers for Live {
    fn prepare(&mut self, step: Step) -> Reply {
        self.tasks.prepare(step);
        match crate::steps::prepare(&mut self.session, step) {
            Ok(()) => Reply::Prepared {
                views: self.views(true),
                step,
            },
            Err(error) => failed(Some(step), &error),
        }
    }

    fn run(&mut self, step: Step) -> Reply {
        let before = self.tasks.running(step, &mut self.session);
        let reply = self.observe(step);
        self.tasks.ran(&before, &mut self.session);
        reply
    }

    fn reset(&mut self) -> Reply {
        self.tasks.prepare(Step::Clone);
        match crate::steps::prepare(&mut self.session, Step::Clone) {
            Ok(()) => self.observe(Step::Clone),
            Err(error) => failed(Some(Step::Clone), &error),
        }
    }
}

fn failed(step: Option<Step>, error: &anyhow::Error) -> Reply {
    Reply::Failed {
        step,
        error: format!("{error:#}"),
    }
}
