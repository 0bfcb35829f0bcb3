//! The TUI in a terminal of the test's own: a pseudo-terminal opened in this process
//! (portable-pty), its output parsed into a screen of cells (vt100). Keys in, text and
//! colours out, and the terminal as it was after quitting. Hermetic: it runs the bundled
//! recording (`--replay`), so it needs neither tmux nor root nor user namespaces, and runs
//! for every user on every machine. The live, tmux-driven tests are in tests/tui_pty.rs.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use vt100::Color;

const BIN: &str = env!("CARGO_BIN_EXE_pidns-tutor");
/// The number of the last step (the summary).
const LAST: usize = pidns_tutor::lesson::Step::COUNT;

/// How long to wait for text before failing with the screen: not a timing assertion,
/// only a bound so that a broken TUI fails instead of hanging.
const WAIT: Duration = Duration::from_secs(20);

/// The ANSI colour numbers ratatui's `Black` and `Yellow` are sent as (`ESC[38;5;Nm`).
const BLACK: Color = Color::Idx(0);
const YELLOW: Color = Color::Idx(3);

/// The tutor running in a pty of ours; killed and reaped on drop.
struct Tui {
    screen: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    /// The pty's line discipline flags before the tutor started.
    found_lflag: libc::tcflag_t,
}

impl Tui {
    fn start(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let found_lflag = lflag(&*pair.master);
        let mut command = CommandBuilder::new(BIN);
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        command.env_remove("NO_COLOR");
        // `--theme auto` (the default) would follow the terminal this test runs in.
        command.env_remove("COLORFGBG");
        // No saved progress read or written: one test's `--step clone` would otherwise be
        // where the next one resumes.
        command.env("NO_PROGRESS", "1");
        for (key, value) in env {
            command.env(key, value);
        }
        command.cwd("/");
        let child = pair.slave.spawn_command(command).expect("start the tutor");
        // Only the child holds the terminal's other end now: when it ends, we read EOF.
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut input = pair.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&screen);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = input.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("screen").process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Tui {
            screen,
            master: pair.master,
            writer,
            child,
            reader: Some(reader),
            found_lflag,
        }
    }

    /// The screen now.
    fn screen(&self) -> vt100::Screen {
        self.screen.lock().expect("screen").screen().clone()
    }

    /// Waits until `text` is on the screen; returns the screen.
    fn wait_for(&self, text: &str) -> vt100::Screen {
        self.wait_until(&format!("{text:?} to appear"), |s| s.contains(text))
    }

    /// Waits until `text` is no longer on the screen; returns the screen.
    fn wait_gone(&self, text: &str) -> vt100::Screen {
        self.wait_until(&format!("{text:?} to go"), |s| !s.contains(text))
    }

    fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> vt100::Screen {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if done(&screen.contents()) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited in vain for {what}; the screen:\n{}",
                screen.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("type");
        self.writer.flush().expect("flush");
    }

    /// Waits for the tutor to end and for the last of its output; its exit code.
    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + WAIT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(Instant::now() < deadline, "the tutor did not quit");
            std::thread::sleep(Duration::from_millis(20));
        };
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        status.exit_code()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The line discipline flags of the pty (the master sees the terminal's modes).
fn lflag(master: &dyn MasterPty) -> libc::tcflag_t {
    let fd = master.as_raw_fd().expect("the pty's descriptor");
    let mut modes = std::mem::MaybeUninit::<libc::termios>::uninit();
    // SAFETY: tcgetattr fills the struct on success, and only then is it read.
    assert_eq!(unsafe { libc::tcgetattr(fd, modes.as_mut_ptr()) }, 0);
    // SAFETY: tcgetattr returned 0 (asserted above), so it filled the struct.
    unsafe { modes.assume_init() }.c_lflag
}

/// Row and column of the first place `text` starts on the screen.
fn find(screen: &vt100::Screen, text: &str) -> Option<(u16, u16)> {
    let (rows, cols) = screen.size();
    (0..rows).find_map(|row| {
        let line = screen.contents_between(row, 0, row, cols);
        let at = line.find(text)?;
        // Columns count cells, not bytes: everything before is one cell per char here,
        // except wide characters, which take two.
        let col = line[..at]
            .chars()
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as u16)
            .sum();
        Some((row, col))
    })
}

/// The cells under `text` where it first appears, or a failure with the screen.
fn cells_of(screen: &vt100::Screen, text: &str) -> Vec<vt100::Cell> {
    let Some((row, col)) = find(screen, text) else {
        panic!("{text:?} is not on the screen:\n{}", screen.contents());
    };
    (col..col + text.chars().count() as u16)
        .filter_map(|c| screen.cell(row, c).cloned())
        .collect()
}

#[test]
fn keys_move_through_the_lesson_and_highlights_have_their_colours() {
    let mut tui = Tui::start(
        &["--replay", "--lang", "en", "--step", "clone"],
        &[],
        120,
        36,
    );
    // The status bar (with the label) is the bottom row: the last the first frame draws.
    let screen = tui.wait_for("RECORDED");
    assert!(
        screen.alternate_screen(),
        "the TUI draws on the alternate screen"
    );
    assert_ne!(
        lflag(&*tui.master),
        tui.found_lflag,
        "the TUI reads keys in raw mode (no echo, no line editing)"
    );

    // The recording is labelled: black on yellow, bold, on the status bar.
    for cell in cells_of(&screen, "RECORDED") {
        assert_eq!(
            (cell.fgcolor(), cell.bgcolor(), cell.bold()),
            (BLACK, YELLOW, true),
            "the RECORDED label's colours:\n{}",
            screen.contents()
        );
    }
    // The code pane highlights the lines of newpid.c the step is about, the clone() call,
    // quietly: yellow bold text, no block of colour (the trees are the show).
    let hit = cells_of(&screen, "clone(child_main");
    assert!(
        hit.iter()
            .all(|c| c.fgcolor() == YELLOW && c.bgcolor() == Color::Default && c.bold()),
        "the step's line in the code pane is not highlighted:\n{}",
        screen.contents()
    );

    // Keys: next step, then back, then help over it.
    tui.keys(b"l");
    tui.wait_for(&format!("5/{LAST}"));
    tui.keys(b"p");
    tui.wait_for(&format!("4/{LAST}"));
    tui.keys(b"?");
    let goto = format!("g 1-{LAST}");
    tui.wait_for(&goto);
    tui.keys(b"\x1b");
    let screen = tui.wait_gone(&goto);
    let back = format!("4/{LAST}");
    assert!(screen.contents().contains(&back), "{}", screen.contents());

    tui.keys(b"q");
    assert_eq!(tui.exit_code(), 0);
    let screen = tui.screen();
    assert!(!screen.alternate_screen(), "left on the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is still hidden");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting is still on"
    );
    assert_eq!(
        lflag(&*tui.master),
        tui.found_lflag,
        "the terminal's modes (echo, line editing) are not as they were"
    );
}

#[test]
fn no_color_marks_highlights_without_colour() {
    let mut tui = Tui::start(
        &["--replay", "--lang", "en", "--step", "clone"],
        &[("NO_COLOR", "1")],
        120,
        36,
    );
    let screen = tui.wait_for("RECORDED");
    let hit = cells_of(&screen, "clone(child_main");
    assert!(
        hit.iter().all(|c| c.bold()
            && c.underline()
            && !c.inverse()
            && c.fgcolor() == Color::Default
            && c.bgcolor() == Color::Default),
        "NO_COLOR: the step's line should be bold and underlined, uncoloured (reverse video \
         is the trees' highlight):\n{}",
        screen.contents()
    );
    let (rows, cols) = screen.size();
    for row in 0..rows {
        for col in 0..cols {
            let cell = screen.cell(row, col).expect("cell");
            assert_eq!(
                (cell.fgcolor(), cell.bgcolor()),
                (Color::Default, Color::Default),
                "NO_COLOR but a colour at {row},{col}"
            );
        }
    }
    tui.keys(b"q");
    assert_eq!(tui.exit_code(), 0);
    assert!(!tui.screen().alternate_screen());
}

#[test]
fn ctrl_c_also_restores_the_terminal() {
    let mut tui = Tui::start(&["--replay", "--lang", "ko"], &[], 100, 30);
    tui.wait_for(&format!("1/{LAST}"));
    tui.keys(b"\x03");
    assert_eq!(tui.exit_code(), 0);
    let screen = tui.screen();
    assert!(!screen.alternate_screen() && !screen.hide_cursor());
    assert_eq!(lflag(&*tui.master), tui.found_lflag);
}

/// Guess, then reveal: Enter at clone asks first, a digit answers, the step runs, and the
/// live box says whether the guess was right (in green) next to the recorded value; the
/// answer is in the progress file under XDG_STATE_HOME when the TUI has gone.
#[test]
fn a_guess_before_the_reveal_is_judged_and_kept() {
    let state =
        std::env::temp_dir().join(format!("pidns-tutor-vt100-guess-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    let state_dir = state.display().to_string();
    let mut tui = Tui::start(
        &["--replay", "--lang", "en", "--step", "clone"],
        &[("NO_PROGRESS", "0"), ("XDG_STATE_HOME", &state_dir)],
        100,
        30,
    );
    tui.wait_for("RECORDED");
    tui.keys(b"\r");
    let asked = tui.wait_for("predict first");
    assert!(
        !asked.contents().contains("Observed when it was recorded"),
        "revealed before the guess:\n{}",
        asked.contents()
    );
    tui.keys(b"3");
    // Both in one frame: a screen read while a frame is half written (a loaded machine)
    // may hold the one without the other yet.
    let judged = tui.wait_until("the judged guess beside the recorded value", |s| {
        s.contains("You said 3) 1 and 0: right.")
            && s.contains("Recorded: getpid() = 1, getppid() = 0.")
    });
    const GREEN: Color = Color::Idx(2);
    assert!(
        cells_of(&judged, "right.")
            .iter()
            .all(|c| c.fgcolor() == GREEN),
        "a right guess is said in green:\n{}",
        judged.contents()
    );
    tui.keys(b"q");
    assert_eq!(tui.exit_code(), 0);
    let saved = std::fs::read(state.join("pidns-tutor/progress.json")).expect("saved");
    let _ = std::fs::remove_dir_all(&state);
    let saved: serde_json::Value = serde_json::from_slice(&saved).expect("JSON");
    assert_eq!(
        saved["steps"]["clone"]["prediction"]["choice"],
        "one-and-zero"
    );
    assert_eq!(saved["steps"]["clone"]["prediction"]["right"], true);
    assert_eq!(saved["current_step"], "clone");
}
