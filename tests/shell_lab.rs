//! The learner's shell against the real kernel, through the lab's API, in root mode and in
//! userns mode: it is a child of the agent in the lab's PID namespace (`$$` is its PID
//! inside, `$PPID` is 1), in a mount namespace that is neither the host's nor the agent's,
//! cannot see the tutor, gets default signal dispositions, sees the host's /proc before
//! the remount and the fresh one after, can mount a proc of its own without the host's
//! mount table changing by a byte, and its exit code comes back through the agent.

mod common;

use common::*;
use pidns_tutor::lab::{ExitStatus, Lab, Mode, Shell};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::time::{Duration, Instant};

fn modes() -> Vec<Mode> {
    let availability = pidns_tutor::check::Availability::probe(exe());
    [Mode::Root, Mode::Userns]
        .into_iter()
        .filter(|&m| match m {
            Mode::Root => availability.root.is_ok(),
            Mode::Userns => availability.userns.is_ok(),
        })
        .collect()
}

fn ns(pid: &str, kind: &str) -> u64 {
    std::fs::metadata(format!("/proc/{pid}/ns/{kind}"))
        .map(|m| m.ino())
        .unwrap_or_else(|e| panic!("/proc/{pid}/ns/{kind}: {e}"))
}

fn status_field(pid: i32, field: &str) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .expect("status")
        .lines()
        .find_map(|l| l.strip_prefix(field).map(|v| v.trim().to_string()))
        .unwrap_or_default()
}

/// Everything the shell writes until it has ended.
fn run_to_end(master: &OwnedFd, shell: &Shell) -> String {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let mut fds = [PollFd::new(master.as_fd(), PollFlags::POLLIN)];
        let ready = poll(&mut fds, PollTimeout::from(100u16)).unwrap_or(0);
        if ready > 0 {
            match nix::unistd::read(master, &mut buf) {
                Ok(n) if n > 0 => out.extend_from_slice(&buf[..n]),
                _ => {}
            }
        } else if shell.ended() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the shell did not end: {}",
            String::from_utf8_lossy(&out)
        );
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn a_shell_in_the_lab(mode: Mode, remounted: bool) {
    let pty = nix::pty::openpty(None, None).expect("openpty");
    let mut lab = Lab::spawn_with(mode, exe()).expect("spawn");
    if remounted {
        lab.remount_proc().expect("remount");
    }
    let host_mounts = mountinfo();
    let shell = lab.open_shell(pty.slave.as_fd()).expect("open the shell");
    let what = format!("{mode} mode, remounted: {remounted}");

    // Where it is, seen from the host.
    let pid = shell.host_pid.to_string();
    assert_eq!(ns(&pid, "pid"), lab.pid_ns_inode(), "{what}");
    assert_ne!(
        ns(&pid, "mnt"),
        ns("self", "mnt"),
        "{what}: the host's mounts"
    );
    let agent = lab.agent_pid().to_string();
    assert_ne!(
        ns(&pid, "mnt"),
        ns(&agent, "mnt"),
        "{what}: the agent's mounts"
    );
    assert_eq!(status_field(shell.host_pid, "PPid:"), agent, "{what}");
    assert_eq!(
        status_field(shell.host_pid, "NSpid:"),
        format!("{}\t{}", shell.host_pid, shell.ns_pid),
        "{what}"
    );
    let table = std::fs::read_to_string(format!("/proc/{pid}/mountinfo")).expect("mounts");
    assert!(
        !table.contains(" shared:"),
        "{what}: shared mounts:\n{table}"
    );

    // What it sees from inside. `yes | head` ends by SIGPIPE (141) only if the shell did
    // not inherit the tutor's ignored SIGPIPE.
    let script = format!(
        "echo \"pid=$$ ppid=$PPID\"; kill -0 {} 2>&1; echo \"host=$(hostname)\"; \
         yes | head -1 >/dev/null; echo \"pipe=${{PIPESTATUS[0]}}\"; \
         echo \"self=$(readlink /proc/self)\"; \
         mount -t proc proc /proc && echo \"mounted=$(readlink /proc/self)\"; exit 7\n",
        std::process::id()
    );
    nix::unistd::write(&pty.master, script.as_bytes()).expect("type into the shell");
    let screen = run_to_end(&pty.master, &shell);
    assert!(
        screen.contains(&format!("pid={} ppid=1", shell.ns_pid)),
        "{what}: {screen}"
    );
    assert!(screen.contains("No such process"), "{what}: {screen}");
    assert!(screen.contains("host=namespace"), "{what}: {screen}");
    assert!(screen.contains("pipe=141"), "{what}: {screen}");
    // The shell's own `readlink` runs as a child of it, one PID on (or more). (The
    // typed line shows twice: echoed by the terminal before bash started, then by bash.)
    let seen: i32 = screen
        .lines()
        .find_map(|l| l.trim().strip_prefix("self=")?.parse().ok())
        .unwrap_or_else(|| panic!("{what}: no readlink: {screen}"));
    if remounted {
        assert!(seen < 100, "{what}: a fresh /proc counts inside: {screen}");
    } else {
        assert!(seen > shell.host_pid, "{what}: the host's /proc: {screen}");
    }
    assert!(screen.contains("mounted="), "{what}: {screen}");
    assert_eq!(
        mountinfo(),
        host_mounts,
        "{what}: the host's mount table changed"
    );
    assert_eq!(
        lab.shell_exit(&shell).expect("ask"),
        Some(ExitStatus::Code(7)),
        "{what}"
    );
    assert_eq!(lab.identity().expect("the agent carries on").pid, 1);
    assert_eq!(lab.teardown(), 0, "{what}");
}

#[test]
fn the_shell_is_a_child_of_the_agent_in_a_mount_namespace_of_its_own() {
    if !live_or_skip("the_shell_is_a_child_of_the_agent_in_a_mount_namespace_of_its_own") {
        return;
    }
    for mode in modes() {
        a_shell_in_the_lab(mode, false);
        a_shell_in_the_lab(mode, true);
    }
}

/// A shell that is still running when the lab goes is killed with it, and a request
/// for a shell without a terminal is refused.
#[test]
fn the_shell_goes_with_its_namespace() {
    if !live_or_skip("the_shell_goes_with_its_namespace") {
        return;
    }
    let mode = modes()[0];
    let pty = nix::pty::openpty(None, None).expect("openpty");
    let mut lab = Lab::spawn_with(mode, exe()).expect("spawn");
    let shell = lab.open_shell(pty.slave.as_fd()).expect("open");
    let members = lab.members();
    assert!(members.contains(&shell.host_pid), "{members:?}");
    assert_eq!(lab.teardown(), 0);
    let deadline = Instant::now() + Duration::from_secs(5);
    while !shell.ended() {
        assert!(
            Instant::now() < deadline,
            "the shell outlived its namespace"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
