//! How new trees reach the screen: a run's changes marked, the two moments of a step
//! that has them, the orphan flashed as it moves.

use super::{App, Changes, FLASH, Moment, Views, shell};
use crate::steps::{Facts, Observation};
use std::time::Instant;

impl App {
    /// Shows the next moment of a step that has two: before, after, and (while the shell
    /// is open) now; false when the step has no moments.
    pub fn toggle_moment(&mut self, now: Instant) -> bool {
        let Some(showing) = self.moment() else {
            return false;
        };
        let next = match showing {
            Moment::Before => Moment::After,
            Moment::After if self.shell.is_some() => Moment::Now,
            Moment::After | Moment::Now => Moment::Before,
        };
        self.show_moment(next, now);
        true
    }

    /// The learner's shell opened, or was typed in: the trees show the lab now, live.
    pub(super) fn show_now(&mut self, now: Instant) {
        if self.moment().is_some_and(|m| m != Moment::Now) {
            self.show_moment(Moment::Now, now);
        }
    }

    fn show_moment(&mut self, moment: Moment, now: Instant) {
        let Some(moments) = self.moments.as_mut() else {
            return;
        };
        let from = std::mem::replace(&mut moments.showing, moment);
        let views = moments.shown().clone();
        match moment {
            Moment::Before => {
                self.show_views(views, now);
                self.changes = Changes::default();
            }
            // An experiment's change happened in a sandbox that is gone: its marks would
            // name processes the live lab never had.
            Moment::Now if crate::steps::def(self.step).is_experiment() => {
                self.show_views(views, now);
                self.changes = Changes::default();
            }
            // The change is marked (and flashed when it comes into view from "before").
            Moment::After | Moment::Now => {
                let changes = Changes::between(&moments.before, &moments.after);
                self.show_views(views, now);
                if from == Moment::Before {
                    self.show_changes(changes, now);
                } else {
                    self.changes = changes;
                }
            }
        }
    }

    /// The learner's shell closed: "now" is no longer refreshed, so the trees go back
    /// to "after".
    pub(super) fn leave_now(&mut self, now: Instant) {
        if self.moment() == Some(Moment::Now) {
            self.show_moment(Moment::After, now);
        }
    }

    /// Keeps what a run changed, and highlights it for a moment.
    pub(super) fn show_changes(&mut self, changes: Changes, now: Instant) {
        for pid in changes.changed() {
            self.flash.push((pid, now + FLASH));
        }
        if changes.ns_count.is_some() {
            self.count_flash = Some(now + FLASH);
        }
        self.changes = changes;
    }

    /// Forgets the changes and moments of the step shown (another step, another source).
    pub(super) fn forget_changes(&mut self) {
        self.changes = Changes::default();
        self.moments = None;
        self.count_flash = None;
    }

    /// Views of a moment the app chose (a step's before or after): the shell pane notes
    /// who is new, nothing else is highlighted (the change's own marks do that).
    pub(super) fn show_views(&mut self, views: Views, now: Instant) {
        shell::note_views(self, &views, now);
        self.views = views;
    }

    /// New views: anything in the namespace whose parent changed since the last views
    /// is highlighted for a moment (the orphan moving under PID 1).
    pub(super) fn set_views(&mut self, views: Views, now: Instant) {
        shell::note_views(self, &views, now);
        if let (Some(old), Some(new), Some(ns)) = (&self.views.host, &views.host, views.lab_ns)
            && self.views.lab_ns == Some(ns)
        {
            for p in new.procs.iter().filter(|p| p.pidns == Some(ns)) {
                if old.get(p.pid).is_some_and(|q| q.ppid != p.ppid) {
                    self.flash.push((p.pid, now + FLASH));
                }
            }
        }
        self.views = views;
    }

    /// The orphan named in the facts (a PID inside), found on the host by its NSpid.
    pub(super) fn flash_orphan(&mut self, observation: &Observation, views: &Views, now: Instant) {
        let Facts::OrphanReaping(facts) = &observation.facts else {
            return;
        };
        let orphan = facts.orphan;
        let Some(host) = &views.host else { return };
        for p in &host.procs {
            let member = views.lab_ns.is_none_or(|ns| p.pidns == Some(ns));
            if member && p.nspid.len() > 1 && p.nspid.last() == Some(&orphan) {
                self.flash.push((p.pid, now + FLASH));
            }
        }
    }
}
