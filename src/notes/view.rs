//! What `pidns-tutor notes` shows, as plain lines wrapped to the terminal's width: a
//! header that always stays on screen (the step, its title and state, the talk's and the
//! step's timers, the pace against the slot, the keys, the next step), then the body,
//! which scrolls: the room's vote and its answer while a question is open, then the notes
//! (say, what the audience sees, in talk mode what the banner shows, avoid).
//!
//! The notes keep the room's order, predict, observe, explain: at a step that asks first,
//! until its run they show the step's title while guessing and the text before the guess
//! (the setup, which gives nothing away), and the notes, which explain, only after it.

use super::talk::{Pace, TalkClock, clock, talk_time};
use super::voting::voting;
use super::{StepState, Update};
use crate::lesson::{Lesson, Step, plain};
use crate::record::Recording;
use crate::words::notes as w;
use unicode_width::UnicodeWidthStr;

/// The notes screen: a header of fixed height, then a body that may scroll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotesScreen {
    pub header: Vec<String>,
    pub body: Vec<String>,
}

/// What the notes are drawn from besides the update: the lesson in its language, the
/// speaker's clock, and the bundled recording (a prediction's answer).
pub struct Sources<'a> {
    pub lesson: &'a Lesson,
    pub talk: TalkClock,
    pub recording: Option<&'a Recording>,
}

/// The notes screen for `update` at `now_ms`, `width` columns wide.
pub fn render(update: &Update, from: &Sources, now_ms: u64, width: usize) -> NotesScreen {
    let lang = update.lang;
    let width = width.max(20);
    let step = update.step;
    let section = from.lesson.step(step);
    // The titles the room sees: a step not yet run (the next one too) by its title while
    // guessing.
    let title = |s: Step, revealed: bool| {
        from.lesson
            .step(s)
            .map_or(s.id(), |section| section.title_shown(revealed))
    };
    let state = match update.state {
        StepState::Prepared => w::PREPARED.get(lang),
        StepState::Running => w::RUNNING.get(lang),
        StepState::Ran => w::RAN.get(lang),
        StepState::Voting => w::VOTING.get(lang),
    };
    let (talk, step_ms) = from.talk.elapsed(update, now_ms);
    let pace = match from.talk.pace(update, now_ms) {
        Some(Pace::Ahead(ms)) => format!(" · {} {}", clock(ms), w::AHEAD.get(lang)),
        Some(Pace::Behind(ms)) => format!(" · {} {}", clock(ms), w::BEHIND.get(lang)),
        Some(Pace::Over(ms)) => format!(" · {} {}", clock(ms), w::OVER.get(lang)),
        None => String::new(),
    };
    let next = match Step::at(step.index() + 1) {
        Some(next) => format!(
            "{} {}/{} {}",
            w::NEXT.get(lang),
            next.number(),
            Step::COUNT,
            title(next, false)
        ),
        None => w::LAST.get(lang).to_string(),
    };
    let mode = if update.talk {
        format!(" · {}", w::TALK_MODE.get(lang))
    } else {
        String::new()
    };
    let header = vec![
        cut(
            &format!(
                "{}/{} {} [{state}]",
                step.number(),
                Step::COUNT,
                title(step, update.revealed)
            ),
            width,
        ),
        cut(
            &format!(
                "{} {}{pace}   {} {}   pid {}{mode} · {}",
                w::TALK.get(lang),
                talk_time(talk, from.talk.minutes),
                w::STEP.get(lang),
                clock(step_ms),
                update.pid,
                w::KEYS.get(lang)
            ),
            width,
        ),
        cut(&next, width),
        "─".repeat(width.min(100)),
    ];
    let mut body = Vec::new();
    if let Some(vote) = update
        .question
        .as_deref()
        .filter(|_| update.state == StepState::Voting)
        .and_then(|id| voting(id, update.lang, from.recording))
    {
        body.extend(wrap(w::ROOM_VOTES.get(lang), width, ""));
        body.extend(wrap(&vote.prompt, width, "  "));
        for choice in &vote.choices {
            body.extend(wrap(choice, width, "    "));
        }
        if let Some((answer, shown_by)) = &vote.answer {
            body.extend(wrap(
                &format!("{} {answer}", w::ANSWER.get(lang)),
                width,
                "",
            ));
            if let Some(shown_by) = shown_by {
                body.extend(wrap(
                    &format!("{} {shown_by}", w::ANSWER_RECORDED.get(lang)),
                    width,
                    "  ",
                ));
            }
        }
        body.push(String::new());
    }
    let guessing = section.filter(|s| !update.revealed && s.guess.is_some());
    match (guessing, section.and_then(|s| s.notes.as_ref())) {
        (Some(section), _) => {
            body.extend(wrap(w::BEFORE_GUESS.get(lang), width, ""));
            let setup = section.blocks_shown(false);
            let room = Some(width.saturating_sub(2));
            for line in plain::lines_at(setup, plain::note_label(update.lang), room) {
                body.push(format!("  {line}").trim_end().to_string());
            }
            body.push(String::new());
        }
        (None, Some(notes)) => {
            let see = if update.talk {
                (
                    w::SEE_TALK.get(lang),
                    notes
                        .see
                        .replace(w::LIVE_BOX.get(lang), w::BANNER.get(lang)),
                )
            } else {
                (w::SEE.get(lang), notes.see.clone())
            };
            for (label, text) in [
                (w::SAY.get(lang), notes.say.clone()),
                see,
                (w::AVOID.get(lang), notes.avoid.clone()),
            ] {
                body.extend(wrap(label, width, ""));
                body.extend(wrap(&text, width, "  "));
                body.push(String::new());
            }
        }
        (None, None) => body.push(w::NO_NOTES.get(lang).to_string()),
    }
    body.push(cut(
        &format!("{} · {}", w::TITLE.get(lang), update.lang),
        width,
    ));
    NotesScreen { header, body }
}

/// One line at most `width` columns, cut with `…`.
fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out + "…"
}

/// Greedy word wrap by display width (Korean counts double), every line after `indent`;
/// a run of blanks is one space, and a word longer than a line is cut (never hyphenated:
/// a path or a command must read as it is).
pub fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let room = width.saturating_sub(indent.width()).max(10);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let options = textwrap::Options::new(room + indent.width())
        .initial_indent(indent)
        .subsequent_indent(indent)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(&text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn update(step: Step, lang: Lang) -> Update {
        Update {
            step,
            state: StepState::Ran,
            lang,
            pid: 42,
            started_ms: 1_000,
            step_started_ms: 61_000,
            talk: false,
            question: None,
            revealed: true,
        }
    }

    fn sources(lesson: &Lesson) -> Sources<'_> {
        Sources {
            lesson,
            talk: TalkClock::default(),
            recording: None,
        }
    }

    #[test]
    fn the_screen_has_notes_next_step_and_timers() {
        let lesson = Lesson::load(Lang::En).expect("lesson");
        let notes = render(
            &update(Step::ProcLeak, Lang::En),
            &sources(&lesson),
            3_725_000,
            80,
        );
        let screen = [notes.header.clone(), notes.body.clone()]
            .concat()
            .join("\n");
        let step_notes = lesson
            .step(Step::ProcLeak)
            .and_then(|s| s.notes.clone())
            .expect("notes");
        for needle in [
            &format!("7/{}", Step::COUNT),
            "[ran]",
            "talk 1:02:04",
            "step 1:01:04",
            "SAY",
            "THE AUDIENCE SEES",
            "AVOID",
            &format!("Next: 8/{}", Step::COUNT),
            "pid 42",
        ] {
            assert!(screen.contains(needle), "{needle}:\n{screen}");
        }
        assert!(notes.header[0].starts_with("7/") && notes.header[1].starts_with("talk "));
        assert!(
            notes.header[2].starts_with("Next: 8/"),
            "{:?}",
            notes.header
        );
        let start: String = step_notes
            .avoid
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(screen.contains(&start), "{screen}");
        for line in screen.lines() {
            assert!(line.width() <= 80, "{line}");
        }
        let last = render(
            &update(Step::Summary, Lang::En),
            &sources(&lesson),
            1_000,
            80,
        );
        assert!(last.header.join("\n").contains("This is the last step."));
    }

    #[test]
    fn the_header_is_three_lines_at_any_width_with_the_pace() {
        let lesson = Lesson::load(Lang::Ko).expect("lesson");
        let mut from = sources(&lesson);
        from.talk.minutes = Some(20);
        for width in [20, 40, 80, 200] {
            let notes = render(&update(Step::Nesting, Lang::Ko), &from, 400_000, width);
            assert_eq!(notes.header.len(), 4);
            for line in &notes.header {
                assert!(line.width() <= width.max(20), "{width}: {line}");
            }
        }
        let wide = render(&update(Step::Nesting, Lang::Ko), &from, 400_000, 200);
        assert!(
            wide.header[1].contains("06:39 / 20:00"),
            "{:?}",
            wide.header
        );
        // Step 12 is due at its share of 20:00 (11 steps before it) and began at 01:00:
        // well ahead.
        let due = 20 * 60_000 * Step::Nesting.index() as u64 / Step::COUNT as u64;
        let ahead = format!("{} 빠름", clock(due - 60_000));
        assert!(
            wide.header[1].contains(&ahead),
            "{ahead}: {:?}",
            wide.header
        );
    }

    #[test]
    fn on_stage_the_audience_sees_the_banner_and_a_vote_shows_its_answer() {
        let lesson = Lesson::load(Lang::En).expect("lesson");
        let recording = Recording::bundled().expect("recording");
        let mut from = sources(&lesson);
        from.recording = Some(&recording);
        let mut at = update(Step::Clone, Lang::En);
        at.talk = true;
        let text = render(&at, &from, 70_000, 100).body.join("\n");
        assert!(text.contains("stage: the banner over both trees"), "{text}");
        assert!(!text.contains("The live box"), "{text}");
        at.state = StepState::Voting;
        at.question = Some("clone".into());
        let notes = render(&at, &from, 70_000, 100);
        assert!(
            notes.header[0].contains("[the room is voting]"),
            "{:?}",
            notes.header
        );
        let text = notes.body.join("\n");
        assert!(text.contains("THE ROOM IS VOTING"), "{text}");
        assert!(text.contains("ANSWER, for you only: 3) 1 and 0"), "{text}");
        // The room votes before the run: the setup is there, the notes that explain
        // are not; after the run they are.
        at.revealed = false;
        let text = render(&at, &from, 70_000, 100).body.join("\n");
        assert!(text.contains("ANSWER, for you only: 3) 1 and 0"), "{text}");
        assert!(text.contains("BEFORE THE GUESS"), "{text}");
        assert!(text.contains("What will the child's getpid()"), "{text}");
        assert!(!text.contains("SAY"), "{text}");
        at.state = StepState::Ran;
        at.question = None;
        at.revealed = true;
        let text = render(&at, &from, 70_000, 100).body.join("\n");
        assert!(
            text.contains("SAY") && !text.contains("BEFORE THE GUESS"),
            "{text}"
        );
    }

    /// At every step that asks first, in both languages: until the run the notes say
    /// nothing of their own (their words explain) and the header has the title while
    /// guessing; the text before the guess is there instead.
    #[test]
    fn the_notes_explain_only_after_the_run() {
        let mut asked = 0;
        for lang in Lang::ALL {
            let lesson = Lesson::load(lang).expect("lesson");
            for section in lesson.steps.iter().filter(|s| s.guess.is_some()) {
                let notes = section.notes.as_ref().expect("notes");
                let mut at = update(section.step, lang);
                at.state = StepState::Voting;
                at.question = Some(section.step.id().into());
                at.revealed = false;
                let shown = render(&at, &sources(&lesson), 1_000, 100);
                let text = shown.body.join(" ");
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let what = format!("{} {}", lang.code(), section.step);
                for note in [&notes.say, &notes.see, &notes.avoid] {
                    let start = note.split_whitespace().take(6).collect::<Vec<_>>();
                    assert!(!text.contains(&start.join(" ")), "{what}: {note}\n{text}");
                }
                let setup = plain::lines(section.blocks_shown(false), "").join(" ");
                let setup = setup.split_whitespace().take(6).collect::<Vec<_>>();
                assert!(text.contains(&setup.join(" ")), "{what}: {setup:?}\n{text}");
                let guess = section.title_shown(false);
                assert!(
                    shown.header[0].contains(guess),
                    "{what}: {:?}",
                    shown.header
                );
                at.state = StepState::Ran;
                at.revealed = true;
                let text = render(&at, &sources(&lesson), 1_000, 100).body.join(" ");
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let say = notes.say.split_whitespace().take(6).collect::<Vec<_>>();
                assert!(
                    text.contains(&say.join(" ")),
                    "{what}: after the run\n{text}"
                );
                asked += 1;
            }
        }
        assert_eq!(
            asked,
            2 * 17,
            "every prediction and the summary, both languages"
        );
    }

    #[test]
    fn korean_wraps_by_columns() {
        let lesson = Lesson::load(Lang::Ko).expect("lesson");
        let notes = render(&update(Step::Clone, Lang::Ko), &sources(&lesson), 1_000, 40);
        assert!(notes.body.iter().any(|l| l.contains("말할 것")));
        for line in notes.header.iter().chain(&notes.body) {
            assert!(line.width() <= 40, "{line}");
        }
    }

    #[test]
    fn clocks_and_wrapping() {
        assert_eq!(clock(0), "00:00");
        assert_eq!(clock(61_999), "01:01");
        assert_eq!(clock(3_600_000), "1:00:00");
        assert_eq!(wrap("aa bb cc", 15, "  "), ["  aa bb cc"]);
        assert_eq!(wrap("aaaa bbbb cccc", 12, ""), ["aaaa bbbb", "cccc"]);
        assert_eq!(wrap("", 12, ""), [""]);
        assert_eq!(
            wrap(&"x".repeat(25), 10, ""),
            ["x".repeat(10), "x".repeat(10), "x".repeat(5)]
        );
        assert_eq!(cut("abcdef", 4), "abc…");
    }
}
