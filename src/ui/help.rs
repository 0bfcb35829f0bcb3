//! Overlays: the key help (`?`), the confirmation before the shell opens as root, and
//! the one before a run that would end the lab while the step's task is not done. The
//! help scrolls where the screen is too short for all of it (its title says so), and
//! reports how far it can (`Geometry::help_max`).

use super::theme::Theme;
use crate::app::{App, Modal};
use crate::words;
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
    words::help::KEYS
        .iter()
        .map(|(key, what)| {
            let key = words::numbered(*key, app.lang);
            let key = app.symbols.spell_keys(&key);
            let pad = KEY_COLUMN.saturating_sub(key.width()).max(1);
            Line::from(vec![
                Span::styled(format!(" {key}{}", " ".repeat(pad)), theme.hint),
                Span::styled(app.symbols.spell(what.get(app.lang)), theme.text),
            ])
        })
        .collect()
}

fn confirm_lines(text: &str, theme: &Theme) -> Vec<Line<'static>> {
    text.lines()
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
    // The last one opened is drawn: the help may be over a question, never under one.
    let open = app.modals.iter().rev().find_map(|m| match m {
        Modal::Help { scroll } => Some((
            Some(*scroll),
            words::help::TITLE.get(app.lang),
            help_lines(app, theme),
        )),
        Modal::ConfirmShell => Some((
            None,
            words::overlays::CONFIRM_TITLE.get(app.lang),
            confirm_lines(words::overlays::CONFIRM_TEXT.get(app.lang), theme),
        )),
        Modal::ConfirmTeardown => Some((
            None,
            words::overlays::TEARDOWN_TITLE.get(app.lang),
            confirm_lines(words::overlays::TEARDOWN_TEXT.get(app.lang), theme),
        )),
        _ => None,
    });
    let Some((help_scroll, title, lines)) = open else {
        return 0;
    };
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 4;
    let width = width.min(area.width);
    let lines = super::wrap::wrap(&lines, width.saturating_sub(2));
    let height = (lines.len().min(usize::from(u16::MAX - 2)) as u16) + 2;
    let rect = centered(area, width, height);
    if rect.width < 3 || rect.height < 3 {
        return 0;
    }
    // Only the help scrolls (a confirmation is a few lines).
    let max = match help_scroll {
        Some(_) => height.saturating_sub(rect.height),
        None => 0,
    };
    let offset = help_scroll.unwrap_or(0).min(max);
    let title = if max > 0 {
        let more = app.symbols.spell_keys(words::help::MORE.get(app.lang));
        let dot = app.symbols.help_dot;
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
