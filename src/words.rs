//! The TUI's own words (pane titles, hints, notices, help), in both languages of the
//! lesson. The app says its notices with them and the ui draws the rest, so they live
//! beside both rather than in either. The lesson text itself comes from the lesson files.

mod stage;
mod task;

pub use stage::StageWords;

use crate::lang::Lang;
use crate::lesson::Step;
use crate::symbols::Symbols;
pub use task::TaskWords;

/// Every fixed string the panes print.
pub struct Words {
    pub host_title: &'static str,
    pub ns_title: &'static str,
    pub figure_title: &'static str,
    pub code_title: &'static str,
    pub live_title: &'static str,
    pub recorded_title: &'static str,
    /// On the live box's border when it cannot show all its lines, and over the rest of
    /// them at the end of the lesson's text.
    pub live_more: &'static str,
    pub live_rest: &'static str,
    pub enter_hint: &'static str,
    pub rerun_hint: &'static str,
    pub preparing: &'static str,
    pub running: &'static str,
    pub observed: &'static str,
    pub observed_recorded: &'static str,
    pub no_lab: &'static str,
    /// After init-signals ran: why there is no namespace any more.
    pub lab_ended: &'static str,
    /// At the summary: every namespace of the lesson is gone.
    pub lab_gone: &'static str,
    pub leak_note: &'static str,
    pub own_note: &'static str,
    /// Under the note, when the learner's shell sees another /proc than the pane shows.
    pub shell_host_proc: &'static str,
    pub shell_own_proc: &'static str,
    /// `{n}` is replaced by the count.
    pub folded: &'static str,
    pub folded_one: &'static str,
    pub tutor_marker: &'static str,
    /// `{n}` is replaced by the count.
    pub proc_count: &'static str,
    pub proc_count_one: &'static str,
    pub agent_marker: &'static str,
    /// Shorter markers for narrow panes.
    pub tutor_marker_short: &'static str,
    /// The tutor in a recording: a process that ran when it was made, not the viewer.
    pub tutor_marker_recorded: &'static str,
    pub tutor_marker_recorded_short: &'static str,
    /// `{before}` and `{after}`: the orphan's parent inside, before and after.
    pub orphan_ns: &'static str,
    pub orphan_host: &'static str,
    pub orphan_short: &'static str,
    /// After a process that has ended and was not reaped (state Z).
    pub zombie_marker: &'static str,
    pub zombie_short: &'static str,
    pub agent_marker_short: &'static str,
    pub inside: &'static str,
    pub key_step: &'static str,
    pub key_run: &'static str,
    pub key_shell: &'static str,
    pub key_zoom: &'static str,
    /// `1`, while the shell pane leaves the lesson no room.
    pub key_lesson: &'static str,
    pub key_help: &'static str,
    pub key_quit: &'static str,
    /// `{last}` (here and in `goto_range`, `help`) is the last step's number: see
    /// `Words::numbered`.
    pub goto_prompt: &'static str,
    pub goto_range: &'static str,
    pub shell_recorded: &'static str,
    pub shell_no_lab: &'static str,
    pub confirm_title: &'static str,
    pub confirm_text: &'static [&'static str],
    /// Before a run that ends the lab while the step's task is not done.
    pub teardown_title: &'static str,
    pub teardown_text: &'static [&'static str],
    /// The run not made: the task first.
    pub teardown_kept: &'static str,
    pub help_title: &'static str,
    /// After the help's title when it does not fit the screen.
    pub help_more: &'static str,
    pub help: &'static [(&'static str, &'static str)],
    pub too_small: &'static str,
    pub busy_preparing: &'static str,
    pub busy_running: &'static str,
    /// In the code pane, for a step newpid.c has no lines for.
    pub code_no_lines: &'static str,
    /// Second chapter: over the namespace tree before its experiment ran, and over the
    /// still of its key moment afterwards.
    pub experiment_ready: &'static str,
    /// The same without the key, where no key can be pressed (a cast).
    pub experiment_next: &'static str,
    pub experiment_still: &'static str,
    /// In the code pane, for an experiment's step.
    pub code_experiment: &'static str,
    /// The joining step's joined process, in the host's tree and in the namespace's.
    pub joined_host: &'static str,
    pub joined_ns: &'static str,
    pub joined_short: &'static str,
    /// The shell pane (see `ui::shell`).
    pub shell: ShellWords,
}

/// The shell pane's words.
pub struct ShellWords {
    pub title: &'static str,
    /// In the title while the pane has the keyboard.
    pub back: &'static str,
    /// In the title while it has not.
    pub type_here: &'static str,
    pub starting: &'static str,
    /// Before the step's `try:` line.
    pub try_label: &'static str,
    /// For a step without a `try:` line.
    pub try_default: &'static str,
    pub restarted: &'static str,
    /// `{n}`: the signal's number.
    pub killed: &'static str,
    pub gone: &'static str,
    /// `{why}`: the reason.
    pub failed: &'static str,
    /// `{w}`, `{h}`: the least size; `{aw}`, `{ah}`: what there is.
    pub too_small: &'static str,
    /// `{n}`: lines scrolled back.
    pub scrolled: &'static str,
    /// The status bar while the pane has the keyboard (`_lesson`: and the lesson has no
    /// room beside it).
    pub status: &'static str,
    pub status_lesson: &'static str,
    /// Tree markers: the learner's shell, a process new since the last look, one whose
    /// parent just changed (long and short forms).
    pub marker: &'static str,
    pub marker_short: &'static str,
    pub new_marker: &'static str,
    pub reparented_marker: &'static str,
    pub reparented_short: &'static str,
}

pub const EN: Words = Words {
    host_title: "host: the tutor's /proc",
    ns_title: "inside: PID 1's /proc",
    figure_title: "the post's figure",
    code_title: "newpid.c",
    code_no_lines: "(not in newpid.c: the agent does this step; see nix)",
    experiment_ready: "Press Enter: the experiment runs in a throwaway namespace, and both trees show its key moment.",
    experiment_next: "Next, the experiment runs in a throwaway namespace, and both trees show its key moment.",
    experiment_still: "The experiment's key moment, held on screen: its processes have ended since.",
    code_experiment: "(not in newpid.c: an experiment in a throwaway namespace does this step; see nix)",
    joined_host: "◀ joined via setns()",
    joined_ns: "◀ joined: PPID 0",
    joined_short: "◀ joined",
    live_title: "live",
    recorded_title: "recorded",
    live_more: "↓ the rest at the end of the lesson",
    live_rest: "The live box, continued:",
    enter_hint: "Press Enter to run it:",
    rerun_hint: "Enter tries again; ← and → rebuild the namespace for a step.",
    preparing: "Preparing the namespace for this step…",
    running: "Running…",
    observed: "Observed just now:",
    observed_recorded: "Observed when it was recorded:",
    no_lab: "No namespace right now. Step 4 (clone) makes one: go there and press Enter.",
    lab_ended: "The namespace is gone: the host killed its PID 1, and the kernel ended every process in it.",
    lab_gone: "Every namespace of the lesson has been torn down; Enter scans /proc for anything left in them.",
    leak_note: "! This /proc is the host's: the namespace sees the host's tree (the leak).",
    own_note: "Own /proc: only the namespace's processes.",
    shell_host_proc: "! Your shell still sees the host's /proc: its ps lists the host's processes until you mount a proc in it.",
    shell_own_proc: "Your shell has its own /proc: its ps lists only the namespace's processes.",
    folded: "… {n} other processes",
    folded_one: "… 1 other process",
    tutor_marker: "◀ tutor (you)",
    proc_count: "{n} processes in this /proc",
    proc_count_one: "1 process in this /proc",
    agent_marker: "◀ PID 1 inside",
    tutor_marker_short: "◀ you",
    tutor_marker_recorded: "◀ the tutor",
    tutor_marker_recorded_short: "◀ tutor",
    orphan_ns: "◀ orphan: parent {before} → {after}",
    orphan_host: "◀ orphan, adopted by the agent",
    orphan_short: "◀ orphan",
    zombie_marker: "◀ zombie (Z): ended, not reaped",
    zombie_short: "◀ zombie",
    agent_marker_short: "◀ PID 1",
    inside: "inside:",
    key_step: "step",
    key_run: "run",
    key_shell: "shell",
    key_zoom: "zoom",
    key_lesson: "lesson",
    key_help: "help",
    key_quit: "quit",
    goto_prompt: "go to step (1-{last}), Enter: ",
    goto_range: "Steps are numbered 1 to {last}.",
    shell_recorded: "A recording has no live namespace to open a shell in.",
    shell_no_lab: "No namespace right now: go to step 4 (clone) and press Enter first.",
    confirm_title: "shell inside the namespace",
    confirm_text: &[
        "A real interactive shell opens beside the trees, as a process of",
        "the lab's PID namespace (a child of its PID 1), in a mount",
        "namespace of its own: mounts made in that namespace stay there.",
        "",
        "It is still ROOT ON THE HOST: only PIDs, the hostname (UTS) and",
        "IPC are the lab's. Files, network and users are the host's, and",
        "root can still enter the host's namespaces (nsenter): a mount",
        "made after that is the host's.",
        "",
        "Ctrl-] gives the keys back to the lesson; `exit` closes the pane.",
        "",
        "Enter/y: open it    Esc/n: cancel",
    ],
    teardown_title: "this run ends the lab",
    teardown_text: &[
        "Running this step kills the namespace's PID 1 from the host: the",
        "namespace ends, and your shell in it with it.",
        "",
        "Your guess is kept. The task here is not done yet, and it needs",
        "that shell: do the task first, then press Enter again.",
        "",
        "Enter/y: run it now    Esc/n: do the task first",
    ],
    teardown_kept: "Not run: do the task in the shell first, then Enter.",
    help_title: "keys",
    help_more: "↑ ↓ for more",
    help: &[
        ("→ l n Space", "next step"),
        ("← p", "previous step (rebuilds the namespace)"),
        (
            "Enter",
            "run the step (again); a prediction first; the quiz at the end",
        ),
        (
            "1-4 ↑ ↓ Enter",
            "with a question open: answer it (Esc skips a prediction)",
        ),
        (
            "b",
            "before / after, at a step that has both (Enter: after)",
        ),
        ("g 1-{last} Enter", "jump to a step"),
        ("r", "reset: a fresh namespace, back to step 4"),
        ("P", "clear your saved progress (asks first)"),
        ("s", "shell pane in the lab's namespace (again: focus it)"),
        ("Ctrl-]", "from the shell pane back to the lesson"),
        ("Shift-PgUp PgDn", "scroll the shell pane back and forth"),
        ("h", "the step's task: a hint (again: the solution)"),
        ("a", "type the task's answer (Enter checks, Esc cancels)"),
        ("S F5", "stage mode: both trees full height, lesson hidden"),
        (
            "R",
            "live / recorded, at the same step (a step that ran runs again)",
        ),
        (
            "1 2 3 4",
            "focus lesson, code, host, inside (zooms if hidden; never on stage)",
        ),
        (
            "t",
            "on stage: the lesson's text full screen (t again: the trees)",
        ),
        ("Tab Shift-Tab", "move the focus between panes"),
        ("↑ ↓ PgUp PgDn", "scroll the focused pane"),
        ("mouse", "wheel scrolls the pane under it, click focuses"),
        ("Home End", "top / bottom of the focused pane"),
        ("z Esc", "zoom the focused pane / back"),
        ("f", "fold / unfold unrelated processes"),
        ("L", "switch language (English / Korean)"),
        ("?", "this help (Esc closes)"),
        ("q Ctrl-C", "quit (the namespace is torn down)"),
    ],
    too_small: "Please make the terminal at least 60x16",
    busy_preparing: "preparing…",
    busy_running: "running…",
    shell: ShellWords {
        title: "shell in the lab's namespace",
        back: "Ctrl-] back to the lesson",
        type_here: "s: type here",
        starting: "Starting a shell in the lab…",
        try_label: "Try:",
        try_default: "Type commands: both trees follow the lab's processes as they come and go.",
        restarted: "This step needed a new namespace: this is a new shell in it (the last one went with the old namespace).",
        killed: "The shell was killed by signal {n}. s: a new shell · Esc: close the pane",
        gone: "The namespace is gone, and this shell with it. s: a new shell once a step has a namespace · Esc: close",
        failed: "The shell could not start: {why}. Esc: close the pane",
        too_small: "The shell pane needs {w}x{h} here (now {aw}x{ah}): make the window larger. The shell keeps running, but no key goes to it until it shows; Ctrl-] returns to the lesson.",
        scrolled: "{n} lines back · Shift-PgDn",
        status: "keys go to the shell · Ctrl-] back to the lesson · exit closes the pane",
        status_lesson: "keys go to the shell · Ctrl-] then 1: the lesson · exit closes the pane",
        marker: "◀ your shell",
        marker_short: "◀ shell",
        new_marker: "+ new",
        reparented_marker: "↱ new parent",
        reparented_short: "↱ moved",
    },
};

pub const KO: Words = Words {
    host_title: "호스트: 튜터의 /proc",
    ns_title: "안쪽: PID 1의 /proc",
    figure_title: "원글의 그림",
    code_title: "newpid.c",
    code_no_lines: "(newpid.c에는 없는 단계: 에이전트가 한다. nix 참고)",
    experiment_ready: "Enter를 누르면 일회용 namespace에서 실험이 돌고, 두 트리에 그 핵심 순간이 보인다.",
    experiment_next: "이제 일회용 namespace에서 실험이 돌고, 두 트리에 그 핵심 순간이 보인다.",
    experiment_still: "실험의 핵심 순간을 멈춰 보여 준다. 그 프로세스들은 이미 끝났다.",
    code_experiment: "(newpid.c에는 없는 단계: 일회용 namespace의 실험이 한다. nix 참고)",
    joined_host: "◀ setns()로 들어옴",
    joined_ns: "◀ 들어옴: PPID 0",
    joined_short: "◀ 들어옴",
    live_title: "실제 실행",
    recorded_title: "녹화",
    live_more: "↓ 나머지는 본문 끝에",
    live_rest: "실제 실행 상자의 나머지:",
    enter_hint: "Enter를 누르면 실행한다:",
    rerun_hint: "Enter로 다시 시도한다. ←, →로 단계를 옮기면 namespace를 다시 만든다.",
    preparing: "이 단계를 위해 namespace를 준비하는 중…",
    running: "실행 중…",
    observed: "방금 관찰한 것:",
    observed_recorded: "녹화할 때 관찰한 것:",
    no_lab: "지금은 namespace가 없다. 4단계(clone)에서 Enter를 누르면 만들어진다.",
    lab_ended: "namespace는 사라졌다. 호스트가 그 PID 1을 죽이자 커널이 안의 프로세스를 모두 끝냈다.",
    lab_gone: "이 실습에서 만든 namespace는 모두 정리했다. Enter를 누르면 그 안에 남은 프로세스가 있는지 /proc을 훑어 확인한다.",
    leak_note: "! 이 /proc은 호스트의 것이다: namespace가 호스트의 트리를 본다(누수).",
    own_note: "자기 /proc: namespace의 프로세스만 보인다.",
    shell_host_proc: "! 네 셸은 아직 호스트의 /proc을 본다: 셸에서 proc을 mount하기 전까지 셸의 ps는 호스트의 프로세스를 보여 준다.",
    shell_own_proc: "네 셸은 자기 /proc을 본다: 셸의 ps는 namespace의 프로세스만 보여 준다.",
    folded: "… 그 밖의 프로세스 {n}개",
    folded_one: "… 그 밖의 프로세스 1개",
    tutor_marker: "◀ 튜터(나)",
    proc_count: "이 /proc의 프로세스 {n}개",
    proc_count_one: "이 /proc의 프로세스 1개",
    agent_marker: "◀ 안에서는 PID 1",
    tutor_marker_short: "◀ 나",
    tutor_marker_recorded: "◀ 튜터",
    tutor_marker_recorded_short: "◀ 튜터",
    orphan_ns: "◀ 고아: 부모 {before} → {after}",
    orphan_host: "◀ 고아, 에이전트가 입양",
    orphan_short: "◀ 고아",
    zombie_marker: "◀ 좀비(Z): 끝났지만 회수되지 않음",
    zombie_short: "◀ 좀비",
    agent_marker_short: "◀ PID 1",
    inside: "안쪽:",
    key_step: "단계",
    key_run: "실행",
    key_shell: "셸",
    key_zoom: "확대",
    key_lesson: "본문",
    key_help: "도움말",
    key_quit: "종료",
    goto_prompt: "이동할 단계 (1-{last}), Enter: ",
    goto_range: "단계 번호는 1부터 {last}까지다.",
    shell_recorded: "녹화본에는 셸을 열 실제 namespace가 없다.",
    shell_no_lab: "지금은 namespace가 없다: 먼저 4단계(clone)에서 Enter를 누르자.",
    confirm_title: "namespace 안의 셸",
    confirm_text: &[
        "트리 옆에 실제 대화형 셸이 열린다. 실습 PID namespace의",
        "프로세스(그 PID 1의 자식)이고, 자기만의 mount namespace에 있다:",
        "그 namespace 안에서 한 mount는 거기에만 남는다.",
        "",
        "이 셸은 여전히 호스트의 ROOT다: PID, 호스트 이름(UTS), IPC만",
        "실습의 것이다. 파일, 네트워크, 사용자는 호스트와 같고, root는",
        "호스트의 namespace에 들어갈 수 있다(nsenter): 그 뒤에 한 mount는",
        "호스트의 것이다.",
        "",
        "Ctrl-]는 키를 본문 창에 돌려주고, `exit`는 창을 닫는다.",
        "",
        "Enter/y: 열기    Esc/n: 취소",
    ],
    teardown_title: "이 실행은 실습을 끝낸다",
    teardown_text: &[
        "이 단계를 실행하면 호스트에서 namespace의 PID 1을 죽인다:",
        "namespace가 끝나고, 그 안의 셸도 함께 끝난다.",
        "",
        "예측은 기록했다. 이 단계의 과제가 아직 끝나지 않았고, 과제에는",
        "그 셸이 필요하다. 과제를 먼저 하고 Enter를 다시 누르자.",
        "",
        "Enter/y: 지금 실행    Esc/n: 과제 먼저",
    ],
    teardown_kept: "실행하지 않았다: 셸에서 과제를 먼저 하고 Enter.",
    help_title: "키",
    help_more: "↑ ↓ 더 보기",
    help: &[
        ("→ l n Space", "다음 단계"),
        ("← p", "이전 단계 (namespace를 다시 만든다)"),
        ("Enter", "단계 실행 (다시 실행), 먼저 예측, 끝에는 퀴즈"),
        (
            "1-4 ↑ ↓ Enter",
            "질문이 열려 있을 때: 답하기 (Esc: 예측 건너뛰기)",
        ),
        ("b", "이전 / 이후 (둘 다 있는 단계에서, Enter: 이후)"),
        ("g 1-{last} Enter", "단계로 이동"),
        ("r", "초기화: 새 namespace, 4단계로"),
        ("P", "저장된 진행 상황 지우기 (먼저 묻는다)"),
        ("s", "실습 namespace 안의 셸 창 (다시: 창으로 포커스)"),
        ("Ctrl-]", "셸 창에서 본문 창으로 돌아오기"),
        ("Shift-PgUp PgDn", "셸 창 스크롤"),
        ("h", "단계의 과제: 힌트 (한 번 더: 풀이)"),
        ("a", "과제의 답 입력 (Enter: 확인, Esc: 취소)"),
        ("S F5", "무대 모드: 두 트리를 크게, 본문 창은 숨김"),
        (
            "R",
            "실제 실행 / 녹화, 같은 단계에서 (실행한 단계는 다시 실행)",
        ),
        ("t", "무대에서: 본문을 전체 화면으로 (t 다시: 트리)"),
        (
            "1 2 3 4",
            "본문, 코드, 호스트, 안쪽 창에 포커스 (숨었으면 확대, 무대에서는 안 함)",
        ),
        ("Tab Shift-Tab", "창 사이 포커스 이동"),
        ("↑ ↓ PgUp PgDn", "포커스된 창 스크롤"),
        ("마우스", "휠: 그 아래 창 스크롤, 클릭: 포커스"),
        ("Home End", "포커스된 창의 처음 / 끝"),
        ("z Esc", "포커스된 창 확대 / 되돌리기"),
        ("f", "관련 없는 프로세스 접기 / 펼치기"),
        ("L", "언어 전환 (English / 한국어)"),
        ("?", "이 도움말 (Esc로 닫기)"),
        ("q Ctrl-C", "종료 (namespace는 정리된다)"),
    ],
    too_small: "터미널을 60x16 이상으로 키워 주세요",
    busy_preparing: "준비 중…",
    busy_running: "실행 중…",
    shell: ShellWords {
        title: "실습 namespace 안의 셸",
        back: "Ctrl-]: 본문 창으로",
        type_here: "s: 여기에 입력",
        starting: "실습 namespace 안에서 셸을 시작하는 중…",
        try_label: "해 볼 것:",
        try_default: "명령을 입력해 보자: 두 트리가 실습의 프로세스가 생기고 사라지는 것을 따라간다.",
        restarted: "이 단계는 새 namespace가 필요했다: 그 안의 새 셸이다 (이전 셸은 이전 namespace와 함께 사라졌다).",
        killed: "셸이 시그널 {n}으로 죽었다. s: 새 셸 · Esc: 창 닫기",
        gone: "namespace가 사라졌고 이 셸도 함께 사라졌다. s: namespace가 있는 단계에서 새 셸 · Esc: 닫기",
        failed: "셸을 시작하지 못했다: {why}. Esc: 창 닫기",
        too_small: "셸 창에는 {w}x{h}가 필요하다 (지금 {aw}x{ah}): 창을 키우자. 셸은 계속 돌지만, 보일 때까지 키는 셸로 가지 않는다. Ctrl-]로 본문 창에 돌아간다.",
        scrolled: "{n}줄 위 · Shift-PgDn",
        status: "키는 셸로 간다 · Ctrl-]: 본문 창으로 · exit: 창 닫기",
        status_lesson: "키는 셸로 간다 · Ctrl-] 다음 1: 본문 창 · exit: 창 닫기",
        marker: "◀ 내 셸",
        marker_short: "◀ 셸",
        new_marker: "+ 새로",
        reparented_marker: "↱ 새 부모",
        reparented_short: "↱ 이동",
    },
};

impl Words {
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::En => &EN,
            Lang::Ko => &KO,
        }
    }

    /// The task panel's words.
    pub fn task(lang: Lang) -> &'static TaskWords {
        match lang {
            Lang::En => &task::EN,
            Lang::Ko => &task::KO,
        }
    }

    /// The words of stage mode and of the story-telling trees.
    pub fn stage(lang: Lang) -> &'static StageWords {
        StageWords::of(lang)
    }

    /// `text` with `{last}` replaced by the number of the lesson's last step.
    pub fn numbered(text: &str) -> String {
        crate::i18n::fill_with(text, &[("last", Step::COUNT.to_string())])
    }

    pub fn folded_text(&self, count: usize, symbols: &Symbols) -> String {
        let text = if count == 1 {
            self.folded_one.to_string()
        } else {
            crate::i18n::fill_with(self.folded, &[("n", count.to_string())])
        };
        text.replace('…', symbols.ellipsis)
    }
}
