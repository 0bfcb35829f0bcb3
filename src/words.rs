//! The front ends' own words (the TUI's pane titles, hints, notices and help, the speaker's
//! notes, the walk's labels), in both languages of the lesson, as tables of `Tr` by area:
//! read with the language where they are said, so a missing translation does not compile.
//! The app says its notices with them and the ui draws the rest, so they live beside both
//! rather than in either. The lesson text itself comes from the lesson files.

pub mod help;
pub mod notes;
pub mod overlays;
pub mod panes;
pub mod shell;
pub mod status;
pub mod talk;
pub mod task;
pub mod tree;
pub mod walk;

use crate::i18n::{Tr, say};
use crate::lang::Lang;
use crate::lesson::Step;
use crate::symbols::Symbols;

/// `text` with `{last}` filled in with the number of the lesson's last step.
pub fn numbered(text: Tr, lang: Lang) -> String {
    say(text, lang, &[("last", Step::COUNT.to_string())])
}

/// The row that stands for `count` folded processes.
pub fn folded(count: usize, lang: Lang, symbols: &Symbols) -> String {
    let text = if count == 1 {
        tree::FOLDED_ONE.get(lang).to_string()
    } else {
        say(tree::FOLDED, lang, &[("n", count.to_string())])
    };
    text.replace('…', symbols.ellipsis)
}
