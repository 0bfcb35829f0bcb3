//! The shell pane's words, and the notices about opening it.

use crate::i18n::Tr;

/// Notices: `s` in a recording, and where there is no namespace.
pub const RECORDED: Tr = Tr {
    en: "A recording has no live namespace to open a shell in.",
    ko: "녹화본에는 셸을 열 실제 namespace가 없다.",
};

pub const NO_LAB: Tr = Tr {
    en: "No namespace right now: go to step 4 (clone) and press Enter first.",
    ko: "지금은 namespace가 없다: 먼저 4단계(clone)에서 Enter를 누르자.",
};

pub const TITLE: Tr = Tr {
    en: "shell in the lab's namespace",
    ko: "실습 namespace 안의 셸",
};

/// In the title while the pane has the keyboard.
pub const BACK: Tr = Tr {
    en: "Ctrl-] back to the lesson",
    ko: "Ctrl-]: 본문 창으로",
};

/// In the title while it has not.
pub const TYPE_HERE: Tr = Tr {
    en: "s: type here",
    ko: "s: 여기에 입력",
};

pub const STARTING: Tr = Tr {
    en: "Starting a shell in the lab…",
    ko: "실습 namespace 안에서 셸을 시작하는 중…",
};

/// Before the step's `try:` line.
pub const TRY_LABEL: Tr = Tr {
    en: "Try:",
    ko: "해 볼 것:",
};

/// For a step without a `try:` line.
pub const TRY_DEFAULT: Tr = Tr {
    en: "Type commands: both trees follow the lab's processes as they come and go.",
    ko: "명령을 입력해 보자: 두 트리가 실습의 프로세스가 생기고 사라지는 것을 따라간다.",
};

pub const RESTARTED: Tr = Tr {
    en: "This step needed a new namespace: this is a new shell in it (the last one went with the old namespace).",
    ko: "이 단계는 새 namespace가 필요했다: 그 안의 새 셸이다 (이전 셸은 이전 namespace와 함께 사라졌다).",
};

/// `{n}`: the signal's number.
pub const KILLED: Tr = Tr {
    en: "The shell was killed by signal {n}. s: a new shell · Esc: close the pane",
    ko: "셸이 시그널 {n}으로 죽었다. s: 새 셸 · Esc: 창 닫기",
};

pub const GONE: Tr = Tr {
    en: "The namespace is gone, and this shell with it. s: a new shell once a step has a namespace · Esc: close",
    ko: "namespace가 사라졌고 이 셸도 함께 사라졌다. s: namespace가 있는 단계에서 새 셸 · Esc: 닫기",
};

/// `{why}`: the reason.
pub const FAILED: Tr = Tr {
    en: "The shell could not start: {why}. Esc: close the pane",
    ko: "셸을 시작하지 못했다: {why}. Esc: 창 닫기",
};

/// `{w}`, `{h}`: the least size; `{aw}`, `{ah}`: what there is.
pub const TOO_SMALL: Tr = Tr {
    en: "The shell pane needs {w}x{h} here (now {aw}x{ah}): make the window larger. The shell keeps running, but no key goes to it until it shows; Ctrl-] returns to the lesson.",
    ko: "셸 창에는 {w}x{h}가 필요하다 (지금 {aw}x{ah}): 창을 키우자. 셸은 계속 돌지만, 보일 때까지 키는 셸로 가지 않는다. Ctrl-]로 본문 창에 돌아간다.",
};

/// `{n}`: lines scrolled back.
pub const SCROLLED: Tr = Tr {
    en: "{n} lines back · Shift-PgDn",
    ko: "{n}줄 위 · Shift-PgDn",
};

/// The status bar while the pane has the keyboard (`_LESSON`: and the lesson has no
/// room beside it).
pub const STATUS: Tr = Tr {
    en: "keys go to the shell · Ctrl-] back to the lesson · exit closes the pane",
    ko: "키는 셸로 간다 · Ctrl-]: 본문 창으로 · exit: 창 닫기",
};

pub const STATUS_LESSON: Tr = Tr {
    en: "keys go to the shell · Ctrl-] then 1: the lesson · exit closes the pane",
    ko: "키는 셸로 간다 · Ctrl-] 다음 1: 본문 창 · exit: 창 닫기",
};

/// Tree markers: the learner's shell, a process new since the last look, one whose
/// parent just changed (long and short forms).
pub const MARKER: Tr = Tr {
    en: "◀ your shell",
    ko: "◀ 내 셸",
};

pub const MARKER_SHORT: Tr = Tr {
    en: "◀ shell",
    ko: "◀ 셸",
};

pub const NEW_MARKER: Tr = Tr {
    en: "+ new",
    ko: "+ 새로",
};

pub const REPARENTED_MARKER: Tr = Tr {
    en: "↱ new parent",
    ko: "↱ 새 부모",
};

pub const REPARENTED_SHORT: Tr = Tr {
    en: "↱ moved",
    ko: "↱ 이동",
};

/// A key typed while the focused shell's terminal is not on screen.
pub const HIDDEN: Tr = Tr {
    en: "The shell is not on screen, so that key was not sent to it: make the window larger, or Ctrl-] back.",
    ko: "셸이 화면에 없어서 그 키는 셸로 보내지 않았다: 창을 키우거나 Ctrl-]로 돌아가자.",
};
