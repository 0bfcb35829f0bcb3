//! A step's text, parsed: blocks (paragraphs, headings, lists, code, asides, TUI-only
//! passages) of inline runs (plain, strong, emphasis, code, link text). The lesson files
//! are parsed into this once, when the lesson loads (`super::markdown`); the TUI draws it
//! (`ui::markdown`) and `walk` prints it as plain text (`super::plain`), so the two can
//! never read the markdown differently. Pure data: no styles, no widths.

/// The marks on a run of text. They combine: `*see `x`*` is emphasis and code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    pub strong: bool,
    pub emphasis: bool,
    pub code: bool,
    /// The text of a link (the address is not shown: a terminal lesson names its sources).
    pub link: bool,
}

/// A piece of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text {
        text: String,
        marks: Marks,
    },
    /// A line break in the source, inside a paragraph: a space where the text is reflowed.
    SoftBreak,
    /// A forced line break (a line ending in two spaces or a backslash).
    HardBreak,
}

impl Inline {
    /// Plain text (no marks).
    pub fn plain(text: &str) -> Inline {
        Inline::Text {
            text: text.to_string(),
            marks: Marks::default(),
        }
    }
}

/// One block of a step's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    /// A list; `start` is the first number of a numbered list. Items hold blocks, so lists
    /// nest. A tight list has no blank lines between its items.
    List {
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    /// A fenced (``` or ~~~) or indented code block, line by line.
    Code {
        lang: Option<String>,
        lines: Vec<String>,
    },
    /// A `>` block quote: in this lesson, a note on the post.
    Aside(Vec<Block>),
    /// A passage between `<!-- tui: begin -->` and `<!-- tui: end -->`: about the TUI
    /// itself (keys, panes), so only the TUI shows it.
    TuiOnly(Vec<Block>),
    /// A thematic break (`---` on its own, after a blank line).
    Rule,
}

/// Markers that open the "what the tutor does live" paragraph, in every language. The
/// TUI shows that paragraph in its live box rather than in the text; `walk` prints it in
/// place.
pub const LIVE_MARKERS: [&str; 2] = ["Live:", "실제 실행:"];

impl Block {
    /// Whether this is the step's `**Live:**` paragraph.
    pub fn is_live(&self) -> bool {
        self.live_text().is_some()
    }

    /// The `**Live:**` paragraph's text after its marker.
    fn live_text(&self) -> Option<&[Inline]> {
        let Block::Paragraph(inlines) = self else {
            return None;
        };
        match inlines.first() {
            Some(Inline::Text { text, marks })
                if marks.strong && !marks.code && LIVE_MARKERS.contains(&text.as_str()) =>
            {
                Some(&inlines[1..])
            }
            _ => None,
        }
    }
}

/// The marker before item `index` (from 0) of a list whose `start` is that of
/// `Block::List`: its number (`9. `, then `10. `), or `bullet` in a list without numbers.
/// Shared by every renderer, so walk and the TUI number the items alike.
pub fn list_marker(start: Option<u64>, index: usize, bullet: &str) -> String {
    match start {
        Some(n) => format!("{}. ", n.saturating_add(index as u64)),
        None => bullet.to_string(),
    }
}

/// What the TUI shows of a step: its blocks without the `**Live:**` paragraph, and that
/// paragraph's text (marker taken off) for the live box. A TUI-only passage right after
/// the paragraph belongs to it ("Watch both trees."): it goes to the live box too.
pub fn split_live(blocks: &[Block]) -> (Vec<&Block>, Option<Vec<Inline>>) {
    let mut kept = Vec::with_capacity(blocks.len());
    let mut live: Option<Vec<Inline>> = None;
    let mut after_live = false;
    for block in blocks {
        if let Some(text) = block.live_text() {
            live = Some(trim_start(text));
            after_live = true;
            continue;
        }
        if let (true, Block::TuiOnly(inner), Some(live)) = (after_live, block, live.as_mut())
            && inner.iter().all(|b| matches!(b, Block::Paragraph(_)))
        {
            for block in inner {
                if let Block::Paragraph(more) = block {
                    live.push(Inline::SoftBreak);
                    live.extend(more.iter().cloned());
                }
            }
            after_live = false;
            continue;
        }
        after_live = false;
        kept.push(block);
    }
    (kept, live)
}

/// `inlines` without the blanks they start with (what followed a marker).
fn trim_start(inlines: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = inlines
        .iter()
        .skip_while(|i| match i {
            Inline::Text { text, .. } => text.trim().is_empty(),
            Inline::SoftBreak | Inline::HardBreak => true,
        })
        .cloned()
        .collect();
    if let Some(Inline::Text { text, .. }) = out.first_mut() {
        *text = text.trim_start().to_string();
    }
    out
}

/// The words of `inlines`, marks dropped and line breaks as spaces: for titles and
/// one-line summaries.
pub fn words(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strong(text: &str) -> Inline {
        Inline::Text {
            text: text.into(),
            marks: Marks {
                strong: true,
                ..Marks::default()
            },
        }
    }

    #[test]
    fn the_live_paragraph_and_its_tui_line_go_to_the_live_box() {
        let blocks = vec![
            Block::Paragraph(vec![Inline::plain("Before.")]),
            Block::Paragraph(vec![strong("Live:"), Inline::plain(" the tutor clones.")]),
            Block::TuiOnly(vec![Block::Paragraph(vec![Inline::plain("Watch.")])]),
            Block::Paragraph(vec![Inline::plain("After.")]),
        ];
        let (kept, live) = split_live(&blocks);
        assert_eq!(kept, [&blocks[0], &blocks[3]]);
        let live = live.expect("a live paragraph");
        assert_eq!(words(&live), "the tutor clones. Watch.");
        // A strong word that is not a marker is just bold.
        let bold = [Block::Paragraph(vec![strong("Note:")])];
        assert_eq!(split_live(&bold).1, None);
    }
}
