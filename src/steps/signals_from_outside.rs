//! signals-from-outside: a namespace's PID 1 gets SIGKILL and SIGSTOP from an ancestor
//! namespace, and a handled signal from outside comes with si_pid 0.

use super::sandboxed::{self, Sandboxed};
use super::{Acted, Facts, Reveals, StepDef};
use crate::lab::experiments::signals::{self, SignalsFromOutside};
use crate::lesson::Step;
use crate::i18n::Tr;
use crate::quiz::text::{QuestionText, choice};
use crate::i18n::Phrase;
use crate::quiz::Ruling;
use crate::session::{Session, Stage};
use anyhow::Result;

pub const DEF: StepDef = StepDef {
    step: Step::SignalsFromOutside,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: None,
    experiment: Some(signals::EXPERIMENT),
    reveals: Reveals::LEAK_SHOWN,
};

pub type SignalsFromOutsideFacts = Sandboxed<SignalsFromOutside>;

fn act(session: &mut Session) -> Result<Acted> {
    sandboxed::act(session, Step::SignalsFromOutside, Facts::SignalsFromOutside)
}

const PREDICTION: QuestionText = QuestionText {
    id: "signals-from-outside",
    prompt: Tr {
        en: "An init with a SIGTERM handler gets SIGTERM from a process outside its namespace. What does the handler see as the sender's PID (si_pid)?",
        ko: "SIGTERM 핸들러가 있는 init이 자기 namespace 바깥의 프로세스에게서 SIGTERM을 받는다. 핸들러는 보낸 쪽의 PID(si_pid)를 무엇으로 볼까?",
    },
    choices: &[
        choice(
            "outside-pid",
            "The sender's PID, as its own namespace numbers it",
            "보낸 쪽 namespace에서 매긴 보낸 쪽의 PID",
        ),
        choice(
            "not-run",
            "The handler never runs: from outside, only SIGKILL and SIGSTOP get through",
            "핸들러는 실행되지 않는다: 바깥에서는 SIGKILL과 SIGSTOP만 전달된다",
        ),
        choice(
            "zero",
            "0: the sender has no PID in the init's namespace",
            "0: 보낸 쪽은 init의 namespace 안에 PID가 없다",
        ),
    ],
    why: Tr {
        en: "A handled signal reaches an init from anywhere. si_pid is the sender's PID in the receiver's namespace; a sender outside has none there, so it reads 0, as getppid() does for a namespace's first process.",
        ko: "핸들러가 있는 시그널은 어디서 보내든 init에게 전달된다. si_pid는 받는 쪽 namespace에서의 보낸 쪽 PID인데, 바깥의 프로세스는 그 안에 번호가 없으므로 0이다. namespace의 첫 프로세스에서 getppid()가 0인 것과 같다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "the handler ran {runs} time(s) for SIGTERM from outside, with si_pid {si_pid}",
    ko: "바깥에서 보낸 SIGTERM에 핸들러가 {runs}번 실행됨, si_pid {si_pid}",
};

/// Whether the handler ran for SIGTERM from outside, and the si_pid it saw.
fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::SignalsFromOutside(f) = facts else {
        return None;
    };
    let (runs, si_pid) = (f.facts.handler_runs_outside, f.facts.handler_si_pid_outside);
    let right = match (runs, si_pid) {
        (0, _) => "not-run",
        (_, 0) => "zero",
        (_, p) if p > 0 => "outside-pid",
        _ => return None,
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE)
            .with("runs", Some(runs))
            .with("si_pid", Some(si_pid)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(runs: i32, si_pid: i32) -> Facts {
        let mut facts = SignalsFromOutsideFacts::default();
        facts.facts.handler_runs_outside = runs;
        facts.facts.handler_si_pid_outside = si_pid;
        Facts::SignalsFromOutside(facts)
    }

    #[test]
    fn judged_from_the_handler() {
        super::super::predict::check_judge(
            Step::SignalsFromOutside,
            &[
                (facts(1, 0), Some("zero")),
                (facts(1, 12714), Some("outside-pid")),
                (facts(0, 0), Some("not-run")),
                (facts(1, -3), None),
            ],
        );
    }
}
