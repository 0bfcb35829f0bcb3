//! Benchmark (issue 10): the shell pane through a real pty, as a user sees it. The built
//! binary runs in a pseudo-terminal of ours (portable-pty), its screen kept by vt100;
//! every time is from the moment the bytes are written to the moment the screen we parse
//! shows the result.
//!
//! 1. Keystroke to its echo drawn in the pane (target: median <= 20 ms), against the same
//!    keystroke through tmux to bash (a terminal multiplexer: a pty inside, a redraw
//!    outside, as here), and to bash alone in the pty (the floor).
//! 2. A fork inside (`pbfNN 1000 &` typed in the pane, a link to sleep) to the process drawn in both trees
//!    (target: median <= 300 ms over 20 forks), against `htop -d 10` (refresh every
//!    second, filtered to the sleepers) showing one started on the host.
//!
//! Run: `cargo bench --bench shell_pane` (as root, or where user namespaces work).

#[path = "../tests/pty_support/mod.rs"]
mod pty_support;

use pty_support::Term;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pidns-tutor");
const KEYS: usize = 60;
const FORKS: usize = 20;
const WAIT: Duration = Duration::from_secs(15);
const GAP: Duration = Duration::from_millis(30);

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let check = std::process::Command::new(BIN).arg("check").output();
    if !check.is_ok_and(|o| o.status.success()) {
        eprintln!("shell_pane: no live namespace here; nothing to measure");
        return;
    }
    let processes = std::fs::read_dir("/proc").map_or(0, |d| d.count());
    println!("shell_pane: {processes} entries in /proc; {KEYS} keystrokes, {FORKS} forks");

    let tutor = keystrokes(&mut tutor_pane(120, 36), "@namespace:/# ");
    let tmux = {
        let socket = format!("pidns-bench-{}", std::process::id());
        let mut term = Term::spawn(
            "tmux",
            &[
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "env",
                "PS1=$ ",
                "bash",
                "--norc",
                "--noprofile",
            ],
            &[("TMUX", "")],
            120,
            36,
        );
        wait(&term, "tmux's shell", |s| s.contains("$ "));
        let times = keystrokes(&mut term, "$ ");
        let _ = std::process::Command::new("tmux")
            .args(["-L", &socket, "kill-server"])
            .status();
        times
    };
    let bash = {
        let mut term = Term::spawn(
            "bash",
            &["--norc", "--noprofile"],
            &[("PS1", "$ ")],
            120,
            36,
        );
        wait(&term, "bash", |s| s.contains("$ "));
        keystrokes(&mut term, "$ ")
    };
    println!("\n1. keystroke to echo drawn ({KEYS} keys each)");
    report("pidns-tutor shell pane", &tutor);
    report("tmux -> bash (peer)", &tmux);
    report("bash alone in the pty (floor)", &bash);
    println!(
        "   ratio pane / tmux (medians): {:.2}",
        median(&tutor).as_secs_f64() / median(&tmux).as_secs_f64()
    );

    let dir = std::env::temp_dir().join(format!("pidns-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("bench dir");
    for i in 1..=FORKS {
        let _ = std::os::unix::fs::symlink("/bin/sleep", dir.join(format!("pbf{i:02}")));
    }
    let pane = forks_in_the_pane(&dir);
    let htop = forks_in_htop(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    println!("\n2. fork to drawn ({FORKS} forks each)");
    report("pidns-tutor, both trees", &pane);
    report("htop -d 10 (peer)", &htop);
    println!(
        "   ratio pane / htop (medians): {:.2}",
        median(&pane).as_secs_f64() / median(&htop).as_secs_f64()
    );
}

/// The tutor at the hostname step with the shell pane open, at its prompt.
fn tutor_pane(cols: u16, rows: u16) -> Term {
    let mut term = Term::spawn(
        BIN,
        &["--lang", "en", "--step", "hostname"],
        &[],
        cols,
        rows,
    );
    wait(&term, "step 5", |s| {
        s.contains(&format!("5/{}", pidns_tutor::lesson::Step::COUNT)) && s.contains("Press Enter")
    });
    term.send(b"s");
    let screen = wait(&term, "the pane", |s| {
        s.contains("Enter/y: open it") || s.contains("shell in the lab's namespace")
    });
    if screen.contains("Enter/y: open it") {
        term.send(b"\r");
    }
    wait(&term, "the prompt", |s| s.contains("@namespace:/# "));
    term
}

/// Types letters one by one after `prompt`, `GAP` apart; for each, the time until the
/// screen shows the whole line so far.
fn keystrokes(term: &mut Term, prompt: &str) -> Vec<Duration> {
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    let mut typed = String::new();
    let mut times = Vec::new();
    for i in 0..KEYS {
        if typed.len() == 30 {
            // Ctrl-U: an empty line again.
            term.send(&[0x15]);
            typed.clear();
            wait(term, "an empty line", |s| {
                after_prompt(s, prompt).is_some_and(|t| t.is_empty())
            });
        }
        let c = letters[i % letters.len()];
        typed.push(c as char);
        // 30 ms apart: a very fast typist (2,000 keys a minute). Keys sent back to back
        // would measure the frame rationing (one frame per 8 ms under a flood) instead.
        std::thread::sleep(GAP);
        let start = Instant::now();
        term.send(&[c]);
        let (_, seen) = term
            .until(WAIT, |s| {
                after_prompt(s, prompt).as_deref() == Some(typed.as_str())
            })
            .unwrap_or_else(|| panic!("no echo of {typed}:\n{}", term.text()));
        times.push(seen - start);
    }
    term.send(&[0x15]);
    times
}

/// `pbfNN 1000 &` typed in the pane: the time until `─pbfNN ` shows in both trees (the
/// typed line has no tree glyph before the name); then `kill %%` and wait till it is gone.
fn forks_in_the_pane(dir: &std::path::Path) -> Vec<Duration> {
    let mut term = tutor_pane(160, 48);
    term.send(format!("export PATH=$PATH:{}\r", dir.display()).as_bytes());
    std::thread::sleep(Duration::from_millis(300));
    let mut times = Vec::new();
    for i in 1..=FORKS {
        let name = format!("─pbf{i:02} ");
        // A different moment of the trees' refresh cycle for each fork, not always the
        // one right after the refresh that saw the last job go.
        std::thread::sleep(Duration::from_millis(37 * i as u64 % 200));
        let start = Instant::now();
        term.send(format!("pbf{i:02} 1000 &\r").as_bytes());
        let (_, seen) = term
            .until(WAIT, |s| s.matches(&name).count() >= 2)
            .unwrap_or_else(|| panic!("pbf{i:02} never drawn twice:\n{}", term.text()));
        times.push(seen - start);
        term.send(b"kill %% 2>/dev/null; wait\r");
        wait(&term, "the job gone", |s| !s.contains(&name));
    }
    term.send(&[0x1d, b'q']);
    let _ = term.wait_exit(Duration::from_secs(10));
    times
}

/// A process started on the host: the time until `htop -d 10` shows it.
fn forks_in_htop(dir: &std::path::Path) -> Vec<Duration> {
    // Filtered to our sleepers, so a crowded host cannot push them off its screen.
    let term = Term::spawn("htop", &["-d", "10", "-F", "pbf"], &[], 160, 48);
    wait(&term, "htop", |s| s.contains("PID"));
    let mut times = Vec::new();
    for i in 1..=FORKS {
        let name = format!("pbf{i:02} 1000");
        let start = Instant::now();
        let mut child = std::process::Command::new(dir.join(format!("pbf{i:02}")))
            .arg("1000")
            .spawn()
            .expect("start a sleeper");
        let seen = term.until(WAIT, |s| s.contains(&name));
        let _ = child.kill();
        let _ = child.wait();
        match seen {
            Some((_, at)) => times.push(at - start),
            None => eprintln!("htop never showed {name}"),
        }
        std::thread::sleep(Duration::from_millis(137 * i as u64 % 1000));
    }
    times
}

/// What follows the last `prompt` on its line, up to the pane's border.
fn after_prompt(screen: &str, prompt: &str) -> Option<String> {
    let line = screen.lines().rev().find(|l| l.contains(prompt))?;
    let (_, rest) = line.rsplit_once(prompt)?;
    Some(rest.split('┃').next().unwrap_or("").trim_end().to_string())
}

fn wait(term: &Term, what: &str, ok: impl Fn(&str) -> bool) -> String {
    term.until(WAIT, ok)
        .map(|(s, _)| s)
        .unwrap_or_else(|| panic!("timed out waiting for {what}:\n{}", term.text()))
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn report(name: &str, times: &[Duration]) {
    let mut sorted = times.to_vec();
    sorted.sort();
    let at = |q: f64| {
        sorted
            .get(((sorted.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or_default()
    };
    println!(
        "   {name:<34} median {:>8.2} ms   p90 {:>8.2} ms   max {:>8.2} ms   (n={})",
        at(0.5).as_secs_f64() * 1e3,
        at(0.9).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3,
        sorted.len()
    );
}
