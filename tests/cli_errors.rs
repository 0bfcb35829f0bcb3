//! Bad input gets a clear message and the right exit code, never a panic.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = output(Command::new(EXE).args(args));
    let code = out.status.code().unwrap_or(-1);
    (
        code,
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn assert_no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked"),
        "a panic reached the user: {stderr}"
    );
    assert!(
        !stderr.contains("RUST_BACKTRACE"),
        "a stack trace hint reached the user: {stderr}"
    );
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let (code, _, stderr) = run(&["--frobnicate"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("Usage"), "{stderr}");
    assert_no_panic(&stderr);
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let (code, _, stderr) = run(&["dance"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("Usage"), "{stderr}");
}

#[test]
fn unknown_values_list_the_valid_ones() {
    let (code, _, stderr) = run(&["--step", "nope"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("proc-leak") && stderr.contains("remount-proc"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["walk", "--lang", "fr"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("en") && stderr.contains("ko"), "{stderr}");
    let (code, _, stderr) = run(&["--theme", "neon"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("contrast"), "{stderr}");
    let (code, _, stderr) = run(&["walk", "--mode", "magic"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("userns"), "{stderr}");
}

#[test]
fn root_mode_without_root_says_what_to_do() {
    let Some(mut command) = as_nobody(EXE) else {
        if is_root() {
            panic!("setpriv is needed to test this as root");
        }
        let (code, _, stderr) = run(&["walk", "--mode", "root"]);
        assert_eq!(code, 1);
        assert!(stderr.contains("sudo"), "{stderr}");
        return;
    };
    let out = output(command.args(["walk", "--mode", "root"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("sudo"),
        "the message should say how to get root: {stderr}"
    );
    assert_no_panic(&stderr);
}

#[test]
fn help_names_every_subcommand() {
    let (code, stdout, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for word in ["walk", "check", "record", "--lang", "--step", "--replay"] {
        assert!(stdout.contains(word), "--help lacks {word}");
    }
}

#[test]
fn a_setuid_copy_refuses_to_run() {
    use std::os::unix::fs::PermissionsExt;
    if !is_root() {
        skip_needs_root("a set-user-ID copy run as another user");
        return;
    }
    if which("setpriv").is_none() {
        skip("setpriv(1) is not installed (scripts/test-deps.sh)");
        return;
    }
    let copy = reachable_copy(EXE);
    let setuid = copy.with_file_name("pidns-tutor-setuid");
    // `cp` writes the copy in a process of its own: had this process held the file open
    // for writing, a child forked meanwhile by another test thread would inherit that fd
    // and the exec below would fail with ETXTBSY ("Text file busy").
    let copied = Command::new("cp")
        .arg(&*copy)
        .arg(&setuid)
        .status()
        .expect("cp");
    assert!(copied.success(), "cp failed");
    std::fs::set_permissions(&setuid, std::fs::Permissions::from_mode(0o4755)).expect("chmod u+s");
    let out = output(
        as_nobody(setuid.to_str().expect("path"))
            .expect("setpriv")
            .arg("check"),
    );
    let _ = std::fs::remove_file(&setuid);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("set-user-ID"), "{stderr}");
}

/// B11 (issue 21): a copy with file capabilities (`setcap cap_sys_admin+ep`) keeps the
/// caller's ids, so the uid/euid test let it run with wrong facts; the kernel's AT_SECURE
/// says it runs elevated, and it is refused like a set-user-ID copy.
#[test]
fn a_file_capability_copy_refuses_to_run() {
    if !is_root() {
        skip_needs_root("giving a copy file capabilities needs root");
        return;
    }
    if which("setpriv").is_none() || which("setcap").is_none() {
        skip("setpriv(1) or setcap(8) is not installed (scripts/test-deps.sh)");
        return;
    }
    let copy = reachable_copy(EXE);
    let capable = copy.with_file_name("pidns-tutor-setcap");
    let copied = Command::new("cp").arg(&*copy).arg(&capable).status();
    assert!(copied.expect("cp").success(), "cp failed");
    let set = Command::new("setcap")
        .arg("cap_sys_admin+ep")
        .arg(&capable)
        .output()
        .expect("setcap");
    if !set.status.success() {
        let _ = std::fs::remove_file(&capable);
        skip(&format!(
            "the temp dir's file system keeps no file capabilities: {}",
            String::from_utf8_lossy(&set.stderr).trim()
        ));
        return;
    }
    for args in [&["check"][..], &["walk", "--mode", "root", "--json"]] {
        let out = output(
            as_nobody(capable.to_str().expect("path"))
                .expect("setpriv")
                .args(args),
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("file capabilities"), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed facts");
    }
    let _ = std::fs::remove_file(&capable);
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    use std::process::Stdio;
    for args in [
        &["walk", "--replay"][..],
        &["tree", "--ascii"],
        &["completions", "bash"],
        &["man"],
    ] {
        // A pipe whose reader is already gone, like `| head -1` after its line: the
        // first write fails with EPIPE.
        let (read, write) = nix::unistd::pipe().expect("pipe");
        drop(read);
        let out = Command::new(EXE)
            .args(args)
            .stdout(Stdio::from(write))
            .stderr(Stdio::piped())
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

/// A step that fails is printed in its place and said again on stderr, where a script or a
/// reader who sent stdout elsewhere sees it, and the exit code says so. Made to fail on
/// purpose (debug builds): a recording that lacks a step, which used to do it, is now
/// refused when it is loaded, naming the file and line.
#[test]
fn walk_says_which_step_failed_on_stderr() {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/recording.jsonl");
    let text = std::fs::read_to_string(&bundled).expect("the bundled recording");
    let dir = Scratch::new("walk-fail");
    let partial = dir.0.join("partial.jsonl");
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains(r#""step":"orphan-reaping""#))
        .collect();
    assert!(
        kept.len() < text.lines().count(),
        "the step to drop is there"
    );
    std::fs::write(&partial, kept.join("\n") + "\n").expect("write");
    let path = partial.to_str().expect("path");
    let out = output(Command::new(EXE).args(["walk", "--brief", "--replay", path]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_no_panic(&stderr);
    assert!(
        stderr.contains(&format!(
            "{path}:10: step `init-signals` is out of order: step `orphan-reaping` comes here"
        )),
        "{stderr}"
    );

    let bundled = bundled.to_str().expect("path");
    for format in [&["--brief"][..], &["--json"][..]] {
        let out = output(
            Command::new(EXE)
                .args(["walk", "--replay", bundled])
                .args(format)
                .env("PIDNS_TUTOR_TEST_FAIL", "orphan-reaping"),
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format:?}: {stderr}");
        assert_no_panic(&stderr);
        assert!(
            stderr.contains("step orphan-reaping failed: failed on purpose"),
            "{format:?}: {stderr}"
        );
        // The other steps still ran.
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("init-signals"), "{stdout}");
    }
}
