//! The two tree panes: the host's /proc (left) and what the namespace's /proc shows
//! (right), each node labelled `name host(ns)` as in the post. Namespace members have the
//! same colour in both panes, the tutor's chain of ancestors is marked, unrelated branches
//! are folded into one line, and a process whose parent just changed is highlighted.

use super::theme::Theme;
use crate::app::{App, Pane, PaneGeometry};
use crate::lesson::Step;
use crate::procs::{self, ForestOptions, RowKind, Snapshot, TreeRow};
use crate::session::Facts;
use crate::words::Words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Host,
    Ns,
}

/// A pane's lines, and the row to keep in view when the user has not scrolled.
pub struct Content {
    pub lines: Vec<Line<'static>>,
    /// Per line, a shorter marker to use when the line's marker (its last span) does not
    /// fit the pane.
    pub short: Vec<Option<Span<'static>>>,
    pub follow: Option<usize>,
}

/// A note after a process's label: long, and short for narrow panes.
struct Marker {
    long: String,
    short: String,
    style: Style,
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

/// Whether the namespace's view is still the host's /proc (before remount-proc): then
/// the agent appears under its host PID and PID 1 is the host's init.
pub fn ns_view_leaks(app: &App) -> bool {
    let (Some(ns), Some(agent)) = (&app.views.ns, app.views.agent) else {
        return false;
    };
    agent != 1 && ns.get(agent).is_some()
}

/// The host PID of a row in the namespace pane, for highlighting the same process.
fn host_pid_of_ns_row(app: &App, ns: &Snapshot, pid: i32) -> Option<i32> {
    let p = ns.get(pid)?;
    if p.nspid.len() > 1 {
        return p.nspid.first().copied();
    }
    let host = app.views.host.as_ref()?;
    host.procs
        .iter()
        .find(|h| {
            h.nspid.len() > 1
                && h.nspid.last() == Some(&pid)
                && app.views.lab_ns.is_none_or(|l| h.pidns == Some(l))
        })
        .map(|h| h.pid)
}

fn marker(text: &str, ascii: bool) -> String {
    if ascii {
        super::ascii_arrows(text)
    } else {
        text.to_string()
    }
}

/// The line over the namespace's tree saying whose /proc it is: the host's (the leak) or
/// its own.
pub fn note(app: &App, side: Side, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    if side == Side::Host {
        return Vec::new();
    }
    let words = Words::of(app.lang);
    let line = if app.views.ns.is_none() {
        let ran = |step: Step| app.observed.as_ref().is_some_and(|o| o.step() == step);
        let text = match app.step {
            Step::InitSignals if ran(Step::InitSignals) => words.lab_ended,
            Step::Summary => words.lab_gone,
            step if step.is_experiment() => words.experiment_ready,
            _ => words.no_lab,
        };
        Line::styled(text, theme.dim)
    } else if app.step.is_experiment() {
        Line::styled(words.experiment_still, theme.dim)
    } else if ns_view_leaks(app) {
        Line::styled(words.leak_note, theme.warn)
    } else {
        Line::styled(words.own_note, theme.ok)
    };
    super::wrap::wrap(&[line], width)
}

/// Inside a tree pane's borders: the note's `rows` (at most half), then the tree's.
fn split(inner: Rect, rows: usize) -> (Rect, Rect) {
    let rows = rows.min(usize::from(inner.height / 2)) as u16;
    let note_area = Rect {
        height: rows,
        ..inner
    };
    let tree_area = Rect {
        y: inner.y + rows,
        height: inner.height - rows,
        ..inner
    };
    (note_area, tree_area)
}

pub fn content(app: &App, side: Side, theme: &Theme) -> Content {
    let words = Words::of(app.lang);
    let views = &app.views;
    let snapshot = match side {
        Side::Host => views.host.as_ref(),
        Side::Ns => views.ns.as_ref(),
    };
    let mut lines = Vec::new();
    let Some(snapshot) = snapshot else {
        return Content {
            lines,
            short: Vec::new(),
            follow: None,
        };
    };
    let home_ns = views
        .host
        .as_ref()
        .and_then(|h| h.get(views.tutor))
        .and_then(|p| p.pidns);
    let leak = side == Side::Ns && ns_view_leaks(app);
    let agent_here = match side {
        Side::Host => views.agent,
        Side::Ns if leak => views.agent,
        Side::Ns => views.agent.map(|_| 1),
    };
    let mut keep = vec![views.tutor];
    keep.extend(agent_here);
    let opts = ForestOptions {
        ascii: app.ascii,
        fold: app.fold,
        keep,
        // An experiment's own /proc has small PIDs of its own: the tutor is not there.
        marked: if side == Side::Ns && app.step.is_experiment() {
            Vec::new()
        } else {
            chain(snapshot, views.tutor)
        },
        home_ns,
    };
    let rows = procs::rows(snapshot, &opts);
    let now = Instant::now();
    let orphan = orphan_of(app);
    let mut follow = None;
    let mut short = Vec::with_capacity(rows.len());
    for row in &rows {
        if row.pid.is_some()
            && (row.pid == agent_here || (follow.is_none() && row.pid == Some(views.tutor)))
        {
            follow = Some(lines.len());
        }
        let host_pid = match (side, row.pid) {
            (Side::Host, pid) => pid,
            (Side::Ns, Some(pid)) => host_pid_of_ns_row(app, snapshot, pid),
            (Side::Ns, None) => None,
        };
        let flashing = host_pid.is_some_and(|p| app.is_flashing(p, now));
        let born = host_pid.is_some_and(|p| app.is_new(p, now));
        let is_shell = host_pid.is_some() && host_pid == app.shell_info().map(|i| i.host_pid);
        let note = match row.pid {
            Some(pid) if Some(pid) == agent_here => Some(Marker {
                long: words.agent_marker.into(),
                short: words.agent_marker_short.into(),
                style: theme.member,
            }),
            Some(_) if is_shell => Some(Marker {
                long: words.shell.marker.into(),
                short: words.shell.marker_short.into(),
                style: theme.member,
            }),
            Some(pid) if side == Side::Host && pid == views.tutor => Some(Marker {
                long: words.tutor_marker.into(),
                short: words.tutor_marker_short.into(),
                style: theme.chain,
            }),
            Some(_) if app.step == Step::Joining && row.name == "joined" => Some(Marker {
                long: match side {
                    Side::Host => words.joined_host.into(),
                    Side::Ns => words.joined_ns.into(),
                },
                short: words.joined_short.into(),
                style: theme.hint,
            }),
            Some(_) => orphan.as_ref().and_then(|o| {
                let is_orphan = match side {
                    Side::Host => host_pid == o.host_pid,
                    Side::Ns => host_pid == o.host_pid || row.pid == Some(o.ns_pid),
                };
                is_orphan.then(|| Marker {
                    long: o.text(words, side),
                    short: words.orphan_short.into(),
                    style: theme.hint,
                })
            }),
            None => None,
        };
        // Not by colour alone: a process that just appeared, or just got a new parent,
        // says so in words.
        let change = if flashing {
            Some((words.shell.reparented_marker, words.shell.reparented_short))
        } else if born {
            Some((words.shell.new_marker, words.shell.new_marker))
        } else {
            None
        };
        let note = note.or_else(|| {
            change.map(|(long, short)| Marker {
                long: long.into(),
                short: short.into(),
                style: theme.flash,
            })
        });
        let mut line = row_line(app, row, flashing || born, theme, words);
        let mut shorter = None;
        if let Some(m) = note {
            let text = |t: &str| format!("  {}", marker(t, app.ascii));
            line.spans.push(Span::styled(text(&m.long), m.style));
            shorter = Some(Span::styled(text(&m.short), m.style));
        }
        lines.push(line);
        short.push(shorter);
    }
    Content {
        lines,
        short,
        follow,
    }
}

/// The orphan of the orphan-reaping step, once it ran: its PID inside, its host PID, and
/// its parent before and after.
struct Orphan {
    ns_pid: i32,
    host_pid: Option<i32>,
    before: i32,
    after: i32,
}

impl Orphan {
    fn text(&self, words: &Words, side: Side) -> String {
        let template = match side {
            Side::Host => words.orphan_host,
            Side::Ns => words.orphan_ns,
        };
        template
            .replace("{before}", &self.before.to_string())
            .replace("{after}", &self.after.to_string())
    }
}

fn orphan_of(app: &App) -> Option<Orphan> {
    // Before the kill is shown, demo-c is not an orphan yet.
    if app.showing_before() {
        return None;
    }
    let Some(Facts::OrphanReaping(facts)) = app.observed.as_ref().map(|o| &o.facts) else {
        return None;
    };
    let ns_pid = facts.orphan;
    let host = app.views.host.as_ref()?;
    let host_pid = host
        .procs
        .iter()
        .find(|p| {
            p.nspid.len() > 1
                && p.nspid.last() == Some(&ns_pid)
                && app.views.lab_ns.is_none_or(|l| p.pidns == Some(l))
        })
        .map(|p| p.pid);
    Some(Orphan {
        ns_pid,
        host_pid,
        before: facts.orphan_ppid_before,
        after: facts.orphan_ppid_after,
    })
}

fn row_line(
    app: &App,
    row: &TreeRow,
    flashing: bool,
    theme: &Theme,
    words: &Words,
) -> Line<'static> {
    let mut spans = vec![Span::styled(row.prefix.clone(), theme.tree_glyph)];
    match row.kind {
        RowKind::Folded { count } => {
            spans.push(Span::styled(
                words.folded_text(count, app.ascii),
                theme.folded,
            ));
        }
        RowKind::Process { nested, marked, .. } => {
            let style: Style = if flashing {
                theme.flash
            } else if nested {
                theme.member
            } else if marked {
                theme.chain
            } else {
                theme.text
            };
            spans.push(Span::styled(format!("{} {}", row.name, row.pids), style));
        }
    }
    Line::from(spans)
}

/// Draws one tree pane; returns how the tree was scrolled.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, side: Side, theme: &Theme) -> PaneGeometry {
    if area.width < 3 || area.height < 3 {
        return PaneGeometry {
            area,
            ..PaneGeometry::default()
        };
    }
    let words = Words::of(app.lang);
    let (pane, title, snapshot) = match side {
        Side::Host => (Pane::Host, words.host_title, app.views.host.as_ref()),
        Side::Ns => (Pane::Ns, words.ns_title, app.views.ns.as_ref()),
    };
    let title = super::wrap::fit(title, usize::from(area.width).saturating_sub(4), app.ascii);
    let mut block = super::pane_block(
        app,
        Some(pane),
        Line::styled(format!(" {title} "), theme.title),
        theme,
    );
    if let Some(snapshot) = snapshot {
        let count = match snapshot.total {
            1 => words.proc_count_one.to_string(),
            n => words.proc_count.replace("{n}", &n.to_string()),
        };
        block = block.title_bottom(Line::styled(format!(" {count} "), theme.dim));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut note = note(app, side, theme, inner.width);
    let (note_area, tree_area) = split(inner, note.len());
    note.truncate(usize::from(note_area.height));
    if note_area.height > 0 {
        frame.render_widget(Paragraph::new(note), note_area);
    }
    let content = content(app, side, theme);
    // Unless scrolled by hand, keep the agent (or the tutor) in view, near the bottom.
    let auto = content.follow.map_or(0, |row| {
        (row as u16).saturating_sub(tree_area.height.saturating_sub(3))
    });
    let geometry = super::scrolled(area, app, pane, auto, content.lines.len(), tree_area.height);
    // A marker that does not fit gets shorter, then goes, rather than being cut; a row
    // still too wide (a deep branch, a long name) ends in an ellipsis.
    let width = usize::from(tree_area.width);
    let fit: Vec<Line> = content
        .lines
        .into_iter()
        .zip(content.short)
        .map(|(mut line, short)| {
            if let Some(short) = short
                && line.width() > width
            {
                line.spans.pop();
                if line.width() + short.width() <= width {
                    line.spans.push(short);
                }
            }
            super::wrap::fit_line(line, width, app.ascii)
        })
        .collect();
    frame.render_widget(Paragraph::new(fit).scroll((geometry.offset, 0)), tree_area);
    geometry
}
