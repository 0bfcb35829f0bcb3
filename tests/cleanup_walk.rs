//! However `walk` ends (Ctrl-C, SIGTERM, SIGHUP, SIGKILL), with the lab at its busiest
//! (fresh /proc mounted, demo chain running), nothing of the lab is left 2 s later and the
//! host's mounts are as they were. For SIGKILL the agent's death signal and the kernel do
//! it alone.

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn end_walk_with(signal: nix::sys::signal::Signal) {
    let mounts = mountinfo();
    let mut command = Command::new(EXE);
    command
        .args(["walk", "--json"])
        .env("PIDNS_TUTOR_TEST_PAUSE", "orphan-reaping")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    // As in a terminal: the test may itself run with SIGINT ignored (started in the
    // background, by su or by a CI runner), and walk, as it should, keeps an ignored
    // signal ignored.
    // SAFETY: signal(2) only, between fork and exec.
    unsafe {
        command.pre_exec(|| {
            for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
                libc::signal(signal, libc::SIG_DFL);
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("start walk");
    let stdout = child.stdout.take().expect("stdout");
    let mut lab_ns = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("read walk");
        let value: serde_json::Value = serde_json::from_str(&line).expect("json");
        if value["step"] == "clone" {
            lab_ns = value["facts"]["child_pid_ns_inode"].as_u64();
        }
        if value["step"] == "orphan-reaping" {
            assert!(value.get("error").is_none(), "{line}");
            break;
        }
    }
    let lab_ns = lab_ns.expect("the clone step reported the lab's namespace");
    assert_eq!(
        members_of(lab_ns).len(),
        3,
        "agent, demo-a and the orphan demo-c are running"
    );

    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, signal).expect("signal walk");
    let status = child.wait().expect("wait walk");
    assert!(
        !status.success(),
        "walk should have been ended by {signal:?}"
    );

    let deadline = Instant::now() + Duration::from_secs(2);
    while !members_of(lab_ns).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        members_of(lab_ns).is_empty(),
        "{signal:?}: left behind {:?}",
        members_of(lab_ns)
    );
    assert_eq!(
        mountinfo(),
        mounts,
        "{signal:?}: the host's mount table changed"
    );
}

#[test]
fn ctrl_c_leaves_nothing() {
    let _one = one_lab_at_a_time();
    if live_or_skip("ctrl_c_leaves_nothing") {
        end_walk_with(nix::sys::signal::Signal::SIGINT);
    }
}

#[test]
fn sigterm_leaves_nothing() {
    let _one = one_lab_at_a_time();
    if live_or_skip("sigterm_leaves_nothing") {
        end_walk_with(nix::sys::signal::Signal::SIGTERM);
    }
}

#[test]
fn sighup_leaves_nothing() {
    let _one = one_lab_at_a_time();
    if live_or_skip("sighup_leaves_nothing") {
        end_walk_with(nix::sys::signal::Signal::SIGHUP);
    }
}

#[test]
fn sigkill_leaves_nothing() {
    let _one = one_lab_at_a_time();
    if live_or_skip("sigkill_leaves_nothing") {
        end_walk_with(nix::sys::signal::Signal::SIGKILL);
    }
}
