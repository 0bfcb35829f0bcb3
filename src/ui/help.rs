//! Overlays: the key help (`?`) and the confirmation before the shell opens as root.

use super::theme::Theme;
use crate::app::{App, Overlay};
use crate::words::Words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Width of the key column in the help.
const KEY_COLUMN: usize = 16;

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = area.layout(
        &Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center),
    );
    let [cell] = row.layout(
        &Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center),
    );
    cell
}

fn help_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    Words::of(app.lang)
        .help
        .iter()
        .map(|(key, what)| {
            let key = Words::numbered(key);
            let key = if app.ascii {
                super::ascii_arrows(&key)
            } else {
                key
            };
            let pad = KEY_COLUMN.saturating_sub(key.width()).max(1);
            Line::from(vec![
                Span::styled(format!(" {key}{}", " ".repeat(pad)), theme.hint),
                Span::styled(super::ascii_text(what, app.ascii), theme.text),
            ])
        })
        .collect()
}

fn confirm_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    Words::of(app.lang)
        .confirm_text
        .iter()
        .map(|line| {
            let style = if line.contains("ROOT") {
                theme.warn
            } else {
                theme.text
            };
            Line::styled(format!(" {line}"), style)
        })
        .collect()
}

pub fn draw_overlay(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let words = Words::of(app.lang);
    let (title, lines) = match app.overlay {
        Overlay::None => return,
        Overlay::Help => (words.help_title, help_lines(app, theme)),
        Overlay::ConfirmShell => (words.confirm_title, confirm_lines(app, theme)),
    };
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 4;
    let height = lines.len() as u16 + 2;
    let rect = centered(area, width, height);
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    // Also blank one column either side: a double-width character under the popup's edge
    // would otherwise spill over its border (half of it covered, half not).
    let margin = Rect {
        x: rect.x.saturating_sub(1),
        width: rect.width + 2,
        ..rect
    };
    frame.render_widget(Clear, margin.intersection(area));
    frame.render_widget(Clear, rect);
    let block = super::pane_block(
        app,
        None,
        Line::styled(format!(" {title} "), theme.title),
        theme,
    )
    .border_style(theme.border_focused);
    frame.render_widget(
        Paragraph::new(super::wrap::wrap(&lines, rect.width.saturating_sub(2)))
            .block(block)
            .style(theme.overlay),
        rect,
    );
}
