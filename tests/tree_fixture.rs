//! `tree` on the fixture /proc: selection (--pid, --ns), JSON, ASCII, cutting, errors.

use pidns_tutor::tree::{TreeArgs, render, run_at};
use std::path::Path;

const ROOT: &str = "tests/fixtures/proc";

fn text(args: TreeArgs, width: Option<usize>) -> String {
    render(&args, Path::new(ROOT), width).expect("render")
}

#[test]
fn pid_selects_a_subtree() {
    let args = TreeArgs {
        pid: Some(16366),
        ..Default::default()
    };
    assert_eq!(
        text(args, None),
        "unshare 16366\n\
         └─sh 16369(1) [pid:4026532190]\n\
         \x20 ├─sleep 16370(2)\n\
         \x20 └─unshare 16371(3)\n\
         \x20   └─sleep 16372(4(1)) [pid:4026532192]\n"
    );
}

#[test]
fn ns_keeps_nested_processes_and_their_ancestors() {
    // The fixture has no `self`: nestedness then comes from NSpid having several entries.
    let args = TreeArgs {
        ns: true,
        ascii: true,
        ..Default::default()
    };
    let out = text(args, None);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 11, "{out}");
    assert_eq!(lines[0], "process_api 1");
    assert_eq!(lines[6], "          `-unshare 16366");
    assert!(!out.contains("kthreadd") && !out.contains("16367"), "{out}");
}

#[test]
fn json_is_the_nested_forest() {
    let args = TreeArgs {
        pid: Some(16369),
        json: true,
        ..Default::default()
    };
    let v: serde_json::Value = serde_json::from_str(&text(args, None)).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    let sh = &v[0];
    assert_eq!(sh["pid"], 16369);
    assert_eq!(sh["nspid"], serde_json::json!([16369, 1]));
    assert_eq!(sh["name"], "sh");
    assert_eq!(sh["pidns"], 4026532190u64);
    assert_eq!(
        sh["children"][1]["children"][0]["nspid"],
        serde_json::json!([16372, 4, 1])
    );
    assert_eq!(
        sh["children"][1]["children"][0]["children"],
        serde_json::json!([])
    );
}

#[test]
fn odd_names_stay_on_one_line_and_width_cuts() {
    let args = TreeArgs {
        pid: Some(16360),
        ascii: true,
        ..Default::default()
    };
    assert_eq!(
        text(args.clone(), Some(20)),
        "make-proc.sh 16360\n\
         |-unshare 16366\n\
         | `-sh 16369(1) [pi+\n\
         |   |-sleep 16370(2)\n\
         |   `-unshare 16371+\n\
         |     `-sleep 16372+\n\
         `-a b) (c\\nd\\xff 16+\n"
    );
    assert_eq!(text(args, None).lines().count(), 7);
}

#[test]
fn unknown_pid_is_a_clear_error() {
    let args = TreeArgs {
        pid: Some(424242),
        ..Default::default()
    };
    let err = render(&args, Path::new(ROOT), None).expect_err("no such pid");
    let msg = err.to_string();
    assert!(msg.contains("424242") && msg.contains("ps -e"), "{msg}");
}

#[test]
fn run_at_writes_everything() {
    let mut out = Vec::new();
    run_at(&TreeArgs::default(), Path::new(ROOT), None, &mut out).expect("run");
    let s = String::from_utf8(out).expect("utf8");
    assert_eq!(s.lines().count(), 13);
    assert!(s.ends_with("kthreadd 2\n"));
}
