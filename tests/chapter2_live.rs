//! The second chapter against the real kernel: every experiment's facts, as root and as
//! uid 65534 (through a user namespace), asserting what the kernel does (the caller of
//! unshare stays put and its second fork gets ENOMEM, 32 levels and then ENOSPC, a joined
//! process gets PPID 0, an init's death kills its members and leaves a namespace no fork
//! can enter, SIGTERM leaves an init without a handler asleep while SIGSTOP stops it),
//! and that nothing of any experiment's sandbox is left afterwards.

mod common;

use common::*;
use serde_json::{Value, json};
use std::os::unix::fs::MetadataExt;
use std::process::Command;
use std::sync::Mutex;

/// One live walk at a time in this file: the "nothing left" checks look sandboxes up by
/// inode after the walk, and the kernel soon hands a freed namespace's inode to the next
/// new namespace, which a parallel walk here would make. (Test files run one at a time.)
static ONE_WALK: Mutex<()> = Mutex::new(());

fn one_walk() -> std::sync::MutexGuard<'static, ()> {
    ONE_WALK
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The names a list of `{name, pid}` facts gives, in order.
fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .map(|a| a.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default()
}

fn numbers(list: &Value) -> Vec<i64> {
    list.as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default()
}

/// The initial PID namespace's inode is fixed (PROC_PID_INIT_INO): the walk runs there
/// when the tests do and their /proc is that namespace's.
fn in_the_initial_pid_namespace() -> bool {
    let inode = std::fs::metadata("/proc/self/ns/pid").map(|m| m.ino());
    let nspid = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("NSpid:"))
                .map(|r| r.split_whitespace().count())
        });
    inode.ok() == Some(0xEFFF_FFFC) && nspid == Some(1)
}

fn check_chapter2(stdout: &[u8]) {
    let (_, steps) = parse_walk(stdout);

    let fork = facts(&steps, "fork-needed");
    assert_eq!(
        fork["caller_pid_before"], fork["caller_pid_after"],
        "{fork}"
    );
    assert_eq!(
        fork["caller_pid_ns_before"], fork["caller_pid_ns_after"],
        "{fork}"
    );
    assert_ne!(fork["caller_pid_before"], 1, "the caller is not an init");
    assert_eq!(fork["pid_for_children_after_unshare"], "ENOENT", "{fork}");
    assert_eq!(fork["first_child_pid"], 1);
    assert_eq!(fork["first_child_ppid"], 0);
    assert_eq!(
        fork["pid_for_children_with_child"],
        fork["first_child_pid_ns"]
    );
    assert_ne!(fork["first_child_pid_ns"], fork["caller_pid_ns_before"]);
    assert_eq!(fork["first_child_ended"], "exit(0)");
    assert_eq!(fork["second_fork"], "-1 (ENOMEM)", "regression_enomem");
    // The caller is a process of the sandbox: its namespace is the sandbox's.
    assert_eq!(fork["caller_pid_ns_before"], fork["sandbox_pid_ns"]);

    let nesting = facts(&steps, "nesting");
    let inner = numbers(&nesting["inner_nspid"]);
    assert_eq!(inner.len(), 3, "{nesting}");
    assert_eq!(inner.last(), Some(&1));
    let from_tutor = numbers(&nesting["inner_nspid_from_tutor"]);
    assert_eq!(
        from_tutor.len(),
        4,
        "one level more: the sandbox is below the tutor"
    );
    assert_eq!(from_tutor[1..], inner[..]);
    assert_eq!(
        names(&nesting["outer_sees"]),
        ["sandbox", "level-2", "level-3"]
    );
    assert_eq!(names(&nesting["middle_sees"]), ["level-2", "level-3"]);
    assert_eq!(names(&nesting["inner_sees"]), ["level-3"]);
    assert_eq!(nesting["limit_errno"], "ENOSPC");
    let deepest = nesting["deepest_level"].as_u64().expect("deepest_level");
    assert!((2..=32).contains(&deepest), "{nesting}");
    if in_the_initial_pid_namespace() {
        assert_eq!(
            deepest, 32,
            "32 levels below the initial namespace, then ENOSPC"
        );
    }

    let joining = facts(&steps, "joining");
    assert_eq!(
        joining["joined_ppid"], 0,
        "a parent outside has no PID inside"
    );
    assert_eq!(joining["joined_ppid_inside"], 0);
    assert_eq!(
        joining["joined_pid"].as_i64(),
        joining["ns_last_pid_before"].as_i64().map(|n| n + 1),
        "the next free PID"
    );
    assert_ne!(
        joining["joined_pid"], 1,
        "the namespace had its init already"
    );
    assert_eq!(joining["joiner_pid_before"], joining["joiner_pid_after"]);
    assert_eq!(joining["joined_parent_outside"]["name"], "joiner");
    assert_eq!(
        names(&joining["inside_sees"]),
        ["target-init", "joined"],
        "the joined process in the namespace's own tree"
    );
    let joined = numbers(&joining["joined_nspid_from_tutor"]);
    assert_eq!(joined.len(), 3, "in the tutor's tree too: {joining}");
    assert_eq!(joined.last().copied(), joining["joined_pid"].as_i64());
    assert_eq!(
        joining["adopted_by"],
        json!({"name": "sandbox", "pid": 1}),
        "the orphan goes to the init of its parent's namespace"
    );

    let death = facts(&steps, "init-death");
    assert_eq!(
        names(&death["members_before"]),
        ["doomed-init", "member-a", "member-b"]
    );
    assert_eq!(death["init_ended"], "SIGKILL");
    assert_eq!(death["joined_member_ended"], "SIGKILL");
    assert_eq!(death["left_after"], 0, "every member died with the init");
    assert_eq!(
        death["setns_after"], "0",
        "the kept fd still names the namespace"
    );
    assert_eq!(death["fork_after"], "-1 (ENOMEM)");

    let signals = facts(&steps, "signals-from-outside");
    assert_eq!(signals["after_sigterm_state"], "S", "SIGTERM did nothing");
    assert_eq!(signals["sigterm_pending"], false, "dropped, not queued");
    assert_eq!(
        signals["stopped_by"], "SIGSTOP",
        "SIGSTOP is forced from outside"
    );
    assert_eq!(signals["after_sigstop_state"], "T");
    assert_eq!(signals["after_sigkill"], "SIGKILL");
    assert_eq!(signals["handler_runs_outside"], 1);
    assert_eq!(
        signals["handler_si_pid_outside"], 0,
        "pidns12: si_pid 0 from outside"
    );
    assert_eq!(signals["handler_runs_inside"], 1);
    assert!(
        signals["handler_si_pid_inside"].as_i64() > Some(1),
        "{signals}"
    );

    // Every second-chapter sentence was filled in.
    for step in &steps {
        let said = step["sentences"].to_string();
        assert!(!said.contains('{'), "{}: unfilled: {said}", step["step"]);
    }
}

/// `NS_GET_PARENT` from linux/nsfs.h: `_IO(0xb7, 0x2)`.
const NS_GET_PARENT: libc::c_ulong = 0xb702;

/// Whether process `pid` is in the PID namespace `inode` or in one nested below it: its
/// own namespace, then each parent (NS_GET_PARENT), compared by inode.
fn in_or_below(pid: i32, inode: u64) -> bool {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    let Ok(file) = std::fs::File::open(format!("/proc/{pid}/ns/pid")) else {
        return false;
    };
    let mut ns = OwnedFd::from(file);
    for _ in 0..40 {
        let here = std::fs::File::from(ns.try_clone().expect("dup")).metadata();
        if here.is_ok_and(|m| m.ino() == inode) {
            return true;
        }
        // SAFETY: an ioctl on a namespace fd we own; a new fd comes back, or -1.
        let parent = unsafe { libc::ioctl(ns.as_raw_fd(), NS_GET_PARENT) };
        if parent < 0 {
            return false;
        }
        // SAFETY: the kernel just returned this descriptor to us.
        ns = unsafe { OwnedFd::from_raw_fd(parent) };
    }
    false
}

/// Live processes in the PID namespace `inode` or below it.
fn left_in_or_below(inode: u64) -> Vec<i32> {
    std::fs::read_dir("/proc")
        .map(|dir| {
            dir.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
                .filter(|&pid| in_or_below(pid, inode) && !is_zombie(pid))
                .collect()
        })
        .unwrap_or_default()
}

/// Runs `walk --json` until the last experiment has run, and holds it there (the walk then
/// keeps every sandbox's namespace open, so their inodes name nobody else's); checks the
/// facts, that nothing is left in or below any sandbox, and ends the walk.
fn walk_and_check(mut command: Command, mode: &str, lang: &str) {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mounts = mountinfo();
    let mut child = command
        .args(["walk", "--json", "--lang", lang])
        .env("PIDNS_TUTOR_TEST_PAUSE", "signals-from-outside")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start walk");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("read walk");
        let last = line.contains("\"step\":\"signals-from-outside\"");
        lines.push(line);
        if last {
            break;
        }
    }
    let stdout = lines.join("\n");
    let (header, steps) = parse_walk(stdout.as_bytes());
    assert_eq!(header["mode"], mode);
    let checked = std::panic::catch_unwind(|| {
        check_chapter2(stdout.as_bytes());
        for id in [
            "fork-needed",
            "nesting",
            "joining",
            "init-death",
            "signals-from-outside",
        ] {
            let inode = facts(&steps, id)["sandbox_pid_ns"]
                .as_u64()
                .unwrap_or_else(|| panic!("{id}: no sandbox_pid_ns"));
            let left = left_in_or_below(inode);
            assert!(
                left.is_empty(),
                "{id}: left in or below pid:[{inode}]: {left:?}"
            );
        }
    });
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
    let _ = child.wait();
    if let Err(panic) = checked {
        std::panic::resume_unwind(panic);
    }
    assert_eq!(mountinfo(), mounts, "the host's mount table changed");
}

#[test]
fn chapter2_live_in_the_preferred_mode() {
    if !live_or_skip("chapter2_live_in_the_preferred_mode") {
        return;
    }
    let _one = one_walk();
    let mode = if is_root() { "root" } else { "userns" };
    walk_and_check(Command::new(EXE), mode, "en");
}

#[test]
fn chapter2_live_as_an_unprivileged_user() {
    if !live_or_skip("chapter2_live_as_an_unprivileged_user") {
        return;
    }
    let Some(command) = as_nobody(EXE) else {
        // Not root: the preferred-mode test already walks in userns mode, as we are.
        if is_root() {
            skip("setpriv(1) is not installed (scripts/test-deps.sh)");
        }
        return;
    };
    let _one = one_walk();
    walk_and_check(command, "userns", "ko");
}

/// The leftover check can see what it looks for: a process two namespaces down is in or
/// below our own namespace, and in or below its own, and not in or below a sibling's.
#[test]
fn the_leftover_check_sees_nested_namespaces() {
    if !is_root() {
        skip_needs_root("nested PID namespaces made with unshare(1) on the host");
        return;
    }
    if which("unshare").is_none() {
        skip("unshare(1) is not installed (scripts/test-deps.sh)");
        return;
    }
    let mut child = Command::new("unshare")
        .args([
            "--pid", "--fork", "unshare", "--pid", "--fork", "sleep", "30",
        ])
        .spawn()
        .expect("unshare");
    let ours = std::fs::metadata("/proc/self/ns/pid")
        .expect("own ns")
        .ino();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let sleeper = loop {
        let found = descendants(child.id() as i32).into_iter().find(|&p| {
            std::fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|c| c.trim() == "sleep")
        });
        if let Some(pid) = found {
            break pid;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("sleep did not start");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let own = std::fs::metadata(format!("/proc/{sleeper}/ns/pid"))
        .expect("ns")
        .ino();
    let seen = (in_or_below(sleeper, ours), in_or_below(sleeper, own));
    let middle = std::fs::metadata(format!("/proc/{}/ns/pid", child.id())).map(|m| m.ino());
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(seen, (true, true));
    assert_ne!(middle.ok(), Some(own), "the sleep is two levels down");
}

/// Every process below `pid` (by /proc/PID/task/*/children).
fn descendants(pid: i32) -> Vec<i32> {
    let mut out = Vec::new();
    let mut queue = vec![pid];
    while let Some(p) = queue.pop() {
        let children =
            std::fs::read_to_string(format!("/proc/{p}/task/{p}/children")).unwrap_or_default();
        for child in children.split_whitespace().filter_map(|c| c.parse().ok()) {
            out.push(child);
            queue.push(child);
        }
    }
    out
}

#[test]
fn the_hidden_runner_refuses_to_run_by_hand() {
    // Not started by the tutor (wrong parent, no pipes): one line on stderr, exit 2,
    // nothing made.
    let out = output(Command::new(EXE).args(["__experiment", "signals-from-outside", "root", "1"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("internal experiment runner"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty());
    let out = output(Command::new(EXE).args(["__experiment", "no-such-thing"]));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_sandbox_without_its_own_pid_namespace_refuses_to_experiment() {
    if !live_or_skip("a_sandbox_without_its_own_pid_namespace_refuses_to_experiment") {
        return;
    }
    // Debug builds let a test drop CLONE_NEWPID from the sandbox: its would-be PID 1 is
    // then an ordinary process of the tutor's namespace, and must not signal anyone.
    let _one = one_walk();
    let out = output(
        Command::new(EXE)
            .args(["walk", "--json"])
            .env("PIDNS_TUTOR_TEST_NO_SANDBOX_PID", "1"),
    );
    assert!(!out.status.success(), "the walk must report the refusals");
    let (_, steps) = parse_walk(&out.stdout);
    for id in [
        "fork-needed",
        "nesting",
        "joining",
        "init-death",
        "signals-from-outside",
    ] {
        let step = steps.iter().find(|s| s["step"] == id).expect("step");
        let error = step["error"].as_str().unwrap_or_default();
        assert!(error.contains("refusing"), "{id}: {step}");
        assert!(step.get("facts").is_none(), "{id}: {step}");
    }
    // The post's own steps are not affected.
    assert_eq!(facts(&steps, "clone")["child_getpid"], 1);
}
