//! The other source, for `R`: the recording when the lab is live (the one given with
//! `--replay FILE`, else the bundled one), the live lab when a recording is shown (in the
//! `--mode` asked for, else the first mode that works here). Found only when asked for,
//! on the worker's thread: a live lab must be made by the thread that keeps it.

use crate::check::{self, Availability};
use crate::lab::Mode;
use crate::record::Recording;
use anyhow::{Context, Result};
use std::path::PathBuf;

/// What the command line said about the source not in use.
#[derive(Clone, Debug)]
pub struct Alternatives {
    /// `--mode`: the live lab is made in it; else in the first mode that works.
    pub mode: Option<Mode>,
    /// `--replay FILE`: the recording to switch to; else the bundled one.
    pub replay: Option<PathBuf>,
    /// The agent's program.
    pub exe: PathBuf,
}

impl Default for Alternatives {
    fn default() -> Alternatives {
        Alternatives {
            mode: None,
            replay: None,
            exe: PathBuf::from("/proc/self/exe"),
        }
    }
}

impl Alternatives {
    /// The recording to show instead of the live lab.
    pub fn recording(&self) -> Result<Recording> {
        match &self.replay {
            Some(file) => Recording::load(file),
            None => Recording::bundled(),
        }
    }

    /// The mode to go live in, tried for real first so that a machine that refuses says
    /// so now, while the recording is still on screen.
    pub fn live_mode(&self) -> Result<Mode> {
        match self.mode {
            Some(mode) => check::probe(mode, &self.exe)
                .map(|()| mode)
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("no live namespace in mode {mode} here")),
            None => Availability::probe(&self.exe).chosen().context(
                "this machine refuses PID namespaces (see pidns-tutor check): staying with \
                 the recording",
            ),
        }
    }
}
