//! What answers the app's steps, one trait for both sources: the live lab (the worker's
//! `Live`, around a `Session`) and a recording (`record::Replayer`). The worker calls it
//! for its commands; `cast` and the rendering tests, which drive the app from a recording
//! without a worker, call `answer` with the app's effects.

use crate::app::{Effect, Reply, ShellEnd, Views};
use crate::lesson::Step;
use crate::record::{Replayer, Scene};

/// The lab's side of a step: `Reply::Prepared`, `Reply::Ran`, or `Reply::Failed`.
pub trait Answers {
    /// Brings the lab to where `step` starts.
    fn prepare(&mut self, step: Step) -> Reply;
    /// Runs `step` (prepared first if it was not).
    fn run(&mut self, step: Step) -> Reply;
    /// Back to the start: the first step, run again.
    fn reset(&mut self) -> Reply;
}

/// The answer to one of the app's effects, as the runtime gives it, for those who drive
/// the app without a worker, with a recording as the lab: the steps answered, a shell
/// refused, and nothing for the effects the runtime carries out itself.
pub fn answer(mut replayer: &Replayer, effect: &Effect) -> Option<Reply> {
    match effect {
        Effect::Prepare(step) => Some(replayer.prepare(*step)),
        Effect::Run(step) => Some(replayer.run(*step)),
        Effect::Reset => Some(replayer.reset()),
        Effect::OpenShell(_) | Effect::StartShell => Some(Reply::ShellEnded(ShellEnd::Failed(
            "a recording has no live namespace to open a shell in".into(),
        ))),
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

/// A recording answers as the live lab would, from what it recorded. It changes nothing
/// as it does, so a shared one answers too (the tests share one between threads).
impl Answers for &Replayer {
    fn prepare(&mut self, step: Step) -> Reply {
        Reply::Prepared {
            step,
            views: views(self.before(step)),
        }
    }

    fn run(&mut self, step: Step) -> Reply {
        match self.ran(step) {
            Ok((observation, scene)) => Reply::Ran {
                step,
                observation: Box::new(observation.clone()),
                views: views(scene),
            },
            Err(error) => Reply::Failed {
                step: Some(step),
                error,
            },
        }
    }

    fn reset(&mut self) -> Reply {
        self.run(Step::Clone)
    }
}

/// The views of a recorded scene: a recording has no shell, and its agent ran.
fn views(scene: Scene) -> Views {
    Views {
        host: scene.host,
        ns: scene.ns,
        tutor: scene.tutor,
        agent: scene.agent,
        lab_ns: scene.lab_ns,
        hostname: scene.hostname,
        shell_proc: None,
        agent_stopped: false,
    }
}
