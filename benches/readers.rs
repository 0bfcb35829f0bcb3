//! Benchmark (issue 9): the cost of reading /proc through the `procfs` crate. Three readers
//! do the same reads of every process on this host (stat, the ns/pid link, and status only
//! for a process in another PID namespace than the mount's), interleaved round by round:
//!
//! - `procs::Reader`, the tutor's reader (`Snapshot::read_all`): procfs's parsers, fed by
//!   reads relative to one descriptor of /proc;
//! - procfs's `Process`, as its documentation shows it (`all_processes`, `stat()`,
//!   `status()`; the link through rustix, as procfs reads a link only with all the others);
//! - the reader the tutor had before procfs, hand-rolled: the same system calls as the
//!   first, with its own parsing of the ppid, the name and `NSpid`.
//!
//! Prints medians and ratios. Meaningful on a crowded host:
//! `benches/crowd.sh 100 100 -- cargo bench --bench readers [ROUNDS]` (benches/tree.sh
//! runs it too).

use pidns_tutor::procs::Snapshot;
use rustix::fd::OwnedFd;
use rustix::fs::{CWD, Mode, OFlags, openat, readlinkat_raw};
use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

const DIR: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::CLOEXEC);
const FILE: OFlags = OFlags::RDONLY.union(OFlags::CLOEXEC);

fn ns_inode(link: &[u8]) -> Option<u64> {
    let start = link.iter().position(|&b| b == b'[')? + 1;
    let end = link.iter().rposition(|&b| b == b']')?;
    std::str::from_utf8(link.get(start..end)?)
        .ok()?
        .parse()
        .ok()
}

fn link(dir: &OwnedFd, path: &str) -> Option<u64> {
    let mut buf = [0u8; 64];
    let n = readlinkat_raw(dir, path, &mut buf[..]).ok()?;
    ns_inode(&buf[..n])
}

/// What each reader returns per process, so that none of them can skip work.
type Row = (i32, i32, String, Vec<i32>, Option<u64>);

/// A reader of every process under a /proc root.
type ReadAll = fn(&Path) -> Vec<Row>;

fn ours(root: &Path) -> Vec<Row> {
    Snapshot::read_all(root)
        .procs
        .into_iter()
        .map(|p| (p.pid, p.ppid, p.name, p.nspid, p.pidns))
        .collect()
}

fn procfs_process(root: &Path) -> Vec<Row> {
    let Ok(dir) = openat(CWD, root, DIR, Mode::empty()) else {
        return Vec::new();
    };
    let Ok(all) = procfs::process::all_processes_with_root(root) else {
        return Vec::new();
    };
    // The mount's own namespace, learnt as the tutor's reader learns it.
    let mut mount_ns = link(&dir, "1/ns/pid");
    let mut out = Vec::new();
    for process in all.flatten() {
        let Ok(stat) = process.stat() else { continue };
        let pidns = link(&dir, &format!("{}/ns/pid", process.pid));
        let nspid = match (pidns, mount_ns) {
            (Some(ns), Some(m)) if ns == m => vec![process.pid],
            _ => {
                let Some(nspid) = process.status().ok().and_then(|s| s.nspid) else {
                    continue;
                };
                if mount_ns.is_none() && nspid.len() == 1 {
                    mount_ns = pidns;
                }
                nspid
            }
        };
        out.push((process.pid, stat.ppid, stat.comm, nspid, pidns));
    }
    out
}

/// Reads `path` below `dir` into `buf`: one openat, reads until 0, close.
fn read_into(dir: &OwnedFd, path: &str, buf: &mut Vec<u8>) -> bool {
    buf.clear();
    let Ok(file) = openat(dir, path, FILE, Mode::empty()) else {
        return false;
    };
    loop {
        if buf.capacity() - buf.len() < 1024 {
            buf.reserve(4096);
        }
        match rustix::io::read(&file, rustix::buffer::spare_capacity(buf)) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

fn hand_rolled(root: &Path) -> Vec<Row> {
    let Ok(dir) = openat(CWD, root, DIR, Mode::empty()) else {
        return Vec::new();
    };
    let Ok(entries) = rustix::fs::Dir::read_from(&dir) else {
        return Vec::new();
    };
    let mut pids: Vec<i32> = entries
        .flatten()
        .filter_map(|e| {
            std::str::from_utf8(e.file_name().to_bytes())
                .ok()?
                .parse()
                .ok()
        })
        .collect();
    pids.sort_unstable();
    let mut mount_ns = link(&dir, "1/ns/pid");
    let (mut path, mut buf) = (String::new(), Vec::with_capacity(4096));
    let mut out = Vec::new();
    for pid in pids {
        path.clear();
        let _ = write!(path, "{pid}/stat");
        if !read_into(&dir, &path, &mut buf) {
            continue;
        }
        let (Some(open), Some(close)) = (
            buf.iter().position(|&b| b == b'('),
            buf.iter().rposition(|&b| b == b')'),
        ) else {
            continue;
        };
        let name = String::from_utf8_lossy(&buf[open + 1..close]).into_owned();
        let mut fields = buf[close + 1..]
            .split(|&b| b == b' ')
            .filter(|f| !f.is_empty());
        let ppid = fields
            .nth(1)
            .and_then(|f| std::str::from_utf8(f).ok()?.parse().ok());
        let Some(ppid) = ppid else { continue };
        path.clear();
        let _ = write!(path, "{pid}/ns/pid");
        let pidns = link(&dir, &path);
        let nspid = match (pidns, mount_ns) {
            (Some(ns), Some(m)) if ns == m => vec![pid],
            _ => {
                path.clear();
                let _ = write!(path, "{pid}/status");
                if !read_into(&dir, &path, &mut buf) {
                    continue;
                }
                let nspid: Vec<i32> = buf
                    .split(|&b| b == b'\n')
                    .find_map(|l| l.strip_prefix(b"NSpid:"))
                    .map(|l| {
                        l.split(u8::is_ascii_whitespace)
                            .filter_map(|f| std::str::from_utf8(f).ok()?.parse().ok())
                            .collect()
                    })
                    .unwrap_or_default();
                if mount_ns.is_none() && nspid.len() == 1 {
                    mount_ns = pidns;
                }
                nspid
            }
        };
        out.push((pid, ppid, name, nspid, pidns));
    }
    out
}

fn main() {
    // `cargo bench` passes "--bench"; the first number is the rounds.
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(21);
    let root = Path::new("/proc");
    let readers: [(&str, ReadAll); 3] = [
        ("procs::Reader (procfs parsers, one /proc fd)", ours),
        (
            "procfs Process (all_processes, stat, status)",
            procfs_process,
        ),
        ("hand-rolled (the reader before procfs)", hand_rolled),
    ];
    // One warm-up round of each (dentry cache, allocator).
    let counts: Vec<usize> = readers.iter().map(|(_, f)| f(root).len()).collect();
    let mut times = vec![Vec::new(); readers.len()];
    for _ in 0..rounds {
        for (i, (_, read)) in readers.iter().enumerate() {
            let start = Instant::now();
            black_box(read(root));
            times[i].push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let medians: Vec<f64> = times
        .iter_mut()
        .map(|t| {
            t.sort_by(f64::total_cmp);
            t[t.len() / 2]
        })
        .collect();
    let hand = medians[2];
    println!("{rounds} rounds, interleaved; medians:");
    for (((name, _), median), count) in readers.iter().zip(&medians).zip(&counts) {
        println!(
            "  {name:<46} {median:8.2} ms  {:.2}x hand-rolled  ({count} processes)",
            median / hand
        );
    }
}
