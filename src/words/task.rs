//! The task panel's own words and the notices about tasks, in both languages. What a task
//! asks, its hints and solutions are the tasks' (`crate::tasks::text`).

/// The task panel's words.
pub struct TaskWords {
    /// The panel's title.
    pub title: &'static str,
    /// The state, after its mark: never colour alone.
    pub todo: &'static str,
    pub passed: &'static str,
    /// The task has not begun: there is no shell yet.
    pub waiting: &'static str,
    pub needs_shell: &'static str,
    /// The step's run ended the lab (init-signals) or it is being rebuilt.
    pub no_lab: &'static str,
    /// `{why}`: the reason.
    pub failed: &'static str,
    pub hint_label: &'static str,
    pub solution_label: &'static str,
    /// Before the answer last given.
    pub answer_label: &'static str,
    /// The keys under the task, for tasks with and without a typed answer.
    pub keys_answer: &'static str,
    pub keys: &'static str,
    pub keys_passed: &'static str,
    /// On the panel's border when it is too short for all it says.
    pub more: &'static str,
    /// After the prompt while typing.
    pub prompt_keys: &'static str,
    /// Notices.
    pub no_task: &'static str,
    pub recorded: &'static str,
    pub not_begun: &'static str,
    pub no_answer: &'static str,
}

pub const EN: TaskWords = TaskWords {
    title: "task",
    todo: "to do",
    passed: "passed",
    waiting: "waiting for your shell",
    needs_shell: "s opens the shell: the task is done there and checked from the kernel.",
    no_lab: "No namespace now (this step's run ended it): ← then → builds a fresh one, and the task starts over.",
    failed: "The task could not start: {why}",
    hint_label: "Hint:",
    solution_label: "Solution:",
    answer_label: "Your answer:",
    keys_answer: "h: hint (again: solution) · a: type your answer",
    keys: "h: hint (again: solution) · checked as you go",
    keys_passed: "→: on to the next step",
    more: "↓ all of it: 1 then z",
    prompt_keys: "Enter: check · Esc: cancel",
    no_task: "No task at this step (h shows a task's hint; ← or p goes back a step).",
    recorded: "Tasks are checked against a live namespace; a recording has none.",
    not_begun: "The task begins once your shell runs: s opens it.",
    no_answer: "This task takes no typed answer: it passes as soon as the kernel shows it done.",
};

pub const KO: TaskWords = TaskWords {
    title: "과제",
    todo: "아직",
    passed: "통과",
    waiting: "셸을 기다리는 중",
    needs_shell: "s로 셸을 연다. 과제는 거기서 하고, 커널 상태로 확인한다.",
    no_lab: "지금은 namespace가 없다(이 단계의 실행이 끝냈다). ← 다음 →로 새로 만들면 과제도 다시 시작한다.",
    failed: "과제를 시작하지 못했다: {why}",
    hint_label: "힌트:",
    solution_label: "풀이:",
    answer_label: "내 답:",
    keys_answer: "h: 힌트 (한 번 더: 풀이) · a: 답 입력",
    keys: "h: 힌트 (한 번 더: 풀이) · 하는 대로 확인한다",
    keys_passed: "→: 다음 단계로",
    more: "↓ 전부 보기: 1 다음 z",
    prompt_keys: "Enter: 확인 · Esc: 취소",
    no_task: "이 단계에는 과제가 없다(h는 과제의 힌트를 보여 준다. ← 또는 p로 이전 단계).",
    recorded: "과제는 실제 namespace에서 확인한다. 녹화본에는 그것이 없다.",
    not_begun: "과제는 셸이 실행되면 시작한다: s로 연다.",
    no_answer: "이 과제는 답을 입력하지 않는다: 커널 상태가 해냈음을 보이면 바로 통과한다.",
};
