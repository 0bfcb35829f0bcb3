//! Every "See it yourself" command of both lessons is safe to paste on a shared machine and
//! prints what the lesson says it prints.
//!
//! Each block is taken literally from the lesson file (only `sudo ` is dropped: the test runs
//! as root, or as root of a user namespace) and run inside a throwaway sandbox
//! (`unshare -pf --mount-proc`, with `--user --map-root-user` when not root, or as uid 65534
//! in the second test) while decoy `sleep`s run beside it: a few started before, and a new
//! one every 50 ms, so that the newest `sleep` of the sandbox is always a decoy. A command
//! that picks its process machine-wide (`pgrep -n -x sleep`) signals a decoy, and the test
//! sees it. After the command, every decoy must still be asleep (state S) and nothing the
//! command started may be left running.

mod common;

use common::{is_root, skip, skip_needs_root, which};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One "See it yourself" block: the step it belongs to and the commands, as written.
#[derive(Debug, Clone, PartialEq)]
struct Block {
    step: String,
    commands: String,
}

/// The blocks of a lesson file, in order: the first ```sh fence after each paragraph that
/// starts with "See it yourself" (or its Korean twin).
fn blocks(lesson: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut step = String::new();
    let mut wanted = false;
    let mut lines = lesson.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("## ") {
            if let Some(id) = line.rsplit("{#").next().and_then(|s| s.strip_suffix('}')) {
                step = id.to_string();
            }
            wanted = false;
        } else if line.starts_with("See it yourself") || line.starts_with("직접 해 보기") {
            wanted = true;
        } else if wanted && line.trim_start().starts_with("```sh") {
            let commands: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .collect();
            found.push(Block {
                step: step.clone(),
                commands: commands.join("\n") + "\n",
            });
            wanted = false;
        }
    }
    found
}

/// Why a command could hit a process that is not its own: it picks one machine-wide.
fn picks_machine_wide(commands: &str) -> Option<&'static str> {
    [
        "pgrep -n",
        "pgrep --newest",
        "pgrep -o",
        "pgrep --oldest",
        "pkill",
        "killall",
        "pidof",
    ]
    .into_iter()
    .find(|pattern| commands.contains(pattern))
}

/// What the lesson says the block prints, checked on what it printed (stdout and stderr
/// together). `says` is the lesson's own wording of it, in each language: it must stay in
/// the step, so a changed claim means a changed check.
struct Expect {
    step: &'static str,
    says: [&'static str; 2],
    check: fn(&[&str]) -> bool,
}

fn numbers(line: &str) -> Vec<i64> {
    line.split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect()
}

fn has_line(out: &[&str], f: impl Fn(&[&str]) -> bool) -> bool {
    out.iter()
        .any(|l| f(&l.split_whitespace().collect::<Vec<_>>()))
}

fn ok_fork_fail(out: &[&str]) -> bool {
    out.iter()
        .any(|l| l.contains("Cannot fork") || l.contains("Cannot allocate memory"))
}

const EXPECT: &[Expect] = &[
    Expect {
        step: "namespaces",
        says: [
            "shows ten\nnames for eight kinds",
            "종류는 여덟인데 이름은 열 개가 나온다",
        ],
        check: |o| {
            o.iter().filter(|l| l.contains(" -> ")).count() == 10
                && o.iter().any(|l| l.contains("pid_for_children -> pid:["))
        },
    },
    Expect {
        step: "pid-1",
        says: [
            "PID 1 of the `/proc` it reads",
            "`/proc`의 PID 1이 무엇인지",
        ],
        check: |o| has_line(o, |w| w.len() == 3 && w[0] == "1" && w[1] == "0"),
    },
    Expect {
        step: "pid-namespace",
        says: [
            "the second number is grep's PID inside",
            "두 번째 숫자는 안에서 본 grep의 PID",
        ],
        check: |o| {
            let nspid: Vec<usize> = o
                .iter()
                .filter(|l| l.starts_with("NSpid:"))
                .map(|l| numbers(l).len())
                .collect();
            nspid == [1, 2]
        },
    },
    Expect {
        step: "clone",
        says: [
            "which is 1, and `getppid()`, which is 0",
            "자식은 `getpid()`로 1을",
        ],
        check: |o| o.contains(&"inside: 1") && o.contains(&"1 0"),
    },
    Expect {
        step: "hostname",
        says: [
            "`hostname` still prints the old name",
            "여전히 원래 이름이 나온다",
        ],
        check: |o| o.first() == Some(&"namespace") && o.len() == 2 && o[1] != "namespace",
    },
    Expect {
        step: "kill-parent",
        says: ["fails with ESRCH", "ESRCH로 실패한다"],
        check: |o| o.iter().any(|l| l.contains("No such process")) && o.contains(&"exit=1"),
    },
    Expect {
        step: "proc-leak",
        says: [
            "`getpid()` says 1, but `readlink /proc/self` gives the caller's host PID",
            "`getpid()`는 1이지만 `readlink /proc/self`는",
        ],
        check: |o| {
            o.first() == Some(&"1")
                && o.get(1)
                    .and_then(|l| l.parse::<i64>().ok())
                    .is_some_and(|p| p > 1)
                && o.get(2)
                    .is_some_and(|l| l.parse::<i64>().is_ok() || l.contains("lookup self"))
        },
    },
    Expect {
        step: "remount-proc",
        says: [
            "`ps -e` lists only the namespace's own processes",
            "`ps -e`는\nnamespace 자신의 프로세스만",
        ],
        check: |o| {
            has_line(o, |w| w.first() == Some(&"/"))
                && o.iter().filter(|l| numbers(l).len() == 2).count() == 1
                && has_line(o, |w| w.len() == 3 && w[0] == "1" && w[2] == "ps")
        },
    },
    Expect {
        step: "orphan-reaping",
        says: ["leaving `sleep` behind", "`sleep`만 남는다"],
        check: |o| has_line(o, |w| w.len() == 3 && w[1] == "1" && w[2] == "sleep"),
    },
    Expect {
        step: "init-signals",
        says: ["sent by PID 1 to itself", "PID 1이 자기 자신에게 보낸다"],
        check: |o| o.contains(&"still here: 0"),
    },
    Expect {
        step: "fork-needed",
        says: [
            "`/bin/true` is the fork that fails",
            "`/bin/true`가 실패하는 fork다",
        ],
        check: |o| {
            o.first()
                .and_then(|l| l.parse::<i64>().ok())
                .is_some_and(|p| p != 1)
                && o.iter().any(|l| l.contains("pid_for_children -> pid:["))
                && ok_fork_fail(o)
                && o.last() == Some(&"1")
        },
    },
    Expect {
        step: "nesting",
        says: ["three numbers", "숫자 세 개"],
        check: |o| {
            o.iter()
                .any(|l| l.starts_with("NSpid:") && numbers(l).len() == 3 && numbers(l)[2] == 1)
        },
    },
    Expect {
        step: "joining",
        says: [
            "`$$` is the next free PID, `$PPID` is 0",
            "`$$`는 다음 빈 PID, `$PPID`는 0",
        ],
        check: |o| {
            o.contains(&"2 0")
                && has_line(o, |w| w == ["1", "0", "sleep"])
                && has_line(o, |w| w == ["2", "0", "sh"])
        },
    },
    Expect {
        step: "init-death",
        says: [
            "the two other sleeps die with the init",
            "나머지 두 sleep은",
        ],
        check: |o| {
            ["sleep 300", "sleep 301", "sleep 302"]
                .iter()
                .all(|s| o.iter().any(|l| l.ends_with(s)))
                && o.contains(&"none left")
                && o.iter()
                    .any(|l| l.contains("nsenter: fork failed: Cannot allocate memory"))
        },
    },
    Expect {
        step: "signals-from-outside",
        says: ["watch the STAT column", "STAT 열을 보자"],
        check: |o| {
            has_line(o, |w| w.len() == 3 && w[1] == "S" && w[2] == "sleep")
                && has_line(o, |w| w.len() == 3 && w[1] == "T" && w[2] == "sleep")
        },
    },
    Expect {
        step: "no-reaper",
        says: [
            "`ps` shows them as zombies, `Z`; in the last command PID 1\nis `sh`",
            "`ps`에 좀비(`Z`)로 보인다. 마지막 명령에서는",
        ],
        check: |o| {
            let mut runs = o.split(|l| l.starts_with("PID")).skip(1).map(ps_rows);
            let (Some(never_waits), Some(waits), None) = (runs.next(), runs.next(), runs.next())
            else {
                return false;
            };
            let zombie = |w: &Vec<&str>| w[2..] == ["Z", "sleep"];
            never_waits.len() == 2
                && never_waits.iter().all(zombie)
                && never_waits[0][1] == never_waits[1][1]
                && waits.contains(&vec!["1", "0", "S", "sh"])
                && !waits.iter().any(|w| w[2] == "Z")
        },
    },
    Expect {
        step: "pidfd",
        says: [
            "the fdinfo's `NSpid:` is the one in its status, and after the SIGKILL\n`Pid: -1`",
            "fdinfo의 `NSpid:`는 status의 것과 같고, SIGKILL 뒤에는 `Pid: -1`이다",
        ],
        check: |o| {
            let nspid: Vec<&&str> = o.iter().filter(|l| l.starts_with("NSpid:")).collect();
            let pid: Vec<&&str> = o.iter().filter(|l| l.starts_with("Pid:")).collect();
            nspid.len() == 3
                && numbers(nspid[0]).len() == 2
                && numbers(nspid[0])[1] == 1
                && nspid[1] == nspid[0]
                && pid.len() == 2
                && numbers(pid[0]) == numbers(nspid[0])[..1]
                && numbers(pid[1]) == [-1]
        },
    },
    Expect {
        step: "pid-max",
        says: [
            "Inside, it prints 4194304, then a next PID\nthat has wrapped to 300 or above, below 400; outside, `pid_max` is unchanged.",
            "안에서는 4194304를 출력하고, 이어서 300 이상 400 미만으로 돌아간\n다음 PID를 출력한다. 바깥의 `pid_max`는 그대로다.",
        ],
        // The sandbox is a new PID namespace itself, so "outside" starts at 4194304 too.
        // On an older kernel the first line stops the block: only the last `cat` prints.
        check: |o| {
            if !pid_max_per_namespace() {
                return o.len() == 1 && o[0].parse::<i64>().is_ok();
            }
            let next = o.get(1).and_then(|l| l.strip_prefix("next PID: "));
            o.len() == 3
                && o[0] == "4194304"
                && next
                    .and_then(|n| n.parse::<i64>().ok())
                    .is_some_and(|n| (300..400).contains(&n))
                && o[2] == "4194304"
        },
    },
    Expect {
        step: "hidepid",
        says: [
            "uid 65534 sees only its own `ls`",
            "uid 65534에게는 자기 `ls`만 보인다",
        ],
        check: |o| {
            let Some(rest) = after_subset_pid(o) else {
                return false;
            };
            let counted = rest.first().and_then(|l| l.parse::<i64>().ok());
            // root sees at least its sh, the sleep and ls; uid 65534 only its ls.
            rest.len() == 2 && counted.is_some_and(|n| n >= 3) && rest[1].parse::<i64>().is_ok()
        },
    },
    Expect {
        step: "set-tid",
        says: ["the inner `sh` prints 1000", "안쪽 `sh`가 1000을 출력한다"],
        check: |o| o == ["1000"],
    },
];

/// Whether this kernel is 6.14 or later, where pid_max belongs to each PID namespace.
fn pid_max_per_namespace() -> bool {
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").expect("osrelease");
    let mut parts = release.split(|c: char| !c.is_ascii_digit());
    let mut next = || {
        parts
            .next()
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0)
    };
    (next(), next()) >= (6, 14)
}

/// The rows of one `ps -o pid,ppid,stat,comm` (four columns, a PID first), split into
/// words; other lines are left out (unshare may complain when its child is killed).
fn ps_rows<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    lines
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|w| w.len() == 4 && w[0].parse::<i64>().is_ok())
        .collect()
}

/// What a `subset=pid` proc lists (the PIDs, `self` and `thread-self`, and no
/// /proc/meminfo); the lines after it, or None if it listed something else.
fn after_subset_pid<'a>(out: &'a [&'a str]) -> Option<&'a [&'a str]> {
    let missing = out.iter().position(|l| l.contains("/proc/meminfo"))?;
    let (listed, rest) = out.split_at(missing);
    let pids = listed.strip_suffix(&["self", "thread-self"])?;
    let only_pids = !pids.is_empty() && pids.iter().all(|l| l.parse::<i64>().is_ok());
    (only_pids && rest[0].contains("No such file")).then_some(&rest[1..])
}

/// A block that, in a user namespace, cannot print all the lesson says because part of it
/// needs real root: why, and what it prints there instead.
struct WithoutRoot {
    step: &'static str,
    why: &'static str,
    check: fn(&[&str]) -> bool,
}

const WITHOUT_ROOT: &[WithoutRoot] = &[WithoutRoot {
    step: "hidepid",
    why: "its second user needs sudo: a user namespace maps one uid, so setpriv has no \
          uid 65534 to become; only the subset=pid part is checked",
    check: |o| {
        after_subset_pid(o).is_some_and(|rest| rest.iter().any(|l| l.contains("setresuid failed")))
    },
}];

/// Runs inside the sandbox as its PID 1: starts the decoys, runs the block, then writes
/// which decoys were touched and what the block left running.
const DRIVER: &str = r#"
cd "$1"
cp "$(command -v sleep)" ./pacer   # the loop's own pause must not be a `sleep`
for i in 1 2 3; do sleep 600 & echo $! >> decoys; done
( while [ ! -e stop ]; do sleep 600 & echo $! >> decoys; ./pacer 0.05; done ) &
loop=$!
./pacer 0.3
timeout 60 bash ./block.sh > out 2>&1
echo "exit $?" > report
: > stop; wait $loop
known=" 1 $(tr '\n' ' ' < decoys)"
while read -r p; do
  state=gone
  [ -r /proc/$p/status ] && while read -r k v rest; do [ "$k" = State: ] && state=$v; done < /proc/$p/status
  [ "$state" = S ] || echo "decoy $p $state" >> report
done < decoys
for d in /proc/[0-9]*; do
  p=${d#/proc/}
  case "$known " in *" $p "*) continue ;; esac
  [ -r $d/comm ] || continue
  read -r c < $d/comm
  [ "$c" = pacer ] || echo "left $p $c" >> report
done
"#;

/// How the sandbox is made: as root, or through a user namespace (as this user, or as uid
/// 65534 when this test runs as root).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Mode {
    Root,
    Userns,
}

/// A fresh directory the sandbox's user can write, removed on drop.
struct Work(PathBuf);

impl Work {
    fn new(tag: &str) -> Work {
        let dir = std::env::temp_dir().join(format!("paste-safety-{}-{tag}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("work dir");
        set_mode(&dir, 0o777);
        Work(dir)
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// What a run gave: the block's output lines, and the report's lines (exit status, touched
/// decoys, leftovers).
struct Run {
    out: String,
    report: Vec<String>,
}

fn run(block: &str, mode: Mode, work: &Path) -> Run {
    let commands = block.replace("sudo ", "");
    for (name, text) in [("block.sh", commands.as_str()), ("driver.sh", DRIVER)] {
        std::fs::write(work.join(name), text).expect("write");
        set_mode(&work.join(name), 0o755);
    }
    for name in ["decoys", "report", "out", "stop"] {
        let _ = std::fs::remove_file(work.join(name));
    }
    let mut command = match (mode, is_root()) {
        (Mode::Root, _) => Command::new("unshare"),
        (Mode::Userns, true) => {
            let mut c = common::as_nobody("unshare").expect("setpriv");
            c.args(["--user", "--map-root-user"]);
            c
        }
        (Mode::Userns, false) => {
            let mut c = Command::new("unshare");
            c.args(["--user", "--map-root-user"]);
            c
        }
    };
    command
        .args(["--pid", "--fork", "--mount-proc", "--", "bash"])
        .arg(work.join("driver.sh"))
        .arg(work);
    let status = command.status().expect("run unshare");
    assert!(status.success(), "the sandbox failed: {status}");
    let read = |name: &str| std::fs::read_to_string(work.join(name)).unwrap_or_default();
    Run {
        out: read("out"),
        report: read("report").lines().map(str::to_string).collect(),
    }
}

fn lessons() -> [(&'static str, String); 2] {
    ["tutorial.md", "assets/ko/tutorial.md"].map(|file| {
        let text = std::fs::read_to_string(Path::new(ROOT).join(file)).expect(file);
        (file, text)
    })
}

/// The text of `step` in `lesson`, from its heading to the next.
fn section<'a>(lesson: &'a str, step: &str) -> &'a str {
    let start = lesson.find(&format!("{{#{step}}}")).expect("step heading");
    let rest = &lesson[start..];
    &rest[..rest[1..].find("\n## ").map_or(rest.len(), |end| end + 1)]
}

/// newpid, built from assets/newpid.c into `work` for step 4's block; false when gcc is
/// missing.
fn build_newpid(work: &Path) -> bool {
    if which("gcc").is_none() {
        return false;
    }
    let status = Command::new("gcc")
        .args(["-Wall", "-Wextra", "-o"])
        .arg(work.join("newpid"))
        .arg(Path::new(ROOT).join("assets/newpid.c"))
        .status()
        .expect("gcc");
    assert!(status.success(), "newpid.c does not build");
    true
}

/// The check for a block in `mode`: the lesson's, or in a user namespace what a block that
/// needs real root for part of it prints there. The reason goes to stderr directly, as
/// `skip` writes it, so that plain `cargo test` shows it.
fn check(expect: &Expect, mode: Mode) -> fn(&[&str]) -> bool {
    match WITHOUT_ROOT.iter().find(|w| w.step == expect.step) {
        Some(without) if mode == Mode::Userns => {
            let line = format!("{}: {}\n", expect.step, without.why);
            let _ = std::io::stderr().lock().write_all(line.as_bytes());
            without.check
        }
        _ => expect.check,
    }
}

fn every_block_runs_safely(mode: Mode) {
    let work = Work::new(&format!("{mode:?}"));
    let newpid = build_newpid(&work.0);
    let [(_, en), (_, ko)] = lessons();
    let (en_blocks, ko_blocks) = (blocks(&en), blocks(&ko));
    assert_eq!(en_blocks, ko_blocks, "both lessons give the same commands");
    assert_eq!(en_blocks.len(), EXPECT.len(), "one expectation per block");
    let mut failures = Vec::new();
    for (block, expect) in en_blocks.iter().zip(EXPECT) {
        assert_eq!(block.step, expect.step);
        for (lesson, says) in [(&en, expect.says[0]), (&ko, expect.says[1])] {
            assert!(
                section(lesson, expect.step).contains(says),
                "{}: the lesson no longer says {says:?}; update the check with it",
                expect.step
            );
        }
        if block.commands.contains("./newpid") && !newpid {
            skip(&format!(
                "{}: gcc is missing, so ./newpid cannot be built",
                block.step
            ));
            continue;
        }
        let result = run(&block.commands, mode, &work.0);
        let lines: Vec<&str> = result.out.lines().map(str::trim).collect();
        let touched: Vec<&String> = result
            .report
            .iter()
            .filter(|l| !l.starts_with("exit"))
            .collect();
        if !touched.is_empty() {
            failures.push(format!("{}: {touched:?}\n{}", block.step, result.out));
        } else if !check(expect, mode)(&lines) {
            failures.push(format!(
                "{}: printed something else:\n{}",
                block.step, result.out
            ));
        }
    }
    assert!(failures.is_empty(), "{mode:?}:\n{}", failures.join("\n\n"));
}

fn sandbox_or_skip(mode: Mode) -> bool {
    if which("unshare").is_none() || which("bash").is_none() {
        skip("unshare(1) or bash is not installed (scripts/test-deps.sh)");
        return false;
    }
    if mode == Mode::Root && !is_root() {
        skip_needs_root("the root sandbox needs root; the userns test covers this user");
        return false;
    }
    if mode == Mode::Userns {
        if is_root() && common::as_nobody("unshare").is_none() {
            skip("setpriv is missing: cannot drop to uid 65534");
            return false;
        }
        let probe = pidns_tutor::check::probe(pidns_tutor::lab::Mode::Userns, common::exe());
        if let Err(why) = probe {
            skip(&format!("no user namespaces here: {why}"));
            return false;
        }
    }
    true
}

#[test]
fn every_command_is_safe_to_paste_and_prints_what_the_lesson_says_as_root() {
    if sandbox_or_skip(Mode::Root) {
        every_block_runs_safely(Mode::Root);
    }
}

#[test]
fn every_command_is_safe_to_paste_and_prints_what_the_lesson_says_in_a_user_namespace() {
    if sandbox_or_skip(Mode::Userns) {
        every_block_runs_safely(Mode::Userns);
    }
}

#[test]
fn no_command_picks_its_process_machine_wide() {
    for (file, text) in lessons() {
        for block in blocks(&text) {
            assert_eq!(
                picks_machine_wide(&block.commands),
                None,
                "{file} {}: {}",
                block.step,
                block.commands
            );
        }
    }
}

/// The old step 15, as a lesson snippet: the unit check refuses it, and run beside the
/// decoys it signals one of them. This is what the two checks above exist to catch.
const OLD_STEP_15: &str = "## 15. Signals from outside {#signals-from-outside}\n\n\
See it yourself:\n\n```sh\n\
sudo unshare -pf --mount-proc sleep 300 &\n\
sleep 1; p=$(pgrep -n -x sleep)\n\
sudo kill -TERM $p; ps -o pid,stat,comm -p $p\n\
sudo kill -STOP $p; ps -o pid,stat,comm -p $p; sudo kill -KILL $p\n```\n";

#[test]
fn the_unit_check_refuses_a_pgrep_n_command() {
    let found = blocks(OLD_STEP_15);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].step, "signals-from-outside");
    assert_eq!(picks_machine_wide(&found[0].commands), Some("pgrep -n"));
}

#[test]
fn a_pgrep_n_command_hits_a_decoy() {
    let mode = if is_root() { Mode::Root } else { Mode::Userns };
    if !sandbox_or_skip(mode) {
        return;
    }
    let work = Work::new("old");
    let result = run(&blocks(OLD_STEP_15)[0].commands, mode, &work.0);
    assert!(
        result.report.iter().any(|l| l.starts_with("decoy ")),
        "the old command should have signalled a decoy: {:?}\n{}",
        result.report,
        result.out
    );
    assert!(
        result.report.iter().any(|l| l.starts_with("left ")),
        "and left its own sleep 300 running: {:?}",
        result.report
    );
}
