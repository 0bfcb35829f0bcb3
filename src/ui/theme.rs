//! Colours and styles, named once. Body text is always drawn in the terminal's own
//! foreground, never a fixed white or black, so every theme reads on the background it
//! is meant for:
//! - `dark` and `light`: calm colours for dark and for light backgrounds;
//! - `contrast`, for projectors: nothing coloured without a background of its own, so it
//!   reads on dark and light backgrounds alike;
//! - `auto` (the default) picks `dark` or `light` from the terminal's background colour
//!   (OSC 11, `tui::background`), else `COLORFGBG` (`app::ThemeName`), else `dark`;
//! - a monochrome one whenever `NO_COLOR` is set, which marks things with bold,
//!   underline and reverse video instead of colour.
//!
//! `tests/theme_contrast.rs` holds every theme to WCAG 2's 4.5:1 for text, with the ANSI
//! colours taken from xterm's palette. The code pane's highlight has no background of
//! its own in any theme: it stays quieter than the trees' highlights.

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
const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);

/// The status bar of the coloured themes: a dark grey bar that reads on any background.
const BAR: Color = Color::Indexed(238);

/// For dark backgrounds: calm colours, text in the terminal's own foreground.
pub const DARK: Theme = Theme {
    text: BASE,
    dim: Style::new().fg(Color::DarkGray),
    bold: BOLD,
    emphasis: Style::new().add_modifier(Modifier::ITALIC),
    code_inline: Style::new().fg(Color::Cyan),
    code_block: Style::new().fg(Color::Cyan),
    bullet: Style::new().fg(Color::Yellow),
    // Not Magenta: xterm's is 4.48:1 on black, just under the line.
    aside: Style::new().fg(Color::LightMagenta),
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
    code_line: BASE,
    // A coloured word, not a block: the trees, not the code, are the show.
    code_hit: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    line_number: Style::new().fg(Color::DarkGray),
    live_label: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    live_fact: BASE,
    hint: Style::new().fg(Color::Cyan),
    warn: Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::BOLD),
    ok: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    error: Style::new().fg(Color::White).bg(Color::Red),
    status: Style::new().fg(Color::White).bg(BAR),
    status_mode: Style::new()
        .fg(Color::Black)
        .bg(Color::Green)
        .add_modifier(Modifier::BOLD),
    status_recorded: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD),
    status_key: Style::new()
        .fg(Color::LightYellow)
        .bg(BAR)
        .add_modifier(Modifier::BOLD),
    overlay: BASE,
};

/// Dark green, brown, deep blue and grey from the 256-colour palette: xterm's green,
/// yellow, cyan and dark grey are all too light to read on white.
const GREEN_ON_LIGHT: Color = Color::Indexed(28);
const BROWN_ON_LIGHT: Color = Color::Indexed(94);
const BLUE_ON_LIGHT: Color = Color::Indexed(24);
const GREY_ON_LIGHT: Color = Color::Indexed(242);

/// For light backgrounds: the same roles as `DARK`, in darker colours.
pub const LIGHT: Theme = Theme {
    dim: Style::new().fg(GREY_ON_LIGHT),
    code_inline: Style::new().fg(BLUE_ON_LIGHT),
    code_block: Style::new().fg(BLUE_ON_LIGHT),
    bullet: Style::new().fg(BROWN_ON_LIGHT),
    aside: Style::new().fg(Color::Indexed(90)),
    title: Style::new().fg(BROWN_ON_LIGHT).add_modifier(Modifier::BOLD),
    border: Style::new().fg(GREY_ON_LIGHT),
    border_focused: Style::new().fg(Color::Blue),
    member: Style::new().fg(GREEN_ON_LIGHT).add_modifier(Modifier::BOLD),
    chain: Style::new().fg(BROWN_ON_LIGHT),
    flash: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD),
    folded: Style::new()
        .fg(GREY_ON_LIGHT)
        .add_modifier(Modifier::ITALIC),
    tree_glyph: Style::new().fg(GREY_ON_LIGHT),
    code_hit: Style::new().fg(BROWN_ON_LIGHT).add_modifier(Modifier::BOLD),
    line_number: Style::new().fg(GREY_ON_LIGHT),
    live_label: Style::new().fg(GREEN_ON_LIGHT).add_modifier(Modifier::BOLD),
    hint: Style::new().fg(Color::Blue),
    warn: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    ok: Style::new().fg(GREEN_ON_LIGHT).add_modifier(Modifier::BOLD),
    ..DARK
};

/// High contrast for projectors, on any background: text in the terminal's own
/// colours, made bold or underlined; whatever has a colour brings its own background.
pub const CONTRAST: Theme = Theme {
    text: BASE,
    dim: BASE,
    bold: BOLD,
    emphasis: Style::new().add_modifier(Modifier::ITALIC),
    code_inline: BOLD,
    code_block: BOLD,
    bullet: BOLD,
    aside: Style::new().add_modifier(Modifier::ITALIC),
    title: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    border: BASE,
    border_focused: BOLD,
    member: Style::new()
        .fg(Color::Black)
        .bg(Color::LightGreen)
        .add_modifier(Modifier::BOLD),
    chain: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    flash: Style::new()
        .fg(Color::Black)
        .bg(Color::LightYellow)
        .add_modifier(Modifier::BOLD),
    folded: Style::new().add_modifier(Modifier::ITALIC),
    tree_glyph: BASE,
    code_line: BASE,
    code_hit: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    line_number: BASE,
    live_label: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    live_fact: BASE,
    hint: BOLD,
    warn: Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD),
    ok: Style::new()
        .fg(Color::Black)
        .bg(Color::LightGreen)
        .add_modifier(Modifier::BOLD),
    error: Style::new().fg(Color::White).bg(Color::Red),
    status: Style::new().fg(Color::White).bg(Color::Blue),
    status_mode: Style::new()
        .fg(Color::Black)
        .bg(Color::LightGreen)
        .add_modifier(Modifier::BOLD),
    status_recorded: Style::new()
        .fg(Color::Black)
        .bg(Color::LightYellow)
        .add_modifier(Modifier::BOLD),
    status_key: Style::new()
        .fg(Color::LightYellow)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD),
    overlay: BASE,
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
    // Quieter than the trees' reverse-video highlight.
    code_hit: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
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
    /// The theme to use: `NO_COLOR` wins over any choice; `auto` not yet resolved from
    /// the environment (see `ThemeName::resolve`) counts as dark.
    pub fn pick(name: ThemeName, no_color: bool) -> Theme {
        match (no_color, name) {
            (true, _) => MONO,
            (false, ThemeName::Auto | ThemeName::Dark) => DARK,
            (false, ThemeName::Light) => LIGHT,
            (false, ThemeName::Contrast) => CONTRAST,
        }
    }

    /// Every style with its name, for checks over a whole theme (contrast, quietness).
    pub fn styles(&self) -> Vec<(&'static str, Style)> {
        // Destructured, so a new field cannot be left out of the list.
        let Theme {
            text,
            dim,
            bold,
            emphasis,
            code_inline,
            code_block,
            bullet,
            aside,
            title,
            border,
            border_focused,
            member,
            chain,
            flash,
            folded,
            tree_glyph,
            code_line,
            code_hit,
            line_number,
            live_label,
            live_fact,
            hint,
            warn,
            ok,
            error,
            status,
            status_mode,
            status_recorded,
            status_key,
            overlay,
        } = *self;
        vec![
            ("text", text),
            ("dim", dim),
            ("bold", bold),
            ("emphasis", emphasis),
            ("code_inline", code_inline),
            ("code_block", code_block),
            ("bullet", bullet),
            ("aside", aside),
            ("title", title),
            ("border", border),
            ("border_focused", border_focused),
            ("member", member),
            ("chain", chain),
            ("flash", flash),
            ("folded", folded),
            ("tree_glyph", tree_glyph),
            ("code_line", code_line),
            ("code_hit", code_hit),
            ("line_number", line_number),
            ("live_label", live_label),
            ("live_fact", live_fact),
            ("hint", hint),
            ("warn", warn),
            ("ok", ok),
            ("error", error),
            ("status", status),
            ("status_mode", status_mode),
            ("status_recorded", status_recorded),
            ("status_key", status_key),
            ("overlay", overlay),
        ]
    }
}

/// Whether `NO_COLOR` asks for no colour (set and not empty, per no-color.org).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
