//! `pidns-tutor cast` writes an asciicast v2 file that a player can play: a header with
//! version, size and title; events whose times never go back; one marker per step, in
//! lesson order; and output that, played in a real terminal emulator (vt100), shows each
//! step's screen before and after its action. Made from recordings, so no namespace is
//! needed.

mod common;

use common::*;
use pidns_tutor::lesson::Step;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("pidns-tutor-{}-{name}", std::process::id()))
}

/// Runs `cast` with `args` and returns its header and events.
fn cast(name: &str, args: &[&str]) -> (Value, Vec<Value>) {
    let file = temp(name);
    let out = output(
        Command::new(EXE)
            .arg("cast")
            .args(args)
            .arg("-o")
            .arg(&file),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).expect("the cast was written");
    let _ = std::fs::remove_file(&file);
    let mut lines = text.lines().map(|l| {
        serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))
    });
    let header = lines.next().expect("a header line");
    (header, lines.collect())
}

/// Checks the events' shape and clock; returns (time, kind, data) for each.
fn checked(events: &[Value]) -> Vec<(f64, String, String)> {
    let mut last = 0.0;
    events
        .iter()
        .map(|event| {
            let fields = event.as_array().expect("an event is an array");
            assert_eq!(fields.len(), 3, "{event}");
            let time = fields[0].as_f64().expect("a time in seconds");
            assert!(time >= last, "time goes back from {last} to {time}");
            last = time;
            let kind = fields[1].as_str().expect("a kind").to_string();
            assert!(kind == "o" || kind == "m", "unknown event kind {kind}");
            let data = fields[2].as_str().expect("data").to_string();
            (time, kind, data)
        })
        .collect()
}

/// The screen after each step's marker and after each step's action, played through a
/// terminal emulator: (step id, the screen when the step appears, every later screen
/// until the next step).
fn play(events: &[(f64, String, String)], w: u16, h: u16) -> Vec<(String, String, Vec<String>)> {
    let mut terminal = vt100::Parser::new(h, w, 0);
    let mut steps: Vec<(String, String, Vec<String>)> = Vec::new();
    let mut marker_time = None;
    for (time, kind, data) in events {
        if kind == "m" {
            steps.push((data.clone(), String::new(), Vec::new()));
            marker_time = Some(*time);
            continue;
        }
        terminal.process(data.as_bytes());
        let screen = terminal.screen().contents();
        if let Some(step) = steps.last_mut() {
            if marker_time == Some(*time) {
                step.1 = screen;
            } else {
                step.2.push(screen);
            }
        }
    }
    steps
}

#[test]
fn a_cast_of_a_recording_has_a_header_a_clock_and_a_marker_per_step() {
    let (header, events) = cast(
        "en.cast",
        &[
            "--replay",
            "tests/fixtures/recording.jsonl",
            "--size",
            "100x30",
        ],
    );
    assert_eq!(header["version"], 2);
    assert_eq!(header["width"], 100);
    assert_eq!(header["height"], 30);
    let title = header["title"].as_str().expect("a title");
    assert!(title.contains("PID namespaces"), "{title}");
    assert!(title.contains("RECORDED on Linux"), "{title}");
    // The background the theme was made for travels with the cast.
    assert_eq!(header["theme"]["bg"], "#000000");

    let events = checked(&events);
    let markers: Vec<&str> = events
        .iter()
        .filter(|e| e.1 == "m")
        .map(|e| e.2.as_str())
        .collect();
    let ids: Vec<&str> = Step::all().map(Step::id).collect();
    assert_eq!(markers, ids, "one marker per step, in lesson order");
    assert!(
        events.last().expect("events").0 > 60.0,
        "a whole lesson plays for minutes"
    );

    let steps = play(&events, 100, 30);
    for (index, (id, first, later)) in steps.iter().enumerate() {
        let counter = format!("{}/{}", index + 1, Step::COUNT);
        assert!(
            first.contains(&counter),
            "{id}: the step's first screen lacks {counter}:\n{first}"
        );
        // No key hints: a player has no keys.
        for hint in [
            "Press Enter",
            "←/→ step",
            "? help",
            "q quit",
            "Enter: after",
            "Esc skip and run it",
            "Esc leave the quiz",
        ] {
            if let Some(screen) = later.iter().chain([first]).find(|s| s.contains(hint)) {
                panic!("{id}: a key hint ({hint}) in a cast:\n{screen}");
            }
        }
        // A step that asks first shows its question, then the run; the summary its quiz.
        let summary = id == Step::Summary.id();
        let asks = summary
            || Step::from_id(id)
                .and_then(|s| pidns_tutor::steps::prediction(s, &Default::default()))
                .is_some();
        if asks {
            let question = later.first().expect("a screen after Enter");
            let title = if summary { "quiz 1/" } else { "predict first" };
            assert!(question.contains(title), "{id}: {question}");
        }
        let first_after = later
            .get(usize::from(asks))
            .unwrap_or_else(|| panic!("{id}: no screen after Enter"));
        // A step whose point is a change shows its BEFORE first, without what was
        // observed (that would tell the end); the cast then moves on to its AFTER.
        let after = if first_after.contains(" BEFORE ") {
            assert!(
                !first_after.contains("Observed when it was recorded"),
                "{id}: BEFORE tells the end:\n{first_after}"
            );
            later
                .iter()
                .find(|s| s.contains(" AFTER "))
                .unwrap_or_else(|| panic!("{id}: no AFTER after its BEFORE"))
        } else {
            first_after
        };
        assert!(
            after.contains("Observed when it was recorded"),
            "{id}: after its action:\n{after}"
        );
        assert!(after.contains(&counter), "{id}:\n{after}");
    }
}

#[test]
fn a_cast_in_korean_at_another_size() {
    let (header, events) = cast(
        "ko.cast",
        &[
            "--replay", "--lang", "ko", "--size", "120x36", "--theme", "light",
        ],
    );
    assert_eq!(
        (header["width"].as_u64(), header["height"].as_u64()),
        (Some(120), Some(36))
    );
    assert_eq!(header["theme"]["bg"], "#ffffff");
    let events = checked(&events);
    let steps = play(&events, 120, 36);
    assert_eq!(steps.len(), Step::COUNT);
    let (_, _, later) = &steps[Step::ProcLeak.index()];
    assert!(later[0].contains("먼저 예측해 보자"), "{}", later[0]);
    let after = later.get(1).expect("a screen after the question");
    assert!(after.contains("녹화할 때 관찰한 것"), "{after}");
}

#[test]
fn bad_sizes_and_recordings_are_refused_with_a_reason() {
    let out =
        output(Command::new(EXE).args(["cast", "--replay", "--size", "40x10", "-o", "/dev/null"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("at least 60x16"), "{stderr}");
    let file = temp("short.jsonl");
    let short: String = pidns_tutor::record::BUNDLED
        .lines()
        .take(3)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&file, short).expect("write");
    let cast_file = temp("short.cast");
    let out = output(
        Command::new(EXE)
            .args(["cast", "--replay"])
            .arg(&file)
            .arg("-o")
            .arg(&cast_file),
    );
    let _ = std::fs::remove_file(&file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(":3: the recording stops after step `pid-1`"),
        "{stderr}"
    );
    assert!(
        !cast_file.exists(),
        "a cast was written from a bad recording"
    );
}

/// The last words of `step`'s lesson (its text without the live paragraph), as `walk`
/// prints it: what a reader scrolling to the end sees last.
fn last_words(step: Step) -> String {
    let lesson = pidns_tutor::lesson::Lesson::load(pidns_tutor::lang::Lang::En).expect("lesson");
    let section = lesson.step(step).expect("the step's section");
    let (kept, _) = pidns_tutor::lesson::text::split_live(&section.blocks);
    let blocks: Vec<_> = kept.into_iter().cloned().collect();
    let lines = pidns_tutor::lesson::plain::lines(&blocks, "note:");
    let last = lines
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty())
        .expect("a last line");
    let words: Vec<&str> = last.split_whitespace().collect();
    words[words.len().saturating_sub(3)..].join(" ")
}

/// The lesson pane of a screen (the left pane, up to its top right corner), its rows
/// joined by spaces: the text as a reader reads it, whatever the wrapping.
fn lesson_pane(screen: &str) -> String {
    let mut rows = screen.lines();
    let top = rows.next().unwrap_or_default();
    let width = top.chars().position(|c| "┓┐╮+".contains(c)).unwrap_or(0);
    screen
        .lines()
        .map(|row| {
            row.chars()
                .skip(1)
                .take(width.saturating_sub(1))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The bundled recording, cast: no key hints anywhere, a marker per step, and each step's
/// lesson scrolled to its last line before the next step.
#[test]
fn a_cast_of_the_bundled_recording_reads_every_step_to_its_end() {
    let (_, events) = cast("bundled.cast", &["--replay", "--size", "100x30"]);
    let events = checked(&events);
    let markers = events.iter().filter(|e| e.1 == "m").count();
    assert_eq!(markers, Step::COUNT);
    let steps = play(&events, 100, 30);
    for ((id, first, later), step) in steps.iter().zip(Step::all()) {
        let words = last_words(step);
        let read = later
            .iter()
            .chain([first])
            .any(|screen| lesson_pane(screen).contains(&words));
        assert!(
            read,
            "{id}: the lesson's last words ({words:?}) never on screen; the last screen:\n{}",
            later.last().unwrap_or(first)
        );
        for screen in later.iter().chain([first]) {
            assert!(
                !screen.contains("q quit") && !screen.contains("? help"),
                "{screen}"
            );
        }
    }
}

/// `cast --stage`: the talk's layout (a banner over both trees), no lesson pane, a marker
/// per step.
#[test]
fn a_cast_on_stage_has_the_banner_and_no_lesson() {
    let (_, events) = cast("stage.cast", &["--replay", "--stage", "--size", "100x30"]);
    let events = checked(&events);
    let steps = play(&events, 100, 30);
    assert_eq!(steps.len(), Step::COUNT);
    for (index, (id, first, later)) in steps.iter().enumerate() {
        let banner = format!(" {}/{}", index + 1, Step::COUNT);
        assert!(
            first.starts_with(&banner),
            "{id}: the banner on top:\n{first}"
        );
        assert!(
            !first.contains("newpid.c"),
            "{id}: no code on stage:\n{first}"
        );
        assert!(
            later.iter().all(|s| !s.contains("q quit")),
            "{id}: no key hints"
        );
    }
}
