//! The host is never changed: its mount table stays byte-identical over a whole walk, also
//! on a host whose mounts are shared (as systemd sets them), and its hostname stays put.

mod common;

use common::*;
use std::process::Command;

/// Runs `script` in a private mount sandbox whose mounts are made shared first, so that a
/// mount that is not made private would propagate and show up in the sandbox's table.
fn in_shared_sandbox(script: &str) -> (String, String, String) {
    let dir = std::env::temp_dir().join(format!(
        "pidns-tutor-shared-{}-{}",
        std::process::id(),
        script.len()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let full = format!(
        "set -e; mount --make-rshared /; cat /proc/self/mountinfo > before; {script}; cat /proc/self/mountinfo > after || echo '/proc broken' > after"
    );
    let out = output(
        Command::new("unshare")
            .args(["--mount", "sh", "-c", &full])
            .current_dir(&dir),
    );
    assert!(
        out.status.success(),
        "sandbox failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let result = (
        read("before"),
        read("after"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    );
    let _ = std::fs::remove_dir_all(&dir);
    result
}

#[test]
fn a_shared_host_keeps_its_mount_table_over_a_walk() {
    if !live_or_skip("a_shared_host_keeps_its_mount_table_over_a_walk") {
        return;
    }
    if !sandbox_here() {
        return;
    }
    let (before, after, stdout) = in_shared_sandbox(&format!("'{EXE}' walk --json"));
    assert!(
        before.contains("shared:"),
        "the sandbox's mounts should be shared:\n{before}"
    );
    assert_eq!(
        before, after,
        "the tutor's proc mount leaked into a shared host"
    );
    let (_, steps) = parse_walk(stdout.as_bytes());
    assert_eq!(facts(&steps, "remount-proc")["host_mounts_unchanged"], true);
}

/// The control: the same sandbox does show a proc mount made without the private step, so
/// the test above would catch a tutor that skipped it.
#[test]
fn the_shared_sandbox_would_catch_a_missing_private_step() {
    if !sandbox_here() {
        return;
    }
    let (before, after, _) = in_shared_sandbox(
        "unshare --mount --propagation unchanged --pid --fork sh -c 'mount -t proc proc /proc'",
    );
    // The new proc covers the sandbox's /proc; its PID namespace is gone, so the sandbox
    // cannot even read /proc/self any more: what the lesson warns a shared host about.
    assert_ne!(
        before, after,
        "without MS_PRIVATE the new proc should have propagated"
    );
}

#[test]
fn the_hostname_and_the_working_directory_stay_as_they_were() {
    if !live_or_skip("the_hostname_and_the_working_directory_stay_as_they_were") {
        return;
    }
    let hostname = nix::unistd::gethostname().expect("hostname");
    let dir = std::env::temp_dir().join(format!("pidns-tutor-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = output(
        Command::new(EXE)
            .args(["walk", "--brief"])
            .current_dir(&dir)
            .env("HOME", &dir),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(nix::unistd::gethostname().expect("hostname"), hostname);
    let written: Vec<_> = std::fs::read_dir(&dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(written.is_empty(), "walk wrote files: {written:?}");
    let _ = std::fs::remove_dir(&dir);
}

/// Whether the shared-mount sandbox can be made here: it takes root and unshare(1).
fn sandbox_here() -> bool {
    if !is_root() {
        skip_needs_root("a mount sandbox on the host");
        return false;
    }
    if which("unshare").is_none() {
        skip("unshare(1) is not installed (scripts/test-deps.sh)");
        return false;
    }
    true
}
