//! One learner's progress in words: what `pidns-tutor progress` prints, the notice when the
//! TUI resumes, and the question `progress --reset` asks. Pure: strings in, strings out.

use super::words as w;
use super::{Progress, Store, TaskState};
use crate::i18n::say;
use crate::lang::Lang;
use crate::lesson::Step;
use crate::quiz::summary_quiz;
use crate::sanitize::escape;
use crate::steps::choice_text;
use std::fmt::Write;

/// `pidns-tutor progress`: where it is kept, when, the scores, and a line per step.
pub fn summary(progress: &Progress, store: &Store, lang: Lang) -> String {
    let mut out = String::new();
    let Some(path) = store.path() else {
        let why = store.off_reason().unwrap_or_default().to_string();
        return say(w::OFF, lang, &[("why", why)]) + "\n";
    };
    let path = path.display().to_string();
    if progress.updated.is_none() && progress.steps.is_empty() && progress.learner.is_none() {
        return say(w::NOTHING_YET, lang, &[("path", path)]) + "\n";
    }
    let _ = writeln!(out, "{}", say(w::KEPT_IN, lang, &[("path", path)]));
    if let Some(learner) = &progress.learner {
        let vars = [
            ("name", escape(&learner.name).into_owned()),
            ("id", learner.id.clone()),
        ];
        let _ = writeln!(out, "{}", say(w::LEARNER, lang, &vars));
    }
    let time = |t: Option<super::Timestamp>| t.map_or_else(|| "-".to_string(), |t| t.to_string());
    let times = [
        ("started", time(progress.started)),
        ("updated", time(progress.updated)),
        ("version", progress.tool_version.clone()),
        ("kernel", progress.kernel.clone()),
    ];
    let _ = writeln!(out, "{}", say(w::TIMES, lang, &times));
    if let Some(at) = progress.resume_at() {
        let vars = [
            ("n", at.number().to_string()),
            ("total", Step::COUNT.to_string()),
            ("step", at.id().to_string()),
        ];
        let _ = writeln!(out, "{}", say(w::AT_STEP, lang, &vars));
    }
    let (predicted, quiz, (passed, skipped)) =
        (progress.predictions(), progress.quiz(), progress.tasks());
    let scores = [
        ("pr", predicted.right.to_string()),
        ("pa", predicted.answered.to_string()),
        ("qr", quiz.right.to_string()),
        ("qa", quiz.answered.to_string()),
        ("qn", summary_quiz().len().to_string()),
        ("tp", passed.to_string()),
        ("ts", skipped.to_string()),
    ];
    let _ = writeln!(out, "{}\n", say(w::SCORES, lang, &scores));
    for step in Step::all() {
        let id = step.id();
        let record = progress.step(step);
        let mark = if progress.resume_at() == Some(step) {
            "[>]"
        } else if record.is_some() {
            "[x]"
        } else {
            "[ ]"
        };
        let mut notes = vec![];
        if let Some(answer) = record.and_then(|r| r.prediction.as_ref()) {
            let choice = choice_text(id, &answer.choice, lang).unwrap_or(answer.choice.clone());
            let tr = if answer.right {
                w::PREDICTED_RIGHT
            } else {
                w::PREDICTED_WRONG
            };
            notes.push(say(tr, lang, &[("choice", choice)]));
        }
        let quiz = progress.quiz();
        if step == super::QUIZ_STEP && quiz.answered > 0 {
            let vars = [
                ("right", quiz.right.to_string()),
                ("n", summary_quiz().len().to_string()),
            ];
            notes.push(say(w::QUIZ_SCORE, lang, &vars));
        }
        match record.and_then(|r| r.task.as_ref()).map(|t| t.state) {
            Some(TaskState::Passed) => notes.push(say(w::TASK_PASSED, lang, &[])),
            Some(TaskState::Skipped) => notes.push(say(w::TASK_SKIPPED, lang, &[])),
            None => {}
        }
        let line = format!("{mark} {:>2} {id:<15} {}", step.number(), notes.join("; "));
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// Where the TUI starts, and what it says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resume {
    pub step: Option<Step>,
    pub notice: Option<String>,
}

/// `--step` wins, `--restart` starts at the beginning, else the saved step (with a notice).
pub fn resume(progress: &Progress, requested: Option<Step>, restart: bool, lang: Lang) -> Resume {
    if requested.is_some() || restart {
        return Resume {
            step: requested,
            notice: None,
        };
    }
    // Resuming at the first step is just starting: nothing to say.
    match progress.resume_at().filter(|&at| at != Step::first()) {
        Some(at) => Resume {
            step: Some(at),
            notice: Some(say(
                w::RESUMING,
                lang,
                &[
                    ("n", at.number().to_string()),
                    ("total", Step::COUNT.to_string()),
                    ("step", at.id().to_string()),
                ],
            )),
        },
        None => Resume {
            step: None,
            notice: None,
        },
    }
}

/// The words of `progress --reset`.
pub fn reset_question(store: &Store, lang: Lang) -> String {
    let path = store.path().map(|p| p.display().to_string());
    say(w::RESET_ASK, lang, &[("path", path.unwrap_or_default())])
}

/// What `progress --reset` did: `Some(true)` cleared, `Some(false)` nothing there, `None`
/// kept (the learner said no).
pub fn reset_result(store: &Store, cleared: Option<bool>, lang: Lang) -> String {
    let path = store.path().map(|p| p.display().to_string());
    let vars = [("path", path.unwrap_or_default())];
    match cleared {
        Some(true) => say(w::RESET_DONE, lang, &vars),
        Some(false) => say(w::RESET_NOTHING, lang, &vars),
        None => say(w::RESET_KEPT, lang, &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Timestamp;

    #[test]
    fn resume_goes_to_the_saved_step_unless_told_otherwise() {
        let mut p = Progress::new();
        p.visit(Step::ProcLeak, Timestamp(1));
        let r = resume(&p, None, false, Lang::En);
        assert_eq!(r.step, Some(Step::ProcLeak));
        assert!(r.notice.unwrap().contains(&format!("7/{}", Step::COUNT)));
        let r = resume(&p, Some(Step::Clone), false, Lang::En);
        assert_eq!((r.step, r.notice), (Some(Step::Clone), None));
        assert_eq!(resume(&p, None, true, Lang::Ko).step, None);
        assert_eq!(resume(&Progress::new(), None, false, Lang::En).step, None);
    }

    #[test]
    fn the_summary_marks_each_step_and_names_the_answers() {
        let mut p = Progress::new();
        let t = Timestamp(1_700_000_000);
        p.visit(Step::Clone, t);
        p.predict(Step::Clone, "one-and-tutor", false, t);
        p.visit(Step::KillParent, t);
        p.task(Step::KillParent, TaskState::Passed, t);
        let store = Store::at("/nonexistent/progress.json".into());
        let text = summary(&p, &store, Lang::En);
        assert!(text.contains("[x]  4 clone"), "{text}");
        assert!(
            text.contains("predicted wrong: 1, and the tutor's PID"),
            "{text}"
        );
        assert!(
            text.contains("[>]  6 kill-parent     task passed"),
            "{text}"
        );
        assert!(text.contains("[ ]  7 proc-leak"), "{text}");
        assert!(text.contains("Predictions right: 0/1"), "{text}");
        let ko = summary(&p, &store, Lang::Ko);
        assert!(ko.contains("예측 빗나감"), "{ko}");
        let empty = summary(&Progress::new(), &store, Lang::En);
        assert!(empty.starts_with("No progress saved yet"), "{empty}");
        let off = summary(&p, &Store::off("NO_PROGRESS is set"), Lang::En);
        assert!(off.contains("NO_PROGRESS is set"), "{off}");
    }
}
