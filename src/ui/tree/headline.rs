//! The key numbers of a tree pane, big and at its top rather than on a border: how many
//! processes this /proc lists (the host's 82; inside, 82 while it leaks, then 1) and the
//! namespace's PID 1 as the host numbers it. Where the pane is too short for big figures,
//! the first number is one bold line.

use super::Side;
use super::inside::Inside;
use crate::app::App;
use crate::i18n::{Tr, say};
use crate::lang::Lang;
use crate::symbols::Symbols;
use crate::ui::big;
use crate::ui::theme::Theme;
use crate::ui::wrap;
use crate::words::tree as w;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::time::Instant;

/// Panes shorter than this inside get the numbers as a line of text.
const BIG_FROM: u16 = 18;
/// Two big numbers are stacked only from this height on; else the second is a line.
const TWO_BIG_FROM: u16 = 26;
/// Widest a caption beside a big number gets before it wraps.
const CAPTION: usize = 32;

/// One key number and what it counts.
pub struct Stat {
    pub number: u64,
    pub caption: String,
    pub style: Style,
}

/// The key numbers of a pane.
pub fn stats(app: &App, side: Side, inside: Inside, theme: &Theme) -> Vec<Stat> {
    let lang = app.lang;
    let count = |n: usize, one: Tr, many: Tr| if n == 1 { one } else { many }.get(lang).to_string();
    let mut out = Vec::new();
    match side {
        Side::Host => {
            if let Some(host) = &app.views.host {
                out.push(Stat {
                    number: host.total as u64,
                    caption: count(host.total, w::HOST_COUNT_ONE, w::HOST_COUNT),
                    style: theme.bold,
                });
            }
            if let Some(agent) = app.views.agent {
                out.push(Stat {
                    number: agent.max(0) as u64,
                    caption: w::AGENT_PID.get(lang).to_string(),
                    style: theme.member,
                });
            }
        }
        Side::Ns => {
            let Some(ns) = super::inside::snapshot(app, inside) else {
                return out;
            };
            let n = ns.total;
            let (caption, style) = match inside {
                Inside::Leak => (w::LEAK_COUNT.get(lang).to_string(), theme.warn),
                Inside::Numbers => (count(n, w::NSPID_COUNT_ONE, w::NSPID_COUNT), theme.member),
                _ => match app.changes.ns_count {
                    Some((was, now)) if now == n && was != n => {
                        let text = if app.changes.ns_was_host {
                            w::OWN_COUNT_WAS_HOST
                        } else {
                            w::OWN_COUNT_WAS
                        };
                        (say(text, lang, &[("n", was.to_string())]), theme.ok)
                    }
                    _ => (count(n, w::OWN_COUNT_ONE, w::OWN_COUNT), theme.ok),
                },
            };
            let style = if app.count_flashing(Instant::now()) {
                theme.flash
            } else {
                style
            };
            out.push(Stat {
                number: n as u64,
                caption,
                style,
            });
        }
    }
    out
}

/// The headline's lines for a pane `width` wide and `height` tall inside, with a blank
/// line after it when there is one at all.
pub fn lines(
    stats: &[Stat],
    lang: Lang,
    width: u16,
    height: u16,
    symbols: &Symbols,
) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let Some(first) = stats.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let big_fits = |s: &Stat| big::width(s.number) + 1 + 8 <= width;
    if height >= BIG_FROM && big_fits(first) {
        out.extend(big_stat(first, width, symbols));
        for stat in &stats[1..] {
            if height >= TWO_BIG_FROM && big_fits(stat) {
                out.push(Line::default());
                out.extend(big_stat(stat, width, symbols));
            } else {
                out.extend(small(stat, lang, width));
            }
        }
    } else {
        out.extend(small(first, lang, width));
    }
    out.push(Line::default());
    out
}

/// `82 processes in this /proc` (in the language's word order), wrapped to `width`: a
/// narrow pane shows all of it on two lines rather than cut it.
fn small(stat: &Stat, lang: Lang, width: usize) -> Vec<Line<'static>> {
    let vars = [
        ("n", stat.number.to_string()),
        ("caption", stat.caption.clone()),
    ];
    let text = say(w::COUNT_LINE, lang, &vars);
    wrap::wrap(&[Line::styled(text, stat.style)], width as u16)
}

/// The number three rows tall, its caption beside it (wrapped into those rows, and on
/// under the figure when it needs more).
fn big_stat(stat: &Stat, width: usize, symbols: &Symbols) -> Vec<Line<'static>> {
    let mut figure = big::rows(stat.number, symbols).to_vec();
    let room = width
        .saturating_sub(big::width(stat.number) + 2)
        .min(CAPTION);
    let caption: Vec<String> = wrap::wrap(&[Line::raw(stat.caption.clone())], room as u16)
        .iter()
        .map(Line::to_string)
        .collect();
    let blank = " ".repeat(big::width(stat.number));
    figure.resize(caption.len().max(figure.len()), blank);
    figure
        .into_iter()
        .enumerate()
        .map(|(row, part)| {
            let mut spans = vec![Span::styled(part, stat.style)];
            if let Some(text) = caption.get(row) {
                spans.push(Span::raw("  "));
                spans.push(Span::styled(text.clone(), stat.style));
            }
            Line::from(spans)
        })
        .collect()
}
