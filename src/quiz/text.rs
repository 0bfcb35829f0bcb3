//! Every word the quiz says, English and Korean side by side, so a translator sees both
//! at once: `walk --quiz`'s own words here, the summary quiz in `text/summary.rs` (each
//! prediction is with its step, in `crate::steps`). `{name}` is filled in at run time
//! (see `i18n::Phrase`); a placeholder that may have no value (a number this run did not
//! observe) stands inside brackets, `(about {n})`, and then the brackets go with it.
//! Choice ids are stable: progress files store them, so never rename one.

use crate::i18n::Tr;

/// One choice of a question: a stable id and its words.
#[derive(Clone, Copy, Debug)]
pub struct ChoiceText {
    pub id: &'static str,
    pub text: Tr,
}

/// A question's words: what is asked, the choices in the order shown, and why the right
/// one is right (shown after the answer).
#[derive(Clone, Copy, Debug)]
pub struct QuestionText {
    pub id: &'static str,
    pub prompt: Tr,
    pub choices: &'static [ChoiceText],
    pub why: Tr,
}

/// A summary question: its words and its right choice. These are facts of the kernel
/// (../FACTS.md in the project's docs), the same on every machine; the predictions'
/// answers are decided by the live run instead (`judge.rs`).
#[derive(Clone, Copy, Debug)]
pub struct QuizText {
    pub question: QuestionText,
    pub right: &'static str,
}

/// A choice: its stable id and its words in both languages.
pub const fn choice(id: &'static str, en: &'static str, ko: &'static str) -> ChoiceText {
    ChoiceText {
        id,
        text: Tr { en, ko },
    }
}

// The summary quiz lives next door, in `text/summary.rs`; the TUI's words around
// questions in `text/tui.rs`; each prediction with its step (`crate::steps`).
mod summary;
pub mod tui;
pub use summary::SUMMARY;

// ---------------------------------------------------------------------------------------
// What `walk --quiz` says around the questions.

pub mod words {
    use crate::i18n::Tr;

    pub const PREDICT: Tr = Tr {
        en: "Predict first:",
        ko: "먼저 예측해 보자:",
    };
    pub const ASK: Tr = Tr {
        en: "Your answer (1-{n}, Enter to skip): ",
        ko: "답 (1-{n}, 건너뛰려면 Enter): ",
    };
    pub const NOT_A_CHOICE: Tr = Tr {
        en: "Type a number from 1 to {n}, or only Enter to skip.",
        ko: "1부터 {n}까지의 숫자를 입력한다. 건너뛰려면 Enter만 누른다.",
    };
    pub const RIGHT: Tr = Tr {
        en: "You said {choice}: right.",
        ko: "답: {choice}. 맞았다.",
    };
    pub const WRONG: Tr = Tr {
        en: "You said {choice}: not this time. The answer: {right}.",
        ko: "답: {choice}. 이번에는 틀렸다. 정답: {right}.",
    };
    pub const SKIPPED: Tr = Tr {
        en: "Skipped. The answer: {right}.",
        ko: "건너뛰었다. 정답: {right}.",
    };
    pub const NOT_ASKED: Tr = Tr {
        en: "The answer: {right}.",
        ko: "정답: {right}.",
    };
    pub const LIVE: Tr = Tr {
        en: "Live: {live}.",
        ko: "실제 실행: {live}.",
    };
    pub const RECORDED: Tr = Tr {
        en: "Recorded: {live}.",
        ko: "녹화: {live}.",
    };
    /// After a verdict, when the learner had answered this question before.
    pub const RETRY_FIRST_RIGHT: Tr = Tr {
        en: "A retry: your first answer, which was right, is the one that counts.",
        ko: "다시 답했다: 점수에는 처음 답(맞음)이 들어간다.",
    };
    pub const RETRY_FIRST_WRONG: Tr = Tr {
        en: "A retry: your first answer, which was not right, is the one that counts.",
        ko: "다시 답했다: 점수에는 처음 답(틀림)이 들어간다.",
    };
    pub const NO_VERDICT: Tr = Tr {
        en: "This run's facts match none of the choices, so it is not scored.",
        ko: "이번 실행에서 관찰한 사실이 어느 보기와도 맞지 않아 채점하지 않는다.",
    };
    pub const STEP_FAILED: Tr = Tr {
        en: "The step did not run, so there is no live answer.",
        ko: "단계가 실행되지 않아 실제 실행으로 정한 정답이 없다.",
    };
    pub const WHY: Tr = Tr {
        en: "Why: {why}",
        ko: "이유: {why}",
    };
    pub const QUIZ: Tr = Tr {
        en: "Quiz: {n} questions. Each answer shows after yours.",
        ko: "퀴즈: {n}문제. 답한 뒤에 정답이 보인다.",
    };
    pub const QUESTION: Tr = Tr {
        en: "Question {i}/{n}:",
        ko: "문제 {i}/{n}:",
    };
    pub const SCORE: Tr = Tr {
        en: "Score: {right}/{n}. Predictions right: {predicted_right}/{predicted}.",
        ko: "점수: {right}/{n}. 맞힌 예측: {predicted_right}/{predicted}.",
    };
    pub const NO_TTY: Tr = Tr {
        en: "stdin is not a terminal, so walk --quiz asks nothing: each question is shown with its answer, and no progress is saved",
        ko: "표준 입력이 터미널이 아니어서 walk --quiz는 묻지 않는다. 문제마다 정답을 함께 보여 주고, 진행 상황은 저장하지 않는다",
    };
}
