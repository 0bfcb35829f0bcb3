//! Progress files for real, on disk, through the library and the built binary: a round
//! trip; corrupt and newer files moved aside with a warning (never a crash); NO_PROGRESS
//! and --no-progress writing nothing; `progress` and `progress --reset`; resume; and
//! `report` adding up three students' files while listing a broken fourth. Each test works
//! in a directory of its own, passed as XDG_STATE_HOME.

use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::progress::command::start_with;
use pidns_tutor::progress::{Progress, Store, TaskState, Timestamp, Tracker};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const EXE: &str = env!("CARGO_BIN_EXE_pidns-tutor");

/// A fresh directory under the system's temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("pidns-tutor-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn progress_file(&self) -> PathBuf {
        self.0.join("pidns-tutor/progress.json")
    }

    fn files(&self) -> Vec<String> {
        let dir = self.0.join("pidns-tutor");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The binary with a state dir of its own and nothing from the caller's environment that
/// would change what it does.
fn tutor(state: &Path) -> Command {
    let mut command = Command::new(EXE);
    command
        .env("XDG_STATE_HOME", state)
        .env_remove("NO_PROGRESS")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null());
    command
}

fn sample(right: bool) -> Progress {
    let mut p = Progress::new();
    let t = Timestamp(1_700_000_000);
    p.visit(Step::Clone, t);
    p.predict(
        Step::Clone,
        if right {
            "one-and-zero"
        } else {
            "one-and-tutor"
        },
        right,
        t,
    );
    p.visit(Step::ProcLeak, t);
    p.predict(Step::ProcLeak, "own", false, t);
    p.task(Step::ProcLeak, TaskState::Passed, t);
    p.answer_quiz("cannot-fork", "init-exited", true, t);
    p.answer_quiz("nsenter-ppid", "one", false, t);
    p
}

#[test]
fn progress_round_trips_through_the_file() {
    let dir = TempDir::new("roundtrip");
    let path = dir.progress_file();
    let store = Store::at(path.clone());
    let mut written = sample(true);
    store.save(&mut written).unwrap();
    assert_eq!(written.tool_version, env!("CARGO_PKG_VERSION"));
    assert!(written.kernel.starts_with("Linux"), "{}", written.kernel);
    let (read, warning) = Store::at(path.clone()).load(Timestamp::now());
    assert_eq!(warning, None);
    assert_eq!(read, written);
    // Keyed by step id, in a form a teacher can read.
    let text = std::fs::read_to_string(&path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["schema"], 2);
    assert_eq!(json["current_step"], "proc-leak");
    // Who it is: made once, when first written.
    let id = json["learner"]["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 16, "{id}");
    assert!(!json["learner"]["name"].as_str().unwrap().is_empty());
    assert_eq!(
        json["steps"]["clone"]["prediction"]["choice"],
        "one-and-zero"
    );
    assert_eq!(json["steps"]["proc-leak"]["task"]["state"], "passed");
    assert_eq!(
        json["steps"]["summary"]["quiz"]["cannot-fork"]["right"],
        true
    );
    assert_eq!(json["started"], "2023-11-14T22:13:20Z");
    // Atomic: no temporary file is left next to it, and only its owner may read it.
    assert_eq!(dir.files(), ["progress.json"]);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
}

#[test]
fn a_corrupt_or_newer_file_is_moved_aside_with_a_warning() {
    for (name, contents, says) in [
        (
            "corrupt",
            "{\"schema\": 1, \"steps\": ",
            "is not valid JSON",
        ),
        (
            "newer",
            "{\"schema\": 99, \"steps\": {}}",
            "newer pidns-tutor (schema 99",
        ),
        ("foreign", "[1, 2, 3]", "is not a pidns-tutor progress file"),
        (
            "damaged",
            "{\"schema\": 1, \"steps\": {\"clone\": {\"visited\": \"yesterday\"}}}",
            "is damaged",
        ),
    ] {
        let dir = TempDir::new(&format!("aside-{name}"));
        let path = dir.progress_file();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        let now = Timestamp(1_700_000_000);
        let (tracker, warning) = Tracker::open(Store::at(path.clone()), now);
        let warning = warning.unwrap_or_else(|| panic!("{name}: no warning"));
        assert!(warning.contains(says), "{name}: {warning}");
        assert!(
            warning.contains("progress.json.bad-20231114T221320Z"),
            "{warning}"
        );
        assert_eq!(tracker.progress, Progress::new(), "{name}: starts afresh");
        assert_eq!(
            dir.files(),
            ["progress.json.bad-20231114T221320Z"],
            "{name}: moved aside, not deleted"
        );
        let kept = path.with_file_name("progress.json.bad-20231114T221320Z");
        assert_eq!(std::fs::read_to_string(kept).unwrap(), contents);
        // A second bad file in the same second gets a name of its own.
        std::fs::write(&path, contents).unwrap();
        let (mut tracker, _) = Tracker::open(Store::at(path.clone()), now);
        assert!(
            dir.files()
                .contains(&"progress.json.bad-20231114T221320Z-2".to_string())
        );
        // And saving afterwards works.
        tracker.progress.visit(Step::Clone, now);
        assert_eq!(tracker.save(), None);
        assert!(path.exists());
    }
}

#[test]
fn the_binary_moves_a_corrupt_file_aside_and_carries_on() {
    let dir = TempDir::new("bin-corrupt");
    let path = dir.progress_file();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "not json at all").unwrap();
    // `progress` only looks: it reports the bad file but leaves it where it is.
    let out = tutor(&dir.0).arg("progress").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not valid JSON"), "{err}");
    assert!(path.exists());
    // The TUI's start moves it aside and says so (here through its library entry point).
    let start = start_with(Store::at(path.clone()), None, false, Lang::En);
    assert!(
        start.notices[0].contains("moved it to"),
        "{:?}",
        start.notices
    );
    assert!(!path.exists());
    assert_eq!(start.step, None);
}

#[test]
fn an_unreadable_file_is_never_overwritten() {
    // A directory in the file's place cannot be read, even by root.
    let dir = TempDir::new("unreadable");
    let path = dir.progress_file();
    std::fs::create_dir_all(&path).unwrap(); // a directory where the file should be
    let (mut tracker, warning) = Tracker::open(Store::at(path.clone()), Timestamp::now());
    assert!(warning.unwrap().contains("will not be saved"));
    tracker.progress.visit(Step::Clone, Timestamp::now());
    assert_eq!(tracker.save(), None, "off: nothing to fail");
    assert!(path.is_dir());
}

#[test]
fn resume_lands_on_the_saved_step_unless_told_otherwise() {
    let dir = TempDir::new("resume");
    let store = Store::at(dir.progress_file());
    let mut p = sample(true);
    store.save(&mut p).unwrap();
    let start = start_with(store.clone(), None, false, Lang::En);
    assert_eq!(start.step, Some(Step::ProcLeak));
    let at = format!("7/{}", Step::COUNT);
    assert!(start.notices[0].contains(&format!("resuming at step {at} (proc-leak)")));
    let start = start_with(store.clone(), None, true, Lang::En);
    assert_eq!((start.step, start.notices.len()), (None, 0), "--restart");
    let start = start_with(store.clone(), Some(Step::Clone), false, Lang::Ko);
    assert_eq!(start.step, Some(Step::Clone), "--step wins");
    let start = start_with(store, None, false, Lang::Ko);
    assert!(start.notices[0].contains(&at), "{:?}", start.notices);
}

#[test]
fn no_progress_writes_nothing() {
    let dir = TempDir::new("kiosk");
    let path = dir.progress_file();
    // The library: either switch turns the store off.
    assert_eq!(Store::from_env(true).path(), None);
    // The binary, with a file that --reset would otherwise delete.
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut p = sample(true);
    Store::at(path.clone()).save(&mut p).unwrap();
    let before = std::fs::read(&path).unwrap();
    let out = tutor(&dir.0)
        .args(["progress", "--reset", "--yes"])
        .env("NO_PROGRESS", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("Progress is off (NO_PROGRESS is set)"),
        "{said}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // A lesson that answers questions with NO_PROGRESS or --no-progress: tests/walk_quiz.rs.
}

#[test]
fn progress_shows_and_resets() {
    let dir = TempDir::new("show");
    let out = tutor(&dir.0).arg("progress").output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(said.starts_with("No progress saved yet"), "{said}");
    let path = dir.progress_file();
    Store::at(path.clone()).save(&mut sample(false)).unwrap();
    let out = tutor(&dir.0).arg("progress").output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    let at = format!("At step 7/{}: proc-leak", Step::COUNT);
    assert!(said.contains(&at), "{said}");
    assert!(said.contains("Predictions right: 0/2"), "{said}");
    assert!(said.contains("[x]  4 clone           predicted wrong: 1, and the tutor's PID"));
    assert!(
        said.contains("[>]  7 proc-leak       predicted wrong"),
        "{said}"
    );
    assert!(said.contains("task passed"), "{said}");
    let out = tutor(&dir.0)
        .args(["progress", "--lang", "ko"])
        .output()
        .unwrap();
    let at = format!("현재 단계 7/{}", Step::COUNT);
    assert!(String::from_utf8_lossy(&out.stdout).contains(&at));
    // stdin is no terminal: --reset does not ask.
    let out = tutor(&dir.0)
        .args(["progress", "--reset"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Cleared"));
    assert!(!path.exists());
    let out = tutor(&dir.0)
        .args(["progress", "--reset", "--yes"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("No progress to clear"));
    let out = tutor(&dir.0).args(["progress", "--yes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "--yes needs --reset");
}

#[test]
fn report_adds_up_three_files_and_lists_a_broken_fourth() {
    let dir = TempDir::new("report");
    let mut names = vec![];
    for (name, right) in [("ana", true), ("bo", false), ("cy", false)] {
        let path = dir.0.join(format!("{name}.json"));
        Store::at(path.clone()).save(&mut sample(right)).unwrap();
        names.push(path);
    }
    let broken = dir.0.join("dee.json");
    std::fs::write(&broken, "{\"schema\": 1, \"steps\": {").unwrap();
    let out = tutor(&dir.0)
        .arg("report")
        .args(&names)
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a file was not counted");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("pidns-tutor report: 3 students, from 3 progress files"),
        "{text}"
    );
    assert!(text.contains("Not counted: "), "{text}");
    assert!(text.contains("dee.json: is not valid JSON"), "{text}");
    // A row per student (named by the login name here: all three share it).
    let one_passed = format!(
        "1 passed, 0 skipped, {} not reached",
        pidns_tutor::tasks::Task::ALL.len() - 1
    );
    let rows = text.lines().filter(|l| l.contains(&one_passed));
    assert_eq!(rows.count(), 3, "{text}");
    let line = |step: &str| {
        text.lines()
            .find(|l| l.split_whitespace().nth(1) == Some(step))
            .unwrap_or_else(|| panic!("no line for {step}: {text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("clone"),
        "4 clone 3/3 - 1/3 one-and-tutor x2: 1, and the tutor's PID"
    );
    assert!(line("proc-leak").starts_with("7 proc-leak 3/3 3/3 0/3 own x3"));
    assert_eq!(line("hostname"), "5 hostname 0/3 - - -");
    assert!(text.contains("mean score 1.0/10"), "{text}");

    let out = tutor(&dir.0)
        .args(["report", "--json"])
        .args(&names)
        .arg(&broken)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 3);
    assert_eq!(json["students"].as_array().unwrap().len(), 3);
    assert_eq!(json["students"][0]["tasks_passed"], 1);
    assert_eq!(json["bad"].as_array().unwrap().len(), 1);
    let clone = &json["steps"][3];
    assert_eq!(clone["step"], "clone");
    assert_eq!(clone["predicted"], 3);
    assert_eq!(clone["predicted_right"], 1);
    assert_eq!(clone["most_common_wrong"]["choice"], "one-and-tutor");
    assert_eq!(clone["most_common_wrong"]["count"], 2);
    let proc_leak = &json["steps"][6];
    assert_eq!(proc_leak["task_passed"], 3);
    let cannot_fork = json["quiz"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["question"] == "cannot-fork")
        .unwrap();
    assert_eq!(
        (&cannot_fork["right"], &cannot_fork["answered"]),
        (&3.into(), &3.into())
    );

    // The same three through stdin, one after another, and nothing else.
    let mut child = tutor(&dir.0)
        .args(["report", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for name in &names {
        std::io::Write::write_all(&mut stdin, &std::fs::read(name).unwrap()).unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 3);
    assert_eq!(json["steps"][3]["predicted_right"], 1);
}

#[test]
fn a_schema_1_file_still_loads_and_is_written_back_as_schema_2_with_a_learner() {
    let dir = TempDir::new("schema1");
    let path = dir.progress_file();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let old = r#"{"schema": 1, "current_step": "proc-leak", "started": "2023-11-14T22:13:20Z",
        "steps": {"clone": {"prediction": {"choice": "one-and-zero", "right": true,
        "at": "2023-11-14T22:13:20Z"}}}}"#;
    std::fs::write(&path, old).unwrap();
    let (mut tracker, warning) = Tracker::open(Store::at(path.clone()), Timestamp::now());
    assert_eq!(warning, None);
    assert!(tracker.progress.learner.is_none());
    assert_eq!(tracker.progress.predictions().right, 1);
    // A later answer is a retry: the first (here, the one schema 1 kept) still counts.
    tracker
        .progress
        .predict(Step::Clone, "one-and-tutor", false, Timestamp::now());
    assert_eq!(tracker.save(), None);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["schema"], 2);
    assert_eq!(
        json["steps"]["clone"]["prediction"]["choice"],
        "one-and-zero"
    );
    assert_eq!(
        json["steps"]["clone"]["retries"][0]["choice"],
        "one-and-tutor"
    );
    assert!(json["learner"]["id"].is_string());
}

#[test]
fn progress_name_sets_the_name_once_and_keeps_the_id() {
    let dir = TempDir::new("name");
    let out = tutor(&dir.0)
        .args(["progress", "--name", "Ana Kim"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Name: Ana Kim (id "), "{stdout}");
    let read = || -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.progress_file()).unwrap()).unwrap()
    };
    let first = read();
    assert_eq!(first["learner"]["name"], "Ana Kim");
    let out = tutor(&dir.0)
        .args(["progress", "--name", "Ana K."])
        .output()
        .unwrap();
    assert!(out.status.success());
    let second = read();
    assert_eq!(second["learner"]["name"], "Ana K.");
    assert_eq!(second["learner"]["id"], first["learner"]["id"]);
    let out = tutor(&dir.0)
        .args(["progress", "--name", "  "])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "an empty name is refused");
}
