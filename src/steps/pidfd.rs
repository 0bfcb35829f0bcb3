//! pidfd: a file descriptor that names a process, not a number: after the PID is given to
//! a newcomer, a signal through the old pidfd fails with ESRCH; across namespaces its
//! fdinfo counts like /proc/PID/status, and a process outside reads `Pid: 0`.

use super::sandboxed::{self, Sandboxed};
use super::{Acted, Facts, Reveals, StepDef};
use crate::i18n::{Phrase, Tr};
use crate::lab::experiments::pidfd::{self, Pidfd};
use crate::lesson::Step;
use crate::quiz::Ruling;
use crate::quiz::text::{QuestionText, choice};
use crate::session::{Session, Stage};
use anyhow::Result;

pub const DEF: StepDef = StepDef {
    step: Step::Pidfd,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: None,
    experiment: Some(pidfd::EXPERIMENT),
    reveals: Reveals::LEAK_SHOWN,
};

pub type PidfdFacts = Sandboxed<Pidfd>;

fn act(session: &mut Session) -> Result<Acted> {
    sandboxed::act(session, Step::Pidfd, Facts::Pidfd)
}

const PREDICTION: QuestionText = QuestionText {
    id: "pidfd",
    prompt: Tr {
        en: "A pidfd was opened on a process. The process ends, and a newcomer gets its PID. What does pidfd_send_signal(SIGKILL) through the old pidfd do?",
        ko: "어떤 프로세스에 pidfd를 열어 두었다. 그 프로세스가 종료하고, 새로 온 프로세스가 같은 PID를 받는다. 예전 pidfd로 pidfd_send_signal(SIGKILL)을 보내면 어떻게 될까?",
    },
    choices: &[
        choice(
            "kills-newcomer",
            "It kills the newcomer: the PID is the same",
            "새로 온 프로세스를 죽인다: PID가 같으니까",
        ),
        choice(
            "esrch",
            "It fails with ESRCH, and the newcomer lives on",
            "ESRCH로 실패하고, 새로 온 프로세스는 멀쩡하다",
        ),
        choice(
            "blocked",
            "Nothing can take the PID while a pidfd is open on it: the newcomer gets another",
            "pidfd가 열려 있는 동안에는 아무도 그 PID를 받지 못한다: 새 프로세스는 다른 PID를 받는다",
        ),
    ],
    why: Tr {
        en: "A pidfd refers to one process, not to its number. Once that process has ended, signals through the pidfd fail with ESRCH, whoever has the PID now; kill() with the number would reach the newcomer. The pidfd does not keep the number from being reused.",
        ko: "pidfd는 번호가 아니라 프로세스 하나를 가리킨다. 그 프로세스가 종료하면 지금 누가 그 PID를 가졌든 pidfd로 보내는 시그널은 ESRCH로 실패한다. 번호로 보내는 kill()이라면 새 프로세스에게 갔을 것이다. pidfd가 번호의 재사용을 막지는 않는다.",
    },
};

/// What the run showed, next to the verdict: the newcomer lived on, or was killed.
const LIVE_ALIVE: Tr = Tr {
    en: "PID {old} ended and the newcomer got {new}; SIGKILL through the old pidfd returned {signal}, and the newcomer lived on",
    ko: "PID {old}가 종료하고 새 프로세스가 {new}를 받았다. 예전 pidfd로 보낸 SIGKILL의 반환값 {signal}, 새 프로세스는 살아 있었다",
};
const LIVE_KILLED: Tr = Tr {
    en: "PID {old} ended and the newcomer got {new}; SIGKILL through the old pidfd returned {signal}, and the newcomer was killed",
    ko: "PID {old}가 종료하고 새 프로세스가 {new}를 받았다. 예전 pidfd로 보낸 SIGKILL의 반환값 {signal}, 새 프로세스는 죽었다",
};

/// Where the newcomer's PID came from, what the old pidfd's signal returned, and whether
/// the newcomer survived it.
fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::Pidfd(f) = facts else {
        return None;
    };
    let f = &f.facts;
    let right = match (f.new_pid == f.old_pid, f.stale_signal.as_str(), f.newcomer_alive) {
        (false, _, _) if f.old_pid > 0 => "blocked",
        (true, "-1 (ESRCH)", true) => "esrch",
        (true, "0", false) => "kills-newcomer",
        _ => return None,
    };
    let live = if f.newcomer_alive {
        LIVE_ALIVE
    } else {
        LIVE_KILLED
    };
    Some(Ruling {
        right,
        live: Phrase::new(live)
            .with("old", Some(f.old_pid))
            .with("new", Some(f.new_pid))
            .with("signal", Some(&f.stale_signal)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(old: i32, new: i32, signal: &str, alive: bool) -> Facts {
        let mut facts = PidfdFacts::default();
        facts.facts.old_pid = old;
        facts.facts.new_pid = new;
        facts.facts.stale_signal = signal.into();
        facts.facts.newcomer_alive = alive;
        Facts::Pidfd(facts)
    }

    #[test]
    fn judged_from_the_stale_pidfd() {
        super::super::predict::check_judge(
            Step::Pidfd,
            &[
                (facts(12, 12, "-1 (ESRCH)", true), Some("esrch")),
                (facts(12, 12, "0", false), Some("kills-newcomer")),
                (facts(12, 13, "-1 (ESRCH)", true), Some("blocked")),
                (facts(0, 0, "", false), None),
            ],
        );
    }
}
