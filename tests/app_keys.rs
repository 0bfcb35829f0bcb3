//! The app driven headless with keys through the whole lesson: navigation asks the worker
//! for the right prepare/run effects, and jump, zoom, help, language, focus and scroll do
//! what the help says. No kernel, no terminal: where paging and the mouse need a layout,
//! frames are drawn into a test backend and their geometry handed back, as the runtime does.

use pidns_tutor::app::{
    App, AppOptions, Effect, Mark, Modal, Moment, Msg, Notice, Pane, Reply, ShellEnd, ThemeName,
    Views,
};
use pidns_tutor::lab::Mode;
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::procs::{Proc, Snapshot};
use pidns_tutor::record::Header;
use pidns_tutor::source::Source;
use pidns_tutor::steps::{Facts, Observation};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

mod render_support;
use render_support::draw;

fn make(source: Source<Header>) -> App {
    let mut app = App::new(AppOptions {
        lang: Lang::En,
        source,
        start: Step::first(),
        ascii: false,
        theme: ThemeName::Dark,
        no_color: false,
        talk: false,
    })
    .expect("lessons load");
    app.update(Msg::Resize(160, 48), Instant::now());
    app
}

fn live() -> App {
    make(Source::Live(Mode::Root))
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        Instant::now(),
    )
}

/// Draws a frame as the runtime does and hands its geometry back to the app.
/// A key, then a frame, as in the TUI.
fn press_and_draw(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let effects = press(app, code);
    draw(app);
    effects
}

fn prepare(step: Step) -> Vec<Effect> {
    vec![Effect::Prepare(step)]
}

/// The effects of a move between steps, without saving the progress that records a
/// step's task left unpassed as skipped (tests/app_task.rs checks those).
fn moved(effects: Vec<Effect>) -> Vec<Effect> {
    effects
        .into_iter()
        .filter(|e| *e != Effect::SaveProgress)
        .collect()
}

/// The worker's answer to a prepare, with a lab from step 5 (hostname) on.
fn prepared(app: &mut App, step: Step) {
    let lab = step >= Step::Hostname;
    let views = Views {
        tutor: 100,
        agent: lab.then_some(200),
        ..Views::default()
    };
    app.update(Msg::from(Reply::Prepared { step, views }), Instant::now());
}

#[test]
fn start_prepares_the_first_step() {
    let mut app = live();
    assert_eq!(app.start(), prepare(Step::Namespaces));
}

#[test]
fn next_and_previous_walk_every_step_and_prepare_each() {
    let mut app = live();
    app.start();
    for step in Step::all().skip(1) {
        let key = if step.index() % 2 == 0 {
            KeyCode::Right
        } else {
            KeyCode::Char('n')
        };
        assert_eq!(moved(press(&mut app, key)), prepare(step), "to {step}");
        assert_eq!(app.step, step);
        prepared(&mut app, step);
        // A step with a prediction asks first (tests/app_questions.rs); Esc skips it.
        if pidns_tutor::steps::def(step).prediction.is_some() {
            assert!(press(&mut app, KeyCode::Enter).is_empty(), "{step} asks");
            // A run that ends the lab before its task is done asks that, after the guess.
            if step == Step::InitSignals {
                assert!(press(&mut app, KeyCode::Esc).is_empty(), "then asks");
                assert_eq!(app.modals.top(), Some(&Modal::ConfirmTeardown));
                assert_eq!(press(&mut app, KeyCode::Char('y')), vec![Effect::Run(step)]);
                continue;
            }
            assert_eq!(press(&mut app, KeyCode::Esc), vec![Effect::Run(step)]);
        } else if step == Step::Summary {
            // The quiz comes before the summary; Esc skips it, and the summary runs.
            assert!(press(&mut app, KeyCode::Enter).is_empty(), "the quiz first");
            assert_eq!(press(&mut app, KeyCode::Esc), vec![Effect::Run(step)]);
        } else {
            assert_eq!(press(&mut app, KeyCode::Enter), vec![Effect::Run(step)]);
        }
    }
    // At the end, next does nothing; the other next keys too.
    for key in [KeyCode::Right, KeyCode::Char('l'), KeyCode::Char(' ')] {
        assert!(press(&mut app, key).is_empty());
    }
    // Going back prepares each step again, so the lab is rebuilt to match.
    for step in Step::all().rev().skip(1) {
        assert_eq!(moved(press(&mut app, KeyCode::Left)), prepare(step));
        assert_eq!(app.step, step);
        assert!(app.observed.is_none(), "a step shown again has not run yet");
    }
    assert!(press(&mut app, KeyCode::Char('p')).is_empty());
}

#[test]
fn run_result_is_shown_only_for_its_step() {
    let mut app = live();
    app.start();
    press(&mut app, KeyCode::Right);
    let observation = Observation::new(Facts::empty(Step::Namespaces));
    // A late answer for a step we left must not be shown as this step's.
    app.update(
        Msg::from(Reply::Ran {
            step: Step::Namespaces,
            observation: Box::new(observation),
            views: Views::default(),
        }),
        Instant::now(),
    );
    assert!(app.observed.is_none());
    press(&mut app, KeyCode::Enter);
    app.update(
        Msg::from(Reply::Ran {
            step: Step::Pid1,
            observation: Box::new(Observation::new(Facts::empty(Step::Pid1))),
            views: Views::default(),
        }),
        Instant::now(),
    );
    assert_eq!(app.observed.as_ref().map(|o| o.step()), Some(Step::Pid1));
    assert!(app.busy.is_none());
}

#[test]
fn g_jumps_to_a_numbered_step() {
    let mut app = live();
    app.start();
    assert!(press(&mut app, KeyCode::Char('g')).is_empty());
    press(&mut app, KeyCode::Char('8'));
    assert_eq!(press(&mut app, KeyCode::Enter), prepare(Step::RemountProc));
    assert_eq!(app.step.number(), 8);
    press(&mut app, KeyCode::Char('g'));
    for digit in Step::last().number().to_string().chars() {
        press(&mut app, KeyCode::Char(digit));
    }
    assert_eq!(
        moved(press(&mut app, KeyCode::Enter)),
        prepare(Step::Summary)
    );
    // Out of range: a notice, no move.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('9'));
    press(&mut app, KeyCode::Char('9'));
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(app.step, Step::Summary);
    assert!(app.notice.is_some());
    // Esc cancels; Backspace edits.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(press(&mut app, KeyCode::Enter), prepare(Step::Clone));
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Esc);
    assert!(app.modals.goto().is_none());
    assert!(press(&mut app, KeyCode::Char('q')) == vec![Effect::Quit]);
}

#[test]
fn reset_goes_back_to_a_fresh_clone() {
    let mut app = live();
    app.start();
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('9'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        moved(press(&mut app, KeyCode::Char('r'))),
        vec![Effect::Reset]
    );
    assert_eq!(app.step, Step::Clone);
}

/// Tab moves only between panes on screen: a short terminal has no room for the code.
#[test]
fn tab_skips_a_pane_the_last_frame_did_not_show() {
    let mut app = live();
    app.update(Msg::Resize(80, 18), Instant::now());
    app.start();
    let geometry = draw(&mut app);
    assert!(!geometry.shows(Pane::Code), "{geometry:?}");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Host);
}

#[test]
fn focus_zoom_help_and_language() {
    let mut app = live();
    app.start();
    assert_eq!(app.focus, Pane::Lesson);
    let order: Vec<Pane> = (0..4)
        .map(|_| {
            press(&mut app, KeyCode::Tab);
            app.focus
        })
        .collect();
    assert_eq!(order, [Pane::Code, Pane::Host, Pane::Ns, Pane::Lesson]);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Pane::Ns);
    press(&mut app, KeyCode::Char('z'));
    assert!(app.zoom);
    press(&mut app, KeyCode::Esc);
    assert!(!app.zoom);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.modals.top(), Some(&Modal::Help { scroll: 0 }));
    // Keys do not leak through the help.
    assert!(press(&mut app, KeyCode::Right).is_empty());
    assert_eq!(app.step, Step::first());
    press(&mut app, KeyCode::Esc);
    assert!(app.modals.is_empty());
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.lang, Lang::Ko);
    assert_eq!(app.lesson().lang, Lang::Ko);
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.lang, Lang::En);
}

#[test]
fn scrolling_moves_the_focused_pane_within_bounds() {
    let mut app = live();
    app.update(Msg::Resize(80, 24), Instant::now());
    app.start();
    draw(&mut app);
    press_and_draw(&mut app, KeyCode::Down);
    press_and_draw(&mut app, KeyCode::Down);
    assert_eq!(app.scroll_of(Pane::Lesson), Some(2));
    press_and_draw(&mut app, KeyCode::Up);
    assert_eq!(app.scroll_of(Pane::Lesson), Some(1));
    // A page is what the pane showed, less one row kept for context.
    let rows = app.geometry.of(Pane::Lesson).rows;
    assert!(rows > 2, "{rows}");
    press_and_draw(&mut app, KeyCode::PageDown);
    assert_eq!(app.scroll_of(Pane::Lesson), Some(rows));
    for _ in 0..100 {
        press_and_draw(&mut app, KeyCode::PageDown);
    }
    let drawn = app.geometry.of(Pane::Lesson);
    assert!(drawn.max > 0 && drawn.offset == drawn.max, "{drawn:?}");
    assert_eq!(
        app.scroll_of(Pane::Lesson),
        Some(drawn.max),
        "kept within bounds"
    );
    press_and_draw(&mut app, KeyCode::Home);
    assert_eq!(app.scroll_of(Pane::Lesson), Some(0));
    press_and_draw(&mut app, KeyCode::End);
    assert_eq!(app.scroll_of(Pane::Lesson), Some(drawn.max));
    // Another step starts at the top again.
    press_and_draw(&mut app, KeyCode::Right);
    assert_eq!(app.scroll_of(Pane::Lesson), Some(0));
    // Step 2 has no lines in newpid.c: no code pane, and Tab skips it.
    assert!(!app.geometry.shows(Pane::Code));
    // The code pane scrolls on its own, from where it was drawn (the step's lines).
    for code in [KeyCode::Char('g'), KeyCode::Char('4'), KeyCode::Enter] {
        press_and_draw(&mut app, code);
    }
    press_and_draw(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Code);
    let auto = app.geometry.of(Pane::Code).offset;
    press_and_draw(&mut app, KeyCode::Down);
    assert_eq!(app.scroll_of(Pane::Code), Some(auto + 1));
    press_and_draw(&mut app, KeyCode::PageDown);
    assert!(app.scroll_of(Pane::Code).is_some());
}

/// Scroll intent past the end (asked before a frame, or kept from a longer step) is
/// clamped when drawn, and the next key moves from what was drawn.
#[test]
fn scroll_intent_is_clamped_when_drawn() {
    let mut app = live();
    app.update(Msg::Resize(80, 24), Instant::now());
    app.start();
    press(&mut app, KeyCode::End);
    assert_eq!(app.scroll_of(Pane::Lesson), Some(u16::MAX), "no frame yet");
    let drawn = draw(&mut app).of(Pane::Lesson);
    assert!(drawn.max > 0 && drawn.offset == drawn.max, "{drawn:?}");
    press_and_draw(&mut app, KeyCode::Up);
    assert_eq!(app.scroll_of(Pane::Lesson), Some(drawn.max - 1));
}

#[test]
fn shell_asks_first_as_root_and_not_at_all_without_a_lab() {
    let mut app = live();
    app.start();
    // No namespace yet: a notice, no shell.
    assert!(press(&mut app, KeyCode::Char('s')).is_empty());
    assert!(app.notice.is_some());
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    prepared(&mut app, Step::Hostname);
    assert!(press(&mut app, KeyCode::Char('s')).is_empty());
    assert_eq!(app.modals.top(), Some(&Modal::ConfirmShell));
    assert!(press(&mut app, KeyCode::Esc).is_empty());
    assert!(app.modals.is_empty());
    press(&mut app, KeyCode::Char('s'));
    let opened = press(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(opened.as_slice(), [Effect::OpenShell(_)]),
        "{opened:?}"
    );
    assert!(app.shell_focused());
    // The shell ends by `exit`: the pane closes.
    let closed = app.update(
        Msg::from(Reply::ShellEnded(ShellEnd::Exited(0))),
        Instant::now(),
    );
    assert_eq!(closed, vec![Effect::CloseShell]);
    assert!(app.shell.is_none());

    // Without root (userns) there is nothing to warn about: straight in.
    let mut app = make(Source::Live(Mode::Userns));
    app.start();
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    prepared(&mut app, Step::Hostname);
    let opened = press(&mut app, KeyCode::Char('s'));
    assert!(
        matches!(opened.as_slice(), [Effect::OpenShell(_)]),
        "{opened:?}"
    );

    // A recording has no shell.
    let mut app = app_recorded();
    app.start();
    assert!(press(&mut app, KeyCode::Char('s')).is_empty());
    assert!(app.notice.is_some());
}

fn app_recorded() -> App {
    make(Source::Recorded(Header {
        recorded: true,
        kernel: "test".into(),
        date: "2026-01-01".into(),
        mode: Mode::Root,
        tool_version: "0".into(),
        format: pidns_tutor::record::FORMAT,
    }))
}

#[test]
fn fold_toggles_full_trees_and_quit_keys() {
    let mut app = live();
    app.start();
    assert_eq!(
        press(&mut app, KeyCode::Char('f')),
        vec![Effect::FullTrees(true)]
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('f')),
        vec![Effect::FullTrees(false)]
    );
    let ctrl_c = Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(app.update(ctrl_c, Instant::now()), vec![Effect::Quit]);
    assert!(app.quit);
    let mut app = live();
    assert_eq!(
        app.update(Msg::Signal(15), Instant::now()),
        vec![Effect::Quit]
    );
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_it_and_a_click_focuses() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut app = live();
    app.update(Msg::Resize(80, 24), Instant::now());
    app.start();
    draw(&mut app);
    let at = |kind, column, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // The lesson pane is top left: the wheel there scrolls it while the focus stays.
    app.update(at(MouseEventKind::ScrollDown, 5, 3), Instant::now());
    assert_eq!(app.scroll_of(Pane::Lesson), Some(3));
    // A click on the right half (the host's tree, top right) moves the focus there.
    app.update(
        at(MouseEventKind::Down(MouseButton::Left), 60, 3),
        Instant::now(),
    );
    assert_eq!(app.focus, Pane::Host);
}

#[test]
fn nothing_to_redraw_when_nothing_changed() {
    let mut app = live();
    app.start();
    assert!(app.take_dirty());
    assert!(!app.take_dirty());
    app.update(Msg::Tick, Instant::now());
    assert!(
        !app.take_dirty(),
        "a tick with nothing fading changes nothing"
    );
    press(&mut app, KeyCode::Right);
    assert!(app.take_dirty());
}

fn proc(pid: i32, ppid: i32, name: &str, nspid: &[i32], pidns: u64) -> Proc {
    Proc {
        pid,
        ppid,
        name: name.into(),
        nspid: nspid.to_vec(),
        pidns: Some(pidns),
        zombie: false,
    }
}

/// At orphan-reaping the trees first show the chain as it was just before the kill; the
/// speaker moves on to "after" (Enter, or `b`), where demo-c is under PID 1, highlighted
/// and marked, and demo-b is gone; `b` goes back and forth, and no timer decides.
#[test]
fn the_orphan_is_seen_moving_under_pid_1_when_the_speaker_says() {
    let (host, lab) = (1, 77);
    let tutor = proc(100, 1, "pidns-tutor", &[100], host);
    let agent = proc(200, 100, "pidns-agent", &[200, 1], lab);
    let a = proc(201, 200, "demo-a", &[201, 2], lab);
    let b = proc(202, 201, "demo-b", &[202, 3], lab);
    let c_before = proc(203, 202, "demo-c", &[203, 4], lab);
    let c_after = proc(203, 200, "demo-c", &[203, 4], lab);
    let snapshot = |procs: Vec<Proc>| Snapshot {
        total: procs.len(),
        procs,
    };
    let before = snapshot(vec![tutor.clone(), agent.clone(), a.clone(), b, c_before]);
    let after = snapshot(vec![tutor, agent, a, c_after]);
    let views = Views {
        host: Some(after.clone()),
        ns: None,
        tutor: 100,
        agent: Some(200),
        lab_ns: Some(lab),
        hostname: None,
        shell_proc: None,
        agent_stopped: false,
    };
    let observation = Observation {
        host_view: Some(after),
        host_view_before: Some(before),
        ..Observation::new(Facts::empty(Step::OrphanReaping))
    };
    let mut app = live();
    app.step = Step::OrphanReaping;
    let now = Instant::now();
    let ran = Reply::Ran {
        step: Step::OrphanReaping,
        observation: Box::new(observation),
        views,
    };
    app.update(Msg::Worker(Box::new(ran)), now);
    let parent_of_c = |app: &App| {
        app.views
            .host
            .as_ref()
            .and_then(|h| h.get(203))
            .map(|p| p.ppid)
    };
    assert_eq!(parent_of_c(&app), Some(202), "first the chain as it was");
    assert_eq!(app.moment(), Some(Moment::Before));
    assert!(
        app.changes.is_empty(),
        "before the kill, nothing has changed yet"
    );
    // Time alone does not move it on.
    app.update(Msg::Tick, now + Duration::from_secs(60));
    assert_eq!(parent_of_c(&app), Some(202), "still before");
    // A refresh meanwhile is of "after", and waits.
    app.update(
        Msg::from(Reply::Views(
            app.moments
                .as_ref()
                .map(|m| m.after.clone())
                .unwrap_or_default(),
        )),
        now,
    );
    assert_eq!(parent_of_c(&app), Some(202), "still before after a refresh");
    // Enter shows "after" rather than running the step again.
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(app.moment(), Some(Moment::After));
    assert_eq!(
        parent_of_c(&app),
        Some(200),
        "demo-c under the agent, PID 1 inside"
    );
    assert!(app.is_flashing(203, Instant::now()), "and highlighted");
    assert!(
        matches!(app.changes.mark(203), Some(Mark::Moved { from, to }) if from.inside == 3 && to.inside == 1),
        "and marked as moved from 3 to 1: {:?}",
        app.changes
    );
    let gone: Vec<&str> = app.changes.gone.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(gone, ["demo-b"], "demo-b is gone");
    assert!(
        app.views
            .host
            .as_ref()
            .is_some_and(|h| h.get(202).is_none()),
        "and not in the tree"
    );
    // b goes back and forth.
    press(&mut app, KeyCode::Char('b'));
    assert_eq!(parent_of_c(&app), Some(202));
    press(&mut app, KeyCode::Char('b'));
    assert_eq!(parent_of_c(&app), Some(200));
    // Enter at "after" runs the step again.
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::Run(Step::OrphanReaping)]
    );
    // Another step forgets both moments.
    press(&mut app, KeyCode::Right);
    assert!(app.moments.is_none() && app.changes.is_empty());
    press(&mut app, KeyCode::Char('b'));
    assert!(
        app.notice.is_some(),
        "b where there is nothing to compare says so"
    );
}

/// `S` and F5 toggle stage mode, which hides the lesson: the focus goes to a tree, and
/// `1`-`4` focus panes on screen. On stage a digit never zooms (a stray `2` must not put
/// the code on the projector): it says so, and `t` is the stage's key for the lesson.
#[test]
fn stage_mode_and_the_number_keys() {
    let mut app = live();
    app.start();
    draw(&mut app);
    press_and_draw(&mut app, KeyCode::Char('S'));
    assert!(app.talk);
    assert_eq!(app.focus, Pane::Host, "the lesson is not on stage");
    assert!(!app.geometry.shows(Pane::Lesson) && !app.geometry.shows(Pane::Code));
    press_and_draw(&mut app, KeyCode::Char('4'));
    assert_eq!(
        (app.focus, app.zoom),
        (Pane::Ns, false),
        "on screen: focused only"
    );
    for digit in ['1', '2'] {
        press_and_draw(&mut app, KeyCode::Char(digit));
        assert_eq!(
            (app.focus, app.zoom),
            (Pane::Ns, false),
            "{digit}: hidden on stage, and not zoomed"
        );
        assert!(!app.geometry.shows(Pane::Code) && !app.geometry.shows(Pane::Lesson));
        let said = format!("{:?}", app.notice);
        assert!(said.contains("never zoom"), "{said}");
    }
    press_and_draw(&mut app, KeyCode::Char('t'));
    assert_eq!((app.focus, app.zoom), (Pane::Lesson, true), "t: the lesson");
    assert!(app.geometry.shows(Pane::Lesson));
    press_and_draw(&mut app, KeyCode::Char('t'));
    assert_eq!(
        (app.focus, app.zoom),
        (Pane::Host, false),
        "t again: the trees"
    );
    press_and_draw(&mut app, KeyCode::Char('t'));
    press_and_draw(&mut app, KeyCode::Esc);
    assert_eq!(
        (app.focus, app.zoom),
        (Pane::Host, false),
        "Esc back to the trees"
    );
    press_and_draw(&mut app, KeyCode::F(5));
    assert!(!app.talk);
    assert!(app.geometry.shows(Pane::Lesson));
    press_and_draw(&mut app, KeyCode::Char('3'));
    assert_eq!((app.focus, app.zoom), (Pane::Host, false));
    press_and_draw(&mut app, KeyCode::Char('t'));
    assert!(!app.zoom, "t is the stage's key only");
}

/// `R` asks the worker to switch sources at the step shown; its answer relabels the app.
/// The step's task (live only) goes with the live lab, counted as skipped, and comes back
/// with it.
#[test]
fn r_switches_between_live_and_recorded_at_the_same_step() {
    let mut app = live();
    app.start();
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Enter);
    prepared(&mut app, Step::ProcLeak);
    assert!(app.task.is_some(), "proc-leak has a task, live");
    assert_eq!(
        press(&mut app, KeyCode::Char('R')),
        vec![Effect::SaveProgress, Effect::Switch(Step::ProcLeak)],
        "the task left unpassed is saved as skipped"
    );
    assert!(app.task.is_none());
    let header = Header {
        recorded: true,
        kernel: "test".into(),
        date: "2026-01-01".into(),
        mode: Mode::Root,
        tool_version: "0".into(),
        format: pidns_tutor::record::FORMAT,
    };
    app.update(
        Msg::from(Reply::Switched(Source::Recorded(header))),
        Instant::now(),
    );
    assert!(app.is_recorded());
    assert_eq!(app.step, Step::ProcLeak, "the same step");
    prepared(&mut app, Step::ProcLeak);
    assert!(app.busy.is_none());
    assert_eq!(
        press(&mut app, KeyCode::Char('R')),
        vec![Effect::Switch(Step::ProcLeak)]
    );
    assert!(app.task.is_none(), "a recording has no task");
    app.update(
        Msg::from(Reply::Switched(Source::Live(Mode::Root))),
        Instant::now(),
    );
    assert!(!app.is_recorded());
    assert!(app.task.is_some(), "live again: the task is back");
}

/// `R` at a step that has run keeps its reveal: once the other source has prepared the
/// step, it runs again by itself (and says so), so a speaker need not press Enter again
/// in front of the room. A step not run yet stays so.
#[test]
fn r_after_a_run_runs_the_step_again_in_the_other_source() {
    let mut app = live();
    app.start();
    prepared(&mut app, Step::Namespaces);
    press(&mut app, KeyCode::Right);
    prepared(&mut app, Step::Pid1);
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::Run(Step::Pid1)]
    );
    app.update(
        Msg::from(Reply::Ran {
            step: Step::Pid1,
            observation: Box::new(Observation::new(Facts::empty(Step::Pid1))),
            views: Views::default(),
        }),
        Instant::now(),
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('R')),
        vec![Effect::Switch(Step::Pid1)]
    );
    let header = Header {
        recorded: true,
        kernel: "test".into(),
        date: "2026-01-01".into(),
        mode: Mode::Root,
        tool_version: "0".into(),
        format: pidns_tutor::record::FORMAT,
    };
    app.update(
        Msg::from(Reply::Switched(Source::Recorded(header))),
        Instant::now(),
    );
    let said = format!("{:?}", app.notice);
    assert!(said.contains("runs again by itself"), "{said}");
    let views = Views::default();
    let effects = app.update(
        Msg::from(Reply::Prepared {
            step: Step::Pid1,
            views,
        }),
        Instant::now(),
    );
    assert_eq!(effects, vec![Effect::Run(Step::Pid1)], "the reveal is kept");
    // Back to live before it ran again: nothing had run, so nothing runs by itself.
    press(&mut app, KeyCode::Char('R'));
    let views = Views::default();
    let effects = app.update(
        Msg::from(Reply::Prepared {
            step: Step::Pid1,
            views,
        }),
        Instant::now(),
    );
    assert!(effects.is_empty(), "{effects:?}");
}

/// Goes to `step` with `g`, as the learner would, and answers the prepare.
fn go(app: &mut App, step: Step) {
    press(app, KeyCode::Char('g'));
    for digit in step.number().to_string().chars() {
        press(app, KeyCode::Char(digit));
    }
    assert_eq!(press(app, KeyCode::Enter), prepare(step));
    prepared(app, step);
}

/// A prediction open (predict's own question, the one model): every digit is its, even
/// one past its choices, so `1`-`4` never move the focus behind it; stage mode (`S`, F5)
/// toggles over it, since that only redraws it; `R` leaves it unasked and switches the
/// source; once it is closed the digits focus panes again.
#[test]
fn an_open_question_takes_the_digits_and_lets_stage_mode_through() {
    let mut app = live();
    app.start();
    go(&mut app, Step::Clone);
    assert!(
        press(&mut app, KeyCode::Enter).is_empty(),
        "Enter asks first"
    );
    let choices = app.question().expect("a prediction is open").choices.len();
    assert!((2..9).contains(&choices), "{choices} choices");
    let past = char::from_digit(choices as u32 + 1, 10).expect("a digit");
    assert!(press(&mut app, KeyCode::Char(past)).is_empty());
    assert!(app.asking().is_some(), "no such choice: still asked");
    assert_eq!(app.focus, Pane::Lesson, "a digit never focuses behind it");
    assert!(!app.zoom);
    for (key, stage) in [(KeyCode::Char('S'), true), (KeyCode::F(5), false)] {
        assert!(press(&mut app, key).is_empty());
        assert_eq!(app.talk, stage, "{key:?} works over the question");
        assert!(app.question().is_some(), "{key:?} keeps it open");
    }
    press(&mut app, KeyCode::Char('S'));
    assert_eq!(
        press(&mut app, KeyCode::Char('2')),
        vec![Effect::Run(Step::Clone)]
    );
    assert!(app.asking().is_none(), "answered: the step runs");
    assert_eq!(app.learner.guess.as_ref().and_then(|g| g.chosen), Some(1));
    assert_eq!(app.focus, Pane::Host, "on stage the focus is on a tree");
    // Closed: the digits focus again.
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(app.focus, Pane::Ns);

    // `R` over a question: the question goes (unasked) and the source switches.
    go(&mut app, Step::KillParent);
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(app.asking().is_some());
    let effects = press(&mut app, KeyCode::Char('R'));
    assert_eq!(effects, vec![Effect::Switch(Step::KillParent)]);
    assert!(app.asking().is_none());
    prepared(&mut app, Step::KillParent);
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "asked again");
    assert!(app.asking().is_some());
    assert_eq!(
        press(&mut app, KeyCode::Esc),
        vec![Effect::Run(Step::KillParent)],
        "Esc skips it and runs"
    );
}

#[test]
fn enter_at_init_signals_asks_before_ending_the_lab_while_the_task_is_not_done() {
    let mut app = live();
    app.start();
    let effects = press(&mut app, KeyCode::Char('g'));
    assert!(effects.is_empty());
    for key in [KeyCode::Char('1'), KeyCode::Char('0')] {
        press(&mut app, key);
    }
    assert_eq!(
        moved(press(&mut app, KeyCode::Enter)),
        prepare(Step::InitSignals)
    );
    prepared(&mut app, Step::InitSignals);
    // Enter asks the prediction first; answered, the run does not come: it asks, and
    // the screen says why.
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(app.asking().is_some(), "the prediction comes first");
    assert!(press(&mut app, KeyCode::Char('1')).is_empty());
    assert_eq!(app.modals.top(), Some(&Modal::ConfirmTeardown));
    // Esc: the task first; nothing ran, and the bar says what to do.
    assert!(press(&mut app, KeyCode::Esc).is_empty());
    assert!(app.modals.is_empty());
    assert!(matches!(&app.notice, Some(Notice::Info(t)) if t.contains("task")));
    // Enter again asks again (the guess is not asked twice); y runs.
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(app.modals.top(), Some(&Modal::ConfirmTeardown));
    assert_eq!(
        press(&mut app, KeyCode::Char('y')),
        vec![Effect::Run(Step::InitSignals)]
    );
}
