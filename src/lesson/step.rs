//! The steps of the lesson, as a type: the one list every layer (the lesson files, the
//! session, walk, recordings, the TUI, the command line) follows. A step's id is its
//! kebab-case name (`pid-1`, `orphan-reaping`): the `{#id}` anchor in the lesson files,
//! the `"step"` of `walk --json` and of recordings, and the value of `--step`.
//!
//! Adding a step: one line in `each_step!` here, in lesson order; the compiler then asks
//! for its file in `src/steps/` (the table is made from the same list), and the lesson
//! parser for its section in each lesson file.

use serde::{Deserialize, Serialize};
use strum::{EnumCount, IntoEnumIterator, VariantArray};

/// The lesson's steps, in lesson order: the one list that both `Step` (below) and the
/// step table (`crate::steps`) are made from, so a new step is one line here:
/// `Variant(FactsType) in file as "id",` (its facts type in `src/steps/<file>.rs`, its id
/// the `{#id}` anchor of its section in both lesson files). `$then` is the macro that
/// makes something of the list.
macro_rules! each_step {
    ($then:ident) => {
        $then! {
            Namespaces(NamespacesFacts) in namespaces as "namespaces",
            Pid1(Pid1Facts) in pid1 as "pid-1",
            PidNamespace(PidNamespaceFacts) in pid_namespace as "pid-namespace",
            Clone(CloneFacts) in clone as "clone",
            Hostname(HostnameFacts) in hostname as "hostname",
            KillParent(KillParentFacts) in kill_parent as "kill-parent",
            ProcLeak(ProcLeakFacts) in proc_leak as "proc-leak",
            RemountProc(RemountProcFacts) in remount_proc as "remount-proc",
            OrphanReaping(OrphanReapingFacts) in orphan_reaping as "orphan-reaping",
            InitSignals(InitSignalsFacts) in init_signals as "init-signals",
            // The second chapter, beyond the post: one experiment each (lab::experiments).
            ForkNeeded(ForkNeededFacts) in fork_needed as "fork-needed",
            Nesting(NestingFacts) in nesting as "nesting",
            Joining(JoiningFacts) in joining as "joining",
            InitDeath(InitDeathFacts) in init_death as "init-death",
            SignalsFromOutside(SignalsFromOutsideFacts) in signals_from_outside as "signals-from-outside",
            // The third chapter, containers in practice: one experiment each as well.
            NoReaper(NoReaperFacts) in no_reaper as "no-reaper",
            Pidfd(PidfdFacts) in pidfd as "pidfd",
            PidMax(PidMaxFacts) in pid_max as "pid-max",
            Hidepid(HidepidFacts) in hidepid as "hidepid",
            SetTid(SetTidFacts) in set_tid as "set-tid",
            Summary(SummaryFacts) in summary as "summary",
        }
    };
}

/// Makes `Step` of the list: each variant named by its id, on the command line
/// (strum) and in JSON (serde) alike.
macro_rules! step_enum {
    ($($variant:ident($facts:ident) in $file:ident as $id:literal,)*) => {
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
        pub enum Step {
            $(#[strum(serialize = $id)] #[serde(rename = $id)] $variant,)*
        }
    };
}

each_step!(step_enum);

// The table's file names it by path (`crate::lesson::each_step!`), as any other import.
pub(crate) use each_step;

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
