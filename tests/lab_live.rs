//! The lab itself against the real kernel: the agent is PID 1 of a real namespace, answers
//! typed requests, and leaves nothing behind when dropped, even with a chain running.

mod common;

use common::*;
use pidns_tutor::lab::{Lab, Mode};

fn mode() -> Mode {
    pidns_tutor::check::Availability::probe(exe())
        .chosen()
        .unwrap_or(Mode::Root)
}

#[test]
fn the_agent_is_pid_1_and_cannot_see_its_parent() {
    let _one = one_lab_at_a_time();
    if !live_or_skip("the_agent_is_pid_1_and_cannot_see_its_parent") {
        return;
    }
    let mut lab = Lab::spawn_with(mode(), exe()).expect("spawn");
    let identity = lab.identity().expect("identity");
    assert_eq!((identity.pid, identity.ppid), (1, 0));
    assert_eq!(identity.hostname, "namespace");
    assert_eq!(identity.pid_ns_inode, lab.pid_ns_inode());
    assert_eq!(
        identity.proc_self,
        Some(lab.agent_pid()),
        "before the remount /proc is the host's"
    );
    let errno = lab.kill(std::process::id() as i32, 0, false).expect("kill");
    assert_eq!(errno.map(|e| e.name).as_deref(), Some("ESRCH"));
    // Inside, the agent's own PID 1 is visible to itself.
    assert_eq!(lab.kill(1, 0, false).expect("kill 1"), None);
}

#[test]
fn dropping_the_lab_ends_every_process_in_it() {
    let _one = one_lab_at_a_time();
    if !live_or_skip("dropping_the_lab_ends_every_process_in_it") {
        return;
    }
    let mounts = mountinfo();
    let mut lab = Lab::spawn_with(mode(), exe()).expect("spawn");
    lab.remount_proc().expect("remount");
    let chain = lab.start_chain().expect("chain");
    assert_eq!(chain.len(), 3);
    let inode = lab.pid_ns_inode();
    assert_eq!(members_of(inode).len(), 4, "agent and three chain members");
    // The lab's own cheap count (following children) agrees with a scan of all of /proc.
    let mut cheap = lab.members();
    cheap.sort();
    let mut scanned = members_of(inode);
    scanned.sort();
    assert_eq!(cheap, scanned);
    drop(lab);
    assert!(
        members_of(inode).is_empty(),
        "left behind: {:?}",
        members_of(inode)
    );
    assert_eq!(mountinfo(), mounts);
}

#[test]
fn a_held_namespace_is_found_by_scanning_proc_and_empty_after_teardown() {
    let _one = one_lab_at_a_time();
    if !live_or_skip("a_held_namespace_is_found_by_scanning_proc_and_empty_after_teardown") {
        return;
    }
    use pidns_tutor::session::host::members_of_ns;
    let mut lab = Lab::spawn_with(mode(), exe()).expect("spawn");
    let ns = std::fs::File::open(format!("/proc/{}/ns/pid", lab.agent_pid())).expect("open");
    assert_eq!(members_of_ns(&ns), 1, "the agent alone");
    lab.start_chain().expect("chain");
    assert_eq!(members_of_ns(&ns), 4, "the agent and the chain");
    assert_eq!(lab.teardown(), 0);
    // The namespace outlives its processes while we hold it, and holds none.
    assert_eq!(members_of_ns(&ns), 0);
}

#[test]
fn pid_1_ignores_sigkill_from_inside_but_not_from_the_host() {
    let _one = one_lab_at_a_time();
    if !live_or_skip("pid_1_ignores_sigkill_from_inside_but_not_from_the_host") {
        return;
    }
    let mut lab = Lab::spawn_with(mode(), exe()).expect("spawn");
    for signal in [libc::SIGKILL, libc::SIGTERM, libc::SIGINT] {
        assert_eq!(
            lab.signal_init_from_inside(signal).expect("signal"),
            None,
            "kill() returns 0"
        );
        assert_eq!(
            lab.identity().expect("still there").pid,
            1,
            "signal {signal} was not delivered"
        );
    }
    lab.start_chain().expect("chain");
    assert_eq!(
        lab.kill_init().expect("kill init"),
        0,
        "the kernel ends the rest with PID 1"
    );
    assert!(lab.identity().is_err(), "a torn-down lab answers nothing");
}

#[test]
fn an_orphan_is_adopted_by_the_namespace_init() {
    let _one = one_lab_at_a_time();
    if !live_or_skip("an_orphan_is_adopted_by_the_namespace_init") {
        return;
    }
    let mut lab = Lab::spawn_with(mode(), exe()).expect("spawn");
    lab.remount_proc().expect("remount");
    let chain = lab.start_chain().expect("chain");
    let view = lab.snapshot(true).expect("snapshot");
    let names: Vec<&str> = chain
        .iter()
        .map(|&p| view.get(p).map_or("?", |p| p.name.as_str()))
        .collect();
    assert_eq!(names, pidns_tutor::lab::CHAIN_NAMES);
    assert_eq!(view.get(chain[2]).map(|p| p.ppid), Some(chain[1]));
    assert_eq!(lab.kill(chain[1], libc::SIGKILL, true).expect("kill"), None);
    let view = lab.snapshot(true).expect("snapshot");
    assert!(
        view.get(chain[1]).is_none(),
        "the killed member is gone (reaped by its parent)"
    );
    assert_eq!(
        view.get(chain[2]).map(|p| p.ppid),
        Some(1),
        "adopted by PID 1"
    );
}

#[test]
fn the_agent_gets_no_descriptor_but_its_channel() {
    let _one = one_lab_at_a_time();
    if !live_or_skip("the_agent_gets_no_descriptor_but_its_channel") {
        return;
    }
    let lab = Lab::spawn_with(mode(), exe()).expect("spawn");
    let fds: Vec<String> = std::fs::read_dir(format!("/proc/{}/fd", lab.agent_pid()))
        .expect("read the agent's fds")
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    // stdin, stdout, stderr (all /dev/null), the socket, and the agent's own signalfd.
    assert_eq!(fds.len(), 5, "agent fds: {fds:?}");
    // The channel is an unnamed socket: no path on disk another process could connect to.
    let channel = std::fs::read_link(format!("/proc/{}/fd/3", lab.agent_pid())).expect("fd 3");
    let channel = channel.to_string_lossy();
    let inode = channel
        .strip_prefix("socket:[")
        .and_then(|s| s.strip_suffix(']'))
        .expect("a socket");
    let unix = std::fs::read_to_string("/proc/net/unix").expect("/proc/net/unix");
    let entry = unix
        .lines()
        .find(|l| l.split_whitespace().nth(6) == Some(inode))
        .expect("listed");
    assert_eq!(
        entry.split_whitespace().count(),
        7,
        "the agent's socket has a path: {entry}"
    );
    for fd in ["0", "1", "2"] {
        let target =
            std::fs::read_link(format!("/proc/{}/fd/{fd}", lab.agent_pid())).expect("link");
        assert_eq!(target, std::path::Path::new("/dev/null"));
    }
}
