//! `pidns-tutor tree`: this machine's process tree, like `pstree -p`, with PID namespaces.
//!
//! Every process is printed on its own line as `name PIDS`. A process in a nested PID
//! namespace is labelled with its PID in each namespace, outermost first, each inner one in
//! parentheses (the post's notation): `bash 5632(1)` is PID 5632 here and PID 1 in its own
//! namespace; `sleep 7012(5(1))` is 7012 here, 5 one level down and 1 two levels down.
//! The first process of each namespace (where the namespace differs from its parent's)
//! carries the namespace's inode, as in `/proc/PID/ns/pid`: `bash 5632(1) [pid:4026532xyz]`.
//!
//! Names are escaped (`label::display_name`), so a name never breaks a line. Threads are
//! not listed. Lines wider than the output are cut with a `+`, as pstree does: the width
//! comes from `COLUMNS`, then from the terminal on stdout; a pipe gets whole lines.

use crate::procs::forest::{ForestOptions, Links, rows};
use crate::procs::{Proc, Reader, Snapshot, Who};
use crate::symbols::Symbols;
use anyhow::{Context, bail};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

const NOTATION: &str = "\
Notation: a process in a nested PID namespace shows its PID in each namespace, outermost
first: `bash 5632(1)` is PID 5632 here and PID 1 inside its namespace; `sleep 7012(5(1))`
is nested two levels deep. `[pid:4026532xyz]` after a process marks where a new PID
namespace begins (the inode of /proc/PID/ns/pid).";

/// Print this machine's process tree, with PIDs in every PID namespace.
#[derive(clap::Args, Debug, Clone, Default)]
#[command(after_help = NOTATION)]
pub struct TreeArgs {
    /// Show only the subtree of this PID (as this /proc numbers it).
    #[arg(long)]
    pub pid: Option<i32>,
    /// Show only processes in PID namespaces other than mine, with their ancestors.
    #[arg(long)]
    pub ns: bool,
    /// Print the forest as JSON: nested {pid, nspid, name, pidns, children}.
    #[arg(long)]
    pub json: bool,
    /// Draw the tree with ASCII characters instead of UTF-8 line drawing.
    #[arg(long)]
    pub ascii: bool,
}

/// Runs `tree` against `/proc`, for the terminal (or pipe) on stdout.
pub fn run(args: &TreeArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    run_at(args, Path::new("/proc"), crate::width::output_width(), out)
}

/// `run` with the /proc root and the width (`None`: never cut) given.
pub fn run_at(
    args: &TreeArgs,
    root: &Path,
    width: Option<usize>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let text = render(args, root, width)?;
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // `tree | head` closes the pipe early; that is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("could not write the tree to the output"),
    }
}

/// The whole output of `tree` as text (or JSON).
pub fn render(args: &TreeArgs, root: &Path, width: Option<usize>) -> anyhow::Result<String> {
    let home_ns = Reader::new(root).pidns(Who::Myself);
    let snap = select(Snapshot::read_all(root), args, home_ns)?;
    if args.json {
        let mut s = serde_json::to_string_pretty(&json_forest(&snap))?;
        s.push('\n');
        return Ok(s);
    }
    let opts = ForestOptions {
        symbols: Symbols::pick(args.ascii),
        home_ns,
        ..ForestOptions::default()
    };
    let mut s = String::new();
    for row in rows(&snap, &opts) {
        let line = row.line();
        match width {
            Some(w) => s.push_str(&cut(&line, w)),
            None => s.push_str(&line),
        }
        s.push('\n');
    }
    Ok(s)
}

/// Applies `--pid` and `--ns` to a full snapshot.
fn select(mut snap: Snapshot, args: &TreeArgs, home_ns: Option<u64>) -> anyhow::Result<Snapshot> {
    if let Some(pid) = args.pid {
        let links = Links::new(&snap);
        let Some(top) = snap.procs.iter().position(|p| p.pid == pid) else {
            bail!(
                "no process with PID {pid} in /proc (it may have exited); \
                 run `pidns-tutor tree` or `ps -e` to see the PIDs there are"
            );
        };
        let mut keep = vec![false; snap.procs.len()];
        let mut stack = vec![top];
        while let Some(i) = stack.pop() {
            keep[i] = true;
            stack.extend(&links.children[i]);
        }
        snap.procs = take_marked(snap.procs, &keep);
        // The chosen process becomes the only root: its parent is no longer in the snapshot.
    }
    if args.ns {
        let links = Links::new(&snap);
        let mut keep = vec![false; snap.procs.len()];
        for (i, p) in snap.procs.iter().enumerate() {
            let nested = match (home_ns, p.pidns) {
                (Some(h), Some(ns)) => h != ns,
                _ => p.nspid.len() > 1,
            };
            let mut at = nested.then_some(i);
            while let Some(j) = at {
                if std::mem::replace(&mut keep[j], true) {
                    break;
                }
                at = links.parent[j];
            }
        }
        snap.procs = take_marked(snap.procs, &keep);
    }
    snap.total = snap.procs.len();
    Ok(snap)
}

fn take_marked(procs: Vec<Proc>, keep: &[bool]) -> Vec<Proc> {
    procs
        .into_iter()
        .zip(keep)
        .filter_map(|(p, &k)| k.then_some(p))
        .collect()
}

/// One process in `--json` output.
#[derive(Serialize)]
struct Node<'a> {
    pid: i32,
    nspid: &'a [i32],
    name: &'a str,
    pidns: Option<u64>,
    children: Vec<Node<'a>>,
}

fn json_forest(snap: &Snapshot) -> Vec<Node<'_>> {
    let links = Links::new(snap);
    // Pre-order, then build bottom-up (children before parents) without recursion.
    let mut order = Vec::with_capacity(snap.procs.len());
    let mut stack: Vec<usize> = links.roots.iter().rev().copied().collect();
    while let Some(i) = stack.pop() {
        order.push(i);
        stack.extend(links.children[i].iter().rev());
    }
    let mut built: Vec<Option<Node>> = (0..snap.procs.len()).map(|_| None).collect();
    for &i in order.iter().rev() {
        let p = &snap.procs[i];
        let children = links.children[i]
            .iter()
            .filter_map(|&c| built[c].take())
            .collect();
        built[i] = Some(Node {
            pid: p.pid,
            nspid: &p.nspid,
            name: &p.name,
            pidns: p.pidns,
            children,
        });
    }
    links
        .roots
        .iter()
        .filter_map(|&r| built[r].take())
        .collect()
}

/// Cuts `line` to `width` terminal columns, ending in `+` when something was cut (as
/// pstree does: a `+` cannot be mistaken for part of a process name).
pub fn cut(line: &str, width: usize) -> String {
    if line.width() <= width || width == 0 {
        return line.to_owned();
    }
    let (kept, _) = line.unicode_truncate(width - 1);
    format!("{kept}+")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_like_pstree() {
        assert_eq!(cut("abcdef", 6), "abcdef");
        assert_eq!(cut("abcdef", 4), "abc+");
        assert_eq!(cut("│ └─한글x", 4), "│ └+");
        assert_eq!(cut("│ └─한글x", 5), "│ └─+");
        assert_eq!(cut("│ └─한글x", 6), "│ └─+");
        assert_eq!(cut("│ └─한글x", 7), "│ └─한+");
    }
}
