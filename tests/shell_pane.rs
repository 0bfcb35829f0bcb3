//! The shell pane in a real terminal (tmux), against the real kernel, as root and as uid
//! 65534 through a user namespace: a job started in it shows up in both trees with its
//! `host(ns)` label and is a member of the lab's PID namespace; `ps` after the remount
//! lists only the namespace; a proc mounted by hand leaves a shared host's mount table as
//! it was; `Ctrl-]` gives the keys back and `q` quits, leaving nothing behind. Also:
//! resize, a full-screen program, scrollback, a 100 KB paste, and no shell to run.
//!
//! Skipped (with the reason printed) without tmux or without any way to make a PID
//! namespace here; PIDNS_TUTOR_REQUIRE_LIVE=1 turns a skip into a failure.

mod common;
mod tmux_support;

use std::collections::BTreeSet;
use tmux_support::*;

/// Who runs the tutor: whoever runs the tests (root: root mode; a user: userns mode), or,
/// when that is root, uid 65534 too (then in a user namespace).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Me,
    Nobody,
}

fn people() -> Vec<Who> {
    let mut who = vec![Who::Me];
    if common::as_nobody("true").is_some() {
        who.push(Who::Nobody);
    } else if common::is_root() {
        common::skip("setpriv(1) is not installed (scripts/test-deps.sh)");
    } else {
        common::skip_needs_root("the run as uid 65534 (this user's run is the userns one)");
    }
    who
}

/// Starts the tutor at `step` (an id) in `tmux`, as `who`, with `env` before it. Keep
/// what it returns while the tutor runs: uid 65534 runs a copy that goes with it.
#[must_use]
fn start(tmux: &Tmux, who: Who, env: &str, step_id: &str) -> Option<common::Reachable> {
    let (program, copy) = match who {
        Who::Me => (BIN.to_string(), None),
        Who::Nobody => {
            let copy = common::reachable_copy(BIN);
            let line = format!(
                "setpriv --reuid=65534 --regid=65534 --clear-groups -- {}",
                copy.display()
            );
            (line, Some(copy))
        }
    };
    // From /, which uid 65534 may enter (the shell inside starts where the tutor is).
    tmux.type_line(&format!(
        "cd / && {env} {program} --lang en --step {step_id}; echo EXITED $?"
    ));
    copy
}

/// The shell's host PID, from the pane's title (`bash 4242(2)`).
fn shell_pid(screen: &str) -> i32 {
    let top = screen.lines().next().unwrap_or("");
    number_after(top, "bash ").unwrap_or_else(|| panic!("no shell in the title: {top}")) as i32
}

fn comm(pid: i32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

fn children(pid: i32) -> Vec<i32> {
    all_pids()
        .into_iter()
        .filter(|&p| ppid(p) == Some(pid))
        .collect()
}

fn quit(tmux: &Tmux, ours: &BTreeSet<u64>) {
    tmux.keys(&["C-]"]);
    tmux.wait_for("the keys back in the lesson", |s| s.contains("q quit"));
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
    assert_nothing_left(ours);
}

/// `sleep 300 &` typed in the pane: it shows in both trees as `sleep HOST(NS)`, and it is
/// in the agent's PID namespace. Then a proc mounted by hand changes nothing on a host
/// whose mounts are shared, and Ctrl-] and q end it all.
#[test]
fn a_job_in_the_pane_is_a_member_of_the_lab_in_both_trees() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    for who in people() {
        // Only root can make the host's mounts shared in a sandbox; a user's tutor is
        // checked against the real host's mount table, which it cannot change either.
        let name = format!("job-{who:?}");
        let tmux = if common::is_root() {
            Tmux::on_a_shared_host(&name, 160, 48)
        } else {
            Tmux::new(&name, 160, 48)
        };
        let server = tmux.server_pid();
        let table = format!("/proc/{server}/mountinfo");
        let mounts = std::fs::read_to_string(&table).expect("the sandbox's mounts");
        let _copy = start(&tmux, who, "", "proc-leak");
        step(&tmux, 7);
        open_shell(&tmux);
        let screen = tmux.wait_for("the shell in the title", |s| {
            number_after(s.lines().next().unwrap_or(""), "bash ").is_some()
        });
        let shell = shell_pid(&screen);
        let tutor = tutor_under(server);
        let agent = children(tutor)
            .into_iter()
            .find(|&p| comm(p) == "pidns-agent")
            .expect("the agent");
        assert_eq!(
            ppid(shell),
            Some(agent),
            "{who:?}: the shell is the agent's child"
        );

        tmux.type_line("sleep 300 & echo \"job=$!\"");
        let screen = tmux.wait_for("the job's PID", |s| number_after(s, "job=").is_some());
        let job = number_after(&screen, "job=").unwrap_or_default();
        // bash prints `$!` once it has forked, but the child is named `sleep` only after
        // its exec, which a loaded machine may not have reached yet: ask for a while.
        let sleep = (0..500)
            .find_map(|_| {
                let found = children(shell).into_iter().find(|&p| comm(p) == "sleep");
                if found.is_none() {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                found
            })
            .expect("the sleep, a child of the shell");
        assert_eq!(
            pid_ns(sleep),
            pid_ns(agent),
            "{who:?}: in the lab's namespace"
        );
        // Both numbers in the host's tree; in the namespace's, its own (before proc-leak
        // has run, that pane shows the lab by its own numbers, not its leaking /proc).
        let label = format!("sleep {sleep}({job})");
        let own = format!("sleep {job}");
        let screen = tmux.wait_for(&label, |s| {
            let (host_col, ns_col) = pane_columns(s);
            column(s, host_col, ns_col).contains(&label) && column(s, ns_col, 160).contains(&own)
        });
        assert!(screen.contains("◀ your shell"), "{who:?}:\n{screen}");
        let ours = namespaces_under(server);

        // The learner fixes the leak by hand: the host's mount table stays as it was.
        tmux.type_line("mount -t proc proc /proc && echo \"mounted=$(readlink /proc/self)\"");
        let screen = tmux.wait_for("the mount", |s| number_after(s, "mounted=").is_some());
        assert!(
            number_after(&screen, "mounted=").is_some_and(|p| p < 100),
            "{who:?}: the new proc counts inside:\n{screen}"
        );
        let after = std::fs::read_to_string(&table).expect("the sandbox's mounts");
        assert_eq!(mounts, after, "{who:?}: the host's mount table changed");
        quit(&tmux, &ours);
        assert_eq!(
            std::fs::read_to_string(&table).expect("mounts"),
            mounts,
            "{who:?}"
        );
    }
}

/// After the remount a new shell sees the namespace's own /proc: `ps -e` lists the agent
/// as PID 1 and nothing of the host.
#[test]
fn ps_after_the_remount_lists_only_the_namespace() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    for who in people() {
        let tmux = Tmux::new(&format!("ps-{who:?}"), 160, 48);
        let server = tmux.server_pid();
        let _copy = start(&tmux, who, "", "orphan-reaping");
        step(&tmux, 9);
        open_shell(&tmux);
        tmux.type_line("ps -e -o pid=,comm= | tr -s ' \\n' ' '; echo ' PS''END'");
        let screen = tmux.wait_text("PSEND");
        let line = screen
            .lines()
            .find(|l| l.contains("PSEND"))
            .unwrap_or_default();
        let listed = line
            .trim_matches(|c: char| !c.is_ascii_alphanumeric())
            .split("PSEND")
            .next()
            .unwrap_or_default();
        let words: Vec<&str> = listed.split_whitespace().collect();
        let pairs: Vec<(i32, &str)> = words
            .chunks(2)
            .filter_map(|p| Some((p.first()?.parse().ok()?, *p.get(1)?)))
            .collect();
        assert!(pairs.contains(&(1, "pidns-agent")), "{who:?}: {line}");
        for (pid, name) in &pairs {
            assert!(
                ["pidns-agent", "bash", "ps", "tr"].contains(name) && *pid < 100,
                "{who:?}: {pid} {name} is not the namespace's: {line}"
            );
        }
        quit(&tmux, &namespaces_under(server));
    }
}

/// The pane follows the window's size (the shell gets SIGWINCH), runs a full-screen
/// program, scrolls back, takes a 100 KB paste without freezing, and says so when there
/// is no shell to run.
#[test]
fn resize_full_screen_scrollback_paste_and_no_shell() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    let tmux = Tmux::new("terminal", 160, 48);
    let server = tmux.server_pid();
    let _copy = start(&tmux, Who::Me, "", "hostname");
    step(&tmux, 5);
    open_shell(&tmux);
    tmux.type_line("echo \"rows=$(tput lines) cols=$(tput cols)\"");
    let screen = tmux.wait_for("the size", |s| number_after(s, "cols=").is_some());
    let before = (
        number_after(&screen, "rows="),
        number_after(&screen, "cols="),
    );
    let status = tmux
        .cmd()
        .args(["resize-window", "-t", "t", "-x", "130", "-y", "40"])
        .status()
        .expect("tmux resize-window");
    assert!(status.success());
    tmux.keys(&["C-l"]);
    tmux.type_line("echo \"rows2=$(tput lines) cols2=$(tput cols)\"");
    let screen = tmux.wait_for("the new size", |s| number_after(s, "cols2=").is_some());
    let after = (
        number_after(&screen, "rows2="),
        number_after(&screen, "cols2="),
    );
    assert_ne!(
        before, after,
        "the shell did not learn the new size:\n{screen}"
    );

    // A full-screen program: less, to its end and out again.
    tmux.type_line("seq 1 500 | less");
    tmux.wait_for("less's prompt", |s| s.lines().any(|l| l.starts_with("┃:")));
    tmux.keys(&["G"]);
    tmux.wait_text("(END)");
    tmux.keys(&["q"]);
    tmux.wait_for("less gone", |s| !s.contains("(END)"));

    // Scrollback: Shift-PageUp shows how far back, any key comes back down.
    tmux.type_line("seq 1 300");
    tmux.wait_for("the last line", |s| {
        s.lines().any(|l| l.starts_with("┃300 "))
    });
    tmux.keys(&["S-PPage"]);
    tmux.wait_text("lines back");
    tmux.keys(&["S-NPage", "S-NPage", "S-NPage"]);
    tmux.wait_for("the bottom again", |s| !s.contains("lines back"));

    // 100 KB pasted into `wc -c`: all of it arrives, and the TUI still answers.
    let scratch = common::Scratch::new("paste");
    let file = scratch.join("paste");
    let line = format!("{}\n", "x".repeat(99));
    std::fs::write(&file, line.repeat(1000)).expect("write the paste");
    // Without echo: the terminal echoes a paste as it arrives, and that echo may come
    // after wc's answer, pushing it off the screen.
    tmux.type_line("stty -echo; wc -c; stty echo");
    for args in [
        vec!["load-buffer".to_string(), file.display().to_string()],
        vec!["paste-buffer".into(), "-p".into(), "-t".into(), "t".into()],
    ] {
        let status = tmux.cmd().args(&args).status().expect("tmux paste");
        assert!(status.success());
    }
    tmux.keys(&["C-d"]);
    tmux.wait_text("100000");
    tmux.keys(&["C-]", "?"]);
    tmux.wait_text(&format!("g 1-{LAST}"));
    tmux.keys(&["Escape"]);
    quit(&tmux, &namespaces_under(server));

    // No shell to run: the pane says why, Esc closes it, and the lesson goes on.
    let tmux = Tmux::new("noshell", 160, 48);
    let server = tmux.server_pid();
    let _copy = start(
        &tmux,
        Who::Me,
        "PIDNS_TUTOR_SHELL=/nonexistent/shell",
        "hostname",
    );
    step(&tmux, 5);
    // Root mode asks before it opens a root shell; userns mode opens it at once.
    tmux.keys(&["s"]);
    let screen = tmux.wait_for("the question or the pane", |s| {
        s.contains("Enter/y: open it") || s.contains("could not start")
    });
    if screen.contains("Enter/y: open it") {
        tmux.keys(&["Enter"]);
    }
    let screen = tmux.wait_text("could not start");
    assert!(screen.contains("/nonexistent/shell"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the pane closed", |s| !s.contains("could not start"));
    let ours = namespaces_under(server);
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
    assert_nothing_left(&ours);
}

/// The keys a terminal sends reach the shell: Ctrl-C interrupts what runs in it (and does
/// not quit the lesson), and `exit` closes the pane.
#[test]
fn ctrl_c_is_the_shells_and_exit_closes_the_pane() {
    let _serial = serial();
    if !can_run() {
        return;
    }
    let tmux = Tmux::new("ctrlc", 120, 36);
    let server = tmux.server_pid();
    let _copy = start(&tmux, Who::Me, "", "kill-parent");
    step(&tmux, 6);
    open_shell(&tmux);
    tmux.type_line("sleep 1000");
    tmux.wait_for("the sleep in the trees", |s| s.contains("─sleep "));
    tmux.keys(&["C-c"]);
    tmux.type_line("echo \"status=$?\"");
    let screen = tmux.wait_for("the interrupted sleep", |s| {
        number_after(s, "status=").is_some()
    });
    assert_eq!(number_after(&screen, "status="), Some(130), "{screen}");
    let ours = namespaces_under(server);
    tmux.type_line("exit");
    tmux.wait_for("the pane closed", |s| {
        !s.contains("shell in the lab's namespace")
    });
    tmux.keys(&["q"]);
    tmux.wait_text("EXITED 0");
    assert_nothing_left(&ours);
}
