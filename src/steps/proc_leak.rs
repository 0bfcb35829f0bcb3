//! proc-leak: inside, getpid() says 1, yet /proc/self says otherwise: the /proc the agent
//! reads was mounted by the host, so it speaks in host PIDs.

use super::{Acted, Facts, Reveals, StepDef, When};
use crate::lesson::Step;
use crate::procs::Snapshot;
use crate::i18n::Tr;
use crate::quiz::text::{QuestionText, choice};
use crate::i18n::Phrase;
use crate::quiz::Ruling;
use crate::session::{Session, Stage};
use crate::tasks::Task;
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::ProcLeak,
    before: Stage::Fresh,
    after: Stage::Fresh,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: Some(Task::ProcLeak),
    experiment: None,
    // Until it has run, the namespace's pane shows its members by their own numbers: its
    // /proc would give the leak away before the question is answered.
    reveals: Reveals {
        leak: When::AfterRun,
        ..Reveals::NOTHING
    },
};

/// proc-leak: the agent's own PID against what the host's /proc tells it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcLeakFacts {
    pub getpid: i32,
    pub proc_self: Option<i32>,
    pub agent_host_pid: i32,
    pub ns_view_count: usize,
    pub host_view_count: usize,
    pub ns_view_pid1_name: Option<String>,
}

fn act(session: &mut Session) -> Result<Acted> {
    let me = std::process::id() as i32;
    let lab = session.lab_or_err()?;
    let identity = lab.identity()?;
    let ns_view = lab.snapshot(false)?;
    let host_view = Snapshot::read_focused(std::path::Path::new("/proc"), &[me]);
    let facts = ProcLeakFacts {
        getpid: identity.pid,
        proc_self: identity.proc_self,
        agent_host_pid: lab.agent_pid(),
        ns_view_count: ns_view.total,
        host_view_count: host_view.total,
        ns_view_pid1_name: ns_view.get(1).map(|p| p.name.clone()),
    };
    Ok((Facts::ProcLeak(facts), None))
}

const PREDICTION: QuestionText = QuestionText {
    id: "proc-leak",
    prompt: Tr {
        en: "Before any remount: roughly how many processes will /proc list inside the namespace (what `ps -e` shows, if it runs at all)?",
        ko: "다시 마운트하기 전, namespace 안의 /proc에는 대략 몇 개의 프로세스가 보일까(`ps -e`가 돌아간다면 보여 줄 목록)?",
    },
    choices: &[
        choice(
            "own",
            "Only the namespace's own: 1, its PID 1",
            "namespace 자신의 것만: PID 1 하나",
        ),
        choice(
            "host",
            "All of them: as many as the tutor sees outside the lab (now about {host_count})",
            "전부: 실습 환경 바깥의 튜터가 보는 만큼(지금 약 {host_count}개)",
        ),
        choice(
            "none",
            "None: /proc is empty inside",
            "없음: 안에서는 /proc이 비어 있다",
        ),
    ],
    why: Tr {
        en: "ps reads /proc, and this /proc was mounted by the host: it speaks for the host's PID namespace, whoever reads it.",
        ko: "ps는 /proc을 읽는데, 이 /proc은 호스트가 마운트한 것이다. 누가 읽든 호스트의 PID namespace를 보여 준다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "{ns} processes seen inside, {host} seen by the tutor outside the lab",
    ko: "안에서 보인 프로세스 {ns}개, 실습 환경 바깥의 튜터에게는 {host}개",
};

fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::ProcLeak(f) = facts else {
        return None;
    };
    let (ns, host) = (f.ns_view_count, f.host_view_count);
    // Counted at the same moment: a leaking /proc shows (about) the host's count; the
    // namespace's own shows its few members, far fewer than the host outside it has.
    let right = if ns == 0 {
        "none"
    } else if ns * 2 > host {
        "host"
    } else {
        "own"
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE)
            .with("ns", Some(ns))
            .with("host", Some(host)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn facts(ns_view_count: usize, host_view_count: usize) -> Facts {
        Facts::ProcLeak(ProcLeakFacts {
            ns_view_count,
            host_view_count,
            ..ProcLeakFacts::default()
        })
    }

    #[test]
    fn judged_from_the_two_counts() {
        super::super::predict::check_judge(
            Step::ProcLeak,
            &[
                (facts(83, 84), Some("host")),
                (facts(1, 84), Some("own")),
                (facts(0, 84), Some("none")),
            ],
        );
    }

    #[test]
    fn the_live_value_is_worded_in_both_languages() {
        let verdict = judge(&facts(83, 84)).unwrap();
        assert_eq!(
            verdict.live.text(Lang::En),
            "83 processes seen inside, 84 seen by the tutor outside the lab"
        );
        assert_eq!(
            verdict.live.text(Lang::Ko),
            "안에서 보인 프로세스 83개, 실습 환경 바깥의 튜터에게는 84개"
        );
    }
}
