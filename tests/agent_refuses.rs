//! The agent acts only as PID 1 of a namespace of its own, on a socket the tutor handed
//! it. Run by hand, with a bad descriptor, in the tutor's own PID or UTS namespace, or
//! from a clone() that lost one of its namespace flags, it refuses: one line on stderr,
//! exit 2, the hostname as it was, nobody signalled.
//!
//! Whatever might act on a namespace runs inside a throwaway one made for the test, so a
//! regression renames and signals only that: a UTS namespace for the by-hand runs, and
//! for the labs with a broken clone() a whole sandbox (`unshare -pfu --mount-proc`) in
//! which this very test binary is re-run as PID 1.

mod common;

use common::*;
use nix::sched::CloneFlags;
use nix::sys::socket::{AddressFamily, Shutdown, SockFlag, SockType, shutdown, socket, socketpair};
use pidns_tutor::lab::{AGENT_ARG, Lab, Mode};
use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// `command` with `fd` (if any) as its descriptor 3 and nothing else above stderr.
fn with_fd3(command: &mut Command, fd: Option<RawFd>) -> &mut Command {
    // SAFETY: only raw system calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            match fd {
                Some(3) => {
                    libc::fcntl(3, libc::F_SETFD, 0);
                }
                Some(fd) => {
                    libc::dup2(fd, 3);
                }
                None => {
                    libc::close(3);
                }
            }
            Ok(())
        });
    }
    command
}

/// Checks a refusal on stderr: exactly one line that says so, no panic.
fn assert_one_line_refusal(stderr: &str, what: &str) {
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{what}: not one line: {stderr}");
    assert!(stderr.contains("refused"), "{what}: {stderr}");
}

/// This process's PID and UTS namespaces as the tutor passes them: `DEV:INO`.
fn namespace_args() -> [String; 2] {
    ["pid", "uts"].map(|kind| {
        let m = std::fs::metadata(format!("/proc/self/ns/{kind}")).expect("ns link");
        format!("{}:{}", m.dev(), m.ino())
    })
}

/// What the agent said on its socket before it hung up.
fn said(ours: OwnedFd) -> String {
    let mut text = String::new();
    let _ = std::fs::File::from(ours).read_to_string(&mut text);
    text
}

/// A connected pair, as the tutor makes it; our end says nothing more, so an agent that
/// wrongly started hears the tutor hang up and ends instead of waiting forever.
fn stream_pair() -> (OwnedFd, OwnedFd) {
    let (ours, theirs) = socketpair(
        AddressFamily::Unix,
        SockType::Stream,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .expect("socketpair");
    shutdown(ours.as_raw_fd(), Shutdown::Write).expect("shutdown");
    (ours, theirs)
}

#[test]
fn without_a_proper_descriptor_it_refuses_in_one_line() {
    let file = std::fs::File::open(EXE).expect("open the binary");
    let (datagram, _other) = socketpair(
        AddressFamily::Unix,
        SockType::Datagram,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .expect("socketpair");
    let lonely = socket(
        AddressFamily::Unix,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .expect("socket");
    let [pid, uts] = namespace_args();
    let cases: [(&str, Vec<&str>, Option<RawFd>, &str); 8] = [
        ("no arguments", vec![], None, "no descriptor"),
        ("a word", vec!["three"], None, "not a descriptor number"),
        ("a closed descriptor", vec!["3"], None, "not open"),
        ("stdout", vec!["1"], None, "standard"),
        (
            "a regular file",
            vec!["3", &pid, &uts],
            Some(file.as_raw_fd()),
            "not a socket",
        ),
        (
            "a datagram socket",
            vec!["3", &pid, &uts],
            Some(datagram.as_raw_fd()),
            "not a unix stream socket",
        ),
        (
            "an unconnected socket",
            vec!["3", &pid, &uts],
            Some(lonely.as_raw_fd()),
            "no one at the other end",
        ),
        ("a negative number", vec!["-1"], None, "not open"),
    ];
    for (what, args, fd, why) in cases {
        let mut command = Command::new(EXE);
        command.arg(AGENT_ARG).args(&args);
        let out = output(with_fd3(&mut command, fd));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert_one_line_refusal(&stderr, what);
        assert!(stderr.contains(why), "{what}: {stderr}");
    }
}

/// `unshare` with a UTS namespace of its own (and a user namespace when not root), or
/// `None` after saying why not.
fn uts_sandbox() -> Option<Command> {
    if which("unshare").is_none() {
        skip("unshare(1) is not installed (scripts/test-deps.sh)");
        return None;
    }
    let mut command = Command::new("unshare");
    if !is_root() {
        if pidns_tutor::check::probe(Mode::Userns, exe()).is_err() {
            skip("needs root or unprivileged user namespaces");
            return None;
        }
        command.args(["--user", "--map-root-user"]);
    }
    command.arg("--uts");
    Some(command)
}

#[test]
fn run_by_hand_it_leaves_the_hostname_as_it_was() {
    let Some(mut command) = uts_sandbox() else {
        return;
    };
    let (ours, theirs) = stream_pair();
    // Everything the tutor would pass, even its namespaces: still not PID 1.
    let [pid, uts] = namespace_args();
    let script = "hostname before-agent && \"$0\" \"$@\"; echo \"code=$?\"; hostname";
    command
        .args(["sh", "-c", script, EXE, AGENT_ARG, "3", &pid, &uts])
        .current_dir("/");
    let out = output(with_fd3(&mut command, Some(theirs.as_raw_fd())));
    drop(theirs);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stdout, "code=2\nbefore-agent\n", "{stderr}");
    assert_one_line_refusal(&stderr, "by hand");
    assert!(stderr.contains("not PID 1"), "{stderr}");
    let told = said(ours);
    assert!(
        told.contains("refused") && !told.contains("ready"),
        "the tutor's end heard: {told}"
    );
}

#[test]
fn pid_1_in_the_tutors_uts_namespace_refuses() {
    let Some(mut command) = uts_sandbox() else {
        return;
    };
    // PID 1 of a new PID namespace (unshare -pf), but in the UTS namespace of the shell
    // that plays the tutor: the hostname would be the tutor's.
    let script = "hostname before-agent && \
                  pid=$(stat -Lc %d:%i /proc/self/ns/pid) && \
                  uts=$(stat -Lc %d:%i /proc/self/ns/uts) && \
                  unshare --pid --fork -- \"$0\" __agent 3 \"$pid\" \"$uts\"; \
                  echo \"code=$?\"; hostname";
    let (ours, theirs) = stream_pair();
    command.args(["sh", "-c", script, EXE]).current_dir("/");
    let out = output(with_fd3(&mut command, Some(theirs.as_raw_fd())));
    drop(theirs);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stdout, "code=2\nbefore-agent\n", "{stderr}");
    assert_one_line_refusal(&stderr, "PID 1 in the tutor's UTS namespace");
    assert!(stderr.contains("UTS namespace"), "{stderr}");
    assert!(said(ours).contains("refused"));
}

/// B10 (issue 21): the same, in a UTS namespace that is not the machine's (a container's,
/// here the test's), with made-up "outside" namespaces on the command line. The agent
/// asks the kernel for its parent's namespaces instead of trusting its argv: refused,
/// the container's hostname unchanged.
#[test]
fn made_up_outside_namespaces_do_not_fool_the_agent() {
    let Some(mut command) = uts_sandbox() else {
        return;
    };
    let script = "hostname container && \
                  unshare --pid --fork -- \"$0\" __agent 3 1:2 3:4; \
                  echo \"code=$?\"; hostname";
    let (ours, theirs) = stream_pair();
    command.args(["sh", "-c", script, EXE]).current_dir("/");
    let out = output(with_fd3(&mut command, Some(theirs.as_raw_fd())));
    drop(theirs);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stdout, "code=2\ncontainer\n", "{stderr}");
    assert_one_line_refusal(&stderr, "made-up outside namespaces");
    assert!(stderr.contains("UTS namespace of its parent"), "{stderr}");
    assert!(said(ours).contains("refused"));
}

/// Inside the sandbox: a lab whose clone() leaves out `left_out` must not start, and its
/// agent must neither rename the sandbox nor signal its PID 1 (this process).
fn refuses_when_clone_leaves_out(left_out: CloneFlags, why: &str) {
    assert_eq!(
        nix::unistd::getpid().as_raw(),
        1,
        "not in the sandbox: refusing to run a broken lab on the host"
    );
    nix::unistd::sethostname("sandbox").expect("sethostname in the sandbox");
    let signalled = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(libc::SIGUSR1, Arc::clone(&signalled)).expect("handler");

    let error = match Lab::spawn_leaving_out(Mode::Root, exe(), left_out) {
        Err(error) => format!("{error:#}"),
        Ok(mut lab) => {
            // A regression: the agent started. Let it do what the lesson asks of it, so
            // the test sees the harm it would do (to the sandbox only).
            let _ = lab.signal_init_from_inside(libc::SIGUSR1);
            let _ = lab.kill(1, libc::SIGUSR1, false);
            "it started".into()
        }
    };
    assert!(
        error.contains("refused") && error.contains(why),
        "the agent started: {error:?}"
    );
    assert!(
        !signalled.load(Ordering::SeqCst),
        "the agent signalled the sandbox's PID 1"
    );
    assert_eq!(
        nix::unistd::gethostname().expect("hostname"),
        "sandbox",
        "the agent renamed a namespace that was not its own"
    );
}

#[test]
fn a_clone_without_a_new_pid_namespace_makes_the_agent_refuse() {
    let test = "a_clone_without_a_new_pid_namespace_makes_the_agent_refuse";
    if in_sandbox() {
        refuses_when_clone_leaves_out(CloneFlags::CLONE_NEWPID, "not PID 1");
    } else {
        rerun_in_sandbox(test);
    }
}

#[test]
fn a_clone_without_a_new_uts_namespace_makes_the_agent_refuse() {
    let test = "a_clone_without_a_new_uts_namespace_makes_the_agent_refuse";
    if in_sandbox() {
        refuses_when_clone_leaves_out(CloneFlags::CLONE_NEWUTS, "UTS namespace");
    } else {
        rerun_in_sandbox(test);
    }
}
