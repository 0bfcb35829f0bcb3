//! The third chapter's experiments against the real kernel, each compared with what the
//! machine's /proc says read by this test itself at the moment the experiment shows: the
//! zombies' state in /proc/PID/stat, a pidfd's fdinfo read from outside, the holders'
//! PIDs after pid_max wrapped, the proc mount options, the chosen PIDs in NSpid. Run as
//! root in mode root, as root in mode userns, and as uid 65534 (userns). After every run
//! (and after the runner is killed mid-experiment): nothing of it is left, the machine's
//! pid_max and mount table are as they were, and a process of ours outside is untouched.

mod common;
mod experiment_support;

use common::*;
use experiment_support::*;
use serde_json::Value;
use std::process::Command;
use std::sync::Mutex;

/// One experiment at a time in this file: the checks look at everything below a runner
/// and at the machine's pid_max and mounts.
static ONE: Mutex<()> = Mutex::new(());

const IDS: [&str; 5] = ["no-reaper", "pidfd", "pid-max", "hidepid", "set-tid"];

/// How the runner is started: the mode it is given, and whether as uid 65534.
#[derive(Clone, Copy, Debug)]
struct How {
    mode: &'static str,
    nobody: bool,
}

/// Runs `id`, checks its facts and the machine afterwards.
fn run_and_check(id: &str, how: How) {
    let _one = ONE.lock().unwrap_or_else(|p| p.into_inner());
    let Some(command) = runner(id, how.mode, how.nobody) else {
        if is_root() {
            skip("setpriv(1) is not installed (scripts/test-deps.sh)");
        } else {
            skip_needs_root("becoming uid 65534 needs root; the userns test covers this user");
        }
        return;
    };
    let (pid_max_before, mounts_before) = (pid_max(), our_mounts());
    let mut bystander = Command::new("sleep").arg("60").spawn().expect("sleep");
    let mut independent = Vec::new();
    let run = drive(command, |runner| independent.push(look(id, runner)));
    let everything: Vec<HostProc> = run.moments.concat();
    assert!(!everything.is_empty(), "{id}: no process seen");
    let left = none_left(&everything);
    let bystander_state = HostProc::read(bystander.id() as i32).map(|p| p.state);
    let _ = bystander.kill();
    let _ = bystander.wait();
    assert!(left.is_empty(), "{id} ({how:?}): left behind: {left:?}");
    assert_eq!(
        pid_max(),
        pid_max_before,
        "{id}: the machine's pid_max changed"
    );
    assert_eq!(our_mounts(), mounts_before, "{id}: the mount table changed");
    assert_eq!(
        bystander_state,
        Some('S'),
        "{id}: a process outside was touched"
    );
    check(id, &run, &independent, how);
}

/// The mounts an experiment could reach if it leaked: / and /proc (this machine is
/// shared, and other jobs mount elsewhere); and no proc anywhere with the options the
/// experiments use.
fn our_mounts() -> Vec<String> {
    let table = mountinfo();
    for line in table.lines() {
        assert!(
            !line.contains("hidepid=") && !line.contains("subset=pid"),
            "a proc mount of the experiment's is here: {line}"
        );
    }
    table
        .lines()
        .filter(|l| matches!(l.split(' ').nth(4), Some("/" | "/proc")))
        .map(str::to_string)
        .collect()
}

/// What this test reads itself at a moment of the experiment.
#[derive(Debug, Default)]
struct Looked {
    below: Vec<HostProc>,
    /// `Pid:` and `NSpid:` of every pidfd held by a process below the runner.
    pidfds: Vec<(Vec<i32>, Vec<i32>)>,
    /// Options of the proc mounts of each process below the runner (its mountinfo).
    proc_options: Vec<String>,
}

fn look(id: &str, runner: i32) -> Looked {
    let below = below(runner);
    let mut looked = Looked::default();
    for p in &below {
        if id == "pidfd" {
            looked.pidfds.extend(pidfds_of(p.pid));
        }
        if id == "hidepid" {
            looked.proc_options.extend(proc_options_of(p.pid));
        }
    }
    looked.below = below;
    looked
}

/// The fdinfo lines of each pidfd `pid` holds.
fn pidfds_of(pid: i32) -> Vec<(Vec<i32>, Vec<i32>)> {
    let Ok(dir) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    dir.flatten()
        .filter(|e| {
            std::fs::read_link(e.path()).is_ok_and(|l| l.to_string_lossy().contains("pidfd"))
        })
        .map(|e| {
            let fdinfo = format!("/proc/{pid}/fdinfo/{}", e.file_name().to_string_lossy());
            let text = std::fs::read_to_string(fdinfo).unwrap_or_default();
            let field = |name: &str| -> Vec<i32> {
                text.lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(|r| {
                        r.split_whitespace()
                            .filter_map(|n| n.parse().ok())
                            .collect()
                    })
                    .unwrap_or_default()
            };
            (field("Pid:"), field("NSpid:"))
        })
        .collect()
}

/// The super options of the proc mounts `pid` sees.
fn proc_options_of(pid: i32) -> Vec<String> {
    std::fs::read_to_string(format!("/proc/{pid}/mountinfo"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains(" - proc "))
        .filter_map(|l| l.rsplit(' ').next().map(str::to_string))
        .collect()
}

fn check(id: &str, run: &Run, looked: &[Looked], how: How) {
    let f = &run.facts;
    match id {
        "no-reaper" => no_reaper(f, looked),
        "pidfd" => pidfd(f, looked),
        "pid-max" => pid_max_facts(f, looked),
        "hidepid" => hidepid(f, looked, how),
        "set-tid" => set_tid(f, looked),
        other => panic!("no check for {other}"),
    }
}

fn no_reaper(f: &Value, looked: &[Looked]) {
    assert_eq!(numbers(&f["zombies_per_round"]), [1, 2, 3], "{f}");
    assert_eq!(
        numbers(&f["zombies_per_round_with_reaper"]),
        [0, 0, 0],
        "{f}"
    );
    assert_eq!(
        f["reaped"],
        serde_json::json!(["exit(0)", "exit(0)", "exit(0)"])
    );
    let zombies = f["orphans"].as_array().expect("orphans");
    assert_eq!(zombies.len(), 3, "{f}");
    for z in zombies {
        assert_eq!(z["state"], "Z", "{z}");
        assert_eq!(z["ppid"], 1, "adopted by the namespace's PID 1: {z}");
        assert_eq!(z["name"], "orphan");
    }
    // Read here: at the first moment, three orphans in state Z under `no-reaper`, their
    // PIDs inside those of the facts; at the second, none under `reaper`.
    let [first, second] = looked else {
        panic!("two moments expected: {looked:?}")
    };
    let init = first
        .below
        .iter()
        .find(|p| p.name == "no-reaper")
        .expect("no-reaper");
    let mut inside: Vec<i64> = first
        .below
        .iter()
        .filter(|p| p.ppid == init.pid && p.state == 'Z')
        .map(|p| i64::from(*p.nspid.last().expect("nspid")))
        .collect();
    inside.sort_unstable();
    let mut said: Vec<i64> = zombies.iter().filter_map(|z| z["pid"].as_i64()).collect();
    said.sort_unstable();
    assert_eq!(inside, said, "{first:?}");
    assert!(
        second.below.iter().any(|p| p.name == "reaper"),
        "{second:?}"
    );
    assert!(!second.below.iter().any(|p| p.state == 'Z'), "{second:?}");
}

fn pidfd(f: &Value, looked: &[Looked]) {
    let status = numbers(&f["target_status_nspid"]);
    assert_eq!(status.len(), 2, "{f}");
    assert_eq!(
        numbers(&f["fdinfo_nspid"]),
        status,
        "fdinfo NSpid = status NSpid"
    );
    assert_eq!(numbers(&f["fdinfo_pid"]), status[..1], "{f}");
    assert_eq!(
        numbers(&f["inside_fdinfo_pid"]),
        [0],
        "pidfd_fdinfo_test: Pid 0"
    );
    assert_eq!(numbers(&f["inside_fdinfo_nspid"]), [0], "{f}");
    assert_eq!(f["inside_signal_outward"], "-1 (EINVAL)");
    assert_eq!(f["signal_inward"], "0");
    assert_eq!(f["target_ended"], "SIGKILL");
    assert_eq!(f["new_pid"], f["old_pid"], "the PID was reused: {f}");
    assert_eq!(numbers(&f["stale_fdinfo_pid"]), [-1], "{f}");
    assert_eq!(f["stale_signal"], "-1 (ESRCH)");
    assert_eq!(f["kill_by_number"], "0");
    assert_eq!(f["newcomer_alive"], true);
    // Read here: the sandbox's pidfd on the target, through the machine's /proc: one
    // number more in front, the rest the same.
    let first = looked.first().expect("a moment");
    let target = first
        .below
        .iter()
        .find(|p| p.name == "target")
        .expect("target");
    let found = first
        .pidfds
        .iter()
        .find(|(_, nspid)| nspid.first() == Some(&target.pid))
        .expect("the sandbox's pidfd on the target");
    assert_eq!(found.0, [target.pid]);
    let tail: Vec<i64> = found.1[1..].iter().map(|&n| i64::from(n)).collect();
    assert_eq!(tail, status, "{found:?}");
}

fn pid_max_facts(f: &Value, looked: &[Looked]) {
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").expect("osrelease");
    assert_eq!(f["kernel_release"], release.trim());
    let mut parts = release.split(|c: char| !c.is_ascii_digit());
    let version: (u32, u32) = (
        parts.next().and_then(|n| n.parse().ok()).expect("major"),
        parts.next().and_then(|n| n.parse().ok()).expect("minor"),
    );
    assert_eq!(f["outside_before"], f["outside_after"], "{f}");
    if version < (6, 14) {
        assert_eq!(f["per_namespace"], false);
        assert!(
            f["limited"].is_null(),
            "nothing written on an older kernel: {f}"
        );
        return;
    }
    assert_eq!(f["per_namespace"], true);
    let l = f;
    assert_eq!(l["write"], "0", "{l}");
    let limit = l["limit"].as_i64().expect("limit");
    assert!(limit > 300, "{l}");
    assert_eq!(l["inside_after"], limit);
    assert_eq!(l["last_before_wrap"], limit - 1);
    assert_eq!(l["first_after_wrap"], 300);
    let mut holders = numbers(&l["holders"]);
    holders.sort_unstable();
    assert_eq!(holders, (300..limit).collect::<Vec<i64>>(), "{l}");
    assert_eq!(l["fork_when_full"], "-1 (EAGAIN)");
    let outside: i64 = l["outside_fork_when_full"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("a PID outside");
    assert!(outside > 1);
    // Read here: the holders' own PIDs. (pid_max itself is read per reader's PID
    // namespace, and no process can enter this one to read it: it is full.)
    let first = looked.first().expect("a moment");
    let mut seen: Vec<i64> = first
        .below
        .iter()
        .filter(|p| p.name == "holder")
        .map(|p| i64::from(*p.nspid.last().expect("nspid")))
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, holders);
}

fn hidepid(f: &Value, looked: &[Looked], how: How) {
    let root = names(&f["root_sees"]);
    for name in ["sandbox", "daemon", "looker"] {
        assert!(root.contains(&name), "root sees {name}: {root:?}");
    }
    assert_eq!(f["reader_other_user"], how.mode == "root", "{f}");
    // The machine's group 0 is let through (gid= defaults to it): a tutor run by root in
    // mode userns has it inside as well.
    let gid = f["reader_machine_gid"]
        .as_u64()
        .expect("the reader's group");
    assert_eq!(
        gid == 0,
        how.mode == "userns" && is_root() && !how.nobody,
        "{f}"
    );
    let mut reader = names(&f["reader_sees"]);
    reader.sort_unstable();
    if gid == 0 {
        assert_eq!(reader.len(), root.len() + 2, "group 0 sees all: {f}");
        assert_eq!(f["reader_opens_pid_1"], "0");
    } else {
        assert_eq!(reader, ["reader", "readers-child"], "{f}");
        assert_eq!(f["reader_opens_pid_1"], "ENOENT");
    }
    assert!(f["plain_other_entries"].as_u64() > Some(10), "{f}");
    assert_eq!(
        f["subset_other_entries"],
        serde_json::json!(["self", "thread-self"])
    );
    assert_eq!(f["subset_opens_sys"], "ENOENT");
    assert_eq!(
        names(&f["subset_sees"]),
        root,
        "subset=pid hides no process"
    );
    // Read here: the looker's mount table has both mounts, with those options.
    let options = &looked.first().expect("a moment").proc_options;
    assert!(
        options.iter().any(|o| o.contains("hidepid=invisible")),
        "{options:?}"
    );
    assert!(
        options.iter().any(|o| o.contains("subset=pid")),
        "{options:?}"
    );
}

fn set_tid(f: &Value, looked: &[Looked]) {
    assert_eq!(f["got"], 1000, "{f}");
    assert_eq!(f["child_getpid"], 1000);
    assert_eq!(
        f["ns_last_pid_after"], f["ns_last_pid_before"],
        "a chosen PID does not move the counter"
    );
    let next = f["ns_last_pid_before"].as_i64().expect("ns_last_pid") + 1;
    assert_eq!(f["next_fork"], next.to_string());
    assert_eq!(f["asked_again"], "-1 (EEXIST)");
    assert_eq!(numbers(&f["nested_nspid"]), [2000, 1]);
    assert_eq!(numbers(&f["deeper_nspid"]), [2001, 42]);
    assert_eq!(f["without_capability"], "-1 (EPERM)");
    // Read here: the chosen PIDs at the end of each NSpid in the machine's /proc.
    let first = looked.first().expect("a moment");
    let tail = |name: &str, n: usize| -> Vec<i32> {
        let p = first.below.iter().find(|p| p.name == name).expect(name);
        p.nspid[p.nspid.len() - n..].to_vec()
    };
    assert_eq!(tail("chosen", 1), [1000]);
    assert_eq!(tail("chosen-init", 2), [2000, 1]);
    assert_eq!(tail("chosen-42", 2), [2001, 42]);
}

const ROOT: How = How {
    mode: "root",
    nobody: false,
};
const USERNS: How = How {
    mode: "userns",
    nobody: false,
};
const NOBODY: How = How {
    mode: "userns",
    nobody: true,
};

/// Runs every experiment `how`; the preferred mode when not root.
fn all(how: How, test: &str) {
    if !live_or_skip(test) {
        return;
    }
    if how.mode == "root" && !is_root() {
        skip_needs_root("mode root needs root; the userns tests cover this user");
        return;
    }
    for id in IDS {
        run_and_check(id, how);
    }
}

#[test]
fn chapter3_experiments_as_root() {
    all(ROOT, "chapter3_experiments_as_root");
}

#[test]
fn chapter3_experiments_in_mode_userns() {
    all(USERNS, "chapter3_experiments_in_mode_userns");
}

#[test]
fn chapter3_experiments_as_uid_65534() {
    all(NOBODY, "chapter3_experiments_as_uid_65534");
}

/// The runner SIGKILLed at each experiment's first moment (what the tutor's death does
/// through the runner's death signal): every process it had made ends, and the machine's
/// pid_max and mounts are as they were.
#[test]
fn killed_mid_experiment_leaves_nothing() {
    if !live_or_skip("killed_mid_experiment_leaves_nothing") {
        return;
    }
    let how = if is_root() { ROOT } else { USERNS };
    for id in IDS {
        let _one = ONE.lock().unwrap_or_else(|p| p.into_inner());
        let (pid_max_before, mounts_before) = (pid_max(), our_mounts());
        let seen = kill_at_first_moment(runner(id, how.mode, false).expect("runner"));
        assert!(!seen.is_empty(), "{id}: nothing was running");
        let left = none_left(&seen);
        assert!(left.is_empty(), "{id}: left behind: {left:?}");
        assert_eq!(pid_max(), pid_max_before, "{id}");
        assert_eq!(our_mounts(), mounts_before, "{id}");
    }
}
