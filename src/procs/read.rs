//! Low-level, allocation-light readers for the few /proc files a snapshot needs.
//!
//! Why hand-rolled instead of the `procfs` crate: `tree` must stay far below `pstree -p`
//! on a host with 10,000 processes, so the hot loop opens files relative to one directory
//! descriptor (`openat`), reads into one reused buffer, and parses only the fields we use
//! (pid, ppid, comm from `stat`; the inode from the `ns/pid` link; `NSpid` from `status`
//! only when needed). Every read may fail because the process just exited: each function
//! then returns `None`/empty and the caller leaves the process out, silently.
//!
//! Man page: proc_pid_stat(5), proc_pid_status(5), proc_pid_ns(5).

use std::ffi::CStr;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// Reads files below one /proc root through a directory descriptor.
pub(crate) struct Reader {
    /// The root directory (normally /proc), opened once; `None` if it could not be opened,
    /// in which case every read comes back empty.
    root: Option<OwnedFd>,
    /// Relative path being built ("1234/stat\0"), reused across calls.
    path: Vec<u8>,
    /// File contents, reused across calls.
    buf: Vec<u8>,
}

impl Reader {
    pub(crate) fn new(root: &Path) -> Reader {
        let mut c = root.as_os_str().as_bytes().to_vec();
        c.push(0);
        let fd = match CStr::from_bytes_with_nul(&c) {
            // SAFETY: a valid NUL-terminated path; the returned fd is checked and owned.
            Ok(p) => unsafe {
                libc::open(
                    p.as_ptr(),
                    libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC,
                )
            },
            Err(_) => -1,
        };
        // SAFETY: fd >= 0 was just returned by open and nobody else owns it.
        let root = (fd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(fd) });
        Reader {
            root,
            path: Vec::with_capacity(64),
            buf: Vec::with_capacity(4096),
        }
    }

    /// Sets `self.path` to "PID/<rest>\0".
    fn set_path(&mut self, pid: i32, rest: &[u8]) {
        self.path.clear();
        push_int(&mut self.path, i64::from(pid));
        self.path.push(b'/');
        self.path.extend_from_slice(rest);
        self.path.push(0);
    }

    /// Reads the file at `self.path` into `self.buf`. False if it could not be read.
    fn read_path(&mut self) -> bool {
        self.buf.clear();
        let Some(root) = &self.root else {
            return false;
        };
        // SAFETY: path is NUL-terminated (set_path); the fd is closed by OwnedFd.
        let fd = unsafe {
            libc::openat(
                root.as_raw_fd(),
                self.path.as_ptr().cast(),
                libc::O_RDONLY | libc::O_CLOEXEC,
            )
        };
        if fd < 0 {
            return false;
        }
        // SAFETY: fd >= 0 was just returned by openat.
        let file = unsafe { OwnedFd::from_raw_fd(fd) };
        loop {
            if self.buf.capacity() - self.buf.len() < 1024 {
                self.buf.reserve(4096);
            }
            let spare = self.buf.capacity() - self.buf.len();
            // SAFETY: we read at most `spare` bytes into the vector's spare capacity and
            // only then extend its length by what the kernel reported.
            let n = unsafe {
                libc::read(
                    file.as_raw_fd(),
                    self.buf.as_mut_ptr().add(self.buf.len()).cast(),
                    spare,
                )
            };
            if n < 0 {
                if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                // ESRCH mid-read: the process went away.
                return false;
            }
            if n == 0 {
                return true;
            }
            // SAFETY: the kernel initialised n bytes past the old length.
            unsafe { self.buf.set_len(self.buf.len() + n as usize) };
        }
    }

    /// PIDs (numeric entries) of `dir` below the root ("" for the root itself, or
    /// "PID/task"), in ascending order.
    fn numeric_entries(&mut self, rel: Option<(i32, &[u8])>) -> Vec<i32> {
        let mut out = Vec::new();
        match rel {
            Some((pid, rest)) => self.set_path(pid, rest),
            None => {
                self.path.clear();
                self.path.extend_from_slice(b".\0");
            }
        }
        let Some(root) = &self.root else {
            return out;
        };
        // SAFETY: NUL-terminated relative path; ownership of the fd passes to the DIR*,
        // which closedir releases below.
        let dir = unsafe {
            let fd = libc::openat(
                root.as_raw_fd(),
                self.path.as_ptr().cast(),
                libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC,
            );
            if fd < 0 {
                return out;
            }
            let dir = libc::fdopendir(fd);
            if dir.is_null() {
                libc::close(fd);
                return out;
            }
            dir
        };
        loop {
            // SAFETY: dir is a valid DIR* until closedir; the entry is read before the
            // next readdir call.
            let ent = unsafe { libc::readdir(dir) };
            if ent.is_null() {
                break;
            }
            // SAFETY: d_name is NUL-terminated within the dirent.
            let name = unsafe { CStr::from_ptr((*ent).d_name.as_ptr()) };
            if let Some(pid) = parse_pid(name.to_bytes()) {
                out.push(pid);
            }
        }
        // SAFETY: dir came from fdopendir and is closed exactly once.
        unsafe { libc::closedir(dir) };
        out.sort_unstable();
        out
    }

    /// Every PID listed in the root directory.
    pub(crate) fn pids(&mut self) -> Vec<i32> {
        self.numeric_entries(None)
    }

    /// (ppid, name) from PID/stat. The name is the raw `comm`, decoded by `decode_name`.
    pub(crate) fn stat(&mut self, pid: i32) -> Option<(i32, String)> {
        self.set_path(pid, b"stat");
        if !self.read_path() {
            return None;
        }
        parse_stat(&self.buf)
    }

    /// The inode of PID's pid namespace, from the `ns/pid` link ("pid:[4026531836]").
    pub(crate) fn pidns(&mut self, pid: i32) -> Option<u64> {
        self.set_path(pid, b"ns/pid");
        let root = self.root.as_ref()?;
        let mut link = [0u8; 64];
        // SAFETY: NUL-terminated path; the kernel writes at most link.len() bytes.
        let n = unsafe {
            libc::readlinkat(
                root.as_raw_fd(),
                self.path.as_ptr().cast(),
                link.as_mut_ptr().cast(),
                link.len(),
            )
        };
        if n <= 0 {
            return None;
        }
        parse_ns_link(&link[..n as usize])
    }

    /// `NSpid` from PID/status; `None` if unreadable or absent (kernels before 4.1).
    pub(crate) fn nspid(&mut self, pid: i32) -> Option<Vec<i32>> {
        self.set_path(pid, b"status");
        if !self.read_path() {
            return None;
        }
        parse_nspid(&self.buf)
    }

    /// Children of every thread of PID, from PID/task/TID/children (needs
    /// CONFIG_PROC_CHILDREN). Sorted, without duplicates.
    pub(crate) fn children(&mut self, pid: i32) -> Vec<i32> {
        let tids = self.numeric_entries(Some((pid, b"task")));
        let mut out = Vec::new();
        let mut rest = Vec::with_capacity(32);
        for tid in tids {
            rest.clear();
            rest.extend_from_slice(b"task/");
            push_int(&mut rest, i64::from(tid));
            rest.extend_from_slice(b"/children");
            self.set_path(pid, &rest);
            if self.read_path() {
                out.extend(
                    self.buf
                        .split(|b| b.is_ascii_whitespace())
                        .filter_map(parse_pid),
                );
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Appends the decimal form of `n` without going through `fmt` (hot loop).
fn push_int(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    let mut v = n.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// A positive PID written in plain decimal digits; anything else is `None`.
pub(crate) fn parse_pid(s: &[u8]) -> Option<i32> {
    if s.is_empty() || s.len() > 10 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: i64 = 0;
    for &b in s {
        v = v * 10 + i64::from(b - b'0');
    }
    i32::try_from(v).ok().filter(|&p| p > 0)
}

/// Parses "PID (COMM) S PPID ...". COMM may hold spaces, parentheses and even newlines,
/// so it ends at the LAST ')' of the line.
pub(crate) fn parse_stat(buf: &[u8]) -> Option<(i32, String)> {
    let open = buf.iter().position(|&b| b == b'(')?;
    let close = buf.iter().rposition(|&b| b == b')')?;
    if close < open {
        return None;
    }
    let name = decode_name(&buf[open + 1..close]);
    let mut fields = buf[close + 1..]
        .split(|&b| b == b' ')
        .filter(|f| !f.is_empty());
    let _state = fields.next()?;
    let ppid = fields.next()?;
    let ppid = if ppid == b"0" { 0 } else { parse_pid(ppid)? };
    Some((ppid, name))
}

/// Parses "pid:[4026531836]".
pub(crate) fn parse_ns_link(link: &[u8]) -> Option<u64> {
    let start = link.iter().position(|&b| b == b'[')? + 1;
    let end = link.iter().rposition(|&b| b == b']')?;
    std::str::from_utf8(link.get(start..end)?)
        .ok()?
        .parse()
        .ok()
}

/// Finds the "NSpid:" line of a status file and parses its PIDs.
pub(crate) fn parse_nspid(buf: &[u8]) -> Option<Vec<i32>> {
    let line = buf
        .split(|&b| b == b'\n')
        .find_map(|l| l.strip_prefix(b"NSpid:"))?;
    let pids: Option<Vec<i32>> = line
        .split(|b| b.is_ascii_whitespace())
        .filter(|f| !f.is_empty())
        .map(parse_pid)
        .collect();
    pids.filter(|v| !v.is_empty())
}

/// Turns raw `comm` bytes into a String. Valid UTF-8 is kept as is; each byte that is not
/// part of valid UTF-8 becomes the four characters `\xNN`, so no information is lost and
/// `label::display_name` can still escape control characters afterwards.
pub fn decode_name(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + 8);
            let mut rest = bytes;
            while !rest.is_empty() {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        // The prefix was just validated by from_utf8.
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                        let bad = e.error_len().unwrap_or(rest.len() - good);
                        for b in &rest[good..good + bad] {
                            out.push_str(&format!("\\x{b:02x}"));
                        }
                        rest = &rest[good + bad..];
                    }
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_with_parens_spaces_newline() {
        let s = b"42 (a b) (c\nd) S 7 42 42 0 -1 4194560 0 0";
        assert_eq!(parse_stat(s), Some((7, "a b) (c\nd".to_owned())));
    }

    #[test]
    fn stat_ppid_zero_and_garbage() {
        assert_eq!(
            parse_stat(b"1 (init) S 0 1 1"),
            Some((0, "init".to_owned()))
        );
        assert_eq!(parse_stat(b"1 (init"), None);
        assert_eq!(parse_stat(b"1 (x) S"), None);
    }

    #[test]
    fn invalid_utf8_becomes_hex() {
        assert_eq!(decode_name(b"a\xffb\xc3"), "a\\xffb\\xc3");
        assert_eq!(decode_name("한글".as_bytes()), "한글");
    }

    #[test]
    fn ns_link_and_nspid() {
        assert_eq!(parse_ns_link(b"pid:[4026531836]"), Some(4026531836));
        assert_eq!(parse_ns_link(b"pid:[x]"), None);
        let st = b"Name:\tsleep\nNSpid:\t7012\t5\t1\nNSsid:\t1\n";
        assert_eq!(parse_nspid(st), Some(vec![7012, 5, 1]));
        assert_eq!(parse_nspid(b"Name:\tx\n"), None);
    }

    #[test]
    fn pid_parsing() {
        assert_eq!(parse_pid(b"123"), Some(123));
        assert_eq!(parse_pid(b"self"), None);
        assert_eq!(parse_pid(b"0"), None);
        assert_eq!(parse_pid(b"99999999999"), None);
        let mut v = Vec::new();
        push_int(&mut v, 40213);
        assert_eq!(v, b"40213");
    }
}
