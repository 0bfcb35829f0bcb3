//! kill-parent: what the kernel answers when the inside names the tutor's PID.

use super::{Acted, Facts, Reveals, StepDef};
use crate::lesson::Step;
use crate::i18n::Tr;
use crate::quiz::text::{QuestionText, choice};
use crate::i18n::Phrase;
use crate::quiz::Ruling;
use crate::session::{Session, Stage};
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::KillParent,
    before: Stage::Fresh,
    after: Stage::Fresh,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: None,
    experiment: None,
    reveals: Reveals::NOTHING,
};

/// kill-parent: what the kernel answers when the inside names the tutor's PID.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KillParentFacts {
    pub target_pid: i32,
    /// The errno's name (`ESRCH`); `None` when the call succeeded.
    pub errno: Option<String>,
    pub message: Option<String>,
    /// When the call succeeded: whether the number named the agent itself (the tutor is
    /// PID 1 of its own namespace); `None` when it failed.
    pub found_inside: Option<bool>,
}

fn act(session: &mut Session) -> Result<Acted> {
    let me = std::process::id() as i32;
    // Signal 0 asks the kernel the same question as kill -9 without sending anything: we
    // never aim a real signal at the host from inside. Where the tutor is PID 1 of its own
    // namespace (a container's first process), 1 inside is the agent itself: then the
    // probe finds it, and says so.
    let errno = session.lab_or_err()?.kill(me, 0, false)?;
    let facts = KillParentFacts {
        target_pid: me,
        found_inside: errno.is_none().then_some(me == 1),
        errno: errno.as_ref().map(|e| e.name.clone()),
        message: errno.map(|e| e.message),
    };
    Ok((Facts::KillParent(facts), None))
}

const PREDICTION: QuestionText = QuestionText {
    id: "kill-parent",
    prompt: Tr {
        en: "From inside, the agent calls kill({tutor_pid}, 0) on the tutor, its parent outside the namespace. What does the kernel answer?",
        ko: "안에서 에이전트가 namespace 바깥에 있는 부모, 곧 튜터에게 kill({tutor_pid}, 0)을 호출한다. 커널은 무엇이라고 답할까?",
    },
    choices: &[
        choice(
            "success",
            "0: success, the parent is there",
            "0: 성공, 부모가 보인다",
        ),
        choice(
            "eperm",
            "EPERM: not allowed to signal it",
            "EPERM: 시그널을 보낼 권한이 없다",
        ),
        choice(
            "esrch",
            "ESRCH: no such process",
            "ESRCH: 그런 프로세스가 없다",
        ),
    ],
    why: Tr {
        en: "A PID passed to the kernel is looked up in the caller's own namespace. The tutor has no number in there, so the lookup finds nothing: ESRCH, not a permission problem.",
        ko: "커널에 넘긴 PID는 호출한 프로세스 자신의 namespace에서 찾는다. 튜터는 그 안에 번호가 없으니 아무것도 찾지 못한다. 권한 문제(EPERM)가 아니라 ESRCH다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "kill({target}, 0) answered {errno}",
    ko: "kill({target}, 0)의 답은 {errno}",
};

fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::KillParent(f) = facts else {
        return None;
    };
    let right = match f.errno.as_deref() {
        Some("ESRCH") => "esrch",
        Some("EPERM") => "eperm",
        // An older recording words a success as "none (...)".
        None => "success",
        Some(s) if s.is_empty() || s.starts_with("none") || s.starts_with('0') => "success",
        Some(_) => return None,
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE)
            .with("target", Some(f.target_pid))
            .with("errno", Some(f.errno.as_deref().unwrap_or("0"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(errno: Option<&str>) -> Facts {
        Facts::KillParent(KillParentFacts {
            target_pid: 900,
            errno: errno.map(String::from),
            ..KillParentFacts::default()
        })
    }

    #[test]
    fn judged_from_the_errno() {
        super::super::predict::check_judge(
            Step::KillParent,
            &[
                (facts(Some("ESRCH")), Some("esrch")),
                (facts(Some("EPERM")), Some("eperm")),
                (facts(Some("none (the parent is visible!)")), Some("success")),
                (facts(None), Some("success")),
                (facts(Some("EINVAL")), None),
            ],
        );
    }
}
