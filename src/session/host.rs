//! What the tutor reads about itself and the host, for the lesson's facts. Every /proc
//! read goes through the one reader, `procs::Reader`.

use crate::procs::{Reader, Who};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// A process named in a fact: `{"pid": 5578, "name": "bash"}`, said "bash 5578".
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NamedPid {
    pub pid: i32,
    pub name: String,
}

/// The tutor's own /proc.
fn proc() -> Reader {
    Reader::new(Path::new("/proc"))
}

/// "self" or a PID, as the facts name processes.
fn who(pid: &str) -> Option<Who> {
    match pid {
        "self" => Some(Who::Myself),
        n => n.parse().ok().map(Who::Pid),
    }
}

/// The links in /proc/PID/ns (`self` for the tutor), sorted: one per namespace kind, and
/// on newer kernels `pid_for_children` and `time_for_children` as well.
pub fn ns_links(pid: &str) -> Vec<String> {
    who(pid)
        .map(|w| proc().namespaces(w).into_keys().collect())
        .unwrap_or_default()
}

/// Whether a link in /proc/PID/ns names a namespace *kind*: the `*_for_children` links
/// name the namespace the process's next children get, of a kind already listed.
pub fn is_kind(link: &str) -> bool {
    !link.ends_with("_for_children")
}

/// The namespace kinds of `pid` that `other` does not share: the kinds whose
/// /proc/PID/ns links differ in device or inode (namespaces(7): compare both), sorted.
pub fn kinds_not_shared(pid: &str, other: &str) -> Vec<String> {
    let (Some(pid), Some(other)) = (who(pid), who(other)) else {
        return Vec::new();
    };
    let mut r = proc();
    let (ours, theirs) = (r.namespaces(pid), r.namespaces(other));
    ours.into_iter()
        .filter(|(kind, id)| is_kind(kind) && theirs.get(kind) != Some(id))
        .map(|(kind, _)| kind)
        .collect()
}

/// The signal a process's parent gets when it ends (field 38 of /proc/PID/stat, the low
/// byte of clone()'s flags), e.g. 17 for SIGCHLD.
pub fn exit_signal(pid: i32) -> Option<i32> {
    proc().exit_signal(pid)
}

/// Processes now in the PID namespace that `ns` (an open /proc/PID/ns/pid) refers to,
/// found by scanning this /proc. Holding `ns` open keeps the namespace, so its inode
/// cannot have been handed to another namespace meanwhile.
pub fn members_of_ns(ns: &std::fs::File) -> usize {
    members_of_any(std::slice::from_ref(ns))
}

/// Processes now in any of the PID namespaces `namespaces` refer to, in one scan of
/// /proc however many there are (on a crowded host a scan is a readlink per process).
pub fn members_of_any(namespaces: &[std::fs::File]) -> usize {
    let targets: std::collections::HashSet<(u64, u64)> = namespaces
        .iter()
        .filter_map(|ns| ns.metadata().ok().map(|m| (m.dev(), m.ino())))
        .collect();
    if targets.is_empty() {
        return 0;
    }
    let mut r = proc();
    r.pids()
        .into_iter()
        // A zombie's link cannot be read: it has ended, only its exit status is left.
        .filter(|&pid| r.ns_id(pid, "pid").is_some_and(|id| targets.contains(&id)))
        .count()
}

/// The inode of a process's PID namespace (`self` for the tutor).
pub fn pid_ns_inode(pid: &str) -> Option<u64> {
    proc().pidns(who(pid)?)
}

/// Name (`comm`) of a host process.
pub fn comm(pid: i32) -> Option<String> {
    proc().stat(pid).map(|(_, name)| name)
}

/// Parent PID of a host process.
pub fn ppid(pid: i32) -> Option<i32> {
    proc().stat(pid).map(|(ppid, _)| ppid)
}

/// The tutor and each of its ancestors up to PID 1.
pub fn self_chain() -> Vec<NamedPid> {
    let mut r = proc();
    let mut chain = Vec::new();
    let mut pid = std::process::id() as i32;
    while pid > 0 && chain.len() < 64 {
        let (ppid, name) = r.stat(pid).unwrap_or((0, "?".into()));
        chain.push(NamedPid { pid, name });
        if pid == 1 {
            break;
        }
        pid = ppid;
    }
    chain
}

/// The numbers of one line of /proc/PID/status: the PID lists (`NSpid`, `NStgid`,
/// `NSpgid`, `NSsid`) and single PIDs (`Pid`, `PPid`, `Tgid`, `TracerPid`). Empty when
/// the process is gone, the kernel lacks the line, or the key is none of those.
pub fn status_numbers(pid: &str, key: &str) -> Vec<i64> {
    let Some(status) = who(pid).and_then(|w| proc().status(w)) else {
        return Vec::new();
    };
    let numbers = match key {
        "NSpid" => status.nspid,
        "NStgid" => status.nstgid,
        "NSpgid" => status.nspgid,
        "NSsid" => status.nssid,
        "Pid" => Some(vec![status.pid]),
        "PPid" => Some(vec![status.ppid]),
        "Tgid" => Some(vec![status.tgid]),
        "TracerPid" => Some(vec![status.tracerpid]),
        _ => None,
    };
    numbers
        .unwrap_or_default()
        .into_iter()
        .map(i64::from)
        .collect()
}

/// The host's mount table as the tutor sees it (one line per mount), to prove the lab did
/// not change it.
pub fn mountinfo() -> Vec<String> {
    proc().mount_table(Who::Myself)
}

pub fn hostname() -> String {
    nix::unistd::gethostname()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The running kernel, as `uname -sr` prints it.
pub fn kernel() -> String {
    nix::sys::utsname::uname()
        .map(|u| {
            format!(
                "{} {}",
                u.sysname().to_string_lossy(),
                u.release().to_string_lossy()
            )
        })
        .unwrap_or_else(|_| "unknown kernel".into())
}
