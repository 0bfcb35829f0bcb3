//! Benchmark (issue 5, target 3): spawning the lab (clone, re-exec of the agent, handshake,
//! first identity reply) against `unshare --pid --fork true`, the smallest thing a shell
//! user would run to get a PID namespace, timed in the same run. Prints medians and the
//! ratio; run with `cargo bench --bench lab_spawn` as root.

use pidns_tutor::lab::{Lab, Mode};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 41;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn main() {
    let exe = Path::new(env!("CARGO_BIN_EXE_pidns-tutor"));
    let mode = pidns_tutor::check::Availability::probe(exe).chosen();
    let Some(mode) = mode else {
        eprintln!("lab_spawn: no live namespace here; nothing to measure");
        return;
    };
    let unshare_args: &[&str] = match mode {
        Mode::Root => &["--pid", "--fork", "true"],
        Mode::Userns => &["--user", "--map-root-user", "--pid", "--fork", "true"],
    };
    // Warm both paths (page cache, dynamic loader) before measuring.
    for _ in 0..3 {
        let _ = Command::new("unshare").args(unshare_args).status();
        let _ = Lab::spawn_with(mode, exe).and_then(|mut lab| lab.identity());
    }
    let mut ours = Vec::new();
    let mut peer = Vec::new();
    // Interleaved, so a burst of load on the machine hits both alike.
    for _ in 0..RUNS {
        peer.push(time(|| {
            let status = Command::new("unshare").args(unshare_args).status();
            assert!(status.is_ok_and(|s| s.success()), "unshare failed");
        }));
        ours.push(time(|| {
            let mut lab = Lab::spawn_with(mode, exe).expect("spawn");
            lab.identity().expect("identity");
        }));
    }
    let (ours, peer) = (median(ours), median(peer));
    println!("mode {mode}, {RUNS} runs each, medians:");
    println!(
        "  unshare {}: {:.2} ms",
        unshare_args.join(" "),
        peer.as_secs_f64() * 1e3
    );
    println!(
        "  Lab::spawn + identity:      {:.2} ms",
        ours.as_secs_f64() * 1e3
    );
    println!(
        "  ratio: {:.2}x (target: at most 2x)",
        ours.as_secs_f64() / peer.as_secs_f64()
    );
}
