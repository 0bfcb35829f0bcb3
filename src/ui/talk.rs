//! Talk mode (`--stage`, `S`), for a talk: a one-line banner (the step's number and title, the room's
//! verdict on its guess, and what was just observed) over both trees at full height; the
//! lesson and the code are hidden (`t` brings the lesson up; digits never zoom in talk mode).
//! A question (a prediction before a reveal, the quiz) is drawn roomy over the trees, for
//! the audience to think about (`question::draw_in_talk`).
//!
//! The layout is a function of its own: the shell pane, while open, takes the place of
//! the lower half of the inside tree (the host's tree beside it, the step's task under
//! that), so a shell typed in live fits the talk's screen at 100x30; on a screen too narrow for
//! that, it takes the lower part of the trees' room at full width.

use super::theme::Theme;
use super::{Areas, lesson, wrap};
use crate::app::{App, Busy, Notice};
use crate::i18n::say;
use crate::lesson::Step;
use crate::quiz::text::tui as vote;
use crate::words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The talk's layout of `body` (the screen above the status bar): the banner, then
/// both trees side by side, or the zoomed pane. Returns the areas and the live box's
/// lines wrapped to its width (only a zoomed lesson has one).
pub(super) fn layout(
    app: &App,
    body: Rect,
    mut out: Areas,
    live: &[Line<'static>],
) -> (Areas, Vec<Line<'static>>) {
    let [banner, rest] = body.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    out.banner = banner;
    if app.zoom {
        let wrapped = super::zoomed(app, rest, &mut out, live);
        return (out, wrapped);
    }
    if app.shell.is_some() {
        shell_layout(app, rest, &mut out);
        return (out, Vec::new());
    }
    [out.host, out.ns] = trees(rest);
    (out, Vec::new())
}

/// The shell's least pane: its terminal's least size, borders and first line.
const SHELL_MIN: (u16, u16) = (super::shell::MIN_TERM.0 + 2, super::shell::MIN_TERM.1 + 3);

/// With the shell open: the shell where the inside tree's lower part was, right under
/// what it changes, when half the width holds it; else under both trees at full width.
/// The step's task takes at most a third of the host tree's column.
fn shell_layout(app: &App, rest: Rect, out: &mut Areas) {
    let [left, right] = trees(rest);
    if right.width >= SHELL_MIN.0 {
        let shell_h = (right.height * 3 / 5).max(SHELL_MIN.1).min(right.height);
        [out.ns, out.shell] = right.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(shell_h),
        ]));
        let task_h = super::task::height(app, left.width, left.height / 3);
        [out.host, out.task] = left.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(task_h),
        ]));
        return;
    }
    let shell_h = (rest.height / 2).max(SHELL_MIN.1).min(rest.height);
    let [trees_row, shell] = rest.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(shell_h),
    ]));
    [out.host, out.ns] = trees(trees_row);
    out.shell = shell;
}

/// The two trees side by side in `area`.
fn trees(area: Rect) -> [Rect; 2] {
    area.layout(&Layout::horizontal([Constraint::Percentage(50); 2]))
}

/// What the banner says after the title in `room` columns: what the step observed, or
/// what to do.
fn observation(app: &App, room: usize) -> String {
    if let Some(Notice::Error(error)) = &app.notice {
        return error.clone();
    }
    match app.busy {
        Some(Busy::Preparing) => return words::panes::PREPARING.get(app.lang).to_string(),
        Some(Busy::Running) => return words::panes::RUNNING.get(app.lang).to_string(),
        None => {}
    }
    if app.showing_before() {
        return words::tree::BEFORE_LIVE.get(app.lang).to_string();
    }
    // While the room is guessing, nothing about the run: its description would give the
    // answer away, and Enter chooses now.
    if let Some(question) = app.question().filter(|q| !q.choices.is_empty()) {
        let n = question.choices.len().to_string();
        return say(vote::ON_STAGE_VOTE, app.lang, &[("n", n)]);
    }
    if let Some(verdict) = verdict(app) {
        return verdict;
    }
    let live: Vec<String> = lesson::live_lines(app, &super::theme_of(app))
        .iter()
        .map(Line::to_string)
        .collect();
    match &app.observed {
        // The label line ("Observed just now:") is the live box's; the banner says the
        // sentences themselves, as many whole ones as fit.
        Some(o) if o.step() == app.step => {
            let sentences: Vec<String> = live
                .iter()
                .skip(1)
                .map(|s| s.trim_start_matches(['▸', '>', ' ']).to_string())
                .collect();
            // Whole sentences that fit, in order; when none does, the first, cut.
            let mut said = String::new();
            for sentence in &sentences {
                let more = if said.is_empty() {
                    sentence.clone()
                } else {
                    format!("{said}   {sentence}")
                };
                if more.width() <= room {
                    said = more;
                }
            }
            if said.is_empty() {
                said = sentences.first().cloned().unwrap_or_default();
            }
            said
        }
        _ => live.join(" "),
    }
}

/// The room's guess against the run, short enough for the banner: `✗ You said 1); the
/// answer: 3).`, then the fact that decides it (`Live: ps -e listed 106 processes.`).
fn verdict(app: &App) -> Option<String> {
    let view = app.verdict()?;
    let (Some(correct), Some(right)) = (view.correct, view.right) else {
        return Some(view.said);
    };
    let choice = format!("{})", view.chosen + 1);
    let said = if correct {
        say(words::talk::VERDICT_RIGHT, app.lang, &[("choice", choice)])
    } else {
        let right = format!("{})", right + 1);
        let vars = [("choice", choice), ("right", right)];
        say(words::talk::VERDICT_WRONG, app.lang, &vars)
    };
    Some(match view.live {
        Some(live) => format!("{said}   {live}"),
        None => said,
    })
}

/// The banner: `9/11  Orphans go to the namespace's PID 1  │  The orphan 4 had parent 3;
/// now it has 1.`, cut to the width with an ellipsis (the title gives way first).
pub fn banner_line(app: &App, theme: &Theme, width: u16) -> Line<'static> {
    let width = usize::from(width);
    let title = app
        .lesson()
        .step(app.step)
        .map_or(app.step.to_string(), |s| {
            s.title_shown(app.revealed()).to_string()
        });
    let counter = format!(" {}/{} ", app.step.number(), Step::COUNT);
    let bar = format!(" {} ", app.symbols.bar);
    // The title takes at most 40% of the line when there is something to say, a quarter
    // when it is the room's verdict (the verdict and its fact come first).
    let title_room = if app.verdict().is_some() {
        width / 4
    } else {
        width * 2 / 5
    };
    let title_room = title_room.max(12);
    let title = wrap::fit(&app.symbols.spell(&title), title_room, app.symbols);
    let room = width.saturating_sub(counter.width() + 1 + title.width() + bar.width());
    let said = app.symbols.spell(&observation(app, room));
    let said_style = if app.showing_before() {
        theme.warn
    } else {
        theme.live_fact
    };
    let line = Line::from(vec![
        Span::styled(counter, theme.status_mode),
        Span::raw(" "),
        Span::styled(title, theme.title),
        Span::styled(bar, theme.dim),
        Span::styled(said, said_style),
    ]);
    wrap::fit_line(line, width, app.symbols)
}

pub fn draw_banner(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    frame.render_widget(Paragraph::new(banner_line(app, theme, area.width)), area);
}
