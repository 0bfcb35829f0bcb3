//! The words of the speaker's notes screen (`pidns-tutor notes`).

use crate::i18n::Tr;

pub const TITLE: Tr = Tr {
    en: "pidns-tutor notes",
    ko: "pidns-tutor 발표 노트",
};

/// Before the talk's timer in the header, as `STEP` is before the step's.
pub const TALK: Tr = Tr {
    en: "talk",
    ko: "발표",
};

pub const STEP: Tr = Tr {
    en: "step",
    ko: "단계",
};

pub const PREPARED: Tr = Tr {
    en: "not run yet: Enter runs it",
    ko: "아직 실행 전: Enter로 실행",
};

pub const RUNNING: Tr = Tr {
    en: "running",
    ko: "실행 중",
};

pub const RAN: Tr = Tr {
    en: "ran",
    ko: "실행함",
};

pub const VOTING: Tr = Tr {
    en: "the room is voting",
    ko: "청중이 투표 중",
};

pub const KEYS: Tr = Tr {
    en: "r: reset talk timer · ↑↓ scroll · q quit",
    ko: "r: 발표 타이머 초기화 · ↑↓ 스크롤 · q 종료",
};

pub const AHEAD: Tr = Tr {
    en: "ahead",
    ko: "빠름",
};

pub const BEHIND: Tr = Tr {
    en: "behind",
    ko: "늦음",
};

pub const OVER: Tr = Tr {
    en: "over",
    ko: "초과",
};

pub const SAY: Tr = Tr {
    en: "SAY",
    ko: "말할 것",
};

pub const SEE: Tr = Tr {
    en: "THE AUDIENCE SEES",
    ko: "청중이 볼 것",
};

/// `SEE` in talk mode, where the audience sees only the banner and the trees.
pub const SEE_TALK: Tr = Tr {
    en: "THE AUDIENCE SEES (stage: the banner over both trees; no lesson, no live box, no code)",
    ko: "청중이 볼 것 (무대: 두 트리 위의 배너. 본문, 실제 실행 상자, 코드는 없다)",
};

/// In a step's "see" note, and what stands for it in talk mode.
pub const LIVE_BOX: Tr = Tr {
    en: "The live box",
    ko: "실제 실행 상자",
};

pub const BANNER: Tr = Tr {
    en: "The banner",
    ko: "배너",
};

pub const AVOID: Tr = Tr {
    en: "AVOID",
    ko: "피할 것",
};

pub const ROOM_VOTES: Tr = Tr {
    en: "THE ROOM IS VOTING (their screen shows the question; a digit answers it and the step runs)",
    ko: "청중이 투표 중 (화면에는 질문이 보인다. 숫자로 답하면 단계가 실행된다)",
};

pub const ANSWER: Tr = Tr {
    en: "ANSWER, for you only:",
    ko: "정답, 발표자만 볼 것:",
};

pub const ANSWER_RECORDED: Tr = Tr {
    en: "as the kernel answered when the bundled recording was made:",
    ko: "함께 든 녹화를 만들 때 커널이 답한 것:",
};

pub const NEXT: Tr = Tr {
    en: "Next:",
    ko: "다음:",
};

pub const LAST: Tr = Tr {
    en: "This is the last step.",
    ko: "마지막 단계다.",
};

pub const NO_NOTES: Tr = Tr {
    en: "(no notes for this step)",
    ko: "(이 단계에는 노트가 없다)",
};

/// Over the text before the guess, until the run.
pub const BEFORE_GUESS: Tr = Tr {
    en: "BEFORE THE GUESS: the setup, no answer (your notes for this step show after the run)",
    ko: "예측 전: 정답 없이 상황만 (이 단계의 노트는 실행 뒤에 보인다)",
};

/// In the header, in talk mode.
pub const TALK_MODE: Tr = Tr {
    en: "stage",
    ko: "무대",
};
