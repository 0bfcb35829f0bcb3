//! Two moments of one step: the trees just before its change (the demo chain whole, at
//! orphan-reaping) and just after it (demo-b killed, demo-c under PID 1). The speaker moves
//! between them with a key (Enter goes on to "after", `b` goes back and forth), rather
//! than a timer deciding when the audience has looked long enough.
//!
//! Those two are snapshots, for the explanation. While the learner's shell is open the
//! trees must not contradict what `ps` says in it: opening the shell or typing in it shows
//! the lab *now*, live (`Moment::Now`), and `b` still reaches the snapshots.

use super::Views;

/// Which of the two moments the trees show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moment {
    Before,
    After,
    /// The lab as it is now, refreshed live (the learner's shell is open).
    Now,
}

/// The views of both moments of the step shown, and of now.
#[derive(Clone, Debug, PartialEq)]
pub struct Moments {
    pub showing: Moment,
    pub before: Views,
    /// Kept up to date by refreshes while the shell is closed (a lab's "after" is the
    /// lab as it stays; an experiment's, the still of its gone sandbox).
    pub after: Views,
    /// The latest refresh while the learner's shell is open: the lab as the shell sees
    /// it, which at an experiment's step is not the sandbox of "after".
    pub now: Option<Views>,
}

impl Moments {
    /// A change whose "before" is shown first.
    pub fn new(before: Views, after: Views) -> Moments {
        Moments {
            showing: Moment::Before,
            before,
            after,
            now: None,
        }
    }

    /// The views of the moment shown.
    pub fn shown(&self) -> &Views {
        match self.showing {
            Moment::Before => &self.before,
            Moment::After => &self.after,
            Moment::Now => self.now.as_ref().unwrap_or(&self.after),
        }
    }

    /// Takes a refresh: "now" while the shell is open, else "after".
    pub fn refresh(&mut self, views: Views, shell_open: bool) {
        if shell_open {
            self.now = Some(views);
        } else {
            self.after = views;
        }
    }
}
