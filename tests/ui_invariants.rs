//! What must hold on every screen, whatever the size (80x24, 100x30, 120x36, 160x48), the
//! language, stage mode or not, live or recorded, `--ascii` or not, before a step runs and
//! after (and at orphan-reaping, before and after the kill), and with a question open (a
//! step's prediction, the summary's quiz), over the panes or on stage:
//! - the status bar keeps `?` and `q`, and the step's number;
//! - no word is cut mid-word at a pane's edge: every word that ends at an edge is whole
//!   (it is found whole on the same screen drawn very wide), or ends in an ellipsis, or
//!   was broken after a `/`, `:`, `(` and the like because it is longer than a line;
//! - `--ascii` draws nothing but ASCII (and Korean letters, in Korean);
//! - the code pane is shown only at a step the program has lines for, and then shows
//!   some of them;
//! - stage mode shows the step's number on its first line and no lesson pane;
//! - an open question's box shows its prompt, inside the screen (on stage, below the
//!   banner), and cuts no word of its own; the panes under it are not judged where it
//!   hides them.
//!
//! The facts come from the bundled recording: real observations, no namespace needed.

mod render_support;

use clap::ValueEnum;
use pidns_tutor::app::{App, Geometry, Pane, ThemeName};
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::{Step, code_lines_for};
use pidns_tutor::record::Replayer;
use pidns_tutor::words;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use render_support::*;
use std::collections::HashSet;

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (120, 36), (160, 48)];
/// The size the reference screens are drawn at: wide enough that nothing is cut.
const WIDE: (u16, u16) = (400, 120);

/// A word, without the punctuation around it, for comparing.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Every word on a screen, bare.
fn words_of(screen: &str, into: &mut HashSet<String>) {
    for word in screen.split_whitespace() {
        let word = bare(word);
        if !word.is_empty() {
            into.insert(word.to_string());
        }
    }
}

/// Words that only narrow screens use: the short forms of markers and labels.
fn short_words(lang: Lang) -> HashSet<String> {
    let mut out = HashSet::new();
    for text in [
        words::tree::TUTOR_MARKER_SHORT,
        words::tree::TUTOR_MARKER_RECORDED_SHORT,
        words::shell::REPARENTED_SHORT,
        words::tree::AGENT_MARKER_SHORT,
        words::tree::ORPHAN_SHORT,
        words::tree::MARK_MOVED_SHORT,
        words::tree::TO_BE_KILLED_SHORT,
        words::tree::LEAK_AGENT_SHORT,
        words::tree::LEAK_INIT_SHORT,
    ] {
        words_of(text.get(lang), &mut out);
    }
    for text in ["RECORDED", "LIVE"] {
        words_of(text, &mut out);
    }
    out
}

/// Whether a word that ends at a pane's edge is whole.
fn whole(word: &str, known: &HashSet<String>) -> bool {
    if word.ends_with('…') || word.ends_with("...") {
        return true;
    }
    // Longer than a line, broken where it reads best.
    if word.ends_with(['/', ':', '.', ',', '(', '|', '-', '=']) {
        return true;
    }
    let bare = bare(word);
    bare.is_empty() || bare.chars().all(|c| c.is_ascii_digit()) || known.contains(bare)
}

/// The last word of each row of `inner` that touches its right edge.
fn edge_words(buffer: &Buffer, inner: Rect) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    if inner.width == 0 {
        return out;
    }
    for y in inner.top()..inner.bottom() {
        let last = buffer[(inner.right() - 1, y)].symbol();
        // The second half of a wide character is blank: look one further left.
        let at_edge = !last.trim().is_empty()
            || (inner.width > 1 && {
                let before = buffer[(inner.right() - 2, y)].symbol();
                unicode_width::UnicodeWidthStr::width(before) == 2
            });
        if !at_edge {
            continue;
        }
        let text = row(buffer, y, inner.left(), inner.right());
        if let Some(word) = text.split_whitespace().last() {
            out.push((y, word.to_string()));
        }
    }
    out
}

/// The insides of every pane on screen (within the borders) and the bars.
fn regions(geometry: &Geometry, size: (u16, u16)) -> Vec<(String, Rect)> {
    let mut out = Vec::new();
    let inner = |r: Rect| Rect {
        x: r.x + 1,
        y: r.y + 1,
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    };
    for pane in Pane::ALL {
        let area = geometry.of(pane).area;
        if !area.is_empty() {
            out.push((format!("{pane:?}"), inner(area)));
        }
    }
    if !geometry.live.is_empty() {
        out.push(("live".into(), inner(geometry.live)));
    }
    out.push(("status".into(), Rect::new(0, size.1 - 1, size.0, 1)));
    // The question's text, inside its borders and a column of room either side.
    let question = inner(geometry.question);
    if !question.is_empty() {
        out.push((
            "question".into(),
            Rect {
                x: question.x + 1,
                width: question.width.saturating_sub(2),
                ..question
            },
        ));
    }
    out
}

/// Whether the cell at the right edge of `inner`, row `y`, is hidden by the question's
/// box (a region is never hidden by itself).
fn hidden(geometry: &Geometry, name: &str, inner: Rect, y: u16) -> bool {
    name != "question"
        && !inner.is_empty()
        && geometry
            .question
            .contains(ratatui::layout::Position::new(inner.right() - 1, y))
}

fn is_korean(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Checks one screen; returns what is wrong with it.
fn check(app: &App, known: &HashSet<String>, what: &str) -> Vec<String> {
    let (buffer, geometry) = render_with_geometry(app);
    let screen = text(&buffer);
    let mut wrong = Vec::new();
    let size = app.size;
    let key_help = words::status::KEY_HELP.get(app.lang);
    let key_quit = words::status::KEY_QUIT.get(app.lang);

    let status = row(&buffer, size.1 - 1, 0, size.0);
    let help = status.contains(&format!("? {key_help}")) || status.contains(" ? ");
    let quit = status.contains(&format!("q {key_quit}")) || status.contains(" q ");
    if !help || !quit {
        wrong.push(format!("{what}: the status bar lost ? or q: {status:?}"));
    }
    let counter = format!("{}/{}", app.step.number(), Step::COUNT);
    let on_top = app.talk && screen.starts_with(&format!(" {counter}"));
    if !(status.contains(&counter) || on_top) {
        wrong.push(format!(
            "{what}: the step number is not on screen: {status:?}"
        ));
    }

    for (name, inner) in regions(&geometry, size) {
        for (y, word) in edge_words(&buffer, inner) {
            if !whole(&word, known) && !hidden(&geometry, &name, inner, y) {
                let line = row(&buffer, y, inner.left(), inner.right());
                wrong.push(format!("{what}: {name} cuts {word:?} at row {y}: {line:?}"));
            }
        }
    }

    if *app.symbols == pidns_tutor::symbols::Symbols::ASCII {
        let odd: String = screen
            .chars()
            .filter(|&c| !(c.is_ascii() || (app.lang == Lang::Ko && is_korean(c))))
            .collect();
        if !odd.is_empty() {
            wrong.push(format!("{what}: --ascii drew {odd:?}"));
        }
    }

    let code = geometry.of(Pane::Code).area;
    let hits = code_lines_for(app.step);
    if hits.is_empty() && !code.is_empty() && !app.zoom {
        wrong.push(format!("{what}: a code pane with none of the step's lines"));
    }
    if !code.is_empty() && !hits.is_empty() && code.height > 4 {
        let shown = (code.top() + 1..code.bottom() - 1).any(|y| {
            let line = row(&buffer, y, code.left() + 1, code.right() - 1);
            let number = line.split_whitespace().next().unwrap_or_default();
            number.parse().is_ok_and(|n: usize| hits.contains(&n))
        });
        if !shown {
            wrong.push(format!("{what}: the code pane hides the step's lines"));
        }
    }

    if app.talk {
        if !screen.starts_with(&format!(" {counter}")) {
            wrong.push(format!(
                "{what}: stage mode without the step's number on top"
            ));
        }
        if !geometry.of(Pane::Lesson).area.is_empty() {
            wrong.push(format!("{what}: stage mode shows the lesson"));
        }
    }

    if let Some(view) = app.question() {
        let boxed = geometry.question;
        let prompt = view.prompt.split_whitespace().next().unwrap_or_default();
        let inside = Rect::new(0, 0, size.0, size.1);
        if boxed.is_empty() || boxed.intersection(inside) != boxed {
            wrong.push(format!(
                "{what}: the question's box {boxed:?} is not on screen"
            ));
        } else if !screen.contains(prompt) {
            wrong.push(format!("{what}: the question's prompt is not on screen"));
        } else if app.talk && boxed.y == 0 {
            wrong.push(format!("{what}: on stage, the question hides the banner"));
        }
    }
    wrong
}

/// Every size, language, mode and source, each step before and after its run. The two
/// languages are checked on threads of their own: it is all drawing, and a debug build
/// draws slowly (half the time of the test binaries on two cores).
#[test]
fn every_screen_keeps_its_promises() {
    let replayer = bundled();
    let (mut wrong, mut screens, mut questions) = (Vec::new(), 0, 0);
    std::thread::scope(|scope| {
        let checks: Vec<_> = Lang::ALL
            .map(|lang| {
                let replayer = &replayer;
                scope.spawn(move || screens_in(lang, replayer))
            })
            .into_iter()
            .collect();
        for check in checks {
            let (w, s, q) = check.join().expect("a language's check panicked");
            wrong.extend(w);
            screens += s;
            questions += q;
        }
    });
    assert!(screens > 1000, "{screens}");
    assert!(questions > 100, "{questions}");
    assert!(
        wrong.is_empty(),
        "{} problems, the first ones:\n{}",
        wrong.len(),
        wrong
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// What `every_screen_keeps_its_promises` finds wrong in `lang`, and how many screens and
/// questions it looked at.
fn screens_in(lang: Lang, replayer: &Replayer) -> (Vec<String>, usize, usize) {
    let mut wrong = Vec::new();
    let mut screens = 0;
    let mut questions = 0;
    let short = short_words(lang);
    for (stage, live, ascii) in [
        (false, false, false),
        (false, true, false),
        (true, false, false),
        (true, true, false),
        (false, false, true),
        (true, true, true),
    ] {
        for step in Step::all() {
            // Not run, run, and run twice (at orphan-reaping: before, after); then
            // with its question open: the prediction before the run, or at the
            // summary the quiz after it.
            for runs in 0..4 {
                let setup = Setup {
                    talk: stage,
                    live,
                    ascii,
                    ..Setup::new(lang, WIDE)
                };
                let asks = pidns_tutor::steps::def(step).prediction.is_some();
                let mut app = match runs {
                    3 if asks => app_with(setup, replayer, step, 0),
                    3 if step == Step::Summary => app_with(setup, replayer, step, 1),
                    3 => continue,
                    _ => app_with(setup, replayer, step, runs),
                };
                if runs == 3 {
                    key(
                        &mut app,
                        replayer,
                        ratatui::crossterm::event::KeyCode::Enter,
                    );
                    assert!(app.question().is_some(), "{step}: no question open");
                    questions += 1;
                }
                let mut known = short.clone();
                words_of(&text(&render(&app)), &mut known);
                for size in SIZES {
                    app.update(
                        pidns_tutor::app::Msg::Resize(size.0, size.1),
                        std::time::Instant::now(),
                    );
                    let what = format!(
                        "{} {}x{} stage={stage} live={live} ascii={ascii} step {step} runs {runs}",
                        lang.code(),
                        size.0,
                        size.1
                    );
                    wrong.extend(check(&app, &known, &what));
                    screens += 1;
                }
            }
        }
    }
    (wrong, screens, questions)
}

/// Every theme (and NO_COLOR) draws the same words: colour is never the only carrier.
#[test]
fn every_theme_draws_the_same_words() {
    let replayer = bundled();
    for lang in Lang::ALL {
        for size in [(80, 24), (100, 30)] {
            let mut screens = Vec::new();
            for theme in ThemeName::value_variants() {
                for no_color in [false, true] {
                    let setup = Setup {
                        theme: *theme,
                        no_color,
                        ..Setup::new(lang, size)
                    };
                    let app = app_with(setup, &replayer, Step::OrphanReaping, 2);
                    screens.push(text(&render(&app)));
                }
            }
            assert!(
                screens.windows(2).all(|w| w[0] == w[1]),
                "{lang:?} {size:?}: themes differ in what they say"
            );
        }
    }
}
