//! The bundled recording was made by `pidns-tutor record` and still fits the lesson: the
//! same step ids in order, and every fact the lesson's live sentences name (and, when a
//! live run is possible here, exactly the facts a live run observes now).

mod common;

use common::*;
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::{Lesson, Step, placeholders};
use pidns_tutor::record::Recording;
use std::collections::BTreeSet;
use std::process::Command;

#[test]
fn the_bundled_recording_matches_the_lesson() {
    let recording = Recording::bundled().expect("the bundled recording parses");
    assert!(recording.header.recorded);
    assert!(
        recording.header.kernel.starts_with("Linux "),
        "{:?}",
        recording.header
    );
    let ids: Vec<Step> = recording.observations.iter().map(|o| o.step()).collect();
    assert_eq!(
        ids,
        Step::all().collect::<Vec<_>>(),
        "re-record with: cargo run -- record"
    );
    for lang in Lang::ALL {
        let lesson = Lesson::load(lang).expect("lesson");
        for step in &lesson.steps {
            let observed = recording.observation(step.step).expect("step");
            let facts = observed.facts.to_json();
            for template in &step.live {
                for name in placeholders(template) {
                    assert!(
                        facts.contains_key(name),
                        "{lang}: {} names {name}, not recorded",
                        step.step
                    );
                }
            }
        }
    }
}

#[test]
fn the_recording_has_the_facts_a_live_run_has_now() {
    if !live_or_skip("the_recording_has_the_facts_a_live_run_has_now") {
        return;
    }
    let recording = Recording::bundled().expect("recording");
    let out = output(Command::new(EXE).args(["walk", "--json"]));
    let (_, steps) = parse_walk(&out.stdout);
    for step in &steps {
        let id = step["step"].as_str().expect("id");
        let live: BTreeSet<&String> = step["facts"].as_object().expect("facts").keys().collect();
        let step = Step::from_id(id).expect("a step of the lesson");
        let recorded = recording.observation(step).expect("step").facts.to_json();
        let recorded: BTreeSet<&String> = recorded.keys().collect();
        assert_eq!(
            live, recorded,
            "step {id}: re-record with: cargo run -- record"
        );
    }
}

/// A successful `walk --json` replay: not live, every step of the lesson, each marked.
fn replayed(out: &std::process::Output) -> (serde_json::Value, Vec<serde_json::Value>) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (header, steps) = parse_walk(&out.stdout);
    assert_eq!(
        header["live"], false,
        "nothing recorded may be shown as live"
    );
    assert_eq!(steps.len(), Step::COUNT);
    assert!(
        steps.iter().all(|s| s["recorded"] == true),
        "a replayed step was not marked recorded"
    );
    (header, steps)
}

#[test]
fn a_replay_is_labelled_recorded_everywhere() {
    let out = output(Command::new(EXE).args(["walk", "--json", "--replay"]));
    let (header, _) = replayed(&out);
    assert_eq!(header["recorded"]["recorded"], true);
    let text = output(Command::new(EXE).args(["walk", "--brief", "--replay"]));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.lines()
            .next()
            .unwrap_or("")
            .contains("RECORDED on Linux"),
        "{text}"
    );
}

#[test]
fn a_recording_made_with_record_replays_from_its_file() {
    if !live_or_skip("a_recording_made_with_record_replays_from_its_file") {
        return;
    }
    let file = std::env::temp_dir().join(format!("pidns-tutor-rec-{}.jsonl", std::process::id()));
    let out = output(Command::new(EXE).arg("record").arg("--output").arg(&file));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = output(
        Command::new(EXE)
            .args(["walk", "--json", "--replay"])
            .arg(&file),
    );
    let _ = std::fs::remove_file(&file);
    let (header, steps) = replayed(&out);
    assert_eq!(
        header["recorded"]["kernel"],
        pidns_tutor::session::host::kernel()
    );
    assert_eq!(facts(&steps, "clone")["child_getpid"], 1);
}

#[test]
fn a_missing_or_bad_recording_file_says_so() {
    let out = output(Command::new(EXE).args(["walk", "--replay", "/nonexistent/rec.jsonl"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot read the recording /nonexistent/rec.jsonl"),
        "{stderr}"
    );
    let out = output(Command::new(EXE).args(["walk", "--replay", "Cargo.toml"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Cargo.toml is not a recording"), "{stderr}");
    let out = output(Command::new(EXE).args(["record", "--output", "/nonexistent/dir/rec.jsonl"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--output"), "{stderr}");
}
