//! A recording played back a step at a time: which recorded trees stand before a step and
//! after it, and who is who in them, as the live lab would show them. Pure, so rendering
//! tests and `cast` use it as well as the TUI (`tui::answers` turns it into the app's
//! replies).

use super::{Header, Recording};
use crate::lesson::Step;
use crate::procs::Snapshot;
use crate::steps::{Facts, Observation};

/// The trees at one moment of the recording, and who is who in them.
#[derive(Clone, Debug, Default)]
pub struct Scene {
    pub host: Option<Snapshot>,
    pub ns: Option<Snapshot>,
    /// The tutor's PID when the recording was made.
    pub tutor: i32,
    /// The lab's agent and PID namespace, and its hostname: only where the trees are the
    /// lab's (an experiment's namespace has no agent in it).
    pub agent: Option<i32>,
    pub lab_ns: Option<u64>,
    pub hostname: Option<String>,
}

/// Plays a recording back.
pub struct Replayer {
    recording: Recording,
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

    /// The lab as it stands before `step` runs: where the step before left it.
    pub fn before(&self, step: Step) -> Scene {
        let before = step.prev().and_then(|s| self.recording.observation(s));
        if crate::steps::def(step).is_experiment() {
            // Before its experiment runs, a step of the second chapter has no namespace,
            // and the host as it was once the lab had gone.
            let mut scene = self.scene(self.recording.observation(Step::InitSignals));
            scene.ns = None;
            return scene;
        }
        let mut scene = self.scene(before);
        if before.is_none() {
            scene.host = self
                .recording
                .observation(step)
                .and_then(|o| o.host_view.clone());
        }
        scene
    }

    /// What `step` observed when it was recorded, and the lab after it.
    pub fn ran(&self, step: Step) -> Result<(&Observation, Scene), String> {
        match self.recording.observation(step) {
            Some(observation) => Ok((observation, self.scene(Some(observation)))),
            None => Err(format!("the recording has no step {step}")),
        }
    }

    /// The scene a recorded observation shows.
    fn scene(&self, observation: Option<&Observation>) -> Scene {
        let Some(observation) = observation else {
            return Scene {
                tutor: self.tutor,
                ..Scene::default()
            };
        };
        // An experiment's namespace is not the lab's: no agent in it.
        let lab =
            observation.ns_view.is_some() && !crate::steps::def(observation.step()).is_experiment();
        Scene {
            host: observation.host_view.clone(),
            ns: observation.ns_view.clone(),
            tutor: self.tutor,
            agent: self.agent.filter(|_| lab),
            lab_ns: self.lab_ns.filter(|_| lab),
            hostname: self.hostname.clone().filter(|_| lab),
        }
    }
}
