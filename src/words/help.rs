//! The key help (`?`): its title, and each key with what it does, in both languages.

use crate::i18n::Tr;

pub const TITLE: Tr = Tr {
    en: "keys",
    ko: "키",
};

/// After the help's title when it does not fit the screen.
pub const MORE: Tr = Tr {
    en: "↑ ↓ for more",
    ko: "↑ ↓ 더 보기",
};

/// The key help: each key and what it does. `{last}` in a key is the last step's number
/// (`numbered`).
pub const KEYS: &[(Tr, Tr)] = &[
    (
        Tr {
            en: "→ l n Space",
            ko: "→ l n Space",
        },
        Tr {
            en: "next step",
            ko: "다음 단계",
        },
    ),
    (
        Tr {
            en: "← p",
            ko: "← p",
        },
        Tr {
            en: "previous step (rebuilds the namespace)",
            ko: "이전 단계 (namespace를 다시 만든다)",
        },
    ),
    (
        Tr {
            en: "Enter",
            ko: "Enter",
        },
        Tr {
            en: "run the step (again); a prediction first; the quiz at the end",
            ko: "단계 실행 (다시 실행), 먼저 예측, 끝에는 퀴즈",
        },
    ),
    (
        Tr {
            en: "1-4 ↑ ↓ Enter",
            ko: "1-4 ↑ ↓ Enter",
        },
        Tr {
            en: "with a question open: answer it (Esc skips a prediction)",
            ko: "질문이 열려 있을 때: 답하기 (Esc: 예측 건너뛰기)",
        },
    ),
    (
        Tr { en: "b", ko: "b" },
        Tr {
            en: "before / after, at a step that has both (Enter: after)",
            ko: "이전 / 이후 (둘 다 있는 단계에서, Enter: 이후)",
        },
    ),
    (
        Tr {
            en: "g 1-{last} Enter",
            ko: "g 1-{last} Enter",
        },
        Tr {
            en: "jump to a step",
            ko: "단계로 이동",
        },
    ),
    (
        Tr { en: "r", ko: "r" },
        Tr {
            en: "reset: a fresh namespace, back to step 4",
            ko: "초기화: 새 namespace, 4단계로",
        },
    ),
    (
        Tr { en: "P", ko: "P" },
        Tr {
            en: "clear your saved progress (asks first)",
            ko: "저장된 진행 상황 지우기 (먼저 묻는다)",
        },
    ),
    (
        Tr { en: "s", ko: "s" },
        Tr {
            en: "shell pane in the lab's namespace (again: focus it)",
            ko: "실습 namespace 안의 셸 창 (다시: 창으로 포커스)",
        },
    ),
    (
        Tr {
            en: "Ctrl-]",
            ko: "Ctrl-]",
        },
        Tr {
            en: "from the shell pane back to the lesson",
            ko: "셸 창에서 본문 창으로 돌아오기",
        },
    ),
    (
        Tr {
            en: "Shift-PgUp PgDn",
            ko: "Shift-PgUp PgDn",
        },
        Tr {
            en: "scroll the shell pane back and forth",
            ko: "셸 창 스크롤",
        },
    ),
    (
        Tr { en: "h", ko: "h" },
        Tr {
            en: "the step's task: a hint (again: the solution)",
            ko: "단계의 과제: 힌트 (한 번 더: 풀이)",
        },
    ),
    (
        Tr { en: "a", ko: "a" },
        Tr {
            en: "type the task's answer (Enter checks, Esc cancels)",
            ko: "과제의 답 입력 (Enter: 확인, Esc: 취소)",
        },
    ),
    (
        Tr {
            en: "S F5",
            ko: "S F5",
        },
        Tr {
            en: "stage mode: both trees full height, lesson hidden",
            ko: "무대 모드: 두 트리를 크게, 본문 창은 숨김",
        },
    ),
    (
        Tr { en: "R", ko: "R" },
        Tr {
            en: "live / recorded, at the same step (a step that ran runs again)",
            ko: "실제 실행 / 녹화, 같은 단계에서 (실행한 단계는 다시 실행)",
        },
    ),
    (
        Tr {
            en: "1 2 3 4",
            ko: "1 2 3 4",
        },
        Tr {
            en: "focus lesson, code, host, inside (zooms if hidden; never on stage)",
            ko: "본문, 코드, 호스트, 안쪽 창에 포커스 (숨었으면 확대, 무대에서는 안 함)",
        },
    ),
    (
        Tr { en: "t", ko: "t" },
        Tr {
            en: "on stage: the lesson's text full screen (t again: the trees)",
            ko: "무대에서: 본문을 전체 화면으로 (t 다시: 트리)",
        },
    ),
    (
        Tr {
            en: "Tab Shift-Tab",
            ko: "Tab Shift-Tab",
        },
        Tr {
            en: "move the focus between panes",
            ko: "창 사이 포커스 이동",
        },
    ),
    (
        Tr {
            en: "↑ ↓ PgUp PgDn",
            ko: "↑ ↓ PgUp PgDn",
        },
        Tr {
            en: "scroll the focused pane",
            ko: "포커스된 창 스크롤",
        },
    ),
    (
        Tr {
            en: "mouse",
            ko: "마우스",
        },
        Tr {
            en: "wheel scrolls the pane under it, click focuses",
            ko: "휠: 그 아래 창 스크롤, 클릭: 포커스",
        },
    ),
    (
        Tr {
            en: "Home End",
            ko: "Home End",
        },
        Tr {
            en: "top / bottom of the focused pane",
            ko: "포커스된 창의 처음 / 끝",
        },
    ),
    (
        Tr {
            en: "z Esc",
            ko: "z Esc",
        },
        Tr {
            en: "zoom the focused pane / back",
            ko: "포커스된 창 확대 / 되돌리기",
        },
    ),
    (
        Tr { en: "f", ko: "f" },
        Tr {
            en: "fold / unfold unrelated processes",
            ko: "관련 없는 프로세스 접기 / 펼치기",
        },
    ),
    (
        Tr { en: "L", ko: "L" },
        Tr {
            en: "switch language (English / Korean)",
            ko: "언어 전환 (English / 한국어)",
        },
    ),
    (
        Tr { en: "?", ko: "?" },
        Tr {
            en: "this help (Esc closes)",
            ko: "이 도움말 (Esc로 닫기)",
        },
    ),
    (
        Tr {
            en: "q Ctrl-C",
            ko: "q Ctrl-C",
        },
        Tr {
            en: "quit (the namespace is torn down)",
            ko: "종료 (namespace는 정리된다)",
        },
    ),
];
