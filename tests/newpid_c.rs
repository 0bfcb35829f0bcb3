//! Compiles `assets/newpid.c` and runs it against the real kernel: the child must be
//! PID 1 with parent PID 0, and the parent must see the child under a host PID.
//!
//! Needs gcc and either root or unprivileged user namespaces (then it runs through
//! `unshare --user --map-root-user`). Without them it skips with a reason, unless
//! `PIDNS_TUTOR_REQUIRE_LIVE=1`, where a skip would hide a broken lab, so it fails.

mod common;

use common::skip;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    /// `tag` keeps tests running in parallel out of each other's way.
    fn new(tag: &str) -> TempDir {
        let name = format!("newpid-c-{}-{tag}", std::process::id());
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Builds the program; None (after skip) when gcc is missing.
fn compile(dir: &Path) -> Option<PathBuf> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/newpid.c");
    let binary = dir.join("newpid");
    let output = match Command::new("gcc")
        .args(["-Wall", "-Wextra", "-Werror", "-o"])
        .arg(&binary)
        .arg(&source)
        .output()
    {
        Ok(output) => output,
        Err(err) => {
            skip(&format!("gcc not available: {err}"));
            return None;
        }
    };
    assert!(
        output.status.success(),
        "gcc -Wall -Wextra -Werror failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(binary)
}

/// How to start the program here: directly as root, else inside a user namespace.
fn launcher(binary: &Path) -> Option<Vec<String>> {
    let direct = vec![binary.display().to_string()];
    if nix::unistd::geteuid().is_root() {
        return Some(direct);
    }
    let mut via_userns: Vec<String> = ["unshare", "--user", "--map-root-user"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    via_userns.extend(direct);
    // Probe: a distribution may switch unprivileged user namespaces off.
    let probe = Command::new(&via_userns[0])
        .args(&via_userns[1..])
        .arg("true")
        .output();
    match probe {
        Ok(out) if out.status.success() => Some(via_userns),
        Ok(out) => {
            skip(&format!(
                "not root and no user namespace: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
            None
        }
        Err(err) => {
            skip(&format!("not root and unshare(1) not runnable: {err}"));
            None
        }
    }
}

/// Runs the program with `args` and `stdin`; returns exit code and stdout+stderr.
/// Kills it if it hangs, so a broken program cannot stall the suite.
fn run(launch: &[String], args: &[&str], stdin: &str) -> (i32, String) {
    let mut child = Command::new(&launch[0])
        .args(&launch[1..])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start newpid");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("write stdin");
    } // Dropping stdin closes it: a shell inside sees EOF and exits.
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("newpid {args:?} did not finish in time");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("collect output");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// The number after `prefix` on the line that starts with it.
fn number_after(text: &str, prefix: &str) -> Option<i64> {
    let line = text.lines().find(|line| line.starts_with(prefix))?;
    let digits: String = line[prefix.len()..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

/// Checks the lines every run prints, and that the child is gone afterwards.
fn check_common(text: &str) {
    assert!(
        text.contains("child:  pid 1, ppid 0 (new namespace)"),
        "the child must be PID 1 with parent 0:\n{text}"
    );
    let parent = number_after(text, "parent: pid").expect("parent line");
    let child_host = number_after(text, "parent: child is pid").expect("child host PID line");
    assert!(
        child_host > 1,
        "clone() returns the child's host PID:\n{text}"
    );
    assert_ne!(child_host, parent, "{text}");
    assert!(
        text.contains(&format!("kill({parent}, 0): No such process")),
        "the parent must be invisible from inside:\n{text}"
    );
    // The parent reaped the child, and the namespace died with it.
    assert!(
        !Path::new(&format!("/proc/{child_host}")).exists(),
        "child {child_host} left behind"
    );
}

#[test]
fn newpid_c_puts_its_child_at_pid_1() {
    let dir = TempDir::new("pid1");
    let Some(binary) = compile(&dir.0) else {
        return;
    };
    let Some(launch) = launcher(&binary) else {
        return;
    };

    // A command from argv: the child execs it instead of a shell.
    let (code, text) = run(
        &launch,
        &["sh", "-c", "echo inside:$$; hostname; exit 3"],
        "",
    );
    check_common(&text);
    assert!(text.contains("inside:1\n"), "$$ inside is 1:\n{text}");
    assert!(text.contains("\nnamespace\n"), "the new hostname:\n{text}");
    assert_eq!(code, 3, "the child's exit status is passed on:\n{text}");
    // Output flushed before clone() must appear once, not once per process.
    assert_eq!(text.matches("parent: pid").count(), 1, "{text}");

    // Default: bash (the post's shell) where there is one, else /bin/sh; either reads
    // its commands from stdin.
    let (code, text) = run(
        &launch,
        &[],
        "echo stdin:$$\necho \"shell:${BASH_VERSION:+bash}\"\nexit 5\n",
    );
    check_common(&text);
    assert!(text.contains("stdin:1\n"), "{text}");
    let shell = if Path::new("/bin/bash").exists() {
        "shell:bash\n"
    } else {
        "shell:\n"
    };
    assert!(text.contains(shell), "the default shell:\n{text}");
    assert_eq!(code, 5, "{text}");
}

#[test]
fn newpid_c_reports_a_missing_command() {
    let dir = TempDir::new("missing");
    let Some(binary) = compile(&dir.0) else {
        return;
    };
    let Some(launch) = launcher(&binary) else {
        return;
    };
    let (code, text) = run(&launch, &["/nonexistent/command"], "");
    assert_eq!(code, 127, "exec failure exits 127:\n{text}");
    assert!(text.contains("No such file or directory"), "{text}");
}

#[test]
fn newpid_c_lines_fit_the_code_pane() {
    for (index, line) in pidns_tutor::lesson::NEWPID_C.lines().enumerate() {
        assert!(line.chars().count() <= 72, "line {} too long", index + 1);
    }
}
