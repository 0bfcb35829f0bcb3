//! Issue 21, B6: 20,000 connections to the TUI's notes socket (anyone with the same uid
//! can make them, the learner's shell included). The TUI keeps a few clients and closes
//! the rest at once, so it keeps its descriptors: it goes on drawing its trees and
//! starting labs, and it does not spin. CPU is measured, not timed: the TUI's utime +
//! stime from /proc/PID/stat over one second, starting a second after the flood ends.

mod common;
mod tmux_support;

use common::*;
use nix::sys::socket::{AddressFamily, SockFlag, SockType, UnixAddr, connect, socket};
use std::io::{BufRead, BufReader};
use std::os::fd::OwnedFd;
use std::path::Path;
use std::time::{Duration, Instant};
use tmux_support::*;

const FLOOD: usize = 20_000;
/// How many the test holds open at once (it keeps descriptors for tmux and the rest).
const HELD: usize = 12_000;

/// The TUI's CPU time so far, in clock ticks (utime + stime, fields 14 and 15).
fn cpu_ticks(pid: i32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    let after = &stat[stat.rfind(')').expect("comm") + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// The share of one core the TUI used over the next second.
fn cpu_share_over_a_second(pid: i32) -> f64 {
    // SAFETY: sysconf only reads a constant.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(1));
    (cpu_ticks(pid) - before) as f64 / hz
}

fn open_fds(pid: i32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count())
}

/// One connection, without waiting: `None` when the listener's backlog is full.
fn try_connect(path: &Path) -> Option<OwnedFd> {
    let fd = socket(
        AddressFamily::Unix,
        SockType::Stream,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        None,
    )
    .expect("socket");
    let addr = UnixAddr::new(path).expect("address");
    use std::os::fd::AsRawFd;
    connect(fd.as_raw_fd(), &addr).ok().map(|()| fd)
}

fn raise_fd_limit() {
    // SAFETY: rlimit is plain data; getrlimit and setrlimit only read and write it.
    unsafe {
        let mut limit: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 {
            limit.rlim_cur = limit.rlim_max.min(HELD as u64 + 2_000);
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

#[test]
fn b6_twenty_thousand_notes_connections_leave_the_tui_working_and_idle() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    raise_fd_limit();
    let runtime = Scratch::new("flood");
    let tmux = Tmux::new("flood", 160, 48);
    let server = tmux.server_pid();
    start_tutor(&tmux, &format!("XDG_RUNTIME_DIR={}", runtime.display()));
    let tutor = tutor_under(server);
    let socket = runtime.join(format!("pidns-tutor/notes-{tutor}.sock"));
    assert!(socket.exists(), "no notes socket at {}", socket.display());

    let mut held: std::collections::VecDeque<OwnedFd> = Default::default();
    let mut made = 0;
    let started = Instant::now();
    while made < FLOOD {
        match try_connect(&socket) {
            Some(fd) => {
                made += 1;
                held.push_back(fd);
                if held.len() > HELD {
                    held.pop_front();
                }
            }
            // The backlog is full: the TUI has not accepted yet. A TUI that stopped
            // accepting (out of descriptors) would never empty it: a bound, not a timing.
            None => {
                assert!(
                    started.elapsed() < WAIT * 3,
                    "the TUI stopped accepting after {made} connections"
                );
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }
    eprintln!(
        "{made} connections in {:?}, {} held open",
        started.elapsed(),
        held.len()
    );

    // A second after the flood: idle, and holding few descriptors.
    std::thread::sleep(Duration::from_secs(1));
    let share = cpu_share_over_a_second(tutor);
    let fds = open_fds(tutor);
    eprintln!(
        "with the flood held: {:.0}% of a core, {fds} descriptors",
        share * 100.0
    );
    assert!(
        share < 0.5,
        "the TUI spins: {:.0}% of a core",
        share * 100.0
    );
    assert!(fds < 200, "the TUI holds {fds} descriptors");

    // It still draws its trees and can start a lab (a socketpair, a clone).
    let screen = tmux.wait_text("tutor (you)");
    assert!(screen.contains("pidns-tutor"), "{screen}");
    tmux.keys(&["g", "4", "Enter"]);
    step(&tmux, 4);
    let screen = run(&tmux);
    assert!(screen.contains("pidns-agent"), "{screen}");

    // The flood leaves: still idle, and a real notes client is served again.
    drop(held);
    std::thread::sleep(Duration::from_secs(1));
    let share = cpu_share_over_a_second(tutor);
    eprintln!("after the flood: {:.0}% of a core", share * 100.0);
    assert!(
        share < 0.5,
        "the TUI spins: {:.0}% of a core",
        share * 100.0
    );
    let client = std::os::unix::net::UnixStream::connect(&socket).expect("connect");
    client.set_read_timeout(Some(WAIT)).expect("timeout");
    let mut line = String::new();
    BufReader::new(client)
        .read_line(&mut line)
        .expect("a greeting");
    assert!(line.contains("\"step\""), "{line}");
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
}
