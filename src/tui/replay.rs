//! The worker's answers when the facts come from a recording: the same replies as the live
//! lab gives, built from the recorded observations. Pure, so rendering tests use it too.

use crate::app::{Effect, Reply, Views};
use crate::lesson::STEP_IDS;
use crate::record::Recording;
use crate::session::Observation;

/// Answers effects from a recording.
pub struct Replayer {
    recording: Recording,
    /// The tutor's PID when the recording was made.
    tutor: i32,
    agent: Option<i32>,
    lab_ns: Option<u64>,
    hostname: Option<String>,
}

fn fact_i64(recording: &Recording, step: &str, fact: &str) -> Option<i64> {
    recording.observation(step)?.facts.get(fact)?.as_i64()
}

impl Replayer {
    pub fn new(recording: Recording) -> Replayer {
        let tutor = fact_i64(&recording, "clone", "parent_pid").unwrap_or(0) as i32;
        let agent = fact_i64(&recording, "clone", "child_host_pid").map(|p| p as i32);
        let lab_ns = fact_i64(&recording, "clone", "child_pid_ns_inode").map(|i| i as u64);
        let hostname = recording
            .observation("hostname")
            .and_then(|o| o.facts.get("ns_hostname"))
            .and_then(|v| v.as_str())
            .map(str::to_string);
        Replayer {
            recording,
            tutor,
            agent,
            lab_ns,
            hostname,
        }
    }

    pub fn label(&self) -> String {
        self.recording.label()
    }

    /// The views a recorded observation shows.
    fn views(&self, observation: Option<&Observation>) -> Views {
        let Some(observation) = observation else {
            return Views {
                tutor: self.tutor,
                ..Views::default()
            };
        };
        let lab = observation.ns_view.is_some();
        Views {
            host: observation.host_view.clone(),
            ns: observation.ns_view.clone(),
            tutor: self.tutor,
            agent: self.agent.filter(|_| lab),
            lab_ns: self.lab_ns.filter(|_| lab),
            hostname: self.hostname.clone().filter(|_| lab),
        }
    }

    /// The recorded answer to `effect`, if it has one.
    pub fn reply(&self, effect: &Effect) -> Option<Reply> {
        match effect {
            Effect::Prepare(step) => {
                // Before a step, the lab is where the step before left it.
                let index = STEP_IDS.iter().position(|s| s == step)?;
                let before = index
                    .checked_sub(1)
                    .and_then(|i| self.recording.observation(STEP_IDS[i]));
                let mut views = self.views(before);
                if before.is_none() {
                    views.host = self
                        .recording
                        .observation(step)
                        .and_then(|o| o.host_view.clone());
                }
                Some(Reply::Prepared {
                    step: step.clone(),
                    views,
                })
            }
            Effect::Run(step) => Some(self.ran(step)),
            Effect::Reset => Some(self.ran("clone")),
            Effect::Shell => Some(Reply::ShellDone(Err(
                "a recording has no live namespace to open a shell in".into(),
            ))),
            Effect::FullTrees(_) | Effect::Quit => None,
        }
    }

    fn ran(&self, step: &str) -> Reply {
        match self.recording.observation(step) {
            Some(observation) => Reply::Ran {
                step: step.to_string(),
                observation: Box::new(observation.clone()),
                views: self.views(Some(observation)),
            },
            None => Reply::Failed {
                step: Some(step.to_string()),
                error: format!("the recording has no step {step}"),
            },
        }
    }
}
