//! The post's figure, drawn in the terminal for the pid-namespace step: process 1 → 4,
//! which creates 6 with CLONE_NEWPID; inside the namespace's box 6 is 1, and its
//! children are numbered 2, 3, 4 from a count of their own.

use super::theme::Theme;
use crate::app::{App, Pane, PaneGeometry};
use crate::lang::Lang;
use crate::symbols::Symbols;
use crate::words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Puts `lines` in a box titled `title`; every line padded to the same display width.
fn boxed(title: &str, lines: &[String], g: &Symbols) -> Vec<String> {
    let inner = lines
        .iter()
        .map(|l| l.width())
        .chain([title.width()])
        .max()
        .unwrap_or(0)
        + 2;
    let mut out = Vec::with_capacity(lines.len() + 3);
    out.push(format!(
        "{}{}{}",
        g.top_left,
        g.horizontal.repeat(inner),
        g.top_right
    ));
    for line in std::iter::once(&title.to_string()).chain(lines) {
        let pad = inner - 1 - line.width();
        out.push(format!(
            "{} {line}{}{}",
            g.vertical,
            " ".repeat(pad),
            g.vertical
        ));
    }
    out.push(format!(
        "{}{}{}",
        g.bottom_left,
        g.horizontal.repeat(inner),
        g.bottom_right
    ));
    out
}

/// The figure as plain lines, the inner box's lines marked. `compact` leaves the note
/// on 6(1) out and indents less, for a pane too narrow for the whole figure (the caption
/// says the same).
pub fn figure_lines(lang: Lang, symbols: &Symbols, compact: bool) -> Vec<(String, bool)> {
    let g = symbols;
    let outer = words::panes::FIGURE_HOST.get(lang);
    let inner = words::panes::FIGURE_NEW.get(lang);
    let note = words::panes::FIGURE_NOTE.get(lang);
    let first = if compact {
        "6(1)".to_string()
    } else {
        format!("6(1)  {} {note}", g.arrow_back)
    };
    let ns_lines = vec![
        first,
        format!("{} 7(2)", g.branch),
        format!("{} 8(3)", g.last_branch),
        format!("   {} 9(4)", g.last_branch),
    ];
    let mut host_lines: Vec<(String, bool)> = vec![
        ("1 (init)".to_string(), false),
        (format!("{} 4", g.last_branch), false),
        (format!("   {} clone(CLONE_NEWPID)", g.last_branch), false),
    ];
    let indent = if compact { "   " } else { "      " };
    host_lines.extend(
        boxed(inner, &ns_lines, g)
            .into_iter()
            .map(|l| (format!("{indent}{l}"), true)),
    );
    let plain: Vec<String> = host_lines.iter().map(|(l, _)| l.clone()).collect();
    let framed = boxed(outer, &plain, g);
    // framed = top, title, the lines, bottom: inner-box lines keep their mark.
    framed
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let mark = i >= 2 && host_lines.get(i - 2).is_some_and(|(_, m)| *m);
            (l, mark)
        })
        .collect()
}

fn figure_text(app: &App, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let fits =
        |lines: &[(String, bool)]| lines.iter().all(|(l, _)| l.width() <= usize::from(width));
    let mut figure = figure_lines(app.lang, app.symbols, false);
    if !fits(&figure) {
        figure = figure_lines(app.lang, app.symbols, true);
    }
    let mut lines: Vec<Line> = figure
        .into_iter()
        .map(|(l, inner)| {
            Line::from(Span::styled(
                l,
                if inner { theme.member } else { theme.text },
            ))
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        words::panes::FIGURE_CAPTION.get(app.lang),
        theme.dim,
    ));
    super::wrap::wrap(&lines, width)
}

/// Draws the figure in the namespace's pane; returns how it was scrolled.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> PaneGeometry {
    if area.width < 3 || area.height < 3 {
        return PaneGeometry {
            area,
            ..PaneGeometry::default()
        };
    }
    let title = Line::styled(
        format!(" {} ", words::panes::FIGURE_TITLE.get(app.lang)),
        theme.title,
    );
    let lines = figure_text(app, theme, area.width.saturating_sub(2));
    let rows = area.height.saturating_sub(2);
    let geometry = super::scrolled(area, app, Pane::Ns, 0, lines.len(), rows);
    let paragraph = Paragraph::new(lines)
        .block(super::pane_block(app, Some(Pane::Ns), title, theme))
        .scroll((geometry.offset, 0));
    frame.render_widget(paragraph, area);
    geometry
}
