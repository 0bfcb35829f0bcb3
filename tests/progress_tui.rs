//! The TUI and progress, in a real terminal (tmux), on the bundled recording so no
//! namespace is needed: a corrupt progress file is moved aside and the lesson starts;
//! the next start resumes at the step the learner left on and says so; `--restart` and
//! `--step` override it; NO_PROGRESS reads and writes nothing. Skipped without tmux
//! (PIDNS_TUTOR_REQUIRE_LIVE=1 fails instead).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pidns-tutor");
/// The number of the last step (the summary).
const LAST: usize = pidns_tutor::lesson::Step::COUNT;

fn have_tmux() -> bool {
    if Command::new("tmux").arg("-V").output().is_ok() {
        return true;
    }
    common::skip("tmux is not installed (scripts/test-deps.sh)");
    false
}

/// One tmux server of our own running the TUI; killed on drop.
struct Tui {
    socket: String,
}

impl Tui {
    fn start(name: &str, state: &Path, env: &str, args: &str) -> Tui {
        let socket = format!("pidns-tutor-progress-{name}-{}", std::process::id());
        let tui = Tui { socket };
        let line = format!(
            "env -u TMUX -u NO_PROGRESS LANG=C.UTF-8 XDG_STATE_HOME={} {env} {BIN} --replay {args}; echo TUI-ENDED; sleep 60",
            state.display()
        );
        let status = tui
            .cmd()
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "160",
                "-y",
                "40",
            ])
            .arg(line)
            .status()
            .expect("start tmux");
        assert!(status.success());
        tui
    }

    fn cmd(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket]);
        command
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .expect("capture");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls (up to 10 s) until the screen shows `text`.
    fn wait_text(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "no {text:?} on the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "t"])
            .args(keys)
            .status();
        assert!(status.is_ok_and(|s| s.success()));
    }

    /// Quits with `q` and waits until the TUI has gone (and saved).
    fn quit(&self) {
        self.keys(&["q"]);
        self.wait_text("TUI-ENDED");
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

struct State(PathBuf);

impl State {
    fn new(name: &str) -> State {
        let dir =
            std::env::temp_dir().join(format!("pidns-tutor-tui-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pidns-tutor")).unwrap();
        State(dir)
    }

    fn file(&self) -> PathBuf {
        self.0.join("pidns-tutor/progress.json")
    }

    fn saved_step(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.file()).unwrap_or_default();
        serde_json::from_str::<serde_json::Value>(&text)
            .map_or(serde_json::Value::Null, |v| v["current_step"].clone())
    }
}

impl Drop for State {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_corrupt_file_is_moved_aside_and_the_lesson_starts() {
    if !have_tmux() {
        return;
    }
    let state = State::new("corrupt");
    std::fs::write(state.file(), "{ this is not progress").unwrap();
    let tui = Tui::start("corrupt", &state.0, "", "");
    let screen = tui.wait_text(&format!("1/{LAST}"));
    assert!(screen.contains("is not valid JSON"), "{screen}");
    tui.quit();
    let names: Vec<String> = std::fs::read_dir(state.0.join("pidns-tutor"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("progress.json.bad-")),
        "{names:?}"
    );
    assert_eq!(
        state.saved_step(),
        "namespaces",
        "a new file, with where the learner left"
    );
}

#[test]
fn the_next_start_resumes_where_the_learner_left() {
    if !have_tmux() {
        return;
    }
    let state = State::new("resume");
    std::fs::write(
        state.file(),
        r#"{"schema": 1, "current_step": "proc-leak"}"#,
    )
    .unwrap();
    let tui = Tui::start("resume", &state.0, "", "");
    let screen = tui.wait_text(&format!("7/{LAST}"));
    assert!(
        screen.contains(&format!("resuming at step 7/{LAST} (proc-leak)")),
        "{screen}"
    );
    tui.keys(&["Right"]);
    tui.wait_text(&format!("8/{LAST}"));
    tui.quit();
    assert_eq!(state.saved_step(), "remount-proc");
    drop(tui);

    for (name, args, title) in [("restart", "--restart", 1), ("step", "--step clone", 4)] {
        let tui = Tui::start(name, &state.0, "", args);
        let screen = tui.wait_text(&format!("{title}/{LAST}"));
        assert!(!screen.contains("resuming"), "{args}: {screen}");
        tui.quit();
    }
    assert_eq!(state.saved_step(), "clone");

    // A kiosk: the saved step is not read, and leaving writes nothing.
    let before = std::fs::read(state.file()).unwrap();
    let tui = Tui::start("kiosk", &state.0, "NO_PROGRESS=1", "");
    tui.wait_text(&format!("1/{LAST}"));
    tui.keys(&["Right"]);
    tui.wait_text(&format!("2/{LAST}"));
    tui.quit();
    assert_eq!(std::fs::read(state.file()).unwrap(), before);
}
