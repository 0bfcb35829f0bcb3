//! The no-reaper checker against the real kernel: a fresh lab and a learner's shell in it
//! per case (see `learner`), driven by shell commands as a learner would type them. The
//! task passes, two ways, once a zombie of the learner's, seen in state Z under a living
//! parent that does not wait, is gone after that parent ended (the lab's PID 1, the agent,
//! reaped it); each state on the way, and the usual wrong moves, get their hint: killing
//! the zombie itself, a parent that waits after all, a child that ends after its parent,
//! a zombie made before the task began, `unshare -p` without --fork, the lab's end. Each
//! zombie and each parent is also read from the host's /proc/PID/stat by the test itself.
//! In every mode a lab can be made in here, and again as uid 65534 in userns mode.

mod common;
mod learner;

use common::{Scratch, skip, which};
use learner::eventually;
use learner::procs::{below, stat_fields};
use learner::scene::{Scene, checked, modes, rerun_as_nobody, unshare_without_fork_is_named};
use pidns_tutor::tasks::{Hint, Task, TaskRun, Verdict};

fn not_yet(hint: Hint) -> Verdict {
    Verdict::NotYet(hint)
}

/// The state (`Z`, `S`, ...) and the parent of host process `pid`, from its
/// /proc/PID/stat; `None` once it is gone.
fn state_and_parent(pid: i32) -> Option<(String, i32)> {
    let fields = stat_fields(pid);
    let state = fields.get(1)?.clone();
    let ppid = fields.get(2)?.parse().ok()?;
    Some((state, ppid))
}

/// The host PIDs of the child the learner's shell started in the background (`$!`, a
/// program that never waits, named `parent_name`) and of that child's own child: the
/// parent of the zombie to be, and the zombie to be.
fn parent_and_child(scene: &Scene, parent_name: &str) -> Option<(i32, i32)> {
    let shell = scene.learner.pid;
    let parent = below(shell, parent_name)
        .into_iter()
        .find(|&p| state_and_parent(p).is_some_and(|(_, pp)| pp == shell))?;
    let children =
        std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).ok()?;
    let child = children.split_whitespace().next()?.parse().ok()?;
    Some((parent, child))
}

/// Observes until the learner's background command has a child in state Z under it (as
/// the host's /proc shows it), then twice more, and returns (parent, zombie).
fn wait_for_zombie(scene: &Scene, ctx: &mut TaskRun, parent_name: &str) -> (i32, i32) {
    let mut found = None;
    let zombie = eventually(true, || {
        ctx.observe();
        found = parent_and_child(scene, parent_name);
        found.is_some_and(|(parent, child)| {
            state_and_parent(child) == Some(("Z".to_string(), parent))
        })
    });
    assert!(zombie, "no zombie of a {parent_name} appeared: {found:?}");
    // The checker counts a zombie seen at two looks in a row (one look may catch a child
    // its parent is about to reap); the look above may have come just before it ended.
    ctx.observe();
    ctx.observe();
    found.expect("the parent and its zombie")
}

#[test]
fn no_reaper_passes_once_pid_1_reaps_the_zombie() {
    for mode in modes() {
        for (make, end_parent) in [
            // The lesson's way: sh starts a short child, then becomes a sleep that never
            // waits.
            (
                "sh -c 'sleep 1 & exec sleep 300' >/dev/null 2>&1 &",
                "kill $!",
            ),
            // A subshell does the same, and its parent is killed outright. (Its child takes
            // a second: one that ended before the subshell's exec would be reaped by
            // bash, which still ran there.)
            (
                "( sleep 1 & exec sleep 300 ) >/dev/null 2>&1 &",
                "kill -KILL $!",
            ),
        ] {
            let mut scene = Scene::new(mode);
            // The lab's own /proc in the shell, as the shell pane's has at this step: $!
            // and /proc/$! then name the same process.
            scene.learner.run("mount -t proc proc /proc");
            let mut ctx = scene.begin(Task::NoReaper);
            assert_eq!(ctx.poll(), not_yet(Hint::NoZombieYet), "{make}");

            scene.learner.run(make);
            let (parent, zombie) = wait_for_zombie(&scene, &mut ctx, "sleep");
            assert_eq!(ctx.poll(), not_yet(Hint::ZombieUnreaped), "{make}");
            // The learner sees it too, in the namespace's numbers: an ended child of $!.
            let seen = scene.learner.run("ps -o stat=,ppid= --ppid $!; echo $!");
            let seen: Vec<&str> = seen.split_whitespace().collect();
            assert!(
                seen.len() == 3 && seen[0].starts_with('Z') && seen[1] == seen[2],
                "{make}: ps said {seen:?}"
            );

            // Killing the zombie does nothing: it has ended already.
            let inside = scene
                .learner
                .run("read child rest < /proc/$!/task/$!/children; echo $child");
            let said = scene
                .learner
                .run(&format!("kill -KILL {}; echo $?", inside.trim()));
            assert_eq!(said.trim(), "0", "kill on a zombie succeeds");
            assert_eq!(
                state_and_parent(zombie),
                Some(("Z".to_string(), parent)),
                "{make}: the zombie is still there after its kill"
            );
            assert_eq!(ctx.poll(), not_yet(Hint::ZombieUnreaped), "{make}");

            // Ending its parent: the zombie goes to PID 1, which reaps it.
            scene.learner.run(end_parent);
            assert_eq!(
                eventually(Verdict::Passed, || ctx.poll()),
                Verdict::Passed,
                "{make}, then {end_parent}"
            );
            assert!(
                state_and_parent(zombie).is_none_or(|(state, _)| state != "Z"),
                "{make}: passed while the zombie is still there"
            );
            assert!(
                state_and_parent(parent).is_none_or(|(state, _)| state == "Z"),
                "{make}: passed while the parent lives"
            );
            scene.end();
        }
        checked("no-reaper, reaped by PID 1", mode);
    }
}

#[test]
fn no_reaper_wrong_ways_get_their_hints() {
    for mode in modes() {
        // A zombie made before the task began does not count, and nothing done since is
        // nothing done.
        let mut scene = Scene::new(mode);
        scene.learner.run("mount -t proc proc /proc");
        scene
            .learner
            .run("sh -c 'sleep 1 & exec sleep 300' >/dev/null 2>&1 &");
        let mut early = scene.begin(Task::NoReaper);
        wait_for_zombie(&scene, &mut early, "sleep");
        let mut ctx = scene.begin(Task::NoReaper);
        assert_eq!(ctx.poll(), not_yet(Hint::NoZombieYet));
        // Waited for, so that the next command's sleep is the only one under the shell.
        scene.learner.run("kill $!; wait $!");
        assert_eq!(ctx.poll(), not_yet(Hint::NoZombieYet));

        // The parent ends before its child: the child is adopted, and when it ends PID 1
        // reaps it at once, so no zombie stays.
        scene
            .learner
            .run("sh -c 'sleep 300 & exec sleep 300' >/dev/null 2>&1 &");
        let (_, child) = parent_and_child_eventually(&scene, &mut ctx);
        scene.learner.run("kill $!");
        let agent = scene.lab.agent_pid();
        let adopted = eventually(true, || {
            ctx.observe();
            state_and_parent(child).is_some_and(|(_, parent)| parent == agent)
        });
        assert!(adopted, "the agent never adopted the child");
        assert_eq!(ctx.poll(), not_yet(Hint::NoZombieYet));
        nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(child),
            nix::sys::signal::Signal::SIGKILL,
        )
        .expect("end the adopted child");
        assert_eq!(
            eventually(not_yet(Hint::EndedAsOrphan), || ctx.poll()),
            not_yet(Hint::EndedAsOrphan)
        );

        // With the lab's PID 1 gone, nothing passes.
        assert_eq!(scene.lab.kill_init().expect("kill init"), 0);
        assert_eq!(ctx.poll(), not_yet(Hint::LabGone));
        scene.end();

        unshare_without_fork_is_named(mode, Task::NoReaper);
        checked("no-reaper, wrong ways", mode);
    }
}

/// Observes until the learner's last background command (a sleep that never waits) has
/// its child, and returns both.
fn parent_and_child_eventually(scene: &Scene, ctx: &mut TaskRun) -> (i32, i32) {
    let mut found = None;
    eventually(true, || {
        ctx.observe();
        found = parent_and_child(scene, "sleep");
        found.is_some()
    });
    found.expect("the background sleep and its child")
}

#[test]
fn no_reaper_a_parent_that_waits_after_all() {
    if which("perl").is_none() {
        skip("no perl here to make a parent that waits later (scripts/test-deps.sh)");
        return;
    }
    for mode in modes() {
        let dir = Scratch::new("no-reaper");
        let fifo = dir.join("release");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o666))
            .expect("mkfifo");
        let mut scene = Scene::new(mode);
        scene.learner.run("mount -t proc proc /proc");
        let mut ctx = scene.begin(Task::NoReaper);
        // perl starts a child that exits at once, waits on the fifo without reaping it,
        // then reaps it and lives on.
        scene.learner.run(&format!(
            "perl -e 'exit unless fork; open(my $f, \"<\", $ARGV[0]); <$f>; wait; sleep 300' \
             {} >/dev/null 2>&1 &",
            fifo.display()
        ));
        let (parent, zombie) = wait_for_zombie(&scene, &mut ctx, "perl");
        assert_eq!(ctx.poll(), not_yet(Hint::ZombieUnreaped));
        std::fs::write(&fifo, "go\n").expect("release perl");
        assert_eq!(
            eventually(not_yet(Hint::ReapedByParent), || ctx.poll()),
            not_yet(Hint::ReapedByParent)
        );
        assert!(state_and_parent(zombie).is_none_or(|(state, _)| state != "Z"));
        assert!(
            state_and_parent(parent).is_some_and(|(state, _)| state != "Z"),
            "perl lives on after reaping"
        );
        // Its parent ended now: there is no zombie left to hand to PID 1.
        scene.learner.run("kill $!");
        assert!(
            !eventually(false, || state_and_parent(parent).is_some()),
            "perl outlived its kill"
        );
        assert_eq!(ctx.poll(), not_yet(Hint::ReapedByParent));
        scene.end();
        drop(dir);
        checked("no-reaper, reaped by its parent", mode);
    }
}

#[test]
fn no_reaper_checker_as_uid_65534() {
    rerun_as_nobody(
        "no_reaper_checker_as_uid_65534",
        &[
            "no-reaper, reaped by PID 1",
            "no-reaper, wrong ways",
            "no-reaper, reaped by its parent",
        ],
    );
}
