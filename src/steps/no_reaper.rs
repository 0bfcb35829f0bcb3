//! no-reaper: under a PID 1 that waits only for the children it started, every adopted
//! orphan that ends stays a zombie; a PID 1 that reaps (tini, `docker run --init`) leaves
//! none.
//!
//! The experiment runs in a sandbox of its own, as chapter two's do; the step also keeps a
//! lab (remounted, as after remount-proc) for its task, so that the learner's shell runs
//! in a namespace whose PID 1 is the agent, a PID 1 that reaps.

use super::sandboxed::{self, Sandboxed};
use super::{Acted, Facts, Reveals, StepDef};
use crate::i18n::{Phrase, Tr};
use crate::lab::experiments::no_reaper::{self, NoReaper, ROUNDS};
use crate::lesson::Step;
use crate::quiz::Ruling;
use crate::quiz::text::{QuestionText, choice};
use crate::session::{Session, Stage};
use crate::tasks::Task;
use anyhow::Result;

pub const DEF: StepDef = StepDef {
    step: Step::NoReaper,
    before: Stage::Remounted,
    after: Stage::Remounted,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: Some(Task::NoReaper),
    experiment: Some(no_reaper::EXPERIMENT),
    reveals: Reveals::LEAK_SHOWN,
};

pub type NoReaperFacts = Sandboxed<NoReaper>;

fn act(session: &mut Session) -> Result<Acted> {
    sandboxed::act(session, Step::NoReaper, Facts::NoReaper)
}

const PREDICTION: QuestionText = QuestionText {
    id: "no-reaper",
    prompt: Tr {
        en: "A PID 1 waits for the children it started, by their PIDs, and never calls wait() for anyone else. An orphan it adopted ends. What becomes of that orphan?",
        ko: "PID 1이 자기가 시작한 자식만 PID로 기다리고, 그 밖의 누구에게도 wait()를 부르지 않는다. 이 PID 1이 입양한 고아가 종료한다. 그 고아는 어떻게 될까?",
    },
    choices: &[
        choice(
            "gone",
            "It is gone: the kernel cleans up a process that has ended",
            "사라진다: 종료한 프로세스는 커널이 치운다",
        ),
        choice(
            "zombie",
            "It stays a zombie (state Z) under PID 1, one more for every such orphan",
            "PID 1 아래 좀비(상태 Z)로 남고, 그런 고아마다 하나씩 늘어난다",
        ),
        choice(
            "running",
            "It cannot end while nobody waits for it: it keeps running",
            "아무도 기다리지 않으니 끝나지 못하고 계속 실행된다",
        ),
    ],
    why: Tr {
        en: "An ended process keeps its PID and exit status until its parent calls wait(). An adopted orphan's parent is PID 1; a PID 1 that never waits for it leaves it a zombie, and the zombies add up. tini and docker run --init are PID 1s that reap.",
        ko: "종료한 프로세스는 부모가 wait()를 부를 때까지 PID와 종료 상태를 남긴다. 입양된 고아의 부모는 PID 1이므로, 그 고아를 기다리지 않는 PID 1 아래에서는 좀비로 남고 좀비는 쌓여 간다. tini와 docker run --init은 회수하는 PID 1이다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "after {rounds} orphans, {zombies} zombie(s) under the PID 1 that never waits; {left} under the one that reaps",
    ko: "고아 {rounds}개 뒤, 기다리지 않는 PID 1 아래 좀비 {zombies}개, 회수하는 PID 1 아래 {left}개",
};

/// What the orphans were after the rounds under the PID 1 that never waits: zombies
/// (state Z), gone, or still running.
fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::NoReaper(f) = facts else {
        return None;
    };
    let f = &f.facts;
    let zombies = f.zombies_per_round.last().copied()?;
    let right = if f.orphans.is_empty() {
        "gone"
    } else if f.orphans.iter().all(|o| o.state == "Z") {
        "zombie"
    } else {
        "running"
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE)
            .with("rounds", Some(ROUNDS))
            .with("zombies", Some(zombies))
            .with(
                "left",
                f.zombies_per_round_with_reaper.last().copied().or(Some(0)),
            ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::experiments::nesting::ListedProc;
    use crate::lab::experiments::no_reaper::Orphan;

    fn facts(counts: &[usize], states: &[&str]) -> Facts {
        let mut facts = NoReaperFacts::default();
        facts.facts.zombies_per_round = counts.to_vec();
        facts.facts.zombies_per_round_with_reaper = vec![0; counts.len()];
        facts.facts.orphans = states
            .iter()
            .enumerate()
            .map(|(i, state)| Orphan {
                seen: ListedProc {
                    name: "orphan".into(),
                    pid: i as i32 + 4,
                },
                ppid: 1,
                state: state.to_string(),
            })
            .collect();
        Facts::NoReaper(facts)
    }

    #[test]
    fn judged_from_the_orphans_states() {
        super::super::predict::check_judge(
            Step::NoReaper,
            &[
                (facts(&[1, 2, 3], &["Z", "Z", "Z"]), Some("zombie")),
                (facts(&[0, 0, 0], &[]), Some("gone")),
                (facts(&[0, 0, 1], &["S", "Z"]), Some("running")),
                (facts(&[], &[]), None),
            ],
        );
    }
}
