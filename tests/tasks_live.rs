//! The task checkers for proc-leak, remount-proc and init-signals against the real kernel
//! (orphan-reaping's are in `tasks_orphan.rs`): for each task, a fresh lab and a learner's
//! shell in it (see `learner`), driven by shell commands as a learner would type them.
//! Each task passes by at least two different ways, and does not pass (with the hint for
//! that state) when nothing was done or when it was done a wrong way. In every mode a lab
//! can be made in here, and again as uid 65534 in userns mode (`every_checker_as_uid_65534`).

mod common;
mod learner;

use learner::eventually;
use learner::procs::status_hex;
use learner::scene::{Scene, checked, modes, rerun_as_nobody};
use pidns_tutor::lab::Mode;
use pidns_tutor::tasks::{Hint, Sig, Task, TaskRun, Verdict};

fn not_yet(hint: Hint) -> Verdict {
    Verdict::NotYet(hint)
}

// ---------------------------------------------------------------------------------------
// proc-leak

#[test]
fn proc_leak() {
    for mode in modes() {
        let mut scene = Scene::new(mode);
        let mut ctx = scene.begin(Task::ProcLeak);
        assert_eq!(ctx.poll(), not_yet(Hint::NoAnswer), "nothing typed yet");
        let outside = scene.learner.pid;

        // Two ways: the PPid of a command the shell starts, and /proc/self read by the
        // shell itself. Each answer is whatever the learner's command printed.
        for way in [
            "grep PPid /proc/self/status",
            "read pid rest < /proc/self/stat; echo $pid",
        ] {
            let printed = scene.learner.run(way);
            assert!(printed.contains(&outside.to_string()), "{way}: {printed}");
            ctx.set_answer(&printed);
            assert_eq!(ctx.poll(), Verdict::Passed, "{way}: {printed}");
        }

        // Wrong ways: the PID inside, readlink's own PID, PID 1, not a number.
        let inside = scene.learner.run("echo $$");
        assert_eq!(inside.trim(), scene.learner.inside_pid().to_string());
        ctx.set_answer(&inside);
        assert_eq!(ctx.poll(), not_yet(Hint::InsidePid));
        let readlink = scene.learner.run("readlink /proc/self");
        ctx.set_answer(&readlink);
        assert_eq!(
            ctx.poll(),
            not_yet(Hint::OtherPid),
            "readlink said {readlink}"
        );
        ctx.set_answer(&scene.lab.agent_pid().to_string());
        assert_eq!(ctx.poll(), not_yet(Hint::InitPid));
        ctx.set_answer("1");
        assert_eq!(ctx.poll(), not_yet(Hint::InitPid));
        ctx.set_answer("my shell");
        assert_eq!(ctx.poll(), not_yet(Hint::NotANumber));
        ctx.set_answer("  ");
        assert_eq!(ctx.poll(), not_yet(Hint::NoAnswer));
        scene.end();
        checked("proc-leak", mode);
    }
}

// ---------------------------------------------------------------------------------------
// remount-proc

/// A fresh scene, the task begun, and `action` typed into the shell.
fn remount_after(mode: Mode, action: &str) -> (Scene, TaskRun) {
    let mut scene = Scene::new(mode);
    let ctx = scene.begin(Task::RemountProc);
    scene.learner.run(action);
    (scene, ctx)
}

#[test]
fn remount_proc_passes_by_mounting_in_the_shell_or_replacing_it() {
    for mode in modes() {
        for way in [
            "mount -t proc proc /proc",
            "exec unshare -m --mount-proc bash --norc --noprofile",
        ] {
            let (mut scene, mut ctx) = remount_after(mode, way);
            assert_eq!(ctx.poll(), Verdict::Passed, "{mode}: {way}");
            // What the learner sees agrees: only the namespace's processes, PID 1 first.
            let listed = scene.learner.run("ls /proc | grep -E '^[0-9]+$' | sort -n");
            assert_eq!(listed.lines().next(), Some("1"), "{way}: {listed}");
            assert!(listed.lines().count() < 10, "{way}: {listed}");
            scene.end();
        }

        // From outside, in the shell's own namespaces: any way to the goal counts.
        let scene = Scene::new(mode);
        let mut ctx = scene.begin(Task::RemountProc);
        let out = scene
            .learner
            .run_from_outside(&["mount", "-t", "proc", "proc", "/proc"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            ctx.poll(),
            Verdict::Passed,
            "{mode}: mounted through nsenter"
        );
        scene.end();
        checked("remount-proc, passing", mode);
    }
}

#[test]
fn remount_proc_wrong_ways_get_their_hints() {
    for mode in modes() {
        // Nothing done.
        let scene = Scene::new(mode);
        let mut ctx = scene.begin(Task::RemountProc);
        assert_eq!(ctx.poll(), not_yet(Hint::ProcStillHost));
        scene.end();

        // Mounted, but in a mount namespace of its own made by `unshare -m`.
        let (scene, mut ctx) = remount_after(
            mode,
            "unshare -m bash -c 'mount -t proc proc /proc; exec sleep 300' >/dev/null 2>&1 &",
        );
        assert_eq!(
            eventually(not_yet(Hint::MountedElsewhere), || ctx.poll()),
            not_yet(Hint::MountedElsewhere)
        );
        scene.end();

        // `unshare -p` without --fork: mount becomes PID 1 of the new namespace and mounts
        // a proc of it, which is empty once mount has exited; the shell cannot fork.
        let (scene, mut ctx) = remount_after(
            mode,
            "unshare -pm bash -c 'mount -t proc proc /proc; exec sleep 300' >/dev/null 2>&1 &",
        );
        assert_eq!(
            eventually(not_yet(Hint::UnshareWithoutFork), || ctx.poll()),
            not_yet(Hint::UnshareWithoutFork)
        );
        scene.end();

        // A new PID namespace inside the lab, with its own proc: ps lists that one.
        let (scene, mut ctx) = remount_after(
            mode,
            "exec unshare -pfm --mount-proc bash --norc --noprofile",
        );
        assert_eq!(ctx.poll(), not_yet(Hint::ProcOfNestedNs));
        scene.end();

        // Mounted before the task began (as if the tutor had): it does not count, and a
        // new mount then does.
        let mut scene = Scene::new(mode);
        scene.learner.run("mount -t proc proc /proc");
        let mut ctx = scene.begin(Task::RemountProc);
        assert_eq!(ctx.poll(), not_yet(Hint::TutorsProc));
        scene.learner.run("mount -t proc proc /proc");
        assert_eq!(ctx.poll(), Verdict::Passed);
        scene.end();

        // A shell in the tutor's own mount namespace is refused before anything is mounted.
        let scene = Scene::with_shell(mode, false);
        let mut ctx = scene.begin(Task::RemountProc);
        assert_eq!(ctx.poll(), not_yet(Hint::HostMountNs));
        scene.end();
        checked("remount-proc, wrong ways", mode);
    }
}

// ---------------------------------------------------------------------------------------
// init-signals

#[test]
fn init_signals() {
    for mode in modes() {
        let mut scene = Scene::new(mode);
        let mut ctx = scene.begin(Task::InitSignals);
        assert_eq!(ctx.poll(), not_yet(Hint::NoAnswer));
        // The learner's try from inside: kill says 0, and PID 1 goes on.
        let said = scene
            .learner
            .run("kill -KILL 1; echo $?; kill -TERM 1; echo $?");
        assert_eq!(said.split_whitespace().collect::<Vec<_>>(), ["0", "0"]);
        assert_eq!(scene.lab.identity().expect("PID 1 still answers").pid, 1);

        // What the experiment saw is what FACTS.md says, and the lab's PID 1 is like the
        // experiment's init: it catches none of the three signals.
        let observed = ctx.baseline.signals.expect("observed at the start");
        use pidns_tutor::tasks::signals::SignalEffect;
        assert_eq!(
            (observed.term, observed.stop, observed.kill),
            (
                SignalEffect::Nothing,
                SignalEffect::Stops,
                SignalEffect::Dies
            )
        );
        let caught = status_hex(scene.lab.agent_pid(), "SigCgt:");
        for signal in [libc::SIGTERM, libc::SIGSTOP, libc::SIGKILL] {
            assert_eq!(
                caught & (1 << (signal - 1)),
                0,
                "the agent catches {signal}"
            );
        }

        for right in [
            "nothing stops dies",
            "SIGKILL: 죽음, SIGTERM: 무시, SIGSTOP: 멈춤",
            "term=ignored stop=stopped kill=killed",
        ] {
            ctx.set_answer(right);
            assert_eq!(ctx.poll(), Verdict::Passed, "{right}");
        }
        for (wrong, hint) in [
            ("dies stops dies", Hint::Wrong(Sig::Term)),
            ("nothing nothing dies", Hint::Wrong(Sig::Stop)),
            ("무시, 멈춤, 무시", Hint::Wrong(Sig::Kill)),
            ("no idea", Hint::AnswerUnclear),
        ] {
            ctx.set_answer(wrong);
            assert_eq!(ctx.poll(), not_yet(hint), "{wrong}");
        }

        // The lab's PID 1 killed from outside: the right answer no longer passes.
        ctx.set_answer("nothing stops dies");
        assert_eq!(scene.lab.kill_init().expect("kill init"), 0);
        assert_eq!(ctx.poll(), not_yet(Hint::LabGone));
        scene.end();
        checked("init-signals", mode);
    }
}

// ---------------------------------------------------------------------------------------
// The same, as an unprivileged user.

#[test]
fn every_checker_as_uid_65534() {
    rerun_as_nobody(
        "every_checker_as_uid_65534",
        &[
            "proc-leak",
            "remount-proc, passing",
            "remount-proc, wrong ways",
            "init-signals",
        ],
    );
}
