//! init-signals: PID 1 ignores SIGKILL from inside; from the host it ends everything.

use super::{Acted, Facts, Reveals, StepDef};
use crate::lesson::Step;
use crate::i18n::Tr;
use crate::quiz::text::{QuestionText, choice};
use crate::i18n::Phrase;
use crate::quiz::Ruling;
use crate::session::{Session, Stage};
use crate::tasks::Task;
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::InitSignals,
    before: Stage::Orphaned,
    after: Stage::TornDown,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: Some(Task::InitSignals),
    experiment: None,
    reveals: Reveals::LEAK_SHOWN,
};

/// init-signals: PID 1 ignores SIGKILL from inside; from the host it ends everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitSignalsFacts {
    /// kill()'s return as C shows it: `0`, or `-1 (EPERM)`.
    pub inside_sigkill_to_1_result: String,
    pub agent_alive_after: bool,
    pub members_before_init_killed: usize,
    pub members_left_after_init_killed: usize,
}

fn act(session: &mut Session) -> Result<Acted> {
    let lab = session.lab_or_err()?;
    let errno = lab.signal_init_from_inside(libc::SIGKILL)?;
    let facts = InitSignalsFacts {
        // kill()'s return value as C shows it: 0, or -1 and the errno.
        inside_sigkill_to_1_result: errno.map_or("0".to_string(), |e| format!("-1 ({})", e.name)),
        agent_alive_after: lab.identity().is_ok() && alive(lab.agent_pid()),
        members_before_init_killed: lab.members().len(),
        members_left_after_init_killed: lab.kill_init()?,
    };
    session.teardown();
    Ok((Facts::InitSignals(facts), None))
}

fn alive(pid: i32) -> bool {
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None).is_ok()
}

const PREDICTION: QuestionText = QuestionText {
    id: "init-signals",
    prompt: Tr {
        en: "A process inside sends kill(1, SIGKILL) to the namespace's PID 1, which has no handler for it. What happens?",
        ko: "안의 프로세스가 namespace의 PID 1에게 kill(1, SIGKILL)을 보낸다. PID 1에는 이 시그널의 핸들러가 없다. 어떻게 될까?",
    },
    choices: &[
        choice(
            "dies",
            "PID 1 dies, and the namespace with it",
            "PID 1이 죽고 namespace도 함께 끝난다",
        ),
        choice(
            "eperm",
            "kill fails with EPERM",
            "kill이 EPERM으로 실패한다",
        ),
        choice(
            "ignored",
            "kill returns 0, and nothing happens",
            "kill은 0을 반환하고 아무 일도 없다",
        ),
        choice("esrch", "kill fails with ESRCH", "kill이 ESRCH로 실패한다"),
    ],
    why: Tr {
        en: "From inside, PID 1 gets only the signals it installed a handler for. The rest, SIGKILL included, are dropped, and kill() still returns 0.",
        ko: "안에서 보낸 시그널은 PID 1이 핸들러를 설치한 것만 전달된다. SIGKILL을 포함한 나머지는 버려지고, kill()은 그래도 0을 반환한다.",
    },
};

/// What the run showed, next to the verdict: two sentences rather than a filled-in
/// `true`/`false`, so no English word sits inside the Korean one.
const LIVE_ALIVE: Tr = Tr {
    en: "kill(1, SIGKILL) returned {result}, and PID 1 still answers afterwards",
    ko: "kill(1, SIGKILL)의 결과: {result}. 그 뒤에도 PID 1은 응답한다",
};
const LIVE_GONE: Tr = Tr {
    en: "kill(1, SIGKILL) returned {result}, and PID 1 no longer answers",
    ko: "kill(1, SIGKILL)의 결과: {result}. 그 뒤 PID 1은 응답하지 않는다",
};

fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::InitSignals(f) = facts else {
        return None;
    };
    let result = f.inside_sigkill_to_1_result.as_str();
    let right = match (result.starts_with('0'), f.agent_alive_after) {
        (true, true) => "ignored",
        (true, false) => "dies",
        // As the lab words a failure (`-1 (EPERM)`), or bare.
        (false, _) if matches!(result, "EPERM" | "-1 (EPERM)") => "eperm",
        (false, _) if matches!(result, "ESRCH" | "-1 (ESRCH)") => "esrch",
        _ => return None,
    };
    let live = if f.agent_alive_after {
        LIVE_ALIVE
    } else {
        LIVE_GONE
    };
    Some(Ruling {
        right,
        live: Phrase::new(live).with("result", Some(result)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(result: &str, agent_alive_after: bool) -> Facts {
        Facts::InitSignals(InitSignalsFacts {
            inside_sigkill_to_1_result: result.into(),
            agent_alive_after,
            ..InitSignalsFacts::default()
        })
    }

    #[test]
    fn judged_from_the_result_and_what_is_left() {
        super::super::predict::check_judge(
            Step::InitSignals,
            &[
                (facts("0", true), Some("ignored")),
                (facts("0 (success)", false), Some("dies")),
                (facts("-1 (EPERM)", true), Some("eperm")),
                (facts("ESRCH", true), Some("esrch")),
                (facts("EINVAL", true), None),
            ],
        );
    }
}
