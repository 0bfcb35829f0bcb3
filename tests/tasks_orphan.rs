//! The orphan-reaping checker against the real kernel: a fresh lab and a learner's shell in
//! it per case, driven by shell commands. An orphan adopted by the namespace's PID 1 passes
//! (three ways), so does one adopted by a subreaper the learner set, once it was seen
//! losing its first parent; a child whose parent lives, a killed one, one killed with its
//! namespace and `unshare -p` without --fork do not, each with its hint. In every mode a
//! lab can be made in here, and again as uid 65534 in userns mode.

mod common;
mod learner;

use common::Scratch;
use common::{skip, which};
use learner::eventually;
use learner::procs::{below, comm, ppid};
use learner::scene::{Scene, checked, modes, rerun_as_nobody, unshare_without_fork_is_named};
use pidns_tutor::tasks::{Hint, Task, Verdict};

fn not_yet(hint: Hint) -> Verdict {
    Verdict::NotYet(hint)
}

#[test]
fn orphan_reaping_passes_when_the_namespace_init_adopts() {
    for mode in modes() {
        for way in [
            "sh -c 'sleep 300 >/dev/null 2>&1 &'",
            "setsid -f sleep 300 >/dev/null 2>&1",
            "(sleep 300 >/dev/null 2>&1 &)",
        ] {
            let mut scene = Scene::new(mode);
            let mut ctx = scene.begin(Task::OrphanReaping);
            scene.learner.run(way);
            assert_eq!(ctx.poll(), Verdict::Passed, "{mode}: {way}");
            // The learner sees it, through a proc of the namespace: sleep's parent is 1.
            // (The forked child may not have become sleep yet when the shell returns.)
            scene.learner.run("mount -t proc proc /proc");
            let learner = &mut scene.learner;
            let seen = eventually(true, || {
                learner
                    .run("ps -o ppid=,comm= -C sleep")
                    .split_whitespace()
                    .eq(["1", "sleep"])
            });
            assert!(seen, "{way}: ps never showed sleep under PID 1");
            scene.end();
        }
        checked("orphan-reaping, adopted by PID 1", mode);
    }
}

#[test]
fn orphan_reaping_passes_under_a_subreaper_seen_losing_its_parent() {
    let prctl = match std::env::consts::ARCH {
        "x86_64" => 157,
        "aarch64" => 167,
        other => {
            skip(&format!("no prctl syscall number known for {other}"));
            return;
        }
    };
    if which("perl").is_none() {
        skip("no perl here to set a subreaper from the shell (scripts/test-deps.sh)");
        return;
    }
    for mode in modes() {
        let dir = Scratch::new("tasks");
        let fifo = dir.join("release");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o666))
            .expect("mkfifo");
        let mut scene = Scene::new(mode);
        let mut ctx = scene.begin(Task::OrphanReaping);
        // perl makes itself a subreaper, starts a middle process that starts sleep and
        // then waits on the fifo; the test lets the middle one go.
        scene.learner.run(&format!(
            "perl -e 'syscall({prctl}, 36, 1, 0, 0, 0) == 0 or die; \
             if (!fork) {{ if (!fork) {{ exec \"sleep\", \"300\" }} \
             open(my $f, \"<\", $ARGV[0]); <$f>; exit }} sleep 300' {} >/dev/null 2>&1 &",
            fifo.display()
        ));
        // Watch until the sleep is seen under its first parent, the middle perl.
        let shell = scene.learner.pid;
        let top = || below(shell, "perl").into_iter().find(|&p| ppid(p) == shell);
        let under_middle = || {
            below(shell, "sleep")
                .into_iter()
                .any(|sleep| comm(ppid(sleep)) == "perl" && Some(ppid(ppid(sleep))) == top())
        };
        assert!(
            eventually(true, || {
                ctx.observe();
                under_middle()
            }),
            "the sleep never started"
        );
        assert_eq!(ctx.poll(), not_yet(Hint::ParentAlive));
        std::fs::write(&fifo, "go\n").expect("release the middle process");
        let adopted = || {
            below(shell, "sleep")
                .into_iter()
                .any(|sleep| top().is_some_and(|t| ppid(sleep) == t))
        };
        assert!(
            eventually(true, adopted),
            "the subreaper never adopted sleep"
        );
        assert_eq!(ctx.poll(), Verdict::Passed, "{mode}");
        // Without what was seen, a child of another process is not taken for an orphan.
        let mut blind = ctx.clone();
        blind.seen = Default::default();
        assert_eq!(blind.check(), not_yet(Hint::ParentAlive));
        scene.end();
        drop(dir);
        checked("orphan-reaping, subreaper", mode);
    }
}

#[test]
fn orphan_reaping_wrong_ways_get_their_hints() {
    for mode in modes() {
        // Nothing done; and what existed before the task began does not count.
        let mut scene = Scene::new(mode);
        scene.learner.run("sh -c 'sleep 300 >/dev/null 2>&1 &'");
        let mut ctx = scene.begin(Task::OrphanReaping);
        assert_eq!(ctx.poll(), not_yet(Hint::NoOrphanYet));
        scene.end();

        // The tutor's own orphan: the demo chain started and broken after the task began
        // (as the orphan-reaping step does), demo-c adopted by PID 1. Not the learner's.
        let mut scene = Scene::new(mode);
        let mut ctx = scene.begin(Task::OrphanReaping);
        let chain = scene.lab.start_chain().expect("the demo chain");
        let errno = scene
            .lab
            .kill(chain[1], libc::SIGKILL, true)
            .expect("kill demo-b");
        assert_eq!(errno, None);
        assert_eq!(ctx.poll(), not_yet(Hint::NoOrphanYet));
        scene.end();

        // A background child whose parent, the shell, lives on.
        let mut scene = Scene::new(mode);
        let mut ctx = scene.begin(Task::OrphanReaping);
        scene.learner.run("sleep 300 >/dev/null 2>&1 &");
        assert_eq!(ctx.poll(), not_yet(Hint::ParentAlive));
        // Killed rather than orphaned.
        scene.learner.run("kill $!");
        assert_eq!(
            eventually(not_yet(Hint::Killed), || ctx.poll()),
            not_yet(Hint::Killed)
        );
        scene.end();

        // Killed with its namespace: PID 1 of a nested namespace ends, the kernel kills
        // the rest.
        let mut scene = Scene::new(mode);
        let mut ctx = scene.begin(Task::OrphanReaping);
        scene
            .learner
            .run("unshare -pf --kill-child bash -c 'sleep 300 & wait' >/dev/null 2>&1 & echo");
        let shell = scene.learner.pid;
        assert!(
            eventually(true, || {
                ctx.observe();
                !below(shell, "sleep").is_empty()
            }),
            "the nested sleep never started"
        );
        assert_eq!(ctx.poll(), not_yet(Hint::ParentAlive));
        // unshare ignores SIGTERM while it waits for its child.
        scene.learner.run("kill -KILL $!");
        assert_eq!(
            eventually(not_yet(Hint::Killed), || ctx.poll()),
            not_yet(Hint::Killed)
        );
        scene.end();

        unshare_without_fork_is_named(mode, Task::OrphanReaping);
        checked("orphan-reaping, wrong ways", mode);
    }
}

#[test]
fn orphan_checker_as_uid_65534() {
    rerun_as_nobody(
        "orphan_checker_as_uid_65534",
        &[
            "orphan-reaping, adopted by PID 1",
            "orphan-reaping, wrong ways",
        ],
    );
}
