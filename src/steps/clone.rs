//! clone: the lab's namespace is made. What the clone call did, read back from the
//! kernel, and the new PID 1 as the tutor and as itself sees it.

use super::{Acted, Facts, Reveals, StepDef};
use crate::lesson::Step;
use crate::i18n::Tr;
use crate::quiz::text::{QuestionText, choice};
use crate::i18n::Phrase;
use crate::quiz::Ruling;
use crate::session::{Session, Stage, host};
use anyhow::Result;
use serde::{Deserialize, Serialize};

pub const DEF: StepDef = StepDef {
    step: Step::Clone,
    before: Stage::NoLab,
    after: Stage::Fresh,
    act,
    prediction: Some(&PREDICTION),
    judge,
    task: None,
    experiment: None,
    reveals: Reveals::NOTHING,
};

/// clone: what the clone call did, read back from the kernel, and the new PID 1 as the
/// tutor and as itself sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloneFacts {
    /// The kinds whose /proc/PID/ns links (device and inode) differ from the tutor's.
    pub new_kinds: Vec<String>,
    /// The child's exit signal (field 38 of /proc/PID/stat), e.g. `SIGCHLD`.
    pub exit_signal: Option<String>,
    /// The `CLONE_NEW*` flags that `new_kinds` imply.
    pub flags: Vec<String>,
    pub parent_pid: i32,
    pub child_host_pid: i32,
    pub child_getpid: i32,
    pub child_getppid: i32,
    pub child_pid_ns_inode: u64,
    pub parent_pid_ns_inode: Option<u64>,
}

fn act(session: &mut Session) -> Result<Acted> {
    session.spawn()?;
    let lab = session.lab_or_err()?;
    let identity = lab.identity()?;
    // The flags as the kernel shows their effect, not as the code says it asked: the
    // kinds whose links differ from ours, and the signal the child ends with.
    let agent = lab.agent_pid();
    let new_kinds = host::kinds_not_shared(&agent.to_string(), "self");
    let facts = CloneFacts {
        flags: new_kinds.iter().filter_map(|k| clone_flag(k)).collect(),
        new_kinds,
        exit_signal: host::exit_signal(agent).map(signal_name),
        parent_pid: std::process::id() as i32,
        child_host_pid: lab.agent_pid(),
        child_getpid: identity.pid,
        child_getppid: identity.ppid,
        child_pid_ns_inode: identity.pid_ns_inode,
        parent_pid_ns_inode: host::pid_ns_inode("self"),
    };
    Ok((Facts::Clone(facts), None))
}

/// The clone() flag that gives a child a namespace of this kind.
fn clone_flag(kind: &str) -> Option<String> {
    let flag = match kind {
        "cgroup" => "CLONE_NEWCGROUP",
        "ipc" => "CLONE_NEWIPC",
        "mnt" => "CLONE_NEWNS",
        "net" => "CLONE_NEWNET",
        "pid" => "CLONE_NEWPID",
        "time" => "CLONE_NEWTIME",
        "user" => "CLONE_NEWUSER",
        "uts" => "CLONE_NEWUTS",
        _ => return None,
    };
    Some(flag.to_string())
}

/// `SIGCHLD` for 17, or the number itself for a signal nix does not name.
fn signal_name(number: i32) -> String {
    nix::sys::signal::Signal::try_from(number)
        .map_or(number.to_string(), |s| s.as_str().to_string())
}

const PREDICTION: QuestionText = QuestionText {
    id: "clone",
    prompt: Tr {
        en: "The child of clone(CLONE_NEWPID) asks the kernel who it is. What do getpid() and getppid() return inside it?",
        ko: "clone(CLONE_NEWPID)로 만든 자식이 커널에 자기가 누구인지 묻는다. 그 안에서 getpid()와 getppid()는 무엇을 반환할까?",
    },
    choices: &[
        choice(
            "host-pids",
            "An ordinary large PID, and the tutor's PID ({tutor_pid})",
            "평범한 큰 PID, 그리고 튜터의 PID({tutor_pid})",
        ),
        choice(
            "one-and-tutor",
            "1, and the tutor's PID ({tutor_pid})",
            "1, 그리고 튜터의 PID({tutor_pid})",
        ),
        choice("one-and-zero", "1 and 0", "1과 0"),
        choice(
            "one-and-one",
            "1 and 1: it is its own parent",
            "1과 1: 자기 자신이 부모",
        ),
    ],
    why: Tr {
        en: "The child is the first process of the new namespace, so it is PID 1 there. Its parent lives outside, where the namespace has no number for it: getppid() says 0.",
        ko: "자식은 새 namespace의 첫 프로세스라서 그 안에서 PID 1이다. 부모는 바깥에 있어서 namespace 안에는 부모를 가리킬 번호가 없다. 그래서 getppid()는 0이다.",
    },
};

/// What the run showed, next to the verdict.
const LIVE: Tr = Tr {
    en: "getpid() = {pid}, getppid() = {ppid}",
    ko: "getpid() = {pid}, getppid() = {ppid}",
};

fn judge(facts: &Facts) -> Option<Ruling> {
    let Facts::Clone(f) = facts else { return None };
    let (pid, ppid) = (f.child_getpid, f.child_getppid);
    let right = match (pid, ppid) {
        (1, 0) => "one-and-zero",
        (1, 1) => "one-and-one",
        (1, p) if p == f.parent_pid => "one-and-tutor",
        (g, p) if g == f.child_host_pid && p == f.parent_pid => "host-pids",
        _ => return None,
    };
    Some(Ruling {
        right,
        live: Phrase::new(LIVE).with("pid", Some(pid)).with("ppid", Some(ppid)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(child_getpid: i32, child_getppid: i32) -> Facts {
        Facts::Clone(CloneFacts {
            parent_pid: 900,
            child_host_pid: 901,
            child_getpid,
            child_getppid,
            ..CloneFacts::default()
        })
    }

    #[test]
    fn judged_from_the_childs_own_numbers() {
        super::super::predict::check_judge(
            Step::Clone,
            &[
                (facts(1, 0), Some("one-and-zero")),
                (facts(1, 900), Some("one-and-tutor")),
                (facts(901, 900), Some("host-pids")),
                (facts(1, 1), Some("one-and-one")),
                (facts(7, 3), None),
            ],
        );
    }
}
