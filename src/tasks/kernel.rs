//! The few kernel facts the checkers read, all from the host side, through the tutor's one
//! /proc reader (`procs::Reader`): a process's stat line, its NSpid, its namespace links,
//! its children, and what its own /proc shows (through `/proc/PID/root/proc`, without
//! entering any namespace). Every read may fail because a process just ended: each
//! function then says `None` or nothing, and the checker treats the process as gone.
//!
//! Man pages: proc_pid_stat(5), proc_pid_status(5), proc_pid_ns(5), proc_pid_root(5),
//! statx(2) (`STATX_MNT_ID`).

use crate::procs::{Reader, Who};
use std::path::{Path, PathBuf};

/// The host's /proc: the tutor's view.
pub const HOST: &str = "/proc";

/// The fields of /proc/PID/stat a checker uses. PIDs are numbered by the /proc they were
/// read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProcStat {
    pub state: char,
    pub ppid: i32,
    pub pgid: i32,
    /// When it started, in clock ticks since boot (field 22): with the PID, a name that a
    /// recycled PID cannot take over.
    pub start: u64,
}

impl ProcStat {
    /// Ended but not yet reaped (or being torn down).
    pub fn ended(&self) -> bool {
        matches!(self.state, 'Z' | 'X' | 'x')
    }
}

/// /proc/PID/stat below `root`.
pub fn stat_in(root: &Path, pid: i32) -> Option<ProcStat> {
    let stat = Reader::new(root).full_stat(pid)?;
    Some(ProcStat {
        state: stat.state,
        ppid: stat.ppid,
        pgid: stat.pgrp,
        start: stat.starttime,
    })
}

/// /proc/PID/stat in the host's /proc.
pub fn stat(pid: i32) -> Option<ProcStat> {
    stat_in(Path::new(HOST), pid)
}

/// Whether host process `pid` is the one that started at `start` and has not ended.
pub fn alive(pid: i32, start: u64) -> bool {
    stat(pid).is_some_and(|s| s.start == start && !s.ended())
}

/// The `NSpid` line of a host process: its PID in the host /proc's namespace first, then
/// in each nested namespace down to its own.
pub fn nspid(pid: i32) -> Vec<i32> {
    Reader::new(Path::new(HOST)).nspid(pid).unwrap_or_default()
}

/// The inode of a namespace link (`pid`, `mnt`, `pid_for_children`) of a process below
/// `root`; `None` when it cannot be read (a zombie's, or a `pid_for_children` whose
/// namespace has had no process yet).
pub fn ns_in(root: &Path, pid: i32, link: &str) -> Option<u64> {
    Reader::new(root).ns_id(pid, link).map(|(_, inode)| inode)
}

/// A namespace link of a host process.
pub fn ns(pid: i32, link: &str) -> Option<u64> {
    ns_in(Path::new(HOST), pid, link)
}

/// A namespace link of the tutor itself.
pub fn own_ns(link: &str) -> Option<u64> {
    Reader::new(Path::new(HOST))
        .ns_id(Who::Myself, link)
        .map(|(_, inode)| inode)
}

/// The children of a host process (of every thread of it).
pub fn children(pid: i32) -> Vec<i32> {
    Reader::new(Path::new(HOST)).children(pid)
}

/// Every host process below `roots` (not the roots themselves), each once, parents
/// before children. Following children stays cheap on a crowded host.
pub fn descendants(roots: &[i32]) -> Vec<i32> {
    let mut reader = Reader::new(Path::new(HOST));
    let mut found: Vec<i32> = Vec::new();
    let mut queue: Vec<i32> = roots.to_vec();
    let mut next = 0;
    while next < queue.len() {
        let pid = queue[next];
        next += 1;
        for child in reader.children(pid) {
            if !queue.contains(&child) {
                queue.push(child);
                found.push(child);
            }
        }
    }
    found
}

/// The /proc that process `pid` sees, read from the host: its root, then `proc`.
pub fn proc_of(pid: i32) -> PathBuf {
    PathBuf::from(format!("{HOST}/{pid}/root/proc"))
}

/// The name (`comm`) of a host process, as the trees show it.
pub fn name(pid: i32) -> Option<String> {
    Reader::new(Path::new(HOST)).stat(pid).map(|(_, name)| name)
}

/// The mount ID (unique on this machine while the mount exists) of the mount at `path`;
/// for a /proc, it tells one proc mount from another.
pub fn mount_id(path: &Path) -> Option<u64> {
    use rustix::fs::{AtFlags, CWD, StatxFlags, statx};
    let found = statx(CWD, path, AtFlags::empty(), StatxFlags::MNT_ID).ok()?;
    (found.stx_mask & StatxFlags::MNT_ID.bits() != 0).then_some(found.stx_mnt_id)
}

/// Now, in the clock `starttime` counts in: ticks since boot (CLOCK_BOOTTIME, as the
/// kernel's `start_boottime`).
pub fn now_ticks() -> u64 {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
    let hz = match rustix::param::clock_ticks_per_second() {
        0 => 100,
        n => n,
    };
    let nanos = now.tv_sec as u64 * 1_000_000_000 + now.tv_nsec as u64;
    nanos / (1_000_000_000 / hz)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_its_own_stat_and_namespaces() {
        let me = std::process::id() as i32;
        let own = stat(me).expect("own stat");
        assert!(!own.ended());
        assert!(own.start <= now_ticks(), "started before now");
        assert!(alive(me, own.start));
        assert!(
            !alive(me, own.start + 1),
            "another start is another process"
        );
        assert_eq!(nspid(me).first(), Some(&me));
        assert_eq!(ns(me, "pid"), own_ns("pid"));
        assert!(mount_id(Path::new("/proc")).is_some());
    }

    #[test]
    fn finds_children_and_their_children() {
        let mut child = std::process::Command::new("sh")
            .args(["-c", "sleep 30 & wait"])
            .spawn()
            .expect("spawn sh");
        let sh = child.id() as i32;
        let mut below = Vec::new();
        for _ in 0..500 {
            below = descendants(&[sh]);
            if !below.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(below.len(), 1, "the sleep under sh: {below:?}");
        assert_eq!(stat(below[0]).map(|s| s.ppid), Some(sh));
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(below[0]),
            nix::sys::signal::Signal::SIGKILL,
        );
        let _ = child.wait();
    }
}
