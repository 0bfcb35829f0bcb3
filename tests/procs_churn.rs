//! While processes are created and killed as fast as possible (bounded in count and time),
//! `read_all`, `read_focused` and `tree` keep working: no error, no panic, and nothing
//! written to stderr (fd 2 is redirected to a file for the duration and checked).
//!
//! One test in this file on purpose: it swaps the process-wide fd 2.

use pidns_tutor::procs::{ForestOptions, Snapshot, rows};
use pidns_tutor::tree::{TreeArgs, run_at};
use std::io::Read;
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The readers' rounds: a count, not a time, so a loaded machine makes the test slower,
/// never wrong. The churn goes on until the rounds are done, within loose bounds.
const ROUNDS: usize = 5;
/// How many processes must come and go while the readers run.
const CHURNED: usize = 50;
const MAX_PROCESSES: usize = 20_000;
const MAX_TIME: Duration = Duration::from_secs(60);

/// Starts short processes (some exit at once, some are killed) until told to stop or
/// the bounds are reached. Returns how many it started.
fn churn(stop: &AtomicBool, count: &AtomicUsize) -> usize {
    let start = Instant::now();
    let mut started = 0;
    while started < MAX_PROCESSES && start.elapsed() < MAX_TIME && !stop.load(Ordering::Relaxed) {
        let mut cmd = if started % 2 == 0 {
            Command::new("true")
        } else {
            let mut c = Command::new("sleep");
            c.arg("5");
            c
        };
        let Ok(mut child) = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn() else {
            continue;
        };
        started += 1;
        count.store(started, Ordering::Relaxed);
        let _ = child.kill();
        let _ = child.wait();
    }
    started
}

#[test]
fn snapshots_survive_process_churn_silently() {
    let log = std::env::temp_dir().join(format!("pidns-tutor-churn-{}.err", std::process::id()));
    let file = std::fs::File::create(&log).expect("stderr file");
    // SAFETY: dup/dup2 on fd 2 and a file we own; restored below before any assertion.
    let saved = unsafe { libc::dup(2) };
    assert!(saved >= 0);
    // SAFETY: as above: fd 2 now points at our file until it is restored.
    unsafe { libc::dup2(file.as_raw_fd(), 2) };

    let stop = AtomicBool::new(false);
    let count = AtomicUsize::new(0);
    let me = std::process::id() as i32;
    let (started, rounds) = std::thread::scope(|s| {
        let churner = s.spawn(|| churn(&stop, &count));
        let mut rounds = 0;
        let mut failures = Vec::new();
        // Enough rounds, and enough churn under them, whichever comes last.
        while (rounds < ROUNDS || count.load(Ordering::Relaxed) <= CHURNED)
            && !churner.is_finished()
        {
            let all = Snapshot::read_all(Path::new("/proc"));
            if all.get(me).is_none() {
                failures.push("read_all lost this process");
            }
            let focused = Snapshot::read_focused(Path::new("/proc"), &[me, 1]);
            if focused.get(me).is_none() || focused.total == 0 {
                failures.push("read_focused lost this process");
            }
            let opts = ForestOptions {
                fold: true,
                keep: vec![me],
                ..Default::default()
            };
            if rows(&focused, &opts).is_empty() {
                failures.push("no rows");
            }
            let mut out = Vec::new();
            if run_at(&TreeArgs::default(), Path::new("/proc"), None, &mut out).is_err() {
                failures.push("tree failed");
            }
            rounds += 1;
        }
        stop.store(true, Ordering::Relaxed);
        let started = churner.join().unwrap_or(0);
        // SAFETY: put the real stderr back before reporting anything.
        unsafe {
            libc::dup2(saved, 2);
            libc::close(saved);
        }
        assert!(failures.is_empty(), "{failures:?}");
        (started, rounds)
    });

    let mut err = String::new();
    std::fs::File::open(&log)
        .and_then(|mut f| f.read_to_string(&mut err))
        .expect("read stderr file");
    let _ = std::fs::remove_file(&log);
    assert_eq!(err, "", "something was written to stderr");
    assert!(
        rounds >= ROUNDS && started > CHURNED,
        "the churn ended first ({rounds} rounds, {started} processes)"
    );
    println!("{rounds} rounds while {started} processes came and went");
}
