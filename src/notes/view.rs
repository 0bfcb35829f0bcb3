//! What `pidns-tutor notes` shows, as plain lines wrapped to the terminal's width: a
//! header that always stays on screen (the step, its title and state, the talk's and the
//! step's timers, the pace against the slot, the keys, the next step), then the body,
//! which scrolls: the room's vote and its answer while a question is open, then the notes
//! (say, what the audience sees, in stage mode what the stage shows, avoid).
//!
//! The notes keep the room's order, predict, observe, explain: at a step that asks first,
//! until its run they show the step's title while guessing and the text before the guess
//! (the setup, which gives nothing away), and the notes, which explain, only after it.

use super::talk::{Pace, TalkClock, clock, talk_time};
use super::voting::voting;
use super::{StepState, Update};
use crate::lang::Lang;
use crate::lesson::{Lesson, Step, plain};
use crate::record::Recording;
use unicode_width::UnicodeWidthStr;

/// The words of the notes screen, in each language.
struct Words {
    title: &'static str,
    talk: &'static str,
    step: &'static str,
    prepared: &'static str,
    running: &'static str,
    ran: &'static str,
    voting: &'static str,
    keys: &'static str,
    ahead: &'static str,
    behind: &'static str,
    over: &'static str,
    say: &'static str,
    see: &'static str,
    see_stage: &'static str,
    /// In a step's "see" note, and what stands for it on stage.
    live_box: &'static str,
    banner: &'static str,
    avoid: &'static str,
    room_votes: &'static str,
    answer: &'static str,
    answer_recorded: &'static str,
    next: &'static str,
    last: &'static str,
    no_notes: &'static str,
    /// Over the text before the guess, until the run.
    before_guess: &'static str,
    stage: &'static str,
}

const EN: Words = Words {
    title: "pidns-tutor notes",
    talk: "talk",
    step: "step",
    prepared: "not run yet: Enter runs it",
    running: "running",
    ran: "ran",
    voting: "the room is voting",
    keys: "r: reset talk timer · ↑↓ scroll · q quit",
    ahead: "ahead",
    behind: "behind",
    over: "over",
    say: "SAY",
    see: "THE AUDIENCE SEES",
    see_stage: "THE AUDIENCE SEES (stage: the banner over both trees; no lesson, no live box, no code)",
    live_box: "The live box",
    banner: "The banner",
    avoid: "AVOID",
    room_votes: "THE ROOM IS VOTING (their screen shows the question; a digit answers it and the step runs)",
    answer: "ANSWER, for you only:",
    answer_recorded: "as the kernel answered when the bundled recording was made:",
    next: "Next:",
    last: "This is the last step.",
    no_notes: "(no notes for this step)",
    before_guess: "BEFORE THE GUESS: the setup, no answer (your notes for this step show after the run)",
    stage: "stage",
};

const KO: Words = Words {
    title: "pidns-tutor 발표 노트",
    talk: "발표",
    step: "단계",
    prepared: "아직 실행 전: Enter로 실행",
    running: "실행 중",
    ran: "실행함",
    voting: "청중이 투표 중",
    keys: "r: 발표 타이머 초기화 · ↑↓ 스크롤 · q 종료",
    ahead: "빠름",
    behind: "늦음",
    over: "초과",
    say: "말할 것",
    see: "청중이 볼 것",
    see_stage: "청중이 볼 것 (무대: 두 트리 위의 배너. 레슨, 실제 실행 상자, 코드는 없다)",
    live_box: "실제 실행 상자",
    banner: "배너",
    avoid: "피할 것",
    room_votes: "청중이 투표 중 (화면에는 질문이 보인다. 숫자로 답하면 단계가 실행된다)",
    answer: "정답, 발표자만 볼 것:",
    answer_recorded: "함께 든 녹화를 만들 때 커널이 답한 것:",
    next: "다음:",
    last: "마지막 단계다.",
    no_notes: "(이 단계에는 노트가 없다)",
    before_guess: "예측 전: 정답 없이 상황만 (이 단계의 노트는 실행 뒤에 보인다)",
    stage: "무대",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    }
}

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
    let w = words(update.lang);
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
        StepState::Prepared => w.prepared,
        StepState::Running => w.running,
        StepState::Ran => w.ran,
        StepState::Voting => w.voting,
    };
    let (talk, step_ms) = from.talk.elapsed(update, now_ms);
    let pace = match from.talk.pace(update, now_ms) {
        Some(Pace::Ahead(ms)) => format!(" · {} {}", clock(ms), w.ahead),
        Some(Pace::Behind(ms)) => format!(" · {} {}", clock(ms), w.behind),
        Some(Pace::Over(ms)) => format!(" · {} {}", clock(ms), w.over),
        None => String::new(),
    };
    let next = match Step::at(step.index() + 1) {
        Some(next) => format!(
            "{} {}/{} {}",
            w.next,
            next.number(),
            Step::COUNT,
            title(next, false)
        ),
        None => w.last.to_string(),
    };
    let mode = if update.stage {
        format!(" · {}", w.stage)
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
                w.talk,
                talk_time(talk, from.talk.minutes),
                w.step,
                clock(step_ms),
                update.pid,
                w.keys
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
        body.extend(wrap(w.room_votes, width, ""));
        body.extend(wrap(&vote.prompt, width, "  "));
        for choice in &vote.choices {
            body.extend(wrap(choice, width, "    "));
        }
        if let Some((answer, shown_by)) = &vote.answer {
            body.extend(wrap(&format!("{} {answer}", w.answer), width, ""));
            if let Some(shown_by) = shown_by {
                body.extend(wrap(
                    &format!("{} {shown_by}", w.answer_recorded),
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
            body.extend(wrap(w.before_guess, width, ""));
            let setup = section.blocks_shown(false);
            let room = Some(width.saturating_sub(2));
            for line in plain::lines_at(setup, plain::note_label(update.lang), room) {
                body.push(format!("  {line}").trim_end().to_string());
            }
            body.push(String::new());
        }
        (None, Some(notes)) => {
            let see = if update.stage {
                (w.see_stage, notes.see.replace(w.live_box, w.banner))
            } else {
                (w.see, notes.see.clone())
            };
            for (label, text) in [
                (w.say, notes.say.clone()),
                see,
                (w.avoid, notes.avoid.clone()),
            ] {
                body.extend(wrap(label, width, ""));
                body.extend(wrap(&text, width, "  "));
                body.push(String::new());
            }
        }
        (None, None) => body.push(w.no_notes.to_string()),
    }
    body.push(cut(&format!("{} · {}", w.title, update.lang), width));
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

/// Greedy word wrap by display width (Korean counts double); a word longer than a line
/// is cut.
pub fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let room = width.saturating_sub(indent.width()).max(10);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = if line.is_empty() { 0 } else { 1 } + word.width();
        if !line.is_empty() && line.width() + needed > room {
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.width() > room {
            let mut cut = String::new();
            let mut rest = String::new();
            for c in line.chars() {
                if rest.is_empty() && cut.width() + c.to_string().width() <= room {
                    cut.push(c);
                } else {
                    rest.push(c);
                }
            }
            lines.push(format!("{indent}{cut}"));
            line = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(step: Step, lang: Lang) -> Update {
        Update {
            step,
            state: StepState::Ran,
            lang,
            pid: 42,
            started_ms: 1_000,
            step_started_ms: 61_000,
            stage: false,
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
        at.stage = true;
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
