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
//! - a step with two moments says which one is shown, BEFORE or AFTER.
//!
//! Namespace members have the same colour in both panes, the tutor's chain of ancestors
//! is marked, and unrelated branches are folded into one line.

mod boundary;
mod headline;
pub mod inside;
mod marks;

use super::theme::Theme;
use super::wrap;
use crate::app::{App, Mark, Moment, Pane, PaneGeometry};
use crate::lesson::Step;
use crate::procs::{self, ForestOptions, RowKind, Snapshot, TreeRow};
use crate::session::Facts;
use crate::words::Words;
use boundary::Boundary;
use inside::Inside;
use marks::{KEEP_CHANGE, KEEP_ROLE, KEEP_TUTOR, Marker};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
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
    let words = Words::of(app.lang);
    let stage = Words::stage(app.lang);
    let line = match inside {
        Inside::None => {
            let ran = |step: Step| app.observed.as_ref().is_some_and(|o| o.step() == step);
            let text = match app.step {
                Step::InitSignals if ran(Step::InitSignals) => words.lab_ended,
                Step::Summary => words.lab_gone,
                Step::Clone => stage.no_lab_here,
                step if step.is_experiment() => words.experiment_ready,
                _ => words.no_lab,
            };
            Line::styled(text, theme.dim)
        }
        // The second chapter's experiments: the still of their key moment.
        _ if app.step.is_experiment() => Line::styled(words.experiment_still, theme.dim),
        Inside::Numbers => Line::styled(stage.nspid_note, theme.hint),
        Inside::Leak => Line::styled(words.leak_note, theme.warn),
        Inside::Own => Line::styled(words.own_note, theme.ok),
    };
    wrap::wrap(&[line], width)
}

/// BEFORE or AFTER, at a step that has both, and the key that moves between them.
fn moment_tag(app: &App, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let words = Words::stage(app.lang);
    let (tag, style, hint) = match app.moment() {
        None => return Vec::new(),
        Some(Moment::Before) => (words.before, theme.flash, words.before_hint),
        Some(Moment::After) => (words.after, theme.status_mode, words.after_hint),
    };
    let line = Line::from(vec![
        Span::styled(format!(" {tag} "), style),
        Span::styled(format!("  {hint}"), theme.dim),
    ]);
    vec![wrap::fit_line(line, usize::from(width), app.ascii)]
}

/// What the last change took away, under the tree: `✗ gone: demo-b 5835(3)`.
fn legend(app: &App, side: Side, inside: Inside, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let gone = &app.changes.gone;
    if gone.is_empty() || (side == Side::Ns && !matches!(inside, Inside::Own | Inside::Numbers)) {
        return Vec::new();
    }
    let words = Words::stage(app.lang);
    let named: Vec<String> = gone
        .iter()
        .take(3)
        .map(|g| match (side, g.inside) {
            (Side::Ns, Some(inner)) => format!("{} {inner}", g.name),
            _ => format!("{} {}", g.name, g.label),
        })
        .collect();
    let mut text = format!("{} {}", words.gone, named.join(", "));
    if gone.len() > 3 {
        let more = words
            .gone_more
            .replace("{n}", &(gone.len() - 3).to_string());
        text = format!("{text}, {more}");
    }
    let text = super::ascii_text(&text, app.ascii);
    let mut lines = wrap::wrap(&[Line::styled(text, theme.warn)], width);
    if lines.len() > 2 {
        let rest: Vec<String> = lines.split_off(1).iter().map(Line::to_string).collect();
        let cut = wrap::fit(&rest.join(" "), usize::from(width), app.ascii);
        lines.push(Line::styled(cut, theme.warn));
    }
    lines
}

/// The orphan of the orphan-reaping step, once it ran: its PID inside, its host PID, and
/// its parent before and after.
struct Orphan {
    ns_pid: i32,
    host_pid: Option<i32>,
    before: i32,
    after: i32,
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
    Some(Orphan {
        ns_pid,
        host_pid: host_pid_inside(app, ns_pid),
        before: facts.orphan_ppid_before,
        after: facts.orphan_ppid_after,
    })
}

/// The process that is about to be killed, while the "before" of orphan-reaping is shown:
/// its host PID.
fn to_be_killed(app: &App) -> Option<i32> {
    if !app.showing_before() {
        return None;
    }
    let Some(Facts::OrphanReaping(facts)) = app.observed.as_ref().map(|o| &o.facts) else {
        return None;
    };
    host_pid_inside(app, facts.killed)
}

/// The host PID of the lab's process `ns_pid` (its PID one level down).
fn host_pid_inside(app: &App, ns_pid: i32) -> Option<i32> {
    crate::app::members(&app.views)
        .values()
        .find(|p| p.nspid.get(1) == Some(&ns_pid))
        .map(|p| p.pid)
}

/// A process's parent, as a change mark names it on `side`.
fn parent_text(side: Side, parent: crate::app::Parent) -> String {
    match (side, parent.inside) {
        (Side::Ns, inner) => inner.to_string(),
        (Side::Host, 0) => parent.host.to_string(),
        (Side::Host, inner) => format!("{}({inner})", parent.host),
    }
}

/// Everything about one tree that the rows need.
struct Ctx<'a> {
    app: &'a App,
    side: Side,
    inside: Inside,
    theme: &'a Theme,
    words: &'a Words,
    /// The agent's PID in this pane's numbers.
    agent_here: Option<i32>,
    /// Host PIDs of the rows, by their PID in this pane (the namespace's pane).
    host_pids: HashMap<i32, i32>,
    orphan: Option<Orphan>,
    killed: Option<i32>,
    now: Instant,
}

impl Ctx<'_> {
    fn host_pid(&self, pid: i32) -> Option<i32> {
        match self.side {
            Side::Host => Some(pid),
            Side::Ns => self.host_pids.get(&pid).copied(),
        }
    }

    /// A row's label: tree glyphs, then the name and its PIDs (in the leaking /proc only
    /// the host's number, as `ps` in there would show it).
    fn label(&self, row: &TreeRow, host_pid: Option<i32>) -> Vec<Span<'static>> {
        let mut spans = vec![Span::styled(row.prefix.clone(), self.theme.tree_glyph)];
        match row.kind {
            RowKind::Folded { count } => {
                let (text, style) = if self.inside == Inside::Leak && self.side == Side::Ns {
                    let text = Words::stage(self.app.lang).leak_folded;
                    (text.replace("{n}", &count.to_string()), self.theme.warn)
                } else {
                    (
                        self.words.folded_text(count, self.app.ascii),
                        self.theme.folded,
                    )
                };
                spans.push(Span::styled(
                    super::ascii_text(&text, self.app.ascii),
                    style,
                ));
            }
            RowKind::Process { nested, marked, .. } => {
                let flashing = host_pid.is_some_and(|p| {
                    self.app.is_flashing(p, self.now) || self.app.is_new(p, self.now)
                });
                let style: Style = if flashing {
                    self.theme.flash
                } else if nested {
                    self.theme.member
                } else if marked {
                    self.theme.chain
                } else {
                    self.theme.text
                };
                let pids = match (self.side, self.inside, row.pid) {
                    (Side::Ns, Inside::Leak, Some(pid)) => pid.to_string(),
                    _ => row.pids.clone(),
                };
                spans.push(Span::styled(format!("{} {pids}", row.name), style));
            }
        }
        spans
    }

    /// A row's notes: what just happened to it, then what it is.
    fn markers(&self, row: &TreeRow, host_pid: Option<i32>) -> Vec<Marker> {
        let (Some(pid), RowKind::Process { .. }) = (row.pid, &row.kind) else {
            return Vec::new();
        };
        let (app, theme, words) = (self.app, self.theme, self.words);
        let stage = Words::stage(app.lang);
        let mut out = Vec::new();
        let mark = host_pid.and_then(|h| app.changes.mark(h));
        match mark {
            Some(Mark::New) => out.push(Marker::new(
                stage.mark_new,
                stage.mark_new,
                theme.ok,
                KEEP_CHANGE,
            )),
            Some(Mark::Moved { from, to }) => {
                let long = stage
                    .mark_moved
                    .replace("{from}", &parent_text(self.side, from))
                    .replace("{to}", &parent_text(self.side, to));
                out.push(Marker::new(
                    long,
                    stage.mark_moved_short,
                    theme.hint,
                    KEEP_CHANGE,
                ));
            }
            // No step's mark: what the shell pane's learner just did, for a moment (a
            // process born, or re-parented under PID 1).
            None => {
                if host_pid.is_some_and(|p| app.is_flashing(p, self.now)) {
                    out.push(Marker::new(
                        words.shell.reparented_marker,
                        words.shell.reparented_short,
                        theme.flash,
                        KEEP_CHANGE,
                    ));
                } else if host_pid.is_some_and(|p| app.is_new(p, self.now)) {
                    out.push(Marker::new(
                        words.shell.new_marker,
                        words.shell.new_marker,
                        theme.flash,
                        KEEP_CHANGE,
                    ));
                }
            }
        }
        if host_pid.is_some() && host_pid == self.killed {
            out.push(Marker::new(
                stage.to_be_killed,
                stage.to_be_killed_short,
                theme.warn,
                KEEP_CHANGE,
            ));
        }
        let leak = self.side == Side::Ns && self.inside == Inside::Leak;
        let is_shell = host_pid.is_some() && host_pid == app.shell_info().map(|i| i.host_pid);
        if Some(pid) == self.agent_here {
            if leak {
                let long = stage.leak_agent.replace("{pid}", &pid.to_string());
                out.push(Marker::new(
                    long,
                    stage.leak_agent_short,
                    theme.warn,
                    KEEP_ROLE,
                ));
            } else {
                out.push(Marker::new(
                    words.agent_marker,
                    words.agent_marker_short,
                    theme.member,
                    KEEP_ROLE,
                ));
            }
        } else if leak && pid == 1 {
            out.push(Marker::new(
                stage.leak_init,
                stage.leak_init_short,
                theme.warn,
                KEEP_ROLE,
            ));
        } else if is_shell {
            out.push(Marker::new(
                words.shell.marker,
                words.shell.marker_short,
                theme.member,
                KEEP_ROLE,
            ));
        } else if app.step == Step::Joining && row.name == "joined" {
            let long = match self.side {
                Side::Host => words.joined_host,
                Side::Ns => words.joined_ns,
            };
            out.push(Marker::new(long, words.joined_short, theme.hint, KEEP_ROLE));
        } else if self.side == Side::Host && pid == app.views.tutor {
            out.push(Marker::new(
                words.tutor_marker,
                words.tutor_marker_short,
                theme.chain,
                KEEP_TUTOR,
            ));
        } else if let Some(o) = &self.orphan {
            let is_orphan = match self.side {
                Side::Host => host_pid.is_some() && host_pid == o.host_pid,
                Side::Ns => (host_pid.is_some() && host_pid == o.host_pid) || pid == o.ns_pid,
            };
            if is_orphan {
                // With a "new parent" mark beside it, the orphan need not say it again.
                let long = match (mark, self.side) {
                    (Some(Mark::Moved { .. }), _) => words.orphan_short.to_string(),
                    (_, Side::Host) => words.orphan_host.to_string(),
                    (_, Side::Ns) => words
                        .orphan_ns
                        .replace("{before}", &o.before.to_string())
                        .replace("{after}", &o.after.to_string()),
                };
                out.push(Marker::new(long, words.orphan_short, theme.hint, KEEP_ROLE));
            }
        }
        out
    }
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
        ascii: app.ascii,
        fold: app.fold,
        keep,
        // An experiment's own /proc has small PIDs of its own: the tutor is not there.
        marked: if side == Side::Ns && app.step.is_experiment() {
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
        words: Words::of(app.lang),
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
                        app.ascii,
                    ));
                }
                let fitted = marks::fit(
                    ctx.label(&row, host_pid),
                    &markers,
                    b.inside(width),
                    app.ascii,
                );
                lines.push(b.row(
                    &left,
                    fitted,
                    width,
                    theme.member,
                    theme.tree_glyph,
                    app.ascii,
                ));
                if index + 1 == b.end {
                    lines.push(b.bottom(&left, width, theme.member, theme.tree_glyph, app.ascii));
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
                    app.ascii,
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
    let words = Words::stage(app.lang);
    let Some(ns) = app.views.lab_ns else {
        return words.ns_box.to_string();
    };
    let long = format!("{} pid:[{ns}]", words.ns_box);
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
    let template = Words::stage(app.lang).count_line;
    top.extend(headline::lines(
        &stats,
        template,
        inner.width,
        inner.height,
        app.ascii,
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
            let cut = wrap::fit(&rest.join(" "), usize::from(inner.width), app.ascii);
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
    let words = Words::of(app.lang);
    let (pane, title) = match side {
        Side::Host => (Pane::Host, words.host_title),
        Side::Ns => (Pane::Ns, words.ns_title),
    };
    let title = wrap::fit(title, usize::from(area.width).saturating_sub(4), app.ascii);
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
    // Unless scrolled by hand, keep the namespace (or the tutor) in view, near the bottom.
    let auto = content.follow.map_or(0, |(first, last)| {
        let last = last as u16 + 2;
        last.saturating_sub(tree_area.height).min(first as u16)
    });
    let geometry = super::scrolled(area, app, pane, auto, content.lines.len(), tree_area.height);
    frame.render_widget(
        Paragraph::new(content.lines).scroll((geometry.offset, 0)),
        tree_area,
    );
    geometry
}
