//! What the checkers have seen of the learner's processes since a task began: the kernel
//! keeps no record of a process's first parent once it is re-parented, nor of a process
//! that has ended, so `TaskRun::observe` writes down, for each new process, the parent it
//! was first seen with and whether it was ever seen adopted; and for no-reaper, each
//! zombie seen under a living parent, and whether that parent still lived when the zombie
//! was gone.

use super::learner::LearnerProc;
use super::{Baseline, Setting, kernel};

/// At most this many processes are remembered (the oldest are forgotten first): a long
/// session of short commands must not grow without bound.
const LIMIT: usize = 4096;

/// A process of the learner's seen since the task began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeenProc {
    pub pid: i32,
    pub start: u64,
    /// The parent it was first seen with, as (PID, start time).
    pub first_parent: (i32, u64),
    /// Whether it was ever seen as a child of the lab's PID 1 (adopted).
    pub adopted: bool,
}

/// A zombie of the learner's: ended, and not reaped by a parent that still lived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeenZombie {
    pub pid: i32,
    pub start: u64,
    /// The parent it was first seen a zombie under, as (PID, start time): alive, and not
    /// waiting for it (a parent blocked in wait() would have reaped it at once).
    pub parent: (i32, u64),
    /// Seen a zombie under that parent at two looks or more: a parent that waits reaps
    /// its ended child within microseconds, and one look may just catch that moment.
    pub confirmed: bool,
    /// Once it is gone: who reaped it, as far as the parent's fate then tells.
    pub gone: Option<Reaped>,
}

/// Who reaped a zombie, told by whether its parent still lived when it was found gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reaped {
    /// The parent still lived: it called wait() after all.
    ByParent,
    /// The parent had ended: the kernel gave the zombie to the namespace's PID 1 (or a
    /// subreaper), which reaped it.
    AfterParentEnded,
}

/// The learner's processes seen so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    procs: Vec<SeenProc>,
    zombies: Vec<SeenZombie>,
}

impl Seen {
    /// Notes every process of `now` that started after the task began.
    pub(super) fn record(&mut self, setting: &Setting, baseline: &Baseline, now: &[LearnerProc]) {
        for p in now {
            if p.pid == setting.shell || !is_new(baseline, p.pid, p.stat.start) {
                continue;
            }
            let adopted = p.stat.ppid == setting.agent;
            if let Some(known) = self
                .procs
                .iter_mut()
                .find(|s| s.pid == p.pid && s.start == p.stat.start)
            {
                known.adopted |= adopted;
                continue;
            }
            let parent_start = kernel::stat(p.stat.ppid).map_or(0, |s| s.start);
            if self.procs.len() >= LIMIT {
                self.procs.remove(0);
            }
            self.procs.push(SeenProc {
                pid: p.pid,
                start: p.stat.start,
                first_parent: (p.stat.ppid, parent_start),
                adopted,
            });
        }
    }

    /// Notes every zombie of `now` that started after the task began and whose parent
    /// lives (the agent and the learner's shell excepted: they reap, and a zombie under
    /// them is one being reaped), confirms those seen before under the same parent, then notes which of the
    /// confirmed ones are gone, and whether their parent still lived then. Only zombies in
    /// the lab's own namespace count (their NSpid is as long as the agent's): one in a
    /// namespace nested in it goes to that namespace's PID 1.
    pub(super) fn record_zombies(
        &mut self,
        setting: &Setting,
        baseline: &Baseline,
        now: &[LearnerProc],
    ) {
        let depth = kernel::nspid(setting.agent).len();
        for z in now {
            let parent = z.stat.ppid;
            if let Some(known) = self
                .zombies
                .iter_mut()
                .find(|s| s.pid == z.pid && s.start == z.stat.start)
            {
                known.confirmed |= known.parent.0 == parent;
                continue;
            }
            // Nor a job the learner's shell itself has yet to collect (a killed `$!`): a
            // shell waits for its children, the task wants a parent that never does.
            if parent == setting.agent
                || parent == setting.shell
                || !is_new(baseline, z.pid, z.stat.start)
            {
                continue;
            }
            let Some(parent_start) = kernel::stat(parent).filter(|s| !s.ended()).map(|s| s.start)
            else {
                continue;
            };
            if kernel::nspid(z.pid).len() != depth {
                continue;
            }
            if self.zombies.len() >= LIMIT {
                self.zombies.remove(0);
            }
            self.zombies.push(SeenZombie {
                pid: z.pid,
                start: z.stat.start,
                parent: (parent, parent_start),
                confirmed: false,
                gone: None,
            });
        }
        self.zombies.retain_mut(|zombie| {
            if zombie.gone.is_some() || still_there(zombie) {
                return true;
            }
            // Seen once and gone since: it was only being reaped, forget it.
            if !zombie.confirmed {
                return false;
            }
            let (parent, parent_start) = zombie.parent;
            zombie.gone = Some(if kernel::alive(parent, parent_start) {
                Reaped::ByParent
            } else {
                Reaped::AfterParentEnded
            });
            true
        });
    }

    /// Every zombie seen at two looks or more, oldest first.
    pub fn zombies(&self) -> impl Iterator<Item = &SeenZombie> {
        self.zombies.iter().filter(|z| z.confirmed)
    }

    /// What was seen of process `pid` that started at `start`.
    pub fn get(&self, pid: i32, start: u64) -> Option<&SeenProc> {
        self.procs.iter().find(|s| s.pid == pid && s.start == start)
    }

    /// Every process seen, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &SeenProc> {
        self.procs.iter()
    }
}

/// Whether a process started after the task began (and was not there when it did).
pub(super) fn is_new(baseline: &Baseline, pid: i32, start: u64) -> bool {
    start >= baseline.began && !baseline.existing.contains(&(pid, start))
}

/// Whether a zombie seen is still there: its PID names the process that started then.
fn still_there(zombie: &SeenZombie) -> bool {
    kernel::stat(zombie.pid).is_some_and(|s| s.start == zombie.start)
}
