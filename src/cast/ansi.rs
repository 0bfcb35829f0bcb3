//! A screen drawn into a ratatui `Buffer`, as the bytes a terminal needs to show it: the
//! cells that changed since the previous screen, with cursor moves and SGR colours, the
//! way ratatui's own terminal backends write them.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::fmt::Write as _;

/// The bytes that turn a terminal showing `previous` into one showing `next` (same size).
/// From `Buffer::empty` on a cleared screen, that is the whole of `next`.
pub fn diff(previous: &Buffer, next: &Buffer) -> String {
    let mut out = String::new();
    // Where the terminal's cursor is and which style it writes with, once known.
    let mut cursor: Option<(u16, u16)> = None;
    let mut style: Option<String> = None;
    for (x, y, cell) in previous.diff(next) {
        if cursor != Some((x, y)) {
            let _ = write!(out, "\x1b[{};{}H", y + 1, x + 1);
        }
        let sgr = sgr(cell.fg, cell.bg, cell.modifier);
        if style.as_ref() != Some(&sgr) {
            out.push_str(&sgr);
            style = Some(sgr);
        }
        let symbol = cell.symbol();
        out.push_str(symbol);
        let width = unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        cursor = Some((x + width, y));
    }
    if style.is_some() {
        out.push_str("\x1b[0m");
    }
    out
}

/// One SGR sequence setting exactly these attributes (after a reset).
fn sgr(fg: Color, bg: Color, modifier: Modifier) -> String {
    let mut codes = vec!["0".to_string()];
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if modifier.contains(flag) {
            codes.push(code.to_string());
        }
    }
    if let Some(code) = color(fg, false) {
        codes.push(code);
    }
    if let Some(code) = color(bg, true) {
        codes.push(code);
    }
    format!("\x1b[{}m", codes.join(";"))
}

/// The SGR parameters for a colour; `None` for the terminal's default (the reset did it).
fn color(color: Color, background: bool) -> Option<String> {
    let (base, bright) = if background { (40, 100) } else { (30, 90) };
    let named = |n: u8, light: bool| {
        Some(if light {
            (bright + n).to_string()
        } else {
            (base + n).to_string()
        })
    };
    let extended = if background { 48 } else { 38 };
    match color {
        Color::Reset => None,
        Color::Black => named(0, false),
        Color::Red => named(1, false),
        Color::Green => named(2, false),
        Color::Yellow => named(3, false),
        Color::Blue => named(4, false),
        Color::Magenta => named(5, false),
        Color::Cyan => named(6, false),
        Color::Gray => named(7, false),
        Color::DarkGray => named(0, true),
        Color::LightRed => named(1, true),
        Color::LightGreen => named(2, true),
        Color::LightYellow => named(3, true),
        Color::LightBlue => named(4, true),
        Color::LightMagenta => named(5, true),
        Color::LightCyan => named(6, true),
        Color::White => named(7, true),
        Color::Indexed(i) => Some(format!("{extended};5;{i}")),
        Color::Rgb(r, g, b) => Some(format!("{extended};2;{r};{g};{b}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn vt_color(color: Color) -> vt100::Color {
        let index = match color {
            Color::Reset => return vt100::Color::Default,
            Color::Indexed(i) => i,
            Color::Rgb(r, g, b) => return vt100::Color::Rgb(r, g, b),
            Color::Black => 0,
            Color::Red => 1,
            Color::Green => 2,
            Color::Yellow => 3,
            Color::Blue => 4,
            Color::Magenta => 5,
            Color::Cyan => 6,
            Color::Gray => 7,
            Color::DarkGray => 8,
            Color::LightRed => 9,
            Color::LightGreen => 10,
            Color::LightYellow => 11,
            Color::LightBlue => 12,
            Color::LightMagenta => 13,
            Color::LightCyan => 14,
            Color::White => 15,
        };
        vt100::Color::Idx(index)
    }

    /// What a real terminal emulator (vt100) shows after the bytes is what the buffers
    /// hold, cell by cell: text (Korean included), colours, bold, reverse video.
    #[test]
    fn a_terminal_shows_exactly_the_buffer() {
        let area = Rect::new(0, 0, 24, 4);
        let mut first = Buffer::empty(area);
        first.set_string(0, 0, "PID 1 안녕 (1)", Style::new().fg(Color::Green).bold());
        first.set_string(2, 2, "host", Style::new().fg(Color::Indexed(94)));
        first.set_string(
            10,
            3,
            "X",
            Style::new().fg(Color::Black).bg(Color::LightYellow),
        );
        let mut second = first.clone();
        second.set_string(0, 0, "PID 2", Style::new().reversed());
        second.set_string(20, 3, "한", Style::new().fg(Color::Rgb(1, 2, 3)).italic());
        second.set_string(2, 2, "    ", Style::new());

        let mut terminal = vt100::Parser::new(area.height, area.width, 0);
        terminal.process(b"\x1b[2J\x1b[H");
        for (previous, next) in [(Buffer::empty(area), &first), (first.clone(), &second)] {
            terminal.process(diff(&previous, next).as_bytes());
            let screen = terminal.screen();
            for y in 0..area.height {
                let mut skip = 0;
                for x in 0..area.width {
                    let want = &next[(x, y)];
                    let got = screen.cell(y, x).expect("cell");
                    if skip > 0 {
                        assert!(got.is_wide_continuation(), "({x},{y})");
                        skip -= 1;
                        continue;
                    }
                    // A blank cell may be a written space or never written at all.
                    let symbol = want.symbol().trim();
                    assert_eq!(got.contents().trim(), symbol, "({x},{y})");
                    if !symbol.is_empty() {
                        assert_eq!(got.fgcolor(), vt_color(want.fg), "fg ({x},{y})");
                        assert_eq!(got.bgcolor(), vt_color(want.bg), "bg ({x},{y})");
                        let bold = want.modifier.contains(Modifier::BOLD);
                        assert_eq!(got.bold(), bold, "bold ({x},{y})");
                        let inverse = want.modifier.contains(Modifier::REVERSED);
                        assert_eq!(got.inverse(), inverse, "inverse ({x},{y})");
                        let italic = want.modifier.contains(Modifier::ITALIC);
                        assert_eq!(got.italic(), italic, "italic ({x},{y})");
                    }
                    skip = unicode_width::UnicodeWidthStr::width(want.symbol()).saturating_sub(1);
                }
            }
        }
        // Nothing to do when nothing changed.
        assert_eq!(diff(&second, &second), "");
    }
}
