//! Colours that read on the terminal they are meant for: every theme's text meets WCAG
//! 2's 4.5:1 contrast against the background the theme assumes (dark: xterm's black,
//! light: white, contrast and NO_COLOR: both), with ANSI colours taken from xterm's
//! palette and `Reset` as the terminal's own colours. Checked twice: over each style the
//! theme names, and over every cell actually drawn at every step, where styles combine.
//! Also: body text is the terminal's own foreground, never a fixed white or black, and
//! the code pane's highlight is quieter than the trees'.

use pidns_tutor::app::{App, ThemeName};
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::ui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier, Style};
use render_support::{Setup, app_with, fixture, key, render};

mod render_support;

/// WCAG 2, success criterion 1.4.3, for normal-size text.
const TEXT: f64 = 4.5;

type Rgb = (u8, u8, u8);

/// A terminal a theme may be shown on: its default foreground and background.
#[derive(Clone, Copy, Debug)]
struct Terminal16 {
    name: &'static str,
    fg: Rgb,
    bg: Rgb,
}

/// xterm's defaults on a dark background (black, with its light grey as the text).
const DARK_TERMINAL: Terminal16 = Terminal16 {
    name: "dark terminal",
    fg: (229, 229, 229),
    bg: (0, 0, 0),
};
const LIGHT_TERMINAL: Terminal16 = Terminal16 {
    name: "light terminal",
    fg: (0, 0, 0),
    bg: (255, 255, 255),
};

/// Each theme with the terminals it must read on.
fn cases() -> Vec<(&'static str, ThemeName, bool, Vec<Terminal16>)> {
    vec![
        ("dark", ThemeName::Dark, false, vec![DARK_TERMINAL]),
        ("light", ThemeName::Light, false, vec![LIGHT_TERMINAL]),
        (
            "contrast",
            ThemeName::Contrast,
            false,
            vec![DARK_TERMINAL, LIGHT_TERMINAL],
        ),
        (
            "NO_COLOR",
            ThemeName::Dark,
            true,
            vec![DARK_TERMINAL, LIGHT_TERMINAL],
        ),
    ]
}

/// xterm's 256-colour palette.
fn xterm(index: u8) -> Rgb {
    const BASE16: [Rgb; 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    match index {
        0..=15 => BASE16[usize::from(index)],
        16..=231 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let n = index - 16;
            (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let grey = 8 + 10 * (index - 232);
            (grey, grey, grey)
        }
    }
}

/// The colour a terminal shows for `color`; `None` for `Reset` (its own default).
fn rgb(color: Color) -> Option<Rgb> {
    let index = match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some((r, g, b)),
        Color::Indexed(i) => i,
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
    Some(xterm(index))
}

/// WCAG 2 relative luminance.
fn luminance((r, g, b): Rgb) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The colours a cell with these attributes shows on `terminal`: (text, background).
fn shown(fg: Color, bg: Color, modifier: Modifier, terminal: Terminal16) -> (Rgb, Rgb) {
    let fg = rgb(fg).unwrap_or(terminal.fg);
    let bg = rgb(bg).unwrap_or(terminal.bg);
    if modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

#[test]
fn the_palette_and_the_formula_are_right() {
    assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
    assert!((ratio((1, 2, 3), (1, 2, 3)) - 1.0).abs() < 1e-9);
    // Known values: xterm's Magenta on black is 4.48:1, its dark grey on white 4.0:1.
    let magenta = ratio(xterm(5), (0, 0, 0));
    assert!((4.4..4.5).contains(&magenta), "{magenta}");
    let grey = ratio(xterm(8), (255, 255, 255));
    assert!((3.9..4.1).contains(&grey), "{grey}");
    assert_eq!(xterm(16), (0, 0, 0));
    assert_eq!(xterm(231), (255, 255, 255));
    assert_eq!(xterm(28), (0, 135, 0));
    assert_eq!(xterm(238), (68, 68, 68));
}

#[test]
fn every_style_of_every_theme_reads_on_its_background() {
    let mut failures = Vec::new();
    for (name, theme_name, no_color, terminals) in cases() {
        let theme = Theme::pick(theme_name, no_color);
        for (style_name, style) in theme.styles() {
            assert!(
                !style.add_modifier.contains(Modifier::DIM),
                "{name}.{style_name}: DIM makes text unreadable on some terminals"
            );
            for &terminal in &terminals {
                let (fg, bg) = shown(
                    style.fg.unwrap_or(Color::Reset),
                    style.bg.unwrap_or(Color::Reset),
                    style.add_modifier,
                    terminal,
                );
                let r = ratio(fg, bg);
                if r < TEXT {
                    failures.push(format!(
                        "{name}.{style_name} on a {}: {r:.2}:1 ({style:?})",
                        terminal.name
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "below {TEXT}:1:\n{}",
        failures.join("\n")
    );
}

/// The colours a user's terminal chose are the safe ones for text: a theme may only fix
/// white or black as a colour on a background it fixes too.
#[test]
fn text_is_in_the_terminal_s_own_foreground() {
    for (name, theme_name, no_color, _) in cases() {
        let theme = Theme::pick(theme_name, no_color);
        for (what, style) in [
            ("text", theme.text),
            ("live_fact", theme.live_fact),
            ("code_line", theme.code_line),
            ("overlay", theme.overlay),
        ] {
            assert!(
                style.fg.is_none_or(|c| c == Color::Reset),
                "{name}.{what}: {style:?}"
            );
        }
        for (what, style) in theme.styles() {
            let fixed = matches!(
                style.fg,
                Some(Color::White | Color::Black | Color::Gray | Color::Indexed(0 | 7 | 15))
            );
            assert!(
                !fixed || style.bg.is_some_and(|c| c != Color::Reset),
                "{name}.{what}: white or black text on the terminal's own background: {style:?}"
            );
        }
    }
}

/// How loud a highlight is: a background of its own (or reverse video) stands out more
/// than any text colour.
fn has_block(style: Style) -> bool {
    style.bg.is_some_and(|c| c != Color::Reset) || style.add_modifier.contains(Modifier::REVERSED)
}

#[test]
fn the_code_highlight_is_quieter_than_the_trees() {
    for (name, theme_name, no_color, _) in cases() {
        let theme = Theme::pick(theme_name, no_color);
        assert!(!has_block(theme.code_hit), "{name}: {:?}", theme.code_hit);
        assert!(has_block(theme.flash), "{name}: {:?}", theme.flash);
    }
}

/// Cells drawn with too little contrast on `terminals`, one line each.
fn low_contrast(app: &App, terminals: &[Terminal16], what: &str) -> Vec<String> {
    let (w, h) = app.size;
    let buffer = render(app);
    let mut failures = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let cell = &buffer[(x, y)];
            if cell.symbol().trim().is_empty() {
                continue;
            }
            for &t in terminals {
                let (fg, bg) = shown(cell.fg, cell.bg, cell.modifier, t);
                let r = ratio(fg, bg);
                if r < TEXT {
                    failures.push(format!(
                        "{what} ({x},{y}) {:?} on a {}: {r:.2}:1 ({:?} on {:?})",
                        cell.symbol(),
                        t.name,
                        cell.fg,
                        cell.bg
                    ));
                }
            }
        }
    }
    failures
}

/// Every screen of the lesson, before and after each step's action (and the question
/// asked before it), with the help open and with a pane focused: every cell with
/// something in it meets 4.5:1.
#[test]
fn every_cell_drawn_reads_on_its_background() {
    let mut failures = Vec::new();
    for (name, theme_name, no_color, terminals) in cases() {
        for lang in Lang::ALL {
            let replayer = fixture();
            let setup = Setup {
                theme: theme_name,
                no_color,
                ..Setup::new(lang, (120, 36))
            };
            let mut app = app_with(setup, &replayer, Step::first(), 0);
            for id in Step::all() {
                let what = format!("{name} {lang} {id}");
                failures.extend(low_contrast(&app, &terminals, &format!("{what} before")));
                key(&mut app, &replayer, KeyCode::Enter);
                // A prediction first: its box, then an answer (right at some steps, wrong
                // at others), so the verdict's colours are checked too.
                if app.asking().is_some() {
                    failures.extend(low_contrast(&app, &terminals, &format!("{what} asked")));
                    key(&mut app, &replayer, KeyCode::Char('1'));
                }
                failures.extend(low_contrast(&app, &terminals, &what));
                key(&mut app, &replayer, KeyCode::Right);
            }
            key(&mut app, &replayer, KeyCode::Tab);
            key(&mut app, &replayer, KeyCode::Char('?'));
            failures.extend(low_contrast(&app, &terminals, &format!("{name} help")));
        }
    }
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} cells below {TEXT}:1, the first:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}
