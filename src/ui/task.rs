//! The task panel: the step's hands-on task under the shell pane (or, with the pane
//! closed, between the live box and the code): what to do, whether it has passed (a
//! mark and a word in the title, never colour alone), the hint or solution asked for,
//! and the one-line prompt for a typed answer. Drawn from `App::task`; live only.

use super::theme::Theme;
use super::wrap;
use crate::app::App;
use crate::app::task::{Phase, Stop, TaskView};
use crate::i18n::say;
use crate::symbols::Symbols;
use crate::tasks::text;
use crate::words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The rows the panel wants at `width` columns (borders included), at most `max`; 0 when
/// there is no task (or no room for one line of it).
pub fn height(app: &App, width: u16, max: u16) -> u16 {
    let Some(view) = shown(app) else {
        return 0;
    };
    if max < 3 || width < 12 {
        return 0;
    }
    let theme = super::theme_of(app);
    let (sections, foot) = lines(app, view, &theme, width.saturating_sub(2));
    let rows: usize = sections.iter().map(|s| s.lines.len()).sum::<usize>() + foot.len();
    (rows.min(usize::from(u16::MAX - 2)) as u16 + 2).min(max)
}

/// Draws the panel into `area` (nothing when it is empty).
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(view) = shown(app) else {
        return;
    };
    if area.width < 3 || area.height < 3 {
        return;
    }
    let mut block = super::pane_block(app, None, title(app, view, theme), theme);
    let inner = block.inner(area);
    let (sections, foot) = lines(app, view, theme, inner.width);
    // The prompt and the keys stay at the bottom; the rest shares what is left. What is
    // cut is there in full under the zoomed lesson, and the border says how to get there.
    let room = usize::from(inner.height).saturating_sub(foot.len());
    let wanted: usize = sections.iter().map(|s| s.lines.len()).sum();
    if wanted > room {
        let more = app.symbols.spell(words::task::MORE.get(app.lang));
        block = block.title_bottom(Line::styled(format!(" {more} "), theme.hint).right_aligned());
    }
    frame.render_widget(block, area);
    let mut shown = fit(sections, room, usize::from(inner.width), app.symbols);
    shown.extend(foot);
    shown.truncate(usize::from(inner.height));
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The task, once it is shown: at a step that asks first, once the guess is made (the
/// task may tell what the run shows; at init-signals it must be done before the run,
/// which ends the lab).
fn shown(app: &App) -> Option<&TaskView> {
    app.task
        .as_ref()
        .filter(|_| app.revealed() || app.learner.was_asked(app.step))
}

/// Part of the panel: its wrapped lines, and how much it matters when rows are short
/// (0 most).
struct Section {
    lines: Vec<Line<'static>>,
    rank: u8,
}

/// The sections in `room` rows: each gets a first row, most important first, then the
/// rest in the same order; a section cut short ends in an ellipsis.
fn fit(sections: Vec<Section>, room: usize, width: usize, symbols: &Symbols) -> Vec<Line<'static>> {
    let mut order: Vec<usize> = (0..sections.len()).collect();
    order.sort_by_key(|&i| sections[i].rank);
    let mut rows = vec![0; sections.len()];
    let mut left = room;
    for first in [true, false] {
        for &i in &order {
            let want = if first {
                sections[i].lines.len().min(1)
            } else {
                sections[i].lines.len() - rows[i]
            };
            let take = want.min(left);
            rows[i] += take;
            left -= take;
        }
    }
    let mut out = Vec::new();
    for (section, rows) in sections.into_iter().zip(rows) {
        let cut = rows < section.lines.len();
        let mut lines: Vec<Line<'static>> = section.lines.into_iter().take(rows).collect();
        if cut && let Some(last) = lines.pop() {
            let style = last.spans.last().map(|s| s.style).unwrap_or_default();
            let mut longer = last;
            let more = format!(" {}", symbols.ellipsis);
            longer.spans.push(Span::styled(more, style));
            lines.push(wrap::fit_line(longer, width.saturating_sub(1), symbols));
        }
        out.extend(lines);
    }
    out
}

/// " task · ✓ passed ": the state as a mark and a word.
fn title(app: &App, view: &TaskView, theme: &Theme) -> Line<'static> {
    let (mark, word, style) = match (&view.phase, view.passed()) {
        (_, true) => (app.symbols.task_done, words::task::PASSED, theme.ok),
        (Phase::Checking, false) => (app.symbols.task_open, words::task::TODO, theme.title),
        (Phase::Stopped(_), false) => (app.symbols.task_open, words::task::WAITING, theme.dim),
    };
    let word = word.get(app.lang);
    let dot = app.symbols.task_dot;
    Line::from(vec![
        Span::styled(
            format!(" {} {dot} ", words::task::TITLE.get(app.lang)),
            theme.title,
        ),
        Span::styled(format!("{mark} {word}"), style),
        Span::raw(" "),
    ])
}

/// The panel's lines wrapped to `width`: what may be cut (the task, its state, hint and
/// solution), and what stays at the bottom (the answer and the keys).
fn lines(
    app: &App,
    view: &TaskView,
    theme: &Theme,
    width: u16,
) -> (Vec<Section>, Vec<Line<'static>>) {
    let lang = app.lang;
    let pick = |tr: crate::i18n::Tr| tr.get(lang);
    let wrapped = |line: Line<'static>, rank: u8| Section {
        lines: wrap::wrap(&spell(app, vec![line]), width),
        rank,
    };
    let mut head = Vec::new();
    let goal = said(pick(text::goal(view.task)), theme.text, theme);
    // Once passed, what was learnt comes first, and the task itself last.
    if view.passed() {
        head.push(wrapped(
            said(pick(text::passed(view.task)), theme.ok, theme),
            0,
        ));
    } else {
        head.push(wrapped(goal.clone(), 2));
    }
    let phase = match &view.phase {
        Phase::Stopped(Stop::NoShell) => {
            Some(said(words::task::NEEDS_SHELL.get(lang), theme.hint, theme))
        }
        Phase::Stopped(Stop::NoLab) => Some(said(words::task::NO_LAB.get(lang), theme.warn, theme)),
        Phase::Stopped(Stop::Failed(why)) => Some(said(
            &say(words::task::FAILED, lang, &[("why", why.clone())]),
            theme.warn,
            theme,
        )),
        Phase::Checking => None,
    };
    head.extend(phase.map(|line| wrapped(line, 0)));
    if let Some(hint) = &view.hint {
        let line = labelled(
            words::task::HINT_LABEL.get(lang),
            &hint.words.text(lang),
            theme.hint,
            theme,
        );
        head.push(wrapped(line, 1));
    }
    if let Some(solution) = view.solution() {
        let line = labelled(
            words::task::SOLUTION_LABEL.get(lang),
            &solution.text(lang),
            theme.hint,
            theme,
        );
        head.push(wrapped(line, 1));
    }
    if view.passed() {
        head.push(wrapped(goal, 3));
    }
    let mut foot = Vec::new();
    let typing = app.modals.answer();
    match (typing, &view.answer) {
        (Some(typed), _) => {
            let prompt = text::prompt(view.task).map(pick).unwrap_or_default();
            foot.push(Line::from(vec![
                Span::styled(prompt.to_string(), theme.status_key),
                Span::styled(format!("{typed}_"), theme.bold),
            ]));
            foot.push(Line::styled(words::task::PROMPT_KEYS.get(lang), theme.dim));
        }
        (None, Some(answer)) => foot.push(Line::from(vec![
            Span::styled(
                format!("{} ", words::task::ANSWER_LABEL.get(lang)),
                theme.dim,
            ),
            Span::styled(answer.clone(), theme.text),
        ])),
        (None, None) => {}
    }
    if typing.is_none() {
        let keys = if view.passed() {
            words::task::KEYS_PASSED.get(lang)
        } else if view.task.takes_answer() {
            words::task::KEYS_ANSWER.get(lang)
        } else {
            words::task::KEYS.get(lang)
        };
        foot.push(Line::styled(keys, theme.dim));
    }
    (head, wrap::wrap(&spell(app, foot), width))
}

/// `lines` with arrows and marks spelled in ASCII, under `--ascii`.
fn spell(app: &App, mut lines: Vec<Line<'static>>) -> Vec<Line<'static>> {
    for span in lines.iter_mut().flat_map(|line| line.spans.iter_mut()) {
        span.content = app.symbols.spell_keys(&span.content).into();
    }
    lines
}

/// `label` then `text`.
fn labelled(label: &str, text: &str, style: Style, theme: &Theme) -> Line<'static> {
    let mut line = said(text, theme.text, theme);
    line.spans
        .insert(0, Span::styled(format!("{label} "), style));
    line
}

/// A sentence of the tasks' text in `style`, its `code` (between backticks) as code.
fn said(text: &str, style: Style, theme: &Theme) -> Line<'static> {
    let spans: Vec<Span<'static>> = text
        .split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| {
            let style = if i % 2 == 1 { theme.code_inline } else { style };
            Span::styled(part.to_string(), style)
        })
        .collect();
    Line::from(spans)
}
