//! The command line's doors into progress: `pidns-tutor progress [--reset]`, `pidns-tutor
//! report FILE...`, and where the TUI starts. Kept here so main.rs only parses and hands over.

use super::{Store, Timestamp, Tracker, report, show};
use crate::lang::Lang;
use crate::lesson::Step;
use crate::sanitize::escape;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// `pidns-tutor progress`: prints the summary, or with `reset` clears the file, asking
/// first when stdin is a terminal (unless `yes`); with `name`, sets the learner's name
/// first. Returns the exit code.
pub fn progress(
    reset: bool,
    yes: bool,
    name: Option<&str>,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
    // Reading the file to show it must not move it aside: that is for a lesson's run.
    let store = Store::from_env(false);
    if let Some(name) = name.filter(|_| store.path().is_some()) {
        return rename(store, name, lang, out);
    }
    if store.path().is_none() {
        // Off (NO_PROGRESS): say so; there is nothing to show, and --reset may not write.
        write!(
            out,
            "{}",
            show::summary(&super::Progress::new(), &store, lang)
        )?;
        // Nothing can be cleared or named: say so with the exit code too.
        return Ok(u8::from(reset || name.is_some()));
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

/// `progress --name NAME`: the learner's name set and saved (a file that cannot be read
/// is left where it is, and nothing is written).
fn rename(store: Store, name: &str, lang: Lang, out: &mut dyn Write) -> anyhow::Result<u8> {
    let mut progress = match store.path().map(std::fs::read) {
        Some(Ok(bytes)) => match super::store::parse(&bytes) {
            Ok(progress) => progress,
            Err(bad) => {
                let path = store.path().map(|p| p.display().to_string());
                eprintln!("pidns-tutor: {} {bad}", path.unwrap_or_default());
                return Ok(1);
            }
        },
        _ => super::Progress::new(),
    };
    if !progress.rename(name) {
        eprintln!("pidns-tutor: --name needs a name that is not empty");
        return Ok(2);
    }
    store.save(&mut progress)?;
    write!(out, "{}", show::summary(&progress, &store, lang))?;
    Ok(0)
}

/// How `report` prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
    Csv,
    /// A page written to this file (the text report still goes to `out`).
    Html(PathBuf),
}

/// `pidns-tutor report FILE|DIR|-...`: prints the class's report; exits 1 when a file could
/// not be counted (after counting the rest), like `wc` with a missing file.
pub fn report(
    files: &[PathBuf],
    format: &ReportFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
    let inputs = super::report_inputs::read_inputs(files, &mut std::io::stdin().lock());
    let report = report::aggregate(&inputs, lang);
    match format {
        ReportFormat::Text => write!(out, "{}", report::render_text(&report, lang))?,
        ReportFormat::Json => write!(out, "{}", report::render_json(&report))?,
        ReportFormat::Csv => write!(out, "{}", super::report_csv::render(&report))?,
        ReportFormat::Html(path) => {
            let page = super::report_html::render(&report, lang);
            super::report_html::write_page(path, &page)?;
            write!(out, "{}", report::render_text(&report, lang))?;
        }
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

/// What the TUI's command line asks of its progress.
#[derive(Clone, Debug, Default)]
pub struct Wanted {
    pub no_progress: bool,
    /// `--step`: start there.
    pub step: Option<Step>,
    /// `--restart`: start at the first step.
    pub restart: bool,
    /// `--stage`: a talk, kept apart from a learner's progress and started afresh...
    pub talk: bool,
    /// ...unless `--resume`.
    pub resume: bool,
    /// `--name`: the learner's display name, saved.
    pub name: Option<String>,
}

/// Loads progress for the TUI and decides its first step: `step` (from --step) wins,
/// `restart` starts at the beginning, else the saved step. A talk (`talk`) keeps its own
/// file and starts at the beginning unless `resume`.
pub fn start(wanted: &Wanted, lang: Lang) -> Start {
    let mut store = Store::from_env(wanted.no_progress);
    if let Some(path) = store.path().filter(|_| wanted.talk) {
        store = Store::at(path.with_file_name(super::store::TALK_FILE));
    }
    let restart = wanted.restart || (wanted.talk && !wanted.resume);
    let mut start = start_with(store, wanted.step, restart, lang);
    // Saved now, so the name is in the file even if the lesson ends at once.
    if let Some(name) = &wanted.name
        && start.tracker.progress.rename(name)
    {
        start.notices.extend(start.tracker.save());
    }
    start
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
