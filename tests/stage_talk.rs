//! A talk a room can trust, in a real terminal (tmux) at a projector's 100x30: a talk
//! starts at step 1 whatever the rehearsal left, and keeps its progress apart from a
//! learner's; the room's wrong guess gets a verdict and the answer on the banner; a stray
//! `2` does not put the code on the projector; the shell typed in live fits the stage, with
//! the orphan's new parent in the trees on the same screen.
//!
//! Skipped (with the reason printed) without tmux, and the live part without any way to
//! make a PID namespace here; PIDNS_TUTOR_REQUIRE_LIVE=1 turns a skip into a failure.

mod common;
mod tmux_support;

use common::skip;
use tmux_support::*;

#[test]
fn a_talk_starts_at_step_1_after_a_rehearsal_and_keeps_its_own_progress() {
    if !have_tmux() {
        skip("tmux is not installed (scripts/test-deps.sh)");
        return;
    }
    let state = std::env::temp_dir().join(format!("pidns-tutor-talk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    let tmux = Tmux::new("talk", 100, 30);
    // The recording: the point is where a talk starts, not the lab.
    let run = |args: &str| {
        tmux.type_line(&format!(
            "env -u NO_PROGRESS XDG_STATE_HOME={} {BIN} --lang en --replay {args}; echo EXITED $?",
            state.display()
        ));
    };
    // The rehearsal: as far as step 8, then quit.
    run("--stage");
    tmux.wait_text(&format!(" 1/{LAST}"));
    tmux.keys(&["g", "8", "Enter"]);
    tmux.wait_text(&format!(" 8/{LAST}"));
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
    let dir = state.join("pidns-tutor");
    let talk: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("talk-progress.json")).unwrap()).unwrap();
    assert_eq!(talk["current_step"], "remount-proc");
    assert!(
        !dir.join("progress.json").exists(),
        "a rehearsal is not a learner's progress"
    );
    // --resume, when the speaker wants it, goes on from the rehearsal.
    tmux.keys(&["C-l"]);
    run("--stage --resume");
    tmux.wait_text(&format!(" 8/{LAST}"));
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
    // The talk: step 1, and nothing said about resuming.
    tmux.keys(&["C-l"]);
    run("--stage");
    let screen = tmux.wait_text(&format!(" 1/{LAST}"));
    assert!(
        screen.starts_with(&format!(" 1/{LAST}")),
        "the talk starts at step 1:\n{screen}"
    );
    assert!(!screen.contains("resuming"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
    assert!(!dir.join("progress.json").exists());
    let _ = std::fs::remove_dir_all(&state);
}

#[test]
fn on_stage_at_100x30_the_verdict_the_digits_and_the_live_shell() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    let tmux = Tmux::new("stage-live", 100, 30);
    let server = tmux.server_pid();
    tmux.type_line(&format!("{BIN} --lang en --stage; echo EXITED $?"));
    tmux.wait_text(&format!(" 1/{LAST}"));

    // The room guesses wrong at clone (1: the tutor's PID); the banner says so, with the
    // answer and the fact that decides it.
    tmux.keys(&["g", "4", "Enter"]);
    step(&tmux, 4);
    tmux.keys(&["Enter"]);
    tmux.wait_text("predict first");
    tmux.keys(&["1"]);
    let screen = tmux.wait_text("✗ You said 1); the answer: ");
    let banner = screen.lines().next().unwrap_or_default();
    assert!(banner.starts_with(&format!(" 4/{LAST}")), "{screen}");
    assert!(
        banner.contains("✗ You said 1); the answer: ") && banner.contains("getppid() = 0"),
        "the verdict and its fact on the banner:\n{screen}"
    );

    // A stray 2 does not put newpid.c on the projector.
    tmux.keys(&["2"]);
    let screen = tmux.wait_text("never zoom");
    assert!(!screen.contains("newpid.c"), "{screen}");
    assert!(
        screen.contains("✗ You said 1)"),
        "the trees stay:\n{screen}"
    );

    // The orphan demo typed live: the shell and the trees on one screen.
    tmux.keys(&["g", "9", "Enter"]);
    step(&tmux, 9);
    open_shell(&tmux);
    let ours = namespaces_under(server);
    let screen = tmux.screen();
    assert!(!screen.contains("needs"), "the shell fits:\n{screen}");
    tmux.type_line("sh -c 'sleep 200 & sleep 2'");
    // In one pane's cell of a line (the panes share screen lines).
    let reparented = |s: &str| {
        s.lines()
            .flat_map(|l| l.split(['│', '┃']))
            .any(|cell| cell.contains("sleep") && cell.contains("↱"))
    };
    let screen = tmux.wait_for("the orphan's new parent in the trees", reparented);
    assert!(
        screen.contains("sleep 200 &") && !screen.contains("needs"),
        "the shell's line on the same screen:\n{screen}"
    );
    tmux.keys(&["C-]"]);
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
    assert_terminal_normal(&tmux);
    assert_nothing_left(&ours);
}
