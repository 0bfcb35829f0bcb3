//! The status bar's progress segment: a mark per step (reached, prediction right or
//! wrong, not yet; the step shown stands out) and the questions answered right out of
//! answered. One segment in a few widths, the shortest first, so whoever builds the bar
//! can take the longest that fits and never push the keys that must stay (`?`, `q`) off
//! the screen.

use super::theme::Theme;
use crate::app::{App, StepMark};
use crate::i18n::Phrase;
use crate::quiz::text::tui;
use ratatui::text::Span;

fn mark(mark: StepMark, ascii: bool) -> &'static str {
    match (mark, ascii) {
        (StepMark::Todo, false) => "·",
        (StepMark::Visited, false) => "•",
        (StepMark::Right, false) => "✓",
        (StepMark::Wrong, false) => "✗",
        (StepMark::Todo, true) => ".",
        (StepMark::Visited, true) => "o",
        (StepMark::Right, true) => "+",
        (StepMark::Wrong, true) => "x",
    }
}

/// The segment's forms, shortest first: the score alone (once something was answered),
/// then the marks with it.
pub fn forms(app: &App, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let track = app.track();
    let bar = if app.ascii { "|" } else { "│" };
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
        marks.push(Span::styled(mark(m, app.ascii), style));
    }
    let mut out = Vec::new();
    if let Some(score) = &score {
        out.push(vec![Span::styled(bar, theme.status), score.clone()]);
    }
    marks.extend(score.or(Some(Span::styled(" ", theme.status))));
    out.push(marks);
    out
}
