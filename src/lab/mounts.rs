//! The mounts the lab makes, for the agent, the learner's shell and the experiments alike:
//! always in a mount namespace of its own whose `/` was made recursively private first, so
//! that nothing mounted there propagates to the host (whose mounts systemd makes shared).

use nix::mount::{MsFlags, mount};
use nix::sched::{CloneFlags, unshare};

/// A new mount namespace for us, its `/` made recursively private at once.
pub fn private_mount_ns() -> Result<(), String> {
    unshare(CloneFlags::CLONE_NEWNS).map_err(|e| format!("unshare(CLONE_NEWNS): {e}"))?;
    make_root_private()
}

/// `/` recursively private in the mount namespace we are in (which must be our own).
pub fn make_root_private() -> Result<(), String> {
    mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )
    .map_err(|e| format!("make / private: {e}"))
}

/// A fresh proc for our PID namespace over /proc; call only after `/` was made private.
pub fn mount_fresh_proc() -> Result<(), String> {
    let flags = MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC;
    mount(Some("proc"), "/proc", Some("proc"), flags, None::<&str>)
        .map_err(|e| format!("mount proc: {e}"))
}

/// A new private mount namespace with a fresh /proc for our PID namespace in it.
pub fn own_proc() -> Result<(), String> {
    private_mount_ns()?;
    mount_fresh_proc()
}
