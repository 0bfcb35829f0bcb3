//! Overlays: the key help (`?`) and the confirmation before the shell opens as root. The
//! help scrolls where the screen is too short for all of it (its title says so), and
//! reports how far it can (`Geometry::help_max`).

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

/// Draws the open overlay; returns how far it can scroll (0: it shows whole).
pub fn draw_overlay(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> u16 {
    let words = Words::of(app.lang);
    let (title, lines) = match app.overlay {
        Overlay::None => return 0,
        Overlay::Help => (words.help_title, help_lines(app, theme)),
        Overlay::ConfirmShell => (words.confirm_title, confirm_lines(app, theme)),
    };
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 4;
    let width = width.min(area.width);
    let lines = super::wrap::wrap(&lines, width.saturating_sub(2));
    let height = (lines.len().min(usize::from(u16::MAX - 2)) as u16) + 2;
    let rect = centered(area, width, height);
    if rect.width < 3 || rect.height < 3 {
        return 0;
    }
    // Only the help scrolls (the confirmation is a few lines).
    let max = match app.overlay {
        Overlay::Help => height.saturating_sub(rect.height),
        _ => 0,
    };
    let offset = app.help_scroll.min(max);
    let title = if max > 0 {
        let more = if app.ascii {
            super::ascii_arrows(words.help_more)
        } else {
            words.help_more.to_string()
        };
        let dot = if app.ascii { "-" } else { "·" };
        format!(" {title} {dot} {more} ")
    } else {
        format!(" {title} ")
    };
    // Also blank one column either side: a double-width character under the popup's edge
    // would otherwise spill over its border (half of it covered, half not).
    let margin = Rect {
        x: rect.x.saturating_sub(1),
        width: rect.width + 2,
        ..rect
    };
    frame.render_widget(Clear, margin.intersection(area));
    frame.render_widget(Clear, rect);
    let block = super::pane_block(app, None, Line::styled(title, theme.title), theme)
        .border_style(theme.border_focused);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .style(theme.overlay)
            .scroll((offset, 0)),
        rect,
    );
    max
}
