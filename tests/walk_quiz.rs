//! `walk --quiz`, driven as a learner would: answers typed into a real terminal (a pty as
//! stdin), checked against what the kernel did and recorded in the progress file; with
//! NO_PROGRESS or --no-progress nothing is written; with stdin not a terminal it never
//! waits. And the judges against a live `walk --json` run: every prediction's right choice
//! decided from real facts, as root and as an unprivileged user.
//!
//! The asking tests use the bundled recording (no namespace needed); the live ones skip
//! without a way to make a PID namespace (PIDNS_TUTOR_REQUIRE_LIVE=1 fails instead).

mod common;

use common::*;
use pidns_tutor::lesson::Step;
use pidns_tutor::quiz::{Context, Key, summary_quiz};
use pidns_tutor::steps::{Facts, judge, prediction, prediction_steps};
use std::io::Write;
use std::os::fd::OwnedFd;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// What the kernel does at each prediction step (FACTS.md): the choice a live run must
/// prove right. (pid-max's is that of Linux 6.14 and later, where pid_max is per PID
/// namespace; hidepid's that of a tutor run by root, or by a user whose group is not 0.)
const KERNEL_TRUTH: [(Step, &str); 16] = [
    (Step::Clone, "one-and-zero"),
    (Step::KillParent, "esrch"),
    (Step::ProcLeak, "host"),
    (Step::RemountProc, "inside-pid"),
    (Step::OrphanReaping, "ns-init"),
    (Step::InitSignals, "ignored"),
    (Step::ForkNeeded, "stays"),
    (Step::Nesting, "per-level"),
    (Step::Joining, "parent-side"),
    (Step::InitDeath, "enomem"),
    (Step::SignalsFromOutside, "zero"),
    (Step::NoReaper, "zombie"),
    (Step::Pidfd, "esrch"),
    (Step::PidMax, "unchanged"),
    (Step::Hidepid, "own"),
    (Step::SetTid, "after-counter"),
];

/// An empty XDG_STATE_HOME of the test's own, removed when dropped (a failed test too).
fn state_dir(name: &str) -> Scratch {
    Scratch::new(&format!("quiz-{name}"))
}

/// The 1-based number of choice `id` in the question asked before `step`.
fn number(step: Step, id: &str) -> usize {
    prediction(step, &Context::new(1))
        .unwrap()
        .index_of(id)
        .unwrap()
        + 1
}

/// Runs `command` to the end and returns its output; a run that is still going after a
/// generous while was waiting for input it will never get: it is killed, and that fails.
fn finish(mut command: Command, stdin: Stdio) -> Output {
    let child = command
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as i32;
    let (done, wait) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        let stuck = wait.recv_timeout(Duration::from_secs(300)).is_err();
        if stuck {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGKILL,
            );
        }
        stuck
    });
    let out = child.wait_with_output().unwrap();
    let _ = done.send(());
    assert!(!watchdog.join().unwrap(), "walk --quiz waited for input");
    out
}

/// `walk --quiz --brief` with a terminal as stdin, `answers` typed into it up front.
fn quiz_in_a_terminal(state: &Path, args: &[&str], env: &[(&str, &str)], answers: &str) -> Output {
    let args = [&["--brief"][..], args].concat();
    walk_quiz_in_a_terminal(state, &args, env, answers)
}

/// `walk --quiz` with a terminal as stdin, `answers` typed into it up front.
fn walk_quiz_in_a_terminal(
    state: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    answers: &str,
) -> Output {
    let pty = nix::pty::openpty(None, None).unwrap();
    let (master, slave): (OwnedFd, OwnedFd) = (pty.master, pty.slave);
    let mut typing = std::fs::File::from(master);
    typing.write_all(answers.as_bytes()).unwrap();
    let mut command = Command::new(EXE);
    command
        .args(["walk", "--quiz"])
        .args(args)
        .env("XDG_STATE_HOME", state)
        .env_remove("NO_PROGRESS")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    for (name, value) in env {
        command.env(name, value);
    }
    // The terminal stays open (typing) until the walk has ended.
    let out = finish(command, Stdio::from(slave));
    drop(typing);
    out
}

/// Answers for the bundled recording: one per prediction, then the summary quiz with every
/// answer right but the first.
fn scripted_answers() -> String {
    let mut lines = vec![
        number(Step::Clone, "one-and-zero").to_string(),
        number(Step::KillParent, "eperm").to_string(),
        String::new(),  // proc-leak: skipped
        "seven".into(), // not a choice: asked again
        number(Step::RemountProc, "inside-pid").to_string(),
        number(Step::OrphanReaping, "ns-init").to_string(),
        number(Step::InitSignals, "dies").to_string(),
        number(Step::ForkNeeded, "stays").to_string(),
        number(Step::Nesting, "one").to_string(),
        number(Step::Joining, "parent-side").to_string(),
        number(Step::InitDeath, "enomem").to_string(),
        number(Step::SignalsFromOutside, "zero").to_string(),
        number(Step::NoReaper, "zombie").to_string(),
        number(Step::Pidfd, "esrch").to_string(),
        number(Step::PidMax, "unchanged").to_string(),
        number(Step::Hidepid, "own").to_string(),
        number(Step::SetTid, "after-counter").to_string(),
    ];
    for (i, question) in summary_quiz().iter().enumerate() {
        let Key::Fixed(right) = question.key else {
            panic!("{} has no fixed answer", question.id)
        };
        let right = question.index_of(right).unwrap();
        let answer = if i == 0 {
            (right + 1) % question.choices.len()
        } else {
            right
        };
        lines.push((answer + 1).to_string());
    }
    lines.join("\n") + "\n"
}

#[test]
fn a_learner_answers_in_a_terminal_and_the_answers_are_kept() {
    let state = state_dir("answers");
    let out = quiz_in_a_terminal(&state, &["--replay"], &[], &scripted_answers());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Your answer (1-4, Enter to skip):"), "{text}");
    assert!(
        text.contains("You said 3) 1 and 0: right. Recorded: getpid() = 1, getppid() = 0."),
        "{text}"
    );
    assert!(
        text.contains(
            "You said 2) EPERM: not allowed to signal it: not this time. The answer: 3) ESRCH"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Skipped. The answer: 2) All of them: as many as the tutor sees outside the lab"
        ),
        "{text}"
    );
    assert!(
        text.contains("Type a number from 1 to 3, or only Enter to skip."),
        "{text}"
    );
    assert!(
        text.contains("Score: 9/10. Predictions right: 12/15."),
        "{text}"
    );

    let file = state.join("pidns-tutor/progress.json");
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let steps = &saved["steps"];
    let prediction = |step: &str| &steps[step]["prediction"];
    assert_eq!(prediction("clone")["choice"], "one-and-zero");
    assert_eq!(prediction("clone")["right"], true);
    assert_eq!(prediction("kill-parent")["choice"], "eperm");
    assert_eq!(prediction("kill-parent")["right"], false);
    assert!(prediction("proc-leak").is_null(), "a skip is no answer");
    assert_eq!(prediction("remount-proc")["right"], true);
    assert_eq!(prediction("orphan-reaping")["right"], true);
    assert_eq!(prediction("init-signals")["choice"], "dies");
    assert_eq!(prediction("init-signals")["right"], false);
    assert_eq!(prediction("fork-needed")["right"], true);
    assert_eq!(prediction("nesting")["choice"], "one");
    assert_eq!(prediction("nesting")["right"], false);
    assert_eq!(prediction("signals-from-outside")["right"], true);
    let quiz = steps["summary"]["quiz"].as_object().unwrap();
    assert_eq!(quiz.len(), 10);
    assert_eq!(quiz.values().filter(|a| a["right"] == true).count(), 9);
    assert_eq!(quiz["first-process"]["right"], false);
    assert_eq!(saved["current_step"], "summary");
}

/// Predict, observe, explain in plain text: at each step that asks, the walk prints the
/// title while guessing and the text above the lesson's `guess:` marker, then the question;
/// the step's own title and the text below the marker (which may say the answer) come
/// only after the run. Both languages; the summary's quiz before the summary.
#[test]
fn the_explanation_comes_only_after_the_question() {
    use pidns_tutor::lang::Lang;
    use pidns_tutor::lesson::{Lesson, plain};
    use pidns_tutor::quiz::text::words;
    // A step's text as the lines walk prints, trimmed (asides' label left out: a printed
    // line contains its trimmed source line either way).
    fn lines(blocks: &[pidns_tutor::lesson::Block]) -> Vec<String> {
        plain::lines_at(blocks, "", None)
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }
    for lang in Lang::ALL {
        let lesson = Lesson::load(lang).unwrap();
        let state = state_dir(&format!("phases-{}", lang.code()));
        let asked = prediction_steps().count() + summary_quiz().len();
        let out = walk_quiz_in_a_terminal(
            &state,
            &["--replay", "--no-progress", "--lang", lang.code()],
            &[],
            &"\n".repeat(asked),
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        for step in prediction_steps().chain([Step::Summary]) {
            let what = format!("{} {step}", lang.code());
            let section = lesson.step(step).unwrap();
            let guess = section
                .guess
                .as_ref()
                .unwrap_or_else(|| panic!("{what}: asks, but its lesson has no `guess:` marker"));
            // The step's part of the output, from its heading to the next one.
            let heading = format!("[{}/{}] {step}: ", step.number(), Step::COUNT);
            let start = text
                .find(&heading)
                .unwrap_or_else(|| panic!("{what}: {text}"));
            let part = &text[start..];
            let end = part[1..].find("\n[").map_or(part.len(), |e| e + 1);
            let part = &part[..end];
            let question = if step == Step::Summary {
                words::QUIZ.get(lang).split('{').next().unwrap()
            } else {
                words::PREDICT.get(lang)
            };
            let (before, after) = part
                .split_once(question)
                .unwrap_or_else(|| panic!("{what}: no question\n{part}"));
            assert!(
                before.starts_with(&format!("{heading}{}\n", guess.title)),
                "{what}: not the title while guessing\n{before}"
            );
            let needed = lines(section.blocks_shown(false));
            assert!(!needed.is_empty(), "{what}: nothing to guess from");
            for line in &needed {
                assert!(before.contains(line.as_str()), "{what}: {line:?}\n{before}");
            }
            let explained = lines(section.explanation());
            assert!(!explained.is_empty(), "{what}: nothing explained");
            for line in explained.iter().filter(|l| !needed.contains(l)) {
                assert!(
                    !before.contains(line.as_str()),
                    "{what}: {line:?} printed before the question\n{before}"
                );
                assert!(
                    after.contains(line.as_str()),
                    "{what}: {line:?} never\n{after}"
                );
            }
            assert!(after.contains(&section.title), "{what}: title never said");
        }
    }
}

#[test]
fn no_progress_asks_but_writes_nothing() {
    for (args, env) in [
        (&["--replay"][..], &[("NO_PROGRESS", "1")][..]),
        (&["--replay", "--no-progress"][..], &[][..]),
    ] {
        let state = state_dir("kiosk");
        let out = quiz_in_a_terminal(&state, args, env, &scripted_answers());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        assert!(text.contains("Score: 9/10."), "asked and scored: {text}");
        assert!(
            !state.join("pidns-tutor").exists(),
            "{args:?} {env:?} wrote into the state dir"
        );
    }
}

#[test]
fn with_stdin_not_a_terminal_it_never_waits() {
    let state = state_dir("piped");
    // A pipe kept open and never written: a walk that read from it would wait forever.
    let (reader, writer) = nix::unistd::pipe().unwrap();
    let mut command = Command::new(EXE);
    command
        .args(["walk", "--quiz", "--brief", "--replay"])
        .env("XDG_STATE_HOME", &*state)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL");
    let out = finish(command, Stdio::from(reader));
    drop(writer);
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.matches("stdin is not a terminal").count(),
        1,
        "said once: {err}"
    );
    assert!(!text.contains("Your answer"), "asked: {text}");
    assert_eq!(
        text.matches("Predict first:").count(),
        prediction_steps().count(),
        "{text}"
    );
    assert!(text.contains("The answer: 3) 1 and 0."), "{text}");
    assert!(text.contains("Question 10/10"), "{text}");
    assert!(
        !state.join("pidns-tutor").exists(),
        "nothing answered, nothing saved"
    );
}

/// Judges every prediction step of a live `walk --json` and checks it picked what the
/// kernel does. The printed facts are read back as typed facts first, as any reader of
/// `walk --json` would.
fn judges_agree_with_the_kernel(stdout: &[u8]) {
    let (_, steps) = parse_walk(stdout);
    for (step, truth) in KERNEL_TRUTH {
        let facts = facts(&steps, step.id());
        let typed: Facts =
            serde_json::from_value(serde_json::json!({"step": step, "facts": facts})).unwrap();
        let verdict = judge(&typed).unwrap_or_else(|| panic!("{step}: no verdict for {facts}"));
        assert_eq!(verdict.right, truth, "{step}: {facts}");
        assert!(
            prediction(step, &Context::new(1))
                .unwrap()
                .index_of(verdict.right)
                .is_some()
        );
    }
    assert!(
        KERNEL_TRUTH
            .map(|(s, _)| s)
            .into_iter()
            .eq(prediction_steps())
    );
}

#[test]
fn judges_read_real_facts_as_root_or_userns() {
    if !live_or_skip("judges_read_real_facts") {
        return;
    }
    let out = output(Command::new(EXE).args(["walk", "--json"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    judges_agree_with_the_kernel(&out.stdout);
}

#[test]
fn judges_read_real_facts_as_an_unprivileged_user() {
    if !live_or_skip("judges_read_real_facts_as_an_unprivileged_user") {
        return;
    }
    let Some(out) = walk_as_nobody(&["--json"], "judges_read_real_facts_as_root_or_userns") else {
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (header, _) = parse_walk(&out.stdout);
    assert_eq!(header["mode"], "userns");
    judges_agree_with_the_kernel(&out.stdout);
}

#[test]
fn a_live_quiz_in_a_terminal_is_judged_by_the_kernel() {
    if !live_or_skip("a_live_quiz_in_a_terminal") {
        return;
    }
    let state = state_dir("live");
    // The kernel's truth for every prediction; the summary quiz skipped (empty lines).
    let mut answers: Vec<String> = KERNEL_TRUTH
        .iter()
        .map(|(step, truth)| number(*step, truth).to_string())
        .collect();
    answers.extend(std::iter::repeat_n(String::new(), summary_quiz().len()));
    let out = quiz_in_a_terminal(&state, &[], &[], &(answers.join("\n") + "\n"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let n = KERNEL_TRUTH.len();
    assert_eq!(text.matches(": right. Live: ").count(), n, "{text}");
    assert!(
        text.contains(&format!("Predictions right: {n}/{n}.")),
        "{text}"
    );
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(state.join("pidns-tutor/progress.json")).unwrap())
            .unwrap();
    for (step, truth) in KERNEL_TRUTH {
        assert_eq!(saved["steps"][step.id()]["prediction"]["choice"], truth);
        assert_eq!(saved["steps"][step.id()]["prediction"]["right"], true);
    }
}

/// The recordings the TUI replays were made on a real kernel: their facts must be judged
/// the kernel's way too, or a replayed prediction would be marked against a wrong answer.
#[test]
fn recorded_facts_are_judged_as_the_kernel_decides() {
    for (name, text) in [
        ("assets", include_str!("../assets/recording.jsonl")),
        ("fixture", include_str!("fixtures/recording.jsonl")),
    ] {
        let recording = pidns_tutor::record::Recording::parse(text).unwrap();
        for (step, truth) in KERNEL_TRUTH {
            let observation = recording.observation(step).unwrap();
            let verdict = pidns_tutor::steps::judge(&observation.facts)
                .unwrap_or_else(|| panic!("{name} {step}: no verdict"));
            assert_eq!(verdict.right, truth, "{name} {step}");
        }
    }
}
