//! `pidns-tutor walk` against the real kernel: every fact the issue names, observed live,
//! as root and as an unprivileged user (uid 65534, through a user namespace).

mod common;

use common::*;
use serde_json::Value;
use std::process::Command;

/// Asserts the facts that must hold in any live run, and that the run left nothing behind.
fn check_walk(stdout: &[u8], mode: &str) {
    let (header, steps) = parse_walk(stdout);
    assert_eq!(header["mode"], mode);
    assert_eq!(header["live"], true);
    let ids: Vec<&str> = steps.iter().filter_map(|s| s["step"].as_str()).collect();
    let all: Vec<&str> = pidns_tutor::lesson::Step::all().map(|s| s.id()).collect();
    assert_eq!(ids, all);

    let namespaces = facts(&steps, "namespaces");
    let kinds: Vec<&str> = namespaces["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for kind in ["ipc", "mnt", "net", "pid", "user", "uts"] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    // Kinds, not links: the *_for_children links name namespaces of kinds already listed.
    assert!(
        kinds.iter().all(|k| !k.ends_with("_for_children")),
        "{kinds:?}"
    );
    assert_eq!(namespaces["kind_count"], kinds.len());
    assert!(namespaces["pid_ns_inode"].as_u64().unwrap() > 0);

    let pid1 = facts(&steps, "pid-1");
    assert_eq!(
        pid1["init_name"].as_str(),
        std::fs::read_to_string("/proc/1/comm")
            .ok()
            .as_deref()
            .map(str::trim)
    );
    let chain = pid1["self_chain"].as_array().unwrap();
    assert_eq!(chain.last().unwrap()["pid"], 1, "the chain ends at PID 1");

    let clone = facts(&steps, "clone");
    assert_eq!(clone["child_getpid"], 1);
    assert_eq!(clone["child_getppid"], 0);
    assert!(clone["child_host_pid"].as_i64().unwrap() > 1);
    assert_ne!(clone["child_pid_ns_inode"], clone["parent_pid_ns_inode"]);
    // What the clone call really did, read back from the kernel: exactly the post's new
    // namespaces (and the user namespace without root), and SIGCHLD as the exit signal.
    // Dropping a flag from the clone, or adding one, fails here.
    let expected: &[&str] = if mode == "userns" {
        &["ipc", "pid", "user", "uts"]
    } else {
        &["ipc", "pid", "uts"]
    };
    assert_eq!(clone["new_kinds"], serde_json::json!(expected));
    assert_eq!(clone["exit_signal"], "SIGCHLD");
    let flags: Vec<&str> = clone["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for flag in ["CLONE_NEWPID", "CLONE_NEWUTS", "CLONE_NEWIPC"] {
        assert!(flags.contains(&flag), "{flag} missing from {flags:?}");
    }
    let lab_ns = clone["child_pid_ns_inode"].as_u64().unwrap();

    let hostname = facts(&steps, "hostname");
    assert_eq!(hostname["ns_hostname"], "namespace");
    assert_eq!(
        hostname["host_hostname"].as_str().unwrap(),
        nix::unistd::gethostname().unwrap().to_str().unwrap()
    );

    let kill = facts(&steps, "kill-parent");
    assert_eq!(kill["errno"], "ESRCH");
    assert_eq!(kill["found_inside"], Value::Null);
    assert_eq!(kill["target_pid"], clone["parent_pid"]);

    // The lab of proc-leak onward is the one cloned at clone: no rebuild in a straight walk.
    let leak = facts(&steps, "proc-leak");
    assert_eq!(leak["getpid"], 1);
    assert_eq!(
        leak["proc_self"], clone["child_host_pid"],
        "/proc/self speaks in host PIDs"
    );
    assert_eq!(
        leak["ns_view_pid1_name"], pid1["init_name"],
        "PID 1 in the namespace's /proc is the host's init"
    );
    assert!(leak["ns_view_count"].as_u64().unwrap() > 1);

    let remount = facts(&steps, "remount-proc");
    assert_eq!(remount["proc_self"], 1);
    assert_eq!(remount["ns_view_pids"], serde_json::json!([1]));
    assert_eq!(remount["host_mounts_unchanged"], true);

    let orphan = facts(&steps, "orphan-reaping");
    assert_eq!(orphan["orphan_ppid_before"], orphan["killed"]);
    assert_eq!(orphan["orphan_ppid_after"], 1);
    assert_eq!(orphan["orphan_host_ppid_after"], orphan["agent_host_pid"]);

    let signals = facts(&steps, "init-signals");
    assert_eq!(signals["inside_sigkill_to_1_result"], "0");
    assert_eq!(signals["agent_alive_after"], true);
    assert_eq!(signals["members_left_after_init_killed"], 0);

    assert_eq!(facts(&steps, "summary")["lab_processes_left"], 0);
    // The lesson's sentences, filled with the same facts.
    let clone_said = steps
        .iter()
        .find(|s| s["step"] == "clone")
        .map(|s| s["sentences"].to_string());
    assert!(
        clone_said.is_some_and(|said| said.contains("getpid() = 1")),
        "clone's sentences"
    );
    assert!(
        members_of(lab_ns).is_empty(),
        "processes left in the lab's namespace"
    );
}

#[test]
fn walk_json_live_in_the_preferred_mode() {
    let _one = one_lab_at_a_time();
    if !live_or_skip("walk_json_live_in_the_preferred_mode") {
        return;
    }
    let mounts = mountinfo();
    let out = output(Command::new(EXE).args(["walk", "--json", "--lang", "en"]));
    assert!(
        out.status.success(),
        "walk failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = if is_root() { "root" } else { "userns" };
    check_walk(&out.stdout, mode);
    assert_eq!(mountinfo(), mounts, "the host's mount table changed");
}

#[test]
fn walk_json_as_an_unprivileged_user() {
    let _one = one_lab_at_a_time();
    if !live_or_skip("walk_json_as_an_unprivileged_user") {
        return;
    }
    let mounts = mountinfo();
    let Some(out) = walk_as_nobody(
        &["--json", "--lang", "en"],
        "walk_json_live_in_the_preferred_mode",
    ) else {
        return;
    };
    assert!(
        out.status.success(),
        "walk as nobody failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    check_walk(&out.stdout, "userns");
    assert_eq!(mountinfo(), mounts, "the host's mount table changed");
}

#[test]
fn walk_text_prints_every_step_with_live_sentences() {
    let _one = one_lab_at_a_time();
    if !live_or_skip("walk_text_prints_every_step_with_live_sentences") {
        return;
    }
    let out = output(Command::new(EXE).args(["walk", "--lang", "en"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lesson = pidns_tutor::lesson::Lesson::load(pidns_tutor::lang::Lang::En).unwrap();
    for (i, step) in lesson.steps.iter().enumerate() {
        let heading = format!(
            "[{}/{}] {}: {}",
            i + 1,
            pidns_tutor::lesson::Step::COUNT,
            step.step,
            step.title
        );
        assert!(text.contains(&heading), "missing {heading}");
    }
    assert!(text.contains("the child saw getpid() = 1 and getppid() = 0"));
    assert!(
        !text.contains("{child_getpid}"),
        "a live sentence was left unfilled"
    );
    // Each fact once, in words: the raw `name: value` lines belong to --json.
    assert!(!text.contains("child_getpid: 1"), "{text}");
    assert!(text.contains("\n  Observed:\n"));
    // Plain text: no markdown marks, no words for a TUI that is not there.
    for mark in [
        "**",
        "`s`",
        "`/proc",
        "\n  > ",
        "press `s`",
        "right-hand tree",
        "code pane",
    ] {
        assert!(!text.contains(mark), "walk printed `{mark}`");
    }
    assert!(!text.contains(": true") && !text.contains(": false"));
}

#[test]
fn walk_in_korean_uses_the_korean_lesson() {
    let _one = one_lab_at_a_time();
    if !live_or_skip("walk_in_korean_uses_the_korean_lesson") {
        return;
    }
    let out = output(Command::new(EXE).args(["walk", "--lang", "ko", "--brief"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lesson = pidns_tutor::lesson::Lesson::load(pidns_tutor::lang::Lang::Ko).unwrap();
    for step in &lesson.steps {
        assert!(
            text.contains(&step.title),
            "the Korean title of {} is missing",
            step.step
        );
    }
}
