//! `walk --quiz`: the questions on a plain terminal, for screen readers and anyone without
//! the TUI. Before each step that has a prediction it asks (numbered choices, one line of
//! input), after only the part of the step's text needed to guess; after the live run it
//! says right or wrong next to the live value, and the walk then explains. Before the
//! summary it asks the quiz and gives a score. Answers go to the learner's progress.
//!
//! Given no input (stdin is not a terminal) it never waits: each question is shown with
//! its answer instead, and nothing is recorded.

use super::Around;
use crate::i18n::Phrase;
use crate::i18n::Tr;
use crate::lang::Lang;
use crate::lesson::Step;
use crate::progress::{QUIZ_STEP, Timestamp, Tracker};
use crate::quiz::text::words;
use crate::quiz::{Context, Key, Question, summary_quiz};
use crate::source::Source;
use crate::steps::{Facts, judge, prediction};
use anyhow::Result;
use std::io::{BufRead, Write};

/// The quiz around a walk.
pub struct QuizWalk<'a> {
    lang: Lang,
    /// Where answers come from; `None`: show, never ask (again).
    input: Option<&'a mut dyn BufRead>,
    /// Whether this walk asks at all (an answer not given is then "skipped").
    asks: bool,
    tracker: Tracker,
    ctx: Context,
    /// Whether the facts are live (or replayed from a recording).
    live: bool,
    /// The prediction asked before the current step, and the choice made (0-based).
    pending: Option<(Question, Option<usize>)>,
}

impl<'a> QuizWalk<'a> {
    /// `input`: the learner's answers, one per line (`None` when stdin is no terminal);
    /// `tracker`: where answers are recorded; `live`: facts from the kernel, not a recording.
    pub fn new(
        lang: Lang,
        input: Option<&'a mut dyn BufRead>,
        tracker: Tracker,
        live: bool,
    ) -> QuizWalk<'a> {
        QuizWalk {
            lang,
            asks: input.is_some(),
            input,
            tracker,
            ctx: Context::new(std::process::id()),
            live,
            pending: None,
        }
    }

    /// The progress as it stands (tests look at it).
    pub fn tracker(&self) -> &Tracker {
        &self.tracker
    }

    fn say(&self, tr: Tr, vars: &[(&'static str, String)]) -> String {
        crate::i18n::say(tr, self.lang, vars)
    }

    fn save(&mut self) {
        if let Some(warning) = self.tracker.save() {
            eprintln!("pidns-tutor: {warning}");
        }
    }

    fn show(&self, question: &Question, heading: String, out: &mut dyn Write) -> Result<()> {
        writeln!(out, "\n  {heading} {}", question.prompt.text(self.lang))?;
        for (i, choice) in question.choices.iter().enumerate() {
            writeln!(out, "    {}) {}", i + 1, choice.text.text(self.lang))?;
        }
        Ok(())
    }

    /// Asks until a valid choice, an empty line (skip) or the end of input. At the end of
    /// input no later question is asked either.
    fn ask(&mut self, question: &Question, out: &mut dyn Write) -> Result<Option<usize>> {
        let n = question.choices.len();
        let prompt = self.say(words::ASK, &[("n", n.to_string())]);
        loop {
            let Some(input) = self.input.as_mut() else {
                return Ok(None);
            };
            write!(out, "  {prompt}")?;
            out.flush()?;
            let mut line = String::new();
            if matches!(input.read_line(&mut line), Ok(0) | Err(_)) {
                writeln!(out)?;
                self.input = None;
                return Ok(None);
            }
            let line = line.trim();
            if line.is_empty() {
                return Ok(None);
            }
            match line.parse::<usize>() {
                Ok(k) if (1..=n).contains(&k) => return Ok(Some(k - 1)),
                _ => writeln!(
                    out,
                    "  {}",
                    self.say(words::NOT_A_CHOICE, &[("n", n.to_string())])
                )?,
            }
        }
    }

    fn numbered(&self, question: &Question, index: usize) -> String {
        let text = question.choices.get(index).map(|c| c.text.text(self.lang));
        format!("{}) {}", index + 1, text.unwrap_or_default())
    }

    /// Says how the answer compares with the right one: right, wrong, skipped, or (never
    /// asked) only the answer.
    fn verdict_line(&self, question: &Question, chosen: Option<usize>, right: usize) -> String {
        let right_text = self.numbered(question, right);
        match chosen {
            Some(c) if c == right => {
                self.say(words::RIGHT, &[("choice", self.numbered(question, c))])
            }
            Some(c) => self.say(
                words::WRONG,
                &[
                    ("choice", self.numbered(question, c)),
                    ("right", right_text),
                ],
            ),
            None if self.asks => self.say(words::SKIPPED, &[("right", right_text)]),
            None => self.say(words::NOT_ASKED, &[("right", right_text)]),
        }
    }

    fn judge_prediction(
        &mut self,
        step: Step,
        facts: Option<&Facts>,
        out: &mut dyn Write,
    ) -> Result<()> {
        let Some((question, chosen)) = self.pending.take() else {
            return Ok(());
        };
        let Some(facts) = facts else {
            return Ok(writeln!(out, "  {}", self.say(words::STEP_FAILED, &[]))?);
        };
        let verdict = judge(facts);
        let right = verdict.as_ref().and_then(|v| question.index_of(v.right));
        let (Some(verdict), Some(right)) = (verdict, right) else {
            return Ok(writeln!(out, "  {}", self.say(words::NO_VERDICT, &[]))?);
        };
        let live = verdict.live.text(self.lang);
        let live_tr = if self.live {
            words::LIVE
        } else {
            words::RECORDED
        };
        writeln!(
            out,
            "\n  {} {}",
            self.verdict_line(&question, chosen, right),
            self.say(live_tr, &[("live", live)])
        )?;
        let why = question.why.text(self.lang);
        writeln!(out, "  {}", self.say(words::WHY, &[("why", why)]))?;
        if let Some(mark) = chosen.and_then(|c| question.mark(c, Some(&verdict))) {
            let now = Timestamp::now();
            self.tracker
                .progress
                .predict(step, mark.chosen, mark.correct, now);
            self.save();
        }
        Ok(())
    }

    fn summary_quiz(&mut self, out: &mut dyn Write) -> Result<()> {
        let quiz = summary_quiz();
        let n = quiz.len();
        writeln!(
            out,
            "\n  {}",
            self.say(words::QUIZ, &[("n", n.to_string())])
        )?;
        for (i, question) in quiz.iter().enumerate() {
            let heading = self.say(
                words::QUESTION,
                &[("i", (i + 1).to_string()), ("n", n.to_string())],
            );
            self.show(question, heading, out)?;
            let chosen = self.ask(question, out)?;
            let Key::Fixed(right) = question.key else {
                continue;
            };
            let Some(right) = question.index_of(right) else {
                continue;
            };
            writeln!(out, "  {}", self.verdict_line(question, chosen, right))?;
            let why = question.why.text(self.lang);
            writeln!(out, "  {}", self.say(words::WHY, &[("why", why)]))?;
            if let Some(mark) = chosen.and_then(|c| question.mark(c, None)) {
                let now = Timestamp::now();
                self.tracker
                    .progress
                    .answer_quiz(question.id, mark.chosen, mark.correct, now);
                self.save();
            }
        }
        let (quiz, predicted) = (
            self.tracker.progress.quiz(),
            self.tracker.progress.predictions(),
        );
        if quiz.answered > 0 || predicted.answered > 0 {
            let vars = [
                ("right", quiz.right.to_string()),
                ("n", n.to_string()),
                ("predicted_right", predicted.right.to_string()),
                ("predicted", predicted.answered.to_string()),
            ];
            writeln!(out, "\n  {}", self.say(words::SCORE, &vars))?;
        }
        Ok(())
    }
}

/// `walk --quiz`: the walk with its questions asked on stdin when stdin is a terminal,
/// shown with their answers (never waiting) when it is not; answers go to the progress
/// file unless `no_progress` (or NO_PROGRESS). Returns whether every step succeeded.
pub fn walk_with_quiz(
    source: Source,
    lang: Lang,
    format: super::Format,
    no_progress: bool,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<Vec<super::Failed>> {
    use crate::progress::Store;
    use std::io::IsTerminal;
    let live = source.is_live();
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        eprintln!("pidns-tutor: {}", Phrase::new(words::NO_TTY).text(lang));
        let mut quiz = QuizWalk::new(lang, None, Tracker::off(), live);
        return super::walk_around(source, lang, format, width, out, &mut quiz);
    }
    let (tracker, warning) = Tracker::open(Store::from_env(no_progress), Timestamp::now());
    if let Some(warning) = warning {
        eprintln!("pidns-tutor: {warning}");
    }
    let mut input = stdin.lock();
    let mut quiz = QuizWalk::new(lang, Some(&mut input), tracker, live);
    super::walk_around(source, lang, format, width, out, &mut quiz)
}

/// The agent's PID as the host numbers it, where a step's facts show it: later questions
/// are worded with it.
fn agent_host_pid(facts: &Facts) -> Option<i32> {
    match facts {
        Facts::Clone(f) => Some(f.child_host_pid),
        Facts::ProcLeak(f) => Some(f.agent_host_pid),
        Facts::OrphanReaping(f) => Some(f.agent_host_pid),
        _ => None,
    }
}

/// How many processes this /proc lists now: the number a leaking /proc inside will show.
fn count_processes() -> Option<u64> {
    let count = crate::procs::Snapshot::count(std::path::Path::new("/proc"));
    u64::try_from(count).ok().filter(|&n| n > 0)
}

impl Around for QuizWalk<'_> {
    fn asks(&self, step: Step) -> bool {
        step == QUIZ_STEP || crate::steps::def(step).prediction.is_some()
    }

    fn before(&mut self, step: Step, out: &mut dyn Write) -> Result<()> {
        self.tracker.progress.visit(step, Timestamp::now());
        self.save();
        if step == Step::ProcLeak && self.live {
            self.ctx.host_count = count_processes();
        }
        // The summary's quiz, like a prediction, comes before what answers it.
        if step == QUIZ_STEP {
            self.summary_quiz(out)?;
        }
        let Some(question) = prediction(step, &self.ctx) else {
            return Ok(());
        };
        self.show(&question, self.say(words::PREDICT, &[]), out)?;
        let chosen = self.ask(&question, out)?;
        self.pending = Some((question, chosen));
        Ok(())
    }

    fn after(&mut self, step: Step, facts: Option<&Facts>, out: &mut dyn Write) -> Result<()> {
        if let Some(pid) = facts.and_then(agent_host_pid) {
            self.ctx.agent_host_pid = Some(pid.into());
        }
        self.judge_prediction(step, facts, out)
    }
}
