//! orphan-reaping: start demo-a → demo-b → demo-c, kill demo-b, and watch demo-c move
//! under PID 1, as the namespace sees it and as the host sees it.

use super::{Acted, Facts, Reveals, StepDef};
use crate::lab::Lab;
use crate::lesson::Step;
use crate::i18n::Tr;
use crate::quiz::text::{QuestionText, choice};
use crate::i18n::Phrase;
use crate::quiz::Ruling;
use crate::session::{Session, Stage, host};
use crate::tasks::Task;
use anyhow::{Context, Result, anyhow, bail};
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::OrphanReaping,
    before: Stage::Remounted,
    after: Stage::Orphaned,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: Some(Task::OrphanReaping),
    experiment: None,
    reveals: Reveals::LEAK_SHOWN,
};

/// orphan-reaping: the chain demo-a → demo-b → demo-c, demo-b killed, demo-c adopted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrphanReapingFacts {
    /// PIDs inside, parent first.
    pub chain: Vec<i32>,
    pub killed: i32,
    /// demo-c's PID inside.
    pub orphan: i32,
    pub orphan_ppid_before: i32,
    pub orphan_ppid_after: i32,
    pub orphan_host_ppid_after: Option<i32>,
    pub agent_host_pid: i32,
}

/// Also returns the views taken between the start and the kill, so the move can be shown.
fn act(session: &mut Session) -> Result<Acted> {
    let chain = session.lab_or_err()?.start_chain()?;
    let before = session.views();
    let lab = session.lab_or_err()?;
    let [_, middle, last] = chain[..] else {
        bail!("the chain has {} members", chain.len())
    };
    let ppid_before = ns_ppid(lab, last)?;
    if let Some(errno) = lab.kill(middle, libc::SIGKILL, true)? {
        bail!("kill({middle}, SIGKILL) inside failed: {}", errno.name);
    }
    let ppid_after = ns_ppid(lab, last)?;
    let host_pid = host_pid_of(lab, last).context("find the orphan on the host")?;
    let facts = OrphanReapingFacts {
        chain,
        killed: middle,
        orphan: last,
        orphan_ppid_before: ppid_before,
        orphan_ppid_after: ppid_after,
        orphan_host_ppid_after: host::ppid(host_pid),
        agent_host_pid: lab.agent_pid(),
    };
    Ok((Facts::OrphanReaping(facts), Some(before)))
}

/// The parent of `pid` as the namespace's own /proc shows it.
fn ns_ppid(lab: &mut Lab, pid: i32) -> Result<i32> {
    let view = lab.snapshot(true)?;
    view.get(pid)
        .map(|p| p.ppid)
        .ok_or_else(|| anyhow!("PID {pid} is not in the namespace's /proc"))
}

/// The host PID of the process that is `ns_pid` inside the lab (last entry of its NSpid).
fn host_pid_of(lab: &Lab, ns_pid: i32) -> Option<i32> {
    lab.members().into_iter().find(|&pid| {
        host::status_numbers(&pid.to_string(), "NSpid").last() == Some(&i64::from(ns_pid))
    })
}

const PREDICTION: QuestionText = QuestionText {
    id: "orphan-reaping",
    prompt: Tr {
        en: "The agent starts demo-a, demo-b, demo-c (each the child of the one before) and kills demo-b. Who adopts the orphan demo-c?",
        ko: "에이전트가 demo-a, demo-b, demo-c를 (각각 앞 프로세스의 자식으로) 띄우고 demo-b를 죽인다. 고아가 된 demo-c는 누가 입양할까?",
    },
    choices: &[
        choice(
            "host-init",
            "PID 1 outside the lab (the init above it)",
            "실습 환경 바깥의 PID 1(위쪽의 init)",
        ),
        choice("grandparent", "demo-a, its grandparent", "조부모인 demo-a"),
        choice(
            "ns-init",
            "The namespace's PID 1, the agent",
            "namespace의 PID 1인 에이전트",
        ),
        choice(
            "nobody",
            "Nobody: it dies with its parent",
            "아무도: 부모와 함께 죽는다",
        ),
    ],
    why: Tr {
        en: "An orphan goes to the nearest subreaper above it, or else to the PID 1 of its own namespace. The search never leaves the namespace.",
        ko: "고아는 위쪽에서 가장 가까운 subreaper에게, 없으면 자기 namespace의 PID 1에게 간다. 그 탐색은 namespace 밖으로 나가지 않는다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "demo-c ({orphan}) had parent {before}, now {after}; seen from outside the lab, its parent is {host_after} and the agent is {agent}",
    ko: "demo-c({orphan})의 부모는 {before}에서 {after}로 바뀜. 실습 환경 바깥에서 보면 부모는 {host_after}, 에이전트는 {agent}",
};

fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::OrphanReaping(f) = facts else {
        return None;
    };
    // "nobody" (it dies with its parent) has no facts of its own: a run in which demo-c
    // did not outlive demo-b fails instead of reporting.
    let right = match f.orphan_ppid_after {
        1 => "ns-init",
        0 => "host-init",
        p if Some(&p) == f.chain.first() => "grandparent",
        _ => return None,
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE)
            .with("orphan", Some(f.orphan))
            .with("before", Some(f.orphan_ppid_before))
            .with("after", Some(f.orphan_ppid_after))
            .with("host_after", f.orphan_host_ppid_after)
            .with("agent", Some(f.agent_host_pid)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(orphan_ppid_after: i32) -> Facts {
        Facts::OrphanReaping(OrphanReapingFacts {
            chain: vec![2, 3, 4],
            orphan_ppid_after,
            ..OrphanReapingFacts::default()
        })
    }

    #[test]
    fn judged_from_the_orphans_new_parent() {
        super::super::predict::check_judge(
            Step::OrphanReaping,
            &[
                (facts(1), Some("ns-init")),
                (facts(2), Some("grandparent")),
                (facts(0), Some("host-init")),
                (facts(3), None),
            ],
        );
    }
}
