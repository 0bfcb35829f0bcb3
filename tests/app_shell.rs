//! The shell pane's state, driven headless: while it has the focus every key (Ctrl-C and
//! q included) becomes bytes for the shell, Ctrl-] gives the keys back, `exit` closes it,
//! a shell killed with its namespace leaves the pane open saying so, pastes are bracketed
//! when the program asked, and a process that appears in the lab is marked new, then not.
//! No kernel, no terminal; the rendering is checked too (the pane beside both trees).

use pidns_tutor::app::{
    App, AppOptions, Effect, Msg, ProcOwner, Reply, ShellEnd, ShellInfo, ShellState, ThemeName,
    Views,
};
use pidns_tutor::lab::Mode;
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::procs::{Proc, Snapshot};
use pidns_tutor::source::Source;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

mod render_support;
use render_support::draw;

const LAB_NS: u64 = 4026532000;

fn app(lang: Lang, w: u16, h: u16) -> App {
    app_at(lang, w, h, Step::ProcLeak)
}

fn app_at(lang: Lang, w: u16, h: u16, step: Step) -> App {
    let mut app = App::new(AppOptions {
        lang,
        source: Source::Live(Mode::Userns),
        start: step,
        ascii: false,
        theme: ThemeName::Dark,
        no_color: false,
        talk: false,
    })
    .expect("lessons load");
    app.update(Msg::Resize(w, h), Instant::now());
    app.start();
    app.update(
        Msg::from(Reply::Prepared {
            step,
            views: views(&[]),
        }),
        Instant::now(),
    );
    app
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

/// The host's view: the tutor (100), the agent (200, PID 1 inside), the shell (300, 2
/// inside), and `more` members of the lab.
fn views(more: &[(i32, i32, i32)]) -> Views {
    let host_ns = 4026531836;
    let mut procs = vec![
        proc(1, 0, "init", &[1], host_ns),
        proc(100, 1, "pidns-tutor", &[100], host_ns),
        proc(200, 100, "pidns-agent", &[200, 1], LAB_NS),
        proc(300, 200, "bash", &[300, 2], LAB_NS),
    ];
    for &(pid, ppid, ns_pid) in more {
        procs.push(proc(pid, ppid, "sleep", &[pid, ns_pid], LAB_NS));
    }
    let host = Snapshot {
        total: procs.len(),
        procs,
    };
    Views {
        host: Some(host.clone()),
        ns: Some(host),
        tutor: 100,
        agent: Some(200),
        lab_ns: Some(LAB_NS),
        hostname: Some("namespace".into()),
        shell_proc: None,
        agent_stopped: false,
    }
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)), Instant::now())
}

fn open(app: &mut App) {
    let effects = key(app, KeyCode::Char('s'), KeyModifiers::NONE);
    assert!(
        matches!(effects.as_slice(), [Effect::OpenShell(_)]),
        "{effects:?}"
    );
    app.update(
        Msg::from(Reply::ShellStarted {
            info: ShellInfo {
                host_pid: 300,
                ns_pid: 2,
                program: "/usr/bin/bash".into(),
            },
            restarted: false,
        }),
        Instant::now(),
    );
}

fn input(effects: &[Effect]) -> Vec<u8> {
    effects
        .iter()
        .flat_map(|e| match e {
            Effect::ShellInput(bytes) => bytes.clone(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn every_key_goes_to_the_shell_until_ctrl_close_bracket() {
    let mut app = app(Lang::En, 160, 48);
    open(&mut app);
    assert!(app.shell_focused());
    // q would quit the lesson, Ctrl-C too: in the pane they are the shell's.
    assert_eq!(
        input(&key(&mut app, KeyCode::Char('q'), KeyModifiers::NONE)),
        b"q"
    );
    assert_eq!(
        input(&key(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL)),
        [3]
    );
    assert_eq!(
        input(&key(&mut app, KeyCode::Enter, KeyModifiers::NONE)),
        b"\r"
    );
    assert_eq!(
        input(&key(&mut app, KeyCode::Left, KeyModifiers::NONE)),
        b"\x1b[D"
    );
    assert!(!app.quit);
    assert_eq!(app.step, Step::ProcLeak, "arrows did not move the lesson");

    assert!(key(&mut app, KeyCode::Char(']'), KeyModifiers::CONTROL).is_empty());
    assert!(!app.shell_focused());
    // Back in the lesson: s gives the pane the keys again, without a new shell.
    assert!(key(&mut app, KeyCode::Char('s'), KeyModifiers::NONE).is_empty());
    assert!(app.shell_focused());
    // Terminals send Ctrl-] as the byte crossterm reports as Ctrl-5.
    key(&mut app, KeyCode::Char('5'), KeyModifiers::CONTROL);
    assert!(!app.shell_focused());
    assert_eq!(
        key(&mut app, KeyCode::Char('q'), KeyModifiers::NONE),
        vec![Effect::Quit]
    );
}

#[test]
fn exit_closes_the_pane_and_a_killed_shell_says_why() {
    let mut app = app(Lang::En, 160, 48);
    open(&mut app);
    let effects = app.update(
        Msg::from(Reply::ShellEnded(ShellEnd::Exited(0))),
        Instant::now(),
    );
    assert_eq!(effects, vec![Effect::CloseShell]);
    assert!(app.shell.is_none());

    open(&mut app);
    let effects = app.update(
        Msg::from(Reply::ShellEnded(ShellEnd::Killed(9))),
        Instant::now(),
    );
    assert!(effects.is_empty());
    let shell = app.shell.as_ref().expect("the pane stays to say why");
    assert_eq!(shell.state, ShellState::Ended(ShellEnd::Killed(9)));
    assert!(!app.shell_focused());
    assert!(screen(&app).contains("killed by signal 9"));
    // s starts a new shell in the same pane; Esc closes an ended one.
    assert_eq!(
        key(&mut app, KeyCode::Char('s'), KeyModifiers::NONE),
        vec![Effect::StartShell]
    );
    app.update(
        Msg::from(Reply::ShellEnded(ShellEnd::NoLab)),
        Instant::now(),
    );
    assert_eq!(
        key(&mut app, KeyCode::Esc, KeyModifiers::NONE),
        vec![Effect::CloseShell]
    );
    assert!(app.shell.is_none());
}

#[test]
fn a_paste_is_bracketed_when_the_shell_asked_for_it() {
    let mut app = app(Lang::En, 160, 48);
    open(&mut app);
    let big = "echo hi\n".repeat(12_800); // 100 KB
    let plain = input(&app.update(Msg::Paste(big.clone()), Instant::now()));
    assert_eq!(plain.len(), big.len());
    assert!(!plain.contains(&b'\n'), "line breaks are sent as Enter");
    let screen = app.shell.as_ref().map(|s| s.screen.clone()).expect("pane");
    screen.lock().process(b"\x1b[?2004h");
    let bracketed = input(&app.update(Msg::Paste("ls\n".into()), Instant::now()));
    assert_eq!(bracketed, b"\x1b[200~ls\r\x1b[201~");
}

#[test]
fn new_lab_members_are_marked_new_for_a_moment() {
    let mut app = app(Lang::En, 160, 48);
    open(&mut app);
    let now = Instant::now();
    app.update(Msg::from(Reply::Views(views(&[(400, 300, 3)]))), now);
    assert!(app.is_new(400, now));
    assert!(!app.is_new(300, now), "the shell was there before");
    let text = screen(&app);
    assert!(text.contains("sleep 400(3)  + new"), "{text}");
    assert!(text.contains("bash 300(2)  ◀ your shell"), "{text}");
    // The mark fades on its own clock.
    let later = now + Duration::from_secs(10);
    assert!(app.next_deadline().is_some_and(|d| d <= later));
    app.update(Msg::Tick, later);
    assert!(!app.is_new(400, later));
    // Its parent exits: it moves under PID 1, marked in words as re-parented.
    app.update(Msg::from(Reply::Views(views(&[(400, 200, 3)]))), later);
    let text = screen(&app);
    assert!(text.contains("sleep 400(3)  ↱ new parent"), "{text}");
}

#[test]
fn the_pane_sits_beside_both_trees_and_says_what_to_try() {
    for (lang, w, h, try_word) in [
        (Lang::En, 160, 48, "Try: hostname; hostname lab; hostname"),
        (
            Lang::Ko,
            120,
            36,
            "해 볼 것: hostname; hostname lab; hostname",
        ),
        (Lang::En, 80, 24, "Try: hostname"),
    ] {
        // Hostname asks nothing first: what to try shows at once. (At a step that asks
        // first it shows after the run: tests/predict_phases.rs.)
        let mut app = app_at(lang, w, h, Step::Hostname);
        open(&mut app);
        let text = screen(&app);
        assert!(text.contains(try_word), "{lang:?} {w}x{h}:\n{text}");
        let host = if lang == Lang::En {
            "host: the tutor's /proc"
        } else {
            "호스트: 튜터의 /proc"
        };
        assert!(text.contains(host), "{lang:?} {w}x{h}:\n{text}");
        assert!(text.contains("pidns-agent"), "{lang:?} {w}x{h}:\n{text}");
        assert!(text.contains("bash 300(2)"), "{lang:?} {w}x{h}:\n{text}");
    }
}

#[test]
fn too_small_for_the_pane_says_so_and_keeps_the_trees() {
    let mut app = app(Lang::En, 64, 18);
    open(&mut app);
    let text = screen(&app);
    assert!(text.contains("The shell pane needs"), "{text}");
    assert!(text.contains("host: the tutor's /proc"), "{text}");
    let geometry = draw(&mut app);
    assert!(!geometry.shell.is_empty(), "the pane is there, saying so");
    assert!(
        geometry.shell_term.is_empty(),
        "no terminal cells to size the pty to"
    );
    // Tiny sizes must not panic either.
    for (w, h) in [(1, 1), (20, 5), (59, 15), (60, 16)] {
        app.update(Msg::Resize(w, h), Instant::now());
        screen(&app);
    }
}

/// The whole frame as text, one line per row (a double-width character's second cell
/// left out, as a terminal shows it).
fn screen(app: &App) -> String {
    render_support::text(&render_support::render(app))
}

/// The right pane is PID 1's /proc; when the learner's shell sees another (the host's,
/// before they mount their own), the pane says so rather than silently disagree with
/// `ps` in the shell. One /proc for both: nothing to say.
#[test]
fn the_inside_pane_says_when_the_shell_sees_another_proc() {
    let mut app = app(Lang::En, 160, 48);
    open(&mut app);
    let own = |shell_proc| {
        let ns = Snapshot {
            total: 2,
            procs: vec![
                proc(1, 0, "pidns-agent", &[1], LAB_NS),
                proc(2, 1, "bash", &[2], LAB_NS),
            ],
        };
        Views {
            ns: Some(ns),
            shell_proc,
            ..views(&[])
        }
    };
    let said = "Your shell still sees the host's /proc";
    app.update(
        Msg::from(Reply::Views(own(Some(ProcOwner::Host)))),
        Instant::now(),
    );
    let host = screen(&app);
    assert!(host.contains("inside: PID 1's /proc"), "{host}");
    assert!(host.contains(said), "{host}");
    app.update(
        Msg::from(Reply::Views(own(Some(ProcOwner::Lab)))),
        Instant::now(),
    );
    assert!(!screen(&app).contains(said), "{}", screen(&app));
}

/// PID 1 stopped from the host (SIGSTOP, which a curious learner will try): the trees
/// show its state, and Enter says why the run waits (and still asks for it: the view may
/// be a moment older than the SIGCONT that woke it).
#[test]
fn a_stopped_pid_1_shows_its_state_and_enter_says_why_the_run_waits() {
    let mut app = app_at(Lang::En, 160, 48, Step::Hostname);
    let stopped = Views {
        agent_stopped: true,
        ..views(&[])
    };
    app.update(Msg::from(Reply::Views(stopped)), Instant::now());
    let text = screen(&app);
    assert!(text.contains("T stopped"), "{text}");
    let effects = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(effects, vec![Effect::Run(Step::Hostname)]);
    let said = match &app.notice {
        Some(pidns_tutor::app::Notice::Info(said)) => said.clone(),
        other => panic!("no word on why: {other:?}"),
    };
    assert!(
        said.contains("state T") && said.contains("kill -CONT 200"),
        "{said}"
    );
    // Woken up: the trees say so.
    app.update(Msg::from(Reply::Views(views(&[]))), Instant::now());
    assert!(!screen(&app).contains("T stopped"));
}
