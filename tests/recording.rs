//! The bundled recording was made by `pidns-tutor record` and still fits the lesson: the
//! same step ids in order, and every fact the lesson's live sentences name (and, when a
//! live run is possible here, exactly the facts a live run observes now).

mod common;

use common::*;
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::{Lesson, STEP_IDS, placeholders};
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
    let ids: Vec<&str> = recording
        .observations
        .iter()
        .map(|o| o.step.as_str())
        .collect();
    assert_eq!(ids, STEP_IDS, "re-record with: cargo run -- record");
    for lang in Lang::ALL {
        let lesson = Lesson::load(lang).expect("lesson");
        for step in &lesson.steps {
            let observed = recording.observation(&step.id).expect("step");
            for template in &step.live {
                for name in placeholders(template) {
                    assert!(
                        observed.facts.contains_key(name),
                        "{lang}: {} names {name}, not recorded",
                        step.id
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
        let recorded: BTreeSet<&String> = recording
            .observation(id)
            .expect("step")
            .facts
            .keys()
            .collect();
        assert_eq!(
            live, recorded,
            "step {id}: re-record with: cargo run -- record"
        );
    }
}

#[test]
fn a_replay_is_labelled_recorded_everywhere() {
    let out = output(Command::new(EXE).args(["walk", "--json", "--replay"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (header, steps) = parse_walk(&out.stdout);
    assert_eq!(header["live"], false);
    assert_eq!(header["recorded"]["recorded"], true);
    assert_eq!(steps.len(), STEP_IDS.len());
    assert!(
        steps.iter().all(|s| s["recorded"] == true),
        "a replayed step was not marked recorded"
    );
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
