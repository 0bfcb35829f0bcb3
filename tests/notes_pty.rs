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

mod common;
mod tmux_support;

use common::Scratch;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};
use tmux_support::{BIN, LAST, Tmux, WAIT, have_tmux};

/// A private runtime directory for one test (mode 0700, as XDG wants), removed on drop.
struct Runtime(Scratch);

impl Runtime {
    fn new(name: &str) -> Runtime {
        let dir = Scratch::new(&format!("rt-{name}"));
        std::fs::set_permissions(&*dir, std::fs::Permissions::from_mode(0o700)).expect("chmod");
        Runtime(dir)
    }

    fn path(&self) -> &Path {
        &self.0
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

/// A tmux server of our own running one command in a 100x30 window; killed on drop.
struct Window(Tmux);

impl Window {
    fn run(name: &str, runtime: &Path, args: &[&str]) -> Window {
        Window::sized(name, runtime, args, (100, 30))
    }

    fn sized(name: &str, runtime: &Path, args: &[&str], (w, h): (u16, u16)) -> Window {
        let runtime_dir = format!("XDG_RUNTIME_DIR={}", runtime.display());
        // No saved progress: each TUI starts where the test says, not where the last run
        // on this machine stopped.
        let mut command = vec!["env", "-u", "TMUX", "LANG=C.UTF-8", "NO_PROGRESS=1"];
        command.extend([runtime_dir.as_str(), BIN]);
        command.extend(args);
        let window = Window(Tmux::running(&format!("notes-{name}"), w, h, &command));
        // Keep the window when the program exits, to read its last words.
        let _ = window
            .0
            .cmd()
            .args(["set-option", "-t", "t", "remain-on-exit", "on"])
            .status();
        window
    }

    fn keys(&self, keys: &[&str]) {
        self.0.keys(keys);
    }

    /// The process the window runs (`env` execs the tutor, so this is the tutor's pid).
    fn pid(&self) -> u32 {
        self.0.display("#{pane_pid}").parse().expect("a pid")
    }

    /// Polls the screen until every one of `texts` is on it.
    fn wait_for(&self, texts: &[&str]) -> String {
        self.0.wait_for(&format!("{texts:?}"), |screen| {
            texts.iter().all(|t| screen.contains(t))
        })
    }
}

#[test]
fn notes_follow_the_tui_through_a_talk() {
    if !have_tmux() {
        return;
    }
    let runtime = Runtime::new("follow");
    let notes = Window::run("notes", runtime.path(), &["notes"]);
    notes.wait_for(&["No pidns-tutor TUI is running", "Waiting for one"]);

    let tui = Window::run("tui", runtime.path(), &["--replay", "--lang", "en"]);
    let pid = tui.pid();
    let header = format!("pid {pid}");
    notes.wait_for(&[
        &header,
        &format!("1/{LAST} Namespaces"),
        "not run yet",
        "SAY",
        &format!("Next: 2/{LAST}"),
    ]);
    // The keys work on the notes' terminal, not the TUI's.
    let screen = notes.0.screen();
    assert!(screen.contains("r: reset talk timer"), "{screen}");

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
    if !have_tmux() {
        return;
    }
    let runtime = Runtime::new("pick");
    let first = Window::run("first", runtime.path(), &["--replay", "--step", "clone"]);
    let first_pid = first.pid();
    // The first TUI's socket exists before the second starts, so "newest" is well defined.
    let deadline = Instant::now() + WAIT;
    while runtime.sockets().is_empty() {
        assert!(Instant::now() < deadline, "the TUI made no socket");
        std::thread::sleep(Duration::from_millis(100));
    }
    // File times tick with the kernel's coarse clock: let it tick once.
    std::thread::sleep(Duration::from_millis(50));
    let second = Window::run(
        "second",
        runtime.path(),
        &["--replay", "--step", "proc-leak"],
    );
    let second_pid = second.pid();
    let deadline = Instant::now() + WAIT;
    while runtime.sockets().len() < 2 {
        assert!(Instant::now() < deadline, "the second TUI made no socket");
        std::thread::sleep(Duration::from_millis(100));
    }

    let newest = Window::run("newest", runtime.path(), &["notes"]);
    newest.wait_for(&[&format!("pid {second_pid}"), &format!("7/{LAST}")]);
    let named = Window::run(
        "named",
        runtime.path(),
        &["notes", "--pid", &first_pid.to_string()],
    );
    named.wait_for(&[&format!("pid {first_pid}"), &format!("4/{LAST}")]);

    // When the newest ends, the notes that followed it move on to the one left.
    second.keys(&["q"]);
    newest.wait_for(&[&format!("pid {first_pid}"), &format!("4/{LAST}")]);
    first.keys(&["q"]);
    named.wait_for(&[&format!("TUI (pid {first_pid}) has ended")]);
}

/// The first line of a screen and the talk's time on the second (`talk mm:ss`), in seconds.
fn talk_seconds(screen: &str) -> Option<u64> {
    let line = screen.lines().nth(1)?;
    let time = line.strip_prefix("talk ")?.split_whitespace().next()?;
    let (m, s) = time.split_once(':')?;
    Some(m.parse::<u64>().ok()? * 60 + s.parse::<u64>().ok()?)
}

/// On a laptop's 80x24 beside a talk on stage: the step, its title and the timers stay on
/// the first lines whatever the body holds; `--minutes` adds the pace; `r` resets the talk
/// timer; while the room votes the notes say so and give the speaker the answer; on stage
/// they describe the banner, not a live box.
#[test]
fn notes_at_80x24_keep_their_header_and_show_the_vote() {
    if !have_tmux() {
        return;
    }
    let runtime = Runtime::new("laptop");
    let tui = Window::run(
        "stage",
        runtime.path(),
        &["--replay", "--lang", "en", "--stage"],
    );
    let notes = Window::sized(
        "laptop",
        runtime.path(),
        &["notes", "--minutes", "20"],
        (80, 24),
    );
    let screen = notes.wait_for(&[&format!("1/{LAST} Namespaces [not run yet")]);
    let first: Vec<&str> = screen.lines().take(3).collect();
    assert!(
        first[0].starts_with(&format!("1/{LAST} Namespaces")),
        "{screen}"
    );
    assert!(
        first[1].starts_with("talk ") && first[1].contains("/ 20:00") && first[1].contains("step "),
        "{screen}"
    );
    assert!(first[2].starts_with(&format!("Next: 2/{LAST}")), "{screen}");
    assert!(
        screen.contains("stage: the banner over both trees"),
        "{screen}"
    );
    assert!(screen.lines().count() <= 24);

    // A long step: the header still leads the screen.
    tui.keys(&["g", "9", "Enter"]);
    let screen = notes.wait_for(&[&format!("9/{LAST} ")]);
    assert!(screen.starts_with(&format!("9/{LAST} ")), "{screen}");
    assert!(talk_seconds(&screen).is_some(), "{screen}");

    // The room votes at clone: the speaker sees that, and the answer.
    tui.keys(&["g", "4", "Enter"]);
    notes.wait_for(&[&format!("4/{LAST} ")]);
    tui.keys(&["Enter"]);
    let screen = notes.wait_for(&["[the room is voting]", "ANSWER, for you only: 3) 1 and 0"]);
    assert!(screen.starts_with(&format!("4/{LAST} ")), "{screen}");
    tui.keys(&["3"]);
    notes.wait_for(&["[ran]"]);

    // r: the talk starts now.
    let screen = notes.0.wait_for("the talk timer at 3 s or more", |s| {
        talk_seconds(s).is_some_and(|t| t >= 3)
    });
    let before = talk_seconds(&screen).unwrap_or_default();
    notes.keys(&["r"]);
    let screen = notes.0.wait_for("the talk timer reset", |s| {
        talk_seconds(s).is_some_and(|t| t < before)
    });
    assert!(
        screen
            .lines()
            .nth(1)
            .unwrap_or_default()
            .starts_with("talk 00:0"),
        "{screen}"
    );

    // q leaves the notes and gives the terminal back.
    notes.keys(&["q"]);
    notes.0.wait_for("the notes ended", |_| {
        notes.0.display("#{pane_dead}") == "1"
    });
    tui.keys(&["q"]);
}
