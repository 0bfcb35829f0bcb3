//! The TUI's state and how it changes: one `App` value, changed only by `update`, which
//! takes a message (a key, a resize, a tick, a worker reply) and returns the effects the
//! runtime must carry out (prepare or run a step in the lab, open the shell, quit). No I/O
//! here, so the whole lesson can be driven headless in tests.
//!
//! What has the keyboard above the panes (the shell, a question, the help, a prompt) is
//! one stack of modes, `Modals`: `keys` dispatches on its top, `ui` draws what is open.
//!
//! The app never measures the screen: it keeps what the user asked for (the focus, scroll
//! offsets), and the drawing reports back the `Geometry` it used (`Msg::Drawn`), which
//! paging and the mouse then go by. Nothing here imports the ui.
//!
//! Navigating to a step asks the worker to *prepare* it (bring the lab to the stage the
//! step starts from: going back rebuilds the lab), so the kernel never contradicts the
//! step on screen; Enter *runs* it. What a run changed in the lab is kept (`Changes`) so
//! the trees can mark it; a step whose point is a change shows its two moments, before
//! and after, and the speaker moves between them (`Moments`).
//!
//! Stage mode (`--stage`, `S` or F5) is only a way of drawing the same state: the trees
//! at full height under a one-line banner. `R` swaps the live lab for the recording (or
//! back) at the same step, for a demo machine that misbehaves in front of an audience.

mod asking;
mod changes;
mod geometry;
mod keys;
mod learner;
mod modal;
mod moment;
mod msg;
mod question_view;
mod reply;
pub mod shell;
pub mod task;
mod theme_name;
mod views;

pub use crate::tasks::ProcOwner;
pub use asking::Asking;
pub use changes::{Changes, Gone, Mark, Parent, members};
pub use geometry::{Geometry, PaneGeometry};
pub use learner::{Guess, GuessOutcome, Learner};
pub use modal::{Modal, Modals};
pub use moment::{Moment, Moments};
pub use msg::{Effect, Msg, Reply, Views};
pub use question_view::{AnswerView, QuestionKind, QuestionView, StepMark, Track, VerdictView};
pub use shell::{ShellEnd, ShellInfo, ShellPane, ShellState};
pub use task::{TaskReport, TaskView};
pub use theme_name::ThemeName;

use crate::lang::Lang;
use crate::lesson::{Lesson, LessonError, Step};
use crate::progress::Progress;
use crate::record::Header;
use crate::source::Source;
use crate::steps::Observation;
use crate::symbols::Symbols;
use std::time::{Duration, Instant};

/// How long a process that just changed (new, or with a new parent) stays highlighted;
/// the change's symbol and word stay as long as the step is shown.
pub const FLASH: Duration = Duration::from_secs(4);

/// A pane that can have the focus (and be zoomed, and scrolled).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Lesson,
    Code,
    Host,
    Ns,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Lesson, Pane::Code, Pane::Host, Pane::Ns];

    pub fn index(self) -> usize {
        match self {
            Pane::Lesson => 0,
            Pane::Code => 1,
            Pane::Host => 2,
            Pane::Ns => 3,
        }
    }

    /// The pane a digit key focuses: `1` the lesson, `2` the code, `3` the host's tree,
    /// `4` the namespace's (as lazygit numbers its panels).
    pub fn from_digit(digit: u32) -> Option<Pane> {
        Pane::ALL.get((digit as usize).checked_sub(1)?).copied()
    }
}

/// What the worker is busy with, shown in the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    Preparing,
    Running,
}

/// A one-line notice in the status bar, until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// How the TUI was asked to look and where it starts.
#[derive(Clone, Debug)]
pub struct AppOptions {
    pub lang: Lang,
    /// Live in a mode, or the header of the recording shown.
    pub source: Source<Header>,
    pub start: Step,
    pub ascii: bool,
    pub theme: ThemeName,
    pub no_color: bool,
    /// Start in talk mode (`--stage`): the trees at full height, the lesson hidden.
    pub talk: bool,
}

/// The whole state of the TUI.
pub struct App {
    pub lang: Lang,
    lessons: Vec<Lesson>,
    pub source: Source<Header>,
    /// The step shown.
    pub step: Step,
    /// What the current step's action observed, once run.
    pub observed: Option<Observation>,
    /// The latest tree views.
    pub views: Views,
    pub busy: Option<Busy>,
    pub focus: Pane,
    pub zoom: bool,
    /// What has the keyboard above the panes (the shell, a question, the help, ...): the
    /// top of the stack takes the keys, and each open one is drawn.
    pub modals: Modals,
    /// Scroll offsets asked for, by pane; `None` = automatic (code: the step's lines;
    /// trees: follow the agent or the tutor). Clamped when drawn.
    pub scroll: [Option<u16>; 4],
    /// What the last frame drew, as the ui reported it.
    pub geometry: Geometry,
    /// Fold unrelated branches of the trees.
    pub fold: bool,
    pub size: (u16, u16),
    pub notice: Option<Notice>,
    /// Host PIDs highlighted until the given moment (a parent just changed).
    pub flash: Vec<(i32, Instant)>,
    /// The shell pane, while it is open.
    pub shell: Option<ShellPane>,
    /// The step's hands-on task, live at a step that has one.
    pub task: Option<TaskView>,
    /// The namespace's process count highlighted until then (its /proc just changed).
    pub count_flash: Option<Instant>,
    /// What the last run of the step shown changed in the lab (empty while a "before"
    /// is shown).
    pub changes: Changes,
    /// The two moments of a step whose point is a change, once it ran.
    pub moments: Option<Moments>,
    /// Stage mode: the trees at full height under a one-line banner.
    pub talk: bool,
    /// The step that had run when `R` switched sources: it runs again once prepared in
    /// the other, so the reveal stays on screen.
    pub rerun: Option<Step>,
    /// Whether the screen says which keys do what (false in a cast: a player has none).
    pub show_keys: bool,
    /// The glyphs, picked once from `--ascii`.
    pub symbols: &'static Symbols,
    pub theme: ThemeName,
    pub no_color: bool,
    /// The learner's progress and guesses (saved by the runtime on `Effect::SaveProgress`).
    pub learner: Learner,
    pub quit: bool,
    /// Why the TUI had to stop, if it had to.
    pub fatal: Option<String>,
    dirty: bool,
}

impl App {
    pub fn new(options: AppOptions) -> Result<App, LessonError> {
        let lessons = Lang::ALL
            .iter()
            .map(|&lang| Lesson::load(lang))
            .collect::<Result<Vec<_>, _>>()?;
        let mut learner = Learner::default();
        learner.visit(options.start);
        Ok(App {
            lang: options.lang,
            lessons,
            source: options.source,
            step: options.start,
            observed: None,
            views: Views::default(),
            busy: None,
            focus: Pane::Lesson,
            zoom: false,
            modals: Modals::default(),
            scroll: [None; 4],
            geometry: Geometry::default(),
            fold: true,
            size: (80, 24),
            notice: None,
            flash: Vec::new(),
            shell: None,
            task: None,
            count_flash: None,
            changes: Changes::default(),
            moments: None,
            talk: options.talk,
            rerun: None,
            show_keys: true,
            symbols: Symbols::pick(options.ascii),
            theme: options.theme,
            no_color: options.no_color,
            learner,
            quit: false,
            fatal: None,
            dirty: true,
        })
    }

    /// Takes the learner's progress as loaded, and where it is kept (the file's path) or
    /// why it is not; the step shown counts as visited.
    pub fn keep_progress(&mut self, progress: Progress, kept: Result<String, String>) {
        self.learner.progress = progress;
        self.learner.kept = kept;
        self.learner.visit(self.step);
        // A task passed in an earlier run shows as passed.
        task::show(self);
    }

    /// The effects to start with: prepare the first step shown.
    pub fn start(&mut self) -> Vec<Effect> {
        task::show(self);
        self.busy = Some(Busy::Preparing);
        vec![Effect::Prepare(self.step)]
    }

    pub fn lesson(&self) -> &Lesson {
        let index = Lang::ALL.iter().position(|&l| l == self.lang).unwrap_or(0);
        &self.lessons[index.min(self.lessons.len() - 1)]
    }

    pub fn is_recorded(&self) -> bool {
        self.source.is_recorded()
    }

    /// The pane shown on the right: the post's figure at the pid-namespace step (there is
    /// no namespace yet), else the namespace's own view.
    pub fn shows_figure(&self) -> bool {
        let ran = self
            .observed
            .as_ref()
            .is_some_and(|o| o.step() == self.step);
        crate::steps::def(self.step).reveals.figure.now(ran)
    }

    /// The question on screen (a prediction, the summary quiz, clearing progress), if one
    /// is open: see `asking`, and `question()` for what to draw.
    pub fn asking(&self) -> Option<&Asking> {
        self.modals.asking()
    }

    pub fn scroll_of(&self, pane: Pane) -> Option<u16> {
        self.scroll[pane.index()]
    }

    /// Whether the screen must be redrawn; clears the flag.
    pub fn take_dirty(&mut self) -> bool {
        std::mem::replace(&mut self.dirty, false)
    }

    /// When the next highlight fades, so the runtime can wake up for it.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.flash
            .iter()
            .map(|&(_, until)| until)
            .chain(self.count_flash)
            .chain(shell::next_deadline(self))
            .min()
    }

    /// Whether the trees show the "before" of a change whose "after" is still to come.
    pub fn showing_before(&self) -> bool {
        self.moment() == Some(Moment::Before)
    }

    /// Which moment the trees show, at a step that has two.
    pub fn moment(&self) -> Option<Moment> {
        self.moments.as_ref().map(|m| m.showing)
    }

    /// Whether the namespace's process count is highlighted (its /proc just changed).
    pub fn count_flashing(&self, now: Instant) -> bool {
        self.count_flash.is_some_and(|until| until > now)
    }

    pub fn is_flashing(&self, host_pid: i32, now: Instant) -> bool {
        self.flash
            .iter()
            .any(|&(p, until)| p == host_pid && until > now)
    }

    /// Handles one message at time `now`; returns what the runtime must do.
    pub fn update(&mut self, msg: Msg, now: Instant) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => {
                // A key for the shell changes nothing on screen by itself: its echo does,
                // and that frame should not wait behind one drawn for the key.
                self.dirty |= !self.shell_focused();
                keys::key(self, key, now)
            }
            Msg::Mouse(mouse) => keys::mouse(self, mouse),
            // Only what later keys go by: nothing to redraw.
            Msg::Drawn(geometry) => {
                self.geometry = geometry;
                Vec::new()
            }
            Msg::Resize(w, h) => {
                self.size = (w, h);
                self.dirty = true;
                Vec::new()
            }
            Msg::Tick => {
                let before = self.flash.len();
                self.flash.retain(|&(_, until)| until > now);
                self.dirty |= self.flash.len() != before;
                self.dirty |= shell::tick(self, now);
                if self.count_flash.is_some_and(|until| until <= now) {
                    self.count_flash = None;
                    self.dirty = true;
                }
                Vec::new()
            }
            Msg::Signal(_) => {
                self.quit = true;
                vec![Effect::Quit]
            }
            Msg::Fatal(error) => {
                self.fatal = Some(error);
                self.quit = true;
                vec![Effect::Quit]
            }
            Msg::Worker(reply) => {
                self.dirty = true;
                let mut effects = self.reply(*reply, now);
                effects.extend(self.judge_guess());
                effects
            }
            Msg::ShellOutput => {
                self.dirty = true;
                Vec::new()
            }
            Msg::Warn(text) => {
                self.dirty = true;
                self.notice = Some(Notice::Info(text));
                Vec::new()
            }
            Msg::Paste(text) => task::paste(self, &text).unwrap_or_else(|| {
                let effects = shell::paste(self, &text);
                if !effects.is_empty() {
                    self.show_now(now);
                }
                effects
            }),
        }
    }

    /// Shows `step`, asking the worker to bring the lab to where it starts.
    fn go_to(&mut self, step: Step) -> Vec<Effect> {
        if step == self.step {
            return Vec::new();
        }
        let mut effects = task::leave(self);
        self.step = step;
        task::show(self);
        self.observed = None;
        self.modals
            .close(|m| matches!(m, Modal::Asking(_) | Modal::ConfirmTeardown));
        self.learner.visit(step);
        self.forget_changes();
        self.scroll = [None; 4];
        self.scroll[Pane::Lesson.index()] = Some(0);
        self.busy = Some(Busy::Preparing);
        effects.push(Effect::Prepare(self.step));
        effects
    }

    fn run(&mut self) -> Vec<Effect> {
        self.busy = Some(Busy::Running);
        vec![Effect::Run(self.step)]
    }

    fn reset(&mut self) -> Vec<Effect> {
        let mut effects = task::leave(self);
        self.step = Step::Clone;
        task::show(self);
        self.observed = None;
        self.learner.visit(self.step);
        self.forget_changes();
        self.scroll = [None; 4];
        self.busy = Some(Busy::Running);
        effects.push(Effect::Reset);
        effects
    }

    /// From the live lab to the recording or back, at the step shown; the worker
    /// prepares the step in the other source.
    fn switch_source(&mut self, now: Instant) -> Vec<Effect> {
        // The pane's shell lives in the live lab: it goes with it (and a recording has
        // no shell to show).
        let mut effects = if self.shell.is_some() {
            shell::close(self, now)
        } else {
            Vec::new()
        };
        // So does the step's task (live only): left unpassed, it counts as skipped.
        effects.extend(task::leave(self));
        let ran = self
            .observed
            .as_ref()
            .is_some_and(|o| o.step() == self.step);
        self.rerun = ran.then_some(self.step);
        self.observed = None;
        self.forget_changes();
        self.busy = Some(Busy::Preparing);
        effects.push(Effect::Switch(self.step));
        effects
    }

    fn set_scroll(&mut self, pane: Pane, value: Option<u16>) {
        self.scroll[pane.index()] = value;
    }
}
