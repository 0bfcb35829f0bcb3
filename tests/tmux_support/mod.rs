//! Shared by the tests that drive the built binary in a real terminal: a tmux server of
//! our own, keys in and the screen out, the tutor started and walked to a step, and the
//! checks that nothing is left in the namespaces it made.
//! The test binaries that use it declare `mod common;` too (for `skip`).
#![allow(dead_code)]

use crate::common::skip;
use std::collections::BTreeSet;
use std::os::unix::fs::MetadataExt;
use std::process::Command;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_pidns-tutor");
/// The number of the last step (the summary).
pub const LAST: usize = pidns_tutor::lesson::Step::COUNT;

/// The tests here run one at a time: the kernel reuses the inode numbers of PID
/// namespaces that are gone, so a lab made by one test could carry the number of a lab
/// another test already tore down, and "nothing is left in that namespace" would see the
/// other test's processes.
pub static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub fn serial() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
/// How long to wait for text before failing with the screen: not a timing assertion,
/// only a bound so that a broken TUI fails instead of hanging. Generous, because the
/// machine running the tests may be busy with much else (a crowd of 10,000 processes).
pub const WAIT: Duration = Duration::from_secs(20);

/// Whether tmux is here (all that the tests replaying a recording need); says why not.
pub fn have_tmux() -> bool {
    if Command::new("tmux").arg("-V").output().is_ok() {
        return true;
    }
    skip("tmux is not installed (scripts/test-deps.sh)");
    false
}

/// Whether tmux is here and a live namespace can be made; says why not.
pub fn can_run() -> bool {
    if !have_tmux() {
        return false;
    }
    let check = Command::new(BIN).arg("check").output();
    if !check.is_ok_and(|o| o.status.success()) {
        skip("this machine allows neither root nor user namespaces");
        return false;
    }
    true
}

/// A tmux server of our own (a unique socket), killed on drop, its socket file removed.
pub struct Tmux {
    pub socket: String,
    pub path: String,
}

impl Tmux {
    /// A 160x48 (or `w`x`h`) session running a plain shell.
    pub fn new(name: &str, w: u16, h: u16) -> Tmux {
        Tmux::start(name, w, h, false)
    }

    /// A session whose server lives in a mount sandbox with shared mounts (as systemd
    /// sets a host up), so a mount the tutor failed to keep private would show there.
    pub fn on_a_shared_host(name: &str, w: u16, h: u16) -> Tmux {
        Tmux::start(name, w, h, true)
    }

    pub fn start(name: &str, w: u16, h: u16, shared_sandbox: bool) -> Tmux {
        let shell = [
            "env",
            "-u",
            "TMUX",
            "PS1=$ ",
            // The learner's saved step would move where each test starts.
            "NO_PROGRESS=1",
            "bash",
            "--norc",
            "--noprofile",
        ];
        Tmux::launch(name, w, h, shared_sandbox, &shell)
    }

    /// A `w`x`h` session that runs `command` (a program and its arguments, or one line
    /// for the shell) instead of a plain shell.
    pub fn running(name: &str, w: u16, h: u16, command: &[&str]) -> Tmux {
        Tmux::launch(name, w, h, false, command)
    }

    fn launch(name: &str, w: u16, h: u16, shared_sandbox: bool, command: &[&str]) -> Tmux {
        let socket = format!("pidns-tutor-test-{name}-{}", std::process::id());
        let mut tmux = Tmux {
            socket,
            path: String::new(),
        };
        let mut tmux_command = if shared_sandbox {
            let mut sandbox = Command::new("unshare");
            sandbox.args([
                "--mount",
                "sh",
                "-c",
                "mount --make-rshared / && exec \"$@\"",
                "sh",
            ]);
            sandbox.arg("tmux").args(["-L", &tmux.socket]);
            sandbox
        } else {
            tmux.cmd()
        };
        // tmux runs a one-line command with $SHELL, else the login shell: unset, for
        // uid 65534 that is nologin, and the pane would die before drawing anything.
        // The session starts in /: the lab shell's prompt shows the directory, and a
        // checkout at a long path would wrap the lines the tests look for.
        let status = tmux_command
            .env("SHELL", "/bin/sh")
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "t", "-c", "/"])
            .args(["-x", &w.to_string(), "-y", &h.to_string()])
            .args(command)
            .status()
            .expect("start tmux");
        assert!(status.success(), "tmux new-session failed");
        tmux.path = tmux.display("#{socket_path}");
        tmux
    }

    pub fn cmd(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket]);
        command
    }

    pub fn keys(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "t"])
            .args(keys)
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
    }

    pub fn type_line(&self, text: &str) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "t", "-l", text])
            .status()
            .expect("tmux send-keys -l");
        assert!(status.success());
        self.keys(&["Enter"]);
    }

    pub fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn display(&self, format: &str) -> String {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "t", format])
            .output()
            .expect("tmux display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Polls the screen until `ok` holds (up to `WAIT`); the screen it held on.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    pub fn server_pid(&self) -> i32 {
        self.display("#{pid}").parse().expect("tmux server pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
        if !self.path.is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

pub fn pid_ns(pid: i32) -> Option<u64> {
    std::fs::metadata(format!("/proc/{pid}/ns/pid"))
        .ok()
        .map(|m| m.ino())
}

pub fn all_pids() -> Vec<i32> {
    std::fs::read_dir("/proc")
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

pub fn ppid(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 1..]
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Whether `pid` runs (a zombie waiting for its parent to reap it does not).
pub fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rfind(')')
            .and_then(|close| stat[close + 1..].split_whitespace().next())
            .is_some_and(|state| state != "Z")
    })
}

/// Every PID namespace `namespaces_under` has found, held open until this test binary
/// ends. The kernel gives a freed namespace's inode number to the next namespace made, so
/// without this a check that nothing is left in a namespace could see a lab made since,
/// by another test or another thread.
static HELD: std::sync::Mutex<std::collections::BTreeMap<u64, std::fs::File>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

/// Holds the PID namespace `ns` of `pid` open (see HELD), if it is still that.
fn hold(pid: i32, ns: u64) {
    let mut held = HELD.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if held.contains_key(&ns) {
        return;
    }
    if let Ok(file) = std::fs::File::open(format!("/proc/{pid}/ns/pid"))
        && file.metadata().is_ok_and(|m| m.ino() == ns)
    {
        held.insert(ns, file);
    }
}

/// The PID namespaces of every process under `root`, other than the host's; each is held
/// open (see HELD), so its number stays its own.
pub fn namespaces_under(root: i32) -> BTreeSet<u64> {
    let host = pid_ns(std::process::id() as i32);
    let mut found = BTreeSet::new();
    for pid in all_pids() {
        let mut at = Some(pid);
        let mut hops = 0;
        while let Some(p) = at {
            if p == root {
                if let Some(ns) = pid_ns(pid).filter(|&ns| Some(ns) != host) {
                    hold(pid, ns);
                    found.insert(ns);
                }
                break;
            }
            hops += 1;
            at = ppid(p).filter(|&q| q > 0 && hops < 64);
        }
    }
    found
}

/// Processes still alive in any of `namespaces`. A zombie has ended: when the tutor
/// itself was killed, its agent's remains wait for the host's init to reap them.
pub fn left_in(namespaces: &BTreeSet<u64>) -> Vec<i32> {
    all_pids()
        .into_iter()
        .filter(|&pid| pid_ns(pid).is_some_and(|ns| namespaces.contains(&ns)) && alive(pid))
        .collect()
}

pub fn assert_nothing_left(namespaces: &BTreeSet<u64>) {
    let deadline = Instant::now() + WAIT;
    loop {
        let left = left_in(namespaces);
        if left.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "processes left in the lab's namespaces {namespaces:?}: {left:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The terminal is back in normal mode: canonical input and echo, no alternate screen.
pub fn assert_terminal_normal(tmux: &Tmux) {
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "still in the alternate screen"
    );
    tmux.keys(&["C-l"]);
    // The quotes keep the typed command from matching what its output is awaited by.
    tmux.type_line(
        "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo ST''TY",
    );
    let screen = tmux.wait_text("STTY\n");
    assert!(
        screen.contains("icanon echo STTY"),
        "terminal not restored:\n{screen}"
    );
}

/// The text of a screen's column range, line by line (box drawing is one column wide).
pub fn column(screen: &str, from: usize, to: usize) -> String {
    screen
        .lines()
        .map(|l| l.chars().skip(from).take(to - from).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where the two tree panes start, from their titles in the top line.
pub fn pane_columns(screen: &str) -> (usize, usize) {
    let top: Vec<char> = screen.lines().next().unwrap_or("").chars().collect();
    let find = |needle: &str| {
        let n: Vec<char> = needle.chars().collect();
        top.windows(n.len()).position(|w| w == n.as_slice())
    };
    let host = find("host: the tutor's /proc").expect("host pane title") - 2;
    let ns = find("inside: ")
        .or_else(|| find("the post's figure"))
        .expect("inside pane title")
        - 2;
    (host, ns)
}

pub fn start_tutor(tmux: &Tmux, env: &str) {
    tmux.type_line(&format!("{env} {BIN} --lang en; echo EXITED $?"));
    tmux.wait_text(&format!("1/{LAST}"));
}

/// Shows step `n` (1-based) and waits until its lab is ready.
pub fn step(tmux: &Tmux, n: usize) -> String {
    tmux.wait_for(&format!("step {n}/{LAST} ready"), |s| {
        s.contains(&format!("{n}/{LAST}")) && s.contains("Press Enter to run it")
    })
}

/// Opens the shell pane with `s`, through the root warning when there is one, and waits
/// for the shell's prompt in it (`root@namespace:`, from the hostname inside).
pub fn open_shell(tmux: &Tmux) {
    tmux.keys(&["s"]);
    let screen = tmux.wait_for("the shell pane or its confirmation", |s| {
        s.contains("Enter/y: open it") || s.contains("shell in the lab's namespace")
    });
    if screen.contains("Enter/y: open it") {
        assert!(screen.contains("ROOT ON THE HOST"), "{screen}");
        tmux.keys(&["Enter"]);
    }
    tmux.wait_for("the shell's prompt", |s| s.contains("@namespace:"));
}

/// The number right after `prefix` on the screen (`pid=` in `pid=5`), where one follows:
/// the line typed to print it has `$` there instead.
pub fn number_after(screen: &str, prefix: &str) -> Option<i64> {
    screen.match_indices(prefix).find_map(|(at, _)| {
        let digits: String = screen[at + prefix.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    })
}

/// Runs the step shown (Enter; where that would end the lab before the task is done, yes;
/// where it asks a prediction first, an answer: 1) and waits for what it observed. A step
/// with two moments shows BEFORE first, without the observation, which would tell the
/// end; Enter again shows AFTER.
pub fn run(tmux: &Tmux) -> String {
    // The trees' tag, not the lesson's mention of it.
    let before = " BEFORE   Enter: after";
    let told = |s: &str| s.contains("Observed just now") || s.contains(before);
    let ends_lab = "Esc/n: do the task first";
    tmux.keys(&["Enter"]);
    let mut screen = tmux.wait_for("the observation, BEFORE or a question", |s| {
        told(s) || s.contains("predict first") || s.contains("quiz 1/")
    });
    // The summary asks its quiz first; Esc skips it and the summary runs.
    if screen.contains("quiz 1/") {
        tmux.keys(&["Escape"]);
        screen = tmux.wait_for("the summary's observation", told);
    }
    if !told(&screen) {
        tmux.keys(&["1"]);
        screen = tmux.wait_for("the observation, BEFORE or a question", |s| {
            told(s) || s.contains(ends_lab)
        });
    }
    if screen.contains(ends_lab) {
        tmux.keys(&["y"]);
        screen = tmux.wait_for("the observation or BEFORE", told);
    }
    if !screen.contains(before) {
        return screen;
    }
    assert!(!screen.contains("Observed just now"), "{screen}");
    if screen.contains(&format!("9/{LAST}")) {
        assert!(screen.contains("demo-b"), "before the kill:\n{screen}");
    }
    tmux.keys(&["Enter"]);
    tmux.wait_text("Observed just now")
}

/// The tutor's PID: the `pidns-tutor` whose grandparent is the tmux server.
pub fn tutor_under(server: i32) -> i32 {
    all_pids()
        .into_iter()
        .find(|&p| {
            std::fs::read_to_string(format!("/proc/{p}/comm"))
                .is_ok_and(|c| c.trim() == "pidns-tutor")
                && ppid(p).and_then(ppid) == Some(server)
        })
        .expect("the tutor's pid")
}

/// Every way the tutor can end, with the lab at its busiest (own /proc mounted, the demo
/// chain running, and for the `+shell` cases a shell open inside): q, Ctrl-C, a panic
/// (debug builds: PIDNS_TUTOR_TEST_PANIC=1 and `!`), SIGTERM, SIGHUP, SIGKILL, and the
/// terminal window closing. Within 2 s no process is left in any namespace the tutor
/// made, and the terminal is back in normal mode (after SIGKILL the tutor cannot restore
/// it; the shell it ran from does, but the alternate screen stays: see RELIABILITY.md).
pub fn assert_nothing_left_within(namespaces: &BTreeSet<u64>, limit: Duration, how: &str) {
    let deadline = Instant::now() + limit;
    loop {
        let left = left_in(namespaces);
        if left.is_empty() {
            return;
        }
        if Instant::now() >= deadline {
            let who: Vec<String> = left
                .iter()
                .map(|pid| std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default())
                .collect();
            panic!("{how}: left behind in {namespaces:?}: {who:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
