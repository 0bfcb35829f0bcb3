//! `pidns-tutor cast`: the lesson as an asciicast v2 file, for `asciinema play` or the
//! asciinema web player, so a talk or a course page can show it with no machine behind
//! it. The screens are the TUI's own: the app is driven through every step from a
//! recording, as the runtime would drive it, and each screen is drawn by the ui's draw
//! code into a ratatui `TestBackend`, then written as the ANSI bytes that changed.
//!
//! Per step: a marker event named by the step id, the screen before Enter, the question
//! asked before the reveal (where the step has one), the screen after the run (for a step
//! whose point is a change, its "before" and then its "after"), the highlight fading, and
//! then the rest of the step's lesson, a page at a time as a reader would scroll it. The
//! clock is virtual: a cast of the whole lesson takes a moment to write and plays for a
//! few minutes. A cast shows no key hints (a player has no keys to press); `--stage`
//! draws the stage layout of a talk, which has no lesson to scroll.

pub mod ansi;

use crate::app::{App, AppOptions, Effect, Msg, Pane, ThemeName};
use crate::lang::Lang;
use crate::lesson::{Lesson, Step};
use crate::record::{Recording, Replayer};
use crate::source::Source;
use crate::tui::answers::answer;
use crate::ui;
use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a step is shown before its action runs, and after: time to read.
const BEFORE_RUN: f64 = 3.0;
const AFTER_RUN: f64 = 8.0;
/// Seconds a prediction's question is shown before the step runs.
const QUESTION: f64 = 5.0;
/// How long the "before" of a change is held before the cast moves on to its "after" (in
/// the TUI the speaker does, with a key).
const BEFORE_HOLD: f64 = 3.0;
/// Seconds to read a page of the lesson before it scrolls on, and per row it moved.
const PAGE_BASE: f64 = 2.0;
const PAGE_PER_ROW: f64 = 0.3;
/// At most this many pages of a step's lesson (a bound, far above any step's length).
const PAGES_MAX: usize = 40;
/// The largest screen a cast may have (the asciinema player scales it anyway).
const MAX_SIZE: (u16, u16) = (400, 200);

/// What `cast` takes besides the lesson's source and language.
#[derive(clap::Args, Debug, Clone)]
pub struct CastArgs {
    /// The terminal size the cast is drawn for, COLUMNSxROWS
    #[arg(long, default_value = "100x30", value_parser = parse_size)]
    pub size: Size,
    /// Colour theme (the cast says which background it needs; NO_COLOR turns colour off)
    #[arg(long, value_enum, default_value = "dark")]
    pub theme: ThemeName,
    /// Draw trees and borders with ASCII only
    #[arg(long)]
    pub ascii: bool,
    /// Draw the stage layout of a talk: a banner over both trees, the lesson hidden
    #[arg(long)]
    pub stage: bool,
    /// The asciicast file to write (`asciinema play FILE` plays it)
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// A screen size, in columns and rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub columns: u16,
    pub rows: u16,
}

/// `100x30` to a size the TUI can draw in.
pub fn parse_size(text: &str) -> Result<Size, String> {
    let bad = || format!("`{text}` is not a size: write COLUMNSxROWS, like 100x30");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let columns: u16 = w.trim().parse().map_err(|_| bad())?;
    let rows: u16 = h.trim().parse().map_err(|_| bad())?;
    let (min_w, min_h) = (ui::MIN_WIDTH, ui::MIN_HEIGHT);
    if columns < min_w || rows < min_h {
        return Err(format!(
            "{columns}x{rows} is too small: the lesson needs at least {min_w}x{min_h}"
        ));
    }
    if columns > MAX_SIZE.0 || rows > MAX_SIZE.1 {
        return Err(format!(
            "{columns}x{rows} is too large: at most {}x{}",
            MAX_SIZE.0, MAX_SIZE.1
        ));
    }
    Ok(Size { columns, rows })
}

/// How the cast looks.
#[derive(Clone, Copy, Debug)]
pub struct CastLook {
    pub lang: Lang,
    pub size: Size,
    pub theme: ThemeName,
    pub no_color: bool,
    pub ascii: bool,
    pub talk: bool,
}

/// One asciicast event: seconds from the start, its kind (`"o"` output, `"m"` marker) and
/// its data.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub time: f64,
    pub kind: &'static str,
    pub data: String,
}

/// Writes `recording` as a cast to `output` (through a temporary file, so a failed run
/// leaves no half cast behind).
pub fn write_file(recording: Recording, look: CastLook, output: &Path) -> Result<()> {
    let cannot = || format!("cannot write {}", output.display());
    // Made with O_EXCL|O_NOFOLLOW: a link planted in a shared folder is never followed.
    let file = crate::safe_file::NewFile::create(output).with_context(cannot)?;
    let mut out = std::io::BufWriter::new(file);
    write(recording, look, &mut out)?;
    out.flush()?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.commit().with_context(cannot)
}

/// Writes `recording` as an asciicast v2 stream: the header line, then one event a line.
pub fn write(recording: Recording, look: CastLook, out: &mut dyn Write) -> Result<()> {
    let label = recording.label();
    let events = events(recording, look)?;
    let lesson = Lesson::load(look.lang)?;
    let title = lesson
        .intro
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches('#')
        .trim();
    let header = json!({
        "version": 2,
        "width": look.size.columns,
        "height": look.size.rows,
        "title": format!("{title} · pidns-tutor · {label}"),
        "env": {"TERM": "xterm-256color"},
        "theme": terminal_theme(look.theme),
    });
    writeln!(out, "{header}")?;
    for event in events {
        let line = json!([
            (event.time * 1000.0).round() / 1000.0,
            event.kind,
            event.data
        ]);
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The terminal colours a theme was made for (xterm's palette, as the contrast test
/// assumes), so a player shows the cast on the right background.
fn terminal_theme(theme: ThemeName) -> serde_json::Value {
    const PALETTE: &str = "#000000:#cd0000:#00cd00:#cdcd00:#0000ee:#cd00cd:#00cdcd:#e5e5e5:\
                           #7f7f7f:#ff0000:#00ff00:#ffff00:#5c5cff:#ff00ff:#00ffff:#ffffff";
    let (fg, bg) = match theme {
        ThemeName::Light => ("#000000", "#ffffff"),
        _ => ("#e5e5e5", "#000000"),
    };
    json!({"fg": fg, "bg": bg, "palette": PALETTE})
}

/// Drives the app through every step from `recording` and returns the cast's events.
pub fn events(recording: Recording, look: CastLook) -> Result<Vec<Event>> {
    Ok(record(recording, look, false)?.0)
}

/// The events, and when `keep` the screen each output event leaves behind (for tests).
fn record(recording: Recording, look: CastLook, keep: bool) -> Result<(Vec<Event>, Vec<Buffer>)> {
    let replayer = Replayer::new(recording);
    let mut app = App::new(AppOptions {
        lang: look.lang,
        source: Source::Recorded(replayer.header().clone()),
        start: Step::first(),
        ascii: look.ascii,
        theme: look.theme,
        no_color: look.no_color,
        talk: look.talk,
    })?;
    app.show_keys = false;
    let mut cast = Recorder::new(look.size, Instant::now());
    cast.keep = keep;
    app.update(Msg::Resize(look.size.columns, look.size.rows), cast.now());
    let effects = app.start();
    drive(&mut app, &replayer, effects, cast.now());
    for step in Step::all() {
        cast.marker(step.id());
        cast.screen(&mut app)?;
        cast.wait(BEFORE_RUN);
        press(&mut app, &replayer, KeyCode::Enter, cast.now());
        // A step that asks first: the question stays up a while for the viewer to think,
        // then is skipped (no one answers a cast) and the step runs.
        if app.question().is_some() {
            cast.screen(&mut app)?;
            cast.wait(QUESTION);
            press(&mut app, &replayer, KeyCode::Esc, cast.now());
        }
        cast.screen(&mut app)?;
        // A step whose point is a change shows its "before" first; Enter goes on.
        if app.showing_before() {
            cast.wait(BEFORE_HOLD);
            press(&mut app, &replayer, KeyCode::Enter, cast.now());
            cast.screen(&mut app)?;
        }
        // The step's highlights fading.
        let start = cast.clock;
        // Bounded: a step has a handful of moments, never more.
        for _ in 0..16 {
            let Some(due) = app.next_deadline() else {
                break;
            };
            // A millisecond late, so the moment is surely past when the tick comes.
            let at = due.saturating_duration_since(cast.start).as_secs_f64() + 0.001;
            if at > start + AFTER_RUN {
                break;
            }
            cast.wait(at - cast.clock);
            app.update(Msg::Tick, cast.now());
            cast.screen(&mut app)?;
        }
        cast.wait(start + AFTER_RUN - cast.clock);
        read_the_lesson(&mut app, &replayer, &mut cast)?;
        if step != Step::last() {
            press(&mut app, &replayer, KeyCode::Right, cast.now());
        }
    }
    Ok((cast.events, cast.kept))
}

/// The rest of the step's lesson, a page at a time (PgDn, as a reader would), each page
/// held long enough to read; until its last line has been on screen.
fn read_the_lesson(app: &mut App, replayer: &Replayer, cast: &mut Recorder) -> Result<()> {
    if app.talk {
        return Ok(());
    }
    app.focus = Pane::Lesson;
    for _ in 0..PAGES_MAX {
        let before = app.geometry.of(Pane::Lesson);
        if before.offset >= before.max {
            break;
        }
        press(app, replayer, KeyCode::PageDown, cast.now());
        cast.screen(app)?;
        let after = app.geometry.of(Pane::Lesson);
        let moved = after.offset.saturating_sub(before.offset);
        if moved == 0 {
            break;
        }
        cast.wait(PAGE_BASE + PAGE_PER_ROW * f64::from(moved));
    }
    Ok(())
}

/// The events so far, the virtual clock, and the screen the player shows now.
struct Recorder {
    events: Vec<Event>,
    start: Instant,
    clock: f64,
    shown: Buffer,
    terminal: Terminal<TestBackend>,
    keep: bool,
    kept: Vec<Buffer>,
}

impl Recorder {
    fn new(size: Size, start: Instant) -> Recorder {
        let area = Rect::new(0, 0, size.columns, size.rows);
        Recorder {
            // Hide the cursor, clear the screen.
            events: vec![Event {
                time: 0.0,
                kind: "o",
                data: "\x1b[?25l\x1b[2J\x1b[H".to_string(),
            }],
            start,
            clock: 0.0,
            shown: Buffer::empty(area),
            terminal: Terminal::new(TestBackend::new(size.columns, size.rows))
                .unwrap_or_else(|never| match never {}),
            keep: false,
            kept: Vec::new(),
        }
    }

    fn now(&self) -> Instant {
        self.start + Duration::from_secs_f64(self.clock)
    }

    fn wait(&mut self, seconds: f64) {
        self.clock += seconds.max(0.0);
    }

    fn marker(&mut self, label: &str) {
        self.events.push(Event {
            time: self.clock,
            kind: "m",
            data: label.to_string(),
        });
    }

    /// Draws the app and adds what changed on screen, if anything did; tells the app
    /// what was drawn, as the runtime does.
    fn screen(&mut self, app: &mut App) -> Result<()> {
        // The frame's own buffer, whole: the backend's copy only takes the cells ratatui's
        // diff sent it, and keeps stale ones under wide characters.
        let mut next = Buffer::empty(self.shown.area);
        let mut geometry = None;
        self.terminal
            .draw(|frame| {
                geometry = Some(ui::draw(frame, app));
                next = frame.buffer_mut().clone();
            })
            .context("draw a screen of the cast")?;
        if let Some(geometry) = geometry {
            app.update(Msg::Drawn(geometry), self.now());
        }
        let data = ansi::diff(&self.shown, &next);
        if !data.is_empty() {
            self.events.push(Event {
                time: self.clock,
                kind: "o",
                data,
            });
            if self.keep {
                self.kept.push(next.clone());
            }
        }
        self.shown = next;
        Ok(())
    }
}

/// Carries out effects as the runtime does, with the recording as the lab.
fn drive(app: &mut App, replayer: &Replayer, effects: Vec<Effect>, now: Instant) {
    for effect in effects {
        if let Some(reply) = answer(replayer, &effect) {
            let more = app.update(Msg::from(reply), now);
            drive(app, replayer, more, now);
        }
    }
}

fn press(app: &mut App, replayer: &Replayer, code: KeyCode, now: Instant) {
    let effects = app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now);
    drive(app, replayer, effects, now);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Played in a terminal emulator, every screen of a cast is exactly the screen the ui
    /// drew, cell for cell: both languages (Korean's wide characters change places from
    /// step to step), every theme.
    #[test]
    fn a_player_shows_exactly_the_screens_drawn() {
        let fixture = include_str!("../../tests/fixtures/recording.jsonl");
        for (lang, theme) in [(Lang::Ko, ThemeName::Dark), (Lang::En, ThemeName::Contrast)] {
            let look = CastLook {
                lang,
                size: Size {
                    columns: 100,
                    rows: 30,
                },
                theme,
                no_color: false,
                ascii: false,
                talk: false,
            };
            let recording = Recording::parse(fixture).expect("fixture");
            let (events, screens) = record(recording, look, true).expect("cast");
            let mut terminal = vt100::Parser::new(30, 100, 0);
            let mut screens = screens.iter();
            for (n, event) in events.iter().enumerate().filter(|(_, e)| e.kind == "o") {
                terminal.process(event.data.as_bytes());
                if n == 0 {
                    continue; // the clear screen
                }
                let drawn = screens.next().expect("a screen per output event");
                let shown = terminal.screen();
                for y in 0..30 {
                    let mut row = String::new();
                    let mut want = String::new();
                    let mut skip = 0;
                    for x in 0..100 {
                        let cell = shown.cell(y, x).expect("cell");
                        if !cell.is_wide_continuation() {
                            row.push_str(if cell.has_contents() {
                                cell.contents()
                            } else {
                                " "
                            });
                        }
                        if skip > 0 {
                            skip -= 1;
                            continue;
                        }
                        let symbol = drawn[(x, y)].symbol();
                        skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                        want.push_str(symbol);
                    }
                    assert_eq!(
                        row, want,
                        "{lang} {theme:?}, event {n} at {}s, row {y}",
                        event.time
                    );
                }
            }
        }
    }

    #[test]
    fn sizes_parse_or_say_why_not() {
        assert_eq!(
            parse_size("100x30"),
            Ok(Size {
                columns: 100,
                rows: 30
            })
        );
        assert!(parse_size("60X16").is_ok());
        for bad in ["100", "x30", "100x", "ax30", "100x30x2", "-1x30"] {
            assert!(
                parse_size(bad).unwrap_err().contains("COLUMNSxROWS"),
                "{bad}"
            );
        }
        assert!(parse_size("59x30").unwrap_err().contains("at least 60x16"));
        assert!(parse_size("1000x30").unwrap_err().contains("too large"));
    }
}
