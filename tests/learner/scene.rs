//! One scene of a task checker's test: a fresh lab, the learner's shell in it, and at the
//! end the proof that nothing was left behind: no process in the lab's namespace, and the
//! host's mount table as it was.

use super::Learner;
use crate::common::{members_of, mountinfo, skip};
use pidns_tutor::check::Availability;
use pidns_tutor::lab::{Lab, Mode};
use pidns_tutor::tasks::{Hint, Setting, Task, TaskRun, Verdict};
use std::path::PathBuf;

/// Set (to the agent's path) when this test binary runs itself again as uid 65534.
pub const AS_NOBODY: &str = "PIDNS_TUTOR_TASKS_AGENT_AS_NOBODY";

/// The agent to spawn labs with: the built binary, or the copy uid 65534 can reach.
pub fn agent() -> PathBuf {
    std::env::var_os(AS_NOBODY)
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::common::exe().to_path_buf())
}

/// Whether this is the run as uid 65534.
pub fn as_nobody() -> bool {
    std::env::var_os(AS_NOBODY).is_some()
}

/// The modes a lab can be made in here, each to be tested; empty (after saying why, or
/// failing under PIDNS_TUTOR_REQUIRE_LIVE=1) when there is none.
pub fn modes() -> Vec<Mode> {
    let availability = Availability::probe(&agent());
    let modes: Vec<Mode> = [Mode::Root, Mode::Userns]
        .into_iter()
        .filter(|&m| match m {
            Mode::Root => availability.root.is_ok(),
            Mode::Userns => availability.userns.is_ok(),
        })
        .collect();
    if modes.is_empty() {
        skip(&format!(
            "no live namespace here (root: {:?}; userns: {:?})",
            availability.root, availability.userns
        ));
    }
    modes
}

pub struct Scene {
    pub lab: Lab,
    pub learner: Learner,
    inode: u64,
    mounts: String,
}

impl Scene {
    pub fn new(mode: Mode) -> Scene {
        Scene::with_shell(mode, true)
    }

    /// `own_mounts`: see `Learner::start_with`.
    pub fn with_shell(mode: Mode, own_mounts: bool) -> Scene {
        let mounts = mountinfo();
        let lab = Lab::spawn_with(mode, &agent()).expect("spawn a lab");
        let learner = Learner::start_with(&lab, own_mounts);
        Scene {
            inode: lab.pid_ns_inode(),
            lab,
            learner,
            mounts,
        }
    }

    pub fn setting(&self) -> Setting {
        Setting {
            exe: agent(),
            ..Setting::new(&self.lab, self.learner.pid)
        }
    }

    /// Begins `task` now: what exists from here on does not count.
    pub fn begin(&self, task: Task) -> TaskRun {
        TaskRun::begin(task, self.setting()).expect("begin the task")
    }

    /// Ends the scene and checks nothing is left behind.
    pub fn end(self) {
        let Scene {
            lab,
            learner,
            inode,
            mounts,
        } = self;
        drop(learner);
        assert_eq!(lab.teardown(), 0, "processes left in the lab");
        assert!(
            members_of(inode).is_empty(),
            "left: {:?}",
            members_of(inode)
        );
        assert_eq!(mountinfo(), mounts, "the host's mount table changed");
    }
}

/// Runs this test binary again as uid 65534 (userns mode only), all tests but `test`, and
/// checks each of `expected` was really checked there (a test prints `checked: WHAT in
/// userns mode as uid 65534` when it has). Skips when we are not root.
pub fn rerun_as_nobody(test: &str, expected: &[&str]) {
    use crate::common::{EXE, as_nobody as command_as_nobody, output, reachable_copy};
    if as_nobody() {
        return;
    }
    let test_binary = std::env::current_exe().expect("this test binary");
    let copy = reachable_copy(test_binary.to_str().expect("path"));
    let agent = reachable_copy(EXE);
    let Some(mut command) = command_as_nobody(copy.to_str().expect("path")) else {
        if crate::common::is_root() {
            crate::common::skip("setpriv(1) is not installed (scripts/test-deps.sh)");
        } else {
            crate::common::skip_needs_root(
                "becoming uid 65534 (the other tests already ran unprivileged)",
            );
        }
        return;
    };
    let out = output(command.env(AS_NOBODY, agent.as_os_str()).args([
        "--skip",
        test,
        "--nocapture",
        "--test-threads=1",
    ]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "as uid 65534:\n{}\n{stderr}",
        String::from_utf8_lossy(&out.stdout)
    );
    if stderr.contains("SKIPPED") && stderr.contains("no live namespace here") {
        return; // unprivileged user namespaces are off here, and that was allowed
    }
    for what in expected {
        let line = format!("checked: {what} in userns mode as uid 65534");
        assert!(stderr.contains(&line), "missing `{line}` in:\n{stderr}");
    }
}

/// Tells the uid-65534 run (which captures nothing) what was really checked.
pub fn checked(what: &str, mode: Mode) {
    eprintln!(
        "checked: {what} in {mode} mode as uid {}",
        nix::unistd::getuid()
    );
}

/// `unshare -p` without `--fork`, typed for `task`: its first child is PID 1 of the new
/// namespace and ends at once, so every later fork there fails; the hint must say so.
pub fn unshare_without_fork_is_named(mode: Mode, task: Task) {
    let mut scene = Scene::new(mode);
    let mut ctx = scene.begin(task);
    scene
        .learner
        .run("unshare -p bash -c '/bin/true; exec sleep 300' >/dev/null 2>&1 &");
    let named = Verdict::NotYet(Hint::UnshareWithoutFork);
    assert_eq!(super::eventually(named, || ctx.poll()), named);
    scene.end();
}
