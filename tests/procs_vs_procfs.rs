//! Our fast /proc reader (src/procs/read.rs) against the `procfs` crate on the live /proc:
//! for every process that stayed put while both read, the same parent, name and NSpid.

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

#[test]
fn the_fast_reader_agrees_with_procfs() {
    let (first, reference, again) = (ours(), theirs(), ours());
    let mut compared = 0;
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
        // procfs shows invalid UTF-8 as U+FFFD, we as \xNN: compare the valid ones.
        if !reference.1.contains('\u{fffd}') {
            assert_eq!(ours.1, reference.1, "name of {pid}");
        }
        compared += 1;
    }
    assert!(compared > 10, "only {compared} processes compared");
}
