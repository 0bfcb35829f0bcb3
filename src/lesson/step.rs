//! The steps of the lesson, as a type: the one list every layer (the lesson files, the
//! session, walk, recordings, the TUI, the command line) follows. A step's id is its
//! kebab-case name (`pid-1`, `orphan-reaping`): the `{#id}` anchor in the lesson files,
//! the `"step"` of `walk --json` and of recordings, and the value of `--step`.
//!
//! Adding a step: add its variant here, in lesson order; the compiler then points at each
//! place that must say what the step needs (its stage and action in `session`, its facts
//! in `steps`), and the lesson parser at each lesson file missing its section.

use serde::{Deserialize, Serialize};
use strum::{EnumCount, IntoEnumIterator, VariantArray};

/// One step of the lesson, in lesson order.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::EnumIter,
    strum::EnumString,
    strum::AsRefStr,
    strum::Display,
    strum::IntoStaticStr,
    strum::EnumCount,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    Namespaces,
    // Spelled out: kebab-case would make "pid1" of it.
    #[strum(serialize = "pid-1")]
    #[serde(rename = "pid-1")]
    Pid1,
    PidNamespace,
    Clone,
    Hostname,
    KillParent,
    ProcLeak,
    RemountProc,
    OrphanReaping,
    InitSignals,
    // The second chapter, beyond the post: one experiment each (lab::experiments).
    ForkNeeded,
    Nesting,
    Joining,
    InitDeath,
    SignalsFromOutside,
    // The third chapter, containers in practice: one experiment each as well.
    NoReaper,
    Pidfd,
    PidMax,
    Hidepid,
    SetTid,
    Summary,
}

impl Step {
    /// How many steps the lesson has.
    pub const COUNT: usize = <Step as EnumCount>::COUNT;

    /// Every step, in lesson order.
    pub fn all() -> impl DoubleEndedIterator<Item = Step> + ExactSizeIterator {
        Step::iter()
    }

    /// The step's id, as the lesson files, recordings and the command line spell it.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// 0-based position in the lesson.
    pub fn index(self) -> usize {
        self as usize
    }

    /// 1-based number, as the lesson's headings and the TUI show it.
    pub fn number(self) -> usize {
        self.index() + 1
    }

    /// The step at 0-based position `index`, if there is one.
    pub fn at(index: usize) -> Option<Step> {
        Step::VARIANTS.get(index).copied()
    }

    /// The step with this id, if there is one.
    pub fn from_id(id: &str) -> Option<Step> {
        id.parse().ok()
    }

    /// The step after this one, if any.
    pub fn next(self) -> Option<Step> {
        Step::at(self.index() + 1)
    }

    /// The step before this one, if any.
    pub fn prev(self) -> Option<Step> {
        Step::at(self.index().checked_sub(1)?)
    }

    pub fn first() -> Step {
        Step::VARIANTS[0]
    }

    pub fn last() -> Step {
        Step::VARIANTS[Step::COUNT - 1]
    }
}

/// `--step` takes a step id; clap lists them in `--help` and in its error for a typo.
impl clap::ValueEnum for Step {
    fn value_variants<'a>() -> &'a [Self] {
        Step::VARIANTS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.id()))
    }
}

#[cfg(test)]
mod tests {
    use super::Step;

    #[test]
    fn ids_are_the_same_everywhere() {
        let ids: Vec<&str> = Step::all().map(Step::id).collect();
        assert_eq!(
            ids,
            [
                "namespaces",
                "pid-1",
                "pid-namespace",
                "clone",
                "hostname",
                "kill-parent",
                "proc-leak",
                "remount-proc",
                "orphan-reaping",
                "init-signals",
                "fork-needed",
                "nesting",
                "joining",
                "init-death",
                "signals-from-outside",
                "no-reaper",
                "pidfd",
                "pid-max",
                "hidepid",
                "set-tid",
                "summary",
            ]
        );
        for (index, step) in Step::all().enumerate() {
            assert_eq!(step.index(), index);
            assert_eq!(Step::at(index), Some(step));
            assert_eq!(Step::from_id(step.id()), Some(step));
            assert_eq!(step.to_string(), step.id());
            assert_eq!(step.as_ref(), step.id());
            // serde (recordings, walk --json) spells it as strum does.
            assert_eq!(serde_json::to_value(step).ok(), Some(step.id().into()));
        }
        assert_eq!(Step::at(Step::COUNT), None);
        assert_eq!(Step::first().prev(), None);
        assert_eq!(Step::last().next(), None);
        assert_eq!(Step::Pid1.next(), Some(Step::PidNamespace));
        assert_eq!(Step::Pid1.prev(), Some(Step::Namespaces));
        assert_eq!(Step::from_id("pid1"), None);
    }
}
