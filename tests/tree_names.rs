//! A process whose name has spaces, parentheses, a newline and a byte that is not UTF-8
//! is shown escaped, on one line, by the snapshot, the forest and `tree`.

mod tree_support;

use pidns_tutor::procs::{Snapshot, display_name};
use pidns_tutor::tree::{TreeArgs, run_at};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Command;
use tree_support::*;

#[test]
fn odd_comm_is_escaped_on_one_line() {
    // comm comes from the executable's file name: copy sleep under an odd name.
    let dir = std::env::temp_dir().join(format!("pidns-tutor-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let exe = dir.join(std::ffi::OsStr::from_bytes(b"a b) (c\nd\xff"));
    std::fs::copy("/bin/sleep", &exe).expect("copy sleep");
    let mut guard = Guard::new();
    let pid = guard
        .spawn(Command::new(&exe).arg("1000"))
        .expect("odd sleep starts");
    // Wait for the exec to have happened (comm changes at exec).
    let stat = format!("/proc/{pid}/stat");
    assert!(wait_until(10, || std::fs::read(&stat)
        .is_ok_and(|s| s.contains(&b'\n'))));

    let snap = Snapshot::read_all(Path::new("/proc"));
    let p = snap.get(pid).expect("odd process in the snapshot");
    assert_eq!(p.name, "a b) (c\nd\\xff");
    assert_eq!(p.ppid, std::process::id() as i32);
    assert_eq!(display_name(&p.name), "a b) (c\\nd\\xff");

    let mut out = Vec::new();
    let args = TreeArgs {
        pid: Some(pid),
        ..Default::default()
    };
    run_at(&args, Path::new("/proc"), None, &mut out).expect("tree runs");
    assert_eq!(
        String::from_utf8(out).expect("utf8"),
        format!("a b) (c\\nd\\xff {pid}\n")
    );

    // And inside the whole tree it is one line under this test process.
    let mut all = Vec::new();
    run_at(&TreeArgs::default(), Path::new("/proc"), None, &mut all).expect("tree runs");
    let all = String::from_utf8(all).expect("utf8");
    let me = std::process::id();
    let mine = all
        .lines()
        .position(|l| l.ends_with(&format!(" {me}")))
        .expect("me");
    assert!(
        all.lines()
            .nth(mine + 1)
            .is_some_and(|l| l.ends_with(&format!("─a b) (c\\nd\\xff {pid}"))),
        "{all}"
    );
    drop(guard);
    let _ = std::fs::remove_dir_all(&dir);
}
