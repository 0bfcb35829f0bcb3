//! Snapshots and forests read from tests/fixtures/proc: real /proc text copied by
//! tests/fixtures/make-proc.sh (a nested PID namespace two levels deep, a name with spaces,
//! parentheses, a newline and a byte that is not UTF-8, PID 1 with an unreadable ns link,
//! and an empty PID directory standing for a process that exited mid-read).

use pidns_tutor::procs::{ForestOptions, Proc, RowKind, Snapshot, rows};
use pidns_tutor::symbols::Symbols;
use std::path::Path;

const ROOT: &str = "tests/fixtures/proc";
const HOST_NS: u64 = 4026531836;

fn snap() -> Snapshot {
    Snapshot::read_all(Path::new(ROOT))
}

fn lines(s: &Snapshot, opts: &ForestOptions) -> Vec<String> {
    rows(s, opts).iter().map(|r| r.line()).collect()
}

#[test]
fn read_all_parses_every_field() {
    let s = snap();
    // 14 numeric directories, one of them empty (the process "exited").
    assert_eq!(s.total, 14);
    assert_eq!(s.procs.len(), 13);
    let pids: Vec<i32> = s.procs.iter().map(|p| p.pid).collect();
    assert_eq!(
        pids,
        [
            1, 2, 5030, 5031, 16314, 16315, 16360, 16366, 16367, 16369, 16370, 16371, 16372
        ]
    );
    assert_eq!(
        s.get(16372),
        Some(&Proc {
            pid: 16372,
            ppid: 16371,
            name: "sleep".into(),
            nspid: vec![16372, 4, 1],
            pidns: Some(4026532192),
            zombie: false,
        })
    );
    // The ns link of PID 1 could not be read on the machine the fixture came from.
    let init = s.get(1).expect("pid 1");
    assert_eq!(
        (init.ppid, init.pidns, init.nspid.as_slice()),
        (0, None, &[1][..])
    );
    let odd = s.get(16367).expect("odd name");
    assert_eq!(odd.name, "a b) (c\nd\\xff");
    assert_eq!(odd.ppid, 16360);
    assert_eq!(s.get(16369).map(|p| p.nspid.clone()), Some(vec![16369, 1]));
    assert_eq!(s.get(99999), None);
}

#[test]
fn forest_ascii_matches_pstree_shape() {
    let opts = ForestOptions {
        symbols: &Symbols::ASCII,
        home_ns: Some(HOST_NS),
        ..Default::default()
    };
    assert_eq!(
        lines(&snap(), &opts),
        [
            "process_api 1",
            "`-memfd:sealed-91 5030",
            "  `-bash 5031",
            "    `-bash 16314",
            "      `-bash 16315",
            "        `-make-proc.sh 16360",
            "          |-unshare 16366",
            "          | `-sh 16369(1) [pid:4026532190]",
            "          |   |-sleep 16370(2)",
            "          |   `-unshare 16371(3)",
            "          |     `-sleep 16372(4(1)) [pid:4026532192]",
            "          `-a b) (c\\nd\\xff 16367",
            "kthreadd 2",
        ]
    );
}

#[test]
fn forest_folds_all_but_the_lesson() {
    let opts = ForestOptions {
        fold: true,
        marked: vec![16360],
        home_ns: Some(HOST_NS),
        ..Default::default()
    };
    let rows = rows(&snap(), &opts);
    let text: Vec<String> = rows.iter().map(|r| r.line()).collect();
    assert_eq!(
        text,
        [
            "process_api 1",
            "└─memfd:sealed-91 5030",
            "  └─bash 5031",
            "    └─bash 16314",
            "      └─bash 16315",
            "        └─make-proc.sh 16360",
            "          ├─unshare 16366",
            "          │ └─sh 16369(1) [pid:4026532190]",
            "          │   ├─sleep 16370(2)",
            "          │   └─unshare 16371(3)",
            "          │     └─sleep 16372(4(1)) [pid:4026532192]",
            "          └─… 1 other process",
            // kthreadd, and the empty directory that was never read.
            "… 2 other processes",
        ]
    );
    let kinds: Vec<&RowKind> = rows.iter().map(|r| &r.kind).collect();
    assert_eq!(
        kinds[5],
        &RowKind::Process {
            nested: false,
            marked: true,
            ns_boundary: None,
            zombie: false
        }
    );
    assert_eq!(
        kinds[7],
        &RowKind::Process {
            nested: true,
            marked: false,
            ns_boundary: Some(4026532190),
            zombie: false
        }
    );
    assert_eq!(kinds[12], &RowKind::Folded { count: 2 });
    assert_eq!((rows[7].depth, rows[7].pid), (7, Some(16369)));
    assert_eq!((rows[11].depth, rows[11].pid), (6, None));
}

#[test]
fn keep_unfolds_a_whole_subtree() {
    let opts = ForestOptions {
        fold: true,
        symbols: &Symbols::ASCII,
        keep: vec![16367],
        home_ns: Some(HOST_NS),
        ..Default::default()
    };
    let text = lines(&snap(), &opts);
    assert_eq!(text[11], "          `-a b) (c\\nd\\xff 16367");
    assert_eq!(text[12], "... 2 other processes");
}

#[test]
fn read_focused_reads_ancestors_and_subtree_only() {
    let s = Snapshot::read_focused(Path::new(ROOT), &[16369]);
    let pids: Vec<i32> = s.procs.iter().map(|p| p.pid).collect();
    // Up: 16366 .. 1; down: the whole namespace (children files); not kthreadd, not the
    // odd-named sibling branch.
    assert_eq!(
        pids,
        [
            1, 5030, 5031, 16314, 16315, 16360, 16366, 16369, 16370, 16371, 16372
        ]
    );
    assert_eq!(s.total, 14);
    // Same data as a full read for what it has.
    let all = snap();
    for p in &s.procs {
        assert_eq!(Some(p), all.get(p.pid));
    }
    // Focus on a PID that is not there, and on one listed in a children file but gone.
    let gone = Snapshot::read_focused(Path::new(ROOT), &[424242, 99999]);
    assert!(gone.procs.is_empty());
    assert_eq!(gone.total, 14);
}

#[test]
fn missing_root_gives_an_empty_snapshot() {
    let s = Snapshot::read_all(Path::new("tests/fixtures/no-such-proc"));
    assert_eq!((s.procs.len(), s.total), (0, 0));
    assert!(rows(&s, &ForestOptions::default()).is_empty());
}
