//! The summary quiz's words, English and Korean side by side (see `text`): five questions
//! on what the lesson showed, five that go past the post. Their answers are facts of the
//! kernel, checked on Linux 6.18 (the project's FACTS.md), the same on every machine.

use super::{QuestionText, QuizText, choice};
use crate::i18n::Tr;

pub const SUMMARY: [QuizText; 10] = [
    QuizText {
        question: QuestionText {
            id: "first-process",
            prompt: Tr {
                en: "In a new PID namespace, what do getpid() and getppid() return for its first process?",
                ko: "새 PID namespace의 첫 프로세스에서 getpid()와 getppid()는 무엇을 반환할까?",
            },
            choices: &[
                choice(
                    "host-pids",
                    "Its host PID and its parent's host PID",
                    "호스트에서의 자기 PID와 부모의 PID",
                ),
                choice("one-and-zero", "1 and 0", "1과 0"),
                choice("one-and-one", "1 and 1", "1과 1"),
                choice("zero-and-zero", "0 and 0", "0과 0"),
            ],
            why: Tr {
                en: "It is PID 1 of its namespace; its parent lives outside and has no number inside, so getppid() is 0.",
                ko: "그 프로세스는 자기 namespace의 PID 1이다. 부모는 바깥에 있어 안에서는 번호가 없으므로 getppid()는 0이다.",
            },
        },
        right: "one-and-zero",
    },
    QuizText {
        question: QuestionText {
            id: "pstree-host",
            prompt: Tr {
                en: "Why did pstree inside the post's new namespace show every process of the host?",
                ko: "원글의 새 namespace 안에서 pstree에 호스트의 모든 프로세스가 보인 이유는?",
            },
            choices: &[
                choice(
                    "no-hiding",
                    "A PID namespace hides nothing; it only renumbers",
                    "PID namespace는 아무것도 숨기지 않고 번호만 바꾼다",
                ),
                choice(
                    "bypass",
                    "pstree asks the kernel directly, past the namespace",
                    "pstree는 namespace를 거치지 않고 커널에 직접 묻는다",
                ),
                choice(
                    "host-proc",
                    "It reads /proc, and that /proc was mounted by the host's PID namespace",
                    "pstree는 /proc을 읽는데, 그 /proc은 호스트의 PID namespace가 마운트한 것이다",
                ),
                choice(
                    "no-newpid",
                    "The shell was started without CLONE_NEWPID",
                    "셸이 CLONE_NEWPID 없이 시작되었다",
                ),
            ],
            why: Tr {
                en: "ps and pstree read the /proc directory, and a proc mount shows the PID namespace of whoever mounted it: here, the host's.",
                ko: "ps와 pstree는 /proc 디렉터리를 읽고, proc 마운트는 그것을 마운트한 쪽의 PID namespace를 보여 준다. 여기서는 호스트의 것이다.",
            },
        },
        right: "host-proc",
    },
    QuizText {
        question: QuestionText {
            id: "private-mounts",
            prompt: Tr {
                en: "The fix is a mount namespace and a fresh proc. Why make / private (MS_REC | MS_PRIVATE) before mounting proc?",
                ko: "해결책은 새 mount namespace와 새 proc 마운트다. proc을 마운트하기 전에 `/`를 private(MS_REC | MS_PRIVATE)으로 바꾸는 이유는?",
            },
            choices: &[
                choice(
                    "propagation",
                    "Otherwise the new proc can propagate to the host and cover the host's /proc",
                    "그러지 않으면 새 proc이 호스트로 전파되어 호스트의 /proc을 덮을 수 있다",
                ),
                choice(
                    "ebusy",
                    "Otherwise mount() fails with EBUSY",
                    "그러지 않으면 mount()가 EBUSY로 실패한다",
                ),
                choice(
                    "hides",
                    "Making / private is what hides the host's processes",
                    "`/`를 private으로 바꾸는 것 자체가 호스트의 프로세스를 숨긴다",
                ),
                choice(
                    "only-private",
                    "proc can only be mounted on a private mount",
                    "proc은 private 마운트 위에만 마운트할 수 있다",
                ),
            ],
            why: Tr {
                en: "systemd makes mounts shared, and in mode root a new mount namespace's copies stay peers of the host's: without the private step the new proc would land on the host too. (In mode userns the copies become slaves, so nothing flows back.)",
                ko: "systemd는 마운트를 shared로 만들고, root 모드에서 새 mount namespace의 사본은 호스트의 마운트와 계속 짝(peer)으로 남는다. private 단계가 없으면 새 proc이 호스트에도 마운트된다. (userns 모드에서는 사본이 slave가 되어 바깥으로 퍼지지 않는다.)",
            },
        },
        right: "propagation",
    },
    QuizText {
        question: QuestionText {
            id: "orphan-adopter",
            prompt: Tr {
                en: "A process inside the namespace loses its parent, which was inside too. Who adopts it?",
                ko: "namespace 안의 프로세스가 역시 안에 있던 부모를 잃었다. 누가 입양할까?",
            },
            choices: &[
                choice("host-init", "The host's init", "호스트의 init"),
                choice(
                    "ns-init",
                    "The namespace's PID 1, or a subreaper inside",
                    "namespace의 PID 1, 또는 안쪽의 subreaper",
                ),
                choice("grandparent", "Always its grandparent", "언제나 조부모"),
                choice(
                    "nobody",
                    "Nobody: the kernel kills it",
                    "아무도: 커널이 그 프로세스를 죽인다",
                ),
            ],
            why: Tr {
                en: "Re-parenting looks for a subreaper among its ancestors inside, else the namespace's PID 1; it never reaches the host's init. (A process that joined with nsenter has its parent outside: the init of that parent's namespace adopts it, step 13.)",
                ko: "새 부모는 안쪽 조상 가운데 subreaper를 찾고, 없으면 namespace의 PID 1이 된다. 호스트의 init까지는 가지 않는다. (nsenter로 들어온 프로세스는 부모가 바깥에 있으므로, 그 부모의 namespace의 init이 입양한다. 13단계 참고.)",
            },
        },
        right: "ns-init",
    },
    QuizText {
        question: QuestionText {
            id: "sigkill-inside",
            prompt: Tr {
                en: "What does kill(1, SIGKILL), sent from inside the namespace, do to a PID 1 without a handler?",
                ko: "namespace 안에서 보낸 kill(1, SIGKILL)은 핸들러가 없는 PID 1에게 어떤 일을 할까?",
            },
            choices: &[
                choice(
                    "dies",
                    "It kills PID 1, and the namespace ends",
                    "PID 1이 죽고 namespace가 끝난다",
                ),
                choice(
                    "eperm",
                    "kill fails with EPERM",
                    "kill이 EPERM으로 실패한다",
                ),
                choice("esrch", "kill fails with ESRCH", "kill이 ESRCH로 실패한다"),
                choice(
                    "ignored",
                    "kill returns 0, and nothing happens",
                    "kill은 0을 반환하고 아무 일도 없다",
                ),
            ],
            why: Tr {
                en: "From inside, only signals PID 1 handles are delivered; SIGKILL is silently dropped and kill() returns 0.",
                ko: "안에서 보낸 시그널은 PID 1이 처리하는 것만 전달된다. SIGKILL은 조용히 버려지고 kill()은 0을 반환한다.",
            },
        },
        right: "ignored",
    },
    QuizText {
        question: QuestionText {
            id: "cannot-fork",
            prompt: Tr {
                en: "`sudo unshare --pid sh -c '/bin/true; /bin/true'` fails at the second /bin/true (dash says \"Cannot fork\", bash \"fork: Cannot allocate memory\"). Why?",
                ko: "`sudo unshare --pid sh -c '/bin/true; /bin/true'`는 두 번째 /bin/true에서 실패한다(dash는 \"Cannot fork\", bash는 \"fork: Cannot allocate memory\"라고 한다). 왜 그럴까?",
            },
            choices: &[
                choice(
                    "sh-is-init",
                    "sh became PID 1, and PID 1 may not fork",
                    "sh가 PID 1이 되었고, PID 1은 fork할 수 없다",
                ),
                choice(
                    "needs-proc",
                    "Without --mount-proc, fork cannot find /proc",
                    "--mount-proc 없이는 fork가 /proc를 찾지 못한다",
                ),
                choice(
                    "init-exited",
                    "unshare does not move sh; the first /bin/true became PID 1 and exited, and a namespace whose init is gone takes no new process (fork fails with ENOMEM)",
                    "unshare는 sh를 옮기지 않는다. 첫 /bin/true가 PID 1이 되었다가 끝났고, init이 사라진 namespace에는 새 프로세스가 들어갈 수 없다(fork가 ENOMEM으로 실패)",
                ),
                choice(
                    "pid-taken",
                    "The second /bin/true also wanted PID 1, which was taken",
                    "두 번째 /bin/true도 PID 1을 받으려 했는데 이미 쓰이고 있었다",
                ),
            ],
            why: Tr {
                en: "unshare(CLONE_NEWPID) leaves the caller where it is; only its first child becomes PID 1. When that child exits, the namespace has lost its init, and every later fork into it fails with ENOMEM. That is why `unshare --pid` needs `--fork`.",
                ko: "unshare(CLONE_NEWPID)는 호출한 프로세스를 옮기지 않고, 그 첫 자식만 PID 1이 된다. 그 자식이 끝나면 namespace는 init을 잃고, 이후 그 안으로의 fork는 모두 ENOMEM으로 실패한다. 그래서 `unshare --pid`에는 `--fork`가 필요하다.",
            },
        },
        right: "init-exited",
    },
    QuizText {
        question: QuestionText {
            id: "nsenter-ppid",
            prompt: Tr {
                en: "`nsenter -t INIT -p -m sh -c 'echo $$ $PPID'` joins a running PID namespace. What does it print as PPID?",
                ko: "`nsenter -t INIT -p -m sh -c 'echo $$ $PPID'`는 실행 중인 PID namespace에 들어간다. PPID로 무엇이 찍힐까?",
            },
            choices: &[
                choice(
                    "one",
                    "1: the namespace's init adopts it",
                    "1: namespace의 init이 입양한다",
                ),
                choice("host-pid", "nsenter's host PID", "호스트에서의 nsenter PID"),
                choice("same", "The same number as $$", "$$와 같은 번호"),
                choice(
                    "zero",
                    "0: its parent, nsenter, is outside the namespace",
                    "0: 부모인 nsenter가 namespace 바깥에 있다",
                ),
            ],
            why: Tr {
                en: "A process that joins through setns() is forked by a parent that stays outside, so inside its parent has no number: getppid() is 0 (as for `docker exec`).",
                ko: "setns()로 들어간 프로세스는 바깥에 남은 부모가 fork한 것이라, 안에서는 부모의 번호가 없다. getppid()는 0이다(`docker exec`도 마찬가지).",
            },
        },
        right: "zero",
    },
    QuizText {
        question: QuestionText {
            id: "host-sigterm",
            prompt: Tr {
                en: "From the host, you send SIGTERM to a namespace's PID 1 whose program has no handler. What happens?",
                ko: "호스트에서, 핸들러가 없는 namespace의 PID 1에게 SIGTERM을 보낸다. 어떻게 될까?",
            },
            choices: &[
                choice(
                    "ends",
                    "It ends, and the namespace with it",
                    "PID 1이 끝나고 namespace도 함께 끝난다",
                ),
                choice(
                    "dropped",
                    "Nothing: the signal is dropped and it keeps running",
                    "아무 일도 없다: 시그널은 버려지고 계속 실행된다",
                ),
                choice("stops", "It stops (state T)", "멈춘다(상태 T)"),
                choice(
                    "eperm",
                    "kill fails with EPERM",
                    "kill이 EPERM으로 실패한다",
                ),
            ],
            why: Tr {
                en: "From an ancestor namespace, only SIGKILL and SIGSTOP are forced on PID 1; other signals reach it only if it handles them. That is why `docker stop` falls back to SIGKILL.",
                ko: "조상 namespace에서 PID 1에게 강제로 전달되는 것은 SIGKILL과 SIGSTOP뿐이고, 다른 시그널은 핸들러가 있을 때만 전달된다. 그래서 `docker stop`은 결국 SIGKILL을 쓴다.",
            },
        },
        right: "dropped",
    },
    QuizText {
        question: QuestionText {
            id: "host-sigstop",
            prompt: Tr {
                en: "From the host, you send SIGSTOP to the same PID 1 (no handlers). What happens?",
                ko: "호스트에서 같은 PID 1(핸들러 없음)에게 SIGSTOP을 보낸다. 어떻게 될까?",
            },
            choices: &[
                choice(
                    "stops",
                    "It stops (state T) until SIGCONT",
                    "SIGCONT를 받을 때까지 멈춘다(상태 T)",
                ),
                choice(
                    "dropped",
                    "Nothing: PID 1 is protected",
                    "아무 일도 없다: PID 1은 보호된다",
                ),
                choice(
                    "ends",
                    "It ends, and the namespace with it",
                    "PID 1이 끝나고 namespace도 함께 끝난다",
                ),
                choice(
                    "eperm",
                    "kill fails with EPERM",
                    "kill이 EPERM으로 실패한다",
                ),
            ],
            why: Tr {
                en: "SIGSTOP, like SIGKILL, cannot be handled, and from an ancestor namespace it always reaches PID 1: it stops.",
                ko: "SIGSTOP은 SIGKILL처럼 핸들러를 둘 수 없고, 조상 namespace에서 보내면 언제나 PID 1에게 닿는다. 그래서 멈춘다.",
            },
        },
        right: "stops",
    },
    QuizText {
        question: QuestionText {
            id: "host-sigkill",
            prompt: Tr {
                en: "From the host, you send SIGKILL to that PID 1. What happens?",
                ko: "호스트에서 그 PID 1에게 SIGKILL을 보낸다. 어떻게 될까?",
            },
            choices: &[
                choice(
                    "dropped",
                    "Nothing: PID 1 is protected",
                    "아무 일도 없다: PID 1은 보호된다",
                ),
                choice(
                    "orphans-out",
                    "It dies, and its children move to the host's init",
                    "PID 1이 죽고, 그 자식들은 호스트의 init에게 간다",
                ),
                choice(
                    "eperm",
                    "kill fails with EPERM",
                    "kill이 EPERM으로 실패한다",
                ),
                choice(
                    "all-die",
                    "It dies, and the kernel kills every other process of the namespace",
                    "PID 1이 죽고, 커널이 namespace의 나머지 프로세스를 모두 죽인다",
                ),
            ],
            why: Tr {
                en: "SIGKILL from an ancestor namespace always gets through. When a namespace's init dies, the kernel sends SIGKILL to every other member: nothing outlives it.",
                ko: "조상 namespace에서 보낸 SIGKILL은 언제나 전달된다. namespace의 init이 죽으면 커널이 나머지 모든 구성원에게 SIGKILL을 보내므로, 그보다 오래 사는 프로세스는 없다.",
            },
        },
        right: "all-die",
    },
];
