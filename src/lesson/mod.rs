//! The lesson: its steps, parsed from `tutorial.md` (English) and `assets/ko/tutorial.md`
//! (Korean), both embedded at build time so the written tutorial and the tools never drift.
//!
//! Format of a lesson file (see tutorial.md itself):
//! - `## 4. Title {#step-id}` opens a step; the id is the `{#...}` anchor.
//! - `<!-- live: text with {fact_name} -->` inside a step: a sentence filled in with facts
//!   observed live (walk and the TUI print it after the step's action).
//!   `{fact?yes words|no words}` picks words for a true or false fact; a sentence naming a
//!   fact observed as `null` is left out (it does not apply to that run).
//! - `<!-- nix: code -->` inside a step: the Rust (nix) equivalent of the C lines shown.
//! - `<!-- tui: begin -->` ... `<!-- tui: end -->`: blocks about the TUI itself (keys,
//!   panes). The TUI shows them; `walk`, which has no panes, leaves them out. Right after
//!   the `**Live:**` paragraph, they belong to it (the TUI shows both in its live box).
//! - `<!-- notes:` ... `-->` inside a step, over several lines: speaker notes (`notes`),
//!   shown only by `pidns-tutor notes`.
//! - `<!-- try: text -->` inside a step: what to type in the shell pane at this step (its
//!   first line shows it; `{tutor}` is the tutor's host PID).
//! - Everything else in the section is the step's text: CommonMark (paragraphs, lists,
//!   ``` or ~~~ code, `>` asides for notes on the post, `code`, **strong**, *emphasis*),
//!   parsed once, when the lesson loads, into `text::Block`s.
//!
//! Lines of `assets/newpid.c` that a step is about carry a `[step-id]` tag in a comment.

mod markdown;
pub mod notes;
mod parse;
pub mod plain;
mod step;
pub mod text;

pub use notes::Notes;
pub use parse::{LessonError, parse};
pub use step::Step;
pub(crate) use step::each_step;
pub use text::{Block, Inline, Marks};

use crate::lang::Lang;

/// The English lesson, embedded.
pub const TUTORIAL_EN: &str = include_str!("../../tutorial.md");
/// The Korean lesson, embedded.
pub const TUTORIAL_KO: &str = include_str!("../../assets/ko/tutorial.md");
/// Our corrected version of the post's C program.
pub const NEWPID_C: &str = include_str!("../../assets/newpid.c");

/// What a lesson file says about one step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub step: Step,
    pub title: String,
    /// The step's text, markdown as written (without directives and comments): for checks
    /// and tools. Drawn and printed from `blocks`.
    pub text: String,
    /// The same text without its TUI-only passages.
    pub walk_text: String,
    /// The step's text, parsed.
    pub blocks: Vec<Block>,
    /// Sentences with `{fact}` placeholders, filled in from live observations.
    pub live: Vec<String>,
    /// The nix equivalent of the C lines this step points at, if any.
    pub nix: Option<String>,
    /// Speaker notes, for `pidns-tutor notes` only.
    pub notes: Option<Notes>,
    /// What to try in the shell pane at this step, if anything.
    pub try_it: Option<String>,
    /// At a step that asks for a prediction: where its text stops saying what is needed
    /// to guess and starts explaining, and its title until then.
    pub guess: Option<GuessSplit>,
}

/// The first of a step's three phases (before the guess, the run, the explanation), as
/// the lesson file marks it with `<!-- guess: Title while guessing -->` between two
/// top-level blocks: what is above is shown before the run, the rest after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuessSplit {
    /// The step's title until the run, one that does not give the answer away.
    pub title: String,
    /// How many of the step's blocks come before the explanation.
    pub at: usize,
}

impl Section {
    /// The step's blocks as shown before its run (`revealed` false: only what is needed
    /// to guess) or after.
    pub fn blocks_shown(&self, revealed: bool) -> &[Block] {
        match &self.guess {
            Some(guess) if !revealed => &self.blocks[..guess.at.min(self.blocks.len())],
            _ => &self.blocks,
        }
    }

    /// The step's blocks that explain it, shown after its run: all of them where the step
    /// does not ask first.
    pub fn explanation(&self) -> &[Block] {
        let at = self.guess.as_ref().map_or(0, |guess| guess.at);
        &self.blocks[at.min(self.blocks.len())..]
    }

    /// The step's title before its run (`revealed` false) or after.
    pub fn title_shown(&self, revealed: bool) -> &str {
        match &self.guess {
            Some(guess) if !revealed => &guess.title,
            _ => &self.title,
        }
    }

    /// What to try in the shell pane: only after the run where the step asks first (what
    /// to try says what it shows).
    pub fn try_shown(&self, revealed: bool) -> Option<&str> {
        self.try_it
            .as_deref()
            .filter(|_| revealed || self.guess.is_none())
    }
}

/// A whole lesson in one language.
#[derive(Clone, Debug)]
pub struct Lesson {
    pub lang: Lang,
    /// The text before the first step (title and introduction).
    pub intro: String,
    /// The introduction without its TUI-only passages.
    pub walk_intro: String,
    /// The introduction, parsed.
    pub intro_blocks: Vec<Block>,
    /// One section per step, in lesson order (the parser makes sure of it).
    pub steps: Vec<Section>,
}

impl Lesson {
    /// The embedded lesson in `lang`.
    pub fn load(lang: Lang) -> Result<Lesson, LessonError> {
        match lang {
            Lang::En => parse("tutorial.md", TUTORIAL_EN, lang),
            Lang::Ko => parse("assets/ko/tutorial.md", TUTORIAL_KO, lang),
        }
    }

    /// What the lesson says about `step`.
    pub fn step(&self, step: Step) -> Option<&Section> {
        self.steps.get(step.index()).filter(|s| s.step == step)
    }
}

/// The 1-based numbers of the lines of `assets/newpid.c` tagged `[step-id]` (in a C
/// comment); `NEWPID_C.lines().nth(n - 1)` gives the text.
pub fn code_lines_for(step: Step) -> Vec<usize> {
    let tag = format!("[{step}]");
    NEWPID_C
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains(&tag))
        .map(|(index, _)| index + 1)
        .collect()
}

/// The `{fact}` names a live sentence uses, in order of appearance (repeats kept); for
/// `{fact?yes|no}` the name is the part before `?`. An unclosed `{` ends the scan; the
/// parser has already rejected such lines.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let inner = &after[..close];
        names.push(inner.split_once('?').map_or(inner, |(name, _)| name));
        rest = &after[close + 1..];
    }
    names
}

/// Fills a live sentence with observed facts: `{fact}` becomes the fact as text, and
/// `{fact?yes words|no words}` picks the words for a true or false fact, so a sentence
/// never ends in an untranslated `true`. Returns `None` when a fact the sentence names was
/// observed as `null`: that sentence does not apply to this run (say, the alternative
/// sentence beside it does). Unknown facts stay as `{name}`, so a missing observation is
/// visible rather than silently blank.
pub fn fill(template: &str, facts: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    use crate::i18n::Fill;
    let mut applies = true;
    let out = crate::i18n::fill(template, |inner| {
        let (name, words) = match inner.split_once('?') {
            Some((name, words)) => (name, Some(words)),
            None => (inner, None),
        };
        match (facts.get(name), words) {
            (Some(serde_json::Value::Null), _) => {
                applies = false;
                Fill::Keep
            }
            (Some(serde_json::Value::Bool(yes)), Some(words)) => {
                let (if_true, if_false) = words.split_once('|').unwrap_or((words, ""));
                Fill::Text(if *yes { if_true } else { if_false }.to_string())
            }
            (Some(value), _) => Fill::Text(fact_text(value)),
            (None, _) => Fill::Keep,
        }
    });
    applies.then_some(out)
}

/// A fact as a reader wants to see it: strings without quotes, lists comma-separated.
pub fn fact_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(fact_text).collect::<Vec<_>>().join(", ")
        }
        // A process, as in self_chain: "bash 5578".
        serde_json::Value::Object(map) => match (map.get("name"), map.get("pid")) {
            (Some(name), Some(pid)) => format!("{} {}", fact_text(name), fact_text(pid)),
            _ => value.to_string(),
        },
        other => other.to_string(),
    }
}
