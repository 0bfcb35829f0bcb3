//! Speaker notes: what a presenter says at a step, what the audience should see on the
//! screen, and a pitfall to avoid. They live in the lesson files, in a block that the
//! parser takes out of the step's text, so neither `walk` nor the TUI ever shows them;
//! only `pidns-tutor notes`, on the speaker's own terminal, does.
//!
//! ```text
//! <!-- notes:
//! say: what to tell the room; it may run on
//!   over several lines.
//! see: what the audience should see on screen.
//! avoid: a pitfall.
//! -->
//! ```
//! Each field is required, once, and starts at the beginning of a line; an indented line
//! (even one that starts with a word and a colon) carries on the field before it. Lines
//! are joined with spaces.

/// A step's speaker notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notes {
    /// What to say.
    pub say: String,
    /// What the audience should see on screen once the step has run.
    pub see: String,
    /// A pitfall to avoid.
    pub avoid: String,
}

/// The fields of a notes block, in the order they are written.
pub const FIELDS: [&str; 3] = ["say", "see", "avoid"];

/// Parses the lines of a notes block (`(line number, text)`, the `<!-- notes:` and `-->`
/// already taken off). An error names the line it is about.
pub fn parse(lines: &[(usize, &str)], opened: usize) -> Result<Notes, (usize, String)> {
    let mut fields: [Option<String>; 3] = [None, None, None];
    let mut current: Option<usize> = None;
    for &(number, line) in lines {
        let indented = line.starts_with(char::is_whitespace);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !indented
            && let Some((name, rest)) = line.split_once(':')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_lowercase())
        {
            let Some(index) = FIELDS.iter().position(|f| *f == name) else {
                return Err((
                    number,
                    format!(
                        "unknown notes field `{name}:` (known: `{}:`)",
                        FIELDS.join(":`, `")
                    ),
                ));
            };
            if fields[index].is_some() {
                return Err((number, format!("second `{name}:` in one notes block")));
            }
            fields[index] = Some(rest.trim().to_string());
            current = Some(index);
            continue;
        }
        let Some(index) = current else {
            return Err((
                number,
                format!("notes text before any field: start with `{}:`", FIELDS[0]),
            ));
        };
        if let Some(text) = &mut fields[index] {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(line);
        }
    }
    let [say, see, avoid] = fields;
    let take = |field: Option<String>, name: &str| match field {
        Some(text) if !text.is_empty() => Ok(text),
        Some(_) => Err((opened, format!("empty `{name}:` in the notes block"))),
        None => Err((opened, format!("notes block without `{name}:`"))),
    };
    Ok(Notes {
        say: take(say, "say")?,
        see: take(see, "see")?,
        avoid: take(avoid, "avoid")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(text: &str) -> Vec<(usize, &str)> {
        text.lines().enumerate().map(|(i, l)| (i + 10, l)).collect()
    }

    #[test]
    fn fields_run_on_over_lines() {
        let notes = parse(
            &numbered("say: one\n  two\n  stop: not a field\n\nsee: three\navoid: four: with a colon\nfive"),
            9,
        )
        .expect("parses");
        assert_eq!(notes.say, "one two stop: not a field");
        assert_eq!(notes.see, "three");
        assert_eq!(notes.avoid, "four: with a colon five");
    }

    #[test]
    fn mistakes_name_their_line() {
        let e = parse(&numbered("say: a\nsee: b\nsay: c\navoid: d"), 9).unwrap_err();
        assert_eq!(e.0, 12);
        assert!(e.1.contains("second `say:`"), "{e:?}");
        let e = parse(&numbered("say: a\nhint: b"), 9).unwrap_err();
        assert_eq!(e.0, 11);
        assert!(e.1.contains("unknown notes field `hint:`"), "{e:?}");
        let e = parse(&numbered("words first\nsay: a"), 9).unwrap_err();
        assert_eq!(e.0, 10);
        let e = parse(&numbered("say: a\nsee: b"), 9).unwrap_err();
        assert_eq!(e, (9, "notes block without `avoid:`".to_string()));
        let e = parse(&numbered("say: a\nsee:\navoid: c"), 9).unwrap_err();
        assert!(e.1.contains("empty `see:`"), "{e:?}");
    }
}
