//! The status bar: where the facts come from (live mode, or the recording's label), the
//! hostname inside, the language, what is going on, and the keys that matter now.

use super::theme::Theme;
use crate::app::{App, Busy, Notice};
use crate::source::Source;
use crate::words::Words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn line(app: &App, theme: &Theme) -> Line<'static> {
    let words = Words::of(app.lang);
    let bar = if app.ascii { "|" } else { "│" };
    let mut spans = match &app.source {
        Source::Live(mode) => vec![Span::styled(format!(" LIVE {mode} "), theme.status_mode)],
        Source::Recorded(header) => {
            // Narrow screens keep "RECORDED on <kernel>, <date>" and drop the mode.
            let label = if app.size.0 < 120 {
                header.short_label()
            } else {
                header.label()
            };
            vec![Span::styled(format!(" {label} "), theme.status_recorded)]
        }
    };
    if let Some(hostname) = &app.views.hostname {
        spans.push(Span::styled(
            format!(" {} {hostname} ", words.inside),
            theme.status,
        ));
    }
    spans.push(Span::styled(
        format!("{bar} {} ", app.lang.code()),
        theme.status,
    ));
    match app.busy {
        Some(Busy::Preparing) => spans.push(Span::styled(
            format!("{bar} {} ", words.busy_preparing),
            theme.status,
        )),
        Some(Busy::Running) => spans.push(Span::styled(
            format!("{bar} {} ", words.busy_running),
            theme.status,
        )),
        _ => {}
    }
    if app.shell_focused() {
        let keys = if app.ascii {
            super::ascii_arrows(words.shell.status)
        } else {
            words.shell.status.to_string()
        };
        spans.push(Span::styled(format!("{bar} {keys} "), theme.status_key));
        return Line::from(spans);
    }
    if let Some(typed) = &app.goto {
        spans.push(Span::styled(
            format!("{bar} {}{typed}_", Words::numbered(words.goto_prompt)),
            theme.status_key,
        ));
        return Line::from(spans);
    }
    match &app.notice {
        Some(Notice::Error(text)) => spans.push(Span::styled(format!(" {text} "), theme.error)),
        Some(Notice::Info(text)) => {
            spans.push(Span::styled(format!("{bar} {text} "), theme.status_key))
        }
        None => {
            spans.push(Span::styled(bar, theme.status));
            // The keys that matter now (the shell only while there is a namespace), help
            // and quit early so that a narrow screen still shows them.
            let lab = app.views.agent.is_some() && !app.is_recorded();
            let keys = [
                (
                    if app.ascii { "<-/->" } else { "←/→" },
                    words.key_step,
                    true,
                ),
                ("Enter", words.key_run, app.busy.is_none()),
                ("?", words.key_help, true),
                ("q", words.key_quit, true),
                ("s", words.key_shell, lab),
                ("z", words.key_zoom, true),
            ];
            for (key, what, _) in keys.into_iter().filter(|k| k.2) {
                spans.push(Span::styled(format!(" {key}"), theme.status_key));
                spans.push(Span::styled(format!(" {what} "), theme.status));
            }
        }
    }
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    // Cut with an ellipsis, not mid-word, when the bar is wider than the screen.
    let mut line = super::wrap::fit_line(line(app, theme), usize::from(area.width), app.ascii);
    // Where the learner stands, only where it fits whole (never at the keys' cost).
    super::track::append(&mut line, app, theme, usize::from(area.width));
    frame.render_widget(Paragraph::new(line).style(theme.status), area);
}
