//! `pidns-tutor report FILE...`: adds up the progress files students hand in. Per student:
//! how far, first predictions, tasks, quiz (`report_students`). Per step: how many reached
//! it, passed its task, predicted right (first answers), and the most common wrong
//! prediction; per summary question the same. A file that cannot be read is listed with its
//! reason and the rest are still counted. No network, no account: files in, text, JSON, CSV
//! (`report_csv`) or a page (`report_html`) out. Every string from a file is shown escaped.

use super::report_students::{Student, dedupe, quiz_total, student};
use super::words as w;
use super::{Answer, Progress, QUIZ_STEP, TaskState};
use crate::i18n::say;
use crate::lang::Lang;
use crate::lesson::Step;
use crate::quiz::summary_quiz;

use crate::sanitize::escape;
use crate::steps::choice_text;
use serde::Serialize;
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthStr;

pub use super::report_inputs::{ReportInput, read_inputs};

/// The most common wrong choice of a question, and how many made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Wrong {
    pub choice: String,
    pub count: usize,
    /// The choice's words in the report's language (`null` for an id this version lacks).
    pub text: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepLine {
    pub step: String,
    pub reached: usize,
    pub task_passed: usize,
    pub task_skipped: usize,
    /// `null` for a step without a prediction.
    pub predicted: Option<usize>,
    pub predicted_right: Option<usize>,
    pub most_common_wrong: Option<Wrong>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuizLine {
    pub question: String,
    pub answered: usize,
    pub right: usize,
    pub most_common_wrong: Option<Wrong>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BadFile {
    pub file: String,
    pub reason: String,
}

/// Everything `report` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// One per learner, in the order first given.
    pub students: Vec<Student>,
    /// The files counted (one per student).
    pub files: Vec<String>,
    pub bad: Vec<BadFile>,
    pub steps: Vec<StepLine>,
    pub quiz: Vec<QuizLine>,
    /// Files with at least one summary answer, and their mean score.
    pub quiz_takers: usize,
    pub quiz_mean: Option<f64>,
}

/// Adds the inputs up, each learner once; `lang` is for the choices' words.
pub fn aggregate(inputs: &[ReportInput], lang: Lang) -> Report {
    let kept = dedupe(inputs);
    let good: Vec<&Progress> = kept.iter().map(|(_, p, _)| *p).collect();
    let steps = Step::all()
        .map(|step| {
            let id = step.id();
            let records: Vec<_> = good.iter().filter_map(|p| p.step(step)).collect();
            let task = |state| {
                let has =
                    |r: &&&super::StepRecord| r.task.as_ref().is_some_and(|t| t.state == state);
                records.iter().filter(has).count()
            };
            let asks = crate::steps::def(step).prediction.is_some();
            let answers: Vec<&Answer> = records
                .iter()
                .filter_map(|r| r.prediction.as_ref())
                .collect();
            StepLine {
                step: id.to_string(),
                reached: records.iter().filter(|r| r.visited.is_some()).count(),
                task_passed: task(TaskState::Passed),
                task_skipped: task(TaskState::Skipped),
                predicted: asks.then_some(answers.len()),
                predicted_right: asks.then(|| answers.iter().filter(|a| a.right).count()),
                most_common_wrong: most_common_wrong(id, &answers, lang),
            }
        })
        .collect();
    let questions = summary_quiz();
    let quiz = questions
        .iter()
        .map(|q| {
            let answers: Vec<&Answer> = good
                .iter()
                .filter_map(|p| p.step(QUIZ_STEP)?.quiz.get(q.id))
                .collect();
            QuizLine {
                question: q.id.to_string(),
                answered: answers.len(),
                right: answers.iter().filter(|a| a.right).count(),
                most_common_wrong: most_common_wrong(q.id, &answers, lang),
            }
        })
        .collect();
    let scores: Vec<usize> = good
        .iter()
        .map(|p| p.quiz())
        .filter(|s| s.answered > 0)
        .map(|s| s.right)
        .collect();
    Report {
        students: kept
            .iter()
            .map(|(file, progress, others)| student(file, progress, others.clone()))
            .collect(),
        files: kept.iter().map(|(n, _, _)| n.to_string()).collect(),
        bad: inputs
            .iter()
            .filter_map(|(file, r)| {
                let reason = r.as_ref().err()?.to_string();
                Some(BadFile {
                    file: file.clone(),
                    reason,
                })
            })
            .collect(),
        steps,
        quiz,
        quiz_takers: scores.len(),
        quiz_mean: (!scores.is_empty())
            .then(|| scores.iter().sum::<usize>() as f64 / scores.len() as f64),
    }
}

/// The wrong choice made most often; ties go to the choice listed first in the question.
fn most_common_wrong(question: &str, answers: &[&Answer], lang: Lang) -> Option<Wrong> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for answer in answers.iter().filter(|a| !a.right) {
        *counts.entry(answer.choice.as_str()).or_default() += 1;
    }
    let order = |choice: &str| {
        let ctx = crate::quiz::Context::default();
        Step::from_id(question)
            .and_then(|step| crate::steps::prediction(step, &ctx))
            .or_else(|| summary_quiz().into_iter().find(|q| q.id == question))
            .and_then(|q| q.index_of(choice))
            .unwrap_or(usize::MAX)
    };
    let (choice, count) = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(order(b.0).cmp(&order(a.0))))?;
    Some(Wrong {
        choice: choice.to_string(),
        count,
        text: choice_text(question, choice, lang),
    })
}

/// Pads each column to its widest cell, by display width (Korean letters are two wide).
fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            line.push_str(&" ".repeat(widths[c].saturating_sub(cell.width()) + 2));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn wrong_cell(wrong: &Option<Wrong>) -> String {
    match wrong {
        Some(w) => format!(
            "{} x{}{}",
            escape(&w.choice).into_owned(),
            w.count,
            w.text.as_ref().map_or(String::new(), |t| format!(": {t}"))
        ),
        None => "-".into(),
    }
}

/// The report as text for a terminal: who, then each student, then each step.
pub fn render_text(report: &Report, lang: Lang) -> String {
    let copies: usize = report.students.iter().map(|s| s.duplicates.len()).sum();
    let vars = [
        ("n", report.students.len().to_string()),
        ("files", (report.files.len() + copies).to_string()),
    ];
    let mut out = say(w::REPORT_STUDENTS, lang, &vars);
    out.push('\n');
    for student in report.students.iter().filter(|s| !s.duplicates.is_empty()) {
        let vars = [
            ("file", escape(&student.file).into_owned()),
            (
                "others",
                escape(&student.duplicates.join(", ")).into_owned(),
            ),
        ];
        out.push_str(&say(w::REPORT_DUPLICATE, lang, &vars));
        out.push('\n');
    }
    for bad in &report.bad {
        let vars = [
            ("file", format!("{}:", escape(&bad.file).into_owned())),
            ("reason", escape(&bad.reason).into_owned()),
        ];
        out.push_str(&say(w::REPORT_BAD, lang, &vars));
        out.push('\n');
    }
    if !report.students.is_empty() {
        out.push('\n');
        out.push_str(&table(&student_rows(&report.students, lang)));
    }
    let n = report.students.len();
    let mut rows = vec![
        [
            w::COL_STEP,
            w::COL_REACHED,
            w::COL_TASK,
            w::COL_PREDICTED,
            w::COL_WRONG,
        ]
        .map(|t| say(t, lang, &[]))
        .to_vec(),
    ];
    for (index, line) in report.steps.iter().enumerate() {
        let predicted = match (line.predicted_right, line.predicted) {
            (Some(right), Some(asked)) => format!("{right}/{asked}"),
            _ => "-".into(),
        };
        rows.push(vec![
            format!("{:>2} {}", index + 1, line.step),
            format!("{}/{n}", line.reached),
            // No task state anywhere: the step has no task (yet), not n failures.
            match (line.task_passed, line.task_skipped) {
                (0, 0) => "-".into(),
                (passed, 0) => format!("{passed}/{n}"),
                (passed, skipped) => {
                    let vars = [("skipped", skipped.to_string())];
                    format!("{passed}/{n}, {}", say(w::CELL_SKIPPED, lang, &vars))
                }
            },
            predicted,
            wrong_cell(&line.most_common_wrong),
        ]);
    }
    out.push('\n');
    out.push_str(&table(&rows));
    let mut rows = vec![
        [w::COL_QUESTION, w::COL_RIGHT, w::COL_WRONG]
            .map(|t| say(t, lang, &[]))
            .to_vec(),
    ];
    for line in &report.quiz {
        rows.push(vec![
            line.question.clone(),
            format!("{}/{}", line.right, line.answered),
            wrong_cell(&line.most_common_wrong),
        ]);
    }
    out.push('\n');
    out.push_str(&table(&rows));
    let mean = report.quiz_mean.map_or("-".into(), |m| format!("{m:.1}"));
    let vars = [
        ("takers", report.quiz_takers.to_string()),
        ("n", n.to_string()),
        ("mean", mean),
        ("total", report.quiz.len().to_string()),
    ];
    out.push('\n');
    out.push_str(&say(w::REPORT_SCORE, lang, &vars));
    out.push('\n');
    out
}

/// A row per student: name, last step, first predictions right, tasks, quiz, last active.
fn student_rows(students: &[Student], lang: Lang) -> Vec<Vec<String>> {
    let header = [
        w::COL_NAME,
        w::COL_LAST_STEP,
        w::COL_FIRST_RIGHT,
        w::COL_TASKS,
        w::COL_QUIZ,
        w::COL_ACTIVE,
    ];
    let mut rows = vec![header.map(|t| say(t, lang, &[])).to_vec()];
    for s in students {
        let tasks = [
            ("passed", s.tasks_passed.to_string()),
            ("skipped", s.tasks_skipped.to_string()),
            ("left", s.tasks_not_reached.to_string()),
        ];
        rows.push(vec![
            short(&escape(&s.name), 40),
            match (s.last_step_number, &s.last_step) {
                (Some(n), Some(id)) => format!("{n:>2} {id}"),
                _ => "-".into(),
            },
            format!("{}/{}", s.predictions_right, s.predictions_answered),
            say(w::CELL_TASKS, lang, &tasks),
            if s.quiz_answered == 0 {
                "-".into()
            } else {
                format!("{}/{}", s.quiz_right, quiz_total())
            },
            s.last_active.map_or("-".into(), |t| t.to_string()),
        ]);
    }
    rows
}

/// At most `max` columns wide, with `…` where it was cut.
fn short(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) >= max {
            break;
        }
        out.push(c);
    }
    out + "…"
}

/// The report as one JSON object.
pub fn render_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default() + "\n"
}
