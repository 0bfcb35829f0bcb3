//! Waiting for the agent's answer without ever drifting out of step or hanging the tutor.
//! Each request is numbered (see `protocol`) and only the answer with its number is taken:
//! a late answer to an earlier request, or a line nobody asked for, is dropped. While it
//! waits, the tutor looks at the agent: a stopped agent (SIGSTOP, which step 10 invites)
//! cannot answer, so it says so at once, in words, from the agent's state in /proc. And a
//! tutor that is quitting stops waiting within a tenth of a second.

use super::protocol::{self, AgentReply, Got};
use anyhow::{Result, anyhow, bail};
use std::cell::RefCell;
use std::os::fd::OwnedFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long the tutor waits for an answer before calling the agent lost.
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a stopped agent is given before the tutor says it is stopped: long enough
/// for a quick `kill -STOP`/`kill -CONT` to pass unnoticed.
const STOPPED_GRACE: Duration = Duration::from_secs(1);

/// How often the wait looks up from the socket (quitting, the agent's state).
const SLICE: Duration = Duration::from_millis(100);

thread_local! {
    /// Set on a thread that owns labs (the TUI's worker): once it is true, waits give up.
    static QUITTING: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// Makes every wait for an agent on this thread give up once `flag` is set: the TUI sets
/// it on `q`, so quitting never waits for an agent that does not answer.
pub fn give_up_when(flag: Arc<AtomicBool>) {
    QUITTING.with(|q| *q.borrow_mut() = Some(flag));
}

fn quitting() -> bool {
    QUITTING.with(|q| {
        q.borrow()
            .as_ref()
            .is_some_and(|f| f.load(Ordering::Relaxed))
    })
}

/// The state letter of `pid` in /proc (`R`, `S`, `D`, `T`, `t`, `Z`...).
fn state_of(pid: i32) -> Option<char> {
    let stat = std::fs::read(format!("/proc/{pid}/stat")).ok()?;
    let close = stat.iter().rposition(|&b| b == b')')?;
    stat.get(close + 2).map(|&b| b as char)
}

/// What the agent's state says about why it does not answer.
fn not_answering(agent: i32, state: Option<char>) -> anyhow::Error {
    let why = match state {
        Some('T') => "stopped? `kill -CONT` lets it go on",
        Some('t') => "stopped by a debugger?",
        Some('D') => "waiting in the kernel",
        Some('Z') | None => "it has ended",
        Some(_) => "busy or stuck?",
    };
    let state = state.map_or("gone".to_string(), String::from);
    anyhow!("PID 1 did not answer (state {state}: {why}; host PID {agent})")
}

/// Waits for the answer numbered `id` on `channel` from the agent `agent` (host PID).
pub fn await_reply(
    channel: &mut protocol::Channel,
    agent: i32,
    id: u64,
) -> Result<(AgentReply, Vec<OwnedFd>)> {
    let started = Instant::now();
    loop {
        match channel.try_line() {
            Ok(Got::Line(line, fds)) => match protocol::parse::<AgentReply>(&line) {
                Ok((got, reply)) if got == id => return Ok((reply, fds)),
                // A late answer to an earlier request, or one nobody asked for: dropped,
                // descriptors and all.
                Ok(_) => continue,
                Err(why) => {
                    bail!("the agent's channel carried a line that is not an answer ({why})")
                }
            },
            Ok(Got::Closed) => bail!("the agent (PID {agent}) has gone away"),
            Ok(Got::NotYet) => {}
            Err(e) => bail!("reading from the agent: {e}"),
        }
        if quitting() {
            bail!("the tutor is quitting");
        }
        let waited = started.elapsed();
        if waited >= STOPPED_GRACE {
            let state = state_of(agent);
            let stopped = matches!(state, Some('T' | 't'));
            if stopped || waited >= ANSWER_TIMEOUT {
                return Err(not_answering(agent, state));
            }
        }
        channel.wait(SLICE)?;
    }
}
