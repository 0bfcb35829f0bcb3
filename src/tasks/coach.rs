//! What the learner gets when they ask (`h`): the first time a hint (the one for the wrong
//! state the last check recognised, or else the task's hint on demand), from the second
//! time on the solution. Once the task has passed, the solution is always there.

use super::text::{self, Words};
use super::{Context, Verdict};

/// What to show for one request for help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Help {
    Hint(Words),
    Solution(Words),
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
    pub fn ask(&mut self, ctx: &Context, verdict: Verdict) -> Help {
        self.record(verdict);
        self.asked = self.asked.saturating_add(1);
        if self.solution_open() {
            return Help::Solution(ctx.solution());
        }
        match verdict {
            Verdict::NotYet(hint) if hint.is_specific() => Help::Hint(hint.words()),
            _ => Help::Hint(Words::new(text::on_demand(ctx.task()))),
        }
    }

    /// The solution, once the task has passed or the learner has asked twice.
    pub fn solution(&self, ctx: &Context) -> Option<Words> {
        self.solution_open().then(|| ctx.solution())
    }

    fn solution_open(&self) -> bool {
        self.passed || self.asked >= 2
    }
}
