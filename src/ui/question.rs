//! A question on screen (`App::question`): a box with the prompt, the numbered choices
//! (the one the arrows are on highlighted; once a quiz question is answered, the right one
//! marked), what the answer means, and the keys. The normal layout draws it over the
//! panes; talk mode draws the same view roomier over the trees, for an audience to read
//! from the back of the room (`Look::Stage`). Also the lines the live box adds: the
//! verdict on a prediction, next to the live value, and at the summary the offer of the
//! quiz.
//!
//! A question is an overlay, so the lesson column keeps its room: the place for a task
//! panel (issue 11, item 2) is under the live box, and the live box's verdict needs none.

use super::theme::Theme;
use super::wrap;
use crate::app::{App, QuestionView};
use crate::symbols::Symbols;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// How a question is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// Over the panes, as compact as reads well.
    Normal,
    /// In talk mode: wider, each choice on its own with a blank line around it, its number
    /// on a key-coloured chip (falls back to `Normal` where that would not fit).
    Stage,
}

impl Look {
    /// The widest the box gets: for the normal look, long enough for a prompt in two or
    /// three lines; in talk mode, the width of a projector's line.
    fn max_width(self) -> u16 {
        match self {
            Look::Normal => 76,
            Look::Stage => 96,
        }
    }
}

/// `✓`/`✗`/`·`, or their ASCII stand-ins.
fn glyph(correct: Option<bool>, symbols: &Symbols) -> &'static str {
    match correct {
        Some(true) => symbols.right,
        Some(false) => symbols.wrong,
        None => symbols.unanswered,
    }
}

fn text(app: &App, s: &str) -> String {
    app.symbols.spell_keys(s)
}

/// The question's lines for a box `width` columns wide inside.
pub fn lines(
    view: &QuestionView,
    app: &App,
    theme: &Theme,
    width: u16,
    look: Look,
) -> Vec<Line<'static>> {
    let roomy = look == Look::Stage;
    let mut out = vec![Line::default()];
    let wrapped = |line: Line<'static>| wrap::wrap(&[line], width);
    out.extend(wrapped(Line::styled(text(app, &view.prompt), theme.bold)));
    if !view.choices.is_empty() {
        out.push(Line::default());
    }
    // Choices hang under their number: "▸ 1  text", continued five columns in (seven in
    // talk mode). The column before the number shows the choice the arrows are on (`▸`, and
    // the whole choice highlighted: not colour alone), and once answered, the right
    // answer (and a wrong one given).
    let indent = if roomy { 7u16 } else { 5u16 };
    let right = glyph(Some(true), app.symbols);
    for (i, choice) in view.choices.iter().enumerate() {
        if roomy && i > 0 {
            out.push(Line::default());
        }
        let chosen = view.chosen == Some(i);
        let (mark, mark_style) = match view.answer.as_ref() {
            Some(a) if a.right == i => (right, theme.ok),
            Some(a) if !a.correct && chosen => (glyph(Some(false), app.symbols), theme.warn),
            Some(_) => (" ", theme.text),
            None if chosen => (app.symbols.pointer, theme.flash),
            None => (" ", theme.text),
        };
        // The style goes on the span: `wrap` keeps a span's style, not a line's.
        let style = if chosen { theme.flash } else { theme.text };
        let body = wrap::wrap(
            &[Line::from(Span::styled(text(app, choice), style))],
            width.saturating_sub(indent + 1),
        );
        for (row, line) in body.into_iter().enumerate() {
            let lead = if row == 0 {
                let chip = if roomy {
                    format!("  {}  ", i + 1)
                } else {
                    format!(" {} ", i + 1)
                };
                vec![
                    Span::styled(mark.to_string(), mark_style),
                    Span::styled(chip, theme.status_key),
                    Span::raw(" "),
                ]
            } else {
                vec![Span::raw(" ".repeat(usize::from(indent)))]
            };
            out.push(Line::from([lead, line.spans].concat()));
        }
    }
    if let Some(answer) = &view.answer {
        out.push(Line::default());
        let style = if answer.correct { theme.ok } else { theme.warn };
        out.extend(wrapped(Line::styled(text(app, &answer.said), style)));
        if let Some(retry) = &answer.retry {
            out.extend(wrapped(Line::styled(text(app, retry), theme.dim)));
        }
        out.extend(wrapped(Line::styled(text(app, &answer.why), theme.text)));
    }
    for note in &view.notes {
        out.push(Line::default());
        out.extend(wrapped(Line::styled(text(app, note), theme.text)));
    }
    out.push(Line::default());
    if app.show_keys {
        out.extend(wrapped(Line::styled(text(app, &view.keys), theme.hint)));
    }
    out
}

/// Draws the open question over `area` (the whole screen), if there is one; in talk
/// mode the talk's layout draws it (`draw_in_talk`). Returns where the box went (empty: nowhere).
pub fn draw_overlay(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> Rect {
    if app.talk {
        return Rect::default();
    }
    draw(frame, area, app, theme, Look::Normal)
}

/// Draws the open question roomy over `area` (the talk's trees), if there is one.
pub fn draw_in_talk(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> Rect {
    draw(frame, area, app, theme, Look::Stage)
}

/// The open question in a box centred in `area`, if there is one and room for it.
fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, look: Look) -> Rect {
    let Some(view) = app.question() else {
        return Rect::default();
    };
    let width = area.width.saturating_sub(4).min(look.max_width());
    if width < 20 || area.height < 5 {
        return Rect::default();
    }
    // Inside: borders, and a column of room either side.
    let inner = width.saturating_sub(4);
    let mut lines = lines(&view, app, theme, inner, look);
    if look == Look::Stage && lines.len() + 2 > usize::from(area.height) {
        lines = self::lines(&view, app, theme, inner, Look::Normal);
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let [row] = area.layout(&Layout::vertical([Constraint::Length(height)]).flex(Flex::Center));
    let [rect] = row.layout(&Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center));
    // One more column either side: a wide character under the edge would spill over.
    let margin = Rect {
        x: rect.x.saturating_sub(1),
        width: rect.width + 2,
        ..rect
    };
    frame.render_widget(Clear, margin.intersection(area));
    let title = Line::styled(format!(" {} ", text(app, &view.title)), theme.title);
    let block = super::pane_block(app, None, title, theme).border_style(theme.border_focused);
    let inside = block.inner(rect);
    frame.render_widget(block.style(theme.overlay), rect);
    let padded = Rect {
        x: inside.x + 1,
        width: inside.width.saturating_sub(2),
        ..inside
    };
    frame.render_widget(Paragraph::new(lines).style(theme.overlay), padded);
    rect
}

/// The verdict on the prediction made before this step, for the top of the live box:
/// right or not, then the live value that decided it.
pub fn verdict_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let Some(verdict) = app.verdict() else {
        return Vec::new();
    };
    let style = match verdict.correct {
        Some(true) => theme.ok,
        Some(false) => theme.warn,
        None => theme.dim,
    };
    let mut out = vec![Line::from(vec![
        Span::styled(format!("{} ", glyph(verdict.correct, app.symbols)), style),
        Span::styled(text(app, &verdict.said), style),
    ])];
    if let Some(live) = verdict.live {
        out.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(text(app, &live), theme.live_fact),
        ]));
    }
    if let Some(retry) = verdict.retry {
        out.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(text(app, &retry), theme.dim),
        ]));
    }
    out
}

/// At the summary, once its scan has run: how to take the quiz.
pub fn offer_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    app.quiz_offer()
        .map(|offer| vec![Line::styled(text(app, &offer), theme.hint)])
        .unwrap_or_default()
}
