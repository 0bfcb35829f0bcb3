//! Drawing: functions from `&App` to the frame, one file per pane. Nothing here reads
//! /proc, talks to the lab or changes the app; the app calls `scroll_state` and
//! `pane_height` only to measure.
//!
//! Layout: wide terminals (120 columns and more) get three columns, the lesson (with the
//! live box and the code under it), the host's tree and the namespace's tree, as in the
//! design sketch. Narrower ones stack the two trees on the right. `z` gives the focused
//! pane the whole screen.

pub mod code;
pub mod figure;
pub mod help;
pub mod lesson;
pub mod markdown;
pub mod status;
pub mod theme;
pub mod tree;
pub mod words;
pub mod wrap;

use crate::app::{App, Pane};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use theme::Theme;
use unicode_width::UnicodeWidthStr;
use words::Words;

/// Below this the panes make no sense; one line asks for more room instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width on, the trees stand side by side next to the lesson.
const WIDE: u16 = 120;

/// Where each pane goes; an empty rectangle means "not shown".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub lesson: Rect,
    pub live: Rect,
    pub code: Rect,
    pub host: Rect,
    pub ns: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn of(&self, pane: Pane) -> Rect {
        match pane {
            Pane::Lesson => self.lesson,
            Pane::Code => self.code,
            Pane::Host => self.host,
            Pane::Ns => self.ns,
        }
    }
}

pub fn theme_of(app: &App) -> Theme {
    Theme::pick(app.theme, app.no_color)
}

/// The layout for the app's current size.
pub fn areas(app: &App) -> Areas {
    let (w, h) = app.size;
    let area = Rect::new(0, 0, w, h);
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return Areas::default();
    }
    let [body, status] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let mut out = Areas {
        status,
        ..Areas::default()
    };
    if app.zoom {
        match app.focus {
            Pane::Lesson => {
                let live_h = lesson::live_height(app, body.width, body.height / 3);
                [out.lesson, out.live] = body.layout(&Layout::vertical([
                    Constraint::Fill(1),
                    Constraint::Length(live_h),
                ]));
            }
            Pane::Code => out.code = body,
            Pane::Host => out.host = body,
            Pane::Ns => out.ns = body,
        }
        return out;
    }
    let (left, host, ns);
    if w >= WIDE {
        [left, host, ns] = body.layout(&Layout::horizontal([
            // The lesson column also holds the C code, whose lines run to ~70 columns.
            Constraint::Percentage(42),
            Constraint::Percentage(29),
            Constraint::Percentage(29),
        ]));
    } else {
        let right;
        [left, right] = body.layout(&Layout::horizontal([Constraint::Percentage(50); 2]));
        [host, ns] = right.layout(&Layout::vertical([Constraint::Percentage(50); 2]));
    }
    // Short screens give the code's rows to the lesson; `Tab` + `z` still shows the code.
    let code_h = if body.height < 20 {
        0
    } else {
        (body.height / 3).clamp(5, 18)
    };
    // The live box is the payoff of each step: on small screens it may take half.
    let live_max = if w >= WIDE {
        body.height / 3
    } else {
        body.height / 2
    };
    let live_h = lesson::live_height(app, left.width, live_max);
    [out.lesson, out.live, out.code] = left.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(live_h),
        Constraint::Length(code_h),
    ]));
    out.host = host;
    out.ns = ns;
    out
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = theme_of(app);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, app, &theme);
        return;
    }
    let areas = areas(app);
    lesson::draw(frame, areas.lesson, areas.live, app, &theme);
    code::draw(frame, areas.code, app, &theme);
    tree::draw(frame, areas.host, app, tree::Side::Host, &theme);
    if app.shows_figure() {
        figure::draw(frame, areas.ns, app, &theme);
    } else {
        tree::draw(frame, areas.ns, app, tree::Side::Ns, &theme);
    }
    status::draw(frame, areas.status, app, &theme);
    help::draw_overlay(frame, area, app, &theme);
}

fn too_small(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let text = Words::of(app.lang).too_small;
    let width = (text.width() as u16).min(area.width);
    let x = area.x + (area.width - width) / 2;
    let y = area.y + area.height / 2;
    let line = Rect::new(x, y, width, 1.min(area.height));
    frame.render_widget(Paragraph::new(text).style(theme.warn), line);
}

/// A pane's frame: rounded (or ASCII) borders, highlighted when focused.
pub fn pane_block<'a>(app: &App, pane: Option<Pane>, title: Line<'a>, theme: &Theme) -> Block<'a> {
    let focused = pane.is_some_and(|p| p == app.focus);
    let style: Style = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    let set = if app.ascii {
        ASCII_BORDER
    } else if focused {
        border::THICK
    } else {
        border::ROUNDED
    };
    Block::default()
        .borders(Borders::ALL)
        .border_set(set)
        .border_style(style)
        .title(title)
}

/// Borders from plain ASCII, for `--ascii` and terminals without box drawing.
pub const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// The pane at a screen position, for the mouse.
pub fn pane_at(app: &App, column: u16, row: u16) -> Option<Pane> {
    let areas = areas(app);
    let at = ratatui::layout::Position::new(column, row);
    if areas.live.contains(at) {
        return Some(Pane::Lesson);
    }
    Pane::ALL.into_iter().find(|&p| areas.of(p).contains(at))
}

/// Arrows and markers spelled in ASCII, for `--ascii`.
pub fn ascii_arrows(text: &str) -> String {
    text.replace('◀', "<-")
        .replace('→', "->")
        .replace('←', "<-")
        .replace('↑', "Up")
        .replace('↓', "Down")
        .replace('…', "...")
}

/// Inner height of a pane (0 when hidden).
pub fn pane_height(app: &App, pane: Pane) -> u16 {
    let area = areas(app).of(pane);
    match pane {
        Pane::Code => code::text_area(area, app).height,
        Pane::Host => tree::inner_areas(app, tree::Side::Host, area).1.height,
        Pane::Ns if !app.shows_figure() => tree::inner_areas(app, tree::Side::Ns, area).1.height,
        _ => area.height.saturating_sub(2),
    }
}

/// The scroll offset a pane is drawn with now, and the largest that makes sense.
pub fn scroll_state(app: &App, pane: Pane) -> (u16, u16) {
    let area = areas(app).of(pane);
    let inner = Rect::new(
        0,
        0,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    let (lines, auto) = match pane {
        Pane::Lesson => (lesson::line_count(app, inner.width), 0),
        Pane::Code => {
            let text = code::text_area(area, app);
            return clamp_scroll(
                app.scroll_of(pane),
                code::auto_offset(app),
                code::lines().len(),
                text.height,
            );
        }
        Pane::Ns if app.shows_figure() => (figure::line_count(app, inner.width), 0),
        Pane::Host | Pane::Ns => {
            let side = if pane == Pane::Host {
                tree::Side::Host
            } else {
                tree::Side::Ns
            };
            let content = tree::content(app, side);
            let height = tree::inner_areas(app, side, area).1.height;
            let auto = content.follow.map_or(0, |row| {
                (row as u16).saturating_sub(height.saturating_sub(3))
            });
            return clamp_scroll(app.scroll_of(pane), auto, content.lines.len(), height);
        }
    };
    clamp_scroll(app.scroll_of(pane), auto, lines, inner.height)
}

fn clamp_scroll(wanted: Option<u16>, auto: u16, lines: usize, height: u16) -> (u16, u16) {
    let max = (lines.min(usize::from(u16::MAX)) as u16).saturating_sub(height);
    (wanted.unwrap_or(auto).min(max), max)
}
