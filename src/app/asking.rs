//! Questions on screen, and the keys while one is open. Before a step that has a
//! prediction, Enter first asks it (once per run): a digit answers at once, the arrows and
//! Enter choose, Esc skips; either way the step then runs (unless the run would end the lab
//! before the step's task is done: then it asks that first), and the run's facts judge the
//! guess (`Learner::judge`). At the summary, Enter opens the quiz before the summary's
//! scan (and again after it): one question at a time, the answer shown after the
//! learner's, a score at the end; leaving it runs the scan. A stopped PID 1 is said, not
//! waited on. `P` asks before clearing the saved progress.
//!
//! The question's words are built for the screen by `question_view`; this file only
//! moves between states.

use super::{App, Effect, Modal, Notice};
use crate::i18n::Phrase;
use crate::progress::QUIZ_STEP;
use crate::quiz::text::tui as words;
use crate::quiz::{Context, Question};
use crate::session::Stage;
use ratatui::crossterm::event::KeyCode;

/// What is being asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Asking {
    /// A prediction before the step runs; `selected`: the choice the arrows are on (none
    /// at first, so that no answer is suggested).
    Predict {
        question: Question,
        selected: Option<usize>,
    },
    /// The summary quiz at question `index`; `answered`: the choice given, once given;
    /// `retry_of`: whether the first answer recorded to it (in an earlier run) was
    /// right, when this one is a retry.
    Quiz {
        index: usize,
        selected: Option<usize>,
        answered: Option<usize>,
        retry_of: Option<bool>,
    },
    /// The quiz is over: the score.
    Score,
    /// "Clear the saved progress?"
    ConfirmReset,
}

/// What this machine's choices are worded with: the numbers the trees show now (live, or
/// the recording's). The right answer is never taken from here: the run decides it.
pub fn context(app: &App) -> Context {
    Context {
        tutor_pid: u32::try_from(app.views.tutor).ok().filter(|&p| p > 0),
        agent_host_pid: app.views.agent.map(i64::from),
        host_count: app
            .views
            .host
            .as_ref()
            .and_then(|s| u64::try_from(s.total).ok())
            .filter(|&n| n > 0),
    }
}

/// Enter with nothing open: the step's prediction first (once per run, before the step
/// has run on this visit), the quiz at the summary (before its scan, once per run, and on
/// Enter after it), else the run (`run_or_ask`).
pub fn enter(app: &mut App) -> Vec<Effect> {
    // A stopped PID 1 answers nothing until it is continued: say why the run will wait.
    // The run is still asked for: the view may be a moment old (SIGCONT just sent), and
    // a request that times out says so itself.
    if let Some(agent) = app.views.agent.filter(|_| app.views.agent_stopped) {
        let said = crate::i18n::say(
            crate::words::status::STOPPED_WAITS,
            app.lang,
            &[("pid", agent.to_string())],
        );
        app.notice = Some(Notice::Info(said));
    }
    if app.observed.is_none()
        && !app.learner.was_asked(app.step)
        && let Some(question) = crate::steps::prediction(app.step, &context(app))
    {
        app.ask(Asking::Predict {
            question,
            selected: None,
        });
        return Vec::new();
    }
    // The summary's quiz comes before the summary (once per run), and again on Enter
    // after it.
    let quiz_first = app.observed.is_none() && !app.learner.was_asked(QUIZ_STEP);
    if app.step == QUIZ_STEP
        && (app.observed.is_some() || quiz_first)
        && !app.learner.quiz.is_empty()
    {
        app.learner.asked(QUIZ_STEP);
        if app.learner.quiz_at >= app.learner.quiz.len() {
            app.learner.quiz_at = 0;
        }
        app.ask(Asking::Quiz {
            index: app.learner.quiz_at,
            selected: None,
            answered: None,
            retry_of: None,
        });
        return Vec::new();
    }
    run_or_ask(app)
}

/// `P`: ask before clearing the progress, or say why there is none to clear.
pub fn confirm_reset(app: &mut App) -> Vec<Effect> {
    match &app.learner.kept {
        Ok(_) => app.ask(Asking::ConfirmReset),
        Err(why) => {
            let text = Phrase::new(words::RESET_OFF)
                .with("why", Some(why))
                .text(app.lang);
            app.notice = Some(Notice::Info(text));
        }
    }
    Vec::new()
}

/// A key while a question is open. `None`: not the question's, do what it always does
/// (the question is closed first where that key leaves it).
pub fn key(app: &mut App, code: KeyCode) -> Option<Vec<Effect>> {
    let asking = app.asking()?.clone();
    // Help, language, quit and talk mode (a way of drawing the same question) work over
    // any question.
    if matches!(code, KeyCode::Char('?' | 'L' | 'q' | 'S') | KeyCode::F(5)) {
        return None;
    }
    match asking {
        Asking::Predict { question, selected } => {
            let n = question.choices.len();
            match code {
                // Every digit is the question's while it is open, even one past its
                // choices: `1`-`4` would otherwise move the focus behind it.
                KeyCode::Char(c @ '1'..='9') => {
                    let chosen = c as usize - '1' as usize;
                    Some(if chosen < n {
                        answer_prediction(app, question, Some(chosen))
                    } else {
                        Vec::new()
                    })
                }
                KeyCode::Enter => Some(match selected {
                    Some(chosen) => answer_prediction(app, question, Some(chosen)),
                    None => Vec::new(),
                }),
                KeyCode::Esc => Some(answer_prediction(app, question, None)),
                KeyCode::Up | KeyCode::Char('k') | KeyCode::Down | KeyCode::Char('j') => {
                    let selected = moved(selected, n, code);
                    app.ask(Asking::Predict { question, selected });
                    Some(Vec::new())
                }
                // Leaving the step, or its source (`R`, when the demo machine fails in
                // front of an audience), leaves its question unasked. (`h` is the task's
                // hint now, not a way back: the question keeps it.)
                KeyCode::Left
                | KeyCode::Right
                | KeyCode::Char('l' | 'n' | 'p' | ' ' | 'g' | 'R') => {
                    app.unask();
                    None
                }
                _ => Some(Vec::new()),
            }
        }
        Asking::Quiz {
            index,
            selected,
            answered: None,
            ..
        } => {
            let n = app.learner.quiz.get(index).map_or(0, |q| q.choices.len());
            let chosen = match code {
                KeyCode::Char(c @ '1'..='9') => Some(c as usize - '1' as usize),
                KeyCode::Enter => selected,
                KeyCode::Esc => return Some(leave_quiz(app)),
                KeyCode::Up | KeyCode::Char('k') | KeyCode::Down | KeyCode::Char('j') => {
                    app.ask(Asking::Quiz {
                        index,
                        selected: moved(selected, n, code),
                        answered: None,
                        retry_of: None,
                    });
                    return Some(Vec::new());
                }
                _ => None,
            };
            let Some(chosen) = chosen.filter(|&c| c < n) else {
                return Some(Vec::new());
            };
            let retry_of = app.learner.quiz_first(index);
            app.learner.answer_quiz(index, chosen);
            app.ask(Asking::Quiz {
                index,
                selected: Some(chosen),
                answered: Some(chosen),
                retry_of,
            });
            Some(vec![Effect::SaveProgress])
        }
        Asking::Quiz { index, .. } => Some(match code {
            KeyCode::Enter | KeyCode::Char(' ') | KeyCode::Right => {
                app.ask(if index + 1 < app.learner.quiz.len() {
                    Asking::Quiz {
                        index: index + 1,
                        selected: None,
                        answered: None,
                        retry_of: None,
                    }
                } else {
                    Asking::Score
                });
                Vec::new()
            }
            KeyCode::Esc => leave_quiz(app),
            _ => Vec::new(),
        }),
        Asking::Score if matches!(code, KeyCode::Enter | KeyCode::Esc) => Some(leave_quiz(app)),
        Asking::Score => Some(Vec::new()),
        Asking::ConfirmReset => {
            app.unask();
            Some(match code {
                KeyCode::Char('y' | 'Y') => {
                    app.learner.reset(app.step);
                    app.notice = Some(Notice::Info(Phrase::new(words::RESET_DONE).text(app.lang)));
                    vec![Effect::ResetProgress]
                }
                _ => {
                    app.notice = Some(Notice::Info(Phrase::new(words::RESET_KEPT).text(app.lang)));
                    Vec::new()
                }
            })
        }
    }
}

impl App {
    /// Opens `asking` (in place of the question open, if one is).
    fn ask(&mut self, asking: Asking) {
        self.modals.open(Modal::Asking(asking));
    }

    /// Closes the question open, if one is.
    pub(super) fn unask(&mut self) {
        self.modals.close(|m| matches!(m, Modal::Asking(_)));
    }
}

/// The quiz closed (done, or left for later): taken before the summary, the summary's
/// scan runs now, as a step runs once its prediction is answered or skipped.
fn leave_quiz(app: &mut App) -> Vec<Effect> {
    app.unask();
    if app.observed.is_none() {
        app.run()
    } else {
        Vec::new()
    }
}

/// The prediction answered (or skipped): remembered, and the step runs.
fn answer_prediction(app: &mut App, question: Question, chosen: Option<usize>) -> Vec<Effect> {
    app.unask();
    app.learner.guess(question, chosen);
    run_or_ask(app)
}

/// Runs the step, unless the run would end the lab (and the shell in it) before the
/// step's task is done: then it asks first (`Modal::ConfirmTeardown`), offering to do the
/// task first. The guess, if any, is made by then: predict, then observe.
fn run_or_ask(app: &mut App) -> Vec<Effect> {
    if ends_unfinished_task(app) {
        app.modals.open(Modal::ConfirmTeardown);
        return Vec::new();
    }
    app.run()
}

/// Whether running the step shown tears down the live lab while its task is not done:
/// the habitual Enter would take away what the task needs.
fn ends_unfinished_task(app: &App) -> bool {
    let lab_now = app.views.agent.is_some() && !app.is_recorded();
    let def = crate::steps::def(app.step);
    let ends = def.before != Stage::NoLab && matches!(def.after, Stage::NoLab | Stage::TornDown);
    let unfinished = app.task.as_ref().is_some_and(|t| !t.passed());
    lab_now && ends && unfinished && app.busy.is_none()
}

/// The choice the arrows move to, wrapping around; from none, the first (down) or the
/// last (up).
fn moved(selected: Option<usize>, n: usize, code: KeyCode) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let up = matches!(code, KeyCode::Up | KeyCode::Char('k'));
    Some(match (selected, up) {
        (None, true) => n - 1,
        (None, false) => 0,
        (Some(s), true) => (s + n - 1) % n,
        (Some(s), false) => (s + 1) % n,
    })
}
