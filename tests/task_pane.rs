//! Tasks in a real terminal (tmux), checked from the real kernel, as a learner does them:
//! at remount-proc the task waits, then passes once `mount -t proc proc /proc` is typed in
//! the shell pane; at proc-leak a wrong answer (the shell's PID inside, `$$`) gets its
//! hint and the PID the leaked /proc gives the shell's parent-of-grep passes; at no-reaper
//! a zombie made in the shell pane is told, and ending its parent passes. The passes land
//! in the progress file, and nothing is left in the lab's namespaces.
//!
//! Runs as whoever runs the tests (root here; a user namespace otherwise). Skipped (with
//! the reason printed) without tmux or any way to make a PID namespace here;
//! PIDNS_TUTOR_REQUIRE_LIVE=1 turns a skip into a failure.

mod common;
mod tmux_support;

use tmux_support::*;

/// Starts the tutor at `step_id`, its progress kept under `state`.
fn start(tmux: &Tmux, state: &std::path::Path, step_id: &str) {
    tmux.type_line(&format!(
        "cd / && env -u NO_PROGRESS XDG_STATE_HOME={} {BIN} --lang en --step {step_id}; echo EXITED $?",
        state.display()
    ));
}

/// The task panel's title says the state with a mark and a word.
const WAITING: &str = "task · ○ waiting for your shell";
const TO_DO: &str = "task · ○ to do";
const PASSED: &str = "task · ✓ passed";

fn quit(tmux: &Tmux, server: i32) {
    let ours = namespaces_under(server);
    tmux.keys(&["C-]"]);
    tmux.wait_for("the keys back in the lesson", |s| s.contains("q quit"));
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
    assert_nothing_left(&ours);
}

/// The task's state in the progress file.
fn saved_task(state: &std::path::Path, step_id: &str) -> Option<String> {
    let path = state.join("pidns-tutor/progress.json");
    let text = std::fs::read_to_string(&path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["steps"][step_id]["task"]["state"]
        .as_str()
        .map(str::to_string)
}

#[test]
fn remount_proc_passes_when_the_learner_mounts_proc_in_the_shell() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    let state = common::Scratch::new("task-remount");
    let tmux = Tmux::new("task-remount", 160, 48);
    let server = tmux.server_pid();
    start(&tmux, &state, "remount-proc");
    step(&tmux, 8);
    // Predict, observe, then the task: it shows once the guess is made.
    run(&tmux);
    // The task shows before the shell is open, and says how to begin.
    let screen = tmux.wait_text(WAITING);
    assert!(screen.contains("s opens the shell"), "{screen}");
    open_shell(&tmux);
    // Begun with the shell, and not passed by anything the tutor did.
    let screen = tmux.wait_for("the task begun", |s| {
        s.contains(TO_DO) && !s.contains("s opens the shell")
    });
    assert!(
        !screen.contains(PASSED),
        "passed with nothing done:\n{screen}"
    );

    // The shell is in a private mount namespace of its own: the mount stays there.
    tmux.type_line("mount -t proc proc /proc");
    let screen = tmux.wait_text(PASSED);
    assert!(
        screen.contains("Done: your shell's /proc now belongs"),
        "{screen}"
    );
    // And it is what the task says: ps in the shell lists only the namespace.
    tmux.type_line("ps -e -o pid= | wc -l | sed 's/^/count=/'");
    let screen = tmux.wait_for("ps's count", |s| number_after(s, "count=").is_some());
    let count = number_after(&screen, "count=").unwrap_or_default();
    assert!(
        (1..10).contains(&count),
        "ps lists {count} processes:\n{screen}"
    );
    quit(&tmux, server);
    assert_eq!(
        saved_task(&state, "remount-proc").as_deref(),
        Some("passed")
    );
}

#[test]
fn proc_leak_takes_a_wrong_answer_then_the_right_one() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    let state = common::Scratch::new("task-leak");
    let tmux = Tmux::new("task-leak", 160, 48);
    let server = tmux.server_pid();
    start(&tmux, &state, "proc-leak");
    step(&tmux, 7);
    // Predict, observe, then the task: it shows once the guess is made.
    run(&tmux);
    open_shell(&tmux);
    let screen = tmux.wait_for("the shell in the title", |s| {
        number_after(s.lines().next().unwrap_or(""), "bash ").is_some()
    });
    let top = screen.lines().next().unwrap_or("");
    let shell = number_after(top, "bash ").unwrap_or_default();

    // What a learner finds: `$$` is the PID inside; grep's parent is the shell, and the
    // leaked /proc numbers it as the outside does.
    tmux.type_line(
        "echo \"inside=$$\"; grep PPid /proc/self/status | tr -d ' \\t' | sed 's/PPid:/outside=/'",
    );
    let screen = tmux.wait_for("both numbers", |s| {
        number_after(s, "inside=").is_some() && number_after(s, "outside=").is_some()
    });
    let inside = number_after(&screen, "inside=").unwrap_or_default();
    let outside = number_after(&screen, "outside=").unwrap_or_default();
    assert_eq!(
        outside, shell,
        "grep's parent is the shell, numbered outside"
    );
    assert_ne!(inside, outside);

    // The wrong one first: its own hint, no pass.
    tmux.keys(&["C-]"]);
    tmux.wait_for("the keys back in the lesson", |s| s.contains("q quit"));
    tmux.keys(&["a"]);
    tmux.wait_text("Your shell's PID outside the lab: _");
    tmux.type_line(&inside.to_string());
    let screen = tmux.wait_text("That is your shell's PID inside");
    assert!(screen.contains(TO_DO), "{screen}");
    assert!(!screen.contains(PASSED), "{screen}");

    // Then the right one.
    tmux.keys(&["a", "C-u"]);
    tmux.wait_text("Your shell's PID outside the lab: _");
    tmux.type_line(&outside.to_string());
    let screen = tmux.wait_text(PASSED);
    assert!(
        screen.contains("Right: that is your shell's PID outside"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("Your answer: {outside}")),
        "{screen}"
    );
    assert_eq!(saved_task(&state, "proc-leak").as_deref(), Some("passed"));

    // Moving on keeps the pass (no skip over it); remount-proc, left undone, is skipped.
    tmux.keys(&["Right"]);
    step(&tmux, 8);
    tmux.keys(&["Right"]);
    step(&tmux, 9);
    tmux.keys(&["s"]);
    quit(&tmux, server);
    assert_eq!(saved_task(&state, "proc-leak").as_deref(), Some("passed"));
    assert_eq!(
        saved_task(&state, "remount-proc").as_deref(),
        Some("skipped")
    );
}

#[test]
fn no_reaper_passes_once_the_lab_pid_1_reaps_the_learners_zombie() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    let state = common::Scratch::new("task-zombie");
    let tmux = Tmux::new("task-zombie", 160, 48);
    let server = tmux.server_pid();
    start(&tmux, &state, "no-reaper");
    step(&tmux, 16);
    // The experiment runs in its sandbox; the step keeps a lab for the shell pane.
    run(&tmux);
    open_shell(&tmux);
    tmux.wait_text(TO_DO);
    // A child that ends under a parent that never waits: the task sees the zombie.
    tmux.type_line("sh -c 'sleep 1 & exec sleep 300' &");
    let screen = tmux.wait_text("Your zombie is there");
    assert!(!screen.contains(PASSED), "{screen}");
    tmux.type_line("ps -o stat=,comm= --ppid $! | sed 's/^/child=/'");
    tmux.wait_text("child=Z");
    // Its parent ends: PID 1, the agent, adopts the zombie and reaps it.
    tmux.type_line("kill $!");
    let screen = tmux.wait_text(PASSED);
    assert!(screen.contains("Done: your zombie stayed"), "{screen}");
    quit(&tmux, server);
    assert_eq!(saved_task(&state, "no-reaper").as_deref(), Some("passed"));
}
