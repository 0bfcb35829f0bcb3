//! Word wrapping by display width. ratatui 0.30's Paragraph wrap can emit a line one cell
//! wider than the pane when a double-width character (Korean) lands on the last column,
//! and that cell overwrites the pane's border (ratatui issue #2679, fix pending in PR
//! #2680; `tests/ui_render.rs` caught it). So the panes wrap here instead and hand
//! ratatui lines that already fit. Here a word is what lies between two blanks, whatever
//! its styles, so `(getpid()),` never loses its brackets to the line before, nor a Korean
//! particle its code span (`namespace로`); a word longer than a whole line breaks after a
//! `/`, `:`, `(` and the like where it can.

use crate::symbols::Symbols;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A line being filled.
struct Filling {
    spans: Vec<Span<'static>>,
    width: usize,
}

impl Filling {
    fn new() -> Filling {
        Filling {
            spans: Vec::new(),
            width: 0,
        }
    }

    fn push(&mut self, text: &str, style: Style, width: usize) {
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(text),
            _ => self.spans.push(Span::styled(text.to_string(), style)),
        }
        self.width += width;
    }
}

/// `lines` wrapped to `width` columns: at blanks, never inside a word, unless the word
/// alone is wider than the line; then after a `/`, `:`, `.` or the like where possible,
/// else between characters. No output line is wider than `width`.
pub fn wrap(lines: &[Line<'static>], width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        wrap_into(line, usize::from(width), &mut out);
    }
    out
}

/// One line wrapped to `width` columns (see `wrap`).
pub fn wrap_line(line: &Line<'static>, width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    wrap_into(line, usize::from(width), &mut out);
    out
}

/// A run of blanks, or a word: the non-blank text between two blanks, which may span
/// several styles.
enum Token<'a> {
    Blank(&'a str, Style),
    Word(Vec<(&'a str, Style)>),
}

fn tokens<'a>(line: &'a Line<'static>) -> Vec<Token<'a>> {
    let mut out: Vec<Token> = Vec::new();
    for span in &line.spans {
        for (piece, blank) in pieces(&span.content) {
            match (blank, out.last_mut()) {
                (true, _) => out.push(Token::Blank(piece, span.style)),
                (false, Some(Token::Word(parts))) => parts.push((piece, span.style)),
                (false, _) => out.push(Token::Word(vec![(piece, span.style)])),
            }
        }
    }
    out
}

fn width_of(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Characters after which a word too long for a whole line may be broken: a path, a
/// Rust path or a call chain reads fine cut there.
const BREAK_AFTER: [char; 8] = ['/', ':', '.', ',', '(', '|', '-', '='];

fn wrap_into(line: &Line<'static>, width: usize, out: &mut Vec<Line<'static>>) {
    if width == 0 {
        return;
    }
    let mut current = Filling::new();
    let mut continuation = false;
    let mut flush = |current: &mut Filling, continuation: &mut bool| {
        let mut done = std::mem::replace(current, Filling::new());
        // A line broken at a blank does not end in it.
        trim_end(&mut done.spans);
        out.push(Line::from(done.spans).style(line.style));
        *continuation = true;
    };
    for token in tokens(line) {
        match token {
            Token::Blank(blank, style) => {
                if continuation && current.width == 0 {
                    continue; // no leading blanks on a wrapped line
                }
                let w = width_of(blank);
                if current.width + w <= width {
                    current.push(blank, style, w);
                } else {
                    flush(&mut current, &mut continuation);
                }
            }
            Token::Word(parts) => {
                let w: usize = parts.iter().map(|(t, _)| width_of(t)).sum();
                if current.width + w > width && current.width > 0 {
                    flush(&mut current, &mut continuation);
                }
                if current.width + w <= width {
                    for (text, style) in parts {
                        current.push(text, style, width_of(text));
                    }
                    continue;
                }
                // A word wider than a whole line: break it where it reads best.
                let chars: Vec<(char, Style)> = parts
                    .iter()
                    .flat_map(|(t, s)| t.chars().map(move |c| (c, *s)))
                    .collect();
                let mut at = 0;
                while at < chars.len() {
                    let room = width - current.width;
                    let take = match split_point(&chars[at..], room) {
                        // A character wider than the line: it is dropped below.
                        0 if current.width == 0 => 1,
                        n => n,
                    };
                    let mut buf = [0u8; 4];
                    for &(c, style) in &chars[at..at + take] {
                        let w = c.width().unwrap_or(0);
                        if current.width + w <= width {
                            current.push(c.encode_utf8(&mut buf), style, w);
                        }
                    }
                    at += take;
                    if at < chars.len() {
                        flush(&mut current, &mut continuation);
                    }
                }
            }
        }
    }
    if !current.spans.is_empty() || !continuation {
        flush(&mut current, &mut continuation);
    }
}

/// How many of `chars` go on a line with `room` columns left: all if they fit, else up
/// to the last break character that fits, else as many as fit.
fn split_point(chars: &[(char, Style)], room: usize) -> usize {
    let mut used = 0;
    let mut fit = 0;
    let mut last_break = None;
    for (i, &(c, _)) in chars.iter().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        fit = i + 1;
        if BREAK_AFTER.contains(&c) && i + 1 < chars.len() {
            last_break = Some(i + 1);
        }
    }
    if fit == chars.len() {
        return fit;
    }
    last_break.unwrap_or(fit)
}

/// `lines` with a hanging indent: `first` before the first line, `rest` before the
/// others (a list item's bullet, then blanks as wide, so its text lines up under itself).
pub fn hang(
    lines: Vec<Line<'static>>,
    first: &[Span<'static>],
    rest: &[Span<'static>],
) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let prefix = if i == 0 { first } else { rest };
            let mut spans = prefix.to_vec();
            spans.extend(line.spans);
            Line::from(spans).style(line.style)
        })
        .collect()
}

/// `spans` without the blanks they end with.
fn trim_end(spans: &mut Vec<Span<'static>>) {
    while let Some(last) = spans.last_mut() {
        let kept = last.content.trim_end_matches(' ').len();
        last.content.to_mut().truncate(kept);
        if !last.content.is_empty() {
            break;
        }
        spans.pop();
    }
}

/// Splits text into runs of blanks and runs of non-blanks, in order.
fn pieces(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut blank = None;
    for (i, c) in text.char_indices() {
        let is_blank = c == ' ';
        match blank {
            Some(b) if b != is_blank => {
                out.push((&text[start..i], b));
                start = i;
            }
            _ => {}
        }
        blank = Some(is_blank);
    }
    if let Some(b) = blank {
        out.push((&text[start..], b));
    }
    out
}

/// `text` cut to at most `room` columns (by display width, so a wide character is never
/// split), ending in an ellipsis when cut: for titles, which borders would cut mid-word.
pub fn fit(text: &str, room: usize, symbols: &Symbols) -> String {
    if text.width() <= room {
        return text.to_string();
    }
    let more = symbols.ellipsis;
    let (kept, _) = text.unicode_truncate(room.saturating_sub(more.width()));
    let kept = kept.trim_end();
    if kept.is_empty() {
        // No room for a word and the ellipsis: as much of the ellipsis as fits.
        return more.unicode_truncate(room).0.to_string();
    }
    format!("{kept}{more}")
}

/// As many whole `parts` from the first as fit in `room` columns, joined by `separator`:
/// for titles whose later parts are said elsewhere too (keys on the status bar, a PID in
/// the trees), which are better left out than cut. Only a first part wider than the room
/// is cut, with an ellipsis.
pub fn fit_parts(parts: &[&str], separator: &str, room: usize, symbols: &Symbols) -> String {
    let mut kept = String::new();
    for part in parts {
        let more = if kept.is_empty() {
            part.to_string()
        } else {
            format!("{kept}{separator}{part}")
        };
        if more.width() > room {
            break;
        }
        kept = more;
    }
    if kept.is_empty() {
        return fit(parts.first().copied().unwrap_or_default(), room, symbols);
    }
    kept
}

/// `line` cut to at most `width` columns, ending in an ellipsis (in the style of the text
/// it follows) when cut: for rows that do not wrap, such as tree rows and the status bar.
pub fn fit_line(mut line: Line<'static>, width: usize, symbols: &Symbols) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    // Blanks at the end that do not fit are not worth an ellipsis.
    trim_end(&mut line.spans);
    if line.width() <= width {
        return line;
    }
    let more = symbols.ellipsis;
    let mut room = width.saturating_sub(more.width());
    let mut spans: Vec<Span<'static>> = Vec::new();
    for span in line.spans {
        if room == 0 {
            break;
        }
        let (kept, used) = span.content.unicode_truncate(room);
        if !kept.is_empty() {
            spans.push(Span::styled(kept.to_string(), span.style));
        }
        room -= used;
        if used < span.content.width() {
            break;
        }
    }
    // No blank before the ellipsis, so that it reads as the end of a word.
    trim_end(&mut spans);
    let style = spans.last().map(|s| s.style).unwrap_or_default();
    if more.width() <= width {
        spans.push(Span::styled(more, style));
    }
    Line::from(spans).style(line.style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wraps_at_spaces_and_breaks_long_words() {
        let lines = wrap(
            &[
                Line::from("aa bb cc"),
                Line::from(""),
                Line::from("abcdefg"),
            ],
            5,
        );
        assert_eq!(texts(&lines), ["aa bb", "cc", "", "abcde", "fg"]);
    }

    /// A word made of several styled spans moves to the next line whole, and a word too
    /// long for any line is broken after punctuation rather than mid-name.
    #[test]
    fn words_across_styles_stay_whole_and_long_ones_break_at_punctuation() {
        let code = Style::new().italic();
        let line = Line::from(vec![
            Span::raw("its PID ("),
            Span::styled("getpid()", code),
            Span::raw("), and"),
        ]);
        assert_eq!(texts(&wrap(&[line], 12)), ["its PID", "(getpid()),", "and"]);
        let korean = Line::from(vec![
            Span::raw("복사본을 "),
            Span::styled("namespace", code),
            Span::raw("로 바꾼다"),
        ]);
        assert_eq!(
            texts(&wrap(&[korean], 14)),
            ["복사본을", "namespace로", "바꾼다"]
        );
        let long = Line::from("nix::sys::signal::kill(Pid::from_raw(parent_pid), None)");
        assert_eq!(
            texts(&wrap(&[long], 24)),
            [
                "nix::sys::signal::kill(",
                "Pid::from_raw(",
                "parent_pid), None)"
            ]
        );
    }

    #[test]
    fn korean_never_exceeds_the_width() {
        let text = "namespace는 시스템 전역 자원 하나를 감싸서, 그 안의 프로세스들이 자기만의 \
                    인스턴스를 갖게 해 주는 장치다. 안에서 바꾼 내용은 같은 namespace의";
        for width in 1..60 {
            for line in wrap(&[Line::from(text)], width) {
                assert!(
                    line.to_string().width() <= usize::from(width),
                    "{width}: {line}"
                );
            }
        }
    }

    #[test]
    fn keeps_styles_and_indentation() {
        let bold = Style::new().bold();
        let lines = wrap(
            &[Line::from(vec![
                Span::raw("  x "),
                Span::styled("yy zz", bold),
            ])],
            6,
        );
        assert_eq!(texts(&lines), ["  x yy", "zz"]);
        assert_eq!(lines[1].spans[0].style, bold);
    }

    #[test]
    fn fit_cuts_by_display_width_with_an_ellipsis() {
        assert_eq!(super::fit("short", 10, &Symbols::UNICODE), "short");
        let cut = super::fit(
            "PID 1 and signals: hard to kill from inside",
            20,
            &Symbols::UNICODE,
        );
        assert!(cut.width() <= 20 && cut.ends_with('…'), "{cut}");
        let korean = super::fit("고아는 namespace의 PID 1에게", 9, &Symbols::UNICODE);
        assert!(
            korean.width() <= 9 && korean.starts_with("고아는"),
            "{korean}"
        );
        assert!(
            super::fit(
                "inside: /proc as the namespace sees it",
                16,
                &Symbols::ASCII
            )
            .ends_with("...")
        );
        assert_eq!(super::fit("namespace", 1, &Symbols::UNICODE), "…");
        assert_eq!(super::fit("namespace", 0, &Symbols::UNICODE), "");
    }

    #[test]
    fn fit_parts_leaves_out_whole_parts_before_it_cuts() {
        let parts = ["shell in the lab", "bash 12(2)", "Ctrl-] back"];
        let fit = |room| super::fit_parts(&parts, " · ", room, &Symbols::UNICODE);
        assert_eq!(fit(80), "shell in the lab · bash 12(2) · Ctrl-] back");
        assert_eq!(fit(40), "shell in the lab · bash 12(2)");
        assert_eq!(fit(20), "shell in the lab");
        assert_eq!(fit(10), "shell in…");
    }

    #[test]
    fn fit_line_keeps_styles_and_ends_in_an_ellipsis() {
        let bold = Style::new().bold();
        let line = Line::from(vec![
            Span::raw("└─"),
            Span::styled("pidns-agent 5632(1)", bold),
        ]);
        let cut = super::fit_line(line.clone(), 12, &Symbols::UNICODE);
        assert_eq!(cut.to_string(), "└─pidns-age…");
        assert_eq!(cut.spans.last().map(|s| s.style), Some(bold));
        assert_eq!(super::fit_line(line.clone(), 40, &Symbols::UNICODE), line);
        // A wide character that does not fit whole is left out, never split.
        let korean = super::fit_line(Line::from("고아는 namespace"), 6, &Symbols::ASCII);
        assert_eq!(korean.to_string(), "고...");
        for width in 0..24 {
            assert!(super::fit_line(line.clone(), width, &Symbols::ASCII).width() <= width);
        }
    }

    #[test]
    fn hang_lines_continuations_up_under_the_text() {
        let lines = wrap_line(&Line::from("one two three"), 7);
        let hung = hang(lines, &[Span::raw("• ")], &[Span::raw("  ")]);
        assert_eq!(texts(&hung), ["• one two", "  three"]);
    }
}
