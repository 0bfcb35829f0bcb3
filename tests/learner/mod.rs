//! A stand-in for the learner's shell, for the task checkers' tests: bash in the lab's PID
//! namespace and in a private mount namespace of its own, as the shell pane's shell is
//! (there a child of the agent; here a child of `nsenter`, whose parent is outside the
//! lab, which the checkers do not care about). The test types commands into it as a
//! learner would, and reads what they print. bash reads a pipe a byte at a time, so
//! after `exec other-shell` the rest of the input goes to the new shell, as typing does.
#![allow(dead_code)]

use pidns_tutor::lab::{Lab, Mode};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The learner's shell.
pub struct Learner {
    nsenter: Child,
    stdin: ChildStdin,
    out: BufReader<ChildStdout>,
    /// The shell's PID outside the lab.
    pub pid: i32,
    mode: Mode,
    commands: u32,
}

/// `nsenter`'s options to enter a process's user namespace too, in userns mode: the
/// namespaces there belong to the lab's user namespace. The lab denies setgroups, so
/// nsenter must keep our credentials rather than switch to uid 0.
fn userns_args(mode: Mode) -> &'static [&'static str] {
    match mode {
        Mode::Root => &[],
        Mode::Userns => &["-U", "--preserve-credentials"],
    }
}

impl Learner {
    /// A shell in `lab`'s PID namespace and a private mount namespace of its own.
    pub fn start(lab: &Lab) -> Learner {
        Learner::start_with(lab, true)
    }

    /// With `own_mounts` false, the shell stays in the tutor's mount namespace: only for
    /// checking that a checker refuses it (nothing may be mounted from such a shell).
    pub fn start_with(lab: &Lab, own_mounts: bool) -> Learner {
        let mut command = Command::new("nsenter");
        command
            .args(["-t", &lab.agent_pid().to_string(), "-p"])
            .args(userns_args(lab.mode()))
            .arg("--");
        if own_mounts {
            command.args(["unshare", "-m", "--propagation", "private", "--"]);
        }
        let mut nsenter = command
            .args(["bash", "--norc", "--noprofile"])
            .current_dir("/")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start the learner's shell: {e}"));
        let stdin = nsenter.stdin.take().expect("stdin");
        let out = BufReader::new(nsenter.stdout.take().expect("stdout"));
        let mut learner = Learner {
            pid: 0,
            nsenter,
            stdin,
            out,
            mode: lab.mode(),
            commands: 0,
        };
        // Once the shell answers, nsenter's child is the shell itself (unshare execs it).
        learner.run("exec 2>&1");
        let children = std::fs::read_to_string(format!(
            "/proc/{}/task/{}/children",
            learner.nsenter.id(),
            learner.nsenter.id()
        ))
        .expect("nsenter's children");
        learner.pid = children.trim().parse().expect("one child: the shell");
        learner
    }

    /// Types `command` into the shell and returns what it printed.
    pub fn run(&mut self, command: &str) -> String {
        self.commands += 1;
        let marker = format!("__done_{}__", self.commands);
        writeln!(self.stdin, "{command}\necho {marker}").expect("type into the shell");
        self.stdin.flush().expect("flush");
        let mut printed = String::new();
        loop {
            let mut line = String::new();
            let n = self.out.read_line(&mut line).expect("read the shell");
            assert!(n > 0, "the shell ended during `{command}`: {printed}");
            if line.trim_end() == marker {
                return printed;
            }
            printed.push_str(&line);
        }
    }

    /// Runs a program from outside in the shell's PID and mount namespaces: another way
    /// the learner's shell can get a mount.
    pub fn run_from_outside(&self, program: &[&str]) -> Output {
        Command::new("nsenter")
            .args(["-t", &self.pid.to_string(), "-m", "-p"])
            .args(userns_args(self.mode))
            .arg("--")
            .args(program)
            .current_dir("/")
            .output()
            .unwrap_or_else(|e| panic!("nsenter {program:?}: {e}"))
    }

    /// The shell's PID inside the lab (`$$`).
    pub fn inside_pid(&self) -> i32 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).expect("status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("NSpid:"))
            .and_then(|v| v.split_whitespace().last()?.parse().ok())
            .expect("NSpid")
    }
}

impl Drop for Learner {
    /// Kills the shell and lets nsenter reap it before nsenter is waited for. Killing
    /// nsenter as well would leave the shell to the machine's init to reap, and the lab's
    /// namespace cannot end while one of its processes is an unreaped zombie: a teardown
    /// then waits on however slowly that init reaps (1.7 s a lab on this CI machine).
    fn drop(&mut self) {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(self.pid),
            nix::sys::signal::Signal::SIGKILL,
        );
        let _ = self.nsenter.wait();
    }
}

/// Calls `probe` until it returns `want` or 10 s have passed, and returns its last answer:
/// for a state that a background command reaches a moment after the shell returns.
pub fn eventually<T: PartialEq + Copy>(want: T, mut probe: impl FnMut() -> T) -> T {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let got = probe();
        if got == want || Instant::now() > deadline {
            return got;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
pub mod procs;
pub mod scene;
