//! pid-max: since Linux 6.14 pid_max belongs to the PID namespace of whoever reads or
//! writes it: a namespace that lowers its own leaves the machine's alone, wraps its PIDs
//! back to 300 and runs out (EAGAIN) while the parent forks on. On an older kernel the
//! experiment writes nothing.

use super::sandboxed::{self, Sandboxed, sandboxed};
use super::{Acted, Facts, Reveals, StepDef};
use crate::i18n::{Phrase, Tr};
use crate::lab::experiments::Outcome;
use crate::lab::experiments::pid_max::{self, PidMax};
use crate::lesson::Step;
use crate::quiz::Ruling;
use crate::quiz::text::{QuestionText, choice};
use crate::session::{Session, Stage};
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::PidMax,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: None,
    experiment: Some(pid_max::EXPERIMENT),
    reveals: Reveals::LEAK_SHOWN,
};

pub type PidMaxFacts = Sandboxed<PidMaxFromTutor>;

/// The experiment's facts, and the tutor's own pid_max read before and after it: outside
/// the lab, what the machine (or the tutor's container) says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PidMaxFromTutor {
    #[serde(flatten)]
    pub inside: PidMax,
    pub host_before: Option<i64>,
    pub host_after: Option<i64>,
}

fn act(session: &mut Session) -> Result<Acted> {
    let host_before = tutors_pid_max();
    let outcome: Outcome<PidMax> = sandboxed::run(session, Step::PidMax)?;
    let facts = PidMaxFromTutor {
        inside: outcome.facts.clone(),
        host_before,
        host_after: tutors_pid_max(),
    };
    let facts = Facts::PidMax(sandboxed(facts, outcome.sandbox));
    sandboxed::finish(session, outcome, facts)
}

/// pid_max as the tutor's PID namespace has it.
fn tutors_pid_max() -> Option<i64> {
    std::fs::read_to_string("/proc/sys/kernel/pid_max")
        .ok()?
        .trim()
        .parse()
        .ok()
}

const PREDICTION: QuestionText = QuestionText {
    id: "pid-max",
    prompt: Tr {
        en: "Inside a new PID namespace, its root writes a low value, a few hundred, to /proc/sys/kernel/pid_max. What does that file say outside the namespace afterwards?",
        ko: "새 PID namespace 안에서 그 namespace의 root가 /proc/sys/kernel/pid_max에 몇백쯤 되는 낮은 값을 쓴다. 그 뒤 namespace 바깥에서 같은 파일을 읽으면 무엇이 나올까?",
    },
    choices: &[
        choice(
            "changed",
            "The low value: there is one pid_max for the whole machine",
            "그 낮은 값: pid_max는 컴퓨터 전체에 하나뿐이다",
        ),
        choice(
            "refused",
            "What it said before, because the write is refused: only the machine's root may set it",
            "원래 값: 쓰기가 거부되기 때문이다. 컴퓨터의 root만 바꿀 수 있다",
        ),
        choice(
            "unchanged",
            "What it said before: the write succeeded, but it set the namespace's own limit",
            "원래 값: 쓰기는 성공했지만 그 namespace만의 한도를 바꾸었다",
        ),
    ],
    why: Tr {
        en: "Since Linux 6.14 pid_max belongs to the PID namespace of the process that reads or writes it. The write sets that namespace's limit (its PIDs wrap there, back to 300) and leaves the machine's alone. Before 6.14 it was one value for the machine: root's write anywhere changed it, and a user's was refused.",
        ko: "Linux 6.14부터 pid_max는 그 파일을 읽거나 쓰는 프로세스의 PID namespace에 속한다. 쓰기는 그 namespace의 한도를 정하고(PID는 거기서 300으로 돌아가며 순환한다) 컴퓨터의 값은 그대로 둔다. 6.14 전에는 컴퓨터 전체에 값이 하나여서, root가 어디서 쓰든 바뀌었고 일반 사용자의 쓰기는 거부되었다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "on {release}, writing {limit} inside returned {write}; outside the lab pid_max was {before} and then {after}",
    ko: "{release}에서 안쪽에 {limit}을 쓴 반환값 {write}, 실습 환경 바깥의 pid_max는 {before}에서 {after}",
};

/// Whether the write inside succeeded, and whether the tutor's pid_max moved. On a kernel
/// without a per-namespace pid_max nothing was written: no verdict.
fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::PidMax(f) = facts else {
        return None;
    };
    let f = &f.facts;
    let write = f.inside.limited.write.as_deref()?;
    let (before, after) = (f.host_before?, f.host_after?);
    let right = match (write, before == after) {
        ("0", true) => "unchanged",
        ("0", false) => "changed",
        (_, true) => "refused",
        _ => return None,
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE)
            .with("release", Some(&f.inside.kernel_release))
            .with("limit", f.inside.limited.limit)
            .with("write", Some(write))
            .with("before", Some(before))
            .with("after", Some(after)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(write: Option<&str>, before: i64, after: i64) -> Facts {
        let mut facts = PidMaxFacts::default();
        facts.facts.inside.kernel_release = "6.18.4".into();
        facts.facts.inside.limited.limit = Some(310);
        facts.facts.inside.limited.write = write.map(str::to_string);
        facts.facts.host_before = Some(before);
        facts.facts.host_after = Some(after);
        Facts::PidMax(facts)
    }

    #[test]
    fn judged_from_the_write_and_the_tutors_value() {
        super::super::predict::check_judge(
            Step::PidMax,
            &[
                (facts(Some("0"), 32768, 32768), Some("unchanged")),
                (facts(Some("0"), 32768, 310), Some("changed")),
                (facts(Some("-1 (EPERM)"), 32768, 32768), Some("refused")),
                // An older kernel: nothing written, nothing to judge.
                (facts(None, 32768, 32768), None),
            ],
        );
    }
}
