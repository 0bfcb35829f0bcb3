//! Where progress lives and how it is written: `$XDG_STATE_HOME/pidns-tutor/progress.json`
//! (or `~/.local/state/...`), replaced atomically (a temporary file in the same directory,
//! fsync, rename, fsync of the directory), so a crash or a full disk leaves the old file
//! whole. A file that cannot be understood is moved aside as `progress.json.bad-TIME` with
//! a warning, never a crash. `NO_PROGRESS=1` or `--no-progress` turn all of it off.
//!
//! The directory must be the user's own (`safe_file::PrivateDir`); the file is read
//! bounded and never through a FIFO or a symlink; each save merges with the file as it
//! is now under a lock (`merge`), so two tutors on one file both keep their answers.

use super::{Progress, SCHEMA, Timestamp};
use crate::safe_file::{INPUT_MAX, PrivateDir};
use std::ffi::OsStr;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The file a talk keeps, beside a learner's `progress.json`: a speaker's rehearsal must
/// not move a learner on, nor a learner's run open a talk at step 8.
pub const TALK_FILE: &str = "talk-progress.json";

/// Where progress is kept, or why it is not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    path: Option<PathBuf>,
    /// Why nothing is written (asked for, or found unsafe at load).
    off: Option<String>,
}

/// Why a file is not a progress file this version can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bad {
    Unreadable(String),
    NotJson(String),
    NoSchema,
    Newer(u64),
    Invalid(String),
}

impl fmt::Display for Bad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bad::Unreadable(e) => write!(f, "cannot be read ({e})"),
            Bad::NotJson(e) => write!(f, "is not valid JSON ({e})"),
            Bad::NoSchema => write!(
                f,
                "is not a pidns-tutor progress file (no \"schema\" number)"
            ),
            Bad::Newer(n) => write!(
                f,
                "was written by a newer pidns-tutor (schema {n}; this one reads schema {SCHEMA})"
            ),
            Bad::Invalid(e) => write!(f, "is damaged ({e})"),
        }
    }
}

/// Reads a progress file's contents.
pub fn parse(bytes: &[u8]) -> Result<Progress, Bad> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| Bad::NotJson(e.to_string()))?;
    parse_value(value)
}

/// Reads one progress file already parsed as JSON.
pub fn parse_value(value: serde_json::Value) -> Result<Progress, Bad> {
    let schema = value
        .get("schema")
        .and_then(serde_json::Value::as_u64)
        .ok_or(Bad::NoSchema)?;
    if schema > u64::from(SCHEMA) {
        return Err(Bad::Newer(schema));
    }
    if schema == 0 {
        return Err(Bad::Invalid("schema 0".into()));
    }
    serde_json::from_value(value).map_err(|e| Bad::Invalid(e.to_string()))
}

/// Whether an on/off environment variable is on: set, not empty and not `0`.
fn env_on(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0")
}

/// `$XDG_STATE_HOME/pidns-tutor/progress.json`, else `$HOME/.local/state/...`. The XDG
/// spec says to ignore a relative path, and so do we. No look-up in the user database
/// when HOME is unset: in the static binary (scripts/dist.sh) that would need glibc's
/// NSS modules at run time, which a bare machine does not have.
pub fn default_path() -> Option<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let state =
        absolute("XDG_STATE_HOME").or_else(|| Some(absolute("HOME")?.join(".local/state")))?;
    Some(state.join("pidns-tutor").join("progress.json"))
}

impl Store {
    /// The store the environment asks for: off with `--no-progress` (`flag`) or
    /// `NO_PROGRESS`, else the default path.
    pub fn from_env(flag: bool) -> Store {
        if flag {
            return Store::off("--no-progress was given");
        }
        if env_on("NO_PROGRESS") {
            return Store::off("NO_PROGRESS is set");
        }
        match default_path() {
            Some(path) => Store::at(path),
            None => Store::off("there is no home directory to keep it in"),
        }
    }

    pub fn at(path: PathBuf) -> Store {
        Store {
            path: Some(path),
            off: None,
        }
    }

    pub fn off(reason: &str) -> Store {
        Store {
            path: None,
            off: Some(reason.to_string()),
        }
    }

    /// The file, when progress is kept.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref().filter(|_| self.off.is_none())
    }

    /// Why progress is not kept, when it is not.
    pub fn off_reason(&self) -> Option<&str> {
        self.off.as_deref()
    }

    /// Reads the progress (none yet: empty). A file that is not a progress file this
    /// version reads is moved aside, and the warning says where; one that cannot be read
    /// or moved turns saving off for this run, so it is never overwritten.
    pub fn load(&mut self, now: Timestamp) -> (Progress, Option<String>) {
        let Some(path) = self.path().map(Path::to_path_buf) else {
            return (Progress::new(), None);
        };
        let (dir, bytes) = match self.read_with_dir() {
            Ok(Some(read)) => read,
            Ok(None) => return (Progress::new(), None),
            Err(e) => {
                let why = format!("cannot read {} ({e})", path.display());
                self.off = Some(why.clone());
                return (
                    Progress::new(),
                    Some(format!("{why}: progress will not be saved this time")),
                );
            }
        };
        match parse(&bytes) {
            Ok(progress) => (progress, None),
            Err(bad) => {
                let warning = match move_aside(&dir, &path, now) {
                    Ok(aside) => format!(
                        "{} {bad}; moved it to {} and started afresh",
                        path.display(),
                        aside.display()
                    ),
                    Err(e) => {
                        self.off = Some(format!("{} could not be moved aside", path.display()));
                        format!(
                            "{} {bad}, and it could not be moved aside ({e}): progress will not be saved this time",
                            path.display()
                        )
                    }
                };
                (Progress::new(), Some(warning))
            }
        }
    }

    /// The file's directory, checked to be the user's own, and the file's name in it.
    fn open_dir(&self) -> io::Result<(PrivateDir, &OsStr)> {
        let path = self
            .path()
            .ok_or_else(|| io::Error::other("progress is off"))?;
        let dir = path
            .parent()
            .ok_or_else(|| io::Error::other("the progress file has no directory"))?;
        let name = path
            .file_name()
            .ok_or_else(|| io::Error::other("the progress path names no file"))?;
        Ok((PrivateDir::open(dir)?, name))
    }

    /// The file's bytes as they are now (`None`: no file), read as `load` reads them but
    /// changing nothing: for `pidns-tutor progress`.
    pub fn read(&self) -> io::Result<Option<Vec<u8>>> {
        Ok(self.read_with_dir()?.map(|(_, bytes)| bytes))
    }

    /// The file's bytes and its (checked) directory; `None` when either is missing, so
    /// that reading makes no directory.
    fn read_with_dir(&self) -> io::Result<Option<(PrivateDir, Vec<u8>)>> {
        let missing = |p: &Path| {
            p.symlink_metadata()
                .is_err_and(|e| e.kind() == io::ErrorKind::NotFound)
        };
        if self.path().and_then(Path::parent).is_some_and(missing) {
            return Ok(None);
        }
        let (dir, name) = self.open_dir()?;
        Ok(dir.read(name, INPUT_MAX)?.map(|bytes| (dir, bytes)))
    }

    /// Writes `progress` atomically, stamped with this tool's version and the kernel.
    /// Does nothing when progress is off.
    pub fn save(&self, progress: &mut Progress) -> io::Result<()> {
        if self.path().is_none() {
            return Ok(());
        }
        let (dir, name) = self.open_dir()?;
        // Another tutor may have saved since we read: merge with the file as it is now,
        // holding the lock from that read to the rename.
        let _lock = dir.lock()?;
        if let Ok(Some(bytes)) = dir.read(name, INPUT_MAX)
            && let Ok(theirs) = parse(&bytes)
        {
            *progress = super::merge::merge(progress, &theirs);
        }
        progress.schema = SCHEMA;
        progress.learner.get_or_insert_with(super::Identity::new);
        progress.tool_version = env!("CARGO_PKG_VERSION").to_string();
        progress.kernel = crate::session::host::kernel();
        let mut text = serde_json::to_string_pretty(progress).map_err(io::Error::other)?;
        text.push('\n');
        dir.write_atomically(name, text.as_bytes())
    }

    /// Deletes the file. Returns whether there was one.
    pub fn reset(&self) -> io::Result<bool> {
        if self.path().is_none() {
            return Ok(false);
        }
        let (dir, name) = self.open_dir()?;
        let _lock = dir.lock()?;
        dir.remove(name)
    }
}

/// Renames `path` (in `dir`) to `path.bad-TIME` (with `-2`, `-3`, ... if taken) and
/// returns the new path.
fn move_aside(dir: &PrivateDir, path: &Path, now: Timestamp) -> io::Result<PathBuf> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let base = format!("{name}.bad-{}", now.compact());
    let mut aside = base.clone();
    let mut n = 2;
    while dir.holds(OsStr::new(&aside)) {
        aside = format!("{base}-{n}");
        n += 1;
    }
    dir.rename(OsStr::new(name.as_ref()), OsStr::new(&aside))?;
    Ok(dir.path().join(aside))
}

/// A learner's progress and where it is kept: what a front end (walk --quiz, the TUI)
/// holds. Change `progress` through its methods, then `save`.
#[derive(Clone, Debug)]
pub struct Tracker {
    store: Store,
    pub progress: Progress,
    /// Whether a failed save has been reported already (once is enough).
    warned: bool,
}

impl Tracker {
    /// Loads from `store`; the warning, if any, is for the user (a file moved aside).
    pub fn open(mut store: Store, now: Timestamp) -> (Tracker, Option<String>) {
        let (progress, warning) = store.load(now);
        let tracker = Tracker {
            store,
            progress,
            warned: false,
        };
        (tracker, warning)
    }

    /// Keeps nothing.
    pub fn off() -> Tracker {
        Tracker {
            store: Store::off("off"),
            progress: Progress::new(),
            warned: false,
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Saves; returns a warning the first time saving fails, so a front end can say so once
    /// and carry on (losing progress is no reason to stop a lesson).
    pub fn save(&mut self) -> Option<String> {
        match self.store.save(&mut self.progress) {
            Ok(()) => None,
            Err(_) if self.warned => None,
            Err(e) => {
                self.warned = true;
                let path = self.store.path().map(|p| p.display().to_string());
                Some(format!(
                    "cannot save progress to {} ({e}); the lesson goes on without it",
                    path.unwrap_or_default()
                ))
            }
        }
    }
}
