//! init-death: when a namespace's PID 1 dies, the kernel ends the rest, and the namespace
//! takes no new members: fork() into it fails with ENOMEM.

use super::sandboxed::{self, Sandboxed};
use super::{Acted, Facts, Reveals, StepDef};
use crate::lab::experiments::init_death::{self, InitDeath};
use crate::lesson::Step;
use crate::i18n::Tr;
use crate::quiz::text::{QuestionText, choice};
use crate::i18n::Phrase;
use crate::quiz::Ruling;
use crate::session::{Session, Stage};
use anyhow::Result;

pub const DEF: StepDef = StepDef {
    step: Step::InitDeath,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: None,
    experiment: Some(init_death::EXPERIMENT),
    reveals: Reveals::LEAK_SHOWN,
};

pub type InitDeathFacts = Sandboxed<InitDeath>;

fn act(session: &mut Session) -> Result<Acted> {
    sandboxed::act(session, Step::InitDeath, Facts::InitDeath)
}

const PREDICTION: QuestionText = QuestionText {
    id: "init-death",
    prompt: Tr {
        en: "The namespace's init has been killed, and every member with it. An fd is still open on its ns/pid. Through it, setns() and then fork(): what happens?",
        ko: "namespace의 init이 죽었고 구성원도 모두 함께 끝났다. 그 ns/pid에 열어 둔 fd는 아직 남아 있다. 그 fd로 setns()를 하고 fork()를 하면 어떻게 될까?",
    },
    choices: &[
        choice(
            "setns-fails",
            "setns() fails: the namespace died with its init",
            "setns()가 실패한다: namespace는 init과 함께 사라졌다",
        ),
        choice(
            "new-init",
            "Both work: the new child becomes the namespace's PID 1",
            "둘 다 성공한다: 새 자식이 namespace의 PID 1이 된다",
        ),
        choice(
            "enomem",
            "setns() works, but fork() fails with ENOMEM",
            "setns()는 성공하지만 fork()가 ENOMEM으로 실패한다",
        ),
    ],
    why: Tr {
        en: "The namespace lives on while an fd or a bind mount refers to it, so setns() succeeds. But a namespace whose init has died can never hold a process again: fork() fails with ENOMEM.",
        ko: "fd나 bind mount가 가리키는 동안 namespace는 남아 있어서 setns()는 성공한다. 하지만 init이 죽은 namespace에는 다시는 프로세스가 들어갈 수 없어 fork()가 ENOMEM으로 실패한다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "setns() returned {setns}, fork() returned {fork}",
    ko: "setns()는 {setns}, fork()는 {fork}를 반환함",
};

/// What setns() and fork() through the fd kept on the namespace returned.
fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::InitDeath(f) = facts else {
        return None;
    };
    let (setns, fork) = (f.facts.setns_after.as_str(), f.facts.fork_after.as_str());
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
    Some(Ruling {
        right,
        live: Phrase::new(LIVE)
            .with("setns", Some(setns))
            .with("fork", Some(fork)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(setns: &str, fork: &str) -> Facts {
        let mut facts = InitDeathFacts::default();
        facts.facts.setns_after = setns.into();
        facts.facts.fork_after = fork.into();
        Facts::InitDeath(facts)
    }

    #[test]
    fn judged_from_setns_and_fork() {
        super::super::predict::check_judge(
            Step::InitDeath,
            &[
                (facts("0", "-1 (ENOMEM)"), Some("enomem")),
                (facts("-1 (EINVAL)", "-1 (ENOMEM)"), Some("setns-fails")),
                (facts("0", "5"), Some("new-init")),
                (facts("0", "-1 (EAGAIN)"), None),
                (facts("weird", "5"), None),
            ],
        );
    }
}
