//! The lesson pane (the step's title and text, scrollable) and, under it, the live box:
//! what the step is about to do ("press Enter") or what it just observed (the lesson's
//! `live:` sentences filled in with facts from the kernel).

use super::markdown;
use super::theme::Theme;
use crate::app::{App, Busy, Notice, Pane, PaneGeometry};
use crate::lesson::{self, Block, Step, text};
use crate::words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The step's text, styled and wrapped to `width` (without its "Live:" paragraph, which
/// the live box shows).
pub fn text_lines(app: &App, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let Some(step) = app.lesson().step(app.step) else {
        return Vec::new();
    };
    let (kept, _) = text::split_live(step.blocks_shown(app.revealed()));
    // The first step opens with the lesson's introduction: how the tutor works, for
    // someone who has not read the README.
    let mut blocks: Vec<&Block> = Vec::new();
    if app.step == Step::first() {
        blocks.extend(&app.lesson().intro_blocks);
    }
    blocks.extend(kept);
    markdown::render(&blocks, theme, app.symbols, width)
}

/// The step's title as shown now (the one for guessing, until a step that asks has run).
fn title_text(app: &App) -> String {
    let title = app
        .lesson()
        .step(app.step)
        .map_or(app.step.to_string(), |s| {
            s.title_shown(app.revealed()).to_string()
        });
    app.symbols.spell(&title)
}

/// Columns the border leaves the title beside the step counter.
fn title_room(app: &App, width: u16) -> usize {
    // Borders, spaces around, the counter and the gap after it.
    let counter = format!("{}/{}", app.step.number(), Step::COUNT);
    usize::from(width).saturating_sub(counter.len() + 6)
}

/// The pane's title: step counter and the step's title, cut with an ellipsis (by display
/// width, so Korean is never split) when the pane is narrower than the title; the text
/// then opens with the whole title.
fn title(app: &App, theme: &Theme, width: u16) -> Line<'static> {
    let counter = format!("{}/{}", app.step.number(), Step::COUNT);
    let title = super::wrap::fit(&title_text(app), title_room(app, width), app.symbols);
    Line::from(vec![
        Span::raw(" "),
        Span::styled(counter, theme.title),
        Span::raw("  "),
        Span::styled(title, theme.bold),
        Span::raw(" "),
    ])
}

/// The live box's lines (ASCII only under `--ascii`).
pub fn live_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    app.symbols.spell_lines(live_lines_as_said(app, theme))
}

fn live_lines_as_said(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let step = app.lesson().step(app.step);
    // A failure is shown where the result would have been, in full.
    if let Some(Notice::Error(error)) = &app.notice {
        return vec![
            Line::styled(error.clone(), theme.warn),
            Line::styled(words::panes::RERUN_HINT.get(app.lang), theme.dim),
        ];
    }
    match app.busy {
        Some(Busy::Preparing) => {
            return vec![Line::styled(
                words::panes::PREPARING.get(app.lang),
                theme.dim,
            )];
        }
        Some(Busy::Running) => {
            return vec![Line::styled(
                words::panes::RUNNING.get(app.lang),
                theme.hint,
            )];
        }
        None => {}
    }
    // The observation belongs to "after": while "before" is shown it would tell the end.
    if app.showing_before() {
        return vec![
            Line::styled(words::tree::BEFORE.get(app.lang), theme.flash),
            Line::styled(words::tree::BEFORE_LIVE.get(app.lang), theme.text),
        ];
    }
    match (&app.observed, step) {
        (Some(observation), Some(step)) if observation.step() == step.step => {
            let label = if app.is_recorded() {
                words::panes::OBSERVED_RECORDED.get(app.lang)
            } else {
                words::panes::OBSERVED.get(app.lang)
            };
            let mut lines = vec![Line::styled(label.to_string(), theme.live_label)];
            // The prediction's verdict first: the moment the guess meets the kernel.
            lines.extend(super::question::verdict_lines(app, theme));
            let facts = observation.facts.to_json();
            // A sentence about a fact observed as null does not apply to this run.
            for text in step.live.iter().filter_map(|t| lesson::fill(t, &facts)) {
                lines.push(Line::from(vec![
                    Span::styled(format!("{} ", app.symbols.pointer), theme.live_label),
                    Span::styled(text, theme.live_fact),
                ]));
            }
            lines.extend(super::question::offer_lines(app, theme));
            lines
        }
        (_, step) => {
            let about = step.and_then(|s| text::split_live(&s.blocks).1);
            let mut spans = Vec::new();
            if app.show_keys {
                spans.extend([
                    Span::styled(words::panes::ENTER_HINT.get(app.lang), theme.hint),
                    Span::raw(" "),
                ]);
            }
            if let Some(about) = about {
                spans.extend(markdown::spans(&about, theme));
            }
            vec![Line::from(spans)]
        }
    }
}

/// Draws the step's text in `text_area` and the live box's `live` lines (already wrapped
/// to its width) in `live_area`; returns how the text was scrolled. Lines the live box has
/// no room for follow the text (scrolling reaches them), and its border says so.
pub fn draw(
    frame: &mut Frame,
    text_area: Rect,
    live_area: Rect,
    live: Vec<Line<'static>>,
    app: &App,
    theme: &Theme,
) -> PaneGeometry {
    let mut geometry = PaneGeometry {
        area: text_area,
        ..PaneGeometry::default()
    };
    let live_rows = usize::from(live_area.height.saturating_sub(2));
    let live_cut = live_area.height > 0 && live.len() > live_rows;
    if text_area.width > 0 && text_area.height > 0 {
        let width = text_area.width.saturating_sub(2);
        let rows = text_area.height.saturating_sub(2);
        let mut lines = text_lines(app, theme, width);
        // A title the border cuts is there whole, on top of the text.
        let whole = title_text(app);
        if whole.width() > title_room(app, text_area.width) {
            let mut top = super::wrap::wrap(&[Line::styled(whole, theme.bold)], width);
            top.push(Line::default());
            lines.splice(0..0, top);
        }
        if live_cut {
            let label = Line::styled(words::panes::LIVE_REST.get(app.lang), theme.live_label);
            lines.push(Line::default());
            lines.extend(super::wrap::wrap(&[label], width));
            lines.extend(super::wrap::wrap(&live[live_rows..], width));
        }
        geometry = super::scrolled(text_area, app, Pane::Lesson, 0, lines.len(), rows);
        let title = title(app, theme, text_area.width);
        let mut block = super::pane_block(app, Some(Pane::Lesson), title, theme);
        if geometry.offset < geometry.max {
            let more = format!(" {} ", app.symbols.more_below);
            block = block.title_bottom(Line::styled(more, theme.hint).right_aligned());
        }
        let text = Paragraph::new(lines)
            .block(block)
            .scroll((geometry.offset, 0));
        frame.render_widget(text, text_area);
    }
    if live_area.width > 0 && live_area.height > 0 {
        let label = if app.is_recorded() {
            words::panes::RECORDED_TITLE.get(app.lang)
        } else {
            words::panes::LIVE_TITLE.get(app.lang)
        };
        let title = Line::styled(format!(" {label} "), theme.live_label);
        let mut block = super::pane_block(app, None, title, theme);
        if live_cut {
            let more = app.symbols.spell(words::panes::LIVE_MORE.get(app.lang));
            block =
                block.title_bottom(Line::styled(format!(" {more} "), theme.hint).right_aligned());
        }
        let live = Paragraph::new(live).block(block);
        frame.render_widget(live, live_area);
    }
    geometry
}
