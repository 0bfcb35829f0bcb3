//! The lesson's text (blocks parsed once, by `lesson`) as styled lines for the lesson
//! pane, wrapped to its width here: paragraphs reflowed (the source is hard-wrapped at 88
//! columns and the pane is narrower or wider), list items with a hanging indent, code
//! indented, asides behind a bar. Wrapping is done by `wrap`, which measures
//! double-width (Korean) characters.

use super::theme::Theme;
use super::wrap;
use crate::lesson::text::list_marker;
use crate::lesson::{Block, Inline, Marks};
use crate::symbols::Symbols;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// `blocks` as lines no wider than `width`, a blank line between blocks.
pub fn render(
    blocks: &[&Block],
    theme: &Theme,
    symbols: &Symbols,
    width: u16,
) -> Vec<Line<'static>> {
    let look = Look { theme, symbols };
    look.blocks(blocks.iter().copied(), width, true)
}

/// A paragraph's inline text as styled spans, line breaks as spaces (for one-line uses;
/// the caller wraps).
pub fn spans(inlines: &[Inline], theme: &Theme) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Text { text, marks } => {
                out.push(Span::styled(text.clone(), style_of(*marks, theme)))
            }
            Inline::SoftBreak | Inline::HardBreak => out.push(Span::styled(" ", theme.text)),
        }
    }
    out
}

/// The style of a run: the text's, with each of its marks laid over it.
fn style_of(marks: Marks, theme: &Theme) -> Style {
    let mut style = theme.text;
    if marks.strong {
        style = style.patch(theme.bold);
    }
    if marks.emphasis {
        style = style.patch(theme.emphasis);
    }
    if marks.link {
        style = style.add_modifier(Modifier::UNDERLINED);
    }
    if marks.code {
        style = style.patch(theme.code_inline);
    }
    style
}

struct Look<'a> {
    theme: &'a Theme,
    symbols: &'a Symbols,
}

impl Look<'_> {
    /// `blocks` one after the other, with a blank line between them if `gap` (not in the
    /// items of a tight list).
    fn blocks<'b>(
        &self,
        blocks: impl Iterator<Item = &'b Block>,
        width: u16,
        gap: bool,
    ) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        for block in blocks {
            let lines = self.block(block, width);
            if lines.is_empty() {
                continue;
            }
            if gap && !out.is_empty() {
                out.push(Line::default());
            }
            out.extend(lines);
        }
        out
    }

    fn block(&self, block: &Block, width: u16) -> Vec<Line<'static>> {
        let theme = self.theme;
        match block {
            Block::Heading { text, .. } => {
                let spans = spans(text, theme)
                    .into_iter()
                    .map(|s| s.patch_style(theme.title))
                    .collect::<Vec<_>>();
                wrap::wrap_line(&Line::from(spans), width)
            }
            Block::Paragraph(inlines) => self.paragraph(inlines, width),
            Block::List {
                start,
                tight,
                items,
            } => {
                let mut out = Vec::new();
                for (index, item) in items.iter().enumerate() {
                    if index > 0 && !tight {
                        out.push(Line::default());
                    }
                    let bullet = format!("{} ", self.symbols.bullet);
                    let marker = list_marker(*start, index, &bullet);
                    let marker = Span::styled(marker, theme.bullet);
                    out.extend(self.indented(item.iter(), width, !tight, marker, None));
                }
                out
            }
            Block::Code { lines, .. } => {
                let mut out = Vec::new();
                for line in lines {
                    let line = Line::styled(line.clone(), theme.code_block);
                    let inner = width.saturating_sub(2);
                    if inner == 0 {
                        out.extend(wrap::wrap_line(&line, width));
                    } else {
                        let pad = [Span::raw("  ")];
                        out.extend(wrap::hang(wrap::wrap_line(&line, inner), &pad, &pad));
                    }
                }
                out
            }
            Block::Aside(inner) => {
                let bar = Span::styled(format!("{} ", self.symbols.quote), theme.aside);
                let lines = self.indented(inner.iter(), width, true, bar.clone(), Some(bar));
                // An aside reads as one voice: its own marks on the aside's colour.
                lines
                    .into_iter()
                    .map(|line| {
                        let spans = line.spans.into_iter().map(|s| {
                            let style = theme.aside.patch(s.style);
                            s.style(style)
                        });
                        Line::from(spans.collect::<Vec<_>>())
                    })
                    .collect()
            }
            Block::TuiOnly(inner) => self.blocks(inner.iter(), width, true),
            Block::Rule => {
                let rule = self.symbols.rule;
                let count = usize::from(width.min(20));
                vec![Line::styled(rule.repeat(count), theme.dim)]
            }
        }
    }

    /// A paragraph, wrapped; a hard break starts a new line. Under `--ascii` its arrows
    /// and dashes are spelled in ASCII before it is measured.
    fn paragraph(&self, inlines: &[Inline], width: u16) -> Vec<Line<'static>> {
        inlines
            .split(|i| matches!(i, Inline::HardBreak))
            .flat_map(|part| {
                let line = Line::from(spans(part, self.theme));
                let line = self.symbols.spell_lines(vec![line]);
                wrap::wrap(&line, width)
            })
            .collect()
    }

    /// `blocks` behind `first` (a bullet, a bar), their other lines behind `rest`, or
    /// behind blanks as wide as `first`: a hanging indent. Too narrow for it, no indent.
    fn indented<'b>(
        &self,
        blocks: impl Iterator<Item = &'b Block>,
        width: u16,
        gap: bool,
        first: Span<'static>,
        rest: Option<Span<'static>>,
    ) -> Vec<Line<'static>> {
        let indent = first.content.width();
        let inner = u16::try_from(usize::from(width).saturating_sub(indent)).unwrap_or(0);
        if inner == 0 {
            return self.blocks(blocks, width, gap);
        }
        let rest = rest.unwrap_or_else(|| Span::raw(" ".repeat(indent)));
        let lines = self.blocks(blocks, inner, gap);
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let prefix = if i == 0 { &first } else { &rest };
                if line.spans.is_empty() {
                    // A blank line stays blank in an item; in an aside it keeps its bar.
                    let bare = prefix.content.trim_end().to_string();
                    return Line::from(Span::styled(bare, prefix.style));
                }
                let mut spans = vec![prefix.clone()];
                spans.extend(line.spans);
                Line::from(spans).style(line.style)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::parse;

    /// The blocks of markdown `text`, as the lesson parser makes them.
    fn blocks(text: &str) -> Vec<Block> {
        let mut lesson = String::from("# Lesson\n\n");
        for step in crate::lesson::Step::all() {
            lesson.push_str(&format!("## {}. S {{#{step}}}\nx\n", step.number()));
        }
        let lesson = lesson.replacen("x\n", &format!("{text}\n"), 1);
        parse("t.md", &lesson, crate::lang::Lang::En)
            .expect("parses")
            .steps
            .remove(0)
            .blocks
    }

    fn text(markdown: &str, width: u16, symbols: &Symbols) -> Vec<String> {
        let theme = Theme::pick(crate::app::ThemeName::Dark, false);
        let blocks = blocks(markdown);
        let refs: Vec<&Block> = blocks.iter().collect();
        render(&refs, &theme, symbols, width)
            .iter()
            .map(|l| l.to_string())
            .collect()
    }

    #[test]
    fn paragraphs_reflow_and_inline_markup() {
        assert_eq!(
            text(
                "one\ntwo `x`\n\n- item\n  more\n```\ncode\n```",
                40,
                &Symbols::UNICODE
            ),
            ["one two x", "", "• item more", "", "  code"]
        );
    }

    #[test]
    fn list_items_hang_and_nest() {
        assert_eq!(
            text(
                "1. first item text\n2. second\n   - inner words here",
                14,
                &Symbols::UNICODE
            ),
            [
                "1. first item",
                "   text",
                "2. second",
                "   • inner",
                "     words",
                "     here"
            ]
        );
    }

    #[test]
    fn tilde_fences_are_code_and_asides_keep_their_bar() {
        assert_eq!(
            text(
                "~~~\nls -l\n~~~\n\n> a note on\n> the post",
                10,
                &Symbols::ASCII
            ),
            ["  ls -l", "", "> a note", "> on the", "> post"]
        );
    }

    #[test]
    fn nothing_is_wider_than_the_pane() {
        let markdown = "- **UTS**: 호스트 이름과 NIS 도메인 이름.\n  - 중첩된 항목\n\n> 원글은 \
                        여섯 가지를 센다.\n\n```sh\nsudo unshare --pid --fork sh -c 'echo $$'\n```";
        for width in 0..30 {
            for line in text(markdown, width, &Symbols::UNICODE) {
                assert!(line.width() <= usize::from(width), "{width}: {line}");
            }
        }
    }
}
