//! `report --html FILE`: the class on one page, for a projector or a browser. The grid
//! (a row per student, a column per step and per task; right, wrong, skipped, passed as a
//! symbol and a colour, never colour alone), then the misconceptions per step (the most
//! common wrong first prediction). One self-contained file: the style inline, no script,
//! nothing fetched; light or dark as the reader's browser prefers. Every string from a
//! file is HTML-escaped.

use super::TaskState;
use super::escape::html;
use super::report::{Report, Wrong};
use super::report_students::{Student, StudentStep, quiz_total};
use super::words as w;
use crate::i18n::say;
use crate::lang::Lang;
use std::fmt::Write;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

const STYLE: &str = "
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1b1b; --line: #c8c8c8;
  --right: #0a6b2f; --right-bg: #dcf3e4; --wrong: #a3101c; --wrong-bg: #fbe0e2;
  --skip: #7a4b00; --skip-bg: #fdf0d2; --seen: #3d3d3d; --head: #f0f0f0; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #15171a; --fg: #e8e8e8; --line: #3d4147;
    --right: #7ee2a0; --right-bg: #123522; --wrong: #ff9aa2; --wrong-bg: #45161b;
    --skip: #ffd27a; --skip-bg: #3d2e0d; --seen: #c0c0c0; --head: #22252a; }
}
body { background: var(--bg); color: var(--fg); font: 15px/1.4 system-ui, sans-serif;
  margin: 1.5em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid var(--line); padding: 0.25em 0.5em; text-align: center; }
thead th, tbody th { background: var(--head); }
tbody th, td.text { text-align: left; }
td.right, td.passed { color: var(--right); background: var(--right-bg); font-weight: bold; }
td.wrong { color: var(--wrong); background: var(--wrong-bg); font-weight: bold; }
td.skipped { color: var(--skip); background: var(--skip-bg); }
td.reached { color: var(--seen); }
.legend span { margin-right: 1.2em; }
";

/// A grid cell: its class (the state, for colour and for tests), symbol and title.
fn cell(class: &str, symbol: &str, title: &str) -> String {
    format!(
        "<td class=\"{class}\" data-state=\"{class}\" title=\"{}\">{symbol}</td>",
        html(title)
    )
}

fn step_cell(step: &StudentStep) -> String {
    match (step.predicted_right, step.reached) {
        (Some(true), _) => cell("right", "✓", &format!("{}: right", step.step)),
        (Some(false), _) => cell("wrong", "✗", &format!("{}: wrong", step.step)),
        (None, true) => cell("reached", "·", &format!("{}: reached", step.step)),
        (None, false) => cell("none", "", &format!("{}: not reached", step.step)),
    }
}

fn task_cell(step: &StudentStep) -> String {
    match step.task {
        Some(TaskState::Passed) => cell("passed", "✓", &format!("task {}: passed", step.step)),
        Some(TaskState::Skipped) => cell("skipped", "↷", &format!("task {}: skipped", step.step)),
        None => cell("none", "", &format!("task {}: not reached", step.step)),
    }
}

fn student_row(s: &Student) -> String {
    let mut row = format!(
        "<tr class=\"student\" data-id=\"{}\"><th scope=\"row\" title=\"{}\">{}</th>",
        html(&s.id),
        html(&s.file),
        html(&s.name)
    );
    row.extend(s.steps.iter().map(step_cell));
    row.extend(s.steps.iter().filter(|t| t.has_task).map(task_cell));
    let _ = write!(
        row,
        "<td>{}/{}</td><td>{}</td><td class=\"text\">{}</td></tr>",
        s.predictions_right,
        s.predictions_answered,
        if s.quiz_answered == 0 {
            "-".to_string()
        } else {
            format!("{}/{}", s.quiz_right, quiz_total())
        },
        s.last_active.map_or("-".into(), |t| t.to_string())
    );
    row
}

fn wrong_text(wrong: &Option<Wrong>) -> String {
    match wrong {
        Some(w) => format!(
            "<b>{}</b> ×{} {}",
            html(&w.choice),
            w.count,
            w.text.as_deref().map(html).unwrap_or_default()
        ),
        None => "-".into(),
    }
}

/// The page.
pub fn render(report: &Report, lang: Lang) -> String {
    let title = say(
        w::HTML_TITLE,
        lang,
        &[("n", report.students.len().to_string())],
    );
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>{title}</title><style>{STYLE}</style></head><body>\n<h1>{title}</h1>\n",
        if lang == Lang::Ko { "ko" } else { "en" },
    );
    for bad in &report.bad {
        let vars = [
            ("file", format!("{}:", bad.file)),
            ("reason", bad.reason.clone()),
        ];
        let _ = writeln!(
            page,
            "<p class=\"bad\">{}</p>",
            html(&say(w::REPORT_BAD, lang, &vars))
        );
    }
    let _ = writeln!(
        page,
        "<p class=\"legend\">{}</p>",
        say(w::HTML_LEGEND, lang, &[])
    );
    let steps = report.students.first().map_or(vec![], |s| s.steps.clone());
    page.push_str("<table id=\"grid\"><thead><tr>");
    let _ = write!(page, "<th>{}</th>", say(w::COL_NAME, lang, &[]));
    for (n, step) in steps.iter().enumerate() {
        let _ = write!(page, "<th title=\"{}\">{}</th>", html(&step.step), n + 1);
    }
    for (n, step) in steps.iter().enumerate().filter(|(_, s)| s.has_task) {
        let vars = [("n", (n + 1).to_string())];
        let _ = write!(
            page,
            "<th title=\"{}\">{}</th>",
            html(&step.step),
            say(w::HTML_TASK, lang, &vars)
        );
    }
    let _ = writeln!(
        page,
        "<th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        say(w::COL_FIRST_RIGHT, lang, &[]),
        say(w::COL_QUIZ, lang, &[]),
        say(w::COL_ACTIVE, lang, &[])
    );
    for student in &report.students {
        page.push_str(&student_row(student));
        page.push('\n');
    }
    page.push_str("</tbody></table>\n");
    let _ = writeln!(page, "<h2>{}</h2>", say(w::HTML_MISCONCEPTIONS, lang, &[]));
    let _ = writeln!(
        page,
        "<table id=\"misconceptions\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        say(w::COL_STEP, lang, &[]),
        say(w::COL_PREDICTED, lang, &[]),
        say(w::COL_WRONG, lang, &[])
    );
    for (index, line) in report.steps.iter().enumerate() {
        let (Some(right), Some(asked)) = (line.predicted_right, line.predicted) else {
            continue;
        };
        let _ = writeln!(
            page,
            "<tr><th>{} {}</th><td>{right}/{asked}</td><td class=\"text\">{}</td></tr>",
            index + 1,
            html(&line.step),
            wrong_text(&line.most_common_wrong)
        );
    }
    for line in &report.quiz {
        let _ = writeln!(
            page,
            "<tr><th>{}</th><td>{}/{}</td><td class=\"text\">{}</td></tr>",
            html(&line.question),
            line.right,
            line.answered,
            wrong_text(&line.most_common_wrong)
        );
    }
    page.push_str("</tbody></table>\n</body></html>\n");
    page
}

/// Writes the page to `path`: a new file beside it first (never through a symbolic link,
/// never over someone else's file), renamed into place.
pub fn write_page(path: &Path, page: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .custom_flags(libc::O_NOFOLLOW)
            .mode(0o644)
            .open(&temp)?;
        file.write_all(page.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}
