//! The code pane: `assets/newpid.c` (the post's program, corrected) with the current
//! step's tagged lines highlighted and scrolled into view, and the step's nix equivalent
//! under it. The highlighted lines come first: on a short pane the nix line gives up its
//! rows to them, and lines wider than the pane wrap under themselves rather than lose their
//! end.

use super::theme::Theme;
use crate::app::{App, Pane, PaneGeometry};
use crate::lesson::{self, NEWPID_C, Step};
use crate::words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::sync::LazyLock;
use unicode_width::UnicodeWidthStr;

/// Rows of nix code under the C at most.
const NIX_ROWS: u16 = 4;
/// Lines of context kept above the first highlighted line.
const CONTEXT: u16 = 2;

/// The program's lines as shown: the `/* [step-id] */` tags that tie lines to steps are
/// for the tools, not for the reader. Made once: the program is embedded.
pub fn lines() -> &'static [String] {
    static LINES: LazyLock<Vec<String>> =
        LazyLock::new(|| NEWPID_C.lines().map(strip_tags).collect());
    &LINES
}

fn strip_tags(line: &str) -> String {
    let mut out = line.to_string();
    for step in Step::all() {
        out = out.replace(&format!("/* [{step}] */"), "");
    }
    if out.len() != line.len() {
        out.truncate(out.trim_end().len());
    }
    out
}

/// The step's main lines: the longest run of consecutive tagged lines (for clone, the
/// clone() call itself), the first on a tie; (first line's index, how many).
fn main_run(app: &App) -> Option<(usize, usize)> {
    let hits = lesson::code_lines_for(app.step);
    let mut best: Option<(usize, usize)> = None; // (start, length)
    let mut run: Option<(usize, usize)> = None;
    for &n in &hits {
        run = match run {
            Some((start, len)) if start + len == n => Some((start, len + 1)),
            _ => Some((n, 1)),
        };
        if let Some(r) = run
            && best.is_none_or(|b| r.1 > b.1)
        {
            best = Some(r);
        }
    }
    best.map(|(n, len)| (n.saturating_sub(1), len))
}

/// The scroll offset (in rows, `first_rows[i]` being where line `i` starts) that brings
/// the step's main lines into view in `rows` rows, with up to `CONTEXT` lines above them
/// when there is room.
fn auto_offset(app: &App, first_rows: &[u16], rows: u16) -> u16 {
    let row_of = |line: usize| first_rows.get(line).copied().unwrap_or(0);
    main_run(app).map_or(0, |(first, len)| {
        let run_rows = row_of(first + len).saturating_sub(row_of(first));
        let spare = rows.saturating_sub(run_rows);
        let mut top = first;
        // Lines of context above, while they fit in half the spare rows.
        while top > 0
            && first - top < usize::from(CONTEXT)
            && row_of(first) - row_of(top - 1) <= spare / 2
        {
            top -= 1;
        }
        row_of(top)
    })
}

fn nix_line(app: &App) -> Option<String> {
    app.lesson().step(app.step)?.nix.clone()
}

/// The nix line, wrapped to `width`.
fn nix_lines(app: &App, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let Some(nix) = nix_line(app) else {
        return Vec::new();
    };
    let line = Line::from(vec![
        Span::styled("nix: ", theme.live_label),
        Span::styled(nix, theme.code_inline),
    ]);
    super::wrap::wrap(&[line], width)
}

/// Draws the pane; returns how the C code was scrolled.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> PaneGeometry {
    if area.width < 3 || area.height < 3 {
        return PaneGeometry {
            area,
            ..PaneGeometry::default()
        };
    }
    let title = Line::styled(
        format!(" {} ", words::panes::CODE_TITLE.get(app.lang)),
        theme.title,
    );
    let block = super::pane_block(app, Some(Pane::Code), title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let hits = lesson::code_lines_for(app.step);
    let (rows, first_rows) = program_rows(&hits, inner.width, theme);
    // The C code above, the nix line (up to NIX_ROWS rows, all of it when zoomed, so
    // that what is cut is one key away) under it, but never in the rows the step's own
    // lines need.
    let needed = main_run(app).map_or(1, |(first, len)| {
        let row_of = |line: usize| first_rows.get(line).copied().unwrap_or(0);
        row_of(first + len).saturating_sub(row_of(first)) + 1
    });
    let most = if app.zoom { u16::MAX } else { NIX_ROWS };
    let nix_rows = most.min(inner.height.saturating_sub(needed));
    let mut nix = nix_lines(app, theme, inner.width);
    if nix.len() > usize::from(nix_rows) {
        let rest: Vec<String> = nix
            .split_off(usize::from(nix_rows).saturating_sub(1))
            .iter()
            .map(Line::to_string)
            .collect();
        if nix_rows > 0 {
            let cut = super::wrap::fit(&rest.join(" "), usize::from(inner.width), app.symbols);
            nix.push(Line::styled(cut, theme.code_inline));
        }
    }
    let text = Rect {
        height: inner.height - nix.len() as u16,
        ..inner
    };
    // A step the program has no part in says so, rather than pointing at its first lines.
    let note = if hits.is_empty() {
        let says = if crate::steps::def(app.step).is_experiment() {
            words::panes::CODE_EXPERIMENT.get(app.lang)
        } else {
            words::panes::CODE_NO_LINES.get(app.lang)
        };
        super::wrap::wrap(&[Line::styled(says, theme.dim)], text.width)
    } else {
        Vec::new()
    };
    let code_rows = text.height.saturating_sub(note.len() as u16);
    let auto = auto_offset(app, &first_rows, code_rows);
    let geometry = super::scrolled(area, app, Pane::Code, auto, rows.len(), code_rows);
    let code = rows
        .into_iter()
        .skip(usize::from(geometry.offset))
        .take(usize::from(code_rows));
    let shown: Vec<Line> = note.into_iter().chain(code).collect();
    frame.render_widget(Paragraph::new(shown), text);
    let nix_area = Rect {
        y: text.bottom(),
        height: inner.bottom() - text.bottom(),
        ..inner
    };
    if nix_area.height > 0 {
        frame.render_widget(Paragraph::new(nix), nix_area);
    }
    geometry
}

/// The program as rows `width` wide: each line after its number, a line wider than the
/// pane wrapped under itself (its continuations hang two columns past its own indent,
/// without a number), so that its end is on screen rather than behind an ellipsis. Also
/// the row each line starts on, and one more: the row count.
fn program_rows(hits: &[usize], width: u16, theme: &Theme) -> (Vec<Line<'static>>, Vec<u16>) {
    let all = lines();
    let gutter = all.len().to_string().len();
    let room = usize::from(width).saturating_sub(gutter + 1).max(1);
    let mut rows = Vec::with_capacity(all.len());
    let mut first_rows = Vec::with_capacity(all.len());
    for (index, line) in all.iter().enumerate() {
        let number = index + 1;
        let style = if hits.contains(&number) {
            theme.code_hit
        } else {
            theme.code_line
        };
        first_rows.push(rows.len().min(usize::from(u16::MAX)) as u16);
        if line.width() <= room {
            let code = Line::from(Span::styled(line.clone(), style));
            rows.push(numbered(Some(number), gutter, code, theme));
            continue;
        }
        // The indent shown takes at most a third of the room, and the continuations hang
        // two columns past it.
        let indent = (line.len() - line.trim_start().len()).min(room / 3);
        let content = Line::from(Span::styled(line.trim_start().to_string(), style));
        let narrower = room.saturating_sub(indent + 2).max(1);
        let pieces = super::wrap::wrap_line(&content, narrower as u16);
        for (i, piece) in pieces.into_iter().enumerate() {
            let (number, hang) = if i == 0 {
                (Some(number), indent)
            } else {
                (None, room.saturating_sub(narrower).min(indent + 2))
            };
            let mut spans = vec![Span::raw(" ".repeat(hang))];
            spans.extend(piece.spans);
            rows.push(numbered(number, gutter, Line::from(spans), theme));
        }
    }
    // And where the line after the last would start.
    first_rows.push(rows.len().min(usize::from(u16::MAX)) as u16);
    (rows, first_rows)
}

/// `code` after its line number (`number` right-aligned in `gutter` columns), or after
/// blanks on a continuation row.
fn numbered(
    number: Option<usize>,
    gutter: usize,
    code: Line<'static>,
    theme: &Theme,
) -> Line<'static> {
    let number = number.map_or_else(|| " ".repeat(gutter), |n| format!("{n:>gutter$}"));
    let mut spans = vec![Span::styled(format!("{number} "), theme.line_number)];
    spans.extend(code.spans);
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    /// However narrow the pane, every row fits it and every line of the program starts
    /// on a row of its own, in order.
    #[test]
    fn rows_fit_any_width() {
        for width in 1..=90u16 {
            let (rows, first_rows) = super::program_rows(&[], width, &super::super::theme::DARK);
            let gutter = super::lines().len().to_string().len() + 1;
            for row in &rows {
                assert!(
                    row.width() <= usize::from(width).max(gutter + 1),
                    "{width}: {row}"
                );
            }
            assert_eq!(first_rows.len(), super::lines().len() + 1);
            assert!(first_rows.windows(2).all(|w| w[0] < w[1]), "{width}");
            assert_eq!(usize::from(*first_rows.last().unwrap_or(&0)), rows.len());
        }
    }
}
