//! Questions in the app, driven headless with keys as a learner would: Enter before a
//! step that surprises asks a prediction first (a digit answers, the arrows and Enter
//! choose, Esc skips), the step then runs and the run's facts judge the guess; the summary
//! quiz one question at a time with a score; `P` clears progress after asking. Effects are
//! carried out as the runtime does: lab effects by the bundled recording's replayer (real
//! facts, recorded from a kernel), progress effects by the runtime's `ProgressKeeper`, writing a
//! progress file under a temporary state directory.

mod common;

use common::Scratch;
use pidns_tutor::app::{App, AppOptions, Asking, Effect, Msg, QuestionKind, StepMark, ThemeName};
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::progress::{Store, Timestamp, Tracker};
use pidns_tutor::quiz::{self, Context, Key};
use pidns_tutor::record::{Recording, Replayer};
use pidns_tutor::source::Source;
use pidns_tutor::tui::answers::answer;
use pidns_tutor::tui::keep::ProgressKeeper;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use std::time::Instant;

const FIXTURE: &str = include_str!("fixtures/recording.jsonl");

/// The app, the recording that answers for the lab, and the progress file's keeper.
struct Tutor {
    app: App,
    replayer: Replayer,
    keeper: ProgressKeeper,
    /// Every effect the app asked for, in order.
    effects: Vec<Effect>,
}

impl Tutor {
    /// Starts at `step`, keeping progress in `state` (an XDG_STATE_HOME) or nowhere.
    fn at(step: Step, state: Option<&Scratch>) -> Tutor {
        let replayer = Replayer::new(Recording::parse(FIXTURE).expect("the fixture parses"));
        let mut app = App::new(AppOptions {
            lang: Lang::En,
            source: Source::Recorded(replayer.header().clone()),
            start: step,
            ascii: false,
            theme: ThemeName::Dark,
            no_color: false,
            talk: false,
        })
        .expect("lessons load");
        app.update(Msg::Resize(80, 24), Instant::now());
        let store = match state {
            Some(dir) => Store::at(file(dir)),
            None => Store::off("NO_PROGRESS is set"),
        };
        let (tracker, warning) = Tracker::open(store, Timestamp::now());
        assert_eq!(warning, None);
        let keeper = ProgressKeeper::new(tracker);
        keeper.hand_over(&mut app);
        let mut tutor = Tutor {
            app,
            replayer,
            keeper,
            effects: Vec::new(),
        };
        let effects = tutor.app.start();
        tutor.drive(effects);
        tutor
    }

    /// Carries out effects as the runtime does; returns them.
    fn drive(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        for effect in &effects {
            self.effects.push(effect.clone());
            if self.keeper.carry(effect, &mut self.app) {
                continue;
            }
            if let Some(reply) = answer(&self.replayer, effect) {
                let more = self.app.update(Msg::from(reply), Instant::now());
                self.drive(more);
            }
        }
        effects
    }

    /// A key; the effects it asked for directly.
    fn press(&mut self, code: KeyCode) -> Vec<Effect> {
        let effects = self.app.update(
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            Instant::now(),
        );
        self.drive(effects)
    }

    fn digit(&mut self, n: usize) -> Vec<Effect> {
        let c = char::from_digit(n as u32, 10).expect("a digit");
        self.press(KeyCode::Char(c))
    }

    fn saved(&self) -> usize {
        self.effects
            .iter()
            .filter(|e| **e == Effect::SaveProgress)
            .count()
    }
}

fn file(state: &Scratch) -> PathBuf {
    state.join("pidns-tutor/progress.json")
}

fn read(state: &Scratch) -> serde_json::Value {
    let bytes = std::fs::read(file(state)).expect("a progress file");
    serde_json::from_slice(&bytes).expect("JSON")
}

/// The 1-based number of choice `id` of the prediction before `step`.
fn number(step: Step, id: &str) -> usize {
    pidns_tutor::steps::prediction(step, &Context::default())
        .and_then(|q| q.index_of(id))
        .expect("a choice")
        + 1
}

#[test]
fn enter_at_clone_asks_first_then_the_run_judges_the_answer() {
    let state = Scratch::new("app-questions-clone");
    let mut tutor = Tutor::at(Step::Clone, Some(&state));
    assert!(tutor.press(KeyCode::Enter).is_empty(), "asked, not run");
    let view = tutor.app.question().expect("a question");
    assert_eq!(view.kind, QuestionKind::Prediction);
    assert_eq!(view.choices.len(), 4);
    assert!(view.prompt.contains("getpid()"), "{}", view.prompt);
    assert_eq!(view.chosen, None, "no answer suggested");
    // The tutor's PID in a choice is the recording's, not a number written down ahead.
    let tutor_pid = tutor.app.views.tutor.to_string();
    assert!(view.choices[0].contains(&tutor_pid), "{:?}", view.choices);
    assert!(tutor.app.observed.is_none());

    // 2: "1, and the tutor's PID", which the recorded kernel proves wrong.
    assert_eq!(tutor.digit(2), vec![Effect::Run(Step::Clone)]);
    assert!(tutor.app.asking().is_none());
    assert!(tutor.app.observed.is_some(), "the step ran");
    let verdict = tutor.app.verdict().expect("a verdict");
    assert_eq!(verdict.correct, Some(false));
    assert!(
        verdict.said.contains("You said 2) 1, and the tutor's PID")
            && verdict.said.contains("The answer: 3) 1 and 0."),
        "{}",
        verdict.said
    );
    assert_eq!(
        verdict.live.as_deref(),
        Some("Recorded: getpid() = 1, getppid() = 0.")
    );
    assert_eq!(tutor.saved(), 1, "the answer was saved once");

    // The file has the answer, keyed by step id.
    let saved = read(&state);
    let answer = &saved["steps"]["clone"]["prediction"];
    assert_eq!(answer["choice"], "one-and-tutor");
    assert_eq!(answer["right"], false);
    assert_eq!(saved["current_step"], "clone");

    // Enter again runs at once: the question was asked in this run.
    assert_eq!(tutor.press(KeyCode::Enter), vec![Effect::Run(Step::Clone)]);
    assert!(tutor.app.asking().is_none());
    assert_eq!(tutor.saved(), 1, "a rerun judges nothing again");

    // In Korean the same verdict, with the same live value.
    tutor.press(KeyCode::Char('L'));
    let verdict = tutor.app.verdict().expect("a verdict");
    assert!(verdict.said.contains("틀렸다"), "{}", verdict.said);
    assert!(
        verdict
            .live
            .is_some_and(|l| l.contains("getpid() = 1, getppid() = 0")),
    );
}

#[test]
fn esc_skips_the_question_and_runs_the_step() {
    let state = Scratch::new("app-questions-skip");
    let mut tutor = Tutor::at(Step::KillParent, Some(&state));
    tutor.press(KeyCode::Enter);
    assert!(tutor.app.question().is_some());
    assert_eq!(
        tutor.press(KeyCode::Esc),
        vec![Effect::Run(Step::KillParent)]
    );
    assert!(tutor.app.observed.is_some());
    assert_eq!(tutor.app.verdict(), None, "nothing to judge");
    assert_eq!(tutor.saved(), 0);
    assert!(!file(&state).exists(), "a skip is no answer");
}

#[test]
fn arrows_and_enter_choose_and_leaving_the_step_leaves_it_unasked() {
    let mut tutor = Tutor::at(Step::InitSignals, None);
    tutor.press(KeyCode::Enter);
    // Enter with nothing chosen does nothing; Down, Down, Up goes to the first choice.
    assert!(tutor.press(KeyCode::Enter).is_empty());
    assert!(tutor.app.question().is_some());
    for code in [KeyCode::Down, KeyCode::Down, KeyCode::Up] {
        assert!(tutor.press(code).is_empty());
    }
    assert_eq!(tutor.app.question().and_then(|v| v.chosen), Some(0));
    // A digit with no such choice does nothing.
    assert!(tutor.digit(9).is_empty());
    assert!(tutor.app.question().is_some());

    // Away and back: asked again.
    assert_eq!(
        tutor.press(KeyCode::Right),
        vec![Effect::Prepare(Step::ForkNeeded)]
    );
    assert!(tutor.app.asking().is_none());
    tutor.press(KeyCode::Left);
    tutor.press(KeyCode::Enter);
    assert!(tutor.app.question().is_some());
    // Up from nothing is the last choice; Enter answers it and runs.
    tutor.press(KeyCode::Up);
    let last = tutor.app.question().map(|v| v.choices.len() - 1);
    assert_eq!(tutor.app.question().and_then(|v| v.chosen), last);
    assert_eq!(
        tutor.press(KeyCode::Enter),
        vec![Effect::Run(Step::InitSignals)]
    );
    let guess = tutor.app.learner.guess.as_ref().expect("a guess");
    assert_eq!(guess.chosen, last);
    // The help and the language work over a question; q still quits.
    tutor.press(KeyCode::Right);
    tutor.press(KeyCode::Enter);
    tutor.press(KeyCode::Char('?'));
    assert_eq!(
        tutor.app.modals.top(),
        Some(&pidns_tutor::app::Modal::Help { scroll: 0 })
    );
    tutor.press(KeyCode::Esc);
    assert!(tutor.app.question().is_some(), "closing the help keeps it");
    let english = tutor.app.question().map(|v| v.prompt);
    tutor.press(KeyCode::Char('L'));
    let korean = tutor.app.question().map(|v| v.prompt);
    assert_ne!(english, korean);
    assert!(korean.is_some_and(|p| p.contains("unshare(CLONE_NEWPID)")));
    assert_eq!(tutor.press(KeyCode::Char('q')), vec![Effect::Quit]);
}

#[test]
fn every_prediction_step_asks_and_the_recording_judges_every_answer() {
    let state = Scratch::new("app-questions-all");
    let mut tutor = Tutor::at(Step::first(), Some(&state));
    let truth = |step: Step| {
        let recording = Recording::parse(FIXTURE).expect("fixture");
        let facts = &recording.observation(step).expect("recorded").facts;
        pidns_tutor::steps::judge(facts).expect("judged").right
    };
    let mut asked = 0;
    for step in Step::all() {
        if step != Step::first() {
            tutor.press(KeyCode::Right);
        }
        tutor.press(KeyCode::Enter);
        if pidns_tutor::steps::def(step).prediction.is_some() {
            asked += 1;
            assert!(tutor.app.question().is_some(), "{step} asks");
            // Right at every other step.
            let right = truth(step);
            let n = if asked % 2 == 1 {
                number(step, right)
            } else {
                number(step, right) % tutor.app.question().map_or(1, |v| v.choices.len()) + 1
            };
            assert_eq!(tutor.digit(n), vec![Effect::Run(step)]);
            let verdict = tutor.app.verdict().expect("judged");
            assert_eq!(verdict.correct, Some(asked % 2 == 1), "{step}");
        } else if step == Step::Summary {
            // The quiz before the summary; Esc skips it and the summary runs.
            assert!(tutor.app.question().is_some(), "the quiz first");
            tutor.press(KeyCode::Esc);
            assert!(tutor.app.asking().is_none(), "the summary runs");
        } else {
            assert!(tutor.app.asking().is_none(), "{step} runs at once");
        }
    }
    let saved = read(&state);
    let predicted = pidns_tutor::steps::prediction_steps()
        .filter(|s| saved["steps"][s.id()]["prediction"]["right"] == true)
        .count();
    assert_eq!(
        predicted,
        pidns_tutor::steps::prediction_steps().count().div_ceil(2)
    );
    // The status bar's track: a mark per step, right or wrong where predicted.
    let track = tutor.app.track();
    assert_eq!(track.marks.len(), Step::COUNT);
    assert_eq!(track.marks[Step::Clone.index()], StepMark::Right);
    assert_eq!(track.marks[Step::KillParent.index()], StepMark::Wrong);
    assert_eq!(track.marks[Step::Hostname.index()], StepMark::Visited);
    assert_eq!(
        (track.right, track.answered),
        (predicted, pidns_tutor::steps::prediction_steps().count())
    );
    assert_eq!(track.current, Step::Summary.index());
}

#[test]
fn the_summary_quiz_one_question_at_a_time_with_a_score() {
    let state = Scratch::new("app-questions-quiz");
    let mut tutor = Tutor::at(Step::Summary, Some(&state));
    assert!(tutor.app.quiz_offer().is_none(), "not before the scan");
    // The quiz comes first, before the summary.
    assert!(tutor.press(KeyCode::Enter).is_empty());
    let quiz = quiz::summary_quiz();
    for (i, question) in quiz.iter().enumerate() {
        let view = tutor.app.question().expect("a quiz question");
        assert_eq!(view.kind, QuestionKind::Quiz);
        assert_eq!(view.title, format!("quiz {}/{}", i + 1, quiz.len()));
        assert_eq!(view.answer, None, "the answer is hidden until answered");
        let Key::Fixed(right) = question.key else {
            panic!("{}: no fixed answer", question.id)
        };
        let right = question.index_of(right).expect("the right choice");
        // All right but the first.
        let chosen = if i == 0 {
            (right + 1) % question.choices.len()
        } else {
            right
        };
        assert_eq!(tutor.digit(chosen + 1), vec![Effect::SaveProgress]);
        let answer = tutor.app.question().and_then(|v| v.answer).expect("shown");
        assert_eq!((answer.right, answer.correct), (right, i != 0));
        assert!(answer.why.starts_with("Why: "), "{}", answer.why);
        // Answered is answered: another digit changes nothing.
        assert!(tutor.digit(1).is_empty());
        if i == 0 {
            // Leaving shows the summary; coming back goes on with the next question.
            assert_eq!(tutor.press(KeyCode::Esc), vec![Effect::Run(Step::Summary)]);
            assert!(tutor.app.asking().is_none());
            assert!(
                tutor
                    .app
                    .quiz_offer()
                    .is_some_and(|o| o.contains("10 questions"))
            );
            tutor.press(KeyCode::Enter);
            assert_eq!(
                tutor.app.question().map(|v| v.title),
                Some(format!("quiz 2/{}", quiz.len()))
            );
            continue;
        }
        tutor.press(KeyCode::Enter);
    }
    let score = tutor.app.question().expect("the score");
    assert_eq!(score.kind, QuestionKind::Score);
    assert!(
        score
            .prompt
            .contains(&format!("Score: {}/{}.", quiz.len() - 1, quiz.len())),
        "{}",
        score.prompt
    );
    tutor.press(KeyCode::Enter);
    assert!(tutor.app.asking().is_none());
    let saved = read(&state);
    let answers = saved["steps"]["summary"]["quiz"].as_object().expect("quiz");
    assert_eq!(answers.len(), quiz.len());
    assert_eq!(answers[quiz[0].id]["right"], false);
    // Enter again: the quiz from the start.
    tutor.press(KeyCode::Enter);
    assert_eq!(
        tutor.app.asking(),
        Some(&Asking::Quiz {
            index: 0,
            selected: None,
            answered: None,
            retry_of: None,
        })
    );
}

#[test]
fn p_clears_progress_after_asking() {
    let state = Scratch::new("app-questions-reset");
    let mut tutor = Tutor::at(Step::Clone, Some(&state));
    tutor.press(KeyCode::Enter);
    tutor.digit(number(Step::Clone, "one-and-zero"));
    assert!(file(&state).exists());

    // No: kept.
    assert!(tutor.press(KeyCode::Char('P')).is_empty());
    let view = tutor.app.question().expect("asked first");
    assert_eq!(view.kind, QuestionKind::Confirm);
    assert!(
        view.prompt.contains(&file(&state).display().to_string()),
        "{}",
        view.prompt
    );
    assert!(tutor.press(KeyCode::Char('n')).is_empty());
    assert!(file(&state).exists());
    assert_eq!(tutor.app.learner.score().answered, 1);

    // Yes: the file goes, and so does what the app knew.
    tutor.press(KeyCode::Char('P'));
    assert_eq!(tutor.press(KeyCode::Char('y')), vec![Effect::ResetProgress]);
    assert!(!file(&state).exists());
    assert_eq!(tutor.app.learner.score().answered, 0);
    assert_eq!(
        tutor.app.track().marks[Step::Clone.index()],
        StepMark::Visited
    );
    // Leaving writes where the learner is, and nothing else.
    assert_eq!(tutor.keeper.leave(&tutor.app), None);
    let saved = read(&state);
    assert_eq!(saved["current_step"], "clone");
    assert!(saved["steps"]["clone"]["prediction"].is_null());
}

#[test]
fn with_progress_off_answers_are_judged_but_nothing_is_written() {
    let mut tutor = Tutor::at(Step::Clone, None);
    tutor.press(KeyCode::Enter);
    tutor.digit(number(Step::Clone, "one-and-zero"));
    assert_eq!(tutor.app.verdict().and_then(|v| v.correct), Some(true));
    assert_eq!(tutor.saved(), 1, "asked to save; the keeper writes nothing");
    // P says why there is nothing to clear, and asks nothing.
    tutor.press(KeyCode::Char('P'));
    assert!(tutor.app.asking().is_none());
    let notice = format!("{:?}", tutor.app.notice);
    assert!(notice.contains("NO_PROGRESS is set"), "{notice}");
    assert_eq!(tutor.keeper.leave(&tutor.app), None);
}

#[test]
fn a_task_state_recorded_by_the_app_is_saved_with_the_answers() {
    let state = Scratch::new("app-questions-task");
    let mut tutor = Tutor::at(Step::ProcLeak, Some(&state));
    tutor
        .app
        .learner
        .task_ended(Step::ProcLeak, pidns_tutor::progress::TaskState::Passed);
    tutor.drive(vec![Effect::SaveProgress]);
    assert_eq!(
        read(&state)["steps"]["proc-leak"]["task"]["state"],
        "passed"
    );
}

/// Every answer goes to the progress, and one given where an answer was recorded before
/// (a resumed session) is said to be a retry: the first answer is the one that counts.
#[test]
fn a_second_answer_in_a_later_session_is_shown_as_a_retry() {
    let state = Scratch::new("app-questions-retry");
    let mut first = Tutor::at(Step::Clone, Some(&state));
    first.press(KeyCode::Enter);
    let right = number(Step::Clone, "one-and-zero");
    let wrong = right % 4 + 1;
    first.digit(wrong);
    let verdict = first.app.verdict().expect("judged");
    assert_eq!((verdict.correct, verdict.retry), (Some(false), None));
    drop(first);
    let mut again = Tutor::at(Step::Clone, Some(&state));
    again.press(KeyCode::Enter);
    again.digit(right);
    let verdict = again.app.verdict().expect("judged");
    assert_eq!(verdict.correct, Some(true));
    let retry = verdict.retry.expect("said to be a retry");
    assert!(
        retry.contains("first answer, which was not right"),
        "{retry}"
    );
    let saved = read(&state);
    assert!(saved["steps"]["clone"]["prediction"].is_object(), "{saved}");
}
