//! The status bar's progress segment: a mark per step (reached, prediction right or
//! wrong, not yet; the step shown stands out) and the questions answered right out of
//! answered. One segment in a few widths, the shortest first, so whoever builds the bar
//! can take the longest that fits and never push the keys that must stay (`?`, `q`) off
//! the screen.

use super::theme::Theme;
use crate::app::{App, StepMark};
use crate::i18n::Phrase;
use crate::quiz::text::tui;
use crate::symbols::Symbols;
use ratatui::text::Span;

fn mark(mark: StepMark, symbols: &Symbols) -> &'static str {
    match mark {
        StepMark::Todo => symbols.todo,
        StepMark::Visited => symbols.visited,
        StepMark::Right => symbols.right,
        StepMark::Wrong => symbols.wrong,
    }
}

/// The segment's forms, shortest first: the score alone (once something was answered),
/// then the marks with it.
pub fn forms(app: &App, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let track = app.track();
    let bar = app.symbols.bar;
    let score = (track.answered > 0).then(|| {
        let text = Phrase::new(tui::STATUS_RIGHT)
            .with("right", Some(track.right))
            .with("answered", Some(track.answered))
            .text(app.lang);
        Span::styled(format!(" {text} "), theme.status)
    });
    let mut marks = vec![Span::styled(format!("{bar} "), theme.status)];
    for (i, &m) in track.marks.iter().enumerate() {
        let style = if i == track.current {
            theme.status_key
        } else {
            theme.status
        };
        marks.push(Span::styled(mark(m, app.symbols), style));
    }
    let mut out = Vec::new();
    if let Some(score) = &score {
        out.push(vec![Span::styled(bar, theme.status), score.clone()]);
    }
    marks.extend(score.or(Some(Span::styled(" ", theme.status))));
    out.push(marks);
    out
}
