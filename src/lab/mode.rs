//! How the lab gets the right to make a PID namespace: as root, as in the post, or as an
//! ordinary user inside a new user namespace.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The way the lab's namespace is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// `CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC`, as the post does; needs root.
    Root,
    /// The same plus `CLONE_NEWUSER`, for a user without root: uid 0 inside is the caller.
    Userns,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Root => "root",
            Mode::Userns => "userns",
        }
    }

    /// The mode to try first on this machine: root when we are root, else userns.
    pub fn preferred() -> Mode {
        if nix::unistd::geteuid().is_root() {
            Mode::Root
        } else {
            Mode::Userns
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A kernel switch that can forbid unprivileged user namespaces, as it is set now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Switch {
    /// Its name under /proc/sys, as sysctl spells it: `user.max_user_namespaces`.
    pub name: &'static str,
    pub value: String,
    /// Whether this value forbids them.
    pub forbids: bool,
}

/// Ubuntu's switch (23.10 and later): unprivileged user namespaces only for programs
/// whose AppArmor profile allows them (`userns,`).
pub const APPARMOR_RESTRICT: &str = "kernel.apparmor_restrict_unprivileged_userns";

/// The switches this kernel has, read from /proc/sys.
pub fn userns_switches() -> Vec<Switch> {
    userns_switches_in(std::path::Path::new("/proc/sys"))
}

/// The switches under `proc_sys` (a stand-in for /proc/sys in tests: the host's cannot
/// be set to each value).
pub fn userns_switches_in(proc_sys: &std::path::Path) -> Vec<Switch> {
    // Each switch, and the value of it that forbids them.
    let checks = [
        ("user.max_user_namespaces", "0"),
        ("kernel.unprivileged_userns_clone", "0"),
        (APPARMOR_RESTRICT, "1"),
    ];
    checks
        .into_iter()
        .filter_map(|(name, forbidding)| {
            let text = std::fs::read_to_string(proc_sys.join(name.replace('.', "/"))).ok()?;
            let value = text.trim().to_string();
            Some(Switch {
                name,
                forbids: value == forbidding,
                value,
            })
        })
        .collect()
}
