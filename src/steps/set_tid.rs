//! set-tid: clone3() with set_tid chooses a PID, at each level of nested namespaces; the
//! chosen PID does not move the namespace's counter (ns_last_pid); a taken one gives
//! EEXIST, and without the capability EPERM.

use super::sandboxed::{self, Sandboxed};
use super::{Acted, Facts, Reveals, StepDef};
use crate::i18n::{Phrase, Tr};
use crate::lab::experiments::set_tid::{self, SetTid};
use crate::lesson::Step;
use crate::quiz::Ruling;
use crate::quiz::text::{QuestionText, choice};
use crate::session::{Session, Stage};
use anyhow::Result;

pub const DEF: StepDef = StepDef {
    step: Step::SetTid,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: None,
    experiment: Some(set_tid::EXPERIMENT),
    reveals: Reveals::LEAK_SHOWN,
};

pub type SetTidFacts = Sandboxed<SetTid>;

fn act(session: &mut Session) -> Result<Acted> {
    sandboxed::act(session, Step::SetTid, Facts::SetTid)
}

const PREDICTION: QuestionText = QuestionText {
    id: "set-tid",
    prompt: Tr {
        en: "In a namespace whose counter stands at a small number, clone3() with set_tid = [1000] makes a child with PID 1000. Then the same process calls an ordinary fork(). Which PID does that child get?",
        ko: "카운터가 작은 수에 있는 namespace에서 set_tid = [1000]을 준 clone3()가 PID 1000인 자식을 만든다. 그다음 같은 프로세스가 평범한 fork()를 부른다. 그 자식은 어떤 PID를 받을까?",
    },
    choices: &[
        choice(
            "after-chosen",
            "1001: the counter moved to the chosen PID",
            "1001: 카운터가 고른 PID로 옮겨 갔다",
        ),
        choice(
            "after-counter",
            "The next after the counter, as if 1000 had not been made",
            "1000이 만들어진 적 없다는 듯이 카운터의 다음 번호",
        ),
        choice(
            "fails",
            "None: fork() fails once a PID has been chosen in the namespace",
            "받지 못한다: namespace에서 PID를 한 번 고르면 fork()가 실패한다",
        ),
    ],
    why: Tr {
        en: "clone3() with set_tid takes exactly the number asked for and leaves the namespace's counter, ns_last_pid, where it was; only an ordinary fork advances it. A taken number gives EEXIST, and asking needs CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE over the namespace.",
        ko: "set_tid를 준 clone3()는 요청한 번호를 그대로 쓰고 namespace의 카운터 ns_last_pid는 그대로 둔다. 카운터를 앞으로 보내는 것은 평범한 fork뿐이다. 쓰이는 번호는 EEXIST이고, 요청하려면 그 namespace에 대한 CAP_SYS_ADMIN이나 CAP_CHECKPOINT_RESTORE가 필요하다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "ns_last_pid was {before}; clone3() made PID {got}, ns_last_pid was then {after}, and the next fork() returned {next}",
    ko: "ns_last_pid는 {before}. clone3()가 PID {got}을 만든 뒤 ns_last_pid는 {after}, 다음 fork()의 반환값은 {next}",
};

/// Where the ordinary fork after the chosen PID landed.
fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::SetTid(f) = facts else {
        return None;
    };
    let f = &f.facts;
    if f.got <= 0 {
        return None;
    }
    let right = match f.next_fork.parse::<i64>() {
        Ok(next) if next == i64::from(f.got) + 1 => "after-chosen",
        Ok(next) if next == f.ns_last_pid_before + 1 => "after-counter",
        Ok(_) => return None,
        Err(_) => "fails",
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE)
            .with("before", Some(f.ns_last_pid_before))
            .with("got", Some(f.got))
            .with("after", Some(f.ns_last_pid_after))
            .with("next", Some(&f.next_fork)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(before: i64, got: i32, next: &str) -> Facts {
        let mut facts = SetTidFacts::default();
        facts.facts.ns_last_pid_before = before;
        facts.facts.ns_last_pid_after = before;
        facts.facts.got = got;
        facts.facts.next_fork = next.into();
        Facts::SetTid(facts)
    }

    #[test]
    fn judged_from_the_next_fork() {
        super::super::predict::check_judge(
            Step::SetTid,
            &[
                (facts(2, 1000, "3"), Some("after-counter")),
                (facts(2, 1000, "1001"), Some("after-chosen")),
                (facts(2, 1000, "-1 (EAGAIN)"), Some("fails")),
                (facts(2, 1000, "77"), None),
                (facts(2, -1, "3"), None),
            ],
        );
    }
}
