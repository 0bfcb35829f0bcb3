//! Rendering tests: every step in both languages, at 80x24 and 160x48, and stage mode at
//! 100x30, drawn from a fixed recording (tests/fixtures/recording.jsonl, made once by
//! `pidns-tutor record`) so the screens are deterministic; tiny sizes must not panic;
//! Korean text is never cut in half at a pane's edge. The invariants at every size, mode
//! and language are in `ui_invariants.rs`.

mod render_support;

use pidns_tutor::app::{Msg, Pane, ThemeName};
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use ratatui::crossterm::event::KeyCode;
use render_support::*;
use std::time::Instant;
use unicode_width::UnicodeWidthStr;

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
    let replayer = fixture();
    let setup = Setup {
        ascii: true,
        theme: ThemeName::Contrast,
        no_color: true,
        ..Setup::new(Lang::En, (120, 36))
    };
    let app = app_with(setup, &replayer, Step::RemountProc, 1);
    let screen = text(&render(&app));
    assert!(
        screen.is_ascii(),
        "--ascii drew something else than ASCII:\n{screen}"
    );
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
    let replayer = fixture();
    for size in [(60, 16), (80, 24), (97, 30), (121, 40), (160, 48)] {
        for (step, stage) in Step::all().flat_map(|s| [(s, false), (s, true)]) {
            let setup = Setup {
                talk: stage,
                ..Setup::new(Lang::Ko, size)
            };
            let app = app_with(setup, &replayer, step, 1);
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

/// Stage mode at a projector's 100x30: the banner, both trees at full height, every step.
#[test]
fn stage_mode_every_step() {
    let replayer = fixture();
    for id in Step::all() {
        let setup = Setup {
            talk: true,
            ..Setup::new(Lang::En, (100, 30))
        };
        let app = app_with(setup, &replayer, id, 1);
        let screen = text(&render(&app));
        let first = screen.lines().next().unwrap_or_default();
        let counter = format!("{}/{}", id.number(), Step::COUNT);
        assert!(first.contains(&counter), "{screen}");
        insta::assert_snapshot!(format!("stage_en_100x30_{:02}_{id}", id.number()), screen);
    }
}

/// Orphan-reaping in stage mode from the bundled recording, which has the chain as it was
/// just before the kill: BEFORE (demo-b still there, marked), then AFTER (demo-c moved
/// under PID 1, demo-b gone), in both languages.
#[test]
fn stage_mode_before_and_after_the_kill() {
    let replayer = bundled();
    for lang in Lang::ALL {
        let setup = Setup {
            talk: true,
            ..Setup::new(lang, (100, 30))
        };
        let mut app = app_with(setup, &replayer, Step::OrphanReaping, 1);
        let before = text(&render(&app));
        assert!(before.contains("demo-b"), "{before}");
        key(&mut app, &replayer, KeyCode::Enter);
        let after = text(&render(&app));
        let tree_rows: Vec<&str> = after.lines().filter(|l| l.contains("─demo-")).collect();
        assert!(
            tree_rows.iter().all(|l| !l.contains("demo-b")),
            "demo-b is killed, so no tree shows it:\n{after}"
        );
        insta::assert_snapshot!(format!("stage_{}_100x30_09_before", lang.code()), before);
        insta::assert_snapshot!(format!("stage_{}_100x30_09_after", lang.code()), after);
    }
}

/// A prediction (`App::question`, the one question model) before a reveal: roomy over the
/// trees on stage, below the banner, and over the panes otherwise; the same words either
/// way, in both languages.
#[test]
fn a_question_is_shown_large_on_stage() {
    let replayer = fixture();
    for lang in Lang::ALL {
        let mut widths = Vec::new();
        for stage in [true, false] {
            let setup = Setup {
                talk: stage,
                ..Setup::new(lang, (100, 30))
            };
            let mut app = app_with(setup, &replayer, Step::Clone, 0);
            key(&mut app, &replayer, KeyCode::Enter);
            key(&mut app, &replayer, KeyCode::Down);
            let view = app.question().expect("Enter asks first at clone");
            let (buffer, geometry) = render_with_geometry(&app);
            let screen = text(&buffer);
            let prompt: String = view
                .prompt
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(screen.contains(&prompt), "{prompt:?} missing:\n{screen}");
            for choice in &view.choices {
                let start = choice.split_whitespace().next().unwrap_or_default();
                assert!(screen.contains(start), "{choice:?} missing:\n{screen}");
            }
            assert!(screen.contains(&view.title), "{screen}");
            let rows: Vec<&str> = screen.lines().collect();
            widths.push(geometry.question.width);
            if stage {
                let counter = format!("4/{}", Step::COUNT);
                assert!(rows[0].contains(&counter), "the banner stays:\n{screen}");
                insta::assert_snapshot!(format!("stage_{}_100x30_question", lang.code()), screen);
            }
        }
        assert!(
            widths[0] > widths[1],
            "the stage's box is the wider: {widths:?}"
        );
    }
}

/// The drop at remount-proc: the namespace's pane says how many its /proc listed before.
#[test]
fn the_drop_at_remount_proc_is_said() {
    let (app, _) = app_at(Lang::En, Step::RemountProc, true, (100, 30));
    let screen = text(&render(&app));
    // What the namespace's /proc listed while it was the host's.
    let recording = pidns_tutor::record::Recording::parse(FIXTURE).expect("fixture");
    let leaked = recording
        .observation(Step::ProcLeak)
        .and_then(|o| o.ns_view.as_ref())
        .map(|v| v.total)
        .expect("the leak's view");
    assert!(leaked > 1);
    let said = format!("1 now in its own /proc, was {leaked}: the host's");
    assert!(screen.contains(&said), "{screen}");
}

/// The status bar at a projector's 100 columns: a message is said whole before the
/// RECORDED label grows, and `?` and `q` stay at the end, whole.
#[test]
fn the_status_bar_says_a_message_before_it_grows_a_label() {
    let (mut app, _) = app_at(Lang::En, Step::Clone, false, (100, 30));
    let message = "A recording has no live namespace to open a shell in.";
    app.notice = Some(pidns_tutor::app::Notice::Info(message.into()));
    let screen = text(&render(&app));
    let status = screen.lines().last().unwrap_or_default();
    assert!(status.contains(message), "{status:?}");
    assert!(status.contains(" RECORDED "), "{status:?}");
    assert!(status.trim_end().ends_with("? help  q quit"), "{status:?}");
}

/// The key help lists every key at the smallest screen too (80x24), in both languages and
/// under `--ascii`: what does not fit scrolls (↓ to the end), and its title says so.
#[test]
fn the_help_reaches_every_key_on_a_short_screen() {
    let replayer = fixture();
    for lang in Lang::ALL {
        for ascii in [false, true] {
            let setup = Setup {
                ascii,
                ..Setup::new(lang, (80, 24))
            };
            let mut app = app_with(setup, &replayer, Step::Clone, 0);
            key(&mut app, &replayer, KeyCode::Char('?'));
            let mut seen = String::new();
            let mut max = None;
            // Bounded: the help is a few dozen rows; each Down shows one more.
            for _ in 0..64 {
                let (buffer, geometry) = render_with_geometry(&app);
                app.update(Msg::Drawn(geometry), Instant::now());
                let screen = text(&buffer);
                if max.is_none() {
                    let title = pidns_tutor::words::help::TITLE.get(lang);
                    assert!(geometry.help_max > 0, "80x24 cannot show it whole");
                    assert!(screen.contains(title), "{screen}");
                    max = Some(geometry.help_max);
                }
                seen.push_str(&screen);
                if app.modals.help() == Some(geometry.help_max) {
                    break;
                }
                key(&mut app, &replayer, KeyCode::Down);
            }
            assert_eq!(app.modals.help(), max, "Down reaches the end");
            for (keys, what) in pidns_tutor::words::help::KEYS {
                let keys = pidns_tutor::words::numbered(*keys, lang);
                let what = what.get(lang);
                let keys = pidns_tutor::symbols::Symbols::pick(ascii).spell_keys(&keys);
                assert!(
                    seen.contains(&keys),
                    "{lang:?} ascii={ascii}: {keys:?} never shown"
                );
                let first = what.split_whitespace().next().unwrap_or_default();
                assert!(seen.contains(first), "{lang:?}: {what:?} never shown");
            }
            key(&mut app, &replayer, KeyCode::Home);
            assert_eq!(app.modals.help(), Some(0), "Home goes back to the top");
        }
    }
}
