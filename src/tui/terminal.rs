//! The terminal: checks that there is one, raw mode and the alternate screen in and out
//! (with bracketed paste, so a paste reaches the shell pane as one piece), a panic hook
//! that restores it before the panic message is printed, and the input thread.

use crate::app::Msg;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{IsTerminal, Write};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long the input thread waits for a key before looking at its stop flag again.
const INPUT_POLL: Duration = Duration::from_millis(100);

/// Why the TUI cannot draw here, if it cannot.
pub fn unusable() -> Option<&'static str> {
    if !std::io::stdin().is_terminal() {
        return Some("standard input is not a terminal");
    }
    if !std::io::stdout().is_terminal() {
        return Some("standard output is not a terminal");
    }
    match std::env::var("TERM") {
        Ok(term) if term == "dumb" => Some("TERM=dumb cannot draw a full-screen interface"),
        _ => None,
    }
}

/// Whether the terminal has gone away (its window closed) without a SIGHUP reaching us.
pub fn hung_up() -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::empty())];
    let gone = PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL;
    poll(&mut fds, PollTimeout::ZERO).is_ok_and(|n| n > 0)
        && fds[0].revents().is_some_and(|r| r.intersects(gone))
}

/// The terminal's modes as we found them, before the first `enter`; `restore` puts these
/// back rather than trusting raw mode's state.
static FOUND: OnceLock<rustix::termios::Termios> = OnceLock::new();

/// Raw mode, alternate screen, mouse, bracketed paste, hidden cursor.
pub fn enter() -> std::io::Result<()> {
    if FOUND.get().is_none()
        && let Ok(modes) = rustix::termios::tcgetattr(std::io::stdin())
    {
        let _ = FOUND.set(modes);
    }
    ignoring_sigttou(enable_raw_mode)?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        ratatui::crossterm::cursor::Hide
    )
}

/// Back to the terminal as we found it. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = out.flush();
    if let Some(modes) = FOUND.get() {
        let now = rustix::termios::OptionalActions::Now;
        let _ = ignoring_sigttou(|| rustix::termios::tcsetattr(std::io::stdin(), now, modes));
    }
}

/// Runs `change` (of the terminal's modes) with SIGTTOU ignored: from the background (a
/// shell's job control can leave us there) the change would stop us; this way it fails
/// with an error instead. rustix has no safe call for a signal's disposition.
fn ignoring_sigttou<T>(change: impl FnOnce() -> T) -> T {
    // SAFETY: only the disposition of SIGTTOU changes, to one without a handler.
    let old = unsafe { libc::signal(libc::SIGTTOU, libc::SIG_IGN) };
    let result = change();
    // SAFETY: puts back the disposition saved just above.
    unsafe { libc::signal(libc::SIGTTOU, old) };
    result
}

/// Restores the terminal on drop: quitting, errors and unwinding all pass here.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restores the terminal before the default hook prints the panic, so the message is
/// readable and the shell usable. (Unwinding then drops the worker: the lab goes too.)
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Reads terminal events on its own thread and forwards them as messages, so the main
/// loop blocks on one channel.
pub struct Input {
    stop: Arc<AtomicBool>,
    /// Closed when the thread ends.
    ended: Receiver<()>,
    thread: Option<JoinHandle<()>>,
}

impl Input {
    pub fn spawn(messages: Sender<Msg>) -> std::io::Result<Input> {
        let stop = Arc::new(AtomicBool::new(false));
        let (end, ended) = mpsc::channel::<()>();
        let s = stop.clone();
        let thread = std::thread::Builder::new()
            .name("pidns-input".into())
            .spawn(move || {
                let _end = end;
                read_events(&messages, &s);
            })?;
        Ok(Input {
            stop,
            ended,
            thread: Some(thread),
        })
    }
}

impl Drop for Input {
    /// Stops the thread and waits for it, briefly: when the terminal has hung up,
    /// crossterm's poll can spin inside without returning, and the thread must not keep
    /// the process (and so the lab) alive. It is left to end with the process then.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let ended = self.ended.recv_timeout(INPUT_POLL * 5);
        if let (Some(thread), Err(mpsc::RecvTimeoutError::Disconnected)) =
            (self.thread.take(), ended)
        {
            let _ = thread.join();
        }
    }
}

fn read_events(messages: &Sender<Msg>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match event::poll(INPUT_POLL) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(_) => {
                std::thread::sleep(INPUT_POLL);
                continue;
            }
        }
        let msg = match event::read() {
            Ok(Event::Key(key)) => Msg::Key(key),
            Ok(Event::Mouse(mouse)) => Msg::Mouse(mouse),
            Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
            Ok(Event::Paste(text)) => Msg::Paste(text),
            _ => continue,
        };
        if messages.send(msg).is_err() {
            return;
        }
    }
}
