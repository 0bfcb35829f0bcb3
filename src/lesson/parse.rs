//! Parses a lesson file into steps, strictly.
//!
//! The lesson is embedded at build time, so a typo in `tutorial.md` would otherwise
//! surface as a blank pane or a step the TUI cannot find. Here it fails instead, naming
//! the file, the line and what is wrong; `tests/lesson.rs` checks both languages.
//!
//! Rules (see `super` for the format): `## N. Title {#id}` outside code fences opens a
//! step; the ids must be exactly the `Step`s, in order; `<!-- live: ... -->` and
//! `<!-- nix: ... -->` are one-line directives inside a step; `<!-- tui: begin -->` and
//! `<!-- tui: end -->` enclose TUI-only lines (not nested, closed before the next step);
//! `<!-- notes:` opens a block of speaker notes that runs to the next `-->` (see
//! `super::notes`); any other `<!-- word:` is a typo for a directive and rejected; plain
//! HTML comments are dropped.

use super::{Lesson, Section, Step};
use crate::lang::Lang;
use std::fmt;

/// What is wrong with a lesson file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonError {
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LessonError {}

/// The directives a step may carry.
const DIRECTIVES: [&str; 4] = ["live", "nix", "tui", "notes"];

/// Parses the text of a lesson file named `file` (the name is only used in errors).
pub fn parse(file: &str, text: &str, lang: Lang) -> Result<Lesson, LessonError> {
    let err = |line: usize, message: String| LessonError {
        file: file.to_string(),
        line,
        message,
    };
    let mut intro = String::new();
    let mut walk_intro = String::new();
    let mut tui: Option<usize> = None; // opening line of a TUI-only passage
    let mut steps: Vec<Section> = Vec::new();
    let mut heading_line = 0; // of the last step, for "no text" errors
    let mut fence: Option<(&str, usize)> = None; // marker and opening line
    let mut comment: Option<usize> = None; // opening line of a plain comment
    // A notes block being read: its opening line and its lines so far.
    let mut notes: Option<(usize, Vec<(usize, &str)>)> = None;
    let mut last = 0;

    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        last = number;
        let trimmed = line.trim();
        if let Some((opened, lines)) = &mut notes {
            let (body, closed) = match line.split_once("-->") {
                Some((body, _)) => (body, true),
                None => (line, false),
            };
            lines.push((number, body));
            if closed {
                let opened = *opened;
                let (_, lines) = notes.take().unwrap_or_default();
                add_notes(&mut steps, opened, &lines).map_err(|(l, m)| err(l, m))?;
            }
            continue;
        }
        if comment.is_some() {
            if trimmed.contains("-->") {
                comment = None;
            }
            continue;
        }
        // Inside a fence everything is text, even `## ` and `<!--`.
        let fence_marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        if let Some((open, _)) = fence {
            if fence_marker == Some(open) {
                fence = None;
            }
        } else if let Some(marker) = fence_marker {
            fence = Some((marker, number));
        } else if let Some(heading) = line.strip_prefix("## ") {
            if let Some(step) = steps.last() {
                check_text(step).map_err(|m| err(heading_line, m))?;
            }
            if let Some(open) = tui {
                return Err(err(
                    open,
                    "`tui: begin` is not ended before the next step".into(),
                ));
            }
            let step = heading_step(heading, &steps).map_err(|m| err(number, m))?;
            steps.push(step);
            heading_line = number;
            continue;
        } else if let Some(body) = trimmed.strip_prefix("<!--") {
            match directive_name(body) {
                Some("tui") => {
                    tui = tui_marker(body, tui, number).map_err(|m| err(number, m))?;
                }
                Some("notes") => {
                    let rest = body.trim_start()["notes:".len()..].trim_start();
                    match rest.split_once("-->") {
                        Some((inner, _)) => add_notes(&mut steps, number, &[(number, inner)])
                            .map_err(|(l, m)| err(l, m))?,
                        None => notes = Some((number, vec![(number, rest)])),
                    }
                }
                Some(name) if DIRECTIVES.contains(&name) => {
                    let Some(step) = steps.last_mut() else {
                        return Err(err(number, format!("`{name}:` before the first step")));
                    };
                    directive(step, name, body).map_err(|m| err(number, m))?;
                }
                Some(name) => {
                    let known = DIRECTIVES.join(":`, `");
                    return Err(err(
                        number,
                        format!("unknown directive `{name}:` (known: `{known}:`)"),
                    ));
                }
                None if body.contains("-->") => {}
                None => comment = Some(number),
            }
            continue;
        }
        let (all, walk) = match steps.last_mut() {
            Some(step) => (&mut step.text, &mut step.walk_text),
            None => (&mut intro, &mut walk_intro),
        };
        all.push_str(line);
        all.push('\n');
        if tui.is_none() {
            walk.push_str(line);
            walk.push('\n');
        }
    }

    if let Some((line, _)) = notes {
        return Err(err(
            line,
            "unclosed `<!-- notes:` block: no `-->` follows".into(),
        ));
    }
    if let Some(line) = comment {
        return Err(err(
            line,
            "unclosed `<!--` comment: no `-->` follows".into(),
        ));
    }
    if let Some((marker, line)) = fence {
        return Err(err(line, format!("code fence `{marker}` is never closed")));
    }
    if let Some(line) = tui {
        return Err(err(line, "`tui: begin` is never ended".into()));
    }
    let Some(step) = steps.last() else {
        return Err(err(
            last.max(1),
            "no steps: expected `## 1. Title {#namespaces}`".into(),
        ));
    };
    check_text(step).map_err(|m| err(heading_line, m))?;
    if steps.len() < Step::COUNT {
        let missing = Step::all()
            .skip(steps.len())
            .map(Step::id)
            .collect::<Vec<_>>()
            .join(", ");
        return Err(err(last, format!("steps missing at the end: {missing}")));
    }
    for step in &mut steps {
        step.text = step.text.trim().to_string();
        step.walk_text = step.walk_text.trim().to_string();
    }
    Ok(Lesson {
        lang,
        intro: intro.trim().to_string(),
        walk_intro: walk_intro.trim().to_string(),
        steps,
    })
}

/// A new step from a heading (`## ` already stripped), checked against the steps so far.
fn heading_step(heading: &str, steps: &[Section]) -> Result<Section, String> {
    let heading = heading.trim_end();
    let (Some(open), true) = (heading.rfind("{#"), heading.ends_with('}')) else {
        return Err(format!(
            "step heading without an `{{#id}}` at its end: `## {heading}`"
        ));
    };
    let id = &heading[open + 2..heading.len() - 1];
    let valid = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    if id.is_empty() || !id.chars().all(valid) {
        return Err(format!(
            "invalid step id `{id}`: use lowercase letters, digits and `-`"
        ));
    }
    let Some(step) = Step::from_id(id) else {
        let known: Vec<&str> = Step::all().map(Step::id).collect();
        return Err(format!(
            "unknown step id `{id}` (known: {})",
            known.join(", ")
        ));
    };
    if steps.iter().any(|section| section.step == step) {
        return Err(format!("duplicate step id `{id}`"));
    }
    let position = step.index();
    if position != steps.len() {
        let expected = Step::at(steps.len()).map_or("", Step::id);
        return Err(format!(
            "step `{id}` out of order: step `{expected}` is missing before it"
        ));
    }
    // `4. Title`: the number is for readers of the markdown; it must agree.
    let mut title = heading[..open].trim();
    if let Some((prefix, rest)) = title.split_once('.') {
        let numbered = !prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_digit());
        if numbered && (rest.is_empty() || rest.starts_with(' ')) {
            if prefix.parse() != Ok(position + 1) {
                return Err(format!(
                    "step `{id}` is numbered {prefix}, expected {}",
                    position + 1
                ));
            }
            title = rest.trim();
        }
    }
    if title.is_empty() {
        return Err(format!("step `{id}` has an empty title"));
    }
    Ok(Section {
        step,
        title: title.to_string(),
        text: String::new(),
        walk_text: String::new(),
        live: Vec::new(),
        nix: None,
        notes: None,
    })
}

/// Adds a notes block (opened on line `opened`) to the last step; errors carry a line.
fn add_notes(
    steps: &mut [Section],
    opened: usize,
    lines: &[(usize, &str)],
) -> Result<(), (usize, String)> {
    let Some(step) = steps.last_mut() else {
        return Err((opened, "`notes:` before the first step".into()));
    };
    if step.notes.is_some() {
        return Err((
            opened,
            format!("second `notes:` block in step `{}`", step.step),
        ));
    }
    step.notes = Some(super::notes::parse(lines, opened)?);
    Ok(())
}

/// The word before `:` at the start of a comment body, if it looks like a directive.
fn directive_name(body: &str) -> Option<&str> {
    let body = body.trim_start();
    let (name, _) = body.split_once(':')?;
    let is_word = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    is_word.then_some(name)
}

/// Opens or ends a TUI-only passage (`body` follows `<!--`); returns the new state.
fn tui_marker(body: &str, open: Option<usize>, line: usize) -> Result<Option<usize>, String> {
    let inner = body.trim_end().strip_suffix("-->").map(str::trim);
    match (
        inner.and_then(|i| i.strip_prefix("tui:")).map(str::trim),
        open,
    ) {
        (Some("begin"), None) => Ok(Some(line)),
        (Some("begin"), Some(at)) => Err(format!("`tui: begin` inside the one begun on line {at}")),
        (Some("end"), Some(_)) => Ok(None),
        (Some("end"), None) => Err("`tui: end` without `tui: begin`".into()),
        _ => Err("expected `<!-- tui: begin -->` or `<!-- tui: end -->`".into()),
    }
}

/// Adds a `live:` or `nix:` directive (`body` follows `<!--`) to `step`.
fn directive(step: &mut Section, name: &str, body: &str) -> Result<(), String> {
    // One line each: a directive running on would swallow the step's text.
    let Some(inner) = body.trim_end().strip_suffix("-->") else {
        return Err(format!(
            "unclosed `<!--` directive: `{name}:` must end with `-->` on its line"
        ));
    };
    let content = inner.trim_start()[name.len() + 1..].trim();
    if content.is_empty() {
        return Err(format!("empty `{name}:` directive"));
    }
    if name == "nix" {
        if step.nix.is_some() {
            return Err(format!("second `nix:` directive in step `{}`", step.step));
        }
        step.nix = Some(content.to_string());
    } else {
        check_placeholders(content)?;
        step.live.push(content.to_string());
    }
    Ok(())
}

/// Every `{` opens a placeholder that names a fact and closes before the next `{`; a
/// `{fact?yes|no}` placeholder has exactly one `|` between its two wordings.
fn check_placeholders(sentence: &str) -> Result<(), String> {
    let mut rest = sentence;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("`}}` without `{{` in live line: {sentence}"));
        }
        let after = &rest[open + 1..];
        let close = after
            .find(['{', '}'])
            .filter(|&i| after[i..].starts_with('}'));
        let Some(close) = close else {
            return Err(format!(
                "placeholder `{{` never closed in live line: {sentence}"
            ));
        };
        let (name, words) = match after[..close].split_once('?') {
            Some((name, words)) => (name, Some(words)),
            None => (&after[..close], None),
        };
        if words.is_some_and(|w| w.matches('|').count() != 1) {
            return Err(format!(
                "`{{{name}?...}}` needs two wordings split by one `|` in live line: {sentence}"
            ));
        }
        let valid = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
        if name.is_empty() || !name.chars().all(valid) {
            return Err(format!(
                "invalid placeholder `{{{name}}}`: use a fact name like {{errno}}"
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

/// A step must say something: an empty pane is a lesson bug.
fn check_text(step: &Section) -> Result<(), String> {
    if step.text.trim().is_empty() {
        return Err(format!("step `{}` has no text", step.step));
    }
    Ok(())
}
