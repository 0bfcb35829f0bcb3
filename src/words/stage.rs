//! The words of the trees that tell the story and of stage mode: key numbers, change
//! marks, the two moments of a change, the namespace's box and the switch between live
//! and recorded, in both languages.

use crate::lang::Lang;

/// Every fixed string the stage and the story-telling trees print. `{n}`, `{pid}`,
/// `{from}` and `{to}` are filled in by the drawing.
pub struct StageWords {
    /// Over the namespace's members in the host's tree: "PID namespace pid:[inode]".
    pub ns_box: &'static str,
    /// A key number on one line, where big figures do not fit: `{n}` and `{caption}`.
    pub count_line: &'static str,
    /// Key numbers, each beside its big figure.
    pub host_count: &'static str,
    pub host_count_one: &'static str,
    pub agent_pid: &'static str,
    pub own_count: &'static str,
    pub own_count_one: &'static str,
    /// `{n}`: how many the namespace's /proc listed before the step (`_host`: when
    /// that /proc was the host's, before the remount).
    pub own_count_was: &'static str,
    pub own_count_was_host: &'static str,
    pub leak_count: &'static str,
    pub nspid_count: &'static str,
    pub nspid_count_one: &'static str,
    /// Over the namespace's members by their own numbers, before its /proc is looked at.
    pub nspid_note: &'static str,
    /// At the clone step, before it ran: there is nowhere to go, only Enter to press.
    pub no_lab_here: &'static str,
    /// The agent and PID 1 in the leaking /proc, where the agent is never 1.
    pub leak_agent: &'static str,
    pub leak_agent_short: &'static str,
    pub leak_init: &'static str,
    pub leak_init_short: &'static str,
    pub leak_folded: &'static str,
    /// Changes: a symbol and a word each.
    pub mark_new: &'static str,
    pub mark_moved: &'static str,
    pub mark_moved_short: &'static str,
    pub gone: &'static str,
    pub gone_more: &'static str,
    pub to_be_killed: &'static str,
    pub to_be_killed_short: &'static str,
    /// The two moments of a change.
    pub before: &'static str,
    pub after: &'static str,
    pub before_hint: &'static str,
    pub after_hint: &'static str,
    /// While the learner's shell is open: the trees are live, not a snapshot.
    pub now: &'static str,
    pub now_hint: &'static str,
    pub before_live: &'static str,
    pub no_moments: &'static str,
    /// Under a tree's pinned root row, for the rows scrolled out of view: `{n}`.
    pub rows_above: &'static str,
    /// On the agent's row while it is stopped, and what Enter says then (`{pid}`: its
    /// host PID).
    pub stopped: &'static str,
    pub stopped_short: &'static str,
    pub stopped_waits: &'static str,
    /// Status bar.
    pub key_stage: &'static str,
    pub key_moment: &'static str,
    pub key_to_recorded: &'static str,
    pub key_to_live: &'static str,
    pub switched_live: &'static str,
    pub switched_recorded: &'static str,
    /// After `switched_*`, when the step had run: it runs again in the other source.
    pub switched_rerun: &'static str,
    /// The banner's verdict on the room's guess: `{choice}` and `{right}` are `3)`.
    pub verdict_right: &'static str,
    pub verdict_wrong: &'static str,
    /// A digit on stage for a pane that is not on screen: nothing zooms before the room.
    pub digit_on_stage: &'static str,
    /// A key typed while the focused shell's terminal is not on screen.
    pub shell_hidden: &'static str,
}

pub const EN: StageWords = StageWords {
    ns_box: "PID namespace",
    count_line: "{n} {caption}",
    host_count: "processes in this /proc",
    host_count_one: "process in this /proc",
    agent_pid: "host PID of PID 1 inside",
    own_count: "processes in its own /proc",
    own_count_one: "process in its own /proc",
    own_count_was: "now in its own /proc, was {n}",
    own_count_was_host: "now in its own /proc, was {n}: the host's",
    leak_count: "processes seen from inside: all the host's",
    nspid_count: "processes in the namespace",
    nspid_count_one: "process in the namespace",
    nspid_note: "Its processes by their own numbers (NSpid, read on the host).",
    no_lab_here: "No namespace yet: Enter makes one.",
    leak_agent: "◀ its own PID 1, listed as {pid}, never as 1",
    leak_agent_short: "◀ its PID 1",
    leak_init: "◀ the host's PID 1",
    leak_init_short: "◀ host's 1",
    leak_folded: "… {n} more of the host's processes",
    mark_new: "+ new",
    mark_moved: "↱ new parent: {from} → {to}",
    mark_moved_short: "↱ new parent",
    gone: "✗ gone:",
    gone_more: "and {n} more",
    to_be_killed: "✗ about to be killed",
    to_be_killed_short: "✗ killed next",
    before: "BEFORE",
    after: "AFTER",
    before_hint: "Enter: after   b: before/after",
    after_hint: "b: before/after",
    now: "NOW",
    now_hint: "live while your shell is open   b: before/after",
    before_live: "Before: the trees show the lab just before the change. Enter shows after; b goes back and forth.",
    no_moments: "This step has no before and after to move between.",
    rows_above: "⋮ {n} more rows above",
    stopped: "T stopped: it answers nothing until SIGCONT",
    stopped_short: "T stopped",
    stopped_waits: "PID 1 is stopped (state T), so the lab cannot answer: kill -CONT {pid} from the host wakes it.",
    key_stage: "stage",
    key_moment: "before/after",
    key_to_recorded: "recorded",
    key_to_live: "live",
    switched_live: "Live again, at the same step: the namespace is made anew.",
    switched_recorded: "Showing the recording, at the same step (R: back to live).",
    switched_rerun: "The step runs again by itself.",
    verdict_right: "✓ You said {choice}: right.",
    verdict_wrong: "✗ You said {choice}; the answer: {right}.",
    digit_on_stage: "On stage the digits never zoom (the room would see it): t shows the lesson's text, S leaves stage mode.",
    shell_hidden: "The shell is not on screen, so that key was not sent to it: make the window larger, or Ctrl-] back.",
};

pub const KO: StageWords = StageWords {
    ns_box: "PID namespace",
    count_line: "{caption}: {n}",
    host_count: "이 /proc의 프로세스",
    host_count_one: "이 /proc의 프로세스",
    agent_pid: "안쪽 PID 1의 호스트 PID",
    own_count: "자기 /proc의 프로세스",
    own_count_one: "자기 /proc의 프로세스",
    own_count_was: "자기 /proc의 프로세스 (전에는 {n}개)",
    own_count_was_host: "자기 /proc의 프로세스 (전에는 {n}개: 호스트의 것)",
    leak_count: "안에서 보이는 프로세스: 모두 호스트의 것",
    nspid_count: "namespace 안의 프로세스",
    nspid_count_one: "namespace 안의 프로세스",
    nspid_note: "자기 번호로 본 프로세스 (호스트에서 읽은 NSpid).",
    no_lab_here: "아직 namespace가 없다: Enter를 누르면 만들어진다.",
    leak_agent: "◀ 이 namespace의 PID 1, {pid}로만 보이고 1로는 안 보인다",
    leak_agent_short: "◀ 그 PID 1",
    leak_init: "◀ 호스트의 PID 1",
    leak_init_short: "◀ 호스트 1",
    leak_folded: "… 호스트의 프로세스 {n}개 더",
    mark_new: "+ 새로",
    mark_moved: "↱ 새 부모: {from} → {to}",
    mark_moved_short: "↱ 새 부모",
    gone: "✗ 사라짐:",
    gone_more: "그 밖에 {n}개",
    to_be_killed: "✗ 곧 죽는다",
    to_be_killed_short: "✗ 곧 죽음",
    before: "이전",
    after: "이후",
    before_hint: "Enter: 이후   b: 이전/이후",
    after_hint: "b: 이전/이후",
    now: "지금",
    now_hint: "셸이 열려 있는 동안 실시간   b: 이전/이후",
    before_live: "이전: 트리는 바뀌기 직전의 실습 환경을 보여 준다. Enter는 이후를 보여 주고, b는 둘 사이를 오간다.",
    no_moments: "이 단계에는 오갈 이전과 이후가 없다.",
    rows_above: "⋮ 위에 {n}줄 더",
    stopped: "T 멈춤: SIGCONT 전에는 아무것도 답하지 않는다",
    stopped_short: "T 멈춤",
    stopped_waits: "PID 1이 멈춰 있어(상태 T) 실습 환경이 답하지 못한다. 호스트에서 kill -CONT {pid}로 깨우자.",
    key_stage: "무대",
    key_moment: "이전/이후",
    key_to_recorded: "녹화",
    key_to_live: "실제",
    switched_live: "다시 실제 실행, 같은 단계: namespace를 새로 만든다.",
    switched_recorded: "같은 단계의 녹화본을 보여 준다 (R: 실제 실행으로).",
    switched_rerun: "이 단계는 알아서 다시 실행된다.",
    verdict_right: "✓ 답: {choice}, 맞았다.",
    verdict_wrong: "✗ 답: {choice}, 정답: {right}.",
    digit_on_stage: "무대에서는 숫자 키로 확대하지 않는다 (청중이 본다): t는 본문, S는 무대 모드를 끈다.",
    shell_hidden: "셸이 화면에 없어서 그 키는 셸로 보내지 않았다: 창을 키우거나 Ctrl-]로 돌아가자.",
};

impl StageWords {
    pub fn of(lang: Lang) -> &'static StageWords {
        match lang {
            Lang::En => &EN,
            Lang::Ko => &KO,
        }
    }
}
