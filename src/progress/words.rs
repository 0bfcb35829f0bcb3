//! What `pidns-tutor progress`, `report` and the resume notice say, English and Korean
//! side by side (placeholders as in `quiz::text`).

use crate::i18n::Tr;

pub const KEPT_IN: Tr = Tr {
    en: "Progress kept in {path}",
    ko: "진행 상황 파일: {path}",
};
pub const LEARNER: Tr = Tr {
    en: "Name: {name} (id {id}), as a teacher's report shows it; progress --name NAME changes it.",
    ko: "이름: {name} (id {id}). 선생님 보고서에 이렇게 나온다. 바꾸려면 progress --name 이름",
};
pub const NOTHING_YET: Tr = Tr {
    en: "No progress saved yet; it will be kept in {path}.",
    ko: "아직 저장된 진행 상황이 없다. {path}에 저장된다.",
};
pub const OFF: Tr = Tr {
    en: "Progress is off ({why}): nothing is read or written.",
    ko: "진행 상황 저장이 꺼져 있다({why}). 아무것도 읽거나 쓰지 않는다.",
};
pub const TIMES: Tr = Tr {
    en: "Started {started}, last saved {updated} (pidns-tutor {version}, {kernel}).",
    ko: "시작 {started}, 마지막 저장 {updated} (pidns-tutor {version}, {kernel}).",
};
pub const AT_STEP: Tr = Tr {
    en: "At step {n}/{total}: {step}. `pidns-tutor` resumes there (--restart starts over).",
    ko: "현재 단계 {n}/{total}: {step}. `pidns-tutor`는 여기서 이어진다(--restart는 처음부터).",
};
pub const SCORES: Tr = Tr {
    en: "Predictions right: {pr}/{pa}. Summary quiz: {qr} right of {qa} answered ({qn} questions). Tasks passed: {tp}, skipped: {ts}.",
    ko: "맞힌 예측: {pr}/{pa}. 요약 퀴즈: {qn}문제 중 {qa}문제 답, {qr}문제 정답. 통과한 과제: {tp}, 건너뛴 과제: {ts}.",
};
pub const PREDICTED_RIGHT: Tr = Tr {
    en: "predicted right: {choice}",
    ko: "예측 적중: {choice}",
};
pub const PREDICTED_WRONG: Tr = Tr {
    en: "predicted wrong: {choice}",
    ko: "예측 빗나감: {choice}",
};
pub const QUIZ_SCORE: Tr = Tr {
    en: "quiz {right}/{n}",
    ko: "퀴즈 {right}/{n}",
};
pub const TASK_PASSED: Tr = Tr {
    en: "task passed",
    ko: "과제 통과",
};
pub const TASK_SKIPPED: Tr = Tr {
    en: "task skipped",
    ko: "과제 건너뜀",
};
pub const RESUMING: Tr = Tr {
    en: "resuming at step {n}/{total} ({step}), where you left off; --restart starts over",
    ko: "지난번에 멈춘 {n}/{total} 단계({step})부터 이어 간다. 처음부터 하려면 --restart",
};
pub const RESET_ASK: Tr = Tr {
    en: "Clear all progress in {path}? [y/N] ",
    ko: "{path}의 진행 상황을 모두 지울까? [y/N] ",
};
pub const RESET_DONE: Tr = Tr {
    en: "Cleared {path}.",
    ko: "지웠다: {path}",
};
pub const RESET_NOTHING: Tr = Tr {
    en: "No progress to clear in {path}.",
    ko: "{path}에 지울 진행 상황이 없다.",
};
pub const RESET_KEPT: Tr = Tr {
    en: "Kept as it was.",
    ko: "그대로 두었다.",
};

// The teacher's report.
pub const REPORT_STUDENTS: Tr = Tr {
    en: "pidns-tutor report: {n} students, from {files} progress files",
    ko: "pidns-tutor 보고서: 학생 {n}명, 진행 상황 파일 {files}개",
};
pub const REPORT_DUPLICATE: Tr = Tr {
    en: "Same learner, counted once (the newest): {file}; not counted: {others}",
    ko: "같은 학생이라 한 번만 집계(가장 최근 것): {file}. 제외: {others}",
};
pub const COL_NAME: Tr = Tr {
    en: "student",
    ko: "학생",
};
pub const COL_LAST_STEP: Tr = Tr {
    en: "last step",
    ko: "마지막 단계",
};
pub const COL_FIRST_RIGHT: Tr = Tr {
    en: "predicted right (first answer)",
    ko: "예측 적중(첫 답)",
};
pub const COL_TASKS: Tr = Tr {
    en: "tasks",
    ko: "과제",
};
pub const CELL_TASKS: Tr = Tr {
    en: "{passed} passed, {skipped} skipped, {left} not reached",
    ko: "통과 {passed}, 건너뜀 {skipped}, 못 함 {left}",
};
pub const CELL_SKIPPED: Tr = Tr {
    en: "{skipped} skipped",
    ko: "{skipped}명 건너뜀",
};
pub const COL_QUIZ: Tr = Tr {
    en: "quiz",
    ko: "퀴즈",
};
pub const COL_ACTIVE: Tr = Tr {
    en: "last active",
    ko: "마지막 활동",
};
pub const REPORT_BAD: Tr = Tr {
    en: "Not counted: {file} {reason}",
    ko: "집계 제외: {file} {reason}",
};
pub const COL_STEP: Tr = Tr {
    en: "step",
    ko: "단계",
};
pub const COL_REACHED: Tr = Tr {
    en: "reached",
    ko: "도달",
};
pub const COL_TASK: Tr = Tr {
    en: "task passed",
    ko: "과제 통과",
};
pub const COL_PREDICTED: Tr = Tr {
    en: "predicted right",
    ko: "예측 적중",
};
pub const COL_WRONG: Tr = Tr {
    en: "most common wrong answer",
    ko: "가장 흔한 오답",
};
pub const COL_QUESTION: Tr = Tr {
    en: "summary quiz",
    ko: "요약 퀴즈",
};
pub const COL_RIGHT: Tr = Tr {
    en: "right",
    ko: "정답",
};
pub const REPORT_SCORE: Tr = Tr {
    en: "Summary quiz: {takers} of {n} students answered it; mean score {mean}/{total}.",
    ko: "요약 퀴즈: 학생 {n}명 중 {takers}명이 답함. 평균 {mean}/{total}점.",
};

// The report's page (--html).
pub const HTML_TITLE: Tr = Tr {
    en: "pidns-tutor: the class ({n} students)",
    ko: "pidns-tutor: 반 전체 (학생 {n}명)",
};
pub const HTML_LEGEND: Tr = Tr {
    en: "✓ predicted right (first answer) or task passed · ✗ predicted wrong · ↷ task skipped · · reached · empty: not reached",
    ko: "✓ 예측 적중(첫 답) 또는 과제 통과 · ✗ 예측 빗나감 · ↷ 과제 건너뜀 · · 도달 · 빈칸: 도달 못 함",
};
pub const HTML_TASK: Tr = Tr {
    en: "task {n}",
    ko: "과제 {n}",
};
pub const HTML_MISCONCEPTIONS: Tr = Tr {
    en: "Misconceptions per step (first predictions)",
    ko: "단계별 오개념 (첫 예측)",
};
