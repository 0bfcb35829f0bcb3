//! The namespace drawn as a boundary inside the host's tree, as in the post's figure: the
//! agent and everything under it in a box labelled with the namespace's `pid:[inode]`,
//! hung where the agent hangs, each member still with both of its numbers.
//!
//! ```text
//! └─pidns-tutor 5460  ◀ tutor (you)
//!   ╭─ PID namespace pid:[4026532184] ─────╮
//!   │ pidns-agent 5833(1)  ◀ PID 1 inside  │
//!   │ ├─demo-a 5834(2)                     │
//!   │ └─demo-c 5836(4)  ◀ orphan           │
//!   ╰──────────────────────────────────────╯
//! ```

use crate::procs::TreeRow;
use crate::symbols::Symbols;
use crate::ui::wrap;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Narrower than this inside, a box would only squeeze the rows: they are drawn plain.
const MIN_INSIDE: usize = 14;
/// A box narrower than this keeps only its left margin.
const TIGHT: usize = 36;

/// Where the box goes in a pane's rows: the agent's row and its descendants after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Boundary {
    /// Index of the agent's row.
    pub start: usize,
    /// One past the last member's row.
    pub end: usize,
    /// The agent's depth in the tree.
    depth: usize,
    /// Columns of tree glyphs left of the box (the ancestors' lines).
    pub indent: usize,
    /// Columns the box needs for its title and its widest row, borders included: it is
    /// no wider, however wide the pane.
    need: usize,
}

impl Boundary {
    /// The box around `agent`'s subtree in `rows`, if the agent is there and the pane is
    /// wide enough for a box.
    pub fn find(rows: &[TreeRow], agent: i32, width: usize) -> Option<Boundary> {
        let start = rows.iter().position(|r| r.pid == Some(agent))?;
        let depth = rows[start].depth;
        let end = rows[start + 1..]
            .iter()
            .position(|r| r.depth <= depth)
            .map_or(rows.len(), |n| start + 1 + n);
        let indent = 2 * depth.saturating_sub(1);
        (width.saturating_sub(indent + 4) >= MIN_INSIDE).then_some(Boundary {
            start,
            end,
            depth,
            indent,
            need: usize::MAX,
        })
    }

    /// The box no wider than its title (`title` columns) and its widest row (`widest`
    /// columns, notes at their longest) need.
    pub fn hug(self, title: usize, widest: usize) -> Boundary {
        Boundary {
            need: (title + 6).max(widest + 4),
            ..self
        }
    }

    /// Where the box's right edge is in a pane `width` wide (one past it).
    fn right(&self, width: usize) -> usize {
        width.min(self.indent.saturating_add(self.need))
    }

    pub fn contains(&self, index: usize) -> bool {
        (self.start..self.end).contains(&index)
    }

    /// Columns inside the box, between `│ ` and ` │` (or `│` when the pane is narrow),
    /// in a pane `width` wide.
    pub fn inside(&self, width: usize) -> usize {
        self.right(width)
            .saturating_sub(self.indent + 2 + self.pad(width))
    }

    /// Blank columns inside the box's right edge: one, unless the pane is narrow.
    fn pad(&self, width: usize) -> usize {
        if width.saturating_sub(self.indent) < TIGHT {
            1
        } else {
            2
        }
    }

    /// A member's tree glyphs split in two: the ancestors' lines left of the box, and its
    /// own glyphs inside the box (relative to the agent, which has none).
    pub fn split_prefix(&self, prefix: &str) -> (String, String) {
        let chars: Vec<char> = prefix.chars().collect();
        let left: String = chars.iter().take(self.indent).collect();
        let own_from = if self.depth == 0 { 0 } else { 2 * self.depth };
        let inside: String = chars.iter().skip(own_from).collect();
        (left, inside)
    }

    /// The box's top line: the ancestors' lines, then the corner and the title.
    pub fn top(
        &self,
        left: &str,
        title: &str,
        width: usize,
        style: Style,
        glyph: Style,
        symbols: &Symbols,
    ) -> Line<'static> {
        let g = symbols;
        let width = self.right(width);
        let room = width.saturating_sub(self.indent + 6);
        let title = wrap::fit(title, room, symbols);
        let fill = width.saturating_sub(self.indent + 5 + title.width());
        Line::from(vec![
            Span::styled(left.to_string(), glyph),
            Span::styled(format!("{}{} ", g.top_left, g.horizontal), style),
            Span::styled(title, style),
            Span::styled(
                format!(" {}{}", g.horizontal.repeat(fill), g.top_right),
                style,
            ),
        ])
    }

    /// A member's row inside the box, `content` already fitted to `inside(width)`.
    pub fn row(
        &self,
        left: &str,
        content: Line<'static>,
        width: usize,
        style: Style,
        glyph: Style,
        symbols: &Symbols,
    ) -> Line<'static> {
        let g = symbols;
        let pad = self.inside(width).saturating_sub(content.width());
        let mut spans = vec![
            Span::styled(left.to_string(), glyph),
            Span::styled(format!("{} ", g.vertical), style),
        ];
        spans.extend(content.spans);
        spans.push(Span::raw(" ".repeat(pad + self.pad(width) - 1)));
        spans.push(Span::styled(g.vertical.to_string(), style));
        Line::from(spans)
    }

    /// The box's bottom line.
    pub fn bottom(
        &self,
        left: &str,
        width: usize,
        style: Style,
        glyph: Style,
        symbols: &Symbols,
    ) -> Line<'static> {
        let g = symbols;
        let fill = self.right(width).saturating_sub(self.indent + 2);
        Line::from(vec![
            Span::styled(left.to_string(), glyph),
            Span::styled(
                format!(
                    "{}{}{}",
                    g.bottom_left,
                    g.horizontal.repeat(fill),
                    g.bottom_right
                ),
                style,
            ),
        ])
    }
}
