//! What the tutor reads about itself and the host, for the lesson's facts.

use super::facts::NamedPid;
use std::os::unix::fs::MetadataExt;

/// The links in /proc/PID/ns (`self` for the tutor), sorted: one per namespace kind, and
/// on newer kernels `pid_for_children` and `time_for_children` as well.
pub fn ns_links(pid: &str) -> Vec<String> {
    let mut links: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/ns"))
        .map(|dir| {
            dir.flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    links.sort();
    links
}

/// Whether a link in /proc/PID/ns names a namespace *kind*: the `*_for_children` links
/// name the namespace the process's next children get, of a kind already listed.
pub fn is_kind(link: &str) -> bool {
    !link.ends_with("_for_children")
}

/// The namespace kinds of `pid` that `other` does not share: the kinds whose
/// /proc/PID/ns links differ in device or inode (namespaces(7): compare both), sorted.
pub fn kinds_not_shared(pid: &str, other: &str) -> Vec<String> {
    let id = |pid: &str, kind: &str| {
        std::fs::metadata(format!("/proc/{pid}/ns/{kind}"))
            .ok()
            .map(|m| (m.dev(), m.ino()))
    };
    ns_links(pid)
        .into_iter()
        .filter(|kind| is_kind(kind) && id(pid, kind) != id(other, kind))
        .collect()
}

/// The signal a process's parent gets when it ends (field 38 of /proc/PID/stat, the low
/// byte of clone()'s flags), e.g. 17 for SIGCHLD.
pub fn exit_signal(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the name start with field 3 (state), so field 38 is the 36th.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(35)?.parse().ok()
}

/// Processes now in the PID namespace that `ns` (an open /proc/PID/ns/pid) refers to,
/// found by scanning this /proc. Holding `ns` open keeps the namespace, so its inode
/// cannot have been handed to another namespace meanwhile.
pub fn members_of_ns(ns: &std::fs::File) -> usize {
    let Ok(target) = ns.metadata().map(|m| (m.dev(), m.ino())) else {
        return 0;
    };
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0;
    };
    dir.flatten()
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.parse::<u32>().is_ok())
        })
        // A zombie's link cannot be read: it has ended, only its exit status is left.
        .filter(|e| {
            std::fs::metadata(e.path().join("ns/pid")).is_ok_and(|m| (m.dev(), m.ino()) == target)
        })
        .count()
}

/// The inode of a process's PID namespace (`self` for the tutor).
pub fn pid_ns_inode(pid: &str) -> Option<u64> {
    std::fs::metadata(format!("/proc/{pid}/ns/pid"))
        .ok()
        .map(|m| m.ino())
}

/// Name (`comm`) of a host process.
pub fn comm(pid: i32) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .ok()
        .map(|s| s.trim_end().to_string())
}

/// Parent PID of a host process, from its stat line (the name may hold spaces and ')').
pub fn ppid(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(1)?.parse().ok()
}

/// The tutor and each of its ancestors up to PID 1.
pub fn self_chain() -> Vec<NamedPid> {
    let mut chain = Vec::new();
    let mut pid = std::process::id() as i32;
    while pid > 0 && chain.len() < 64 {
        let name = comm(pid).unwrap_or_else(|| "?".into());
        chain.push(NamedPid { pid, name });
        if pid == 1 {
            break;
        }
        pid = ppid(pid).unwrap_or(0);
    }
    chain
}

/// A line of /proc/PID/status, split into numbers (`NSpid:` and friends).
pub fn status_numbers(pid: &str, key: &str) -> Vec<i64> {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return Vec::new();
    };
    status
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .map(|rest| {
            rest.split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The host's mount table as the tutor sees it, to prove the lab did not change it.
pub fn mountinfo() -> String {
    std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default()
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
