//! Helpers shared by the tests that start real processes: a guard that kills what a test
//! started (by PID, even when the test fails), and the root / user-namespace check.

#![allow(dead_code)] // each test file uses a different part

#[path = "../common/skip.rs"]
mod skip_here;
pub use skip_here::skip;

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills its processes (SIGKILL, by PID) and reaps its children when dropped.
pub struct Guard {
    pub children: Vec<Child>,
    /// Further PIDs to kill first (e.g. the processes inside a namespace).
    pub pids: Vec<i32>,
}

impl Guard {
    pub fn new() -> Guard {
        Guard {
            children: Vec::new(),
            pids: Vec::new(),
        }
    }

    pub fn spawn(&mut self, cmd: &mut Command) -> std::io::Result<i32> {
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let pid = i32::try_from(child.id()).expect("pid fits i32");
        self.children.push(child);
        Ok(pid)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        for &pid in &self.pids {
            // SAFETY: kill(2) with a PID we started; at worst ESRCH.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// How to prefix a command so that it may create a PID namespace: nothing as root, a user
/// namespace otherwise. `None` (with the reason printed) when neither works; panics then
/// if PIDNS_TUTOR_REQUIRE_LIVE=1.
pub fn unshare_prefix() -> Option<Vec<&'static str>> {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        return Some(vec!["unshare", "--pid", "--fork", "--kill-child"]);
    }
    let user = vec![
        "unshare",
        "--user",
        "--map-root-user",
        "--pid",
        "--fork",
        "--kill-child",
    ];
    let ok = Command::new(user[0])
        .args(&user[1..])
        .arg("true")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return Some(user);
    }
    skip("not root and user namespaces are unavailable: no PID namespace to look at");
    None
}

/// The children of `pid` (all threads), from /proc.
pub fn children(pid: i32) -> Vec<i32> {
    let mut out = Vec::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return out;
    };
    for t in tasks.flatten() {
        let path = t.path().join("children");
        if let Ok(s) = std::fs::read_to_string(path) {
            out.extend(s.split_whitespace().filter_map(|w| w.parse::<i32>().ok()));
        }
    }
    out.sort_unstable();
    out
}

/// All descendants of `pid`, breadth first.
pub fn descendants(pid: i32) -> Vec<i32> {
    let mut out = Vec::new();
    let mut todo = children(pid);
    while let Some(p) = todo.pop() {
        out.push(p);
        todo.extend(children(p));
    }
    out.sort_unstable();
    out
}

/// Polls `f` until it holds or `secs` pass.
pub fn wait_until(secs: u64, mut f: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    f()
}

/// `ps -e -o pid=` as a set.
pub fn ps_pids() -> BTreeSet<i32> {
    let out = Command::new("ps")
        .args(["-e", "-o", "pid="])
        .output()
        .expect("ps runs");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect()
}

/// `NSpid` of a live process, read independently of the code under test.
pub fn nspid(pid: i32) -> Vec<i32> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("NSpid:"))
        .map(|l| {
            l.split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}
