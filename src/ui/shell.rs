//! The shell pane: where it goes (beside the two trees, which keep their width; the
//! lesson shrinks under it or hides), its frame and title, its first line (what to try at
//! this step, or why the shell ended), and the terminal itself, drawn by `tui-term` from
//! the `vt100` screen the pty reader keeps up to date.

use super::theme::Theme;
use super::{Areas, WIDE, live_height, wrap};
use crate::app::{App, ShellEnd, ShellPane, ShellState};
use crate::i18n::{fill_with, say};
use crate::words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use tui_term::widget::{Cursor, PseudoTerminal};

/// The smallest terminal (columns, rows) worth typing in.
pub const MIN_TERM: (u16, u16) = (40, 8);

/// The lesson's least share beside the shell: five lines of its text and the live box's
/// first line, borders included.
const LESSON_MIN: u16 = 7;
const LIVE_MIN: u16 = 3;

/// The layout while the pane is open: the lesson column's place (most of it) for the
/// shell, the trees where they always are; and the live box's lines wrapped to its width.
pub(super) fn layout(
    app: &App,
    body: Rect,
    status: Rect,
    live: &[Line<'static>],
) -> (Areas, Vec<Line<'static>>) {
    let mut out = Areas {
        status,
        ..Areas::default()
    };
    let (left, host, ns);
    if body.width >= WIDE {
        [left, host, ns] = body.layout(&Layout::horizontal([
            Constraint::Percentage(42),
            Constraint::Percentage(29),
            Constraint::Percentage(29),
        ]));
    } else {
        let right;
        [left, right] = body.layout(&Layout::horizontal([
            Constraint::Percentage(55),
            Constraint::Percentage(45),
        ]));
        [host, ns] = right.layout(&Layout::vertical([Constraint::Percentage(50); 2]));
    }
    // The shell's least rows: its terminal's, its borders and what to try (wrapped).
    let shell_least = MIN_TERM.1 + 2 + hint_rows(app, left.width.saturating_sub(2));
    // The lesson keeps its share as long as the shell keeps its least rows and the task
    // (if any) one line; below that it is one key away (`1`, said on the status bar).
    let task_least = if app.task.is_some() { 3 } else { 0 };
    let lesson_least = LESSON_MIN + LIVE_MIN;
    let lesson_h = if left.height >= shell_least + lesson_least + task_least {
        let roomy = left.height.saturating_sub(shell_least + task_least);
        (left.height * 3 / 10)
            .max(lesson_least + 1)
            .min(roomy)
            .max(lesson_least)
    } else {
        0
    };
    // The step's task, under the shell it is done in.
    // Up to two fifths of what the lesson leaves, and never the shell's least rows.
    let below = left.height.saturating_sub(lesson_h);
    let most = (below * 2 / 5).min(below.saturating_sub(shell_least));
    let task_h = super::task::height(app, left.width, most);
    let [shell, task, rest] = left.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(task_h),
        Constraint::Length(lesson_h),
    ]));
    out.task = task;
    let mut wrapped = Vec::new();
    if lesson_h > 0 {
        wrapped = wrap::wrap(live, rest.width.saturating_sub(2));
        let live_max = (rest.height / 2).min(rest.height.saturating_sub(LESSON_MIN));
        let live_h = live_height(wrapped.len(), live_max);
        [out.lesson, out.live] = rest.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(live_h),
        ]));
    }
    out.shell = shell;
    out.host = host;
    out.ns = ns;
    (out, wrapped)
}

/// Inside the borders, below the first lines (`above` rows: what to try, wrapped).
fn term_area(pane: Rect, above: u16) -> Rect {
    let term = Rect::new(
        pane.x.saturating_add(1),
        pane.y.saturating_add(1 + above),
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2 + above),
    );
    if term.width < MIN_TERM.0 || term.height < MIN_TERM.1 {
        Rect::default()
    } else {
        term
    }
}

/// Draws the pane; returns where its terminal's cells went (empty when there are none:
/// closed, or too small to type in), which the pty is then sized to.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> Rect {
    let Some(shell) = app.shell.as_ref() else {
        return Rect::default();
    };
    if area.width < 3 || area.height < 3 {
        return Rect::default();
    }
    let spell = |text: String| app.symbols.spell_keys(&text);
    let parts: Vec<String> = title(app, shell).into_iter().map(spell).collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let room = usize::from(area.width).saturating_sub(4);
    let title = wrap::fit_parts(&parts, " · ", room, app.symbols);
    let mut block = super::pane_block(
        app,
        None,
        Line::styled(format!(" {title} "), theme.title),
        theme,
    );
    if app.shell_focused() {
        block = block
            .border_style(theme.border_focused)
            .border_set(app.symbols.border_focused);
    }
    let emulator = shell.screen.lock();
    let back = emulator.screen().scrollback();
    if back > 0 {
        let text = spell(say(
            words::shell::SCROLLED,
            app.lang,
            &[("n", back.to_string())],
        ));
        block = block.title_bottom(Line::styled(format!(" {text} "), theme.hint));
    }
    frame.render_widget(block, area);
    let inner = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2);
    // What to try wraps (up to `HINT_ROWS` rows, which the layout gives the pane) rather
    // than being cut; only a pane too short to type in cuts it, on one row.
    let (hint, style) = first_line(app, shell);
    let hint = Line::styled(spell(hint), style(theme));
    let mut above = wrap::wrap(std::slice::from_ref(&hint), inner.width);
    let room = area.height.saturating_sub(MIN_TERM.1 + 2);
    if above.len() > usize::from(room.min(HINT_ROWS)) {
        above = vec![wrap::fit_line(hint, usize::from(inner.width), app.symbols)];
    }
    let rows = above.len() as u16;
    let [first, rest] = inner.layout(&Layout::vertical([
        Constraint::Length(rows),
        Constraint::Fill(1),
    ]));
    frame.render_widget(Paragraph::new(above), first);
    let term = term_area(area, rows);
    if term.is_empty() {
        let text = say(
            words::shell::TOO_SMALL,
            app.lang,
            &[
                ("w", (MIN_TERM.0 + 2).to_string()),
                ("h", (MIN_TERM.1 + 3).to_string()),
                ("aw", area.width.to_string()),
                ("ah", area.height.to_string()),
            ],
        );
        let text = Paragraph::new(Line::styled(text, theme.warn)).wrap(Wrap { trim: true });
        frame.render_widget(text, rest);
        return Rect::default();
    }
    let screen = emulator.screen();
    frame.render_widget(
        PseudoTerminal::new(screen).cursor(Cursor::default().visibility(false)),
        term,
    );
    // The real cursor, where the shell has it: it blinks as the learner's terminal does.
    if app.shell_focused() && back == 0 && !screen.hide_cursor() {
        let (row, col) = screen.cursor_position();
        if row < term.height && col < term.width {
            frame.set_cursor_position(Position::new(term.x + col, term.y + row));
        }
    }
    term
}

/// The most rows the pane's first line (what to try) wraps to.
const HINT_ROWS: u16 = 3;

/// The rows the pane's first line takes at `width` columns (at most `HINT_ROWS`).
fn hint_rows(app: &App, width: u16) -> u16 {
    let Some(shell) = app.shell.as_ref() else {
        return 1;
    };
    let (hint, _) = first_line(app, shell);
    let rows = wrap::wrap(&[Line::raw(hint)], width).len();
    (rows.clamp(1, usize::from(HINT_ROWS))) as u16
}

/// The title's parts, most needed first: what the pane is, whose shell (also in the
/// trees), the keys (also on the status bar).
fn title(app: &App, shell: &ShellPane) -> Vec<String> {
    let mut parts = vec![words::shell::TITLE.get(app.lang).to_string()];
    if let ShellState::Running(info) = &shell.state {
        let name = info.program.rsplit('/').next().unwrap_or("shell");
        parts.push(format!("{name} {}({})", info.host_pid, info.ns_pid));
    }
    let keys = if app.shell_focused() {
        words::shell::BACK.get(app.lang)
    } else {
        words::shell::TYPE_HERE.get(app.lang)
    };
    parts.push(keys.to_string());
    parts
}

type StylePick = fn(&Theme) -> ratatui::style::Style;

/// The pane's first line: what to try at this step, or what happened to the shell.
fn first_line(app: &App, shell: &ShellPane) -> (String, StylePick) {
    match &shell.state {
        ShellState::Starting => return (words::shell::STARTING.get(app.lang).into(), |t| t.dim),
        ShellState::Ended(end) => {
            let text = match end {
                ShellEnd::Killed(signal) => {
                    say(words::shell::KILLED, app.lang, &[("n", signal.to_string())])
                }
                ShellEnd::NoLab | ShellEnd::Exited(_) => words::shell::GONE.get(app.lang).into(),
                ShellEnd::Failed(why) => {
                    say(words::shell::FAILED, app.lang, &[("why", why.clone())])
                }
            };
            return (text, |t| t.warn);
        }
        ShellState::Running(_) if shell.restarted => {
            return (words::shell::RESTARTED.get(app.lang).into(), |t| t.warn);
        }
        ShellState::Running(_) => {}
    }
    let step = app.lesson().step(app.step);
    match step.and_then(|s| s.try_shown(app.revealed())) {
        Some(text) => {
            let text = fill_with(text, &[("tutor", app.views.tutor.to_string())]);
            (
                format!("{} {text}", words::shell::TRY_LABEL.get(app.lang)),
                |t| t.hint,
            )
        }
        None => (words::shell::TRY_DEFAULT.get(app.lang).into(), |t| t.dim),
    }
}
