//! Issue 21, B1, B2, B7, B8, B9: files opened as their owners expect. Symlinks planted in
//! a directory another user controls are never followed (the decoy keeps its bytes);
//! FIFOs, devices and huge files are refused at once with a clear message and little
//! memory; two TUIs on one progress file both keep their answers. Everything happens in
//! directories of the test's own under the temp dir.

mod common;
mod tmux_support;

use common::*;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tmux_support::{BIN, LAST, Tmux, have_tmux};

const SECRET: &str = "ROOT-ONLY SECRET CONTENT\n";

/// A directory another user controls: owned by uid 65534 when we are root (the `sudo -E`
/// case), else open to everyone (mode 0777). Either way, not ours alone.
fn theirs(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    if is_root() {
        std::os::unix::fs::chown(dir, Some(65534), Some(65534)).unwrap();
    } else {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
}

/// A file only we may read, which the attack would overwrite.
fn decoy(dir: &Path) -> PathBuf {
    let decoy = dir.join("decoy");
    std::fs::write(&decoy, SECRET).unwrap();
    std::fs::set_permissions(&decoy, std::fs::Permissions::from_mode(0o600)).unwrap();
    decoy
}

/// The refusal the state or data directory gets.
/// Whether `text` refuses the directory; blanks do not count, since a terminal may wrap
/// the sentence anywhere.
fn says_refused(text: &str) -> bool {
    let text: String = text.split_whitespace().collect();
    text.contains("refusingtowritethere")
        && (text.contains("belongstouid65534") || text.contains("canbewrittenbyotherusers"))
}

#[test]
fn b1_links_planted_for_the_progress_temp_file_are_never_followed() {
    let scratch = Scratch::new("b1");
    let decoy = decoy(&scratch);
    let state = scratch.join("their-state");
    theirs(&state);
    let dir = state.join("pidns-tutor");
    theirs(&dir);
    // The old temp name for every likely PID, and the file itself.
    for pid in 2..3000 {
        std::os::unix::fs::symlink(&decoy, dir.join(format!(".progress.json.{pid}.tmp"))).unwrap();
    }
    std::os::unix::fs::symlink(&decoy, dir.join("progress.json")).unwrap();

    // Through the library, as the TUI and `walk --quiz` save.
    let store = pidns_tutor::progress::Store::at(dir.join("progress.json"));
    let now = pidns_tutor::progress::Timestamp::now();
    let (mut tracker, warning) = pidns_tutor::progress::Tracker::open(store, now);
    let warning = warning.expect("a warning");
    assert!(says_refused(&warning), "{warning}");
    tracker
        .progress
        .visit(pidns_tutor::lesson::Step::Clone, now);
    let _ = tracker.save();
    assert_eq!(std::fs::read_to_string(&decoy).unwrap(), SECRET);

    // The TUI itself, started and quit, as in the report.
    if have_tmux() {
        let line = format!(
            "env -u TMUX -u NO_PROGRESS LANG=C.UTF-8 XDG_STATE_HOME={} {BIN} --replay; echo TUI-ENDED; sleep 60",
            state.display()
        );
        let tui = Tmux::running("b1", 160, 40, &[&line]);
        tui.wait_text(&format!("1/{LAST}"));
        tui.keys(&["Right", "q"]);
        let screen = tui.wait_text("TUI-ENDED");
        assert!(says_refused(&screen.replace('\n', "")), "{screen}");
    }
    assert_eq!(std::fs::read_to_string(&decoy).unwrap(), SECRET);
    let link = std::fs::symlink_metadata(dir.join("progress.json")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the planted link was replaced"
    );
}

#[test]
fn b2_record_never_follows_a_planted_partial_link() {
    let scratch = Scratch::new("b2");
    let data = scratch.join("their-data");
    theirs(&data);
    let dir = data.join("pidns-tutor");
    theirs(&dir);
    let target = scratch.join("created-by-root");
    let date = pidns_tutor::progress::Timestamp::now().date();
    let partial = dir.join(format!("recording-{date}.jsonl.partial"));
    std::os::unix::fs::symlink(&target, &partial).unwrap();
    let out = output(
        Command::new(EXE)
            .arg("record")
            .env("XDG_DATA_HOME", &data)
            .env("LANG", "C.UTF-8"),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(says_refused(&stderr), "{stderr}");
    assert!(!target.exists(), "record created the planted link's target");

    // `--output` into a shared sticky folder (like /tmp), links planted at the old name:
    // the temporary file is made with O_EXCL|O_NOFOLLOW beside them, never through them.
    let shared = scratch.join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let output_path = shared.join("out.jsonl");
    std::os::unix::fs::symlink(&target, shared.join("out.jsonl.partial")).unwrap();
    let out = output(
        Command::new(EXE)
            .arg("record")
            .arg("--output")
            .arg(&output_path),
    );
    assert!(!target.exists(), "record created the planted link's target");
    if out.status.success() {
        let meta = std::fs::symlink_metadata(&output_path).unwrap();
        assert!(meta.is_file(), "the recording is a file of its own");
    }
}

/// How a run ended: its exit code, what it said, its peak memory and how long it took.
struct Ran {
    code: Option<i32>,
    said: String,
    max_rss_kib: i64,
    took: Duration,
}

/// Runs `command` (stdout and stderr captured) and measures it with wait4. Not a speed
/// assertion: the 20 s bound only turns a hang into a failure instead of a stuck test.
// The child is reaped by wait4 below, which std's Child does not know about.
#[allow(clippy::zombie_processes)]
fn run_measured(command: &mut Command) -> Ran {
    let started = Instant::now();
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data the kernel fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: waits for our own child, without blocking.
        let got = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if got == pid {
            break;
        }
        if started.elapsed() > Duration::from_secs(20) {
            // SAFETY: our own child, not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("{command:?} hung (still running after 20 s)");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let took = started.elapsed();
    let mut said = String::new();
    for mut pipe in [
        child.stdout.map(|p| Box::new(p) as Box<dyn std::io::Read>),
        child.stderr.map(|p| Box::new(p) as Box<dyn std::io::Read>),
    ]
    .into_iter()
    .flatten()
    {
        let _ = pipe.read_to_string(&mut said);
    }
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Ran {
        code,
        said,
        max_rss_kib: measured_rss(command).unwrap_or(usage.ru_maxrss),
        took,
    }
}

#[test]
fn b8_b9_fifos_devices_and_huge_files_are_refused_at_once() {
    let scratch = Scratch::new("b8");
    let fifo = scratch.join("x.json");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
    let huge = scratch.join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 << 20)
        .unwrap();
    let state = scratch.join("state");
    std::fs::create_dir_all(state.join("pidns-tutor")).unwrap();
    nix::unistd::mkfifo(
        &state.join("pidns-tutor/progress.json"),
        nix::sys::stat::Mode::from_bits_truncate(0o600),
    )
    .unwrap();
    let zero = || std::fs::File::open("/dev/zero").unwrap();
    let cases: Vec<(&str, Command, &str)> = vec![
        ("report FIFO", measured(&["report"], &fifo), "FIFO"),
        (
            "report /dev/zero",
            measured(&["report", "/dev/zero"], Path::new("")),
            "character device",
        ),
        (
            "report - </dev/zero",
            {
                let mut c = measured(&["report", "-"], Path::new(""));
                c.stdin(zero());
                c
            },
            "larger than 16 MiB",
        ),
        (
            "report 100 MB",
            measured(&["report"], &huge),
            "larger than 16 MiB",
        ),
        (
            "walk --replay FIFO",
            measured(&["walk", "--replay"], &fifo),
            "FIFO",
        ),
        (
            "walk --replay /dev/zero",
            measured(&["walk", "--replay", "/dev/zero"], Path::new("")),
            "character device",
        ),
        (
            "progress FIFO",
            {
                let mut c = measured(&["progress"], Path::new(""));
                c.env("XDG_STATE_HOME", &state);
                c
            },
            "FIFO",
        ),
    ];
    for (what, mut command, why) in cases {
        let ran = run_measured(command.env("LANG", "C.UTF-8"));
        eprintln!(
            "{what}: exit {:?} in {:?}, peak RSS {} KiB",
            ran.code, ran.took, ran.max_rss_kib
        );
        assert_eq!(ran.code, Some(1), "{what}: {}", ran.said);
        assert!(ran.said.contains(why), "{what}: {}", ran.said);
        assert!(
            ran.max_rss_kib < 50 * 1024,
            "{what}: {} KiB",
            ran.max_rss_kib
        );
    }

    // The TUI with that FIFO as its progress file draws the lesson and quits on `q`.
    if have_tmux() {
        let line = format!(
            "env -u TMUX -u NO_PROGRESS LANG=C.UTF-8 XDG_STATE_HOME={} {BIN} --replay; echo TUI-ENDED; sleep 60",
            state.display()
        );
        let tui = Tmux::running("b8", 160, 40, &[&line]);
        tui.wait_text(&format!("1/{LAST}"));
        tui.keys(&["q"]);
        let screen = tui.wait_text("TUI-ENDED");
        assert!(screen.contains("FIFO"), "{screen}");
    }
}

/// The binary with `args`, then `file` when it is not empty.
/// Where `measured` tells GNU time to write the peak RSS (the command's environment carries
/// it to `run_measured`).
const RSS_FILE: &str = "PIDNS_TEST_RSS_FILE";

/// `tutor`, run under GNU time, which reports the tutor's own peak RSS. wait4's ru_maxrss
/// cannot: the kernel counts the peak of the memory a child had before its exec too, and a
/// child spawned from this test starts as a copy of the test (tens of MiB of it).
fn measured(args: &[&str], file: &Path) -> Command {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let rss = std::env::temp_dir().join(format!("pidns-tutor-rss-{}-{n}", std::process::id()));
    let mut command = Command::new("/usr/bin/time");
    command
        .args(["-f", "%M", "-o"])
        .arg(&rss)
        .arg(EXE)
        .args(args);
    command.env_remove("NO_PROGRESS").env(RSS_FILE, &rss);
    if !file.as_os_str().is_empty() {
        command.arg(file);
    }
    command
}

/// The peak RSS that GNU time wrote for a `measured` command (the last line: a failing
/// command's file starts with "Command exited with non-zero status").
fn measured_rss(command: &Command) -> Option<i64> {
    let (_, path) = command.get_envs().find(|(k, _)| *k == RSS_FILE)?;
    let path = std::path::PathBuf::from(path?);
    let text = std::fs::read_to_string(&path).ok()?;
    let _ = std::fs::remove_file(&path);
    text.lines().last()?.trim().parse().ok()
}

/// Two TUIs on one progress file (two terminals of one learner), each answering a
/// prediction and quitting in the order that lost one before (last writer won).
#[test]
fn b7_two_tuis_on_one_progress_file_keep_both_answers() {
    if !have_tmux() {
        return;
    }
    let scratch = Scratch::new("b7");
    let start = |name: &str, step: &str| {
        let line = format!(
            "env -u TMUX -u NO_PROGRESS LANG=C.UTF-8 XDG_STATE_HOME={} {BIN} --replay --step {step}; echo TUI-ENDED; sleep 60",
            scratch.display()
        );
        Tmux::running(name, 160, 40, &[&line])
    };
    let answer = |tui: &Tmux, n: usize| {
        tui.wait_text(&format!("{n}/{LAST}"));
        tui.keys(&["Enter"]);
        tui.wait_text("predict first");
        tui.keys(&["1"]);
        tui.wait_text("You said");
    };
    // Both started first, so neither read the other's answer at its start.
    let a = start("b7-a", "clone");
    let b = start("b7-b", "kill-parent");
    a.wait_text(&format!("4/{LAST}"));
    b.wait_text(&format!("6/{LAST}"));
    answer(&a, 4);
    answer(&b, 6);
    a.keys(&["q"]);
    a.wait_text("TUI-ENDED");
    b.keys(&["q"]);
    b.wait_text("TUI-ENDED");
    let text = std::fs::read_to_string(scratch.join("pidns-tutor/progress.json")).unwrap();
    let saved: serde_json::Value = serde_json::from_str(&text).unwrap();
    for step in ["clone", "kill-parent"] {
        assert!(
            saved["steps"][step]["prediction"]["choice"].is_string(),
            "{step}'s answer was lost: {text}"
        );
    }
}
