//! What the last frame looked like, as the drawing reports it: where each pane is, how
//! many rows of it show, the scroll offset it was drawn with and the largest that makes
//! sense. The app keeps scroll *intent*; the ui clamps it when drawing and publishes what
//! it used here (as ratatui's `ScrollbarState` or gitui's `VerticalScroll` do), so paging
//! and the mouse follow the real layout without the app measuring anything.

use super::Pane;
use ratatui::layout::{Position, Rect};

/// One pane as last drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaneGeometry {
    /// Where it is on screen, borders included; empty when not shown.
    pub area: Rect,
    /// Rows of content visible at once.
    pub rows: u16,
    /// The scroll offset it was drawn with (asked for and clamped, or automatic).
    pub offset: u16,
    /// The largest offset that still shows something new.
    pub max: u16,
}

/// The whole screen as last drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Geometry {
    /// False until the first frame: then nothing is known yet.
    pub drawn: bool,
    /// By pane, in `Pane::ALL` order.
    pub panes: [PaneGeometry; 4],
    /// The live box under the lesson (part of the lesson pane for the mouse).
    pub live: Rect,
    /// The shell pane, borders included (empty when closed), and its terminal's cells
    /// (empty when the pane is too small to type in): the pty is sized to these.
    pub shell: Rect,
    pub shell_term: Rect,
    /// The open question's box, borders included (empty when none): over the panes, it
    /// hides what they have under it.
    pub question: Rect,
    /// How far the key help can scroll (0: it shows whole).
    pub help_max: u16,
}

impl Geometry {
    pub fn of(&self, pane: Pane) -> PaneGeometry {
        self.panes[pane.index()]
    }

    pub fn set(&mut self, pane: Pane, geometry: PaneGeometry) {
        self.panes[pane.index()] = geometry;
    }

    /// Whether `pane` is on screen (before the first frame, any may be).
    pub fn shows(&self, pane: Pane) -> bool {
        !self.drawn || !self.of(pane).area.is_empty()
    }

    /// The pane at a screen position, for the mouse.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let at = Position::new(column, row);
        if self.live.contains(at) {
            return Some(Pane::Lesson);
        }
        Pane::ALL
            .into_iter()
            .find(|&p| self.of(p).area.contains(at))
    }
}
