//! Recordings: real observations of a full live run, written by `pidns-tutor record`, for
//! machines that refuse namespaces (and for demos that must not depend on the room). A
//! recording is always shown labelled as recorded, never as live. `record` writes them to
//! `$XDG_DATA_HOME/pidns-tutor/` unless told otherwise; `load` checks them whole; `replay`
//! plays one back a step at a time.

mod load;
mod replay;

pub use load::LoadError;
pub use replay::{Replayer, Scene};

use crate::lab::Mode;
use crate::lesson::Step;
use crate::session::{Session, host};
use crate::steps::Observation;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The recording shipped with the tutor, made by `pidns-tutor record`.
pub const BUNDLED: &str = include_str!("../assets/recording.jsonl");

/// The most a recording file may hold (64 MiB). A whole lesson's recording is tens of
/// kilobytes (the bundled one: 19 KB); this leaves room for hosts with tens of thousands
/// of processes, and stops `--replay /dev/zero` and its like at once.
pub const RECORDING_MAX: u64 = 64 << 20;

/// The format of the recordings this build writes and reads; a change that older builds
/// could not read raises it.
pub const FORMAT: u32 = 1;

fn format_1() -> u32 {
    1
}

/// Where and when a recording was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub recorded: bool,
    pub kernel: String,
    /// The day it was made, `YYYY-MM-DD` (UTC).
    pub date: String,
    pub mode: Mode,
    pub tool_version: String,
    /// See `FORMAT`; recordings made before it was written are format 1.
    #[serde(default = "format_1")]
    pub format: u32,
}

/// A whole recorded run.
#[derive(Clone, Debug, PartialEq)]
pub struct Recording {
    pub header: Header,
    pub observations: Vec<Observation>,
}

impl Recording {
    /// Runs every step live and records what was observed.
    pub fn make(session: &mut Session) -> Result<Recording> {
        let mut observations = Vec::new();
        for step in Step::all() {
            observations
                .push(crate::steps::run(session, step).with_context(|| format!("step {step}"))?);
        }
        session.finish();
        let header = Header {
            recorded: true,
            kernel: host::kernel(),
            date: today(),
            mode: session.mode(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            format: FORMAT,
        };
        Ok(Recording {
            header,
            observations,
        })
    }

    /// The recording bundled in `assets/recording.jsonl`.
    pub fn bundled() -> Result<Recording> {
        load::parse(BUNDLED).map_err(|e| at("assets/recording.jsonl", e))
    }

    /// A recording from a file written by `pidns-tutor record`, checked whole: errors
    /// name the file and the line (`FILE:LINE: what is wrong`).
    pub fn load(path: &Path) -> Result<Recording> {
        let bytes = crate::safe_file::read_bounded(path, RECORDING_MAX)
            .with_context(|| format!("cannot read the recording {}", path.display()))?;
        let text = String::from_utf8(bytes)
            .with_context(|| format!("cannot read the recording {}", path.display()))?;
        load::parse(&text).map_err(|e| at(&path.display().to_string(), e))
    }

    /// A recording from its text (errors say `line N: ...`).
    pub fn parse(text: &str) -> Result<Recording> {
        Ok(load::parse(text)?)
    }

    pub fn write(&self, out: &mut dyn Write) -> Result<()> {
        writeln!(out, "{}", serde_json::to_string(&self.header)?)?;
        for observation in &self.observations {
            writeln!(out, "{}", serde_json::to_string(observation)?)?;
        }
        Ok(())
    }

    pub fn observation(&self, step: Step) -> Option<&Observation> {
        self.observations.iter().find(|o| o.step() == step)
    }

    /// How a recording is labelled wherever it is shown.
    pub fn label(&self) -> String {
        self.header.label()
    }
}

impl Header {
    /// How a recording is labelled wherever it is shown.
    pub fn label(&self) -> String {
        format!("{} (mode {})", self.short_label(), self.mode)
    }

    /// The label without the mode, for narrow screens.
    pub fn short_label(&self) -> String {
        format!("RECORDED on {}, {}", self.kernel, self.date)
    }
}

/// An error in the recording `file`, as `FILE:LINE: message`.
fn at(file: &str, error: LoadError) -> anyhow::Error {
    anyhow::anyhow!("{file}:{}: {}", error.line, error.message)
}

/// Where `record` writes when no `--output` is given: a new file named by the date in
/// `$XDG_DATA_HOME/pidns-tutor/` (default `~/.local/share/pidns-tutor/`), made if needed;
/// never into the current directory, where it could land in (or over) a source tree.
pub fn default_output() -> Result<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        // The spec: a relative value is invalid and to be ignored.
        .filter(|p| p.is_absolute())
        .or_else(|| {
            let home = PathBuf::from(std::env::var_os("HOME")?);
            home.is_absolute().then(|| home.join(".local/share"))
        })
        .context("neither XDG_DATA_HOME nor HOME is set: choose the file with --output")?;
    let dir = data.join("pidns-tutor");
    // Our own directory, or another user could plant links for us to write through.
    crate::safe_file::PrivateDir::open(&dir).with_context(|| {
        format!(
            "cannot use {} (or choose the file with --output)",
            dir.display()
        )
    })?;
    Ok(unused_name(&dir, &today()))
}

/// `recording-DATE.jsonl` in `dir`, or `recording-DATE-2.jsonl` and so on if taken: a
/// second recording on the same day does not replace the first.
fn unused_name(dir: &Path, date: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let name = match n {
            1 => format!("recording-{date}.jsonl"),
            n => format!("recording-{date}-{n}.jsonl"),
        };
        let path = dir.join(name);
        // Anything there counts, a dangling link included.
        if path.symlink_metadata().is_err() {
            return path;
        }
        n += 1;
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
fn today() -> String {
    crate::time::Timestamp::now().date()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Typed facts keep the recording's shape: the bundled one reads and writes back byte
    /// for byte, with every step in lesson order.
    #[test]
    fn the_bundled_recording_round_trips_byte_for_byte() {
        let recording = Recording::bundled().expect("the bundled recording parses");
        let steps: Vec<Step> = recording.observations.iter().map(|o| o.step()).collect();
        assert_eq!(steps, Step::all().collect::<Vec<_>>());
        let mut written = Vec::new();
        recording.write(&mut written).expect("write");
        assert_eq!(String::from_utf8_lossy(&written), BUNDLED);
    }

    #[test]
    fn a_second_recording_the_same_day_gets_a_new_name() {
        let dir = std::env::temp_dir().join(format!("pidns-tutor-names-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let first = super::unused_name(&dir, "2026-01-02");
        assert_eq!(first, dir.join("recording-2026-01-02.jsonl"));
        std::fs::write(&first, "").unwrap();
        let second = super::unused_name(&dir, "2026-01-02");
        assert_eq!(second, dir.join("recording-2026-01-02-2.jsonl"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
