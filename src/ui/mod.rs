//! Drawing: functions from `&App` to the frame, one file per pane. Nothing here reads
//! /proc, talks to the lab or changes the app. Each pane's content is built once per
//! frame; the scroll offsets the app asked for are clamped here, and `draw` returns the
//! `Geometry` it used, which the runtime hands back to the app (`Msg::Drawn`).
//!
//! Layout: wide terminals (120 columns and more) get three columns, the lesson (with the
//! live box and the code under it), the host's tree and the namespace's tree, as in the
//! design sketch. Narrower ones stack the two trees on the right. The code pane is left
//! out at a step the program has no lines for (it would show only the file's header).
//! `z` gives the focused pane the whole screen. The shell pane, while open, takes most of
//! the lesson column; the lesson keeps five lines and its live box's first line, or on a
//! screen too short for that is one key away (`1`, which the status bar says). A step's task (live only) gets a small panel in the lesson column:
//! under the shell pane, or between the live box and the code. Stage mode (`stage`) is a
//! layout of its own: a one-line banner over both trees at full height (and the shell
//! pane under them, while it is open, with the task's panel under that).
//!
//! `--ascii` draws only ASCII: the glyphs come from `app.symbols`, and every text that may
//! hold an arrow, an ellipsis or a bullet goes through `Symbols::spell` before it is
//! measured.

pub mod big;
pub mod code;
pub mod figure;
pub mod help;
pub mod lesson;
pub mod markdown;
pub mod question;
pub mod shell;
pub mod status;
pub mod talk;
pub mod task;
pub mod theme;
pub mod track;
pub mod tree;
pub mod wrap;

use crate::app::{App, Geometry, Pane, PaneGeometry};
use crate::words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use theme::Theme;
use unicode_width::UnicodeWidthStr;

/// Below this the panes make no sense; one line asks for more room instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width on, the trees stand side by side next to the lesson.
const WIDE: u16 = 120;

/// Where each pane goes; an empty rectangle means "not shown".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Areas {
    pub lesson: Rect,
    pub live: Rect,
    pub code: Rect,
    pub host: Rect,
    pub ns: Rect,
    pub status: Rect,
    /// The shell pane, while it is open.
    pub shell: Rect,
    /// The task panel, at a step with a task.
    pub task: Rect,
    /// Stage mode's one-line banner.
    pub banner: Rect,
}

pub fn theme_of(app: &App) -> Theme {
    Theme::pick(app.theme, app.no_color)
}

/// The layout of `area`, and the live box's lines wrapped to its width (its height
/// depends on them, so they are wrapped here, once).
fn layout(app: &App, area: Rect, live: &[Line<'static>]) -> (Areas, Vec<Line<'static>>) {
    let (w, h) = (area.width, area.height);
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return (Areas::default(), Vec::new());
    }
    let [body, status] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let mut out = Areas {
        status,
        ..Areas::default()
    };
    if app.talk {
        return talk::layout(app, body, out, live);
    }
    if app.zoom {
        let wrapped = zoomed(app, body, &mut out, live);
        return (out, wrapped);
    }
    if app.shell.is_some() {
        return shell::layout(app, body, status, live);
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
    let task_h = task::height(app, left.width, body.height / 3);
    // Short screens give the code's rows to the lesson (and to the task), and so does a
    // step the program has no lines for; `2` (or `Tab` + `z`) still shows the code.
    let code_h = if body.height < 20
        || (task_h > 0 && body.height < 30)
        || crate::lesson::code_lines_for(app.step).is_empty()
    {
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
    let wrapped = wrap::wrap(live, left.width.saturating_sub(2));
    let live_h = live_height(wrapped.len(), live_max);
    [out.lesson, out.live, out.task, out.code] = left.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(live_h),
        Constraint::Length(task_h),
        Constraint::Length(code_h),
    ]));
    out.host = host;
    out.ns = ns;
    (out, wrapped)
}

/// The focused pane alone in `body` (the lesson keeps its live box under it); returns the
/// live box's lines wrapped to its width.
fn zoomed(app: &App, body: Rect, out: &mut Areas, live: &[Line<'static>]) -> Vec<Line<'static>> {
    let mut wrapped = Vec::new();
    match app.focus {
        // The lesson, with its live box and its task in full (what their own places cut).
        Pane::Lesson => {
            wrapped = wrap::wrap(live, body.width.saturating_sub(2));
            let live_h = live_height(wrapped.len(), body.height / 3);
            let task_h = task::height(app, body.width, body.height / 2);
            [out.lesson, out.live, out.task] = body.layout(&Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(live_h),
                Constraint::Length(task_h),
            ]));
        }
        Pane::Code => out.code = body,
        Pane::Host => out.host = body,
        Pane::Ns => out.ns = body,
    }
    wrapped
}

/// Rows the live box takes for `rows` rows of text, borders included, at most `max` (at
/// least 3).
fn live_height(rows: usize, max: u16) -> u16 {
    (rows.min(usize::from(u16::MAX - 2)) as u16 + 2)
        .min(max.max(3))
        .max(3)
}

/// Draws the whole screen; returns where everything went and how it was scrolled.
pub fn draw(frame: &mut Frame, app: &App) -> Geometry {
    let area = frame.area();
    let theme = theme_of(app);
    let mut geometry = Geometry {
        drawn: true,
        ..Geometry::default()
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, app, &theme);
        return geometry;
    }
    let (areas, live) = layout(app, area, &lesson::live_lines(app, &theme));
    geometry.live = areas.live;
    let text = lesson::draw(frame, areas.lesson, areas.live, live, app, &theme);
    geometry.set(Pane::Lesson, text);
    geometry.set(Pane::Code, code::draw(frame, areas.code, app, &theme));
    let host = tree::draw(frame, areas.host, app, tree::Side::Host, &theme);
    geometry.set(Pane::Host, host);
    let ns = if app.shows_figure() {
        figure::draw(frame, areas.ns, app, &theme)
    } else {
        tree::draw(frame, areas.ns, app, tree::Side::Ns, &theme)
    };
    geometry.set(Pane::Ns, ns);
    geometry.shell = areas.shell;
    geometry.shell_term = shell::draw(frame, areas.shell, app, &theme);
    task::draw(frame, areas.task, app, &theme);
    talk::draw_banner(frame, areas.banner, app, &theme);
    // The shell pane may leave the lesson no room: then the bar says how to bring it up.
    let lesson_hidden = app.shell.is_some() && !app.talk && !app.zoom && areas.lesson.is_empty();
    status::draw(frame, areas.status, app, &theme, lesson_hidden);
    // A question goes over the panes (in talk mode, over all below the banner); the help,
    // opened over a question, over that.
    if app.talk {
        let below = areas.banner.bottom();
        let stage = Rect {
            y: below,
            height: areas.status.y.saturating_sub(below),
            ..area
        };
        geometry.question = question::draw_in_talk(frame, stage, app, &theme);
    } else {
        geometry.question = question::draw_overlay(frame, area, app, &theme);
    }
    geometry.help_max = help::draw_overlay(frame, area, app, &theme);
    geometry
}

fn too_small(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let text = wrap::fit(
        words::panes::TOO_SMALL.get(app.lang),
        usize::from(area.width),
        app.symbols,
    );
    let width = (text.width() as u16).min(area.width);
    let x = area.x + (area.width - width) / 2;
    let y = area.y + area.height / 2;
    let line = Rect::new(x, y, width, 1.min(area.height));
    frame.render_widget(Paragraph::new(text).style(theme.warn), line);
}

/// A pane's frame: rounded (or ASCII) borders, highlighted when focused.
pub fn pane_block<'a>(app: &App, pane: Option<Pane>, title: Line<'a>, theme: &Theme) -> Block<'a> {
    let focused = pane.is_some_and(|p| p == app.focus) && !app.shell_focused();
    let style: Style = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    let set = if focused {
        app.symbols.border_focused
    } else {
        app.symbols.border
    };
    Block::default()
        .borders(Borders::ALL)
        .border_set(set)
        .border_style(style)
        .title(title)
}

/// A pane drawn with `lines` rows of content, `rows` of them visible: the offset the app
/// asked for (or else `auto`), clamped, and the largest useful offset.
pub fn scrolled(
    area: Rect,
    app: &App,
    pane: Pane,
    auto: u16,
    lines: usize,
    rows: u16,
) -> PaneGeometry {
    let max = (lines.min(usize::from(u16::MAX)) as u16).saturating_sub(rows);
    PaneGeometry {
        area,
        rows,
        offset: app.scroll_of(pane).unwrap_or(auto).min(max),
        max,
    }
}
