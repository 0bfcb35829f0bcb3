//! Predict, observe, explain: when a step's question opens, nothing else on screen gives
//! its answer away. Each step that asks is driven headless (the fixed recording, shown as
//! a live run would be, with its task), in both languages, and the answer's key words
//! may appear only inside the question's box: not in the lesson, its title, the live
//! box, the shell's `Try:` line or the task panel. Likewise the summary's quiz, which
//! is asked before the summary. After the run, the explanation is there.

use pidns_tutor::app::{App, Modal, Msg, Pane, Reply, ShellInfo};
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use render_support::{Setup, app_with, fixture, key, render_with_geometry, text};
use std::time::Instant;

mod render_support;

/// Words that say the answer of `step`'s question, in `lang`.
fn spoilers(step: Step, lang: Lang) -> &'static [&'static str] {
    let en = lang == Lang::En;
    match step {
        Step::Clone if en => &["which is 1", "which is 0", "so PID 1", "getppid() = 0"],
        Step::Clone => &["getpid()로 1", "getppid()로 0", "PID 1이 된다"],
        Step::KillParent if en => &["ESRCH", "No such process", "does not exist"],
        Step::KillParent => &["ESRCH", "No such process", "존재하지"],
        Step::ProcLeak if en => &["whole host", "every host process", "leaks"],
        Step::ProcLeak => &["호스트 전체", "누수"],
        Step::RemountProc if en => &["gives the PID inside", "speaks for the agent's"],
        Step::RemountProc => &["안쪽 PID를 주고", "에이전트의 PID namespace를"],
        Step::OrphanReaping if en => &["adopts", "turns into 1", "namespace's PID 1"],
        Step::OrphanReaping => &["입양", "1로 바뀌"],
        Step::InitSignals if en => &["stays alive", "lives on", "nothing happens", "discarded"],
        Step::InitSignals => &["살아 있다", "아무 일도", "버려"],
        Step::ForkNeeded if en => &["does not move", "stay as they were", "keeps its PID"],
        Step::ForkNeeded => &["옮겨지지", "바뀌지 않는다"],
        Step::Nesting if en => &["one per level", "3 2 1", "every ancestor"],
        Step::Nesting => &["PID를 하나씩 가진다", "3 2 1", "모든 조상"],
        Step::Joining if en => &["where the old one lived", "parent's namespace"],
        Step::Joining => &["옛 부모가 있던 곳", "부모의 namespace"],
        Step::InitDeath if en => &["ENOMEM", "still succeeds"],
        Step::InitDeath => &["ENOMEM", "여전히 성공"],
        Step::SignalsFromOutside if en => &["0 for a sender outside", "has no number there"],
        Step::SignalsFromOutside => &["번호가 없으므로 0"],
        // The summary's quiz: what the summary says.
        Step::Summary if en => &["ESRCH", "adopts orphans", "ENOMEM", "32 levels"],
        Step::Summary => &["ESRCH", "고아를 입양", "ENOMEM", "32단계"],
        _ => &[],
    }
}

/// The screen as text with the question's box blanked out (the choices may name the
/// answer: that is the question) and the code pane (newpid.c, not the lesson's words).
fn outside_the_question(buffer: &Buffer, hidden: &[Rect]) -> String {
    let mut buffer = buffer.clone();
    for area in hidden {
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if buffer.area.contains((x, y).into()) {
                    buffer[(x, y)].set_symbol(" ");
                }
            }
        }
    }
    text(&buffer)
}

/// The app at `step`, live as the runtime shows it, with the shell pane open (its `Try:`
/// line on screen) and the step's task, at `size`.
fn at(lang: Lang, step: Step, size: (u16, u16)) -> (App, pidns_tutor::record::Replayer) {
    let replayer = fixture();
    let setup = Setup {
        live: true,
        ..Setup::new(lang, size)
    };
    let mut app = app_with(setup, &replayer, step, 0);
    if app.views.agent.is_some() {
        key(&mut app, &replayer, KeyCode::Char('s'));
        if app.modals.top() == Some(&Modal::ConfirmShell) {
            key(&mut app, &replayer, KeyCode::Char('y'));
        }
        let info = ShellInfo {
            host_pid: 4242,
            ns_pid: 9,
            program: "/bin/bash".into(),
        };
        let started = Reply::ShellStarted {
            info,
            restarted: false,
        };
        app.update(Msg::from(started), Instant::now());
        app.modals.close(|m| *m == Modal::Shell);
    }
    (app, replayer)
}

#[test]
fn no_answer_on_screen_while_the_question_is_open() {
    let mut asked = 0;
    for lang in Lang::ALL {
        for step in Step::all() {
            let words = spoilers(step, lang);
            if words.is_empty() {
                continue;
            }
            for size in [(160, 48), (100, 30)] {
                let (mut app, replayer) = at(lang, step, size);
                key(&mut app, &replayer, KeyCode::Enter);
                let what = format!("{} {step} {}x{}", lang.code(), size.0, size.1);
                assert!(app.question().is_some(), "{what}: no question open");
                asked += 1;
                let (buffer, geometry) = render_with_geometry(&app);
                let code = geometry.of(Pane::Code).area;
                let screen = outside_the_question(&buffer, &[geometry.question, code]);
                // Wrapped lines join with a blank, so a phrase split over two is found.
                let joined = screen.split_whitespace().collect::<Vec<_>>().join(" ");
                for word in words {
                    assert!(
                        !joined.contains(word),
                        "{what}: {word:?} on screen beside the question:\n{}",
                        text(&buffer)
                    );
                }
                // Each spoiler is real: the explanation says it after the run.
                if size == (160, 48) && step != Step::Summary {
                    key(&mut app, &replayer, KeyCode::Char('1'));
                    if app.modals.top() == Some(&Modal::ConfirmTeardown) {
                        key(&mut app, &replayer, KeyCode::Char('y'));
                    }
                    let lesson = app.lesson().step(step).expect("the step's text");
                    let all =
                        pidns_tutor::lesson::plain::lines_at(&lesson.blocks, "", None).join(" ");
                    let all = all.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(
                        words.iter().any(|w| all.contains(w)),
                        "{what}: the lesson never says any of {words:?}"
                    );
                    assert!(app.revealed(), "{what}: not revealed after the run");
                }
            }
        }
    }
    assert_eq!(
        asked,
        2 * 2 * 12,
        "every prediction and the quiz, both languages"
    );
}

#[test]
fn the_summary_quiz_comes_before_the_summary() {
    let replayer = fixture();
    let mut app = app_with(Setup::new(Lang::En, (120, 36)), &replayer, Step::Summary, 0);
    key(&mut app, &replayer, KeyCode::Enter);
    assert!(app.observed.is_none(), "the scan waits for the quiz");
    assert!(app.question().is_some_and(|q| q.title.contains("quiz")));
    // Esc skips the quiz, and the summary shows.
    key(&mut app, &replayer, KeyCode::Esc);
    assert!(app.observed.is_some(), "the summary's scan ran");
    assert!(app.revealed());
    let (buffer, _) = render_with_geometry(&app);
    assert!(text(&buffer).contains("ESRCH"), "{}", text(&buffer));
}
