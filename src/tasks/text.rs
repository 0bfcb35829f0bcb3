//! Every word the tasks say, English and Korean side by side, so a translator sees both at
//! once: what to do, the prompt for a typed answer, the hint on demand, the hint for each
//! recognised wrong state, the solution and the word of success. `{name}` is filled in at
//! run time (see `i18n::Phrase::with_words`) with words that are themselves in both
//! languages.

use super::signals::SignalEffect;
use super::{Hint, Sig, Task};
use crate::i18n::Tr;

const fn tr(en: &'static str, ko: &'static str) -> Tr {
    Tr { en, ko }
}

/// What the task asks the learner to do.
pub fn goal(task: Task) -> Tr {
    match task {
        Task::ProcLeak => tr(
            "Task: find the PID your shell has outside the lab, from inside the shell. Its /proc was mounted outside, so it still numbers processes the way the outside does. Type the number at the prompt.",
            "과제: 셸 안에서, 실습 환경 바깥에서 이 셸이 가진 PID를 찾는다. 셸의 /proc은 바깥에서 마운트된 것이라 여전히 바깥의 번호로 프로세스를 보여 준다. 찾은 번호를 입력한다.",
        ),
        Task::RemountProc => tr(
            "Task: make `ps -e` in your shell list only the namespace's processes. Your shell already has a mount namespace of its own, made private, so what you mount there stays there.",
            "과제: 셸에서 `ps -e`가 namespace 안의 프로세스만 보여 주게 만든다. 셸은 이미 자기만의 mount namespace를 private으로 가지고 있어서, 거기에 마운트한 것은 거기에만 머문다.",
        ),
        Task::OrphanReaping => tr(
            "Task: make an orphan of your own, a process whose parent ends while it keeps running, and see who adopts it (`ps -o pid,ppid,comm`).",
            "과제: 직접 고아 프로세스를 만든다. 부모가 끝난 뒤에도 계속 실행되는 프로세스다. 그리고 누가 입양하는지 확인한다(`ps -o pid,ppid,comm`).",
        ),
        Task::InitSignals => tr(
            "Task: try to end the namespace's PID 1 from inside (`kill -TERM 1`, `kill -KILL 1`) and see what happens. Then say what SIGTERM, SIGSTOP and SIGKILL sent from outside the lab would do to it.",
            "과제: 안에서 namespace의 PID 1을 끝내 본다(`kill -TERM 1`, `kill -KILL 1`). 무슨 일이 일어나는지 본 다음, 실습 환경 바깥에서 SIGTERM, SIGSTOP, SIGKILL을 보내면 PID 1이 어떻게 될지 답한다.",
        ),
        Task::NoReaper => tr(
            "Task: make a zombie in your shell, a process that has ended (state Z in /proc/PID/stat) while its parent lives on and never waits for it. Then let it be reaped: the lab's PID 1 here is the agent, which reaps.",
            "과제: 셸에서 좀비를 만든다. 이미 종료했지만(/proc/PID/stat의 상태 Z) 부모가 살아 있으면서 기다려 주지 않는 프로세스다. 그다음 그 좀비가 회수되게 한다. 여기서 실습 환경의 PID 1은 회수하는 에이전트다.",
        ),
    }
}

/// The prompt for a typed answer, for the tasks that take one.
pub fn prompt(task: Task) -> Option<Tr> {
    match task {
        Task::ProcLeak => Some(tr(
            "Your shell's PID outside the lab: ",
            "실습 환경 바깥에서 본 셸의 PID: ",
        )),
        Task::InitSignals => Some(tr(
            "From outside: SIGTERM, SIGSTOP, SIGKILL in that order, one word each (dies, stops or nothing): ",
            "바깥에서 보낸 SIGTERM, SIGSTOP, SIGKILL에 대해 이 순서로 하나씩 (죽음, 멈춤, 아무 일 없음 중에서): ",
        )),
        Task::RemountProc | Task::OrphanReaping | Task::NoReaper => None,
    }
}

/// The hint shown on demand when no wrong state was recognised.
pub fn on_demand(task: Task) -> Tr {
    match task {
        Task::ProcLeak => tr(
            "/proc/self is whoever reads it, and every command you run is a process of its own. Your shell is the parent of the commands it runs, and it can read /proc itself too.",
            "/proc/self는 그것을 읽는 프로세스 자신이다. 실행하는 명령 하나하나가 각각 별도의 프로세스다. 셸은 자기가 실행하는 명령의 부모이고, 셸 스스로 /proc을 읽을 수도 있다.",
        ),
        Task::RemountProc => tr(
            "ps reads /proc. A proc mount numbers processes for the PID namespace of whoever mounted it, and the one your shell sees was mounted outside the lab.",
            "ps는 /proc을 읽는다. proc 마운트는 그것을 마운트한 프로세스의 PID namespace 기준으로 번호를 매기는데, 셸이 보는 /proc은 실습 환경 바깥에서 마운트된 것이다.",
        ),
        Task::OrphanReaping => tr(
            "A process becomes an orphan when its parent ends first. Start a process in the background from a parent that ends right away.",
            "부모가 먼저 끝나면 그 자식은 고아가 된다. 곧바로 끝나는 부모에서 백그라운드 프로세스를 하나 띄워 본다.",
        ),
        Task::InitSignals => tr(
            "From inside, PID 1 gets only the signals it has a handler for, and kill() returns 0 all the same. From the parent namespace, the kernel also lets through the two signals that no process can catch or ignore.",
            "안에서 보낸 시그널은 PID 1이 핸들러를 둔 것만 전달되고, kill()은 그래도 0을 반환한다. 부모 namespace에서 보내면, 어떤 프로세스도 잡거나 무시할 수 없는 두 시그널은 커널이 전달한다.",
        ),
        Task::NoReaper => tr(
            "A shell waits for its children, so `sleep 1 &` leaves no zombie for long. The parent must be a program that never calls wait(): let a shell start a short child in the background and then replace itself with one that only sleeps (`exec`). A zombie has ended already, so no signal reaches it; only its parent can make it go, by waiting or by ending.",
            "셸은 자식을 기다려 주므로 `sleep 1 &`는 좀비를 오래 남기지 않는다. 부모는 wait()를 부르지 않는 프로그램이어야 한다. 셸이 짧은 자식을 백그라운드로 띄운 다음 잠만 자는 프로그램으로 자신을 바꾸게 한다(`exec`). 좀비는 이미 종료했으므로 어떤 시그널도 닿지 않는다. 좀비를 없앨 수 있는 것은 부모뿐이다. 기다리거나 끝나거나.",
        ),
    }
}

/// The solution, shown once the task is passed or after the learner asked twice.
/// init-signals' `{term}`, `{stop}` and `{kill}` are what the kernel did (`outcome`).
pub fn solution(task: Task) -> Tr {
    match task {
        Task::ProcLeak => tr(
            "`grep PPid /proc/self/status` prints the PID of grep's parent, your shell, as the outside numbers it; so does `read pid rest < /proc/self/stat; echo $pid`, where the shell reads /proc/self itself. `echo $$` gives the PID inside instead, and `readlink /proc/self` gives readlink's own PID.",
            "`grep PPid /proc/self/status`는 grep의 부모, 곧 셸의 PID를 바깥의 번호로 보여 준다. `read pid rest < /proc/self/stat; echo $pid`도 같은 번호를 준다. 여기서는 셸이 직접 /proc/self를 읽기 때문이다. `echo $$`는 안에서의 PID를, `readlink /proc/self`는 readlink 자신의 PID를 보여 준다.",
        ),
        Task::RemountProc => tr(
            "`mount -t proc proc /proc` in your shell, then `ps -e`: only the namespace's processes, PID 1 first. `exec unshare -m --mount-proc bash` works too: it replaces your shell with one in a new private mount namespace with a fresh proc. A mount made under `unshare -m` stays in that new mount namespace and leaves your shell's /proc as it was; a mount made in a subshell, `( ... )`, is your shell's own, since a subshell shares its mount namespace.",
            "셸에서 `mount -t proc proc /proc`을 한 뒤 `ps -e`를 실행하면 namespace의 프로세스만, PID 1부터 보인다. `exec unshare -m --mount-proc bash`도 된다. 셸을 새 private mount namespace와 새 proc을 가진 셸로 바꾼다. `unshare -m` 아래에서 한 마운트는 그 새 mount namespace에 머물러 셸의 /proc은 그대로다. 서브셸 `( ... )`에서 한 마운트는 셸 자신의 것이다. 서브셸은 셸과 mount namespace를 같이 쓰기 때문이다.",
        ),
        Task::OrphanReaping => tr(
            "`sh -c 'sleep 300 &'`: sh starts sleep in the background and exits at once. `ps -o pid,ppid,comm` then shows that sleep's parent is 1, the namespace's PID 1, not a process outside. (`setsid -f sleep 300` does the same.) `kill` on the sleep itself ends it instead of orphaning it.",
            "`sh -c 'sleep 300 &'`: sh가 sleep을 백그라운드로 띄우고 곧바로 끝난다. 그러면 `ps -o pid,ppid,comm`에서 sleep의 부모가 1, 곧 namespace의 PID 1로 보인다. 바깥의 프로세스가 아니다. (`setsid -f sleep 300`도 같다.) sleep 자체에 `kill`을 보내면 고아가 되는 대신 끝나 버린다.",
        ),
        Task::InitSignals => tr(
            "From inside, `kill -KILL 1` returns 0 and PID 1 goes on: it has no handler, so the signal is dropped. Sent from outside the lab, on this kernel: SIGTERM: {term}; SIGSTOP: {stop}; SIGKILL: {kill}. When PID 1 dies, the kernel kills every other process of its namespace.",
            "안에서 `kill -KILL 1`은 0을 반환하고 PID 1은 그대로다. 핸들러가 없으니 시그널이 버려진다. 실습 환경 바깥에서 보내면 이 커널에서는 SIGTERM: {term}, SIGSTOP: {stop}, SIGKILL: {kill}. PID 1이 죽으면 커널이 그 namespace의 다른 프로세스도 모두 죽인다.",
        ),
        Task::NoReaper => tr(
            "`sh -c 'sleep 1 & exec sleep 300' &`: sh starts `sleep 1` in the background and replaces itself with `sleep 300`, which never waits. A second later, `ps -o pid,ppid,stat,comm --ppid $!` shows the ended sleep in state Z (`<defunct>`) under its parent, $!. `kill` on the zombie changes nothing. `kill $!` ends its parent: the kernel hands the zombie to the namespace's PID 1, the agent, which reaps it, and `ps` shows it no more.",
            "`sh -c 'sleep 1 & exec sleep 300' &`: sh가 `sleep 1`을 백그라운드로 띄우고 자신을 `sleep 300`으로 바꾼다. `sleep 300`은 wait()를 부르지 않는다. 1초 뒤 `ps -o pid,ppid,stat,comm --ppid $!`를 실행하면 종료한 sleep이 부모 $! 아래에서 상태 Z(`<defunct>`)로 보인다. 좀비에게 `kill`을 보내도 달라지는 것은 없다. `kill $!`로 부모를 끝내면 커널이 좀비를 namespace의 PID 1인 에이전트에게 넘기고, 에이전트가 회수해서 `ps`에 더는 보이지 않는다.",
        ),
    }
}

/// What a signal from outside did, as the solution says it.
pub fn outcome(outcome: SignalEffect) -> Tr {
    match outcome {
        SignalEffect::Nothing => tr("nothing (dropped)", "아무 일 없음(버려짐)"),
        SignalEffect::Stops => tr("it stops", "멈춤"),
        SignalEffect::Dies => tr("it dies", "죽음"),
    }
}

/// Said when the task is passed.
pub fn passed(task: Task) -> Tr {
    match task {
        Task::ProcLeak => tr(
            "Right: that is your shell's PID outside the lab, read through a /proc that belongs to the host.",
            "맞다. 호스트의 /proc을 통해 읽은, 실습 환경 바깥에서의 셸 PID다.",
        ),
        Task::RemountProc => tr(
            "Done: your shell's /proc now belongs to the namespace, and ps lists only its processes. The mount lives in your shell's own mount namespace.",
            "성공. 이제 셸의 /proc은 namespace의 것이고 ps는 그 안의 프로세스만 보여 준다. 이 마운트는 셸 자신의 mount namespace에만 있다.",
        ),
        Task::OrphanReaping => tr(
            "Done: your orphan was adopted inside the namespace, by its PID 1 (or by your subreaper), never by a process outside.",
            "성공. 고아는 namespace 안에서 그 PID 1(또는 직접 정한 subreaper)에게 입양되었다. 바깥의 프로세스에게 가지 않는다.",
        ),
        Task::InitSignals => tr(
            "Right: that is what the kernel did.",
            "맞다. 커널이 실제로 그렇게 했다.",
        ),
        Task::NoReaper => tr(
            "Done: your zombie stayed while its parent lived and did not wait; once the parent ended, the namespace's PID 1 adopted it and reaped it at once.",
            "성공. 좀비는 부모가 살아서 기다려 주지 않는 동안 남아 있었다. 부모가 끝나자 namespace의 PID 1이 입양해서 곧바로 회수했다.",
        ),
    }
}

/// The words of a hint.
pub fn hint(hint: Hint) -> Tr {
    match hint {
        Hint::ShellGone => tr(
            "Your shell has ended. Open a new one; the task starts over with it.",
            "셸이 끝났다. 새 셸을 연다. 과제는 그 셸로 다시 시작한다.",
        ),
        Hint::LabGone => tr(
            "The lab's PID 1 has ended, and every process of its namespace with it. Start the lab again.",
            "실습 환경의 PID 1이 끝났고, 그 namespace의 다른 프로세스도 모두 함께 끝났다. 실습 환경을 다시 시작한다.",
        ),
        Hint::NoAnswer => tr("Type your answer at the prompt.", "입력란에 답을 입력한다."),
        Hint::NotANumber => tr(
            "Type just the number, for example 4242.",
            "번호만 입력한다. 예: 4242",
        ),
        Hint::InsidePid => tr(
            "That is your shell's PID inside the namespace, what `echo $$` prints. Outside the lab it has another number, and the leaked /proc knows it.",
            "그것은 namespace 안에서의 셸 PID, 곧 `echo $$`가 보여 주는 번호다. 실습 환경 바깥에서는 다른 번호를 가지고, 새어 나온 /proc이 그 번호를 알고 있다.",
        ),
        Hint::InitPid => tr(
            "That is the namespace's PID 1, the tutor's agent, not your shell.",
            "그것은 namespace의 PID 1, 곧 튜터의 에이전트다. 셸이 아니다.",
        ),
        Hint::OtherPid => tr(
            "That is not your shell's number. If it came from `readlink /proc/self`, it was readlink's own PID: every command is a process of its own. Ask about the shell instead: the parent of a command, or /proc/self read by the shell itself.",
            "셸의 번호가 아니다. `readlink /proc/self`에서 얻었다면 readlink 자신의 PID다. 명령 하나하나가 별도의 프로세스이기 때문이다. 대신 셸에 대해 물어본다. 명령의 부모를 보거나, 셸이 직접 /proc/self를 읽게 한다.",
        ),
        Hint::ProcStillHost => tr(
            "Your shell's /proc still shows every process outside the lab: it was mounted outside the lab's PID namespace.",
            "셸의 /proc은 아직 실습 환경 바깥의 모든 프로세스를 보여 준다. 실습 환경의 PID namespace 바깥에서 마운트된 것이기 때문이다.",
        ),
        Hint::ProcNotMounted => tr(
            "Nothing usable is mounted at /proc in your shell now, so ps has nothing to read. Mount a proc there.",
            "지금 셸의 /proc에는 쓸 만한 것이 마운트되어 있지 않아 ps가 읽을 것이 없다. 그 자리에 proc을 마운트한다.",
        ),
        Hint::TutorsProc => tr(
            "Your shell's /proc already shows only the namespace, but it was already there when the task began: the tutor mounted it. Mount one yourself.",
            "셸의 /proc은 이미 namespace만 보여 주지만, 과제를 시작할 때부터 그랬다. 튜터가 마운트한 것이다. 직접 하나 마운트한다.",
        ),
        Hint::ProcOfNestedNs => tr(
            "Your shell's /proc belongs to a PID namespace made inside the lab (by `unshare -p` or `--pid`), not to the lab's own, so ps lists that inner namespace. Mount proc from your shell itself, without a new PID namespace.",
            "셸의 /proc은 실습 환경 안에서 (`unshare -p`나 `--pid`로) 새로 만든 PID namespace의 것이다. 실습 환경 자신의 것이 아니어서 ps는 그 안쪽 namespace를 보여 준다. 새 PID namespace 없이 셸에서 직접 proc을 마운트한다.",
        ),
        Hint::MountedElsewhere => tr(
            "A fresh proc is mounted, but in another mount namespace (one made by `unshare -m`): your shell's own /proc still shows the host. Mount it in your shell itself; it already has a private mount namespace of its own.",
            "새 proc이 마운트되었지만 다른 mount namespace(`unshare -m`으로 만든 것)에 있다. 셸 자신의 /proc은 여전히 호스트를 보여 준다. 셸에서 직접 마운트한다. 셸은 이미 자기만의 private mount namespace를 가지고 있다.",
        ),
        Hint::HostMountNs => tr(
            "This shell shares the tutor's mount namespace: a proc mounted here would change /proc outside the lab too. Don't mount in it; open a new shell.",
            "이 셸은 튜터와 mount namespace를 같이 쓴다. 여기에 proc을 마운트하면 실습 환경 바깥의 /proc도 바뀐다. 여기서는 마운트하지 말고 새 셸을 연다.",
        ),
        Hint::UnshareWithoutFork => tr(
            "`unshare -p` without `--fork` (`-f`) moves no process: only its first child becomes PID 1 of the new namespace, and once that child has ended, every later fork fails with ENOMEM (bash says \"fork: Cannot allocate memory\", dash \"Cannot fork\"). Leave that shell with `exit`, and use `unshare -pf`, or no new namespace at all.",
            "`--fork`(`-f`) 없는 `unshare -p`는 어떤 프로세스도 옮기지 않는다. 첫 자식만 새 namespace의 PID 1이 되고, 그 자식이 끝나면 이후의 fork는 모두 ENOMEM으로 실패한다(bash는 \"fork: Cannot allocate memory\", dash는 \"Cannot fork\"라고 한다). `exit`로 그 셸에서 나온 뒤 `unshare -pf`를 쓰거나, 새 namespace 없이 한다.",
        ),
        Hint::NoOrphanYet => tr(
            "No orphan of yours yet: no process started since the task began has lost its parent.",
            "아직 고아가 없다. 과제를 시작한 뒤 띄운 프로세스 중 부모를 잃은 것이 없다.",
        ),
        Hint::ParentAlive => tr(
            "Your new process still has its first parent, so it is not an orphan yet. Make the parent end while the child lives on.",
            "새로 띄운 프로세스에게 아직 처음 부모가 있어서 고아가 아니다. 자식은 살아 있는 채로 부모가 끝나게 한다.",
        ),
        Hint::Killed => tr(
            "A process of yours ended instead of becoming an orphan: it was killed, or it ended along with its parent (every process of a namespace dies with its PID 1). End the parent, not the child.",
            "프로세스가 고아가 되는 대신 끝나 버렸다. 죽임을 당했거나 부모와 함께 끝난 것이다(namespace의 PID 1이 죽으면 그 안의 프로세스도 모두 죽는다). 자식이 아니라 부모를 끝낸다.",
        ),
        Hint::AnswerUnclear => tr(
            "That could not be read. Give one word per signal, in the order SIGTERM, SIGSTOP, SIGKILL: dies, stops or nothing (like `dies dies stops`), or label them (`TERM=... STOP=... KILL=...`).",
            "답을 읽을 수 없었다. SIGTERM, SIGSTOP, SIGKILL 순서로 시그널마다 한 단어씩 쓴다. 죽음, 멈춤, 아무 일 없음 중에서 고른다(예: `죽음 죽음 멈춤`). 이름을 붙여도 된다(`TERM=... STOP=... KILL=...`).",
        ),
        Hint::Wrong(Sig::Term) => tr(
            "Not what the kernel did with SIGTERM. PID 1 has no handler for it, and from outside, of the signals without a handler, only the two that no process can catch get through.",
            "SIGTERM에 대해서는 커널이 한 일과 다르다. PID 1에는 SIGTERM 핸들러가 없고, 바깥에서 보낸 시그널 중 핸들러 없이 전달되는 것은 어떤 프로세스도 잡을 수 없는 두 시그널뿐이다.",
        ),
        Hint::Wrong(Sig::Stop) => tr(
            "Not what the kernel did with SIGSTOP. No process can catch or ignore it, and from the parent namespace it reaches even a namespace's PID 1.",
            "SIGSTOP에 대해서는 커널이 한 일과 다르다. SIGSTOP은 어떤 프로세스도 잡거나 무시할 수 없고, 부모 namespace에서 보내면 namespace의 PID 1에게도 전달된다.",
        ),
        Hint::Wrong(Sig::Kill) => tr(
            "Not what the kernel did with SIGKILL. Like SIGSTOP, it cannot be caught, and from the parent namespace it reaches PID 1.",
            "SIGKILL에 대해서는 커널이 한 일과 다르다. SIGSTOP처럼 잡을 수 없는 시그널이고, 부모 namespace에서 보내면 PID 1에게 전달된다.",
        ),
        Hint::NoZombieYet => tr(
            "No zombie of yours yet: no process started since the task began has ended while its parent lives on without waiting.",
            "아직 좀비가 없다. 과제를 시작한 뒤 띄운 프로세스 중, 부모가 기다려 주지 않고 살아 있는 동안 종료한 것이 없다.",
        ),
        Hint::ZombieUnreaped => tr(
            "Your zombie is there: state Z, under a parent that lives and does not wait. Killing the zombie does nothing, it has ended already. End its parent instead (`kill $!`, if the parent is your last background command).",
            "좀비가 생겼다. 상태 Z이고, 부모는 살아 있지만 기다려 주지 않는다. 좀비는 이미 종료했으므로 죽여도 아무 일도 없다. 대신 부모를 끝낸다(마지막으로 백그라운드에 띄운 명령이 그 부모라면 `kill $!`).",
        ),
        Hint::ReapedByParent => tr(
            "Your zombie was reaped by its own parent, which called wait() after all (a shell does, for each of its children). Make the parent a program that never waits: after starting the child, `exec sleep 300`.",
            "좀비를 그 부모가 직접 회수했다. 부모가 결국 wait()를 부른 것이다(셸은 자식마다 그렇게 한다). 부모를 wait()를 부르지 않는 프로그램으로 만든다. 자식을 띄운 뒤 `exec sleep 300`.",
        ),
        Hint::EndedAsOrphan => tr(
            "A process of yours ended after its parent had: PID 1 had adopted it, and this PID 1 reaps at once, so no zombie stayed. A zombie stays while its parent lives: let the child end first, and only then end the parent.",
            "프로세스가 부모보다 늦게 종료했다. PID 1이 이미 입양한 뒤였고 이 PID 1은 곧바로 회수하므로 좀비가 남지 않았다. 좀비는 부모가 살아 있는 동안 남는다. 자식이 먼저 끝나게 한 다음에 부모를 끝낸다.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use strum::IntoEnumIterator;

    fn every_text() -> Vec<Tr> {
        let mut all = Vec::new();
        for task in Task::ALL {
            all.extend([goal(task), on_demand(task), solution(task), passed(task)]);
            all.extend(prompt(task));
        }
        all.extend(Hint::iter().map(hint));
        all.extend(Sig::ALL.into_iter().map(|s| hint(Hint::Wrong(s))));
        all.extend(
            [
                SignalEffect::Nothing,
                SignalEffect::Stops,
                SignalEffect::Dies,
            ]
            .into_iter()
            .map(outcome),
        );
        all
    }

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn both_languages_say_something_with_the_same_placeholders() {
        for text in every_text() {
            assert!(!text.en.trim().is_empty() && !text.ko.trim().is_empty());
            assert_ne!(text.en, text.ko, "{} is not translated", text.en);
            assert_eq!(placeholders(text.en), placeholders(text.ko), "{}", text.en);
        }
    }

    #[test]
    fn the_tasks_that_take_an_answer_have_a_prompt() {
        for task in Task::ALL {
            assert_eq!(prompt(task).is_some(), task.takes_answer(), "{task:?}");
        }
    }

    #[test]
    fn words_fill_their_placeholders_in_the_language_asked() {
        let words = crate::i18n::Phrase::new(solution(Task::InitSignals))
            .with_words("term", outcome(SignalEffect::Nothing))
            .with_words("stop", outcome(SignalEffect::Stops))
            .with_words("kill", outcome(SignalEffect::Dies));
        let en = words.text(Lang::En);
        let ko = words.text(Lang::Ko);
        assert!(
            en.contains("SIGTERM: nothing (dropped); SIGSTOP: it stops"),
            "{en}"
        );
        assert!(ko.contains("SIGSTOP: 멈춤"), "{ko}");
        assert!(!en.contains('{') && !ko.contains('{'));
    }

    #[test]
    fn no_example_or_word_list_gives_the_answer_away() {
        use super::super::answer::parse;
        let right = super::super::signals::SignalEffects {
            term: SignalEffect::Nothing,
            stop: SignalEffect::Stops,
            kill: SignalEffect::Dies,
        };
        let mut texts = vec![hint(Hint::AnswerUnclear), goal(Task::InitSignals)];
        texts.extend(prompt(Task::InitSignals));
        for text in texts {
            for lang in [text.en, text.ko] {
                let quoted = lang.split('`').skip(1).step_by(2);
                let bracketed = lang.split('(').skip(1).filter_map(|r| r.split(')').next());
                for part in quoted.chain(bracketed).chain([lang]) {
                    assert_ne!(parse(part), Some(right), "{part}");
                }
            }
        }
    }
}
