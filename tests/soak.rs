//! 200 spawn/teardown cycles of the lab in one process end with the same number of open
//! descriptors and threads as after the first, and no zombie.

mod common;

use common::*;
use pidns_tutor::lab::Lab;

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .map(|d| d.count())
        .unwrap_or(0)
}

fn threads() -> usize {
    std::fs::read_dir("/proc/self/task")
        .map(|d| d.count())
        .unwrap_or(0)
}

/// Children of this process that are zombies.
fn zombies() -> Vec<i32> {
    let me = std::process::id() as i32;
    pidns_tutor::procs::Snapshot::read_all(std::path::Path::new("/proc"))
        .procs
        .iter()
        .filter(|p| p.ppid == me && is_zombie(p.pid))
        .map(|p| p.pid)
        .collect()
}

fn cycle(mode: pidns_tutor::lab::Mode) -> u64 {
    let mut lab = Lab::spawn_with(mode, exe()).expect("spawn");
    assert_eq!(lab.identity().expect("identity").pid, 1);
    lab.pid_ns_inode()
}

#[test]
fn two_hundred_labs_leak_nothing() {
    if !live_or_skip("two_hundred_labs_leak_nothing") {
        return;
    }
    let mode = pidns_tutor::check::Availability::probe(exe())
        .chosen()
        .expect("a mode");
    let first = cycle(mode);
    let (fds, tasks) = (open_fds(), threads());
    let mut last = first;
    for _ in 1..200 {
        last = cycle(mode);
    }
    assert_eq!(open_fds(), fds, "descriptors leaked over 200 labs");
    assert_eq!(threads(), tasks, "threads leaked over 200 labs");
    assert!(zombies().is_empty(), "zombies: {:?}", zombies());
    assert!(members_of(first).is_empty() && members_of(last).is_empty());
}
