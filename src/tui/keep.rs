//! The runtime's side of the learner's progress: it loaded the file before the TUI
//! started (`progress::command::start`), hands it to the app, and writes it when the app
//! asks (`Effect::SaveProgress`: an answer was given), clears it (`Effect::ResetProgress`:
//! the learner said yes), and writes it once more on the way out, with the step left on.
//! Writing is `progress::Store`'s: atomic, and nothing at all under NO_PROGRESS or
//! `--no-progress`. A failure is said once, in the status bar, and the lesson goes on.

use crate::app::{App, Effect, Msg};
use crate::progress::{Progress, Tracker};
use std::time::Instant;

/// The progress file, as the runtime holds it.
pub struct ProgressKeeper {
    tracker: Tracker,
}

impl ProgressKeeper {
    pub fn new(tracker: Tracker) -> ProgressKeeper {
        ProgressKeeper { tracker }
    }

    /// Where the progress is written (the path, to show), or why it is not.
    pub fn kept(&self) -> Result<String, String> {
        let store = self.tracker.store();
        match store.path() {
            Some(path) => Ok(path.display().to_string()),
            None => Err(store.off_reason().unwrap_or("off").to_string()),
        }
    }

    /// Gives the app the progress as loaded.
    pub fn hand_over(&self, app: &mut App) {
        app.keep_progress(self.tracker.progress.clone(), self.kept());
    }

    /// Carries out a progress effect; false for any other effect (not ours).
    pub fn carry(&mut self, effect: &Effect, app: &mut App) -> bool {
        let warning = match effect {
            Effect::SaveProgress => self.save(&app.learner.progress),
            Effect::ResetProgress => self.reset(&app.learner.progress),
            _ => return false,
        };
        if let Some(warning) = warning {
            // A notice only: it asks nothing more of the runtime.
            app.update(Msg::Warn(warning), Instant::now());
        }
        true
    }

    fn save(&mut self, progress: &Progress) -> Option<String> {
        self.tracker.progress = progress.clone();
        self.tracker.save()
    }

    /// Removes the file, as `pidns-tutor progress --reset` does; the app has forgotten
    /// everything but the step it is on, which is written at the end.
    fn reset(&mut self, progress: &Progress) -> Option<String> {
        self.tracker.progress = progress.clone();
        match self.tracker.store().reset() {
            Ok(_) => None,
            Err(e) => Some(format!("cannot clear the progress file ({e})")),
        }
    }

    /// Writes the progress once more on the way out: where the learner left (so the next
    /// start resumes there) and anything not yet written. The warning, if any, is for
    /// stderr: the screen has gone by then.
    pub fn leave(mut self, app: &App) -> Option<String> {
        let mut progress = app.learner.progress.clone();
        progress.visit(app.step, crate::progress::Timestamp::now());
        self.save(&progress)
    }
}
