//! The two confirmations: before the shell opens as root, and before a run that ends the
//! lab while the step's task is not done.

use crate::i18n::Tr;

pub const CONFIRM_TITLE: Tr = Tr {
    en: "shell inside the namespace",
    ko: "namespace 안의 셸",
};

/// Its lines, one per line of the overlay.
pub const CONFIRM_TEXT: Tr = Tr {
    en: "A real interactive shell opens beside the trees, as a process of\nthe lab's PID namespace (a child of its PID 1), in a mount\nnamespace of its own: mounts made in that namespace stay there.\n\nIt is still ROOT ON THE HOST: only PIDs, the hostname (UTS) and\nIPC are the lab's. Files, network and users are the host's, and\nroot can still enter the host's namespaces (nsenter): a mount\nmade after that is the host's.\n\nCtrl-] gives the keys back to the lesson; `exit` closes the pane.\n\nEnter/y: open it    Esc/n: cancel",
    ko: "트리 옆에 실제 대화형 셸이 열린다. 실습 PID namespace의\n프로세스(그 PID 1의 자식)이고, 자기만의 mount namespace에 있다:\n그 namespace 안에서 한 mount는 거기에만 남는다.\n\n이 셸은 여전히 호스트의 ROOT다: PID, 호스트 이름(UTS), IPC만\n실습의 것이다. 파일, 네트워크, 사용자는 호스트와 같고, root는\n호스트의 namespace에 들어갈 수 있다(nsenter): 그 뒤에 한 mount는\n호스트의 것이다.\n\nCtrl-]는 키를 본문 창에 돌려주고, `exit`는 창을 닫는다.\n\nEnter/y: 열기    Esc/n: 취소",
};

/// Before a run that ends the lab while the step's task is not done.
pub const TEARDOWN_TITLE: Tr = Tr {
    en: "this run ends the lab",
    ko: "이 실행은 실습을 끝낸다",
};

/// Its lines, one per line of the overlay.
pub const TEARDOWN_TEXT: Tr = Tr {
    en: "Running this step kills the namespace's PID 1 from the host: the\nnamespace ends, and your shell in it with it.\n\nYour guess is kept. The task here is not done yet, and it needs\nthat shell: do the task first, then press Enter again.\n\nEnter/y: run it now    Esc/n: do the task first",
    ko: "이 단계를 실행하면 호스트에서 namespace의 PID 1을 죽인다:\nnamespace가 끝나고, 그 안의 셸도 함께 끝난다.\n\n예측은 기록했다. 이 단계의 과제가 아직 끝나지 않았고, 과제에는\n그 셸이 필요하다. 과제를 먼저 하고 Enter를 다시 누르자.\n\nEnter/y: 지금 실행    Esc/n: 과제 먼저",
};

/// The run not made: the task first.
pub const TEARDOWN_KEPT: Tr = Tr {
    en: "Not run: do the task in the shell first, then Enter.",
    ko: "실행하지 않았다: 셸에서 과제를 먼저 하고 Enter.",
};
