//! The status bar: where the facts come from (live mode, or the recording's label), the
//! step, the hostname inside, the language, where the learner stands (`track`), what is
//! going on, and the keys that matter now. Built by priority for the width it has: `?`
//! and `q` always stay (at the right end, where they are found without looking), then the
//! source and the step; labels shrink to shorter forms, a message is cut with an
//! ellipsis, and the least useful hints and the learner's track go first. Nothing is cut
//! mid-word by the screen's edge.

use super::theme::Theme;
use super::wrap;
use crate::app::{App, Busy, Notice};
use crate::i18n::Tr;
use crate::lesson::Step;
use crate::source::Source;
use crate::words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// One piece of the bar, in its forms from the shortest to the longest.
struct Piece {
    forms: Vec<Vec<Span<'static>>>,
    priority: u8,
    /// A message: it takes whatever room is left, cut with an ellipsis.
    flexible: bool,
}

impl Piece {
    fn new(priority: u8, forms: Vec<Vec<Span<'static>>>) -> Piece {
        Piece {
            forms,
            priority,
            flexible: false,
        }
    }

    fn width(&self, form: usize) -> usize {
        self.forms[form].iter().map(Span::width).sum()
    }
}

/// The smallest room a message is shown in at all.
const MESSAGE_MIN: usize = 12;

fn key(key: &str, what: &str, theme: &Theme) -> Vec<Span<'static>> {
    vec![
        Span::styled(format!(" {key}"), theme.status_key),
        Span::styled(format!(" {what} "), theme.status),
    ]
}

/// The pieces left of the keys that always stay, in the order they are shown;
/// `lesson_hidden`: the shell pane leaves the lesson no room (`1` brings it up).
fn pieces(app: &App, theme: &Theme, lesson_hidden: bool) -> Vec<Piece> {
    let text = |t: &str| app.symbols.spell(t);
    let bar = app.symbols.bar;
    let mut out = Vec::new();
    out.push(match &app.source {
        Source::Live(mode) => Piece::new(
            10,
            vec![
                vec![Span::styled(" LIVE ", theme.status_mode)],
                vec![Span::styled(format!(" LIVE {mode} "), theme.status_mode)],
            ],
        ),
        Source::Recorded(header) => Piece::new(
            10,
            vec![
                vec![Span::styled(" RECORDED ", theme.status_recorded)],
                vec![Span::styled(
                    format!(" {} ", header.short_label()),
                    theme.status_recorded,
                )],
                vec![Span::styled(
                    format!(" {} ", header.label()),
                    theme.status_recorded,
                )],
            ],
        ),
    });
    out.push(Piece::new(
        9,
        vec![vec![Span::styled(
            format!(" {}/{} ", app.step.number(), Step::COUNT),
            theme.status_key,
        )]],
    ));
    if let Some(hostname) = &app.views.hostname {
        out.push(Piece::new(
            2,
            vec![vec![Span::styled(
                format!(" {} {hostname} ", words::tree::INSIDE.get(app.lang)),
                theme.status,
            )]],
        ));
    }
    out.push(Piece::new(
        1,
        vec![vec![Span::styled(
            format!("{bar} {} ", app.lang.code()),
            theme.status,
        )]],
    ));
    // Where the learner stands, as long as it fits: among the first to go.
    out.push(Piece::new(1, super::track::forms(app, theme)));
    let busy = match app.busy {
        Some(Busy::Preparing) => Some(words::status::BUSY_PREPARING.get(app.lang)),
        Some(Busy::Running) => Some(words::status::BUSY_RUNNING.get(app.lang)),
        _ => None,
    };
    if let Some(busy) = busy {
        out.push(Piece::new(
            7,
            vec![vec![Span::styled(
                format!("{bar} {} ", text(busy)),
                theme.status,
            )]],
        ));
    }
    // While the shell pane has the keys, the bar says how to get them back (`?` and `q`
    // go to the shell then).
    if app.shell_focused() {
        let said = if lesson_hidden {
            words::shell::STATUS_LESSON.get(app.lang)
        } else {
            words::shell::STATUS.get(app.lang)
        };
        // Whole parts rather than a cut: the way back first, then what goes to the shell,
        // then how to close it, as they fit.
        let parts: Vec<&str> = said.split(" · ").collect();
        let form = |shown: Vec<&str>| {
            let said = text(&shown.join(" · "));
            vec![Span::styled(format!("{bar} {said} "), theme.status_key)]
        };
        let way_back = if parts.len() > 1 {
            &parts[1..2]
        } else {
            &parts[..]
        };
        let mut forms = vec![form(way_back.to_vec())];
        forms.extend((2..=parts.len()).map(|n| form(parts[..n].to_vec())));
        out.push(Piece::new(8, forms));
        return out;
    }
    let message = if let Some(typed) = app.modals.goto() {
        Some((
            format!(
                "{bar} {}{typed}_ ",
                words::numbered(words::status::GOTO_PROMPT, app.lang)
            ),
            theme.status_key,
        ))
    } else {
        match &app.notice {
            Some(Notice::Error(error)) => Some((format!(" {error} "), theme.error)),
            Some(Notice::Info(info)) => Some((format!("{bar} {info} "), theme.status_key)),
            None => None,
        }
    };
    if let Some((said, style)) = message {
        out.push(Piece {
            forms: vec![vec![Span::styled(text(&said), style)]],
            priority: 8,
            flexible: true,
        });
        return out;
    }
    if !app.show_keys {
        return out;
    }
    // The keys that matter now: the shell only while there is a live namespace, before
    // and after only where a step has both. The first shown opens with a bar.
    let lab = app.views.agent.is_some() && !app.is_recorded();
    let step_keys = app.symbols.step_keys;
    let switch = if app.is_recorded() {
        words::status::KEY_TO_LIVE
    } else {
        words::status::KEY_TO_RECORDED
    };
    let hints: [(&str, Tr, bool, u8); 8] = [
        ("1", words::status::KEY_LESSON, lesson_hidden, 7),
        (step_keys, words::status::KEY_STEP, true, 6),
        ("Enter", words::status::KEY_RUN, app.busy.is_none(), 5),
        ("b", words::status::KEY_MOMENT, app.moments.is_some(), 5),
        ("s", words::status::KEY_SHELL, lab, 4),
        ("S", words::talk::KEY_TALK, true, 3),
        ("R", switch, true, 3),
        ("z", words::status::KEY_ZOOM, !app.talk, 2),
    ];
    let mut first = true;
    for (k, what, shown, priority) in hints {
        if shown {
            let mut spans = key(k, what.get(app.lang), theme);
            if std::mem::take(&mut first) {
                spans.insert(0, Span::styled(bar, theme.status));
            }
            out.push(Piece::new(priority, vec![spans]));
        }
    }
    out
}

/// The bar for `width` columns (`lesson_hidden`: see `pieces`).
pub fn line(app: &App, theme: &Theme, width: u16, lesson_hidden: bool) -> Line<'static> {
    let width = usize::from(width);
    // `?` and `q` are never left out: with their words when there is room, alone if not.
    let help = key("?", words::status::KEY_HELP.get(app.lang), theme);
    let quit = key("q", words::status::KEY_QUIT.get(app.lang), theme);
    let fixed_long: Vec<Span> = help.iter().chain(&quit).cloned().collect();
    let fixed_short = vec![
        Span::styled(" ? ", theme.status_key),
        Span::styled(" q ", theme.status_key),
    ];
    let long_width: usize = fixed_long.iter().map(Span::width).sum();
    let fixed = if app.shell_focused() || !app.show_keys {
        Vec::new()
    } else if long_width + 20 <= width {
        fixed_long
    } else {
        fixed_short
    };
    let fixed_width: usize = fixed.iter().map(Span::width).sum();
    let room = width.saturating_sub(fixed_width);

    let pieces = pieces(app, theme, lesson_hidden);
    let mut by_priority: Vec<usize> = (0..pieces.len()).collect();
    by_priority.sort_by_key(|&i| std::cmp::Reverse(pieces[i].priority));
    // Each piece's form shown (None: left out); first the shortest forms by priority,
    // then the longest that still fit, by priority too.
    let mut form: Vec<Option<usize>> = vec![None; pieces.len()];
    // A message counts as its shortest useful room to be shown at all, and as the whole
    // of itself before any label may grow: what it says comes first.
    let width_with = |form: &[Option<usize>], whole_message: bool| -> usize {
        pieces
            .iter()
            .zip(form)
            .filter_map(|(p, f)| {
                f.map(|f| match (p.flexible, whole_message) {
                    (true, false) => MESSAGE_MIN,
                    (true, true) => p.width(f).max(MESSAGE_MIN),
                    _ => p.width(f),
                })
            })
            .sum()
    };
    let used = |form: &[Option<usize>]| width_with(form, false);
    // A piece less important than the message is shown only beside the whole message.
    let message = pieces
        .iter()
        .filter(|p| p.flexible)
        .map(|p| p.priority)
        .max();
    for &i in &by_priority {
        form[i] = Some(0);
        let whole = message.is_some_and(|m| pieces[i].priority < m);
        if width_with(&form, whole) > room {
            form[i] = None;
        }
    }
    for &i in &by_priority {
        let Some(shown) = form[i] else { continue };
        for longer in (shown + 1..pieces[i].forms.len()).rev() {
            form[i] = Some(longer);
            if width_with(&form, true) <= room {
                break;
            }
            form[i] = Some(shown);
        }
    }
    let mut spans = Vec::new();
    let mut left = room.saturating_sub(used(&form));
    for (piece, f) in pieces.into_iter().zip(&form) {
        let Some(f) = *f else { continue };
        let mut shown = piece.forms.into_iter().nth(f).unwrap_or_default();
        if piece.flexible {
            let line = Line::from(std::mem::take(&mut shown));
            let fitted = wrap::fit_line(line, MESSAGE_MIN + left, app.symbols);
            left = (MESSAGE_MIN + left).saturating_sub(fitted.width());
            shown = fitted.spans;
        }
        spans.extend(shown);
    }
    spans.push(Span::styled(" ".repeat(left), theme.status));
    spans.extend(fixed);
    let line = Line::from(spans);
    // Only a screen narrower than `?` and `q` themselves cuts them.
    wrap::fit_line(line, width, app.symbols)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, lesson_hidden: bool) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let style: Style = theme.status;
    let line = line(app, theme, area.width, lesson_hidden);
    frame.render_widget(Paragraph::new(line).style(style), area);
}
