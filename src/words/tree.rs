//! The words of the trees that tell the story: markers on a process's row, key numbers over
//! a tree, the changes of a step, and its two moments (before and after).

use crate::i18n::Tr;

/// `{n}` is replaced by the count.
pub const FOLDED: Tr = Tr {
    en: "… {n} other processes",
    ko: "… 그 밖의 프로세스 {n}개",
};

pub const FOLDED_ONE: Tr = Tr {
    en: "… 1 other process",
    ko: "… 그 밖의 프로세스 1개",
};

pub const TUTOR_MARKER: Tr = Tr {
    en: "◀ tutor (you)",
    ko: "◀ 튜터(나)",
};

/// `{n}` is replaced by the count.
pub const PROC_COUNT: Tr = Tr {
    en: "{n} processes in this /proc",
    ko: "이 /proc의 프로세스 {n}개",
};

pub const PROC_COUNT_ONE: Tr = Tr {
    en: "1 process in this /proc",
    ko: "이 /proc의 프로세스 1개",
};

pub const AGENT_MARKER: Tr = Tr {
    en: "◀ PID 1 inside",
    ko: "◀ 안에서는 PID 1",
};

/// Shorter markers for narrow panes.
pub const TUTOR_MARKER_SHORT: Tr = Tr {
    en: "◀ you",
    ko: "◀ 나",
};

/// The tutor in a recording: a process that ran when it was made, not the viewer.
pub const TUTOR_MARKER_RECORDED: Tr = Tr {
    en: "◀ the tutor",
    ko: "◀ 튜터",
};

pub const TUTOR_MARKER_RECORDED_SHORT: Tr = Tr {
    en: "◀ tutor",
    ko: "◀ 튜터",
};

/// `{before}` and `{after}`: the orphan's parent inside, before and after.
pub const ORPHAN_NS: Tr = Tr {
    en: "◀ orphan: parent {before} → {after}",
    ko: "◀ 고아: 부모 {before} → {after}",
};

pub const ORPHAN_HOST: Tr = Tr {
    en: "◀ orphan, adopted by the agent",
    ko: "◀ 고아, 에이전트가 입양",
};

pub const ORPHAN_SHORT: Tr = Tr {
    en: "◀ orphan",
    ko: "◀ 고아",
};

/// After a process that has ended and was not reaped (state Z).
pub const ZOMBIE_MARKER: Tr = Tr {
    en: "◀ zombie (Z): ended, not reaped",
    ko: "◀ 좀비(Z): 끝났지만 회수되지 않음",
};

pub const ZOMBIE_SHORT: Tr = Tr {
    en: "◀ zombie",
    ko: "◀ 좀비",
};

pub const AGENT_MARKER_SHORT: Tr = Tr {
    en: "◀ PID 1",
    ko: "◀ PID 1",
};

pub const INSIDE: Tr = Tr {
    en: "inside:",
    ko: "안쪽:",
};

/// The joining step's joined process, in the host's tree and in the namespace's.
pub const JOINED_HOST: Tr = Tr {
    en: "◀ joined via setns()",
    ko: "◀ setns()로 들어옴",
};

pub const JOINED_NS: Tr = Tr {
    en: "◀ joined: PPID 0",
    ko: "◀ 들어옴: PPID 0",
};

pub const JOINED_SHORT: Tr = Tr {
    en: "◀ joined",
    ko: "◀ 들어옴",
};

/// Over the namespace's members in the host's tree: "PID namespace pid:[inode]".
pub const NS_BOX: Tr = Tr {
    en: "PID namespace",
    ko: "PID namespace",
};

/// A key number on one line, where big figures do not fit: `{n}` and `{caption}`.
pub const COUNT_LINE: Tr = Tr {
    en: "{n} {caption}",
    ko: "{caption}: {n}",
};

/// Key numbers, each beside its big figure.
pub const HOST_COUNT: Tr = Tr {
    en: "processes in this /proc",
    ko: "이 /proc의 프로세스",
};

pub const HOST_COUNT_ONE: Tr = Tr {
    en: "process in this /proc",
    ko: "이 /proc의 프로세스",
};

pub const AGENT_PID: Tr = Tr {
    en: "host PID of PID 1 inside",
    ko: "안쪽 PID 1의 호스트 PID",
};

pub const OWN_COUNT: Tr = Tr {
    en: "processes in its own /proc",
    ko: "자기 /proc의 프로세스",
};

pub const OWN_COUNT_ONE: Tr = Tr {
    en: "process in its own /proc",
    ko: "자기 /proc의 프로세스",
};

/// `{n}`: how many the namespace's /proc listed before the step (`_HOST`: when
/// that /proc was the host's, before the remount).
pub const OWN_COUNT_WAS: Tr = Tr {
    en: "now in its own /proc, was {n}",
    ko: "자기 /proc의 프로세스 (전에는 {n}개)",
};

pub const OWN_COUNT_WAS_HOST: Tr = Tr {
    en: "now in its own /proc, was {n}: the host's",
    ko: "자기 /proc의 프로세스 (전에는 {n}개: 호스트의 것)",
};

pub const LEAK_COUNT: Tr = Tr {
    en: "processes seen from inside: all the host's",
    ko: "안에서 보이는 프로세스: 모두 호스트의 것",
};

pub const NSPID_COUNT: Tr = Tr {
    en: "processes in the namespace",
    ko: "namespace 안의 프로세스",
};

pub const NSPID_COUNT_ONE: Tr = Tr {
    en: "process in the namespace",
    ko: "namespace 안의 프로세스",
};

/// Over the namespace's members by their own numbers, before its /proc is looked at.
pub const NSPID_NOTE: Tr = Tr {
    en: "Its processes by their own numbers (NSpid, read on the host).",
    ko: "자기 번호로 본 프로세스 (호스트에서 읽은 NSpid).",
};

/// At the clone step, before it ran: there is nowhere to go, only Enter to press.
pub const NO_LAB_HERE: Tr = Tr {
    en: "No namespace yet: Enter makes one.",
    ko: "아직 namespace가 없다: Enter를 누르면 만들어진다.",
};

/// The agent and PID 1 in the leaking /proc, where the agent is never 1.
pub const LEAK_AGENT: Tr = Tr {
    en: "◀ its own PID 1, listed as {pid}, never as 1",
    ko: "◀ 이 namespace의 PID 1, {pid}로만 보이고 1로는 안 보인다",
};

pub const LEAK_AGENT_SHORT: Tr = Tr {
    en: "◀ its PID 1",
    ko: "◀ 그 PID 1",
};

pub const LEAK_INIT: Tr = Tr {
    en: "◀ the host's PID 1",
    ko: "◀ 호스트의 PID 1",
};

pub const LEAK_INIT_SHORT: Tr = Tr {
    en: "◀ host's 1",
    ko: "◀ 호스트 1",
};

pub const LEAK_FOLDED: Tr = Tr {
    en: "… {n} more of the host's processes",
    ko: "… 호스트의 프로세스 {n}개 더",
};

/// Changes: a symbol and a word each.
pub const MARK_NEW: Tr = Tr {
    en: "+ new",
    ko: "+ 새로",
};

pub const MARK_MOVED: Tr = Tr {
    en: "↱ new parent: {from} → {to}",
    ko: "↱ 새 부모: {from} → {to}",
};

pub const MARK_MOVED_SHORT: Tr = Tr {
    en: "↱ new parent",
    ko: "↱ 새 부모",
};

pub const GONE: Tr = Tr {
    en: "✗ gone:",
    ko: "✗ 사라짐:",
};

pub const GONE_MORE: Tr = Tr {
    en: "and {n} more",
    ko: "그 밖에 {n}개",
};

pub const TO_BE_KILLED: Tr = Tr {
    en: "✗ about to be killed",
    ko: "✗ 곧 죽는다",
};

pub const TO_BE_KILLED_SHORT: Tr = Tr {
    en: "✗ killed next",
    ko: "✗ 곧 죽음",
};

/// The two moments of a change.
pub const BEFORE: Tr = Tr {
    en: "BEFORE",
    ko: "이전",
};

pub const AFTER: Tr = Tr {
    en: "AFTER",
    ko: "이후",
};

pub const BEFORE_HINT: Tr = Tr {
    en: "Enter: after   b: before/after",
    ko: "Enter: 이후   b: 이전/이후",
};

pub const AFTER_HINT: Tr = Tr {
    en: "b: before/after",
    ko: "b: 이전/이후",
};

/// While the learner's shell is open: the trees are live, not a snapshot.
pub const NOW: Tr = Tr {
    en: "NOW",
    ko: "지금",
};

pub const NOW_HINT: Tr = Tr {
    en: "live while your shell is open   b: before/after",
    ko: "셸이 열려 있는 동안 실시간   b: 이전/이후",
};

pub const BEFORE_LIVE: Tr = Tr {
    en: "Before: the trees show the lab just before the change. Enter shows after; b goes back and forth.",
    ko: "이전: 트리는 바뀌기 직전의 실습 환경을 보여 준다. Enter는 이후를 보여 주고, b는 둘 사이를 오간다.",
};

pub const NO_MOMENTS: Tr = Tr {
    en: "This step has no before and after to move between.",
    ko: "이 단계에는 오갈 이전과 이후가 없다.",
};

/// Under a tree's pinned root row, for the rows scrolled out of view: `{n}`.
pub const ROWS_ABOVE: Tr = Tr {
    en: "⋮ {n} more rows above",
    ko: "⋮ 위에 {n}줄 더",
};

/// On the agent's row while it is stopped.
pub const STOPPED: Tr = Tr {
    en: "T stopped: it answers nothing until SIGCONT",
    ko: "T 멈춤: SIGCONT 전에는 아무것도 답하지 않는다",
};

pub const STOPPED_SHORT: Tr = Tr {
    en: "T stopped",
    ko: "T 멈춤",
};
