//! The shell pane in a pseudo-terminal of the test's own (portable-pty, the screen kept
//! by vt100), no tmux needed: the built binary opens the pane, the shell in it is a child
//! of the namespace's PID 1, Ctrl-] gives the keys back, q quits, the terminal is
//! restored, and nothing is left in the lab's namespace.

mod common;
mod pty_support;

use common::*;
use pty_support::Term;
use std::os::unix::fs::MetadataExt;
use std::time::{Duration, Instant};

fn agent_ns_of(tutor: i32) -> Option<u64> {
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: i32 = e.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let parent: i32 = stat[stat.rfind(')')? + 1..]
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
        (parent == tutor && comm.trim() == "pidns-agent")
            .then(|| {
                std::fs::metadata(format!("/proc/{pid}/ns/pid"))
                    .ok()
                    .map(|m| m.ino())
            })
            .flatten()
    })
}

#[test]
fn open_type_give_back_and_quit() {
    if !live_or_skip("open_type_give_back_and_quit") {
        return;
    }
    let mut term = Term::spawn(EXE, &["--lang", "en", "--step", "hostname"], &[], 120, 36);
    term.wait_for("step 5 ready", |s| {
        s.contains(&format!("5/{}", pidns_tutor::lesson::Step::COUNT)) && s.contains("Press Enter")
    });
    term.send(b"s");
    let screen = term.wait_for("the pane or its confirmation", |s| {
        s.contains("Enter/y: open it") || s.contains("shell in the lab's namespace")
    });
    if screen.contains("Enter/y: open it") {
        term.send(b"\r");
    }
    term.wait_for("the prompt", |s| s.contains("@namespace:"));
    let lab = agent_ns_of(term.pid()).expect("the lab's namespace");
    term.send(b"echo \"pid=$$ ppid=$PPID\"\r");
    let screen = term.wait_for("the answer", |s| s.contains("ppid=1"));
    let answer = screen
        .lines()
        .find_map(|l| l.trim_start_matches('┃').strip_prefix("pid="))
        .and_then(|rest| rest.split_whitespace().next()?.parse::<i32>().ok());
    assert!(
        answer.is_some_and(|pid| pid > 1),
        "the shell is a child of PID 1, not PID 1: {screen}"
    );
    term.send(&[0x1d]); // Ctrl-]
    term.wait_for("the keys back", |s| s.contains("q quit"));
    term.send(b"q");
    assert_eq!(term.wait_exit(Duration::from_secs(10)), Some(0));
    let deadline = Instant::now() + Duration::from_secs(2);
    while !members_of(lab).is_empty() {
        assert!(
            Instant::now() < deadline,
            "left in the lab: {:?}",
            members_of(lab)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    term.until(Duration::from_secs(2), |_| false);
    assert!(term.restored(), "the terminal was not restored");
}
