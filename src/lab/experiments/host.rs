//! The tutor's side of an experiment: start the runner (this program, re-executed through
//! `std::process::Command`, which is safe in a multithreaded program; the only thing done
//! between fork and exec is setting the death signal, one async-signal-safe prctl), read
//! its lines, look at the host's /proc at each moment it shows, and parse its facts.

use super::{EXPERIMENT_ARG, Line};
use crate::lab::Mode;
use crate::procs::Snapshot;
use anyhow::{Context, Result, anyhow, bail};
use serde::de::DeserializeOwned;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};

/// What the two trees show at one moment of an experiment.
#[derive(Clone, Debug, PartialEq)]
pub struct Shot {
    /// The tutor's /proc around the tutor: the runner and the sandbox are its children.
    pub host: Snapshot,
    /// The /proc of the namespace the experiment is about, read from inside.
    pub ns: Snapshot,
}

/// An experiment's facts and the moments it showed, in order.
#[derive(Debug)]
pub struct Outcome<T> {
    pub facts: T,
    pub moments: Vec<Shot>,
    /// Host PID of the sandbox's PID 1 and the inode of its PID namespace, as seen at the
    /// first moment.
    pub sandbox: Option<(i32, u64)>,
    /// The sandbox's PID namespace, opened at the first moment while its PID 1 lived: held
    /// open, its inode names nobody else's namespace, so a later scan for processes left
    /// in it means what it says.
    pub sandbox_ns: Option<std::fs::File>,
}

/// Runs the experiment `id` (its step's id) in mode `mode`, with the runner at `exe` (this
/// program).
pub fn run<T: DeserializeOwned>(id: &str, mode: Mode, exe: &Path) -> Result<Outcome<T>> {
    let tutor = std::process::id();
    let mut command = Command::new(exe);
    command
        .arg0("pidns-tutor-experiment")
        .args([EXPERIMENT_ARG, id, mode.name()])
        .arg(tutor.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: between fork and exec only prctl, a plain system call (async-signal-safe).
    // The runner dies with the thread that starts it; it checks its parent is still us.
    unsafe {
        command.pre_exec(|| {
            let kill = rustix::process::Signal::KILL;
            let _ = rustix::process::set_parent_process_death_signal(Some(kill));
            Ok(())
        });
    }
    let mut child = command
        .spawn()
        .with_context(|| format!("start the {} experiment", id))?;
    let (Some(mut stdin), Some(stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        bail!("the experiment's pipes were not set up");
    };
    // Read stderr aside, so a chatty runner can never block on a full pipe.
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });

    let mut moments = Vec::new();
    let mut sandbox = None;
    let mut sandbox_ns = None;
    let mut facts = None;
    let mut failure = None;
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        match serde_json::from_str::<Line>(&line) {
            Ok(Line::Show { ns_view }) => {
                hold_for_a_test(id);
                let host = Snapshot::read_focused(Path::new("/proc"), &[tutor as i32]);
                if sandbox.is_none() {
                    sandbox = sandbox_of(&host, child.id() as i32);
                    // The runner is waiting for us, so its PID 1 is alive: the PID is its.
                    sandbox_ns = sandbox.and_then(|(pid, inode)| {
                        let ns = std::fs::File::open(format!("/proc/{pid}/ns/pid")).ok()?;
                        use std::os::unix::fs::MetadataExt;
                        (ns.metadata().ok()?.ino() == inode).then_some(ns)
                    });
                }
                moments.push(Shot { host, ns: ns_view });
                // Go on; if the runner has gone, reading on tells why.
                let _ = stdin.write_all(b"g").and_then(|()| stdin.flush());
            }
            Ok(Line::Done { facts: value }) => facts = Some(value),
            Ok(Line::Failed { message }) => failure = Some(message),
            Err(e) => failure = Some(format!("unreadable line from the experiment ({e}): {line}")),
        }
    }
    drop(stdin);
    let status = child.wait().context("wait for the experiment")?;
    let stderr = errors.join().unwrap_or_default();
    let stderr = stderr.trim();
    if let Some(message) = failure {
        bail!("the {} experiment failed: {message}", id);
    }
    let Some(value) = facts.filter(|_| status.success()) else {
        return Err(anyhow!(
            "the {} experiment did not finish ({status}){}{stderr}",
            id,
            if stderr.is_empty() { "" } else { ": " }
        ));
    };
    let facts =
        serde_json::from_value(value).with_context(|| format!("the {} experiment's facts", id))?;
    Ok(Outcome {
        facts,
        moments,
        sandbox,
        sandbox_ns,
    })
}

/// Debug builds only: `PIDNS_TUTOR_TEST_HOLD=<id>` holds the tutor for good at the first
/// moment of that experiment, while every process of it lives, and says so on stderr, so
/// that a test can kill the tutor right there (tests/chapter3_live.rs).
fn hold_for_a_test(id: &str) {
    if cfg!(debug_assertions) && std::env::var("PIDNS_TUTOR_TEST_HOLD").as_deref() == Ok(id) {
        eprintln!("pidns-tutor: held at {id}");
        loop {
            std::thread::park();
        }
    }
}

/// The sandbox's PID 1 (the runner's child) and its PID namespace, in a host snapshot.
fn sandbox_of(host: &Snapshot, runner: i32) -> Option<(i32, u64)> {
    let init = host.procs.iter().find(|p| p.ppid == runner)?;
    Some((init.pid, init.pidns?))
}
