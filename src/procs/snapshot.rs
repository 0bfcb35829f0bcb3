//! A snapshot of processes as one /proc mount shows them.
//!
//! Two ways to take one: `read_all` (every process; the `tree` command) and `read_focused`
//! (only the processes around a few PIDs; the TUI, every second, on hosts with thousands
//! of processes). Both leave out processes that vanish mid-read and never print anything.

use super::read::Reader;
use serde::{Deserialize, Serialize};
use std::collections::{HashSet, VecDeque};
use std::path::Path;

/// One process, as seen through one /proc mount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proc {
    /// PID in the namespace of the /proc mount it was read from.
    pub pid: i32,
    /// Parent PID in that same namespace (0 when the parent is outside it).
    pub ppid: i32,
    /// The command name (`comm`), raw, except that bytes which are not UTF-8 are written
    /// as `\xNN`; escape it with `label::display_name` before display.
    pub name: String,
    /// `NSpid` from status: the PID in the mount's namespace, then in each nested one down
    /// to the process's own. `[pid]` for a process in the mount's own namespace. Empty
    /// when it was not read.
    pub nspid: Vec<i32>,
    /// Inode of the process's PID namespace (`/proc/PID/ns/pid`), when readable.
    pub pidns: Option<u64>,
    /// Ended and not yet reaped by its parent (state `Z`). Left out of the JSON when
    /// false, so recordings made before it read the same.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub zombie: bool,
}

/// The processes one /proc mount showed at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Sorted by pid.
    pub procs: Vec<Proc>,
    /// How many processes the mount listed in all, including those not read in detail.
    pub total: usize,
}

/// Reads single processes, remembering the namespace of the mount itself so that `status`
/// is opened only for processes in other (nested) namespaces.
struct ProcReader {
    r: Reader,
    /// Pid-ns inode of the mount's own namespace: processes sharing it have
    /// `NSpid == [pid]`, so their status need not be read. Why not /proc/self's: a reader
    /// inside a nested namespace may read the host's /proc (the "leak" of the lesson);
    /// then its own namespace is not the mount's. Taken from PID 1 when its link is
    /// readable, else learnt from the first process whose NSpid has one entry.
    mount_ns: Option<u64>,
}

impl ProcReader {
    fn new(root: &Path) -> ProcReader {
        let mut r = Reader::new(root);
        let mount_ns = r.pidns(1);
        ProcReader { r, mount_ns }
    }

    fn read(&mut self, pid: i32) -> Option<Proc> {
        let (ppid, name, zombie) = self.r.stat_and_state(pid)?;
        let pidns = self.r.pidns(pid);
        let nspid = match (pidns, self.mount_ns) {
            (Some(ns), Some(m)) if ns == m => vec![pid],
            // Nested, or unknown (ns links of others' processes are unreadable without
            // privilege): status tells. If status is gone too, the process is gone.
            _ => {
                let nspid = self.r.nspid(pid)?;
                if self.mount_ns.is_none() && nspid.len() == 1 {
                    self.mount_ns = pidns;
                }
                nspid
            }
        };
        Some(Proc {
            pid,
            ppid,
            name,
            nspid,
            pidns,
            zombie,
        })
    }
}

impl Snapshot {
    /// Reads every process under `root` (normally `/proc`). Processes that vanish while
    /// being read are left out.
    pub fn read_all(root: &Path) -> Snapshot {
        let mut pr = ProcReader::new(root);
        let pids = pr.r.pids();
        let total = pids.len();
        let procs = pids.into_iter().filter_map(|pid| pr.read(pid)).collect();
        Snapshot { procs, total }
    }

    /// Reads only each focus PID's ancestors (following `ppid` in stat) and its whole
    /// subtree (following PID/task/TID/children), plus `total`, the number of processes
    /// the root lists (a readdir, no file reads). Cheap enough to refresh every second on
    /// a crowded host. Focus PIDs that do not exist are ignored.
    pub fn read_focused(root: &Path, focus: &[i32]) -> Snapshot {
        let mut snapshot = Snapshot::read_focused_uncounted(root, focus);
        snapshot.total = Snapshot::count(root).max(snapshot.procs.len());
        snapshot
    }

    /// How many processes `root` lists. On a crowded host this readdir is most of what a
    /// focused read costs, so a caller refreshing every second may count less often.
    pub fn count(root: &Path) -> usize {
        Reader::new(root).pids().len()
    }

    /// `read_focused` without the count: `total` is just the number of processes read.
    pub fn read_focused_uncounted(root: &Path, focus: &[i32]) -> Snapshot {
        let mut pr = ProcReader::new(root);
        let mut seen: HashSet<i32> = HashSet::new();
        let mut procs = Vec::new();
        for &f in focus {
            // Ancestors, the focus included.
            let mut pid = f;
            while pid > 0 && seen.insert(pid) {
                match pr.read(pid) {
                    Some(p) => {
                        pid = p.ppid;
                        procs.push(p);
                    }
                    None => break,
                }
            }
            // Descendants, breadth first. The focus itself was read above (if alive).
            let mut queue: VecDeque<i32> = pr.r.children(f).into();
            while let Some(pid) = queue.pop_front() {
                if !seen.insert(pid) {
                    continue;
                }
                if let Some(p) = pr.read(pid) {
                    procs.push(p);
                    queue.extend(pr.r.children(pid));
                }
            }
        }
        procs.sort_unstable_by_key(|p| p.pid);
        let total = procs.len();
        Snapshot { procs, total }
    }

    /// The process with this pid, if the snapshot has it.
    pub fn get(&self, pid: i32) -> Option<&Proc> {
        // Snapshots we read are sorted; one built by hand may not be.
        match self.procs.binary_search_by_key(&pid, |p| p.pid) {
            Ok(i) => self.procs.get(i),
            Err(_) => self.procs.iter().find(|p| p.pid == pid),
        }
    }
}
