//! Benchmark (issue 5, target 4): for every step, the time from the Enter key to the frame
//! that shows the step's result, through the app's own update loop and the real lab worker
//! (the same `App`, `Worker` and `ui::draw` the TUI runs, drawing into a 160x48 test
//! terminal). Run it on a crowded host: `benches/crowd.sh -- cargo bench --bench step_latency`.
//!
//! This binary is also its own agent and experiment runner (as the real one is), so the
//! worker's lab can re-execute it inside the namespace.

use pidns_tutor::app::{App, AppOptions, Effect, Msg, ThemeName};
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::source::Source;
use pidns_tutor::tui::worker::Worker;
use pidns_tutor::ui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const LAPS: usize = 5;

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args
        .get(1)
        .is_some_and(|a| a == pidns_tutor::lab::AGENT_ARG)
    {
        // SAFETY: first thing in main: nothing has claimed a descriptor yet.
        std::process::exit(unsafe { pidns_tutor::lab::agent::start(&args[2..]) });
    }
    // And the runner of the second chapter's experiments, which the worker's session also
    // starts as this binary: without this, it would run the whole benchmark again.
    if args
        .get(1)
        .is_some_and(|a| a == pidns_tutor::lab::experiments::EXPERIMENT_ARG)
    {
        std::process::exit(pidns_tutor::lab::experiments::hidden_main(
            &args[2..],
            pidns_tutor::steps::experiment,
        ));
    }
    let Some(mode) =
        pidns_tutor::check::Availability::probe(std::path::Path::new("/proc/self/exe")).chosen()
    else {
        eprintln!("step_latency: no live namespace here; nothing to measure");
        return;
    };
    let processes = std::fs::read_dir("/proc").map_or(0, |d| d.count());
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); Step::COUNT];
    for _ in 0..LAPS {
        let (tx, rx) = channel();
        let mut worker = Worker::spawn(Source::Live(mode), tx).expect("worker");
        let mut app = App::new(AppOptions {
            lang: Lang::En,
            source: Source::Live(mode),
            start: Step::first(),
            ascii: false,
            theme: ThemeName::Dark,
            no_color: false,
            talk: false,
        })
        .expect("lesson");
        let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
        let _ = app.update(Msg::Resize(160, 48), Instant::now());
        let effects = app.start();
        settle(&mut app, &worker, &rx, &mut term, effects);
        for (step, lap) in Step::all().zip(times.iter_mut()) {
            if step != Step::first() {
                let effects = app.update(key(KeyCode::Right), Instant::now());
                settle(&mut app, &worker, &rx, &mut term, effects);
            }
            // A step with a prediction asks first: the run starts with the answer (Esc
            // skips the question and runs at once), so that is where the lap starts.
            let mut start = Instant::now();
            let mut effects = app.update(key(KeyCode::Enter), Instant::now());
            if app.asking().is_some() {
                start = Instant::now();
                effects = app.update(key(KeyCode::Esc), Instant::now());
            }
            // A run that ends the lab before the step's task is done asks first: yes.
            if app.modals.top() == Some(&pidns_tutor::app::Modal::ConfirmTeardown) {
                start = Instant::now();
                effects = app.update(key(KeyCode::Char('y')), Instant::now());
            }
            settle(&mut app, &worker, &rx, &mut term, effects);
            lap.push(start.elapsed());
            assert_eq!(app.observed.as_ref().map(|o| o.step()), Some(step));
        }
        worker.stop();
    }
    println!("mode {mode}, {processes} processes on the host, {LAPS} laps; Enter → frame drawn:");
    let mut worst = Duration::ZERO;
    for (id, mut lap) in Step::all().zip(times) {
        lap.sort();
        let max = *lap.last().expect("laps");
        worst = worst.max(max);
        println!(
            "  {id:<15} median {:6.1} ms   max {:6.1} ms",
            ms(lap[lap.len() / 2]),
            ms(max)
        );
    }
    println!("  worst of all: {:.1} ms (target: under 100 ms)", ms(worst));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Carries out effects the way the TUI's loop does, feeding the worker's replies back
/// into the app, until the app is no longer busy; then draws one frame.
fn settle(
    app: &mut App,
    worker: &Worker,
    rx: &Receiver<Msg>,
    term: &mut Terminal<TestBackend>,
    mut effects: Vec<Effect>,
) {
    loop {
        for effect in effects.drain(..) {
            worker.send_effect(&effect);
        }
        if app.busy.is_none() {
            break;
        }
        let msg = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the worker answers");
        effects = app.update(msg, Instant::now());
    }
    if app.take_dirty() {
        let mut drawn = None;
        term.draw(|frame| drawn = Some(ui::draw(frame, app)))
            .expect("draw");
        if let Some(geometry) = drawn {
            app.update(Msg::Drawn(geometry), Instant::now());
        }
    }
}
