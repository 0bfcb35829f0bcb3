//! The code pane: `assets/newpid.c` (the post's program, corrected) with the current
//! step's tagged lines highlighted and scrolled into view, and the step's nix equivalent
//! under it.

use super::theme::Theme;
use super::words::Words;
use crate::app::{App, Pane};
use crate::lesson::{self, NEWPID_C, Step};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Rows of nix code under the C at most.
const NIX_ROWS: u16 = 4;
/// Lines of context kept above the first highlighted line.
const CONTEXT: u16 = 2;

/// The program's lines as shown: the `/* [step-id] */` tags that tie lines to steps are
/// for the tools, not for the reader.
pub fn lines() -> Vec<String> {
    NEWPID_C.lines().map(strip_tags).collect()
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

/// The scroll offset that brings the step's main lines into view: the longest run of
/// consecutive tagged lines (for clone, the clone() call itself), the first on a tie.
pub fn auto_offset(app: &App) -> u16 {
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
    best.map_or(0, |(n, _)| {
        (n.saturating_sub(1) as u16).saturating_sub(CONTEXT)
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

fn nix_rows(app: &App, width: u16) -> u16 {
    let theme = super::theme_of(app);
    nix_lines(app, &theme, width)
        .len()
        .min(usize::from(NIX_ROWS)) as u16
}

/// The part of the pane the C code takes (inside the borders, above the nix line).
pub fn text_area(area: Rect, app: &App) -> Rect {
    let inner = Rect::new(
        area.x.saturating_add(1),
        area.y.saturating_add(1),
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    let nix = nix_rows(app, inner.width).min(inner.height.saturating_sub(1));
    Rect {
        height: inner.height - nix,
        ..inner
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let words = Words::of(app.lang);
    let title = Line::styled(format!(" {} ", words.code_title), theme.title);
    let block = super::pane_block(app, Some(Pane::Code), title, theme);
    frame.render_widget(block, area);
    let text = text_area(area, app);
    let hits = lesson::code_lines_for(app.step);
    let (offset, _) = super::scroll_state(app, Pane::Code);
    let all = lines();
    let width = all.len().to_string().len();
    // A step the program has no part in says so, rather than pointing at its first lines.
    let note = if hits.is_empty() {
        super::wrap::wrap(&[Line::styled(words.code_no_lines, theme.dim)], text.width)
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
            Line::from(vec![
                Span::styled(format!("{number:>width$} "), theme.line_number),
                Span::styled(line.clone(), style),
            ])
        });
    let shown: Vec<Line> = note.into_iter().chain(code).collect();
    frame.render_widget(Paragraph::new(shown), text);
    let inner_bottom = area.y + area.height - 1;
    let nix_area = Rect::new(
        text.x,
        text.y + text.height,
        text.width,
        inner_bottom - (text.y + text.height),
    );
    if nix_area.height > 0 {
        let nix = Paragraph::new(nix_lines(app, theme, nix_area.width));
        frame.render_widget(nix, nix_area);
    }
}
