//! The lesson without a terminal UI: every step run live (or replayed from a recording,
//! and then said so), printed as plain text or as JSON lines, for scripts, screen readers,
//! grading and CI.

use crate::lang::Lang;
use crate::lesson::{self, Lesson, Step};
use crate::session::{Observation, Session};
use crate::source::Source;
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

/// Runs (or replays) every step and prints it. Returns whether every step succeeded.
pub fn walk(source: Source, lang: Lang, format: Format, out: &mut dyn Write) -> Result<bool> {
    let lesson = Lesson::load(lang)?;
    print_header(&source, lang, format, out)?;
    let recorded = source.is_recorded();
    let mut source = source.map_live(Session::new);
    let mut all_ok = true;
    for id in Step::all() {
        let observed = match &mut source {
            Source::Live(session) => session.run(id).map_err(|e| format!("{e:#}")),
            Source::Recorded(recording) => recording
                .observation(id)
                .cloned()
                .ok_or_else(|| format!("the recording has no step {id}")),
        };
        all_ok &= observed.is_ok();
        let step = lesson.step(id);
        let title = step.map_or(id.id(), |s| s.title.as_str());
        match format {
            Format::Json => {
                let mut line = json!({ "step": id, "title": title });
                match &observed {
                    Ok(observation) => {
                        let facts = observation.facts.to_json();
                        let said: Vec<String> = step
                            .map(|s| s.live.iter().map(|t| lesson::fill(t, &facts)).collect())
                            .unwrap_or_default();
                        line["facts"] = facts.into();
                        line["sentences"] = json!(said);
                    }
                    Err(error) => line["error"] = json!(error),
                }
                if recorded {
                    line["recorded"] = json!(true);
                }
                writeln!(out, "{line}")?;
            }
            Format::Text | Format::Brief => {
                writeln!(out, "\n[{}/{}] {id}: {title}", id.number(), Step::COUNT)?;
                if format == Format::Text
                    && let Some(step) = step
                {
                    writeln!(out)?;
                    for line in plain_lines(&step.text) {
                        writeln!(out, "  {line}")?;
                    }
                    writeln!(out)?;
                }
                match &observed {
                    Ok(observation) => print_observation(step, observation, out)?,
                    Err(error) => writeln!(out, "  ! {error}")?,
                }
            }
        }
        pause_for_tests(id, out);
    }
    if let Source::Live(session) = &mut source {
        session.finish();
    }
    Ok(all_ok)
}

/// Debug builds only: `PIDNS_TUTOR_TEST_PAUSE=<step>` holds the walk after that step, with
/// the lab at its busiest, so the cleanup tests can end the tutor there by any means.
fn pause_for_tests(step: Step, out: &mut dyn Write) {
    if cfg!(debug_assertions) && std::env::var("PIDNS_TUTOR_TEST_PAUSE").as_deref() == Ok(step.id())
    {
        let _ = out.flush();
        loop {
            nix::unistd::pause();
        }
    }
}

fn print_header(source: &Source, lang: Lang, format: Format, out: &mut dyn Write) -> Result<()> {
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
        (Source::Live(mode), _) => match lang {
            Lang::En => writeln!(out, "pidns-tutor walk: live on {kernel}, mode {mode}")?,
            Lang::Ko => writeln!(out, "pidns-tutor walk: {kernel}에서 라이브, 모드 {mode}")?,
        },
        (Source::Recorded(r), _) => writeln!(out, "pidns-tutor walk: {}", r.label())?,
    }
    Ok(())
}

fn print_observation(
    step: Option<&lesson::Section>,
    observation: &Observation,
    out: &mut dyn Write,
) -> Result<()> {
    let facts = observation.facts.to_json();
    if let Some(step) = step {
        for template in &step.live {
            writeln!(out, "  > {}", lesson::fill(template, &facts))?;
        }
    }
    for (name, value) in &facts {
        writeln!(out, "    {name}: {}", lesson::fact_text(value))?;
    }
    Ok(())
}

/// The lesson's markdown as plain text for a terminal or a screen reader: no `**`
/// emphasis marks and no code fences (the code itself stays, indented).
fn plain_lines(markdown: &str) -> impl Iterator<Item = String> + '_ {
    let mut in_code = false;
    markdown.lines().filter_map(move |line| {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            return None;
        }
        Some(if in_code {
            format!("    {line}")
        } else {
            line.replace("**", "")
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_lines_drop_emphasis_and_fences() {
        let text = "**Live:** the tutor reads.\n\n```sh\nls -l /proc/self/ns\n```\nDone.";
        let lines: Vec<String> = super::plain_lines(text).collect();
        assert_eq!(
            lines,
            [
                "Live: the tutor reads.",
                "",
                "    ls -l /proc/self/ns",
                "Done."
            ]
        );
    }
}
