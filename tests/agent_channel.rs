//! Issue 21, B5 and B12: the channel to the agent cannot drift out of step. An agent
//! stopped mid-request (SIGSTOP, as step 10 invites) is named in words from its state in
//! /proc, its late answer is dropped, and the next request gets its own answer; lines
//! written into the channel by someone else (the learner, through pidfd_getfd) are
//! dropped or refused in words, never a Debug dump; `q` quits at once with a stopped agent.

mod common;
mod tmux_support;

use common::*;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use pidns_tutor::lab::Lab;
use std::os::fd::OwnedFd;
use std::time::{Duration, Instant};
use tmux_support::*;

fn lab() -> Option<Lab> {
    if !live_or_skip("agent_channel") {
        return None;
    }
    let mode = pidns_tutor::check::Availability::probe(exe()).chosen()?;
    Some(Lab::spawn_with(mode, exe()).expect("spawn a lab"))
}

/// An error as the learner would read it: words, no Rust Debug dump.
fn assert_in_words(error: &str) {
    for dump in ["Snapshot(", "Identity(", "Kill {", "Proc {", "Some("] {
        assert!(!error.contains(dump), "a Debug dump: {error}");
    }
}

#[test]
fn b5_a_stopped_agent_is_named_and_its_late_answer_is_dropped() {
    let Some(mut lab) = lab() else {
        return;
    };
    let agent = Pid::from_raw(lab.agent_pid());
    assert_eq!(lab.identity().expect("identity").pid, 1);
    kill(agent, Signal::SIGSTOP).expect("SIGSTOP");
    // Probing PID 1 would succeed: the answer comes, late, after SIGCONT.
    let error = format!(
        "{:#}",
        lab.kill(1, 0, false).expect_err("no answer while stopped")
    );
    assert!(
        error.contains("PID 1 did not answer (state T: stopped?"),
        "{error}"
    );
    assert_in_words(&error);
    kill(agent, Signal::SIGCONT).expect("SIGCONT");
    // A request of the same kind: its own answer (no such process), not the late one.
    let errno = lab.kill(99_999, 0, false).expect("an answer after SIGCONT");
    assert_eq!(errno.map(|e| e.name).as_deref(), Some("ESRCH"));
    assert_eq!(lab.identity().expect("identity").pid, 1);
    let snapshot = lab.snapshot(true).expect("snapshot");
    assert!(snapshot.procs.iter().any(|p| p.pid == 1));
    assert_eq!(lab.teardown(), 0);
}

/// The agent's end of the channel, as the learner's root shell can take it: a copy of
/// the agent's descriptor 3 through pidfd_getfd(2). `None` (after skip) where the kernel
/// refuses it.
fn steal_channel(agent: i32) -> Option<OwnedFd> {
    use rustix::process::{Pid, PidfdFlags, PidfdGetfdFlags, pidfd_getfd, pidfd_open};
    let agent = Pid::from_raw(agent).expect("the agent's PID is positive");
    let pidfd = match pidfd_open(agent, PidfdFlags::empty()) {
        Ok(pidfd) => pidfd,
        Err(errno) => {
            skip(&format!("pidfd_open: {errno}"));
            return None;
        }
    };
    match pidfd_getfd(&pidfd, 3, PidfdGetfdFlags::empty()) {
        Ok(fd) => Some(fd),
        Err(errno) => {
            skip(&format!("pidfd_getfd: {errno}"));
            None
        }
    }
}

#[test]
fn b12_lines_written_into_the_channel_by_someone_else_change_nothing() {
    let Some(mut lab) = lab() else {
        return;
    };
    let Some(stolen) = steal_channel(lab.agent_pid()) else {
        return;
    };
    let mut stolen = std::fs::File::from(stolen);
    use std::io::Write;
    // Answers nobody asked for: unnumbered, and numbered far ahead.
    stolen
        .write_all(b"{\"reply\":\"done\"}\n999 {\"reply\":\"kill\",\"errno\":null}\n")
        .expect("write");
    assert_eq!(lab.identity().expect("its own answer").pid, 1);
    let errno = lab.kill(99_999, 0, false).expect("its own answer");
    assert_eq!(errno.map(|e| e.name).as_deref(), Some("ESRCH"));
    // A line that is not an answer at all: an error in words, once.
    stolen
        .write_all(b"{\"reply\":\"\\u001b]0;X\\u0007\"}\n")
        .expect("write");
    let error = format!("{:#}", lab.identity().expect_err("a bad line"));
    assert!(error.contains("not an answer"), "{error}");
    assert!(!error.contains('\u{1b}'), "{error}");
    assert_in_words(&error);
    // And the channel is in step again.
    assert_eq!(lab.identity().expect("identity").pid, 1);
    assert!(lab.snapshot(false).is_ok());
    drop(stolen);
    assert_eq!(lab.teardown(), 0);
}

/// The agent of the tutor `tutor`: its child called pidns-agent.
fn agent_of(tutor: i32) -> i32 {
    all_pids()
        .into_iter()
        .find(|&p| {
            ppid(p) == Some(tutor)
                && std::fs::read_to_string(format!("/proc/{p}/comm"))
                    .is_ok_and(|c| c.trim() == "pidns-agent")
        })
        .expect("the agent's pid")
}

/// B5 in the TUI, as the report ran it: step 4 run, the agent stopped, the next step run
/// (it says the agent is stopped), the agent continued, the step run again and the next
/// one too; then stopped once more, `q` quits (the 20 s bound of `wait_text` only turns a
/// hang into a failure; the time it took is printed).
#[test]
fn b5_in_the_tui_sigstop_then_sigcont_and_the_lesson_goes_on() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    let tmux = Tmux::new("b5", 160, 48);
    let server = tmux.server_pid();
    start_tutor(&tmux, "");
    tmux.keys(&["g", "4", "Enter"]);
    step(&tmux, 4);
    run(&tmux);
    let tutor = tutor_under(server);
    let agent = Pid::from_raw(agent_of(tutor));
    kill(agent, Signal::SIGSTOP).expect("SIGSTOP");
    tmux.keys(&["Right"]);
    tmux.wait_text(&format!("5/{LAST}"));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text("did not answer");
    assert!(screen.contains("state T"), "{screen}");
    assert_in_words(&screen);
    assert!(screen.contains("Enter tries again"), "{screen}");
    kill(agent, Signal::SIGCONT).expect("SIGCONT");
    let screen = run(&tmux);
    assert!(screen.contains(&format!("5/{LAST}")), "{screen}");
    tmux.keys(&["Right"]);
    step(&tmux, 6);
    let screen = run(&tmux);
    assert!(!screen.contains("did not answer"), "{screen}");
    let ours = namespaces_under(server);
    // Stopped again: quitting does not wait for it.
    kill(agent, Signal::SIGSTOP).expect("SIGSTOP");
    let asked = Instant::now();
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
    eprintln!("q with a stopped agent: exited after {:?}", asked.elapsed());
    assert_nothing_left_within(&ours, Duration::from_secs(2), "q, agent stopped");
}
