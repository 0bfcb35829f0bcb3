//! Reading a recording back, strictly: a file that is empty, cut off, someone else's JSON,
//! from a newer format, or missing steps is refused when it is loaded, with the line that
//! is wrong, instead of failing mid-talk at the step it lacks.

use super::{FORMAT, Header, Recording};
use crate::lesson::Step;
use crate::steps::Observation;
use std::fmt;

/// What is wrong with a recording, and on which line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LoadError {}

const RECORD_AGAIN: &str = "make a new one with `pidns-tutor record`";

/// Parses and checks a whole recording: a header, then one observation per step, in
/// lesson order, every step present.
pub fn parse(text: &str) -> Result<Recording, LoadError> {
    let fail = |line: usize, message: String| Err(LoadError { line, message });
    // Blank lines are allowed (an editor may add one at the end); numbers stay the file's.
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty());
    // A file cut off mid-write ends without its last newline.
    let cut_off = !text.is_empty() && !text.ends_with('\n');
    let last_line = text.lines().count();
    let Some((number, first)) = lines.next() else {
        return fail(
            1,
            format!("the file is empty, not a recording; {RECORD_AGAIN}"),
        );
    };
    let header = header(first).map_err(|message| LoadError {
        line: number,
        message,
    })?;
    let mut observations: Vec<Observation> = Vec::new();
    for (number, line) in lines {
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(value) => value,
            Err(_) if cut_off && number == last_line => {
                return fail(
                    number,
                    format!(
                        "the file ends in the middle of this line: it was cut off; {RECORD_AGAIN}"
                    ),
                );
            }
            Err(e) => return fail(number, format!("not JSON ({e})")),
        };
        let Some(id) = value
            .get("step")
            .and_then(|s| s.as_str())
            .map(str::to_string)
        else {
            return fail(
                number,
                "not the observation of a step (missing field `step`)".to_string(),
            );
        };
        let Some(step) = Step::from_id(&id) else {
            return fail(number, format!("step `{id}` is not a step of this lesson"));
        };
        let Some(expected) = Step::at(observations.len()) else {
            return fail(
                number,
                format!(
                    "step `{id}` after the last step of the lesson ({})",
                    Step::last()
                ),
            );
        };
        if step != expected {
            return fail(
                number,
                format!("step `{id}` is out of order: step `{expected}` comes here"),
            );
        }
        let observation: Observation = serde_json::from_value(value).map_err(|e| LoadError {
            line: number,
            message: format!("the observation of step `{id}` is not one this build reads ({e})"),
        })?;
        observations.push(observation);
    }
    if observations.len() < Step::COUNT {
        let after = match observations.last() {
            Some(o) => format!("after step `{}`", o.step()),
            None => "before its first step".to_string(),
        };
        return fail(
            last_line.max(1),
            format!(
                "the recording stops {after}: it covers {} of {} steps; {RECORD_AGAIN}",
                observations.len(),
                Step::COUNT
            ),
        );
    }
    Ok(Recording {
        header,
        observations,
    })
}

/// The first line: a recording's header, in a format this build reads.
fn header(line: &str) -> Result<Header, String> {
    let value: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| format!("not a pidns-tutor recording: its first line is not JSON ({e})"))?;
    if value.get("recorded") != Some(&serde_json::Value::Bool(true)) {
        return Err(
            "not a pidns-tutor recording: its first line is JSON, but not a recording's \
             header (no \"recorded\": true)"
                .to_string(),
        );
    }
    let header: Header = serde_json::from_value(value)
        .map_err(|e| format!("a recording's header with a field wrong or missing ({e})"))?;
    if header.format != FORMAT {
        let made_by = if header.format > FORMAT {
            "a newer pidns-tutor"
        } else {
            "an unknown pidns-tutor"
        };
        return Err(format!(
            "recording format {} (made by {made_by}, version {}); this pidns-tutor ({}) reads \
             format {FORMAT}: record it again with this one",
            header.format,
            header.tool_version,
            env!("CARGO_PKG_VERSION")
        ));
    }
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::BUNDLED;

    fn error(text: &str) -> LoadError {
        match parse(text) {
            Ok(_) => panic!("accepted: {:.200}", text),
            Err(e) => e,
        }
    }

    /// The bundled recording's lines: the header, then one per step.
    fn lines() -> Vec<String> {
        BUNDLED.lines().map(str::to_string).collect()
    }

    fn join(lines: &[String]) -> String {
        lines.iter().map(|l| format!("{l}\n")).collect()
    }

    #[test]
    fn a_whole_recording_loads() {
        let recording = parse(BUNDLED).expect("parses");
        assert_eq!(recording.observations.len(), Step::COUNT);
        assert_eq!(recording.header.format, FORMAT);
        // A header from before `format` existed is format 1.
        let old = BUNDLED.replacen(r#","format":1"#, "", 1);
        assert!(parse(&old).is_ok());
    }

    #[test]
    fn empty_and_foreign_files_are_refused_on_line_1() {
        for empty in ["", "\n\n  \n"] {
            let e = error(empty);
            assert_eq!(e.line, 1);
            assert!(e.message.contains("empty"), "{e}");
        }
        let e = error("[package]\nname = \"x\"\n");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("not JSON"), "{e}");
        let e = error("{\"name\": \"a package.json\"}\n");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("not a pidns-tutor recording"), "{e}");
        let e = error(&BUNDLED.replacen(r#""mode":"root""#, r#""mode":"sideways""#, 1));
        assert_eq!(e.line, 1);
        assert!(e.message.contains("field"), "{e}");
    }

    #[test]
    fn another_format_is_refused_with_both_versions() {
        let e = error(&BUNDLED.replacen(r#""format":1"#, r#""format":7"#, 1));
        assert_eq!(e.line, 1);
        assert!(e.message.contains("format 7"), "{e}");
        assert!(e.message.contains("a newer pidns-tutor"), "{e}");
    }

    #[test]
    fn a_cut_off_recording_names_the_line_it_ends_on() {
        // Cut in the middle of the fifth line (step 4).
        let cut = BUNDLED
            .match_indices('\n')
            .nth(3)
            .map(|(i, _)| i + 10)
            .unwrap();
        let e = error(&BUNDLED[..cut]);
        assert_eq!(e.line, 5, "{e}");
        assert!(e.message.contains("cut off"), "{e}");
        // Cut after a whole line: the steps that are there load, the rest are missing.
        let cut = BUNDLED
            .match_indices('\n')
            .nth(3)
            .map(|(i, _)| i + 1)
            .unwrap();
        let e = error(&BUNDLED[..cut]);
        assert_eq!(e.line, 4);
        assert!(e.message.contains("after step `pid-namespace`"), "{e}");
        assert!(e.message.contains(&format!("3 of {}", Step::COUNT)), "{e}");
        let e = error(&format!("{}\n", lines()[0]));
        assert!(e.message.contains("before its first step"), "{e}");
    }

    #[test]
    fn steps_out_of_order_unknown_or_foreign_are_refused() {
        let mut swapped = lines();
        swapped.swap(2, 3);
        let e = error(&join(&swapped));
        assert_eq!(e.line, 3);
        assert!(e.message.contains("out of order"), "{e}");
        let mut unknown = lines();
        unknown[2] = unknown[2].replacen(r#""step":"pid-1""#, r#""step":"pid-2""#, 1);
        let e = error(&join(&unknown));
        assert_eq!(e.line, 3);
        assert!(e.message.contains("not a step of this lesson"), "{e}");
        let mut foreign = lines();
        foreign[2] = r#"{"id":"pid-1"}"#.into();
        let e = error(&join(&foreign));
        assert_eq!(e.line, 3);
        assert!(e.message.contains("missing field `step`"), "{e}");
        let mut wrong_facts = lines();
        wrong_facts[2] = r#"{"step":"pid-1","facts":{"init_name":7}}"#.into();
        let e = error(&join(&wrong_facts));
        assert_eq!(e.line, 3);
        assert!(e.message.contains("not one this build reads"), "{e}");
        let mut extra = lines();
        extra.push(extra[extra.len() - 1].clone());
        assert_eq!(error(&join(&extra)).line, Step::COUNT + 2);
        let mut garbage = lines();
        garbage[2] = "{\"step\": ".into();
        assert!(error(&join(&garbage)).message.contains("not JSON"));
    }
}
