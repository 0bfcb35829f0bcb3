//! The one reader of a /proc mount: the snapshots, `tree`, the lesson's facts about the
//! host and the task checkers read /proc here, and the `procfs` crate parses what is read. (The lab's own few
//! reads, inside and around the namespace, live in src/lab.)
//!
//! Two ways in, one parser. The hot loop (`stat`, `pidns`, `status` for each of maybe
//! 10,000 processes in `tree`) opens files relative to one descriptor of the mount's root
//! with rustix and hands the bytes to procfs's `Stat`/`Status` parsers: procfs's `Process`
//! would open a directory per process and std's `read_to_end` would add a `statx` and an
//! `lseek` per file, 1.4-1.7x the time of the hand-rolled reader this replaced instead of
//! 1.2x (BENCHMARKS.md). Reads done once (a process's threads' children, its namespaces,
//! its mount table) go through procfs's `Process` (process.rs).
//!
//! Every read may fail because the process just exited: each function then returns
//! `None`/empty and the caller leaves the process out, silently.
//!
//! Man pages: proc_pid_stat(5), proc_pid_status(5), proc_pid_ns(5).

use super::decode::{decode_name, parse_ns_link, parse_pid, raw_comm, stat_is_well_formed};
use procfs::FromRead;
use procfs::process::{Stat, Status};
use rustix::fd::OwnedFd;
use rustix::fs::{Mode, OFlags};
use std::fmt::{self, Write};
use std::path::{Path, PathBuf};

/// Which process to read: a PID as the mount numbers it, or the reader itself
/// (`/proc/self`, right even when the mount's PID namespace is not the reader's own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Myself,
    Pid(i32),
}

impl From<i32> for Who {
    fn from(pid: i32) -> Who {
        Who::Pid(pid)
    }
}

impl fmt::Display for Who {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Who::Myself => f.write_str("self"),
            Who::Pid(pid) => write!(f, "{pid}"),
        }
    }
}

/// Reads the files of one /proc mount (or a copy of one, as in tests/fixtures/proc).
pub struct Reader {
    pub(super) root: PathBuf,
    /// The root directory, opened once; `None` if it could not be opened, in which case
    /// every read comes back empty.
    dir: Option<OwnedFd>,
    /// Relative path being built ("1234/stat"), reused across calls.
    path: String,
    /// File contents, reused across calls.
    buf: Vec<u8>,
}

impl Reader {
    pub fn new(root: &Path) -> Reader {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        Reader {
            root: root.to_path_buf(),
            dir: rustix::fs::openat(rustix::fs::CWD, root, flags, Mode::empty()).ok(),
            path: String::with_capacity(32),
            buf: Vec::with_capacity(4096),
        }
    }

    /// Sets `self.path` to "WHO/<rest>".
    fn set_path(&mut self, who: Who, rest: &str) {
        self.path.clear();
        // Writing to a String cannot fail.
        let _ = write!(self.path, "{who}/{rest}");
    }

    /// Reads the file at `self.path` into `self.buf`. False if it could not be read.
    fn read_path(&mut self) -> bool {
        self.buf.clear();
        let Some(dir) = &self.dir else {
            return false;
        };
        let flags = OFlags::RDONLY | OFlags::CLOEXEC;
        let Ok(file) = rustix::fs::openat(dir, self.path.as_str(), flags, Mode::empty()) else {
            return false;
        };
        loop {
            if self.buf.capacity() - self.buf.len() < 1024 {
                self.buf.reserve(4096);
            }
            match rustix::io::read(&file, rustix::buffer::spare_capacity(&mut self.buf)) {
                Ok(0) => return true,
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                // ESRCH mid-read: the process went away.
                Err(_) => return false,
            }
        }
    }

    /// Every PID listed in the root directory, in ascending order. A plain readdir: procfs
    /// would open each process's directory on the way, and this list is taken often just
    /// to count.
    pub fn pids(&self) -> Vec<i32> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let Ok(entries) = rustix::fs::Dir::read_from(dir) else {
            return Vec::new();
        };
        let mut out: Vec<i32> = entries
            .filter_map(|e| parse_pid(e.ok()?.file_name().to_bytes()))
            .collect();
        out.sort_unstable();
        out
    }

    /// WHO/stat, parsed by procfs, with its raw bytes still in `self.buf`.
    fn parsed_stat(&mut self, who: Who) -> Option<Stat> {
        self.set_path(who, "stat");
        if !self.read_path() || !stat_is_well_formed(&self.buf) {
            return None;
        }
        Stat::from_read(self.buf.as_slice()).ok()
    }

    /// (ppid, name) from WHO/stat. The name is the raw `comm`, decoded by `decode_name`.
    pub fn stat(&mut self, who: impl Into<Who>) -> Option<(i32, String)> {
        self.stat_and_state(who).map(|(ppid, name, _)| (ppid, name))
    }

    /// (ppid, name, whether it is a zombie) from WHO/stat: a zombie (state `Z`) has ended
    /// and waits for its parent's wait().
    pub fn stat_and_state(&mut self, who: impl Into<Who>) -> Option<(i32, String, bool)> {
        let stat = self.parsed_stat(who.into())?;
        // procfs turns bytes that are not UTF-8 into U+FFFD; take the name's own bytes.
        let name = if stat.comm.contains('\u{fffd}') {
            decode_name(raw_comm(&self.buf)?)
        } else {
            stat.comm
        };
        Some((stat.ppid, name, stat.state == 'Z'))
    }

    /// WHO/stat, every field as procfs parses it (state, process group, start time, ...),
    /// for the few readers that need more than the parent and the name (the task checkers).
    pub fn full_stat(&mut self, who: impl Into<Who>) -> Option<Stat> {
        self.parsed_stat(who.into())
    }

    /// The signal WHO's parent gets when it ends (the low byte of clone()'s flags), e.g.
    /// 17 for SIGCHLD; from WHO/stat.
    pub fn exit_signal(&mut self, who: impl Into<Who>) -> Option<i32> {
        self.parsed_stat(who.into())?.exit_signal
    }

    /// The inode of WHO's PID namespace, from the `ns/pid` link ("pid:[4026531836]"),
    /// the same number a `stat` of the link gives. procfs only reads all of a process's
    /// namespaces at once.
    pub fn pidns(&mut self, who: impl Into<Who>) -> Option<u64> {
        self.set_path(who.into(), "ns/pid");
        let dir = self.dir.as_ref()?;
        let mut link = [0u8; 64];
        let n = rustix::fs::readlinkat_raw(dir, self.path.as_str(), &mut link[..]).ok()?;
        parse_ns_link(link.get(..n)?)
    }

    /// The (device, inode) of the namespace WHO's `ns/KIND` link refers to: a `stat` of
    /// one link, where procfs's `namespaces` takes them all. `None` if unreadable (a
    /// zombie's links, for one: it has ended, only its exit status is left).
    pub fn ns_id(&mut self, who: impl Into<Who>, kind: &str) -> Option<(u64, u64)> {
        self.set_path(who.into(), "ns/");
        self.path.push_str(kind);
        let dir = self.dir.as_ref()?;
        let st = rustix::fs::statat(dir, self.path.as_str(), rustix::fs::AtFlags::empty()).ok()?;
        Some((st.st_dev, st.st_ino))
    }

    /// WHO/status, parsed.
    pub fn status(&mut self, who: impl Into<Who>) -> Option<Status> {
        self.set_path(who.into(), "status");
        if !self.read_path() {
            return None;
        }
        Status::from_read(self.buf.as_slice()).ok()
    }

    /// `NSpid` from WHO/status; `None` if unreadable or absent (kernels before 4.1).
    pub fn nspid(&mut self, who: impl Into<Who>) -> Option<Vec<i32>> {
        self.status(who)?.nspid.filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_names_the_directory() {
        assert_eq!(Who::Myself.to_string(), "self");
        assert_eq!(Who::from(40213).to_string(), "40213");
    }

    #[test]
    fn a_missing_root_reads_nothing() {
        let mut r = Reader::new(Path::new("/nonexistent/proc"));
        assert!(r.pids().is_empty());
        assert_eq!(r.stat(1), None);
        assert_eq!(r.pidns(Who::Myself), None);
        assert!(r.status(1).is_none());
    }

    #[test]
    fn malformed_files_are_skipped_not_parsed() {
        let root = std::env::temp_dir().join(format!("pidns-tutor-read-{}", std::process::id()));
        let files: [(&str, &[u8]); 4] = [
            ("7/stat", b"7 (x)"),
            ("8/stat", b"(x) S 1"),
            ("9/stat", b"9 (\xff\xfe)) S 4 9 9 0"),
            ("9/status", b"Name:\tx\nNSpid:\t9\t1\n"),
        ];
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let mut r = Reader::new(&root);
        let seen = (r.pids(), r.stat(7), r.stat(8), r.stat(9), r.nspid(9));
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(seen.0, [7, 8, 9]);
        assert_eq!((seen.1, seen.2), (None, None));
        // procfs needs every field of a real stat line: a short one is left out, too.
        assert_eq!(seen.3, None);
        // And a status without the lines the kernel always writes.
        assert_eq!(seen.4, None);
    }
}
