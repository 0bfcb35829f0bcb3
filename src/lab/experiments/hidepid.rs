//! hidepid: a proc mount has options of its own (since Linux 5.8 each mount its own
//! instance). `hidepid=invisible` hides from a reader every process it may not ptrace:
//! root still lists them all, an unprivileged process only its own. One group is let
//! through, the one named by `gid=`, which defaults to the machine's group 0. `subset=pid`
//! leaves only the processes: no /proc/sys, no /proc/meminfo, nothing of the machine.
//! What hardened containers mount. The unprivileged reader is uid 65534 where the lab
//! has more than one uid (mode root); in mode userns the user namespace maps one uid
//! only, so the reader is that uid without its capabilities (a process with fewer
//! capabilities may not ptrace one with more), and when the tutor runs as root its group
//! is the machine's group 0, which hidepid lets through. Independent check: the kernel's
//! selftest proc/proc-subset-pid.c (subset=pid); none asserts hidepid=invisible, so
//! tests/chapter3_live.rs lists /proc itself.

use super::kernel::{self, Reports};
use super::nesting::ListedProc;
use super::sandbox::Sandbox;
use crate::procs::Snapshot;
use nix::errno::Errno;
use nix::mount::{MsFlags, mount};
use nix::unistd::{Gid, Uid, setgroups, setresgid, setresuid};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The unprivileged reader's uid where the lab has it.
const NOBODY: u32 = 65534;

/// What each reader listed under each mount.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hidepid {
    /// The processes as root lists them under `hidepid=invisible`: all of them.
    pub root_sees: Vec<ListedProc>,
    /// Who the unprivileged reader was (true: uid 65534; false: uid 0 without any
    /// capability, where the user namespace maps one uid only), its group on the
    /// machine (outside every user namespace), and what it listed under the same mount:
    /// itself and its own child only, unless that group is 0.
    pub reader_other_user: bool,
    pub reader_machine_gid: Option<u32>,
    pub reader_sees: Vec<ListedProc>,
    /// What opening PID 1's status gave that reader (`ENOENT`: not hidden behind EPERM,
    /// simply not there).
    pub reader_opens_pid_1: String,
    /// Names other than processes in a proc mounted as usual, how many (`sys`,
    /// `meminfo`, ...), and under `subset=pid` which (`self`, `thread-self`).
    pub plain_other_entries: usize,
    pub subset_other_entries: Vec<String>,
    /// What opening /proc/sys/kernel/pid_max gave under `subset=pid` (`ENOENT`).
    pub subset_opens_sys: String,
    /// The processes under `subset=pid`: the same as root's.
    pub subset_sees: Vec<ListedProc>,
}

/// The experiment, as its step registers it.
pub const EXPERIMENT: super::Experiment = |sandbox| super::json(run(sandbox));

pub fn run(sandbox: &mut Sandbox) -> Result<Hidepid, String> {
    let mut said = Reports::new()?;
    // A process that is root's, to be hidden or not: a daemon of the lab.
    let daemon = kernel::spawn("daemon", || kernel::hold()).map_err(|e| format!("fork: {e}"))?;
    // It names itself after the fork; the lists below should say "daemon".
    kernel::wait_until(|| kernel::named(daemon, "daemon"));
    let looker = kernel::spawn("looker", || {
        said.send(&look());
        kernel::hold()
    })
    .map_err(|e| format!("fork: {e}"));
    let result = looker.and_then(|looker| {
        let facts = said.recv::<Result<Hidepid, String>>()?;
        // The moment: what the looker's mount (hidepid=invisible) shows root.
        let shown = sandbox.show(sandbox.view_of(looker));
        let _ = kernel::end(looker);
        shown?;
        facts
    });
    let _ = kernel::end(daemon);
    result
}

/// In a mount namespace of its own: proc with `hidepid=invisible`, listed as root and as
/// the unprivileged reader; then proc with `subset=pid`.
fn look() -> Result<Hidepid, String> {
    crate::lab::mounts::private_mount_ns()?;
    let plain_other_entries = entries()?.1.len();
    mount_proc("hidepid=invisible")?;
    let root_sees = seen();
    let (reader_other_user, reader_machine_gid, reader_sees, reader_opens_pid_1) = as_reader()?;
    mount_proc("subset=pid")?;
    let (_, subset_other_entries) = entries()?;
    let subset_opens_sys = kernel::opened("/proc/sys/kernel/pid_max");
    Ok(Hidepid {
        root_sees,
        reader_other_user,
        reader_machine_gid,
        reader_sees,
        reader_opens_pid_1,
        plain_other_entries,
        subset_other_entries,
        subset_opens_sys,
        subset_sees: seen(),
    })
}

/// A fresh proc over /proc with these options (a new mount on top of the last one).
fn mount_proc(options: &str) -> Result<(), String> {
    let flags = MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC;
    mount(Some("proc"), "/proc", Some("proc"), flags, Some(options))
        .map_err(|e| format!("mount proc -o {options}: {e}"))
}

/// The processes our /proc lists, by name and PID.
fn seen() -> Vec<ListedProc> {
    ListedProc::all(&Snapshot::read_all(Path::new("/proc")))
}

/// The names in /proc: the processes' and the others, sorted.
fn entries() -> Result<(Vec<String>, Vec<String>), String> {
    let dir = std::fs::read_dir("/proc").map_err(|e| format!("list /proc: {e}"))?;
    let mut names: Vec<String> = dir
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    Ok(names
        .into_iter()
        .partition(|n| n.bytes().all(|b| b.is_ascii_digit())))
}

/// What the reader says: whether it became another user, its group on the machine, what
/// it listed, and what opening PID 1's status gave.
type Said = (bool, Option<u32>, Vec<ListedProc>, String);

/// A child that becomes the unprivileged reader, starts a child of its own, and lists
/// /proc.
fn as_reader() -> Result<Said, String> {
    let mut said = Reports::new()?;
    let reader = kernel::spawn("reader", || {
        let result = become_unprivileged().and_then(|who| {
            let mut named = Reports::new()?;
            let own = kernel::spawn("readers-child", || {
                named.send(&());
                kernel::hold()
            })
            .map_err(|e| format!("fork: {e}"))?;
            named.recv::<()>()?;
            let sees = seen();
            let opens = kernel::opened("/proc/1/status");
            let _ = kernel::end(own);
            Ok((who, machine_gid(), sees, opens))
        });
        said.send(&result);
        0
    })
    .map_err(|e| format!("fork: {e}"))?;
    let result = said.recv::<Result<Said, String>>();
    kernel::reap(reader)?;
    result?
}

/// Our group as the machine knows it: through each `gid_map` line `inside outside count`.
fn machine_gid() -> Option<u32> {
    let gid = nix::unistd::getgid().as_raw();
    let map = std::fs::read_to_string("/proc/self/gid_map").ok()?;
    map.lines().find_map(|line| {
        let [inside, outside, count] = line
            .split_whitespace()
            .filter_map(|n| n.parse::<u64>().ok())
            .collect::<Vec<_>>()[..]
        else {
            return None;
        };
        let gid = u64::from(gid);
        (inside..inside + count)
            .contains(&gid)
            .then(|| u32::try_from(outside + gid - inside).ok())
            .flatten()
    })
}

/// uid 65534 where it is mapped (true); else every capability given up (false).
fn become_unprivileged() -> Result<bool, String> {
    let (uid, gid) = (Uid::from_raw(NOBODY), Gid::from_raw(NOBODY));
    let other_user = setgroups(&[])
        .and_then(|()| setresgid(gid, gid, gid))
        .and_then(|()| setresuid(uid, uid, uid));
    match other_user {
        // Changing credentials made us not dumpable, which would hide even our own
        // children from us; a user's login shell is dumpable.
        Ok(()) => nix::sys::prctl::set_dumpable(true)
            .map(|()| true)
            .map_err(|e| format!("PR_SET_DUMPABLE: {e}")),
        // EINVAL: 65534 is not mapped in this user namespace; EPERM: setgroups denied.
        Err(Errno::EINVAL | Errno::EPERM) => kernel::drop_capabilities()
            .map(|()| false)
            .map_err(|e| format!("give up capabilities: {e}")),
        Err(e) => Err(format!("become uid {NOBODY}: {e}")),
    }
}
