//! orphan-reaping: the learner makes an orphan and sees who adopts it.
//!
//! Passes when a process of the learner's that started after the task began lives on as
//! a child of the lab's PID 1 (the agent starts nothing of the learner's itself, so any
//! such child was adopted), or as a child of another process of the learner's (a
//! subreaper, or the PID 1 of a namespace made inside the lab) together with evidence that
//! its first parent has ended: `observe` saw it with another parent that is gone now, or
//! the process group it was started in has lost its leader. The kernel keeps no record of
//! a first parent or of a subreaper flag, so without such evidence a child of another
//! process is not counted: it may simply be that process's own child.

use super::learner::{self, LearnerProc};
use super::seen::is_new;
use super::{Hint, TaskRun, Verdict, kernel};

pub fn check(ctx: &TaskRun) -> Verdict {
    let setting = &ctx.setting;
    let procs = learner::procs(setting);
    let new: Vec<&LearnerProc> = procs
        .iter()
        .filter(|p| p.pid != setting.shell && is_new(&ctx.baseline, p.pid, p.stat.start))
        .collect();
    for p in &new {
        let parent = p.stat.ppid;
        if parent == setting.agent {
            return Verdict::Passed;
        }
        let by_learner = parent != setting.shell && procs.iter().any(|q| q.pid == parent);
        if by_learner && lost_first_parent(ctx, p) {
            return Verdict::Passed;
        }
    }
    if learner::unshare_without_fork(&procs) {
        return Verdict::NotYet(Hint::UnshareWithoutFork);
    }
    if !new.is_empty() {
        return Verdict::NotYet(Hint::ParentAlive);
    }
    let ended = ctx
        .seen
        .iter()
        .any(|s| !s.adopted && !kernel::alive(s.pid, s.start));
    if ended {
        return Verdict::NotYet(Hint::Killed);
    }
    Verdict::NotYet(Hint::NoOrphanYet)
}

/// Whether `p`'s first parent is gone: seen with another parent that has ended since, or
/// started in a process group whose leader, a process of the learner's seen earlier, has
/// ended (the `sh -c` of `sh -c 'cmd &'`, as a shell with job control starts it). The
/// leader must have been seen: a group whose leader is gone says nothing by itself, since
/// a process can inherit a group whose leader (outside the lab, say) ended long ago.
fn lost_first_parent(ctx: &TaskRun, p: &LearnerProc) -> bool {
    if let Some(seen) = ctx.seen.get(p.pid, p.stat.start) {
        let (first, first_start) = seen.first_parent;
        if first != p.stat.ppid && !kernel::alive(first, first_start) {
            return true;
        }
    }
    let group = p.stat.pgid;
    group != p.pid
        && group != p.stat.ppid
        && ctx.seen.iter().any(|leader| {
            leader.pid == group
                && leader.start <= p.stat.start
                && !kernel::alive(leader.pid, leader.start)
        })
}
