//! The second chapter's predictions (fork-needed, nesting, joining, init-death,
//! signals-from-outside) and their live values, English and Korean side by side (see
//! `text`). Each asks about a different moment than the summary quiz does, so a learner
//! who predicted here still has something to think about there. Choice ids are stable.

use super::{QuestionText, Tr, c};

pub const FORK_NEEDED: QuestionText = QuestionText {
    id: "fork-needed",
    prompt: Tr {
        en: "A process calls unshare(CLONE_NEWPID). What happens to the caller itself?",
        ko: "어떤 프로세스가 unshare(CLONE_NEWPID)를 호출한다. 호출한 프로세스 자신은 어떻게 될까?",
    },
    choices: &[
        c(
            "becomes-init",
            "It becomes PID 1 of the new namespace",
            "새 namespace의 PID 1이 된다",
        ),
        c(
            "moves",
            "It keeps its PID, but now belongs to the new namespace",
            "PID는 그대로지만 이제 새 namespace에 속한다",
        ),
        c(
            "stays",
            "Nothing visible: same PID, same PID namespace; only its next children go in",
            "겉으로는 그대로다: PID도 PID namespace도 같고, 다음에 만드는 자식만 새 namespace로 간다",
        ),
        c(
            "renumbered",
            "It gets a new, ordinary PID in the new namespace",
            "새 namespace에서 평범한 새 PID를 받는다",
        ),
    ],
    why: Tr {
        en: "A process keeps its PID, and its PID namespace, for life. unshare(CLONE_NEWPID) only sets where the caller's next children go; the first of them becomes PID 1 there.",
        ko: "프로세스는 PID도 PID namespace도 평생 바뀌지 않는다. unshare(CLONE_NEWPID)는 호출한 프로세스가 다음에 만들 자식이 들어갈 곳만 정하고, 그 첫 자식이 그곳의 PID 1이 된다.",
    },
};

pub const NESTING: QuestionText = QuestionText {
    id: "nesting",
    prompt: Tr {
        en: "Three levels: an outer namespace, a middle one inside it, an inner one inside that. In the outer level's /proc, what does the NSpid line of the inner level's PID 1 list?",
        ko: "세 단계가 있다: 바깥 namespace, 그 안의 가운데 namespace, 다시 그 안의 안쪽 namespace. 바깥 단계의 /proc에서 안쪽 단계의 PID 1은 NSpid 줄에 무엇을 보여 줄까?",
    },
    choices: &[
        c(
            "one",
            "Only 1: a process has one PID",
            "1 하나: 프로세스의 PID는 하나다",
        ),
        c(
            "outer-only",
            "One number: its PID in the outer level",
            "숫자 하나: 바깥 단계에서의 PID",
        ),
        c(
            "inner-first",
            "One number per level, starting with 1",
            "단계마다 하나씩, 1부터 시작",
        ),
        c(
            "per-level",
            "One number per level, from the outer level's down to 1",
            "단계마다 하나씩, 바깥 단계의 번호부터 1까지",
        ),
    ],
    why: Tr {
        en: "A process has a PID in its own namespace and in every ancestor. NSpid lists them from the namespace of the /proc you read down to its own, where it is 1.",
        ko: "프로세스는 자기 namespace와 그 모든 조상 namespace에서 PID를 하나씩 가진다. NSpid는 읽고 있는 /proc의 namespace에서 시작해 자기 namespace(그곳에서는 1)까지 차례로 보여 준다.",
    },
};

pub const JOINING: QuestionText = QuestionText {
    id: "joining",
    prompt: Tr {
        en: "A process outside the namespace, the joiner, calls setns() into it and forks a child, which lands inside. Then the joiner dies. Who adopts the orphaned child?",
        ko: "namespace 바깥의 프로세스(joiner)가 setns()로 그 namespace에 들어가고 자식을 fork하면, 자식은 안쪽에 생긴다. 그 뒤 joiner가 죽는다. 고아가 된 자식은 누가 입양할까?",
    },
    choices: &[
        c(
            "ns-init",
            "target-init: PID 1 of the namespace the child joined",
            "target-init: 자식이 들어간 namespace의 PID 1",
        ),
        c(
            "parent-side",
            "The init of the joiner's own namespace (here, the sandbox)",
            "joiner 자신의 namespace의 init(여기서는 sandbox)",
        ),
        c(
            "nobody",
            "Nobody: it dies with its parent",
            "아무도: 부모와 함께 죽는다",
        ),
    ],
    why: Tr {
        en: "The kernel looks for a new parent where the dead parent lived: the joiner was outside, so the init (or a subreaper) of the joiner's namespace adopts the child, not the init of the namespace it joined.",
        ko: "커널은 죽은 부모가 있던 곳에서 새 부모를 찾는다. joiner는 바깥에 있었으므로, 자식이 들어간 namespace의 init이 아니라 joiner의 namespace의 init(또는 subreaper)이 입양한다.",
    },
};

pub const INIT_DEATH: QuestionText = QuestionText {
    id: "init-death",
    prompt: Tr {
        en: "The namespace's init has been killed, and every member with it. An fd is still open on its ns/pid. Through it, setns() and then fork(): what happens?",
        ko: "namespace의 init이 죽었고 구성원도 모두 함께 끝났다. 그 ns/pid에 열어 둔 fd는 아직 남아 있다. 그 fd로 setns()를 하고 fork()를 하면 어떻게 될까?",
    },
    choices: &[
        c(
            "setns-fails",
            "setns() fails: the namespace died with its init",
            "setns()가 실패한다: namespace는 init과 함께 사라졌다",
        ),
        c(
            "new-init",
            "Both work: the new child becomes the namespace's PID 1",
            "둘 다 성공한다: 새 자식이 namespace의 PID 1이 된다",
        ),
        c(
            "enomem",
            "setns() works, but fork() fails with ENOMEM",
            "setns()는 성공하지만 fork()가 ENOMEM으로 실패한다",
        ),
    ],
    why: Tr {
        en: "The namespace lives on while an fd or a bind mount refers to it, so setns() succeeds. But a namespace whose init has died can never hold a process again: fork() fails with ENOMEM.",
        ko: "fd나 bind mount가 가리키는 동안 namespace는 남아 있어서 setns()는 성공한다. 하지만 init이 죽은 namespace에는 다시는 프로세스가 들어갈 수 없어 fork()가 ENOMEM으로 실패한다.",
    },
};

pub const SIGNALS_FROM_OUTSIDE: QuestionText = QuestionText {
    id: "signals-from-outside",
    prompt: Tr {
        en: "An init with a SIGTERM handler gets SIGTERM from a process outside its namespace. What does the handler see as the sender's PID (si_pid)?",
        ko: "SIGTERM 핸들러가 있는 init이 자기 namespace 바깥의 프로세스에게서 SIGTERM을 받는다. 핸들러는 보낸 쪽의 PID(si_pid)를 무엇으로 볼까?",
    },
    choices: &[
        c(
            "outside-pid",
            "The sender's PID, as its own namespace numbers it",
            "보낸 쪽 namespace에서 매긴 보낸 쪽의 PID",
        ),
        c(
            "not-run",
            "The handler never runs: from outside, only SIGKILL and SIGSTOP get through",
            "핸들러는 실행되지 않는다: 바깥에서는 SIGKILL과 SIGSTOP만 전달된다",
        ),
        c(
            "zero",
            "0: the sender has no PID in the init's namespace",
            "0: 보낸 쪽은 init의 namespace 안에 PID가 없다",
        ),
    ],
    why: Tr {
        en: "A handled signal reaches an init from anywhere. si_pid is the sender's PID in the receiver's namespace; a sender outside has none there, so it reads 0, as getppid() does for a namespace's first process.",
        ko: "핸들러가 있는 시그널은 어디서 보내든 init에게 전달된다. si_pid는 받는 쪽 namespace에서의 보낸 쪽 PID인데, 바깥의 프로세스는 그 안에 번호가 없으므로 0이다. namespace의 첫 프로세스에서 getppid()가 0인 것과 같다.",
    },
};

/// What the live run showed, next to the verdict.
pub mod live {
    use super::Tr;

    pub const FORK_NEEDED: Tr = Tr {
        en: "the caller was PID {before} in pid:[{ns_before}] before unshare, PID {after} in pid:[{ns_after}] after",
        ko: "호출한 프로세스는 unshare 전에 pid:[{ns_before}]의 PID {before}, 뒤에는 pid:[{ns_after}]의 PID {after}",
    };
    pub const NESTING: Tr = Tr {
        en: "in the outer level's /proc the inner level's PID 1 has NSpid {nspid}",
        ko: "바깥 단계의 /proc에서 안쪽 단계의 PID 1은 NSpid {nspid}",
    };
    pub const JOINING: Tr = Tr {
        en: "the orphan was adopted by {name} {pid} (as the sandbox's /proc numbers it)",
        ko: "고아는 {name} {pid}가 입양함(sandbox의 /proc 번호)",
    };
    pub const INIT_DEATH: Tr = Tr {
        en: "setns() returned {setns}, fork() returned {fork}",
        ko: "setns()는 {setns}, fork()는 {fork}를 반환함",
    };
    pub const SIGNALS_FROM_OUTSIDE: Tr = Tr {
        en: "the handler ran {runs} time(s) for SIGTERM from outside, with si_pid {si_pid}",
        ko: "바깥에서 보낸 SIGTERM에 핸들러가 {runs}번 실행됨, si_pid {si_pid}",
    };
}
