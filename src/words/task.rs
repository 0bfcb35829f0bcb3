//! The task panel's own words and the notices about tasks. What a task asks, its hints and
//! solutions are the tasks' (`crate::tasks::text`).

use crate::i18n::Tr;

/// The panel's title.
pub const TITLE: Tr = Tr {
    en: "task",
    ko: "과제",
};

/// The state, after its mark: never colour alone.
pub const TODO: Tr = Tr {
    en: "to do",
    ko: "아직",
};

pub const PASSED: Tr = Tr {
    en: "passed",
    ko: "통과",
};

/// The task has not begun: there is no shell yet.
pub const WAITING: Tr = Tr {
    en: "waiting for your shell",
    ko: "셸을 기다리는 중",
};

pub const NEEDS_SHELL: Tr = Tr {
    en: "s opens the shell: the task is done there and checked from the kernel.",
    ko: "s로 셸을 연다. 과제는 거기서 하고, 커널 상태로 확인한다.",
};

/// The step's run ended the lab (init-signals) or it is being rebuilt.
pub const NO_LAB: Tr = Tr {
    en: "No namespace now (this step's run ended it): ← then → builds a fresh one, and the task starts over.",
    ko: "지금은 namespace가 없다(이 단계의 실행이 끝냈다). ← 다음 →로 새로 만들면 과제도 다시 시작한다.",
};

/// `{why}`: the reason.
pub const FAILED: Tr = Tr {
    en: "The task could not start: {why}",
    ko: "과제를 시작하지 못했다: {why}",
};

pub const HINT_LABEL: Tr = Tr {
    en: "Hint:",
    ko: "힌트:",
};

pub const SOLUTION_LABEL: Tr = Tr {
    en: "Solution:",
    ko: "풀이:",
};

/// Before the answer last given.
pub const ANSWER_LABEL: Tr = Tr {
    en: "Your answer:",
    ko: "내 답:",
};

/// The keys under the task, for tasks with and without a typed answer.
pub const KEYS_ANSWER: Tr = Tr {
    en: "h: hint (again: solution) · a: type your answer",
    ko: "h: 힌트 (한 번 더: 풀이) · a: 답 입력",
};

pub const KEYS: Tr = Tr {
    en: "h: hint (again: solution) · checked as you go",
    ko: "h: 힌트 (한 번 더: 풀이) · 하는 대로 확인한다",
};

pub const KEYS_PASSED: Tr = Tr {
    en: "→: on to the next step",
    ko: "→: 다음 단계로",
};

/// On the panel's border when it is too short for all it says.
pub const MORE: Tr = Tr {
    en: "↓ all of it: 1 then z",
    ko: "↓ 전부 보기: 1 다음 z",
};

/// After the prompt while typing.
pub const PROMPT_KEYS: Tr = Tr {
    en: "Enter: check · Esc: cancel",
    ko: "Enter: 확인 · Esc: 취소",
};

/// Notices.
pub const NO_TASK: Tr = Tr {
    en: "No task at this step (h shows a task's hint; ← or p goes back a step).",
    ko: "이 단계에는 과제가 없다(h는 과제의 힌트를 보여 준다. ← 또는 p로 이전 단계).",
};

pub const RECORDED: Tr = Tr {
    en: "Tasks are checked against a live namespace; a recording has none.",
    ko: "과제는 실제 namespace에서 확인한다. 녹화본에는 그것이 없다.",
};

pub const NOT_BEGUN: Tr = Tr {
    en: "The task begins once your shell runs: s opens it.",
    ko: "과제는 셸이 실행되면 시작한다: s로 연다.",
};

pub const NO_ANSWER: Tr = Tr {
    en: "This task takes no typed answer: it passes as soon as the kernel shows it done.",
    ko: "이 과제는 답을 입력하지 않는다: 커널 상태가 해냈음을 보이면 바로 통과한다.",
};
