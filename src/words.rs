//! The TUI's own words (pane titles, hints, notices, help), in both languages of the
//! lesson. The app says its notices with them and the ui draws the rest, so they live
//! beside both rather than in either. The lesson text itself comes from the lesson files.

use crate::lang::Lang;
use crate::lesson::Step;

/// Every fixed string the panes print.
pub struct Words {
    pub host_title: &'static str,
    pub ns_title: &'static str,
    pub figure_title: &'static str,
    pub code_title: &'static str,
    pub live_title: &'static str,
    pub recorded_title: &'static str,
    pub enter_hint: &'static str,
    pub rerun_hint: &'static str,
    pub preparing: &'static str,
    pub running: &'static str,
    pub in_shell: &'static str,
    pub observed: &'static str,
    pub observed_recorded: &'static str,
    pub no_lab: &'static str,
    /// After init-signals ran: why there is no namespace any more.
    pub lab_ended: &'static str,
    /// At the summary: every namespace of the lesson is gone.
    pub lab_gone: &'static str,
    pub leak_note: &'static str,
    pub own_note: &'static str,
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
    /// `{before}` and `{after}`: the orphan's parent inside, before and after.
    pub orphan_ns: &'static str,
    pub orphan_host: &'static str,
    pub orphan_short: &'static str,
    pub agent_marker_short: &'static str,
    pub inside: &'static str,
    pub key_step: &'static str,
    pub key_run: &'static str,
    pub key_shell: &'static str,
    pub key_zoom: &'static str,
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
    pub help_title: &'static str,
    pub help: &'static [(&'static str, &'static str)],
    pub too_small: &'static str,
    pub busy_preparing: &'static str,
    pub busy_running: &'static str,
    /// In the code pane, for a step newpid.c has no lines for.
    pub code_no_lines: &'static str,
    /// Second chapter: over the namespace tree before its experiment ran, and over the
    /// still of its key moment afterwards.
    pub experiment_ready: &'static str,
    pub experiment_still: &'static str,
    /// In the code pane, for an experiment's step.
    pub code_experiment: &'static str,
    /// The joining step's joined process, in the host's tree and in the namespace's.
    pub joined_host: &'static str,
    pub joined_ns: &'static str,
    pub joined_short: &'static str,
}

pub const EN: Words = Words {
    host_title: "host: the tutor's /proc",
    ns_title: "inside: /proc as the namespace sees it",
    figure_title: "the post's figure",
    code_title: "newpid.c",
    code_no_lines: "(not in newpid.c: the agent does this step; see nix)",
    experiment_ready: "Press Enter: the experiment runs in a throwaway namespace, and both trees show its key moment.",
    experiment_still: "The experiment's key moment, held on screen: its processes have ended since.",
    code_experiment: "(not in newpid.c: an experiment in a throwaway namespace does this step; see nix)",
    joined_host: "◀ joined via setns()",
    joined_ns: "◀ joined: PPID 0",
    joined_short: "◀ joined",
    live_title: "live",
    recorded_title: "recorded",
    enter_hint: "Press Enter to run it:",
    rerun_hint: "Enter tries again; ← and → rebuild the namespace for a step.",
    preparing: "Preparing the namespace for this step…",
    running: "Running…",
    in_shell: "A shell is open inside the namespace.",
    observed: "Observed just now:",
    observed_recorded: "Observed when it was recorded:",
    no_lab: "No namespace right now. Step 4 (clone) makes one: go there and press Enter.",
    lab_ended: "The namespace is gone: the host killed its PID 1, and the kernel ended every process in it.",
    lab_gone: "Every namespace of the lesson has been torn down; Enter scans /proc for anything left in them.",
    leak_note: "! This /proc is the host's: the namespace sees the host's tree (the leak).",
    own_note: "Own /proc: only the namespace's processes.",
    folded: "… {n} other processes",
    folded_one: "… 1 other process",
    tutor_marker: "◀ tutor (you)",
    proc_count: "{n} processes in this /proc",
    proc_count_one: "1 process in this /proc",
    agent_marker: "◀ PID 1 inside",
    tutor_marker_short: "◀ you",
    orphan_ns: "◀ orphan: parent {before} → {after}",
    orphan_host: "◀ orphan, adopted by the agent",
    orphan_short: "◀ orphan",
    agent_marker_short: "◀ PID 1",
    inside: "inside:",
    key_step: "step",
    key_run: "run",
    key_shell: "shell",
    key_zoom: "zoom",
    key_help: "help",
    key_quit: "quit",
    goto_prompt: "go to step (1-{last}), Enter: ",
    goto_range: "Steps are numbered 1 to {last}.",
    shell_recorded: "A recording has no live namespace to open a shell in.",
    shell_no_lab: "No namespace right now: go to step 4 (clone) and press Enter first.",
    confirm_title: "shell inside the namespace",
    confirm_text: &[
        "You get a real interactive shell as PID 1 of a new PID namespace.",
        "Try: echo $$   kill -9 <tutor pid>   pstree -p   hostname",
        "",
        "It is still ROOT ON THE HOST: only PIDs, the hostname (UTS) and",
        "IPC are isolated (and, from step 8, its own /proc). Files,",
        "network and users are the host's.",
        "",
        "Type `exit` to come back here.",
        "",
        "Enter/y: open it    Esc/n: cancel",
    ],
    help_title: "keys",
    help: &[
        ("→ l n Space", "next step"),
        ("← h p", "previous step (rebuilds the namespace)"),
        ("Enter", "run the step (again)"),
        ("g 1-{last} Enter", "jump to a step"),
        ("r", "reset: a fresh namespace, back to step 4"),
        ("s", "open a shell inside the namespace"),
        ("Tab Shift-Tab", "move the focus between panes"),
        ("↑ ↓ PgUp PgDn", "scroll the focused pane"),
        ("mouse", "wheel scrolls the pane under it, click focuses"),
        ("Home End", "top / bottom of the focused pane"),
        ("z Esc", "zoom the focused pane / back"),
        ("f", "fold / unfold unrelated processes"),
        ("L", "switch language (English / 한국어)"),
        ("?", "this help (Esc closes)"),
        ("q Ctrl-C", "quit (the namespace is torn down)"),
    ],
    too_small: "Please make the terminal at least 60x16",
    busy_preparing: "preparing…",
    busy_running: "running…",
};

pub const KO: Words = Words {
    host_title: "호스트: 튜터의 /proc",
    ns_title: "안쪽: namespace가 보는 /proc",
    figure_title: "원글의 그림",
    code_title: "newpid.c",
    code_no_lines: "(newpid.c에는 없는 단계: 에이전트가 한다. nix 참고)",
    experiment_ready: "Enter를 누르면 일회용 namespace에서 실험이 돌고, 두 트리에 그 핵심 순간이 보인다.",
    experiment_still: "실험의 핵심 순간을 멈춰 보여 준다. 그 프로세스들은 이미 끝났다.",
    code_experiment: "(newpid.c에는 없는 단계: 일회용 namespace의 실험이 한다. nix 참고)",
    joined_host: "◀ setns()로 들어옴",
    joined_ns: "◀ 들어옴: PPID 0",
    joined_short: "◀ 들어옴",
    live_title: "실제 실행",
    recorded_title: "녹화",
    enter_hint: "Enter를 누르면 실행한다:",
    rerun_hint: "Enter로 다시 시도한다. ←, →로 단계를 옮기면 namespace를 다시 만든다.",
    preparing: "이 단계를 위해 namespace를 준비하는 중…",
    running: "실행 중…",
    in_shell: "namespace 안에서 셸이 열려 있다.",
    observed: "방금 관찰한 것:",
    observed_recorded: "녹화할 때 관찰한 것:",
    no_lab: "지금은 namespace가 없다. 4단계(clone)에서 Enter를 누르면 만들어진다.",
    lab_ended: "namespace는 사라졌다. 호스트가 그 PID 1을 죽이자 커널이 안의 프로세스를 모두 끝냈다.",
    lab_gone: "이 실습에서 만든 namespace는 모두 정리했다. Enter를 누르면 그 안에 남은 프로세스가 있는지 /proc을 훑어 확인한다.",
    leak_note: "! 이 /proc은 호스트의 것이다: namespace가 호스트의 트리를 본다(누출).",
    own_note: "자기 /proc: namespace의 프로세스만 보인다.",
    folded: "… 그 밖의 프로세스 {n}개",
    folded_one: "… 그 밖의 프로세스 1개",
    tutor_marker: "◀ 튜터(나)",
    proc_count: "이 /proc의 프로세스 {n}개",
    proc_count_one: "이 /proc의 프로세스 1개",
    agent_marker: "◀ 안에서는 PID 1",
    tutor_marker_short: "◀ 나",
    orphan_ns: "◀ 고아: 부모 {before} → {after}",
    orphan_host: "◀ 고아, 에이전트가 입양",
    orphan_short: "◀ 고아",
    agent_marker_short: "◀ PID 1",
    inside: "안쪽:",
    key_step: "단계",
    key_run: "실행",
    key_shell: "셸",
    key_zoom: "확대",
    key_help: "도움말",
    key_quit: "종료",
    goto_prompt: "이동할 단계 (1-{last}), Enter: ",
    goto_range: "단계 번호는 1부터 {last}까지다.",
    shell_recorded: "녹화본에는 셸을 열 실제 namespace가 없다.",
    shell_no_lab: "지금은 namespace가 없다: 먼저 4단계(clone)에서 Enter를 누르자.",
    confirm_title: "namespace 안의 셸",
    confirm_text: &[
        "새 PID namespace의 PID 1로 실제 대화형 셸이 열린다.",
        "해 볼 것: echo $$   kill -9 <튜터 pid>   pstree -p   hostname",
        "",
        "이 셸은 여전히 호스트의 ROOT다: PID, 호스트 이름(UTS),",
        "IPC만 격리된다(8단계부터는 자기 /proc도). 파일, 네트워크,",
        "사용자는 호스트와 같다.",
        "",
        "`exit`를 입력하면 여기로 돌아온다.",
        "",
        "Enter/y: 열기    Esc/n: 취소",
    ],
    help_title: "키",
    help: &[
        ("→ l n Space", "다음 단계"),
        ("← h p", "이전 단계 (namespace를 다시 만든다)"),
        ("Enter", "단계 실행 (다시 실행)"),
        ("g 1-{last} Enter", "단계로 이동"),
        ("r", "초기화: 새 namespace, 4단계로"),
        ("s", "namespace 안에서 셸 열기"),
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
};

impl Words {
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::En => &EN,
            Lang::Ko => &KO,
        }
    }

    /// `text` with `{last}` replaced by the number of the lesson's last step.
    pub fn numbered(text: &str) -> String {
        text.replace("{last}", &Step::COUNT.to_string())
    }

    pub fn folded_text(&self, count: usize, ascii: bool) -> String {
        let text = if count == 1 {
            self.folded_one.to_string()
        } else {
            self.folded.replace("{n}", &count.to_string())
        };
        if ascii {
            text.replace('…', "...")
        } else {
            text
        }
    }
}
