//! The learner's loop in a real terminal (tmux, the built binary, the real kernel): the
//! shell pane stays the centre of it. A run that would end the lab while the step's task
//! is not done asks first, and a shell rebuilt with the lab prompts once; while the shell
//! is open the trees show the lab now, even at a step's BEFORE snapshot.
//!
//! Skipped (with the reason printed) without tmux or without any way to make a PID
//! namespace here; PIDNS_TUTOR_REQUIRE_LIVE=1 turns a skip into a failure.

mod common;
mod tmux_support;

use tmux_support::*;

/// The text of the shell pane's rows: left of the host's tree.
fn shell_column(screen: &str) -> String {
    let (host, _) = pane_columns(screen);
    column(screen, 0, host)
}

#[test]
fn init_signals_asks_before_ending_the_lab_and_a_rebuilt_shell_prompts_once() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    let tmux = Tmux::new("teardown", 160, 48);
    let server = tmux.server_pid();
    start_tutor(&tmux, "");
    tmux.keys(&["g", "1", "0", "Enter"]);
    step(&tmux, 10);
    tmux.wait_text(" s shell ");
    open_shell(&tmux);
    let mut ours = namespaces_under(server);
    // The habitual Enter, the task not done: the guess, then asked, and Esc keeps the lab.
    tmux.keys(&["C-]", "Enter"]);
    tmux.wait_text("predict first");
    tmux.keys(&["1"]);
    let asked = tmux.wait_text("Esc/n: do the task first");
    assert!(asked.contains("this run ends the lab"), "{asked}");
    tmux.keys(&["Escape"]);
    tmux.wait_text("Not run: do the task in the shell first");
    tmux.keys(&["s"]);
    tmux.type_line("echo \"alive=$$\"");
    let screen = tmux.wait_for("the shell still there", |s| {
        number_after(s, "alive=").is_some()
    });
    assert!(!screen.contains("The namespace is gone"), "{screen}");

    // Yes this time: the run, and the lab ends with the shell in it.
    tmux.keys(&["C-]", "Enter"]);
    tmux.wait_text("Esc/n: do the task first");
    tmux.keys(&["y"]);
    tmux.wait_text("Observed just now");
    tmux.wait_text("The namespace is gone");
    ours.extend(namespaces_under(server));

    // Back a step rebuilds the lab and a new shell in it: its prompt drawn once, not
    // after the old shell's last one.
    tmux.keys(&["Left"]);
    step(&tmux, 9);
    tmux.wait_for("the new shell's prompt", |s| {
        shell_column(s).contains("@namespace:")
    });
    tmux.keys(&["s"]);
    tmux.type_line("echo \"mark=$$\"");
    // The answer and the prompt after it: the screen is read only once both are drawn.
    let screen = tmux.wait_for("the new shell's answer and its next prompt", |s| {
        number_after(s, "mark=").is_some()
            && shell_column(s)
                .rsplit_once("mark=")
                .is_some_and(|(_, after)| after.contains("@namespace:"))
    });
    ours.extend(namespaces_under(server));
    let prompts = shell_column(&screen).matches("@namespace:").count();
    // One prompt that `echo` was typed at, one after it.
    assert_eq!(prompts, 2, "a doubled prompt:\n{screen}");
    tmux.keys(&["C-]", "q"]);
    tmux.wait_text("EXITED 0");
    assert_nothing_left(&ours);
}

#[test]
fn before_is_live_while_the_shell_is_open() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    let tmux = Tmux::new("nowlive", 160, 48);
    let server = tmux.server_pid();
    start_tutor(&tmux, "");
    tmux.keys(&["g", "9", "Enter"]);
    step(&tmux, 9);
    // The status bar offers the shell once the lab is there.
    tmux.wait_text(" s shell ");
    open_shell(&tmux);
    tmux.keys(&["C-]", "Enter"]);
    tmux.wait_text("predict first");
    tmux.keys(&["1"]);
    tmux.wait_text(" BEFORE   Enter: after");
    let ours = namespaces_under(server);
    // Typed in the shell, shown in both trees: they show the lab now, and say so.
    tmux.keys(&["s"]);
    tmux.type_line("sleep 377 &");
    let screen = tmux.wait_for("the sleep in both trees", |s| {
        let (host, ns) = pane_columns(s);
        column(s, host, ns).contains("─sleep ") && column(s, ns, 160).contains("─sleep ")
    });
    assert!(screen.contains(" NOW "), "labelled as now:\n{screen}");
    // `b` still shows the snapshot taken before the change.
    tmux.keys(&["C-]", "b"]);
    tmux.wait_text(" BEFORE   Enter: after");
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
    assert_nothing_left(&ours);
}

/// At a step whose trees hold an experiment's still (no-reaper: its sandbox is gone), the
/// learner's shell runs in the lab beside it: with the shell open the trees show that lab
/// now, not the still, and `b` goes back to the experiment's moments.
#[test]
fn an_experiments_still_gives_way_to_the_lab_while_the_shell_is_open() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    let tmux = Tmux::new("stillnow", 160, 48);
    let server = tmux.server_pid();
    start_tutor(&tmux, "");
    tmux.keys(&["g", "1", "6", "Enter"]);
    step(&tmux, 16);
    tmux.keys(&["Enter"]);
    tmux.wait_text("predict first");
    tmux.keys(&["1"]);
    tmux.wait_text(" BEFORE   Enter: after");
    tmux.wait_text("held on screen");
    let ours = namespaces_under(server);
    open_shell(&tmux);
    tmux.type_line("sleep 377 &");
    let screen = tmux.wait_for("the sleep in both trees", |s| {
        let (host, ns) = pane_columns(s);
        column(s, host, ns).contains("─sleep ") && column(s, ns, 160).contains("─sleep ")
    });
    assert!(screen.contains(" NOW "), "labelled as now:\n{screen}");
    assert!(!screen.contains("held on screen"), "{screen}");
    tmux.keys(&["C-]", "b"]);
    let screen = tmux.wait_text(" BEFORE   Enter: after");
    assert!(screen.contains("held on screen"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
    assert_nothing_left(&ours);
}
