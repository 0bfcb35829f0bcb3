//! What the TUI says around its questions (the prediction before a reveal, the summary
//! quiz, the verdict in the live box, the progress segment of the status bar, clearing
//! progress), English and Korean side by side. The judgements themselves reuse `words`,
//! so `walk --quiz` and the TUI say "right" and "not this time" the same way.

use crate::i18n::Tr;

pub const PREDICT_TITLE: Tr = Tr {
    en: "predict first",
    ko: "먼저 예측해 보자",
};
pub const PREDICT_KEYS: Tr = Tr {
    en: "1-{n} answer   ↑ ↓ Enter choose   Esc skip and run it",
    ko: "1-{n} 답하기   ↑ ↓ Enter 고르기   Esc 건너뛰고 실행",
};
/// The stage's banner while a question is open: the room guesses before anything runs.
pub const ON_STAGE_VOTE: Tr = Tr {
    en: "The room guesses first: 1-{n}. The run comes after the vote.",
    ko: "먼저 다 함께 추측해 보자: 1-{n}. 실행은 추측 다음이다.",
};
pub const QUIZ_TITLE: Tr = Tr {
    en: "quiz {i}/{n}",
    ko: "퀴즈 {i}/{n}",
};
pub const QUIZ_KEYS: Tr = Tr {
    en: "1-{n} answer   ↑ ↓ Enter choose   Esc leave the quiz",
    ko: "1-{n} 답하기   ↑ ↓ Enter 고르기   Esc 퀴즈 나가기",
};
pub const QUIZ_NEXT: Tr = Tr {
    en: "Enter next question   Esc leave the quiz",
    ko: "Enter 다음 문제   Esc 퀴즈 나가기",
};
pub const QUIZ_LAST: Tr = Tr {
    en: "Enter see the score",
    ko: "Enter 점수 보기",
};
pub const SCORE_TITLE: Tr = Tr {
    en: "quiz done",
    ko: "퀴즈 끝",
};
pub const SCORE_SAVED: Tr = Tr {
    en: "Your answers are saved: `pidns-tutor progress` shows them.",
    ko: "답은 저장되었다: `pidns-tutor progress`로 볼 수 있다.",
};
pub const SCORE_NOT_SAVED: Tr = Tr {
    en: "Progress is off ({why}): nothing was saved.",
    ko: "진행 상황 저장이 꺼져 있다({why}). 아무것도 저장하지 않았다.",
};
pub const SCORE_KEYS: Tr = Tr {
    en: "Enter Esc close   (Enter at this step again: take the quiz again)",
    ko: "Enter Esc 닫기   (이 단계에서 다시 Enter: 퀴즈 다시 풀기)",
};
/// In the live box at the summary, once its scan has run.
pub const QUIZ_OFFER: Tr = Tr {
    en: "Enter: the quiz, {n} questions, one at a time; each answer shows after yours.",
    ko: "Enter: 퀴즈 {n}문제, 한 문제씩. 답한 뒤에 정답이 보인다.",
};
/// The live box's verdict when the step ran after a skipped prediction: nothing to say.
/// After one that was answered, `words::RIGHT` or `words::WRONG`, then `words::LIVE`.
pub const YOUR_GUESS: Tr = Tr {
    en: "Your prediction:",
    ko: "내 예측:",
};
/// The status bar: predictions and quiz answers, right out of answered.
pub const STATUS_RIGHT: Tr = Tr {
    en: "{right}/{answered} right",
    ko: "{right}/{answered} 정답",
};
pub const RESET_TITLE: Tr = Tr {
    en: "clear progress?",
    ko: "진행 상황 지우기?",
};
pub const RESET_ASK: Tr = Tr {
    en: "Clear every saved answer, score and the step to resume at, in {path}?",
    ko: "{path}에 저장된 모든 답, 점수, 이어서 시작할 단계를 지울까?",
};
pub const RESET_KEYS: Tr = Tr {
    en: "y clear   n Esc keep",
    ko: "y 지우기   n Esc 그대로 두기",
};
pub const RESET_DONE: Tr = Tr {
    en: "Progress cleared.",
    ko: "진행 상황을 지웠다.",
};
pub const RESET_KEPT: Tr = Tr {
    en: "Progress kept.",
    ko: "진행 상황을 그대로 두었다.",
};
pub const RESET_OFF: Tr = Tr {
    en: "Progress is off ({why}): there is nothing to clear.",
    ko: "진행 상황 저장이 꺼져 있다({why}). 지울 것이 없다.",
};
