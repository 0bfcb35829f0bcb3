//! The lab worker's side of the tasks: it begins the task of the step shown once there is
//! a lab and a shell in the pane (`tasks::TaskRun::begin`, which may run an experiment:
//! here, off the drawing thread), begins it again when the lab is rebuilt or the shell
//! replaced, notes what the tutor itself starts in the lab while a step runs (never the
//! learner's doing), and checks it on the shell pane's refresh clock, telling the app
//! (`TaskReport`) only when something changed.

use crate::app::Reply;
use crate::app::task::{Stop, TaskReport};
use crate::lesson::Step;
use crate::procs::Snapshot;
use crate::session::Session;
use crate::tasks::{Setting, TaskRun, Verdict};
use std::path::Path;

/// A task under way.
struct Running {
    step: Step,
    ctx: TaskRun,
    /// Where it began (host PIDs): another agent means a rebuilt lab, another shell a
    /// new one; either way the task begins again.
    agent: i32,
    shell: i32,
    /// The verdict last sent.
    last: Option<Verdict>,
}

/// The task of the step shown, as the worker runs it.
#[derive(Default)]
pub struct Tasks {
    /// The step the app shows (the last one prepared or run).
    shown: Option<Step>,
    running: Option<Running>,
    /// Why no task runs, as last told to the app (so it is told once).
    told: Option<(Step, Stop)>,
    /// Where `begin` failed (step, agent, shell): not tried again on every tick.
    failed: Option<(Step, i32, i32)>,
}

impl Tasks {
    /// The app shows `step` afresh (it has made a new task view for it): whatever ran
    /// before is dropped, and the task begins anew.
    pub fn prepare(&mut self, step: Step) {
        *self = Tasks {
            shown: Some(step),
            ..Tasks::default()
        };
    }

    /// `step` is about to run: the task of the step shown goes on (unless the run
    /// rebuilds the lab, which `sync` notices). Returns the lab's processes now that are
    /// not the learner's shell's, for `ran`.
    pub fn running(&mut self, step: Step, session: &mut Session) -> Vec<i32> {
        if self.shown != Some(step) {
            self.prepare(step);
        }
        self.others(session)
    }

    /// After a step ran: the processes that appeared in the lab outside the learner's
    /// shell (`before` were there already) are the tutor's (the demo chain), never the
    /// learner's.
    pub fn ran(&mut self, before: &[i32], session: &mut Session) {
        let new: Vec<i32> = self
            .others(session)
            .into_iter()
            .filter(|pid| !before.contains(pid))
            .collect();
        if let Some(running) = self.running.as_mut() {
            running.ctx.setting.tutor_started.extend(new);
        }
    }

    /// Begins, begins again or stops the task to match the lab and the pane's shell
    /// (`shell`, its host PID); the reports for the app.
    pub fn sync(&mut self, session: &mut Session, shell: Option<i32>) -> Vec<Reply> {
        let Some((step, task)) = self
            .shown
            .and_then(|s| Some((s, crate::steps::def(s).task?)))
        else {
            self.running = None;
            return Vec::new();
        };
        let Some(lab) = session.lab() else {
            return self.stop(step, Stop::NoLab);
        };
        let Some(shell) = shell else {
            return self.stop(step, Stop::NoShell);
        };
        let agent = lab.agent_pid();
        let same = |r: &Running| r.step == step && r.agent == agent && r.shell == shell;
        if self.running.as_ref().is_some_and(same) || self.failed == Some((step, agent, shell)) {
            return Vec::new();
        }
        self.running = None;
        match TaskRun::begin(task, Setting::new(lab, shell)) {
            Ok(ctx) => {
                let solution = ctx.solution();
                self.told = None;
                self.running = Some(Running {
                    step,
                    ctx,
                    agent,
                    shell,
                    last: None,
                });
                let mut replies = vec![report(TaskReport::Began { step, solution })];
                replies.extend(self.poll());
                replies
            }
            Err(error) => {
                self.failed = Some((step, agent, shell));
                self.stop(step, Stop::Failed(format!("{error:#}")))
            }
        }
    }

    /// Checks the task under way; a report when the verdict changed.
    pub fn poll(&mut self) -> Option<Reply> {
        let running = self.running.as_mut()?;
        let verdict = running.ctx.poll();
        if running.last == Some(verdict) {
            return None;
        }
        running.last = Some(verdict);
        Some(report(TaskReport::Checked {
            step: running.step,
            verdict,
        }))
    }

    /// The learner's answer to the task of `step`, checked at once.
    pub fn answer(&mut self, step: Step, answer: &str) -> Option<Reply> {
        let running = self.running.as_mut().filter(|r| r.step == step)?;
        running.ctx.set_answer(answer);
        // Sent even when unchanged: the learner is waiting for this answer's verdict.
        running.last = None;
        self.poll()
    }

    /// No task runs now, for this reason: told once.
    fn stop(&mut self, step: Step, why: Stop) -> Vec<Reply> {
        self.running = None;
        let told = Some((step, why.clone()));
        if self.told == told {
            return Vec::new();
        }
        self.told = told;
        vec![report(TaskReport::Stopped { step, why })]
    }

    /// The lab's processes now, other than the learner's shell and what descends from it.
    fn others(&self, session: &mut Session) -> Vec<i32> {
        let Some(agent) = session.lab().map(|lab| lab.agent_pid()) else {
            return Vec::new();
        };
        let shell = self.running.as_ref().map(|r| r.shell);
        let view = Snapshot::read_focused_uncounted(Path::new("/proc"), &[agent]);
        let under = |mut pid: i32, top: i32| {
            for _ in 0..view.procs.len() {
                if pid == top {
                    return true;
                }
                match view.get(pid) {
                    Some(p) if p.ppid > 0 => pid = p.ppid,
                    _ => return false,
                }
            }
            false
        };
        view.procs
            .iter()
            .map(|p| p.pid)
            .filter(|&pid| pid != agent && under(pid, agent))
            .filter(|&pid| shell.is_none_or(|shell| !under(pid, shell)))
            .collect()
    }
}

fn report(report: TaskReport) -> Reply {
    Reply::Task(report)
}
