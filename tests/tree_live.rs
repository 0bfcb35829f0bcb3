//! `tree` against the real kernel: a real PID namespace, its labels checked against
//! /proc/PID/status, and the process set checked against `ps -e` taken around it.

mod tree_support;

use pidns_tutor::tree::{TreeArgs, run_at};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use tree_support::*;

fn tree(args: &TreeArgs) -> String {
    let mut out = Vec::new();
    run_at(args, Path::new("/proc"), None, &mut out).expect("tree runs");
    String::from_utf8(out).expect("tree prints UTF-8")
}

#[test]
fn nested_labels_agree_with_status_and_ps() {
    let Some(prefix) = unshare_prefix() else {
        return;
    };
    let mut guard = Guard::new();
    let unshare = guard
        .spawn(Command::new(prefix[0]).args(&prefix[1..]).args([
            "sh",
            "-c",
            "sleep 1000 & sleep 1000 & wait",
        ]))
        .expect("unshare starts");
    // unshare -> sh (PID 1 inside) -> two sleeps.
    assert!(
        wait_until(10, || descendants(unshare).len() == 3),
        "namespace did not come up: {:?}",
        descendants(unshare)
    );
    let inside = descendants(unshare);
    guard.pids.extend(&inside);

    let before = ps_pids();
    let text = tree(&TreeArgs::default());
    let json = tree(&TreeArgs {
        json: true,
        ..Default::default()
    });
    let after = ps_pids();

    // Every namespace member is labelled with its NSpid, in the post's notation; PID 1 of
    // the namespace also carries the namespace's inode.
    let ns_link = std::fs::read_link(format!("/proc/{}/ns/pid", inside[0])).expect("ns link");
    let ns = ns_link
        .to_string_lossy()
        .trim_start_matches("pid:[")
        .trim_end_matches(']')
        .to_owned();
    for &pid in &inside {
        let ids = nspid(pid);
        assert_eq!(ids.len(), 2, "{pid} is one level down: {ids:?}");
        assert_eq!(ids[0], pid);
        let label = format!("{}({})", ids[0], ids[1]);
        let line = text
            .lines()
            .find(|l| l.contains(&format!(" {label}")))
            .unwrap_or_else(|| panic!("no line with {label} in\n{text}"));
        if ids[1] == 1 {
            assert!(line.ends_with(&format!("sh {label} [pid:{ns}]")), "{line}");
        } else {
            assert!(line.ends_with(&format!("sleep {label}")), "{line}");
        }
    }
    let ns_line = |label: String| text.lines().position(|l| l.contains(&label));
    // The namespace's init sits right under unshare, one level deeper.
    let u = ns_line(format!("unshare {unshare}")).expect("unshare line");
    let init = ns_line(format!("sh {}(1)", inside[0])).expect("init line");
    assert_eq!(init, u + 1, "\n{text}");

    // The process set: whatever lived through both ps runs is in the tree; whatever the
    // tree shows was seen by ps, or has exited since (it came and went).
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let mut shown = BTreeSet::new();
    let mut todo: Vec<&serde_json::Value> = v.as_array().expect("array").iter().collect();
    while let Some(n) = todo.pop() {
        shown.insert(n["pid"].as_i64().expect("pid") as i32);
        todo.extend(n["children"].as_array().expect("children"));
    }
    let steady: BTreeSet<i32> = before.intersection(&after).copied().collect();
    let missing: Vec<_> = steady.difference(&shown).collect();
    assert!(
        missing.is_empty(),
        "alive throughout but not shown: {missing:?}"
    );
    let unknown: Vec<_> = shown
        .iter()
        .filter(|p| !before.contains(p) && !after.contains(p))
        .filter(|p| Path::new(&format!("/proc/{p}")).exists())
        .collect();
    assert!(
        unknown.is_empty(),
        "shown, alive, yet not in ps: {unknown:?}"
    );
    // This test process is in the tree too (it was alive all along).
    assert!(shown.contains(&(std::process::id() as i32)));
}

#[test]
fn ns_and_pid_select_the_namespace() {
    let Some(prefix) = unshare_prefix() else {
        return;
    };
    let mut guard = Guard::new();
    // Two levels: sh (1) -> unshare (2) -> sleep (1 in the inner namespace).
    let unshare = guard
        .spawn(Command::new(prefix[0]).args(&prefix[1..]).args([
            "sh",
            "-c",
            "unshare --pid --fork --kill-child sleep 1000 & wait",
        ]))
        .expect("unshare starts");
    assert!(wait_until(10, || descendants(unshare).len() == 3));
    let inside = descendants(unshare);
    guard.pids.extend(&inside);
    let deepest = *inside.iter().max_by_key(|&&p| nspid(p).len()).expect("3");
    let ids = nspid(deepest);
    assert_eq!(ids.len(), 3, "{ids:?}");

    let only_ns = tree(&TreeArgs {
        ns: true,
        ascii: true,
        ..Default::default()
    });
    let label = format!("sleep {}({}({}))", ids[0], ids[1], ids[2]);
    assert!(only_ns.lines().any(|l| l.contains(&label)), "{only_ns}");
    assert!(!only_ns.contains("kthreadd"), "{only_ns}");

    let sub = tree(&TreeArgs {
        pid: Some(unshare),
        ascii: true,
        ..Default::default()
    });
    let lines: Vec<&str> = sub.lines().collect();
    assert_eq!(lines.len(), 4, "{sub}");
    assert!(lines[0].starts_with(&format!("unshare {unshare}")), "{sub}");
    assert!(
        lines[3].starts_with("    `-sleep ") && lines[3].contains(&label),
        "{sub}"
    );
}
