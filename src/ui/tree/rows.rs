//! One tree's rows: what each row needs to know about the step (`Ctx`), its label, and
//! the marks it carries (the orphan and its new parent, the process about to be killed).

use super::Side;
use super::inside::Inside;
use super::marks::{KEEP_CHANGE, KEEP_ROLE, KEEP_TUTOR, Marker};
use crate::app::{App, Mark};
use crate::i18n::say;
use crate::procs::{RowKind, TreeRow};
use crate::steps::Facts;
use crate::ui::theme::Theme;
use crate::words;
use ratatui::style::Style;
use ratatui::text::Span;
use std::collections::HashMap;
use std::time::Instant;

/// The orphan of the orphan-reaping step, once it ran: its PID inside, its host PID, and
/// its parent before and after.
pub(super) struct Orphan {
    ns_pid: i32,
    host_pid: Option<i32>,
    before: i32,
    after: i32,
}

pub(super) fn orphan_of(app: &App) -> Option<Orphan> {
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
pub(super) fn to_be_killed(app: &App) -> Option<i32> {
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
pub(super) struct Ctx<'a> {
    pub(super) app: &'a App,
    pub(super) side: Side,
    pub(super) inside: Inside,
    pub(super) theme: &'a Theme,
    /// The agent's PID in this pane's numbers.
    pub(super) agent_here: Option<i32>,
    /// Host PIDs of the rows, by their PID in this pane (the namespace's pane).
    pub(super) host_pids: HashMap<i32, i32>,
    pub(super) orphan: Option<Orphan>,
    pub(super) killed: Option<i32>,
    pub(super) now: Instant,
}

impl Ctx<'_> {
    pub(super) fn host_pid(&self, pid: i32) -> Option<i32> {
        match self.side {
            Side::Host => Some(pid),
            Side::Ns => self.host_pids.get(&pid).copied(),
        }
    }

    /// A row's label: tree glyphs, then the name and its PIDs (in the leaking /proc only
    /// the host's number, as `ps` in there would show it).
    pub(super) fn label(&self, row: &TreeRow, host_pid: Option<i32>) -> Vec<Span<'static>> {
        let mut spans = vec![Span::styled(row.prefix.clone(), self.theme.tree_glyph)];
        match row.kind {
            RowKind::Folded { count } => {
                let (text, style) = if self.inside == Inside::Leak && self.side == Side::Ns {
                    let vars = [("n", count.to_string())];
                    let text = say(words::tree::LEAK_FOLDED, self.app.lang, &vars);
                    (text, self.theme.warn)
                } else {
                    let text = words::folded(count, self.app.lang, self.app.symbols);
                    (text, self.theme.folded)
                };
                spans.push(Span::styled(self.app.symbols.spell(&text), style));
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
    pub(super) fn markers(&self, row: &TreeRow, host_pid: Option<i32>) -> Vec<Marker> {
        let (Some(pid), RowKind::Process { .. }) = (row.pid, &row.kind) else {
            return Vec::new();
        };
        let (app, theme, lang) = (self.app, self.theme, self.app.lang);
        let mut out = Vec::new();
        let mark = host_pid.and_then(|h| app.changes.mark(h));
        match mark {
            Some(Mark::New) => out.push(Marker::new(
                words::tree::MARK_NEW.get(lang),
                words::tree::MARK_NEW.get(lang),
                theme.ok,
                KEEP_CHANGE,
            )),
            Some(Mark::Moved { from, to }) => {
                let vars = [
                    ("from", parent_text(self.side, from)),
                    ("to", parent_text(self.side, to)),
                ];
                let long = say(words::tree::MARK_MOVED, lang, &vars);
                out.push(Marker::new(
                    long,
                    words::tree::MARK_MOVED_SHORT.get(lang),
                    theme.hint,
                    KEEP_CHANGE,
                ));
            }
            // No step's mark: what the shell pane's learner just did, for a moment (a
            // process born, or re-parented under PID 1).
            None => {
                if host_pid.is_some_and(|p| app.is_flashing(p, self.now)) {
                    out.push(Marker::new(
                        words::shell::REPARENTED_MARKER.get(lang),
                        words::shell::REPARENTED_SHORT.get(lang),
                        theme.flash,
                        KEEP_CHANGE,
                    ));
                } else if host_pid.is_some_and(|p| app.is_new(p, self.now)) {
                    out.push(Marker::new(
                        words::shell::NEW_MARKER.get(lang),
                        words::shell::NEW_MARKER.get(lang),
                        theme.flash,
                        KEEP_CHANGE,
                    ));
                }
            }
        }
        // What a process is before what it does: a zombie has ended, whatever its role.
        if let RowKind::Process { zombie: true, .. } = row.kind {
            out.push(Marker::new(
                words::tree::ZOMBIE_MARKER.get(lang),
                words::tree::ZOMBIE_SHORT.get(lang),
                theme.warn,
                KEEP_CHANGE,
            ));
        }
        // The namespace's PID 1 stopped from the host: the lab waits on it.
        if app.views.agent_stopped && host_pid.is_some() && host_pid == app.views.agent {
            out.push(Marker::new(
                words::tree::STOPPED.get(lang),
                words::tree::STOPPED_SHORT.get(lang),
                theme.warn,
                KEEP_CHANGE,
            ));
        }
        if host_pid.is_some() && host_pid == self.killed {
            out.push(Marker::new(
                words::tree::TO_BE_KILLED.get(lang),
                words::tree::TO_BE_KILLED_SHORT.get(lang),
                theme.warn,
                KEEP_CHANGE,
            ));
        }
        let leak = self.side == Side::Ns && self.inside == Inside::Leak;
        let is_shell = host_pid.is_some() && host_pid == app.shell_info().map(|i| i.host_pid);
        if Some(pid) == self.agent_here {
            if leak {
                let long = say(words::tree::LEAK_AGENT, lang, &[("pid", pid.to_string())]);
                out.push(Marker::new(
                    long,
                    words::tree::LEAK_AGENT_SHORT.get(lang),
                    theme.warn,
                    KEEP_ROLE,
                ));
            } else {
                out.push(Marker::new(
                    words::tree::AGENT_MARKER.get(lang),
                    words::tree::AGENT_MARKER_SHORT.get(lang),
                    theme.member,
                    KEEP_ROLE,
                ));
            }
        } else if leak && pid == 1 {
            out.push(Marker::new(
                words::tree::LEAK_INIT.get(lang),
                words::tree::LEAK_INIT_SHORT.get(lang),
                theme.warn,
                KEEP_ROLE,
            ));
        } else if is_shell {
            out.push(Marker::new(
                words::shell::MARKER.get(lang),
                words::shell::MARKER_SHORT.get(lang),
                theme.member,
                KEEP_ROLE,
            ));
        } else if crate::steps::def(app.step).reveals.joined == Some(row.name.as_str()) {
            let long = match self.side {
                Side::Host => words::tree::JOINED_HOST.get(lang),
                Side::Ns => words::tree::JOINED_NS.get(lang),
            };
            out.push(Marker::new(
                long,
                words::tree::JOINED_SHORT.get(lang),
                theme.hint,
                KEEP_ROLE,
            ));
        } else if self.side == Side::Host && pid == app.views.tutor {
            // "you" only live: in a recording the tutor is a process that ran back then.
            let (long, short) = if app.is_recorded() {
                (
                    words::tree::TUTOR_MARKER_RECORDED.get(lang),
                    words::tree::TUTOR_MARKER_RECORDED_SHORT.get(lang),
                )
            } else {
                (
                    words::tree::TUTOR_MARKER.get(lang),
                    words::tree::TUTOR_MARKER_SHORT.get(lang),
                )
            };
            out.push(Marker::new(long, short, theme.chain, KEEP_TUTOR));
        } else if let Some(o) = &self.orphan {
            let is_orphan = match self.side {
                Side::Host => host_pid.is_some() && host_pid == o.host_pid,
                Side::Ns => (host_pid.is_some() && host_pid == o.host_pid) || pid == o.ns_pid,
            };
            if is_orphan {
                // With a "new parent" mark beside it, the orphan need not say it again.
                let long = match (mark, self.side) {
                    (Some(Mark::Moved { .. }), _) => {
                        words::tree::ORPHAN_SHORT.get(lang).to_string()
                    }
                    (_, Side::Host) => words::tree::ORPHAN_HOST.get(lang).to_string(),
                    (_, Side::Ns) => say(
                        words::tree::ORPHAN_NS,
                        lang,
                        &[
                            ("before", o.before.to_string()),
                            ("after", o.after.to_string()),
                        ],
                    ),
                };
                out.push(Marker::new(
                    long,
                    words::tree::ORPHAN_SHORT.get(lang),
                    theme.hint,
                    KEEP_ROLE,
                ));
            }
        }
        out
    }
}
