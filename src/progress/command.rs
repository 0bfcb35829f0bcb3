//! The command line's doors into progress: `pidns-tutor progress [--reset]`, `pidns-tutor
//! report FILE...`, and where the TUI starts. Kept here so main.rs only parses and hands over.

use super::{Store, Timestamp, Tracker, report, show};
use crate::lang::Lang;
use crate::lesson::Step;
use crate::sanitize::escape;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// `pidns-tutor progress`: prints the summary, or with `reset` clears the file, asking
/// first when stdin is a terminal (unless `yes`). Returns the exit code.
pub fn progress(reset: bool, yes: bool, lang: Lang, out: &mut dyn Write) -> anyhow::Result<u8> {
    // Reading the file to show it must not move it aside: that is for a lesson's run.
    let store = Store::from_env(false);
    if store.path().is_none() {
        // Off (NO_PROGRESS): say so; there is nothing to show, and --reset may not write.
        write!(
            out,
            "{}",
            show::summary(&super::Progress::new(), &store, lang)
        )?;
        return Ok(u8::from(reset));
    }
    if !reset {
        let path = store.path().map(|p| p.display().to_string());
        let path = path.unwrap_or_default();
        let progress = match store.read() {
            Ok(Some(bytes)) => match super::store::parse(&bytes) {
                Ok(progress) => progress,
                Err(bad) => {
                    eprintln!("pidns-tutor: {}", escape(&format!("{path} {bad}")));
                    return Ok(1);
                }
            },
            Ok(None) => super::Progress::new(),
            Err(e) => {
                let why = format!("cannot read {path} ({e})");
                eprintln!("pidns-tutor: {}", escape(&why));
                return Ok(1);
            }
        };
        write!(out, "{}", show::summary(&progress, &store, lang))?;
        return Ok(0);
    }
    if !yes && std::io::stdin().is_terminal() {
        write!(out, "{}", show::reset_question(&store, lang))?;
        out.flush()?;
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        if !matches!(line.trim(), "y" | "Y" | "yes" | "YES" | "Yes") {
            writeln!(out, "{}", show::reset_result(&store, None, lang))?;
            return Ok(0);
        }
    }
    let cleared = store.reset()?;
    writeln!(out, "{}", show::reset_result(&store, Some(cleared), lang))?;
    Ok(0)
}

/// `pidns-tutor report FILE...`: prints the class's report; exits 1 when a file could not
/// be counted (after counting the rest), like `wc` with a missing file.
pub fn report(
    files: &[PathBuf],
    json: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
    let inputs = report::read_inputs(files, &mut std::io::stdin().lock());
    let report = report::aggregate(&inputs, lang);
    if json {
        write!(out, "{}", report::render_json(&report))?;
    } else {
        write!(out, "{}", report::render_text(&report, lang))?;
    }
    Ok(if report.bad.is_empty() { 0 } else { 1 })
}

/// Where the TUI starts and the progress it keeps.
pub struct Start {
    pub tracker: Tracker,
    pub step: Option<Step>,
    /// For the user: a file moved aside, where the lesson resumes.
    pub notices: Vec<String>,
}

/// Loads progress for the TUI and decides its first step: `step` (from --step) wins,
/// `restart` starts at the beginning, else the saved step.
pub fn start(no_progress: bool, step: Option<Step>, restart: bool, lang: Lang) -> Start {
    start_with(Store::from_env(no_progress), step, restart, lang)
}

/// `start`, with the store given.
pub fn start_with(store: Store, step: Option<Step>, restart: bool, lang: Lang) -> Start {
    let (tracker, warning) = Tracker::open(store, Timestamp::now());
    let resume = show::resume(&tracker.progress, step, restart, lang);
    Start {
        tracker,
        step: resume.step,
        notices: warning.into_iter().chain(resume.notice).collect(),
    }
}
