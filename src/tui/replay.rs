//! The worker's answers when the facts come from a recording: the same replies as the live
//! lab gives, built from the recorded observations. Pure, so rendering tests use it too.

use crate::app::{Effect, Reply, Views};
use crate::lesson::Step;
use crate::record::{Header, Recording};
use crate::steps::{Facts, Observation};

/// Answers effects from a recording.
pub struct Replayer {
    recording: Recording,
    /// The tutor's PID when the recording was made.
    tutor: i32,
    agent: Option<i32>,
    lab_ns: Option<u64>,
    hostname: Option<String>,
}

impl Replayer {
    pub fn new(recording: Recording) -> Replayer {
        let clone = match recording.observation(Step::Clone).map(|o| &o.facts) {
            Some(Facts::Clone(clone)) => Some(clone),
            _ => None,
        };
        let tutor = clone.map_or(0, |c| c.parent_pid);
        let agent = clone.map(|c| c.child_host_pid);
        let lab_ns = clone.map(|c| c.child_pid_ns_inode);
        let hostname = match recording.observation(Step::Hostname).map(|o| &o.facts) {
            Some(Facts::Hostname(hostname)) => Some(hostname.ns_hostname.clone()),
            _ => None,
        };
        Replayer {
            recording,
            tutor,
            agent,
            lab_ns,
            hostname,
        }
    }

    /// Where and when the recording was made.
    pub fn header(&self) -> &Header {
        &self.recording.header
    }

    /// The views a recorded observation shows.
    fn views(&self, observation: Option<&Observation>) -> Views {
        let Some(observation) = observation else {
            return Views {
                tutor: self.tutor,
                ..Views::default()
            };
        };
        // An experiment's namespace is not the lab's: no agent in it.
        let lab =
            observation.ns_view.is_some() && !crate::steps::def(observation.step()).is_experiment();
        Views {
            host: observation.host_view.clone(),
            ns: observation.ns_view.clone(),
            tutor: self.tutor,
            agent: self.agent.filter(|_| lab),
            lab_ns: self.lab_ns.filter(|_| lab),
            hostname: self.hostname.clone().filter(|_| lab),
            // A recording has no shell, and its agent ran.
            shell_proc: None,
            agent_stopped: false,
        }
    }

    /// The recorded answer to `effect`, if it has one.
    pub fn reply(&self, effect: &Effect) -> Option<Reply> {
        match effect {
            Effect::Prepare(step) => {
                // Before a step, the lab is where the step before left it.
                let before = step.prev().and_then(|s| self.recording.observation(s));
                let mut views = self.views(before);
                if crate::steps::def(*step).is_experiment() {
                    // Before its experiment runs, a step of the second chapter has no
                    // namespace, and the host as it was once the lab had gone.
                    views = self.views(self.recording.observation(Step::InitSignals));
                    views.ns = None;
                } else if before.is_none() {
                    views.host = self
                        .recording
                        .observation(*step)
                        .and_then(|o| o.host_view.clone());
                }
                Some(Reply::Prepared { step: *step, views })
            }
            Effect::Run(step) => Some(self.ran(*step)),
            Effect::Reset => Some(self.ran(Step::Clone)),
            Effect::OpenShell(_) | Effect::StartShell => {
                Some(Reply::ShellEnded(crate::app::ShellEnd::Failed(
                    "a recording has no live namespace to open a shell in".into(),
                )))
            }
            Effect::ShellInput(_)
            | Effect::CloseShell
            | Effect::FullTrees(_)
            | Effect::TaskAnswer(..)
            | Effect::Switch(_)
            | Effect::Quit
            | Effect::SaveProgress
            | Effect::ResetProgress => None,
        }
    }

    fn ran(&self, step: Step) -> Reply {
        match self.recording.observation(step) {
            Some(observation) => Reply::Ran {
                step,
                observation: Box::new(observation.clone()),
                views: self.views(Some(observation)),
            },
            None => Reply::Failed {
                step: Some(step),
                error: format!("the recording has no step {step}"),
            },
        }
    }
}
