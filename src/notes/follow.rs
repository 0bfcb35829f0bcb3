//! `pidns-tutor notes`: finds the running TUI's socket (the newest, or the one `--pid`
//! names), shows the notes for its step, and follows it: a new screen on every update,
//! the timers every second. With no TUI, or when it ends, it says so and waits for one.
//!
//! In a terminal the notes take keys (raw mode, on a screen of their own, both given back
//! on the way out, on SIGTERM and SIGHUP too): `r` resets the talk timer, arrows and
//! PgUp/PgDn scroll the notes under a header that never scrolls away, `q` or Ctrl-C quit.

use super::talk::TalkClock;
use super::view::{NotesScreen, Sources, render, wrap};
use super::{Update, now_ms, socket_dir, socket_path, sockets};
use crate::lang::Lang;
use crate::lesson::Lesson;
use crate::record::Recording;
use anyhow::{Context, Result};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError, channel};
use std::time::Duration;

/// How often to look for a TUI while there is none.
const RETRY: Duration = Duration::from_millis(500);
/// How often the timers are redrawn.
const TICK: Duration = Duration::from_secs(1);
/// How long a key is waited for before the socket is looked at again.
const KEY_WAIT: Duration = Duration::from_millis(100);

/// What `notes` takes.
#[derive(clap::Args, Debug, Clone)]
pub struct NotesArgs {
    /// Follow the TUI with this process id [default: the newest one running]
    #[arg(long)]
    pub pid: Option<u32>,
    /// The talk's slot in minutes: the header shows whether the talk is ahead or behind
    /// (each step an equal share)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=600))]
    pub minutes: Option<u32>,
}

/// What a key asks for.
enum Action {
    Quit,
    ResetTalk,
    Scroll(i32),
    Redraw,
}

/// Where the notes are written: a terminal gets a screen of its own that takes keys;
/// anything else one block per update (no timers, no escape codes, no keys).
struct Screen {
    out: std::io::Stdout,
    tty: bool,
    /// Rows the body is scrolled down.
    scroll: usize,
    /// Set by SIGTERM or SIGHUP: leave, giving the terminal back.
    stop: Arc<AtomicBool>,
}

impl Screen {
    fn size(&self) -> (usize, usize) {
        if self.tty
            && let Ok((w, h)) = ratatui::crossterm::terminal::size()
        {
            return (usize::from(w), usize::from(h));
        }
        (80, usize::MAX)
    }

    fn width(&self) -> usize {
        self.size().0
    }

    /// The header, then as much of the body as fits under it from `scroll` on (a last
    /// line says how much more there is).
    fn show_notes(&mut self, notes: &NotesScreen) -> Result<()> {
        let (_, height) = self.size();
        let room = height.saturating_sub(notes.header.len()).max(1);
        let max = notes.body.len().saturating_sub(room);
        self.scroll = self.scroll.min(max);
        let mut lines = notes.header.clone();
        let shown = if notes.body.len() - self.scroll > room {
            room.saturating_sub(1)
        } else {
            room
        };
        lines.extend(notes.body.iter().skip(self.scroll).take(shown).cloned());
        let below = notes.body.len().saturating_sub(self.scroll + shown);
        if below > 0 {
            lines.push(format!("↓ {below} more (↓ PgDn)"));
        }
        self.show(&lines)
    }

    fn show(&mut self, lines: &[String]) -> Result<()> {
        let mut out = self.out.lock();
        if self.tty {
            // Over the old screen, line by line, then clear what is left: no flicker when
            // only the timers change. No newline after the last line: the screen must
            // not scroll the header away.
            write!(out, "\x1b[H")?;
            for (n, line) in lines.iter().enumerate() {
                let end = if n + 1 < lines.len() { "\r\n" } else { "" };
                write!(out, "{line}\x1b[K{end}")?;
            }
            write!(out, "\x1b[J")?;
        } else {
            for line in lines {
                writeln!(out, "{line}")?;
            }
            writeln!(out)?;
        }
        out.flush()?;
        Ok(())
    }

    /// Waits up to `wait` for a key (in a terminal; elsewhere just waits).
    fn key(&self, wait: Duration) -> Result<Option<Action>> {
        if self.stop.load(Ordering::Relaxed) {
            return Ok(Some(Action::Quit));
        }
        if !self.tty {
            std::thread::sleep(wait);
            return Ok(None);
        }
        // The terminal hung up (its window closed, tmux killed): crossterm would read the
        // end of input forever at full speed, so we look at the descriptor ourselves first.
        match terminal_input(wait) {
            Input::HungUp => return Ok(Some(Action::Quit)),
            Input::Nothing => return Ok(None),
            Input::Ready => {}
        }
        if !event::poll(Duration::ZERO)? {
            return Ok(None);
        }
        Ok(match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                match key.code {
                    KeyCode::Char('c') if ctrl => Some(Action::Quit),
                    KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
                    KeyCode::Char('r') => Some(Action::ResetTalk),
                    KeyCode::Up | KeyCode::Char('k') => Some(Action::Scroll(-1)),
                    KeyCode::Down | KeyCode::Char('j') => Some(Action::Scroll(1)),
                    KeyCode::PageUp => Some(Action::Scroll(-10)),
                    KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::Scroll(10)),
                    KeyCode::Home => Some(Action::Scroll(-10_000)),
                    _ => None,
                }
            }
            Event::Resize(..) => Some(Action::Redraw),
            _ => None,
        })
    }
}

/// What the terminal's input holds after a wait.
enum Input {
    Nothing,
    Ready,
    HungUp,
}

/// Waits up to `wait` for the terminal (standard input) to have input or to hang up.
fn terminal_input(wait: Duration) -> Input {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::POLLIN)];
    let timeout = PollTimeout::try_from(wait).unwrap_or(PollTimeout::MAX);
    match poll(&mut fds, timeout) {
        Ok(0) => Input::Nothing,
        Ok(_) => {
            let events = fds[0].revents().unwrap_or(PollFlags::empty());
            if events.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL) {
                Input::HungUp
            } else {
                Input::Ready
            }
        }
        // A signal (the window's size, ^C's flag): the caller looks again.
        Err(nix::errno::Errno::EINTR) => Input::Nothing,
        Err(_) => Input::HungUp,
    }
}

/// Raw mode and a screen of its own while the notes run in a terminal; given back on drop
/// (quitting, errors, unwinding) and before a panic's message is printed.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> Result<TerminalGuard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        ratatui::crossterm::terminal::enable_raw_mode()?;
        let guard = TerminalGuard;
        ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::terminal::EnterAlternateScreen,
            ratatui::crossterm::cursor::Hide
        )?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// The terminal as it was: cooked mode, the main screen, the cursor. Safe to repeat.
fn restore() {
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// What outlives one TUI: the speaker's clock (a TUI restarted mid-talk keeps the talk's
/// time), the lessons, the bundled recording.
struct Talk {
    clock: TalkClock,
    lessons: [Lesson; 2],
    recording: Option<Recording>,
}

/// Runs `notes` until `q`, Ctrl-C, or a signal.
pub fn run(args: &NotesArgs) -> Result<()> {
    let dir = socket_dir().context("the directory of the TUI's notes sockets")?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let tty = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    let _guard = if tty {
        Some(TerminalGuard::enter()?)
    } else {
        None
    };
    let mut screen = Screen {
        out: std::io::stdout(),
        tty,
        scroll: 0,
        stop,
    };
    let mut talk = Talk {
        clock: TalkClock {
            reset_ms: None,
            minutes: args.minutes,
        },
        lessons: [Lesson::load(Lang::En)?, Lesson::load(Lang::Ko)?],
        // A prediction's answer for the speaker comes from the bundled recording.
        recording: Recording::bundled().ok(),
    };
    let mut ended: Option<u32> = None;
    loop {
        let Some((pid, stream)) = connect(&dir, args.pid) else {
            let text = waiting(&dir, args.pid, ended);
            screen.show(&wrap(&text, screen.width(), ""))?;
            // Not a new screen every half second: wait quietly until something appears.
            while connectable(&dir, args.pid).is_none() {
                if let Some(Action::Quit) = screen.key(RETRY)? {
                    return Ok(());
                }
            }
            continue;
        };
        if follow(stream, &mut talk, &mut screen)? {
            return Ok(());
        }
        ended = Some(pid);
    }
}

/// The waiting message: no TUI yet, or the one followed has ended.
fn waiting(dir: &Path, pid: Option<u32>, ended: Option<u32>) -> String {
    let which = match pid {
        Some(pid) => format!("with pid {pid}"),
        None => "at all".to_string(),
    };
    let first = match ended {
        Some(old) => format!("The pidns-tutor TUI (pid {old}) has ended."),
        None => format!(
            "No pidns-tutor TUI is running {which} (looked in {}).",
            dir.display()
        ),
    };
    format!(
        "{first} Waiting for one: start `pidns-tutor` in another terminal, and these notes \
         follow it. Ctrl-C stops."
    )
}

/// A socket that accepts a connection now, without keeping it.
fn connectable(dir: &Path, pid: Option<u32>) -> Option<u32> {
    candidates(dir, pid)
        .into_iter()
        .find(|(_, path)| UnixStream::connect(path).is_ok())
        .map(|(pid, _)| pid)
}

fn candidates(dir: &Path, pid: Option<u32>) -> Vec<(u32, PathBuf)> {
    match pid {
        Some(pid) => vec![(pid, socket_path(dir, pid))],
        None => sockets(dir),
    }
}

/// Connects to the TUI `pid`, or to the newest that answers. A socket nobody answers on
/// whose process is gone (it was killed) is removed on the way.
fn connect(dir: &Path, pid: Option<u32>) -> Option<(u32, UnixStream)> {
    for (pid, path) in candidates(dir, pid) {
        match UnixStream::connect(&path) {
            Ok(stream) => return Some((pid, stream)),
            Err(_) if !Path::new(&format!("/proc/{pid}")).exists() => {
                let _ = std::fs::remove_file(&path);
            }
            Err(_) => {}
        }
    }
    None
}

/// Reads the TUI's updates on a thread of its own; the channel closes when it goes away.
fn updates(stream: UnixStream) -> Receiver<Update> {
    let (send, receive) = channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                // The end, or the end in the middle of a line.
                Ok(0) => return,
                Ok(_) if !line.ends_with(b"\n") => return,
                Ok(_) => {
                    // A line that is not an update (a newer TUI?) is skipped, not fatal.
                    if let Ok(update) = serde_json::from_slice::<Update>(&line)
                        && send.send(update).is_err()
                    {
                        return;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return,
            }
        }
    });
    receive
}

/// Shows the notes for each update from `stream` until the TUI goes away (false) or the
/// speaker quits (true).
fn follow(stream: UnixStream, talk: &mut Talk, screen: &mut Screen) -> Result<bool> {
    let updates = updates(stream);
    let mut current: Option<Update> = None;
    let mut drawn_at = std::time::Instant::now();
    loop {
        let mut changed = false;
        // A terminal: keys, and the timers every second. Anything else: only updates.
        let next = if screen.tty {
            updates
                .try_recv()
                .map_err(|e| e == TryRecvError::Disconnected)
        } else {
            updates
                .recv_timeout(TICK)
                .map_err(|e| e == RecvTimeoutError::Disconnected)
        };
        match next {
            Ok(update) => {
                if current.as_ref().is_none_or(|c| c.step != update.step) {
                    screen.scroll = 0;
                }
                current = Some(update);
                changed = true;
            }
            Err(true) => return Ok(false),
            Err(false) => {}
        }
        match screen.key(if screen.tty { KEY_WAIT } else { Duration::ZERO })? {
            Some(Action::Quit) => return Ok(true),
            Some(Action::ResetTalk) => {
                talk.clock.reset_ms = Some(now_ms());
                changed = true;
            }
            Some(Action::Scroll(by)) => {
                // Kept within the body when drawn (`show_notes`).
                screen.scroll = screen.scroll.saturating_add_signed(by as isize);
                changed = true;
            }
            Some(Action::Redraw) => changed = true,
            None => {}
        }
        let tick = screen.tty && drawn_at.elapsed() >= TICK;
        if let Some(update) = current.as_ref().filter(|_| changed || tick) {
            let lesson = match update.lang {
                Lang::En => &talk.lessons[0],
                Lang::Ko => &talk.lessons[1],
            };
            let from = Sources {
                lesson,
                talk: talk.clock,
                recording: talk.recording.as_ref(),
            };
            screen.show_notes(&render(update, &from, now_ms(), screen.width()))?;
            drawn_at = std::time::Instant::now();
        }
    }
}
