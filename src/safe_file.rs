//! Files opened the way their owners expect, whoever else shares the machine.
//!
//! - Writing: a new file is created under a temporary name with `O_CREAT|O_EXCL|O_NOFOLLOW`
//!   (a planted symlink or file is never followed nor reused), written, fsynced and renamed
//!   over the final name (a rename replaces a symlink there; it never writes through it).
//! - Our own directories (state, data): refused unless owned by the user running us and
//!   not writable by others, as ssh and tmux refuse theirs; once checked, everything is
//!   done relative to the opened directory, so swapping its path afterwards changes nothing.
//! - Reading: opened with `O_NONBLOCK` (a FIFO cannot hang us), then only a regular file
//!   is read (not a FIFO, device or directory), and never more than a cap.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rustix::fs::{AtFlags, FlockOperation, Mode, OFlags};

/// The most a progress file, or one of the files `report` adds up, may hold: a whole
/// lesson's progress is a few kilobytes.
pub const INPUT_MAX: u64 = 16 << 20;

fn mib(bytes: u64) -> u64 {
    bytes >> 20
}

/// What a file is, in words, for a refusal.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

fn refused(why: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, why)
}

/// Reads all of an open file, provided it is a regular file of at most `max` bytes.
pub fn read_file(file: File, max: u64) -> io::Result<Vec<u8>> {
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(refused(format!(
            "it is {}, not a regular file",
            kind_of(&meta)
        )));
    }
    if meta.len() > max {
        return Err(too_big(max));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The size may grow while we read: still never more than `max`.
    read_stream(&mut file.take(max + 1), max, &mut bytes)?;
    Ok(bytes)
}

fn too_big(max: u64) -> io::Error {
    refused(format!(
        "it is larger than {} MiB, the most this reads",
        mib(max)
    ))
}

/// Reads `reader` to its end into `bytes`, failing once it would pass `max` bytes.
pub fn read_stream(reader: &mut dyn Read, max: u64, bytes: &mut Vec<u8>) -> io::Result<()> {
    reader.take(max + 1).read_to_end(bytes)?;
    if bytes.len() as u64 > max {
        bytes.clear();
        bytes.shrink_to_fit();
        return Err(too_big(max));
    }
    Ok(())
}

/// Reads the file at `path` (a symlink is followed: the user named it), provided it is a
/// regular file of at most `max` bytes. Opening never waits, even for a FIFO.
pub fn read_bounded(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    read_file(file, max)
}

/// A directory of our own (the state or data directory), checked and held open.
pub struct PrivateDir {
    path: PathBuf,
    fd: OwnedFd,
}

impl PrivateDir {
    /// `path`, made with mode 0700 (and its parents) if it is missing, provided it is a
    /// directory (not a symlink to one) owned by the user we run as and not writable by
    /// anyone else. Otherwise a clear refusal: another user could plant files there.
    pub fn open(path: &Path) -> io::Result<PrivateDir> {
        match std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(path)
        {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::open(path, flags, Mode::empty()).map_err(|e| {
            let why = if e == rustix::io::Errno::LOOP || e == rustix::io::Errno::NOTDIR {
                "is not a directory (a symlink?)".to_string()
            } else {
                io::Error::from(e).to_string()
            };
            io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("{} {why}", path.display()),
            )
        })?;
        let stat = rustix::fs::fstat(&fd)?;
        let me = nix::unistd::geteuid().as_raw();
        let refuse = |why: String| {
            Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "{} {why}: refusing to write there, as ssh and tmux refuse (fix it, or set another directory)",
                    path.display()
                ),
            ))
        };
        if stat.st_uid != me {
            return refuse(format!("belongs to uid {}, not to uid {me}", stat.st_uid));
        }
        if stat.st_mode & 0o022 != 0 {
            return refuse(format!(
                "can be written by other users (mode {:o})",
                stat.st_mode & 0o7777
            ));
        }
        Ok(PrivateDir {
            path: path.to_path_buf(),
            fd,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads `name` in this directory (never through a symlink), at most `max` bytes;
    /// `None` when there is no such file.
    pub fn read(&self, name: &OsStr, max: u64) -> io::Result<Option<Vec<u8>>> {
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::NOFOLLOW;
        match rustix::fs::openat(&self.fd, name, flags | OFlags::CLOEXEC, Mode::empty()) {
            Ok(fd) => read_file(File::from(fd), max).map(Some),
            Err(rustix::io::Errno::NOENT) => Ok(None),
            Err(rustix::io::Errno::LOOP) => Err(refused("it is a symbolic link".into())),
            Err(e) => Err(e.into()),
        }
    }

    /// Replaces `name` with `bytes`, atomically: a crash or a full disk leaves the old
    /// file whole.
    pub fn write_atomically(&self, name: &OsStr, bytes: &[u8]) -> io::Result<()> {
        let mut file = self.new_file(name)?;
        file.write_all(bytes)?;
        file.commit()
    }

    /// A new file that becomes `name` on `commit`.
    pub fn new_file(&self, name: &OsStr) -> io::Result<NewFile> {
        NewFile::create_at(self.fd.try_clone()?, name)
    }

    /// Holds an exclusive advisory lock on the directory until the guard is dropped: two
    /// tutors writing the same file take turns.
    pub fn lock(&self) -> io::Result<Locked> {
        let fd = self.fd.try_clone()?;
        rustix::fs::flock(&fd, FlockOperation::LockExclusive)?;
        Ok(Locked { _fd: fd })
    }

    /// Removes `name`; false when it was not there.
    pub fn remove(&self, name: &OsStr) -> io::Result<bool> {
        match rustix::fs::unlinkat(&self.fd, name, AtFlags::empty()) {
            Ok(()) => Ok(true),
            Err(rustix::io::Errno::NOENT) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Renames `from` to `to`, both in this directory.
    pub fn rename(&self, from: &OsStr, to: &OsStr) -> io::Result<()> {
        Ok(rustix::fs::renameat(&self.fd, from, &self.fd, to)?)
    }

    /// Whether anything (a symlink included) is called `name` here.
    pub fn holds(&self, name: &OsStr) -> bool {
        rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW).is_ok()
    }
}

/// An advisory lock on a directory, released when dropped (the descriptor closes).
pub struct Locked {
    _fd: OwnedFd,
}

/// A file being written under a temporary name, made with `O_EXCL|O_NOFOLLOW` in the
/// directory it will end up in; `commit` renames it into place, dropping it uncommitted
/// removes it.
pub struct NewFile {
    dir: OwnedFd,
    temp: Vec<u8>,
    name: Vec<u8>,
    file: File,
    committed: bool,
}

impl NewFile {
    /// A new file that becomes `path` on `commit`. The directory is the user's choice
    /// (`record --output`) and is not checked; the temporary file never follows a link.
    pub fn create(path: &Path) -> io::Result<NewFile> {
        let name = path
            .file_name()
            .ok_or_else(|| refused(format!("{} names no file", path.display())))?;
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let dir = rustix::fs::open(dir, flags, Mode::empty())?;
        NewFile::create_at(dir, name)
    }

    fn create_at(dir: OwnedFd, name: &OsStr) -> io::Result<NewFile> {
        let flags =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let pid = std::process::id();
        for n in 0.. {
            let mut temp = b".".to_vec();
            temp.extend_from_slice(name.as_bytes());
            temp.extend_from_slice(format!(".{pid}-{n}.tmp").as_bytes());
            match rustix::fs::openat(&dir, temp.as_slice(), flags, Mode::from_raw_mode(0o600)) {
                Ok(fd) => {
                    return Ok(NewFile {
                        dir,
                        temp,
                        name: name.as_bytes().to_vec(),
                        file: File::from(fd),
                        committed: false,
                    });
                }
                // Taken (a file of ours left by a crash, or one planted): try the next.
                Err(rustix::io::Errno::EXIST) if n < 100 => continue,
                Err(e) => return Err(e.into()),
            }
        }
        unreachable!("the loop returns")
    }

    /// Makes the file durable and renames it over the final name.
    pub fn commit(mut self) -> io::Result<()> {
        self.file.sync_all()?;
        rustix::fs::renameat(
            &self.dir,
            self.temp.as_slice(),
            &self.dir,
            self.name.as_slice(),
        )?;
        self.committed = true;
        // The rename lives in the directory: make it durable too.
        rustix::fs::fsync(self.dir.as_fd())?;
        Ok(())
    }
}

impl Write for NewFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for NewFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = rustix::fs::unlinkat(&self.dir, self.temp.as_slice(), AtFlags::empty());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pidns-tutor-sf-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_planted_temp_symlink_is_never_followed() {
        let base = scratch("plant");
        let decoy = base.join("decoy");
        std::fs::write(&decoy, "SECRET").unwrap();
        let dir = base.join("state");
        let private = PrivateDir::open(&dir).unwrap();
        // Every name the writer tries first, planted as links to the decoy.
        for n in 0..5 {
            let link = dir.join(format!(".progress.json.{}-{n}.tmp", std::process::id()));
            std::os::unix::fs::symlink(&decoy, link).unwrap();
        }
        std::os::unix::fs::symlink(&decoy, dir.join("progress.json")).unwrap();
        private
            .write_atomically(OsStr::new("progress.json"), b"{}")
            .unwrap();
        assert_eq!(std::fs::read_to_string(&decoy).unwrap(), "SECRET");
        let meta = std::fs::symlink_metadata(dir.join("progress.json")).unwrap();
        assert!(meta.is_file(), "the final name is a file of its own now");
        assert_eq!(meta.mode() & 0o777, 0o600);
        let e = PrivateDir::open(&dir)
            .unwrap()
            .read(OsStr::new("planted"), INPUT_MAX)
            .unwrap();
        assert_eq!(e, None);
        std::os::unix::fs::symlink(&decoy, dir.join("link")).unwrap();
        let e = private.read(OsStr::new("link"), INPUT_MAX).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn a_directory_others_may_write_or_a_symlink_is_refused() {
        let base = scratch("owner");
        let open = base.join("open");
        std::fs::create_dir(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
        let e = PrivateDir::open(&open).err().unwrap();
        assert!(
            e.to_string().contains("can be written by other users"),
            "{e}"
        );
        let link = base.join("link");
        std::os::unix::fs::symlink(&open, &link).unwrap();
        let e = PrivateDir::open(&link).err().unwrap();
        assert!(e.to_string().contains("not a directory"), "{e}");
        if nix::unistd::geteuid().is_root() {
            let theirs = base.join("theirs");
            std::fs::create_dir(&theirs).unwrap();
            std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
            let e = PrivateDir::open(&theirs).err().unwrap();
            assert!(e.to_string().contains("belongs to uid 65534"), "{e}");
        }
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn fifos_devices_directories_and_big_files_are_refused() {
        let base = scratch("read");
        let fifo = base.join("fifo");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        let e = read_bounded(&fifo, INPUT_MAX).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
        let e = read_bounded(Path::new("/dev/zero"), INPUT_MAX).unwrap_err();
        assert!(e.to_string().contains("character device"), "{e}");
        let e = read_bounded(&base, INPUT_MAX).unwrap_err();
        assert!(e.to_string().contains("directory"), "{e}");
        let big = base.join("big");
        std::fs::write(&big, vec![b'x'; 2048]).unwrap();
        let e = read_bounded(&big, 1024).unwrap_err();
        assert!(e.to_string().contains("larger than"), "{e}");
        assert_eq!(read_bounded(&big, 4096).unwrap().len(), 2048);
        let mut bytes = Vec::new();
        let e = read_stream(
            &mut std::fs::File::open("/dev/zero").unwrap(),
            1024,
            &mut bytes,
        );
        assert!(e.is_err() && bytes.is_empty());
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn an_uncommitted_file_leaves_nothing() {
        let base = scratch("drop");
        let mut file = NewFile::create(&base.join("out.jsonl")).unwrap();
        file.write_all(b"x").unwrap();
        drop(file);
        assert_eq!(std::fs::read_dir(&base).unwrap().count(), 0);
        let mut file = NewFile::create(&base.join("out.jsonl")).unwrap();
        file.write_all(b"x").unwrap();
        file.commit().unwrap();
        assert_eq!(std::fs::read(base.join("out.jsonl")).unwrap(), b"x");
        std::fs::remove_dir_all(&base).unwrap();
    }
}
