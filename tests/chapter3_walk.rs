//! The third chapter through `walk`, the way a learner runs it: live as root and as uid
//! 65534 (userns), every step with its facts, every sentence filled, the machine's pid_max
//! and mounts as they were; and `walk` SIGKILLed in the middle of each of its experiments
//! (held there by a debug-build switch while every process of it lives) leaves nothing.
//! The facts themselves are compared with /proc read independently in chapter3_live.rs.

mod common;
mod experiment_support;

use common::*;
use experiment_support::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// One walk at a time in this file: each checks the machine's pid_max and mounts.
static ONE: Mutex<()> = Mutex::new(());

const IDS: [&str; 5] = ["no-reaper", "pidfd", "pid-max", "hidepid", "set-tid"];

fn proc_mount() -> Vec<String> {
    mountinfo()
        .lines()
        .filter(|l| matches!(l.split(' ').nth(4), Some("/" | "/proc")))
        .map(str::to_string)
        .collect()
}

fn walk_and_check(mut command: Command, mode: &str, lang: &str) {
    let _one = ONE.lock().unwrap_or_else(|p| p.into_inner());
    let (pid_max_before, mounts_before) = (pid_max(), proc_mount());
    let out = output(command.args(["walk", "--json", "--no-progress", "--lang", lang]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (header, steps) = parse_walk(&out.stdout);
    assert_eq!(header["mode"], mode);
    for id in IDS {
        let f = facts(&steps, id);
        assert!(f["sandbox_pid_ns"].is_u64(), "{id}: {f}");
        let step = steps.iter().find(|s| s["step"] == id).expect("step");
        let said = step["sentences"].to_string();
        assert!(!said.contains('{'), "{id}: unfilled: {said}");
    }
    assert_eq!(
        numbers(&facts(&steps, "no-reaper")["zombies_per_round"]),
        [1, 2, 3]
    );
    assert_eq!(facts(&steps, "pidfd")["stale_signal"], "-1 (ESRCH)");
    let pid_max_facts = facts(&steps, "pid-max");
    assert_eq!(pid_max_facts["host_before"], pid_max_facts["host_after"]);
    assert_eq!(
        pid_max_facts["host_after"].to_string(),
        pid_max_before.trim(),
        "the tutor read the machine's own pid_max"
    );
    assert_eq!(facts(&steps, "hidepid")["subset_opens_sys"], "ENOENT");
    assert_eq!(facts(&steps, "set-tid")["got"], 1000);
    assert_eq!(pid_max(), pid_max_before, "the machine's pid_max changed");
    assert_eq!(proc_mount(), mounts_before, "the mount table changed");
}

#[test]
fn chapter3_walk_live_in_the_preferred_mode() {
    if !live_or_skip("chapter3_walk_live_in_the_preferred_mode") {
        return;
    }
    let mode = if is_root() { "root" } else { "userns" };
    walk_and_check(Command::new(EXE), mode, "en");
}

#[test]
fn chapter3_walk_live_as_uid_65534() {
    if !live_or_skip("chapter3_walk_live_as_uid_65534") {
        return;
    }
    let Some(command) = as_nobody(EXE) else {
        if is_root() {
            skip("setpriv(1) is not installed (scripts/test-deps.sh)");
        } else {
            skip_needs_root(
                "becoming uid 65534 needs root; the preferred-mode test covers this user",
            );
        }
        return;
    };
    walk_and_check(command, "userns", "ko");
}

/// `walk` held at the first moment of each experiment, then SIGKILLed: the runner dies
/// with it (its death signal), the sandbox's PID 1 with the runner, and the kernel ends
/// the rest.
#[test]
fn walk_killed_in_the_middle_of_each_experiment_leaves_nothing() {
    if !live_or_skip("walk_killed_in_the_middle_of_each_experiment_leaves_nothing") {
        return;
    }
    for id in IDS {
        let _one = ONE.lock().unwrap_or_else(|p| p.into_inner());
        let (pid_max_before, mounts_before) = (pid_max(), proc_mount());
        let mut walk = Command::new(EXE)
            .args(["walk", "--json", "--no-progress"])
            .env("PIDNS_TUTOR_TEST_HOLD", id)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start walk");
        let stderr = walk.stderr.take().expect("stderr");
        let held = BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .any(|line| line.contains(&format!("held at {id}")));
        let running = below(walk.id() as i32);
        let _ = walk.kill();
        let _ = walk.wait();
        assert!(held, "{id}: the walk never reached the experiment");
        assert!(
            running.iter().any(|p| p.name == "sandbox"),
            "{id}: {running:?}"
        );
        let left = none_left(&running);
        assert!(left.is_empty(), "{id}: left behind: {left:?}");
        assert_eq!(pid_max(), pid_max_before, "{id}");
        assert_eq!(proc_mount(), mounts_before, "{id}");
    }
}
