//! The forest of a snapshot as rows, one process per line, ready for a pane or a pipe.
//!
//! Roots are the processes whose parent is 0 or not in the snapshot; children are ordered
//! by pid, numerically, so two reads of an unchanged host give the same rows. Folding keeps
//! what the lesson talks about (the `keep` and `marked` processes and every process in a
//! nested PID namespace, with their ancestors) and merges the rest of each sibling group
//! into one "… N other processes" row.

use super::label::{display_name, pid_label};
use super::{Proc, Snapshot};
use crate::symbols::Symbols;
use std::collections::HashMap;

/// What to show and how.
#[derive(Clone, Debug)]
pub struct ForestOptions {
    /// The branches (`├─`, `└─`, `│ ` or `|-`, `` `- ``, `| `) and the ellipsis.
    pub symbols: &'static Symbols,
    /// Merge uninteresting sibling subtrees into one `Folded` row.
    pub fold: bool,
    /// Pids whose ancestors and whole subtrees are never folded (tutor, agent).
    pub keep: Vec<i32>,
    /// Pids shown marked (e.g. the tutor's ancestor chain); never folded away.
    pub marked: Vec<i32>,
    /// Pid-ns inode of the viewer: processes in other namespaces are "nested".
    pub home_ns: Option<u64>,
}

impl Default for ForestOptions {
    fn default() -> Self {
        ForestOptions {
            symbols: &Symbols::UNICODE,
            fold: false,
            keep: Vec::new(),
            marked: Vec::new(),
            home_ns: None,
        }
    }
}

/// One line of the forest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeRow {
    /// Tree glyphs before the name, e.g. "│ └─"; empty for roots.
    pub prefix: String,
    /// Escaped process name, or the text of a folded row.
    pub name: String,
    /// `pid_label` of the process; empty for a folded row.
    pub pids: String,
    pub pid: Option<i32>,
    pub depth: usize,
    pub kind: RowKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowKind {
    Process {
        /// In a pid namespace other than `home_ns`.
        nested: bool,
        marked: bool,
        /// `Some(inode)` when this process's pid namespace differs from its parent's
        /// (for a root: from `home_ns`).
        ns_boundary: Option<u64>,
        /// Ended, not yet reaped (state `Z`).
        zombie: bool,
    },
    /// Stands for `count` processes not shown.
    Folded { count: usize },
}

impl TreeRow {
    /// The row as plain text: `prefix name pids`, then ` [pid:INODE]` at a namespace
    /// boundary. This is what `tree` prints.
    pub fn line(&self) -> String {
        let mut s = String::with_capacity(self.prefix.len() + self.name.len() + 24);
        s.push_str(&self.prefix);
        s.push_str(&self.name);
        if !self.pids.is_empty() {
            s.push(' ');
            s.push_str(&self.pids);
        }
        if let RowKind::Process {
            ns_boundary: Some(ns),
            ..
        } = self.kind
        {
            s.push_str(&format!(" [pid:{ns}]"));
        }
        s
    }
}

/// Parent/child links of a snapshot, by index into `snapshot.procs`.
pub struct Links {
    /// Indexes of the roots, by pid.
    pub roots: Vec<usize>,
    /// `children[i]`: indexes of the children of `procs[i]`, by pid.
    pub children: Vec<Vec<usize>>,
    /// `parent[i]`: index of the parent of `procs[i]`; `None` for a root.
    pub parent: Vec<Option<usize>>,
}

impl Links {
    pub fn new(snapshot: &Snapshot) -> Links {
        let procs = &snapshot.procs;
        let index: HashMap<i32, usize> =
            procs.iter().enumerate().map(|(i, p)| (p.pid, i)).collect();
        let mut children = vec![Vec::new(); procs.len()];
        let mut roots = Vec::new();
        let mut parent = vec![None; procs.len()];
        for (i, p) in procs.iter().enumerate() {
            match index.get(&p.ppid) {
                Some(&up) if p.ppid != 0 && p.ppid != p.pid => {
                    children[up].push(i);
                    parent[i] = Some(up);
                }
                _ => roots.push(i),
            }
        }
        let by_pid = |v: &mut Vec<usize>| v.sort_unstable_by_key(|&i| procs[i].pid);
        by_pid(&mut roots);
        children.iter_mut().for_each(by_pid);
        // A parent cycle (only possible in hand-made snapshots) would hide its members:
        // make the smallest unreachable pid a root until everything is reachable.
        let mut reached = vec![false; procs.len()];
        let mut stack: Vec<usize> = roots.clone();
        loop {
            while let Some(i) = stack.pop() {
                if !std::mem::replace(&mut reached[i], true) {
                    stack.extend(&children[i]);
                }
            }
            match (0..procs.len())
                .filter(|&i| !reached[i])
                .min_by_key(|&i| procs[i].pid)
            {
                Some(i) => {
                    children.iter_mut().for_each(|c| c.retain(|&x| x != i));
                    parent[i] = None;
                    roots.push(i);
                    by_pid(&mut roots);
                    stack.push(i);
                }
                None => break,
            }
        }
        Links {
            roots,
            children,
            parent,
        }
    }
}

fn is_nested(p: &Proc, home_ns: Option<u64>) -> bool {
    match (home_ns, p.pidns) {
        (Some(h), Some(ns)) => h != ns,
        _ => p.nspid.len() > 1,
    }
}

/// One thing to draw at some position: a process, or a folded group.
#[derive(Clone, Copy)]
enum Item {
    Node(usize),
    Folded(usize),
}

/// The rows of the forest of `snapshot`, in display order.
pub fn rows(snapshot: &Snapshot, opts: &ForestOptions) -> Vec<TreeRow> {
    let procs = &snapshot.procs;
    let links = Links::new(snapshot);
    let n = procs.len();

    // Pre-order (iterative: process chains can be deep), then sizes and interest bottom-up.
    let mut order = Vec::with_capacity(n);
    let mut stack: Vec<usize> = links.roots.iter().rev().copied().collect();
    while let Some(i) = stack.pop() {
        order.push(i);
        stack.extend(links.children[i].iter().rev());
    }
    let mut size = vec![1usize; n];
    let mut interesting: Vec<bool> = procs
        .iter()
        .map(|p| {
            opts.keep.contains(&p.pid) || opts.marked.contains(&p.pid) || is_nested(p, opts.home_ns)
        })
        .collect();
    let mut kept: Vec<bool> = procs.iter().map(|p| opts.keep.contains(&p.pid)).collect();
    for &i in order.iter().rev() {
        for &c in &links.children[i] {
            size[i] += size[c];
            interesting[i] |= interesting[c];
        }
    }
    for &i in &order {
        if kept[i] {
            for &c in &links.children[i] {
                kept[c] = true;
            }
        }
    }

    // Splits a sibling group into what is shown and one folded count.
    let group = |members: &[usize], extra: usize| -> Vec<Item> {
        let mut items = Vec::with_capacity(members.len() + 1);
        let mut folded = extra;
        for &i in members {
            if !opts.fold || interesting[i] || kept[i] {
                items.push(Item::Node(i));
            } else {
                folded += size[i];
            }
        }
        if folded > 0 {
            items.push(Item::Folded(folded));
        }
        items
    };
    let unread = if opts.fold {
        snapshot.total.saturating_sub(n)
    } else {
        0
    };
    let Symbols {
        branch,
        last_branch,
        pipe,
        ..
    } = opts.symbols;
    let blank = "  ";

    let mut out = Vec::with_capacity(n.min(4096));
    // (item, depth, is last sibling, indent inherited from the ancestors)
    let mut stack: Vec<(Item, usize, bool, String)> = Vec::new();
    let push_group = |stack: &mut Vec<(Item, usize, bool, String)>,
                      items: Vec<Item>,
                      depth: usize,
                      indent: &str| {
        let last = items.len().saturating_sub(1);
        for (k, item) in items.into_iter().enumerate().rev() {
            stack.push((item, depth, k == last, indent.to_owned()));
        }
    };
    push_group(&mut stack, group(&links.roots, unread), 0, "");
    while let Some((item, depth, last, indent)) = stack.pop() {
        let prefix = if depth == 0 {
            String::new()
        } else {
            format!("{indent}{}", if last { last_branch } else { branch })
        };
        match item {
            Item::Folded(count) => out.push(TreeRow {
                prefix,
                name: folded_text(count, opts.symbols),
                pids: String::new(),
                pid: None,
                depth,
                kind: RowKind::Folded { count },
            }),
            Item::Node(i) => {
                let p = &procs[i];
                let parent_ns = match links.parent[i] {
                    Some(up) => procs[up].pidns,
                    None => opts.home_ns,
                };
                let ns_boundary = match (p.pidns, parent_ns) {
                    (Some(ns), Some(up)) if ns != up => Some(ns),
                    _ => None,
                };
                out.push(TreeRow {
                    prefix,
                    name: display_name(&p.name),
                    pids: pid_label(p),
                    pid: Some(p.pid),
                    depth,
                    kind: RowKind::Process {
                        nested: is_nested(p, opts.home_ns),
                        marked: opts.marked.contains(&p.pid),
                        ns_boundary,
                        zombie: p.zombie,
                    },
                });
                let child_indent = if depth == 0 {
                    String::new()
                } else {
                    format!("{indent}{}", if last { blank } else { pipe })
                };
                push_group(
                    &mut stack,
                    group(&links.children[i], 0),
                    depth + 1,
                    &child_indent,
                );
            }
        }
    }
    out
}

fn folded_text(count: usize, symbols: &Symbols) -> String {
    let dots = symbols.ellipsis;
    let noun = if count == 1 { "process" } else { "processes" };
    format!("{dots} {count} other {noun}")
}
