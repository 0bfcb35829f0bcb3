//! The judges: which choice of a step's prediction the live run proves right, read from
//! the step's facts as `walk --json` prints them. Nothing here knows an answer ahead: a
//! judge maps what the kernel did onto a choice, and says `None` when the facts match no
//! choice (or are missing), rather than guess.

mod chapter2;

use super::text::live;
use super::{Phrase, Verdict};
use crate::lesson::Step;
use serde_json::Value;

/// Judges `step`'s prediction from its facts (the `"facts"` object of its `walk --json` line).
pub fn judge(step: Step, facts: &Value) -> Option<Verdict> {
    match step {
        Step::Clone => clone(facts),
        Step::KillParent => kill_parent(facts),
        Step::ProcLeak => proc_leak(facts),
        Step::RemountProc => remount_proc(facts),
        Step::OrphanReaping => orphan_reaping(facts),
        Step::InitSignals => init_signals(facts),
        Step::ForkNeeded => chapter2::fork_needed(facts),
        Step::Nesting => chapter2::nesting(facts),
        Step::Joining => chapter2::joining(facts),
        Step::InitDeath => chapter2::init_death(facts),
        Step::SignalsFromOutside => chapter2::signals_from_outside(facts),
        Step::Namespaces | Step::Pid1 | Step::PidNamespace | Step::Hostname | Step::Summary => None,
    }
}

/// A JSON value as the learner reads it: numbers and strings bare.
fn show(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn clone(facts: &Value) -> Option<Verdict> {
    let pid = facts["child_getpid"].as_i64()?;
    let ppid = facts["child_getppid"].as_i64()?;
    let parent = facts["parent_pid"].as_i64();
    let host_pid = facts["child_host_pid"].as_i64();
    let right = match (pid, ppid) {
        (1, 0) => "one-and-zero",
        (1, 1) => "one-and-one",
        (1, p) if Some(p) == parent => "one-and-tutor",
        (g, p) if Some(g) == host_pid && Some(p) == parent => "host-pids",
        _ => return None,
    };
    Some(Verdict {
        right,
        live: Phrase::new(live::CLONE)
            .with("pid", Some(pid))
            .with("ppid", Some(ppid)),
    })
}

fn kill_parent(facts: &Value) -> Option<Verdict> {
    let errno = &facts["errno"];
    let right = match errno.as_str() {
        Some("ESRCH") => "esrch",
        Some("EPERM") => "eperm",
        // The lab words a success as "none (...)"; a typed fact may make it null or "".
        Some(s) if s.is_empty() || s.starts_with("none") || s.starts_with('0') => "success",
        None if errno.is_null() && facts.get("target_pid").is_some() => "success",
        _ => return None,
    };
    Some(Verdict {
        right,
        live: Phrase::new(live::KILL_PARENT)
            .with("target", show(&facts["target_pid"]))
            .with("errno", Some(show(errno).unwrap_or_else(|| "0".into()))),
    })
}

fn proc_leak(facts: &Value) -> Option<Verdict> {
    let ns = facts["ns_view_count"].as_u64()?;
    let host = facts["host_view_count"].as_u64()?;
    // Counted at the same moment: a leaking /proc shows (about) the host's count; the
    // namespace's own shows its few members, far fewer than the host outside it has.
    let right = if ns == 0 {
        "none"
    } else if ns * 2 > host {
        "host"
    } else {
        "own"
    };
    Some(Verdict {
        right,
        live: Phrase::new(live::PROC_LEAK)
            .with("ns", Some(ns))
            .with("host", Some(host)),
    })
}

fn remount_proc(facts: &Value) -> Option<Verdict> {
    let proc_self = facts.get("proc_self")?;
    if proc_self.is_null() {
        return Some(Verdict {
            right: "missing",
            live: Phrase::new(live::REMOUNT_MISSING),
        });
    }
    let pid = proc_self.as_i64()?;
    let right = match pid {
        1 => "inside-pid",
        p if p > 1 => "host-pid",
        _ => return None,
    };
    Some(Verdict {
        right,
        live: Phrase::new(live::REMOUNT_PROC).with("proc_self", Some(pid)),
    })
}

fn orphan_reaping(facts: &Value) -> Option<Verdict> {
    let after = facts.get("orphan_ppid_after")?;
    let first = facts["chain"].get(0).and_then(Value::as_i64);
    let right = match after.as_i64() {
        None if after.is_null() => "nobody",
        Some(1) => "ns-init",
        Some(0) => "host-init",
        Some(p) if Some(p) == first => "grandparent",
        _ => return None,
    };
    Some(Verdict {
        right,
        live: Phrase::new(live::ORPHAN)
            .with("orphan", show(&facts["orphan"]))
            .with("before", show(&facts["orphan_ppid_before"]))
            .with("after", show(after))
            .with("host_after", show(&facts["orphan_host_ppid_after"]))
            .with("agent", show(&facts["agent_host_pid"])),
    })
}

fn init_signals(facts: &Value) -> Option<Verdict> {
    let result = &facts["inside_sigkill_to_1_result"];
    let alive = facts["agent_alive_after"].as_bool()?;
    let succeeded = match result.as_str() {
        Some(s) => s.starts_with('0'),
        None => result.is_null() || result.as_i64() == Some(0),
    };
    let right = match (succeeded, result.as_str(), alive) {
        (true, _, true) => "ignored",
        (true, _, false) => "dies",
        (false, Some("EPERM"), _) => "eperm",
        (false, Some("ESRCH"), _) => "esrch",
        _ => return None,
    };
    Some(Verdict {
        right,
        live: Phrase::new(live::INIT_SIGNALS)
            .with("result", Some(show(result).unwrap_or_else(|| "0".into())))
            .with("alive", Some(if alive { "true" } else { "false" })),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::quiz::{Context, prediction};
    use serde_json::json;

    /// Hand-made facts for every way a run could have gone, right answer or not. The real
    /// runs are judged in tests/quiz_live.rs.
    fn cases() -> Vec<(&'static str, Value, &'static str)> {
        vec![
            (
                "clone",
                json!({"parent_pid": 900, "child_host_pid": 901, "child_getpid": 1, "child_getppid": 0}),
                "one-and-zero",
            ),
            (
                "clone",
                json!({"parent_pid": 900, "child_host_pid": 901, "child_getpid": 1, "child_getppid": 900}),
                "one-and-tutor",
            ),
            (
                "clone",
                json!({"parent_pid": 900, "child_host_pid": 901, "child_getpid": 901, "child_getppid": 900}),
                "host-pids",
            ),
            (
                "clone",
                json!({"parent_pid": 900, "child_host_pid": 901, "child_getpid": 1, "child_getppid": 1}),
                "one-and-one",
            ),
            (
                "kill-parent",
                json!({"target_pid": 900, "errno": "ESRCH"}),
                "esrch",
            ),
            (
                "kill-parent",
                json!({"target_pid": 900, "errno": "EPERM"}),
                "eperm",
            ),
            (
                "kill-parent",
                json!({"target_pid": 900, "errno": "none (the parent is visible!)"}),
                "success",
            ),
            (
                "kill-parent",
                json!({"target_pid": 900, "errno": null}),
                "success",
            ),
            (
                "proc-leak",
                json!({"ns_view_count": 83, "host_view_count": 84}),
                "host",
            ),
            (
                "proc-leak",
                json!({"ns_view_count": 1, "host_view_count": 84}),
                "own",
            ),
            (
                "proc-leak",
                json!({"ns_view_count": 0, "host_view_count": 84}),
                "none",
            ),
            ("remount-proc", json!({"proc_self": 1}), "inside-pid"),
            ("remount-proc", json!({"proc_self": 5632}), "host-pid"),
            ("remount-proc", json!({"proc_self": null}), "missing"),
            (
                "orphan-reaping",
                json!({"chain": [2, 3, 4], "orphan_ppid_after": 1}),
                "ns-init",
            ),
            (
                "orphan-reaping",
                json!({"chain": [2, 3, 4], "orphan_ppid_after": 2}),
                "grandparent",
            ),
            (
                "orphan-reaping",
                json!({"chain": [2, 3, 4], "orphan_ppid_after": 0}),
                "host-init",
            ),
            (
                "orphan-reaping",
                json!({"chain": [2, 3, 4], "orphan_ppid_after": null}),
                "nobody",
            ),
            (
                "init-signals",
                json!({"inside_sigkill_to_1_result": "0 (success)", "agent_alive_after": true}),
                "ignored",
            ),
            (
                "init-signals",
                json!({"inside_sigkill_to_1_result": "0 (success)", "agent_alive_after": false}),
                "dies",
            ),
            (
                "init-signals",
                json!({"inside_sigkill_to_1_result": "EPERM", "agent_alive_after": true}),
                "eperm",
            ),
            (
                "init-signals",
                json!({"inside_sigkill_to_1_result": "ESRCH", "agent_alive_after": true}),
                "esrch",
            ),
            // The second chapter: the recorded run first (tests/fixtures/recording.jsonl),
            // then the ways the kernel could have gone instead.
            (
                "fork-needed",
                json!({"caller_pid_before": 2, "caller_pid_after": 2, "caller_pid_ns_before": 41, "caller_pid_ns_after": 41}),
                "stays",
            ),
            (
                "fork-needed",
                json!({"caller_pid_before": 2, "caller_pid_after": 1, "caller_pid_ns_before": 41, "caller_pid_ns_after": 42}),
                "becomes-init",
            ),
            (
                "fork-needed",
                json!({"caller_pid_before": 2, "caller_pid_after": 2, "caller_pid_ns_before": 41, "caller_pid_ns_after": 42}),
                "moves",
            ),
            (
                "fork-needed",
                json!({"caller_pid_before": 2, "caller_pid_after": 7, "caller_pid_ns_before": 41, "caller_pid_ns_after": 42}),
                "renumbered",
            ),
            ("nesting", json!({"inner_nspid": [3, 2, 1]}), "per-level"),
            ("nesting", json!({"inner_nspid": [1, 2, 3]}), "inner-first"),
            ("nesting", json!({"inner_nspid": [1]}), "one"),
            ("nesting", json!({"inner_nspid": [3]}), "outer-only"),
            (
                "joining",
                json!({"adopted_by": {"name": "sandbox", "pid": 1}}),
                "parent-side",
            ),
            (
                "joining",
                json!({"adopted_by": {"name": "target-init", "pid": 2}}),
                "ns-init",
            ),
            (
                "joining",
                json!({"adopted_by": {"name": "", "pid": 0}}),
                "nobody",
            ),
            (
                "init-death",
                json!({"setns_after": "0", "fork_after": "-1 (ENOMEM)"}),
                "enomem",
            ),
            (
                "init-death",
                json!({"setns_after": "-1 (EINVAL)", "fork_after": "-1 (ENOMEM)"}),
                "setns-fails",
            ),
            (
                "init-death",
                json!({"setns_after": "0", "fork_after": "5"}),
                "new-init",
            ),
            (
                "signals-from-outside",
                json!({"handler_runs_outside": 1, "handler_si_pid_outside": 0}),
                "zero",
            ),
            (
                "signals-from-outside",
                json!({"handler_runs_outside": 1, "handler_si_pid_outside": 12714}),
                "outside-pid",
            ),
            (
                "signals-from-outside",
                json!({"handler_runs_outside": 0, "handler_si_pid_outside": 0}),
                "not-run",
            ),
        ]
    }

    #[test]
    fn every_choice_is_reachable_from_some_facts() {
        let ctx = Context::new(900);
        for (id, facts, want) in cases() {
            let step = Step::from_id(id).unwrap();
            let verdict = judge(step, &facts).unwrap_or_else(|| panic!("{step}: {facts}"));
            assert_eq!(verdict.right, want, "{step}: {facts}");
            let question = prediction(step, &ctx).unwrap();
            assert!(question.index_of(want).is_some(), "{step} has no {want}");
            assert!(!verdict.live.text(Lang::En).contains('{'));
            assert!(!verdict.live.text(Lang::Ko).contains('{'));
        }
        for step in crate::steps::prediction_steps() {
            let question = prediction(step, &ctx).unwrap();
            for choice in &question.choices {
                assert!(
                    cases()
                        .iter()
                        .any(|(s, _, w)| *s == step.id() && *w == choice.id),
                    "{step}: no facts make {} right",
                    choice.id
                );
            }
        }
    }

    #[test]
    fn facts_that_fit_no_choice_are_not_judged() {
        for (step, facts) in [
            ("clone", json!({})),
            (
                "clone",
                json!({"parent_pid": 9, "child_host_pid": 10, "child_getpid": 7, "child_getppid": 3}),
            ),
            ("kill-parent", json!({"errno": "EINVAL", "target_pid": 9})),
            ("kill-parent", json!({})),
            ("proc-leak", json!({"ns_view_count": "many"})),
            ("remount-proc", json!({})),
            ("remount-proc", json!({"proc_self": 0})),
            (
                "orphan-reaping",
                json!({"chain": [2, 3, 4], "orphan_ppid_after": 3}),
            ),
            (
                "init-signals",
                json!({"inside_sigkill_to_1_result": "EINVAL", "agent_alive_after": true}),
            ),
            (
                "init-signals",
                json!({"inside_sigkill_to_1_result": "0 (success)"}),
            ),
            (
                "fork-needed",
                json!({"caller_pid_before": 2, "caller_pid_after": 3, "caller_pid_ns_before": 41, "caller_pid_ns_after": 41}),
            ),
            ("fork-needed", json!({"caller_pid_before": 2})),
            ("nesting", json!({"inner_nspid": []})),
            ("nesting", json!({"inner_nspid": [3, 2, 4]})),
            ("nesting", json!({"inner_nspid": "3 2 1"})),
            (
                "joining",
                json!({"adopted_by": {"name": "somebody", "pid": 7}}),
            ),
            ("joining", json!({})),
            (
                "init-death",
                json!({"setns_after": "0", "fork_after": "-1 (EAGAIN)"}),
            ),
            (
                "init-death",
                json!({"setns_after": "weird", "fork_after": "5"}),
            ),
            (
                "signals-from-outside",
                json!({"handler_runs_outside": 1, "handler_si_pid_outside": -3}),
            ),
            ("signals-from-outside", json!({"handler_runs_outside": 1})),
            ("summary", json!({"lab_processes_left": 0})),
            ("hostname", json!({})),
        ] {
            let step = Step::from_id(step).unwrap();
            assert_eq!(judge(step, &facts), None, "{step}: {facts}");
        }
    }

    #[test]
    fn typed_facts_are_judged_through_the_same_json() {
        use crate::session::facts::{CloneFacts, Facts, SummaryFacts};
        let facts = Facts::Clone(CloneFacts {
            parent_pid: 900,
            child_host_pid: 901,
            child_getpid: 1,
            child_getppid: 0,
            ..CloneFacts::default()
        });
        let verdict = crate::quiz::judge_facts(&facts).unwrap();
        assert_eq!(verdict.right, "one-and-zero");
        let summary = Facts::Summary(SummaryFacts::default());
        assert_eq!(crate::quiz::judge_facts(&summary), None);
    }

    #[test]
    fn the_live_value_is_worded_in_both_languages() {
        let verdict = judge(
            Step::ProcLeak,
            &json!({"ns_view_count": 83, "host_view_count": 84}),
        )
        .unwrap();
        assert_eq!(
            verdict.live.text(Lang::En),
            "83 processes seen inside, 84 seen by the tutor outside the lab"
        );
        assert_eq!(
            verdict.live.text(Lang::Ko),
            "안에서 보인 프로세스 83개, 실습 환경 바깥의 튜터에게는 84개"
        );
    }
}
