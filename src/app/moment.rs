//! Two moments of one step: the trees just before its change (the demo chain whole, at
//! orphan-reaping) and just after it (demo-b killed, demo-c under PID 1). The speaker moves
//! between them with a key (Enter goes on to "after", `b` goes back and forth), rather
//! than a timer deciding when the audience has looked long enough.

use super::Views;

/// Which of the two moments the trees show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moment {
    Before,
    After,
}

/// The views of both moments of the step shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Moments {
    pub showing: Moment,
    pub before: Views,
    /// Kept up to date by refreshes while "before" is shown.
    pub after: Views,
}

impl Moments {
    /// A change whose "before" is shown first.
    pub fn new(before: Views, after: Views) -> Moments {
        Moments {
            showing: Moment::Before,
            before,
            after,
        }
    }

    /// The views of the moment shown.
    pub fn shown(&self) -> &Views {
        match self.showing {
            Moment::Before => &self.before,
            Moment::After => &self.after,
        }
    }
}
