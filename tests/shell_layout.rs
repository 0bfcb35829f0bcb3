//! The lesson never disappears behind the shell pane: at every step, in both languages, at
//! 80x24 and 100x30 with the shell open, at least five lines of the step's text and the
//! live box's first line are on screen, or one key away (`1`) and the status bar says
//! so. The host's tree keeps its root row however far it is scrolled. Headless, from the
//! fixed recording (labelled live, so the shell can open), the shell's start simulated.

use pidns_tutor::app::{App, Modal, Msg, Pane, Reply, ShellInfo};
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use ratatui::crossterm::event::KeyCode;
use render_support::{Setup, app_with, draw, fixture, key, render, row, text};
use std::time::Instant;

mod render_support;

/// The app at `step` (run once) with the shell pane open and its shell running.
fn with_shell(lang: Lang, size: (u16, u16), step: Step) -> Option<App> {
    let replayer = fixture();
    let setup = Setup {
        live: true,
        ..Setup::new(lang, size)
    };
    let mut app = app_with(setup, &replayer, step, 1);
    app.views.agent?;
    key(&mut app, &replayer, KeyCode::Char('s'));
    if app.modals.top() == Some(&Modal::ConfirmShell) {
        key(&mut app, &replayer, KeyCode::Char('y'));
    }
    app.shell.as_ref()?;
    let info = ShellInfo {
        host_pid: 4242,
        ns_pid: 9,
        program: "/bin/bash".into(),
    };
    app.update(
        Msg::from(Reply::ShellStarted {
            info,
            restarted: false,
        }),
        Instant::now(),
    );
    // The lesson's keys, as after Ctrl-].
    app.modals.close(|m| *m == Modal::Shell);
    draw(&mut app);
    Some(app)
}

/// Whether the lesson shows at least five lines of text and the live box its first.
fn lesson_shown(app: &App) -> bool {
    let (_, geometry) = render_support::render_with_geometry(app);
    geometry.of(Pane::Lesson).rows >= 5 && geometry.live.height >= 3
}

#[test]
fn the_lesson_stays_on_screen_or_one_key_away_beside_the_shell() {
    let mut checked = 0;
    for lang in Lang::ALL {
        let one = if lang == Lang::En {
            " 1 lesson "
        } else {
            " 1 본문 "
        };
        for size in [(80, 24), (100, 30)] {
            for step in Step::all() {
                let Some(mut app) = with_shell(lang, size, step) else {
                    continue;
                };
                checked += 1;
                let what = format!("{} {}x{} {step}", lang.code(), size.0, size.1);
                if lesson_shown(&app) {
                    continue;
                }
                let screen = text(&render(&app));
                let bar = screen.lines().last().unwrap_or_default().to_string();
                assert!(
                    bar.contains(one),
                    "{what}: the bar does not say `1`:\n{screen}"
                );
                app.update(Msg::Key(KeyCode::Char('1').into()), Instant::now());
                assert!(
                    lesson_shown(&app),
                    "{what}: `1` does not show the lesson:\n{}",
                    text(&render(&app))
                );
                assert!(app.shell.is_some(), "{what}: the shell stays open");
                // While the shell has the keys, the bar says how to get back, whole.
                app.modals.open(Modal::Shell);
                let screen = text(&render(&app));
                let bar = screen.lines().last().unwrap_or_default().to_string();
                assert!(
                    bar.contains("Ctrl-]") && !bar.contains('…'),
                    "{what}: {bar}"
                );
            }
        }
    }
    assert!(checked > 20, "{checked} screens with a shell");
}

#[test]
fn a_scrolled_tree_keeps_its_root_row() {
    for size in [(80, 24), (100, 30)] {
        let Some(mut app) = with_shell(Lang::En, size, Step::ProcLeak) else {
            panic!("proc-leak has a lab in the recording");
        };
        let root = app
            .views
            .host
            .as_ref()
            .and_then(|h| h.get(1))
            .map(|p| format!("{} 1", p.name))
            .expect("the host's PID 1");
        let geometry = draw(&mut app);
        let host = geometry.of(Pane::Host);
        let buffer = render(&app);
        let first = (host.area.top()..host.area.bottom())
            .map(|y| row(&buffer, y, host.area.left() + 1, host.area.right() - 1))
            .find(|line| line.contains(&root) || line.contains("more rows above"));
        assert!(
            first.is_some_and(|line| line.contains(&root)),
            "{size:?}: the root row is gone:\n{}",
            text(&buffer)
        );
    }
}

/// The rows of `area` inside its borders that end in an ellipsis (a cut), and the title
/// row when it does.
fn cut_rows(buffer: &ratatui::buffer::Buffer, area: ratatui::layout::Rect) -> Vec<String> {
    if area.width < 3 || area.height < 2 {
        return Vec::new();
    }
    (area.top()..area.bottom().saturating_sub(1))
        .map(|y| row(buffer, y, area.left() + 1, area.right() - 1))
        .filter(|line| line.trim_end().ends_with('…'))
        .collect()
}

#[test]
fn what_is_cut_beside_the_shell_is_one_zoom_away() {
    let mut zoomed = 0;
    for lang in Lang::ALL {
        for size in [(80, 24), (100, 30)] {
            for step in Step::all() {
                let Some(app) = with_shell(lang, size, step) else {
                    continue;
                };
                let what = format!("{} {}x{} {step}", lang.code(), size.0, size.1);
                let (buffer, geometry) = render_support::render_with_geometry(&app);
                let screen = text(&buffer);
                // The shell's frame and the status bar have no zoom: nothing cut there.
                let bar = screen.lines().last().unwrap_or_default();
                assert!(!bar.trim_end().ends_with('…'), "{what}: {bar}");
                let shell = cut_rows(&buffer, geometry.shell);
                assert!(
                    shell.is_empty(),
                    "{what}: the shell cut {shell:?}\n{screen}"
                );
                for pane in Pane::ALL {
                    let area = geometry.of(pane).area;
                    if !geometry.shows(pane) || cut_rows(&buffer, area).is_empty() {
                        continue;
                    }
                    // The pane's digit focuses it, z zooms it: then nothing is cut.
                    let mut app = with_shell(lang, size, step).expect("as before");
                    let digit = char::from(b'1' + pane.index() as u8);
                    for code in [KeyCode::Char(digit), KeyCode::Char('z')] {
                        app.update(Msg::Key(code.into()), Instant::now());
                        draw(&mut app);
                    }
                    let (buffer, geometry) = render_support::render_with_geometry(&app);
                    let cut = cut_rows(&buffer, geometry.of(pane).area);
                    assert!(
                        cut.is_empty(),
                        "{what}: {pane:?} zoomed still cuts {cut:?}\n{}",
                        text(&buffer)
                    );
                    zoomed += 1;
                }
            }
        }
    }
    assert!(
        zoomed > 0,
        "no screen cut anything: the check checked nothing"
    );
}
