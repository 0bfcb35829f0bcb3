//! What the namespace's pane shows, so that each reveal stays in its own step:
//! - before proc-leak has run, the namespace's processes by their own numbers, taken from
//!   NSpid in the host's /proc and labelled so (its /proc would already give the leak
//!   away, three steps early);
//! - from proc-leak's run until remount-proc, what its /proc really shows: the host's
//!   tree, in the host's numbers, with the agent nowhere as 1;
//! - from remount-proc on, its own /proc.
//!
//! When the leak shows is the step's to say (`steps::Reveals::leak`).

use crate::app::{App, members};
use crate::procs::{Proc, Snapshot};
use std::collections::HashMap;

/// Which view of the namespace the pane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inside {
    /// No namespace.
    None,
    /// Its members by their own numbers (NSpid read on the host): the leak not shown yet.
    Numbers,
    /// What its /proc shows while that is the host's: the leak.
    Leak,
    /// Its own /proc.
    Own,
}

/// Whether the namespace's view is still the host's /proc (before remount-proc): then
/// the agent appears under its host PID and PID 1 is the host's init.
pub fn leaks(app: &App) -> bool {
    let (Some(ns), Some(agent)) = (&app.views.ns, app.views.agent) else {
        return false;
    };
    agent != 1 && ns.get(agent).is_some()
}

/// The view the namespace's pane shows now.
pub fn of(app: &App) -> Inside {
    if app.views.ns.is_none() {
        return Inside::None;
    }
    if !leaks(app) {
        return Inside::Own;
    }
    // Whether the step shows the leak yet is the step's to say.
    let ran = app.observed.as_ref().is_some_and(|o| o.step() == app.step);
    if crate::steps::def(app.step).reveals.leak.now(ran) {
        Inside::Leak
    } else {
        Inside::Numbers
    }
}

/// The snapshot the pane draws for `inside`: the namespace's /proc, or its members by
/// their own numbers.
pub fn snapshot(app: &App, inside: Inside) -> Option<Snapshot> {
    match inside {
        Inside::None => None,
        Inside::Leak | Inside::Own => app.views.ns.clone(),
        Inside::Numbers => Some(by_own_numbers(app)),
    }
}

/// The lab's processes as the namespace numbers them, from NSpid in the host's /proc:
/// the PID one level down, and the parent's (0 for the agent, whose parent is outside).
pub fn by_own_numbers(app: &App) -> Snapshot {
    let members = members(&app.views);
    let inner = |p: &Proc| p.nspid.get(1).copied();
    let mut procs: Vec<Proc> = members
        .values()
        .filter_map(|p| {
            Some(Proc {
                pid: inner(p)?,
                ppid: members.get(&p.ppid).and_then(|q| inner(q)).unwrap_or(0),
                name: p.name.clone(),
                nspid: p.nspid.get(1..).map(<[i32]>::to_vec).unwrap_or_default(),
                pidns: p.pidns,
                zombie: p.zombie,
            })
        })
        .collect();
    procs.sort_by_key(|p| p.pid);
    Snapshot {
        total: procs.len(),
        procs,
    }
}

/// The host PIDs of the processes in the namespace's pane, by their PID there, to mark
/// the same process in both panes.
pub fn host_pids(app: &App, inside: Inside) -> HashMap<i32, i32> {
    match inside {
        Inside::None => HashMap::new(),
        // The leaking /proc is the host's: its numbers are host PIDs.
        Inside::Leak => app
            .views
            .ns
            .iter()
            .flat_map(|ns| ns.procs.iter().map(|p| (p.pid, p.pid)))
            .collect(),
        Inside::Numbers | Inside::Own => members(&app.views)
            .values()
            .filter_map(|h| Some((*h.nspid.get(1)?, h.pid)))
            .collect(),
    }
}
