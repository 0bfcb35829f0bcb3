//! init-signals: the learner tries to end the namespace's PID 1 from inside (`kill -KILL 1`
//! returns 0 and changes nothing), then says what SIGTERM, SIGSTOP and SIGKILL sent from
//! outside the lab would do to it. The answer is checked against what the kernel did when
//! the task began, to a PID 1 without handlers in a namespace made for the purpose (the
//! lab's `signals-from-outside` experiment, see `signals`), and the lab's own PID 1 must
//! still be there.
//!
//! A signal that PID 1 drops leaves no trace in the kernel, so the attempt from inside
//! cannot be checked: that it changes nothing is the point the learner is to see.

use super::answer::{self, Sig};
use super::signals::{SignalEffect, SignalEffects};
use super::text;
use super::{Hint, TaskRun, Verdict, kernel};
use crate::i18n::Phrase;

pub fn check(ctx: &TaskRun) -> Verdict {
    if !kernel::alive(ctx.setting.agent, ctx.baseline.agent_start) {
        return Verdict::NotYet(Hint::LabGone);
    }
    let Some(answer) = ctx.answer.as_deref() else {
        return Verdict::NotYet(Hint::NoAnswer);
    };
    let Some(said) = answer::parse(answer) else {
        return Verdict::NotYet(Hint::AnswerUnclear);
    };
    let Some(observed) = ctx.baseline.signals else {
        // A context not made by `begin` for this task: nothing to compare with.
        return Verdict::NotYet(Hint::AnswerUnclear);
    };
    match Sig::ALL
        .into_iter()
        .find(|sig| sig.of(&said) != sig.of(&observed))
    {
        Some(sig) => Verdict::NotYet(Hint::Wrong(sig)),
        None => Verdict::Passed,
    }
}

/// The solution's `{term}`, `{stop}` and `{kill}`, from what the kernel did.
pub fn fill_solution(words: Phrase, signals: SignalEffects) -> Phrase {
    let word = |outcome: SignalEffect| text::outcome(outcome);
    words
        .with_words("term", word(signals.term))
        .with_words("stop", word(signals.stop))
        .with_words("kill", word(signals.kill))
}
