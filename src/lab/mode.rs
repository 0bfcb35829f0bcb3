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

/// Kernel switches that can forbid unprivileged user namespaces, with what each says now.
/// Each entry: (file, value, whether this value forbids them).
pub fn userns_switches() -> Vec<(&'static str, String, bool)> {
    let mut found = Vec::new();
    // Each switch, and the value of it that forbids them.
    let checks = [
        ("/proc/sys/user/max_user_namespaces", "0"),
        ("/proc/sys/kernel/unprivileged_userns_clone", "0"),
        (
            "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
            "1",
        ),
    ];
    for (path, forbidding) in checks {
        if let Ok(text) = std::fs::read_to_string(path) {
            let value = text.trim().to_string();
            let bad = value == forbidding;
            found.push((path, value, bad));
        }
    }
    found
}
