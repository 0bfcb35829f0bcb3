//! Where the lesson's facts come from: the live kernel, or a recording (always shown
//! labelled as recorded, never as live). One type for every layer: `check::choose_source`
//! picks one, `walk` and the TUI's lab worker take it whole, and the app keeps only what
//! it shows (the mode, or the recording's header: `Source<Header>`); `walk` holds its
//! live session in it (`Source<Recording, Session>`).

use crate::lab::Mode;
use crate::record::{Header, Recording};

/// Live, or recorded; `R` is how much of the recording is kept, `L` what the live side
/// holds (the mode, or a session in that mode).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source<R = Recording, L = Mode> {
    /// A real namespace, made in this mode.
    Live(L),
    /// Observations made earlier, on another day and maybe another machine.
    Recorded(R),
}

impl<R, L> Source<R, L> {
    pub fn is_recorded(&self) -> bool {
        matches!(self, Source::Recorded(_))
    }

    pub fn is_live(&self) -> bool {
        matches!(self, Source::Live(_))
    }

    /// The same source with its live side turned into something else (a session).
    pub fn map_live<T>(self, f: impl FnOnce(L) -> T) -> Source<R, T> {
        match self {
            Source::Live(live) => Source::Live(f(live)),
            Source::Recorded(recorded) => Source::Recorded(recorded),
        }
    }
}

impl Source {
    /// What is shown about the source: the live mode, or the recording's header.
    pub fn header(&self) -> Source<Header> {
        match self {
            Source::Live(mode) => Source::Live(*mode),
            Source::Recorded(recording) => Source::Recorded(recording.header.clone()),
        }
    }
}
