//! Speaker notes on a second terminal. The TUI publishes where the lesson is (`publish`);
//! `pidns-tutor notes` follows it (`follow`) and shows the step's notes from the lesson
//! files (`view`): what to say, what the audience should see, a pitfall, the next step,
//! and how long the talk and the step have run. Nothing of it reaches the audience's
//! screen.
//!
//! The wire: a unix stream socket per TUI, `notes-PID.sock` in a private directory
//! (`socket_dir`), carrying one JSON `Update` per line, the latest one first to every
//! client that connects, then one whenever the step, its state or the language changes.

pub mod follow;
pub mod publish;
pub mod talk;
pub mod view;
pub mod voting;

use crate::lang::Lang;
use crate::lesson::Step;
use serde::{Deserialize, Serialize};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::{Path, PathBuf};

/// Where a step stands in the TUI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepState {
    /// Shown, its action not run yet.
    Prepared,
    /// Its action is running.
    Running,
    /// Its action ran; the observation is on screen.
    Ran,
    /// A question is open (the prediction before the run, or the summary quiz): the room
    /// is voting.
    Voting,
}

/// What the TUI publishes: one line of JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    pub step: Step,
    pub state: StepState,
    pub lang: Lang,
    /// The TUI's process id.
    pub pid: u32,
    /// When the TUI started and when it first showed this step, in milliseconds since the
    /// Unix epoch: the timers count from them, whenever the notes joined.
    pub started_ms: u64,
    pub step_started_ms: u64,
    /// Talk mode (`--stage`): the audience sees the banner and the trees, not the lesson.
    /// (An older TUI called it `stage`.)
    #[serde(default, alias = "stage")]
    pub talk: bool,
    /// While voting: the question's id (the step's id for its prediction, the question's
    /// own for the summary quiz).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Whether the room has seen the step's explanation: after its run, or always at a
    /// step that asks nothing first. Until then the notes hold the explanation back too.
    /// (An update without it, from an older TUI, showed every note.)
    #[serde(default = "explained_by_default")]
    pub revealed: bool,
}

fn explained_by_default() -> bool {
    true
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// The private directory the sockets live in, made if needed: `$XDG_RUNTIME_DIR/pidns-tutor`,
/// or without one `/tmp/pidns-tutor-UID` (as tmux does). Never the working directory.
/// A directory that is not ours alone (another owner, open to others, a symlink) is
/// refused: another user could otherwise listen in, or plant a socket for us to follow.
pub fn socket_dir() -> io::Result<PathBuf> {
    let uid = nix::unistd::geteuid().as_raw();
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute() && p.is_dir());
    let dir = match runtime {
        Some(runtime) => runtime.join("pidns-tutor"),
        None => PathBuf::from(format!("/tmp/pidns-tutor-{uid}")),
    };
    match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", dir.display()))),
    }
    check_private(&dir, uid)?;
    Ok(dir)
}

fn check_private(dir: &Path, uid: u32) -> io::Result<()> {
    let meta = std::fs::symlink_metadata(dir)?;
    let refuse = |why: &str| {
        Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("{} {why}; remove it or set XDG_RUNTIME_DIR", dir.display()),
        ))
    };
    if !meta.file_type().is_dir() {
        return refuse("is not a directory");
    }
    if meta.uid() != uid {
        return refuse(&format!("belongs to uid {}, not {uid}", meta.uid()));
    }
    if meta.mode() & 0o077 != 0 {
        return refuse(&format!(
            "is open to other users (mode {:o})",
            meta.mode() & 0o777
        ));
    }
    Ok(())
}

/// The socket of the TUI with process id `pid`.
pub fn socket_path(dir: &Path, pid: u32) -> PathBuf {
    dir.join(format!("notes-{pid}.sock"))
}

/// The TUIs' sockets in `dir`, newest first: (pid, path).
pub fn sockets(dir: &Path) -> Vec<(u32, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, u32, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name();
            let pid = name
                .to_str()?
                .strip_prefix("notes-")?
                .strip_suffix(".sock")?
                .parse()
                .ok()?;
            let modified = entry.metadata().ok()?.modified().ok()?;
            Some((modified, pid, entry.path()))
        })
        .collect();
    newest_first(&mut found);
    found
        .into_iter()
        .map(|(_, pid, path)| (pid, path))
        .collect()
}

/// Sorts by time, newest first; the higher pid first when two are equally new.
fn newest_first<T>(found: &mut [(std::time::SystemTime, u32, T)]) {
    found.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn the_newest_socket_comes_first() {
        let at = |s| UNIX_EPOCH + Duration::from_secs(s);
        let mut found = vec![(at(10), 300, "a"), (at(30), 100, "b"), (at(30), 200, "c")];
        newest_first(&mut found);
        let order: Vec<&str> = found.iter().map(|f| f.2).collect();
        assert_eq!(order, ["c", "b", "a"]);
    }

    #[test]
    fn a_directory_open_to_others_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("pidns-tutor-priv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let uid = nix::unistd::geteuid().as_raw();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let e = check_private(&dir, uid).unwrap_err();
        assert!(e.to_string().contains("open to other users"), "{e}");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        assert!(check_private(&dir, uid).is_ok());
        let e = check_private(&dir, uid + 1).unwrap_err();
        assert!(e.to_string().contains("belongs to uid"), "{e}");
        let link = dir.with_extension("link");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&dir, &link).unwrap();
        let e = check_private(&link, uid).unwrap_err();
        assert!(e.to_string().contains("not a directory"), "{e}");
        std::fs::remove_file(&link).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn sockets_are_found_by_name() {
        let dir = std::env::temp_dir().join(format!("pidns-tutor-socks-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in [
            "notes-12.sock",
            "notes-x.sock",
            "other-3.sock",
            "notes-7.sock.partial",
        ] {
            std::fs::write(dir.join(name), "").unwrap();
        }
        let found = sockets(&dir);
        assert_eq!(found, [(12, dir.join("notes-12.sock"))]);
        assert_eq!(socket_path(&dir, 12), dir.join("notes-12.sock"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
