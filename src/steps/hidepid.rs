//! hidepid: a proc mounted with `hidepid=invisible` shows an unprivileged reader only its
//! own processes (root still sees all); `subset=pid` leaves only the processes.

use super::sandboxed::{self, Sandboxed};
use super::{Acted, Facts, Reveals, StepDef};
use crate::i18n::{Phrase, Tr};
use crate::lab::experiments::hidepid::{self, Hidepid};
use crate::lesson::Step;
use crate::quiz::Ruling;
use crate::quiz::text::{QuestionText, choice};
use crate::session::{Session, Stage};
use anyhow::Result;

pub const DEF: StepDef = StepDef {
    step: Step::Hidepid,
    before: Stage::NoLab,
    after: Stage::NoLab,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: None,
    experiment: Some(hidepid::EXPERIMENT),
    reveals: Reveals::LEAK_SHOWN,
};

pub type HidepidFacts = Sandboxed<Hidepid>;

fn act(session: &mut Session) -> Result<Acted> {
    sandboxed::act(session, Step::Hidepid, Facts::Hidepid)
}

const PREDICTION: QuestionText = QuestionText {
    id: "hidepid",
    prompt: Tr {
        en: "Inside the lab, proc is mounted with hidepid=invisible, and an unprivileged user runs ls /proc. What does it list?",
        ko: "실습 환경 안에 proc을 hidepid=invisible로 마운트하고, 권한 없는 사용자가 ls /proc을 실행한다. 무엇이 나열될까?",
    },
    choices: &[
        choice(
            "all-locked",
            "Every process, but opening another user's gives EPERM",
            "모든 프로세스. 다만 다른 사용자의 것을 열면 EPERM이 난다",
        ),
        choice(
            "own",
            "Only its own processes; the others are not there at all (ENOENT)",
            "자기 프로세스만. 나머지는 아예 없다(ENOENT)",
        ),
        choice(
            "all",
            "Every process, as usual: hidepid only affects root",
            "평소처럼 모든 프로세스: hidepid는 root에게만 영향을 준다",
        ),
    ],
    why: Tr {
        en: "With hidepid=invisible a reader sees only the processes it could ptrace: its own, with no more privileges than it. The others are simply not in the directory, so even their PIDs stay hidden; root sees them all. hidepid=noaccess is the one that lists them but refuses to open them. The group named by gid= (by default the machine's group 0) sees everything.",
        ko: "hidepid=invisible에서는 읽는 쪽이 ptrace할 수 있는 프로세스, 곧 자기 것이면서 자기보다 권한이 많지 않은 프로세스만 보인다. 나머지는 디렉터리에 아예 없어서 PID조차 드러나지 않는다. root에게는 모두 보인다. 목록에는 보여 주되 열지 못하게 하는 것은 hidepid=noaccess다. gid=로 지정한 그룹(기본값은 컴퓨터의 그룹 0)에게는 모두 보인다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "root listed {root} processes, the unprivileged reader {reader}; /proc/1/status gave it {opens}",
    ko: "root는 프로세스 {root}개, 권한 없는 reader는 {reader}개를 나열했다. reader가 /proc/1/status를 열자 {opens}",
};

/// What the unprivileged reader listed next to root, and what opening PID 1 gave it.
fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::Hidepid(f) = facts else {
        return None;
    };
    let f = &f.facts;
    let (root, reader) = (f.root_sees.len(), f.reader_sees.len());
    if root == 0 || reader == 0 {
        return None;
    }
    let right = match (reader < root, f.reader_opens_pid_1.as_str()) {
        (true, _) => "own",
        (false, "0") => "all",
        (false, _) => "all-locked",
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE)
            .with("root", Some(root))
            .with("reader", Some(reader))
            .with("opens", Some(&f.reader_opens_pid_1)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::experiments::nesting::ListedProc;

    fn seen(n: usize) -> Vec<ListedProc> {
        (1..=n)
            .map(|pid| ListedProc {
                name: "p".into(),
                pid: pid as i32,
            })
            .collect()
    }

    fn facts(root: usize, reader: usize, opens: &str) -> Facts {
        let mut facts = HidepidFacts::default();
        facts.facts.root_sees = seen(root);
        facts.facts.reader_sees = seen(reader);
        facts.facts.reader_opens_pid_1 = opens.into();
        Facts::Hidepid(facts)
    }

    #[test]
    fn judged_from_what_the_reader_listed() {
        super::super::predict::check_judge(
            Step::Hidepid,
            &[
                (facts(3, 2, "ENOENT"), Some("own")),
                (facts(3, 5, "0"), Some("all")),
                (facts(3, 5, "EACCES"), Some("all-locked")),
                (facts(0, 0, ""), None),
            ],
        );
    }
}
