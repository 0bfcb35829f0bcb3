//! Shared by the integration tests: whether a live namespace can be made here, and the
//! checks every live test ends with (nothing left behind, the host's mounts untouched).
#![allow(dead_code)]

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Output};

#[path = "skip.rs"]
mod skip_here;
pub use skip_here::{skip, skip_needs_root};

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
    let _ = test; // the harness names the thread after the test
    // The first clause of each refusal; `pidns-tutor check` gives the whole remedy.
    let short = |r: &Result<(), String>| {
        r.as_ref()
            .err()
            .and_then(|e| e.split(": ").next())
            .unwrap_or("")
            .to_string()
    };
    skip(&format!(
        "no live namespace here (root: {}; userns: {}); `pidns-tutor check` says how to allow one",
        short(&availability.root),
        short(&availability.userns)
    ));
    false
}

/// Set in the copy of a test binary that `rerun_in_sandbox` runs.
const IN_SANDBOX: &str = "PIDNS_TUTOR_TEST_IN_SANDBOX";

/// Whether this is the copy of the test binary that `rerun_in_sandbox` started.
pub fn in_sandbox() -> bool {
    std::env::var_os(IN_SANDBOX).is_some()
}

/// Re-runs `test` from this test binary as PID 1 of a throwaway sandbox: its own PID, UTS
/// and mount namespaces and a fresh /proc (`unshare -pfu --mount-proc`, inside a user
/// namespace when not root), so what it does to a namespace cannot reach the machine's,
/// and it sees only a handful of processes. Asserts that the test ran there and passed;
/// false (after `skip`) when no sandbox can be made here.
pub fn rerun_in_sandbox(test: &str) -> bool {
    if which("unshare").is_none() {
        skip("unshare(1) is not installed (scripts/test-deps.sh)");
        return false;
    }
    let mut command = Command::new("unshare");
    if !is_root() {
        let userns = pidns_tutor::check::probe(pidns_tutor::lab::Mode::Userns, exe());
        if let Err(why) = userns {
            skip(&format!("the sandbox needs root or user namespaces: {why}"));
            return false;
        }
        command.args(["--user", "--map-root-user"]);
    }
    let me = std::env::current_exe().expect("current_exe");
    command
        .args(["--pid", "--fork", "--uts", "--mount-proc", "--"])
        .arg(me)
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(IN_SANDBOX, "1");
    let out = output(&mut command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "in the sandbox:\n{stdout}\n{stderr}");
    // The filter must have picked exactly this test, and it must have run.
    assert!(stdout.contains("1 passed"), "{stdout}");
    true
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

/// `program` where uid 65534 can reach it (the build directory may sit under a folder
/// only root may enter): a hard link in a fresh directory under the temp dir (no space
/// used), or a copy where the temp dir is on another file system. The directory is
/// removed when this is dropped, a failed test included, so a run leaves nothing in /tmp.
pub struct Reachable {
    dir: std::path::PathBuf,
    path: std::path::PathBuf,
}

impl std::ops::Deref for Reachable {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}

impl Drop for Reachable {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn reachable_copy(program: &str) -> Reachable {
    use std::os::unix::fs::PermissionsExt;
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "pidns-tutor-nobody-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {dir:?}: {e}"));
    let reachable = Reachable {
        path: dir.join(Path::new(program).file_name().unwrap_or_default()),
        dir,
    };
    let _ = std::fs::set_permissions(&reachable.dir, std::fs::Permissions::from_mode(0o755));
    if std::fs::hard_link(program, &reachable.path).is_err() {
        std::fs::copy(program, &reachable.path).unwrap_or_else(|e| panic!("copy {program}: {e}"));
        let _ = std::fs::set_permissions(&reachable.path, std::fs::Permissions::from_mode(0o755));
    }
    reachable
}

/// A fresh directory under the temp dir, removed with everything in it on drop.
pub struct Scratch(pub std::path::PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "pidns-tutor-{tag}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {dir:?}: {e}"));
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
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

/// `pidns-tutor walk ARGS` run as uid 65534 (so in a user namespace): its output, or
/// `None` after `skip` where that cannot be done here: not root, no setpriv, or user
/// namespaces refused to that user. `userns_test` is the test that covers userns then.
pub fn walk_as_nobody(args: &[&str], userns_test: &str) -> Option<Output> {
    if !is_root() {
        skip_needs_root(&format!(
            "becoming uid 65534 needs root (as a user, {userns_test} covers userns)"
        ));
        return None;
    }
    let Some(mut command) = as_nobody(EXE) else {
        skip("setpriv(1) is not installed (scripts/test-deps.sh)");
        return None;
    };
    let out = output(command.arg("walk").args(args));
    if !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("refuses") {
        // Where unprivileged user namespaces are off, this path cannot run live.
        skip(&format!(
            "user namespaces are refused to uid 65534 here: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
        return None;
    }
    Some(out)
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

/// The kernel reuses a gone PID namespace's inode number at once, so a test that asks
/// "is anything left in namespace N" after its lab ended could see a newer lab of another
/// test in the same binary under that number. Such tests take this first: one at a time.
pub fn one_lab_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static ONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    ONE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
