//! set-tid: a PID is a number a namespace gives, and a process with the right capability
//! may ask for a given one. `clone3()` with `set_tid` (Linux 5.5) makes a child whose
//! PID is N, in its namespace and, with a longer array, at each level above (what CRIU
//! does to restore a process with the PIDs it had). The asker needs CAP_SYS_ADMIN or
//! CAP_CHECKPOINT_RESTORE in the user namespace that owns each PID namespace (EPERM
//! without); a number in use gives EEXIST. The chosen PID does not move the namespace's
//! counter: `ns_last_pid` is what it was, and the next ordinary fork() goes on from there.
//! Independent check: the kernel's selftest clone3/clone3_set_tid.c (the chosen PIDs at
//! each level, EEXIST, EPERM without the capability).

use super::kernel::{self, Reports};
use super::sandbox::Sandbox;
use nix::errno::Errno;
use nix::unistd::{Pid, getpid};
use serde::{Deserialize, Serialize};

/// The PID the sandbox asks for in its own namespace.
pub const CHOSEN: i32 = 1000;
/// The PIDs a nested namespace's init asks for, its own first (a new namespace's first
/// process must be 1), then the sandbox's.
pub const NESTED: [i32; 2] = [1, 2000];
/// The PIDs its child asks for, inside the nested namespace first.
pub const DEEPER: [i32; 2] = [42, 2001];

/// What the kernel gave for each PID asked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTid {
    /// ns_last_pid of the sandbox's namespace before the clone3() that asked for
    /// `asked`, and after it (unchanged).
    pub ns_last_pid_before: i64,
    pub asked: i32,
    /// What clone3() returned, and what the child's getpid() said.
    pub got: i32,
    pub child_getpid: i32,
    pub ns_last_pid_after: i64,
    /// What an ordinary fork() returned next: ns_last_pid + 1, not `asked` + 1.
    pub next_fork: String,
    /// Asking for `asked` again, while its holder lives: `-1 (EEXIST)`.
    pub asked_again: String,
    /// clone3(CLONE_NEWPID) asking for `nested_asked` (the new namespace's first), and
    /// the child's NSpid in the sandbox's /proc (the sandbox's first).
    pub nested_asked: Vec<i32>,
    pub nested_nspid: Vec<i32>,
    /// The same for a child of that nested init asking for `deeper_asked`.
    pub deeper_asked: Vec<i32>,
    pub deeper_nspid: Vec<i32>,
    /// What clone3() asking for a PID returned to a process without capabilities:
    /// `-1 (EPERM)`.
    pub without_capability: String,
}

/// The experiment, as its step registers it.
pub const EXPERIMENT: super::Experiment = |sandbox| super::json(run(sandbox));

pub fn run(sandbox: &mut Sandbox) -> Result<SetTid, String> {
    let ns_last_pid_before = kernel::sysctl("kernel/ns_last_pid")?;
    let mut said = Reports::new()?;
    let chosen = spawn_with_pids("chosen", &[CHOSEN], false, || {
        said.send(&getpid().as_raw());
        kernel::hold()
    })
    .map_err(|e| format!("clone3(set_tid = [{CHOSEN}]): {e}"))?;
    let result = said.recv::<i32>().and_then(|child_getpid| {
        let ns_last_pid_after = kernel::sysctl("kernel/ns_last_pid")?;
        let next_fork = kernel::fork_returned(kernel::spawn("next", || 0));
        let asked_again = kernel::fork_returned(spawn_with_pids("again", &[CHOSEN], false, || 0));
        let (nested, deeper) = nested(sandbox, &mut said)?;
        Ok(SetTid {
            ns_last_pid_before,
            asked: CHOSEN,
            got: chosen.as_raw(),
            child_getpid,
            ns_last_pid_after,
            next_fork,
            asked_again,
            nested_asked: NESTED.to_vec(),
            nested_nspid: nested,
            deeper_asked: DEEPER.to_vec(),
            deeper_nspid: deeper,
            without_capability: without_capability(&mut said)?,
        })
    });
    let _ = kernel::end(chosen);
    result
}

/// A nested namespace whose init and its child both get chosen PIDs; their NSpid lines
/// in our /proc, shown in the trees.
fn nested(sandbox: &mut Sandbox, said: &mut Reports) -> Result<(Vec<i32>, Vec<i32>), String> {
    let init = spawn_with_pids("chosen-init", &NESTED, true, || {
        if kernel::own_proc().is_err() {
            return 1;
        }
        let deeper = spawn_with_pids("chosen-42", &DEEPER, false, || kernel::hold());
        said.send(&deeper.map(Pid::as_raw).map_err(|e| e.to_string()));
        kernel::hold()
    })
    .map_err(|e| format!("clone3(CLONE_NEWPID, set_tid = {NESTED:?}): {e}"))?;
    let result = said.recv::<Result<i32, String>>().and_then(|deeper| {
        deeper.map_err(|e| format!("clone3(set_tid = {DEEPER:?}) inside: {e}"))?;
        let deeper = *kernel::children(init)
            .first()
            .ok_or("the nested init's child is not there")?;
        // It names itself after clone3() returns: wait for that, so the trees say so.
        kernel::wait_until(|| kernel::named(deeper, "chosen-42"));
        sandbox.show(sandbox.own_view())?;
        Ok((kernel::nspid("/proc", init), kernel::nspid("/proc", deeper)))
    });
    let _ = kernel::end(init);
    result
}

/// A child that gives up its capabilities, then asks for a PID.
fn without_capability(said: &mut Reports) -> Result<String, String> {
    let child = kernel::spawn("no-caps", || {
        let result = match kernel::drop_capabilities() {
            Ok(()) => kernel::fork_returned(spawn_with_pids("refused", &[CHOSEN + 1], false, || 0)),
            Err(e) => format!("capset: {e}"),
        };
        said.send(&result);
        0
    })
    .map_err(|e| format!("fork: {e}"))?;
    let result = said.recv::<String>();
    kernel::reap(child)?;
    result
}

/// `struct clone_args` of linux/sched.h (CLONE_ARGS_SIZE_VER2: up to `cgroup`).
#[repr(C)]
#[derive(Default)]
struct CloneArgs {
    flags: u64,
    pidfd: u64,
    child_tid: u64,
    parent_tid: u64,
    exit_signal: u64,
    stack: u64,
    stack_size: u64,
    tls: u64,
    set_tid: u64,
    set_tid_size: u64,
    cgroup: u64,
}

/// clone3() with `set_tid`: a child whose PID is `pids[0]` in the namespace it lands in
/// (a new one with `new_pid_ns`), `pids[1]` one level up, and so on. It is named `name`,
/// runs `body` and leaves with `_exit`, as `kernel::spawn`'s children do.
pub fn spawn_with_pids(
    name: &str,
    pids: &[i32],
    new_pid_ns: bool,
    body: impl FnOnce() -> i32,
) -> Result<Pid, Errno> {
    use std::io::Write;
    let args = CloneArgs {
        flags: if new_pid_ns {
            libc::CLONE_NEWPID as u64
        } else {
            0
        },
        exit_signal: libc::SIGCHLD as u64,
        set_tid: pids.as_ptr() as u64,
        set_tid_size: pids.len() as u64,
        ..CloneArgs::default()
    };
    let name = std::ffi::CString::new(name).unwrap_or_default();
    let _ = std::io::stdout().flush();
    // SAFETY: clone3 without CLONE_VM and without a stack is fork(): the child gets a copy
    // of our memory and returns here on its own copy of our stack. We are single-threaded
    // (the sandbox checks), so the child may run ordinary code; it leaves with _exit.
    // `args` and `pids` outlive the call, and the size is that of the struct passed.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_clone3,
            &args as *const CloneArgs,
            std::mem::size_of::<CloneArgs>(),
        )
    };
    match ret {
        -1 => Err(Errno::last()),
        0 => kernel::run_child(&name, body),
        pid => Ok(Pid::from_raw(pid as i32)),
    }
}
