//! What each step observes, as types: one struct per step, one `Facts` variant per step.
//! Serialized, a step's facts are the JSON object `walk --json` prints and recordings keep
//! (`{"step": "clone", "facts": {"flags": [...], ...}}`), and the lesson's `live:`
//! sentences name their fields (`{child_getpid}`). Field order is the printed order.
//!
//! Adding a step: a struct here and a variant in `Facts` named like its `Step`.

use super::chapter2::{
    ForkNeededFacts, InitDeathFacts, JoiningFacts, NestingFacts, SignalsFromOutsideFacts,
};
use crate::lesson::Step;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The facts of one step; the variant says which step (it is the `"step"` of the JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", content = "facts", rename_all = "kebab-case")]
pub enum Facts {
    Namespaces(NamespacesFacts),
    #[serde(rename = "pid-1")]
    Pid1(Pid1Facts),
    PidNamespace(PidNamespaceFacts),
    Clone(CloneFacts),
    Hostname(HostnameFacts),
    KillParent(KillParentFacts),
    ProcLeak(ProcLeakFacts),
    RemountProc(RemountProcFacts),
    OrphanReaping(OrphanReapingFacts),
    InitSignals(InitSignalsFacts),
    // The second chapter: the experiments' facts (see `super::chapter2`).
    ForkNeeded(ForkNeededFacts),
    Nesting(NestingFacts),
    Joining(JoiningFacts),
    InitDeath(InitDeathFacts),
    SignalsFromOutside(SignalsFromOutsideFacts),
    Summary(SummaryFacts),
}

impl Facts {
    /// The step these facts are of.
    pub fn step(&self) -> Step {
        match self {
            Facts::Namespaces(_) => Step::Namespaces,
            Facts::Pid1(_) => Step::Pid1,
            Facts::PidNamespace(_) => Step::PidNamespace,
            Facts::Clone(_) => Step::Clone,
            Facts::Hostname(_) => Step::Hostname,
            Facts::KillParent(_) => Step::KillParent,
            Facts::ProcLeak(_) => Step::ProcLeak,
            Facts::RemountProc(_) => Step::RemountProc,
            Facts::OrphanReaping(_) => Step::OrphanReaping,
            Facts::InitSignals(_) => Step::InitSignals,
            Facts::ForkNeeded(_) => Step::ForkNeeded,
            Facts::Nesting(_) => Step::Nesting,
            Facts::Joining(_) => Step::Joining,
            Facts::InitDeath(_) => Step::InitDeath,
            Facts::SignalsFromOutside(_) => Step::SignalsFromOutside,
            Facts::Summary(_) => Step::Summary,
        }
    }

    /// The facts `step` observes, every one at its zero value (for tests, and a start).
    pub fn empty(step: Step) -> Facts {
        match step {
            Step::Namespaces => Facts::Namespaces(Default::default()),
            Step::Pid1 => Facts::Pid1(Default::default()),
            Step::PidNamespace => Facts::PidNamespace(Default::default()),
            Step::Clone => Facts::Clone(Default::default()),
            Step::Hostname => Facts::Hostname(Default::default()),
            Step::KillParent => Facts::KillParent(Default::default()),
            Step::ProcLeak => Facts::ProcLeak(Default::default()),
            Step::RemountProc => Facts::RemountProc(Default::default()),
            Step::OrphanReaping => Facts::OrphanReaping(Default::default()),
            Step::InitSignals => Facts::InitSignals(Default::default()),
            Step::ForkNeeded => Facts::ForkNeeded(Default::default()),
            Step::Nesting => Facts::Nesting(Default::default()),
            Step::Joining => Facts::Joining(Default::default()),
            Step::InitDeath => Facts::InitDeath(Default::default()),
            Step::SignalsFromOutside => Facts::SignalsFromOutside(Default::default()),
            Step::Summary => Facts::Summary(Default::default()),
        }
    }

    /// The facts as the JSON object the lesson's `live:` sentences are filled from, by
    /// field name.
    pub fn to_json(&self) -> Map<String, Value> {
        match serde_json::to_value(self) {
            Ok(Value::Object(mut tagged)) => match tagged.remove("facts") {
                Some(Value::Object(facts)) => facts,
                _ => Map::new(),
            },
            _ => Map::new(),
        }
    }
}

/// A process named in a fact: `{"pid": 5578, "name": "bash"}`, said "bash 5578".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPid {
    pub pid: i32,
    pub name: String,
}

/// namespaces: the kinds of namespace this kernel has, and the tutor's PID namespace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamespacesFacts {
    pub kind_count: usize,
    /// The kinds among the links in /proc/self/ns, sorted.
    pub kinds: Vec<String>,
    /// The other links (`pid_for_children`, `time_for_children`): the namespaces the
    /// tutor's next children get. `None` on a kernel that has none.
    pub for_children_links: Option<Vec<String>>,
    pub pid_ns_inode: Option<u64>,
}

/// pid-1: who PID 1 of the tutor's /proc is, and the tutor's ancestors as far as it shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pid1Facts {
    pub init_name: Option<String>,
    pub self_chain: Vec<NamedPid>,
}

/// pid-namespace: the tutor's PIDs in its NSpid line, from the PID namespace of the /proc
/// read (not necessarily the outermost) down to its own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PidNamespaceFacts {
    /// The levels visible through this /proc.
    pub ns_depth: usize,
    pub self_nspid: Vec<i64>,
}

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

/// hostname: the UTS namespace's hostname, and the host's (unchanged).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostnameFacts {
    pub ns_hostname: String,
    pub host_hostname: String,
}

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

/// remount-proc: the agent's own /proc, and the host's mounts untouched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemountProcFacts {
    pub proc_self: Option<i32>,
    pub ns_view_pids: Vec<i32>,
    pub host_mounts_unchanged: bool,
}

/// orphan-reaping: the chain demo-a → demo-b → demo-c, demo-b killed, demo-c adopted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrphanReapingFacts {
    /// PIDs inside, parent first.
    pub chain: Vec<i32>,
    pub killed: i32,
    /// demo-c's PID inside.
    pub orphan: i32,
    pub orphan_ppid_before: i32,
    pub orphan_ppid_after: i32,
    pub orphan_host_ppid_after: Option<i32>,
    pub agent_host_pid: i32,
}

/// init-signals: PID 1 ignores SIGKILL from inside; from the host it ends everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitSignalsFacts {
    /// kill()'s return as C shows it: `0`, or `-1 (EPERM)`.
    pub inside_sigkill_to_1_result: String,
    pub agent_alive_after: bool,
    pub members_before_init_killed: usize,
    pub members_left_after_init_killed: usize,
}

/// summary: processes found, by a scan of /proc after the last teardown, in any PID
/// namespace the session made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryFacts {
    pub lab_processes_left: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_as_step_and_facts() {
        let facts = Facts::Pid1(Pid1Facts {
            init_name: Some("init".into()),
            self_chain: vec![NamedPid {
                pid: 1,
                name: "init".into(),
            }],
        });
        let json = serde_json::to_string(&facts).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"step":"pid-1","facts":{"init_name":"init","self_chain":[{"pid":1,"name":"init"}]}}"#
        );
        assert_eq!(
            serde_json::from_str::<Facts>(&json).ok(),
            Some(facts.clone())
        );
        assert_eq!(facts.step(), Step::Pid1);
        assert_eq!(facts.to_json()["init_name"], "init");
    }

    #[test]
    fn every_step_has_its_facts_tagged_with_its_id() {
        for step in Step::all() {
            let facts = Facts::empty(step);
            assert_eq!(facts.step(), step);
            let json = serde_json::to_value(&facts).unwrap_or_default();
            assert_eq!(json["step"], step.id());
            assert!(json["facts"].is_object(), "{step}: {json}");
        }
    }
}
