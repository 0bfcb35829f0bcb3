//! The runtime of the terminal UI: decides where the facts come from (live, or the
//! bundled recording), sets the terminal up, runs the event loop, carries out the app's
//! effects through the lab worker, hands the terminal to a shell inside the namespace and
//! takes it back, and restores everything however the run ends.
//!
//! Threads: the main thread draws and owns the `App`; `pidns-input` reads terminal events;
//! `pidns-lab` (the worker) owns the lab; a signal thread turns SIGTERM, SIGHUP and SIGINT
//! into messages. All of them feed one channel, and the main loop blocks on it: nothing
//! spins, and the screen is redrawn only when the app changed.

pub mod replay;
pub mod terminal;
pub mod worker;

use crate::app::{App, AppOptions, Effect, Msg, Notice, Reply, ThemeName};
use crate::check;
use crate::lab::Mode;
use crate::lang::Lang;
use crate::lesson::Step;
use crate::progress;
use crate::source::Source;
use crate::ui;
use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};
use worker::{Command, Worker};

/// How long the loop sleeps at most when nothing is due (it wakes for any message
/// anyway): then it checks that the terminal is still there.
const IDLE: Duration = Duration::from_secs(2);

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
    let (source, notice) = source(&options)?;
    // Where to start: --step, else (unless --restart) the step saved last time.
    let resume = progress::command::start(
        options.no_progress,
        options.step,
        options.restart,
        options.lang,
    );
    for notice in &resume.notices {
        eprintln!("pidns-tutor: {notice}");
    }
    let mut app = App::new(AppOptions {
        lang: options.lang,
        source: source.header(),
        start: resume.step.unwrap_or(Step::first()),
        ascii: options.ascii,
        theme: options.theme.resolve_from_env(),
        no_color: ui::theme::no_color_env(),
    })?;
    app.notice = notice.or(resume.notices.last().cloned()).map(Notice::Info);

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
    let mut worker = Worker::spawn(source, messages.clone()).context("start the lab worker")?;
    terminal::install_panic_hook();
    terminal::enter().context("set up the terminal")?;
    let guard = terminal::Guard;
    let mut term = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    let input = terminal::Input::spawn(messages).context("start the input thread")?;
    let size = term.size()?;
    app.update(Msg::Resize(size.width, size.height), Instant::now());

    let effects = app.start();
    let mut notes = crate::notes::publish::Publisher::start();
    let result = event_loop(
        &mut app, &mut term, &inbox, &worker, &input, &mut notes, effects,
    );

    drop(input);
    drop(guard);
    signal_handle.close();
    let _ = signal_thread.join();
    worker.stop();
    leave_at(resume.tracker, app.step);
    result?;
    match app.fatal {
        Some(error) => Err(anyhow::anyhow!(error)),
        None => Ok(0),
    }
}

/// Saves the step the learner leaves on, so the next start resumes there.
fn leave_at(mut progress: progress::Tracker, step: Step) {
    progress.progress.visit(step, progress::Timestamp::now());
    if let Some(warning) = progress.save() {
        eprintln!("pidns-tutor: {warning}");
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

fn event_loop(
    app: &mut App,
    term: &mut Term,
    inbox: &Receiver<Msg>,
    worker: &Worker,
    input: &terminal::Input,
    notes: &mut crate::notes::publish::Publisher,
    mut effects: Vec<Effect>,
) -> Result<()> {
    loop {
        for effect in effects.drain(..) {
            match effect {
                Effect::Shell => shell(app, term, inbox, worker, input)?,
                Effect::Quit => return Ok(()),
                other => worker.send_effect(&other),
            }
        }
        if app.quit {
            return Ok(());
        }
        // The speaker's notes follow the step (a comparison when nothing changed).
        notes.publish(app);
        if app.take_dirty() {
            let mut drawn = None;
            term.draw(|frame| drawn = Some(ui::draw(frame, app)))?;
            // The layout and scroll offsets used, for the keys and the mouse that follow.
            if let Some(geometry) = drawn {
                effects.extend(app.update(Msg::Drawn(geometry), Instant::now()));
            }
        }
        let now = Instant::now();
        let wait = app
            .next_deadline()
            .map_or(IDLE, |due| due.saturating_duration_since(now));
        let msg = match inbox.recv_timeout(wait) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Timeout) if terminal::hung_up() => Msg::Signal(SIGHUP),
            Err(RecvTimeoutError::Timeout) => Msg::Tick,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        test_panic(&msg);
        effects.extend(app.update(msg, Instant::now()));
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

/// Hands the terminal to a shell inside the namespace and takes it back.
fn shell(
    app: &mut App,
    term: &mut Term,
    inbox: &Receiver<Msg>,
    worker: &Worker,
    input: &terminal::Input,
) -> Result<()> {
    input.pause();
    terminal::restore();
    println!(
        "\npidns-tutor: a shell inside the namespace, PID 1 of its own PID namespace. \
         Try `echo $$`, `pstree -p`, `hostname`. Type `exit` to return.\n"
    );
    let tty = std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .context("borrow the terminal")?;
    worker.send(Command::Shell(tty));
    let result = loop {
        match inbox.recv() {
            Ok(Msg::Worker(reply)) => {
                if let Reply::ShellDone(result) = *reply {
                    break result;
                }
            }
            // The terminal hung up or we were told to stop: nothing to go back to. Exiting
            // ends the worker thread, whose death signal takes the namespace (and the
            // shell) with it.
            Ok(Msg::Signal(signal)) if signal != SIGINT => {
                terminal::take_foreground();
                terminal::restore();
                eprintln!("\npidns-tutor: ended by signal {signal} while the shell was open");
                std::process::exit(1);
            }
            Ok(Msg::Fatal(error)) => break Err(error),
            Ok(_) => continue,
            Err(_) => break Err("the lab worker stopped".into()),
        }
    };
    // The window may have closed under the shell: then there is nothing to go back to,
    // and quitting the usual way tears the lab down.
    if terminal::hung_up() {
        anyhow::bail!("the terminal went away while the shell was open");
    }
    terminal::take_foreground();
    terminal::enter()?;
    term.clear()?;
    input.resume();
    app.update(Msg::from(Reply::ShellDone(result)), Instant::now());
    worker.send(Command::Refresh);
    Ok(())
}
