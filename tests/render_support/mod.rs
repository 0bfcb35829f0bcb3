//! Shared by the rendering tests: the app driven from a recording as the runtime drives it
//! from the lab, and frames drawn into a test backend.
#![allow(dead_code)]

use pidns_tutor::app::{App, AppOptions, Effect, Geometry, Msg, ThemeName};
use pidns_tutor::lab::Mode;
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::record::{Recording, Replayer};
use pidns_tutor::source::Source;
use pidns_tutor::tui::answers::answer;
use pidns_tutor::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Instant;
use unicode_width::UnicodeWidthStr;

/// A fixed recording (made once by `pidns-tutor record`), so snapshots stay put when the
/// bundled one is recorded again.
pub const FIXTURE: &str = include_str!("../fixtures/recording.jsonl");

pub fn fixture() -> Replayer {
    Replayer::new(Recording::parse(FIXTURE).expect("fixture parses"))
}

/// The bundled recording: real observations, with the "before" of orphan-reaping.
pub fn bundled() -> Replayer {
    Replayer::new(Recording::bundled().expect("the bundled recording parses"))
}

/// How the app is set up.
#[derive(Clone, Copy, Debug)]
pub struct Setup {
    pub lang: Lang,
    pub size: (u16, u16),
    pub talk: bool,
    /// Labelled live (in root mode) although the answers come from a recording: the
    /// screens of a live run, without a namespace.
    pub live: bool,
    pub ascii: bool,
    pub theme: ThemeName,
    pub no_color: bool,
}

impl Setup {
    pub fn new(lang: Lang, size: (u16, u16)) -> Setup {
        Setup {
            lang,
            size,
            talk: false,
            live: false,
            ascii: false,
            theme: ThemeName::Dark,
            no_color: false,
        }
    }
}

/// Carries out effects the way the runtime does, with the recording as the lab.
pub fn drive(app: &mut App, replayer: &Replayer, effects: Vec<Effect>) {
    for effect in effects {
        if let Some(reply) = answer(replayer, &effect) {
            let more = app.update(Msg::from(reply), Instant::now());
            drive(app, replayer, more);
        }
    }
}

pub fn key(app: &mut App, replayer: &Replayer, code: KeyCode) {
    let effects = app.update(
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        Instant::now(),
    );
    drive(app, replayer, effects);
}

/// Runs the step shown: Enter (yes to ending the lab), and where that asks a prediction
/// first, Esc skips it (the screens of the questions themselves are tests of their own,
/// in tests/question_render.rs).
pub fn run(app: &mut App, replayer: &Replayer) {
    key(app, replayer, KeyCode::Enter);
    if app.asking().is_some() {
        key(app, replayer, KeyCode::Esc);
    }
    // A run that ends the lab before its task is done asks first: yes, run.
    if app.modals.top() == Some(&pidns_tutor::app::Modal::ConfirmTeardown) {
        key(app, replayer, KeyCode::Char('y'));
    }
}

/// The app at `step`, its action run `runs` times (Enter pressed, a prediction skipped; at
/// orphan-reaping the second goes from "before" to "after").
pub fn app_with(setup: Setup, replayer: &Replayer, step: Step, runs: usize) -> App {
    let source = if setup.live {
        Source::Live(Mode::Root)
    } else {
        Source::Recorded(replayer.header().clone())
    };
    let mut app = App::new(AppOptions {
        lang: setup.lang,
        source,
        start: step,
        ascii: setup.ascii,
        theme: setup.theme,
        no_color: setup.no_color,
        talk: setup.talk,
    })
    .expect("lessons load");
    app.update(Msg::Resize(setup.size.0, setup.size.1), Instant::now());
    let effects = app.start();
    drive(&mut app, replayer, effects);
    for _ in 0..runs {
        run(&mut app, replayer);
    }
    app
}

/// The app at `step` from the fixture recording, its action run when `ran`.
pub fn app_at(lang: Lang, step: Step, ran: bool, size: (u16, u16)) -> (App, Replayer) {
    let replayer = fixture();
    let app = app_with(Setup::new(lang, size), &replayer, step, usize::from(ran));
    (app, replayer)
}

pub fn render(app: &App) -> Buffer {
    render_with_geometry(app).0
}

/// The frame, and where the drawing says it put everything.
pub fn render_with_geometry(app: &App) -> (Buffer, Geometry) {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    let mut geometry = Geometry::default();
    terminal
        .draw(|frame| geometry = ui::draw(frame, app))
        .expect("draw");
    (terminal.backend().buffer().clone(), geometry)
}

/// Draws a frame as the runtime does and hands its geometry back to the app (which
/// scrolls and focuses by what was on screen).
pub fn draw(app: &mut App) -> Geometry {
    let (_, geometry) = render_with_geometry(app);
    app.update(Msg::Drawn(geometry), Instant::now());
    geometry
}

/// The buffer as text, one line per row; the hidden half of a wide character is skipped.
pub fn text(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        out.push_str(&row(buffer, y, 0, buffer.area.width));
        out.push('\n');
    }
    out
}

/// The text of row `y` from column `from` to `to` (exclusive).
pub fn row(buffer: &Buffer, y: u16, from: u16, to: u16) -> String {
    let mut out = String::new();
    let mut skip = 0;
    for x in from..to {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let symbol = buffer[(x, y)].symbol();
        skip = symbol.width().saturating_sub(1);
        out.push_str(symbol);
    }
    out
}
