//! pulldown-cmark's events, folded into `text::Block`s. The parser (`super::parse`) feeds
//! every event of a section that is not its own business (step headings, directives,
//! comments) to a `Builder`, which keeps the containers open so far (asides, lists,
//! items, a TUI-only passage) and the paragraph or code block being filled.

use super::text::{Block, Inline, Marks};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};

/// The options the lesson is parsed with: plain CommonMark. No tables, footnotes or
/// heading attributes: the step headings' `{#id}` is read by the lesson parser itself.
pub fn options() -> pulldown_cmark::Options {
    pulldown_cmark::Options::empty()
}

/// A container being filled.
#[derive(Debug)]
enum Open {
    Aside(Vec<Block>),
    TuiOnly(Vec<Block>),
    List {
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
}

/// A leaf being filled.
#[derive(Debug)]
enum Leaf {
    Paragraph,
    Heading(u8),
    Code(Option<String>, String),
}

/// Builds one section's blocks from events.
#[derive(Debug, Default)]
pub struct Builder {
    done: Vec<Block>,
    open: Vec<Open>,
    leaf: Option<Leaf>,
    inlines: Vec<Inline>,
    strong: u32,
    emphasis: u32,
    link: u32,
}

impl Builder {
    /// How many containers (asides, lists, items) are open: 0 at the top level.
    pub fn depth(&self) -> usize {
        self.open
            .iter()
            .filter(|o| !matches!(o, Open::TuiOnly(_)))
            .count()
    }

    /// Opens a TUI-only passage (the parser checks it is not nested).
    pub fn begin_tui(&mut self) {
        self.flush_loose_text();
        self.open.push(Open::TuiOnly(Vec::new()));
    }

    /// Ends the TUI-only passage.
    pub fn end_tui(&mut self) {
        self.flush_loose_text();
        if let Some(Open::TuiOnly(blocks)) = self.open.pop() {
            self.push(Block::TuiOnly(blocks));
        }
    }

    /// The blocks so far; the builder starts over. Containers still open are closed (the
    /// parser reports an unended TUI-only passage before it asks).
    pub fn finish(&mut self) -> Vec<Block> {
        self.flush_loose_text();
        while let Some(open) = self.open.pop() {
            let block = match open {
                Open::Aside(blocks) => Block::Aside(blocks),
                Open::TuiOnly(blocks) => Block::TuiOnly(blocks),
                Open::List {
                    start,
                    tight,
                    items,
                } => Block::List {
                    start,
                    tight,
                    items,
                },
                Open::Item(blocks) => Block::List {
                    start: None,
                    tight: true,
                    items: vec![blocks],
                },
            };
            self.push(block);
        }
        std::mem::take(&mut self.done)
    }

    /// How many top-level blocks are done (text not yet in a block is closed first): where
    /// a marker between two blocks goes.
    pub fn count(&mut self) -> usize {
        self.flush_loose_text();
        self.done.len()
    }

    /// HTML that is not a comment (the parser takes those): shown as written, as text.
    pub fn raw_html(&mut self, html: &str) {
        self.flush_loose_text();
        let mut inlines = Vec::new();
        for (i, line) in html.trim_end().lines().enumerate() {
            if i > 0 {
                inlines.push(Inline::SoftBreak);
            }
            inlines.push(Inline::plain(line));
        }
        if !inlines.is_empty() {
            self.push(Block::Paragraph(inlines));
        }
    }

    /// Takes one event.
    pub fn event(&mut self, event: Event<'_>) {
        if let Some(Leaf::Code(_, code)) = &mut self.leaf {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    if let Some(Leaf::Code(lang, code)) = self.leaf.take() {
                        let lines = code.lines().map(str::to_string).collect();
                        self.push(Block::Code { lang, lines });
                    }
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, Marks::default()),
            Event::Code(text) => self.text(
                &text,
                Marks {
                    code: true,
                    ..Marks::default()
                },
            ),
            // A comment inside a line is for editors; other inline HTML is shown as written.
            Event::InlineHtml(html) if html.starts_with("<!--") => {}
            Event::InlineHtml(html) | Event::Html(html) => self.text(&html, Marks::default()),
            Event::SoftBreak => self.inlines.push(Inline::SoftBreak),
            Event::HardBreak => self.inlines.push(Inline::HardBreak),
            Event::Rule => {
                self.flush_loose_text();
                self.push(Block::Rule);
            }
            // Not enabled by `options()`: math, footnotes, task lists.
            Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.text(&text, Marks::default())
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.flush_loose_text();
                // Paragraph tags inside items are what make a list loose.
                if matches!(self.open.last(), Some(Open::Item(_)))
                    && let Some(Open::List { tight, .. }) = self.open.iter_mut().rev().nth(1)
                {
                    *tight = false;
                }
                self.leaf = Some(Leaf::Paragraph);
            }
            Tag::Heading { level, .. } => {
                self.flush_loose_text();
                self.leaf = Some(Leaf::Heading(heading_level(level)));
            }
            Tag::CodeBlock(kind) => {
                self.flush_loose_text();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .filter(|l| !l.is_empty())
                        .map(str::to_string),
                    CodeBlockKind::Indented => None,
                };
                self.leaf = Some(Leaf::Code(lang, String::new()));
            }
            Tag::BlockQuote(_) => {
                self.flush_loose_text();
                self.open.push(Open::Aside(Vec::new()));
            }
            Tag::List(start) => {
                self.flush_loose_text();
                self.open.push(Open::List {
                    start,
                    tight: true,
                    items: Vec::new(),
                });
            }
            Tag::Item => self.open.push(Open::Item(Vec::new())),
            Tag::HtmlBlock => self.flush_loose_text(),
            Tag::Strong => self.strong += 1,
            Tag::Emphasis => self.emphasis += 1,
            Tag::Link { .. } | Tag::Image { .. } => self.link += 1,
            // Not enabled by `options()`; their text, if any, still shows.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => {
                let inlines = std::mem::take(&mut self.inlines);
                match self.leaf.take() {
                    Some(Leaf::Heading(level)) => self.push(Block::Heading {
                        level,
                        text: inlines,
                    }),
                    _ => self.push(Block::Paragraph(inlines)),
                }
            }
            TagEnd::BlockQuote(_) => {
                self.flush_loose_text();
                if let Some(Open::Aside(blocks)) = self.open.pop() {
                    self.push(Block::Aside(blocks));
                }
            }
            TagEnd::Item => {
                self.flush_loose_text();
                if let Some(Open::Item(blocks)) = self.open.pop()
                    && let Some(Open::List { items, .. }) = self.open.last_mut()
                {
                    items.push(blocks);
                }
            }
            TagEnd::List(_) => {
                if let Some(Open::List {
                    start,
                    tight,
                    items,
                }) = self.open.pop()
                {
                    self.push(Block::List {
                        start,
                        tight,
                        items,
                    });
                }
            }
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => self.link = self.link.saturating_sub(1),
            _ => {}
        }
    }

    /// Text with the marks open now added to `marks`; runs with the same marks merge.
    fn text(&mut self, text: &str, marks: Marks) {
        let marks = Marks {
            strong: marks.strong || self.strong > 0,
            emphasis: marks.emphasis || self.emphasis > 0,
            code: marks.code,
            link: marks.link || self.link > 0,
        };
        if let Some(Inline::Text {
            text: last,
            marks: m,
        }) = self.inlines.last_mut()
            && *m == marks
        {
            last.push_str(text);
            return;
        }
        self.inlines.push(Inline::Text {
            text: text.to_string(),
            marks,
        });
    }

    /// The text of a tight list item comes without a paragraph around it: it becomes one
    /// when the item's next block starts or the item ends.
    fn flush_loose_text(&mut self) {
        if self.leaf.is_none() && !self.inlines.is_empty() {
            let inlines = std::mem::take(&mut self.inlines);
            self.push(Block::Paragraph(inlines));
        }
    }

    /// Adds a finished block to the innermost open container.
    fn push(&mut self, block: Block) {
        match self.open.last_mut() {
            Some(Open::Aside(blocks) | Open::TuiOnly(blocks) | Open::Item(blocks)) => {
                blocks.push(block)
            }
            // Only items go straight into a list; anything else closes nothing here.
            Some(Open::List { items, .. }) => items.push(vec![block]),
            None => self.done.push(block),
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn blocks(text: &str) -> Vec<Block> {
        let mut builder = Builder::default();
        for event in Parser::new_ext(text, options()) {
            builder.event(event);
        }
        builder.finish()
    }

    fn run(text: &str, marks: Marks) -> Inline {
        Inline::Text {
            text: text.into(),
            marks,
        }
    }

    #[test]
    fn paragraphs_lists_code_and_asides() {
        let got = blocks(
            "One\ntwo `x`.\n\n- a\n  more\n  - inner\n- b\n\n~~~sh\nls\n~~~\n\n> note\n\n1. x\n\n2. y",
        );
        let code = Marks {
            code: true,
            ..Marks::default()
        };
        assert_eq!(
            got,
            [
                Block::Paragraph(vec![
                    Inline::plain("One"),
                    Inline::SoftBreak,
                    Inline::plain("two "),
                    run("x", code),
                    Inline::plain("."),
                ]),
                Block::List {
                    start: None,
                    tight: true,
                    items: vec![
                        vec![
                            Block::Paragraph(vec![
                                Inline::plain("a"),
                                Inline::SoftBreak,
                                Inline::plain("more")
                            ]),
                            Block::List {
                                start: None,
                                tight: true,
                                items: vec![vec![Block::Paragraph(vec![Inline::plain("inner")])]],
                            },
                        ],
                        vec![Block::Paragraph(vec![Inline::plain("b")])],
                    ],
                },
                Block::Code {
                    lang: Some("sh".into()),
                    lines: vec!["ls".into()],
                },
                Block::Aside(vec![Block::Paragraph(vec![Inline::plain("note")])]),
                Block::List {
                    start: Some(1),
                    tight: false,
                    items: vec![
                        vec![Block::Paragraph(vec![Inline::plain("x")])],
                        vec![Block::Paragraph(vec![Inline::plain("y")])],
                    ],
                },
            ]
        );
    }

    #[test]
    fn marks_combine_and_inline_comments_go() {
        let got = blocks("*see `x` **now***, [the man page](https://x) <!-- hm -->ok");
        let emphasis = Marks {
            emphasis: true,
            ..Marks::default()
        };
        assert_eq!(
            got,
            [Block::Paragraph(vec![
                run("see ", emphasis),
                run(
                    "x",
                    Marks {
                        code: true,
                        ..emphasis
                    }
                ),
                run(" ", emphasis),
                run(
                    "now",
                    Marks {
                        strong: true,
                        ..emphasis
                    }
                ),
                Inline::plain(", "),
                run(
                    "the man page",
                    Marks {
                        link: true,
                        ..Marks::default()
                    }
                ),
                Inline::plain(" ok"),
            ])]
        );
    }
}
