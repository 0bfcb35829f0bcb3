//! Parses a lesson file into steps, strictly.
//!
//! The lesson is embedded at build time, so a typo in `tutorial.md` would otherwise
//! surface as a blank pane or a step the TUI cannot find. Here it fails instead, naming
//! the file, the line and what is wrong; `tests/lesson.rs` checks both languages.
//!
//! Rules (see `super` for the format): a `## N. Title {#id}` line at the top level (not
//! in code, a list or an aside) opens a step; the ids must be exactly the `Step`s, in
//! order; `<!-- live: ... -->`, `<!-- nix: ... -->` and `<!-- try: ... -->` are one-line
//! directives inside a step; `<!-- tui: begin -->` and `<!-- tui: end -->` enclose
//! TUI-only blocks (at the top level, not nested, closed before the next step);
//! `<!-- notes:` opens a block of speaker notes that runs to the next `-->` (see
//! `super::notes`); any other `<!-- word:` is a typo for a directive and rejected; plain
//! HTML comments are dropped; a code fence must be closed. Everything else is CommonMark,
//! read by pulldown-cmark into `text::Block`s.

use super::markdown::{self, Builder};
use super::text::Block;
use super::{Lesson, Section, Step};
use crate::lang::Lang;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::fmt;
use std::ops::RangeInclusive;

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
const DIRECTIVES: [&str; 6] = ["live", "nix", "tui", "notes", "try", "guess"];

/// Parses the text of a lesson file named `file` (the name is only used in errors).
///
/// One pass of pulldown-cmark over the whole file: top-level `## ` headings open steps,
/// HTML comment blocks are directives, TUI markers or comments, and every other event
/// goes to the step's `Builder`. Offsets give the line numbers for errors.
pub fn parse(file: &str, text: &str, lang: Lang) -> Result<Lesson, LessonError> {
    let lines = Lines::new(text);
    let mut state = State::new(file, text.lines().count());
    // The end of a heading or HTML block whose inner events are this parser's business.
    let mut skip: Option<TagEnd> = None;
    for (event, range) in Parser::new_ext(text, markdown::options()).into_offset_iter() {
        if let Some(end) = skip {
            if event == Event::End(end) {
                skip = None;
            }
            continue;
        }
        let number = lines.of(range.start);
        let source = &text[range.clone()];
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) if state.builder.depth() == 0 && source.starts_with("## ") => {
                skip = Some(TagEnd::Heading(HeadingLevel::H2));
                state.heading(source, number)?;
            }
            Event::Start(Tag::HtmlBlock) => {
                skip = Some(TagEnd::HtmlBlock);
                let end = lines.of(range.end.saturating_sub(1).max(range.start));
                state.html_block(source, number..=end)?;
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                if let Some(marker) = unclosed_fence(source) {
                    let message = format!("code fence `{marker}` is never closed");
                    return Err(state.err(number, message));
                }
                state.builder.event(event);
            }
            event => state.builder.event(event),
        }
    }
    state.finish(text, lang)
}

/// What the parse has found so far.
struct State<'f> {
    file: &'f str,
    /// The number of lines in the file.
    last: usize,
    /// The blocks of the section being read.
    builder: Builder,
    intro_blocks: Vec<Block>,
    steps: Vec<Section>,
    /// The lines of the step headings, in order.
    headings: Vec<usize>,
    /// The opening line of a TUI-only passage.
    tui: Option<usize>,
    /// Per line (1-based): not text (headings, directives, comments), or TUI-only.
    hidden: Vec<bool>,
    tui_only: Vec<bool>,
}

impl<'f> State<'f> {
    fn new(file: &'f str, last: usize) -> State<'f> {
        State {
            file,
            last,
            builder: Builder::default(),
            intro_blocks: Vec::new(),
            steps: Vec::new(),
            headings: Vec::new(),
            tui: None,
            hidden: vec![false; last + 2],
            tui_only: vec![false; last + 2],
        }
    }

    fn err(&self, line: usize, message: String) -> LessonError {
        LessonError {
            file: self.file.to_string(),
            line,
            message,
        }
    }

    /// Ends the section before (intro or step) and checks it.
    fn end_section(&mut self) -> Result<(), LessonError> {
        let blocks = self.builder.finish();
        let (Some(step), Some(&line)) = (self.steps.last_mut(), self.headings.last()) else {
            self.intro_blocks = blocks;
            return Ok(());
        };
        step.blocks = blocks;
        check_text(step).map_err(|m| self.err(line, m))
    }

    /// A step heading, `## N. Title {#id}`, on line `number`.
    fn heading(&mut self, source: &str, number: usize) -> Result<(), LessonError> {
        self.end_section()?;
        if let Some(open) = self.tui {
            let message = "`tui: begin` is not ended before the next step".into();
            return Err(self.err(open, message));
        }
        let heading = source.lines().next().unwrap_or_default();
        let heading = heading.strip_prefix("## ").unwrap_or(heading);
        let step = heading_step(heading, &self.steps).map_err(|m| self.err(number, m))?;
        self.steps.push(step);
        self.headings.push(number);
        self.hidden[number] = true;
        Ok(())
    }

    /// An HTML block on `lines`: a directive, a TUI marker, a comment, or (not a comment)
    /// text shown as written.
    fn html_block(
        &mut self,
        source: &str,
        lines: RangeInclusive<usize>,
    ) -> Result<(), LessonError> {
        let number = *lines.start();
        let first = source.lines().next().unwrap_or_default().trim();
        let Some(body) = first.strip_prefix("<!--") else {
            self.builder.raw_html(source);
            return Ok(());
        };
        match directive_name(body) {
            Some("tui") => self.tui_marker(body, number)?,
            Some("notes") => self.notes(source, number)?,
            Some("guess") => self.guess(body, number)?,
            Some(name) if DIRECTIVES.contains(&name) => {
                let Some(step) = self.steps.last_mut() else {
                    return Err(self.err(number, format!("`{name}:` before the first step")));
                };
                directive(step, name, body).map_err(|m| self.err(number, m))?;
            }
            Some(name) => {
                let known = DIRECTIVES.join(":`, `");
                let message = format!("unknown directive `{name}:` (known: `{known}:`)");
                return Err(self.err(number, message));
            }
            // A comment runs to the first `-->`, or else to the end of the file.
            None if source.contains("-->") => {}
            None => {
                let message = "unclosed `<!--` comment: no `-->` follows".into();
                return Err(self.err(number, message));
            }
        }
        self.hidden[lines].fill(true);
        Ok(())
    }

    /// A `<!-- notes: ... -->` block (its whole source) opened on line `number`: the
    /// block runs to the first `-->`, as every HTML comment does.
    fn notes(&mut self, source: &str, number: usize) -> Result<(), LessonError> {
        let Some((inner, _)) = source.split_once("-->") else {
            let message = "unclosed `<!-- notes:` block: no `-->` follows".into();
            return Err(self.err(number, message));
        };
        // Blanks only: the first line keeps its number even when nothing follows `notes:`.
        let blanks = [' ', '\t'];
        let inner = inner.trim_start_matches(blanks);
        let inner = inner
            .strip_prefix("<!--")
            .unwrap_or(inner)
            .trim_start_matches(blanks);
        let inner = inner.strip_prefix("notes:").unwrap_or(inner);
        let inner = inner.trim_start_matches(blanks);
        let lines: Vec<(usize, &str)> = (number..).zip(inner.lines()).collect();
        match self.steps.last() {
            None => return Err(self.err(number, "`notes:` before the first step".into())),
            Some(step) if step.notes.is_some() => {
                let message = format!("second `notes:` block in step `{}`", step.step);
                return Err(self.err(number, message));
            }
            Some(_) => {}
        }
        let notes = super::notes::parse(&lines, number).map_err(|(l, m)| self.err(l, m))?;
        if let Some(step) = self.steps.last_mut() {
            step.notes = Some(notes);
        }
        Ok(())
    }

    /// `<!-- guess: Title -->` (`body` follows `<!--`) on line `number`: the step's text
    /// so far is what is needed to guess; the title is the step's until its run.
    fn guess(&mut self, body: &str, number: usize) -> Result<(), LessonError> {
        if self.builder.depth() > 0 || self.tui.is_some() {
            let message = "`guess:` goes between two top-level blocks, not inside one".into();
            return Err(self.err(number, message));
        }
        let title = body
            .trim_end()
            .strip_suffix("-->")
            .and_then(|inner| inner.trim_start().strip_prefix("guess:"))
            .map(str::trim)
            .filter(|title| !title.is_empty());
        let Some(title) = title else {
            let message = "expected `<!-- guess: Title while guessing -->` on one line".into();
            return Err(self.err(number, message));
        };
        let at = self.builder.count();
        let Some(step) = self.steps.last_mut() else {
            return Err(self.err(number, "`guess:` before the first step".into()));
        };
        if step.guess.is_some() {
            let message = format!("second `guess:` in step `{}`", step.step);
            return Err(self.err(number, message));
        }
        step.guess = Some(super::GuessSplit {
            title: title.to_string(),
            at,
        });
        Ok(())
    }

    /// `<!-- tui: begin -->` or `<!-- tui: end -->` (`body` follows `<!--`) on line `number`.
    fn tui_marker(&mut self, body: &str, number: usize) -> Result<(), LessonError> {
        if self.builder.depth() > 0 {
            let message =
                "`tui:` markers go at the start of a line, not inside a list or an aside".into();
            return Err(self.err(number, message));
        }
        let opened = self.tui;
        self.tui = tui_marker(body, opened, number).map_err(|m| self.err(number, m))?;
        match (opened, self.tui) {
            (None, Some(_)) => self.builder.begin_tui(),
            (Some(begun), None) => {
                self.builder.end_tui();
                self.tui_only[begun..=number].fill(true);
            }
            _ => {}
        }
        Ok(())
    }

    /// The lesson, once the whole file is read.
    fn finish(mut self, text: &str, lang: Lang) -> Result<Lesson, LessonError> {
        if let Some(line) = self.tui {
            return Err(self.err(line, "`tui: begin` is never ended".into()));
        }
        let last = self.last;
        if self.steps.is_empty() {
            let message = "no steps: expected `## 1. Title {#namespaces}`".into();
            return Err(self.err(last.max(1), message));
        }
        self.end_section()?;
        if self.steps.len() < Step::COUNT {
            let missing = Step::all()
                .skip(self.steps.len())
                .map(Step::id)
                .collect::<Vec<_>>()
                .join(", ");
            return Err(self.err(last, format!("steps missing at the end: {missing}")));
        }
        // The text as written, for checks and tools: the lines of each section that are
        // text, with or without the TUI-only ones.
        let source: Vec<&str> = text.lines().collect();
        let written = |from: usize, to: usize, walk: bool| {
            let kept: Vec<&str> = (from..to)
                .filter(|&n| !(self.hidden[n] || (walk && self.tui_only[n])))
                .filter_map(|n| source.get(n - 1).copied())
                .collect();
            kept.join("\n").trim().to_string()
        };
        let first = self.headings.first().copied().unwrap_or(last + 1);
        let ends = self.headings.iter().skip(1).copied().chain([last + 1]);
        let mut steps = std::mem::take(&mut self.steps);
        for ((step, &heading), end) in steps.iter_mut().zip(&self.headings).zip(ends) {
            step.text = written(heading + 1, end, false);
            step.walk_text = written(heading + 1, end, true);
        }
        Ok(Lesson {
            lang,
            intro: written(1, first, false),
            walk_intro: written(1, first, true),
            intro_blocks: std::mem::take(&mut self.intro_blocks),
            steps,
        })
    }
}

/// 1-based line numbers of byte offsets.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { starts }
    }

    fn of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }
}

/// The opening marker of a fenced code block (its source, from the opening fence on) that
/// runs to the end of its container without a closing fence; CommonMark allows that, but
/// here it is a typo that would turn the rest of the lesson into code.
fn unclosed_fence(source: &str) -> Option<&str> {
    let fence = source.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let marker = &source[..source.len() - source.trim_start_matches(fence).len()];
    let mut lines = source.lines();
    lines.next();
    let closed = lines.next_back().is_some_and(|close| {
        let close = close.trim_start_matches([' ', '\t', '>']);
        let rest = close.trim_start_matches(fence);
        close.len() - rest.len() >= marker.len() && rest.trim().is_empty()
    });
    (!closed).then_some(marker)
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
        blocks: Vec::new(),
        live: Vec::new(),
        nix: None,
        notes: None,
        try_it: None,
        guess: None,
    })
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

/// Adds a `live:`, `nix:` or `try:` directive (`body` follows `<!--`) to `step`.
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
    if name == "nix" || name == "try" {
        let slot = if name == "nix" {
            &mut step.nix
        } else {
            &mut step.try_it
        };
        if slot.is_some() {
            return Err(format!(
                "second `{name}:` directive in step `{}`",
                step.step
            ));
        }
        *slot = Some(content.to_string());
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
    if step.blocks.is_empty() {
        return Err(format!("step `{}` has no text", step.step));
    }
    Ok(())
}
