//! The runtime of the terminal UI: decides where the facts come from (live, or the
//! bundled recording), sets the terminal up, runs the event loop, carries out the app's
//! effects through the lab worker and the shell pane's pty, and restores everything
//! however the run ends.
//!
//! Threads: the main thread draws and owns the `App`; `pidns-input` reads terminal events;
//! `pidns-lab` (the worker) owns the lab; a signal thread turns SIGTERM, SIGHUP and SIGINT
//! into messages; while the shell pane is open, `pidns-pty-out` and `pidns-pty-in` read
//! and write its pty. All of them feed one channel, and the main loop blocks on it:
//! nothing spins, every message waiting is taken before the next frame, and the screen
//! is redrawn only when the app changed (frames rationed under a flood, see `Rations`).

pub mod answers;
mod background;
pub mod keep;
pub mod pty;
mod shell;
pub mod switch;
mod task;
pub mod terminal;
pub mod worker;

use crate::app::{App, AppOptions, Effect, Msg, Notice, Reply, ShellEnd, ThemeName};
use crate::check;
use crate::lab::Mode;
use crate::lang::Lang;
use crate::lesson::Step;
use crate::progress;
use crate::source::Source;
use crate::ui;
use anyhow::{Context, Result};
use pty::Pty;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};
use worker::{Command, Worker};

/// How long the loop sleeps at most when nothing is due (it wakes for any message
/// anyway): then it checks that the terminal is still there.
const IDLE: Duration = Duration::from_secs(2);

/// Frames are rationed: a flood of output (`yes`, `cat` of a big file) is drawn one frame
/// per `FRAME` at most, while a short burst (a keystroke's echo right after the frame
/// for the last one) is drawn at once, up to `BURST` frames.
const FRAME: Duration = Duration::from_millis(8);
const BURST: f64 = 4.0;

/// At most this many waiting messages are taken before a frame (a 100 KB paste arrives
/// as that many key events when the terminal does not bracket it).
const BATCH: usize = 2048;

/// What the command line asked of the TUI.
#[derive(Clone, Debug)]
pub struct Options {
    pub lang: Lang,
    pub mode: Option<Mode>,
    /// A recording instead of the live lab: `Some(None)` the bundled one, or a file.
    pub replay: Option<Option<PathBuf>>,
    pub step: Option<Step>,
    pub theme: ThemeName,
    pub ascii: bool,
    /// Start at the first step, not at the one saved in the learner's progress.
    pub restart: bool,
    /// Read and write no progress (`--no-progress`; `NO_PROGRESS` is read too).
    pub no_progress: bool,
    /// Start in talk mode (`--stage`): a talk, with progress of its own, from the first step...
    pub talk: bool,
    /// ...unless `--resume`.
    pub resume: bool,
    /// `--name`: the learner's display name, saved in the progress file.
    pub name: Option<String>,
}

/// Runs the TUI; returns the process exit code.
pub fn run(options: Options) -> Result<u8> {
    if let Some(reason) = terminal::unusable() {
        eprintln!(
            "pidns-tutor: the lesson's terminal UI needs a terminal ({reason}).\n\
             Without one, run the same lesson as text: pidns-tutor walk   (or: pidns-tutor walk --json)"
        );
        return Ok(1);
    }
    // `auto`: the terminal's own word on its background first, then COLORFGBG, then dark.
    // Asked before anything is printed: a key sent once the first line shows must not be
    // read as the answer.
    let background = (options.theme == ThemeName::Auto)
        .then(background::ask)
        .flatten();
    let (source, notice) = source(&options)?;
    // Where to start: --step, else (unless --restart) the step saved last time.
    let wanted = progress::command::Wanted {
        no_progress: options.no_progress,
        step: options.step,
        restart: options.restart,
        talk: options.talk,
        resume: options.resume,
        name: options.name.clone(),
    };
    let resume = progress::command::start(&wanted, options.lang);
    for notice in &resume.notices {
        // It may quote a file's name or contents: escaped, as all output is.
        eprintln!("pidns-tutor: {}", crate::sanitize::escape_text(notice));
    }
    let mut app = App::new(AppOptions {
        lang: options.lang,
        source: source.header(),
        start: resume.step.unwrap_or(Step::first()),
        ascii: options.ascii,
        theme: background.unwrap_or_else(|| options.theme.resolve_from_env()),
        no_color: ui::theme::no_color_env(),
        talk: options.talk,
    })?;
    app.notice = notice.or(resume.notices.last().cloned()).map(Notice::Info);
    let keeper = keep::ProgressKeeper::new(resume.tracker);
    keeper.hand_over(&mut app);

    let (messages, inbox) = mpsc::channel();
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
        .context("install signal handlers")?;
    let signal_handle = signals.handle();
    let to_loop = messages.clone();
    let signal_thread = std::thread::spawn(move || {
        for signal in signals.forever() {
            if to_loop.send(Msg::Signal(signal)).is_err() {
                break;
            }
        }
    });
    // Declared before the terminal guard, so it is dropped after it: the screen comes
    // back first, then the worker stops and the lab is torn down (on unwinding too).
    let other = switch::Alternatives {
        mode: options.mode,
        replay: options.replay.clone().flatten(),
        exe: PathBuf::from("/proc/self/exe"),
    };
    let mut worker = Worker::spawn_switchable(source, other, messages.clone())
        .context("start the lab worker")?;
    terminal::install_panic_hook();
    terminal::enter().context("set up the terminal")?;
    let guard = terminal::Guard;
    let mut term = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    let input = terminal::Input::spawn(messages.clone()).context("start the input thread")?;
    let size = term.size()?;
    app.update(Msg::Resize(size.width, size.height), Instant::now());

    let effects = app.start();
    let notes = crate::notes::publish::Publisher::start();
    if let Some(why) = notes.failure() {
        // Once, in the status bar: the lesson goes on without notes.
        let warning = format!("speaker notes are off: {}", crate::sanitize::escape(why));
        app.update(Msg::Warn(warning), Instant::now());
    }
    let mut runtime = Runtime {
        worker: &worker,
        messages,
        pty: None,
        notes,
        keeper,
    };
    let result = runtime.event_loop(&mut app, &mut term, &inbox, effects);
    // The pane's pty closes before the worker stops: the shell hangs up first.
    runtime.pty = None;
    let keeper = runtime.keeper;

    drop(input);
    drop(guard);
    signal_handle.close();
    let _ = signal_thread.join();
    worker.stop();
    if let Some(warning) = keeper.leave(&app) {
        eprintln!("pidns-tutor: {}", crate::sanitize::escape_text(&warning));
    }
    result?;
    match app.fatal {
        Some(error) => Err(anyhow::anyhow!(error)),
        None => Ok(0),
    }
}

/// The live lab or the recording (see `check::choose_source`), and a notice if the
/// recording was chosen for the user.
fn source(options: &Options) -> Result<(Source, Option<String>)> {
    let exe = Path::new("/proc/self/exe");
    let (source, notice) = check::choose_source(
        options.mode,
        options.replay.as_ref().map(|f| f.as_deref()),
        exe,
    )?;
    Ok((source, notice.map(str::to_string)))
}

type Term = Terminal<CrosstermBackend<std::io::Stdout>>;

/// What the event loop carries out effects with.
struct Runtime<'a> {
    worker: &'a Worker,
    /// For the pty reader, when the shell pane opens.
    messages: Sender<Msg>,
    /// The shell pane's pty, while the pane is open.
    pty: Option<Pty>,
    /// Where the speaker's notes learn the step.
    notes: crate::notes::publish::Publisher,
    /// The learner's progress file.
    keeper: keep::ProgressKeeper,
}

impl Runtime<'_> {
    fn event_loop(
        &mut self,
        app: &mut App,
        term: &mut Term,
        inbox: &Receiver<Msg>,
        mut effects: Vec<Effect>,
    ) -> Result<()> {
        let mut dirty = false;
        let mut frames = Rations::new();
        loop {
            for effect in std::mem::take(&mut effects) {
                if let Effect::Quit = effect {
                    return Ok(());
                }
                self.carry_out(app, effect);
            }
            if app.quit {
                return Ok(());
            }
            // The speaker's notes follow the step (a comparison when nothing changed).
            self.notes.publish(app);
            dirty |= app.take_dirty();
            let now = Instant::now();
            if dirty && frames.take(now) {
                let mut drawn = None;
                term.draw(|frame| drawn = Some(ui::draw(frame, app)))?;
                if let Some(pty) = &self.pty {
                    pty.drawn();
                }
                dirty = false;
                // The layout and scroll offsets used, for the keys and the mouse that
                // follow; the pane's pty takes the size its terminal was drawn at.
                if let Some(geometry) = drawn {
                    effects.extend(app.update(Msg::Drawn(geometry), Instant::now()));
                    if self.fit_pty(geometry.shell_term) {
                        dirty = true;
                    }
                }
                if !effects.is_empty() {
                    continue;
                }
            }
            let due = app.next_deadline();
            let due = match (dirty, due) {
                (false, due) => due,
                (true, None) => Some(frames.next(now)),
                (true, Some(due)) => Some(due.min(frames.next(now))),
            };
            let wait = due.map_or(IDLE, |due| due.saturating_duration_since(now));
            let msg = match inbox.recv_timeout(wait) {
                Ok(msg) => msg,
                Err(RecvTimeoutError::Timeout) if terminal::hung_up() => Msg::Signal(SIGHUP),
                Err(RecvTimeoutError::Timeout) => Msg::Tick,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            };
            test_panic(&msg);
            effects.extend(app.update(msg, Instant::now()));
            // Everything else already waiting, before the next frame.
            for msg in inbox.try_iter().take(BATCH) {
                test_panic(&msg);
                effects.extend(app.update(msg, Instant::now()));
            }
        }
    }

    fn carry_out(&mut self, app: &mut App, effect: Effect) {
        match effect {
            Effect::OpenShell(screen) => {
                // The pane's size is known after its first frame; until then a common one.
                let opened = Pty::open(screen, 24, 80, self.messages.clone())
                    .and_then(|pty| Ok((pty.slave()?, pty)));
                match opened {
                    Ok((slave, pty)) => {
                        self.pty = Some(pty);
                        self.worker.send(Command::OpenShell(slave));
                    }
                    Err(error) => {
                        let end = ShellEnd::Failed(format!("a pseudo-terminal: {error}"));
                        app.update(Msg::from(Reply::ShellEnded(end)), Instant::now());
                    }
                }
            }
            Effect::ShellInput(bytes) => {
                if let Some(pty) = &self.pty {
                    pty.write(bytes);
                }
            }
            Effect::CloseShell => {
                self.pty = None;
                self.worker.send_effect(&Effect::CloseShell);
            }
            other if self.keeper.carry(&other, app) => {}
            other => self.worker.send_effect(&other),
        }
    }

    /// The pane's terminal takes the size it was drawn at (the shell gets SIGWINCH);
    /// true when that changed it, so the next frame shows it at the new size.
    fn fit_pty(&mut self, area: ratatui::layout::Rect) -> bool {
        match self.pty.as_mut() {
            Some(pty) if !area.is_empty() && pty.size() != (area.height, area.width) => {
                pty.resize(area.height, area.width);
                true
            }
            _ => false,
        }
    }
}

/// The frames the loop may draw now: a bucket of `BURST`, refilled one per `FRAME`.
struct Rations {
    left: f64,
    at: Instant,
}

impl Rations {
    fn new() -> Rations {
        Rations {
            left: BURST,
            at: Instant::now(),
        }
    }

    fn refill(&mut self, now: Instant) {
        let earned = now.saturating_duration_since(self.at).as_secs_f64() / FRAME.as_secs_f64();
        self.left = (self.left + earned).min(BURST);
        self.at = now;
    }

    /// Takes a frame if one is left.
    fn take(&mut self, now: Instant) -> bool {
        self.refill(now);
        if self.left >= 1.0 {
            self.left -= 1.0;
            true
        } else {
            false
        }
    }

    /// When the next frame will be there.
    fn next(&self, now: Instant) -> Instant {
        now + FRAME.mul_f64((1.0 - self.left).max(0.0))
    }
}

/// Debug builds only: `PIDNS_TUTOR_TEST_PANIC=1` makes `!` panic, so tests can check that
/// a panic still restores the terminal and tears the lab down.
fn test_panic(msg: &Msg) {
    if cfg!(debug_assertions)
        && let Msg::Key(KeyEvent {
            code: KeyCode::Char('!'),
            ..
        }) = msg
        && std::env::var_os("PIDNS_TUTOR_TEST_PANIC").is_some_and(|v| v == "1")
    {
        panic!("PIDNS_TUTOR_TEST_PANIC: panicking on request");
    }
}
