//! The panes' own words: their titles, the live box, and what the lesson and the trees say
//! about the lab as a whole.

use crate::i18n::Tr;

pub const HOST_TITLE: Tr = Tr {
    en: "host: the tutor's /proc",
    ko: "호스트: 튜터의 /proc",
};

pub const NS_TITLE: Tr = Tr {
    en: "inside: PID 1's /proc",
    ko: "안쪽: PID 1의 /proc",
};

pub const FIGURE_TITLE: Tr = Tr {
    en: "the post's figure",
    ko: "원글의 그림",
};

/// The post's figure: the outer box, the inner box, the note on 6(1), the caption.
pub const FIGURE_HOST: Tr = Tr {
    en: "host PID namespace",
    ko: "호스트 PID namespace",
};

pub const FIGURE_NEW: Tr = Tr {
    en: "new PID namespace",
    ko: "새 PID namespace",
};

pub const FIGURE_NOTE: Tr = Tr {
    en: "6 out here, 1 in here",
    ko: "밖에서는 6, 안에서는 1",
};

pub const FIGURE_CAPTION: Tr = Tr {
    en: "Inside, 6 is PID 1 and numbers its children 2, 3, 4; the host still calls them 7, 8, 9. If 8(3) dies, 9(4) is adopted by 6(1).",
    ko: "안에서 6은 PID 1이고 자식에게 2, 3, 4를 붙인다. 호스트는 여전히 7, 8, 9라고 부른다. 8(3)이 죽으면 9(4)는 6(1)이 입양한다.",
};

pub const CODE_TITLE: Tr = Tr {
    en: "newpid.c",
    ko: "newpid.c",
};

pub const LIVE_TITLE: Tr = Tr {
    en: "live",
    ko: "실제 실행",
};

pub const RECORDED_TITLE: Tr = Tr {
    en: "recorded",
    ko: "녹화",
};

/// On the live box's border when it cannot show all its lines, and over the rest of
/// them at the end of the lesson's text.
pub const LIVE_MORE: Tr = Tr {
    en: "↓ the rest at the end of the lesson",
    ko: "↓ 나머지는 본문 끝에",
};

pub const LIVE_REST: Tr = Tr {
    en: "The live box, continued:",
    ko: "실제 실행 상자의 나머지:",
};

pub const ENTER_HINT: Tr = Tr {
    en: "Press Enter to run it:",
    ko: "Enter를 누르면 실행한다:",
};

pub const RERUN_HINT: Tr = Tr {
    en: "Enter tries again; ← and → rebuild the namespace for a step.",
    ko: "Enter로 다시 시도한다. ←, →로 단계를 옮기면 namespace를 다시 만든다.",
};

pub const PREPARING: Tr = Tr {
    en: "Preparing the namespace for this step…",
    ko: "이 단계를 위해 namespace를 준비하는 중…",
};

pub const RUNNING: Tr = Tr {
    en: "Running…",
    ko: "실행 중…",
};

pub const OBSERVED: Tr = Tr {
    en: "Observed just now:",
    ko: "방금 관찰한 것:",
};

pub const OBSERVED_RECORDED: Tr = Tr {
    en: "Observed when it was recorded:",
    ko: "녹화할 때 관찰한 것:",
};

pub const NO_LAB: Tr = Tr {
    en: "No namespace right now. Step 4 (clone) makes one: go there and press Enter.",
    ko: "지금은 namespace가 없다. 4단계(clone)에서 Enter를 누르면 만들어진다.",
};

/// After init-signals ran: why there is no namespace any more.
pub const LAB_ENDED: Tr = Tr {
    en: "The namespace is gone: the host killed its PID 1, and the kernel ended every process in it.",
    ko: "namespace는 사라졌다. 호스트가 그 PID 1을 죽이자 커널이 안의 프로세스를 모두 끝냈다.",
};

/// At the summary: every namespace of the lesson is gone.
pub const LAB_GONE: Tr = Tr {
    en: "Every namespace of the lesson has been torn down; Enter scans /proc for anything left in them.",
    ko: "이 실습에서 만든 namespace는 모두 정리했다. Enter를 누르면 그 안에 남은 프로세스가 있는지 /proc을 훑어 확인한다.",
};

pub const LEAK_NOTE: Tr = Tr {
    en: "! This /proc is the host's: the namespace sees the host's tree (the leak).",
    ko: "! 이 /proc은 호스트의 것이다: namespace가 호스트의 트리를 본다(누수).",
};

pub const OWN_NOTE: Tr = Tr {
    en: "Own /proc: only the namespace's processes.",
    ko: "자기 /proc: namespace의 프로세스만 보인다.",
};

/// Under the note, when the learner's shell sees another /proc than the pane shows.
pub const SHELL_HOST_PROC: Tr = Tr {
    en: "! Your shell still sees the host's /proc: its ps lists the host's processes until you mount a proc in it.",
    ko: "! 네 셸은 아직 호스트의 /proc을 본다: 셸에서 proc을 mount하기 전까지 셸의 ps는 호스트의 프로세스를 보여 준다.",
};

pub const SHELL_OWN_PROC: Tr = Tr {
    en: "Your shell has its own /proc: its ps lists only the namespace's processes.",
    ko: "네 셸은 자기 /proc을 본다: 셸의 ps는 namespace의 프로세스만 보여 준다.",
};

pub const TOO_SMALL: Tr = Tr {
    en: "Please make the terminal at least 60x16",
    ko: "터미널을 60x16 이상으로 키워 주세요",
};

/// In the code pane, for a step newpid.c has no lines for.
pub const CODE_NO_LINES: Tr = Tr {
    en: "(not in newpid.c: the agent does this step; see nix)",
    ko: "(newpid.c에는 없는 단계: 에이전트가 한다. nix 참고)",
};

/// Second chapter: over the namespace tree before its experiment ran, and over the
/// still of its key moment afterwards.
pub const EXPERIMENT_READY: Tr = Tr {
    en: "Press Enter: the experiment runs in a throwaway namespace, and both trees show its key moment.",
    ko: "Enter를 누르면 일회용 namespace에서 실험이 돌고, 두 트리에 그 핵심 순간이 보인다.",
};

/// The same without the key, where no key can be pressed (a cast).
pub const EXPERIMENT_NEXT: Tr = Tr {
    en: "Next, the experiment runs in a throwaway namespace, and both trees show its key moment.",
    ko: "이제 일회용 namespace에서 실험이 돌고, 두 트리에 그 핵심 순간이 보인다.",
};

pub const EXPERIMENT_STILL: Tr = Tr {
    en: "The experiment's key moment, held on screen: its processes have ended since.",
    ko: "실험의 핵심 순간을 멈춰 보여 준다. 그 프로세스들은 이미 끝났다.",
};

/// In the code pane, for an experiment's step.
pub const CODE_EXPERIMENT: Tr = Tr {
    en: "(not in newpid.c: an experiment in a throwaway namespace does this step; see nix)",
    ko: "(newpid.c에는 없는 단계: 일회용 namespace의 실험이 한다. nix 참고)",
};
