//! Where namespaces are refused, `check` says why and what would fix it, and `walk` teaches
//! from the recording, labelled as such. Made real without touching the host: the tutor
//! runs as uid 65534 inside a user namespace of the test's own whose
//! `user.max_user_namespaces` is 0 (the limit counts for every namespace made below it).

mod common;

use common::*;
use nix::fcntl::OFlag;
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::process::{Command, Output};

/// Runs the tutor with `args` as uid 65534, in a new user namespace where making further
/// user namespaces is switched off.
fn refused(args: &[&str]) -> Output {
    let (ready_r, ready_w) = nix::unistd::pipe2(OFlag::O_CLOEXEC).expect("pipe");
    let (go_r, go_w) = nix::unistd::pipe2(OFlag::O_CLOEXEC).expect("pipe");
    // The child cannot map its own ids to several users; root outside writes the maps
    // while the child waits, before it execs (so it keeps its capabilities inside).
    let mapper = std::thread::spawn(move || {
        let mut pid = [0u8; 4];
        if nix::unistd::read(&ready_r, &mut pid) != Ok(4) {
            return;
        }
        let pid = i32::from_ne_bytes(pid);
        let map = "0 0 1\n65534 65534 1\n";
        std::fs::write(format!("/proc/{pid}/uid_map"), map).expect("uid_map");
        std::fs::write(format!("/proc/{pid}/gid_map"), map).expect("gid_map");
        let _ = nix::unistd::write(&go_w, b"g");
    });
    let (ready, go) = (ready_w.as_raw_fd(), go_r.as_raw_fd());
    let script = "echo 0 > /proc/sys/user/max_user_namespaces && \
                  exec setpriv --reuid=65534 --regid=65534 --clear-groups -- \"$0\" \"$@\"";
    let program = reachable_copy(EXE);
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(script)
        .arg(&*program)
        .args(args)
        .current_dir("/");
    // SAFETY: only raw system calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            if libc::unshare(libc::CLONE_NEWUSER) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            let pid = libc::getpid().to_ne_bytes();
            libc::write(ready, pid.as_ptr().cast(), 4);
            let mut byte = 0u8;
            if libc::read(go, (&mut byte as *mut u8).cast(), 1) != 1 {
                return Err(std::io::Error::other("no go-ahead"));
            }
            Ok(())
        });
    }
    let out = output(&mut command);
    drop(ready_w);
    drop(go_r);
    let _ = mapper.join();
    out
}

#[test]
fn without_namespaces_the_lesson_runs_from_the_recording() {
    if !is_root() {
        skip_needs_root("mapping uid 65534 into a user namespace of the test's own");
        return;
    }
    if which("setpriv").is_none() {
        skip("setpriv(1) is not installed (scripts/test-deps.sh)");
        return;
    }
    let out = refused(&["check"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("uid 65534"), "{report}");
    assert!(
        report.contains("max_user_namespaces = 0") && report.contains("forbids"),
        "{report}"
    );
    assert!(report.contains("mode userns: refused"), "{report}");
    assert!(
        report.contains("sudo") && report.contains("--replay"),
        "the remedy is missing: {report}"
    );

    let out = refused(&["walk", "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("recording"), "the user is told: {stderr}");
    let (header, steps) = parse_walk(&out.stdout);
    assert_eq!(
        header["live"], false,
        "nothing recorded may be shown as live"
    );
    assert!(steps.iter().all(|s| s["recorded"] == true));
    assert_eq!(facts(&steps, "clone")["child_getpid"], 1);

    let out = refused(&["walk", "--mode", "userns"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a forced mode that cannot work is an error: {stderr}"
    );
    assert!(stderr.contains("user.max_user_namespaces"), "{stderr}");
}
