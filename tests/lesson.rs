//! The lesson files: both languages parse, agree with each other and with `Step`,
//! use only facts the tools observe, and a malformed lesson fails with file and line.

use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::{
    self, Block, Inline, Lesson, LessonError, NEWPID_C, Step, code_lines_for, fill, parse,
    placeholders,
};
use pidns_tutor::steps::Facts;
use std::collections::BTreeSet;

/// The facts `step`'s action observes: the fields of its typed facts (the contract with
/// the lab, `walk` and recordings).
fn known_facts(step: Step) -> BTreeSet<String> {
    Facts::empty(step).to_json().keys().cloned().collect()
}

fn load(lang: Lang) -> Lesson {
    Lesson::load(lang).unwrap_or_else(|e| panic!("{lang} lesson does not parse: {e}"))
}

fn placeholder_set(lesson: &Lesson, id: Step) -> BTreeSet<String> {
    let step = lesson.step(id).expect("step exists");
    step.live
        .iter()
        .flat_map(|l| placeholders(l))
        .map(str::to_string)
        .collect()
}

#[test]
fn both_languages_load_with_the_steps_in_order() {
    for lang in Lang::ALL {
        let lesson = load(lang);
        let ids: Vec<Step> = lesson.steps.iter().map(|s| s.step).collect();
        assert_eq!(ids, Step::all().collect::<Vec<_>>(), "{lang}");
        assert!(!lesson.intro.is_empty(), "{lang}: intro");
        for (index, step) in lesson.steps.iter().enumerate() {
            assert!(!step.title.is_empty(), "{lang} {}: title", step.step);
            assert!(!step.text.is_empty(), "{lang} {}: text", step.step);
            assert!(
                !step.title.starts_with(char::is_numeric),
                "{lang}: number kept"
            );
            assert_eq!(step.step.index(), index);
            assert_eq!(lesson.step(step.step), Some(step));
            // A lesson pane, not a chapter: the text must stay readable on one screen.
            let lines = step.text.lines().count();
            assert!(lines <= 70, "{lang} {}: {lines} lines of text", step.step);
            assert!(
                !step.live.is_empty(),
                "{lang} {}: every step shows something live",
                step.step
            );
            assert!(
                step.live.len() <= 3,
                "{lang} {}: one to three live lines",
                step.step
            );
        }
    }
}

#[test]
fn every_step_says_what_runs_live_and_how_to_check_by_hand() {
    for (lang, marker) in [(Lang::En, "**Live:**"), (Lang::Ko, "**실제 실행:**")] {
        for step in load(lang).steps {
            assert!(
                step.text.contains(marker),
                "{lang} {}: no `{marker}` line",
                step.step
            );
            // The summary only checks the clean-up; every other step has commands.
            if step.step != Step::Summary {
                assert!(
                    step.text.contains("```sh"),
                    "{lang} {}: no commands",
                    step.step
                );
            }
        }
    }
}

#[test]
fn live_lines_use_the_same_known_facts_in_both_languages() {
    let en = load(Lang::En);
    let ko = load(Lang::Ko);
    for id in Step::all() {
        let known = known_facts(id);
        assert!(!known.is_empty(), "{id} observes something");
        let en_set = placeholder_set(&en, id);
        assert!(
            en_set.is_subset(&known),
            "{id}: unknown facts {:?}",
            &en_set - &known
        );
        assert_eq!(en_set, placeholder_set(&ko, id), "{id}: en and ko differ");
        assert_eq!(
            en.step(id).map(|s| s.live.len()),
            ko.step(id).map(|s| s.live.len()),
            "{id}: same number of live lines"
        );
    }
}

#[test]
fn nix_lines_are_the_same_code_in_both_languages() {
    let en = load(Lang::En);
    let ko = load(Lang::Ko);
    for id in Step::all() {
        assert_eq!(
            en.step(id).map(|s| &s.nix),
            ko.step(id).map(|s| &s.nix),
            "{id}"
        );
    }
    let clone = en
        .step(Step::Clone)
        .and_then(|s| s.nix.clone())
        .expect("clone has nix code");
    assert!(clone.contains("CLONE_NEWPID"), "{clone}");
}

#[test]
fn code_lines_point_into_newpid_c() {
    let source: Vec<&str> = NEWPID_C.lines().collect();
    let clone = code_lines_for(Step::Clone);
    assert!(!clone.is_empty());
    assert!(
        clone.iter().any(|&n| source[n - 1].contains("clone(")),
        "{clone:?}"
    );
    for id in [
        Step::Hostname,
        Step::KillParent,
        Step::PidNamespace,
        Step::Namespaces,
    ] {
        assert!(!code_lines_for(id).is_empty(), "{id} has tagged lines");
    }
    assert!(source[code_lines_for(Step::Hostname)[0] - 1].contains("sethostname"));
}

#[test]
fn fill_puts_facts_into_live_lines() {
    let facts = serde_json::json!({
        "errno": "ESRCH", "chain": [1, 2, 3], "same": true, "moved": false, "none": null
    });
    let facts = facts.as_object().expect("object");
    assert_eq!(
        fill("{errno} for {chain}", facts).as_deref(),
        Some("ESRCH for 1, 2, 3")
    );
    assert_eq!(fill("{missing}", facts).as_deref(), Some("{missing}"));
    assert_eq!(placeholders("a {b} c {d}"), ["b", "d"]);
    assert_eq!(lesson::fact_text(&serde_json::json!(7)), "7");
    // A true or false fact is said in the sentence's own words, never as `true`.
    assert_eq!(
        fill("mounts: {same?변경 없음|바뀜}, {moved?yes|no}.", facts).as_deref(),
        Some("mounts: 변경 없음, no.")
    );
    assert_eq!(placeholders("{same?a|b} {errno}"), ["same", "errno"]);
    // A sentence about a fact observed as null does not apply: it is left out.
    assert_eq!(fill("kill failed with {errno} and {none}", facts), None);
}

/// Words a reader without the TUI would not understand: keys, panes, "below".
const TUI_WORDS: [&str; 9] = [
    "press `s`",
    "right-hand tree",
    "code pane",
    "(below)",
    "both trees",
    "host pane",
    "오른쪽 트리",
    "두 트리",
    "코드 창",
];

#[test]
fn what_walk_prints_has_no_tui_words() {
    for lang in Lang::ALL {
        let lesson = load(lang);
        let texts =
            std::iter::once(&lesson.walk_intro).chain(lesson.steps.iter().map(|s| &s.walk_text));
        for text in texts {
            for word in TUI_WORDS {
                assert!(
                    !text.contains(word),
                    "{lang}: `{word}` in walk's text:\n{text}"
                );
            }
        }
        // The TUI keeps them: the passages are marked, not deleted.
        let kill = lesson.step(Step::KillParent).expect("step");
        assert!(kill.text.len() > kill.walk_text.len(), "{lang}");
    }
}

#[test]
fn asides_are_notes_on_the_post() {
    // `>` marks a note on the post, nothing else (tips and observations are not asides).
    for (lang, post) in [(Lang::En, "post"), (Lang::Ko, "원글")] {
        for step in load(lang).steps {
            let mut in_quote = false;
            for line in step.text.lines() {
                let quote = line.starts_with('>');
                if quote && !in_quote {
                    assert!(
                        line.contains(post),
                        "{lang} {}: aside not on the post: {line}",
                        step.step
                    );
                }
                in_quote = quote;
            }
        }
    }
}

// ---- malformed lessons -------------------------------------------------------------

/// A minimal valid lesson: line 1 title, line 2 blank, then per step (0-based i) the
/// heading on line 3 + 2i and one line of text on line 4 + 2i.
fn minimal() -> Vec<String> {
    let mut lines = vec!["# Lesson".to_string(), String::new()];
    for id in Step::all() {
        lines.push(format!("## {}. Step {id} {{#{id}}}", id.number()));
        lines.push(format!("Text of {id}."));
    }
    lines
}

fn parse_lines(lines: &[String]) -> Result<Lesson, LessonError> {
    parse("bad.md", &lines.join("\n"), Lang::En)
}

/// Replaces 1-based line `line` of the minimal lesson and expects an error there.
fn error_with(line: usize, replacement: &str) -> LessonError {
    let mut lines = minimal();
    lines[line - 1] = replacement.to_string();
    parse_lines(&lines).expect_err("malformed lesson must fail")
}

fn assert_error(error: LessonError, line: usize, needle: &str) {
    assert_eq!(error.file, "bad.md", "{error}");
    assert_eq!(error.line, line, "{error}");
    assert!(error.message.contains(needle), "{error}: wanted `{needle}`");
    assert!(error.to_string().starts_with(&format!("bad.md:{line}: ")));
}

#[test]
fn minimal_lesson_parses() {
    let lesson = parse_lines(&minimal()).expect("valid");
    assert_eq!(lesson.steps.len(), Step::COUNT);
    assert_eq!(lesson.steps[1].title, "Step pid-1");
    assert_eq!(lesson.steps[1].text, "Text of pid-1.");
    assert_eq!(lesson.intro, "# Lesson");
}

#[test]
fn heading_without_id() {
    assert_error(error_with(5, "## 2. PID 1"), 5, "without an `{#id}`");
}

#[test]
fn empty_or_invalid_id() {
    assert_error(error_with(5, "## 2. PID 1 {#}"), 5, "invalid step id ``");
    assert_error(
        error_with(5, "## 2. PID 1 {#PID_1}"),
        5,
        "invalid step id `PID_1`",
    );
}

#[test]
fn duplicate_id() {
    assert_error(
        error_with(5, "## 2. Again {#namespaces}"),
        5,
        "duplicate step id `namespaces`",
    );
}

#[test]
fn unknown_id() {
    assert_error(
        error_with(7, "## 3. X {#pid-one}"),
        7,
        "unknown step id `pid-one`",
    );
}

#[test]
fn step_out_of_order_names_the_missing_one() {
    let error = error_with(5, "## 2. X {#pid-namespace}");
    assert_error(error, 5, "step `pid-1` is missing before it");
}

#[test]
fn steps_missing_at_the_end() {
    let mut lines = minimal();
    lines.truncate(lines.len() - 4); // drop the last two steps
    let last = lines.len();
    let missing = format!("{}, {}", Step::SetTid, Step::Summary);
    assert_error(parse_lines(&lines).expect_err("fails"), last, &missing);
}

#[test]
fn wrong_step_number() {
    assert_error(
        error_with(5, "## 3. PID 1 {#pid-1}"),
        5,
        "numbered 3, expected 2",
    );
}

#[test]
fn empty_title() {
    assert_error(error_with(5, "## 2. {#pid-1}"), 5, "empty title");
    assert_error(error_with(5, "## {#pid-1}"), 5, "empty title");
}

#[test]
fn empty_text_is_reported_at_the_heading() {
    assert_error(error_with(6, ""), 5, "step `pid-1` has no text");
    let last = minimal().len();
    assert_error(
        error_with(last, "<!-- live: {lab_processes_left} -->"),
        last - 1,
        "`summary` has no text",
    );
}

#[test]
fn unclosed_directive() {
    let error = error_with(6, "<!-- live: pid {getpid}");
    assert_error(error, 6, "unclosed `<!--` directive");
}

#[test]
fn unknown_directive() {
    assert_error(
        error_with(6, "<!-- foo: bar -->"),
        6,
        "unknown directive `foo:`",
    );
    assert_error(
        error_with(6, "<!--lve: {getpid} -->"),
        6,
        "unknown directive `lve:`",
    );
}

#[test]
fn placeholder_never_closed() {
    let error = error_with(6, "<!-- live: pid {getpid is 1 -->");
    assert_error(error, 6, "never closed");
    let error = error_with(6, "<!-- live: pid {getpid is {proc_self} -->");
    assert_error(error, 6, "never closed");
    assert_error(error_with(6, "<!-- live: {} -->"), 6, "invalid placeholder");
}

#[test]
fn directive_before_the_first_step() {
    assert_error(
        error_with(2, "<!-- nix: foo() -->"),
        2,
        "before the first step",
    );
}

#[test]
fn second_nix_directive() {
    let mut lines = minimal();
    lines.insert(5, "<!-- nix: a() -->".into());
    lines.insert(5, "<!-- nix: b() -->".into());
    assert_error(parse_lines(&lines).expect_err("fails"), 7, "second `nix:`");
}

#[test]
fn plain_comments_are_dropped_and_unclosed_ones_reported() {
    let mut lines = minimal();
    lines.insert(5, "<!-- a note".into());
    lines.insert(6, "for editors -->".into());
    let lesson = parse_lines(&lines).expect("closed comment is fine");
    assert_eq!(lesson.steps[1].text, "Text of pid-1.");
    assert_error(
        error_with(6, "<!-- a note, never closed"),
        6,
        "unclosed `<!--` comment",
    );
}

#[test]
fn headings_inside_code_fences_are_text() {
    let mut lines = minimal();
    for (offset, line) in [
        "```sh",
        "## not a heading {#summary}",
        "<!-- foo: x -->",
        "```",
    ]
    .into_iter()
    .enumerate()
    {
        lines.insert(5 + offset, line.to_string());
    }
    let lesson = parse_lines(&lines).expect("fenced lines are text");
    assert!(lesson.steps[1].text.contains("## not a heading"));
    assert_eq!(lesson.steps.len(), Step::COUNT);
    let mut open = minimal();
    open.insert(5, "~~~".into());
    assert_error(parse_lines(&open).expect_err("fails"), 6, "never closed");
}

#[test]
fn tui_passages_are_kept_for_the_tui_only() {
    let mut lines = minimal();
    lines.insert(5, "<!-- tui: end -->".into());
    lines.insert(5, "Press s.".into());
    lines.insert(5, "<!-- tui: begin -->".into());
    let lesson = parse_lines(&lines).expect("valid");
    assert_eq!(lesson.steps[1].text, "Press s.\nText of pid-1.");
    assert_eq!(lesson.steps[1].walk_text, "Text of pid-1.");

    let mut open = minimal();
    open.insert(5, "<!-- tui: begin -->".into());
    assert_error(
        parse_lines(&open).expect_err("fails"),
        6,
        "not ended before the next step",
    );
    assert_error(
        error_with(6, "<!-- tui: end -->"),
        6,
        "without `tui: begin`",
    );
    assert_error(
        error_with(6, "<!-- tui: maybe -->"),
        6,
        "expected `<!-- tui: begin -->`",
    );
    let last = minimal().len();
    let mut unended = minimal();
    unended.insert(last, "<!-- tui: begin -->".into());
    assert_error(
        parse_lines(&unended).expect_err("fails"),
        last + 1,
        "never ended",
    );
}

#[test]
fn yes_no_placeholders_need_two_wordings() {
    assert_error(
        error_with(6, "<!-- live: {same?yes} -->"),
        6,
        "two wordings",
    );
    assert_error(
        error_with(6, "<!-- live: {same?a|b|c} -->"),
        6,
        "two wordings",
    );
    let mut lines = minimal();
    lines.insert(5, "<!-- live: mounts {same?unchanged|CHANGED} -->".into());
    let lesson = parse_lines(&lines).expect("valid");
    assert_eq!(lesson.steps[1].live, ["mounts {same?unchanged|CHANGED}"]);
}

#[test]
fn live_and_nix_directives_are_collected() {
    let mut lines = minimal();
    lines.insert(
        5,
        "<!-- live: PID {getpid}, /proc/self {proc_self} -->".into(),
    );
    lines.insert(5, "  <!-- nix: nix::unistd::getpid() -->".into());
    let lesson = parse_lines(&lines).expect("valid");
    let step = &lesson.steps[1];
    assert_eq!(step.live, ["PID {getpid}, /proc/self {proc_self}"]);
    assert_eq!(step.nix.as_deref(), Some("nix::unistd::getpid()"));
    assert_eq!(step.text, "Text of pid-1.");
}

// ---- speaker notes -------------------------------------------------------------------

/// Every step carries notes in both languages (what to say, what the audience should
/// see, a pitfall), and none of it leaks into the text the audience reads.
#[test]
fn every_step_has_speaker_notes_kept_out_of_its_text() {
    for lang in Lang::ALL {
        for step in load(lang).steps {
            let notes = step
                .notes
                .as_ref()
                .unwrap_or_else(|| panic!("{lang} {}: no notes", step.step));
            for (field, text) in [
                ("say", &notes.say),
                ("see", &notes.see),
                ("avoid", &notes.avoid),
            ] {
                // Columns, not characters: Korean says as much in half the characters.
                assert!(
                    unicode_width::UnicodeWidthStr::width(text.as_str()) >= 60,
                    "{lang} {} {field}: too short to help: {text}",
                    step.step
                );
                let start: String = text.chars().take(30).collect();
                assert!(
                    !step.text.contains(&start),
                    "{lang} {} {field}: in the step's text",
                    step.step
                );
            }
            assert!(
                !step.text.contains("notes:") && !step.text.contains("-->"),
                "{lang} {}",
                step.step
            );
        }
    }
}

/// `walk` prints the lesson as the audience reads it: no note of the speaker's appears.
#[test]
fn walk_never_prints_the_notes() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pidns-tutor"))
        .args(["walk", "--replay"])
        .output()
        .expect("walk runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for step in load(Lang::En).steps {
        let notes = step.notes.expect("notes");
        let start: String = notes.say.chars().take(40).collect();
        assert!(!text.contains(&start), "{}: {start}", step.step);
    }
}

#[test]
fn notes_blocks_parse_and_their_mistakes_name_a_line() {
    let mut lines = minimal();
    for (offset, line) in [
        "<!-- notes:",
        "say: hello",
        "  world",
        "see: a tree",
        "avoid: a trap -->",
    ]
    .into_iter()
    .enumerate()
    {
        lines.insert(5 + offset, line.to_string());
    }
    let lesson = parse_lines(&lines).expect("valid notes");
    let notes = lesson.steps[1].notes.as_ref().expect("notes");
    assert_eq!(notes.say, "hello world");
    assert_eq!(notes.avoid, "a trap");
    assert_eq!(lesson.steps[1].text, "Text of pid-1.");
    assert!(lesson.steps[0].notes.is_none());

    let one_line = error_with(6, "<!-- notes: say: a see: b -->");
    assert_error(one_line, 6, "without `see:`");
    let mut unclosed = minimal();
    unclosed.insert(5, "<!-- notes:".into());
    unclosed.insert(6, "say: never closed".into());
    assert_error(
        parse_lines(&unclosed).expect_err("fails"),
        6,
        "unclosed `<!-- notes:`",
    );
    let mut twice = lines.clone();
    twice.insert(10, "<!-- notes: say: x".into());
    twice.insert(11, "see: y".into());
    twice.insert(12, "avoid: z -->".into());
    assert_error(
        parse_lines(&twice).expect_err("fails"),
        11,
        "second `notes:` block in step `pid-1`",
    );
    let mut typo = lines.clone();
    typo[7] = "sea: a tree".into();
    assert_error(
        parse_lines(&typo).expect_err("fails"),
        8,
        "unknown notes field `sea:`",
    );
    assert_error(
        error_with(2, "<!-- notes: say: a -->"),
        2,
        "before the first step",
    );
}

// ---- the parsed text -------------------------------------------------------------------

/// Every run of text in `blocks`, with whether it is code (recursively).
fn runs(blocks: &[Block], out: &mut Vec<(String, bool)>) {
    for block in blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph(text) => {
                for inline in text {
                    if let Inline::Text { text, marks } = inline {
                        out.push((text.clone(), marks.code));
                    }
                }
            }
            Block::List { items, .. } => items.iter().for_each(|item| runs(item, out)),
            Block::Aside(inner) | Block::TuiOnly(inner) => runs(inner, out),
            Block::Code { .. } | Block::Rule => {}
        }
    }
}

#[test]
fn markdown_marks_are_all_read_in_both_languages() {
    // An emphasis pulldown-cmark does not close (CommonMark's flanking rules, next to
    // Korean particles) would show its stars in the TUI: none may be left.
    for lang in Lang::ALL {
        let lesson = load(lang);
        let mut all = Vec::new();
        runs(&lesson.intro_blocks, &mut all);
        for step in &lesson.steps {
            runs(&step.blocks, &mut all);
        }
        for (text, code) in all.iter().filter(|(_, code)| !code) {
            assert!(
                !text.contains("**") && !text.contains('`') && !text.contains("~~"),
                "{lang}: unread markdown in {text:?} (code: {code})"
            );
        }
    }
}

#[test]
fn the_live_paragraph_goes_to_the_live_box_with_its_tui_line() {
    for (lang, tui_line) in [(Lang::En, "right-hand tree"), (Lang::Ko, "오른쪽 트리")] {
        for step in load(lang).steps {
            let (kept, live) = lesson::text::split_live(&step.blocks);
            let live = live.unwrap_or_else(|| panic!("{lang} {}: no live paragraph", step.step));
            assert!(!kept.iter().any(|b| b.is_live()), "{lang} {}", step.step);
            let words = lesson::text::words(&live);
            assert!(!words.starts_with(' '), "{lang} {}: {words}", step.step);
            if step.step == Step::ProcLeak {
                assert!(words.contains(tui_line), "{lang}: {words}");
            }
        }
    }
}

#[test]
fn tilde_fences_are_code_and_tui_markers_stay_at_the_top_level() {
    let mut lines = minimal();
    for (offset, line) in ["~~~text", "1 (init)", "~~~"].into_iter().enumerate() {
        lines.insert(5 + offset, line.to_string());
    }
    let lesson = parse_lines(&lines).expect("valid");
    assert_eq!(
        lesson.steps[1].blocks[0],
        Block::Code {
            lang: Some("text".into()),
            lines: vec!["1 (init)".into()],
        }
    );
    let mut nested = minimal();
    nested.insert(5, "- an item".into());
    nested.insert(6, "  <!-- tui: begin -->".into());
    nested.insert(7, "  <!-- tui: end -->".into());
    assert_error(
        parse_lines(&nested).expect_err("fails"),
        7,
        "not inside a list",
    );
    // A fence in a list item that the item's end cuts off is never closed either.
    let mut cut = minimal();
    cut.insert(5, "- an item".into());
    cut.insert(6, "  ```sh".into());
    cut.insert(7, "  ls".into());
    assert_error(parse_lines(&cut).expect_err("fails"), 7, "never closed");
}
