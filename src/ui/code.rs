//! The code pane: `assets/newpid.c` (the post's program, corrected) with the current
//! step's tagged lines highlighted and scrolled into view, and the step's nix equivalent
//! under it. The highlighted lines come first: on a short pane the nix line gives up its
//! rows to them, and lines wider than the pane end in an ellipsis rather than mid-token.

use super::theme::Theme;
use crate::app::{App, Pane, PaneGeometry};
use crate::lesson::{self, NEWPID_C, Step};
use crate::words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::sync::LazyLock;

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

/// The scroll offset that brings the step's main lines into view in `rows` rows, with
/// up to `CONTEXT` lines above them when there is room.
pub fn auto_offset(app: &App, rows: u16) -> u16 {
    main_run(app).map_or(0, |(first, len)| {
        let spare = usize::from(rows).saturating_sub(len);
        let context = usize::from(CONTEXT).min(spare / 2);
        first.saturating_sub(context) as u16
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
    // The C code above, the nix line (up to NIX_ROWS rows) under it, but never in the
    // rows the step's own lines need.
    let needed = main_run(app).map_or(1, |(_, len)| len as u16 + 1);
    let nix_rows = NIX_ROWS.min(inner.height.saturating_sub(needed));
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
    let all = lines();
    let geometry = super::scrolled(
        area,
        app,
        Pane::Code,
        auto_offset(app, text.height),
        all.len(),
        text.height,
    );
    let offset = geometry.offset;
    let hits = lesson::code_lines_for(app.step);
    let width = all.len().to_string().len();
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
    let rows = usize::from(text.height).saturating_sub(note.len());
    let code = all
        .iter()
        .enumerate()
        .skip(usize::from(offset))
        .take(rows)
        .map(|(index, line)| {
            let number = index + 1;
            let style = if hits.contains(&number) {
                theme.code_hit
            } else {
                theme.code_line
            };
            let line = Line::from(vec![
                Span::styled(format!("{number:>width$} "), theme.line_number),
                Span::styled(line.clone(), style),
            ]);
            // A line wider than the pane says so, rather than losing its end unseen.
            super::wrap::fit_line(line, usize::from(text.width), app.symbols)
        });
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
