//! signals-from-outside: a namespace's init is protected from signals it has no handler
//! for, even from the parent namespace, except SIGKILL and SIGSTOP, which the kernel
//! forces through from an ancestor. So from outside: SIGTERM to an init without a handler
//! is dropped (it is not even left pending; the init sleeps on, state S), SIGSTOP stops it
//! (state T), SIGKILL kills it. An init *with* a handler gets SIGTERM from outside (with
//! si_pid 0: the sender has no PID in its namespace) and from inside (si_pid the sender's
//! PID there). Independent checks: LTP's pidns12 and pidns16 (si_pid 0 from an ancestor),
//! and the kernel's `sig_task_ignored()`.

use super::Sandbox;
use super::kernel::{self, Reports};
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, kill, sigaction};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

/// How long an init waits for a signal it expects (it stops waiting as soon as it comes;
/// this much only when it never does, on a crowded machine at worst).
const SIGNAL_WAIT: Duration = Duration::from_secs(5);

/// What each signal did. Counts, states, PIDs and signal names: they read the same in
/// every language of the lesson.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalsFromOutside {
    /// The init without a handler, after SIGTERM from the parent namespace: its state
    /// (`S`), and whether SIGTERM was left pending (no: it was dropped when sent).
    pub after_sigterm_state: String,
    pub sigterm_pending: bool,
    /// After SIGSTOP: the signal waitpid(WUNTRACED) says stopped it (`SIGSTOP`; had the
    /// init died instead, how it ended), and its state (`T`).
    pub stopped_by: String,
    pub after_sigstop_state: String,
    /// After SIGKILL: how it ended.
    pub after_sigkill: String,
    /// The init with a SIGTERM handler: how many times the handler ran for SIGTERM from
    /// outside (1), and the si_pid it saw (0: the sender has no PID in the namespace).
    pub handler_runs_outside: i32,
    pub handler_si_pid_outside: i32,
    /// The same for SIGTERM from one of its own children (si_pid: the child's PID inside).
    pub handler_runs_inside: i32,
    pub handler_si_pid_inside: i32,
}

/// The experiment, as its step registers it.
pub const EXPERIMENT: super::Experiment = |sandbox| super::json(run(sandbox));

pub fn run(sandbox: &mut Sandbox) -> Result<SignalsFromOutside, String> {
    let mut facts = without_handler(sandbox)?;
    with_handler(&mut facts)?;
    Ok(facts)
}

/// SIGTERM, SIGSTOP, then SIGKILL, from the sandbox (the parent namespace) to an init
/// that has no handler.
fn without_handler(sandbox: &mut Sandbox) -> Result<SignalsFromOutside, String> {
    let mut ready = Reports::new()?;
    let init = kernel::spawn_init("no-handler", || {
        if kernel::own_proc().is_ok() {
            ready.send(&());
        }
        kernel::hold()
    })?;
    let result = ready.recv::<()>().and_then(|()| {
        wait_for_state(init, 'S');
        kill(init, Signal::SIGTERM).map_err(|e| format!("SIGTERM: {e}"))?;
        let sigterm_pending = kernel::pending(init, Signal::SIGTERM);
        let after_sigterm_state = state_of(init);
        sandbox.show(sandbox.view_of(init))?;
        // Signals are taken lowest number first: had SIGTERM been queued, the init would
        // die of it before SIGSTOP could stop it.
        kill(init, Signal::SIGSTOP).map_err(|e| format!("SIGSTOP: {e}"))?;
        let stopped_by = match waitpid(init, Some(WaitPidFlag::WUNTRACED)) {
            Ok(WaitStatus::Stopped(_, signal)) => signal.as_str().to_string(),
            Ok(other) => kernel::ended(other),
            Err(e) => format!("waitpid: {e}"),
        };
        let after_sigstop_state = state_of(init);
        let _ = kill(init, Signal::SIGCONT);
        Ok((
            sigterm_pending,
            after_sigterm_state,
            stopped_by,
            after_sigstop_state,
        ))
    });
    let after_sigkill = kernel::end(init)?;
    let (sigterm_pending, after_sigterm_state, stopped_by, after_sigstop_state) = result?;
    Ok(SignalsFromOutside {
        after_sigterm_state,
        sigterm_pending,
        stopped_by,
        after_sigstop_state,
        after_sigkill,
        handler_runs_outside: 0,
        handler_si_pid_outside: -1,
        handler_runs_inside: 0,
        handler_si_pid_inside: -1,
    })
}

fn state_of(pid: Pid) -> String {
    kernel::state(pid).map_or_else(|| "gone".to_string(), String::from)
}

/// Waits (briefly) until the process is asleep: then a signal finds it waiting.
fn wait_for_state(pid: Pid, wanted: char) {
    let deadline = Instant::now() + SIGNAL_WAIT;
    while kernel::state(pid) != Some(wanted) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Signals the handler has seen, and the si_pid of the last one.
static RECEIVED: AtomicI32 = AtomicI32::new(0);
static LAST_SI_PID: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_sigterm(_: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo to an SA_SIGINFO handler.
    let pid = unsafe { info.as_ref().map_or(-1, |i| i.si_pid()) };
    LAST_SI_PID.store(pid, Ordering::SeqCst);
    RECEIVED.fetch_add(1, Ordering::SeqCst);
}

/// Waits until the handler has run `count` times in all (or a while); how many times it
/// ran since `before`, and the last si_pid it saw.
fn received(before: i32, count: i32) -> (i32, i32) {
    let deadline = Instant::now() + SIGNAL_WAIT;
    while RECEIVED.load(Ordering::SeqCst) < count && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    (
        RECEIVED.load(Ordering::SeqCst) - before,
        LAST_SI_PID.load(Ordering::SeqCst),
    )
}

/// An init with a SIGTERM handler: SIGTERM from the sandbox, then from its own child.
fn with_handler(facts: &mut SignalsFromOutside) -> Result<(), String> {
    let mut reports = Reports::new()?;
    let init = kernel::spawn_init("with-handler", || {
        let action = SigAction::new(
            SigHandler::SigAction(on_sigterm),
            SaFlags::SA_SIGINFO,
            SigSet::empty(),
        );
        // SAFETY: the handler only touches atomics.
        if unsafe { sigaction(Signal::SIGTERM, &action) }.is_err() {
            return 1;
        }
        reports.send(&(0, 0));
        reports.send(&received(0, 1));
        // One of our own children sends SIGTERM to PID 1, that is, to us. Counted from
        // before the fork: the signal may arrive before the fork returns.
        let before = RECEIVED.load(Ordering::SeqCst);
        let sender = kernel::spawn("sender", || {
            kill(Pid::from_raw(1), Signal::SIGTERM).map_or(1, |()| 0)
        });
        reports.send(&received(before, before + 1));
        if let Ok(sender) = sender {
            let _ = kernel::reap(sender);
        }
        0
    })?;
    let result = (|| {
        reports.recv::<(i32, i32)>()?;
        kill(init, Signal::SIGTERM).map_err(|e| format!("SIGTERM: {e}"))?;
        let outside = reports.recv::<(i32, i32)>()?;
        let inside = reports.recv::<(i32, i32)>()?;
        Ok::<_, String>((outside, inside))
    })();
    let ended = match &result {
        Ok(_) => kernel::reap(init),
        Err(_) => kernel::end(init),
    };
    let ((runs_outside, outside_pid), (runs_inside, inside_pid)) = result?;
    ended?;
    facts.handler_runs_outside = runs_outside;
    facts.handler_si_pid_outside = outside_pid;
    facts.handler_runs_inside = runs_inside;
    facts.handler_si_pid_inside = inside_pid;
    Ok(())
}
