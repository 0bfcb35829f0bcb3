//! What the learner gets when they ask (`h`): the first time a hint (the one for the wrong
//! state the last check recognised, or else the task's hint on demand), from the second
//! time on the solution. Once the task has passed, the solution is always there.

use super::text;
use super::{Task, TaskRun, Verdict};
use crate::i18n::Phrase;

/// What to show for one request for help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Help {
    Hint(Phrase),
    Solution(Phrase),
}

/// How often the learner has asked during one task, and whether it has passed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coach {
    asked: u32,
    passed: bool,
}

impl Coach {
    pub fn new() -> Coach {
        Coach::default()
    }

    /// Notes a verdict: a pass stays passed, whatever later checks find.
    pub fn record(&mut self, verdict: Verdict) {
        self.passed |= verdict == Verdict::Passed;
    }

    pub fn passed(&self) -> bool {
        self.passed
    }

    /// How many times the learner has asked.
    pub fn asked(&self) -> u32 {
        self.asked
    }

    /// The learner asks for help; `verdict` is the last check's.
    pub fn ask(&mut self, ctx: &TaskRun, verdict: Verdict) -> Help {
        self.ask_about(ctx.task(), &ctx.solution(), verdict)
    }

    /// `ask`, for a front end that holds the task and its solution (`TaskRun::solution`)
    /// rather than the `TaskRun` itself (the TUI keeps that on its lab thread).
    pub fn ask_about(&mut self, task: Task, solution: &Phrase, verdict: Verdict) -> Help {
        self.record(verdict);
        self.asked = self.asked.saturating_add(1);
        if self.solution_open() {
            return Help::Solution(solution.clone());
        }
        match verdict {
            Verdict::NotYet(hint) if hint.is_specific() => Help::Hint(hint.words()),
            _ => Help::Hint(Phrase::new(text::on_demand(task))),
        }
    }

    /// The solution, once the task has passed or the learner has asked twice.
    pub fn solution(&self, ctx: &TaskRun) -> Option<Phrase> {
        self.solution_open().then(|| ctx.solution())
    }

    /// Whether the solution may be shown: the task has passed, or the learner has asked
    /// twice.
    pub fn solution_open(&self) -> bool {
        self.passed || self.asked >= 2
    }
}

#[cfg(test)]
mod tests {
    use super::super::signals::{SignalEffect, SignalEffects};
    use super::super::{Baseline, Hint, Seen, Setting, Task};
    use super::*;
    use crate::lab::Mode;
    use crate::lang::Lang;

    fn context(task: Task) -> TaskRun {
        TaskRun {
            task,
            setting: Setting {
                mode: Mode::Root,
                exe: Default::default(),
                agent: 0,
                pid_ns: 0,
                shell: 0,
                tutor_started: vec![],
            },
            baseline: Baseline {
                signals: Some(SignalEffects {
                    term: SignalEffect::Nothing,
                    stop: SignalEffect::Stops,
                    kill: SignalEffect::Dies,
                }),
                ..Baseline::default()
            },
            seen: Seen::default(),
            answer: None,
        }
    }

    #[test]
    fn a_hint_first_then_the_solution() {
        let ctx = context(Task::OrphanReaping);
        let mut coach = Coach::new();
        assert_eq!(coach.solution(&ctx), None);
        let nothing = Verdict::NotYet(Hint::NoOrphanYet);
        assert_eq!(
            coach.ask(&ctx, nothing),
            Help::Hint(Phrase::new(text::on_demand(Task::OrphanReaping)))
        );
        assert_eq!(coach.solution(&ctx), None, "one hint is not the solution");
        assert_eq!(coach.ask(&ctx, nothing), Help::Solution(ctx.solution()));
        assert_eq!(coach.solution(&ctx), Some(ctx.solution()));
        assert_eq!(coach.asked(), 2);
    }

    #[test]
    fn a_recognised_wrong_state_gets_its_own_hint() {
        let ctx = context(Task::OrphanReaping);
        let mut coach = Coach::new();
        assert_eq!(
            coach.ask(&ctx, Verdict::NotYet(Hint::Killed)),
            Help::Hint(Hint::Killed.words())
        );
    }

    #[test]
    fn passing_opens_the_solution_and_stays_passed() {
        let ctx = context(Task::InitSignals);
        let mut coach = Coach::new();
        coach.record(Verdict::Passed);
        coach.record(Verdict::NotYet(Hint::LabGone));
        assert!(coach.passed());
        let Some(solution) = coach.solution(&ctx) else {
            panic!("no solution after a pass");
        };
        // init-signals' solution says what the experiment saw, in the language asked.
        assert!(solution.text(Lang::En).contains("SIGSTOP: it stops"));
        assert!(solution.text(Lang::Ko).contains("SIGKILL: 죽음"));
        assert_eq!(
            coach.ask(&ctx, Verdict::Passed),
            Help::Solution(ctx.solution())
        );
    }
}
