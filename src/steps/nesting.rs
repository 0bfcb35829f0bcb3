//! nesting: three PID namespaces, one inside the other; the inner level's PID 1 has a
//! number in each, and the outer level's /proc lists them all in NSpid.

use super::sandboxed::{self, Sandboxed, nspid_of, sandboxed};
use super::{Acted, Facts, Reveals, StepDef};
use crate::lab::experiments::Outcome;
use crate::lab::experiments::nesting::{self, Nesting};
use crate::lesson::Step;
use crate::i18n::Tr;
use crate::quiz::text::{QuestionText, choice};
use crate::i18n::Phrase;
use crate::quiz::Ruling;
use crate::session::{Session, Stage};
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::Nesting,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: None,
    experiment: Some(nesting::EXPERIMENT),
    reveals: Reveals::LEAK_SHOWN,
};

pub type NestingFacts = Sandboxed<NestingFromTutor>;

/// nesting: the experiment's facts, and the same inner process seen from the tutor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NestingFromTutor {
    #[serde(flatten)]
    pub inside: Nesting,
    /// The inner level's PID 1 as the tutor's /proc gives its NSpid: one number more in
    /// front (the sandbox is itself a namespace below the tutor's).
    pub inner_nspid_from_tutor: Vec<i32>,
    /// How many levels below the namespace of the tutor's /proc the deepest namespace of
    /// the chain was (on a machine where that is the initial namespace: 32).
    pub deepest_level: usize,
}

fn act(session: &mut Session) -> Result<Acted> {
    let outcome: Outcome<Nesting> = sandboxed::run(session, Step::Nesting)?;
    let sandbox_level = outcome
        .sandbox
        .and_then(|(pid, _)| outcome.moments.first()?.host.get(pid))
        .map_or(0, |p| p.nspid.len().saturating_sub(1));
    let facts = NestingFromTutor {
        inner_nspid_from_tutor: nspid_of(&outcome.moments, "level-3"),
        deepest_level: sandbox_level + outcome.facts.levels_below_sandbox,
        inside: outcome.facts.clone(),
    };
    let facts = Facts::Nesting(sandboxed(facts, outcome.sandbox));
    sandboxed::finish(session, outcome, facts)
}

const PREDICTION: QuestionText = QuestionText {
    id: "nesting",
    prompt: Tr {
        en: "Three levels: an outer namespace, a middle one inside it, an inner one inside that. In the outer level's /proc, what does the NSpid line of the inner level's PID 1 list?",
        ko: "세 단계가 있다: 바깥 namespace, 그 안의 가운데 namespace, 다시 그 안의 안쪽 namespace. 바깥 단계의 /proc에서 안쪽 단계의 PID 1은 NSpid 줄에 무엇을 보여 줄까?",
    },
    choices: &[
        choice(
            "one",
            "Only 1: a process has one PID",
            "1 하나: 프로세스의 PID는 하나다",
        ),
        choice(
            "outer-only",
            "One number: its PID in the outer level",
            "숫자 하나: 바깥 단계에서의 PID",
        ),
        choice(
            "inner-first",
            "One number per level, starting with 1",
            "단계마다 하나씩, 1부터 시작",
        ),
        choice(
            "per-level",
            "One number per level, from the outer level's down to 1",
            "단계마다 하나씩, 바깥 단계의 번호부터 1까지",
        ),
    ],
    why: Tr {
        en: "A process has a PID in its own namespace and in every ancestor. NSpid lists them from the namespace of the /proc you read down to its own, where it is 1.",
        ko: "프로세스는 자기 namespace와 그 모든 조상 namespace에서 PID를 하나씩 가진다. NSpid는 읽고 있는 /proc의 namespace에서 시작해 자기 namespace(그곳에서는 1)까지 차례로 보여 준다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "in the outer level's /proc the inner level's PID 1 has NSpid {nspid}",
    ko: "바깥 단계의 /proc에서 안쪽 단계의 PID 1은 NSpid {nspid}",
};

/// The inner level's NSpid as the outer level's /proc shows it.
fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::Nesting(f) = facts else {
        return None;
    };
    let nspid = &f.facts.inside.inner_nspid;
    let right = match nspid.as_slice() {
        [1] => "one",
        [_] => "outer-only",
        [.., 1] => "per-level",
        [1, ..] => "inner-first",
        _ => return None,
    };
    let shown: Vec<String> = nspid.iter().map(i32::to_string).collect();
    Some(Ruling {
        right,
        live: Phrase::new(LIVE).with("nspid", Some(shown.join(" "))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(inner_nspid: &[i32]) -> Facts {
        let mut facts = NestingFacts::default();
        facts.facts.inside.inner_nspid = inner_nspid.to_vec();
        Facts::Nesting(facts)
    }

    #[test]
    fn judged_from_the_inner_nspid() {
        super::super::predict::check_judge(
            Step::Nesting,
            &[
                (facts(&[3, 2, 1]), Some("per-level")),
                (facts(&[1, 2, 3]), Some("inner-first")),
                (facts(&[1]), Some("one")),
                (facts(&[3]), Some("outer-only")),
                (facts(&[]), None),
                (facts(&[3, 2, 4]), None),
            ],
        );
    }
}
