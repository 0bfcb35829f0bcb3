//! `report --csv`: one row per student, opened by any spreadsheet. The totals first (name,
//! last step, first predictions right, tasks, quiz, last active), then a column per step
//! (`right`/`wrong` for its first prediction, `reached`, or empty) and one per task
//! (`passed`/`skipped`, or empty). RFC 4180 quoting; a cell that a spreadsheet would run
//! as a formula (`=`, `+`, `-`, `@` first) starts with `'`, so a name cannot be a formula.

use super::TaskState;
use super::report::Report;
use super::report_students::{Student, StudentStep, quiz_total};
use crate::sanitize::escape;

const TOTALS: [&str; 13] = [
    "name",
    "id",
    "file",
    "last_step",
    "last_active",
    "predictions_right",
    "predictions_answered",
    "tasks_passed",
    "tasks_skipped",
    "tasks_not_reached",
    "quiz_right",
    "quiz_answered",
    "quiz_questions",
];

/// The whole CSV, header first, lines ending in CRLF as RFC 4180 has it.
pub fn render(report: &Report) -> String {
    let steps = report.students.first().map_or(vec![], |s| s.steps.clone());
    let mut header: Vec<String> = TOTALS.iter().map(|t| t.to_string()).collect();
    header.extend(steps.iter().map(|s| format!("step {}", s.step)));
    header.extend(
        steps
            .iter()
            .filter(|s| s.has_task)
            .map(|s| format!("task {}", s.step)),
    );
    let mut out = line(&header);
    for student in &report.students {
        out.push_str(&line(&row(student)));
    }
    out
}

fn row(s: &Student) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let mut cells = vec![
        escape(&s.name).into_owned(),
        escape(&s.id).into_owned(),
        escape(&s.file).into_owned(),
        opt(s.last_step.clone()),
        opt(s.last_active.map(|t| t.to_string())),
        s.predictions_right.to_string(),
        s.predictions_answered.to_string(),
        s.tasks_passed.to_string(),
        s.tasks_skipped.to_string(),
        s.tasks_not_reached.to_string(),
        s.quiz_right.to_string(),
        s.quiz_answered.to_string(),
        quiz_total().to_string(),
    ];
    cells.extend(s.steps.iter().map(step_cell));
    cells.extend(s.steps.iter().filter(|s| s.has_task).map(|s| {
        match s.task {
            Some(TaskState::Passed) => "passed",
            Some(TaskState::Skipped) => "skipped",
            None => "",
        }
        .to_string()
    }));
    cells
}

fn step_cell(step: &StudentStep) -> String {
    match (step.predicted_right, step.reached) {
        (Some(true), _) => "right",
        (Some(false), _) => "wrong",
        (None, true) => "reached",
        (None, false) => "",
    }
    .to_string()
}

fn line(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    cells.join(",") + "\r\n"
}

fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("ana"), "ana");
        assert_eq!(cell("Kim, Ana"), "\"Kim, Ana\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("-2,3"), "\"'-2,3\"");
    }
}
