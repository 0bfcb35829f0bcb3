//! Hands-on tasks, done in the learner's shell and checked from the kernel. A checker reads
//! kernel state from the host side (the shell's own /proc through `/proc/SHELL/root/proc`,
//! NSpid, parents, process groups, namespace links, start times), never what was typed
//! into the shell: any way that reaches the goal passes, and doing nothing never does. A
//! task needs an action of the learner: what exists when it begins (the tutor's own
//! processes and mounts included) is recorded in a `Baseline` and does not count.
//!
//! No I/O to the user here and no UI: a front end makes a `TaskRun` when a task begins
//! (`TaskRun::begin`), hands it the typed answer where the task asks for one, calls
//! `observe` and `check` on its clock, and shows the hint a `Verdict` names, in either
//! language (`text`). `Coach` decides what `h` shows: a hint, then the solution.
//!
//! What the learner's shell must be: a process in the lab's PID namespace, in a mount
//! namespace of its own made private (the shell pane provides one; tests make a stand-in
//! with `nsenter` and `unshare -m --propagation private`).

pub mod answer;
pub mod coach;
mod init_signals;
mod kernel;
mod learner;
mod no_reaper;
mod orphan;
mod proc_leak;
mod remount_proc;
mod seen;
pub mod signals;
pub mod text;

use crate::i18n::Phrase;
use crate::lab::{Lab, Mode};
use crate::lesson::Step;
use anyhow::{Context as _, Result, bail};
use signals::SignalEffects;
use std::path::PathBuf;

pub use answer::Sig;
pub use coach::{Coach, Help};
pub use seen::Seen;

/// Whose processes a /proc lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcOwner {
    /// The host's (the tutor's): the namespace's processes under their host PIDs, and
    /// everything else too.
    Host,
    /// The lab namespace's own.
    Lab,
    /// Another (a namespace nested in the lab), or none mounted.
    Other,
}

/// Whether the process `pid` is stopped (state T: SIGSTOP, or a terminal's stop), read
/// from the host side.
pub fn is_stopped(pid: i32) -> bool {
    kernel::stat(pid).is_some_and(|s| s.state == 'T')
}

/// Whose /proc the process `pid` (the learner's shell) sees at its /proc, read from the
/// host side: the lab's own (its PID 1 is the `agent`, in the PID namespace `pid_ns`),
/// the host's, or another; `None` when it cannot be read (the process just ended).
pub fn proc_seen_by(pid: i32, agent: i32, pid_ns: u64) -> Option<ProcOwner> {
    let root = kernel::proc_of(pid);
    kernel::stat(pid)?;
    let Some(init) = kernel::stat_in(&root, 1) else {
        return Some(ProcOwner::Other);
    };
    let agent_start = kernel::stat(agent).map(|s| s.start);
    if kernel::ns_in(&root, 1, "pid") == Some(pid_ns) && agent_start == Some(init.start) {
        return Some(ProcOwner::Lab);
    }
    let host_init = kernel::stat(1).map(|s| s.start);
    Some(if host_init == Some(init.start) {
        ProcOwner::Host
    } else {
        ProcOwner::Other
    })
}

/// A task, one per step that has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, strum::VariantArray)]
pub enum Task {
    /// Find the shell's PID outside the lab, from inside, through the leaked /proc.
    ProcLeak,
    /// Make `ps` in the shell list only the lab's namespace.
    RemountProc,
    /// Make an orphan and see who adopts it.
    OrphanReaping,
    /// Try to end PID 1 from inside, then say what signals from outside would do.
    InitSignals,
    /// Make a zombie under a parent that does not wait, then let PID 1 reap it.
    NoReaper,
}

impl Task {
    /// Every task, in lesson order.
    pub const ALL: [Task; 5] = [
        Task::ProcLeak,
        Task::RemountProc,
        Task::OrphanReaping,
        Task::InitSignals,
        Task::NoReaper,
    ];

    /// The step the task belongs to; progress files keep its state under the step's id.
    pub fn step(self) -> Step {
        match self {
            Task::ProcLeak => Step::ProcLeak,
            Task::RemountProc => Step::RemountProc,
            Task::OrphanReaping => Step::OrphanReaping,
            Task::InitSignals => Step::InitSignals,
            Task::NoReaper => Step::NoReaper,
        }
    }

    /// Whether the learner types an answer (at the prompt `text::prompt` gives).
    pub fn takes_answer(self) -> bool {
        matches!(self, Task::ProcLeak | Task::InitSignals)
    }
}

/// What a check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// Not done yet; the hint fits the state found.
    NotYet(Hint),
}

/// Why a task is not done yet. Each has its words in `text`; `is_specific` tells the
/// hints for a recognised wrong state from the ones for "nothing done yet".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Hint {
    /// The learner's shell has ended.
    ShellGone,
    /// The lab's PID 1 has ended.
    LabGone,
    /// Nothing typed yet.
    NoAnswer,
    /// proc-leak: the answer holds no single number.
    NotANumber,
    /// proc-leak: the shell's PID inside the namespace (`$$`).
    InsidePid,
    /// proc-leak: the namespace's PID 1 (the agent), as 1 or by its outside PID.
    InitPid,
    /// proc-leak: another number, most often the PID of the command that read /proc/self.
    OtherPid,
    /// remount-proc: the shell's /proc still shows the processes outside the lab.
    ProcStillHost,
    /// remount-proc: no proc with anything in it at the shell's /proc.
    ProcNotMounted,
    /// remount-proc: the shell's /proc is the namespace's, but it was there when the task
    /// began: the tutor mounted it.
    TutorsProc,
    /// remount-proc: the shell's /proc belongs to a PID namespace nested in the lab's.
    ProcOfNestedNs,
    /// remount-proc: a fresh proc is mounted, but in another mount namespace than the
    /// shell's (`unshare -m` then mount; a subshell shares the shell's namespace, so what it
    /// mounts is the shell's own).
    MountedElsewhere,
    /// remount-proc: the shell shares the tutor's mount namespace; mounting there would
    /// change the host's /proc.
    HostMountNs,
    /// A process of the learner's made a PID namespace with `unshare -p` and no `--fork`.
    UnshareWithoutFork,
    /// orphan-reaping: no new process of the learner's has lost its parent.
    NoOrphanYet,
    /// orphan-reaping: a new process exists, but its first parent still lives.
    ParentAlive,
    /// orphan-reaping: a process of the learner's ended (killed, or with its parent or its
    /// namespace) instead of being orphaned.
    Killed,
    /// init-signals: the answer could not be read as three outcomes.
    AnswerUnclear,
    /// init-signals: the answer for this signal is not what the kernel did.
    Wrong(Sig),
    /// no-reaper: no process of the learner's has ended under a parent that lives on.
    NoZombieYet,
    /// no-reaper: a zombie of the learner's is there, its parent alive and not waiting.
    ZombieUnreaped,
    /// no-reaper: the zombie was reaped by its own parent, which waited after all.
    ReapedByParent,
    /// no-reaper: a process ended after its parent had, so PID 1 reaped it at once.
    EndedAsOrphan,
}

impl Hint {
    /// Whether the hint names a recognised wrong state (shown as soon as it is found),
    /// rather than "nothing done yet".
    pub fn is_specific(self) -> bool {
        !matches!(
            self,
            Hint::NoAnswer | Hint::ProcStillHost | Hint::NoOrphanYet | Hint::NoZombieYet
        )
    }

    /// The hint's words, in either language.
    pub fn words(self) -> Phrase {
        Phrase::new(text::hint(self))
    }
}

/// What the host side knows about where the task is done. Every PID is as the tutor's
/// /proc numbers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    /// How the lab was made (init-signals' experiment runs the same way).
    pub mode: Mode,
    /// This program, to run init-signals' experiment with (`/proc/self/exe`; tests pass
    /// the built binary).
    pub exe: PathBuf,
    /// The lab's PID 1, the agent.
    pub agent: i32,
    /// The inode of the lab's PID namespace.
    pub pid_ns: u64,
    /// The learner's shell: in the lab's PID namespace, in a private mount namespace of
    /// its own.
    pub shell: i32,
    /// Processes the tutor itself started in the lab besides the agent and the shell (the
    /// demo chain, say): never counted as the learner's.
    pub tutor_started: Vec<i32>,
}

impl Setting {
    /// The setting of `lab` with the learner's `shell` (its PID outside the lab).
    pub fn new(lab: &Lab, shell: i32) -> Setting {
        Setting {
            mode: lab.mode(),
            exe: PathBuf::from("/proc/self/exe"),
            agent: lab.agent_pid(),
            pid_ns: lab.pid_ns_inode(),
            shell,
            tutor_started: Vec::new(),
        }
    }
}

/// What was there when the task began.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// When the task began, in the clock of start times (ticks since boot).
    pub began: u64,
    /// When the lab's PID 1 started: with its PID, the name no recycled PID can take.
    pub agent_start: u64,
    /// Every process below the agent and the shell then, as (PID, start time).
    pub existing: Vec<(i32, u64)>,
    /// The mount ID of the shell's /proc then (remount-proc).
    pub shell_proc_mount: Option<u64>,
    /// What signals from outside did to a PID 1 without handlers, like the lab's
    /// (init-signals).
    pub signals: Option<SignalEffects>,
}

/// One task under way: where, what was there when it began, what has been seen since, and
/// the learner's answer.
#[derive(Clone, Debug)]
pub struct TaskRun {
    task: Task,
    pub setting: Setting,
    pub baseline: Baseline,
    pub seen: Seen,
    pub answer: Option<String>,
}

impl TaskRun {
    /// Begins `task`: checks that the shell is where it must be, and records the baseline
    /// (for init-signals this runs the `signals-from-outside` experiment: a throwaway
    /// sandbox, some tens of milliseconds; call it off the UI thread).
    pub fn begin(task: Task, setting: Setting) -> Result<TaskRun> {
        kernel::stat(setting.shell)
            .filter(|s| !s.ended())
            .context("the learner's shell is not running")?;
        if kernel::ns(setting.shell, "pid") != Some(setting.pid_ns) {
            bail!("the learner's shell is not in the lab's PID namespace");
        }
        let began = kernel::now_ticks();
        let agent_start = kernel::stat(setting.agent)
            .filter(|s| !s.ended())
            .context("the lab's PID 1 is not running")?
            .start;
        let existing = kernel::descendants(&[setting.agent, setting.shell])
            .into_iter()
            .filter_map(|pid| kernel::stat(pid).map(|s| (pid, s.start)))
            .collect();
        let signals = match task {
            Task::InitSignals => Some(
                signals::observe(setting.mode, &setting.exe)
                    .context("observe signals sent to a namespace's PID 1 from outside")?,
            ),
            _ => None,
        };
        let baseline = Baseline {
            began,
            agent_start,
            existing,
            shell_proc_mount: kernel::mount_id(&kernel::proc_of(setting.shell)),
            signals,
        };
        Ok(TaskRun {
            task,
            setting,
            baseline,
            seen: Seen::default(),
            answer: None,
        })
    }

    pub fn task(&self) -> Task {
        self.task
    }

    /// Sets (or with an empty string, clears) the typed answer.
    pub fn set_answer(&mut self, answer: &str) {
        let answer = answer.trim();
        self.answer = (!answer.is_empty()).then(|| answer.to_string());
    }

    /// Remembers the learner's processes as they are now: their first parents, whether
    /// they were ever seen orphaned, and for no-reaper their zombies. Cheap (it follows
    /// children from the agent and the shell); call it on every tick while the task is
    /// open, so that a short-lived parent or a process killed between two checks still
    /// leaves a trace for the hints.
    pub fn observe(&mut self) {
        let now = learner::procs(&self.setting);
        self.seen.record(&self.setting, &self.baseline, &now);
        if self.task == Task::NoReaper {
            let zombies = learner::zombies(&self.setting);
            self.seen
                .record_zombies(&self.setting, &self.baseline, &zombies);
        }
    }

    /// Checks the task against the kernel now (after an `observe`).
    pub fn check(&self) -> Verdict {
        match self.task {
            Task::ProcLeak => proc_leak::check(self),
            Task::RemountProc => remount_proc::check(self),
            Task::OrphanReaping => orphan::check(self),
            Task::InitSignals => init_signals::check(self),
            Task::NoReaper => no_reaper::check(self),
        }
    }

    /// `observe`, then `check`: what a front end calls on its clock.
    pub fn poll(&mut self) -> Verdict {
        self.observe();
        self.check()
    }

    /// The task's solution, with what this run observed filled in where it says so.
    pub fn solution(&self) -> Phrase {
        let words = Phrase::new(text::solution(self.task));
        match self.baseline.signals {
            Some(signals) if self.task == Task::InitSignals => {
                init_signals::fill_solution(words, signals)
            }
            _ => words,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_are_in_lesson_order() {
        let ids: Vec<&str> = Task::ALL.iter().map(|t| t.step().id()).collect();
        assert_eq!(
            ids,
            [
                "proc-leak",
                "remount-proc",
                "orphan-reaping",
                "init-signals",
                "no-reaper"
            ]
        );
    }
}
