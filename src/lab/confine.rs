//! Where the agent may act: only as PID 1 of a PID namespace of its own, in a UTS
//! namespace that is not the tutor's. Checked when the agent starts and again before every
//! request it answers, so that `pidns-tutor __agent` run by hand, or a clone() that stopped
//! making namespaces, changes nothing: no kill(), no sethostname(), no mount.
//!
//! Why these facts prove it, from inside (see pid_namespaces(7)):
//! - `getpid() == 1`: we are the init of the PID namespace that our kill() reaches, so the
//!   lesson's "a process inside signals PID 1" signals us, never the machine's init.
//! - `getppid() == 0`: a parent is visible in every PID namespace its child can be in
//!   except a new one made below it; the kernel reports an invisible parent as 0. So our
//!   PID namespace is not the one we were started from. The only other process with
//!   PID 1 and no parent is the machine's own init, whose namespace has a fixed inode
//!   number (`PROC_PID_INIT_INO`), checked too.
//! - Our PID and UTS namespaces (the device and inode of `/proc/self/ns/{pid,uts}`, the
//!   kernel's names for namespaces) differ from our real parent's, and from the machine's
//!   initial ones. getpid() alone would not do: a process in the tutor's own UTS namespace
//!   could be PID 1 of a PID namespace made with `unshare -pf` and would rename the host
//!   (or a container's hostname, where the initial-namespace check cannot help).
//!   The parent's namespaces are asked of the kernel, not taken from our command line:
//!   when the agent starts, /proc is still the tutor's, where our own stat line names our
//!   parent (the PID 0 that getppid() says is only how it looks from inside), and its
//!   `/proc/PPID/ns` links say where it is. The ids the tutor passes on our command line
//!   are checked too, and can only add a refusal.

use std::ffi::OsStr;
use std::fmt;
use std::os::unix::fs::MetadataExt;

/// The inode of the machine's initial PID namespace (`PROC_PID_INIT_INO` in
/// include/linux/proc_ns.h): the kernel gives it this number on every boot.
const PROC_PID_INIT_INO: u64 = 0xEFFF_FFFC;
/// The inode of the machine's initial UTS namespace (`PROC_UTS_INIT_INO`).
const PROC_UTS_INIT_INO: u64 = 0xEFFF_FFFE;
/// The inode of the machine's initial user namespace (`PROC_USER_INIT_INO`).
const PROC_USER_INIT_INO: u64 = 0xEFFF_FFFD;

/// A namespace as the kernel names it: the device and inode of its `/proc/PID/ns` link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NsId {
    pub dev: u64,
    pub ino: u64,
}

impl NsId {
    /// The namespace a `/proc/.../ns/...` link names.
    fn of(link: &str) -> Result<NsId, String> {
        std::fs::metadata(link)
            .map(|m| NsId {
                dev: m.dev(),
                ino: m.ino(),
            })
            .map_err(|e| format!("cannot read {link}: {e}"))
    }

    /// Parses `DEV:INO`, as `Display` writes it.
    fn parse(text: &OsStr) -> Option<NsId> {
        let (dev, ino) = text.to_str()?.split_once(':')?;
        Some(NsId {
            dev: dev.parse().ok()?,
            ino: ino.parse().ok()?,
        })
    }
}

impl fmt::Display for NsId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.dev, self.ino)
    }
}

/// The tutor's own PID and UTS namespaces: where the agent must not act. The tutor passes
/// them on the agent's command line (`PID_NS UTS_NS`, each `DEV:INO`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outside {
    pub pid: NsId,
    pub uts: NsId,
}

impl Outside {
    /// The namespaces of the calling thread: a clone() from it starts from these.
    pub fn of_this_thread() -> Result<Outside, String> {
        Ok(Outside {
            pid: NsId::of("/proc/thread-self/ns/pid")?,
            uts: NsId::of("/proc/thread-self/ns/uts")?,
        })
    }

    /// The two command-line arguments that carry these namespaces to the agent.
    pub fn to_args(self) -> [String; 2] {
        [self.pid.to_string(), self.uts.to_string()]
    }

    /// The namespaces of our real parent, as the kernel tells them: its PID from our stat
    /// line in the /proc we were started with (the tutor's, before any remount), then
    /// its namespace links. `None` when the kernel will not show them to us (we are in a
    /// user namespace of our own, below the parent's).
    pub fn of_parent() -> Result<Option<Outside>, String> {
        let stat = std::fs::read("/proc/self/stat")
            .map_err(|e| format!("cannot read /proc/self/stat: {e}"))?;
        let close = stat.iter().rposition(|&b| b == b')').unwrap_or(0);
        let ppid = std::str::from_utf8(&stat[close.saturating_add(1)..])
            .ok()
            .and_then(|rest| rest.split_whitespace().nth(1)?.parse::<i32>().ok())
            .filter(|&ppid| ppid > 0)
            .ok_or("its parent cannot be seen in /proc, so its namespaces cannot be checked")?;
        let link = format!("/proc/{ppid}/ns/pid");
        if let Err(e) = std::fs::metadata(&link)
            && e.kind() == std::io::ErrorKind::PermissionDenied
        {
            return Ok(None);
        }
        Ok(Some(Outside {
            pid: NsId::of(&link)?,
            uts: NsId::of(&format!("/proc/{ppid}/ns/uts"))?,
        }))
    }

    /// Reads the two arguments `to_args` wrote.
    pub fn parse(pid: &OsStr, uts: &OsStr) -> Option<Outside> {
        Some(Outside {
            pid: NsId::parse(pid)?,
            uts: NsId::parse(uts)?,
        })
    }
}

/// Proof that the agent was confirmed to be where it may act, and the namespaces it was
/// confirmed in, for `guard` to check again.
#[derive(Debug)]
pub struct Confined {
    pid: NsId,
    uts: NsId,
}

/// Confirms that this process is PID 1 of a PID namespace of its own, in a UTS namespace
/// that is neither its parent's (the kernel's word), nor `claimed` (the command line's),
/// nor the machine's; otherwise says why not.
pub fn confirm(claimed: &Outside) -> Result<Confined, String> {
    let here = namespaces_of_pid_1()?;
    let parent = Outside::of_parent()?;
    if parent.is_none() {
        // In a user namespace of our own (userns mode), the kernel does not let us see
        // into the parent's namespaces: then our UTS namespace must belong to that user
        // namespace, so that no one outside it shares the hostname we set.
        uts_is_owned_by_our_user_namespace()?;
    }
    for outside in parent.iter().chain([claimed]) {
        if here.pid == outside.pid || here.pid.ino == PROC_PID_INIT_INO {
            return Err("it is in the PID namespace of the tutor or of the machine".into());
        }
        if here.uts == outside.uts || here.uts.ino == PROC_UTS_INIT_INO {
            return Err(
                "it is in the UTS namespace of its parent or of the machine: the hostname is not its own"
                    .into(),
            );
        }
    }
    Ok(here)
}

/// Whether our UTS namespace is owned by our own user namespace, and that one is not the
/// machine's: the kernel's answer (`NS_GET_USERNS`, see ioctl_ns(2)).
fn uts_is_owned_by_our_user_namespace() -> Result<(), String> {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    const NS_GET_USERNS: libc::c_ulong = 0xb701;
    let uts = std::fs::File::open("/proc/self/ns/uts")
        .map_err(|e| format!("cannot open /proc/self/ns/uts: {e}"))?;
    // SAFETY: NS_GET_USERNS takes no argument and returns a new descriptor or -1.
    let owner = unsafe { libc::ioctl(uts.as_raw_fd(), NS_GET_USERNS as _) };
    if owner < 0 {
        let e = std::io::Error::last_os_error();
        return Err(format!("cannot ask who owns its UTS namespace: {e}"));
    }
    // SAFETY: the kernel just gave us this descriptor.
    let owner = std::fs::File::from(unsafe { OwnedFd::from_raw_fd(owner) });
    let owner = owner.metadata().map_err(|e| e.to_string())?.ino();
    let ours = NsId::of("/proc/self/ns/user")?;
    if owner != ours.ino || ours.ino == PROC_USER_INIT_INO {
        return Err(
            "its UTS namespace is not one of its own user namespace: the hostname is not its own"
                .into(),
        );
    }
    Ok(())
}

impl Confined {
    /// Checks again, before acting on the kernel, that nothing has moved us: still PID 1
    /// with no visible parent, in the namespaces confirmed at the start.
    pub fn guard(&self) -> Result<(), String> {
        let now = namespaces_of_pid_1()?;
        if now.pid != self.pid || now.uts != self.uts {
            return Err("it is no longer in the namespaces it started in".into());
        }
        Ok(())
    }
}

/// Our PID and UTS namespaces, provided that we are PID 1 with a parent outside.
fn namespaces_of_pid_1() -> Result<Confined, String> {
    let pid = nix::unistd::getpid().as_raw();
    if pid != 1 {
        return Err(format!(
            "it is PID {pid}, not PID 1 of a PID namespace of its own"
        ));
    }
    let ppid = nix::unistd::getppid().as_raw();
    if ppid != 0 {
        return Err(format!(
            "its parent (PID {ppid}) is in its PID namespace, so that namespace is not a new one"
        ));
    }
    Ok(Confined {
        pid: NsId::of("/proc/self/ns/pid")?,
        uts: NsId::of("/proc/self/ns/uts")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_ids_round_trip_through_the_command_line() {
        let outside = Outside::of_this_thread().unwrap();
        let [pid, uts] = outside.to_args();
        assert_eq!(
            Outside::parse(OsStr::new(&pid), OsStr::new(&uts)),
            Some(outside)
        );
        for bad in ["", "1", "1:", ":2", "a:2", "1:2:3", "-1:2"] {
            assert_eq!(NsId::parse(OsStr::new(bad)), None, "{bad:?}");
        }
    }

    #[test]
    fn the_parent_is_found_through_proc() {
        // A test's parent (cargo, a shell) usually shares our namespaces; either way its
        // links are the kernel's answer. `None` only where the kernel refuses to show them
        // (a parent of another user, as under `setpriv` run by root).
        let ppid = nix::unistd::getppid().as_raw();
        let uts = std::fs::metadata(format!("/proc/{ppid}/ns/uts"));
        match Outside::of_parent().unwrap() {
            Some(parent) => assert_eq!(parent.uts.ino, uts.unwrap().ino()),
            None => assert_eq!(
                uts.unwrap_err().kind(),
                std::io::ErrorKind::PermissionDenied
            ),
        }
    }

    #[test]
    fn a_test_process_is_never_where_the_agent_may_act() {
        // The test runs in its parent's namespaces (not as PID 1 with no parent).
        let outside = Outside::of_this_thread().unwrap();
        let why = confirm(&outside).unwrap_err();
        assert!(why.contains("not PID 1") || why.contains("parent"), "{why}");
    }
}
