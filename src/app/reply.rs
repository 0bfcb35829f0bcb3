//! How the app takes the lab worker's replies: a step prepared or run, fresh trees, a
//! failure, the shell's end, a task's verdict; and a prediction judged by the run.

use super::{App, Busy, Changes, Effect, Moment, Moments, Notice, Reply, Views, shell, task};
use crate::lesson::Step;
use crate::source::Source;
use crate::words;
use std::time::Instant;

impl App {
    pub(super) fn reply(&mut self, reply: Reply, now: Instant) -> Vec<Effect> {
        match reply {
            Reply::Prepared { step, views } => {
                if step == self.step {
                    self.busy = self.busy.filter(|b| *b != Busy::Preparing);
                }
                self.moments = None;
                self.set_views(views, now);
                // After `R` at a step that had run: it runs again, here.
                if self.rerun.take() == Some(step) && step == self.step {
                    return self.run();
                }
            }
            Reply::Ran {
                step,
                observation,
                views,
            } => {
                let shown = step == self.step;
                if shown {
                    self.busy = None;
                }
                match (&observation.host_view_before, shown) {
                    // Show the trees as they were just before the change; the speaker
                    // moves on to the change itself (Enter, or `b` back and forth).
                    (Some(host), true) => {
                        let before = Views {
                            host: Some(host.clone()),
                            ns: observation.ns_view_before.clone(),
                            ..views.clone()
                        };
                        self.changes = Changes::default();
                        self.show_views(before.clone(), now);
                        self.moments = Some(Moments::new(before, views));
                    }
                    (_, true) => {
                        let changes = Changes::between(&self.views, &views);
                        // A recording made before "before" views existed: the orphan too.
                        if step == Step::OrphanReaping {
                            self.flash_orphan(&observation, &views, now);
                        }
                        self.moments = None;
                        self.show_views(views, now);
                        self.show_changes(changes, now);
                    }
                    (_, false) => {
                        self.moments = None;
                        self.set_views(views, now);
                    }
                }
                if shown {
                    self.observed = Some(*observation);
                }
            }
            // A refresh is of "after", or of "now" while the shell is open; while another
            // moment is shown, it waits its turn.
            Reply::Views(views) => {
                let shell_open = self.shell.is_some();
                match self.moments.as_mut() {
                    Some(moments) => {
                        moments.refresh(views.clone(), shell_open);
                        let fresh = if shell_open {
                            Moment::Now
                        } else {
                            Moment::After
                        };
                        if moments.showing == fresh {
                            self.set_views(views, now);
                        }
                    }
                    None => self.set_views(views, now),
                }
            }
            Reply::Switched(source) => {
                let said = match &source {
                    Source::Live(_) => words::status::SWITCHED_LIVE.get(self.lang),
                    Source::Recorded(_) => words::status::SWITCHED_RECORDED.get(self.lang),
                };
                let said = match self.rerun {
                    Some(_) => format!("{said} {}", words::status::SWITCHED_RERUN.get(self.lang)),
                    None => said.to_string(),
                };
                self.notice = Some(Notice::Info(said));
                self.source = source;
                // Back to the live lab: the step's task is there again.
                task::show(self);
            }
            Reply::Failed { step, error } => {
                if step.is_none_or(|s| s == self.step) {
                    self.busy = None;
                }
                self.notice = Some(Notice::Error(error));
            }
            Reply::ShellStarted { info, restarted } => shell::started(self, info, restarted),
            Reply::ShellEnded(end) => return shell::ended(self, end, now),
            Reply::Task(report) => return task::report(self, report),
        }
        Vec::new()
    }

    /// A prediction made before the step shown is judged by its run, once: saved when the
    /// learner answered it.
    pub(super) fn judge_guess(&mut self) -> Vec<Effect> {
        match &self.observed {
            Some(observation) if self.learner.judge(observation) => vec![Effect::SaveProgress],
            _ => Vec::new(),
        }
    }
}
