//! no-reaper: the learner makes a zombie of their own in the lab, a process that has ended
//! under a parent that lives on and never waits for it, and then lets it be reaped by
//! ending that parent: the kernel hands the zombie to the namespace's PID 1, the agent,
//! which reaps it.
//!
//! Both halves are read from the kernel on the task's clock (`TaskRun::observe`, see
//! `Seen::record_zombies`): first a new process of the learner's in state Z in
//! /proc/PID/stat, in the lab's own namespace, under a living parent other than the
//! agent; later that zombie gone while that parent has ended too. It passes then. A
//! zombie gone while its parent still lives was reaped by that parent, which waited after
//! all. The kernel keeps no record of who reaped a process, so a parent that waits for it
//! and then exits between two looks would pass too; no common command does that.

use super::learner;
use super::seen::Reaped;
use super::{Hint, TaskRun, Verdict, kernel};

pub fn check(ctx: &TaskRun) -> Verdict {
    if !kernel::alive(ctx.setting.agent, ctx.baseline.agent_start) {
        return Verdict::NotYet(Hint::LabGone);
    }
    let zombies: Vec<_> = ctx.seen.zombies().collect();
    if zombies
        .iter()
        .any(|z| z.gone == Some(Reaped::AfterParentEnded))
    {
        return Verdict::Passed;
    }
    if zombies.iter().any(|z| z.gone.is_none()) {
        return Verdict::NotYet(Hint::ZombieUnreaped);
    }
    if zombies.iter().any(|z| z.gone == Some(Reaped::ByParent)) {
        return Verdict::NotYet(Hint::ReapedByParent);
    }
    if learner::unshare_without_fork(&learner::procs(&ctx.setting)) {
        return Verdict::NotYet(Hint::UnshareWithoutFork);
    }
    // An orphan PID 1 adopted, since ended: the agent reaped it at once.
    let ended_adopted = ctx
        .seen
        .iter()
        .any(|s| s.adopted && !kernel::alive(s.pid, s.start));
    if ended_adopted {
        return Verdict::NotYet(Hint::EndedAsOrphan);
    }
    Verdict::NotYet(Hint::NoZombieYet)
}
