//! The TUI and progress, in a real terminal (tmux), on the bundled recording so no
//! namespace is needed: a corrupt progress file is moved aside and the lesson starts;
//! the next start resumes at the step the learner left on and says so; `--restart` and
//! `--step` override it; NO_PROGRESS reads and writes nothing. Skipped without tmux
//! (PIDNS_TUTOR_REQUIRE_LIVE=1 fails instead).

mod common;
mod tmux_support;

use common::Scratch;
use std::path::{Path, PathBuf};
use tmux_support::{BIN, LAST, Tmux, have_tmux};

/// One tmux server of our own running the TUI; killed on drop.
struct Tui(Tmux);

impl Tui {
    fn start(name: &str, state: &Path, env: &str, args: &str) -> Tui {
        let line = format!(
            "env -u TMUX -u NO_PROGRESS LANG=C.UTF-8 XDG_STATE_HOME={} {env} {BIN} --replay {args}; echo TUI-ENDED; sleep 60",
            state.display()
        );
        Tui(Tmux::running(
            &format!("progress-{name}"),
            160,
            40,
            &[&line],
        ))
    }

    fn wait_text(&self, text: &str) -> String {
        self.0.wait_text(text)
    }

    fn keys(&self, keys: &[&str]) {
        self.0.keys(keys);
    }

    /// Quits with `q` and waits until the TUI has gone (and saved).
    fn quit(&self) {
        self.keys(&["q"]);
        self.wait_text("TUI-ENDED");
    }
}

/// An XDG state directory of the test's own, removed on drop.
struct State(Scratch);

impl State {
    fn new(name: &str) -> State {
        let dir = Scratch::new(&format!("tui-{name}"));
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
