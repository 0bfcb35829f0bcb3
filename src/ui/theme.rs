//! Colours and styles, named once. Three themes: a readable default, a high-contrast one
//! for projectors (`--theme contrast`), and a monochrome one used whenever `NO_COLOR` is
//! set, which marks things with bold, underline and reverse video instead of colour.

use crate::app::ThemeName;
use ratatui::style::{Color, Modifier, Style};

/// Every style the panes use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub bold: Style,
    pub emphasis: Style,
    pub code_inline: Style,
    pub code_block: Style,
    pub bullet: Style,
    pub aside: Style,
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    /// Namespace members, the same in both tree panes.
    pub member: Style,
    /// The tutor's own chain of ancestors.
    pub chain: Style,
    /// A process whose parent just changed (orphan adopted).
    pub flash: Style,
    pub folded: Style,
    pub tree_glyph: Style,
    pub code_line: Style,
    pub code_hit: Style,
    pub line_number: Style,
    pub live_label: Style,
    pub live_fact: Style,
    pub hint: Style,
    pub warn: Style,
    pub ok: Style,
    pub error: Style,
    pub status: Style,
    pub status_mode: Style,
    pub status_recorded: Style,
    pub status_key: Style,
    pub overlay: Style,
}

const BASE: Style = Style::new();

/// The default theme: calm colours on the terminal's own background.
pub const DEFAULT: Theme = Theme {
    text: BASE,
    dim: Style::new().fg(Color::DarkGray),
    bold: Style::new().add_modifier(Modifier::BOLD),
    emphasis: Style::new().add_modifier(Modifier::ITALIC),
    code_inline: Style::new().fg(Color::Cyan),
    code_block: Style::new().fg(Color::Cyan),
    bullet: Style::new().fg(Color::Yellow),
    aside: Style::new().fg(Color::Magenta),
    title: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::DarkGray),
    border_focused: Style::new().fg(Color::Cyan),
    member: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    chain: Style::new().fg(Color::Yellow),
    flash: Style::new()
        .fg(Color::Black)
        .bg(Color::LightYellow)
        .add_modifier(Modifier::BOLD),
    folded: Style::new()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::ITALIC),
    tree_glyph: Style::new().fg(Color::DarkGray),
    code_line: Style::new().fg(Color::Gray),
    code_hit: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD),
    line_number: Style::new().fg(Color::DarkGray),
    live_label: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    live_fact: Style::new().fg(Color::White),
    hint: Style::new().fg(Color::Cyan),
    warn: Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::BOLD),
    ok: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    error: Style::new().fg(Color::White).bg(Color::Red),
    status: Style::new().fg(Color::White).bg(Color::DarkGray),
    status_mode: Style::new()
        .fg(Color::Black)
        .bg(Color::Green)
        .add_modifier(Modifier::BOLD),
    status_recorded: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD),
    status_key: Style::new()
        .fg(Color::Yellow)
        .bg(Color::DarkGray)
        .add_modifier(Modifier::BOLD),
    overlay: BASE,
};

/// High contrast for projectors: bright, bold, no dark grey on black.
pub const CONTRAST: Theme = Theme {
    text: Style::new().fg(Color::White),
    dim: Style::new().fg(Color::Gray),
    code_line: Style::new().fg(Color::White),
    line_number: Style::new().fg(Color::Gray),
    border: Style::new().fg(Color::White),
    border_focused: Style::new()
        .fg(Color::LightYellow)
        .add_modifier(Modifier::BOLD),
    member: Style::new()
        .fg(Color::LightGreen)
        .add_modifier(Modifier::BOLD),
    chain: Style::new()
        .fg(Color::LightYellow)
        .add_modifier(Modifier::BOLD),
    folded: Style::new().fg(Color::Gray),
    tree_glyph: Style::new().fg(Color::Gray),
    code_inline: Style::new().fg(Color::LightCyan),
    code_block: Style::new().fg(Color::LightCyan),
    status: Style::new().fg(Color::Black).bg(Color::White),
    status_key: Style::new()
        .fg(Color::Blue)
        .bg(Color::White)
        .add_modifier(Modifier::BOLD),
    ..DEFAULT
};

/// No colour at all (`NO_COLOR`): structure through modifiers only.
pub const MONO: Theme = Theme {
    text: BASE,
    dim: BASE,
    bold: Style::new().add_modifier(Modifier::BOLD),
    emphasis: Style::new().add_modifier(Modifier::ITALIC),
    code_inline: BASE,
    code_block: BASE,
    bullet: BASE,
    aside: Style::new().add_modifier(Modifier::ITALIC),
    title: Style::new().add_modifier(Modifier::BOLD),
    border: BASE,
    border_focused: Style::new().add_modifier(Modifier::BOLD),
    member: Style::new().add_modifier(Modifier::BOLD),
    chain: Style::new().add_modifier(Modifier::UNDERLINED),
    flash: Style::new().add_modifier(Modifier::REVERSED),
    folded: BASE,
    tree_glyph: BASE,
    code_line: BASE,
    code_hit: Style::new().add_modifier(Modifier::REVERSED),
    line_number: BASE,
    live_label: Style::new().add_modifier(Modifier::BOLD),
    live_fact: BASE,
    hint: Style::new().add_modifier(Modifier::BOLD),
    warn: Style::new().add_modifier(Modifier::BOLD),
    ok: Style::new().add_modifier(Modifier::BOLD),
    error: Style::new().add_modifier(Modifier::REVERSED),
    status: Style::new().add_modifier(Modifier::REVERSED),
    status_mode: Style::new().add_modifier(Modifier::BOLD),
    status_recorded: Style::new().add_modifier(Modifier::BOLD),
    status_key: Style::new()
        .add_modifier(Modifier::BOLD)
        .add_modifier(Modifier::REVERSED),
    overlay: BASE,
};

impl Theme {
    /// The theme to use: `NO_COLOR` wins over any choice.
    pub fn pick(name: ThemeName, no_color: bool) -> Theme {
        match (no_color, name) {
            (true, _) => MONO,
            (false, ThemeName::Default) => DEFAULT,
            (false, ThemeName::Contrast) => CONTRAST,
        }
    }
}

/// Whether `NO_COLOR` asks for no colour (set and not empty, per no-color.org).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
