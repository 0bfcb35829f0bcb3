//! The TUI's side of the speaker notes: a socket that tells every `pidns-tutor notes`
//! where the lesson is. The runtime calls `publish` after each message; it costs a
//! comparison when nothing changed.
//!
//! It must never block or slow the TUI: a thread accepts clients (and hands each the
//! latest update); `publish` writes with `MSG_DONTWAIT`, and a client that cannot take a
//! whole line at once (it stopped reading) is dropped; it reconnects if it wants. If the
//! socket cannot be made, the TUI runs as ever, without notes, and says so once.
//!
//! Anyone with our uid can connect, the learner's shell included, so the thread keeps
//! limits: at most `MAX_CLIENTS` (a newer one is closed at once, so a flood of
//! connections costs the TUI no descriptor the lab needs); a client that hangs up or
//! speaks (notes clients only listen) is dropped as soon as it does; and when accept()
//! fails for want of descriptors the thread waits a moment instead of spinning.

use super::{StepState, Update, now_ms, socket_dir, socket_path};
use crate::app::{App, Asking, Busy};
use crate::lesson::Step;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{MsgFlags, send};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

/// The connected clients and the line each new one is greeted with.
#[derive(Default)]
struct Shared {
    clients: Vec<UnixStream>,
    latest: Option<Vec<u8>>,
}

/// How many notes clients are served at once: a speaker needs one or two.
pub const MAX_CLIENTS: usize = 16;

/// How long the accepting thread rests when accept() finds no descriptor free.
const BACK_OFF: Duration = Duration::from_millis(250);

/// Publishes the TUI's step to notes clients; a no-op when the socket could not be made.
pub struct Publisher {
    live: Option<Live>,
    /// Why there is no socket, when there is none.
    failure: Option<String>,
    started_ms: u64,
    /// The step last published and when it was first shown.
    step: Option<(Step, u64)>,
    last: Option<Update>,
}

struct Live {
    shared: Arc<Mutex<Shared>>,
    path: PathBuf,
    /// Writing here wakes the accepting thread to stop.
    stop: OwnedFd,
    thread: Option<JoinHandle<()>>,
}

impl Publisher {
    /// Opens this process's notes socket; without one (no private directory to put it
    /// in), a publisher that does nothing.
    pub fn start() -> Publisher {
        match socket_dir() {
            Ok(dir) => Publisher::start_in(&dir),
            Err(e) => Publisher::with(Err(e)),
        }
    }

    /// The same, with the socket in `dir`.
    pub fn start_in(dir: &std::path::Path) -> Publisher {
        Publisher::with(Live::start(socket_path(dir, std::process::id())))
    }

    fn with(live: std::io::Result<Live>) -> Publisher {
        let (live, failure) = match live {
            Ok(live) => (Some(live), None),
            Err(e) => (None, Some(e.to_string())),
        };
        Publisher {
            live,
            failure,
            started_ms: now_ms(),
            step: None,
            last: None,
        }
    }

    /// Why the speaker's notes could not start, if they could not.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// Where the socket is, if there is one.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.live.as_ref().map(|l| l.path.as_path())
    }

    /// Tells the clients where `app` is, if that changed since the last call.
    pub fn publish(&mut self, app: &App) {
        let state = if app.busy == Some(Busy::Running) {
            StepState::Running
        } else if app.observed.is_some() {
            StepState::Ran
        } else {
            StepState::Prepared
        };
        let question = voting_on(app);
        let state = if question.is_some() {
            StepState::Voting
        } else {
            state
        };
        let step = app.step;
        if let Some(last) = &self.last
            && last.step == step
            && last.state == state
            && last.lang == app.lang
            && last.talk == app.talk
            && last.question == question
            && last.revealed == app.revealed()
        {
            return;
        }
        let step_started_ms = match &self.step {
            Some((shown, since)) if *shown == step => *since,
            _ => {
                let now = now_ms();
                self.step = Some((step, now));
                now
            }
        };
        let update = Update {
            step,
            state,
            lang: app.lang,
            pid: std::process::id(),
            started_ms: self.started_ms,
            step_started_ms,
            talk: app.talk,
            question,
            revealed: app.revealed(),
        };
        if let Some(live) = &self.live
            && let Ok(mut line) = serde_json::to_vec(&update)
        {
            line.push(b'\n');
            let mut shared = live.shared.lock().unwrap_or_else(PoisonError::into_inner);
            shared.clients.retain(|client| send_whole(client, &line));
            shared.latest = Some(line);
        }
        self.last = Some(update);
    }
}

/// The question the room is voting on, if one is open: its id.
fn voting_on(app: &App) -> Option<String> {
    match app.asking()? {
        Asking::Predict { question, .. } => Some(question.id.to_string()),
        Asking::Quiz { index, .. } => Some(app.learner.quiz.get(*index)?.id.to_string()),
        Asking::Score | Asking::ConfirmReset => None,
    }
}

/// Sends `line` without waiting; false when the client did not take all of it (gone, or
/// too slow to read): then it is dropped rather than waited for.
fn send_whole(client: &UnixStream, line: &[u8]) -> bool {
    let flags = MsgFlags::MSG_DONTWAIT | MsgFlags::MSG_NOSIGNAL;
    matches!(send(client.as_raw_fd(), line, flags), Ok(n) if n == line.len())
}

impl Live {
    fn start(path: PathBuf) -> std::io::Result<Live> {
        // A socket left by an earlier process with our pid (it was killed) is stale.
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path)?;
        listener.set_nonblocking(true)?;
        let (wake, stop) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        let shared = Arc::new(Mutex::new(Shared::default()));
        let for_thread = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("pidns-notes".into())
            .spawn(move || accept(listener, wake, for_thread));
        let thread = match thread {
            Ok(thread) => thread,
            Err(e) => {
                let _ = std::fs::remove_file(&path);
                return Err(e);
            }
        };
        Ok(Live {
            shared,
            path,
            stop,
            thread: Some(thread),
        })
    }
}

/// The accepting thread: sleeps until a client connects, a client hangs up or speaks, or
/// `wake` says stop.
fn accept(listener: UnixListener, wake: OwnedFd, shared: Arc<Mutex<Shared>>) {
    let lock = || shared.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        // The clients' descriptors, to learn when one hangs up (or speaks) while no
        // update is being published.
        let clients: Vec<OwnedFd> = lock()
            .clients
            .iter()
            .filter_map(|c| c.as_fd().try_clone_to_owned().ok())
            .collect();
        let mut fds = vec![
            PollFd::new(listener.as_fd(), PollFlags::POLLIN),
            PollFd::new(wake.as_fd(), PollFlags::POLLIN),
        ];
        let watch = PollFlags::POLLIN;
        fds.extend(clients.iter().map(|c| PollFd::new(c.as_fd(), watch)));
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return,
        }
        let fired = |fd: &PollFd| fd.revents().is_some_and(|r| !r.is_empty());
        if fired(&fds[1]) {
            return;
        }
        let gone: Vec<(u64, u64)> = clients
            .iter()
            .zip(&fds[2..])
            .filter(|(_, fd)| fired(fd))
            .filter_map(|(c, _)| identity(c))
            .collect();
        drop(fds);
        if !gone.is_empty() {
            lock()
                .clients
                .retain(|c| identity(c).is_none_or(|id| !gone.contains(&id)));
        }
        loop {
            match listener.accept() {
                Ok((client, _)) => {
                    let mut shared = lock();
                    // Full: the newcomer is closed at once (dropped here).
                    if shared.clients.len() >= MAX_CLIENTS {
                        continue;
                    }
                    let greeted = match &shared.latest {
                        Some(line) => send_whole(&client, line),
                        None => true,
                    };
                    if greeted {
                        shared.clients.push(client);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // EMFILE, ENFILE, ENOBUFS, ENOMEM: the listener stays readable, so polling
                // again at once would spin. Rest (still listening for stop), then retry.
                Err(e) if e.raw_os_error().is_some_and(out_of_resources) => {
                    let mut stop = [PollFd::new(wake.as_fd(), PollFlags::POLLIN)];
                    let rest = PollTimeout::try_from(BACK_OFF).unwrap_or(PollTimeout::MAX);
                    if matches!(poll(&mut stop, rest), Ok(n) if n > 0) {
                        return;
                    }
                    break;
                }
                // A connection that went away before we took it, and its like.
                Err(_) => {}
            }
        }
    }
}

fn out_of_resources(errno: i32) -> bool {
    [libc::EMFILE, libc::ENFILE, libc::ENOBUFS, libc::ENOMEM].contains(&errno)
}

/// What names an open client socket across descriptors: its device and inode.
fn identity(fd: &impl AsFd) -> Option<(u64, u64)> {
    let stat = nix::sys::stat::fstat(fd.as_fd()).ok()?;
    Some((stat.st_dev, stat.st_ino))
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = nix::unistd::write(&self.stop, b"x");
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{AppOptions, ThemeName};
    use crate::lang::Lang;
    use crate::record::Recording;
    use crate::source::Source;
    use std::io::{BufRead, BufReader};

    fn app() -> App {
        App::new(AppOptions {
            lang: Lang::En,
            source: Source::Recorded(Recording::bundled().expect("recording").header),
            start: Step::Clone,
            ascii: false,
            theme: ThemeName::Dark,
            no_color: false,
            talk: false,
        })
        .expect("lessons")
    }

    fn dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pidns-tutor-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A client that connects late still learns where the lesson is; changes follow;
    /// the socket goes with the publisher.
    #[test]
    fn clients_get_the_latest_update_then_each_change() {
        let dir = dir("pub");
        let mut publisher = Publisher::start_in(&dir);
        let path = publisher.path().expect("a socket").to_path_buf();
        let mut app = app();
        publisher.publish(&app);
        let client = UnixStream::connect(&path).expect("connect");
        let mut lines = BufReader::new(client);
        let mut read = || {
            let mut line = String::new();
            lines.read_line(&mut line).expect("a line");
            serde_json::from_str::<Update>(&line).expect("an update")
        };
        let first = read();
        assert_eq!(
            (first.step, first.state),
            (Step::Clone, StepState::Prepared)
        );
        // The greeting came from the accepting thread: the client is in the list now.
        let shared = Arc::clone(&publisher.live.as_ref().expect("live").shared);
        assert_eq!(shared.lock().unwrap().clients.len(), 1);
        assert_eq!(first.pid, std::process::id());
        app.busy = Some(Busy::Running);
        publisher.publish(&app);
        publisher.publish(&app); // no change, no line
        app.lang = Lang::Ko;
        publisher.publish(&app);
        let running = read();
        assert_eq!(running.state, StepState::Running);
        assert_eq!(running.step_started_ms, first.step_started_ms);
        assert_eq!(read().lang, Lang::Ko);
        drop(publisher);
        assert!(!path.exists(), "the socket outlived the TUI");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A client that stops reading is dropped once its buffer is full; publishing never
    /// waits for it.
    #[test]
    fn a_client_that_does_not_read_is_dropped() {
        let dir = dir("slow");
        let mut publisher = Publisher::start_in(&dir);
        let path = publisher.path().expect("a socket").to_path_buf();
        let _silent = UnixStream::connect(&path).expect("connect");
        let mut app = app();
        // Wait (without a clock) until the accepting thread has taken the client in.
        let shared = Arc::clone(&publisher.live.as_ref().expect("live").shared);
        let count = || shared.lock().unwrap().clients.len();
        while count() == 0 {
            std::thread::yield_now();
        }
        for i in 0..200_000 {
            app.lang = if i % 2 == 0 { Lang::Ko } else { Lang::En };
            publisher.publish(&app);
            if count() == 0 {
                break;
            }
        }
        assert_eq!(count(), 0, "a client that never reads was kept");
        drop(publisher);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
