//! What changed in the lab between two moments of the trees (before and after a step's
//! action, or before and after the kill at orphan-reaping): who is new, who is gone, who
//! has a new parent, and how many processes the namespace's /proc lists. The trees mark
//! each change with a symbol and a word, so it is seen without colour.
//!
//! Only the lab's processes count (the agent, its descendants, and anything else in the
//! lab's PID namespace): the rest of the host comes and goes all the time and is not the
//! lesson. Processes are known by their host PID, the one number both trees can map to.

use super::Views;
use crate::procs::{Proc, display_name, pid_label};
use std::collections::{HashMap, HashSet};

/// A parent, in the host's numbers and in the lab's (0: outside the lab).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parent {
    pub host: i32,
    pub inside: i32,
}

/// How a process that is still there changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// It was not there before.
    New,
    /// Its parent changed (an orphan adopted by PID 1).
    Moved { from: Parent, to: Parent },
}

/// A process that was there before and is not any more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gone {
    pub host_pid: i32,
    /// Its PID in the lab's namespace.
    pub inside: Option<i32>,
    pub name: String,
    /// Its label in the host's tree (`demo-b`'s `5835(3)`).
    pub label: String,
}

/// Every change between two moments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// By host PID.
    pub marks: HashMap<i32, Mark>,
    pub gone: Vec<Gone>,
    /// How many processes the namespace's /proc listed, before and after, when that
    /// changed (remount-proc: the host's 82, then 1).
    pub ns_count: Option<(usize, usize)>,
    /// Whether that /proc was the host's before (the leak, until remount-proc).
    pub ns_was_host: bool,
}

impl Changes {
    /// The changes from `old` to `new`.
    pub fn between(old: &Views, new: &Views) -> Changes {
        let before = members(old);
        let after = members(new);
        let mut changes = Changes::default();
        for (&pid, now) in &after {
            match before.get(&pid) {
                None => {
                    changes.marks.insert(pid, Mark::New);
                }
                Some(was) if was.ppid != now.ppid => {
                    let from = parent(&before, was);
                    let to = parent(&after, now);
                    changes.marks.insert(pid, Mark::Moved { from, to });
                }
                Some(_) => {}
            }
        }
        let mut gone: Vec<Gone> = before
            .iter()
            .filter(|(pid, _)| !after.contains_key(pid))
            .map(|(&pid, p)| Gone {
                host_pid: pid,
                inside: p.nspid.get(1).copied(),
                name: display_name(&p.name),
                label: pid_label(p),
            })
            .collect();
        gone.sort_by_key(|g| g.host_pid);
        changes.gone = gone;
        if let (Some(was), Some(now)) = (&old.ns, &new.ns)
            && was.total != now.total
        {
            changes.ns_count = Some((was.total, now.total));
            changes.ns_was_host = old.agent.is_some_and(|a| a != 1 && was.get(a).is_some());
        }
        changes
    }

    pub fn mark(&self, host_pid: i32) -> Option<Mark> {
        self.marks.get(&host_pid).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty() && self.gone.is_empty() && self.ns_count.is_none()
    }

    /// Host PIDs whose row changed (new or moved).
    pub fn changed(&self) -> impl Iterator<Item = i32> + '_ {
        self.marks.keys().copied()
    }
}

/// The lab's processes in the host's tree, by host PID: the agent and its descendants,
/// and whoever else is in the lab's PID namespace (a process joined to it from outside).
pub fn members(views: &Views) -> HashMap<i32, &Proc> {
    let (Some(host), Some(agent)) = (&views.host, views.agent) else {
        return HashMap::new();
    };
    let mut inside: HashSet<i32> = HashSet::from([agent]);
    // Parents before children is not guaranteed (PIDs wrap): repeat until nothing joins.
    loop {
        let before = inside.len();
        for p in &host.procs {
            if inside.contains(&p.ppid) || (views.lab_ns.is_some() && p.pidns == views.lab_ns) {
                inside.insert(p.pid);
            }
        }
        if inside.len() == before {
            break;
        }
    }
    host.procs
        .iter()
        .filter(|p| inside.contains(&p.pid))
        .map(|p| (p.pid, p))
        .collect()
}

/// `p`'s parent in both numberings, `members` being the lab's processes at that moment.
fn parent(members: &HashMap<i32, &Proc>, p: &Proc) -> Parent {
    let inside = members
        .get(&p.ppid)
        .and_then(|q| q.nspid.get(1).copied())
        .unwrap_or(0);
    Parent {
        host: p.ppid,
        inside,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procs::Snapshot;

    fn proc(pid: i32, ppid: i32, name: &str, nspid: &[i32], pidns: u64) -> Proc {
        Proc {
            pid,
            ppid,
            name: name.into(),
            nspid: nspid.to_vec(),
            pidns: Some(pidns),
            zombie: false,
        }
    }

    fn views(procs: Vec<Proc>, agent: Option<i32>) -> Views {
        Views {
            host: Some(Snapshot {
                total: procs.len() + 50,
                procs,
            }),
            tutor: 100,
            agent,
            lab_ns: agent.map(|_| 77),
            ..Views::default()
        }
    }

    #[test]
    fn the_kill_at_orphan_reaping() {
        let tutor = proc(100, 1, "pidns-tutor", &[100], 1);
        let agent = proc(200, 100, "pidns-agent", &[200, 1], 77);
        let a = proc(201, 200, "demo-a", &[201, 2], 77);
        let b = proc(202, 201, "demo-b", &[202, 3], 77);
        let other = proc(300, 1, "cron", &[300], 1);
        let before = views(
            vec![
                tutor.clone(),
                agent.clone(),
                a.clone(),
                b,
                proc(203, 202, "demo-c", &[203, 4], 77),
            ],
            Some(200),
        );
        let after = views(
            vec![
                tutor,
                agent,
                a,
                proc(203, 200, "demo-c", &[203, 4], 77),
                other,
            ],
            Some(200),
        );
        let changes = Changes::between(&before, &after);
        assert_eq!(
            changes.mark(203),
            Some(Mark::Moved {
                from: Parent {
                    host: 202,
                    inside: 3
                },
                to: Parent {
                    host: 200,
                    inside: 1
                },
            })
        );
        assert_eq!(
            changes.marks.len(),
            1,
            "a new host process is not the lesson"
        );
        assert_eq!(
            changes.gone,
            [Gone {
                host_pid: 202,
                inside: Some(3),
                name: "demo-b".into(),
                label: "202(3)".into(),
            }]
        );
    }

    #[test]
    fn a_new_namespace_and_the_drop_of_its_proc() {
        let tutor = proc(100, 1, "pidns-tutor", &[100], 1);
        let agent = proc(200, 100, "pidns-agent", &[200, 1], 77);
        let none = views(vec![tutor.clone()], None);
        let mut cloned = views(vec![tutor.clone(), agent.clone()], Some(200));
        assert_eq!(
            Changes::between(&none, &cloned).mark(200),
            Some(Mark::New),
            "the clone's PID 1 is new"
        );
        let mut remounted = cloned.clone();
        cloned.ns = Some(Snapshot {
            procs: Vec::new(),
            total: 82,
        });
        remounted.ns = Some(Snapshot {
            procs: vec![proc(1, 0, "pidns-agent", &[1], 77)],
            total: 1,
        });
        cloned.ns = Some(Snapshot {
            procs: vec![agent.clone()],
            total: 82,
        });
        let changes = Changes::between(&cloned, &remounted);
        assert_eq!(changes.ns_count, Some((82, 1)));
        assert!(changes.ns_was_host, "the /proc before was the host's");
        assert!(changes.marks.is_empty() && changes.gone.is_empty());
        // The end of the namespace: everything in it is gone.
        let ended = views(vec![tutor], None);
        let gone: Vec<i32> = Changes::between(&cloned, &ended)
            .gone
            .iter()
            .map(|g| g.host_pid)
            .collect();
        assert_eq!(gone, [200]);
    }
}
