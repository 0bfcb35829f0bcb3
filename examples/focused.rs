//! Times `Snapshot::read_focused` (what the TUI refreshes every second) against
//! `read_all`, on this host: `cargo run --release --example focused [ROUNDS]`.

use pidns_tutor::procs::Snapshot;
use std::path::Path;
use std::time::Instant;

fn main() {
    let rounds: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let me = std::process::id() as i32;
    let proc = Path::new("/proc");
    let time = |f: &dyn Fn() -> Snapshot| {
        let mut times: Vec<f64> = (0..rounds)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let focused = Snapshot::read_focused(proc, &[me]);
    let all = time(&|| Snapshot::read_all(proc));
    let foc = time(&|| Snapshot::read_focused(proc, &[me]));
    println!(
        "read_all: median {all:.2} ms; read_focused(self): median {foc:.3} ms \
         ({} of {} processes read)",
        focused.procs.len(),
        focused.total
    );
}
