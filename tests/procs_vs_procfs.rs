//! Our /proc reader (src/procs/read.rs: procfs's parsers, fed by reads relative to one
//! descriptor of /proc, `status` only for processes in another PID namespace, names kept
//! byte for byte) against plain `procfs::process::all_processes()` on the live /proc: for
//! every process that stayed put while both read, the same parent, name and NSpid.
//! The test starts a few sleepers of its own, so it has something to compare in a PID
//! namespace with hardly any processes (`unshare -pf --mount-proc`) as well.

mod common;

use pidns_tutor::procs::Snapshot;
use std::collections::BTreeMap;
use std::path::Path;

type Seen = BTreeMap<i32, (i32, String, Vec<i32>)>;

fn ours() -> Seen {
    Snapshot::read_all(Path::new("/proc"))
        .procs
        .into_iter()
        .map(|p| (p.pid, (p.ppid, p.name, p.nspid)))
        .collect()
}

fn theirs() -> Seen {
    procfs::process::all_processes()
        .expect("procfs lists /proc")
        .flatten()
        .filter_map(|process| {
            let stat = process.stat().ok()?;
            let nspid = process.status().ok()?.nspid.unwrap_or_default();
            Some((stat.pid, (stat.ppid, stat.comm, nspid)))
        })
        .collect()
}

/// Child processes that sleep until dropped, then are killed and reaped.
struct Sleepers(Vec<std::process::Child>);

impl Sleepers {
    fn start(count: usize) -> Sleepers {
        Sleepers(
            (0..count)
                .map(|_| {
                    std::process::Command::new("sleep")
                        .arg("600")
                        .spawn()
                        .expect("start sleep")
                })
                .collect(),
        )
    }

    fn pids(&self) -> Vec<i32> {
        self.0.iter().map(|c| c.id() as i32).collect()
    }
}

impl Drop for Sleepers {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[test]
fn the_fast_reader_agrees_with_procfs() {
    let sleepers = Sleepers::start(5);
    // A sleeper is only worth comparing once it runs sleep (not a copy of us being exec'd).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while sleepers.pids().iter().any(|pid| {
        std::fs::read_to_string(format!("/proc/{pid}/comm")).map_or(true, |c| c.trim() != "sleep")
    }) {
        assert!(std::time::Instant::now() < deadline, "sleep did not start");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let (first, reference, again) = (ours(), theirs(), ours());
    let mut compared = 0;
    let mut checked = Vec::new();
    for (pid, ours) in &first {
        // Only processes that were the same in both of our reads: the rest moved.
        if again.get(pid) != Some(ours) {
            continue;
        }
        let Some(reference) = reference.get(pid) else {
            continue;
        };
        assert_eq!(ours.0, reference.0, "ppid of {pid}");
        assert_eq!(ours.2, reference.2, "NSpid of {pid}");
        // procfs shows invalid UTF-8 as U+FFFD, we as \xNN: compare the valid ones. A
        // kernel thread (kthreadd's child) renames itself as it works (`kworker/1:2-events`
        // and `+events`), even between three reads: its name is no one's to compare.
        let kernel_thread = *pid == 2 || ours.0 == 2;
        if !reference.1.contains('\u{fffd}') && !kernel_thread {
            assert_eq!(ours.1, reference.1, "name of {pid}");
        }
        compared += 1;
        checked.push(*pid);
    }
    let me = std::process::id() as i32;
    for pid in sleepers.pids().into_iter().chain([me]) {
        assert!(checked.contains(&pid), "{pid} was not compared");
    }
    assert!(compared > 5, "only {compared} processes compared");
}

/// The same in a PID namespace with hardly any processes: the sleepers are enough.
#[test]
fn the_fast_reader_agrees_with_procfs_in_a_namespace_of_few_processes() {
    if !common::in_sandbox() {
        common::rerun_in_sandbox("the_fast_reader_agrees_with_procfs");
    }
}
