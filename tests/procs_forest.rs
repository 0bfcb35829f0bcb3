//! Forest rules on hand-made snapshots: order, roots, folding of sibling groups, cycles.

use pidns_tutor::procs::{ForestOptions, Proc, RowKind, Snapshot, rows};
use pidns_tutor::symbols::Symbols;

const HOME: u64 = 100;

fn p(pid: i32, ppid: i32, name: &str, nspid: &[i32], ns: u64) -> Proc {
    Proc {
        pid,
        ppid,
        name: name.into(),
        nspid: nspid.to_vec(),
        pidns: Some(ns),
        zombie: false,
    }
}

fn host(pid: i32, ppid: i32, name: &str) -> Proc {
    p(pid, ppid, name, &[pid], HOME)
}

fn lines(s: &Snapshot, opts: &ForestOptions) -> Vec<String> {
    rows(s, opts).iter().map(|r| r.line()).collect()
}

/// init with: 10 a tree of 3 boring processes, 9 a boring leaf, 20 the tutor whose child
/// 21 is PID 1 of a namespace, 30 a boring leaf; and an orphan 50 whose parent is unknown.
fn crowd() -> Snapshot {
    let procs = vec![
        host(1, 0, "init"),
        host(10, 1, "a"),
        host(11, 10, "a1"),
        host(12, 10, "a2"),
        host(9, 1, "b"),
        host(20, 1, "tutor"),
        p(21, 20, "agent", &[21, 1], 200),
        p(22, 21, "sleep", &[22, 2], 200),
        host(30, 1, "c"),
        host(50, 4000, "orphan"),
    ];
    let total = procs.len();
    Snapshot { procs, total }
}

#[test]
fn children_by_pid_numerically_and_orphans_are_roots() {
    let opts = ForestOptions {
        symbols: &Symbols::ASCII,
        home_ns: Some(HOME),
        ..Default::default()
    };
    assert_eq!(
        lines(&crowd(), &opts),
        [
            "init 1",
            "|-b 9",
            "|-a 10",
            "| |-a1 11",
            "| `-a2 12",
            "|-tutor 20",
            "| `-agent 21(1) [pid:200]",
            "|   `-sleep 22(2)",
            "`-c 30",
            "orphan 50",
        ]
    );
}

#[test]
fn folded_siblings_merge_into_one_row_with_unread_at_the_root() {
    let mut s = crowd();
    s.total = 110; // 100 processes listed but not read (a focused snapshot)
    let opts = ForestOptions {
        fold: true,
        home_ns: Some(HOME),
        ..Default::default()
    };
    let rows = rows(&s, &opts);
    let text: Vec<String> = rows.iter().map(|r| r.line()).collect();
    assert_eq!(
        text,
        [
            "init 1",
            "├─tutor 20",
            "│ └─agent 21(1) [pid:200]",
            "│   └─sleep 22(2)",
            "└─… 5 other processes",
            "… 101 other processes",
        ]
    );
    assert_eq!(rows[4].kind, RowKind::Folded { count: 5 });
    assert_eq!(rows[5].kind, RowKind::Folded { count: 101 });
    assert!(matches!(
        rows[3].kind,
        RowKind::Process {
            nested: true,
            ns_boundary: None,
            ..
        }
    ));
}

#[test]
fn keep_and_marked_survive_folding() {
    let opts = ForestOptions {
        fold: true,
        symbols: &Symbols::ASCII,
        keep: vec![10],
        marked: vec![30],
        home_ns: Some(HOME),
    };
    assert_eq!(
        lines(&crowd(), &opts),
        [
            "init 1",
            "|-a 10",
            "| |-a1 11",
            "| `-a2 12",
            "|-tutor 20",
            "| `-agent 21(1) [pid:200]",
            "|   `-sleep 22(2)",
            "|-c 30",
            "`-... 1 other process",
            "... 1 other process",
        ]
    );
}

#[test]
fn a_root_in_another_namespace_is_a_boundary_and_cycles_do_not_hide_processes() {
    let procs = vec![
        p(5, 0, "nsinit", &[5, 1], 200),
        host(7, 8, "x"),
        host(8, 7, "y"),
    ];
    let s = Snapshot { total: 3, procs };
    let opts = ForestOptions {
        symbols: &Symbols::ASCII,
        home_ns: Some(HOME),
        ..Default::default()
    };
    assert_eq!(lines(&s, &opts), ["nsinit 5(1) [pid:200]", "x 7", "`-y 8"]);
}

#[test]
fn deep_chains_do_not_overflow_the_stack() {
    let procs: Vec<Proc> = (1..=4_000).map(|i| host(i, i - 1, "sh")).collect();
    let s = Snapshot {
        total: procs.len(),
        procs,
    };
    let rows = rows(&s, &ForestOptions::default());
    assert_eq!(rows.len(), 4_000);
    assert_eq!(rows[3_999].depth, 3_999);
}
