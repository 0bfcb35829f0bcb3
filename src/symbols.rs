//! Every glyph the screens draw, in one set: `UNICODE`, or `ASCII` for `--ascii` and
//! terminals without box drawing. The set is picked once (`Symbols::pick`), where the
//! `--ascii` flag is read, and handed on, so a drawing reads a glyph by its role instead
//! of choosing between two spellings itself. It sits on the ground floor because the
//! process tree (`procs`), the words and the panes all draw with it.

use ratatui::symbols::border;
use ratatui::text::Line;

/// Three rows of one big digit, top to bottom.
pub type BigDigit = [&'static str; 3];

/// The glyphs, by role.
#[derive(Debug, PartialEq, Eq)]
pub struct Symbols {
    /// A tree's branch to a child that has siblings after it (`├─`).
    pub branch: &'static str,
    /// A tree's branch to the last child (`└─`).
    pub last_branch: &'static str,
    /// The line that runs on past a child to its later siblings (`│ `).
    pub pipe: &'static str,
    /// A drawn box's corners and sides (the figure, the namespace's boundary).
    pub top_left: &'static str,
    pub top_right: &'static str,
    pub bottom_left: &'static str,
    pub bottom_right: &'static str,
    pub horizontal: &'static str,
    pub vertical: &'static str,
    /// A pane's border, and a focused pane's.
    pub border: border::Set<'static>,
    pub border_focused: border::Set<'static>,
    /// The end of a cut text.
    pub ellipsis: &'static str,
    /// Points back at what a note is about (`◀`).
    pub arrow_back: &'static str,
    /// Points at the chosen or live thing (`▸`).
    pub pointer: &'static str,
    /// Says "more below" (`↓`).
    pub more_below: &'static str,
    /// Between the parts of a bar (`│`).
    pub bar: &'static str,
    /// Between a title's parts: the help's and the task's (`·`).
    pub help_dot: &'static str,
    pub task_dot: &'static str,
    /// Right, wrong and not yet answered, in the verdict and the track.
    pub right: &'static str,
    pub wrong: &'static str,
    pub unanswered: &'static str,
    /// A step only visited, on the track.
    pub visited: &'static str,
    /// A step not yet reached, on the track.
    pub todo: &'static str,
    /// A task passed, and one still open.
    pub task_done: &'static str,
    pub task_open: &'static str,
    /// Markdown: a list bullet, a quote's bar, a rule's dash.
    pub bullet: &'static str,
    pub quote: &'static str,
    pub rule: &'static str,
    /// The keys that step back and forth, in the status bar.
    pub step_keys: &'static str,
    /// The font of the big numbers beside the trees.
    pub digits: &'static [BigDigit; 10],
    /// Whether other texts (the lesson's, the words') are spelled in ASCII too.
    spell_ascii: bool,
}

/// Borders from plain ASCII.
const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Half blocks.
const BLOCK_DIGITS: [BigDigit; 10] = [
    ["█▀█", "█ █", "▀▀▀"],
    ["▀█ ", " █ ", "▀▀▀"],
    ["▀▀█", "█▀▀", "▀▀▀"],
    ["▀▀█", " ▀█", "▀▀▀"],
    ["█ █", "▀▀█", "  ▀"],
    ["█▀▀", "▀▀█", "▀▀▀"],
    ["█▀▀", "█▀█", "▀▀▀"],
    ["▀▀█", "  █", "  ▀"],
    ["█▀█", "█▀█", "▀▀▀"],
    ["█▀█", "▀▀█", "▀▀▀"],
];

/// Seven-segment digits of `_` and `|`.
const SEGMENT_DIGITS: [BigDigit; 10] = [
    [" _ ", "| |", "|_|"],
    ["   ", "  |", "  |"],
    [" _ ", " _|", "|_ "],
    [" _ ", " _|", " _|"],
    ["   ", "|_|", "  |"],
    [" _ ", "|_ ", " _|"],
    [" _ ", "|_ ", "|_|"],
    [" _ ", "  |", "  |"],
    [" _ ", "|_|", "|_|"],
    [" _ ", "|_|", " _|"],
];

impl Symbols {
    pub const UNICODE: Symbols = Symbols {
        branch: "├─",
        last_branch: "└─",
        pipe: "│ ",
        top_left: "╭",
        top_right: "╮",
        bottom_left: "╰",
        bottom_right: "╯",
        horizontal: "─",
        vertical: "│",
        border: border::ROUNDED,
        border_focused: border::THICK,
        ellipsis: "…",
        arrow_back: "◀",
        pointer: "▸",
        more_below: "↓",
        bar: "│",
        help_dot: "·",
        task_dot: "·",
        right: "✓",
        wrong: "✗",
        unanswered: "·",
        visited: "•",
        todo: "·",
        task_done: "✓",
        task_open: "○",
        bullet: "•",
        quote: "▌",
        rule: "─",
        step_keys: "←/→",
        digits: &BLOCK_DIGITS,
        spell_ascii: false,
    };

    pub const ASCII: Symbols = Symbols {
        branch: "|-",
        last_branch: "`-",
        pipe: "| ",
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        horizontal: "-",
        vertical: "|",
        border: ASCII_BORDER,
        border_focused: ASCII_BORDER,
        ellipsis: "...",
        arrow_back: "<-",
        pointer: ">",
        more_below: "v",
        bar: "|",
        help_dot: "-",
        task_dot: "|",
        right: "+",
        wrong: "x",
        unanswered: "-",
        visited: "o",
        todo: ".",
        task_done: "[x]",
        task_open: "[ ]",
        bullet: "-",
        quote: ">",
        rule: "-",
        step_keys: "<-/->",
        digits: &SEGMENT_DIGITS,
        spell_ascii: true,
    };

    /// The set for the `--ascii` flag, picked where the flag is read (the app, the tree
    /// tool) and handed on from there.
    pub fn pick(ascii: bool) -> &'static Symbols {
        if ascii {
            &Symbols::ASCII
        } else {
            &Symbols::UNICODE
        }
    }

    /// `text` with every arrow, marker, bullet, dash and ellipsis the panes use spelled
    /// in this set; letters of other scripts (Korean) are left as they are.
    pub fn spell(&self, text: &str) -> String {
        if !self.spell_ascii || text.is_ascii() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '◀' | '←' => out.push_str("<-"),
                '→' | '▶' => out.push_str("->"),
                '↱' | '↑' => out.push('^'),
                '↓' => out.push('v'),
                '⋮' => out.push(':'),
                '…' => out.push_str("..."),
                '✗' | '×' => out.push('x'),
                '✚' => out.push('+'),
                '↻' => out.push('^'),
                '✓' => out.push('v'),
                '▸' => out.push('>'),
                '•' | '·' => out.push('-'),
                '—' => out.push_str("--"),
                '–' | '─' | '━' => out.push('-'),
                '│' | '┃' | '▌' => out.push('|'),
                '“' | '”' => out.push('"'),
                '‘' | '’' => out.push('\''),
                c => out.push(c),
            }
        }
        out
    }

    /// Like `spell`, for key names: the up and down arrows become the words `Up` and
    /// `Down`, which read better than `^` and `v` in a list of keys.
    pub fn spell_keys(&self, text: &str) -> String {
        if !self.spell_ascii {
            return text.to_string();
        }
        self.spell(&text.replace('↑', "Up").replace('↓', "Down"))
    }

    /// `lines` with `spell` applied to every span.
    pub fn spell_lines(&self, lines: Vec<Line<'static>>) -> Vec<Line<'static>> {
        if !self.spell_ascii {
            return lines;
        }
        lines
            .into_iter()
            .map(|mut line| {
                for span in &mut line.spans {
                    if !span.content.is_ascii() {
                        span.content = self.spell(&span.content).into();
                    }
                }
                line
            })
            .collect()
    }
}
