//! fork-needed: unshare(CLONE_NEWPID) moves only the caller's next children, so the
//! caller must fork before anything is PID 1 of the new namespace.

use super::sandboxed::{self, Sandboxed};
use super::{Acted, Facts, Reveals, StepDef};
use crate::lab::experiments::fork_needed::{self, ForkNeeded};
use crate::lesson::Step;
use crate::i18n::Tr;
use crate::quiz::text::{QuestionText, choice};
use crate::i18n::Phrase;
use crate::quiz::Ruling;
use crate::session::{Session, Stage};
use anyhow::Result;

pub const DEF: StepDef = StepDef {
    step: Step::ForkNeeded,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: None,
    experiment: Some(fork_needed::EXPERIMENT),
    reveals: Reveals::LEAK_SHOWN,
};

pub type ForkNeededFacts = Sandboxed<ForkNeeded>;

fn act(session: &mut Session) -> Result<Acted> {
    sandboxed::act(session, Step::ForkNeeded, Facts::ForkNeeded)
}

const PREDICTION: QuestionText = QuestionText {
    id: "fork-needed",
    prompt: Tr {
        en: "A process calls unshare(CLONE_NEWPID). What happens to the caller itself?",
        ko: "어떤 프로세스가 unshare(CLONE_NEWPID)를 호출한다. 호출한 프로세스 자신은 어떻게 될까?",
    },
    choices: &[
        choice(
            "becomes-init",
            "It becomes PID 1 of the new namespace",
            "새 namespace의 PID 1이 된다",
        ),
        choice(
            "moves",
            "It keeps its PID, but now belongs to the new namespace",
            "PID는 그대로지만 이제 새 namespace에 속한다",
        ),
        choice(
            "stays",
            "Nothing visible: same PID, same PID namespace; only its next children go in",
            "겉으로는 그대로다: PID도 PID namespace도 같고, 다음에 만드는 자식만 새 namespace로 간다",
        ),
        choice(
            "renumbered",
            "It gets a new, ordinary PID in the new namespace",
            "새 namespace에서 평범한 새 PID를 받는다",
        ),
    ],
    why: Tr {
        en: "A process keeps its PID, and its PID namespace, for life. unshare(CLONE_NEWPID) only sets where the caller's next children go; the first of them becomes PID 1 there.",
        ko: "프로세스는 PID도 PID namespace도 평생 바뀌지 않는다. unshare(CLONE_NEWPID)는 호출한 프로세스가 다음에 만들 자식이 들어갈 곳만 정하고, 그 첫 자식이 그곳의 PID 1이 된다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "the caller was PID {before} in pid:[{ns_before}] before unshare, PID {after} in pid:[{ns_after}] after",
    ko: "호출한 프로세스는 unshare 전에 pid:[{ns_before}]의 PID {before}, 뒤에는 pid:[{ns_after}]의 PID {after}",
};

/// What unshare(CLONE_NEWPID) did to the caller, from its PID and PID namespace before
/// and after.
fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::ForkNeeded(Sandboxed { facts: f, .. }) = facts else {
        return None;
    };
    let (before, after) = (f.caller_pid_before, f.caller_pid_after);
    let same_ns = f.caller_pid_ns_before == f.caller_pid_ns_after;
    let right = match (after, same_ns) {
        (1, _) if before != 1 => "becomes-init",
        (a, true) if a == before => "stays",
        (a, false) if a == before => "moves",
        (_, false) => "renumbered",
        _ => return None,
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE)
            .with("before", Some(before))
            .with("after", Some(after))
            .with("ns_before", Some(f.caller_pid_ns_before))
            .with("ns_after", Some(f.caller_pid_ns_after)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(after: i32, ns_after: u64) -> Facts {
        Facts::ForkNeeded(Sandboxed {
            facts: ForkNeeded {
                caller_pid_before: 2,
                caller_pid_after: after,
                caller_pid_ns_before: 41,
                caller_pid_ns_after: ns_after,
                ..ForkNeeded::default()
            },
            sandbox_pid_ns: None,
        })
    }

    #[test]
    fn judged_from_the_callers_pid_and_namespace() {
        super::super::predict::check_judge(
            Step::ForkNeeded,
            &[
                // The recorded run first, then the ways the kernel could have gone.
                (facts(2, 41), Some("stays")),
                (facts(1, 42), Some("becomes-init")),
                (facts(2, 42), Some("moves")),
                (facts(7, 42), Some("renumbered")),
                (facts(3, 41), None),
            ],
        );
    }
}
