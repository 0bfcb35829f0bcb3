//! What `pidns-tutor notes` shows, as plain lines wrapped to the terminal's width: the
//! step and its state, the timers, the notes (say, see, avoid), and the next step.

use super::{StepState, Update};
use crate::lang::Lang;
use crate::lesson::{Lesson, Step};
use unicode_width::UnicodeWidthStr;

/// The words of the notes screen, in each language.
struct Words {
    title: &'static str,
    talk: &'static str,
    step: &'static str,
    prepared: &'static str,
    running: &'static str,
    ran: &'static str,
    say: &'static str,
    see: &'static str,
    avoid: &'static str,
    next: &'static str,
    last: &'static str,
    no_notes: &'static str,
}

const EN: Words = Words {
    title: "pidns-tutor notes",
    talk: "talk",
    step: "step",
    prepared: "not run yet: Enter runs it",
    running: "running",
    ran: "ran",
    say: "SAY",
    see: "THE AUDIENCE SEES",
    avoid: "AVOID",
    next: "Next:",
    last: "This is the last step.",
    no_notes: "(no notes for this step)",
};

const KO: Words = Words {
    title: "pidns-tutor 발표 노트",
    talk: "발표",
    step: "단계",
    prepared: "아직 실행 전: Enter로 실행",
    running: "실행 중",
    ran: "실행함",
    say: "말할 것",
    see: "청중이 볼 것",
    avoid: "피할 것",
    next: "다음:",
    last: "마지막 단계다.",
    no_notes: "(이 단계에는 노트가 없다)",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    }
}

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// The notes screen for `update` at `now_ms`, `width` columns wide.
pub fn render(update: &Update, lesson: &Lesson, now_ms: u64, width: usize) -> Vec<String> {
    let w = words(update.lang);
    let width = width.max(20);
    let mut out = Vec::new();
    let talk = clock(now_ms.saturating_sub(update.started_ms));
    let step = clock(now_ms.saturating_sub(update.step_started_ms));
    let header = format!(
        "{} · pid {} · {} ·  {} {talk}  {} {step}",
        w.title, update.pid, update.lang, w.talk, w.step
    );
    out.extend(wrap(&header, width, ""));
    let rule = "─".repeat(width.min(100));
    let state = match update.state {
        StepState::Prepared => w.prepared,
        StepState::Running => w.running,
        StepState::Ran => w.ran,
    };
    let step = update.step;
    let title = |s: Step| {
        lesson
            .step(s)
            .map_or(s.id(), |section| section.title.as_str())
    };
    let heading = format!(
        "{}/{}  {}  [{state}]",
        step.number(),
        Step::COUNT,
        title(step)
    );
    out.push(rule.clone());
    out.extend(wrap(&heading, width, ""));
    out.push(rule.clone());
    match lesson.step(step).and_then(|section| section.notes.as_ref()) {
        Some(notes) => {
            for (label, text) in [
                (w.say, &notes.say),
                (w.see, &notes.see),
                (w.avoid, &notes.avoid),
            ] {
                out.push(label.to_string());
                out.extend(wrap(text, width, "  "));
                out.push(String::new());
            }
        }
        None => out.push(w.no_notes.to_string()),
    }
    out.push(rule);
    match Step::at(step.index() + 1) {
        Some(next) => out.extend(wrap(
            &format!(
                "{} {}/{}  {}",
                w.next,
                next.number(),
                Step::COUNT,
                title(next)
            ),
            width,
            "",
        )),
        None => out.push(w.last.to_string()),
    }
    out
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
        }
    }

    #[test]
    fn the_screen_has_notes_next_step_and_timers() {
        let lesson = Lesson::load(Lang::En).expect("lesson");
        let screen = render(&update(Step::ProcLeak, Lang::En), &lesson, 3_725_000, 80).join("\n");
        let notes = lesson
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
        let start: String = notes
            .avoid
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(screen.contains(&start), "{screen}");
        for line in screen.lines() {
            assert!(line.width() <= 80, "{line}");
        }
        let last = render(&update(Step::Summary, Lang::En), &lesson, 1_000, 80).join("\n");
        assert!(last.contains("This is the last step."), "{last}");
    }

    #[test]
    fn korean_wraps_by_columns() {
        let lesson = Lesson::load(Lang::Ko).expect("lesson");
        let screen = render(&update(Step::Clone, Lang::Ko), &lesson, 1_000, 40);
        assert!(screen.iter().any(|l| l.contains("말할 것")));
        for line in &screen {
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
    }
}
