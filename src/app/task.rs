//! The hands-on task of the step shown, as the app keeps it: what it asks, whether it has
//! begun (it needs the learner's shell), the last verdict the lab worker sent, the hint or
//! solution the learner asked for (`tasks::Coach`: a hint first, the solution from the
//! second time on or once passed); the answer being typed is a mode (`Modal::Answer`).
//!
//! The checking itself is the worker's (`tui::task`): it holds the task's `TaskRun`, polls
//! it on the shell pane's clock and sends `TaskReport`s. Nothing here reads the kernel, so
//! every transition can be driven headless. Tasks exist only live: a recording has no
//! kernel to check against.
//!
//! Progress: a pass is recorded as `passed` when it comes; leaving the step without one,
//! as `skipped` (a pass recorded earlier is never undone, see `Progress::task`), in the
//! learner's progress (`Learner::task_ended`), which the runtime then writes
//! (`Effect::SaveProgress`).

use super::{App, Effect, Modal, Notice};
use crate::i18n::Phrase;
use crate::lesson::Step;
use crate::progress::TaskState;
use crate::tasks::{self, Coach, Help, Task, Verdict};
use crate::words;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The longest answer the prompt takes (an answer is a number or three words).
pub const ANSWER_MAX: usize = 200;

/// What the lab worker says about the task of a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskReport {
    /// The task began (again, after a new shell or a rebuilt lab), with its solution as
    /// this run observed it (init-signals' names what the kernel did).
    Began { step: Step, solution: Phrase },
    /// The latest check, sent when it differs from the one before.
    Checked { step: Step, verdict: Verdict },
    /// No task runs now, and why.
    Stopped { step: Step, why: Stop },
}

impl TaskReport {
    pub fn step(&self) -> Step {
        match self {
            TaskReport::Began { step, .. }
            | TaskReport::Checked { step, .. }
            | TaskReport::Stopped { step, .. } => *step,
        }
    }
}

/// Why a task is not being checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// There is no shell in the pane (not opened yet, or it ended).
    NoShell,
    /// There is no namespace (the step's run ended it).
    NoLab,
    /// It could not begin; the message says why.
    Failed(String),
}

/// Where the task stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    Stopped(Stop),
    /// Begun: the worker checks it on the shell pane's clock.
    Checking,
}

/// A hint on screen, and how it came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownHint {
    pub words: Phrase,
    /// Asked for with `h` (it stays), rather than found by a check (it goes when the
    /// state it is about does).
    pub asked: bool,
}

/// The task panel's model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskView {
    pub task: Task,
    pub phase: Phase,
    /// The last check's verdict since the task (re)began.
    pub verdict: Option<Verdict>,
    pub coach: Coach,
    /// The solution, once the worker has begun the task (it may hold observed values).
    solution: Option<Phrase>,
    pub hint: Option<ShownHint>,
    /// The answer last submitted.
    pub answer: Option<String>,
    /// Whether the pass has been recorded in progress.
    recorded: bool,
}

impl TaskView {
    pub fn new(task: Task) -> TaskView {
        TaskView {
            task,
            phase: Phase::Stopped(Stop::NoShell),
            verdict: None,
            coach: Coach::new(),
            solution: None,
            hint: None,
            answer: None,
            recorded: false,
        }
    }

    pub fn step(&self) -> Step {
        self.task.step()
    }

    /// Passed at least once in this visit to the step, or before (it stays passed).
    pub fn passed(&self) -> bool {
        self.coach.passed()
    }

    /// The solution, when it may be shown: passed, or asked for twice.
    pub fn solution(&self) -> Option<&Phrase> {
        self.solution
            .as_ref()
            .filter(|_| self.coach.solution_open())
    }

    /// A new verdict: the coach notes it; a hint for a recognised wrong state shows at
    /// once, and one found earlier goes when its state does.
    fn check(&mut self, verdict: Verdict) {
        self.coach.record(verdict);
        if self.verdict == Some(verdict) {
            return;
        }
        self.verdict = Some(verdict);
        match verdict {
            Verdict::NotYet(hint) if hint.is_specific() => {
                self.hint = Some(ShownHint {
                    words: hint.words(),
                    asked: false,
                });
            }
            _ if self.hint.as_ref().is_some_and(|h| !h.asked) => self.hint = None,
            _ => {}
        }
        if verdict == Verdict::Passed {
            self.hint = None;
        }
    }
}

/// The view for the step now shown (live only, for a step with a task); a task passed in
/// an earlier visit or run (as the progress file says) shows as passed.
pub fn show(app: &mut App) {
    let passed_before = app
        .learner
        .progress
        .step(app.step)
        .and_then(|record| record.task.as_ref())
        .is_some_and(|task| task.state == TaskState::Passed);
    app.task = crate::steps::def(app.step)
        .task
        .filter(|_| !app.is_recorded())
        .map(|task| {
            let mut view = TaskView::new(task);
            if passed_before {
                view.coach.record(Verdict::Passed);
                view.recorded = true;
            }
            view
        });
}

/// Leaving the step shown: a task not passed is recorded as skipped.
pub fn leave(app: &mut App) -> Vec<Effect> {
    app.modals.close(|m| matches!(m, Modal::Answer(_)));
    match app.task.take() {
        Some(view) if !view.passed() => {
            app.learner.task_ended(view.step(), TaskState::Skipped);
            vec![Effect::SaveProgress]
        }
        _ => Vec::new(),
    }
}

/// A report from the worker; one about another step than the one shown is stale.
pub fn report(app: &mut App, report: TaskReport) -> Vec<Effect> {
    let Some(view) = app.task.as_mut().filter(|v| v.step() == report.step()) else {
        return Vec::new();
    };
    let mut effects = Vec::new();
    match report {
        TaskReport::Began { step, solution } => {
            view.phase = Phase::Checking;
            view.solution = Some(solution);
            view.verdict = None;
            // A new shell or lab began the task afresh: an answer given stands.
            if let Some(answer) = &view.answer {
                effects.push(Effect::TaskAnswer(step, answer.clone()));
            }
        }
        TaskReport::Checked { verdict, .. } => view.check(verdict),
        TaskReport::Stopped { why, .. } => {
            view.phase = Phase::Stopped(why);
            view.verdict = None;
            if view.hint.as_ref().is_some_and(|h| !h.asked) {
                view.hint = None;
            }
        }
    }
    if view.passed() && !view.recorded {
        view.recorded = true;
        let step = view.step();
        app.learner.task_ended(step, TaskState::Passed);
        effects.push(Effect::SaveProgress);
    }
    effects
}

/// `h`: the coach's help for the task shown: a hint first, the solution after.
pub fn ask(app: &mut App) -> Vec<Effect> {
    let Some(view) = app.task.as_mut() else {
        let recorded = app.is_recorded() && crate::steps::def(app.step).task.is_some();
        let text = if recorded {
            words::task::RECORDED.get(app.lang)
        } else {
            words::task::NO_TASK.get(app.lang)
        };
        app.notice = Some(Notice::Info(text.to_string()));
        return Vec::new();
    };
    let (Phase::Checking, Some(solution)) = (&view.phase, view.solution.as_ref()) else {
        app.notice = Some(Notice::Info(
            words::task::NOT_BEGUN.get(app.lang).to_string(),
        ));
        return Vec::new();
    };
    // No check yet: the hint on demand (a verdict with no specific hint asks for it).
    let verdict = view
        .verdict
        .unwrap_or(Verdict::NotYet(tasks::Hint::NoAnswer));
    match view.coach.ask_about(view.task, solution, verdict) {
        Help::Hint(words) => view.hint = Some(ShownHint { words, asked: true }),
        // The solution shows from now on (`TaskView::solution`); it says more than a hint.
        Help::Solution(_) => view.hint = view.hint.take().filter(|h| !h.asked),
    }
    Vec::new()
}

/// `a`: opens the answer prompt, empty: a new answer is typed afresh (the last one
/// stays on the panel above it until replaced).
pub fn open_prompt(app: &mut App) -> Vec<Effect> {
    let notice = match app.task.as_ref() {
        None => Some(words::task::NO_TASK.get(app.lang)),
        Some(view) if !view.task.takes_answer() => Some(words::task::NO_ANSWER.get(app.lang)),
        Some(view) if view.phase != Phase::Checking => Some(words::task::NOT_BEGUN.get(app.lang)),
        Some(_) => {
            app.modals.open(Modal::Answer(String::new()));
            None
        }
    };
    app.notice = notice.map(|text| Notice::Info(text.to_string()));
    Vec::new()
}

/// A key while the answer prompt is on top (`Modal::Answer`): it takes every key
/// (Ctrl-C aside).
pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if matches!(key.code, KeyCode::Enter | KeyCode::Esc) {
        let typed = match app.modals.pop() {
            Some(Modal::Answer(typed)) => typed,
            _ => String::new(),
        };
        let Some(view) = app.task.as_mut().filter(|_| key.code == KeyCode::Enter) else {
            return Vec::new();
        };
        let answer = typed.trim().to_string();
        view.answer = (!answer.is_empty()).then(|| answer.clone());
        return vec![Effect::TaskAnswer(view.step(), answer)];
    }
    if let Some(Modal::Answer(typed)) = app.modals.top_mut() {
        match key.code {
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Char('u') if ctrl => typed.clear(),
            KeyCode::Char(c) if !ctrl => push(typed, c),
            _ => {}
        }
    }
    Vec::new()
}

/// Text pasted while the prompt is on top goes into it (its first line); `None` when the
/// prompt is not open.
pub fn paste(app: &mut App, text: &str) -> Option<Vec<Effect>> {
    let Some(Modal::Answer(typed)) = app.modals.top_mut() else {
        return None;
    };
    for c in text.lines().next().unwrap_or_default().chars() {
        push(typed, c);
    }
    app.dirty = true;
    Some(Vec::new())
}

fn push(typed: &mut String, c: char) {
    if !c.is_control() && typed.chars().count() < ANSWER_MAX {
        typed.push(c);
    }
}
