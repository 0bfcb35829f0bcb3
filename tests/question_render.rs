//! The questions as drawn (ratatui `TestBackend`, insta snapshots), from the fixed
//! recording so the screens are deterministic: a prediction before the clone step and its
//! verdict after the run, in both languages at 80x24; an answered question of the summary
//! quiz, the score and the question before clearing progress; the same under `--ascii`
//! with no box drawing; tiny screens do not panic.

use pidns_tutor::app::App;
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::record::Replayer;
use ratatui::crossterm::event::KeyCode;
use render_support::{Setup, app_with, fixture, key, render, text};

mod render_support;

struct Screen {
    app: App,
    replayer: Replayer,
}

impl Screen {
    fn at(lang: Lang, step: Step, size: (u16, u16), ascii: bool) -> Screen {
        let replayer = fixture();
        let setup = Setup {
            ascii,
            ..Setup::new(lang, size)
        };
        let app = app_with(setup, &replayer, step, 0);
        Screen { app, replayer }
    }

    fn keys(&mut self, codes: &[KeyCode]) -> &mut Screen {
        for &code in codes {
            key(&mut self.app, &self.replayer, code);
        }
        self
    }

    fn text(&self) -> String {
        text(&render(&self.app))
    }
}

#[test]
fn the_prediction_and_its_verdict_in_both_languages_at_80x24() {
    for lang in Lang::ALL {
        let code = lang.code();
        let mut screen = Screen::at(lang, Step::Clone, (80, 24), false);
        screen.keys(&[KeyCode::Enter, KeyCode::Down, KeyCode::Down]);
        let asked = screen.text();
        // The whole question fits: prompt, four choices, the keys.
        let keys = if lang == Lang::En {
            "Esc skip"
        } else {
            "Esc 건너뛰고"
        };
        assert!(asked.contains(keys), "{asked}");
        assert!(asked.contains(" 4  "), "{asked}");
        insta::assert_snapshot!(format!("{code}_80x24_clone_asked"), asked);
        // 2 (the arrows' choice), then the run and the verdict next to the live value.
        screen.keys(&[KeyCode::Enter]);
        let judged = screen.text();
        let said = if lang == Lang::En {
            "✗ You said 2)"
        } else {
            "✗ 답: 2)"
        };
        assert!(judged.contains(said), "{judged}");
        assert!(judged.contains("getppid() = 0"), "{judged}");
        insta::assert_snapshot!(format!("{code}_80x24_clone_judged"), judged);
    }
}

#[test]
fn the_summary_quiz_the_score_and_clearing_progress() {
    let mut screen = Screen::at(Lang::En, Step::Summary, (100, 30), false);
    // The quiz comes before the summary: the lesson holds it back meanwhile.
    screen.keys(&[KeyCode::Enter, KeyCode::Char('2')]);
    let answered = screen.text();
    assert!(!answered.contains("ESRCH"), "{answered}");
    insta::assert_snapshot!("en_100x30_quiz_answered", answered);
    for _ in 1..pidns_tutor::quiz::summary_quiz().len() {
        screen.keys(&[KeyCode::Enter, KeyCode::Char('1')]);
    }
    screen.keys(&[KeyCode::Enter]);
    let score = screen.text();
    assert!(score.contains("quiz done"), "{score}");
    insta::assert_snapshot!("en_100x30_quiz_score", score);
    let mut screen = Screen::at(Lang::Ko, Step::Summary, (100, 30), false);
    screen.app.learner.kept = Ok("/home/learner/.local/state/pidns-tutor/progress.json".into());
    screen.keys(&[KeyCode::Char('P')]);
    insta::assert_snapshot!("ko_100x30_clear_progress", screen.text());
}

#[test]
fn ascii_questions_draw_no_box_characters() {
    let mut screen = Screen::at(Lang::En, Step::InitSignals, (80, 24), true);
    screen.keys(&[KeyCode::Enter, KeyCode::Down]);
    let asked = screen.text();
    assert!(asked.contains("predict first"), "{asked}");
    screen.keys(&[KeyCode::Enter]);
    let judged = screen.text();
    for screen in [asked, judged] {
        for glyph in ["│", "─", "╭", "✓", "✗", "↑", "↓", "·", "•"] {
            assert!(
                !screen.contains(glyph),
                "{glyph} drawn with --ascii:\n{screen}"
            );
        }
    }
}

#[test]
fn tiny_screens_with_a_question_do_not_panic() {
    for size in [(1, 1), (20, 5), (59, 15), (60, 16), (61, 17)] {
        let mut screen = Screen::at(Lang::Ko, Step::Joining, size, false);
        screen.keys(&[KeyCode::Enter]);
        let _ = screen.text();
        screen.keys(&[KeyCode::Char('1')]);
        let _ = screen.text();
    }
}

/// The row of the screen that shows choice `n` (its chip ` n `) and the marker before it.
fn marked_choice(screen: &str) -> Option<char> {
    screen.lines().find_map(|line| {
        let at = line.find('▸')?;
        line[at + '▸'.len_utf8()..]
            .trim_start()
            .chars()
            .next()
            .filter(char::is_ascii_digit)
    })
}

#[test]
fn the_arrows_move_a_selection_that_is_drawn_in_normal_and_stage_mode() {
    for stage in [false, true] {
        for (step, open) in [
            (Step::Clone, vec![KeyCode::Enter]),
            // The summary's scan first, then the quiz.
            (Step::Summary, vec![KeyCode::Enter, KeyCode::Enter]),
        ] {
            let replayer = fixture();
            let setup = Setup {
                talk: stage,
                ..Setup::new(Lang::En, (100, 30))
            };
            let mut screen = Screen {
                app: app_with(setup, &replayer, step, 0),
                replayer,
            };
            screen.keys(&open);
            assert!(screen.app.asking().is_some(), "{step}: a question is open");
            let before = render(&screen.app);
            assert_eq!(marked_choice(&text(&before)), None, "none chosen at first");
            screen.keys(&[KeyCode::Down]);
            let first = render(&screen.app);
            assert_ne!(
                before, first,
                "{step} stage={stage}: ↓ changed nothing drawn"
            );
            assert_eq!(marked_choice(&text(&first)), Some('1'), "{}", text(&first));
            screen.keys(&[KeyCode::Char('j')]);
            let second = render(&screen.app);
            assert_ne!(
                first, second,
                "{step} stage={stage}: j changed nothing drawn"
            );
            assert_eq!(
                marked_choice(&text(&second)),
                Some('2'),
                "{}",
                text(&second)
            );
            screen.keys(&[KeyCode::Up]);
            assert_eq!(
                render(&screen.app),
                first,
                "↑ goes back to the same drawing"
            );
        }
    }
}
