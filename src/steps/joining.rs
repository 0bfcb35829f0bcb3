//! joining: a process that setns()es into a PID namespace stays where it was; its next
//! child goes in, and outlives it under the joiner's namespace's init.

use super::sandboxed::{self, Sandboxed, nspid_of, sandboxed};
use super::{Acted, Facts, Reveals, StepDef};
use crate::lab::experiments::Outcome;
use crate::lab::experiments::joining::{self, Joining};
use crate::lesson::Step;
use crate::i18n::Tr;
use crate::quiz::text::{QuestionText, choice};
use crate::i18n::Phrase;
use crate::quiz::Ruling;
use crate::session::{Session, Stage};
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::Joining,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: None,
    experiment: Some(joining::EXPERIMENT),
    reveals: Reveals {
        joined: Some("joined"),
        ..Reveals::LEAK_SHOWN
    },
};

pub type JoiningFacts = Sandboxed<JoiningFromTutor>;

/// joining: the experiment's facts, and the joined process seen from the tutor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoiningFromTutor {
    #[serde(flatten)]
    pub inside: Joining,
    /// The joined process's NSpid in the tutor's /proc: a number for every level.
    pub joined_nspid_from_tutor: Vec<i32>,
}

fn act(session: &mut Session) -> Result<Acted> {
    let outcome: Outcome<Joining> = sandboxed::run(session, Step::Joining)?;
    let facts = JoiningFromTutor {
        joined_nspid_from_tutor: nspid_of(&outcome.moments, "joined"),
        inside: outcome.facts.clone(),
    };
    let facts = Facts::Joining(sandboxed(facts, outcome.sandbox));
    sandboxed::finish(session, outcome, facts)
}

const PREDICTION: QuestionText = QuestionText {
    id: "joining",
    prompt: Tr {
        en: "A process outside the namespace, the joiner, calls setns() into it and forks a child, which lands inside. Then the joiner dies. Who adopts the orphaned child?",
        ko: "namespace 바깥의 프로세스(joiner)가 그 namespace로 setns()를 호출한 뒤 자식을 fork하면, joiner는 바깥에 남고 자식만 안쪽에 생긴다. 그 뒤 joiner가 죽는다. 고아가 된 자식은 누가 입양할까?",
    },
    choices: &[
        choice(
            "ns-init",
            "target-init: PID 1 of the namespace the child joined",
            "target-init: 자식이 들어간 namespace의 PID 1",
        ),
        choice(
            "parent-side",
            "The init of the joiner's own namespace (here, the sandbox)",
            "joiner 자신의 namespace의 init(여기서는 샌드박스)",
        ),
        choice(
            "nobody",
            "Nobody: it dies with its parent",
            "아무도: 부모와 함께 죽는다",
        ),
    ],
    why: Tr {
        en: "The kernel looks for a new parent where the dead parent lived: the joiner was outside, so the init (or a subreaper) of the joiner's namespace adopts the child, not the init of the namespace it joined.",
        ko: "커널은 죽은 부모가 있던 곳에서 새 부모를 찾는다. joiner는 바깥에 있었으므로, 자식이 들어간 namespace의 init이 아니라 joiner의 namespace의 init(또는 subreaper)이 입양한다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "the orphan was adopted by {name} {pid} (as the sandbox's /proc numbers it)",
    ko: "고아는 {name} {pid}가 입양함(샌드박스의 /proc 번호)",
};

/// Who adopted the joined child once the joiner died, as the sandbox's /proc shows it.
/// The sandbox is the joiner's namespace's init (PID 1 there); the joined namespace's init
/// is `target-init`.
fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::Joining(f) = facts else {
        return None;
    };
    let adopter = &f.facts.inside.adopted_by;
    let right = match (adopter.pid, adopter.name.as_str()) {
        // No parent found: it did not outlive the joiner.
        (0, _) => "nobody",
        (_, "target-init") => "ns-init",
        (1, _) => "parent-side",
        _ => return None,
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE)
            .with("name", Some(&adopter.name))
            .with("pid", Some(adopter.pid)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(name: &str, pid: i32) -> Facts {
        let mut facts = JoiningFacts::default();
        facts.facts.inside.adopted_by.name = name.into();
        facts.facts.inside.adopted_by.pid = pid;
        Facts::Joining(facts)
    }

    #[test]
    fn judged_from_the_adopter() {
        super::super::predict::check_judge(
            Step::Joining,
            &[
                (facts("sandbox", 1), Some("parent-side")),
                (facts("target-init", 2), Some("ns-init")),
                (facts("", 0), Some("nobody")),
                (facts("somebody", 7), None),
            ],
        );
    }
}
