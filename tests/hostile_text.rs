//! Issue 21, B3 and B4: strings from files reach every text output escaped. A student's
//! progress file (`report`, `progress`), a crafted recording (`walk --replay`, text and
//! `--brief`), and file names, all carrying ESC, BEL, CSI, OSC 0 (title), OSC 52
//! (clipboard) and C1 controls: none of those bytes may reach stdout or stderr raw, and
//! the values still show, escaped.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

/// Everything a hostile value carries: OSC 0 with BEL, CSI, OSC 52, and C1 CSI and OSC.
const EVIL: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{1b}]52;c;SGVsbG8=\u{7}\u{9b}31m\u{9d}0;C1\u{7}";

/// Where a raw control byte sits in `bytes`, if any: C0 but newline and tab, DEL, and
/// C1 (encoded in UTF-8 as C2 80..9F, or a bare 80..9F byte).
fn raw_control(bytes: &[u8]) -> Option<usize> {
    bytes.iter().enumerate().position(|(i, &b)| {
        (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
            || ((0x80..0xa0).contains(&b) && (i == 0 || bytes[i - 1] < 0xc0))
    })
}

fn assert_clean(what: &str, bytes: &[u8]) {
    if let Some(at) = raw_control(bytes) {
        let from = at.saturating_sub(40);
        panic!(
            "{what}: a raw control byte at {at}: {:?}",
            String::from_utf8_lossy(&bytes[from..(at + 40).min(bytes.len())])
        );
    }
}

fn tutor(state: &Path) -> Command {
    let mut command = Command::new(EXE);
    command
        .env("XDG_STATE_HOME", state)
        .env_remove("NO_PROGRESS")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL");
    command
}

/// A progress file whose answers, versions and quiz carry `EVIL`.
fn evil_progress() -> String {
    let answer = serde_json::json!({"choice": format!("evil{EVIL}"), "right": false, "at": "2026-01-01T00:00:00Z"});
    serde_json::json!({
        "schema": 1,
        "tool_version": format!("0.1{EVIL}"),
        "kernel": format!("Linux{EVIL}"),
        "current_step": "clone",
        "steps": {
            "clone": {"visited": "2026-01-01T00:00:00Z", "prediction": answer},
            "summary": {"quiz": {"first-process": answer}}
        }
    })
    .to_string()
}

#[test]
fn report_prints_students_strings_escaped() {
    let dir = Scratch::new("evil-report");
    let alice = dir.join("alice.json");
    std::fs::write(&alice, evil_progress()).unwrap();
    // An unknown task state: serde's error quotes it.
    let bob = dir.join("bob.json");
    let task = serde_json::json!({"schema": 1, "steps": {"clone": {"task": {"state": EVIL, "at": "2026-01-01T00:00:00Z"}}}});
    std::fs::write(&bob, task.to_string()).unwrap();
    // A file name a student chose.
    let eve = dir.join(format!("eve{EVIL}.json"));
    std::fs::write(&eve, evil_progress()).unwrap();
    let out = output(tutor(&dir).arg("report").args([&alice, &bob, &eve]));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "bob's file is not counted: {stdout}"
    );
    assert_clean("report's text", &out.stdout);
    assert_clean("report's errors", &out.stderr);
    assert!(stdout.contains("evil\\x1b]0;PWNED\\x07"), "{stdout}");
    assert!(stdout.contains("\\x1b]52;c;"), "{stdout}");
    assert!(stdout.contains("\\u{9b}31m"), "{stdout}");
    assert!(stdout.contains("unknown variant"), "{stdout}");
    // The text's student column is cut to fit; the CSV has each file's whole name.
    let out = output(tutor(&dir).args(["report", "--csv"]).args([&alice, &eve]));
    assert_clean("report --csv", &out.stdout);
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.contains("eve\\x1b]0;PWNED"), "{csv}");
    // JSON escapes its own: still parseable, the value whole.
    let out = output(tutor(&dir).args(["report", "--json"]).arg(&alice));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(json.to_string().contains("PWNED"));
    // Through stdin too.
    let stdin = std::fs::File::open(&alice).unwrap();
    let out = output(tutor(&dir).args(["report", "-"]).stdin(stdin));
    assert_clean("report - (stdin)", &out.stdout);
}

#[test]
fn progress_prints_the_learners_file_escaped() {
    let dir = Scratch::new("evil-progress");
    std::fs::create_dir_all(dir.join("pidns-tutor")).unwrap();
    let file = dir.join("pidns-tutor/progress.json");
    std::fs::write(&file, evil_progress()).unwrap();
    let out = output(tutor(&dir).arg("progress"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert_clean("progress", &out.stdout);
    assert!(stdout.contains("0.1\\x1b]0;PWNED"), "{stdout}");
    // A damaged file: the error quotes the value, on stderr.
    let task = serde_json::json!({"schema": 1, "steps": {"clone": {"task": {"state": EVIL, "at": "2026-01-01T00:00:00Z"}}}});
    std::fs::write(&file, task.to_string()).unwrap();
    let out = output(tutor(&dir).arg("progress"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_clean("progress's error", &out.stderr);
    assert!(
        stderr.contains("unknown variant `\\x1b]0;PWNED"),
        "{stderr}"
    );
}

/// The bundled recording with `EVIL` in its header's kernel and date and in every
/// process name.
fn evil_recording(dir: &Path) -> std::path::PathBuf {
    let bundled = include_str!("../assets/recording.jsonl");
    let mut lines = vec![];
    for (n, line) in bundled.lines().enumerate() {
        let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
        if n == 0 {
            value["kernel"] = format!("Linux{EVIL}").into();
            value["date"] = format!("2026{EVIL}").into();
        } else {
            poison_names(&mut value);
        }
        lines.push(value.to_string());
    }
    let path = dir.join("evil.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn poison_names(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    serde_json::Value::String(s) if key.contains("name") || key == "hostname" => {
                        s.push_str(EVIL)
                    }
                    other => poison_names(other),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(poison_names),
        _ => {}
    }
}

#[test]
fn walk_replays_a_crafted_recording_escaped() {
    let dir = Scratch::new("evil-walk");
    let recording = evil_recording(&dir);
    for format in [&[][..], &["--brief"]] {
        let out = output(
            tutor(&dir)
                .args(["walk", "--replay"])
                .arg(&recording)
                .args(format),
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{format:?}: {stdout}");
        assert_clean(&format!("walk {format:?}"), &out.stdout);
        assert_clean(&format!("walk {format:?} stderr"), &out.stderr);
        assert!(
            stdout.contains("RECORDED on Linux\\x1b]0;PWNED"),
            "{stdout}"
        );
        assert!(stdout.contains("\\x1b]0;PWNED"), "{stdout}");
    }
    // An error that names the file: escaped too.
    let missing = dir.join(format!("gone{EVIL}.jsonl"));
    let out = output(tutor(&dir).args(["walk", "--replay"]).arg(&missing));
    assert_eq!(out.status.code(), Some(1));
    assert_clean("walk's error", &out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("gone\\x1b]0;PWNED"));
}
