//! The second chapter's judges: which choice each experiment's facts prove right, read
//! from the step's `walk --json` facts like the first chapter's (`judge.rs`). `None` when
//! the facts fit no choice.

use crate::quiz::text::chapter2::live;
use crate::quiz::{Phrase, Verdict};
use serde_json::Value;

/// fork-needed: what unshare(CLONE_NEWPID) did to the caller, from its PID and PID
/// namespace before and after.
pub fn fork_needed(facts: &Value) -> Option<Verdict> {
    let before = facts["caller_pid_before"].as_i64()?;
    let after = facts["caller_pid_after"].as_i64()?;
    let ns_before = facts["caller_pid_ns_before"].as_u64()?;
    let ns_after = facts["caller_pid_ns_after"].as_u64()?;
    let same_ns = ns_before == ns_after;
    let right = match (after, same_ns) {
        (1, _) if before != 1 => "becomes-init",
        (a, true) if a == before => "stays",
        (a, false) if a == before => "moves",
        (_, false) => "renumbered",
        _ => return None,
    };
    Some(Verdict {
        right,
        live: Phrase::new(live::FORK_NEEDED)
            .with("before", Some(before))
            .with("after", Some(after))
            .with("ns_before", Some(ns_before))
            .with("ns_after", Some(ns_after)),
    })
}

/// nesting: the inner level's NSpid as the outer level's /proc shows it.
pub fn nesting(facts: &Value) -> Option<Verdict> {
    let nspid: Vec<i64> = facts["inner_nspid"]
        .as_array()?
        .iter()
        .map(Value::as_i64)
        .collect::<Option<_>>()?;
    let right = match nspid.as_slice() {
        [1] => "one",
        [_] => "outer-only",
        [.., 1] => "per-level",
        [1, ..] => "inner-first",
        _ => return None,
    };
    let shown: Vec<String> = nspid.iter().map(i64::to_string).collect();
    Some(Verdict {
        right,
        live: Phrase::new(live::NESTING).with("nspid", Some(shown.join(" "))),
    })
}

/// joining: who adopted the joined child once the joiner died, as the sandbox's /proc
/// shows it. The sandbox is the joiner's namespace's init (PID 1 there); the joined
/// namespace's init is `target-init`.
pub fn joining(facts: &Value) -> Option<Verdict> {
    let adopter = facts.get("adopted_by")?;
    let pid = adopter["pid"].as_i64()?;
    let name = adopter["name"].as_str().unwrap_or_default();
    let right = match (pid, name) {
        // No parent found: it did not outlive the joiner.
        (0, _) => "nobody",
        (_, "target-init") => "ns-init",
        (1, _) => "parent-side",
        _ => return None,
    };
    Some(Verdict {
        right,
        live: Phrase::new(live::JOINING)
            .with("name", Some(name))
            .with("pid", Some(pid)),
    })
}

/// init-death: what setns() and fork() through the fd kept on the namespace returned.
pub fn init_death(facts: &Value) -> Option<Verdict> {
    let setns = facts["setns_after"].as_str()?;
    let fork = facts["fork_after"].as_str()?;
    let failed = |s: &str| s.starts_with("-1");
    let right = if failed(setns) {
        "setns-fails"
    } else if setns != "0" {
        return None;
    } else if failed(fork) && fork.contains("ENOMEM") {
        "enomem"
    } else if fork.parse::<i64>().is_ok_and(|pid| pid > 0) {
        "new-init"
    } else {
        return None;
    };
    Some(Verdict {
        right,
        live: Phrase::new(live::INIT_DEATH)
            .with("setns", Some(setns))
            .with("fork", Some(fork)),
    })
}

/// signals-from-outside: whether the handler ran for SIGTERM from outside, and the
/// si_pid it saw.
pub fn signals_from_outside(facts: &Value) -> Option<Verdict> {
    let runs = facts["handler_runs_outside"].as_i64()?;
    let si_pid = facts["handler_si_pid_outside"].as_i64()?;
    let right = match (runs, si_pid) {
        (0, _) => "not-run",
        (_, 0) => "zero",
        (_, p) if p > 0 => "outside-pid",
        _ => return None,
    };
    Some(Verdict {
        right,
        live: Phrase::new(live::SIGNALS_FROM_OUTSIDE)
            .with("runs", Some(runs))
            .with("si_pid", Some(si_pid)),
    })
}
