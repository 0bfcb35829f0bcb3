//! Recordings: real observations of a full live run, written by `pidns-tutor record`, for
//! machines that refuse namespaces (and for demos that must not depend on the room). A
//! recording is always shown labelled as recorded, never as live.

use crate::lab::Mode;
use crate::lesson::Step;
use crate::session::{Observation, Session, host};
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::io::Write;

/// The recording shipped with the tutor, made by `pidns-tutor record`.
pub const BUNDLED: &str = include_str!("../assets/recording.jsonl");

/// Where and when a recording was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub recorded: bool,
    pub kernel: String,
    /// The day it was made, `YYYY-MM-DD` (UTC).
    pub date: String,
    pub mode: Mode,
    pub tool_version: String,
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
            observations.push(session.run(step).with_context(|| format!("step {step}"))?);
        }
        session.finish();
        let header = Header {
            recorded: true,
            kernel: host::kernel(),
            date: today(),
            mode: session.mode(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
        };
        Ok(Recording {
            header,
            observations,
        })
    }

    /// The recording bundled in `assets/recording.jsonl`.
    pub fn bundled() -> Result<Recording> {
        Recording::parse(BUNDLED).context("the bundled recording (assets/recording.jsonl)")
    }

    /// A recording from a file written by `pidns-tutor record`.
    pub fn load(path: &std::path::Path) -> Result<Recording> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the recording {}", path.display()))?;
        Recording::parse(&text).with_context(|| format!("{} is not a recording", path.display()))
    }

    pub fn parse(text: &str) -> Result<Recording> {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let Some(first) = lines.next() else {
            bail!("the recording is empty")
        };
        let header: Header = serde_json::from_str(first).context("line 1: header")?;
        if !header.recorded {
            bail!("line 1: not marked as a recording");
        }
        let observations = lines
            .enumerate()
            .map(|(i, line)| serde_json::from_str(line).with_context(|| format!("line {}", i + 2)))
            .collect::<Result<Vec<Observation>>>()?;
        Ok(Recording {
            header,
            observations,
        })
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

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a (year, month, day), after Howard Hinnant's algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
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
    fn civil_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(20_786), (2026, 11, 29));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }
}
