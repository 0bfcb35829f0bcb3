//! Parses a lesson file into steps. A first, lenient version; errors name file and line.

use super::{Lesson, Step};
use crate::lang::Lang;
use std::fmt;

/// What is wrong with a lesson file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LessonError {}

/// Parses the text of a lesson file named `file` (the name is only used in errors).
pub fn parse(file: &str, text: &str, lang: Lang) -> Result<Lesson, LessonError> {
    let error = |line: usize, message: String| LessonError {
        file: file.to_string(),
        line,
        message,
    };
    let mut intro = String::new();
    let mut steps: Vec<Step> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if let Some(heading) = line.strip_prefix("## ") {
            let (Some(open), true) = (heading.rfind("{#"), heading.trim_end().ends_with('}'))
            else {
                return Err(error(
                    number,
                    format!("step heading without an {{#id}}: {line}"),
                ));
            };
            let id = heading[open + 2..]
                .trim_end()
                .trim_end_matches('}')
                .to_string();
            let title = heading[..open].trim();
            let title = title.split_once(". ").map_or(title, |(_, t)| t).to_string();
            steps.push(Step {
                id,
                title,
                text: String::new(),
                live: Vec::new(),
                nix: None,
            });
            continue;
        }
        let Some(step) = steps.last_mut() else {
            intro.push_str(line);
            intro.push('\n');
            continue;
        };
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("<!-- live:") {
            step.live
                .push(rest.trim_end_matches("-->").trim().to_string());
        } else if let Some(rest) = trimmed.strip_prefix("<!-- nix:") {
            step.nix = Some(rest.trim_end_matches("-->").trim().to_string());
        } else {
            step.text.push_str(line);
            step.text.push('\n');
        }
    }
    for step in &mut steps {
        step.text = step.text.trim().to_string();
    }
    Ok(Lesson {
        lang,
        intro: intro.trim().to_string(),
        steps,
    })
}
