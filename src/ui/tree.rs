//! The two tree panes: the host's /proc (left) and the namespace's view (right), each
//! node labelled `name host(ns)` as in the post. They tell the lesson's story:
//! - the host's tree draws the namespace as a box labelled `pid:[inode]` around the
//!   agent and its descendants (`boundary`);
//! - the key numbers stand big at the top of each pane (`headline`);
//! - the namespace's pane keeps each reveal for its step (`inside`): its members by their
//!   own numbers first, the leaking /proc from proc-leak on, its own /proc after the
//!   remount, drawn roomy when it is short;
//! - every change a step made is marked with a symbol and a word (`marks`), highlighted
//!   for a moment, and what is gone is listed under the tree;
//! - a step with two moments says which one is shown, BEFORE or AFTER;
//! - each row, its label and its marks are built in `rows`.
//!
//! Namespace members have the same colour in both panes, the tutor's chain of ancestors
//! is marked, and unrelated branches are folded into one line.

mod boundary;
mod headline;
pub mod inside;
mod marks;
mod rows;

use super::theme::Theme;
use super::wrap;
use crate::app::{App, Moment, Pane, PaneGeometry, ProcOwner};
use crate::i18n::say;
use crate::lesson::Step;
use crate::procs::{self, ForestOptions, Snapshot, TreeRow};
use crate::words;
use boundary::Boundary;
use inside::Inside;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use rows::{Ctx, orphan_of, to_be_killed};
use std::borrow::Cow;
use std::collections::HashMap;
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Host,
    Ns,
}

/// A pane's tree, fitted to its width, and the lines to keep in view when the user has
/// not scrolled (the namespace's box, or the agent, or the tutor).
pub struct Content {
    pub lines: Vec<Line<'static>>,
    pub follow: Option<(usize, usize)>,
}

/// PIDs from `pid` up through its parents, as far as `snapshot` knows them.
fn chain(snapshot: &Snapshot, pid: i32) -> Vec<i32> {
    let mut out = Vec::new();
    let mut at = snapshot.get(pid);
    while let Some(p) = at {
        if out.contains(&p.pid) {
            break;
        }
        out.push(p.pid);
        at = if p.ppid > 0 {
            snapshot.get(p.ppid)
        } else {
            None
        };
    }
    out
}

/// The line over the namespace's tree saying what it is: no namespace, its members by
/// their own numbers, the host's /proc (the leak), or its own /proc.
pub fn note(
    app: &App,
    side: Side,
    inside: Inside,
    theme: &Theme,
    width: u16,
) -> Vec<Line<'static>> {
    if side == Side::Host {
        return Vec::new();
    }
    let line = match inside {
        Inside::None => {
            let ran = |step: Step| app.observed.as_ref().is_some_and(|o| o.step() == step);
            let text = match app.step {
                Step::InitSignals if ran(Step::InitSignals) => {
                    words::panes::LAB_ENDED.get(app.lang)
                }
                Step::Summary => words::panes::LAB_GONE.get(app.lang),
                Step::Clone => words::tree::NO_LAB_HERE.get(app.lang),
                step if crate::steps::def(step).is_experiment() && app.show_keys => {
                    words::panes::EXPERIMENT_READY.get(app.lang)
                }
                step if crate::steps::def(step).is_experiment() => {
                    words::panes::EXPERIMENT_NEXT.get(app.lang)
                }
                _ => words::panes::NO_LAB.get(app.lang),
            };
            Line::styled(text, theme.dim)
        }
        // The second chapter's experiments: the still of their key moment (not while the
        // trees show the lab now, for the learner's shell).
        _ if crate::steps::def(app.step).is_experiment() && app.moment() != Some(Moment::Now) => {
            Line::styled(words::panes::EXPERIMENT_STILL.get(app.lang), theme.dim)
        }
        Inside::Numbers => Line::styled(words::tree::NSPID_NOTE.get(app.lang), theme.hint),
        Inside::Leak => Line::styled(words::panes::LEAK_NOTE.get(app.lang), theme.warn),
        Inside::Own => Line::styled(words::panes::OWN_NOTE.get(app.lang), theme.ok),
    };
    // The pane is PID 1's /proc; the learner's shell may see another one, and `ps` there
    // must not silently disagree with the pane.
    let shell = match (inside, app.views.shell_proc) {
        (Inside::Own, Some(ProcOwner::Host)) => Some(Line::styled(
            words::panes::SHELL_HOST_PROC.get(app.lang),
            theme.warn,
        )),
        (Inside::Leak, Some(ProcOwner::Lab)) => Some(Line::styled(
            words::panes::SHELL_OWN_PROC.get(app.lang),
            theme.ok,
        )),
        _ => None,
    };
    let lines: Vec<Line<'static>> = std::iter::once(line).chain(shell).collect();
    wrap::wrap(&app.symbols.spell_lines(lines), width)
}

/// BEFORE or AFTER, at a step that has both, and the key that moves between them.
fn moment_tag(app: &App, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let (tag, style, hint) = match app.moment() {
        None => return Vec::new(),
        Some(Moment::Before) => (
            words::tree::BEFORE.get(app.lang),
            theme.flash,
            words::tree::BEFORE_HINT.get(app.lang),
        ),
        Some(Moment::After) => (
            words::tree::AFTER.get(app.lang),
            theme.status_mode,
            words::tree::AFTER_HINT.get(app.lang),
        ),
        Some(Moment::Now) => (
            words::tree::NOW.get(app.lang),
            theme.live_label,
            words::tree::NOW_HINT.get(app.lang),
        ),
    };
    let tag = Span::styled(format!(" {tag} "), style);
    // As many of the hint's parts (`Enter: after`, `b: before/after`) as fit, each whole;
    // none where keys mean nothing (a cast).
    let parts: Vec<&str> = hint.split("   ").collect();
    let hint = (0..=parts.len())
        .rev()
        .filter(|_| app.show_keys)
        .map(|n| format!("  {}", app.symbols.spell(&parts[..n].join("   "))))
        .find(|h| {
            tag.width() + unicode_width::UnicodeWidthStr::width(h.as_str()) <= usize::from(width)
        })
        .unwrap_or_default();
    let line = Line::from(vec![tag, Span::styled(hint, theme.dim)]);
    vec![wrap::fit_line(line, usize::from(width), app.symbols)]
}

/// What the last change took away, under the tree: `✗ gone: demo-b 5835(3)`.
fn legend(app: &App, side: Side, inside: Inside, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let gone = &app.changes.gone;
    if gone.is_empty() || (side == Side::Ns && !matches!(inside, Inside::Own | Inside::Numbers)) {
        return Vec::new();
    }
    let named: Vec<String> = gone
        .iter()
        .take(3)
        .map(|g| match (side, g.inside) {
            (Side::Ns, Some(inner)) => format!("{} {inner}", g.name),
            _ => format!("{} {}", g.name, g.label),
        })
        .collect();
    let mut text = format!("{} {}", words::tree::GONE.get(app.lang), named.join(", "));
    if gone.len() > 3 {
        let more = say(
            words::tree::GONE_MORE,
            app.lang,
            &[("n", (gone.len() - 3).to_string())],
        );
        text = format!("{text}, {more}");
    }
    let text = app.symbols.spell(&text);
    let mut lines = wrap::wrap(&[Line::styled(text, theme.warn)], width);
    if lines.len() > 2 {
        let rest: Vec<String> = lines.split_off(1).iter().map(Line::to_string).collect();
        let cut = wrap::fit(&rest.join(" "), usize::from(width), app.symbols);
        lines.push(Line::styled(cut, theme.warn));
    }
    lines
}

pub fn content(
    app: &App,
    side: Side,
    inside: Inside,
    theme: &Theme,
    width: u16,
    height: u16,
) -> Content {
    let views = &app.views;
    let snapshot: Option<Cow<Snapshot>> = match side {
        Side::Host => views.host.as_ref().map(Cow::Borrowed),
        Side::Ns => match inside {
            Inside::Numbers => Some(Cow::Owned(inside::by_own_numbers(app))),
            Inside::Leak | Inside::Own => views.ns.as_ref().map(Cow::Borrowed),
            Inside::None => None,
        },
    };
    let Some(snapshot) = snapshot else {
        return Content {
            lines: Vec::new(),
            follow: None,
        };
    };
    let home_ns = views
        .host
        .as_ref()
        .and_then(|h| h.get(views.tutor))
        .and_then(|p| p.pidns);
    let agent_here = match (side, inside) {
        (Side::Host, _) | (Side::Ns, Inside::Leak) => views.agent,
        (Side::Ns, _) => views.agent.map(|_| 1),
    };
    let mut keep = vec![views.tutor];
    keep.extend(agent_here);
    let opts = ForestOptions {
        symbols: app.symbols,
        fold: app.fold,
        keep,
        // An experiment's own /proc has small PIDs of its own: the tutor is not there.
        marked: if side == Side::Ns && crate::steps::def(app.step).is_experiment() {
            Vec::new()
        } else {
            chain(&snapshot, views.tutor)
        },
        home_ns,
    };
    let rows = procs::rows(&snapshot, &opts);
    let ctx = Ctx {
        app,
        side,
        inside,
        theme,
        agent_here,
        host_pids: if side == Side::Ns {
            inside::host_pids(app, inside)
        } else {
            HashMap::new()
        },
        orphan: orphan_of(app),
        killed: to_be_killed(app),
        now: Instant::now(),
    };
    let width = usize::from(width);
    let boundary = match (side, views.agent) {
        (Side::Host, Some(agent)) => Boundary::find(&rows, agent, width).map(|b| {
            let widest = (b.start..b.end)
                .map(|i| {
                    let row = &rows[i];
                    let host_pid = row.pid.and_then(|p| ctx.host_pid(p));
                    let (_, own) = b.split_prefix(&row.prefix);
                    let label: usize = ctx.label(row, host_pid).iter().map(Span::width).sum();
                    let prefix = unicode_width::UnicodeWidthStr::width(row.prefix.as_str());
                    let notes: usize = ctx
                        .markers(row, host_pid)
                        .iter()
                        .map(|m| 2 + unicode_width::UnicodeWidthStr::width(m.long.as_str()))
                        .sum();
                    label - prefix + unicode_width::UnicodeWidthStr::width(own.as_str()) + notes
                })
                .max()
                .unwrap_or(0);
            let title = box_title(app, usize::MAX);
            b.hug(
                unicode_width::UnicodeWidthStr::width(title.as_str()),
                widest,
            )
        }),
        _ => None,
    };
    let roomy = side == Side::Ns
        && matches!(inside, Inside::Own | Inside::Numbers)
        && rows.len() * 2 <= usize::from(height) + 1;
    let mut lines = Vec::with_capacity(rows.len() + 2);
    let mut follow = None;
    let mut tutor_at = None;
    for (index, row) in rows.iter().enumerate() {
        let host_pid = row.pid.and_then(|p| ctx.host_pid(p));
        let markers = ctx.markers(row, host_pid);
        if roomy && index > 0 {
            lines.push(spacer(row, theme));
        }
        match boundary {
            Some(b) if b.contains(index) => {
                let (left, own) = b.split_prefix(&row.prefix);
                let row = TreeRow {
                    prefix: own,
                    ..row.clone()
                };
                if index == b.start {
                    let title = box_title(app, width.saturating_sub(b.indent + 6));
                    follow = Some((lines.len(), lines.len()));
                    lines.push(b.top(
                        &left,
                        &title,
                        width,
                        theme.member,
                        theme.tree_glyph,
                        app.symbols,
                    ));
                }
                let fitted = marks::fit(
                    ctx.label(&row, host_pid),
                    &markers,
                    b.inside(width),
                    app.symbols,
                );
                lines.push(b.row(
                    &left,
                    fitted,
                    width,
                    theme.member,
                    theme.tree_glyph,
                    app.symbols,
                ));
                if index + 1 == b.end {
                    lines.push(b.bottom(&left, width, theme.member, theme.tree_glyph, app.symbols));
                    follow = follow.map(|(top, _)| (top, lines.len() - 1));
                }
            }
            _ => {
                if row.pid.is_some() && row.pid == agent_here {
                    follow = Some((lines.len(), lines.len()));
                }
                if row.pid.is_some() && row.pid == Some(views.tutor) && tutor_at.is_none() {
                    tutor_at = Some((lines.len(), lines.len()));
                }
                lines.push(marks::fit(
                    ctx.label(row, host_pid),
                    &markers,
                    width,
                    app.symbols,
                ));
            }
        }
    }
    Content {
        lines,
        follow: follow.or(tutor_at),
    }
}

/// "PID namespace pid:[4026532184]" over the namespace's box; where that does not fit in
/// `room` columns, the `pid:[inode]` alone, as `ls -l /proc/PID/ns` says it.
fn box_title(app: &App, room: usize) -> String {
    let Some(ns) = app.views.lab_ns else {
        return words::tree::NS_BOX.get(app.lang).to_string();
    };
    let long = format!("{} pid:[{ns}]", words::tree::NS_BOX.get(app.lang));
    if unicode_width::UnicodeWidthStr::width(long.as_str()) <= room {
        long
    } else {
        format!("pid:[{ns}]")
    }
}

/// An empty row between two of a roomy tree, keeping its lines joined: the next row's
/// glyphs with its branch turned into the line coming down to it.
fn spacer(next: &TreeRow, theme: &Theme) -> Line<'static> {
    let chars: Vec<char> = next.prefix.chars().collect();
    if chars.len() < 2 {
        return Line::default();
    }
    let mut glyphs: String = chars[..chars.len() - 2].iter().collect();
    glyphs.push(if next.prefix.is_ascii() { '|' } else { '│' });
    Line::styled(glyphs, theme.tree_glyph)
}

/// The lines over the tree: BEFORE or AFTER, the key numbers, and the note on the
/// namespace's view; in at most half the pane: blank lines go first, then the note is
/// cut short, with an ellipsis.
fn top_lines(
    app: &App,
    side: Side,
    inside: Inside,
    theme: &Theme,
    inner: Rect,
) -> Vec<Line<'static>> {
    let budget = usize::from(inner.height / 2);
    let mut top = moment_tag(app, theme, inner.width);
    let stats = headline::stats(app, side, inside, theme);
    top.extend(headline::lines(
        &stats,
        app.lang,
        inner.width,
        inner.height,
        app.symbols,
    ));
    let mut note = note(app, side, inside, theme, inner.width);
    if top.len() + note.len() > budget && top.last().is_some_and(|l| l.width() == 0) {
        top.pop();
    }
    let room = budget.saturating_sub(top.len());
    if note.len() > room {
        let rest: Vec<String> = note
            .split_off(room.saturating_sub(1))
            .iter()
            .map(Line::to_string)
            .collect();
        if room > 0 {
            let style = note.first().map_or(theme.text, |l| l.style);
            let cut = wrap::fit(&rest.join(" "), usize::from(inner.width), app.symbols);
            note.push(Line::styled(cut, style));
        }
    }
    top.extend(note);
    top
}

/// Splits a pane's inside into the lines over the tree (`top` rows, at most half), the
/// tree, and the lines under it (`bottom` rows, at most a quarter).
fn split(inner: Rect, top: usize, bottom: usize) -> (Rect, Rect, Rect) {
    let top = top.min(usize::from(inner.height / 2)) as u16;
    let bottom = bottom.min(usize::from(inner.height / 4)) as u16;
    let tree = inner.height - top - bottom;
    (
        Rect {
            height: top,
            ..inner
        },
        Rect {
            y: inner.y + top,
            height: tree,
            ..inner
        },
        Rect {
            y: inner.y + top + tree,
            height: bottom,
            ..inner
        },
    )
}

/// Draws one tree pane; returns how the tree was scrolled.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, side: Side, theme: &Theme) -> PaneGeometry {
    if area.width < 3 || area.height < 3 {
        return PaneGeometry {
            area,
            ..PaneGeometry::default()
        };
    }
    let (pane, title) = match side {
        Side::Host => (Pane::Host, words::panes::HOST_TITLE.get(app.lang)),
        Side::Ns => (Pane::Ns, words::panes::NS_TITLE.get(app.lang)),
    };
    let title = wrap::fit(
        title,
        usize::from(area.width).saturating_sub(4),
        app.symbols,
    );
    let block = super::pane_block(
        app,
        Some(pane),
        Line::styled(format!(" {title} "), theme.title),
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inside = inside::of(app);
    let mut top = top_lines(app, side, inside, theme, inner);
    let legend = legend(app, side, inside, theme, inner.width);
    let (top_area, tree_area, legend_area) = split(inner, top.len(), legend.len());
    top.truncate(usize::from(top_area.height));
    frame.render_widget(Paragraph::new(top), top_area);
    if legend_area.height > 0 {
        frame.render_widget(Paragraph::new(legend), legend_area);
    }
    let content = content(app, side, inside, theme, tree_area.width, tree_area.height);
    // Unless scrolled by hand, keep the namespace (or the tutor) in view, near the bottom,
    // below the root row and the fold that scrolling down puts over it (`pinned`).
    let auto = content.follow.map_or(0, |(first, last)| {
        let last = last as u16 + 2;
        last.saturating_sub(tree_area.height)
            .min((first as u16).saturating_sub(2))
    });
    let geometry = super::scrolled(area, app, pane, auto, content.lines.len(), tree_area.height);
    let shown = pinned(app, theme, content.lines, geometry.offset, tree_area.height);
    frame.render_widget(Paragraph::new(shown), tree_area);
    geometry
}

/// The rows of `lines` shown from `offset` in `rows` rows. Scrolled down, the tree keeps
/// its root row on top (the host's PID 1 is the point of more than one step), and the
/// rows between it and the rest are folded into one line that counts them.
fn pinned(
    app: &App,
    theme: &Theme,
    lines: Vec<Line<'static>>,
    offset: u16,
    rows: u16,
) -> Vec<Line<'static>> {
    let (offset, rows) = (usize::from(offset), usize::from(rows));
    if offset == 0 || rows < 3 {
        return lines.into_iter().skip(offset).take(rows).collect();
    }
    // The root, the fold, then the rows that would have been shown below them.
    let hidden = offset + 1;
    let fold = say(
        words::tree::ROWS_ABOVE,
        app.lang,
        &[("n", hidden.to_string())],
    );
    let fold = Line::styled(app.symbols.spell(&fold), theme.folded);
    let mut lines = lines.into_iter();
    let root = lines.next().unwrap_or_default();
    let rest = lines.skip(hidden).take(rows - 2);
    [root, fold].into_iter().chain(rest).collect()
}
