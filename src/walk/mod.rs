//! The lesson without a terminal UI: every step run live (or replayed from a recording,
//! and then said so), printed as plain text or as JSON lines, for scripts, screen readers,
//! grading and CI.

pub mod quiz;

use crate::i18n::say;
use crate::lang::Lang;
use crate::lesson::{self, Lesson, Step, plain};
use crate::session::Session;
use crate::source::Source;
use crate::steps::{Facts, Observation};
use crate::words;
use anyhow::Result;
use serde_json::json;
use std::io::Write;

/// How to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Title, lesson text, what was observed.
    Text,
    /// Titles and observations only.
    Brief,
    /// One JSON object per line.
    Json,
}

/// Something that takes part around each step: `walk --quiz` asks before a step and
/// judges after it, from the step's facts (`None`: the step failed).
pub trait Around {
    /// Whether a question comes before `step`'s run: then the walk follows predict,
    /// observe, explain, and prints only what is needed to guess before it.
    fn asks(&self, _step: Step) -> bool {
        false
    }
    fn before(&mut self, _step: Step, _out: &mut dyn Write) -> Result<()> {
        Ok(())
    }
    fn after(&mut self, _step: Step, _facts: Option<&Facts>, _out: &mut dyn Write) -> Result<()> {
        Ok(())
    }
}

/// Nothing around the steps: the plain walk.
pub struct Plain;
impl Around for Plain {}

/// A step that could not be run: which, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failed {
    pub step: Step,
    pub error: String,
}

/// Runs (or replays) every step and prints it, in whole lines. Returns the steps that
/// failed (also printed in their place), so the caller can say so where errors go and
/// exit non-zero.
pub fn walk(
    source: Source,
    lang: Lang,
    format: Format,
    out: &mut dyn Write,
) -> Result<Vec<Failed>> {
    walk_around(source, lang, format, None, out, &mut Plain)
}

/// `walk`, with `around` called before each step and after it. Where `around` asks first,
/// the step is printed in the lesson's three phases: its title while guessing and the text
/// above its `guess:` marker, the question, the run, the verdict, and then its title and
/// the rest of its text, so nothing gives the answer away before the guess. The text is
/// wrapped to `width` columns (`width::text_width`: the terminal's); `None` keeps whole
/// lines (a pipe). JSON lines are never wrapped.
pub fn walk_around(
    source: Source,
    lang: Lang,
    format: Format,
    width: Option<usize>,
    out: &mut dyn Write,
    around: &mut dyn Around,
) -> Result<Vec<Failed>> {
    let lesson = Lesson::load(lang)?;
    let print = Printer { width };
    print_header(&source, lang, format, &print, out)?;
    let text_width = print.text_width();
    if format == Format::Text {
        writeln!(out)?;
        for line in plain::lines_at(&lesson.intro_blocks, plain::note_label(lang), text_width) {
            writeln!(out, "  {line}")?;
        }
    }
    let recorded = source.is_recorded();
    let mut source = source.map_live(Session::new);
    let mut failed = Vec::new();
    for id in Step::all() {
        let step = lesson.step(id);
        let title = step.map_or(id.id(), |s| s.title.as_str());
        // Before the run: only what is needed to guess, where a question comes first.
        let guessing = step.filter(|s| around.asks(id) && s.guess.is_some());
        if format != Format::Json {
            writeln!(out)?;
            let shown = guessing.map_or(title, |s| s.title_shown(false));
            let heading = format!("[{}/{}] {id}: {shown}", id.number(), Step::COUNT);
            print.lines(out, &heading, "", "  ")?;
        }
        if format == Format::Text
            && let Some(step) = step
        {
            writeln!(out)?;
            let blocks = step.blocks_shown(guessing.is_none());
            for line in plain::lines_at(blocks, plain::note_label(lang), text_width) {
                writeln!(out, "  {line}")?;
            }
            if guessing.is_none() {
                writeln!(out)?;
            }
        }
        around.before(id, out)?;
        if format == Format::Text && guessing.is_some() {
            writeln!(out)?;
        }
        let observed = match (&mut source, fail_for_tests(id)) {
            (_, Some(error)) => Err(error),
            (Source::Live(session), None) => {
                crate::steps::run(session, id).map_err(|e| format!("{e:#}"))
            }
            (Source::Recorded(recording), None) => recording
                .observation(id)
                .cloned()
                .ok_or_else(|| format!("the recording has no step {id}")),
        };
        if let Err(error) = &observed {
            failed.push(Failed {
                step: id,
                error: error.clone(),
            });
        }
        let facts = observed.as_ref().ok().map(|o| o.facts.to_json());
        match format {
            Format::Json => {
                let mut line = json!({ "step": id, "title": title });
                match (&observed, &facts) {
                    (Err(error), _) => line["error"] = json!(error),
                    (Ok(_), facts) => {
                        let facts = facts.clone().unwrap_or_default();
                        let said: Vec<String> = step
                            .map(|s| {
                                s.live
                                    .iter()
                                    .filter_map(|t| lesson::fill(t, &facts))
                                    .collect()
                            })
                            .unwrap_or_default();
                        line["facts"] = facts.into();
                        line["sentences"] = json!(said);
                    }
                }
                if recorded {
                    line["recorded"] = json!(true);
                }
                writeln!(out, "{line}")?;
            }
            Format::Text | Format::Brief => match &observed {
                Ok(observation) => {
                    print_observation(step, observation, lang, recorded, &print, out)?
                }
                Err(error) => print.lines(out, error, "  ! ", "    ")?,
            },
        }
        around.after(id, observed.as_ref().ok().map(|o| &o.facts), out)?;
        if format != Format::Json
            && let Some(step) = guessing
        {
            print_explanation(step, lang, format, &print, out)?;
        }
        pause_for_tests(id, out);
    }
    if let Source::Live(session) = &mut source {
        session.finish();
    }
    Ok(failed)
}

/// Debug builds only: `PIDNS_TUTOR_TEST_PAUSE=<step>` holds the walk after that step, with
/// the lab at its busiest, so the cleanup tests can end the tutor there by any means.
/// Debug builds only: `PIDNS_TUTOR_TEST_FAIL=STEP` makes that step fail, so tests can
/// check how a failed step is reported (a recording that lacks a step, the old way to get
/// one, is now refused when it is loaded).
fn fail_for_tests(step: Step) -> Option<String> {
    (cfg!(debug_assertions) && std::env::var("PIDNS_TUTOR_TEST_FAIL").as_deref() == Ok(step.id()))
        .then(|| "failed on purpose (PIDNS_TUTOR_TEST_FAIL)".to_string())
}

fn pause_for_tests(step: Step, out: &mut dyn Write) {
    if cfg!(debug_assertions) && std::env::var("PIDNS_TUTOR_TEST_PAUSE").as_deref() == Ok(step.id())
    {
        let _ = out.flush();
        loop {
            nix::unistd::pause();
        }
    }
}

/// Prints lines at the output's width, or whole.
struct Printer {
    width: Option<usize>,
}

impl Printer {
    /// The width left for the lesson's text, which is indented by two.
    fn text_width(&self) -> Option<usize> {
        self.width.map(|w| w.saturating_sub(2).max(1))
    }

    /// `text` as lines, the first starting with `first`, the others with `rest`.
    fn lines(&self, out: &mut dyn Write, text: &str, first: &str, rest: &str) -> Result<()> {
        match self.width {
            Some(width) => {
                for line in crate::width::wrap(text, width, first, rest) {
                    writeln!(out, "{line}")?;
                }
            }
            None => writeln!(out, "{first}{text}")?,
        }
        Ok(())
    }
}

fn print_header(
    source: &Source,
    lang: Lang,
    format: Format,
    print: &Printer,
    out: &mut dyn Write,
) -> Result<()> {
    let kernel = crate::session::host::kernel();
    match (source, format) {
        (Source::Live(mode), Format::Json) => writeln!(
            out,
            "{}",
            json!({ "mode": mode, "live": true, "kernel": kernel, "lang": lang })
        )?,
        (Source::Recorded(r), Format::Json) => writeln!(
            out,
            "{}",
            json!({ "mode": r.header.mode, "live": false, "recorded": r.header, "lang": lang })
        )?,
        (Source::Live(mode), _) => {
            let vars = [("kernel", kernel.to_string()), ("mode", mode.to_string())];
            let said = say(words::walk::LIVE_ON, lang, &vars);
            print.lines(out, &said, "", "  ")?
        }
        (Source::Recorded(r), _) => {
            let said = format!("pidns-tutor walk: {}", r.label());
            print.lines(out, &said, "", "  ")?
        }
    }
    Ok(())
}

/// The step's live sentences, filled with what was observed, under an "Observed:" label.
/// The raw `name: value` facts are for `--json`; here each fact is said once, in words.
fn print_observation(
    step: Option<&lesson::Section>,
    observation: &Observation,
    lang: Lang,
    recorded: bool,
    print: &Printer,
    out: &mut dyn Write,
) -> Result<()> {
    let label = if recorded {
        words::walk::OBSERVED_RECORDED
    } else {
        words::walk::OBSERVED
    }
    .get(lang);
    writeln!(out, "  {label}")?;
    let facts = observation.facts.to_json();
    let said = step.map_or(Vec::new(), |s| {
        s.live
            .iter()
            .filter_map(|t| lesson::fill(t, &facts))
            .collect()
    });
    for sentence in said {
        print.lines(out, &sentence, "    ", "      ")?;
    }
    Ok(())
}

/// After the run and the verdict: the step's own title (it may say the answer) and, in
/// the text format, what explains it.
fn print_explanation(
    step: &lesson::Section,
    lang: Lang,
    format: Format,
    print: &Printer,
    out: &mut dyn Write,
) -> Result<()> {
    let label = words::walk::EXPLANATION.get(lang);
    writeln!(out)?;
    print.lines(out, &format!("{label} {}", step.title), "  ", "    ")?;
    if format == Format::Text {
        writeln!(out)?;
        for line in plain::lines_at(
            step.explanation(),
            plain::note_label(lang),
            print.text_width(),
        ) {
            writeln!(out, "  {line}")?;
        }
    }
    Ok(())
}
