//! What the tutor reads about itself and the host, for the lesson's facts.

use super::facts::NamedPid;
use std::os::unix::fs::MetadataExt;

/// The namespace kinds this kernel shows in /proc/self/ns, sorted.
pub fn namespace_kinds() -> Vec<String> {
    let mut kinds: Vec<String> = std::fs::read_dir("/proc/self/ns")
        .map(|dir| {
            dir.flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    kinds.sort();
    kinds
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
