//! The stage's banner gives the room its verdict, right or wrong, with the answer and the
//! fact that decides it, at a projector's 100x30 and at 80x24, in both languages; and on
//! stage a digit never zooms a pane (the live shell on stage: tests/stage_talk.rs).

mod render_support;

use pidns_tutor::app::Pane;
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use ratatui::crossterm::event::KeyCode;
use render_support::*;

/// The banner at `step` after the room answered `choice` (1-based) and the step ran.
fn banner(lang: Lang, size: (u16, u16), step: Step, choice: char) -> String {
    let replayer = fixture();
    let setup = Setup {
        talk: true,
        ..Setup::new(lang, size)
    };
    let mut app = app_with(setup, &replayer, step, 0);
    key(&mut app, &replayer, KeyCode::Enter);
    assert!(app.question().is_some(), "{step}: the question first");
    key(&mut app, &replayer, KeyCode::Char(choice));
    text(&render(&app))
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_wrong_guess_gets_its_verdict_and_the_answer_on_the_banner() {
    for size in [(100, 30), (80, 24)] {
        // Clone: 1) is the tutor's PID (wrong), 3) is 1 and 0.
        let wrong = banner(Lang::En, size, Step::Clone, '1');
        assert!(
            wrong.contains("✗ You said 1); the answer: 3)."),
            "{size:?}: {wrong}"
        );
        let right = banner(Lang::En, size, Step::Clone, '3');
        assert!(right.contains("✓ You said 3): right."), "{size:?}: {right}");
        let ko = banner(Lang::Ko, size, Step::Clone, '1');
        assert!(ko.contains("✗ 답: 1), 정답: 3)."), "{size:?}: {ko}");
    }
    // At 100 columns the deciding fact follows the verdict.
    let wrong = banner(Lang::En, (100, 30), Step::Clone, '1');
    assert!(wrong.contains("getpid() = 1"), "{wrong}");
    // At proc-leak the fact is the count that decides the question.
    let leak = banner(Lang::En, (100, 30), Step::ProcLeak, '1');
    assert!(
        leak.contains("✗ You said 1)") && leak.contains("Recorded:"),
        "{leak}"
    );
}

#[test]
fn on_stage_a_digit_never_zooms_and_t_shows_the_lesson() {
    let replayer = fixture();
    let setup = Setup {
        talk: true,
        ..Setup::new(Lang::En, (80, 24))
    };
    let mut app = app_with(setup, &replayer, Step::ProcLeak, 1);
    for digit in ['1', '2'] {
        key(&mut app, &replayer, KeyCode::Char(digit));
        let (buffer, geometry) = render_with_geometry(&app);
        assert!(!app.zoom, "{digit} zoomed");
        assert!(geometry.of(Pane::Code).area.is_empty(), "{digit}");
        assert!(!text(&buffer).contains("newpid.c"));
    }
    key(&mut app, &replayer, KeyCode::Char('t'));
    let (_, geometry) = render_with_geometry(&app);
    assert!(
        !geometry.of(Pane::Lesson).area.is_empty(),
        "t shows the lesson"
    );
}
