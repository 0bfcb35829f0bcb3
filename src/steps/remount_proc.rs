//! remount-proc: a private mount namespace and a fresh /proc for the agent, proving the
//! host's mount table did not move.

use super::{Acted, Facts, Reveals, StepDef};
use crate::lesson::Step;
use crate::i18n::Tr;
use crate::quiz::text::{QuestionText, choice};
use crate::i18n::Phrase;
use crate::quiz::Ruling;
use crate::session::{Session, Stage, host};
use crate::tasks::Task;
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::RemountProc,
    before: Stage::Fresh,
    after: Stage::Remounted,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: Some(Task::RemountProc),
    experiment: None,
    reveals: Reveals::LEAK_SHOWN,
};

/// remount-proc: the agent's own /proc, and the host's mounts untouched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemountProcFacts {
    pub proc_self: Option<i32>,
    pub ns_view_pids: Vec<i32>,
    pub host_mounts_unchanged: bool,
}

fn act(session: &mut Session) -> Result<Acted> {
    let before = host::mountinfo();
    let lab = session.lab_or_err()?;
    lab.remount_proc()?;
    let identity = lab.identity()?;
    let ns_view = lab.snapshot(true)?;
    let after = host::mountinfo();
    let facts = RemountProcFacts {
        proc_self: identity.proc_self,
        ns_view_pids: ns_view.procs.iter().map(|p| p.pid).collect(),
        host_mounts_unchanged: before == after,
    };
    Ok((Facts::RemountProc(facts), None))
}

const PREDICTION: QuestionText = QuestionText {
    id: "remount-proc",
    prompt: Tr {
        en: "The agent mounts a fresh proc in a mount namespace of its own. Where will /proc/self point now?",
        ko: "에이전트가 자기만의 mount namespace에 새 proc을 마운트한다. 이제 /proc/self는 어디를 가리킬까?",
    },
    choices: &[
        choice(
            "host-pid",
            "Its PID outside the lab, as before ({agent_host_pid})",
            "전과 같이 실습 환경 바깥에서의 PID({agent_host_pid})",
        ),
        choice(
            "inside-pid",
            "1: its PID inside the namespace",
            "1: namespace 안에서의 PID",
        ),
        choice(
            "missing",
            "Nowhere: /proc/self is missing",
            "아무 데도: /proc/self가 없다",
        ),
    ],
    why: Tr {
        en: "A proc mount speaks for the PID namespace of whoever mounted it. Mounted from inside, it numbers processes as the namespace does.",
        ko: "proc 마운트는 그것을 마운트한 프로세스의 PID namespace를 보여 준다. 안에서 마운트하면 namespace가 매긴 번호로 프로세스를 보여 준다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "/proc/self points to {proc_self}",
    ko: "/proc/self는 {proc_self}를 가리킴",
};

/// What the run showed, next to the verdict.
const LIVE_MISSING: Tr = Tr {
    en: "/proc/self could not be read",
    ko: "/proc/self를 읽을 수 없음",
};

fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::RemountProc(f) = facts else {
        return None;
    };
    let Some(pid) = f.proc_self else {
        return Some(Ruling {
            right: "missing",
            live: Phrase::new(LIVE_MISSING),
        });
    };
    let right = match pid {
        1 => "inside-pid",
        p if p > 1 => "host-pid",
        _ => return None,
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE).with("proc_self", Some(pid)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(proc_self: Option<i32>) -> Facts {
        Facts::RemountProc(RemountProcFacts {
            proc_self,
            ..RemountProcFacts::default()
        })
    }

    #[test]
    fn judged_from_proc_self() {
        super::super::predict::check_judge(
            Step::RemountProc,
            &[
                (facts(Some(1)), Some("inside-pid")),
                (facts(Some(5632)), Some("host-pid")),
                (facts(None), Some("missing")),
                (facts(Some(0)), None),
            ],
        );
    }
}
