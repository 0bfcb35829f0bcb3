//! The lesson's steps: one file each, and the one table (`def`) every layer reads instead
//! of keeping a `match step` of its own. A step's file holds everything that is that
//! step's: its facts struct (what `walk --json` and recordings print, so its serde names
//! never change), the lab stage it starts from and leaves behind, its action (`act`), the
//! prediction it asks with the judge that reads the answer off its typed facts, its task,
//! its experiment, and what it reveals on screen.
//!
//! # Adding a step
//! 1. Add one line to `each_step!` in `lesson/step.rs`, in lesson order:
//!    `Variant(FactsType) in file as "id",`. `Step` and this table are both made from that
//!    list. Add its sections to `tutorial.md` and `assets/ko/tutorial.md` (the lesson
//!    parser insists on both).
//! 2. Write `src/steps/<id>.rs` (copy the closest step): its facts struct with
//!    `#[derive(Default, Serialize, Deserialize, ...)]`, `act`, and `pub const DEF: StepDef`.
//!    A step of the second or third chapter also gets its experiment in `lab/experiments/<id>.rs`
//!    (`pub const EXPERIMENT`, and `pub mod <id>;` in `lab/experiments/mod.rs`), named in
//!    `DEF.experiment`: the runner finds it through this table.
//!    A step that asks a prediction tests its judge with `predict::check_judge`, which
//!    insists that some facts prove each choice right.
//!    The compiler then checks that every step has a file, a row and a facts variant;
//!    `each_row_is_its_steps` that the rows are in lesson order.
//! 3. Re-record the bundled recording (`pidns-tutor record`) and accept the new snapshots.

mod predict;
mod run;
mod sandboxed;

pub use predict::{choice_text, judge, prediction, prediction_steps};
pub use run::{Acted, Observation, prepare, run};
pub use sandboxed::Sandboxed;

use crate::lab::experiments::Experiment;
use crate::lesson::Step;
use crate::quiz::Ruling;
use crate::quiz::text::QuestionText;
use crate::session::{Session, Stage};
use crate::tasks::Task;
use anyhow::Result;
use serde::{Deserialize, Serialize};

/// Everything the rest of the program needs to know about one step.
pub struct StepDef {
    pub step: Step,
    /// The stage the lab must be in before the step runs.
    pub before: Stage,
    /// The stage the step's action leaves behind.
    pub after: Stage,
    /// The step's action on a lab at `before`: its facts, observed live.
    pub act: fn(&mut Session) -> Result<Acted>,
    /// The question asked before the step runs, if it asks one.
    pub prediction: Option<&'static QuestionText>,
    /// Which choice of `prediction` the facts prove right; `None` when they fit none (or
    /// the step asks nothing, or the facts are another step's).
    pub judge: fn(&Facts) -> Option<Ruling>,
    /// The hands-on task done in the shell after the step, if it has one.
    pub task: Option<Task>,
    /// The second chapter's steps run an experiment in a sandbox of their own.
    pub experiment: Option<Experiment>,
    /// What the step shows, and from when.
    pub reveals: Reveals,
}

impl StepDef {
    pub fn is_experiment(&self) -> bool {
        self.experiment.is_some()
    }
}

/// What a step shows on screen beyond its text, and from when: the lesson's choreography,
/// kept with the step so that the views do not decide it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reveals {
    /// Whether the namespace's pane shows what its leaking /proc says (the host's tree)
    /// rather than the members by their own numbers.
    pub leak: When,
    /// Whether the lesson pane shows the figure of nested PID namespaces.
    pub figure: When,
    /// A process, by name, that the trees mark as the one that joined (`joining`).
    pub joined: Option<&'static str>,
}

impl Reveals {
    /// Nothing beyond the text.
    pub const NOTHING: Reveals = Reveals {
        leak: When::Never,
        figure: When::Never,
        joined: None,
    };

    /// Nothing beyond the text, for a step after proc-leak: the leak has been shown.
    pub const LEAK_SHOWN: Reveals = Reveals {
        leak: When::Always,
        ..Reveals::NOTHING
    };
}

/// When a step shows something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Never,
    /// Once the step has run.
    AfterRun,
    Always,
}

impl When {
    /// Whether it shows now, given whether the step has run.
    pub fn now(self, ran: bool) -> bool {
        match self {
            When::Never => false,
            When::AfterRun => ran,
            When::Always => true,
        }
    }
}

/// A judge for a step that asks nothing.
pub fn no_judge(_: &Facts) -> Option<Ruling> {
    None
}

/// The table entry of `step`.
pub fn def(step: Step) -> &'static StepDef {
    STEPS[step.index()]
}

/// The experiment of the step with id `id` (the runner's lookup).
pub fn experiment(id: &str) -> Option<Experiment> {
    def(Step::from_id(id)?).experiment
}

/// The table, made from `lesson::Step`'s one list (`each_step!`): each line declares the
/// step's file, its facts' variant of `Facts` (named like its `Step`; its id is the
/// `"step"` of the JSON) and its row (the file's `DEF`).
macro_rules! steps {
    ($($variant:ident($facts:ident) in $file:ident as $id:literal,)*) => {
        $(pub mod $file;)*
        $(pub use $file::$facts;)*

        /// The facts of one step; the variant says which step (it is the `"step"` of the
        /// JSON: `{"step": "clone", "facts": {...}}`).
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "step", content = "facts", rename_all = "kebab-case")]
        pub enum Facts {
            $(#[serde(rename = $id)] $variant($facts),)*
        }

        impl Facts {
            /// The step these facts are of.
            pub fn step(&self) -> Step {
                match self {
                    $(Facts::$variant(_) => Step::$variant,)*
                }
            }

            /// The facts `step` observes, every one at its zero value (for tests, and a
            /// start).
            pub fn empty(step: Step) -> Facts {
                match step {
                    $(Step::$variant => Facts::$variant($facts::default()),)*
                }
            }
        }

        static STEPS: [&StepDef; Step::COUNT] = [$(&$file::DEF,)*];
    };
}

crate::lesson::each_step!(steps);

impl Facts {
    /// The facts as the JSON object the lesson's `live:` sentences are filled from, by
    /// field name.
    pub fn to_json(&self) -> serde_json::Map<String, serde_json::Value> {
        use serde_json::{Map, Value};
        match serde_json::to_value(self) {
            Ok(Value::Object(mut tagged)) => match tagged.remove("facts") {
                Some(Value::Object(facts)) => facts,
                _ => Map::new(),
            },
            _ => Map::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_is_its_steps() {
        for step in Step::all() {
            let def = def(step);
            assert_eq!(def.step, step);
            assert!(def.before <= Stage::Orphaned, "{step} starts after the end");
            if let Some(task) = def.task {
                assert_eq!(task.step(), step);
            }
            if def.prediction.is_none() {
                assert_eq!((def.judge)(&Facts::empty(step)), None, "{step}");
            }
        }
        for task in Task::ALL {
            assert_eq!(def(task.step()).task, Some(task));
        }
        assert!(experiment("nesting").is_some());
        assert!(experiment("clone").is_none());
        assert!(experiment("no-such-step").is_none());
    }

    #[test]
    fn every_step_has_its_facts_tagged_with_its_id() {
        for step in Step::all() {
            let facts = Facts::empty(step);
            assert_eq!(facts.step(), step);
            let json = serde_json::to_value(&facts).unwrap_or_default();
            assert_eq!(json["step"], step.id());
            assert!(json["facts"].is_object(), "{step}: {json}");
        }
    }

    #[test]
    fn serialized_as_step_and_facts() {
        let facts = Facts::Pid1(Pid1Facts {
            init_name: Some("init".into()),
            self_chain: vec![crate::session::host::NamedPid {
                pid: 1,
                name: "init".into(),
            }],
        });
        let json = serde_json::to_string(&facts).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"step":"pid-1","facts":{"init_name":"init","self_chain":[{"pid":1,"name":"init"}]}}"#
        );
        assert_eq!(
            serde_json::from_str::<Facts>(&json).ok(),
            Some(facts.clone())
        );
        assert_eq!(facts.step(), Step::Pid1);
        assert_eq!(facts.to_json()["init_name"], "init");
    }
}
