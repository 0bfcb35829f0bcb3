//! What this machine allows: whether a live lab can be made, in which mode, and if not,
//! why and what would fix it.

pub mod report;

use crate::lab::{Lab, Mode, mode::userns_switches};
use crate::lang::Lang;
use crate::source::Source;
use std::path::Path;

/// The outcome of trying each mode for real.
pub struct Availability {
    pub root: Result<(), String>,
    pub userns: Result<(), String>,
}

impl Availability {
    /// Tries to make a lab in each mode (and tears it down at once). Root mode is only
    /// tried when we are root.
    pub fn probe(exe: &Path) -> Availability {
        let root = if nix::unistd::geteuid().is_root() {
            probe(Mode::Root, exe)
        } else {
            Err("not running as root".into())
        };
        Availability {
            root,
            userns: probe(Mode::Userns, exe),
        }
    }

    /// The mode the lesson uses: root if it works, else userns; `None` if neither does.
    pub fn chosen(&self) -> Option<Mode> {
        if self.root.is_ok() {
            Some(Mode::Root)
        } else if self.userns.is_ok() {
            Some(Mode::Userns)
        } else {
            None
        }
    }

    /// A report for `pidns-tutor check`, in `lang`.
    pub fn report(&self, lang: Lang) -> String {
        let exe = std::fs::read_link("/proc/self/exe").unwrap_or_else(|_| "pidns-tutor".into());
        let facts = report::Findings {
            kernel: crate::session::host::kernel(),
            uid: nix::unistd::geteuid().as_raw(),
            switches: &userns_switches(),
            root: &self.root,
            userns: &self.userns,
            exe: &exe,
        };
        report::report(&facts, lang)
    }
}

/// Makes a lab in `mode`, asks it who it is, and tears it down.
pub fn probe(mode: Mode, exe: &Path) -> Result<(), String> {
    let mut lab = Lab::spawn_with(mode, exe).map_err(|e| format!("{e:#}"))?;
    lab.identity().map(drop).map_err(|e| format!("{e:#}"))
}

/// What to tell the user when the lesson falls back to the recording on its own.
pub const FALLBACK_NOTICE: &str =
    "this machine refuses PID namespaces (see pidns-tutor check): showing the bundled recording";

/// Live when a namespace can be made here (in the `forced` mode, or the first mode that
/// works); a recording with `replay` (`Some(None)`: the bundled one; `Some(Some(file))`:
/// one made by `pidns-tutor record`), or the bundled one when nothing works, and then a
/// notice for the user. A forced mode that cannot work is an error saying why.
pub fn choose_source(
    forced: Option<Mode>,
    replay: Option<Option<&Path>>,
    exe: &Path,
) -> anyhow::Result<(Source, Option<&'static str>)> {
    let recorded = || crate::record::Recording::bundled().map(Source::Recorded);
    match replay {
        Some(Some(file)) => {
            let recording = crate::record::Recording::load(file)?;
            return Ok((Source::Recorded(recording), None));
        }
        Some(None) => return Ok((recorded()?, None)),
        None => {}
    }
    if let Some(mode) = forced {
        probe(mode, exe).map_err(|e| anyhow::anyhow!("{e}"))?;
        return Ok((Source::Live(mode), None));
    }
    match Availability::probe(exe).chosen() {
        Some(mode) => Ok((Source::Live(mode), None)),
        None => Ok((recorded()?, Some(FALLBACK_NOTICE))),
    }
}
