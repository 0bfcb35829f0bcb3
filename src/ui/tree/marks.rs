//! The notes after a process in a tree: what it is (`◀ PID 1 inside`, `◀ tutor (you)`,
//! `◀ orphan`) and what just happened to it (`+ new`, `↱ new parent: 3 → 1`, `✗ about to
//! be killed`), each a symbol and a word so that nothing rests on colour alone. A row too
//! wide for its pane first shortens its least important notes, then drops them, and only
//! then cuts its label, with an ellipsis.

use crate::symbols::Symbols;
use crate::ui::wrap;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// One note after a row's label.
#[derive(Clone, Debug)]
pub struct Marker {
    pub long: String,
    pub short: String,
    pub style: Style,
    /// The higher, the later it is shortened or dropped.
    pub keep: u8,
}

/// How long the notes are kept: changes outlast roles, the tutor's goes first.
pub const KEEP_CHANGE: u8 = 3;
pub const KEEP_ROLE: u8 = 2;
pub const KEEP_TUTOR: u8 = 1;

impl Marker {
    pub fn new(long: impl Into<String>, short: impl Into<String>, style: Style, keep: u8) -> Self {
        Marker {
            long: long.into(),
            short: short.into(),
            style,
            keep,
        }
    }
}

/// A row's label (tree glyphs, name, PIDs) and its notes, fitted to `width` columns.
pub fn fit(
    label: Vec<Span<'static>>,
    markers: &[Marker],
    width: usize,
    symbols: &Symbols,
) -> Line<'static> {
    // Per note: 2 long, 1 short, 0 dropped.
    let mut form: Vec<u8> = vec![2; markers.len()];
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by_key(|&i| (markers[i].keep, std::cmp::Reverse(i)));
    let label_width: usize = label.iter().map(Span::width).sum();
    let text = |m: &Marker, f: u8| -> String {
        let t = if f == 2 { &m.long } else { &m.short };
        format!("  {}", symbols.spell(t))
    };
    let total = |form: &[u8]| -> usize {
        label_width
            + markers
                .iter()
                .zip(form)
                .filter(|(_, f)| **f > 0)
                .map(|(m, f)| unicode_width::UnicodeWidthStr::width(text(m, *f).as_str()))
                .sum::<usize>()
    };
    for target in [1, 0] {
        for &i in &order {
            if total(&form) <= width {
                break;
            }
            form[i] = target;
        }
    }
    let mut spans = label;
    if label_width > width {
        shorten_name(&mut spans, width, symbols);
    }
    for (m, f) in markers.iter().zip(&form) {
        if *f > 0 {
            spans.push(Span::styled(text(m, *f), m.style));
        }
    }
    wrap::fit_line(Line::from(spans), width, symbols)
}

/// A label too wide for `width`: its name is shortened (`level…`) rather than its PIDs,
/// whose nesting (`20137(3(2(1)))`) is the point of a row; the label's last span is
/// `name pids`.
fn shorten_name(label: &mut [Span<'static>], width: usize, symbols: &Symbols) {
    let Some((last, before)) = label.split_last_mut() else {
        return;
    };
    let Some((name, pids)) = last.content.rsplit_once(' ') else {
        return;
    };
    let used: usize = before.iter().map(Span::width).sum::<usize>() + 1 + pids.width();
    // At least a letter and the ellipsis of the name, or the line is cut as it comes.
    let Some(room) = width.checked_sub(used).filter(|&r| r >= 2) else {
        return;
    };
    let short = format!("{} {pids}", wrap::fit(name, room, symbols));
    last.content = short.into();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_shorten_then_go_least_important_first() {
        let label = || vec![Span::raw("pidns-agent 5833(1)")];
        let markers = [
            Marker::new("+ new", "+ new", Style::new(), KEEP_CHANGE),
            Marker::new("◀ PID 1 inside", "◀ PID 1", Style::new(), KEEP_ROLE),
        ];
        let at = |w| fit(label(), &markers, w, &Symbols::UNICODE).to_string();
        assert_eq!(at(80), "pidns-agent 5833(1)  + new  ◀ PID 1 inside");
        assert_eq!(at(36), "pidns-agent 5833(1)  + new  ◀ PID 1");
        assert_eq!(at(30), "pidns-agent 5833(1)  + new");
        assert_eq!(at(14), "pidns… 5833(1)", "the name is cut, not the PIDs");
        assert_eq!(at(8), "pidns-a…");
        assert_eq!(
            fit(label(), &markers, 80, &Symbols::ASCII).to_string(),
            "pidns-agent 5833(1)  + new  <- PID 1 inside"
        );
    }
}
