//! What the checkers have seen of the learner's processes since a task began: the kernel
//! keeps no record of a process's first parent once it is re-parented, nor of a process
//! that has ended, so `TaskRun::observe` writes down, for each new process, the parent it
//! was first seen with and whether it was ever seen adopted.

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

/// The learner's processes seen so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    procs: Vec<SeenProc>,
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
