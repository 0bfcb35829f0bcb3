//! The one /proc reader (`procs::Reader`) on the live /proc, each answer checked against
//! another way of asking the kernel: std's file system calls, getpid/getppid, a child we
//! started, a mount we made in a private mount namespace.

mod common;

use pidns_tutor::procs::{Reader, Who};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};

fn proc() -> Reader {
    Reader::new(Path::new("/proc"))
}

/// Kills and reaps the child however the test ends.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn reads_about_itself_what_the_kernel_says() {
    let mut r = proc();
    let me = std::process::id() as i32;
    let ino = std::fs::metadata("/proc/self/ns/pid").map(|m| m.ino()).ok();
    assert!(ino.is_some());
    assert_eq!(r.pidns(Who::Myself), ino);
    assert_eq!(r.pidns(me), ino);

    let mut kinds: Vec<String> = std::fs::read_dir("/proc/self/ns")
        .expect("ns dir")
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    kinds.sort();
    assert!(kinds.contains(&"pid".to_string()));
    let namespaces = r.namespaces(Who::Myself);
    assert_eq!(namespaces.keys().cloned().collect::<Vec<_>>(), kinds);
    for (kind, id) in &namespaces {
        let m = std::fs::metadata(format!("/proc/self/ns/{kind}")).expect("ns link");
        assert_eq!(*id, (m.dev(), m.ino()), "{kind}");
        assert_eq!(r.ns_id(Who::Myself, kind), Some(*id), "{kind}");
    }

    let ppid = nix::unistd::getppid().as_raw();
    let (stat_ppid, name) = r.stat(Who::Myself).expect("own stat");
    assert_eq!(stat_ppid, ppid);
    let comm = std::fs::read_to_string("/proc/self/comm").expect("comm");
    assert_eq!(name, comm.trim_end());

    // The last NSpid entry is the PID in the process's own namespace: getpid().
    let nspid = r.nspid(Who::Myself).expect("NSpid");
    assert_eq!(nspid.last(), Some(&me));
    assert_eq!(r.status(me).map(|s| s.ppid), Some(ppid));
}

#[test]
fn finds_a_child_and_forgets_it_once_reaped() {
    let child = Command::new("sleep").arg("30").spawn().expect("sleep");
    let pid = child.id() as i32;
    let child = Reaped(child);
    let mut r = proc();
    assert!(r.children(Who::Myself).contains(&pid));
    assert!(r.pids().contains(&pid));
    assert_eq!(
        r.stat(pid).map(|(ppid, _)| ppid),
        Some(std::process::id() as i32)
    );
    drop(child);
    // Gone: every read is empty, none is an error.
    assert_eq!(r.stat(pid), None);
    assert_eq!(r.pidns(pid), None);
    assert!(r.status(pid).is_none());
    assert!(r.children(pid).is_empty());
    assert!(r.namespaces(pid).is_empty());
    assert_eq!(r.ns_id(pid, "pid"), None);
    assert_eq!(r.exit_signal(pid), None);
    assert!(r.mount_table(pid).is_empty());
    assert!(!r.children(Who::Myself).contains(&pid));
}

#[test]
fn mount_table_sees_a_mount_made_in_a_private_namespace() {
    if !common::live_or_skip("mount_table_sees_a_mount_made_in_a_private_namespace") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("pidns-tutor-mnt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mount point");
    let mut unshare = Command::new("unshare");
    if !common::is_root() {
        unshare.args(["--user", "--map-root-user"]);
    }
    // unshare execs sh in its own process: the child's PID is the shell's.
    let script =
        r#"echo ready; read go; mount -t tmpfs pidns-tutor-test "$1" && echo mounted; read end"#;
    unshare
        .args([
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            script,
            "sh",
        ])
        .arg(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut child = Reaped(unshare.spawn().expect("unshare"));
    let pid = child.0.id() as i32;
    let mut input = child.0.stdin.take().expect("stdin");
    let mut output = BufReader::new(child.0.stdout.take().expect("stdout"));
    let mut line = String::new();
    output.read_line(&mut line).expect("ready");
    assert_eq!(line, "ready\n");

    let mut r = proc();
    let ours = r.mount_table(Who::Myself);
    let before = r.mount_table(pid);
    assert!(!ours.is_empty() && !before.is_empty());
    writeln!(input, "go").expect("go");
    line.clear();
    output.read_line(&mut line).expect("mounted");
    assert_eq!(line, "mounted\n");
    let after = r.mount_table(pid);
    drop(child);
    let _ = std::fs::remove_dir(&dir);

    let new: Vec<&String> = after.iter().filter(|m| !before.contains(m)).collect();
    assert_eq!(new.len(), 1, "{new:?}");
    assert!(new[0].contains(" tmpfs pidns-tutor-test "), "{}", new[0]);
    assert_eq!(after.len(), before.len() + 1);
    // And the tutor's own table did not move.
    assert_eq!(r.mount_table(Who::Myself), ours);
}
