//! A step's text as plain text, for `walk`: a terminal without the TUI, a pipe, a screen
//! reader. No markdown marks (no `*`, backticks, fences or `#`); the source's own line
//! breaks kept (the lesson files are wrapped for reading); list items hang under their
//! marker; code indented; an aside (a `>` note on the post) said in words: it opens with
//! `note` and its other lines are indented under it. TUI-only passages are left out.
//!
//! At a width (`lines_at`), paragraphs are reflowed to it instead and code lines broken
//! at blanks, so that a terminal narrower than the lesson file never cuts a word.

use super::text::{Block, Inline, list_marker};
use crate::i18n::Tr;
use crate::lang::Lang;
use crate::width::wrap;
use unicode_width::UnicodeWidthStr;

/// What an aside (a `>` note on the post) opens with in plain text, where no bar or
/// colour sets it apart.
pub fn note_label(lang: Lang) -> &'static str {
    NOTE_LABEL.get(lang)
}

const NOTE_LABEL: Tr = Tr {
    en: "Note on the post:",
    ko: "원글에 대한 메모:",
};

/// `blocks` as lines of plain text, a blank line between blocks, as broken in the source.
pub fn lines(blocks: &[Block], note: &str) -> Vec<String> {
    lines_at(blocks, note, None)
}

/// `blocks` as lines of plain text of at most `width` columns (`None`: as broken in the
/// source).
pub fn lines_at(blocks: &[Block], note: &str, width: Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks {
        let lines = block_lines(block, note, width);
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

fn block_lines(block: &Block, note: &str, width: Option<usize>) -> Vec<String> {
    // What is left of `width` after a prefix `used` columns wide.
    let less = |used: usize| width.map(|w| w.saturating_sub(used).max(1));
    match block {
        Block::Heading { text, .. } | Block::Paragraph(text) => match width {
            None => inline_lines(text),
            Some(width) => reflowed(text, width),
        },
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
                let item = lines_at(item, note, less(marker.len()));
                out.extend(prefixed(item, &marker, &hang));
            }
            out
        }
        Block::Code { lines, .. } => match width {
            None => lines.iter().map(|l| format!("    {l}")).collect(),
            // A code line too long is continued under itself, two further in.
            Some(width) => lines
                .iter()
                .flat_map(|l| {
                    let indent = &l[..l.len() - l.trim_start().len()];
                    let first = format!("    {indent}");
                    wrap(l.trim_start(), width, &first, &format!("{first}  "))
                })
                .collect(),
        },
        Block::Aside(inner) => {
            let label = format!("{note} ");
            let inner = lines_at(inner, note, less(label.width()));
            prefixed(inner, &label, "  ")
        }
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

/// A paragraph reflowed to `width` columns: the source's soft breaks are blanks.
fn reflowed(inlines: &[Inline], width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut text = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text: t, .. } => text.push_str(t),
            Inline::SoftBreak => text.push(' '),
            Inline::HardBreak => out.extend(wrap(&std::mem::take(&mut text), width, "", "")),
        }
    }
    out.extend(wrap(&text, width, "", ""));
    out
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
    use unicode_width::UnicodeWidthStr;

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
    fn at_a_width_paragraphs_reflow_and_code_hangs() {
        let text = "A namespace wraps one kind\nof global resource.\n\n\
                    - an item that goes on\n  and on\n\n\
                    ```sh\nsudo unshare --pid --fork sh -c 'echo $$'\n```\n\n\
                    > The post says six kinds.";
        let mut builder = Builder::default();
        for event in pulldown_cmark::Parser::new_ext(text, options()) {
            builder.event(event);
        }
        let lines = super::lines_at(&builder.finish(), "Note:", Some(20));
        assert_eq!(
            lines,
            [
                "A namespace wraps",
                "one kind of global",
                "resource.",
                "",
                "- an item that goes",
                "  on and on",
                "",
                "    sudo unshare",
                "      --pid --fork",
                "      sh -c 'echo",
                "      $$'",
                "",
                "Note: The post says",
                "  six kinds.",
            ]
        );
        for line in &lines {
            assert!(line.width() <= 20, "{line}");
        }
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
