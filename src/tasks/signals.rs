//! What SIGTERM, SIGSTOP and SIGKILL sent from outside do to a namespace's PID 1 without
//! handlers, as the init-signals task compares the learner's answer with it. Observed by
//! the lab's own `signals-from-outside` experiment (`lab::experiments`) when the task
//! begins: the lab's PID 1 cannot be sent SIGKILL to find out without ending the lab, and
//! the experiment's init, like the lab's agent, has no handler for any of the three.

use crate::lab::Mode;
use crate::lab::experiments::{self, signals::SignalsFromOutside};
use crate::lesson::Step;
use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What one signal from outside did to the namespace's PID 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignalEffect {
    /// Nothing visible: the signal was dropped, PID 1 sleeps on.
    Nothing,
    /// PID 1 stopped (state T).
    Stops,
    /// PID 1 died (and the kernel killed every other process of its namespace).
    Dies,
}

/// The effect of each of the three signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalEffects {
    pub term: SignalEffect,
    pub stop: SignalEffect,
    pub kill: SignalEffect,
}

/// Runs the experiment (with this program at `exe` as its runner) and reads its facts.
pub fn observe(mode: Mode, exe: &Path) -> Result<SignalEffects> {
    let outcome: experiments::Outcome<SignalsFromOutside> =
        experiments::run(Step::SignalsFromOutside.id(), mode, exe)?;
    from_facts(&outcome.facts)
}

/// The effects the experiment's facts show: after SIGTERM the init's state and whether the
/// signal was left pending, what stopped it after SIGSTOP, how it ended after SIGKILL.
pub fn from_facts(facts: &SignalsFromOutside) -> Result<SignalEffects> {
    let term = match facts.after_sigterm_state.chars().next() {
        Some('S' | 'R' | 'D') if !facts.sigterm_pending => SignalEffect::Nothing,
        Some('T' | 't') => SignalEffect::Stops,
        _ if facts.stopped_by == "SIGTERM" => SignalEffect::Dies,
        _ => bail!(
            "the experiment left SIGTERM's effect unclear (state {}, pending {})",
            facts.after_sigterm_state,
            facts.sigterm_pending
        ),
    };
    let stop = if facts.stopped_by == "SIGSTOP" {
        SignalEffect::Stops
    } else {
        bail!(
            "the experiment's init was not stopped by SIGSTOP ({})",
            facts.stopped_by
        )
    };
    let kill = if facts.after_sigkill == "SIGKILL" {
        SignalEffect::Dies
    } else {
        bail!(
            "the experiment's init did not end by SIGKILL ({})",
            facts.after_sigkill
        )
    };
    Ok(SignalEffects { term, stop, kill })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(state: &str, pending: bool, stopped_by: &str, killed: &str) -> SignalsFromOutside {
        SignalsFromOutside {
            after_sigterm_state: state.into(),
            sigterm_pending: pending,
            stopped_by: stopped_by.into(),
            after_sigstop_state: "T".into(),
            after_sigkill: killed.into(),
            ..SignalsFromOutside::default()
        }
    }

    #[test]
    fn the_experiments_facts_read_as_effects() {
        let seen = from_facts(&facts("S", false, "SIGSTOP", "SIGKILL")).ok();
        assert_eq!(
            seen,
            Some(SignalEffects {
                term: SignalEffect::Nothing,
                stop: SignalEffect::Stops,
                kill: SignalEffect::Dies,
            })
        );
        // A kernel that delivered SIGTERM: the init died of it before SIGSTOP came, so
        // SIGSTOP's effect was never seen, and nothing is made up for it.
        assert!(from_facts(&facts("Z", false, "SIGTERM", "SIGKILL")).is_err());
        assert!(from_facts(&facts("S", true, "SIGSTOP", "SIGKILL")).is_err());
        assert!(from_facts(&facts("S", false, "SIGSTOP", "exit(0)")).is_err());
    }
}
