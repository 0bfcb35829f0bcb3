//! Speaker notes in a real terminal: `pidns-tutor notes` runs in one tmux window and the
//! TUI in another, as a speaker would have them. The notes wait for a TUI, follow it
//! through a step change, its action and a language switch, say when it ends, move on to
//! the newest TUI, and `--pid` picks one. The TUIs replay a recording: the notes need no
//! namespace. Every wait is a polling loop with a generous deadline, never a timing
//! assertion. Each test uses its own runtime directory, so other TUIs on the machine
//! are not seen.
//!
//! Skipped (with the reason printed) without tmux; PIDNS_TUTOR_REQUIRE_LIVE=1 turns a
//! skip into a failure.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The number of the last step (the summary).
const LAST: usize = pidns_tutor::lesson::Step::COUNT;
const BIN: &str = env!("CARGO_BIN_EXE_pidns-tutor");
const WAIT: Duration = Duration::from_secs(20);

fn tmux_or_skip() -> bool {
    if Command::new("tmux").arg("-V").output().is_ok() {
        return true;
    }
    if std::env::var_os("PIDNS_TUTOR_REQUIRE_LIVE").is_some_and(|v| v == "1") {
        panic!("cannot run the notes terminal test: tmux is not installed");
    }
    eprintln!("SKIPPED notes_pty: tmux is not installed");
    false
}

/// A private runtime directory for one test, removed on drop.
struct Runtime(PathBuf);

impl Runtime {
    fn new(name: &str) -> Runtime {
        let dir =
            std::env::temp_dir().join(format!("pidns-tutor-rt-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("runtime dir");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).expect("chmod");
        Runtime(dir)
    }

    fn sockets(&self) -> Vec<String> {
        std::fs::read_dir(self.0.join("pidns-tutor"))
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A tmux server of our own running one command in a 100x30 window; killed on drop.
struct Window {
    socket: String,
}

impl Window {
    fn run(name: &str, runtime: &Path, args: &[&str]) -> Window {
        let window = Window {
            socket: format!("pidns-tutor-notes-{name}-{}", std::process::id()),
        };
        let status = window
            .cmd()
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "100",
                "-y",
                "30",
            ])
            // No saved progress: each TUI starts where the test says, not where the last
            // run on this machine stopped.
            .args(["env", "-u", "TMUX", "LANG=C.UTF-8", "NO_PROGRESS=1"])
            .arg(format!("XDG_RUNTIME_DIR={}", runtime.display()))
            .arg(BIN)
            .args(args)
            .status()
            .expect("start tmux");
        assert!(status.success(), "tmux new-session failed");
        // Keep the window when the program exits, to read its last words.
        let _ = window
            .cmd()
            .args(["set-option", "-t", "t", "remain-on-exit", "on"])
            .status();
        window
    }

    fn cmd(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket]);
        command
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "t"])
            .args(keys)
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The process the window runs (`env` execs the tutor, so this is the tutor's pid).
    fn pid(&self) -> u32 {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "t", "#{pane_pid}"])
            .output()
            .expect("tmux display-message");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("a pid")
    }

    /// Polls the screen until every one of `texts` is on it.
    fn wait_for(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if texts.iter().all(|t| screen.contains(t)) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {texts:?}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

#[test]
fn notes_follow_the_tui_through_a_talk() {
    if !tmux_or_skip() {
        return;
    }
    let runtime = Runtime::new("follow");
    let notes = Window::run("notes", &runtime.0, &["notes"]);
    notes.wait_for(&["No pidns-tutor TUI is running", "Waiting for one"]);

    let tui = Window::run("tui", &runtime.0, &["--replay", "--lang", "en"]);
    let pid = tui.pid();
    let header = format!("pid {pid}");
    notes.wait_for(&[
        &header,
        &format!("1/{LAST} Namespaces"),
        "not run yet",
        "SAY",
        &format!("Next: 2/{LAST}"),
    ]);

    // The speaker moves on: the notes follow, and the audience's screen has none of them.
    tui.keys(&["Right"]);
    let screen = notes.wait_for(&[
        &format!("2/{LAST} Every process has a parent"),
        "not run yet",
        &format!("Next: 3/{LAST}"),
    ]);
    assert!(
        screen.contains("THE AUDIENCE SEES") && screen.contains("AVOID"),
        "{screen}"
    );
    let audience = tui.wait_for(&[&format!("2/{LAST}")]);
    assert!(
        !audience.contains("THE AUDIENCE SEES") && !audience.contains("Ask the room"),
        "{audience}"
    );
    tui.keys(&["Enter"]);
    notes.wait_for(&[&format!("2/{LAST} Every process has a parent"), "[ran]"]);
    tui.keys(&["L"]);
    notes.wait_for(&["말할 것", "청중이 볼 것", &format!("다음: 3/{LAST}")]);

    tui.keys(&["q"]);
    notes.wait_for(&[&format!("TUI (pid {pid}) has ended")]);
    assert!(
        runtime.sockets().is_empty(),
        "a socket outlived its TUI: {:?}",
        runtime.sockets()
    );
}

#[test]
fn notes_pick_the_newest_tui_or_the_one_named() {
    if !tmux_or_skip() {
        return;
    }
    let runtime = Runtime::new("pick");
    let first = Window::run("first", &runtime.0, &["--replay", "--step", "clone"]);
    let first_pid = first.pid();
    // The first TUI's socket exists before the second starts, so "newest" is well defined.
    let deadline = Instant::now() + WAIT;
    while runtime.sockets().is_empty() {
        assert!(Instant::now() < deadline, "the TUI made no socket");
        std::thread::sleep(Duration::from_millis(100));
    }
    // File times tick with the kernel's coarse clock: let it tick once.
    std::thread::sleep(Duration::from_millis(50));
    let second = Window::run("second", &runtime.0, &["--replay", "--step", "proc-leak"]);
    let second_pid = second.pid();
    let deadline = Instant::now() + WAIT;
    while runtime.sockets().len() < 2 {
        assert!(Instant::now() < deadline, "the second TUI made no socket");
        std::thread::sleep(Duration::from_millis(100));
    }

    let newest = Window::run("newest", &runtime.0, &["notes"]);
    newest.wait_for(&[&format!("pid {second_pid}"), &format!("7/{LAST}")]);
    let named = Window::run(
        "named",
        &runtime.0,
        &["notes", "--pid", &first_pid.to_string()],
    );
    named.wait_for(&[&format!("pid {first_pid}"), &format!("4/{LAST}")]);

    // When the newest ends, the notes that followed it move on to the one left.
    second.keys(&["q"]);
    newest.wait_for(&[&format!("pid {first_pid}"), &format!("4/{LAST}")]);
    first.keys(&["q"]);
    named.wait_for(&[&format!("TUI (pid {first_pid}) has ended")]);
}
