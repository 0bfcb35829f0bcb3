//! The status bar's keys and what it says while busy, and the notices about switching
//! between live and recorded and about a stopped PID 1.

use crate::i18n::Tr;

pub const KEY_STEP: Tr = Tr {
    en: "step",
    ko: "단계",
};

pub const KEY_RUN: Tr = Tr {
    en: "run",
    ko: "실행",
};

pub const KEY_SHELL: Tr = Tr {
    en: "shell",
    ko: "셸",
};

pub const KEY_ZOOM: Tr = Tr {
    en: "zoom",
    ko: "확대",
};

/// `1`, while the shell pane leaves the lesson no room.
pub const KEY_LESSON: Tr = Tr {
    en: "lesson",
    ko: "본문",
};

pub const KEY_HELP: Tr = Tr {
    en: "help",
    ko: "도움말",
};

pub const KEY_QUIT: Tr = Tr {
    en: "quit",
    ko: "종료",
};

/// `{last}` (here, in `GOTO_RANGE` and in `help::KEYS`) is the last step's number: see
/// `words::numbered`.
pub const GOTO_PROMPT: Tr = Tr {
    en: "go to step (1-{last}), Enter: ",
    ko: "이동할 단계 (1-{last}), Enter: ",
};

pub const GOTO_RANGE: Tr = Tr {
    en: "Steps are numbered 1 to {last}.",
    ko: "단계 번호는 1부터 {last}까지다.",
};

pub const BUSY_PREPARING: Tr = Tr {
    en: "preparing…",
    ko: "준비 중…",
};

pub const BUSY_RUNNING: Tr = Tr {
    en: "running…",
    ko: "실행 중…",
};

pub const KEY_MOMENT: Tr = Tr {
    en: "before/after",
    ko: "이전/이후",
};

pub const KEY_TO_RECORDED: Tr = Tr {
    en: "recorded",
    ko: "녹화",
};

pub const KEY_TO_LIVE: Tr = Tr {
    en: "live",
    ko: "실제",
};

pub const SWITCHED_LIVE: Tr = Tr {
    en: "Live again, at the same step: the namespace is made anew.",
    ko: "다시 실제 실행, 같은 단계: namespace를 새로 만든다.",
};

pub const SWITCHED_RECORDED: Tr = Tr {
    en: "Showing the recording, at the same step (R: back to live).",
    ko: "같은 단계의 녹화본을 보여 준다 (R: 실제 실행으로).",
};

/// After `SWITCHED_*`, when the step had run: it runs again in the other source.
pub const SWITCHED_RERUN: Tr = Tr {
    en: "The step runs again by itself.",
    ko: "이 단계는 알아서 다시 실행된다.",
};

/// What Enter says while the namespace's PID 1 is stopped (`{pid}`: its host PID).
pub const STOPPED_WAITS: Tr = Tr {
    en: "PID 1 is stopped (state T), so the lab cannot answer: kill -CONT {pid} from the host wakes it.",
    ko: "PID 1이 멈춰 있어(상태 T) 실습 환경이 답하지 못한다. 호스트에서 kill -CONT {pid}로 깨우자.",
};
