//! Reads done once per process, not once per process on the host: they go through
//! procfs's `Process`, which opens the process's directory and reads from there.

use super::read::{Reader, Who};
use procfs::process::{MountInfo, Process};
use std::collections::{BTreeMap, HashMap};

impl Reader {
    fn process(&self, who: Who) -> Option<Process> {
        Process::new_with_root(self.root.join(who.to_string())).ok()
    }

    /// Children of every thread of WHO, from WHO/task/TID/children (needs
    /// CONFIG_PROC_CHILDREN). Sorted, without duplicates.
    pub fn children(&mut self, who: impl Into<Who>) -> Vec<i32> {
        let Some(tasks) = self.process(who.into()).and_then(|p| p.tasks().ok()) else {
            return Vec::new();
        };
        let mut out: Vec<i32> = tasks
            .flatten()
            .filter_map(|task| task.children().ok())
            .flatten()
            .filter_map(|pid| i32::try_from(pid).ok())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The links in WHO/ns, by name ("cgroup", ..., "pid", "pid_for_children", ...), each
    /// with the (device, inode) of the namespace it refers to: namespaces(7) says two
    /// processes share a namespace when both are equal. Empty if unreadable.
    pub fn namespaces(&mut self, who: impl Into<Who>) -> BTreeMap<String, (u64, u64)> {
        let Some(namespaces) = self.process(who.into()).and_then(|p| p.namespaces().ok()) else {
            return BTreeMap::new();
        };
        namespaces
            .0
            .into_iter()
            .filter_map(|(name, ns)| {
                Some((name.into_string().ok()?, (ns.device_id, ns.identifier)))
            })
            .collect()
    }

    /// WHO's mount table, one line per mount in the kernel's order, with the fields that
    /// mountinfo shows (options sorted): equal tables mean
    /// nothing was mounted, unmounted or moved. Empty if unreadable.
    pub fn mount_table(&mut self, who: impl Into<Who>) -> Vec<String> {
        self.process(who.into())
            .and_then(|p| p.mountinfo().ok())
            .map(|mounts| mounts.0.iter().map(mount_line).collect())
            .unwrap_or_default()
    }
}

fn mount_line(m: &MountInfo) -> String {
    format!(
        "{} {} {} {} {} {} {:?} - {} {} {}",
        m.mnt_id,
        m.pid,
        m.majmin,
        m.root,
        m.mount_point.display(),
        sorted(&m.mount_options),
        // Propagation (shared:N, master:N): a lab that made the host's mounts private
        // instead of its own would show here.
        m.opt_fields,
        m.fs_type,
        m.mount_source.as_deref().unwrap_or("none"),
        sorted(&m.super_options),
    )
}

/// Mount options as mountinfo writes them, sorted (procfs keeps them in a HashMap).
fn sorted(options: &HashMap<String, Option<String>>) -> String {
    let mut options: Vec<String> = options
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{k}={v}"),
            None => k.clone(),
        })
        .collect();
    options.sort();
    options.join(",")
}
