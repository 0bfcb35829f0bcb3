//! Drives an experiment's runner (`pidns-tutor __experiment ID MODE TUTOR`) the way the
//! tutor does, speaking its line protocol by hand, so a test can read the machine's /proc
//! itself at each moment the experiment shows (while its processes live), and can run the
//! runner as uid 65534. The test process is the "tutor": the runner checks that its
//! parent is the PID it is given, and `setpriv` execs into it, keeping that parent.
#![allow(dead_code)]

use crate::common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};

/// A process as the machine's /proc gave it: PID, start time (field 22 of stat, so a
/// reused PID is not taken for it), name, state letter and NSpid.
#[derive(Clone, Debug, PartialEq)]
pub struct HostProc {
    pub pid: i32,
    pub start: u64,
    pub name: String,
    pub state: char,
    pub ppid: i32,
    pub nspid: Vec<i32>,
}

impl HostProc {
    pub fn read(pid: i32) -> Option<HostProc> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let (head, rest) = stat.rsplit_once(')')?;
        let name = head.split_once('(')?.1.to_string();
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let nspid = status
            .lines()
            .find_map(|l| l.strip_prefix("NSpid:"))
            .map(|r| {
                r.split_whitespace()
                    .filter_map(|n| n.parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        Some(HostProc {
            pid,
            // Fields after the name: state is the 3rd of stat, starttime the 22nd.
            state: fields.first()?.chars().next()?,
            ppid: fields.get(1)?.parse().ok()?,
            start: fields.get(19)?.parse().ok()?,
            name,
            nspid,
        })
    }

    /// Whether this very process (same PID, same start time) is still there.
    pub fn still_there(&self) -> bool {
        HostProc::read(self.pid).is_some_and(|p| p.start == self.start)
    }
}

/// Every process below `pid`, read from the machine's /proc.
pub fn below(pid: i32) -> Vec<HostProc> {
    let mut out = Vec::new();
    let mut queue = vec![pid];
    while let Some(p) = queue.pop() {
        let children =
            std::fs::read_to_string(format!("/proc/{p}/task/{p}/children")).unwrap_or_default();
        for child in children.split_whitespace().filter_map(|c| c.parse().ok()) {
            if let Some(found) = HostProc::read(child) {
                out.push(found);
            }
            queue.push(child);
        }
    }
    out
}

/// The machine's pid_max (as our PID namespace sees it).
pub fn pid_max() -> String {
    std::fs::read_to_string("/proc/sys/kernel/pid_max").unwrap_or_default()
}

/// A run of one experiment: its facts, and every process below the runner at each moment.
pub struct Run {
    pub facts: Value,
    pub moments: Vec<Vec<HostProc>>,
    pub runner: i32,
}

/// The runner for `id` in `mode` ("root" or "userns"), as uid 65534 when `nobody` (and
/// `None` after a skip when that cannot be done here).
pub fn runner(id: &str, mode: &str, nobody: bool) -> Option<Command> {
    let me = std::process::id().to_string();
    let mut command = if nobody {
        as_nobody(EXE)?
    } else {
        Command::new(EXE)
    };
    command
        .args(["__experiment", id, mode, &me])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    Some(command)
}

/// Runs the experiment to its end; `at_moment` is called at each moment it shows, with
/// the runner's PID, while the experiment waits.
pub fn drive(mut command: Command, mut at_moment: impl FnMut(i32)) -> Run {
    let mut child = command.spawn().expect("start the runner");
    let runner = child.id() as i32;
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let mut moments = Vec::new();
    let mut facts = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("read the runner");
        let value: Value = serde_json::from_str(&line).expect("a JSON line");
        match value["line"].as_str() {
            Some("show") => {
                moments.push(below(runner));
                at_moment(runner);
                stdin.write_all(b"g").expect("go on");
            }
            Some("done") => facts = Some(value["facts"].clone()),
            _ => panic!("the experiment failed: {line}"),
        }
    }
    let status = finish(child);
    assert!(status.success(), "the runner: {status}");
    Run {
        facts: facts.expect("no facts"),
        moments,
        runner,
    }
}

fn finish(mut child: Child) -> std::process::ExitStatus {
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
    }
    let status = child.wait().expect("wait for the runner");
    if !status.success() {
        eprintln!("runner stderr: {stderr}");
    }
    status
}

/// Starts the runner, waits for its first moment, SIGKILLs it there (as the death of
/// the tutor does, through the runner's death signal), and returns what was below it.
pub fn kill_at_first_moment(mut command: Command) -> Vec<HostProc> {
    let mut child = command.spawn().expect("start the runner");
    let runner = child.id() as i32;
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a line").expect("read");
    assert!(first.contains("\"show\""), "{first}");
    let seen = below(runner);
    let _ = child.kill();
    let _ = child.wait();
    seen
}

/// Waits (a few seconds at most) until none of `procs` is left: the kernel ends a
/// namespace's members after its init, not all in the same instant.
pub fn none_left(procs: &[HostProc]) -> Vec<HostProc> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let left: Vec<HostProc> = procs.iter().filter(|p| p.still_there()).cloned().collect();
        if left.is_empty() || std::time::Instant::now() > deadline {
            return left;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The names in a list of `{name, pid}` facts.
pub fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .map(|a| a.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default()
}

pub fn numbers(list: &Value) -> Vec<i64> {
    list.as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default()
}
