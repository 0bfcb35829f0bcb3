//! The hook for a question put before a reveal ("What will getpid() print inside?"), for
//! the audience to think about. Whoever asks fills `App::question` in the learner's
//! language; stage mode shows it large over the trees, the normal layout in the live box.
//! A digit marks a choice, Enter goes on to the reveal (runs the step), Esc skips it.

/// A question on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub prompt: String,
    /// Numbered 1, 2, 3… on screen; at most 9.
    pub choices: Vec<String>,
    /// The choice marked so far (0-based).
    pub chosen: Option<usize>,
}

impl Question {
    pub fn new(prompt: impl Into<String>, choices: Vec<String>) -> Question {
        Question {
            prompt: prompt.into(),
            choices,
            chosen: None,
        }
    }

    /// Marks the choice typed as `digit` (1-based on screen); false when there is none.
    pub fn choose(&mut self, digit: u32) -> bool {
        let index = digit as usize;
        if index == 0 || index > self.choices.len() {
            return false;
        }
        self.chosen = Some(index - 1);
        true
    }
}
