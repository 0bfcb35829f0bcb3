//! Just enough markdown for the lesson pane: paragraphs (reflowed, because the source is
//! hard-wrapped at 88 columns and the pane is narrower or wider), list items, `>` asides,
//! fenced code, and inline `code`, **bold** and *emphasis*. Wrapping is done by `wrap`,
//! which measures double-width (Korean) characters.

use super::theme::Theme;
use ratatui::text::{Line, Span};

/// How a list item starts (Unicode).
const BULLET: &str = "• ";

/// Markers that open the "what the tutor does live" paragraph, in every language. That
/// paragraph is shown in the live box instead of the text.
pub const LIVE_MARKERS: [&str; 2] = ["**Live:**", "**실제 실행:**"];

/// Splits a step's text into the text proper and its "Live:" paragraph (marker removed).
pub fn split_live(text: &str) -> (String, Option<String>) {
    let mut kept = Vec::new();
    let mut live: Option<Vec<&str>> = None;
    let mut in_live = false;
    for line in text.lines() {
        let marker = LIVE_MARKERS.iter().find(|m| line.starts_with(*m));
        if let Some(marker) = marker {
            in_live = true;
            live = Some(vec![line[marker.len()..].trim()]);
            continue;
        }
        if in_live {
            if line.trim().is_empty() {
                in_live = false;
            } else if let Some(parts) = live.as_mut() {
                parts.push(line.trim());
                continue;
            }
        }
        kept.push(line);
    }
    (kept.join("\n"), live.map(|parts| parts.join(" ")))
}

/// A block of the text, before styling.
enum Block {
    Para(String),
    Item(String, String),
    Quote(String),
    Code(Vec<String>),
    Heading(String),
    Blank,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut fence: Option<Vec<String>> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(code) = fence.as_mut() {
            if trimmed.starts_with("```") {
                out.push(Block::Code(fence.take().unwrap_or_default()));
            } else {
                code.push(line.to_string());
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some(Vec::new());
            continue;
        }
        if trimmed.is_empty() {
            if !matches!(out.last(), Some(Block::Blank) | None) {
                out.push(Block::Blank);
            }
            continue;
        }
        if let Some(title) = trimmed.strip_prefix('#') {
            out.push(Block::Heading(
                title.trim_start_matches('#').trim().to_string(),
            ));
            continue;
        }
        let item = ["- ", "* "]
            .iter()
            .find_map(|m| {
                trimmed
                    .strip_prefix(m)
                    .map(|rest| (BULLET.to_string(), rest))
            })
            .or_else(|| numbered(trimmed));
        if let Some((bullet, rest)) = item {
            out.push(Block::Item(bullet, rest.to_string()));
        } else if let Some(rest) = trimmed.strip_prefix('>') {
            match out.last_mut() {
                Some(Block::Quote(text)) => push_word(text, rest.trim()),
                _ => out.push(Block::Quote(rest.trim().to_string())),
            }
        } else {
            // A continuation of the block before it, or a new paragraph.
            match out.last_mut() {
                Some(Block::Para(text) | Block::Item(_, text) | Block::Quote(text)) => {
                    push_word(text, trimmed)
                }
                _ => out.push(Block::Para(trimmed.to_string())),
            }
        }
    }
    if let Some(code) = fence {
        out.push(Block::Code(code));
    }
    out
}

/// `1. rest` -> ("1. ", rest).
fn numbered(line: &str) -> Option<(String, &str)> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = line.get(digits..)?.strip_prefix(". ")?;
    (digits > 0).then(|| (format!("{}. ", &line[..digits]), rest))
}

fn push_word(text: &mut String, more: &str) {
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(more);
}

/// The text as styled lines, ready for a wrapping Paragraph.
pub fn render(text: &str, theme: &Theme, ascii: bool) -> Vec<Line<'static>> {
    let (bullet, bar) = if ascii {
        ("- ", "> ")
    } else {
        (BULLET, "▌ ")
    };
    let mut lines = Vec::new();
    for block in blocks(text) {
        match block {
            Block::Blank => lines.push(Line::default()),
            Block::Heading(text) => lines.push(Line::styled(text, theme.title)),
            Block::Para(text) => lines.push(Line::from(inline(&text, theme))),
            Block::Item(marker, text) => {
                let marker = if marker == BULLET {
                    bullet.to_string()
                } else {
                    marker
                };
                let mut spans = vec![Span::styled(marker, theme.bullet)];
                spans.extend(inline(&text, theme));
                lines.push(Line::from(spans));
            }
            Block::Quote(text) => {
                let mut spans = vec![Span::styled(bar, theme.aside)];
                spans.extend(inline(&text, theme).into_iter().map(|s| {
                    let style = theme.aside.patch(s.style);
                    s.style(style)
                }));
                lines.push(Line::from(spans));
            }
            Block::Code(code) => {
                for line in code {
                    lines.push(Line::from(Span::styled(
                        format!("  {line}"),
                        theme.code_block,
                    )));
                }
            }
        }
    }
    while matches!(lines.last(), Some(l) if l.spans.is_empty()) {
        lines.pop();
    }
    lines
}

/// Inline markup: `code`, **bold**, *emphasis*. Unclosed markers stay as written.
pub fn inline(text: &str, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let found = [
            ("`", theme.code_inline),
            ("**", theme.bold),
            ("*", theme.emphasis),
        ]
        .into_iter()
        .find_map(|(marker, style)| {
            let body = rest.strip_prefix(marker)?;
            let close = body.find(marker)?;
            (close > 0).then(|| (marker, style, &body[..close]))
        });
        match found {
            Some((marker, style, inner)) => {
                if !plain.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut plain), theme.text));
                }
                spans.push(Span::styled(inner.to_string(), style));
                rest = &rest[marker.len() * 2 + inner.len()..];
            }
            None => {
                let mut chars = rest.chars();
                if let Some(c) = chars.next() {
                    plain.push(c);
                }
                rest = chars.as_str();
            }
        }
    }
    if !plain.is_empty() {
        spans.push(Span::styled(plain, theme.text));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_paragraph_is_split_off() {
        let (text, live) = split_live("a\n\n**Live:** the tutor\nclones.\n\nSee");
        assert_eq!(live.as_deref(), Some("the tutor clones."));
        assert_eq!(text, "a\n\n\nSee");
    }

    #[test]
    fn paragraphs_reflow_and_inline_markup() {
        let theme = Theme::pick(crate::app::ThemeName::Dark, false);
        let lines = render(
            "one\ntwo `x`\n\n- item\n  more\n```\ncode\n```",
            &theme,
            false,
        );
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, ["one two x", "", "• item more", "  code"]);
    }
}
