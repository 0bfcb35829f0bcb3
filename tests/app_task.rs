//! The task panel's state, driven headless with the lab worker's reports: a task shows
//! live at a step that has one (never in a recording), waits for the shell, takes
//! verdicts (a recognised wrong state's hint at once, "nothing done yet" quietly), gives a
//! hint on `h` and the solution on the second `h` or once passed, edits an answer at its
//! prompt, records a pass once and a task left unpassed as skipped, and ignores stale
//! reports. The drawing says "passed" with a mark and a word, in both languages and in
//! ASCII. No kernel here: tests/task_pane.rs does the same against a real one.

use pidns_tutor::app::task::{Phase, Stop, TaskReport};
use pidns_tutor::app::{App, AppOptions, Effect, Msg, Notice, Reply, ThemeName, Views};
use pidns_tutor::i18n::Phrase;
use pidns_tutor::lab::Mode;
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::progress::TaskState;
use pidns_tutor::record::{Recording, Replayer};
use pidns_tutor::source::Source;
use pidns_tutor::tasks::{Hint, Sig, Task, Verdict, text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Instant;

mod render_support;

fn app_at(step: Step, lang: Lang, ascii: bool) -> App {
    let mut app = App::new(AppOptions {
        lang,
        source: Source::Live(Mode::Root),
        start: step,
        ascii,
        theme: ThemeName::Dark,
        no_color: false,
        talk: false,
    })
    .expect("lessons load");
    app.update(Msg::Resize(160, 48), Instant::now());
    assert_eq!(app.start(), vec![Effect::Prepare(step)]);
    let views = Views {
        agent: Some(200),
        ..Views::default()
    };
    app.update(Msg::from(Reply::Prepared { step, views }), Instant::now());
    // The step's prediction was answered: its task shows from then on.
    app.learner.asked(step);
    app
}

fn send(app: &mut App, report: TaskReport) -> Vec<Effect> {
    app.update(Msg::from(Reply::Task(report)), Instant::now())
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    press_with(app, code, KeyModifiers::NONE)
}

fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)), Instant::now())
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        assert!(press(app, KeyCode::Char(c)).is_empty(), "typing {c:?}");
    }
}

/// The task's state in the learner's progress, as the app keeps it for the runtime to
/// write.
fn saved(app: &App, step: Step) -> Option<TaskState> {
    let record = app.learner.progress.step(step)?;
    record.task.as_ref().map(|t| t.state)
}

/// The solution as the worker sends it when the task begins.
fn solution(task: Task) -> Phrase {
    Phrase::new(text::solution(task))
}

fn began(app: &mut App, task: Task) -> Vec<Effect> {
    send(
        app,
        TaskReport::Began {
            step: task.step(),
            solution: solution(task),
        },
    )
}

fn checked(app: &mut App, step: Step, verdict: Verdict) -> Vec<Effect> {
    send(app, TaskReport::Checked { step, verdict })
}

fn screen(app: &App) -> String {
    render_support::text(&render_support::render(app))
}

#[test]
fn a_task_waits_for_the_shell_then_hints_then_shows_the_solution() {
    let mut app = app_at(Step::RemountProc, Lang::En, false);
    let view = app.task.as_ref().expect("remount-proc has a task");
    assert_eq!(view.task, Task::RemountProc);
    assert_eq!(view.phase, Phase::Stopped(Stop::NoShell));
    assert!(
        screen(&app).contains("s opens the shell"),
        "{}",
        screen(&app)
    );

    // Before the task has begun, `h` says how to begin it and counts nothing.
    assert!(press(&mut app, KeyCode::Char('h')).is_empty());
    assert!(matches!(&app.notice, Some(Notice::Info(t)) if t.contains("s opens it")));
    assert_eq!(app.task.as_ref().map(|v| v.coach.asked()), Some(0));
    assert_eq!(app.step, Step::RemountProc, "h no longer goes back a step");

    assert!(began(&mut app, Task::RemountProc).is_empty());
    assert_eq!(app.task.as_ref().map(|v| &v.phase), Some(&Phase::Checking));
    // "Nothing done yet" is not a hint that shows by itself.
    checked(
        &mut app,
        Step::RemountProc,
        Verdict::NotYet(Hint::ProcStillHost),
    );
    let view = app.task.as_ref().expect("view");
    assert_eq!(view.hint, None);
    assert_eq!(view.solution(), None);

    // First `h`: the hint on demand.
    press(&mut app, KeyCode::Char('h'));
    let view = app.task.as_ref().expect("view");
    let on_demand = Phrase::new(text::on_demand(Task::RemountProc));
    assert_eq!(view.hint.as_ref().map(|h| &h.words), Some(&on_demand));
    assert_eq!(view.solution(), None, "one hint is not the solution");
    assert!(
        screen(&app).contains("Hint: ps reads /proc"),
        "{}",
        screen(&app)
    );

    // Second `h`: the solution.
    press(&mut app, KeyCode::Char('h'));
    let view = app.task.as_ref().expect("view");
    assert_eq!(view.solution(), Some(&solution(Task::RemountProc)));
    assert!(screen(&app).contains("Solution: mount -t proc proc /proc"));
    assert!(!view.passed());
}

#[test]
fn a_recognised_wrong_state_shows_its_hint_at_once_and_goes_with_it() {
    let mut app = app_at(Step::RemountProc, Lang::En, false);
    began(&mut app, Task::RemountProc);
    checked(
        &mut app,
        Step::RemountProc,
        Verdict::NotYet(Hint::MountedElsewhere),
    );
    let view = app.task.as_ref().expect("view");
    let shown = view.hint.as_ref().expect("a specific hint shows unasked");
    assert_eq!(shown.words, Hint::MountedElsewhere.words());
    assert!(!shown.asked);
    assert!(screen(&app).contains("in another mount namespace"));
    // The wrong state undone: its hint goes.
    checked(
        &mut app,
        Step::RemountProc,
        Verdict::NotYet(Hint::ProcStillHost),
    );
    assert_eq!(app.task.as_ref().and_then(|v| v.hint.clone()), None);
    // A hint asked for stays through a change of state.
    press(&mut app, KeyCode::Char('h'));
    checked(
        &mut app,
        Step::RemountProc,
        Verdict::NotYet(Hint::ProcNotMounted),
    );
    let hint = app.task.as_ref().and_then(|v| v.hint.clone());
    assert_eq!(hint.map(|h| h.words), Some(Hint::ProcNotMounted.words()));
}

#[test]
fn a_pass_is_recorded_once_and_stays_with_the_solution() {
    let mut app = app_at(Step::OrphanReaping, Lang::En, false);
    began(&mut app, Task::OrphanReaping);
    assert!(
        checked(
            &mut app,
            Step::OrphanReaping,
            Verdict::NotYet(Hint::NoOrphanYet)
        )
        .is_empty()
    );
    assert!(!screen(&app).contains("passed"));
    assert_eq!(
        checked(&mut app, Step::OrphanReaping, Verdict::Passed),
        vec![Effect::SaveProgress]
    );
    assert_eq!(saved(&app, Step::OrphanReaping), Some(TaskState::Passed));
    // The orphan reaped later: still passed, and recorded only once.
    assert!(
        checked(
            &mut app,
            Step::OrphanReaping,
            Verdict::NotYet(Hint::NoOrphanYet)
        )
        .is_empty()
    );
    let view = app.task.as_ref().expect("view");
    assert!(view.passed());
    assert_eq!(view.solution(), Some(&solution(Task::OrphanReaping)));
    let shown = screen(&app);
    assert!(shown.contains("task · ✓ passed"), "{shown}");
    assert!(shown.contains("Done: your orphan was adopted"), "{shown}");
    assert!(shown.contains("Solution: sh -c 'sleep 300 &'"), "{shown}");
    // Moving on records no skip over the pass.
    assert_eq!(
        press(&mut app, KeyCode::Right),
        vec![Effect::Prepare(Step::InitSignals)]
    );
    assert_eq!(saved(&app, Step::OrphanReaping), Some(TaskState::Passed));
}

#[test]
fn leaving_a_task_unpassed_records_it_skipped() {
    let mut app = app_at(Step::ProcLeak, Lang::En, false);
    began(&mut app, Task::ProcLeak);
    assert_eq!(
        press(&mut app, KeyCode::Right),
        vec![Effect::SaveProgress, Effect::Prepare(Step::RemountProc)]
    );
    assert_eq!(saved(&app, Step::ProcLeak), Some(TaskState::Skipped));
    // A new view for the next step's task, not begun: the worker begins it.
    let view = app.task.as_ref().expect("remount-proc's task");
    assert_eq!(view.task, Task::RemountProc);
    assert_eq!(view.phase, Phase::Stopped(Stop::NoShell));
    // Reset leaves it too; the clone step has no task.
    assert_eq!(
        press(&mut app, KeyCode::Char('r')),
        vec![Effect::SaveProgress, Effect::Reset]
    );
    assert_eq!(saved(&app, Step::RemountProc), Some(TaskState::Skipped));
    assert!(app.task.is_none());
    // `h` where there is no task says so, and stays.
    assert!(press(&mut app, KeyCode::Char('h')).is_empty());
    assert!(matches!(&app.notice, Some(Notice::Info(t)) if t.contains("No task at this step")));
    assert_eq!(app.step, Step::Clone);
}

#[test]
fn the_answer_prompt_edits_submits_and_cancels() {
    let mut app = app_at(Step::ProcLeak, Lang::En, false);
    // No prompt before the task has begun.
    assert!(press(&mut app, KeyCode::Char('a')).is_empty());
    assert_eq!(app.modals.answer().map(String::from), None);
    began(&mut app, Task::ProcLeak);
    checked(&mut app, Step::ProcLeak, Verdict::NotYet(Hint::NoAnswer));

    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.modals.answer().map(String::from), Some(String::new()));
    // Every key goes into the answer while the prompt is open: q does not quit, h is
    // a letter, arrows do not change the step.
    type_text(&mut app, "qh12");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "3");
    assert!(!app.quit);
    assert_eq!(app.step, Step::ProcLeak);
    assert_eq!(app.modals.answer().map(String::from), Some("qh13".into()));
    assert!(screen(&app).contains("Your shell's PID outside the lab: qh13_"));
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    app.update(Msg::Paste("4242\nrest".into()), Instant::now());
    assert_eq!(app.modals.answer().map(String::from), Some("4242".into()));
    // Esc cancels: nothing is sent, nothing kept.
    assert!(press(&mut app, KeyCode::Esc).is_empty());
    let view = app.task.as_ref().expect("view");
    assert_eq!((app.modals.answer(), view.answer.clone()), (None, None));

    // Enter submits (trimmed) and closes the prompt.
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, " 2 ");
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::TaskAnswer(Step::ProcLeak, "2".into())]
    );
    assert_eq!(
        app.task.as_ref().and_then(|v| v.answer.clone()),
        Some("2".into())
    );
    checked(&mut app, Step::ProcLeak, Verdict::NotYet(Hint::InsidePid));
    assert!(screen(&app).contains("Hint: That is your shell's PID inside"));
    assert!(screen(&app).contains("Your answer: 2"));

    // `a` again opens it empty: typing is a new answer, not appended to the last (which
    // stays on the panel until replaced).
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.modals.answer().map(String::from), Some(String::new()));
    assert!(screen(&app).contains("Your shell's PID outside the lab: _"));
    type_text(&mut app, "4242");
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::TaskAnswer(Step::ProcLeak, "4242".into())]
    );
    assert_eq!(
        checked(&mut app, Step::ProcLeak, Verdict::Passed),
        vec![Effect::SaveProgress]
    );
    assert_eq!(saved(&app, Step::ProcLeak), Some(TaskState::Passed));
    // A new shell begins the task again: the answer given is sent to it.
    assert_eq!(
        began(&mut app, Task::ProcLeak),
        vec![Effect::TaskAnswer(Step::ProcLeak, "4242".into())]
    );
    assert!(
        app.task.as_ref().is_some_and(|v| v.passed()),
        "a pass stays"
    );
}

#[test]
fn a_task_without_a_typed_answer_has_no_prompt() {
    let mut app = app_at(Step::RemountProc, Lang::En, false);
    began(&mut app, Task::RemountProc);
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.modals.answer().map(String::from), None);
    assert!(matches!(&app.notice, Some(Notice::Info(t)) if t.contains("no typed answer")));
}

#[test]
fn reports_about_another_step_are_stale() {
    let mut app = app_at(Step::InitSignals, Lang::En, false);
    began(&mut app, Task::InitSignals);
    assert!(checked(&mut app, Step::ProcLeak, Verdict::Passed).is_empty());
    let view = app.task.as_ref().expect("view");
    assert!(!view.passed());
    assert_eq!(view.verdict, None);
    // Stopped: the lab is gone (the step's run ended it), said in the panel.
    send(
        &mut app,
        TaskReport::Stopped {
            step: Step::InitSignals,
            why: Stop::NoLab,
        },
    );
    assert!(
        screen(&app).contains("No namespace now"),
        "{}",
        screen(&app)
    );
    // The wrong answer's hint names the signal.
    began(&mut app, Task::InitSignals);
    checked(
        &mut app,
        Step::InitSignals,
        Verdict::NotYet(Hint::Wrong(Sig::Term)),
    );
    assert!(screen(&app).contains("Not what the kernel did with SIGTERM"));
}

#[test]
fn the_panel_says_passed_in_words_in_korean_and_in_ascii() {
    let mut app = app_at(Step::RemountProc, Lang::Ko, false);
    began(&mut app, Task::RemountProc);
    assert!(screen(&app).contains("과제 · ○ 아직"), "{}", screen(&app));
    checked(&mut app, Step::RemountProc, Verdict::Passed);
    let shown = screen(&app);
    assert!(shown.contains("과제 · ✓ 통과"), "{shown}");
    assert!(shown.contains("성공."), "{shown}");

    let mut app = app_at(Step::RemountProc, Lang::En, true);
    began(&mut app, Task::RemountProc);
    assert!(screen(&app).contains("task | [ ] to do"));
    checked(&mut app, Step::RemountProc, Verdict::Passed);
    let shown = screen(&app);
    assert!(shown.contains("task | [x] passed"), "{shown}");
    assert!(shown.is_ascii(), "--ascii draws only ASCII:\n{shown}");

    // Small screens still draw it, without a panic.
    for (w, h) in [(80, 24), (60, 16), (100, 30)] {
        app.update(Msg::Resize(w, h), Instant::now());
        let shown = screen(&app);
        assert!(shown.contains("[x] passed"), "{w}x{h}:\n{shown}");
    }
}

#[test]
fn a_recording_shows_no_task() {
    let recording = Recording::parse(include_str!("fixtures/recording.jsonl")).expect("fixture");
    let replayer = Replayer::new(recording);
    let mut app = App::new(AppOptions {
        lang: Lang::En,
        source: Source::Recorded(replayer.header().clone()),
        start: Step::RemountProc,
        ascii: false,
        theme: ThemeName::Dark,
        no_color: false,
        talk: false,
    })
    .expect("lessons load");
    app.start();
    assert!(app.task.is_none());
    press(&mut app, KeyCode::Char('h'));
    assert!(matches!(&app.notice, Some(Notice::Info(t)) if t.contains("a recording has none")));
    // Leaving records nothing: there was no task to skip.
    assert_eq!(
        press(&mut app, KeyCode::Right),
        vec![Effect::Prepare(Step::OrphanReaping)]
    );
}

#[test]
fn a_resumed_session_shows_a_task_passed_before_as_passed() {
    let mut app = app_at(Step::InitSignals, Lang::En, false);
    assert!(!app.task.as_ref().is_some_and(|v| v.passed()));
    let mut progress = pidns_tutor::progress::Progress::new();
    let then = pidns_tutor::progress::Timestamp::now();
    progress.task(Step::InitSignals, TaskState::Passed, then);
    app.keep_progress(progress, Ok("progress.json".into()));
    assert!(
        app.task.as_ref().is_some_and(|v| v.passed()),
        "passed in an earlier run"
    );
    assert!(screen(&app).contains("✓ passed"), "{}", screen(&app));
    // Leaving it does not turn the pass into a skip, and a new check does not undo it.
    checked(&mut app, Step::InitSignals, Verdict::NotYet(Hint::NoAnswer));
    assert!(app.task.as_ref().is_some_and(|v| v.passed()));
    press(&mut app, KeyCode::Right);
    assert_eq!(saved(&app, Step::InitSignals), Some(TaskState::Passed));
}
