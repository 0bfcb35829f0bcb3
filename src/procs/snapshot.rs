//! A snapshot of processes as one /proc mount shows them.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// One process, as seen through one /proc mount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proc {
    /// PID in the namespace of the /proc mount it was read from.
    pub pid: i32,
    /// Parent PID in that same namespace (0 when the parent is outside it).
    pub ppid: i32,
    /// The command name (`comm`), raw; escape it before display.
    pub name: String,
    /// `NSpid` from status: the PID in the mount's namespace, then in each nested one down
    /// to the process's own. Empty when it was not read.
    pub nspid: Vec<i32>,
    /// Inode of the process's PID namespace (`/proc/PID/ns/pid`), when readable.
    pub pidns: Option<u64>,
}

/// The processes one /proc mount showed at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub procs: Vec<Proc>,
    /// How many processes the mount listed in all, including those not read in detail.
    pub total: usize,
}

impl Snapshot {
    /// Reads every process under `root` (normally `/proc`). Processes that vanish while
    /// being read are left out.
    pub fn read_all(root: &Path) -> Snapshot {
        let mut procs = Vec::new();
        if let Ok(entries) = std::fs::read_dir(root) {
            for entry in entries.flatten() {
                let Some(pid) = entry
                    .file_name()
                    .to_str()
                    .and_then(|s| s.parse::<i32>().ok())
                else {
                    continue;
                };
                let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                    continue;
                };
                let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
                    continue;
                };
                let name = stat[open + 1..close].to_string();
                let ppid = stat[close + 1..]
                    .split_whitespace()
                    .nth(1)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                let nspid = std::fs::read_to_string(entry.path().join("status"))
                    .ok()
                    .and_then(|s| {
                        s.lines().find(|l| l.starts_with("NSpid:")).map(|l| {
                            l[6..]
                                .split_whitespace()
                                .filter_map(|x| x.parse().ok())
                                .collect()
                        })
                    })
                    .unwrap_or_default();
                use std::os::unix::fs::MetadataExt;
                let pidns = std::fs::metadata(entry.path().join("ns/pid"))
                    .ok()
                    .map(|m| m.ino());
                procs.push(Proc {
                    pid,
                    ppid,
                    name,
                    nspid,
                    pidns,
                });
            }
        }
        procs.sort_by_key(|p| p.pid);
        let total = procs.len();
        Snapshot { procs, total }
    }

    /// Stand-in until the focused reader lands: reads everything.
    pub fn read_focused(root: &Path, focus: &[i32]) -> Snapshot {
        let _ = focus;
        Snapshot::read_all(root)
    }

    pub fn get(&self, pid: i32) -> Option<&Proc> {
        self.procs.iter().find(|p| p.pid == pid)
    }
}
