//! Rendering tests: every step in both languages, at 80x24 and 160x48, drawn from a fixed
//! recording (tests/fixtures/recording.jsonl, made once by `pidns-tutor record`) so the
//! screens are deterministic; tiny sizes must not panic; Korean text is never cut in half
//! at a pane's edge.

use pidns_tutor::app::{App, AppOptions, Effect, Geometry, Msg, Pane, ThemeName};
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::record::Recording;
use pidns_tutor::source::Source;
use pidns_tutor::tui::replay::Replayer;
use pidns_tutor::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Instant;
use unicode_width::UnicodeWidthStr;

const FIXTURE: &str = include_str!("fixtures/recording.jsonl");

fn replayer() -> Replayer {
    Replayer::new(Recording::parse(FIXTURE).expect("fixture parses"))
}

/// Carries out effects the way the runtime does, with the recording as the lab.
fn drive(app: &mut App, replayer: &Replayer, effects: Vec<Effect>) {
    for effect in effects {
        if let Some(reply) = replayer.reply(&effect) {
            let more = app.update(Msg::from(reply), Instant::now());
            drive(app, replayer, more);
        }
    }
}

fn key(app: &mut App, replayer: &Replayer, code: KeyCode) {
    let effects = app.update(
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        Instant::now(),
    );
    drive(app, replayer, effects);
}

/// The app at `step`, its action run when `ran`, sized `w`x`h`.
fn app_at(lang: Lang, step: Step, ran: bool, (w, h): (u16, u16)) -> (App, Replayer) {
    let replayer = replayer();
    let mut app = App::new(AppOptions {
        lang,
        source: Source::Recorded(replayer.header().clone()),
        start: step,
        ascii: false,
        theme: ThemeName::Dark,
        no_color: false,
        stage: false,
    })
    .expect("lessons load");
    app.update(Msg::Resize(w, h), Instant::now());
    let effects = app.start();
    drive(&mut app, &replayer, effects);
    if ran {
        run(&mut app, &replayer);
    }
    (app, replayer)
}

/// Runs the step shown: Enter, and where that asks a prediction first, Esc skips it (the
/// screens of the questions themselves are tests of their own, in tests/question_render.rs).
fn run(app: &mut App, replayer: &Replayer) {
    key(app, replayer, KeyCode::Enter);
    if app.asking.is_some() {
        key(app, replayer, KeyCode::Esc);
    }
}

fn render(app: &App) -> Buffer {
    render_with_geometry(app).0
}

/// The frame, and where the drawing says it put everything.
fn render_with_geometry(app: &App) -> (Buffer, Geometry) {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    let mut geometry = Geometry::default();
    terminal
        .draw(|frame| geometry = ui::draw(frame, app))
        .expect("draw");
    (terminal.backend().buffer().clone(), geometry)
}

/// The buffer as text, one line per row; the hidden half of a wide character is skipped.
fn text(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = symbol.width().saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_step_both_languages_two_sizes() {
    for lang in Lang::ALL {
        for size in [(80, 24), (160, 48)] {
            for id in Step::all() {
                let (app, _) = app_at(lang, id, true, size);
                let name = format!(
                    "{}_{}x{}_{:02}_{id}",
                    lang.code(),
                    size.0,
                    size.1,
                    id.number()
                );
                insta::assert_snapshot!(name, text(&render(&app)));
            }
        }
    }
}

#[test]
fn before_running_a_step_the_pane_says_press_enter() {
    let (app, _) = app_at(Lang::En, Step::Clone, false, (160, 48));
    let screen = text(&render(&app));
    assert!(screen.contains("Press Enter to run it"), "{screen}");
    insta::assert_snapshot!("en_160x48_04_clone_before_enter", screen);
}

#[test]
fn overlays_and_zoom() {
    let (mut app, replayer) = app_at(Lang::En, Step::ProcLeak, true, (120, 36));
    key(&mut app, &replayer, KeyCode::Char('?'));
    insta::assert_snapshot!("en_120x36_help", text(&render(&app)));
    key(&mut app, &replayer, KeyCode::Esc);
    key(&mut app, &replayer, KeyCode::Tab);
    key(&mut app, &replayer, KeyCode::Tab);
    key(&mut app, &replayer, KeyCode::Char('z'));
    insta::assert_snapshot!("en_120x36_zoom_host", text(&render(&app)));
}

#[test]
fn ascii_draws_no_box_characters() {
    let replayer = replayer();
    let mut app = App::new(AppOptions {
        lang: Lang::En,
        source: Source::Recorded(replayer.header().clone()),
        start: Step::RemountProc,
        ascii: true,
        theme: ThemeName::Contrast,
        no_color: true,
        stage: false,
    })
    .expect("lessons load");
    app.update(Msg::Resize(120, 36), Instant::now());
    let effects = app.start();
    drive(&mut app, &replayer, effects);
    run(&mut app, &replayer);
    let screen = text(&render(&app));
    for glyph in ["│", "─", "╭", "┃", "├", "└", "▸", "•", "↓", "◀"] {
        let found = screen.lines().any(|l| l.contains(glyph));
        assert!(!found, "{glyph} drawn with --ascii:\n{screen}");
    }
    // And with NO_COLOR nothing has a colour.
    let buffer = render(&app);
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
}

#[test]
fn tiny_sizes_do_not_panic_and_ask_for_room() {
    for (w, h) in [(1, 1), (20, 5), (59, 15), (60, 16), (2, 40), (200, 2)] {
        for step in [
            Step::Namespaces,
            Step::PidNamespace,
            Step::ProcLeak,
            Step::OrphanReaping,
        ] {
            let (mut app, replayer) = app_at(Lang::Ko, step, true, (w, h));
            render(&app);
            key(&mut app, &replayer, KeyCode::Char('?'));
            render(&app);
            key(&mut app, &replayer, KeyCode::Esc);
            key(&mut app, &replayer, KeyCode::Char('z'));
            key(&mut app, &replayer, KeyCode::PageDown);
            render(&app);
        }
    }
    let (app, _) = app_at(Lang::En, Step::first(), false, (59, 15));
    assert!(text(&render(&app)).contains("at least 60x16"));
    let (mut app, _) = app_at(Lang::En, Step::first(), false, (59, 15));
    app.update(Msg::Resize(80, 24), Instant::now());
    assert!(!text(&render(&app)).contains("at least 60x16"));
}

/// No double-width character may straddle a pane's right border: every row of the lesson
/// pane still has its border glyph, and the cell before it is not the first half of a
/// wide character.
#[test]
fn korean_is_never_cut_at_a_pane_edge() {
    for size in [(60, 16), (80, 24), (97, 30), (121, 40), (160, 48)] {
        for step in Step::all() {
            let (app, _) = app_at(Lang::Ko, step, true, size);
            let (buffer, geometry) = render_with_geometry(&app);
            let panes = Pane::ALL.map(|pane| geometry.of(pane).area);
            for area in panes.into_iter().chain([geometry.live]) {
                if area.width < 3 || area.height < 3 {
                    continue;
                }
                let border = area.right() - 1;
                for y in area.top() + 1..area.bottom() - 1 {
                    let edge = buffer[(border, y)].symbol();
                    assert!(
                        ["│", "┃", "|"].contains(&edge),
                        "step {step} at {size:?}: border at ({border},{y}) is {edge:?}"
                    );
                    let before = buffer[(border - 1, y)].symbol();
                    assert!(
                        before.width() < 2,
                        "step {step} at {size:?}: wide {before:?} cut at ({},{y})",
                        border - 1
                    );
                }
            }
        }
    }
}

#[test]
fn a_failure_shows_in_the_live_box() {
    let (mut app, _) = app_at(Lang::En, Step::Clone, false, (120, 36));
    app.update(
        Msg::from(pidns_tutor::app::Reply::Failed {
            step: Some(Step::Clone),
            error: "clone() in root mode failed with EPERM: creating a PID namespace needs root"
                .into(),
        }),
        Instant::now(),
    );
    let screen = text(&render(&app));
    assert!(screen.contains("failed with EPERM"), "{screen}");
    assert!(screen.contains("Enter tries again"), "{screen}");
}
