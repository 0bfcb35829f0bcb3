//! The one file scripts/dist.sh builds for a classroom runs the live lesson on a machine
//! that has nothing else: `walk` in a root file system holding only that binary, /proc and
//! /dev/null (no libc, no /etc, no HOME), as root and as uid 65534 through a user
//! namespace. The root file system is made the root of a private mount namespace
//! (pivot_root, not chroot: the kernel refuses user namespaces to a chrooted process), so
//! the host's mounts never change.
//!
//! Ignored by plain `cargo test`, which has no static build; `.ci/dist` runs it after
//! scripts/dist.sh: `PIDNS_TUTOR_STATIC_BIN=target/dist/pidns-tutor-... cargo test --test
//! static_binary -- --ignored`.

mod common;

use common::*;
use std::ffi::CString;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

const IGNORED: &str = "needs the static binary of scripts/dist.sh (.ci/dist runs it)";

/// Runs `/pidns-tutor ARGS` with `root` as the whole file system (as `uid` when given).
fn in_bare_root(root: &Path, uid: Option<u32>, args: &[&str]) -> std::process::Output {
    let c = |p: &Path| CString::new(p.as_os_str().as_encoded_bytes()).expect("a path");
    let (root_c, proc_c, null_c) = (c(root), c(&root.join("proc")), c(&root.join("dev/null")));
    let mut command = Command::new("/pidns-tutor");
    command.args(args).env_clear();
    // SAFETY: only system calls between fork and exec, on strings made before the fork.
    unsafe {
        command.pre_exec(move || {
            let check = |r: libc::c_int| {
                if r == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            };
            let null: *const libc::c_char = std::ptr::null();
            let no_data: *const libc::c_void = std::ptr::null();
            check(libc::unshare(libc::CLONE_NEWNS))?;
            let slash = c"/".as_ptr();
            check(libc::mount(
                null,
                slash,
                null,
                libc::MS_REC | libc::MS_PRIVATE,
                no_data,
            ))?;
            let bind = libc::MS_BIND;
            check(libc::mount(
                root_c.as_ptr(),
                root_c.as_ptr(),
                null,
                bind,
                no_data,
            ))?;
            check(libc::mount(
                c"proc".as_ptr(),
                proc_c.as_ptr(),
                c"proc".as_ptr(),
                0,
                no_data,
            ))?;
            check(libc::mount(
                c"/dev/null".as_ptr(),
                null_c.as_ptr(),
                null,
                bind,
                no_data,
            ))?;
            check(libc::chdir(root_c.as_ptr()))?;
            // pivot_root(".", "."): the old root ends up under the new one, then goes.
            check(
                libc::syscall(libc::SYS_pivot_root, c".".as_ptr(), c".".as_ptr()) as libc::c_int,
            )?;
            check(libc::umount2(c".".as_ptr(), libc::MNT_DETACH))?;
            check(libc::chdir(slash))?;
            if let Some(uid) = uid {
                check(libc::setgroups(0, std::ptr::null()))?;
                check(libc::setgid(uid))?;
                check(libc::setuid(uid))?;
            }
            Ok(())
        });
    }
    output(&mut command)
}

#[test]
#[ignore = "needs the static binary of scripts/dist.sh (.ci/dist runs it)"]
fn the_static_binary_walks_live_with_nothing_but_proc_and_dev_null() {
    let Some(binary) = std::env::var_os("PIDNS_TUTOR_STATIC_BIN") else {
        panic!("PIDNS_TUTOR_STATIC_BIN is not set: {IGNORED}");
    };
    if !is_root() {
        skip_needs_root("building a root file system of mounts");
        return;
    }
    let root = Scratch::new("bare-root");
    std::fs::create_dir_all(root.join("proc")).expect("proc");
    std::fs::create_dir_all(root.join("dev")).expect("dev");
    std::fs::write(root.join("dev/null"), "").expect("a mount point for /dev/null");
    std::fs::copy(&binary, root.join("pidns-tutor")).expect("the binary");
    // Reachable by uid 65534 (the scratch directory is made 0700 by some temp dirs).
    let open = |p: &Path| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    };
    open(&root);
    open(&root.join("pidns-tutor"));
    let before = mountinfo();

    for (uid, mode) in [(None, "root"), (Some(65534), "userns")] {
        let out = in_bare_root(&root, uid, &["walk", "--json"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{mode}: {stderr}");
        let (header, steps) = parse_walk(&out.stdout);
        assert_eq!(header["live"], true, "{mode}: {header}");
        assert_eq!(header["mode"], mode, "{header}");
        assert_eq!(facts(&steps, "clone")["child_getpid"], 1, "{mode}");
        assert!(
            steps.iter().all(|s| s.get("error").is_none()),
            "{mode}: {stderr}"
        );
    }
    assert_eq!(before, mountinfo(), "the host's mounts changed");
}
