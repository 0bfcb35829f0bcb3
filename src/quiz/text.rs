//! Every word the quiz says, English and Korean side by side, so a translator sees both
//! at once: the predictions and `walk --quiz`'s own words here, the summary quiz in
//! `text/summary.rs`. `{name}` is filled in at run time (see `Phrase`); a placeholder that
//! may have no value (a number this run did not observe) stands inside brackets, `(about
//! {n})`, and then the brackets go with it. Choice ids are stable: progress files store
//! them, so never rename one.

/// One sentence in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    pub en: &'static str,
    pub ko: &'static str,
}

/// One choice of a question: a stable id and its words.
#[derive(Clone, Copy, Debug)]
pub struct ChoiceText {
    pub id: &'static str,
    pub text: Tr,
}

/// A question's words: what is asked, the choices in the order shown, and why the right
/// one is right (shown after the answer).
#[derive(Clone, Copy, Debug)]
pub struct QuestionText {
    pub id: &'static str,
    pub prompt: Tr,
    pub choices: &'static [ChoiceText],
    pub why: Tr,
}

/// A summary question: its words and its right choice. These are facts of the kernel
/// (../FACTS.md in the project's docs), the same on every machine; the predictions'
/// answers are decided by the live run instead (`judge.rs`).
#[derive(Clone, Copy, Debug)]
pub struct QuizText {
    pub question: QuestionText,
    pub right: &'static str,
}

const fn c(id: &'static str, en: &'static str, ko: &'static str) -> ChoiceText {
    ChoiceText {
        id,
        text: Tr { en, ko },
    }
}

// ---------------------------------------------------------------------------------------
// Predictions: asked before the step runs; the step's live facts decide the answer.

pub const CLONE: QuestionText = QuestionText {
    id: "clone",
    prompt: Tr {
        en: "The child of clone(CLONE_NEWPID) asks the kernel who it is. What do getpid() and getppid() return inside it?",
        ko: "clone(CLONE_NEWPID)로 만든 자식이 커널에 자기가 누구인지 묻는다. 그 안에서 getpid()와 getppid()는 무엇을 반환할까?",
    },
    choices: &[
        c(
            "host-pids",
            "An ordinary large PID, and the tutor's PID ({tutor_pid})",
            "평범한 큰 PID, 그리고 튜터의 PID({tutor_pid})",
        ),
        c(
            "one-and-tutor",
            "1, and the tutor's PID ({tutor_pid})",
            "1, 그리고 튜터의 PID({tutor_pid})",
        ),
        c("one-and-zero", "1 and 0", "1과 0"),
        c(
            "one-and-one",
            "1 and 1: it is its own parent",
            "1과 1: 자기 자신이 부모",
        ),
    ],
    why: Tr {
        en: "The child is the first process of the new namespace, so it is PID 1 there. Its parent lives outside, where the namespace has no number for it: getppid() says 0.",
        ko: "자식은 새 namespace의 첫 프로세스라서 그 안에서 PID 1이다. 부모는 바깥에 있어서 namespace 안에는 부모를 가리킬 번호가 없다. 그래서 getppid()는 0이다.",
    },
};

pub const KILL_PARENT: QuestionText = QuestionText {
    id: "kill-parent",
    prompt: Tr {
        en: "From inside, the agent calls kill({tutor_pid}, 0) on the tutor, its parent outside the namespace. What does the kernel answer?",
        ko: "안에서 에이전트가 namespace 바깥에 있는 부모, 곧 튜터에게 kill({tutor_pid}, 0)을 호출한다. 커널은 무엇이라고 답할까?",
    },
    choices: &[
        c(
            "success",
            "0: success, the parent is there",
            "0: 성공, 부모가 보인다",
        ),
        c(
            "eperm",
            "EPERM: not allowed to signal it",
            "EPERM: 시그널을 보낼 권한이 없다",
        ),
        c(
            "esrch",
            "ESRCH: no such process",
            "ESRCH: 그런 프로세스가 없다",
        ),
    ],
    why: Tr {
        en: "A PID passed to the kernel is looked up in the caller's own namespace. The tutor has no number in there, so the lookup finds nothing: ESRCH, not a permission problem.",
        ko: "커널에 넘긴 PID는 호출한 프로세스 자신의 namespace에서 찾는다. 튜터는 그 안에 번호가 없으니 아무것도 찾지 못한다. 권한 문제(EPERM)가 아니라 ESRCH다.",
    },
};

pub const PROC_LEAK: QuestionText = QuestionText {
    id: "proc-leak",
    prompt: Tr {
        en: "Before any remount: roughly how many processes will `ps -e` list inside the namespace?",
        ko: "다시 마운트하기 전, namespace 안에서 `ps -e`는 대략 몇 개의 프로세스를 보여 줄까?",
    },
    choices: &[
        c(
            "own",
            "Only the namespace's own: 1, its PID 1",
            "namespace 자신의 것만: PID 1 하나",
        ),
        c(
            "host",
            "All of them: as many as the tutor sees outside the lab (now about {host_count})",
            "전부: 실습 환경 바깥의 튜터가 보는 만큼(지금 약 {host_count}개)",
        ),
        c(
            "none",
            "None: /proc is empty inside",
            "없음: 안에서는 /proc이 비어 있다",
        ),
    ],
    why: Tr {
        en: "ps reads /proc, and this /proc was mounted by the host: it speaks for the host's PID namespace, whoever reads it.",
        ko: "ps는 /proc을 읽는데, 이 /proc은 호스트가 마운트한 것이다. 누가 읽든 호스트의 PID namespace를 보여 준다.",
    },
};

pub const REMOUNT_PROC: QuestionText = QuestionText {
    id: "remount-proc",
    prompt: Tr {
        en: "The agent mounts a fresh proc in a mount namespace of its own. Where will /proc/self point now?",
        ko: "에이전트가 자기만의 mount namespace에 새 proc을 마운트한다. 이제 /proc/self는 어디를 가리킬까?",
    },
    choices: &[
        c(
            "host-pid",
            "Its PID outside the lab, as before ({agent_host_pid})",
            "전과 같이 실습 환경 바깥에서의 PID({agent_host_pid})",
        ),
        c(
            "inside-pid",
            "1: its PID inside the namespace",
            "1: namespace 안에서의 PID",
        ),
        c(
            "missing",
            "Nowhere: /proc/self is missing",
            "아무 데도: /proc/self가 없다",
        ),
    ],
    why: Tr {
        en: "A proc mount speaks for the PID namespace of whoever mounted it. Mounted from inside, it numbers processes as the namespace does.",
        ko: "proc 마운트는 그것을 마운트한 프로세스의 PID namespace를 보여 준다. 안에서 마운트하면 namespace가 매긴 번호로 프로세스를 보여 준다.",
    },
};

pub const ORPHAN_REAPING: QuestionText = QuestionText {
    id: "orphan-reaping",
    prompt: Tr {
        en: "The agent starts demo-a, demo-b, demo-c (each the child of the one before) and kills demo-b. Who adopts the orphan demo-c?",
        ko: "에이전트가 demo-a, demo-b, demo-c를 (각각 앞 프로세스의 자식으로) 띄우고 demo-b를 죽인다. 고아가 된 demo-c는 누가 입양할까?",
    },
    choices: &[
        c(
            "host-init",
            "PID 1 outside the lab (the init above it)",
            "실습 환경 바깥의 PID 1(위쪽의 init)",
        ),
        c("grandparent", "demo-a, its grandparent", "조부모인 demo-a"),
        c(
            "ns-init",
            "The namespace's PID 1, the agent",
            "namespace의 PID 1인 에이전트",
        ),
        c(
            "nobody",
            "Nobody: it dies with its parent",
            "아무도: 부모와 함께 죽는다",
        ),
    ],
    why: Tr {
        en: "An orphan goes to the nearest subreaper above it, or else to the PID 1 of its own namespace. The search never leaves the namespace.",
        ko: "고아는 위쪽에서 가장 가까운 subreaper에게, 없으면 자기 namespace의 PID 1에게 간다. 그 탐색은 namespace 밖으로 나가지 않는다.",
    },
};

pub const INIT_SIGNALS: QuestionText = QuestionText {
    id: "init-signals",
    prompt: Tr {
        en: "A process inside sends kill(1, SIGKILL) to the namespace's PID 1, which has no handler for it. What happens?",
        ko: "안의 프로세스가 namespace의 PID 1에게 kill(1, SIGKILL)을 보낸다. PID 1에는 이 시그널의 핸들러가 없다. 어떻게 될까?",
    },
    choices: &[
        c(
            "dies",
            "PID 1 dies, and the namespace with it",
            "PID 1이 죽고 namespace도 함께 끝난다",
        ),
        c(
            "eperm",
            "kill fails with EPERM",
            "kill이 EPERM으로 실패한다",
        ),
        c(
            "ignored",
            "kill returns 0, and nothing happens",
            "kill은 0을 반환하고 아무 일도 없다",
        ),
        c("esrch", "kill fails with ESRCH", "kill이 ESRCH로 실패한다"),
    ],
    why: Tr {
        en: "From inside, PID 1 gets only the signals it installed a handler for. The rest, SIGKILL included, are dropped, and kill() still returns 0.",
        ko: "안에서 보낸 시그널은 PID 1이 핸들러를 설치한 것만 전달된다. SIGKILL을 포함한 나머지는 버려지고, kill()은 그래도 0을 반환한다.",
    },
};

/// What the live run showed, next to the verdict.
pub mod live {
    use super::Tr;

    pub const CLONE: Tr = Tr {
        en: "getpid() = {pid}, getppid() = {ppid}",
        ko: "getpid() = {pid}, getppid() = {ppid}",
    };
    pub const KILL_PARENT: Tr = Tr {
        en: "kill({target}, 0) answered {errno}",
        ko: "kill({target}, 0)의 답은 {errno}",
    };
    pub const PROC_LEAK: Tr = Tr {
        en: "{ns} processes seen inside, {host} seen by the tutor outside the lab",
        ko: "안에서 보인 프로세스 {ns}개, 실습 환경 바깥의 튜터에게는 {host}개",
    };
    pub const REMOUNT_PROC: Tr = Tr {
        en: "/proc/self points to {proc_self}",
        ko: "/proc/self는 {proc_self}를 가리킴",
    };
    pub const REMOUNT_MISSING: Tr = Tr {
        en: "/proc/self could not be read",
        ko: "/proc/self를 읽을 수 없음",
    };
    pub const ORPHAN: Tr = Tr {
        en: "demo-c ({orphan}) had parent {before}, now {after}; seen from outside the lab, its parent is {host_after} and the agent is {agent}",
        ko: "demo-c({orphan})의 부모는 {before}에서 {after}로 바뀜. 실습 환경 바깥에서 보면 부모는 {host_after}, 에이전트는 {agent}",
    };
    pub const INIT_SIGNALS: Tr = Tr {
        en: "kill(1, SIGKILL) returned {result}; PID 1 still answers afterwards: {alive}",
        ko: "kill(1, SIGKILL)의 결과는 {result}. 그 뒤에도 PID 1이 응답하는가: {alive}",
    };
    pub const YES: Tr = Tr {
        en: "yes",
        ko: "예",
    };
    pub const NO: Tr = Tr {
        en: "no",
        ko: "아니요",
    };
}

// The summary quiz lives next door, in `text/summary.rs`; the second chapter's
// predictions in `text/chapter2.rs`; the TUI's words around questions in `text/tui.rs`.
pub mod chapter2;
mod summary;
pub mod tui;
pub use summary::SUMMARY;

// ---------------------------------------------------------------------------------------
// What `walk --quiz` says around the questions.

pub mod words {
    use super::Tr;

    pub const PREDICT: Tr = Tr {
        en: "Predict first:",
        ko: "먼저 예측해 보자:",
    };
    pub const ASK: Tr = Tr {
        en: "Your answer (1-{n}, Enter to skip): ",
        ko: "답 (1-{n}, 건너뛰려면 Enter): ",
    };
    pub const NOT_A_CHOICE: Tr = Tr {
        en: "Type a number from 1 to {n}, or only Enter to skip.",
        ko: "1부터 {n}까지의 숫자를 입력한다. 건너뛰려면 Enter만 누른다.",
    };
    pub const RIGHT: Tr = Tr {
        en: "You said {choice}: right.",
        ko: "답: {choice}. 맞았다.",
    };
    pub const WRONG: Tr = Tr {
        en: "You said {choice}: not this time. The answer: {right}.",
        ko: "답: {choice}. 이번에는 틀렸다. 정답: {right}.",
    };
    pub const SKIPPED: Tr = Tr {
        en: "Skipped. The answer: {right}.",
        ko: "건너뛰었다. 정답: {right}.",
    };
    pub const NOT_ASKED: Tr = Tr {
        en: "The answer: {right}.",
        ko: "정답: {right}.",
    };
    pub const LIVE: Tr = Tr {
        en: "Live: {live}.",
        ko: "실제 실행: {live}.",
    };
    pub const RECORDED: Tr = Tr {
        en: "Recorded: {live}.",
        ko: "녹화: {live}.",
    };
    pub const NO_VERDICT: Tr = Tr {
        en: "This run's facts match none of the choices, so it is not scored.",
        ko: "이번 실행에서 관찰한 사실이 어느 보기와도 맞지 않아 채점하지 않는다.",
    };
    pub const STEP_FAILED: Tr = Tr {
        en: "The step did not run, so there is no live answer.",
        ko: "단계가 실행되지 않아 실제 실행으로 정한 정답이 없다.",
    };
    pub const WHY: Tr = Tr {
        en: "Why: {why}",
        ko: "이유: {why}",
    };
    pub const QUIZ: Tr = Tr {
        en: "Quiz: {n} questions. Each answer shows after yours.",
        ko: "퀴즈: {n}문제. 답한 뒤에 정답이 보인다.",
    };
    pub const QUESTION: Tr = Tr {
        en: "Question {i}/{n}:",
        ko: "문제 {i}/{n}:",
    };
    pub const SCORE: Tr = Tr {
        en: "Score: {right}/{n}. Predictions right: {predicted_right}/{predicted}.",
        ko: "점수: {right}/{n}. 맞힌 예측: {predicted_right}/{predicted}.",
    };
    pub const NO_TTY: Tr = Tr {
        en: "stdin is not a terminal, so walk --quiz asks nothing: each question is shown with its answer, and no progress is saved",
        ko: "표준 입력이 터미널이 아니어서 walk --quiz는 묻지 않는다. 문제마다 정답을 함께 보여 주고, 진행 상황은 저장하지 않는다",
    };
}
