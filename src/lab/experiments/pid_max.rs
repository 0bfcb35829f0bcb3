//! pid-max: since Linux 6.14 `/proc/sys/kernel/pid_max` belongs to the PID namespace of
//! the process that reads or writes it. A namespace that lowers its own limit leaves its
//! parent's (and the machine's) alone; its PIDs wrap at the limit, back to 300, not 2
//! (the kernel keeps the numbers below 300 for the processes of early boot, and once
//! past them never hands them out again); and when every number from 300 to the limit is
//! taken, fork() there fails with EAGAIN while the parent namespace forks on. (The limit
//! may not go below 301, nor below 8 per possible CPU.) On an older
//! kernel pid_max is one value for the whole machine: the experiment then writes nothing
//! (a write as root would change the machine's limit) and says only what the kernel is.
//! Independent check: the kernel's selftest pid_namespace/pid_max.c (`simple`: no PID
//! at or beyond the namespace's limit; `nested_limit`: fork fails at an ancestor's
//! limit); tests/chapter3_live.rs reads pid_max outside and the PIDs itself.

use super::kernel::{self, Reports, errno_name};
use super::sandbox::Sandbox;
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};

/// The numbers below this one are never handed out again once the PIDs have wrapped
/// (`RESERVED_PIDS` in the kernel).
pub const RESERVED: i64 = 300;

/// How many numbers above `RESERVED` the nested namespace keeps: its limit is the
/// lowest the kernel allows plus these, so that few processes fill it.
const ROOM: i64 = 10;

/// The first release whose pid_max is per PID namespace.
const PER_NAMESPACE_SINCE: (u32, u32) = (6, 14);

/// What the kernel is, and, where pid_max is per namespace, what a namespace's own limit
/// did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PidMax {
    /// The kernel's release (`uname -r`), and whether it is 6.14 or later.
    pub kernel_release: String,
    pub per_namespace: bool,
    /// The sandbox's own pid_max, before the nested namespace set its limit and after.
    pub outside_before: i64,
    pub outside_after: i64,
    /// Every field `None` (`null`: the lesson's sentences about them do not apply) on a
    /// kernel without a per-namespace pid_max: nothing was written.
    #[serde(flatten)]
    pub limited: Limited,
}

/// The nested namespace that lowered its own pid_max.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limited {
    /// pid_max as the nested namespace read it first (a new namespace's), what the write
    /// of `limit` returned (`0`), and what it read then (`limit`).
    pub inside_before: Option<i64>,
    pub limit: Option<i64>,
    pub write: Option<String>,
    pub inside_after: Option<i64>,
    /// The PIDs either side of the wrap: the last before it (`limit - 1`) and the first
    /// after it (300).
    pub last_before_wrap: Option<i32>,
    pub first_after_wrap: Option<i32>,
    /// The PIDs of the processes that then stayed, until fork() failed, and what that
    /// fork() returned (`-1 (EAGAIN)`).
    pub holders: Option<Vec<i32>>,
    pub fork_when_full: Option<String>,
    /// What a fork() of the sandbox returned at that moment: a PID (its own limit is not
    /// the nested namespace's).
    pub outside_fork_when_full: Option<String>,
}

/// The experiment, as its step registers it.
pub const EXPERIMENT: super::Experiment = |sandbox| super::json(run(sandbox));

pub fn run(sandbox: &mut Sandbox) -> Result<PidMax, String> {
    let kernel_release = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map_err(|e| format!("read osrelease: {e}"))?
        .trim()
        .to_string();
    let per_namespace = release(&kernel_release) >= Some(PER_NAMESPACE_SINCE);
    let outside_before = kernel::sysctl("kernel/pid_max")?;
    let limited = if per_namespace {
        limited(sandbox)?
    } else {
        Limited::default()
    };
    Ok(PidMax {
        kernel_release,
        per_namespace,
        outside_before,
        outside_after: kernel::sysctl("kernel/pid_max")?,
        limited,
    })
}

/// `(major, minor)` of a release such as `6.18.44-fc-v1300`.
fn release(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.split(|c: char| !c.is_ascii_digit());
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// The lowest pid_max the kernel accepts: `max(RESERVED_PIDS + 1, 8 * possible CPUs)`
/// (kernel/pid.c), the CPUs counted from a list such as `0-3,8-11`.
fn lowest_accepted() -> i64 {
    let possible = std::fs::read_to_string("/sys/devices/system/cpu/possible").unwrap_or_default();
    (RESERVED + 1).max(8 * cpus_in(&possible))
}

/// How many CPUs a list such as `0-3,8-11` names.
fn cpus_in(list: &str) -> i64 {
    list.trim()
        .split(',')
        .filter_map(|range| match range.split_once('-') {
            Some((lo, hi)) => Some(hi.parse::<i64>().ok()? - lo.parse::<i64>().ok()? + 1),
            None => range.parse::<i64>().ok().map(|_| 1),
        })
        .sum()
}

/// A nested namespace lowers its pid_max, forks past the wrap, then until it is full.
fn limited(sandbox: &mut Sandbox) -> Result<Limited, String> {
    let mut said = Reports::new()?;
    let init = kernel::spawn_init("limited-init", || {
        if kernel::own_proc().is_err() {
            return 1;
        }
        said.send(&fill(lowest_accepted() + ROOM));
        kernel::hold()
    })?;
    let result = said.recv::<Result<Limited, String>>().and_then(|inside| {
        let mut inside = inside?;
        // While the nested namespace is full: its tree, and a fork of ours.
        sandbox.show(sandbox.view_of(init))?;
        inside.outside_fork_when_full = Some(kernel::fork_returned(kernel::spawn("outside", || 0)));
        Ok(inside)
    });
    // Its init's death ends the holders.
    let _ = kernel::end(init);
    result
}

/// Run by the nested namespace's PID 1: set the limit, wrap, fill.
fn fill(limit: i64) -> Result<Limited, String> {
    // Only ever written by the PID 1 of a namespace of its own.
    if nix::unistd::getpid().as_raw() != 1 {
        return Err("refusing to set pid_max outside a namespace of its own".into());
    }
    let inside_before = kernel::sysctl("kernel/pid_max")?;
    let write = kernel::returned(kernel::set_sysctl("kernel/pid_max", limit));
    let inside_after = kernel::sysctl("kernel/pid_max")?;
    // Children that exit at once, until a PID comes out lower than the one before.
    let mut last = 1;
    let mut wrapped = None;
    for _ in 0..2 * limit {
        let pid = kernel::spawn("filler", || 0).map_err(|e| format!("fork: {}", errno_name(e)))?;
        kernel::reap(pid)?;
        if pid.as_raw() < last {
            wrapped = Some((last, pid.as_raw()));
            break;
        }
        last = pid.as_raw();
    }
    let (last_before_wrap, first_after_wrap) =
        wrapped.ok_or_else(|| format!("no wrap in {} forks", 2 * limit))?;
    // Children that stay, until fork() fails (the numbers 300..limit are all taken).
    let mut holders: Vec<Pid> = Vec::new();
    let fork_when_full = loop {
        match kernel::spawn("holder", || kernel::hold()) {
            Ok(pid) => holders.push(pid),
            Err(errno) => break format!("-1 ({})", errno_name(errno)),
        }
        if holders.len() as i64 > limit {
            break "no failure".to_string();
        }
    };
    // Each holder names itself after the fork: wait for that, so the trees say "holder".
    kernel::wait_until(|| holders.iter().all(|&h| kernel::named(h, "holder")));
    Ok(Limited {
        inside_before: Some(inside_before),
        limit: Some(limit),
        write: Some(write),
        inside_after: Some(inside_after),
        last_before_wrap: Some(last_before_wrap),
        first_after_wrap: Some(first_after_wrap),
        holders: Some(holders.iter().map(|p| p.as_raw()).collect()),
        fork_when_full: Some(fork_when_full),
        outside_fork_when_full: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_compare_by_major_then_minor() {
        assert_eq!(release("6.18.44-fc-v1300"), Some((6, 18)));
        assert_eq!(release("6.9.0"), Some((6, 9)));
        assert!(release("6.9.0") < Some(PER_NAMESPACE_SINCE));
        assert!(release("6.14") >= Some(PER_NAMESPACE_SINCE));
        assert!(release("7.0.1-rc2") >= Some(PER_NAMESPACE_SINCE));
        assert_eq!(release("junk"), None);
    }

    #[test]
    fn cpu_lists_are_counted() {
        assert_eq!(cpus_in("0-1\n"), 2);
        assert_eq!(cpus_in("0-15,32-47"), 32);
        assert_eq!(cpus_in("0"), 1);
        assert_eq!(cpus_in(""), 0);
    }
}
