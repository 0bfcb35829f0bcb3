//! A step's text as plain text, for `walk`: a terminal without the TUI, a pipe, a screen
//! reader. No markdown marks (no `*`, backticks, fences or `#`); the source's own line
//! breaks kept (the lesson files are wrapped for reading); list items hang under their
//! marker; code indented; an aside (a `>` note on the post) said in words: it opens with
//! `note` and its other lines are indented under it. TUI-only passages are left out.

use super::text::{Block, Inline, list_marker};

/// `blocks` as lines of plain text, a blank line between blocks.
pub fn lines(blocks: &[Block], note: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks {
        let lines = block_lines(block, note);
        if lines.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(lines);
    }
    out
}

fn block_lines(block: &Block, note: &str) -> Vec<String> {
    match block {
        Block::Heading { text, .. } | Block::Paragraph(text) => inline_lines(text),
        Block::List {
            start,
            tight,
            items,
        } => {
            let mut out = Vec::new();
            for (index, item) in items.iter().enumerate() {
                if index > 0 && !tight {
                    out.push(String::new());
                }
                let marker = list_marker(*start, index, "- ");
                let hang = " ".repeat(marker.len());
                out.extend(prefixed(lines(item, note), &marker, &hang));
            }
            out
        }
        Block::Code { lines, .. } => lines.iter().map(|l| format!("    {l}")).collect(),
        Block::Aside(inner) => prefixed(lines(inner, note), &format!("{note} "), "  "),
        Block::TuiOnly(_) => Vec::new(),
        Block::Rule => vec!["-".repeat(8)],
    }
}

/// `lines` with `first` before the first and `rest` before the others (blank lines stay
/// blank).
fn prefixed(lines: Vec<String>, first: &str, rest: &str) -> Vec<String> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| match (i, line.is_empty()) {
            (0, _) => format!("{first}{line}"),
            (_, true) => line,
            (_, false) => format!("{rest}{line}"),
        })
        .collect()
}

/// A paragraph's lines, as broken in the source.
fn inline_lines(inlines: &[Inline]) -> Vec<String> {
    let mut out = vec![String::new()];
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => {
                if let Some(line) = out.last_mut() {
                    line.push_str(text);
                }
            }
            Inline::SoftBreak | Inline::HardBreak => out.push(String::new()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lesson::markdown::{Builder, options};
    use crate::lesson::text::Marks;
    use crate::lesson::{Block, Inline};

    #[test]
    fn markdown_as_walk_prints_it() {
        let text = "**Live:** the tutor *reads* `/proc/*/ns`.\n\n~~~sh\nls -l /proc/self/ns\n~~~\n\
                    > The post says\n> six.\n\n- one\n  two\n\n### Done";
        let mut builder = Builder::default();
        for event in pulldown_cmark::Parser::new_ext(text, options()) {
            builder.event(event);
        }
        assert_eq!(
            super::lines(&builder.finish(), "Note on the post:"),
            [
                "Live: the tutor reads /proc/*/ns.",
                "",
                "    ls -l /proc/self/ns",
                "",
                "Note on the post: The post says",
                "  six.",
                "",
                "- one",
                "  two",
                "",
                "Done"
            ]
        );
    }

    #[test]
    fn no_marks_hanging_items_and_notes_in_words() {
        let strong = Inline::Text {
            text: "Live:".into(),
            marks: Marks {
                strong: true,
                ..Marks::default()
            },
        };
        let blocks = [
            Block::Heading {
                level: 1,
                text: vec![Inline::plain("Title")],
            },
            Block::Paragraph(vec![strong, Inline::plain(" the tutor reads /proc/*/ns.")]),
            Block::List {
                start: Some(9),
                tight: true,
                items: vec![
                    vec![Block::Paragraph(vec![
                        Inline::plain("one"),
                        Inline::SoftBreak,
                        Inline::plain("more"),
                    ])],
                    vec![Block::Paragraph(vec![Inline::plain("two")])],
                ],
            },
            Block::Code {
                lang: Some("sh".into()),
                lines: vec!["ls".into()],
            },
            Block::TuiOnly(vec![Block::Paragraph(vec![Inline::plain("Press s.")])]),
            Block::Aside(vec![Block::Paragraph(vec![
                Inline::plain("The post says"),
                Inline::SoftBreak,
                Inline::plain("six."),
            ])]),
        ];
        assert_eq!(
            super::lines(&blocks, "Note:"),
            [
                "Title",
                "",
                "Live: the tutor reads /proc/*/ns.",
                "",
                "9. one",
                "   more",
                "10. two",
                "",
                "    ls",
                "",
                "Note: The post says",
                "  six."
            ]
        );
    }
}
