//! Where progress lives and how it is written: `$XDG_STATE_HOME/pidns-tutor/progress.json`
//! (or `~/.local/state/...`), replaced atomically (a temporary file in the same directory,
//! fsync, rename, fsync of the directory), so a crash or a full disk leaves the old file
//! whole. A file that cannot be understood is moved aside as `progress.json.bad-TIME` with
//! a warning, never a crash. `NO_PROGRESS=1` or `--no-progress` turn all of it off.

use super::{Progress, SCHEMA, Timestamp};
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
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

/// `$XDG_STATE_HOME/pidns-tutor/progress.json`, else `~/.local/state/...`. The XDG spec
/// says to ignore a relative path, and so do we.
pub fn default_path() -> Option<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let state = absolute("XDG_STATE_HOME").or_else(|| {
        let home = absolute("HOME").or_else(|| {
            nix::unistd::User::from_uid(nix::unistd::getuid())
                .ok()
                .flatten()
                .map(|u| u.dir)
        })?;
        Some(home.join(".local/state"))
    })?;
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
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (Progress::new(), None),
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
                let warning = match move_aside(&path, now) {
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

    /// Writes `progress` atomically, stamped with this tool's version and the kernel.
    /// Does nothing when progress is off.
    pub fn save(&self, progress: &mut Progress) -> io::Result<()> {
        let Some(path) = self.path() else {
            return Ok(());
        };
        progress.schema = SCHEMA;
        progress.learner.get_or_insert_with(super::Identity::new);
        progress.tool_version = env!("CARGO_PKG_VERSION").to_string();
        progress.kernel = crate::session::host::kernel();
        let mut text = serde_json::to_string_pretty(progress).map_err(io::Error::other)?;
        text.push('\n');
        write_atomically(path, text.as_bytes())
    }

    /// Deletes the file. Returns whether there was one.
    pub fn reset(&self) -> io::Result<bool> {
        let Some(path) = self.path() else {
            return Ok(false);
        };
        match fs::remove_file(path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("the progress file has no directory"))?;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        // The rename itself lives in the directory: make it durable too.
        fs::File::open(dir)?.sync_all()
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// Renames `path` to `path.bad-TIME` (with `-2`, `-3`, ... if taken) and returns the name.
fn move_aside(path: &Path, now: Timestamp) -> io::Result<PathBuf> {
    let base = format!("{}.bad-{}", path.display(), now.compact());
    let mut aside = PathBuf::from(&base);
    let mut n = 2;
    while aside.symlink_metadata().is_ok() {
        aside = PathBuf::from(format!("{base}-{n}"));
        n += 1;
    }
    fs::rename(path, &aside)?;
    Ok(aside)
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
