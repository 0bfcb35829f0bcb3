//! Shared by the integration tests: whether a live namespace can be made here, and the
//! checks every live test ends with (nothing left behind, the host's mounts untouched).
#![allow(dead_code)]

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Output};

pub const EXE: &str = env!("CARGO_BIN_EXE_pidns-tutor");

pub fn exe() -> &'static Path {
    Path::new(EXE)
}

/// Whether a live lab can be made here. When it cannot, prints why and returns false,
/// unless PIDNS_TUTOR_REQUIRE_LIVE=1 asks for a failure instead (CI sets it).
pub fn live_or_skip(test: &str) -> bool {
    let availability = pidns_tutor::check::Availability::probe(exe());
    if availability.chosen().is_some() {
        return true;
    }
    skip(
        test,
        &format!(
            "no live namespace here (root: {:?}; userns: {:?})",
            availability.root, availability.userns
        ),
    );
    false
}

/// Says on stderr why `test` did nothing, or fails it when PIDNS_TUTOR_REQUIRE_LIVE=1
/// (where a skip would hide a broken lab). Written to stderr directly, not with
/// `eprintln!`, which the test harness captures and shows only for failed tests: plain
/// `cargo test` must show a new user why a test passed without running.
pub fn skip(test: &str, reason: &str) {
    use std::io::Write;
    if std::env::var("PIDNS_TUTOR_REQUIRE_LIVE").as_deref() == Ok("1") {
        panic!("{test}: cannot run ({reason}), and PIDNS_TUTOR_REQUIRE_LIVE=1");
    }
    let line = format!("SKIPPED {test}: {reason}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

pub fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// A command that runs as uid/gid 65534 (nobody) when we are root, so the unprivileged
/// path is tested for real; `None` when that is not possible here.
pub fn as_nobody(program: &str) -> Option<Command> {
    if !is_root() || which("setpriv").is_none() {
        return None;
    }
    let mut command = Command::new("setpriv");
    command.args([
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--",
        program,
    ]);
    command.current_dir("/");
    Some(command)
}

/// A copy of `program` that uid 65534 can reach: the build directory may sit under a
/// folder only root may enter.
pub fn reachable_copy(program: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("pidns-tutor-nobody-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755));
    let name = Path::new(program).file_name().unwrap_or_default();
    let copy = dir.join(name);
    if !copy.exists() {
        // Copy under a temporary name and rename, so parallel tests never run a half copy.
        let partial = dir.join(format!(
            "{}.{:?}",
            name.to_string_lossy(),
            std::thread::current().id()
        ));
        std::fs::copy(program, &partial).unwrap_or_else(|e| panic!("copy {program}: {e}"));
        let _ = std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o755));
        std::fs::rename(&partial, &copy).unwrap_or_else(|e| panic!("rename {partial:?}: {e}"));
    }
    copy
}

pub fn which(program: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

pub fn mountinfo() -> String {
    std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default()
}

/// Host PIDs of the processes in the PID namespace `inode`.
pub fn members_of(inode: u64) -> Vec<i32> {
    std::fs::read_dir("/proc")
        .map(|dir| {
            dir.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
                .filter(|pid| {
                    std::fs::metadata(format!("/proc/{pid}/ns/pid")).is_ok_and(|m| m.ino() == inode)
                })
                // A zombie has ended; reaping it is its parent's (or the host init's) job.
                .filter(|pid| !is_zombie(*pid))
                .collect()
        })
        .unwrap_or_default()
}

pub fn is_zombie(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            stat.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

/// Every PID namespace inode that has a process on this machine right now.
pub fn pid_namespaces() -> std::collections::BTreeSet<u64> {
    std::fs::read_dir("/proc")
        .map(|dir| {
            dir.flatten()
                .filter(|e| {
                    e.file_name()
                        .to_str()
                        .is_some_and(|n| n.parse::<u32>().is_ok())
                })
                .filter_map(|e| {
                    std::fs::metadata(e.path().join("ns/pid"))
                        .ok()
                        .map(|m| m.ino())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Runs a command and returns its output, failing the test with context if it cannot run.
pub fn output(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("run {command:?}: {e}"))
}

/// Parses `walk --json` output: the header and each step's facts by step id.
pub fn parse_walk(stdout: &[u8]) -> (serde_json::Value, Vec<serde_json::Value>) {
    let text = String::from_utf8_lossy(stdout);
    let mut lines = text.lines().map(|l| {
        serde_json::from_str::<serde_json::Value>(l)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))
    });
    let header = lines.next().expect("walk printed nothing");
    (header, lines.collect())
}

pub fn facts<'a>(steps: &'a [serde_json::Value], id: &str) -> &'a serde_json::Value {
    let step = steps
        .iter()
        .find(|s| s["step"] == id)
        .unwrap_or_else(|| panic!("no step {id}"));
    assert!(
        step.get("error").is_none(),
        "step {id} failed: {}",
        step["error"]
    );
    &step["facts"]
}
