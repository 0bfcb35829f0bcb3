//! What has the keyboard, above the panes: one stack of modes, the top one taking the
//! keys (`keys::key` dispatches on it) and every open one drawn, bottom first (`ui`
//! draws from it). The order is the stack's, so the precedence is written once: the
//! help opened over a question closes back to the question; the shell, while it has the
//! keyboard, takes every key until `Ctrl-]`.
//!
//! Nothing is open when the stack is empty: the lesson's own keys apply.

use super::Asking;

/// One mode that takes the keyboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Modal {
    /// The shell pane has the keyboard: every key goes to the shell (Ctrl-C too).
    Shell,
    /// A question on screen (a prediction, the summary quiz, clearing progress).
    Asking(Asking),
    /// The digits typed after `g`, while jumping to a step.
    Goto(String),
    /// The task's one-line answer prompt, and what is typed in it.
    Answer(String),
    /// "The shell is still root on the host": Enter or `y` opens it.
    ConfirmShell,
    /// "Running this step ends the lab, and your shell with it, and the task is not done":
    /// Enter or `y` runs anyway; anything else stays, to do the task first.
    ConfirmTeardown,
    /// The key help, scrolled down by `scroll` rows (a short screen cannot show all).
    Help { scroll: u16 },
}

impl Modal {
    /// Two of the same kind are never open at once: opening one replaces the other.
    fn kind(&self) -> std::mem::Discriminant<Modal> {
        std::mem::discriminant(self)
    }
}

/// The open modes, the last on top.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Modals(Vec<Modal>);

impl Modals {
    /// The mode that takes the keys now.
    pub fn top(&self) -> Option<&Modal> {
        self.0.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Modal> {
        self.0.last_mut()
    }

    /// Opens `modal` on top (closing one of its kind first).
    pub fn open(&mut self, modal: Modal) {
        self.0.retain(|m| m.kind() != modal.kind());
        self.0.push(modal);
    }

    /// Closes the top mode.
    pub fn pop(&mut self) -> Option<Modal> {
        self.0.pop()
    }

    /// Closes every open mode that `which` picks, wherever it is in the stack.
    pub fn close(&mut self, which: impl Fn(&Modal) -> bool) {
        self.0.retain(|m| !which(m));
    }

    pub fn is_open(&self, which: impl Fn(&Modal) -> bool) -> bool {
        self.0.iter().any(which)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The open question, wherever it is (the help may be over it).
    pub fn asking(&self) -> Option<&Asking> {
        self.0.iter().rev().find_map(|m| match m {
            Modal::Asking(asking) => Some(asking),
            _ => None,
        })
    }

    /// What is typed at the task's answer prompt, while it is open.
    pub fn answer(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|m| match m {
            Modal::Answer(typed) => Some(typed.as_str()),
            _ => None,
        })
    }

    /// The digits typed after `g`, while jumping.
    pub fn goto(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|m| match m {
            Modal::Goto(typed) => Some(typed.as_str()),
            _ => None,
        })
    }

    /// How far the help is scrolled, while it is open.
    pub fn help(&self) -> Option<u16> {
        self.0.iter().rev().find_map(|m| match m {
            Modal::Help { scroll } => Some(*scroll),
            _ => None,
        })
    }

    /// The open modes, bottom first (the order they are drawn in).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Modal> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::{Modal, Modals};

    #[test]
    fn the_top_takes_the_keys_and_one_of_a_kind_replaces_the_other() {
        let mut modals = Modals::default();
        modals.open(Modal::Goto("1".into()));
        modals.open(Modal::Help { scroll: 0 });
        assert_eq!(modals.top(), Some(&Modal::Help { scroll: 0 }));
        modals.open(Modal::Goto("2".into()));
        assert_eq!(modals.goto(), Some("2"));
        assert_eq!(modals.iter().count(), 2, "one goto only");
        modals.close(|m| matches!(m, Modal::Goto(_)));
        assert_eq!(modals.top(), Some(&Modal::Help { scroll: 0 }));
        assert_eq!(modals.pop(), Some(Modal::Help { scroll: 0 }));
        assert!(modals.is_empty());
    }
}
