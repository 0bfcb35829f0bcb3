//! A teacher marking a class with `report`: a directory of three students' files, one of
//! them handed in twice (an older copy) and one corrupt file. Text (both languages), CSV
//! read back by Python's csv module, JSON, and the HTML page rendered by a real headless
//! Chromium whose DOM is read back to check the grid's cells. A student's name is hostile:
//! it must show escaped everywhere.

mod common;

use pidns_tutor::lesson::Step;
use pidns_tutor::progress::{Identity, Progress, Store, TaskState, Timestamp};
use pidns_tutor::tasks::Task;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const HOSTILE: &str = "cy <img src=x onerror=alert(1)>\u{1b}[2J";

/// A directory of its own, removed on drop.
struct Class(PathBuf);

impl Drop for Class {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn learner(id: &str, name: &str) -> Progress {
    let mut p = Progress::new();
    p.learner = Some(Identity {
        id: id.into(),
        name: name.into(),
    });
    p
}

fn at(seconds: u64) -> Timestamp {
    Timestamp(1_700_000_000 + seconds)
}

/// ana: everything, every task; bo: stopped at 9 with 2 skipped; cy: stopped at 5. Plus an
/// older copy of ana (first answers differ: it must not count) and a corrupt file.
fn class(tag: &str) -> Class {
    let dir = std::env::temp_dir().join(format!("pidns-tutor-class-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("bo/pidns-tutor")).unwrap();
    let class = Class(dir);
    let save = |path: &str, mut p: Progress| {
        Store::at(class.0.join(path)).save(&mut p).unwrap();
    };

    let mut ana = learner("00000000000000a1", "ana");
    for (n, step) in Step::all().enumerate() {
        ana.visit(step, at(n as u64));
    }
    ana.predict(Step::Clone, "one-and-zero", true, at(20));
    ana.predict(Step::KillParent, "eperm", false, at(21));
    ana.predict(Step::KillParent, "esrch", true, at(22));
    for task in Task::ALL {
        ana.task(task.step(), TaskState::Passed, at(30));
    }
    ana.answer_quiz("cannot-fork", "init-exited", true, at(40));
    let mut old_ana = learner("00000000000000a1", "ana (old copy)");
    old_ana.visit(Step::Clone, at(1));
    old_ana.predict(Step::Clone, "one-and-tutor", false, at(1));
    save("ana.json", ana);
    save("ana-resubmitted-old.json", old_ana);

    let mut bo = learner("00000000000000b2", "bo");
    for step in Step::all().take(Step::OrphanReaping.number()) {
        bo.visit(step, at(3));
    }
    bo.predict(Step::Clone, "one-and-tutor", false, at(4));
    bo.task(Step::ProcLeak, TaskState::Passed, at(5));
    bo.task(Step::RemountProc, TaskState::Skipped, at(6));
    bo.task(Step::OrphanReaping, TaskState::Skipped, at(7));
    save("bo/pidns-tutor/progress.json", bo);

    let mut cy = learner("00000000000000c3", HOSTILE);
    for step in Step::all().take(Step::Hostname.number()) {
        cy.visit(step, at(2));
    }
    cy.predict(Step::Clone, "one-and-tutor", false, at(2));
    save("cy.json", cy);

    std::fs::write(class.0.join("broken.json"), "{\"schema\": 2, \"steps\": {").unwrap();
    // A speaker's rehearsal in bo's directory: no learner's work, passed over.
    let talk = learner("00000000000000d4", "rehearsal");
    save("bo/pidns-tutor/talk-progress.json", talk);
    class
}

fn report(args: &[&str], dir: &Path, lang: &str) -> (Option<i32>, String) {
    let out = Command::new(common::EXE)
        .arg("report")
        .args(args)
        .arg(dir)
        .args(["--lang", lang])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn text_has_a_row_per_student_and_names_the_corrupt_file_in_both_languages() {
    let class = class("text");
    let (code, text) = report(&[], &class.0, "en");
    assert_eq!(code, Some(1), "a file was not counted:\n{text}");
    assert!(
        text.starts_with("pidns-tutor report: 3 students, from 4 progress files"),
        "{text}"
    );
    assert!(text.contains("broken.json: is not valid JSON"), "{text}");
    assert!(
        text.contains("not counted: ") && text.contains("ana-resubmitted-old.json"),
        "{text}"
    );
    let row = |name: &str| {
        let line = text
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}:\n{text}"));
        line.split("  ")
            .filter(|c| !c.is_empty())
            .map(str::trim)
            .collect::<Vec<_>>()
    };
    // name, last step, first predictions right, tasks, quiz, last active.
    let last = format!("{} summary", Step::COUNT);
    let all_passed = format!("{} passed, 0 skipped, 0 not reached", Task::ALL.len());
    assert_eq!(
        row("ana ")[1..5],
        [last.as_str(), "1/2", all_passed.as_str(), "1/10"]
    );
    // bo stopped before init-signals and every later task.
    let bo_tasks = format!("1 passed, 2 skipped, {} not reached", Task::ALL.len() - 3);
    assert_eq!(
        row("bo ")[1..5],
        ["9 orphan-reaping", "0/1", bo_tasks.as_str(), "-"]
    );
    assert_eq!(row("cy ")[1], "5 hostname");
    // The hostile name: its escape is shown, not sent to the terminal.
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        text.contains("cy <img src=x onerror=alert(1)>\\x1b"),
        "{text}"
    );
    // The step table counts each learner once, by first answers: ana's old wrong guess and
    // her later right one at kill-parent are not counted.
    let clone = text.lines().find(|l| l.starts_with(" 4 clone")).unwrap();
    assert!(
        clone.contains("3/3") && clone.contains("1/3") && clone.contains("one-and-tutor x2"),
        "{clone}"
    );
    let kill = text
        .lines()
        .find(|l| l.starts_with(" 6 kill-parent"))
        .unwrap();
    assert!(kill.contains("0/1") && kill.contains("eperm x1"), "{kill}");
    let orphan = text
        .lines()
        .find(|l| l.starts_with(" 9 orphan-reaping"))
        .unwrap();
    assert!(
        orphan.contains("1/3, 1 skipped"),
        "skipped is shown: {orphan}"
    );

    let (_, ko) = report(&[], &class.0, "ko");
    assert!(
        ko.starts_with("pidns-tutor 보고서: 학생 3명, 진행 상황 파일 4개"),
        "{ko}"
    );
    assert!(
        ko.contains("집계 제외: ") && ko.contains("broken.json:"),
        "{ko}"
    );
    let bo_ko = format!("통과 1, 건너뜀 2, 못 함 {}", Task::ALL.len() - 3);
    assert!(ko.contains(&bo_ko), "{ko}");
    assert_eq!(
        ko.lines().filter(|l| l.contains(", 못 함 ")).count(),
        3,
        "{ko}"
    );
}

#[test]
fn json_has_the_same_records_per_student() {
    let class = class("json");
    let (_, text) = report(&["--json"], &class.0, "en");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let students = json["students"].as_array().unwrap();
    assert_eq!(students.len(), 3);
    assert_eq!(students[0]["name"], "ana");
    assert_eq!(students[0]["predictions_right"], 1);
    assert_eq!(students[0]["predictions_answered"], 2);
    assert!(
        students[0]["duplicates"][0]
            .as_str()
            .unwrap()
            .ends_with("ana-resubmitted-old.json")
    );
    assert_eq!(students[1]["tasks_skipped"], 2);
    assert_eq!(students[1]["last_step"], "orphan-reaping");
    assert_eq!(json["bad"].as_array().unwrap().len(), 1);
}

#[test]
fn csv_opens_in_pythons_csv_module_with_a_row_per_student() {
    let class = class("csv");
    let Some(python) = common::which("python3") else {
        common::skip("python3 is not installed: the CSV is read back with its csv module");
        return;
    };
    let (_, csv) = report(&["--csv"], &class.0, "en");
    let script = "import csv, json, sys\n\
                  rows = list(csv.DictReader(sys.stdin))\n\
                  print(json.dumps(rows))";
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), csv.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let rows: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 3, "{csv}");
    let names: Vec<_> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["ana", "bo", "cy <img src=x onerror=alert(1)>\\x1b[2J"]
    );
    assert_eq!(rows[0]["step clone"], "right");
    assert_eq!(rows[0]["step kill-parent"], "wrong", "the first answer");
    assert_eq!(rows[1]["task remount-proc"], "skipped");
    assert_eq!(rows[1]["task proc-leak"], "passed");
    assert_eq!(rows[2]["task proc-leak"], "");
    assert_eq!(rows[2]["step hostname"], "reached");
    // bo stopped before init-signals and every later task.
    let not_reached = Task::ALL.len() - 3;
    assert_eq!(rows[1]["tasks_not_reached"], not_reached.to_string());
}

/// The browser to render with, if this machine has one.
fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| common::which(name))
}

/// `url` as headless Chromium renders it: the DOM, or a screenshot when `png` is given.
fn render(browser: &Path, profile: &Path, url: &str, extra: &[&str]) -> Vec<u8> {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{browser:?} failed: {out:?}");
    out.stdout
}

#[test]
fn html_renders_in_headless_chromium_with_the_grid_of_three_students() {
    let class = class("html");
    let Some(browser) = chromium() else {
        common::skip(
            "no Chromium here (scripts/test-deps.sh installs it): the page is not rendered",
        );
        return;
    };
    let page = class.0.join("out/class report.html");
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    let (code, text) = report(&["--html", page.to_str().unwrap()], &class.0, "en");
    assert_eq!(code, Some(1), "{text}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("http"), "self-contained: nothing fetched");
    assert!(!html.contains("<script"), "no script");
    assert!(
        html.contains("prefers-color-scheme: dark"),
        "a dark style too"
    );

    let profile = class.0.join("profile");
    let url = format!("file://{}", page.display()).replace(' ', "%20");
    let dom = String::from_utf8(render(&browser, &profile, &url, &["--dump-dom"])).unwrap();
    let rows: Vec<&str> = dom.split("<tr class=\"student\"").skip(1).collect();
    assert_eq!(rows.len(), 3, "{dom}");
    let states = |row: &str| -> Vec<String> {
        row.split("data-state=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect()
    };
    let steps = Step::COUNT;
    let ana = states(rows[0]);
    assert_eq!(
        ana.len(),
        steps + Task::ALL.len(),
        "a cell per step and per task: {ana:?}"
    );
    assert_eq!(ana[Step::Clone.number() - 1], "right");
    assert_eq!(ana[Step::KillParent.number() - 1], "wrong", "first answer");
    assert_eq!(ana[Step::Summary.number() - 1], "reached");
    assert!(ana[steps..].iter().all(|s| s == "passed"), "{ana:?}");
    let bo = states(rows[1]);
    assert_eq!(bo[steps..steps + 3], ["passed", "skipped", "skipped"]);
    assert!(bo[steps + 3..].iter().all(|s| s == "none"), "{bo:?}");
    assert_eq!(bo[Step::InitSignals.number() - 1], "none", "not reached");
    let cy = states(rows[2]);
    assert_eq!(cy[Step::Clone.number() - 1], "wrong");
    // The hostile name is text in the browser, not an element.
    assert!(!dom.contains("<img"), "{dom}");
    assert!(
        dom.contains("cy &lt;img src=x onerror=alert(1)&gt;\\x1b[2J"),
        "{dom}"
    );
    assert!(dom.contains("id=\"misconceptions\"") && dom.contains("one-and-tutor"));

    // Light and dark: the same page drawn both ways differs (the dark style applies).
    let shot = |scheme: &str| {
        let png = class.0.join(format!("{scheme}.png"));
        render(
            &browser,
            &profile,
            &url,
            &[
                &format!("--screenshot={}", png.display()),
                "--window-size=1200,500",
                &format!(
                    "--blink-settings=preferredColorScheme={}",
                    if scheme == "dark" { 0 } else { 1 }
                ),
            ],
        );
        std::fs::read(&png).unwrap()
    };
    let (light, dark) = (shot("light"), shot("dark"));
    assert!(light.starts_with(b"\x89PNG") && dark.starts_with(b"\x89PNG"));
    assert_ne!(light, dark, "the dark scheme draws differently");
}
