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

/// Made in a clean sandbox (scripts/record-bundled.sh): the trees of the bundled
/// recording name no process of the machine it was made on, such as a `memfd:` name from
/// a container runtime: above the tutor there is only the sandbox's shell.
#[test]
fn the_bundled_recording_names_no_process_of_the_machine_it_was_made_on() {
    let text = pidns_tutor::record::BUNDLED;
    assert!(
        !text.contains("memfd:"),
        "a machine's process in the recording"
    );
    // Above the tutor, only the sandbox's shell: its PID 1.
    for line in text.lines().skip(1) {
        let line: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let procs = line["host_view"]["procs"].as_array().expect("a host view");
        let above: Vec<&str> = procs
            .iter()
            .take_while(|p| p["name"] != "pidns-tutor")
            .map(|p| p["name"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(above, ["bash"], "{}: above the tutor", line["step"]);
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
    assert!(
        stderr.contains("Cargo.toml:1: not a pidns-tutor recording"),
        "{stderr}"
    );
    let out = output(Command::new(EXE).args(["record", "--output", "/nonexistent/dir/rec.jsonl"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--output"), "{stderr}");
}

/// A recording cut short (a copy interrupted, a disk full) is refused when it is loaded,
/// naming the file and the line, not at the missing step in the middle of a talk.
#[test]
fn a_truncated_recording_is_refused_when_loaded() {
    let dir = std::env::temp_dir().join(format!("pidns-tutor-cut-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bundled = pidns_tutor::record::BUNDLED;
    // Cut in the middle of the eighth line, step 7 (proc-leak).
    let cut = bundled
        .match_indices('\n')
        .nth(6)
        .map(|(i, _)| i + 40)
        .expect("8 lines");
    let file = dir.join("cut.jsonl");
    std::fs::write(&file, &bundled[..cut]).expect("write");
    let out = output(Command::new(EXE).args(["walk", "--replay"]).arg(&file));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:8: ", file.display())) && stderr.contains("cut off"),
        "{stderr}"
    );
    // The same file without its last, broken line: the steps it lacks are named.
    let whole_lines = &bundled[..=bundled[..cut].rfind('\n').expect("a line")];
    std::fs::write(&file, whole_lines).expect("write");
    let out = output(Command::new(EXE).args(["walk", "--replay"]).arg(&file));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let covers = format!("covers 6 of {} steps", pidns_tutor::lesson::Step::COUNT);
    assert!(stderr.contains(&covers), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `record` without `--output` writes under $XDG_DATA_HOME, not into the directory it was
/// started in (a source tree, maybe over the bundled recording).
#[test]
fn record_writes_to_the_data_directory_by_default() {
    if !live_or_skip("record_writes_to_the_data_directory_by_default") {
        return;
    }
    let root = std::env::temp_dir().join(format!("pidns-tutor-xdg-{}", std::process::id()));
    let (data, cwd) = (root.join("data"), root.join("cwd"));
    std::fs::create_dir_all(&cwd).expect("temp dirs");
    let out = output(
        Command::new(EXE)
            .arg("record")
            .env("XDG_DATA_HOME", &data)
            .current_dir(&cwd),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written: Vec<_> = std::fs::read_dir(data.join("pidns-tutor"))
        .expect("the data directory was made")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let name = written[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("recording-") && name.ends_with(".jsonl"),
        "{name}"
    );
    assert_eq!(
        std::fs::read_dir(&cwd).expect("cwd").count(),
        0,
        "record wrote into its working directory"
    );
    let out = output(
        Command::new(EXE)
            .args(["walk", "--json", "--replay"])
            .arg(&written[0]),
    );
    let (header, _) = replayed(&out);
    assert_eq!(header["recorded"]["format"], 1);
    let _ = std::fs::remove_dir_all(&root);
}
