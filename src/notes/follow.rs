//! `pidns-tutor notes`: finds the running TUI's socket (the newest, or the one `--pid`
//! names), shows the notes for its step, and follows it: a new screen on every update,
//! the timers every second. With no TUI, or when it ends, it says so and waits for one.

use super::view::{render, wrap};
use super::{Update, now_ms, socket_dir, socket_path, sockets};
use crate::lang::Lang;
use crate::lesson::Lesson;
use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often to look for a TUI while there is none.
const RETRY: Duration = Duration::from_millis(500);
/// How often the timers are redrawn.
const TICK: Duration = Duration::from_secs(1);

/// What `notes` takes.
#[derive(clap::Args, Debug, Clone)]
pub struct NotesArgs {
    /// Follow the TUI with this process id [default: the newest one running]
    #[arg(long)]
    pub pid: Option<u32>,
}

/// Where the notes are written: a terminal gets a fresh screen each time, anything else
/// one block per update (no timers, no escape codes).
struct Screen {
    out: std::io::Stdout,
    tty: bool,
}

impl Screen {
    fn width(&self) -> usize {
        if self.tty
            && let Ok((w, _)) = ratatui::crossterm::terminal::size()
        {
            return usize::from(w);
        }
        80
    }

    fn show(&mut self, lines: &[String]) -> Result<()> {
        let mut out = self.out.lock();
        if self.tty {
            // Over the old screen, line by line, then clear what is left: no flicker when
            // only the timers change.
            write!(out, "\x1b[H")?;
            for line in lines {
                write!(out, "{line}\x1b[K\r\n")?;
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
}

/// Runs `notes` until interrupted.
pub fn run(args: &NotesArgs) -> Result<()> {
    let dir = socket_dir().context("the directory of the TUI's notes sockets")?;
    let lessons = [Lesson::load(Lang::En)?, Lesson::load(Lang::Ko)?];
    let mut screen = Screen {
        out: std::io::stdout(),
        tty: std::io::stdout().is_terminal(),
    };
    let mut ended: Option<u32> = None;
    loop {
        let Some((pid, stream)) = connect(&dir, args.pid) else {
            let text = waiting(&dir, args.pid, ended);
            screen.show(&wrap(&text, screen.width(), ""))?;
            // Not a new screen every half second: wait quietly until something appears.
            while connectable(&dir, args.pid).is_none() {
                std::thread::sleep(RETRY);
            }
            continue;
        };
        follow(stream, &lessons, &mut screen)?;
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

/// Shows the notes for each update from `stream` until the TUI goes away.
fn follow(stream: UnixStream, lessons: &[Lesson; 2], screen: &mut Screen) -> Result<()> {
    // Woken every second to move the timers on (only a terminal shows them).
    stream.set_read_timeout(Some(TICK))?;
    let mut reader = BufReader::new(stream);
    let mut pending = Vec::new();
    let mut current: Option<Update> = None;
    loop {
        match reader.read_until(b'\n', &mut pending) {
            Ok(0) => return Ok(()),
            Ok(_) if pending.ends_with(b"\n") => {
                // A line that is not an update (a newer TUI?) is skipped, not fatal.
                if let Ok(update) = serde_json::from_slice::<Update>(&pending) {
                    current = Some(update);
                }
                pending.clear();
            }
            Ok(_) => return Ok(()), // the end of the stream in the middle of a line
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                if !screen.tty {
                    continue;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return Ok(()),
        }
        if let Some(update) = &current {
            let lesson = match update.lang {
                Lang::En => &lessons[0],
                Lang::Ko => &lessons[1],
            };
            screen.show(&render(update, lesson, now_ms(), screen.width()))?;
        }
    }
}
